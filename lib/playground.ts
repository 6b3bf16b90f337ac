import { checkInteger, checkKeys, describe } from "./checks";
import { circle, Dataset, gauss, GeneratorArgs, spiral, trainTestSplit, xor } from "./data";
import { Dense } from "./layers";
import { FitArgs, Sequential } from "./model";
import { SGD } from "./optimizers";
import { Rng, toRng } from "./rng";

/** Playground's classification datasets, by the names its URLs use. */
export const DATASETS: Record<string, (args: GeneratorArgs) => Dataset> = { gauss, circle, xor, spiral };

/** The activations Playground offers for hidden units. */
export const ACTIVATIONS = ["tanh", "relu", "sigmoid", "linear"] as const;

/** Options of `playground.experiment`, with the page's names and defaults. */
export interface ExperimentArgs {
  /** "gauss", "circle", "xor" or "spiral". Default "circle", as the page. */
  dataset?: string;
  /** Noise as on the page's slider, 0 to 50 (percent). Default 0. */
  noise?: number;
  /** Percentage of the 500 points used for training, 10 to 90. Default 50. */
  percTrainData?: number;
  /** Sizes of the hidden layers, e.g. [4, 2]; [] for none. Default [4, 2]. */
  networkShape?: number[];
  /** Activation of the hidden units. Default "tanh". */
  activation?: (typeof ACTIVATIONS)[number];
  /** Step size of SGD. Default 0.03. */
  learningRate?: number;
  /** Points per weight update. Default 10. */
  batchSize?: number;
  /** The page's seed (a string from its URL, e.g. "0.59704"); data, then weights, are drawn from it. Default "1". */
  seed?: string | Rng;
}

/** A Playground experiment, ready to train: `await model.fit(train.X, train.y, { ...fitOptions, epochs })`. */
export interface Experiment {
  /** Training points in the page's order, labels ±1. */
  train: Dataset;
  /** Test points, labels ±1. */
  test: Dataset;
  /** The page's network, compiled with its conventions (see `network`). */
  model: Sequential;
  /** Batch size and no reshuffling: the page shuffles its data once, when it makes it. */
  fitOptions: FitArgs;
}

const EXPERIMENT_KEYS = ["dataset", "noise", "percTrainData", "networkShape", "activation", "learningRate", "batchSize", "seed"] as const;

/**
 * What TensorFlow Playground does on a fresh load of a page: seed the stream, draw 500 points,
 * shuffle them once, split train/test, then draw the initial weights from the same stream.
 * One epoch of `fit` with `fitOptions` is one "step" of the page; `model.evaluate(test)` gives
 * its "Test loss" (½(yHat - y)² averaged over the points). Exact when the training size is a
 * multiple of the batch size (the page carries a leftover partial batch into the next epoch).
 */
export function experiment(args: ExperimentArgs = {}): Experiment {
  checkKeys(args, EXPERIMENT_KEYS, "playground.experiment");
  const name = args.dataset ?? "circle";
  if (typeof name !== "string" || !Object.prototype.hasOwnProperty.call(DATASETS, name)) {
    throw new Error(`playground.experiment: unknown dataset ${describe(name)}; expected one of ${Object.keys(DATASETS).join(", ")}`);
  }
  const noise = args.noise ?? 0;
  if (typeof noise !== "number" || !(noise >= 0 && noise <= 100)) {
    throw new Error(`playground.experiment: noise must be a percentage from 0 to 100 (the page's slider goes to 50), got ${describe(noise)}`);
  }
  const percTrainData = args.percTrainData ?? 50;
  if (typeof percTrainData !== "number" || !(percTrainData > 0 && percTrainData < 100)) {
    throw new Error(`playground.experiment: percTrainData must be a percentage between 0 and 100 (the page offers 10 to 90), got ${describe(percTrainData)}`);
  }
  const rng = toRng(args.seed ?? "1");
  const points = DATASETS[name]({ n: 500, noise: noise / 100, seed: rng, labels: "pm1" });
  // The page keeps floor(500 * perc / 100) points for training; the rest is the test set.
  const nTest = 500 - Math.floor((500 * percTrainData) / 100);
  const { train, test } = trainTestSplit(points, { testSize: nTest, seed: rng });
  const { networkShape, activation, learningRate, batchSize } = args;
  const { model, fitOptions } = network({ networkShape, activation, learningRate, batchSize, seed: rng });
  return { train, test, model, fitOptions };
}

/** Options of `playground.network`. */
export interface NetworkArgs {
  /** Number of input features. Default 2 (x and y). */
  inputDim?: number;
  /** Sizes of the hidden layers. Default [4, 2]. */
  networkShape?: number[];
  /** Activation of the hidden units. Default "tanh". */
  activation?: (typeof ACTIVATIONS)[number];
  /** Step size of SGD. Default 0.03. */
  learningRate?: number;
  /** Points per weight update. Default 10. */
  batchSize?: number;
  /** Seed or shared stream for the initial weights. Default "1". */
  seed?: string | Rng;
}

/**
 * A network with Playground's conventions: weights U(-0.5, 0.5) drawn in the page's order,
 * biases 0.1, a tanh output unit whatever the hidden activation, labels ±1, the error
 * ½(yHat - y)², plain SGD, and accuracy as the sign of the output.
 */
export function network(args: NetworkArgs = {}): { model: Sequential; fitOptions: FitArgs } {
  checkKeys(args, ["inputDim", "networkShape", "activation", "learningRate", "batchSize", "seed"], "playground.network");
  const networkShape = args.networkShape ?? [4, 2];
  if (!Array.isArray(networkShape)) {
    throw new Error(`playground.network: networkShape must be an array of hidden layer sizes such as [4, 2], got ${describe(networkShape)}`);
  }
  networkShape.forEach((units, i) => checkInteger(units, `networkShape[${i}]`, "playground.network"));
  const activation = args.activation ?? "tanh";
  if (!ACTIVATIONS.includes(activation)) {
    throw new Error(`playground.network: unknown activation ${describe(activation)}; the page offers ${ACTIVATIONS.join(", ")}`);
  }
  const batchSize = checkInteger(args.batchSize ?? 10, "batchSize", "playground.network");
  const model = new Sequential({ seed: args.seed ?? "1", name: "playground" });
  const init = { kernelInitializer: "playground", biasInitializer: "playground" } as const;
  let inputDim: number | undefined = checkInteger(args.inputDim ?? 2, "inputDim", "playground.network");
  for (const units of networkShape) {
    model.add(new Dense({ units, activation, inputDim, ...init }));
    inputDim = undefined;
  }
  model.add(new Dense({ units: 1, activation: "tanh", inputDim, ...init }));
  model.compile({ loss: "halfSquared", optimizer: new SGD({ learningRate: args.learningRate ?? 0.03 }), metrics: ["signAccuracy"] });
  return { model, fitOptions: { batchSize, shuffle: false } };
}
