import { inspect } from "util";
import { checkInteger, checkKeys, describe } from "../util/checks";
import { circle, Dataset, gauss, GeneratorArgs, spiral, trainTestSplit, xor } from "../data/generators";
import { Initializer } from "../engine/initializers";
import { Dense } from "../engine/layers";
import { FitArgs, Sequential } from "../engine/model";
import { Optimizer } from "../engine/optimizers";
import { Rng } from "../engine/rng";
import { initializer } from "./initializer";
import { checkBuildable, decode, duplicateKey, hashOf, missingEquals, noiseWarning } from "./url-checks";

export { initializer } from "./initializer";

/** Playground's classification datasets, by the names its URLs use. */
export const DATASETS: Record<string, (args: GeneratorArgs) => Dataset> = { circle, xor, gauss, spiral };

/** The activations Playground offers for hidden units. */
export const ACTIVATIONS = ["relu", "tanh", "sigmoid", "linear"] as const;

/** Playground's input features, in the order the page feeds them to the network. */
export const FEATURES = {
  x: (x: number) => x,
  y: (_x: number, y: number) => y,
  xSquared: (x: number) => x * x,
  ySquared: (_x: number, y: number) => y * y,
  xTimesY: (x: number, y: number) => x * y,
  sinX: (x: number) => Math.sin(x),
  sinY: (_x: number, y: number) => Math.sin(y),
} as const;

/** The name of an input feature, e.g. "xSquared" for X₁². */
export type Feature = keyof typeof FEATURES;

/**
 * Everything a Playground URL holds (`#activation=tanh&batchSize=10&...`), with the page's names and
 * defaults. Keys that only change the page's display are kept so that a URL round-trips.
 */
export interface PlaygroundState {
  activation: (typeof ACTIVATIONS)[number];
  regularization: "none" | "L1" | "L2";
  batchSize: number;
  dataset: "circle" | "xor" | "gauss" | "spiral";
  regDataset: "reg-plane" | "reg-gauss" | "reg-maximum" | "reg-argmax";
  learningRate: number;
  regularizationRate: number;
  /** Percent, as the page's slider (0 to 50; URLs reach 80). */
  noise: number;
  /** Hidden layer sizes; [] for none. */
  networkShape: number[];
  /** The page's seed, a string such as "0.59704". */
  seed: string;
  showTestData: boolean;
  discretize: boolean;
  /** Percent of the 500 points used for training (10 to 90). */
  percTrainData: number;
  x: boolean;
  y: boolean;
  xTimesY: boolean;
  xSquared: boolean;
  ySquared: boolean;
  cosX: boolean;
  sinX: boolean;
  cosY: boolean;
  sinY: boolean;
  collectStats: boolean;
  tutorial: string | null;
  problem: "classification" | "regression";
  initZero: boolean;
  hideText: boolean;
  /** Controls hidden on the page, e.g. { "activation_hide": true }. */
  hidden: Record<string, boolean>;
}

/** The page's state when its URL says nothing (and the seed is "1"). */
export const DEFAULT_STATE: PlaygroundState = {
  activation: "tanh", regularization: "none", batchSize: 10, dataset: "circle", regDataset: "reg-plane",
  learningRate: 0.03, regularizationRate: 0, noise: 0, networkShape: [4, 2], seed: "1", showTestData: false,
  discretize: false, percTrainData: 50, x: true, y: true, xTimesY: false, xSquared: false, ySquared: false,
  cosX: false, sinX: false, cosY: false, sinY: false, collectStats: false, tutorial: null,
  problem: "classification", initZero: false, hideText: false, hidden: {},
};

type Kind = readonly string[] | "number" | "numbers" | "string" | "boolean";

/** The URL's keys in the order the page writes them, with what each may hold. */
const KEYS: [keyof PlaygroundState, Kind][] = [
  ["activation", ACTIVATIONS], ["regularization", ["none", "L1", "L2"]], ["batchSize", "number"],
  ["dataset", ["circle", "xor", "gauss", "spiral"]], ["regDataset", ["reg-plane", "reg-gauss", "reg-maximum", "reg-argmax"]],
  ["learningRate", "number"], ["regularizationRate", "number"], ["noise", "number"], ["networkShape", "numbers"],
  ["seed", "string"], ["showTestData", "boolean"], ["discretize", "boolean"], ["percTrainData", "number"],
  ["x", "boolean"], ["y", "boolean"], ["xTimesY", "boolean"], ["xSquared", "boolean"], ["ySquared", "boolean"],
  ["cosX", "boolean"], ["sinX", "boolean"], ["cosY", "boolean"], ["sinY", "boolean"], ["collectStats", "boolean"],
  ["tutorial", "string"], ["problem", ["classification", "regression"]], ["initZero", "boolean"], ["hideText", "boolean"],
];

const HIDE_SUFFIX = "_hide";

/** The page's address, for `toUrl`. */
export const PAGE = "https://playground.tensorflow.org/";

/**
 * Reads a Playground URL (or just its `#...` part) into its state. Every key must be one the page
 * knows, with a value it accepts: anything else is an error listing what is valid, never a default.
 */
export function parseUrl(url: string): PlaygroundState {
  if (typeof url !== "string") throw new Error(`playground.fromUrl: expected a URL string, got ${describe(url)}`);
  const state: PlaygroundState = { ...DEFAULT_STATE, networkShape: [...DEFAULT_STATE.networkShape], hidden: {} };
  const valid = KEYS.map(([key]) => key).join(", ");
  const seen = new Map<string, string>();
  const parts = hashOf(url).split("&");
  for (const [i, part] of parts.entries()) {
    if (part === "") continue;
    const eq = part.indexOf("=");
    if (eq < 0) throw missingEquals(part, i === parts.length - 1);
    const key = decode(part.slice(0, eq), part);
    const value = decode(part.slice(eq + 1), part);
    const before = seen.get(key);
    if (before !== undefined) throw duplicateKey(key, before, value);
    seen.set(key, value);
    if (key.endsWith(HIDE_SUFFIX)) {
      state.hidden[key] = parseBoolean(key, value);
      continue;
    }
    const spec = KEYS.find(([name]) => name === key);
    if (!spec) throw new Error(`playground.fromUrl: unknown key "${key}"; valid keys are ${valid}, and <control>${HIDE_SUFFIX}`);
    (state as unknown as Record<string, unknown>)[key] = parseValue(key, value, spec[1]);
  }
  checkBuildable(state, "playground.fromUrl");
  const warning = noiseWarning(state.noise);
  if (warning) console.warn(warning);
  return state;
}

function parseValue(key: string, value: string, kind: Kind): unknown {
  if (Array.isArray(kind)) {
    if (!kind.includes(value)) throw new Error(`playground.fromUrl: ${key}=${value} is not one of ${kind.join(", ")}`);
    return value;
  }
  if (kind === "boolean") return parseBoolean(key, value);
  if (kind === "string") {
    if (value === "") throw new Error(`playground.fromUrl: ${key} is empty; expected a value such as ${key}=${key === "seed" ? "0.59704" : "name"}`);
    return value;
  }
  if (kind === "numbers") {
    return value === "" ? [] : value.split(",").map((v) => parseNumber(key, v));
  }
  return parseNumber(key, value);
}

function parseNumber(key: string, value: string): number {
  const n = value.trim() === "" ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new Error(`playground.fromUrl: ${key}=${value} is not a number`);
  return n;
}

function parseBoolean(key: string, value: string): boolean {
  if (value !== "true" && value !== "false") throw new Error(`playground.fromUrl: ${key}=${value}; expected true or false`);
  return value === "true";
}

/** A Playground URL for a state or an experiment: keys in the page's order, so the page opens it as is. */
export function toUrl(from: PlaygroundState | Experiment): string {
  const state = "state" in from ? from.state : from;
  const parts: string[] = [];
  for (const [key] of KEYS) {
    const value = state[key];
    // The page leaves out what it holds as null: no tutorial, and no regularization ("none").
    if (value === null || value === undefined || (key === "regularization" && value === "none")) continue;
    parts.push(`${key}=${Array.isArray(value) ? value.join(",") : String(value)}`);
  }
  for (const [key, value] of Object.entries(state.hidden)) parts.push(`${key}=${value}`);
  return `${PAGE}#${parts.join("&")}`;
}

/** The input features a state turns on, in the page's order. */
export function featuresOf(state: Pick<PlaygroundState, Feature>): Feature[] {
  return (Object.keys(FEATURES) as Feature[]).filter((f) => state[f]);
}

/** Points (x, y) turned into the network's inputs, one column per feature. */
export function applyFeatures(data: Dataset, features: Feature[]): Dataset {
  return { X: data.X.map(([x, y]) => features.map((f) => FEATURES[f](x, y))), y: data.y.slice() };
}

/** A Playground experiment, ready to train: `await model.fit(train.X, train.y, { ...fitOptions, epochs })`. */
export interface Experiment {
  /** The state it was made from: `toUrl(experiment)` opens it on the page. */
  state: PlaygroundState;
  /** Training points in the page's order, features applied, labels ±1. */
  train: Dataset;
  /** Test points, features applied, labels ±1. */
  test: Dataset;
  /** The raw points (x, y) of train and test, for pictures of the plane. */
  points: { train: Dataset; test: Dataset };
  /** The page's network with its initial weights, compiled with its conventions (see `network`). */
  model: Sequential;
  /** Batch size, no reshuffling, and the page's way with a leftover partial batch. */
  fitOptions: FitArgs;
}

/** Options of `experiment`: any part of a Playground state; the rest are the page's defaults. */
export type ExperimentArgs = Partial<Omit<PlaygroundState, "hidden">> & { hidden?: Record<string, boolean> };

/**
 * What TensorFlow Playground does on a fresh load of a page: seed the stream, draw 500 points,
 * shuffle them once, split train/test, then draw the initial weights from the same stream. One
 * epoch of `fit` with `fitOptions` is one step of the page; `model.evaluate(test.X, test.y).loss`
 * is its "Test loss".
 */
export function experiment(args: ExperimentArgs = {}): Experiment {
  checkKeys(args, [...KEYS.map(([key]) => key), "hidden"], "playground.experiment");
  const state: PlaygroundState = { ...DEFAULT_STATE, ...args, hidden: { ...(args.hidden ?? {}) } };
  checkState(state);
  const rng = new Rng(state.seed);
  const points = DATASETS[state.dataset]({ n: 500, noise: state.noise / 100, seed: rng, labels: "pm1" });
  // The page keeps floor(500 * perc / 100) points for training; the rest is the test set.
  const nTest = 500 - Math.floor((500 * state.percTrainData) / 100);
  const split = trainTestSplit(points, { testSize: nTest, seed: rng });
  const features = featuresOf(state);
  const { model, fitOptions } = network({
    inputDim: features.length, networkShape: state.networkShape, activation: state.activation,
    learningRate: state.learningRate, batchSize: state.batchSize, regularization: state.regularization,
    regularizationRate: state.regularizationRate, initZero: state.initZero, seed: rng,
  });
  return { state, train: applyFeatures(split.train, features), test: applyFeatures(split.test, features), points: split, model, fitOptions };
}

/** `experiment` for the state in a Playground URL: `playground.fromUrl(url)`. */
export function fromUrl(url: string): Experiment {
  return experiment(parseUrl(url));
}

function checkState(state: PlaygroundState): void {
  const where = "playground";
  for (const [key, kind] of KEYS) {
    const value = state[key];
    if (Array.isArray(kind) && !kind.includes(value as string)) throw new Error(`${where}: ${key} ${describe(value)} is not one of ${kind.join(", ")}`);
  }
  if (state.problem === "regression") {
    throw new Error(`${where}: problem=regression is not supported; beanlab reproduces the page's classification problems (problem=classification)`);
  }
  if (!(state.noise >= 0 && state.noise <= 100)) {
    throw new Error(`${where}: noise must be a percentage from 0 to 100 (the page's slider goes to 50), e.g. noise=25 for 25 %; got ${describe(state.noise)}`);
  }
  if (!(state.percTrainData > 0 && state.percTrainData < 100)) {
    throw new Error(`${where}: percTrainData must be a percentage between 0 and 100 (the page offers 10 to 90), got ${describe(state.percTrainData)}`);
  }
  checkBuildable(state, where);
  if (typeof state.seed !== "string" || state.seed === "") throw new Error(`${where}: seed must be the page's seed string, e.g. "0.59704", got ${describe(state.seed)}`);
  if (featuresOf(state).length === 0) throw new Error(`${where}: no input feature is on; turn on at least one of ${Object.keys(FEATURES).join(", ")}`);
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
  /** Penalty on the weights. Default "none". */
  regularization?: "none" | "L1" | "L2";
  /** Strength of the penalty. Default 0. */
  regularizationRate?: number;
  /** Start every weight and bias at 0 (the page's initZero; it still draws a number per weight). */
  initZero?: boolean;
  /** Seed or shared stream for the initial weights. Default "1". */
  seed?: string | Rng;
}

/**
 * A network with Playground's conventions: weights U(-0.5, 0.5) drawn in the page's order,
 * biases 0.1, a tanh output unit whatever the hidden activation, labels ±1, the error
 * ½(yHat - y)², the page's SGD with its L1/L2 rule, and accuracy as the sign of the output.
 */
export function network(args: NetworkArgs = {}): { model: Sequential; fitOptions: FitArgs } {
  checkKeys(args, ["inputDim", "networkShape", "activation", "learningRate", "batchSize", "regularization", "regularizationRate", "initZero", "seed"], "playground.network");
  const where = "playground.network";
  const networkShape = args.networkShape ?? [4, 2];
  if (!Array.isArray(networkShape)) throw new Error(`${where}: networkShape must be an array of hidden layer sizes such as [4, 2], got ${describe(networkShape)}`);
  networkShape.forEach((units, i) => checkInteger(units, `networkShape[${i}]`, where));
  const activation = args.activation ?? "tanh";
  if (!ACTIVATIONS.includes(activation)) throw new Error(`${where}: unknown activation ${describe(activation)}; the page offers ${ACTIVATIONS.join(", ")}`);
  const batchSize = checkInteger(args.batchSize ?? 10, "batchSize", where);
  const init = args.initZero ? { kernelInitializer: zerosAfterDraws, biasInitializer: zerosAfterDraws } : { kernelInitializer: initializer, biasInitializer: initializer };
  const model = new Sequential({ seed: args.seed ?? "1", name: "playground" });
  let inputDim: number | undefined = checkInteger(args.inputDim ?? 2, "inputDim", where);
  for (const units of networkShape) {
    model.add(new Dense({ units, activation, inputDim, ...init }));
    inputDim = undefined;
  }
  model.add(new Dense({ units: 1, activation: "tanh", inputDim, ...init }));
  const optimizer = new PlaygroundSGD({ learningRate: args.learningRate ?? 0.03, regularization: args.regularization ?? "none", regularizationRate: args.regularizationRate ?? 0 });
  model.compile({ loss: "halfSquared", optimizer, metrics: ["signAccuracy"] });
  return { model, fitOptions: { batchSize, shuffle: false, partialBatch: "carry" } };
}

/** The page's initZero: every weight and bias 0, yet one draw per weight, so the stream stays in step. */
const zerosAfterDraws: Initializer = {
  name: "zeros (Playground's initZero)",
  fill(target, { role }, rng) {
    if (role === "kernel") for (let i = 0; i < target.length; i++) rng.next();
    target.fill(0);
  },
};

/** Options of `PlaygroundSGD`. */
export interface PlaygroundSGDArgs {
  /** Step size; > 0. */
  learningRate: number;
  /** Penalty on weights (not biases): "L1" |w|, "L2" ½w², or "none". */
  regularization: "none" | "L1" | "L2";
  /** Strength of the penalty; >= 0. */
  regularizationRate: number;
}

/**
 * Playground's weight update: w -= lr * g, then w -= lr * rate * penalty'(w) with the slope taken
 * before the step; with L1 a weight that the penalty pushes across zero becomes 0 and stays 0.
 */
export class PlaygroundSGD implements Optimizer {
  readonly name = "PlaygroundSGD";
  readonly learningRate: number;
  readonly regularization: "none" | "L1" | "L2";
  readonly regularizationRate: number;
  /** Weights L1 has set to 0 for good, per kernel. */
  private readonly dead = new WeakMap<Float64Array, Uint8Array>();

  constructor(args: PlaygroundSGDArgs) {
    checkKeys(args, ["learningRate", "regularization", "regularizationRate"], "PlaygroundSGD");
    const { learningRate, regularization, regularizationRate } = args;
    if (typeof learningRate !== "number" || !(learningRate > 0) || !Number.isFinite(learningRate)) {
      throw new Error(`PlaygroundSGD: learningRate must be a number > 0 (e.g. 0.03), got ${describe(learningRate)}`);
    }
    if (!["none", "L1", "L2"].includes(regularization)) throw new Error(`PlaygroundSGD: regularization must be "none", "L1" or "L2", got ${describe(regularization)}`);
    if (typeof regularizationRate !== "number" || !(regularizationRate >= 0) || !Number.isFinite(regularizationRate)) {
      throw new Error(`PlaygroundSGD: regularizationRate must be a number >= 0, got ${describe(regularizationRate)}`);
    }
    this.learningRate = learningRate;
    this.regularization = regularization;
    this.regularizationRate = regularizationRate;
  }

  step(params: Float64Array[], grads: Float64Array[], kernels: boolean[]): void {
    const lr = this.learningRate;
    const penalty = lr * this.regularizationRate;
    for (let k = 0; k < params.length; k++) {
      const w = params[k];
      const g = grads[k];
      if (!kernels[k] || this.regularization === "none") {
        for (let i = 0; i < w.length; i++) w[i] -= lr * g[i];
        continue;
      }
      let dead = this.dead.get(w);
      if (!dead) this.dead.set(w, (dead = new Uint8Array(w.length)));
      for (let i = 0; i < w.length; i++) {
        if (dead[i]) continue;
        const slope = this.regularization === "L2" ? w[i] : w[i] < 0 ? -1 : w[i] > 0 ? 1 : 0;
        const stepped = w[i] - lr * g[i];
        const next = stepped - penalty * slope;
        if (this.regularization === "L1" && stepped * next < 0) {
          w[i] = 0;
          dead[i] = 1;
        } else {
          w[i] = next;
        }
      }
    }
  }

  [inspect.custom](): string {
    const reg = this.regularization === "none" ? "" : `, ${this.regularization} ${this.regularizationRate}`;
    return `PlaygroundSGD(learningRate ${this.learningRate}${reg})`;
  }
}
