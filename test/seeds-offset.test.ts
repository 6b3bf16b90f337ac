import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { claim, exercise, passProbability, Rng, safeThreshold, sweep } from "../lib/index";
import { seedOffset, setSeedOffset, shiftSeed } from "../lib/engine/rng";
import { recordChecks, stopRecordingChecks } from "../lib/notebook/lesson";
import { main } from "../scripts/lessons";
import { formatNotebook } from "../scripts/notebook";
import { assertClose } from "./helpers";

/** What console.log printed while `body` ran. */
function printed(body: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.join(" "));
  try {
    body();
  } finally {
    console.log = log;
  }
  return lines.join("\n");
}

describe("seed offset", () => {
  afterEach(() => setSeedOffset(0));

  it("shifts numeric seeds by N, integer strings as numbers, other strings by a suffix, and nothing at offset 0", () => {
    assert.equal(shiftSeed(7, 1000), 1007);
    assert.equal(shiftSeed("7", 1000), "1007");
    assert.equal(shiftSeed("-3", 1), "-2");
    assert.equal(shiftSeed("spiral", 1000), "spiral+1000");
    for (const seed of [7, "7", "spiral"]) assert.equal(shiftSeed(seed, 0), seed);
  });

  it("applies to every Rng made while it is set, and with offset 0 gives the very same streams", () => {
    const draws = (seed: number | string) => Array.from({ length: 5 }, ((rng) => () => rng.next())(new Rng(seed)));
    const before = [draws(7), draws("7"), draws("spiral")];
    setSeedOffset(1000);
    assert.equal(seedOffset(), 1000);
    const shifted = [draws(7), draws("7"), draws("spiral")];
    assert.equal(new Rng(7).seed, 1007);
    setSeedOffset(0);
    assert.deepEqual([draws(1007), draws("1007"), draws("spiral+1000")], shifted);
    assert.deepEqual([draws(7), draws("7"), draws("spiral")], before);
    assert.throws(() => setSeedOffset(1.5), /setSeedOffset: the offset must be an integer, got 1.5/);
  });

  it("reaches a sweep's trial in this thread", async () => {
    setSeedOffset(5);
    assert.deepEqual(await sweep(2, (seed) => new Rng(seed).seed), [6, 7]);
  });
});

describe("claims and exercise checks while checks are recorded", () => {
  afterEach(() => stopRecordingChecks());

  it("a failing claim prints ✗ with its evidence and goes on, and exercise verdicts are recorded", () => {
    const records = recordChecks();
    const out = printed(() => {
      claim("a holds", true, "1 of 1");
      claim("b holds", false, "0 of 1");
      exercise("Exercise 1", 3, (a) => (a === 3 ? true : "expected 3"));
      exercise("Exercise 2", 4, (a) => (a === 3 ? true : "expected 3"));
      exercise<number>("Exercise 3", undefined, () => true);
    });
    assert.equal(out, ["✓ a holds (1 of 1)", "✗ b holds (measured: 0 of 1)", "✓ Exercise 1: right", "✗ Exercise 2: not yet. expected 3", "· Exercise 3: not attempted yet"].join("\n"));
    assert.deepEqual(records.map((r) => [r.kind, r.name, r.passed]), [
      ["claim", "a holds", true],
      ["claim", "b holds", false],
      ["exercise", "Exercise 1", true],
      ["exercise", "Exercise 2", false],
      ["exercise", "Exercise 3", undefined],
    ]);
  });

  it("without recording, a failing claim stops the notebook as before", () => {
    assert.throws(() => claim("b holds", false, "0 of 1"), /The lesson's claim no longer holds: b holds \(measured: 0 of 1\)/);
  });
});

describe("npm run lessons -- --seed-offset N", function () {
  this.timeout(60000);
  let dir: string;
  let file: string;
  // Seed 7's first draw is 0.501 (0.161 at offset 5, 0.788 at 1000); seed "7"'s is 0.279 (0.225 at 5, 0.703 at 1000).
  const sources = [
    `import { claim, exercise, Rng } from "beanlab";`,
    `const draw = new Rng(7).next();\nclaim("seed 7's first draw is above one half", draw > 0.5, \`drew \${draw.toFixed(3)}\`);`,
    `const page = new Rng("7").next();\nclaim("the page seed's first draw is below one half", page < 0.5, \`drew \${page.toFixed(3)}\`);`,
    `exercise("Exercise 1", 0.501, (a) => (Math.abs(a - new Rng(7).next()) < 0.01 ? true : "that is not seed 7's first draw"));\nexercise<number>("Exercise 2", undefined, () => true);`,
  ];

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "seed-offset-"));
    fs.symlinkSync(path.resolve(__dirname, "..", "node_modules"), path.join(dir, "node_modules"), "dir");
    file = path.join(dir, "claims.ipynb");
    const cells = sources.map((source, i) => ({ cell_type: "code" as const, id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null }));
    fs.writeFileSync(file, formatNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function lessons(args: string[]): Promise<{ code: number; out: string }> {
    let out = "";
    const code = await main(args, { write: (text) => void (out += text), isTTY: false });
    return { code, out };
  }

  it("passes at offset 0, where every claim holds, and writes nothing", async () => {
    const saved = fs.readFileSync(file);
    const { code, out } = await lessons(["--seed-offset", "0", file]);
    assert.equal(code, 0, out);
    assert.ok(out.includes("  ✓ seed 7's first draw is above one half (drew 0.501)\n"), out);
    assert.ok(out.includes("  ✓ Exercise 1: right\n  · Exercise 2: not attempted yet\n"), out);
    assert.ok(out.includes("  ok: 2 of 2 claims hold, 0 of 2 exercise checks wrong\n"), out);
    assert.ok(out.endsWith("seed offset 0: 2 of 2 claims hold, 0 exercise checks wrong.\n1 notebook ok.\n"), out);
    assert.ok(fs.readFileSync(file).equals(saved), "nothing is written");
  });

  it("reports every claim that fails on shifted seeds, numeric and Playground's, and a wrong exercise check, and fails", async () => {
    const five = await lessons(["--seed-offset", "5", file]);
    assert.equal(five.code, 1, five.out);
    assert.ok(five.out.includes("  ✗ seed 7's first draw is above one half (measured: drew 0.161)\n"), five.out);
    assert.ok(five.out.includes("  ✓ the page seed's first draw is below one half (drew 0.225)\n"), five.out);
    assert.ok(five.out.includes("  ✗ Exercise 1: not yet. that is not seed 7's first draw\n"), five.out);
    assert.ok(five.out.includes("  not ok: 1 of 2 claims hold, 1 of 2 exercise checks wrong\n"), five.out);
    assert.match(five.out, /1 of 1 notebooks not ok: .*claims\.ipynb\.\n$/);

    const thousand = await lessons(["--seed-offset", "1000", file]);
    assert.equal(thousand.code, 1, thousand.out);
    assert.ok(thousand.out.includes("  ✓ seed 7's first draw is above one half (drew 0.788)\n"), thousand.out);
    assert.ok(thousand.out.includes("  ✗ the page seed's first draw is below one half (measured: drew 0.703)\n"), thousand.out);
    assert.equal(seedOffset(), 0, "the offset is gone after the run");
  });

  it("a normal run afterwards is what it was: the notebook runs and its claims hold", async () => {
    const { code, out } = await lessons(["--check", file]);
    assert.equal(code, 1, "the fixture has no saved outputs, so it is stale");
    assert.ok(out.includes("claims.ipynb is stale"), out);
    assert.ok(!out.includes("failed"), out);
  });

  it("names a notebook that fails to run, and refuses an offset that is not a whole number", async () => {
    const broken = path.join(dir, "broken.ipynb");
    const cells = [{ cell_type: "code" as const, id: "c0", source: `throw new Error("the data file is missing")`, metadata: {}, outputs: [], execution_count: null }];
    fs.writeFileSync(broken, formatNotebook({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells }));
    const failed = await lessons(["--seed-offset", "3", broken]);
    assert.equal(failed.code, 1, failed.out);
    assert.ok(failed.out.includes("  ✗ cell 1 failed, the rest did not run: Error: the data file is missing\n"), failed.out);
    const bad = await lessons(["--seed-offset", "1e3", file]);
    assert.equal(bad.code, 2);
    assert.match(bad.out, /^--seed-offset takes a whole number, such as --seed-offset 1000, got "1e3"\nusage: npm run lessons/);
  });
});

/** P(X >= t) for X ~ Binomial(n, p), by the textbook sum with exact binomial coefficients. */
function binomialTail(t: number, p: number, n: number): number {
  let choose = 1;
  let total = 0;
  for (let k = 0; k <= n; k++) {
    if (k >= t) total += choose * p ** k * (1 - p) ** (n - k);
    choose = (choose * (n - k)) / (k + 1);
  }
  return total;
}

describe("passProbability and safeThreshold", () => {
  it("match closed-form binomial tails", () => {
    assertClose(passProbability(20, 0.95, 20), 0.95 ** 20);
    assertClose(passProbability(19, 0.95, 20), 0.95 ** 20 + 20 * 0.95 ** 19 * 0.05);
    assertClose(passProbability(1, 0.3, 10), 1 - 0.7 ** 10);
    assertClose(passProbability(2, 0.5, 4), 11 / 16);
    for (const [t, p, n] of [[45, 0.9, 50], [16, 0.95, 20], [30, 0.75, 50], [3, 0.1, 30]]) assertClose(passProbability(t, p, n), binomialTail(t, p, n), 1e-12, `t ${t}, p ${p}, n ${n}`);
    assert.equal(passProbability(0, 0.2, 5), 1);
    assert.equal(passProbability(6, 0.9, 5), 0);
    assert.equal(passProbability(5, 1, 5), 1);
    assert.equal(passProbability(1, 0, 5), 0);
    assertClose(passProbability(990, 0.999, 1000), binomialTail(990, 0.999, 1000), 1e-9, "large n");
  });

  it("safeThreshold is the largest threshold that passes with the asked probability", () => {
    assert.equal(safeThreshold(0.5, 2, 0.75), 1);
    assert.equal(safeThreshold(1, 50), 50);
    assert.equal(safeThreshold(0, 50), 0);
    for (const [p, n] of [[0.95, 20], [0.9, 50], [0.5, 50], [0.99, 200]]) {
      const t = safeThreshold(p, n, 0.99);
      assert.ok(binomialTail(t, p, n) >= 0.99, `${t} of ${n} at ${p}`);
      assert.ok(t === n || binomialTail(t + 1, p, n) < 0.99, `${t + 1} of ${n} at ${p} is not safe`);
    }
    assert.equal(safeThreshold(0.95, 20), 16);
  });

  it("refuse a rate, a count or a threshold that is not one", () => {
    assert.throws(() => passProbability(3, 1.2, 10), /passProbability: rate must be a success rate from 0 to 1, got 1.2/);
    assert.throws(() => passProbability(3, 0.5, 0), /passProbability: n must be a whole number of seeds >= 1/);
    assert.throws(() => passProbability(2.5, 0.5, 10), /passProbability: threshold must be a whole number of successes/);
    assert.throws(() => safeThreshold(0.5, 10, 1), /safeThreshold: confidence must be a probability between 0 and 1/);
  });
});
