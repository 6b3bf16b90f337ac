import { generateKernel } from "./codegen";
import { compilable, KernelSpec, Layout, layoutOf } from "./spec";

/** The few parts of the WebAssembly JavaScript API used here (the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number }) => { buffer: ArrayBuffer };
}

const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Compiled modules by spec: generating and compiling happens once per network shape. */
const modules = new Map<string, object>();

function moduleFor(spec: KernelSpec): object {
  const key = JSON.stringify(spec);
  let module = modules.get(key);
  if (!module) {
    module = new wasm.Module(generateKernel(spec));
    modules.set(key, module);
  }
  return module;
}

const PAGE = 65536;

/**
 * A compiled network for one training set: one WebAssembly memory holding the data, the sample
 * order, every layer's weights, gradients, velocities and batch arrays. Weights and velocities
 * are loaded from and stored back to the engine's Float64Arrays; batch outputs and gradients are
 * views into the memory (valid until the next step or forward pass).
 */
export class Kernel {
  /** Sample indices: `carryRoom` free slots, then the order of the n samples (`order` is this part). */
  readonly indices: Uint32Array;
  /** The n sample indices a step's positions refer to; shuffle it in place. */
  readonly order: Uint32Array;
  /** Slots before `order` where rows carried over from the last epoch go (at positions -carried..-1). */
  readonly carryRoom: number;
  /** Rows one forward pass takes: `predict` works in chunks of this many. */
  readonly capacity: number;
  private readonly layout: Layout;
  private readonly heap: Float64Array;
  private readonly orderPtr: number;
  private readonly runStep: (indexPtr: number, rows: number) => number;
  private readonly runForward: (rows: number) => void;

  /** A kernel for `spec`, with room for `samples` training rows. Throws if the spec is not compilable. */
  constructor(readonly spec: KernelSpec, readonly samples: number) {
    const ok = compilable(spec);
    if (ok !== true) throw new Error(`Kernel: this network cannot be compiled: ${ok}`);
    this.layout = layoutOf(spec);
    this.capacity = this.layout.capacity;
    this.carryRoom = spec.maxRows;
    const d = spec.inputDim;
    const k = spec.layers[spec.layers.length - 1].units;
    const dataBytes = samples * (d + k) * 8;
    this.orderPtr = this.layout.end + dataBytes + this.carryRoom * 4;
    const bytes = this.orderPtr + samples * 4;
    const memory = new wasm.Memory({ initial: Math.ceil(bytes / PAGE) + 1 });
    const instance = new wasm.Instance(moduleFor(spec), {
      env: { memory, exp: Math.exp, tanh: Math.tanh, log1p: Math.log1p },
    });
    this.runStep = instance.exports.step as (indexPtr: number, rows: number) => number;
    this.runForward = instance.exports.forward as (rows: number) => void;
    this.heap = new Float64Array(memory.buffer);
    this.indices = new Uint32Array(memory.buffer, this.orderPtr - this.carryRoom * 4, this.carryRoom + samples);
    this.order = this.indices.subarray(this.carryRoom);
    for (let i = 0; i < samples; i++) this.order[i] = i;
  }

  /** Copies the training data in: X [samples, d] and y [samples, k], row-major. */
  setData(X: Float64Array, y: Float64Array): void {
    const d = this.spec.inputDim;
    const k = this.spec.layers[this.spec.layers.length - 1].units;
    if (X.length !== this.samples * d || y.length !== this.samples * k) {
      throw new Error(`Kernel.setData: expected X of ${this.samples * d} and y of ${this.samples * k} values, got ${X.length} and ${y.length}`);
    }
    let at = this.layout.end / 8;
    for (let r = 0; r < this.samples; r++) {
      for (let c = 0; c < d; c++) this.heap[at++] = X[r * d + c];
      for (let c = 0; c < k; c++) this.heap[at++] = y[r * k + c];
    }
  }

  /** Copies layer `l`'s W [nIn * nOut] and b [nOut] in (b is ignored without a bias). */
  setWeights(l: number, kernel: Float64Array, bias: Float64Array): void {
    this.view("W", l).set(kernel);
    if (this.spec.layers[l].useBias) this.view("b", l).set(bias);
  }

  /** Copies layer `l`'s W and b out into the given arrays. */
  getWeights(l: number, kernel: Float64Array, bias: Float64Array): void {
    kernel.set(this.view("W", l));
    if (this.spec.layers[l].useBias) bias.set(this.view("b", l));
  }

  /** Copies layer `l`'s momentum velocities for W and b in (zeros for a fresh optimizer). */
  setVelocities(l: number, kernel: Float64Array, bias: Float64Array): void {
    this.view("vW", l).set(kernel);
    if (this.spec.layers[l].useBias) this.view("vb", l).set(bias);
  }

  /** Copies layer `l`'s velocities out. */
  getVelocities(l: number, kernel: Float64Array, bias: Float64Array): void {
    kernel.set(this.view("vW", l));
    if (this.spec.layers[l].useBias) bias.set(this.view("vb", l));
  }

  /**
   * One training step on the `rows` samples listed from `position` in `order` (negative positions
   * reach into the carry room); resolves nothing, returns the batch's mean loss.
   */
  step(position: number, rows: number): number {
    if (!(rows >= 1 && rows <= this.spec.maxRows) || position < -this.carryRoom || position + rows > this.samples) {
      throw new Error(`Kernel.step: rows ${rows} from position ${position} is outside 1..${this.spec.maxRows} rows within -${this.carryRoom}..${this.samples}`);
    }
    return this.runStep(this.orderPtr + position * 4, rows);
  }

  /** Layer `l`'s dL/dW [nIn * nOut] of the last step (a view). */
  kernelGrad(l: number): Float64Array {
    return this.view("gW", l);
  }

  /** Layer `l`'s dL/db [nOut] of the last step (a view). */
  biasGrad(l: number): Float64Array {
    return this.view("gb", l);
  }

  /** Layer `l`'s a [rows, units] of the last step or forward pass (a view of `capacity` rows). */
  output(l = this.spec.layers.length - 1): Float64Array {
    return this.view("a", l);
  }

  /** Layer `l`'s z [rows, units] of the last step or forward pass (a view of `capacity` rows). */
  preActivation(l: number): Float64Array {
    return this.view("z", l);
  }

  /** The batch targets [rows, k] the last step gathered (a view of `capacity` rows). */
  targets(): Float64Array {
    const k = this.spec.layers[this.spec.layers.length - 1].units;
    return this.heap.subarray(this.layout.yb / 8, this.layout.yb / 8 + this.capacity * k);
  }

  /** Runs `rows` (<= capacity) rows of X [rows, d] through the network; read the results with `output`. */
  forward(X: Float64Array, rows: number): void {
    const d = this.spec.inputDim;
    if (!(rows >= 1 && rows <= this.capacity) || X.length < rows * d) {
      throw new Error(`Kernel.forward: expected 1..${this.capacity} rows of ${d} values, got ${rows} rows in ${X.length} values`);
    }
    this.heap.set(X.subarray(0, rows * d), this.layout.Xb / 8);
    this.runForward(rows);
  }

  /** The network's outputs [rows, k] for X [rows, d], in chunks of `capacity` rows. */
  predict(X: Float64Array, rows: number): Float64Array {
    const d = this.spec.inputDim;
    const k = this.spec.layers[this.spec.layers.length - 1].units;
    const out = new Float64Array(rows * k);
    const a = this.output();
    for (let start = 0; start < rows; start += this.capacity) {
      const chunk = Math.min(this.capacity, rows - start);
      this.forward(X.subarray(start * d, (start + chunk) * d), chunk);
      out.set(a.subarray(0, chunk * k), start * k);
    }
    return out;
  }

  private view(name: "W" | "b" | "gW" | "gb" | "vW" | "vb" | "z" | "a", l: number): Float64Array {
    const nIn = l > 0 ? this.spec.layers[l - 1].units : this.spec.inputDim;
    const units = this.spec.layers[l].units;
    const length = { W: nIn * units, gW: nIn * units, vW: nIn * units, b: units, gb: units, vb: units, z: this.capacity * units, a: this.capacity * units }[name];
    const at = this.layout.layers[l][name] / 8;
    return this.heap.subarray(at, at + length);
  }
}
