import { checkKeys, describe } from "../util/checks";
import { History, Logs } from "./history";
import type { Sequential } from "./model";

/** Hooks called during `fit`; they may be async. Set `model.stopTraining = true` to stop after the epoch. */
export interface Callbacks {
  /** Called first, with the model being trained, so that a callback can stop it. */
  setModel?(model: Sequential): unknown;
  /** Before the first epoch. */
  onTrainBegin?(logs: Logs): unknown;
  /** After the last epoch, with its logs. */
  onTrainEnd?(logs: Logs): unknown;
  /** Before each epoch (0-based index). */
  onEpochBegin?(epoch: number): unknown;
  /** After each epoch, with its loss, metrics and validation values. */
  onEpochEnd?(epoch: number, logs: Logs): unknown;
}

/** A callback of the engine's own: besides the epoch hooks, it may look at each batch's gradients. */
export interface TrainingCallback extends Callbacks {
  /** After each batch's backward pass, before the optimizer moves the weights; synchronous, as it runs per batch. */
  onGradients?(): void;
}

const CALLBACK_KEYS = ["setModel", "onTrainBegin", "onTrainEnd", "onEpochBegin", "onEpochEnd"];

/** The caller's `callbacks` option as a list, each checked to be an object, and a plain object to have only known hooks. */
export function toCallbackList(callbacks: Callbacks | Callbacks[] | undefined): Callbacks[] {
  const list = callbacks === undefined ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  for (const cb of list) {
    if (!cb || typeof cb !== "object") throw new Error(`fit: callbacks must be an object like { onEpochEnd(epoch, logs) {...} } or an array of them, got ${describe(cb)}`);
    // A typo in an object literal's hook name is caught; a class instance may keep its own state in fields.
    if (Object.getPrototypeOf(cb) === Object.prototype) checkKeys(cb, CALLBACK_KEYS, "fit callbacks");
  }
  return list;
}

/** The callbacks of one `fit`, each hook called on every callback in order and awaited (tfjs's CallbackList). */
export class CallbackList {
  private readonly withGradients: TrainingCallback[];

  constructor(
    /** The callbacks, in the order they are called. */
    readonly callbacks: TrainingCallback[],
  ) {
    this.withGradients = callbacks.filter((cb) => cb.onGradients);
  }

  /** Hands the model to every callback that asks for it. */
  setModel(model: Sequential): void {
    for (const cb of this.callbacks) cb.setModel?.(model);
  }

  /** Before the first epoch. */
  async trainBegin(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainBegin?.(logs);
  }

  /** Before each epoch. */
  async epochBegin(epoch: number): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochBegin?.(epoch);
  }

  /** After each batch's backward pass, before the step. */
  gradients(): void {
    for (const cb of this.withGradients) cb.onGradients?.();
  }

  /** After each epoch. */
  async epochEnd(epoch: number, logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onEpochEnd?.(epoch, logs);
  }

  /** After the last epoch. */
  async trainEnd(logs: Logs): Promise<void> {
    for (const cb of this.callbacks) await cb.onTrainEnd?.(logs);
  }
}

/** Records every epoch's logs in `history` (Keras's History callback). */
export function historyRecorder(history: History): TrainingCallback {
  return {
    onEpochEnd(epoch: number, logs: Logs) {
      history.record(epoch, logs);
    },
  };
}

/**
 * Records each layer's mean |dL/dW| per epoch, averaged over the epoch's batches, in
 * `history.gradientSize`; `kernelGrads` are the arrays the trainer leaves each batch's dL/dW in.
 */
export function gradientRecorder(history: History, kernelGrads: Float64Array[]): TrainingCallback {
  const sums = new Float64Array(kernelGrads.length);
  let steps = 0;
  return {
    onEpochBegin() {
      sums.fill(0);
      steps = 0;
    },
    onGradients() {
      for (let l = 0; l < kernelGrads.length; l++) {
        const g = kernelGrads[l];
        let s = 0;
        for (let i = 0; i < g.length; i++) s += Math.abs(g[i]);
        sums[l] += s / g.length;
      }
      steps++;
    },
    onEpochEnd() {
      history.gradientSize.push(Array.from(sums, (s) => s / steps));
    },
  };
}

/** Records each layer's number of dead units per epoch in `history.deadUnits`; `deadUnits` tells them on the training inputs. */
export function deadUnitRecorder(history: History, deadUnits: () => boolean[][]): TrainingCallback {
  return {
    onEpochEnd() {
      history.deadUnits.push(deadUnits().map((dead) => dead.filter(Boolean).length));
    },
  };
}

/**
 * A callback that stops training after the first epoch in which `key` reaches `level`, e.g.
 * `stopAt("val_accuracy", 0.95)`; `history.firstEpochAt(key, level)` then tells when.
 */
export function stopAt(key: string, level: number): Callbacks {
  if (typeof key !== "string" || key === "") throw new Error(`stopAt: key must be a logs key such as "val_accuracy", got ${describe(key)}`);
  if (typeof level !== "number" || Number.isNaN(level)) throw new Error(`stopAt: level must be a number such as 0.95, got ${describe(level)}`);
  let model: Sequential | undefined;
  return {
    setModel(m: Sequential) {
      model = m;
    },
    onEpochEnd(_epoch: number, logs: Logs) {
      if (!(key in logs)) throw new Error(`stopAt: the logs have no "${key}"; they have ${Object.keys(logs).join(", ")}${key.startsWith("val_") ? " (val_ values need validationData)" : ""}`);
      if (logs[key] >= level && model) model.stopTraining = true;
    },
  };
}
