import { inspect } from "util";
import { describe } from "../util/checks";
import { Registry } from "../util/registry";

/**
 * An activation function together with its derivative, as in TensorFlow Playground
 * (`{output, der}`), plus array versions the engine uses in its hot loops.
 */
export interface Activation {
  /** The name used in `Dense({ activation })` and in printed models. */
  readonly name: string;
  /** a = f(z). */
  output(z: number): number;
  /** The interval the outputs lie in, [lowest, highest] (open or closed at each end), e.g. [0, 1] for sigmoid. */
  readonly range: readonly [number, number];
  /**
   * The output that separates the two classes when this is the output unit (0.5 for sigmoid, 0 for
   * tanh); undefined where no value means "the middle".
   */
  readonly threshold?: number;
  /** f'(z): how much the output moves per unit of input. */
  der(z: number): number;
  /** a[i] = f(z[i]) for i < n. */
  forward(z: Float64Array, a: Float64Array, n: number): void;
  /** dZ[i] = dA[i] * f'(z[i]) for i < n; `a` holds f(z), which is cheaper to use for sigmoid and tanh. */
  backward(z: Float64Array, a: Float64Array, dA: Float64Array, dZ: Float64Array, n: number): void;
}

function sigmoidOf(z: number): number {
  // Two branches so that exp never overflows: exp(-z) for z >= 0, exp(z) otherwise.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** sigmoid(z) = 1 / (1 + e^-z); its slope s(1 - s) is never above 0.25, the root of the vanishing gradient. */
export const sigmoid: Activation = {
  name: "sigmoid",
  range: [0, 1],
  threshold: 0.5,
  output: sigmoidOf,
  der(z) {
    const s = sigmoidOf(z);
    return s * (1 - s);
  },
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = sigmoidOf(z[i]);
  },
  backward(_z, a, dA, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i] * a[i] * (1 - a[i]);
  },
};

/** tanh(z), in (-1, 1); slope 1 - tanh², at most 1. Playground's default and its output unit. */
export const tanh: Activation = {
  name: "tanh",
  range: [-1, 1],
  threshold: 0,
  output: Math.tanh,
  der(z) {
    const t = Math.tanh(z);
    return 1 - t * t;
  },
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = Math.tanh(z[i]);
  },
  backward(_z, a, dA, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i] * (1 - a[i] * a[i]);
  },
};

/** relu(z) = max(0, z); slope 1 for z > 0 and 0 otherwise (also at 0, as Keras and Playground). */
export const relu: Activation = {
  name: "relu",
  range: [0, Infinity],
  output: (z) => (z > 0 ? z : 0),
  der: (z) => (z > 0 ? 1 : 0),
  forward(z, a, n) {
    // (z + |z|) / 2 is exactly max(0, z), without a branch that the CPU would mispredict half the time.
    for (let i = 0; i < n; i++) a[i] = (z[i] + Math.abs(z[i])) * 0.5;
  },
  backward(z, _a, dA, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = z[i] > 0 ? dA[i] : 0;
  },
};

/** linear(z) = z: no activation (Keras's default for Dense). */
export const linear: Activation = {
  name: "linear",
  range: [-Infinity, Infinity],
  output: (z) => z,
  der: () => 1,
  forward(z, a, n) {
    for (let i = 0; i < n; i++) a[i] = z[i];
  },
  backward(_z, _a, dA, dZ, n) {
    for (let i = 0; i < n; i++) dZ[i] = dA[i];
  },
};

/** Options of `leakyRelu`. */
export interface LeakyReluArgs {
  /** Slope for z <= 0, so a unit that is "off" still passes a little gradient. Default 0.01. */
  alpha?: number;
}

/** The default slope of `leakyRelu` for negative inputs. */
export const DEFAULT_LEAKY_ALPHA = 0.01;

/** The slope of every activation `leakyRelu` made, so the compiled engine can tell them from look-alikes. */
const leakyAlphas = new WeakMap<Activation, number>();

/** The alpha of an activation made by `leakyRelu`, or undefined for any other activation. */
export function leakyReluAlpha(activation: Activation): number | undefined {
  return leakyAlphas.get(activation);
}

/** leakyRelu(z) = z for z > 0, alpha * z otherwise: a ReLU that cannot die. */
export function leakyRelu(args: LeakyReluArgs = {}): Activation {
  const alpha = args.alpha ?? DEFAULT_LEAKY_ALPHA;
  if (typeof alpha !== "number" || !Number.isFinite(alpha) || alpha < 0 || alpha >= 1) {
    throw new Error(`leakyRelu: alpha must be a number in [0, 1), got ${describe(alpha)}`);
  }
  const activation = {
    name: alpha === DEFAULT_LEAKY_ALPHA ? "leakyRelu" : `leakyRelu(${alpha})`,
    // With alpha 0 it is relu, which never goes below 0.
    range: [alpha === 0 ? 0 : -Infinity, Infinity],
    output: (z) => (z > 0 ? z : alpha * z),
    der: (z) => (z > 0 ? 1 : alpha),
    forward(z, a, n) {
      for (let i = 0; i < n; i++) a[i] = z[i] > 0 ? z[i] : alpha * z[i];
    },
    backward(z, _a, dA, dZ, n) {
      for (let i = 0; i < n; i++) dZ[i] = z[i] > 0 ? dA[i] : alpha * dA[i];
    },
    [inspect.custom]: () => `Activation(leakyRelu, alpha ${alpha})`,
  } as Activation;
  leakyAlphas.set(activation, alpha);
  return activation;
}

/** Activation names accepted by `Dense({ activation })`. */
export type ActivationName = "sigmoid" | "tanh" | "relu" | "leakyRelu" | "leaky_relu" | "linear";

const registry = new Registry<Activation>({
  kind: "activation",
  entries: {
    sigmoid: () => sigmoid,
    tanh: () => tanh,
    relu: () => relu,
    leakyRelu: () => leakyRelu(),
    leaky_relu: () => leakyRelu(),
    linear: () => linear,
  } satisfies Record<ActivationName, () => Activation>,
  accepts: (a) => typeof (a as Activation).forward === "function" && typeof (a as Activation).backward === "function",
  alternatives: "leakyRelu({ alpha })",
});

/** The activation for a name or an `Activation` object; unknown names list the valid ones. */
export function getActivation(activation: ActivationName | Activation, where = "activation"): Activation {
  return registry.get(activation, where);
}
