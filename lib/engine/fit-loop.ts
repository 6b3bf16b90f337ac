import { CallbackList, deadUnitRecorder, gradientRecorder, historyRecorder, TrainingCallback } from "./callbacks";
import { FitOptions } from "./fit-args";
import { History, Logs } from "./history";
import { Layer } from "./layer";
import { Loss } from "./losses";
import { Matrix } from "./matrix";
import { Metric } from "./metrics";
import type { Sequential } from "./model";
import { compiledTrainer } from "./compiled/driver";
import { Forward } from "./network";
import { Optimizer } from "./optimizers";
import { ProgressLogger } from "./progress";
import { ReferenceTrainer } from "./trainer";

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
  /** Train in a compiled kernel where the network, loss and optimizer allow (false: always the TypeScript layers). */
  jitCompile: boolean;
  /** The model's whole-dataset forward passes, for validation and dead units (called after each epoch). */
  forward: () => Forward;
}

/**
 * fit's callbacks in the order they are called (tfjs's configureCallbacks): the history, then
 * gradient sizes and dead units when asked, then the progress line, then the caller's.
 */
export function configureCallbacks(history: History, kernelGrads: Float64Array[], forward: () => Forward, X: Matrix, options: FitOptions): CallbackList {
  const list: TrainingCallback[] = [historyRecorder(history)];
  if (options.recordGradients) list.push(gradientRecorder(history, kernelGrads));
  if (options.recordDeadUnits) list.push(deadUnitRecorder(history, () => forward().deadUnits(X)));
  if (options.verbose !== 0) list.push(new ProgressLogger({ verbose: options.verbose, epochs: options.epochs, initialEpoch: options.initialEpoch }));
  return new CallbackList([...list, ...options.callbacks]);
}

/** Trains epoch after epoch, a gradient step per batch, calling the callbacks; resolves to the History. */
export async function fitLoop(args: FitLoopArgs): Promise<History> {
  const { model, layers, loss, optimizer, metrics, data, validation, options, forward } = args;
  const { epochs, batchSize, initialEpoch, yieldMs, carry } = options;
  const n = data.X.rows;
  const k = data.y.cols;
  const compiled = args.jitCompile ? compiledTrainer(layers, loss, optimizer, data, batchSize, carry) : null;
  const trainer = compiled ?? new ReferenceTrainer(layers, loss, optimizer, data, batchSize, carry);
  const history = new History({ epochs, batchSize: Math.min(batchSize, n), samples: n, steps: Math.ceil(n / batchSize) });
  const correct = new Float64Array(metrics.length);
  const callbacks = configureCallbacks(history, trainer.kernelGrads, forward, data.X, options);
  const onGradients = () => callbacks.gradients();

  model.stopTraining = false;
  callbacks.setModel(model);
  await callbacks.trainBegin({});
  let lastYield = Date.now();
  for (let epoch = initialEpoch; epoch < epochs && !model.stopTraining; epoch++) {
    await callbacks.epochBegin(epoch);
    trainer.startEpoch(options.shuffle ? model.rng : null);
    correct.fill(0);
    let lossSum = 0;
    let seen = 0;
    for (let rows = trainer.next(onGradients); rows > 0; rows = trainer.next(onGradients)) {
      lossSum += rows * trainer.loss;
      for (let m = 0; m < metrics.length; m++) correct[m] += metrics[m].countCorrect(trainer.output, trainer.targets, rows * k);
      seen += rows;
    }

    const logs: Logs = { loss: lossSum / seen };
    metrics.forEach((m, i) => (logs[m.key] = correct[i] / (seen * k)));
    const finite = Number.isFinite(logs.loss);
    trainer.endEpoch(finite);
    if (!finite) {
      throw new DivergedError(
        `fit: the loss became ${logs.loss} in epoch ${epoch} (0-based), so training stopped; the weights are ` +
          `restored to the start of that epoch and the history so far is on error.history. The steps grew ` +
          `too large: the learning rate (${optimizer.learningRate}) is probably too high; try ${optimizer.learningRate / 10}.`,
        history,
      );
    }
    if (validation) {
      const val = forward().evaluate(loss, metrics, validation.X, validation.y);
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
