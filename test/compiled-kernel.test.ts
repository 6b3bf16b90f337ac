import { strict as assert } from "assert";
import { activations, datasets, Dense, Matrix, playground, Sequential, SGD } from "../lib/index";
import type { ActivationName, LossName, MetricName } from "../lib/index";
import { fitCompiled, specFor } from "../lib/engine/compiled/driver";
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

function build(net: Net, seed: number): Sequential {
  const model = new Sequential({ seed });
  net.shape.slice(1).forEach((units, i) => {
    const name = net.activations[i];
    const activation = name === "leaky0.2" ? activations.leakyRelu({ alpha: 0.2 }) : name;
    model.add(new Dense({ units, activation, useBias: net.noBiasAt !== i, ...(i === 0 ? { inputDim: net.shape[0] } : {}) }));
  });
  const optimizer = new SGD({ learningRate: net.lr ?? 0.05, momentum: net.momentum ?? 0, nesterov: net.nesterov ?? false });
  model.compile({ loss: net.loss, optimizer, metrics: net.metric ? [net.metric] : [] });
  return model;
}

/** Spiral data with labels 0/1 (or ±1), widened to `inputs` features by repeating x and y products. */
function data(n: number, inputs: number, labels: "01" | "pm1" = "01"): { X: Matrix; y: Matrix } {
  const d = datasets.spiral({ n, noise: 0.1, seed: 3, labels });
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
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}: element ${i} is ${actual[i]}, the engine's is ${expected[i]}`);
  }
}

/** Trains the same model with the engine's fit and with the kernel; requires identical weights, losses, metrics. */
async function compareTraining(net: Net, fit: { epochs: number; batchSize: number; n: number; shuffle?: boolean; carry?: boolean; labels?: "01" | "pm1" }): Promise<void> {
  const { X, y } = data(fit.n, net.shape[0], fit.labels);
  const reference = build(net, 11);
  const compiled = build(net, 11);
  const args = { epochs: fit.epochs, batchSize: fit.batchSize, shuffle: fit.shuffle ?? true, partialBatch: fit.carry ? ("carry" as const) : ("use" as const) };
  const history = await reference.fit(X, y, { ...args, verbose: 0, recordGradients: true });
  const result = fitCompiled(compiled, X, y, { ...args, recordGradients: true });
  assertIdentical(result.loss, history.values("loss"), "loss per epoch");
  if (net.metric) assertIdentical(result.metrics[0], history.values("accuracy"), "accuracy per epoch");
  assertIdentical(result.gradientSize.flat(), history.gradientSize.flat(), "gradient sizes");
  reference.layers.forEach((layer, l) => {
    assertIdentical(compiled.layers[l].kernel, layer.kernel, `layer ${l} W`);
    assertIdentical(compiled.layers[l].bias, layer.bias, `layer ${l} b`);
  });
}

describe("compiled kernel: bit-identical to the engine's fit", () => {
  it("W1, the lesson's network: 2-8-8-8-1 relu x3 + sigmoid, mse, SGD 0.05, batch 10, 300 epochs", async () => {
    await compareTraining({ shape: [2, 8, 8, 8, 1], activations: ["relu", "relu", "relu", "sigmoid"], loss: "mse", metric: "accuracy" }, { epochs: 300, batchSize: 10, n: 200 });
  });

  it("2-3-1 with a partial last batch (n 102, batch 10), tanh + sigmoid, binaryCrossentropy on the logits path", async () => {
    await compareTraining({ shape: [2, 3, 1], activations: ["tanh", "sigmoid"], loss: "binaryCrossentropy", metric: "accuracy", lr: 0.3 }, { epochs: 200, batchSize: 10, n: 102 });
  });

  it("binaryCrossentropy without logits (linear and tanh outputs clipped), momentum", async () => {
    await compareTraining({ shape: [2, 5, 1], activations: ["relu", "linear"], loss: "binaryCrossentropy", lr: 0.01, momentum: 0.9 }, { epochs: 60, batchSize: 7, n: 90 });
    await compareTraining({ shape: [3, 4, 1], activations: ["sigmoid", "tanh"], loss: "binaryCrossentropy", lr: 0.05 }, { epochs: 60, batchSize: 16, n: 90 });
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
    const reference = build(net, 5);
    const compiled = build(net, 5);
    const history = await reference.fit(X, y, { epochs: 50, batchSize: 8, verbose: 0 });
    assertIdentical(fitCompiled(compiled, X, y, { epochs: 50, batchSize: 8 }).loss, history.values("loss"), "loss per epoch");
    reference.layers.forEach((layer, l) => assertIdentical(compiled.layers[l].kernel, layer.kernel, `layer ${l} W`));
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
});

describe("compiled kernel: forward pass and fallback", () => {
  it("predicts what predictMatrix does, in chunks, bit for bit", () => {
    const model = build({ shape: [2, 8, 8, 8, 1], activations: ["relu", "relu", "relu", "sigmoid"], loss: "mse" }, 2);
    const spec = specFor(model, 10) as KernelSpec;
    const kernel = new Kernel(spec, 1);
    model.layers.forEach((layer, l) => kernel.setWeights(l, layer.kernel, layer.bias));
    const grid = new Matrix(1000, 2, Float64Array.from({ length: 2000 }, (_, i) => Math.cos(i * 0.37) * 6));
    assertIdentical(kernel.predict(grid.data, grid.rows), model.predictMatrix(grid).data, "grid outputs");
  });

  it("reports what it does not compile, so the engine can fall back", () => {
    const { model } = playground.network({ regularization: "L2", regularizationRate: 0.01 });
    assert.match(specFor(model, 10) as string, /optimizer PlaygroundSGD is not compiled/);
    const custom = new Sequential({ seed: 1 });
    custom.add(new Dense({ units: 2, inputDim: 2, activation: { ...activations.relu, name: "myRelu" } }));
    custom.compile({ loss: "mse", optimizer: new SGD() });
    assert.match(specFor(custom, 10) as string, /activation myRelu/);
    const spec: KernelSpec = { inputDim: 2, layers: [{ units: 1, activation: "relu", alpha: 0, useBias: true }], loss: "mse", logits: true, optimizer: { kind: "sgd", learningRate: 0.1, momentum: 0, nesterov: false }, maxRows: 4 };
    assert.match(String(compilable(spec)), /logits needs binaryCrossentropy/);
    assert.equal(compilable({ ...spec, logits: false }), true);
    assertThrows(() => new Kernel({ ...spec, logits: false, maxRows: 0 }, 5), "Kernel", "maxRows");
    assertThrows(() => new Kernel({ ...spec, logits: false }, 5).step(0, 5), "Kernel.step", "rows 5");
  });
});
