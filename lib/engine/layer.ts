import { Activation } from "./activations";
import { Rng } from "./rng";

/** One trainable array of a layer, with its gradient and shape. */
export interface LayerWeight {
  /** "kernel" (W) or "bias" (b), as Keras names them. */
  readonly name: "kernel" | "bias";
  /** The values, row-major. */
  readonly value: Float64Array;
  /** dL/d(value) for the last batch, same layout. */
  readonly grad: Float64Array;
  /** [nIn, nOut] for a kernel, [nOut] for a bias. */
  readonly shape: readonly number[];
}

/**
 * What `Sequential` needs from a layer: build and buffers, forward and backward passes over a
 * batch, the trainable arrays and their gradients, and what a summary shows.
 * Batch arrays are row-major [rows, units] and hold at least the rows given to `reserve`.
 */
export interface Layer {
  /** Layer name shown in summaries. */
  name: string | undefined;
  /** The layer type shown in summaries, e.g. "Dense". */
  readonly type: string;
  /** Number of outputs per row. */
  readonly units: number;
  /** Number of inputs per row; undefined until known. */
  readonly inputDim: number | undefined;
  /** True once the weights exist. */
  readonly built: boolean;
  /** The activation applied to z. */
  readonly activation: Activation;
  /** z [rows, units]: pre-activations of the last batch. */
  readonly z: Float64Array;
  /** a [rows, units]: outputs of the last batch. */
  readonly a: Float64Array;
  /** dL/da [rows, units]: written by the layer above (or the loss) before `backward`. */
  readonly dA: Float64Array;
  /** dL/dz [rows, units]: written by `backward`, or by the loss before it when the loss takes z. */
  readonly dZ: Float64Array;
  /** Creates the weights for `inputDim` inputs, drawing initial values from `rng`. */
  build(inputDim: number, rng: Rng): void;
  /** Makes the batch arrays hold at least `rows` rows. */
  reserve(rows: number): void;
  /** Forward pass for `rows` rows of `input` [rows, inputDim]: fills z and a. */
  forward(input: Float64Array, rows: number): void;
  /**
   * Backward pass for the batch last seen by `forward`, from dA (or from dZ as it stands when
   * `dZGiven`): fills the weights' gradients and, unless `dInput` is null, dL/d(input) into it.
   */
  backward(input: Float64Array, rows: number, dInput: Float64Array | null, dZGiven: boolean): void;
  /** The trainable arrays in Keras's order (kernel, then bias if any); empty until built. */
  weights(): LayerWeight[];
  /** Number of trainable parameters. */
  countParams(): number;
}
