import { strict as assert } from "assert";
import { datasets, Dense, formatRate, formatTally, History, keras, plot, quantile, Rng, Sequential, SGD, spreadColumns, stopAt, sweep, tally, wilson } from "../lib/index";
import { assertThrows } from "./helpers";

/** A history with the given validation accuracies, one per epoch. */
function historyOf(valAccuracy: number[]): History {
  const h = new History({ epochs: valAccuracy.length, batchSize: 10, samples: 100, steps: 10 });
  valAccuracy.forEach((a, epoch) => h.record(epoch, { loss: 1 - a, val_accuracy: a }));
  return h;
}

describe("sweep", () => {
  it("runs the trial once per seed and returns the results in seed order, also when later seeds finish first", async () => {
    const runs = await sweep([5, 2, 9], async (seed) => {
      await new Promise((resolve) => setTimeout(resolve, 10 - seed));
      return seed * 10;
    });
    assert.deepEqual(runs, [50, 20, 90]);
    assert.deepEqual(await sweep(3, (seed) => seed), [1, 2, 3]);
  });

  it("refuses seeds that are not a count or a list of integers, and a trial that is not a function", async () => {
    for (const bad of [0, 2.5, [], [1, "2"], "20"]) {
      await assert.rejects(sweep(bad as never, (s) => s), /sweep: seeds must be a count >= 1/);
    }
    await assert.rejects(sweep(3, 42 as never), /sweep: trial must be a function of the seed/);
  });
});

describe("tallies and spreads", () => {
  it("count the runs that pass a test and give table columns", () => {
    const best = [0.97, 0.93, 1, 0.95, 0.5];
    const t = tally(best, (a) => a >= 0.95);
    assert.deepEqual(t, { count: 3, total: 5 });
    assert.equal(formatTally(t), "3 of 5");
    assert.deepEqual(spreadColumns(best), { median: 0.95, min: 0.5, max: 1 });
    assert.deepEqual(spreadColumns([1 / 3, 2 / 3], 2), { median: 0.5, min: 0.33, max: 0.67 });
    assert.deepEqual(spreadColumns([3, Infinity, Infinity]), { median: Infinity, min: 3, max: Infinity });
  });

  it("give a success rate's Wilson interval, also at 0 of n and n of n", () => {
    const close = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]) < 5e-4);
    assert.ok(close(wilson({ count: 19, total: 20 }), [0.7639, 0.9911]), `${wilson({ count: 19, total: 20 })}`);
    assert.ok(close(wilson({ count: 0, total: 10 }), [0, 0.2775]), `${wilson({ count: 0, total: 10 })}`);
    assert.ok(close(wilson({ count: 200, total: 200 }), [0.9812, 1]), `${wilson({ count: 200, total: 200 })}`);
    assert.equal(formatRate({ count: 19, total: 20 }), "19 of 20 seeds, 95% CI 76-99%");
    assertThrows(() => wilson({ count: 3, total: 2 }), "wilson: expected a tally { count, total } with 0 <= count <= total");
  });

  it("give quantiles between neighbours, as numpy does", () => {
    assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
    assert.equal(quantile([1, 2, 3, 4, 5], 0.1), 1.4);
    assert.equal(quantile([7], 0.9), 7);
    assertThrows(() => quantile([1, 2], 1.5), "quantile: q must be a number from 0 to 1");
  });

  it("refuse what they cannot measure", () => {
    assertThrows(() => spreadColumns([]), "spread: expected a non-empty array");
    assertThrows(() => spreadColumns([1, NaN]), "spread: every value must be a number");
    assertThrows(() => tally([1], 0.95 as never), "tally: test must be a function");
  });
});

describe("History helpers", () => {
  it("give the best value, the value at an epoch counted from 1, and the first epoch reaching a level", () => {
    const h = historyOf([0.5, 0.8, 0.96, 0.9, 0.97]);
    assert.equal(h.best("val_accuracy"), 0.97);
    assert.equal(h.at("val_accuracy", 1), 0.5);
    assert.equal(h.at("val_accuracy", 5), 0.97);
    assert.equal(h.firstEpochAt("val_accuracy", 0.95), 3);
    assert.equal(h.firstEpochAt("val_accuracy", 0.99), undefined);
    assert.deepEqual(h.values("loss").map((v) => Number(v.toFixed(2))), [0.5, 0.2, 0.04, 0.1, 0.03]);
  });

  it("name the keys a run recorded when asked for one it did not, and the epochs there are", () => {
    const h = historyOf([0.5, 0.8]);
    assertThrows(() => h.best("accuracy"), 'History: no values for "accuracy"', '"loss", "val_accuracy"');
    assertThrows(() => historyOf([]).best("val_loss"), "recorded nothing", "need validationData");
    assertThrows(() => h.at("loss", 0), "History.at: epoch must be an integer from 1 to 2", "got 0");
    assertThrows(() => h.at("loss", 3), "from 1 to 2", "got 3");
  });
});

describe("stopAt", () => {
  it("stops fit after the first epoch that reaches the level, and firstEpochAt finds that epoch", async () => {
    const { train, test } = datasets.field("circle", { seed: 3, n: 200 });
    const run = async (callbacks?: ReturnType<typeof stopAt>) => {
      const { model, fitOptions } = keras.network({ hidden: [3], activation: "tanh", learningRate: 0.1, batchSize: 10, seed: 3 });
      return model.fit(train.X, train.y, { ...fitOptions, epochs: 60, verbose: 0, validationData: test, callbacks });
    };
    const full = await run();
    const reached = full.firstEpochAt("val_accuracy", 0.9);
    assert.ok(reached !== undefined && reached > 1 && reached < 60, `the full run reaches 90% at epoch ${reached}`);
    const stopped = await run(stopAt("val_accuracy", 0.9));
    assert.equal(stopped.epoch.length, reached);
    assert.deepEqual(stopped.values("val_accuracy"), full.values("val_accuracy").slice(0, reached));
  });

  it("says so when the key is not in the logs, and refuses a level that is not a number", async () => {
    const { train } = datasets.field("gauss", { seed: 3, n: 40 });
    const { model } = keras.network({ seed: 3 });
    await assert.rejects(model.fit(train.X, train.y, { epochs: 2, verbose: 0, callbacks: stopAt("val_accuracy", 0.9) }), /stopAt: the logs have no "val_accuracy".*need validationData/);
    assertThrows(() => stopAt("val_accuracy", "0.9" as never), "stopAt: level must be a number");
  });
});

describe("keras.network", () => {
  it("builds the same network, weights and compile settings as writing the Keras program by hand", async () => {
    const { model, fitOptions } = keras.network({ hidden: [8, 8, 8], activation: "relu", learningRate: 0.05, loss: "mse", batchSize: 10, seed: 7 });
    const byHand = new Sequential({ seed: 7 });
    byHand.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
    byHand.add(new Dense({ units: 8, activation: "relu" }));
    byHand.add(new Dense({ units: 8, activation: "relu" }));
    byHand.add(new Dense({ units: 1, activation: "sigmoid" }));
    byHand.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }), metrics: ["accuracy"] });
    assert.deepEqual(model.getWeights(), byHand.getWeights());
    assert.deepEqual(fitOptions, { batchSize: 10 });
    const { X, y } = datasets.beans({ n: 40, seed: 2 });
    const a = await model.fit(X, y, { ...fitOptions, epochs: 3, verbose: 0 });
    const b = await byHand.fit(X, y, { batchSize: 10, epochs: 3, verbose: 0 });
    assert.deepEqual(a.history, b.history);
    assert.deepEqual(model.getWeights(), byHand.getWeights());
  });

  it("has Keras's defaults: one sigmoid neuron, cross-entropy, SGD 0.01, batch 32", () => {
    const { model, fitOptions } = keras.network();
    assert.equal(model.layers.length, 1);
    assert.equal(model.layers[0].activation.name, "sigmoid");
    assert.equal(model.loss?.name, "binaryCrossentropy");
    assert.equal(model.optimizer?.learningRate, 0.01);
    assert.deepEqual(fitOptions, { batchSize: 32 });
  });

  it("refuses options it does not know and hidden sizes that are not positive integers", () => {
    assertThrows(() => keras.network({ layers: [3] } as never), 'keras.network: unknown option "layers"');
    assertThrows(() => keras.network({ hidden: 3 } as never), "keras.network: hidden must be an array");
    assertThrows(() => keras.network({ hidden: [3, 0] }), "keras.network: hidden[1] must be an integer >= 1");
  });
});

describe("datasets.field", () => {
  it("is the page's field for a seed: beans, shuffle and split from one stream", () => {
    const rng = new Rng(4);
    const byHand = datasets.trainTestSplit(datasets.spiral({ n: 500, seed: rng }), { testSize: 0.5, seed: rng });
    assert.deepEqual(datasets.field("spiral", { seed: 4 }), byHand);
    const small = datasets.field("xor", { seed: 2, n: 40, noise: 0.2, testSize: 0.25, labels: "pm1" });
    assert.equal(small.train.y.length, 30);
    assert.ok(small.test.y.every((v) => v === 1 || v === -1));
  });

  it("names the fields it knows when given another", () => {
    assertThrows(() => datasets.field("moons" as never), 'datasets.field: unknown field "moons"', '"gauss", "circle", "xor", "spiral"');
    assertThrows(() => datasets.field("circle", { seed: new Rng(1) as never }), "datasets.field: seed must be a number or a string");
  });
});

describe("lesson figures", () => {
  it("decisionBoundary with neuronLines adds one dashed line per first-layer neuron", () => {
    const { model } = keras.network({ hidden: [3], activation: "tanh", seed: 5 });
    const plain = plot.decisionBoundary(model, { region: plot.REGION });
    const lined = plot.decisionBoundary(model, { region: plot.REGION, neuronLines: true });
    assert.deepEqual(lined.data.slice(0, plain.data.length), plain.data);
    assert.deepEqual(lined.data.slice(plain.data.length), plot.neuronLines(model, { region: plot.REGION }));
    assert.equal(lined.data.length - plain.data.length, 3);
  });

  it("runsPlot draws a thin line per run, one legend entry per group, and the marked epochs", () => {
    const fig = plot.runsPlot([
      { name: "fast", runs: [[0.5, 0.9, 1], [0.6, 0.95, 1]] },
      { name: "slow", color: "#123456", runs: [[0.5, 0.5, 0.6]] },
    ], { title: "three runs", marks: [2] });
    const lines = fig.data as { name: string; showlegend: boolean; x: number[]; y: number[]; line: { color: string; dash?: string } }[];
    assert.equal(lines.length, 4);
    assert.deepEqual(lines.map((t) => t.name), ["fast", "fast", "slow", "epoch 2"]);
    assert.deepEqual(lines.map((t) => t.showlegend), [true, false, true, undefined]);
    assert.deepEqual(lines[0].x, [1, 2, 3]);
    assert.equal(lines[2].line.color, "#123456");
    assert.deepEqual(lines[3].y, [0.5, 1]);
    assert.equal(fig.layout.yaxis?.tickformat, ".0%");
    assertThrows(() => plot.runsPlot([]), "plot.runsPlot: expected a non-empty array of groups");
  });
});
