import { sigmoid } from "./activations";
import { Logs } from "./history";
import { Layer } from "./layer";
import { binaryCrossentropy, Loss } from "./losses";
import { Matrix } from "./matrix";
import { Metric } from "./metrics";

/** The trainable arrays of a stack of layers, their gradients, and which are kernels, in `getWeights` order. */
export interface Parameters {
  /** Every layer's weights, input side first: W1, b1, W2, b2, ... */
  params: Float64Array[];
  /** The gradient of each, same order. */
  grads: Float64Array[];
  /** True for a kernel W, false for a bias b (regularization applies to kernels only). */
  kernels: boolean[];
}

/** Forward pass of `rows` rows of `input` through every layer; the output is the last layer's a. */
export function runLayers(layers: Layer[], input: Float64Array, rows: number): void {
  let x = input;
  for (const layer of layers) {
    layer.reserve(rows);
    layer.forward(x, rows);
    x = layer.a;
  }
}

/** True when the output is sigmoid and the loss is cross-entropy: then both are computed from z, stably. */
export function usesLogits(layers: Layer[], loss: Loss): boolean {
  return loss === binaryCrossentropy && layers[layers.length - 1].activation === sigmoid;
}

/** Forward pass of a batch and its mean loss. */
export function forwardLoss(layers: Layer[], Xb: Float64Array, yb: Float64Array, rows: number, loss: Loss): number {
  runLayers(layers, Xb, rows);
  const out = layers[layers.length - 1];
  const n = rows * out.units;
  return usesLogits(layers, loss) ? binaryCrossentropy.fromLogits.compute(out.z, yb, n) : loss.compute(out.a, yb, n);
}

/** Backward pass of the batch last run: fills every layer's gradients. */
export function backwardLayers(layers: Layer[], Xb: Float64Array, yb: Float64Array, rows: number, loss: Loss): void {
  const out = layers[layers.length - 1];
  const n = rows * out.units;
  const logits = usesLogits(layers, loss);
  if (logits) {
    // dL/dz = (a - y)/n straight away: exact even where sigmoid'(z) underflows to 0.
    binaryCrossentropy.fromLogits.gradient(out.a, yb, out.dZ, n);
  } else {
    loss.gradient(out.a, yb, out.dA, n);
  }
  for (let l = layers.length - 1; l >= 0; l--) {
    const input = l > 0 ? layers[l - 1].a : Xb;
    const dInput = l > 0 ? layers[l - 1].dA : null;
    layers[l].backward(input, rows, dInput, l === layers.length - 1 && logits);
  }
}

/** The loss and metrics of the layers on X and y, as one object: `{ loss, accuracy }`. */
export function evaluateLayers(layers: Layer[], loss: Loss, metrics: Metric[], X: Matrix, y: Matrix): Logs {
  const n = X.rows * y.cols;
  const logs: Logs = { loss: forwardLoss(layers, X.data, y.data, X.rows, loss) };
  const out = layers[layers.length - 1].a;
  for (const m of metrics) logs[m.key] = m.countCorrect(out, y.data, n) / n;
  return logs;
}

/** Per layer, which units have zero activation slope on every row of X, so no gradient reaches them. */
export function deadUnitsOf(layers: Layer[], X: Matrix): boolean[][] {
  runLayers(layers, X.data, X.rows);
  return layers.map((layer) => {
    const dead = new Array<boolean>(layer.units).fill(true);
    for (let r = 0; r < X.rows; r++) {
      for (let j = 0; j < layer.units; j++) {
        if (dead[j] && layer.activation.der(layer.z[r * layer.units + j]) !== 0) dead[j] = false;
      }
    }
    return dead;
  });
}

/** The trainable arrays of the layers as the optimizer takes them. */
export function parametersOf(layers: Layer[]): Parameters {
  const weights = layers.flatMap((layer) => layer.weights());
  return { params: weights.map((w) => w.value), grads: weights.map((w) => w.grad), kernels: weights.map((w) => w.name === "kernel") };
}
