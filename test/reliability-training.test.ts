import { strict as assert } from "assert";
import { fails } from "./helpers";
import { datasets, Dense, DivergedError, Sequential, SGD } from "../lib/index";


/** A 2-4-1 model with this output activation and loss. */
function model(output: "sigmoid" | "tanh", loss: "mse" | "binaryCrossentropy", learningRate = 0.1): Sequential {
  const m = new Sequential({ seed: 3 });
  m.add(new Dense({ units: 4, activation: "tanh", inputDim: 2 }));
  m.add(new Dense({ units: 1, activation: output }));
  m.compile({ loss, optimizer: new SGD({ learningRate }) });
  return m;
}

/** Runs `fn`, collecting what it writes through console.warn. */
async function warnings(fn: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void seen.push(args.join(" "));
  try {
    await fn();
  } finally {
    console.warn = warn;
  }
  return seen;
}

const X = [[0, 1], [1, 0], [1, 1], [0, 0]];

describe("training inputs that would train on nonsense get a clear error or warning", () => {
  it("binaryCrossentropy on labels -1/+1 says how to map them, in fit and evaluate", async () => {
    const m = model("sigmoid", "binaryCrossentropy");
    await fails(() => m.fit(X, [1, -1, 1, -1], { verbose: 0 }), /^fit: binaryCrossentropy needs labels 0 or 1/, /y holds -1; labels -1\/\+1 become 0\/1 with \(y \+ 1\) \/ 2/);
    await fails(() => m.evaluate(X, [2, 0, 1, 0]), /^evaluate: binaryCrossentropy needs labels 0 or 1/, /or use loss "mse"/);
  });

  it("binaryCrossentropy on a tanh output says to use a sigmoid or mse", async () => {
    await fails(() => model("tanh", "binaryCrossentropy").fit(X, [1, 0, 1, 0], { verbose: 0 }), /^fit: binaryCrossentropy needs outputs that are probabilities in \[0, 1\]/, /\[-1, 1\]; use activation "sigmoid" on the last layer/);
    await model("tanh", "mse").fit(X, [1, -1, 1, -1], { verbose: 0 });
  });

  it("a learning rate that saturates the sigmoid output is reported once per fit; a healthy fit is quiet", async () => {
    const data = datasets.circle({ n: 100, seed: 2 });
    const saturated = await warnings(() => model("sigmoid", "mse", 1e6).fit(data.X, data.y, { epochs: 20, verbose: 0 }));
    assert.equal(saturated.length, 1, saturated.join("\n"));
    assert.match(saturated[0], /^fit: warning: the loss stayed at .* every output unit \(sigmoid\) is saturated on every training row/);
    assert.match(saturated[0], /the learning rate \(1000000\) is probably too high; try 10000/);
    assert.deepEqual(await warnings(() => model("sigmoid", "mse", 0.1).fit(data.X, data.y, { epochs: 20, verbose: 0 })), []);
  });

  it("a validationSplit that holds one class only (rows sorted by class) is a warning, once", async () => {
    const beans = datasets.beans({});
    const seen = await warnings(() => model("sigmoid", "mse").fit(beans.X, beans.y, { epochs: 3, validationSplit: 0.2, verbose: 0 }));
    assert.deepEqual(seen, ["fit: warning: the validation split (the last rows, taken before any shuffling) holds only the label 0; the rows look sorted by class. Shuffle them first (datasets.shuffleDataset(data, seed)) or pass validationData."]);
    const mixed = datasets.shuffleDataset(beans, 1);
    assert.deepEqual(await warnings(() => model("sigmoid", "mse").fit(mixed.X, mixed.y, { epochs: 3, validationSplit: 0.2, verbose: 0 })), []);
  });

  it("one layer added to two models is refused", () => {
    const shared = new Dense({ units: 2, inputDim: 2 });
    new Sequential({ name: "first" }).add(shared);
    assert.throws(() => new Sequential().add(shared), /^Error: add: this layer already belongs to the model "first"; .* create a new Dense/);
  });

  it("rows given as Float32Array or Float64Array are accepted; a flat typed array is explained", async () => {
    const m = model("sigmoid", "mse");
    const typed = X.map((row, i) => (i % 2 ? Float32Array.from(row) : Float64Array.from(row)));
    assert.deepEqual(m.predict(typed), m.predict(X));
    await m.fit(typed, Float64Array.from([1, 0, 1, 0]), { verbose: 0 });
    await fails(() => m.predict(Float64Array.from([0, 1]) as never), /^predict: X must be an array of rows \[n, d\].*got a Float64Array; a flat Float64Array is one row's worth/);
    await fails(() => m.predict([new Map()] as never), /^predict: X must be an array of rows \[n, d\], but row 0 is a Map/);
  });

  it("a seed of the wrong type is refused where it is given", () => {
    for (const seed of [null, {}, NaN, [1], true])
      assert.throws(() => new Sequential({ seed: seed as never }), /^Error: Sequential: seed must be a finite number, a string or an Rng, got /);
  });

  it("divergence on huge inputs blames their scale before the learning rate", async () => {
    const m = new Sequential({ seed: 1 });
    m.add(new Dense({ units: 1, inputDim: 1 }));
    m.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.01 }) });
    const big = [[1e5], [2e5], [3e5]];
    let error: unknown;
    const seen = await warnings(async () => {
      try {
        await m.fit(big, [1, 2, 3], { epochs: 50, verbose: 0 });
      } catch (err) {
        error = err;
      }
    });
    assert.deepEqual(seen, ["fit: warning: the inputs reach |x| = 3.00e+5, far outside the scale the weights start at (about 1): units saturate and steps are huge. Scale each feature to about [-1, 1] (subtract its mean, divide by its standard deviation)."]);
    assert.ok(error instanceof DivergedError, String(error));
    assert.match(error.message, /The inputs are large \(the largest \|value\| in X is 3\.00e\+5\).*scale each feature to about \[-1, 1\]/s);
    assert.ok(error.history.epoch.length >= 0);
  });
});
