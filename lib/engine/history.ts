import { inspect } from "util";
import { formatNumber } from "./matrix";

/** What `fit` reports after each epoch: "loss", metric keys such as "accuracy", and "val_" versions. */
export type Logs = Record<string, number>;

/** The record of a `fit` call, with Keras's layout. */
export class History {
  /** Epoch indices, from `initialEpoch` (0-based, as Keras). */
  readonly epoch: number[] = [];
  /** One array per key ("loss", "accuracy", "val_loss", ...), one value per epoch. */
  readonly history: Record<string, number[]> = {};
  /**
   * Mean |dL/dW| of each layer's kernel per epoch, averaged over the epoch's batches
   * [epochs][layers]; filled when `fit` is called with `recordGradients: true`.
   */
  readonly gradientSize: number[][] = [];
  /**
   * Number of dead units per layer per epoch [epochs][layers]: units whose activation has zero
   * slope on every training point, so no gradient can ever reach them again; filled when
   * `fit` is called with `recordDeadUnits: true`.
   */
  readonly deadUnits: number[][] = [];

  constructor(
    /** The settings of the run: epochs, batchSize, samples and steps per epoch. */
    readonly params: { epochs: number; batchSize: number; samples: number; steps: number },
  ) {}

  /** Appends one epoch's logs. */
  record(epoch: number, logs: Logs): void {
    this.epoch.push(epoch);
    for (const key of Object.keys(logs)) (this.history[key] ??= []).push(logs[key]);
  }

  /** The logs of the last recorded epoch. */
  last(): Logs {
    const logs: Logs = {};
    for (const key of Object.keys(this.history)) logs[key] = this.history[key][this.history[key].length - 1];
    return logs;
  }

  [inspect.custom](): string {
    const n = this.epoch.length;
    const series = Object.keys(this.history).map((key) => {
      const values = this.history[key];
      return `${key} ${formatNumber(values[0])} → ${formatNumber(values[values.length - 1])}`;
    });
    return `History: ${n} epoch${n === 1 ? "" : "s"}${series.length ? "; " + series.join("; ") : ""}`;
  }
}
