import { strict as assert } from "assert";
import { inspect } from "util";
import { Dense, DivergedError, initializers, Sequential, SGD, datasets, Logs, playground } from "../lib/index";
import { Rng } from "../lib/engine/rng";
import { assertClose, captureStdout } from "./helpers";

/** The course's network: 2-8-8-8-1, relu x3 and a sigmoid output, Keras defaults. */
function lessonModel(seed: number | string = 7, lr = 0.05): Sequential {
  const model = new Sequential({ seed });
  model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "mse", optimizer: new SGD({ learningRate: lr }), metrics: ["accuracy"] });
  return model;
}

/** One hidden layer of `units`, sigmoid output, cross-entropy. */
function oneHidden(units: number, activation: "tanh" | "relu" | "sigmoid", seed: number, lr: number): Sequential {
  const model = new Sequential({ seed });
  model.add(new Dense({ units, activation, inputDim: 2 }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: lr }), metrics: ["accuracy"] });
  return model;
}

describe("closed-form values", () => {
  it("glorotUniform draws uniformly within ±sqrt(6 / (fanIn + fanOut))", () => {
    const layer = new Dense({ units: 200, inputDim: 300 });
    new Sequential({ seed: 1 }).add(layer);
    const limit = Math.sqrt(6 / 500);
    const w = Array.from(layer.kernel);
    const max = Math.max(...w.map(Math.abs));
    const mean = w.reduce((s, x) => s + x, 0) / w.length;
    const variance = w.reduce((s, x) => s + (x - mean) ** 2, 0) / w.length;
    assert.ok(max <= limit && max > 0.999 * limit, `max |w| ${max}, limit ${limit}`);
    assert.ok(Math.abs(mean) < 0.01 * limit, `mean ${mean}`);
    assertClose(variance, (limit * limit) / 3, 0.02 * limit * limit, "variance");
    assert.ok(layer.bias.every((b) => b === 0), "biases start at zero, as Keras");
  });

  it("the lesson's network has 24 + 72 + 72 + 9 = 177 parameters and Keras's getWeights layout", () => {
    const model = lessonModel();
    assert.equal(model.countParams(), 177);
    const shapes = model.getWeights().map((w) => (Array.isArray(w[0]) ? [w.length, (w[0] as number[]).length] : [w.length]));
    assert.deepEqual(shapes, [[2, 8], [8], [8, 8], [8], [8, 8], [8], [8, 1], [1]]);
    const lines: string[] = [];
    model.summary((line) => lines.push(line));
    assert.ok(lines.some((l) => l.startsWith("Total params: 177")));
    assert.ok(lines.some((l) => /dense_3 \(Dense\)\s+\(None, 1\)\s+9/.test(l)), lines.join("\n"));
  });

  it("getWeights/setWeights round-trip, W_ij stored as row i (input), column j (unit)", () => {
    const model = new Sequential();
    model.add(new Dense({ units: 2, inputDim: 3 }));
    const W = [[1, 2], [3, 4], [5, 6]];
    model.setWeights([W, [0.5, -0.5]]);
    assert.deepEqual(model.getWeights(), [W, [0.5, -0.5]]);
    // z_j = Σ_i x_i W_ij + b_j
    assert.deepEqual(model.predict([[1, 0, 0], [0, 0, 1], [1, 1, 1]]), [[1.5, 1.5], [5.5, 5.5], [9.5, 11.5]]);
  });

  it("mse is mean((yHat - y)²) and its gradient is 2(yHat - y)/B, as Keras", () => {
    const model = new Sequential();
    model.add(new Dense({ units: 1, inputDim: 1 }));
    model.compile({ loss: "mse", optimizer: "sgd" });
    model.setWeights([[[0]], [0.25]]);
    const X = [[1], [2], [3], [4]];
    const y = [1, 0, 1, 1];
    // yHat = 0.25 everywhere.
    const residuals = y.map((t) => 0.25 - t);
    assertClose(model.evaluate(X, y).loss, residuals.reduce((s, r) => s + r * r, 0) / 4);
    const [dW, db] = model.computeGradients(X, y) as [number[][], number[]];
    assertClose(db, [residuals.reduce((s, r) => s + 2 * r, 0) / 4]);
    assertClose(dW, [[residuals.reduce((s, r, i) => s + 2 * r * X[i][0], 0) / 4]]);
  });

  it("one epoch of SGD by hand, including the last partial batch", async () => {
    const model = new Sequential();
    model.add(new Dense({ units: 1, inputDim: 2 }));
    model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.1 }) });
    const X = [[1, 2], [3, -1], [0.5, 0.5]];
    const y = [1, 0, 2];
    let w = [0.2, -0.3];
    let b = 0.1;
    model.setWeights([[[w[0]], [w[1]]], [b]]);
    // Batches of 2: rows 0-1, then row 2 alone; each step w -= lr * 2/B Σ (yHat - y) x.
    for (const rows of [[0, 1], [2]]) {
      const r = rows.map((i) => w[0] * X[i][0] + w[1] * X[i][1] + b - y[i]);
      const B = rows.length;
      w = w.map((wk, k) => wk - (0.1 * 2 * rows.reduce((s, i, n) => s + r[n] * X[i][k], 0)) / B);
      b -= (0.1 * 2 * r.reduce((s, v) => s + v, 0)) / B;
    }
    const history = await model.fit(X, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
    assertClose(model.getWeights(), [[[w[0]], [w[1]]], [b]], 1e-14, "weights after one epoch");
    assert.equal(history.params.steps, 2);
  });

  it("SGD with momentum follows Keras: v = m v - lr g; w += v", () => {
    const opt = new SGD({ learningRate: 0.1, momentum: 0.9 });
    const w = new Float64Array([1]);
    opt.step([w], [new Float64Array([2])]); // v = -0.2, w = 0.8
    opt.step([w], [new Float64Array([2])]); // v = -0.18 - 0.2 = -0.38, w = 0.42
    assertClose(w[0], 0.42, 1e-14);
    assert.equal(new SGD().learningRate, 0.01, "Keras's default learning rate");
  });

  it("the playground initializer draws U(-0.5, 0.5) unit by unit, in the page's order, biases 0.1", () => {
    const layer = new Dense({ units: 3, inputDim: 2, kernelInitializer: playground.initializer, biasInitializer: playground.initializer });
    new Sequential({ seed: "0.59704" }).add(layer);
    const rng = new Rng("0.59704");
    const expected: number[][] = [[0, 0, 0], [0, 0, 0]];
    for (let j = 0; j < 3; j++) for (let i = 0; i < 2; i++) expected[i][j] = rng.next() - 0.5;
    assert.deepEqual(Array.from(layer.kernel), expected.flat());
    assert.deepEqual(Array.from(layer.bias), [0.1, 0.1, 0.1]);
  });

  it("cross-entropy after a sigmoid stays finite and exact for extreme outputs", () => {
    const model = new Sequential();
    model.add(new Dense({ units: 1, activation: "sigmoid", inputDim: 1 }));
    model.compile({ loss: "binaryCrossentropy", optimizer: "sgd" });
    model.setWeights([[[100]], [0]]);
    // z = -100 for label 1: loss = log(1 + e^100) ≈ 100, which clipping at 1e-7 would cap at 16.1.
    assertClose(model.evaluate([[-1]], [1]).loss, 100 + Math.log1p(Math.exp(-100)), 1e-12);
    const [dW] = model.computeGradients([[-1]], [1]) as [number[][]];
    assertClose(dW, [[1]], 1e-12, "d/dw of log(1 + e^-wx) at x = -1");
  });
});

describe("determinism", () => {
  const data = datasets.spiral({ n: 100, noise: 0.1, seed: 3 });

  async function trainOnce(seed: number | string) {
    const model = lessonModel(seed);
    const initial = model.getWeights();
    const history = await model.fit(data.X, data.y, { epochs: 20, batchSize: 10, verbose: 0 });
    return { initial, history: history.history, weights: model.getWeights(), predictions: model.predict(data.X) };
  }

  it("the same seed gives identical weights, history and predictions", async () => {
    assert.deepEqual(await trainOnce(5), await trainOnce(5));
  });

  it("different seeds give different initial weights and training", async () => {
    const [a, b] = [await trainOnce(5), await trainOnce(6)];
    assert.notDeepEqual(a.initial, b.initial);
    assert.notDeepEqual(a.history.loss, b.history.loss);
  });

  it("shuffling is seeded and changes the order every epoch", async () => {
    const run = async (shuffle: boolean) => {
      const model = lessonModel(5);
      return (await model.fit(data.X, data.y, { epochs: 3, batchSize: 10, shuffle, verbose: 0 })).history.loss;
    };
    assert.notDeepEqual(await run(true), await run(false));
    // The stream is used for the 152 kernel values, then one draw per row per epoch (one shuffle each).
    const model = lessonModel(5);
    await model.fit(data.X, data.y, { epochs: 3, batchSize: 10, verbose: 0 });
    const fresh = new Rng(5);
    for (let i = 0; i < 152 + 3 * 100; i++) fresh.next();
    assert.equal(model.rng.next(), fresh.next());
  });
});

describe("fit", () => {
  const data = datasets.spiral({ n: 60, noise: 0.1, seed: 3 });

  it("records Keras's history keys, one value per epoch, epochs counted from initialEpoch", async () => {
    const model = lessonModel();
    const history = await model.fit(data.X, data.y, { epochs: 5, initialEpoch: 2, batchSize: 8, verbose: 0, validationSplit: 0.25 });
    assert.deepEqual(history.epoch, [2, 3, 4]);
    assert.deepEqual(Object.keys(history.history).sort(), ["accuracy", "loss", "val_accuracy", "val_loss"]);
    for (const values of Object.values(history.history)) assert.equal(values.length, 3);
    assert.deepEqual(history.params, { epochs: 5, batchSize: 8, samples: 45, steps: 6 });
    assert.match(inspect(history), /^History: 3 epochs; loss [\d.]+ → [\d.]+; accuracy/);
  });

  it("validationSplit holds out the last rows, before shuffling, as Keras", async () => {
    const model = lessonModel();
    const history = await model.fit(data.X, data.y, { epochs: 2, verbose: 0, validationSplit: 0.25 });
    const tail = { X: data.X.slice(45), y: data.y.slice(45) };
    const logs = model.evaluate(tail.X, tail.y);
    assertClose(history.history.val_loss[1], logs.loss, 1e-15);
    assertClose(history.history.val_accuracy[1], logs.accuracy, 1e-15);
  });

  it("validationData as [X, y] or { X, y } gives the same values", async () => {
    const val = datasets.spiral({ n: 20, seed: 9 });
    const a = await lessonModel().fit(data.X, data.y, { epochs: 2, verbose: 0, validationData: [val.X, val.y] });
    const b = await lessonModel().fit(data.X, data.y, { epochs: 2, verbose: 0, validationData: val });
    assert.deepEqual(a.history.val_loss, b.history.val_loss);
    assert.equal(a.history.val_loss.length, 2);
  });

  it("the epoch's loss is the sample-weighted mean of its batch losses, before each step", async () => {
    const model = lessonModel();
    const before = model.evaluate(data.X, data.y).loss;
    const history = await model.fit(data.X, data.y, { epochs: 1, batchSize: 60, verbose: 0 });
    assertClose(history.history.loss[0], before, 1e-15, "one full batch: the loss at the starting weights");
  });

  it("callbacks see every epoch, can be async, and can stop training", async () => {
    const model = lessonModel();
    const events: string[] = [];
    const history = await model.fit(data.X, data.y, {
      epochs: 10,
      verbose: 0,
      callbacks: [
        {
          onTrainBegin: () => void events.push("begin"),
          onEpochBegin: (epoch) => void events.push(`start ${epoch}`),
          onEpochEnd: async (epoch: number, logs: Logs) => {
            await new Promise((resolve) => setTimeout(resolve, 1));
            events.push(`end ${epoch} ${typeof logs.loss}`);
            if (epoch === 2) model.stopTraining = true;
          },
          onTrainEnd: () => void events.push("done"),
        },
      ],
    });
    assert.deepEqual(events, ["begin", "start 0", "end 0 number", "start 1", "end 1 number", "start 2", "end 2 number", "done"]);
    assert.equal(history.epoch.length, 3);
  });

  it("yields to the event loop while training, so a live display can update", async () => {
    const model = lessonModel();
    let ticks = 0;
    let running = true;
    const tick = () => {
      ticks++;
      if (running) setImmediate(tick);
    };
    setImmediate(tick);
    await model.fit(data.X, data.y, { epochs: 50, verbose: 0, yieldEvery: "epoch" });
    running = false;
    assert.ok(ticks >= 10, `only ${ticks} timer ticks ran during fit`);
  });

  it("verbose 0 prints nothing, 1 about ten lines (outside a terminal), 2 a line per epoch", async () => {
    const run = (verbose: 0 | 1 | 2) => captureStdout(() => lessonModel().fit(data.X, data.y, { epochs: 40, verbose }));
    assert.equal(await run(0), "");
    const one = (await run(1)).trimEnd().split("\n");
    assert.ok(one.length >= 10 && one.length <= 12, one.join("\n"));
    assert.match(one[0], /^Epoch 1\/40 - loss: \d\.\d{4} - accuracy: \d\.\d{4}$/);
    assert.match(one[one.length - 1], /^Epoch 40\/40 /);
    assert.equal((await run(2)).trimEnd().split("\n").length, 40);
  });

  it("a loss that becomes NaN stops fit with a clear error, keeping the last good weights", async () => {
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
    model.add(new Dense({ units: 1 }));
    model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 10 }) });
    await assert.rejects(model.fit(data.X, data.y, { epochs: 50, verbose: 0 }), (err: Error) => {
      assert.ok(err instanceof DivergedError);
      assert.match(err.message, /loss became (NaN|Infinity|-Infinity) in epoch \d+/);
      assert.match(err.message, /learning rate \(10\) is probably too high; try 1/);
      assert.ok(err.history.epoch.every((_, i) => Number.isFinite(err.history.history.loss[i])));
      return true;
    });
    assert.ok((model.getWeights().flat(2) as number[]).every(Number.isFinite), "weights are finite");
  });
});

describe("behaviour with fixed seeds", () => {
  it("one sigmoid neuron separates the two gaussian blobs", async () => {
    const { train, test } = datasets.trainTestSplit(datasets.gauss({ seed: 1 }), { seed: 2 });
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 1, activation: "sigmoid", inputDim: 2 }));
    model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
    await model.fit(train.X, train.y, { epochs: 20, batchSize: 10, verbose: 0 });
    assert.ok(model.evaluate(test.X, test.y).accuracy >= 0.99);
  });

  it("one hidden layer of 3 tanh units encloses the circle (>= 95% test accuracy); 2 units cannot", async () => {
    const { train, test } = datasets.trainTestSplit(datasets.circle({ seed: 1 }), { seed: 2 });
    for (const seed of [1, 2, 3]) {
      const three = oneHidden(3, "tanh", seed, 0.1);
      await three.fit(train.X, train.y, { epochs: 300, batchSize: 10, verbose: 0 });
      const two = oneHidden(2, "tanh", seed, 0.1);
      await two.fit(train.X, train.y, { epochs: 300, batchSize: 10, verbose: 0 });
      const [acc3, acc2] = [three.evaluate(test.X, test.y).accuracy, two.evaluate(test.X, test.y).accuracy];
      assert.ok(acc3 >= 0.95, `seed ${seed}: 3 units reached only ${acc3}`);
      assert.ok(acc2 < 0.9, `seed ${seed}: 2 units reached ${acc2}`);
    }
  });

  it("3 x 8 ReLU reaches >= 95% test accuracy on the spiral", async () => {
    const { train, test } = datasets.trainTestSplit(datasets.spiral({ seed: 1 }), { seed: 2 });
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
    model.add(new Dense({ units: 8, activation: "relu" }));
    model.add(new Dense({ units: 8, activation: "relu" }));
    model.add(new Dense({ units: 1, activation: "sigmoid" }));
    model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
    await model.fit(train.X, train.y, { epochs: 1000, batchSize: 10, verbose: 0 });
    assert.ok(model.evaluate(test.X, test.y).accuracy >= 0.95);
  });

  it("the lesson's Keras program reaches >= 95% training accuracy on the course's beans in 5,000 epochs", async () => {
    const { X, y } = datasets.beans({ n: 100, seed: 1 });
    const model = lessonModel(7);
    const history = await model.fit(X, y, { epochs: 5000, batchSize: 10, verbose: 0 });
    assert.ok(history.history.accuracy[4999] >= 0.95);
    assert.ok(model.evaluate(X, y).accuracy >= 0.95);
  });
});

describe("diagnostics", () => {
  const { X, y } = datasets.spiral({ n: 200, seed: 1 });

  function deep(activation: "sigmoid" | "relu", seed: number) {
    const model = new Sequential({ seed });
    model.add(new Dense({ units: 4, activation, inputDim: 2 }));
    model.add(new Dense({ units: 4, activation }));
    model.add(new Dense({ units: 4, activation }));
    model.add(new Dense({ units: 1, activation: "sigmoid" }));
    model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.03 }), metrics: ["accuracy"] });
    return model;
  }

  it("records per-layer gradient size: with sigmoid the first layer gets far less than the last", async () => {
    for (const seed of [1, 2, 3]) {
      const sig = await deep("sigmoid", seed).fit(X, y, { epochs: 20, batchSize: 10, verbose: 0, recordGradients: true });
      const rel = await deep("relu", seed).fit(X, y, { epochs: 20, batchSize: 10, verbose: 0, recordGradients: true });
      assert.equal(sig.gradientSize.length, 20);
      assert.equal(sig.gradientSize[0].length, 4);
      const ratio = (g: number[][]) => g.reduce((s, e) => s + e[3], 0) / g.reduce((s, e) => s + e[0], 0);
      assert.ok(ratio(sig.gradientSize) > 20, `seed ${seed}: sigmoid last/first ${ratio(sig.gradientSize)}`);
      assert.ok(ratio(rel.gradientSize) < 5, `seed ${seed}: relu last/first ${ratio(rel.gradientSize)}`);
    }
  });

  it("the recorded gradient size is the mean |dL/dW| over the epoch's batches", async () => {
    const model = deep("relu", 1);
    const [W1] = model.computeGradients(X, y) as number[][][];
    const history = await model.fit(X, y, { epochs: 1, batchSize: 200, verbose: 0, recordGradients: true });
    const expected = W1.flat().reduce((s, g) => s + Math.abs(g), 0) / 8;
    assertClose(history.gradientSize[0][0], expected, 1e-14);
  });

  it("finds dead ReLU units, and none for leaky ReLU with the same weights", () => {
    const make = (activation: "relu" | "leakyRelu") => {
      const model = new Sequential({ seed: 1 });
      model.add(new Dense({ units: 4, activation, inputDim: 2, biasInitializer: initializers.constant(-100) }));
      model.add(new Dense({ units: 1, activation: "sigmoid" }));
      return model;
    };
    assert.deepEqual(make("relu").deadUnits(X), [[true, true, true, true], [false]]);
    assert.deepEqual(make("leakyRelu").deadUnits(X), [[false, false, false, false], [false]]);
  });

  it("records dead units per layer per epoch", async () => {
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
    model.add(new Dense({ units: 1, activation: "sigmoid" }));
    model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 3 }) });
    const history = await model.fit(X, y, { epochs: 30, batchSize: 10, verbose: 0, recordDeadUnits: true });
    assert.equal(history.deadUnits.length, 30);
    const last = history.deadUnits[29][0];
    assert.equal(last, model.deadUnits(X)[0].filter(Boolean).length);
    assert.ok(last > 0, "a learning rate of 3 kills some ReLU units");
  });

  it("layerOutputs gives every unit's output; the last layer's is predict", () => {
    const model = lessonModel();
    const grid = Array.from({ length: 100 * 100 }, (_, i) => [(i % 100) / 10 - 5, Math.floor(i / 100) / 10 - 5]);
    const outputs = model.layerOutputs(grid);
    assert.deepEqual(outputs.map((m) => [m.rows, m.cols]), [[10000, 8], [10000, 8], [10000, 8], [10000, 1]]);
    assert.deepEqual(outputs[3].toArray(), model.predict(grid));
    assert.ok(outputs[0].column(0).every((a) => a >= 0), "ReLU outputs are never negative");
  });
});
