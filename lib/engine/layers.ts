import { inspect } from "util";
import { Activation, ActivationName, getActivation } from "./activations";
import { checkInteger, checkKeys, describe } from "../util/checks";
import { getInitializer, Initializer, InitializerName } from "./initializers";
import { Layer, LayerWeight } from "./layer";
import { matmul } from "./matmul";
import { Rng } from "./rng";

/** Options of `Dense`, with Keras's names and defaults. */
export interface DenseArgs {
  /** Number of units (neurons) in the layer. */
  units: number;
  /** Activation applied to z = aIn·W + b. Default "linear" (none), as Keras. */
  activation?: ActivationName | Activation;
  /** Number of input features; needed on the first layer only. */
  inputDim?: number;
  /** Whether the layer adds a bias b. Default true. */
  useBias?: boolean;
  /** How W starts. Default "glorotUniform", as Keras. */
  kernelInitializer?: InitializerName | Initializer;
  /** How b starts. Default "zeros", as Keras. */
  biasInitializer?: InitializerName | Initializer;
  /** A name for summaries; default dense, dense_1, ... in the order layers are added. */
  name?: string;
}

const DENSE_KEYS = ["units", "activation", "inputDim", "useBias", "kernelInitializer", "biasInitializer", "name"] as const;

/**
 * A fully connected layer: every unit j computes z_j = Σ_i aIn_i W_ij + b_j and outputs
 * a_j = activation(z_j). It keeps its batch's z and a for the backward pass.
 */
export class Dense implements Layer {
  /** Shown in summaries. */
  readonly type = "Dense";
  /** Number of units. */
  readonly units: number;
  /** The activation and its derivative. */
  readonly activation: Activation;
  /** Whether b is used and trained. */
  readonly useBias: boolean;
  /** How W starts. */
  readonly kernelInitializer: Initializer;
  /** How b starts. */
  readonly biasInitializer: Initializer;
  /** Number of inputs, as given or set by the model when the layer is added. */
  inputDim: number | undefined;
  /** Layer name shown in summaries. */
  name: string | undefined;

  /** W [inputDim, units], row-major: W_ij is `kernel[i * units + j]`. */
  kernel = new Float64Array(0);
  /** b [units] (zeros and untouched when useBias is false). */
  bias = new Float64Array(0);
  /** dL/dW [inputDim, units] for the last batch. */
  kernelGrad = new Float64Array(0);
  /** dL/db [units] for the last batch. */
  biasGrad = new Float64Array(0);
  /** z [rows, units]: pre-activations of the last batch. */
  z = new Float64Array(0);
  /** a [rows, units]: outputs of the last batch. */
  a = new Float64Array(0);
  /** dL/da [rows, units]: written by the layer above (or the loss) before `backward`. */
  dA = new Float64Array(0);
  /** dL/dz [rows, units]. */
  dZ = new Float64Array(0);
  private capacity = 0;
  private readonly inputDimGiven: boolean;

  constructor(args: DenseArgs) {
    checkKeys(args, DENSE_KEYS, "Dense");
    this.units = checkInteger(args.units, "units", "Dense");
    this.activation = getActivation(args.activation ?? "linear", "Dense");
    if (args.inputDim !== undefined) checkInteger(args.inputDim, "inputDim", "Dense");
    this.inputDim = args.inputDim;
    this.inputDimGiven = args.inputDim !== undefined;
    if (args.useBias !== undefined && typeof args.useBias !== "boolean") {
      throw new Error(`Dense: useBias must be true or false, got ${describe(args.useBias)}`);
    }
    this.useBias = args.useBias ?? true;
    this.kernelInitializer = getInitializer(args.kernelInitializer ?? "glorotUniform", "Dense kernelInitializer");
    this.biasInitializer = getInitializer(args.biasInitializer ?? "zeros", "Dense biasInitializer");
    this.name = args.name;
  }

  /** True once W and b exist (the input size is known). */
  get built(): boolean {
    return this.kernel.length > 0;
  }

  /** Number of trainable parameters: inputDim * units (+ units with a bias). */
  countParams(): number {
    return (this.inputDim ?? 0) * this.units + (this.useBias ? this.units : 0);
  }

  /** W, then b when useBias, with their gradients; empty until built. */
  weights(): LayerWeight[] {
    if (!this.built) return [];
    const nIn = this.inputDim as number;
    const kernel: LayerWeight = { name: "kernel", value: this.kernel, grad: this.kernelGrad, shape: [nIn, this.units] };
    return this.useBias ? [kernel, { name: "bias", value: this.bias, grad: this.biasGrad, shape: [this.units] }] : [kernel];
  }

  /** Creates W and b for `inputDim` inputs, drawing initial values from `rng` (kernel first, then bias). */
  build(inputDim: number, rng: Rng): void {
    this.inputDim = inputDim;
    this.kernel = new Float64Array(inputDim * this.units);
    this.bias = new Float64Array(this.units);
    this.kernelGrad = new Float64Array(this.kernel.length);
    this.biasGrad = new Float64Array(this.units);
    this.kernelInitializer.fill(this.kernel, { fanIn: inputDim, fanOut: this.units, role: "kernel" }, rng);
    if (this.useBias) this.biasInitializer.fill(this.bias, { fanIn: inputDim, fanOut: this.units, role: "bias" }, rng);
    this.capacity = 0;
  }

  /** Makes the batch buffers hold at least `rows` rows. */
  reserve(rows: number): void {
    if (rows <= this.capacity) return;
    const size = rows * this.units;
    this.z = new Float64Array(size);
    this.a = new Float64Array(size);
    this.dA = new Float64Array(size);
    this.dZ = new Float64Array(size);
    this.capacity = rows;
  }

  /** Forward pass for `rows` rows of `input` [rows, inputDim]: z = input·W + b, a = f(z). Call `reserve` first. */
  forward(input: Float64Array, rows: number): void {
    const nIn = this.inputDim as number;
    const nOut = this.units;
    matmul(rows, nOut, nIn, input, nIn, 1, this.kernel, nOut, 1, this.z, this.bias);
    this.activation.forward(this.z, this.a, rows * nOut);
  }

  /**
   * Backward pass for the batch last seen by `forward`, from dA (or from dZ as it stands when
   * `dZGiven`): dZ = dA * f'(z), dW = inputᵀ·dZ, db = column sums of dZ and, unless `dInput`
   * is null, dL/d(input) = dZ·Wᵀ [rows, inputDim] into `dInput`.
   */
  backward(input: Float64Array, rows: number, dInput: Float64Array | null, dZGiven = false): void {
    const nIn = this.inputDim as number;
    const nOut = this.units;
    const dZ = this.dZ;
    if (!dZGiven) this.activation.backward(this.z, this.a, this.dA, dZ, rows * nOut);
    matmul(nIn, nOut, rows, input, 1, nIn, dZ, nOut, 1, this.kernelGrad, null);
    if (this.useBias) {
      const gb = this.biasGrad;
      gb.fill(0);
      for (let r = 0; r < rows; r++) {
        for (let j = 0, o = r * nOut; j < nOut; j++) gb[j] += dZ[o + j];
      }
    }
    if (dInput !== null) matmul(rows, nIn, nOut, dZ, nOut, 1, this.kernel, 1, nOut, dInput, null);
  }

  [inspect.custom](): string {
    const inputs = this.inputDimGiven ? `, inputDim ${this.inputDim}` : "";
    return `Dense(${this.units}, ${this.activation.name}${inputs}${this.useBias ? "" : ", no bias"})`;
  }
}
