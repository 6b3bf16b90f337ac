import { inspect } from "util";
import { checkKeys, describe } from "../util/checks";
import { checkFitKeys, FitArgs, parseFitArgs, ValidationData } from "./fit-args";
import { largeInputWarning, oneClassWarning, saturationWarning, withInputAdvice } from "./fit-checks";
import { DivergedError, fitLoop } from "./fit-loop";
import { History, Logs } from "./history";
import { Dense } from "./layers";
import { getLoss, Loss, LossName } from "./losses";
import { Matrix, MatrixLike, TargetsLike, toMatrix, toTargets } from "./matrix";
import { getMetric, Metric, MetricName } from "./metrics";
import { compiledForward } from "./compiled/forward";
import { backwardLayers, Forward, forwardLoss, referenceForward } from "./network";
import { getOptimizer, Optimizer } from "./optimizers";
import { readModel, saveModel, trackDraws } from "./persist";
import { DEFAULT_SEED, Rng, Seed, toRng } from "./rng";

export type { Callbacks } from "./callbacks";
export type { FitArgs, ValidationData } from "./fit-args";
export { DivergedError } from "./fit-loop";

// Which model each layer was added to: a layer's weights can belong to one model only.
const owners = new WeakMap<Dense, Sequential>();

/** Options of `Sequential`. */
export interface SequentialArgs {
  /** Seed (or a shared `Rng`) for every random choice: initial weights, then shuffling. Default 1. */
  seed?: Seed | Rng;
  /** A name for summaries. Default "sequential". */
  name?: string;
}

/** Options of `compile`, with Keras's names. */
export interface CompileArgs {
  /** What training minimizes: "mse", "binaryCrossentropy", "halfSquared" (Playground's) or a `Loss`. */
  loss: LossName | Loss;
  /** How weights move: "sgd" (learning rate 0.01) or e.g. `new SGD({ learningRate: 0.05 })`. */
  optimizer: "sgd" | Optimizer;
  /** What is reported besides the loss, e.g. ["accuracy"]. Default none. */
  metrics?: (MetricName | Metric)[];
  /**
   * Run fit, predict and evaluate in WebAssembly compiled for the network's shape, where the
   * layers, loss and optimizer allow (plain SGD; anything else falls back); false runs the
   * TypeScript engine, the readable reference. Both give the same bits. Default true.
   */
  jitCompile?: boolean;
}

/**
 * A stack of layers trained as one network, with Keras's API:
 * `add`, `compile`, `fit`, `evaluate`, `predict`, `summary`, `getWeights`, `setWeights`.
 * Training and prediction run in a compiled WebAssembly kernel where the model allows it and in
 * the TypeScript layers otherwise, with the same bits; `compile({ jitCompile: false })` forces the latter.
 */
export class Sequential {
  /** The layers, input side first. */
  readonly layers: Dense[] = [];
  /** The seeded stream for initial weights and shuffling. */
  readonly rng: Rng;
  /** Model name for summaries. */
  readonly name: string;
  /** Set to true (e.g. in a callback) to stop `fit` after the current epoch. */
  stopTraining = false;
  /** The loss, once compiled. */
  loss: Loss | undefined;
  /** The optimizer, once compiled. */
  optimizer: Optimizer | undefined;
  /** The metrics, once compiled. */
  metrics: Metric[] = [];
  /** Whether fit, predict and evaluate use the compiled kernel where they can (`compile`'s jitCompile). */
  jitCompile = true;

  constructor(args: SequentialArgs = {}) {
    checkKeys(args, ["seed", "name"], "Sequential");
    const { seed } = args;
    if (!(seed === undefined || seed instanceof Rng || typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed)))) {
      throw new Error(`Sequential: seed must be a finite number, a string or an Rng, got ${describe(seed)}`);
    }
    this.rng = toRng(args.seed ?? DEFAULT_SEED);
    trackDraws(this.rng);
    this.name = args.name ?? "sequential";
  }

  /** Appends a layer; its weights are drawn now if its input size is known. */
  add(layer: Dense): this {
    if (!(layer instanceof Dense)) throw new Error(`add: expected a layer such as new Dense({ units: 8 }), got ${describe(layer)}`);
    if (this.layers.includes(layer)) throw new Error(`add: this layer is already in the model; create a new Dense for each layer`);
    const owner = owners.get(layer);
    if (owner) throw new Error(`add: this layer already belongs to the model "${owner.name}"; a layer's weights live in one model, so create a new Dense for this one`);
    const previous = this.layers[this.layers.length - 1];
    if (previous && layer.inputDim !== undefined && layer.inputDim !== previous.units) {
      throw new Error(`add: layer has inputDim ${layer.inputDim} but the previous layer has ${previous.units} units; inputDim is only needed on the first layer`);
    }
    layer.name ??= this.layers.length === 0 ? "dense" : `dense_${this.layers.length}`;
    this.layers.push(layer);
    owners.set(layer, this);
    const inputDim = previous ? (previous.built ? previous.units : undefined) : layer.inputDim;
    if (inputDim !== undefined) layer.build(inputDim, this.rng);
    return this;
  }

  /** Number of input features, or undefined until the first layer knows it. */
  get inputDim(): number | undefined {
    return this.layers[0]?.inputDim;
  }

  /** Number of outputs (units of the last layer). */
  get outputDim(): number {
    return this.lastLayer("outputDim").units;
  }

  /** Sets the loss, optimizer and metrics used by `fit` and `evaluate`. */
  compile(args: CompileArgs): void {
    checkKeys(args, ["loss", "optimizer", "metrics", "jitCompile"], "compile");
    if (args.jitCompile !== undefined && typeof args.jitCompile !== "boolean") throw new Error(`compile: jitCompile must be true or false, got ${describe(args.jitCompile)}`);
    if (args.loss === undefined) throw new Error(`compile: loss is required, e.g. loss: "mse"`);
    if (args.optimizer === undefined) throw new Error(`compile: optimizer is required, e.g. optimizer: new SGD({ learningRate: 0.05 })`);
    this.loss = getLoss(args.loss);
    this.optimizer = getOptimizer(args.optimizer);
    const metrics = args.metrics ?? [];
    if (!Array.isArray(metrics)) throw new Error(`compile: metrics must be an array such as ["accuracy"], got ${describe(metrics)}`);
    this.metrics = metrics.map((m) => getMetric(m));
    this.jitCompile = args.jitCompile ?? true;
  }

  /** Trains the network on X [n, d] and y [n] or [n, k]; resolves to the History of the run. */
  async fit(X: MatrixLike, y: TargetsLike, args: FitArgs = {}): Promise<History> {
    checkFitKeys(args);
    const { loss, optimizer } = this.compiled("fit");
    const options = parseFitArgs(args);
    let data = this.checkData(X, y, "fit");
    let validation: { X: Matrix; y: Matrix } | undefined;
    if (args.validationSplit !== undefined) {
      if (args.validationData !== undefined) throw new Error(`fit: give validationSplit or validationData, not both`);
      [data, validation] = splitTail(data, args.validationSplit);
      warn(oneClassWarning(data.y, validation.y));
    } else if (args.validationData !== undefined) {
      validation = this.checkValidation(args.validationData);
    }
    warn(largeInputWarning(data.X));
    const forward = () => this.forward();
    let history: History;
    try {
      history = await fitLoop({ model: this, layers: this.layers, loss, optimizer, metrics: this.metrics, data, validation, options, jitCompile: this.jitCompile, forward });
    } catch (error) {
      throw error instanceof DivergedError ? withInputAdvice(error, data.X) : error;
    }
    warn(saturationWarning(this.layers, data.X, history, optimizer.learningRate));
    return history;
  }

  /** The loss and metrics on X and y, as one object: `{ loss, accuracy }`. */
  evaluate(X: MatrixLike, y: TargetsLike): Logs {
    const { loss } = this.compiled("evaluate");
    const data = this.checkData(X, y, "evaluate");
    return this.forward().evaluate(loss, this.metrics, data.X, data.y);
  }

  /**
   * The gradient of the loss on X and y with respect to every weight, in `getWeights` layout:
   * what backpropagation computes and one training step would follow. Weights are unchanged.
   */
  computeGradients(X: MatrixLike, y: TargetsLike): (number[][] | number[])[] {
    const { loss } = this.compiled("computeGradients");
    const data = this.checkData(X, y, "computeGradients");
    forwardLoss(this.layers, data.X.data, data.y.data, data.X.rows, loss);
    backwardLayers(this.layers, data.X.data, data.y.data, data.X.rows, loss);
    return this.layers.flatMap((layer) => layer.weights().map((w) => toNested(w.grad, w.shape)));
  }

  /** The network's outputs for X [n, d], as number[][] [n, units of the last layer]. */
  predict(X: MatrixLike): number[][] {
    return this.predictMatrix(X).toArray();
  }

  /** The network's outputs for X [n, d] as a Matrix [n, units]: the fast form for grids. */
  predictMatrix(X: MatrixLike): Matrix {
    const input = this.checkInput(X, "predict");
    return this.forward().predict(input);
  }

  /** Every layer's outputs a for X [n, d]: one Matrix [n, units] per layer, input side first. */
  layerOutputs(X: MatrixLike, where = "layerOutputs"): Matrix[] {
    const input = this.checkInput(X, where);
    return this.forward().layerOutputs(input);
  }

  /**
   * Per layer, which units are dead on X: their activation has zero slope (f'(z) = 0) on every
   * row, so they pass no gradient and can never learn again. ReLU units that are off everywhere.
   */
  deadUnits(X: MatrixLike): boolean[][] {
    const input = this.checkInput(X, "deadUnits");
    return this.forward().deadUnits(input);
  }

  /**
   * Writes the model to `file` as JSON (docs/MODEL-FORMAT.md): layers, weights, compile settings,
   * SGD velocities and where its random stream stands; `loadModel(file)` gives it back.
   */
  save(file: string): void {
    saveModel(this, file);
  }

  /** Total number of trainable parameters. */
  countParams(): number {
    return this.layers.reduce((sum, layer) => sum + layer.countParams(), 0);
  }

  /** Prints a Keras-style table of the layers, their output shapes and parameter counts. */
  summary(printFn: (line: string) => void = console.log): void {
    this.lastLayer("summary");
    const width = 65;
    const row = (a: string, b: string, c: string) => (" " + a.padEnd(28) + b.padEnd(26) + c).padEnd(width);
    const lines = [`Model: "${this.name}"`, "_".repeat(width), row("Layer (type)", "Output Shape", "Param #"), "=".repeat(width)];
    this.layers.forEach((layer, i) => {
      if (i > 0) lines.push(" ".repeat(width));
      lines.push(row(`${layer.name} (${layer.type})`, `(None, ${layer.units})`, layer.built ? String(layer.countParams()) : "0 (unbuilt)"));
    });
    const total = this.countParams();
    lines.push("=".repeat(width), `Total params: ${total}`, `Trainable params: ${total}`, "Non-trainable params: 0", "_".repeat(width));
    for (const line of lines) printFn(line);
  }

  /** The weights in Keras order: [W1 [nIn][nOut], b1 [nOut], W2, b2, ...] (no b for layers without bias). */
  getWeights(): (number[][] | number[])[] {
    return this.builtLayers("getWeights").flatMap((layer) => layer.weights().map((w) => toNested(w.value, w.shape)));
  }

  /** Replaces all weights; `weights` must have the layout and shapes `getWeights` returns. */
  setWeights(weights: (number[][] | number[])[]): void {
    const layers = this.builtLayers("setWeights");
    const targets = layers.flatMap((layer) => layer.weights());
    const expected = targets.map((w) => w.shape);
    const shape = (s: readonly number[]) => `[${s.join(", ")}]`;
    if (!Array.isArray(weights) || weights.length !== expected.length) {
      throw new Error(`setWeights: expected ${expected.length} arrays with shapes ${expected.map(shape).join(", ")}, got ${describe(weights)}`);
    }
    const values = weights.map((w, i) => {
      const want = expected[i];
      const m = want.length === 2 ? toMatrixOrNull(w, `setWeights: weights[${i}]`) : toVectorOrNull(w, `setWeights: weights[${i}]`);
      const got = m ? (want.length === 2 ? [m.rows, m.cols] : [m.data.length]) : null;
      if (!m || !got || got.join() !== want.join()) {
        throw new Error(`setWeights: weights[${i}] should have shape ${shape(want)}, got ${got ? shape(got) : describe(w)}`);
      }
      return m.data;
    });
    targets.forEach((w, i) => w.value.set(values[i]));
  }

  [inspect.custom](): string {
    const head = `Sequential "${this.name}" (seed ${this.rng.seed}): ${this.countParams()} parameters`;
    const body = [`  input: ${this.inputDim ?? "? features (set on first fit)"}`];
    for (const layer of this.layers) body.push(`  ${layer.name}: ${inspect(layer)}`);
    const compiled = this.loss
      ? `  compiled: loss ${this.loss.name}, ${inspect(this.optimizer)}${this.metrics.length ? `, metrics ${this.metrics.map((m) => m.name).join(", ")}` : ""}`
      : "  not compiled";
    return [head, ...body, compiled].join("\n");
  }

  /** The whole-dataset forward passes: the compiled kernel where allowed and possible, else the TypeScript layers. */
  private forward(): Forward {
    return (this.jitCompile ? compiledForward(this.layers) : null) ?? referenceForward(this.layers);
  }

  private compiled(where: string): { loss: Loss; optimizer: Optimizer } {
    this.lastLayer(where);
    if (!this.loss || !this.optimizer) {
      throw new Error(`${where}: the model is not compiled; call model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }) }) first`);
    }
    return { loss: this.loss, optimizer: this.optimizer };
  }

  private lastLayer(where: string): Dense {
    const last = this.layers[this.layers.length - 1];
    if (!last) throw new Error(`${where}: the model has no layers; add one with model.add(new Dense({ units: 1, inputDim: 2 }))`);
    return last;
  }

  private builtLayers(where: string): Dense[] {
    this.lastLayer(where);
    if (!this.layers.every((l) => l.built)) {
      throw new Error(`${where}: the weights do not exist yet because the input size is unknown; give the first layer inputDim, or call fit first`);
    }
    return this.layers;
  }

  /** Checks X's width against the first layer, building the network if it has no input size yet. */
  private checkInput(X: MatrixLike, where: string, name = "X"): Matrix {
    const first = this.lastLayer(where) && this.layers[0];
    const m = toMatrix(X, where, name);
    if (first.inputDim === undefined) {
      if (where !== "fit") {
        throw new Error(`${where}: the input size is not known yet; give the first layer inputDim (e.g. new Dense({ units: 8, inputDim: ${m.cols} })) or call fit first`);
      }
      let inputDim = m.cols;
      for (const layer of this.layers) {
        layer.build(inputDim, this.rng);
        inputDim = layer.units;
      }
    } else if (m.cols !== first.inputDim) {
      throw new Error(`${where}: ${name} has ${m.cols} feature${m.cols === 1 ? "" : "s"} per row, but the first layer expects ${first.inputDim} (inputDim)`);
    }
    return m;
  }

  private checkData(X: MatrixLike, y: TargetsLike, where: string, names = ["X", "y"]): { X: Matrix; y: Matrix } {
    const Xm = this.checkInput(X, where, names[0]);
    const ym = toTargets(y, where, names[1]);
    if (ym.rows !== Xm.rows) {
      throw new Error(`${where}: ${names[0]} has ${Xm.rows} rows but ${names[1]} has ${ym.rows} labels; expected one label per row`);
    }
    const units = this.outputDim;
    if (ym.cols !== units) {
      throw new Error(`${where}: ${names[1]} has ${ym.cols} value${ym.cols === 1 ? "" : "s"} per row, but the last layer has ${units} unit${units === 1 ? "" : "s"}`);
    }
    for (const m of this.metrics) m.checkTargets(ym.data, where);
    this.loss?.checkUse?.(ym.data, this.layers[this.layers.length - 1].activation.range, where);
    return { X: Xm, y: ym };
  }

  private checkValidation(data: ValidationData): { X: Matrix; y: Matrix } {
    if (Array.isArray(data) && data.length === 2) return this.checkData(data[0], data[1], "fit", ["validationData X", "validationData y"]);
    if (data && typeof data === "object" && "X" in data && "y" in data) {
      return this.checkData(data.X, data.y, "fit", ["validationData.X", "validationData.y"]);
    }
    throw new Error(`fit: validationData must be [X, y] or { X, y }, got ${describe(data)}`);
  }
}

// Warnings go to stderr, once per fit: the input is legal but almost surely a mistake.
function warn(warning: string | null): void {
  if (warning) console.warn(warning);
}

/** A model saved by `model.save(file)`: same predictions, and training continues as it would have. */
export function loadModel(file: string): Sequential {
  return readModel(file, (args) => new Sequential(args));
}

/** Keras's validationSplit: the last fraction of the rows, before any shuffling. */
function splitTail(data: { X: Matrix; y: Matrix }, split: number): [{ X: Matrix; y: Matrix }, { X: Matrix; y: Matrix }] {
  if (typeof split !== "number" || !(split > 0 && split < 1)) {
    throw new Error(`fit: validationSplit must be a fraction between 0 and 1 (e.g. 0.2), got ${describe(split)}`);
  }
  const n = data.X.rows;
  const at = Math.floor(n * (1 - split));
  if (at === 0 || at === n) {
    throw new Error(`fit: validationSplit ${split} of ${n} rows leaves ${at === 0 ? "no training" : "no validation"} rows`);
  }
  const rows = (m: Matrix, from: number, to: number) => new Matrix(to - from, m.cols, m.data.slice(from * m.cols, to * m.cols));
  return [
    { X: rows(data.X, 0, at), y: rows(data.y, 0, at) },
    { X: rows(data.X, at, n), y: rows(data.y, at, n) },
  ];
}

function toMatrixOrNull(w: unknown, where: string): Matrix | null {
  return Array.isArray(w) && Array.isArray(w[0]) ? toMatrix(w as number[][], where, "values") : null;
}

function toVectorOrNull(w: unknown, where: string): Matrix | null {
  return Array.isArray(w) && !Array.isArray(w[0]) ? toTargets(w as number[], where, "values") : null;
}

/** A weight or gradient as getWeights returns it: number[][] for a kernel [nIn, nOut], number[] for a bias. */
function toNested(values: Float64Array, shape: readonly number[]): number[][] | number[] {
  return shape.length === 2 ? new Matrix(shape[0], shape[1], values).toArray() : Array.from(values);
}
