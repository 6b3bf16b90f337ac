import { describe } from "../util/checks";
import { Registry } from "../util/registry";
import { Rng } from "./rng";

/** Where an initializer is used: a kernel W [fanIn, fanOut] or a bias b [fanOut]. */
export interface InitShape {
  /** Inputs to the layer (rows of W). */
  fanIn: number;
  /** Units of the layer (columns of W, length of b). */
  fanOut: number;
  /** Which parameter is being filled. */
  role: "kernel" | "bias";
}

/** Fills a parameter with its initial values, drawing from the model's seeded stream. */
export interface Initializer {
  /** The name used in `Dense({ kernelInitializer })` and in printed layers. */
  readonly name: string;
  /** Writes the initial values into `target` (row-major W [fanIn, fanOut], or b [fanOut]). */
  fill(target: Float64Array, shape: InitShape, rng: Rng): void;
}

/** Keras's default kernel initializer: uniform in ±sqrt(6 / (fanIn + fanOut)). */
export const glorotUniform: Initializer = {
  name: "glorotUniform",
  fill(target, { fanIn, fanOut, role }, rng) {
    // For a bias Keras takes fanIn = fanOut = its length.
    const limit = role === "kernel" ? Math.sqrt(6 / (fanIn + fanOut)) : Math.sqrt(3 / fanOut);
    for (let i = 0; i < target.length; i++) target[i] = rng.uniform(-limit, limit);
  },
};

/** All zeros: Keras's default bias initializer. */
export const zeros: Initializer = constant(0, "zeros");

/** All ones. */
export const ones: Initializer = constant(1, "ones");

/** Every value set to `value`. */
export function constant(value: number, name = `constant(${value})`): Initializer {
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new Error(`constant: value must be a finite number, got ${describe(value)}`);
  }
  return { name, fill: (target) => target.fill(value) };
}

/** Uniform in [minval, maxval). */
export function randomUniform(minval = -0.05, maxval = 0.05): Initializer {
  if (!(Number.isFinite(minval) && Number.isFinite(maxval) && minval < maxval)) {
    throw new Error(`randomUniform: expected finite minval < maxval, got ${describe(minval)} and ${describe(maxval)}`);
  }
  return {
    name: `randomUniform(${minval}, ${maxval})`,
    fill(target, _shape, rng) {
      for (let i = 0; i < target.length; i++) target[i] = rng.uniform(minval, maxval);
    },
  };
}

/** Initializer names accepted by `Dense`. */
export type InitializerName = "glorotUniform" | "glorot_uniform" | "zeros" | "ones";

const registry = new Registry<Initializer>({
  kind: "initializer",
  entries: { glorotUniform: () => glorotUniform, glorot_uniform: () => glorotUniform, zeros: () => zeros, ones: () => ones } satisfies Record<InitializerName, () => Initializer>,
  accepts: (init) => typeof (init as Initializer).fill === "function",
  alternatives: "constant(v), randomUniform(a, b)",
});

/** The initializer for a name or an `Initializer` object; unknown names list the valid ones. */
export function getInitializer(init: InitializerName | Initializer, where: string): Initializer {
  return registry.get(init, where);
}
