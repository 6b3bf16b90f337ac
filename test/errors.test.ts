import { strict as assert } from "assert";
import { fails } from "./helpers";
import { activations, Dense, initializers, Sequential, SGD } from "../lib/index";

/** A compiled 2-4-1 model. */
function model(): Sequential {
  const m = new Sequential();
  m.add(new Dense({ units: 4, activation: "relu", inputDim: 2 }));
  m.add(new Dense({ units: 1, activation: "sigmoid" }));
  m.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
  return m;
}

const X = [[0, 1], [1, 0], [1, 1]];
const y = [1, 1, 0];


describe("bad input gets a clear error", () => {
  it("X with the wrong number of features, in fit, evaluate and predict", async () => {
    const wide = [[1, 2, 3]];
    await fails(() => model().fit(wide, [1]), /^fit: X has 3 features per row, but the first layer expects 2 \(inputDim\)$/);
    await fails(() => model().evaluate(wide, [1]), /^evaluate: X has 3 features/);
    await fails(() => model().predict(wide), /^predict: X has 3 features/);
  });

  it("X and y of different lengths", async () => {
    await fails(() => model().fit(X, [1, 0]), /fit: X has 3 rows but y has 2 labels; expected one label per row/);
  });

  it("y with more values per row than the last layer has units", async () => {
    await fails(() => model().fit(X, [[1, 0], [0, 1], [1, 1]]), /fit: y has 2 values per row, but the last layer has 1 unit/);
  });

  it("rows of different lengths, and a flat X", async () => {
    await fails(() => model().fit([[1, 2], [3]], [1, 0]), /fit: X row 1 has 1 values, expected 2 like row 0/);
    await fails(() => model().predict([1, 2] as unknown as number[][]), /predict: X must be an array of rows \[n, d\].*\[\[x0\], \[x1\], \.\.\.\]/);
  });

  it("empty data", async () => {
    await fails(() => model().fit([], []), /fit: X is empty; expected at least one row/);
    await fails(() => model().fit(X, []), /fit: y is empty; expected one label per row of X/);
    await fails(() => model().predict([[]]), /predict: X rows are empty/);
  });

  it("NaN or Infinity in X or y, with the position", async () => {
    await fails(() => model().fit([[0, 1], [NaN, 0]], [1, 0]), /fit: X\[1\]\[0\] is NaN; expected a finite number/);
    await fails(() => model().fit(X, [1, Infinity, 0]), /fit: y\[1\] is Infinity; expected a finite number/);
    await fails(() => model().predict([[0, "1" as unknown as number]]), /predict: X\[0\]\[1\] is "1"; expected a finite number/);
  });

  it("setWeights with the wrong count or shapes", () => {
    const m = model();
    assert.throws(() => m.setWeights([]), /setWeights: expected 4 arrays with shapes \[2, 4\], \[4\], \[4, 1\], \[1\], got an array of length 0/);
    const ws = m.getWeights();
    assert.throws(() => m.setWeights([ws[0], ws[1], ws[2], [1, 2]]), /setWeights: weights\[3\] should have shape \[1\], got \[2\]/);
    assert.throws(() => m.setWeights([[[1, 2, 3, 4]], ws[1], ws[2], ws[3]]), /setWeights: weights\[0\] should have shape \[2, 4\], got \[1, 4\]/);
    assert.throws(() => m.setWeights([ws[0], [[1, 2, 3, 4]], ws[2], ws[3]]), /weights\[1\] should have shape \[4\], got an array of length 1/);
    assert.throws(() => m.setWeights([ws[0], [0, 0, NaN, 0], ws[2], ws[3]]), /weights\[1\]: values\[2\] is NaN/);
  });

  it("unknown activation, loss, initializer, metric and optimizer names list the valid ones", () => {
    assert.throws(() => new Dense({ units: 2, activation: "softmax" as "relu" }), /Dense: unknown activation "softmax"; expected one of "sigmoid", "tanh", "relu", "leakyRelu", "leaky_relu", "linear"/);
    assert.throws(() => new Dense({ units: 2, activation: "toString" as "relu" }), /unknown activation "toString"/);
    assert.throws(() => new Dense({ units: 2, kernelInitializer: "he" as "zeros" }), /Dense kernelInitializer: unknown initializer "he"; expected one of "glorotUniform"/);
    const m = new Sequential();
    m.add(new Dense({ units: 1, inputDim: 2 }));
    assert.throws(() => m.compile({ loss: "hinge" as "mse", optimizer: "sgd" }), /compile: unknown loss "hinge"; expected one of "mse", "meanSquaredError"/);
    assert.throws(() => m.compile({ loss: "mse", optimizer: "adam" as "sgd" }), /compile: unknown optimizer "adam"; expected one of "sgd", or new SGD/);
    assert.throws(() => m.compile({ loss: "mse", optimizer: "sgd", metrics: ["auc" as "accuracy"] }), /compile: unknown metric "auc"; expected one of "accuracy"/);
  });

  it("units, epochs and batchSize must be positive integers", async () => {
    assert.throws(() => new Dense({ units: 0 }), /Dense: units must be an integer >= 1, got 0/);
    assert.throws(() => new Dense({ units: 2.5 }), /Dense: units must be an integer >= 1, got 2.5/);
    assert.throws(() => new Dense({ units: 2, inputDim: -1 }), /Dense: inputDim must be an integer >= 1, got -1/);
    await fails(() => model().fit(X, y, { epochs: 0 }), /fit: epochs must be an integer >= 1, got 0/);
    await fails(() => model().fit(X, y, { epochs: 1.5 }), /fit: epochs must be an integer >= 1, got 1.5/);
    await fails(() => model().fit(X, y, { batchSize: -3 }), /fit: batchSize must be an integer >= 1, got -3/);
    await fails(() => model().fit(X, y, { epochs: 2, initialEpoch: 2 }), /fit: initialEpoch \(2\) must be smaller than epochs \(2\)/);
  });

  it("a learning rate that is not a positive number", () => {
    assert.throws(() => new SGD({ learningRate: 0 }), /SGD: learningRate must be a number > 0 \(e.g. 0.05\), got 0/);
    assert.throws(() => new SGD({ learningRate: -0.1 }), /got -0.1/);
    assert.throws(() => new SGD({ learningRate: NaN }), /got NaN/);
    assert.throws(() => new SGD({ lr: 0.05 } as never), /SGD: unknown option "lr"; valid options are learningRate, momentum, nesterov/);
  });

  it("fit, evaluate and computeGradients before compile", async () => {
    const m = new Sequential();
    m.add(new Dense({ units: 1, inputDim: 2 }));
    await fails(() => m.fit(X, y), /fit: the model is not compiled; call model.compile\(/);
    await fails(() => m.evaluate(X, y), /evaluate: the model is not compiled/);
    await fails(() => m.computeGradients(X, y), /computeGradients: the model is not compiled/);
  });

  it("predict and getWeights before the input size is known; fit builds the network", async () => {
    const m = new Sequential();
    m.add(new Dense({ units: 3 }));
    m.add(new Dense({ units: 1 }));
    await fails(() => m.predict(X), /predict: the input size is not known yet; give the first layer inputDim \(e.g. new Dense\(\{ units: 8, inputDim: 2 \}\)\) or call fit first/);
    await fails(() => m.getWeights(), /getWeights: the weights do not exist yet/);
    m.compile({ loss: "mse", optimizer: "sgd" });
    await m.fit(X, y, { verbose: 0 });
    assert.equal(m.predict(X).length, 3);
    assert.equal(m.countParams(), 2 * 3 + 3 + 3 + 1);
  });

  it("an empty model", async () => {
    await fails(() => new Sequential().predict(X), /predict: the model has no layers; add one with model.add/);
    await fails(() => new Sequential().summary(), /summary: the model has no layers/);
  });

  it("accuracy on labels that are not 0/1, pointing to signAccuracy for ±1", async () => {
    await fails(() => model().fit(X, [1, -1, 1]), /fit: the "accuracy" metric needs labels 0 or 1, but label 1 is -1; for Playground's ±1 labels use metrics: \["signAccuracy"\]/);
    await fails(() => model().evaluate(X, [1, 0.5, 1]), /evaluate: the "accuracy" metric needs labels 0 or 1, but label 1 is 0.5$/);
  });

  it("unknown options, so a typo is never ignored", async () => {
    await fails(() => model().fit(X, y, { epoch: 5 } as never), /fit: unknown option "epoch"; valid options are epochs, batchSize/);
    assert.throws(() => new Dense({ units: 2, input_dim: 2 } as never), /Dense: unknown option "input_dim"; valid options are units, activation, inputDim/);
    assert.throws(() => new Sequential({ sed: 1 } as never), /Sequential: unknown option "sed"/);
    await fails(() => model().fit(X, y, { callbacks: { onEpochEnds() {} } as never }), /fit callbacks: unknown option "onEpochEnds"/);
  });

  it("inconsistent layers and bad fit options", async () => {
    const m = new Sequential();
    m.add(new Dense({ units: 4, inputDim: 2 }));
    assert.throws(() => m.add(new Dense({ units: 1, inputDim: 3 })), /add: layer has inputDim 3 but the previous layer has 4 units/);
    assert.throws(() => m.add({ units: 3 } as never), /add: expected a layer such as new Dense/);
    await fails(() => model().fit(X, y, { validationSplit: 1.5 }), /fit: validationSplit must be a fraction between 0 and 1 \(e.g. 0.2\), got 1.5/);
    await fails(() => model().fit(X, y, { validationSplit: 0.9 }), /fit: validationSplit 0.9 of 3 rows leaves no training rows/);
    await fails(() => model().fit(X, y, { validationData: [[[1, 2]], [1, 0]] }), /fit: validationData X has 1 rows but validationData y has 2 labels/);
    await fails(() => model().fit(X, y, { verbose: 3 as 1 }), /fit: verbose must be 0, 1 or 2, got 3/);
    await fails(() => model().fit(X, y, { yieldEvery: "sometimes" as "auto" }), /fit: yieldEvery must be "auto", "epoch", "never" or a number of milliseconds/);
  });

  it("activation and initializer arguments", () => {
    assert.throws(() => activations.leakyRelu({ alpha: -1 }), /leakyRelu: alpha must be a number in \[0, 1\), got -1/);
    assert.throws(() => initializers.constant(NaN), /constant: value must be a finite number, got NaN/);
    assert.throws(() => initializers.randomUniform(1, 0), /randomUniform: expected finite minval < maxval/);
  });
});
