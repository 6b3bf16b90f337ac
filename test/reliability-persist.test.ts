import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { activations, datasets, Dense, loadModel, MODEL_VERSION, Sequential, SGD } from "../lib/index";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-persist-"));
const file = (name: string) => path.join(dir, name);

/** A 2-5-3-1 model with every kind of setting a file must carry. */
function model(): Sequential {
  const m = new Sequential({ seed: 7, name: "saved" });
  m.add(new Dense({ units: 5, activation: activations.leakyRelu({ alpha: 0.2 }), inputDim: 2 }));
  m.add(new Dense({ units: 3, activation: "tanh", useBias: false, biasInitializer: "ones" }));
  m.add(new Dense({ units: 1, activation: "sigmoid" }));
  m.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1, momentum: 0.9 }), metrics: ["accuracy"] });
  return m;
}

describe("model.save and loadModel", () => {
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const data = datasets.circle({ n: 60, seed: 4 });

  it("give identical predictions, and training continues exactly as the saved model's would (momentum and random stream too)", async () => {
    for (const shuffle of [false, true]) {
      const saved = model();
      await saved.fit(data.X, data.y, { epochs: 3, batchSize: 8, verbose: 0, shuffle });
      saved.save(file("model.json"));
      const loaded = loadModel(file("model.json"));
      assert.deepEqual(loaded.predict(data.X), saved.predict(data.X));
      assert.equal(loaded.name, "saved");
      assert.equal(loaded.layers[0].activation.name, "leakyRelu(0.2)");
      assert.equal(loaded.layers[1].useBias, false);
      for (const m of [saved, loaded]) await m.fit(data.X, data.y, { epochs: 6, initialEpoch: 3, batchSize: 8, verbose: 0, shuffle });
      assert.deepEqual(loaded.getWeights(), saved.getWeights(), `shuffle ${shuffle}`);
    }
    // Without shuffling, two fits are one fit, so the loaded model also continues an uninterrupted run exactly.
    const uninterrupted = model();
    await uninterrupted.fit(data.X, data.y, { epochs: 6, batchSize: 8, verbose: 0, shuffle: false });
    const first = model();
    await first.fit(data.X, data.y, { epochs: 3, batchSize: 8, verbose: 0, shuffle: false });
    first.save(file("model.json"));
    const loaded = loadModel(file("model.json"));
    await loaded.fit(data.X, data.y, { epochs: 6, initialEpoch: 3, batchSize: 8, verbose: 0, shuffle: false });
    assert.deepEqual(loaded.getWeights(), uninterrupted.getWeights());
  });

  it("writes a documented, versioned JSON file", () => {
    const m = model();
    m.save(file("plain.json"));
    const json = JSON.parse(fs.readFileSync(file("plain.json"), "utf8"));
    assert.equal(json.format, "beanlab-model");
    assert.equal(json.version, MODEL_VERSION);
    assert.deepEqual(json.layers.map((l: { activation: unknown }) => l.activation), [{ name: "leakyRelu", alpha: 0.2 }, "tanh", "sigmoid"]);
    assert.deepEqual(json.layers.map((l: { kernelInitializer: string }) => l.kernelInitializer), ["glorotUniform", "glorotUniform", "glorotUniform"]);
    assert.ok(json.compile.optimizer.velocities.every((v: number[] | null) => v === null || v.every((x) => x === 0)), "no step yet: no velocity");
    assert.ok(fs.readFileSync(path.resolve(__dirname, "..", "docs", "MODEL-FORMAT.md"), "utf8").includes(`"version": ${MODEL_VERSION}`));
  });

  it("refuse a malformed file, a future version, a missing file and a missing folder, saying what is wrong", () => {
    const m = model();
    m.save(file("good.json"));
    const good = JSON.parse(fs.readFileSync(file("good.json"), "utf8"));
    const cases: [string, string, RegExp][] = [
      ["truncated.json", fs.readFileSync(file("good.json"), "utf8").slice(0, 100), /^loadModel: .*truncated\.json is not JSON .*expected a file written by model\.save/],
      ["future.json", JSON.stringify({ ...good, version: MODEL_VERSION + 1 }), /has format version 2, newer than this beanlab reads \(1\); update beanlab/],
      ["other.json", JSON.stringify({ layers: [] }), /is not a beanlab model: expected "format": "beanlab-model"/],
      ["kernel.json", JSON.stringify({ ...good, layers: [{ ...good.layers[0], kernel: [[1, 2]] }, ...good.layers.slice(1)] }), /is malformed: layers\[0\]\.kernel must be 2 rows of 5 numbers/],
      ["activation.json", JSON.stringify({ ...good, layers: [{ ...good.layers[0], activation: "swish" }, ...good.layers.slice(1)] }), /layers\[0\]\.activation: unknown activation "swish"/],
    ];
    for (const [name, text, message] of cases) {
      fs.writeFileSync(file(name), text);
      assert.throws(() => loadModel(file(name)), (err: Error) => message.test(err.message) || assert.fail(err.message));
    }
    assert.throws(() => loadModel(file("nope.json")), /^Error: loadModel: .*nope\.json does not exist$/);
    assert.throws(() => m.save(path.join(dir, "no", "such", "folder", "m.json")), /^Error: save: cannot write .*m\.json: the folder .*folder does not exist; create it first$/);
    assert.throws(() => new Sequential().save(file("empty.json")), /^Error: save: the model has no layers/);
  });
});
