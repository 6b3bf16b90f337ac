import { checkInteger, checkKeys, describe } from "../util/checks";
import { Callbacks, toCallbackList } from "./callbacks";
import { MatrixLike, TargetsLike } from "./matrix";

/** Validation data: `[X, y]` as Keras, or `{ X, y }` as beanlab's datasets. */
export type ValidationData = [MatrixLike, TargetsLike] | { X: MatrixLike; y: TargetsLike };

/** Options of `fit`, with Keras's names and defaults. */
export interface FitArgs {
  /** Index of the epoch to stop before (so the number of epochs when initialEpoch is 0). Default 1. */
  epochs?: number;
  /** Samples per gradient step; the last batch of an epoch may be smaller. Default 32. */
  batchSize?: number;
  /** Reshuffle the training samples before every epoch (seeded). Default true. */
  shuffle?: boolean;
  /** Fraction of the samples, taken from the end before any shuffling, held out for validation. */
  validationSplit?: number;
  /** Data to report val_loss and val_ metrics on after every epoch. */
  validationData?: ValidationData;
  /** 0 silent; 1 one progress line (updated in place in a terminal, about ten lines elsewhere); 2 a line per epoch. Default 1. */
  verbose?: 0 | 1 | 2;
  /** Hooks called during training. */
  callbacks?: Callbacks | Callbacks[];
  /** Epoch to start counting from, to resume training. Default 0. */
  initialEpoch?: number;
  /** How often fit lets other work run (a live chart): "auto" (every 100 ms), "epoch", "never", or milliseconds. */
  yieldEvery?: "auto" | "epoch" | "never" | number;
  /** Record each layer's mean |dL/dW| per epoch in `history.gradientSize`. Default false. */
  recordGradients?: boolean;
  /** Record each layer's number of dead units per epoch in `history.deadUnits`. Default false. */
  recordDeadUnits?: boolean;
  /**
   * An epoch's last, smaller batch: "use" it for a step of its own (Keras), or "carry" its rows into
   * the next epoch's first batch (TensorFlow Playground). Default "use".
   */
  partialBatch?: "use" | "carry";
}

/** `FitArgs` checked, with every default filled in. */
export interface FitOptions {
  /** Index of the epoch to stop before. */
  epochs: number;
  /** Samples per gradient step. */
  batchSize: number;
  /** First epoch index. */
  initialEpoch: number;
  /** Reshuffle before every epoch. */
  shuffle: boolean;
  /** Add the gradient-size recorder. */
  recordGradients: boolean;
  /** Add the dead-unit recorder. */
  recordDeadUnits: boolean;
  /** 0, 1 or 2, as `FitArgs.verbose`. */
  verbose: 0 | 1 | 2;
  /** Milliseconds between yields to other work: 0 after every epoch, -1 never. */
  yieldMs: number;
  /** Carry an epoch's partial batch into the next epoch (Playground) instead of using it (Keras). */
  carry: boolean;
  /** The caller's callbacks, checked. */
  callbacks: Callbacks[];
}

const FIT_KEYS = [
  "epochs", "batchSize", "shuffle", "validationSplit", "validationData", "verbose", "callbacks",
  "initialEpoch", "yieldEvery", "recordGradients", "recordDeadUnits", "partialBatch",
] as const;

/** Milliseconds between yields with `yieldEvery: "auto"`. */
const AUTO_YIELD_MS = 100;

/** Checks the keys of `fit`'s options. */
export function checkFitKeys(args: FitArgs): void {
  checkKeys(args, FIT_KEYS, "fit");
}

/** Checks `fit`'s options (all but the data) and fills in the defaults; errors name the option and what it takes. */
export function parseFitArgs(args: FitArgs): FitOptions {
  const epochs = checkInteger(args.epochs ?? 1, "epochs", "fit");
  const batchSize = checkInteger(args.batchSize ?? 32, "batchSize", "fit");
  const initialEpoch = checkInteger(args.initialEpoch ?? 0, "initialEpoch", "fit", 0);
  if (initialEpoch >= epochs) throw new Error(`fit: initialEpoch (${initialEpoch}) must be smaller than epochs (${epochs})`);
  const shuffle = checkBoolean(args.shuffle ?? true, "shuffle");
  const recordGradients = checkBoolean(args.recordGradients ?? false, "recordGradients");
  const recordDeadUnits = checkBoolean(args.recordDeadUnits ?? false, "recordDeadUnits");
  const verbose = args.verbose ?? 1;
  if (verbose !== 0 && verbose !== 1 && verbose !== 2) throw new Error(`fit: verbose must be 0, 1 or 2, got ${describe(verbose)}`);
  const yieldMs = yieldInterval(args.yieldEvery ?? "auto");
  if (args.partialBatch !== undefined && args.partialBatch !== "use" && args.partialBatch !== "carry") {
    throw new Error(`fit: partialBatch must be "use" or "carry", got ${describe(args.partialBatch)}`);
  }
  const carry = args.partialBatch === "carry";
  const callbacks = toCallbackList(args.callbacks);
  return { epochs, batchSize, initialEpoch, shuffle, recordGradients, recordDeadUnits, verbose, yieldMs, carry, callbacks };
}

function checkBoolean(value: unknown, name: string): boolean {
  if (typeof value !== "boolean") throw new Error(`fit: ${name} must be true or false, got ${describe(value)}`);
  return value;
}

/** Milliseconds between yields: 0 after every epoch, -1 never. */
function yieldInterval(every: FitArgs["yieldEvery"]): number {
  if (every === "auto") return AUTO_YIELD_MS;
  if (every === "epoch") return 0;
  if (every === "never") return -1;
  if (typeof every === "number" && every >= 0 && Number.isFinite(every)) return every;
  throw new Error(`fit: yieldEvery must be "auto", "epoch", "never" or a number of milliseconds >= 0, got ${describe(every)}`);
}
