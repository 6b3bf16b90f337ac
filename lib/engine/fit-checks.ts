import { DivergedError } from "./fit-loop";
import { History } from "./history";
import { Dense } from "./layers";
import { Matrix } from "./matrix";
import { runLayers } from "./network";

/** An output unit whose slope f'(z) is below this on every row passes no gradient: it is saturated. */
const SATURATED_SLOPE = 1e-9;

/** Inputs whose largest |value| is above this are far outside the scale weights start at (about 1). */
const LARGE_INPUT = 1e3;

/**
 * The warning for a fit that "succeeded" while learning nothing: every output unit saturated on every
 * training row (slope below 1e-9, e.g. a sigmoid pushed to 0 or 1 by a huge learning rate) and the
 * loss flat over the last epochs; null when training looks alive.
 */
export function saturationWarning(layers: Dense[], X: Matrix, history: History, learningRate: number | undefined): string | null {
  const losses = history.history.loss ?? [];
  if (losses.length < 2) return null;
  const last = losses.slice(-3);
  const flat = last.every((loss) => Math.abs(loss - last[0]) <= 1e-12 * Math.max(1, Math.abs(last[0])));
  if (!flat) return null;
  runLayers(layers, X.data, X.rows);
  const output = layers[layers.length - 1];
  const n = X.rows * output.units;
  for (let i = 0; i < n; i++) if (Math.abs(output.activation.der(output.z[i])) >= SATURATED_SLOPE) return null;
  const lr = learningRate === undefined ? "the learning rate" : `the learning rate (${learningRate})`;
  return (
    `fit: warning: the loss stayed at ${last[0].toPrecision(4)} and every output unit (${output.activation.name}) is saturated on every ` +
    `training row, so no gradient flows and the network learns nothing. The steps were too large for the output: ` +
    `${lr} is probably too high${learningRate === undefined ? "" : `; try ${learningRate / 100}`}, or the inputs are far from 0 (scale them).`
  );
}

/** The warning for inputs far outside the scale weights start at, or null. */
export function largeInputWarning(X: Matrix): string | null {
  const largest = largestMagnitude(X);
  if (largest <= LARGE_INPUT) return null;
  return (
    `fit: warning: the inputs reach |x| = ${largest.toPrecision(3)}, far outside the scale the weights start at (about 1): ` +
    `units saturate and steps are huge. Scale each feature to about [-1, 1] (subtract its mean, divide by its standard deviation).`
  );
}

/** The warning for a validationSplit whose rows hold one label only while training has others, or null. */
export function oneClassWarning(train: Matrix, validation: Matrix): string | null {
  const labels = new Set(validation.data);
  if (labels.size !== 1 || new Set(train.data).size < 2) return null;
  return (
    `fit: warning: the validation split (the last rows, taken before any shuffling) holds only the label ${[...labels][0]}; ` +
    `the rows look sorted by class. Shuffle them first (datasets.shuffleDataset(data, seed)) or pass validationData.`
  );
}

function largestMagnitude(X: Matrix): number {
  let largest = 0;
  for (let i = 0; i < X.data.length; i++) largest = Math.max(largest, Math.abs(X.data[i]));
  return largest;
}

/** `error` with advice that looks at the inputs' scale before blaming the learning rate. */
export function withInputAdvice(error: DivergedError, X: Matrix): DivergedError {
  const largest = largestMagnitude(X);
  if (largest <= LARGE_INPUT || !error.message.includes(" The steps grew too large:")) return error;
  const message = error.message.replace(
    / The steps grew too large:.*$/s,
    ` The inputs are large (the largest |value| in X is ${largest.toPrecision(3)}), which makes every step large: ` +
      `scale each feature to about [-1, 1] (e.g. subtract its mean and divide by its standard deviation) before ` +
      `lowering the learning rate.`,
  );
  return new DivergedError(message, error.history);
}
