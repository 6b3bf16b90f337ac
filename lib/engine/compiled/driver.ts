/**
 * Drives a compiled kernel with `fit`'s batch loop, through the model's public fields only:
 * the same shuffles from the model's Rng, the same batches ("use" and "carry"), the same loss
 * sums. The engine's own `fit` is the reference; this is what tests and the bench compare to it
 * until `fit` calls the kernel itself.
 */
import { linear, relu, sigmoid, tanh, DEFAULT_LEAKY_ALPHA } from "../activations";
import { binaryCrossentropy, halfSquared, mse } from "../losses";
import { Matrix } from "../matrix";
import { Sequential } from "../model";
import { SGD } from "../optimizers";
import { Kernel } from "./kernel";
import { ActivationKind, compilable, KernelSpec, LayerSpec, LossKind } from "./spec";

/** The kernel spec of a compiled, built model, or why it cannot be compiled. */
export function specFor(model: Sequential, maxRows: number): KernelSpec | string {
  const layers: LayerSpec[] = [];
  for (const [i, layer] of model.layers.entries()) {
    const act = layer.activation;
    const known: [unknown, ActivationKind][] = [[linear, "linear"], [relu, "relu"], [sigmoid, "sigmoid"], [tanh, "tanh"]];
    const found = known.find(([a]) => a === act);
    const leaky = /^leakyRelu(?:\((.+)\))?$/.exec(act.name);
    if (!found && !leaky) return `layer ${i} has activation ${act.name}, which is not compiled`;
    const alpha = leaky ? (leaky[1] === undefined ? DEFAULT_LEAKY_ALPHA : Number(leaky[1])) : 0;
    layers.push({ units: layer.units, activation: found ? found[1] : "leakyRelu", alpha, useBias: layer.useBias });
  }
  const losses: [unknown, LossKind][] = [[mse, "mse"], [halfSquared, "halfSquared"], [binaryCrossentropy, "binaryCrossentropy"]];
  const loss = losses.find(([l]) => l === model.loss);
  if (!loss) return `loss ${model.loss?.name} is not compiled`;
  const opt = model.optimizer;
  if (!(opt instanceof SGD)) return `optimizer ${opt?.name} is not compiled; only SGD is`;
  const inputDim = model.inputDim;
  if (inputDim === undefined) return "the model is not built";
  const spec: KernelSpec = {
    inputDim,
    layers,
    loss: loss[1],
    logits: loss[1] === "binaryCrossentropy" && layers[layers.length - 1].activation === "sigmoid",
    optimizer: { kind: "sgd", learningRate: opt.learningRate, momentum: opt.momentum, nesterov: opt.nesterov },
    maxRows,
  };
  const ok = compilable(spec);
  return ok === true ? spec : ok;
}

/** Options of `fitCompiled`: `fit`'s names and defaults. */
export interface CompiledFitArgs {
  epochs?: number;
  batchSize?: number;
  shuffle?: boolean;
  partialBatch?: "use" | "carry";
  recordGradients?: boolean;
}

/** What `fitCompiled` returns: per epoch, the loss, each metric, and (if recorded) each layer's mean |dL/dW|. */
export interface CompiledHistory {
  loss: number[];
  metrics: number[][];
  gradientSize: number[][];
}

/**
 * Trains `model` (compiled, built, with a fresh optimizer) on X [n, d] and y [n, k] as `fit`
 * does, in a kernel; the weights end in the model's layers. Throws if the model cannot be compiled.
 */
export function fitCompiled(model: Sequential, X: Matrix, y: Matrix, args: CompiledFitArgs = {}): CompiledHistory {
  const { epochs = 1, batchSize = 32, shuffle = true, partialBatch = "use", recordGradients = false } = args;
  const carry = partialBatch === "carry";
  const n = X.rows;
  const k = y.cols;
  const spec = specFor(model, carry ? 2 * batchSize - 1 : Math.min(batchSize, n));
  if (typeof spec === "string") throw new Error(`fitCompiled: ${spec}`);
  const kernel = new Kernel(spec, n);
  kernel.setData(X.data, y.data);
  model.layers.forEach((layer, l) => kernel.setWeights(l, layer.kernel, layer.bias));
  const history: CompiledHistory = { loss: [], metrics: model.metrics.map(() => []), gradientSize: [] };
  const grads = model.layers.map((_, l) => kernel.kernelGrad(l));
  const output = kernel.output();
  const targets = kernel.targets();
  let pending = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    if (shuffle) model.rng.shuffle(kernel.order);
    const correct = model.metrics.map(() => 0);
    const gradientSums = new Float64Array(model.layers.length);
    let lossSum = 0;
    let seen = 0;
    let steps = 0;
    for (let start = 0; start < n; start += batchSize) {
      const size = Math.min(batchSize, n - start);
      if (carry && size < batchSize) {
        kernel.indices.copyWithin(kernel.carryRoom - size, kernel.carryRoom + start, kernel.carryRoom + start + size);
        pending = size;
        break;
      }
      const batch = pending + size;
      lossSum += batch * kernel.step(start - pending, batch);
      pending = 0;
      model.metrics.forEach((m, i) => (correct[i] += m.countCorrect(output, targets, batch * k)));
      if (recordGradients) {
        grads.forEach((g, l) => {
          let s = 0;
          for (let i = 0; i < g.length; i++) s += Math.abs(g[i]);
          gradientSums[l] += s / g.length;
        });
      }
      seen += batch;
      steps++;
    }
    history.loss.push(lossSum / seen);
    model.metrics.forEach((_, i) => history.metrics[i].push(correct[i] / (seen * k)));
    if (recordGradients) history.gradientSize.push(Array.from(gradientSums, (s) => s / steps));
  }
  model.layers.forEach((layer, l) => kernel.getWeights(l, layer.kernel, layer.bias));
  return history;
}
