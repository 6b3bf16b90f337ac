import { checkInteger, checkKeys, describe } from "../util/checks";
import { ActivationName } from "./activations";
import { Initializer, InitializerName } from "./initializers";
import { Dense } from "./layers";
import { LossName } from "./losses";
import { FitArgs, Sequential } from "./model";
import { SGD } from "./optimizers";
import { Rng, Seed } from "./rng";

/** Options of `keras.network`: the network a few lines of Keras build, by name. */
export interface KerasNetworkArgs {
  /** Number of input features. Default 2 (a bean's two coordinates). */
  inputDim?: number;
  /** Sizes of the hidden layers, e.g. [8, 8, 8]; [] for a single output neuron. Default [] */
  hidden?: number[];
  /** Activation of the hidden units. Default "relu". */
  activation?: ActivationName;
  /** Activation of the one output unit. Default "sigmoid". */
  output?: ActivationName;
  /** The loss. Default "binaryCrossentropy". */
  loss?: LossName;
  /** Step size of plain SGD. Default 0.01 (Keras's). */
  learningRate?: number;
  /** Samples per step, returned in fitOptions. Default 32 (Keras's). */
  batchSize?: number;
  /** Initial biases of the hidden layers. Default "zeros". */
  biasInitializer?: InitializerName | Initializer;
  /** Seed (or shared stream) of the initial weights and the shuffling. Default 1. */
  seed?: Seed | Rng;
}

/**
 * A compiled network with Keras's conventions (Glorot-uniform weights, zero biases, a sigmoid
 * output, cross-entropy, plain SGD, reshuffled every epoch, accuracy reported), and the fit
 * options that go with it: the twin of `playground.network`.
 */
export function network(args: KerasNetworkArgs = {}): { model: Sequential; fitOptions: FitArgs } {
  const where = "keras.network";
  checkKeys(args, ["inputDim", "hidden", "activation", "output", "loss", "learningRate", "batchSize", "biasInitializer", "seed"], where);
  const hidden = args.hidden ?? [];
  if (!Array.isArray(hidden)) throw new Error(`${where}: hidden must be an array of hidden layer sizes such as [8, 8, 8], got ${describe(hidden)}`);
  hidden.forEach((units, i) => checkInteger(units, `hidden[${i}]`, where));
  const batchSize = checkInteger(args.batchSize ?? 32, "batchSize", where);
  const model = new Sequential({ seed: args.seed ?? 1 });
  let inputDim: number | undefined = checkInteger(args.inputDim ?? 2, "inputDim", where);
  for (const units of hidden) {
    model.add(new Dense({ units, activation: args.activation ?? "relu", inputDim, biasInitializer: args.biasInitializer ?? "zeros" }));
    inputDim = undefined;
  }
  model.add(new Dense({ units: 1, activation: args.output ?? "sigmoid", inputDim }));
  model.compile({ loss: args.loss ?? "binaryCrossentropy", optimizer: new SGD({ learningRate: args.learningRate ?? 0.01 }), metrics: ["accuracy"] });
  return { model, fitOptions: { batchSize } };
}
