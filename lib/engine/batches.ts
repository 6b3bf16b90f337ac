import { Matrix } from "./matrix";
import { Rng } from "./rng";

/**
 * The batches of an epoch, copied into two reused arrays: the sample order (reshuffled each
 * epoch when asked) cut into batchSize rows; the last, smaller batch is used as it is (Keras)
 * or, with `carry`, held back and put in front of the next epoch's first batch (Playground).
 */
export class Batches {
  /** The current batch's inputs [rows, d]. */
  readonly X: Float64Array;
  /** The current batch's targets [rows, k]. */
  readonly y: Float64Array;
  /** The most rows a batch can have: with `carry`, a full batch plus up to batchSize - 1 carried rows. */
  readonly capacity: number;
  private readonly order: Uint32Array;
  private readonly carried: Uint32Array;
  private pending = 0;
  private start = 0;

  constructor(
    private readonly data: { X: Matrix; y: Matrix },
    private readonly batchSize: number,
    private readonly carry: boolean,
  ) {
    const n = data.X.rows;
    if (carry && n < batchSize) throw new Error(`fit: partialBatch "carry" needs at least batchSize (${batchSize}) rows, got ${n}`);
    this.capacity = carry ? 2 * batchSize - 1 : Math.min(batchSize, n);
    this.X = new Float64Array(this.capacity * data.X.cols);
    this.y = new Float64Array(this.capacity * data.y.cols);
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[i] = i;
    this.carried = new Uint32Array(batchSize);
  }

  /** Starts an epoch, reshuffling the order with `rng` if one is given. */
  startEpoch(rng: Rng | null): void {
    if (rng) rng.shuffle(this.order);
    this.start = 0;
  }

  /** Copies the epoch's next batch into X and y and returns its number of rows; 0 when the epoch has no more. */
  next(): number {
    const n = this.order.length;
    if (this.start >= n) return 0;
    const { batchSize, order, carried } = this;
    const start = this.start;
    const size = Math.min(batchSize, n - start);
    this.start += batchSize;
    if (this.carry && size < batchSize) {
      for (let r = 0; r < size; r++) carried[r] = order[start + r];
      this.pending = size;
      return 0;
    }
    const pending = this.pending;
    const rows = pending + size;
    const d = this.data.X.cols;
    const k = this.data.y.cols;
    const X = this.data.X.data;
    const y = this.data.y.data;
    for (let r = 0; r < rows; r++) {
      const src = r < pending ? carried[r] : order[start + r - pending];
      for (let c = 0; c < d; c++) this.X[r * d + c] = X[src * d + c];
      for (let c = 0; c < k; c++) this.y[r * k + c] = y[src * k + c];
    }
    this.pending = 0;
    return rows;
  }
}
