import { Batches } from "./batches";
import { CallbackList, deadUnitRecorder, gradientRecorder, historyRecorder, TrainingCallback } from "./callbacks";
import { FitOptions } from "./fit-args";
import { History, Logs } from "./history";
import { Layer } from "./layer";
import { Loss } from "./losses";
import { Matrix } from "./matrix";
import { Metric } from "./metrics";
import type { Sequential } from "./model";
import { backwardLayers, evaluateLayers, forwardLoss, parametersOf } from "./network";
import { Optimizer } from "./optimizers";
import { ProgressLogger } from "./progress";

/** Thrown when the loss stops being a finite number; carries the history up to the last good epoch. */
export class DivergedError extends Error {
  constructor(message: string, readonly history: History) {
    super(message);
    this.name = "DivergedError";
  }
}

/** What `fitLoop` trains, on what, and how. */
export interface FitLoopArgs {
  /** The model, for `stopTraining` and the callbacks' `setModel`. */
  model: Sequential;
  /** Its layers, built, input side first. */
  layers: Layer[];
  /** The loss minimized. */
  loss: Loss;
  /** The weight update. */
  optimizer: Optimizer;
  /** What is reported besides the loss. */
  metrics: Metric[];
  /** The training data, checked. */
  data: { X: Matrix; y: Matrix };
  /** Data to report val_ values on after every epoch. */
  validation: { X: Matrix; y: Matrix } | undefined;
  /** The checked options of `fit`. */
  options: FitOptions;
}

/**
 * fit's callbacks in the order they are called (tfjs's configureCallbacks): the history, then
 * gradient sizes and dead units when asked, then the progress line, then the caller's.
 */
export function configureCallbacks(history: History, layers: Layer[], X: Matrix, options: FitOptions): CallbackList {
  const list: TrainingCallback[] = [historyRecorder(history)];
  if (options.recordGradients) list.push(gradientRecorder(history, layers));
  if (options.recordDeadUnits) list.push(deadUnitRecorder(history, layers, X));
  if (options.verbose !== 0) list.push(new ProgressLogger({ verbose: options.verbose, epochs: options.epochs, initialEpoch: options.initialEpoch }));
  return new CallbackList([...list, ...options.callbacks]);
}

/** Trains epoch after epoch, a gradient step per batch, calling the callbacks; resolves to the History. */
export async function fitLoop(args: FitLoopArgs): Promise<History> {
  const { model, layers, loss, optimizer, metrics, data, validation, options } = args;
  const { epochs, batchSize, initialEpoch, yieldMs } = options;
  const n = data.X.rows;
  const k = data.y.cols;
  const batches = new Batches(data, batchSize, options.carry);
  const history = new History({ epochs, batchSize: Math.min(batchSize, n), samples: n, steps: Math.ceil(n / batchSize) });
  for (const layer of layers) layer.reserve(batches.capacity);
  const { params, grads, kernels } = parametersOf(layers);
  const snapshot = params.map((p) => new Float64Array(p.length));
  const correct = new Float64Array(metrics.length);
  const output = layers[layers.length - 1];
  const callbacks = configureCallbacks(history, layers, data.X, options);

  model.stopTraining = false;
  callbacks.setModel(model);
  await callbacks.trainBegin({});
  let lastYield = Date.now();
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    await callbacks.epochBegin(epoch);
    for (let p = 0; p < params.length; p++) snapshot[p].set(params[p]);
    batches.startEpoch(options.shuffle ? model.rng : null);
    correct.fill(0);
    let lossSum = 0;
    let seen = 0;
    for (let rows = batches.next(); rows > 0; rows = batches.next()) {
      lossSum += rows * forwardLoss(layers, batches.X, batches.y, rows, loss);
      for (let m = 0; m < metrics.length; m++) correct[m] += metrics[m].countCorrect(output.a, batches.y, rows * k);
      backwardLayers(layers, batches.X, batches.y, rows, loss);
      callbacks.gradients();
      optimizer.step(params, grads, kernels);
      seen += rows;
    }

    const logs: Logs = { loss: lossSum / seen };
    metrics.forEach((m, i) => (logs[m.key] = correct[i] / (seen * k)));
    if (!Number.isFinite(logs.loss)) {
      for (let p = 0; p < params.length; p++) params[p].set(snapshot[p]);
      throw new DivergedError(
        `fit: the loss became ${logs.loss} in epoch ${epoch} (0-based), so training stopped; the weights are ` +
          `restored to the start of that epoch and the history so far is on error.history. The steps grew ` +
          `too large: the learning rate (${optimizer.learningRate}) is probably too high; try ${optimizer.learningRate / 10}.`,
        history,
      );
    }
    if (validation) {
      const val = evaluateLayers(layers, loss, metrics, validation.X, validation.y);
      for (const key of Object.keys(val)) logs[`val_${key}`] = val[key];
    }
    await callbacks.epochEnd(epoch, logs);
    if (yieldMs === 0 || (yieldMs > 0 && Date.now() - lastYield >= yieldMs)) {
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
    }
  }
  await callbacks.trainEnd(history.last());
  return history;
}
