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

/** Whole-dataset forward passes, through the TypeScript layers or a compiled kernel (same bits). */
export interface Forward {
  /** The network's outputs for X [n, d], as a Matrix [n, units of the last layer]. */
  predict(X: Matrix): Matrix;
  /** Every layer's outputs a for X: one Matrix [n, units] per layer. */
  layerOutputs(X: Matrix): Matrix[];
  /** The loss and metrics on X and y. */
  evaluate(loss: Loss, metrics: Metric[], X: Matrix, y: Matrix): Logs;
  /** Per layer, which units are dead on X. */
  deadUnits(X: Matrix): boolean[][];
}

/** The forward passes of the TypeScript layers (the reference). */
export function referenceForward(layers: Layer[]): Forward {
  return {
    predict(X) {
      runLayers(layers, X.data, X.rows);
      const last = layers[layers.length - 1];
      return new Matrix(X.rows, last.units, last.a.slice(0, X.rows * last.units));
    },
    layerOutputs(X) {
      runLayers(layers, X.data, X.rows);
      return layers.map((layer) => new Matrix(X.rows, layer.units, layer.a.slice(0, X.rows * layer.units)));
    },
    evaluate: (loss, metrics, X, y) => evaluateLayers(layers, loss, metrics, X, y),
    deadUnits: (X) => deadUnitsOf(layers, X),
  };
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
  runLayers(layers, X.data, X.rows);
  const out = layers[layers.length - 1];
  return logsOf(layers, loss, metrics, out, y);
}

/** The loss and metrics of the output layer's z and a [n, k] against y: what `evaluate` reports. */
export function logsOf(layers: Layer[], loss: Loss, metrics: Metric[], out: { z: Float64Array; a: Float64Array }, y: Matrix): Logs {
  const n = y.rows * y.cols;
  const logs: Logs = { loss: usesLogits(layers, loss) ? binaryCrossentropy.fromLogits.compute(out.z, y.data, n) : loss.compute(out.a, y.data, n) };
  for (const m of metrics) logs[m.key] = m.countCorrect(out.a, y.data, n) / n;
  return logs;
}

/** Per layer, which units have zero activation slope on every row of X, so no gradient reaches them. */
export function deadUnitsOf(layers: Layer[], X: Matrix): boolean[][] {
  runLayers(layers, X.data, X.rows);
  return deadUnitsFrom(layers, layers.map((layer) => layer.z), X.rows);
}

/** Per layer, which units have zero activation slope on all `rows` rows of that layer's z [rows, units]. */
export function deadUnitsFrom(layers: Layer[], zs: Float64Array[], rows: number): boolean[][] {
  return layers.map((layer, l) => {
    const z = zs[l];
    const dead = new Array<boolean>(layer.units).fill(true);
    for (let r = 0; r < rows; r++) {
      for (let j = 0; j < layer.units; j++) {
        if (dead[j] && layer.activation.der(z[r * layer.units + j]) !== 0) dead[j] = false;
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
