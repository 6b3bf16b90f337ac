/**
 * The engine's side of the compiled kernel: the kernel spec of a stack of layers, and a `Trainer`
 * that drives a kernel with `fit`'s batch loop: the same shuffles of the same sample order, the
 * same batches ("use" and "carry"), the same losses, weights and SGD velocities.
 */
import { leakyReluAlpha, linear, relu, sigmoid, tanh } from "../activations";
import { Layer } from "../layer";
import { Dense } from "../layers";
import { binaryCrossentropy, halfSquared, Loss, mse } from "../losses";
import { Matrix } from "../matrix";
import { Optimizer, SGD } from "../optimizers";
import { Rng } from "../rng";
import { Trainer } from "../trainer";
import { Kernel } from "./kernel";
import { ActivationKind, compilable, KernelSpec, LayerSpec, LossKind } from "./spec";

const ACTIVATIONS: [unknown, ActivationKind][] = [[linear, "linear"], [relu, "relu"], [sigmoid, "sigmoid"], [tanh, "tanh"]];
const LOSSES: [unknown, LossKind][] = [[mse, "mse"], [halfSquared, "halfSquared"], [binaryCrossentropy, "binaryCrossentropy"]];

/** The layers as kernel layer specs, or why they cannot be compiled. */
export function layerSpecs(layers: Layer[]): LayerSpec[] | string {
  const specs: LayerSpec[] = [];
  for (const [i, layer] of layers.entries()) {
    if (!(layer instanceof Dense) || !layer.built) return `layer ${i} is not a built Dense layer`;
    const act = layer.activation;
    const known = ACTIVATIONS.find(([a]) => a === act);
    const alpha = leakyReluAlpha(act);
    if (!known && alpha === undefined) return `layer ${i} has activation ${act.name}, which is not compiled`;
    specs.push({ units: layer.units, activation: known ? known[1] : "leakyRelu", alpha: alpha ?? 0, useBias: layer.useBias });
  }
  return specs;
}

/** The spec of a kernel that trains `layers` with `loss` and `optimizer` on up to `maxRows` rows a step, or why it cannot be compiled. */
export function specFor(layers: Layer[], loss: Loss, optimizer: Optimizer, maxRows: number): KernelSpec | string {
  const specs = layerSpecs(layers);
  if (typeof specs === "string") return specs;
  const kind = LOSSES.find(([l]) => l === loss);
  if (!kind) return `loss ${loss.name} is not compiled`;
  if (!(optimizer instanceof SGD)) return `optimizer ${optimizer.name} is not compiled; only SGD is`;
  const spec: KernelSpec = {
    inputDim: layers[0].inputDim as number,
    layers: specs,
    loss: kind[1],
    logits: kind[1] === "binaryCrossentropy" && layers[layers.length - 1].activation === sigmoid,
    optimizer: { kind: "sgd", learningRate: optimizer.learningRate, momentum: optimizer.momentum, nesterov: optimizer.nesterov },
    maxRows,
  };
  const ok = compilable(spec);
  return ok === true ? spec : ok;
}

/** A trainer that runs each batch's forward pass, backward pass and SGD step in a compiled kernel. */
export class CompiledTrainer implements Trainer {
  readonly output: Float64Array;
  readonly targets: Float64Array;
  readonly kernelGrads: Float64Array[];
  loss = NaN;
  private readonly n: number;
  private start = 0;
  private pending = 0;

  /** A trainer for `spec` (from `specFor`, so the layers are Dense and the optimizer SGD) on `data`. */
  constructor(
    private readonly kernel: Kernel,
    private readonly layers: Dense[],
    private readonly optimizer: SGD,
    data: { X: Matrix; y: Matrix },
    private readonly batchSize: number,
    private readonly carry: boolean,
  ) {
    this.n = data.X.rows;
    kernel.setData(data.X.data, data.y.data);
    this.output = kernel.output();
    this.targets = kernel.targets();
    this.kernelGrads = layers.map((_, l) => kernel.kernelGrad(l));
  }

  startEpoch(rng: Rng | null): void {
    const { kernel, optimizer } = this;
    this.layers.forEach((layer, l) => {
      kernel.setWeights(l, layer.kernel, layer.bias);
      if (optimizer.momentum) kernel.setVelocities(l, optimizer.velocity(layer.kernel), layer.useBias ? optimizer.velocity(layer.bias) : layer.bias);
    });
    if (rng) rng.shuffle(kernel.order);
    this.start = 0;
  }

  next(onGradients: () => void): number {
    const { kernel, batchSize, n } = this;
    const start = this.start;
    if (start >= n) return 0;
    const size = Math.min(batchSize, n - start);
    this.start += batchSize;
    if (this.carry && size < batchSize) {
      // Playground's carry: these rows open the next epoch's first batch, from the room before the order.
      kernel.indices.copyWithin(kernel.carryRoom - size, kernel.carryRoom + start, kernel.carryRoom + start + size);
      this.pending = size;
      return 0;
    }
    const rows = this.pending + size;
    this.loss = kernel.step(start - this.pending, rows);
    this.pending = 0;
    onGradients();
    return rows;
  }

  endEpoch(keep: boolean): void {
    const { kernel, optimizer } = this;
    this.layers.forEach((layer, l) => {
      if (keep) kernel.getWeights(l, layer.kernel, layer.bias);
      if (optimizer.momentum) kernel.getVelocities(l, optimizer.velocity(layer.kernel), layer.useBias ? optimizer.velocity(layer.bias) : layer.bias);
    });
  }
}

/** The compiled trainer for one `fit`, or null when the network, loss or optimizer is not compiled. */
export function compiledTrainer(layers: Layer[], loss: Loss, optimizer: Optimizer, data: { X: Matrix; y: Matrix }, batchSize: number, carry: boolean): Trainer | null {
  const n = data.X.rows;
  // The reference's Batches reports a carry that cannot work.
  if (carry && n < batchSize) return null;
  const spec = specFor(layers, loss, optimizer, carry ? 2 * batchSize - 1 : Math.min(batchSize, n));
  if (typeof spec === "string") return null;
  return new CompiledTrainer(new Kernel(spec, n), layers as Dense[], optimizer as SGD, data, batchSize, carry);
}
