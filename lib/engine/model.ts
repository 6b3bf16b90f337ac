import { inspect } from "util";
import { sigmoid } from "./activations";
import { checkInteger, checkKeys, describe } from "../util/checks";
import { History, Logs } from "./history";
import { Dense } from "./layers";
import { binaryCrossentropy, getLoss, Loss, LossName } from "./losses";
import { Matrix, MatrixLike, TargetsLike, toMatrix, toTargets } from "./matrix";
import { getMetric, Metric, MetricName } from "./metrics";
import { getOptimizer, Optimizer } from "./optimizers";
import { DEFAULT_SEED, Rng, Seed, toRng } from "./rng";

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
}

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

const FIT_KEYS = [
  "epochs", "batchSize", "shuffle", "validationSplit", "validationData", "verbose", "callbacks",
  "initialEpoch", "yieldEvery", "recordGradients", "recordDeadUnits", "partialBatch",
] as const;

/** Milliseconds between yields with `yieldEvery: "auto"`. */
const AUTO_YIELD_MS = 100;

/** Thrown when the loss stops being a finite number; carries the history up to the last good epoch. */
export class DivergedError extends Error {
  constructor(message: string, readonly history: History) {
    super(message);
    this.name = "DivergedError";
  }
}

/**
 * A stack of layers trained as one network, with Keras's API:
 * `add`, `compile`, `fit`, `evaluate`, `predict`, `summary`, `getWeights`, `setWeights`.
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

  constructor(args: SequentialArgs = {}) {
    checkKeys(args, ["seed", "name"], "Sequential");
    this.rng = toRng(args.seed ?? DEFAULT_SEED);
    this.name = args.name ?? "sequential";
  }

  /** Appends a layer; its weights are drawn now if its input size is known. */
  add(layer: Dense): this {
    if (!(layer instanceof Dense)) throw new Error(`add: expected a layer such as new Dense({ units: 8 }), got ${describe(layer)}`);
    if (this.layers.includes(layer)) throw new Error(`add: this layer is already in the model; create a new Dense for each layer`);
    const previous = this.layers[this.layers.length - 1];
    if (previous && layer.inputDim !== undefined && layer.inputDim !== previous.units) {
      throw new Error(`add: layer has inputDim ${layer.inputDim} but the previous layer has ${previous.units} units; inputDim is only needed on the first layer`);
    }
    layer.name ??= this.layers.length === 0 ? "dense" : `dense_${this.layers.length}`;
    this.layers.push(layer);
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
    checkKeys(args, ["loss", "optimizer", "metrics"], "compile");
    if (args.loss === undefined) throw new Error(`compile: loss is required, e.g. loss: "mse"`);
    if (args.optimizer === undefined) throw new Error(`compile: optimizer is required, e.g. optimizer: new SGD({ learningRate: 0.05 })`);
    this.loss = getLoss(args.loss);
    this.optimizer = getOptimizer(args.optimizer);
    const metrics = args.metrics ?? [];
    if (!Array.isArray(metrics)) throw new Error(`compile: metrics must be an array such as ["accuracy"], got ${describe(metrics)}`);
    this.metrics = metrics.map((m) => getMetric(m));
  }

  /** Trains the network on X [n, d] and y [n] or [n, k]; resolves to the History of the run. */
  async fit(X: MatrixLike, y: TargetsLike, args: FitArgs = {}): Promise<History> {
    checkKeys(args, FIT_KEYS, "fit");
    const { loss, optimizer } = this.compiled("fit");
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
    const carry = (args.partialBatch ?? "use") === "carry";
    if (args.partialBatch !== undefined && args.partialBatch !== "use" && args.partialBatch !== "carry") {
      throw new Error(`fit: partialBatch must be "use" or "carry", got ${describe(args.partialBatch)}`);
    }
    const callbacks = toCallbackList(args.callbacks);

    let data = this.checkData(X, y, "fit");
    let validation: { X: Matrix; y: Matrix } | undefined;
    if (args.validationSplit !== undefined) {
      if (args.validationData !== undefined) throw new Error(`fit: give validationSplit or validationData, not both`);
      [data, validation] = splitTail(data, args.validationSplit);
    } else if (args.validationData !== undefined) {
      validation = this.checkValidation(args.validationData);
    }

    const n = data.X.rows;
    const d = data.X.cols;
    const k = data.y.cols;
    if (carry && n < batchSize) throw new Error(`fit: partialBatch "carry" needs at least batchSize (${batchSize}) rows, got ${n}`);
    const steps = Math.ceil(n / batchSize);
    const history = new History({ epochs, batchSize: Math.min(batchSize, n), samples: n, steps });
    // Carried rows join a full batch, so a batch can hold up to 2 * batchSize - 1 rows.
    const rows = carry ? 2 * batchSize - 1 : Math.min(batchSize, n);
    for (const layer of this.layers) layer.reserve(rows);
    const Xb = new Float64Array(rows * d);
    const yb = new Float64Array(rows * k);
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    const carried = new Uint32Array(batchSize);
    let pending = 0;
    const { params, grads, kernels } = this.parameters();
    const snapshot = params.map((p) => new Float64Array(p.length));
    const correct = new Float64Array(this.metrics.length);
    const gradientSums = new Float64Array(this.layers.length);
    const progress = new Progress(verbose, epochs, initialEpoch);

    this.stopTraining = false;
    for (const cb of callbacks) cb.setModel?.(this);
    for (const cb of callbacks) await cb.onTrainBegin?.({});
    let lastYield = Date.now();
    for (let epoch = initialEpoch; epoch < epochs && !this.stopTraining; epoch++) {
      for (const cb of callbacks) await cb.onEpochBegin?.(epoch);
      for (let p = 0; p < params.length; p++) snapshot[p].set(params[p]);
      if (shuffle) this.rng.shuffle(order);
      correct.fill(0);
      gradientSums.fill(0);
      let lossSum = 0;
      let seen = 0;
      let stepsTaken = 0;
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        if (carry && size < batchSize) {
          for (let r = 0; r < size; r++) carried[r] = order[start + r];
          pending = size;
          break;
        }
        const batch = pending + size;
        for (let r = 0; r < batch; r++) {
          const src = r < pending ? carried[r] : order[start + r - pending];
          for (let c = 0; c < d; c++) Xb[r * d + c] = data.X.data[src * d + c];
          for (let c = 0; c < k; c++) yb[r * k + c] = data.y.data[src * k + c];
        }
        pending = 0;
        lossSum += batch * this.forwardLoss(Xb, yb, batch, loss);
        const out = this.layers[this.layers.length - 1].a;
        for (let m = 0; m < this.metrics.length; m++) correct[m] += this.metrics[m].countCorrect(out, yb, batch * k);
        this.backward(Xb, yb, batch, loss);
        if (recordGradients) this.addGradientSizes(gradientSums);
        optimizer.step(params, grads, kernels);
        seen += batch;
        stepsTaken++;
      }

      const logs: Logs = { loss: lossSum / seen };
      this.metrics.forEach((m, i) => (logs[m.key] = correct[i] / (seen * k)));
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
        const val = this.evaluateMatrices(validation.X, validation.y);
        for (const key of Object.keys(val)) logs[`val_${key}`] = val[key];
      }
      history.record(epoch, logs);
      if (recordGradients) history.gradientSize.push(Array.from(gradientSums, (s) => s / stepsTaken));
      if (recordDeadUnits) history.deadUnits.push(this.deadUnitsOn(data.X).map((dead) => dead.filter(Boolean).length));
      progress.epochEnd(epoch, logs);
      for (const cb of callbacks) await cb.onEpochEnd?.(epoch, logs);
      if (yieldMs === 0 || (yieldMs > 0 && Date.now() - lastYield >= yieldMs)) {
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
    }
    progress.end();
    for (const cb of callbacks) await cb.onTrainEnd?.(history.last());
    return history;
  }

  /** The loss and metrics on X and y, as one object: `{ loss, accuracy }`. */
  evaluate(X: MatrixLike, y: TargetsLike): Logs {
    this.compiled("evaluate");
    const data = this.checkData(X, y, "evaluate");
    return this.evaluateMatrices(data.X, data.y);
  }

  /**
   * The gradient of the loss on X and y with respect to every weight, in `getWeights` layout:
   * what backpropagation computes and one training step would follow. Weights are unchanged.
   */
  computeGradients(X: MatrixLike, y: TargetsLike): (number[][] | number[])[] {
    const { loss } = this.compiled("computeGradients");
    const data = this.checkData(X, y, "computeGradients");
    this.forwardLoss(data.X.data, data.y.data, data.X.rows, loss);
    this.backward(data.X.data, data.y.data, data.X.rows, loss);
    const out: (number[][] | number[])[] = [];
    for (const layer of this.layers) {
      out.push(new Matrix(layer.inputDim as number, layer.units, layer.kernelGrad).toArray());
      if (layer.useBias) out.push(Array.from(layer.biasGrad));
    }
    return out;
  }

  /** The network's outputs for X [n, d], as number[][] [n, units of the last layer]. */
  predict(X: MatrixLike): number[][] {
    return this.predictMatrix(X).toArray();
  }

  /** The network's outputs for X [n, d] as a Matrix [n, units]: the fast form for grids. */
  predictMatrix(X: MatrixLike): Matrix {
    const input = this.checkInput(X, "predict");
    this.run(input.data, input.rows);
    const last = this.layers[this.layers.length - 1];
    return new Matrix(input.rows, last.units, last.a.slice(0, input.rows * last.units));
  }

  /** Every layer's outputs a for X [n, d]: one Matrix [n, units] per layer, input side first. */
  layerOutputs(X: MatrixLike, where = "layerOutputs"): Matrix[] {
    const input = this.checkInput(X, where);
    this.run(input.data, input.rows);
    return this.layers.map((layer) => new Matrix(input.rows, layer.units, layer.a.slice(0, input.rows * layer.units)));
  }

  /**
   * Per layer, which units are dead on X: their activation has zero slope (f'(z) = 0) on every
   * row, so they pass no gradient and can never learn again. ReLU units that are off everywhere.
   */
  deadUnits(X: MatrixLike): boolean[][] {
    return this.deadUnitsOn(this.checkInput(X, "deadUnits"));
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
      lines.push(row(`${layer.name} (Dense)`, `(None, ${layer.units})`, layer.built ? String(layer.countParams()) : "0 (unbuilt)"));
    });
    const total = this.countParams();
    lines.push("=".repeat(width), `Total params: ${total}`, `Trainable params: ${total}`, "Non-trainable params: 0", "_".repeat(width));
    for (const line of lines) printFn(line);
  }

  /** The weights in Keras order: [W1 [nIn][nOut], b1 [nOut], W2, b2, ...] (no b for layers without bias). */
  getWeights(): (number[][] | number[])[] {
    const out: (number[][] | number[])[] = [];
    for (const layer of this.builtLayers("getWeights")) {
      out.push(new Matrix(layer.inputDim as number, layer.units, layer.kernel).toArray());
      if (layer.useBias) out.push(Array.from(layer.bias));
    }
    return out;
  }

  /** Replaces all weights; `weights` must have the layout and shapes `getWeights` returns. */
  setWeights(weights: (number[][] | number[])[]): void {
    const layers = this.builtLayers("setWeights");
    const expected = layers.flatMap((l) => (l.useBias ? [[l.inputDim as number, l.units], [l.units]] : [[l.inputDim as number, l.units]]));
    const shape = (s: number[]) => `[${s.join(", ")}]`;
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
    let i = 0;
    for (const layer of layers) {
      layer.kernel.set(values[i++]);
      if (layer.useBias) layer.bias.set(values[i++]);
    }
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

  /** Forward pass for `rows` rows of `input`, building the first layer if needed. */
  private run(input: Float64Array, rows: number): void {
    let x = input;
    for (const layer of this.layers) {
      layer.reserve(rows);
      layer.forward(x, rows);
      x = layer.a;
    }
  }

  /** True when the output is sigmoid and the loss is cross-entropy: then both are computed from z, stably. */
  private usesLogits(loss: Loss): boolean {
    return loss === binaryCrossentropy && this.layers[this.layers.length - 1].activation === sigmoid;
  }

  /** Forward pass of a batch and its mean loss. */
  private forwardLoss(Xb: Float64Array, yb: Float64Array, rows: number, loss: Loss): number {
    this.run(Xb, rows);
    const out = this.layers[this.layers.length - 1];
    const n = rows * out.units;
    return this.usesLogits(loss) ? binaryCrossentropy.fromLogits.compute(out.z, yb, n) : loss.compute(out.a, yb, n);
  }

  /** Backward pass of the batch last run: fills every layer's gradients. */
  private backward(Xb: Float64Array, yb: Float64Array, rows: number, loss: Loss): void {
    const layers = this.layers;
    const out = layers[layers.length - 1];
    const n = rows * out.units;
    const logits = this.usesLogits(loss);
    if (logits) {
      // dL/dz = (a - y)/n straight away: exact even where sigmoid'(z) underflows to 0.
      binaryCrossentropy.fromLogits.gradient(out.a, yb, out.dZ, n);
    } else {
      loss.gradient(out.a, yb, out.dA, n);
    }
    for (let l = layers.length - 1; l >= 0; l--) {
      const input = l > 0 ? layers[l - 1].a : Xb;
      const dInput = l > 0 ? layers[l - 1].dA : null;
      layers[l].backward(input, rows, dInput, l === layers.length - 1 && logits);
    }
  }

  private addGradientSizes(sums: Float64Array): void {
    this.layers.forEach((layer, l) => {
      const g = layer.kernelGrad;
      let s = 0;
      for (let i = 0; i < g.length; i++) s += Math.abs(g[i]);
      sums[l] += s / g.length;
    });
  }

  private deadUnitsOn(X: Matrix): boolean[][] {
    this.run(X.data, X.rows);
    return this.layers.map((layer) => {
      const dead = new Array<boolean>(layer.units).fill(true);
      for (let r = 0; r < X.rows; r++) {
        for (let j = 0; j < layer.units; j++) {
          if (dead[j] && layer.activation.der(layer.z[r * layer.units + j]) !== 0) dead[j] = false;
        }
      }
      return dead;
    });
  }

  private evaluateMatrices(X: Matrix, y: Matrix): Logs {
    const loss = this.loss as Loss;
    const n = X.rows * y.cols;
    const value = this.forwardLoss(X.data, y.data, X.rows, loss);
    const logs: Logs = { loss: value };
    const out = this.layers[this.layers.length - 1].a;
    for (const m of this.metrics) logs[m.key] = m.countCorrect(out, y.data, n) / n;
    return logs;
  }

  /** Parameters the optimizer updates, their gradients, and which are kernels (not biases), in the same order. */
  private parameters(): { params: Float64Array[]; grads: Float64Array[]; kernels: boolean[] } {
    const params: Float64Array[] = [];
    const grads: Float64Array[] = [];
    const kernels: boolean[] = [];
    for (const layer of this.layers) {
      params.push(layer.kernel);
      grads.push(layer.kernelGrad);
      kernels.push(true);
      if (layer.useBias) {
        params.push(layer.bias);
        grads.push(layer.biasGrad);
        kernels.push(false);
      }
    }
    return { params, grads, kernels };
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

function toCallbackList(callbacks: FitArgs["callbacks"]): Callbacks[] {
  const list = callbacks === undefined ? [] : Array.isArray(callbacks) ? callbacks : [callbacks];
  for (const cb of list) {
    if (!cb || typeof cb !== "object") throw new Error(`fit: callbacks must be an object like { onEpochEnd(epoch, logs) {...} } or an array of them, got ${describe(cb)}`);
    checkKeys(cb, ["setModel", "onTrainBegin", "onTrainEnd", "onEpochBegin", "onEpochEnd"], "fit callbacks");
  }
  return list;
}

function toMatrixOrNull(w: unknown, where: string): Matrix | null {
  return Array.isArray(w) && Array.isArray(w[0]) ? toMatrix(w as number[][], where, "values") : null;
}

function toVectorOrNull(w: unknown, where: string): Matrix | null {
  return Array.isArray(w) && !Array.isArray(w[0]) ? toTargets(w as number[], where, "values") : null;
}

/** What `verbose` prints: no timings, so a saved notebook output is the same on every run. */
class Progress {
  private readonly tty = Boolean(process.stdout.isTTY);
  private lastDraw = 0;
  private lastLine = "";

  constructor(
    private readonly verbose: 0 | 1 | 2,
    private readonly epochs: number,
    private readonly initialEpoch: number,
  ) {}

  epochEnd(epoch: number, logs: Logs): void {
    if (this.verbose === 0) return;
    const line = `Epoch ${epoch + 1}/${this.epochs} - ${Object.keys(logs).map((k) => `${k}: ${logs[k].toFixed(4)}`).join(" - ")}`;
    if (this.verbose === 2) {
      process.stdout.write(line + "\n");
    } else if (this.tty) {
      this.lastLine = line;
      const now = Date.now();
      if (now - this.lastDraw >= 100) {
        process.stdout.write("\r" + line + "\x1b[K");
        this.lastDraw = now;
      }
    } else {
      // About ten evenly spaced lines, always the first and the last epoch.
      const span = this.epochs - this.initialEpoch;
      const done = epoch + 1 - this.initialEpoch;
      const tenth = (e: number) => Math.floor((10 * e) / span);
      if (done === 1 || done === span || tenth(done) !== tenth(done - 1)) process.stdout.write(line + "\n");
    }
  }

  end(): void {
    if (this.verbose === 1 && this.tty && this.lastLine) process.stdout.write("\r" + this.lastLine + "\x1b[K\n");
  }
}
