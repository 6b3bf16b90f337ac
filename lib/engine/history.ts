import { inspect } from "util";
import { formatRounded } from "../util/format";

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

  /** The values of `key` ("loss", "val_accuracy", ...), one per epoch; a clear error for a key never recorded. */
  values(key: string): number[] {
    const values = this.history[key];
    if (!values) {
      const keys = Object.keys(this.history);
      throw new Error(`History: no values for "${key}"; this run recorded ${keys.length ? keys.map((k) => `"${k}"`).join(", ") : "nothing"}` +
        (key.startsWith("val_") ? " (val_ values need validationData or validationSplit in fit)" : ""));
    }
    return values;
  }

  /** The largest value `key` reached in any epoch, e.g. `history.best("val_accuracy")`: did the run ever get there? */
  best(key: string): number {
    return Math.max(...this.values(key));
  }

  /** The value of `key` after epoch `epoch`, counted from 1 as the progress line does. */
  at(key: string, epoch: number): number {
    const values = this.values(key);
    if (!Number.isInteger(epoch) || epoch < 1 || epoch > values.length) {
      throw new Error(`History.at: epoch must be an integer from 1 to ${values.length} (epochs are counted from 1), got ${epoch}`);
    }
    return values[epoch - 1];
  }

  /** The first epoch (counted from 1) after which `key` is at least `level`, or undefined if it never is. */
  firstEpochAt(key: string, level: number): number | undefined {
    const i = this.values(key).findIndex((v) => v >= level);
    return i < 0 ? undefined : i + 1;
  }

  [inspect.custom](): string {
    const n = this.epoch.length;
    const series = Object.keys(this.history).map((key) => {
      const values = this.history[key];
      return `${key} ${formatRounded(values[0])} → ${formatRounded(values[values.length - 1])}`;
    });
    return `History: ${n} epoch${n === 1 ? "" : "s"}${series.length ? "; " + series.join("; ") : ""}`;
  }
}
