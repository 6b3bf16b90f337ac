/** A training callback that keeps a model's weights after chosen epochs, to replay training later. */
import type { Callbacks, Sequential } from "./model";

/** The weights of a model at one epoch, as `snapshots` records them. */
export interface Snapshot {
  /** Epochs completed when the weights were taken (0 = before training). */
  epoch: number;
  /** The weights, as `getWeights` returns them. */
  weights: (number[][] | number[])[];
}

/**
 * Callbacks for `fit` that keep the model's weights after the given epochs (0 = before
 * training), for `plot.filmstrip` and `plot.animation`: `fit(X, y, { callbacks: film.callbacks })`.
 */
export function snapshots(model: Sequential, epochs: number[]): { snapshots: Snapshot[]; callbacks: Callbacks } {
  const taken: Snapshot[] = [];
  const wanted = new Set(epochs);
  return {
    snapshots: taken,
    callbacks: {
      onTrainBegin() {
        if (wanted.has(0) && taken.length === 0) taken.push({ epoch: 0, weights: model.getWeights() });
      },
      onEpochEnd(epoch) {
        if (wanted.has(epoch + 1)) taken.push({ epoch: epoch + 1, weights: model.getWeights() });
      },
    },
  };
}
