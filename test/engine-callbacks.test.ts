import { strict as assert } from "assert";
import { Callbacks, Dense, Logs, ProgressLogger, Sequential, SGD } from "../lib/index";
import { Batches } from "../lib/engine/batches";
import { Matrix } from "../lib/engine/matrix";
import { Rng } from "../lib/engine/rng";
import { captureStdout } from "./helpers";

const X = [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5]];
const y = [0, 1, 1, 0, 1];

function small(seed = 3): Sequential {
  const model = new Sequential({ seed });
  model.add(new Dense({ units: 3, activation: "tanh", inputDim: 2 }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
  return model;
}

describe("fit's callbacks", () => {
  it("calls every hook in Keras's order, each callback in the order given", async () => {
    const calls: string[] = [];
    const spy = (name: string): Callbacks => ({
      setModel: () => calls.push(`${name} setModel`),
      onTrainBegin: () => calls.push(`${name} trainBegin`),
      onEpochBegin: (epoch) => calls.push(`${name} epochBegin ${epoch}`),
      onEpochEnd: async (epoch) => {
        await new Promise((resolve) => setImmediate(resolve));
        calls.push(`${name} epochEnd ${epoch}`);
      },
      onTrainEnd: () => calls.push(`${name} trainEnd`),
    });
    await small().fit(X, y, { epochs: 2, verbose: 0, callbacks: [spy("a"), spy("b")] });
    assert.deepEqual(calls, [
      "a setModel", "b setModel", "a trainBegin", "b trainBegin",
      "a epochBegin 0", "b epochBegin 0", "a epochEnd 0", "b epochEnd 0",
      "a epochBegin 1", "b epochBegin 1", "a epochEnd 1", "b epochEnd 1",
      "a trainEnd", "b trainEnd",
    ]);
  });

  it("a custom callback sees every epoch from initialEpoch, with the logs the history records", async () => {
    const model = small();
    const seen: [number, Logs][] = [];
    const history = await model.fit(X, y, {
      epochs: 7, initialEpoch: 2, batchSize: 2, verbose: 0, validationData: [X, y], recordGradients: true, recordDeadUnits: true,
      callbacks: { onEpochEnd: (epoch, logs) => seen.push([epoch, { ...logs }]) },
    });
    assert.deepEqual(seen.map(([epoch]) => epoch), [2, 3, 4, 5, 6]);
    assert.deepEqual(history.epoch, [2, 3, 4, 5, 6]);
    for (const key of ["loss", "accuracy", "val_loss", "val_accuracy"]) assert.deepEqual(seen.map(([, logs]) => logs[key]), history.history[key], key);
    assert.equal(history.gradientSize.length, 5, "the gradient recorder ran every epoch");
    assert.equal(history.deadUnits.length, 5, "the dead-unit recorder ran every epoch");
  });

  it("stopTraining set in a callback ends fit after that epoch, and onTrainEnd gets the last logs", async () => {
    const model = small();
    let endLogs: Logs | undefined;
    const history = await model.fit(X, y, {
      epochs: 50, verbose: 0,
      callbacks: { onEpochEnd: (epoch) => { if (epoch === 3) model.stopTraining = true; }, onTrainEnd: (logs) => (endLogs = logs) },
    });
    assert.equal(history.epoch.length, 4);
    assert.deepEqual(endLogs, history.last());
  });

  it("fit with verbose 0 writes nothing to stdout", async () => {
    const out = await captureStdout(() => small().fit(X, y, { epochs: 20, verbose: 0, recordGradients: true, recordDeadUnits: true }));
    assert.equal(out, "");
  });
});

describe("ProgressLogger", () => {
  const logs = { loss: 0.123456, accuracy: 0.5 };

  it("verbose 2 prints one line per epoch through its print function", () => {
    const lines: string[] = [];
    const progress = new ProgressLogger({ verbose: 2, epochs: 3, print: (text) => lines.push(text) });
    for (let e = 0; e < 3; e++) progress.onEpochEnd(e, logs);
    progress.onTrainEnd();
    assert.deepEqual(lines, [1, 2, 3].map((e) => `Epoch ${e}/3 - loss: 0.1235 - accuracy: 0.5000\n`));
  });

  it("verbose 1 outside a terminal prints about ten lines, always the first and the last epoch", () => {
    const lines: string[] = [];
    const progress = new ProgressLogger({ verbose: 1, epochs: 105, initialEpoch: 5, print: (text) => lines.push(text), tty: false });
    for (let e = 5; e < 105; e++) progress.onEpochEnd(e, logs);
    progress.onTrainEnd();
    const epochs = lines.map((line) => Number(/^Epoch (\d+)\//.exec(line)?.[1]));
    assert.deepEqual(epochs, [6, 15, 25, 35, 45, 55, 65, 75, 85, 95, 105]);
  });

  it("verbose 1 in a terminal redraws one line in place and ends it with the last epoch", () => {
    const out: string[] = [];
    const progress = new ProgressLogger({ verbose: 1, epochs: 4, print: (text) => out.push(text), tty: true });
    for (let e = 0; e < 4; e++) progress.onEpochEnd(e, logs);
    progress.onTrainEnd();
    assert.ok(out[0].startsWith("\rEpoch 1/4 "), out[0]);
    assert.ok(out[out.length - 1].startsWith("\rEpoch 4/4 ") && out[out.length - 1].endsWith("\x1b[K\n"), out[out.length - 1]);
  });

  it("as a callback with verbose 0, it is fit's progress line sent wherever the caller wants", async () => {
    const lines: string[] = [];
    const stdout = await captureStdout(() =>
      small().fit(X, y, { epochs: 3, verbose: 0, callbacks: new ProgressLogger({ verbose: 2, epochs: 3, print: (text) => lines.push(text) }) }),
    );
    assert.equal(stdout, "");
    assert.equal(lines.length, 3);
  });
});

describe("Batches", () => {
  const data = { X: new Matrix(5, 1, Float64Array.from([0, 1, 2, 3, 4])), y: new Matrix(5, 1, Float64Array.from([10, 11, 12, 13, 14])) };
  const epoch = (batches: Batches): number[][] => {
    const out: number[][] = [];
    for (let rows = batches.next(); rows > 0; rows = batches.next()) out.push(Array.from(batches.X.subarray(0, rows)));
    return out;
  };

  it('"use": the last, smaller batch is a step of its own (Keras)', () => {
    const batches = new Batches(data, 2, false);
    batches.startEpoch(null);
    assert.deepEqual(epoch(batches), [[0, 1], [2, 3], [4]]);
    assert.deepEqual(Array.from(batches.y.subarray(0, 1)), [14], "targets follow their rows");
  });

  it('"carry": the partial batch joins the next epoch\'s first batch (Playground)', () => {
    const batches = new Batches(data, 2, true);
    assert.equal(batches.capacity, 3);
    batches.startEpoch(null);
    assert.deepEqual(epoch(batches), [[0, 1], [2, 3]]);
    batches.startEpoch(null);
    assert.deepEqual(epoch(batches), [[4, 0, 1], [2, 3]]);
  });

  it("shuffles the order with the rng it is given, every row once per epoch", () => {
    const batches = new Batches(data, 2, false);
    batches.startEpoch(new Rng(5));
    const rows = epoch(batches).flat();
    assert.deepEqual([...rows].sort(), [0, 1, 2, 3, 4]);
    assert.notDeepEqual(rows, [0, 1, 2, 3, 4]);
  });

  it('"carry" with fewer rows than batchSize is an error that says so', () => {
    assert.throws(() => new Batches(data, 8, true), /fit: partialBatch "carry" needs at least batchSize \(8\) rows, got 5/);
  });
});
