import { strict as assert } from "assert";
import * as path from "path";
import { format } from "util";

/** Runs code cells as the tslab kernel does, from `dir`; returns each cell's success and printed lines. */
async function runCells(dir: string, cells: string[]): Promise<{ ok: boolean; out: string[] }[]> {
  // tslab's own compiler and executor, the pieces its Jupyter kernel is made of.
  const { createConverter } = require("tslab/dist/converter");
  const { createExecutor } = require("tslab/dist/executor");
  const cwd = process.cwd();
  process.chdir(dir);
  const converter = createConverter({ isJS: false, isBrowser: false });
  const convs = { node: converter, browser: converter, close: () => converter.close() };
  let out: string[] = [];
  const print = (...args: unknown[]) => void out.push(format(...args));
  const executor = createExecutor(dir, convs, { log: print, error: print });
  try {
    const results = [];
    for (const cell of cells) {
      out = [];
      results.push({ ok: await executor.execute(cell), out });
    }
    return results;
  } finally {
    executor.close();
    convs.close();
    process.chdir(cwd);
  }
}

describe("notebooks import the library by its package name (tslab kernel)", function () {
  this.timeout(120000);

  it("the one import line works from notebooks/ and the API runs as written", async () => {
    const results = await runCells(path.resolve(__dirname, "../notebooks"), [
      `import { Sequential, Dense, SGD, datasets } from "beanlab";`,
      `const { X, y } = datasets.beans({ n: 100, seed: 1 });
const model = new Sequential({ seed: 7 });
model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
model.add(new Dense({ units: 8, activation: "relu" }));
model.add(new Dense({ units: 8, activation: "relu" }));
model.add(new Dense({ units: 1, activation: "sigmoid" }));
model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }), metrics: ["accuracy"] });
model.countParams()`,
      `const history = await model.fit(X, y, { epochs: 20, batchSize: 10, verbose: 0 });
history.history.loss.length`,
      `model`,
      `const wrong: number = "a string";`,
    ]);
    for (const [i, r] of results.slice(0, 4).entries()) assert.ok(r.ok, `cell ${i} failed: ${r.out.join("\n")}`);
    assert.deepEqual(results[1].out, ["177"]);
    assert.deepEqual(results[2].out, ["20"]);
    assert.match(results[3].out[0], /^Sequential "sequential" \(seed 7\): 177 parameters\n {2}input: 2\n {2}dense: Dense\(8, relu/);
    assert.equal(results[4].ok, false, "a type error in a cell is reported, so the check above can fail");
    assert.match(results[4].out.join("\n"), /not assignable to type 'number'/);
  });
});
