import { inspect } from "util";
import { checkKeys, describe } from "../util/checks";
import { Registry } from "../util/registry";

/** Updates parameters from their gradients, once per batch. */
export interface Optimizer {
  /** The name shown in printed models. */
  readonly name: string;
  /** Step size. */
  readonly learningRate: number;
  /**
   * Moves each `params[k]` against its gradient `grads[k]` (same length), in place; `kernels[k]`
   * tells a layer's weights W from its bias b (regularization applies to weights only).
   */
  step(params: Float64Array[], grads: Float64Array[], kernels: boolean[]): void;
}

/** Options of `SGD`, with Keras's names and defaults. */
export interface SGDArgs {
  /** Step size; > 0. Default 0.01. */
  learningRate?: number;
  /** Fraction of the previous step kept, in [0, 1). Default 0 (plain SGD). */
  momentum?: number;
  /** Nesterov momentum: look ahead along the velocity. Default false. */
  nesterov?: boolean;
}

/** Keras's default learning rate for SGD (also what the string "sgd" means). */
export const DEFAULT_LEARNING_RATE = 0.01;

/**
 * Stochastic gradient descent, with Keras's update rule:
 * plain `w -= lr * g`; with momentum `v = momentum * v - lr * g; w += v`.
 */
export class SGD implements Optimizer {
  readonly name = "SGD";
  readonly learningRate: number;
  readonly momentum: number;
  readonly nesterov: boolean;
  /** One velocity per parameter array, created on its first step. */
  private readonly velocities = new WeakMap<Float64Array, Float64Array>();

  constructor(args: SGDArgs = {}) {
    checkKeys(args, ["learningRate", "momentum", "nesterov"], "SGD");
    const { learningRate = DEFAULT_LEARNING_RATE, momentum = 0, nesterov = false } = args;
    if (typeof learningRate !== "number" || !(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new Error(`SGD: learningRate must be a number > 0 (e.g. 0.05), got ${describe(learningRate)}`);
    }
    if (typeof momentum !== "number" || !(momentum >= 0 && momentum < 1)) {
      throw new Error(`SGD: momentum must be a number in [0, 1), got ${describe(momentum)}`);
    }
    if (typeof nesterov !== "boolean") throw new Error(`SGD: nesterov must be true or false, got ${describe(nesterov)}`);
    this.learningRate = learningRate;
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  /** The momentum velocity of `param` (zeros before its first step): the compiled engine loads and stores it. */
  velocity(param: Float64Array): Float64Array {
    let v = this.velocities.get(param);
    if (!v) this.velocities.set(param, (v = new Float64Array(param.length)));
    return v;
  }

  step(params: Float64Array[], grads: Float64Array[]): void {
    const lr = this.learningRate;
    const m = this.momentum;
    for (let k = 0; k < params.length; k++) {
      const w = params[k];
      const g = grads[k];
      if (m === 0) {
        for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
        continue;
      }
      const v = this.velocity(w);
      for (let i = 0; i < w.length; i++) {
        v[i] = m * v[i] - lr * g[i];
        w[i] += this.nesterov ? m * v[i] - lr * g[i] : v[i];
      }
    }
  }

  [inspect.custom](): string {
    const extra = this.momentum ? `, momentum ${this.momentum}${this.nesterov ? ", nesterov" : ""}` : "";
    return `SGD(learningRate ${this.learningRate}${extra})`;
  }
}

const registry = new Registry<Optimizer>({
  kind: "optimizer",
  entries: { sgd: () => new SGD() },
  accepts: (o) => typeof o === "object" && typeof (o as Optimizer).step === "function",
  alternatives: "new SGD({ learningRate })",
});

/** The optimizer for "sgd" (SGD at 0.01, as Keras) or an `Optimizer` object. */
export function getOptimizer(optimizer: "sgd" | Optimizer, where = "compile"): Optimizer {
  return registry.get(optimizer, where);
}
