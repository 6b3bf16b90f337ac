import { strict as assert } from "assert";
import * as path from "path";
import { executeCells } from "../scripts/headless-kernel";
import { Cell } from "../scripts/notebook";

/** Runs code cells as the tslab kernel does, from notebooks/; returns what each printed. */
async function runInNotebooks(sources: string[]) {
  const cells: Cell[] = sources.map((source) => ({ cell_type: "code", source, metadata: {}, outputs: [], execution_count: null }));
  return executeCells(cells, path.resolve(__dirname, "../notebooks"), () => {});
}

function printed(cell: Cell): string {
  return (cell.outputs ?? []).map((out) => String(out.text ?? "")).join("");
}

describe("notebooks import the library by its package name (tslab kernel)", function () {
  this.timeout(120000);

  it("the one import line works from notebooks/ and the API runs as written", async () => {
    const run = await runInNotebooks([
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
    ]);
    assert.ok(run.ok, run.ok ? "" : `cell ${run.failure.cell} failed: ${run.failure.stderr}`);
    assert.equal(printed(run.cells[1]), "177\n");
    assert.equal(printed(run.cells[2]), "20\n");
    assert.match(printed(run.cells[3]), /^Sequential "sequential" \(seed 7\): 177 parameters\n {2}input: 2\n {2}dense: Dense\(8, relu/);
  });

  it("a type error in a cell is reported with its diagnostic, so the check above can fail", async () => {
    const run = await runInNotebooks([`import { Sequential } from "beanlab";`, `const wrong: number = "a string";`]);
    assert.equal(run.ok, false);
    assert.ok(!run.ok && run.failure.cell === 2 && /not assignable to type 'number'/.test(run.failure.stderr));
  });
});
