/**
 * What a compiled kernel is generated from: a network described as plain data (no engine
 * objects), and where each of its arrays lives in the kernel's memory.
 */

/** Activations the kernel generator knows. */
export type ActivationKind = "linear" | "relu" | "leakyRelu" | "sigmoid" | "tanh";

/** Losses the kernel generator knows. */
export type LossKind = "mse" | "halfSquared" | "binaryCrossentropy";

/** One dense layer. */
export interface LayerSpec {
  /** Number of units. */
  units: number;
  /** Its activation. */
  activation: ActivationKind;
  /** leakyRelu's slope for z <= 0 (ignored by the other activations). */
  alpha: number;
  /** Whether the layer adds and trains a bias. */
  useBias: boolean;
}

/** SGD as Keras: plain `w -= lr * g`, or with momentum `v = m v - lr g; w += v` (nesterov: `w += m v - lr g`). */
export interface OptimizerSpec {
  kind: "sgd";
  learningRate: number;
  momentum: number;
  nesterov: boolean;
}

/** A network, its loss and optimizer, and the most rows one training step takes. */
export interface KernelSpec {
  /** Features per input row. */
  inputDim: number;
  /** The layers, input side first. */
  layers: LayerSpec[];
  /** The loss. */
  loss: LossKind;
  /** Cross-entropy computed from the sigmoid output's z (the engine's stable path). */
  logits: boolean;
  /** The optimizer. */
  optimizer: OptimizerSpec;
  /** Most rows in one training step (2 * batchSize - 1 with Playground's "carry"). */
  maxRows: number;
}

const ACTIVATIONS: ActivationKind[] = ["linear", "relu", "leakyRelu", "sigmoid", "tanh"];
const LOSSES: LossKind[] = ["mse", "halfSquared", "binaryCrossentropy"];

/** Rows a forward pass handles at once: predictions over more rows go through in chunks of this size. */
export const FORWARD_ROWS = 256;

/** True when the generator can compile `spec`, otherwise why not (so the engine can fall back). */
export function compilable(spec: KernelSpec): true | string {
  const positive = (x: unknown) => Number.isInteger(x) && (x as number) > 0;
  if (!positive(spec.inputDim)) return `inputDim must be a positive integer, got ${spec.inputDim}`;
  if (!Array.isArray(spec.layers) || spec.layers.length === 0) return "the network has no layers";
  for (const [i, layer] of spec.layers.entries()) {
    if (!positive(layer.units)) return `layer ${i} must have a positive integer number of units, got ${layer.units}`;
    if (!ACTIVATIONS.includes(layer.activation)) return `layer ${i} has activation ${String(layer.activation)}, compiled ones are ${ACTIVATIONS.join(", ")}`;
    if (layer.activation === "leakyRelu" && !Number.isFinite(layer.alpha)) return `layer ${i}: leakyRelu needs a finite alpha`;
  }
  if (!LOSSES.includes(spec.loss)) return `loss ${String(spec.loss)} is not compiled; compiled ones are ${LOSSES.join(", ")}`;
  const last = spec.layers[spec.layers.length - 1];
  if (spec.logits && (spec.loss !== "binaryCrossentropy" || last.activation !== "sigmoid")) {
    return "logits needs binaryCrossentropy after a sigmoid output";
  }
  if (spec.loss === "binaryCrossentropy" && !spec.logits) return "binaryCrossentropy is compiled only after a sigmoid output (the logits path)";
  const opt = spec.optimizer;
  if (!opt || opt.kind !== "sgd") return `optimizer ${opt?.kind} is not compiled; only plain SGD (with or without momentum) is`;
  if (!(opt.learningRate > 0) || !(opt.momentum >= 0 && opt.momentum < 1)) return "SGD needs learningRate > 0 and momentum in [0, 1)";
  if (!positive(spec.maxRows)) return `maxRows must be a positive integer, got ${spec.maxRows}`;
  return true;
}

/** Byte addresses of one layer's arrays. W is [nIn, nOut] row-major and Wt its transpose [nOut, nIn]. */
export interface LayerLayout {
  W: number; Wt: number; b: number;
  gW: number; gb: number;
  vW: number; vb: number;
  z: number; a: number; dA: number; dZ: number;
}

/** Where everything lives; `end` is where the training data (rows of d inputs then k targets) starts. */
export interface Layout {
  layers: LayerLayout[];
  /** The batch's inputs [rows, d] and targets [rows, k], gathered by the step. */
  Xb: number;
  yb: number;
  /** Rows the per-row arrays (z, a, dA, dZ, Xb, yb) hold. */
  capacity: number;
  end: number;
}

/**
 * Every array is 16-byte aligned and has room for an even number of doubles, so loops that
 * work on pairs may write one double past the data, never into the next array.
 */
export function layoutOf(spec: KernelSpec): Layout {
  let next = 0;
  const take = (doubles: number) => {
    const at = next;
    next += Math.ceil(doubles / 2) * 16;
    return at;
  };
  const capacity = Math.max(spec.maxRows, FORWARD_ROWS);
  let nIn = spec.inputDim;
  const layers = spec.layers.map((layer) => {
    const w = nIn * layer.units;
    const u = layer.units;
    const rows = capacity * u;
    nIn = layer.units;
    return {
      W: take(w), Wt: take(w), b: take(u), gW: take(w), gb: take(u), vW: take(w), vb: take(u),
      z: take(rows), a: take(rows), dA: take(rows), dZ: take(rows),
    };
  });
  const Xb = take(capacity * spec.inputDim);
  const yb = take(capacity * spec.layers[spec.layers.length - 1].units);
  return { layers, Xb, yb, capacity, end: next };
}
