import { strict as assert } from "assert";
import { activations, datasets, Dense, DivergedError, History, Matrix, playground, Sequential, SGD, stopAt } from "../lib/index";
import type { ActivationName, FitArgs, LossName, MetricName } from "../lib/index";
import { specFor } from "../lib/engine/compiled/driver";
import { Kernel } from "../lib/engine/compiled/kernel";
import { compilable, KernelSpec } from "../lib/engine/compiled/spec";
import { assertThrows } from "./helpers";

/** A network from `shape` [inputs, units...] with one activation per layer. */
interface Net {
  shape: number[];
  activations: (ActivationName | "leaky0.2")[];
  loss: LossName;
  metric?: MetricName;
  lr?: number;
  momentum?: number;
  nesterov?: boolean;
  noBiasAt?: number;
}

function build(net: Net, seed: number, jitCompile: boolean): Sequential {
  const model = new Sequential({ seed });
  net.shape.slice(1).forEach((units, i) => {
    const name = net.activations[i];
    const activation = name === "leaky0.2" ? activations.leakyRelu({ alpha: 0.2 }) : name;
    model.add(new Dense({ units, activation, useBias: net.noBiasAt !== i, ...(i === 0 ? { inputDim: net.shape[0] } : {}) }));
  });
  const optimizer = new SGD({ learningRate: net.lr ?? 0.05, momentum: net.momentum ?? 0, nesterov: net.nesterov ?? false });
  model.compile({ loss: net.loss, optimizer, metrics: net.metric ? [net.metric] : [], jitCompile });
  return model;
}

/** Spiral data with labels 0/1 (or ±1), widened to `inputs` features by repeating x and y products. */
function data(n: number, inputs: number, labels: "01" | "pm1" = "01", seed = 3): { X: Matrix; y: Matrix } {
  const d = datasets.spiral({ n, noise: 0.1, seed, labels });
  const X = new Matrix(n, inputs);
  d.X.forEach(([a, b], r) => {
    for (let c = 0; c < inputs; c++) X.data[r * inputs + c] = c === 0 ? a : c === 1 ? b : Math.sin(c * a + b);
  });
  return { X, y: new Matrix(n, 1, Float64Array.from(d.y)) };
}

/** Every element of `actual` is `expected`'s (Object.is). */
function assertIdentical(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string): void {
  assert.equal(actual.length, expected.length, `${what}: length`);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the reference's is ${expected[i]}`);
  }
}

/** The same history, bit for bit: epochs, every logs key, gradient sizes, dead units, params. */
function assertSameHistory(actual: History, expected: History): void {
  assert.deepEqual(actual.params, expected.params);
  assert.deepEqual(actual.epoch, expected.epoch);
  assert.deepEqual(Object.keys(actual.history), Object.keys(expected.history));
  for (const key of Object.keys(expected.history)) assertIdentical(actual.history[key], expected.history[key], key);
  assertIdentical(actual.gradientSize.flat(), expected.gradientSize.flat(), "gradient sizes");
  assert.deepEqual(actual.deadUnits, expected.deadUnits);
}

function assertSameWeights(actual: Sequential, expected: Sequential): void {
  expected.layers.forEach((layer, l) => {
    assertIdentical(actual.layers[l].kernel, layer.kernel, `layer ${l} W`);
    assertIdentical(actual.layers[l].bias, layer.bias, `layer ${l} b`);
  });
}

/** Runs `fn` counting the compiled kernel's training steps. */
async function countingSteps<T>(fn: () => Promise<T>): Promise<{ result: T; steps: number }> {
  const original = Kernel.prototype.step;
  let steps = 0;
  Kernel.prototype.step = function (this: Kernel, position: number, rows: number) {
    steps++;
    return original.call(this, position, rows);
  };
  try {
    return { result: await fn(), steps };
  } finally {
    Kernel.prototype.step = original;
  }
}

/** Fits `compiled` and `reference` with the same args; requires the compiled path to run and both to agree bit for bit. */
async function fitBoth(compiled: Sequential, reference: Sequential, X: Matrix, y: Matrix, args: FitArgs): Promise<History> {
  const expected = await reference.fit(X, y, { verbose: 0, ...args });
  const { result: actual, steps } = await countingSteps(() => compiled.fit(X, y, { verbose: 0, ...args }));
  assert.ok(steps > 0, "the compiled path should have trained");
  assertSameHistory(actual, expected);
  assertSameWeights(compiled, reference);
  return actual;
}

type Run = { epochs: number; batchSize: number; n: number; shuffle?: boolean; carry?: boolean; labels?: "01" | "pm1" };

/** Trains the same model through fit compiled and fit forced to the reference; everything must agree. */
async function compareTraining(net: Net, run: Run, extra: FitArgs = {}): Promise<void> {
  const { X, y } = data(run.n, net.shape[0], run.labels);
  const args: FitArgs = { epochs: run.epochs, batchSize: run.batchSize, shuffle: run.shuffle ?? true, partialBatch: run.carry ? "carry" : "use", recordGradients: true, ...extra };
  await fitBoth(build(net, 11, true), build(net, 11, false), X, y, args);
}

const W1: Net = { shape: [2, 8, 8, 8, 1], activations: ["relu", "relu", "relu", "sigmoid"], loss: "mse", metric: "accuracy" };

describe("compiled fit: bit-identical to the reference fit (jitCompile: false)", () => {
  it("W1, the lesson's network: 2-8-8-8-1 relu x3 + sigmoid, mse, SGD 0.05, batch 10, 300 epochs", async () => {
    await compareTraining(W1, { epochs: 300, batchSize: 10, n: 200 });
  });

  it("2-3-1 with a partial last batch (n 102, batch 10), tanh + sigmoid, binaryCrossentropy on the logits path", async () => {
    await compareTraining({ shape: [2, 3, 1], activations: ["tanh", "sigmoid"], loss: "binaryCrossentropy", metric: "accuracy", lr: 0.3 }, { epochs: 200, batchSize: 10, n: 102 });
  });

  it("binaryCrossentropy on the logits path with momentum, and mse after a tanh output", async () => {
    await compareTraining({ shape: [2, 5, 1], activations: ["relu", "sigmoid"], loss: "binaryCrossentropy", lr: 0.01, momentum: 0.9 }, { epochs: 60, batchSize: 7, n: 90 });
    await compareTraining({ shape: [3, 4, 1], activations: ["sigmoid", "tanh"], loss: "mse", lr: 0.05 }, { epochs: 60, batchSize: 16, n: 90 });
  });

  it("every activation, odd widths, a layer without bias, nesterov momentum, no shuffle", async () => {
    const net: Net = { shape: [5, 7, 3, 2, 1], activations: ["leakyRelu", "leaky0.2", "linear", "sigmoid"], loss: "mse", lr: 0.05, momentum: 0.5, nesterov: true, noBiasAt: 1 };
    await compareTraining(net, { epochs: 80, batchSize: 9, n: 100 });
    await compareTraining(net, { epochs: 40, batchSize: 32, n: 100, shuffle: false });
  });

  it("several outputs: 2-4-3 with tanh outputs and halfSquared", async () => {
    const { X } = data(60, 2);
    const y = new Matrix(60, 3, Float64Array.from({ length: 180 }, (_, i) => Math.sin(i)));
    const net: Net = { shape: [2, 4, 3], activations: ["relu", "tanh"], loss: "halfSquared", lr: 0.1 };
    await fitBoth(build(net, 5, true), build(net, 5, false), X, y, { epochs: 50, batchSize: 8, recordGradients: true });
  });

  it("Playground's carry batches: tanh, halfSquared, labels ±1, signAccuracy, batch 10 on 96 points", async () => {
    const net: Net = { shape: [2, 4, 2, 1], activations: ["tanh", "tanh", "tanh"], loss: "halfSquared", metric: "signAccuracy", lr: 0.03 };
    await compareTraining(net, { epochs: 100, batchSize: 10, n: 96, shuffle: false, carry: true, labels: "pm1" });
    await compareTraining(net, { epochs: 100, batchSize: 10, n: 96, carry: true, labels: "pm1" });
  });

  it("wide layers (loops, not unrolled): 2-64-64-64-1 and a 20-input first layer", async () => {
    await compareTraining({ shape: [2, 64, 64, 64, 1], activations: ["relu", "relu", "relu", "sigmoid"], loss: "mse", lr: 0.05 }, { epochs: 4, batchSize: 32, n: 300 });
    await compareTraining({ shape: [20, 17, 1], activations: ["tanh", "sigmoid"], loss: "binaryCrossentropy", lr: 0.05 }, { epochs: 10, batchSize: 25, n: 120 });
  });

  it("dead units, validation data, and a callback that stops early", async () => {
    const val = data(80, 2, "01", 9);
    const net: Net = { ...W1, lr: 0.5 };
    const history = await fitBoth(build(net, 4, true), build(net, 4, false), data(150, 2).X, data(150, 2).y, {
      epochs: 200, batchSize: 10, recordDeadUnits: true, recordGradients: true, validationData: [val.X, val.y], callbacks: stopAt("val_accuracy", 0.7),
    });
    assert.ok(history.epoch.length < 200, "stopAt should have stopped the run");
  });

  it("callbacks that change the weights or predict between epochs, and resuming with momentum from initialEpoch", async () => {
    const { X, y } = data(120, 2);
    const net: Net = { ...W1, momentum: 0.9, lr: 0.02 };
    const compiled = build(net, 6, true);
    const reference = build(net, 6, false);
    const shrink = (model: Sequential) => ({
      onEpochEnd(epoch: number) {
        model.predict([[0.1, 0.2]]);
        if (epoch === 3) model.setWeights(model.getWeights().map((w) => (Array.isArray(w[0]) ? (w as number[][]).map((r) => r.map((v) => v / 2)) : w)));
      },
    });
    const first = { epochs: 10, batchSize: 12 };
    const expected = await reference.fit(X, y, { ...first, verbose: 0, callbacks: shrink(reference) });
    assertSameHistory(await compiled.fit(X, y, { ...first, verbose: 0, callbacks: shrink(compiled) }), expected);
    assertSameWeights(compiled, reference);
    await fitBoth(compiled, reference, X, y, { epochs: 25, initialEpoch: 10, batchSize: 12 });
  });

  it("a run that diverges throws DivergedError with the same history and the weights of the epoch's start", async () => {
    const { X, y } = data(100, 2);
    const net: Net = { shape: [2, 8, 1], activations: ["linear", "linear"], loss: "mse", lr: 2 };
    const errors: DivergedError[] = [];
    const models = [build(net, 2, true), build(net, 2, false)];
    for (const model of models) {
      await model.fit(X, y, { epochs: 50, batchSize: 5, verbose: 0 }).catch((e: DivergedError) => errors.push(e));
    }
    assert.equal(errors.length, 2);
    assert.ok(errors[0] instanceof DivergedError);
    assertSameHistory(errors[0].history, errors[1].history);
    assertSameWeights(models[0], models[1]);
  });

  it("falls back to the reference where the network is not compiled: Playground's regularized SGD", async () => {
    const { model } = playground.network({ regularization: "L2", regularizationRate: 0.01 });
    const d = datasets.spiral({ n: 40, noise: 0, seed: 1, labels: "pm1" });
    const { steps } = await countingSteps(() => model.fit(d.X, d.y, { epochs: 2, batchSize: 10, verbose: 0 }));
    assert.equal(steps, 0);
  });
});

describe("compiled forward passes: bit-identical to the reference", () => {
  it("predict, layerOutputs, evaluate and deadUnits over a grid", async () => {
    for (const net of [W1, { shape: [2, 6, 1], activations: ["tanh", "sigmoid"], loss: "binaryCrossentropy", metric: "accuracy" } as Net]) {
      const compiled = build(net, 2, true);
      const reference = build(net, 2, false);
      const { X, y } = data(100, 2);
      await fitBoth(compiled, reference, X, y, { epochs: 20, batchSize: 10 });
      const grid = new Matrix(1000, 2, Float64Array.from({ length: 2000 }, (_, i) => Math.cos(i * 0.37) * 6));
      assertIdentical(compiled.predictMatrix(grid).data, reference.predictMatrix(grid).data, "grid outputs");
      compiled.layerOutputs(grid).forEach((a, l) => assertIdentical(a.data, reference.layerOutputs(grid)[l].data, `layer ${l} outputs`));
      assert.deepEqual(compiled.evaluate(X, y), reference.evaluate(X, y));
      assert.ok(Object.is(compiled.evaluate(X, y).loss, reference.evaluate(X, y).loss));
      assert.deepEqual(compiled.deadUnits(grid), reference.deadUnits(grid));
    }
  });

  it("reports what it does not compile, so the engine can fall back", () => {
    const { model } = playground.network({ regularization: "L2", regularizationRate: 0.01 });
    assert.match(specFor(model.layers, model.loss!, model.optimizer!, 10) as string, /optimizer PlaygroundSGD is not compiled/);
    const custom = new Sequential({ seed: 1 });
    custom.add(new Dense({ units: 2, inputDim: 2, activation: { ...activations.relu, name: "myRelu" } }));
    custom.compile({ loss: "mse", optimizer: new SGD() });
    assert.match(specFor(custom.layers, custom.loss!, custom.optimizer!, 10) as string, /activation myRelu/);
    const spec: KernelSpec = { inputDim: 2, layers: [{ units: 1, activation: "relu", alpha: 0, useBias: true }], loss: "mse", logits: true, optimizer: { kind: "sgd", learningRate: 0.1, momentum: 0, nesterov: false }, maxRows: 4 };
    assert.match(String(compilable(spec)), /logits needs binaryCrossentropy/);
    assert.equal(compilable({ ...spec, logits: false }), true);
    assertThrows(() => new Kernel({ ...spec, logits: false, maxRows: 0 }, 5), "Kernel", "maxRows");
    assertThrows(() => new Kernel({ ...spec, logits: false }, 5).step(0, 5), "Kernel.step", "rows 5");
    assertThrows(() => custom.compile({ loss: "mse", optimizer: "sgd", jitCompile: "yes" as unknown as boolean }), "compile", "jitCompile");
  });
});
