import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { execFileSync } from "child_process";
import * as beanlab from "../lib/index";
import { startWorkers, workersRunning } from "../lib/experiments/pool";
import { setSeedOffset } from "../lib/engine/rng";
import { main } from "../scripts/lessons";
import { formatNotebook } from "../scripts/notebook";

const { sweep } = beanlab;

/**
 * A function as tslab compiles a notebook cell: imported names and names from other cells are
 * reached through `exports`, here beanlab's exports plus `notebook`.
 */
function fromNotebook<F>(source: string, notebook: Record<string, unknown> = {}): F {
  return new Function("exports", `return (${source});`)({ ...beanlab, ...notebook }) as F;
}

/** A real training run, written as a lesson's cell: data and model from the seed, EPOCHS from another cell. */
const TRAIN = `async (seed) => {
  const { train, test } = exports.datasets.field("circle", { seed, n: 60 });
  const { model, fitOptions } = exports.keras.network({ hidden: [3], activation: "tanh", learningRate: 0.1, batchSize: 10, seed });
  const history = await model.fit(train.X, train.y, { ...fitOptions, epochs: exports.EPOCHS, verbose: 0, validationData: test });
  return { best: history.best("val_accuracy"), loss: history.at("loss", exports.EPOCHS - 1) };
}`;

/** Runs `body` with BEANLAB_WORKERS set to `workers`. */
async function withWorkers<T>(workers: number, body: () => Promise<T>): Promise<T> {
  const before = process.env.BEANLAB_WORKERS;
  process.env.BEANLAB_WORKERS = String(workers);
  try {
    return await body();
  } finally {
    if (before === undefined) delete process.env.BEANLAB_WORKERS;
    else process.env.BEANLAB_WORKERS = before;
  }
}

/** What `body` resolves to, or its error's message, for each worker count. */
async function byWorkers(counts: number[], body: () => Promise<unknown>): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  for (const n of counts) outcomes.push(await withWorkers(n, () => body().catch((error: Error) => `error: ${error.message}`)));
  return outcomes;
}

describe("sweep on worker threads", function () {
  this.timeout(120000);

  it("gives identical results for 1, 2 and 3 workers on a real training trial", async () => {
    const trial = fromNotebook<(seed: number) => Promise<unknown>>(TRAIN, { EPOCHS: 8 });
    const [one, two, three] = await byWorkers([1, 2, 3], () => sweep(7, trial, { EPOCHS: 8 }));
    assert.equal(typeof one, "object", String(one));
    assert.deepEqual(two, one);
    assert.deepEqual(three, one);
    const byHand: unknown[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7]) byHand.push(await trial(seed));
    assert.deepEqual(byHand, one, "the same as running each seed by hand");
  });

  it("runs on workers when there are several, in this thread with BEANLAB_WORKERS=1", async () => {
    const marker = Symbol.for("beanlab.test.mainThread");
    (globalThis as Record<symbol, unknown>)[marker] = true;
    const trial = (seed: number) => ({ seed, here: (globalThis as Record<symbol, unknown>)[Symbol.for("beanlab.test.mainThread")] === true });
    const [one, two] = await byWorkers([1, 2], () => sweep(4, trial, {}));
    assert.deepEqual(one, [1, 2, 3, 4].map((seed) => ({ seed, here: true })));
    assert.deepEqual(two, [1, 2, 3, 4].map((seed) => ({ seed, here: false })));
    assert.deepEqual(await withWorkers(2, () => sweep(4, trial)), one, "without a context, in this thread");
  });

  it("gives context functions the scope of the trial: beanlab, the context's data and the other functions", async () => {
    const helper = fromNotebook<Function>(`function helper(seed) { return exports.scale(new exports.Rng(seed).next()); }`);
    const scale = fromNotebook<Function>(`function scale(x) { return Math.round(x * exports.FACTOR); }`);
    const method = { twice(x: number) { return 2 * x; } }.twice;
    const trial = fromNotebook<(seed: number) => number>(`(seed) => exports.twice(exports.helper(seed))`);
    const context = { helper: helper, scale: scale, FACTOR: 1000, twice: method };
    const [one, two] = await byWorkers([1, 2], () => sweep(5, trial, context));
    assert.deepEqual(one, [1, 2, 3, 4, 5].map((seed) => 2 * Math.round(new beanlab.Rng(seed).next() * 1000)));
    assert.deepEqual(two, one);
  });

  it("runs a program's trial that passes beanlab itself in the context", async () => {
    const trial = async (seed: number) => {
      const { train } = beanlab.datasets.field("circle", { seed, n: 40 });
      return train.X.length;
    };
    const [one, two] = await byWorkers([1, 2], () => sweep(3, trial, { beanlab: beanlab }));
    assert.deepEqual(one, [20, 20, 20]);
    assert.deepEqual(two, one);
  });

  it("names what the trial takes from the notebook and shows the fix, whatever the worker count", async () => {
    const trial = fromNotebook<(seed: number) => Promise<unknown>>(TRAIN, { EPOCHS: 8 });
    const outcomes = await byWorkers([1, 2], () => sweep(3, trial, {}));
    const expected = "error: sweep: the trial uses EPOCHS from the notebook; pass it in the context: sweep(seeds, trial, { EPOCHS: EPOCHS })";
    assert.deepEqual(outcomes, [expected, expected]);
    const helper = fromNotebook<Function>(`function helper(seed) { return exports.other(seed) + exports.EPOCHS; }`);
    const viaHelper = fromNotebook<(seed: number) => number>(`(seed) => exports.helper(seed)`);
    await assert.rejects(sweep(3, viaHelper, { helper: helper }), {
      message: "sweep: the trial uses other, EPOCHS from the notebook; pass them in the context: sweep(seeds, trial, { helper: helper, other: other, EPOCHS: EPOCHS })",
    });
  });

  it("runs a trial without a context in this thread, as before workers: it may use any of the notebook's names", async () => {
    const local = { calls: 0 };
    const trial = fromNotebook<(seed: number) => number>(`(seed) => (exports.local.calls++, seed * 10)`, { local });
    const [two] = await byWorkers([2], () => sweep(3, trial));
    assert.deepEqual(two, [10, 20, 30]);
    assert.equal(local.calls, 3);
  });

  it("passes a trial's error on with its message, from the first seed that fails, whatever the worker count", async () => {
    const trial = async (seed: number) => {
      // Seed 4 fails first in time, seed 2 first in seed order.
      await new Promise((resolve) => setTimeout(resolve, seed === 2 ? 300 : 10));
      if (seed === 2 || seed === 4) throw new Error(`loss is NaN at seed ${seed}`);
      return seed;
    };
    const outcomes = await byWorkers([1, 2, 3], () => sweep(6, trial, {}));
    const expected = "error: sweep: the trial failed on seed 2: loss is NaN at seed 2";
    assert.deepEqual(outcomes, [expected, expected, expected]);
    const [again] = await byWorkers([2], () => sweep(4, (seed) => seed + 1, {}));
    assert.deepEqual(again, [2, 3, 4, 5], "the workers serve the next sweep");
  });

  it("refuses, the same way for any worker count, results and context that cannot leave a worker, and names a missing name", async () => {
    const withFunction = fromNotebook<(seed: number) => unknown>(`(seed) => ({ seed, f: () => seed })`);
    const fnResult = await byWorkers([1, 2], () => sweep(2, withFunction, {}));
    assert.equal(fnResult[0], fnResult[1]);
    assert.match(String(fnResult[0]), /^error: sweep: the trial's result on seed 1 cannot be copied out of a worker .*return plain data/);
    const badContext = await byWorkers([1, 2], () => sweep(2, (seed) => seed, { data: { f: () => 1 } }));
    assert.equal(badContext[0], badContext[1]);
    assert.match(String(badContext[0]), /^error: sweep: the context's data cannot be sent to a worker/);
    const plain = await byWorkers([1, 2], () => sweep(2, (seed) => (globalThis as unknown as Record<string, Function>).notDefinedAnywhere(seed), {}));
    assert.equal(plain[0], plain[1]);
    const free = fromNotebook<(seed: number) => number>(`(seed) => seed + LOCAL_CONSTANT`);
    const missing = await byWorkers([1, 2], () => sweep(2, free, {}));
    assert.deepEqual(missing, Array(2).fill("error: sweep: the trial failed on seed 1: LOCAL_CONSTANT is not defined; a trial may use its seed, beanlab's exports and what it is given in the context: sweep(seeds, trial, { LOCAL_CONSTANT: LOCAL_CONSTANT })"));
    await assert.rejects(sweep(2, (seed) => seed, [1] as never), /sweep: context must be an object of the names the trial uses/);
    await withWorkers(0, () => assert.rejects(sweep(2, (seed) => seed, {}), /sweep: BEANLAB_WORKERS must be a whole number >= 1/));
  });

  it("passes the seed offset on to the workers", async () => {
    const trial = fromNotebook<(seed: number) => number>(`(seed) => new exports.Rng(seed).next()`);
    const shifted = [1001, 1002, 1003].map((seed) => new beanlab.Rng(seed).next());
    setSeedOffset(1000);
    try {
      const outcomes = await byWorkers([1, 2], () => sweep(3, trial, {}));
      assert.deepEqual(outcomes, [shifted, shifted]);
    } finally {
      setSeedOffset(0);
    }
  });

  it("passes the language of this thread on to the workers: a trial's tr() follows setLanguage", async () => {
    const trial = fromNotebook<(seed: number) => string>(`(seed) => exports.tr({ en: "seed " + seed, zh: "种子 " + seed })`);
    try {
      beanlab.setLanguage("zh");
      assert.deepEqual(await byWorkers([1, 2], () => sweep(3, trial, {})), Array(2).fill(["种子 1", "种子 2", "种子 3"]));
      beanlab.setLanguage("en");
      assert.deepEqual(await byWorkers([2], () => sweep(3, trial, {})), [["seed 1", "seed 2", "seed 3"]], "the same workers, back in English");
    } finally {
      beanlab.setLanguage(undefined);
    }
  });

  it("starts the workers ahead of the first sweep when asked, reuses them, and starts none with BEANLAB_WORKERS=1", async () => {
    const before = workersRunning();
    await withWorkers(1, async () => startWorkers());
    assert.equal(workersRunning(), before, "BEANLAB_WORKERS=1 starts none");
    await withWorkers(0, async () => startWorkers());
    assert.equal(workersRunning(), before, "a BEANLAB_WORKERS the sweeps refuse starts none, and the sweep says why");
    await withWorkers(3, async () => startWorkers());
    assert.equal(workersRunning(), 3);
    const [runs] = await byWorkers([3], () => sweep(2, (seed) => seed * 2, {}));
    assert.deepEqual(runs, [2, 4]);
    assert.equal(workersRunning(), 3, "a sweep of 2 seeds uses the 3 started workers, not a pool of its own");
  });

  it("starts the workers when a notebook imports beanlab in a kernel, not when a program does", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-kernel-"));
    const count = `require("beanlab/dist/experiments/pool").workersRunning()`;
    try {
      fs.symlinkSync(path.resolve(__dirname, "..", "node_modules"), path.join(dir, "node_modules"), "dir");
      const sources = [`import { sweep } from "beanlab";`, `console.log(\`workers running: \${${count}}\`);`];
      const file = path.join(dir, "warm.ipynb");
      fs.writeFileSync(file, formatNotebook({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
      }));
      let out = "";
      const code = await withWorkers(2, () => main([file], { write: (t) => void (out += t), isTTY: false }));
      assert.equal(code, 0, out);
      assert.match(fs.readFileSync(file, "utf8"), /"workers running: 2\\n"/);
      const program = execFileSync(process.execPath, ["-e", `require("beanlab"); console.log(${count})`], { cwd: dir, env: { ...process.env, BEANLAB_WORKERS: "2" }, encoding: "utf8" });
      assert.equal(program, "0\n");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("gives a notebook's sweep the same outputs with 1 and 2 workers, run by npm run lessons", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sweep-notebook-"));
    try {
      fs.symlinkSync(path.resolve(__dirname, "..", "node_modules"), path.join(dir, "node_modules"), "dir");
      const sources = [
        `import { datasets, keras, sweep, spreadColumns } from "beanlab";`,
        `const EPOCHS = 6;`,
        `async function accuracy(seed: number): Promise<number> {\n  const { train, test } = datasets.field("circle", { seed, n: 60 });\n  const { model, fitOptions } = keras.network({ hidden: [3], activation: "tanh", learningRate: 0.1, batchSize: 10, seed });\n  return (await model.fit(train.X, train.y, { ...fitOptions, epochs: EPOCHS, verbose: 0, validationData: test })).best("val_accuracy");\n}`,
        `const runs = await sweep(6, (seed) => accuracy(seed), { accuracy: accuracy, EPOCHS: EPOCHS });\nconsole.log(runs.map((a) => a.toFixed(3)).join(" "));\nspreadColumns(runs)`,
      ];
      const text = formatNotebook({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
      });
      const outputs: string[] = [];
      for (const workers of [1, 2]) {
        const file = path.join(dir, `sweep-${workers}.ipynb`);
        fs.writeFileSync(file, text);
        let out = "";
        const code = await withWorkers(workers, () => main([file], { write: (t) => void (out += t), isTTY: false }));
        assert.equal(code, 0, out);
        outputs.push(fs.readFileSync(file, "utf8"));
      }
      assert.match(outputs[0], /"text": \[\n\s*"0\.\d{3} 0\.\d{3}/);
      assert.equal(outputs[1], outputs[0]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
