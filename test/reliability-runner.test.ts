import { strict as assert } from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dropOverwrittenText } from "../scripts/headless-kernel";
import { main } from "../scripts/lessons";
import { Notebook, formatNotebook } from "../scripts/notebook";
import { scratchFolders } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const { tempDir, keep, removeAll } = scratchFolders("reliability-");

/** Writes a notebook with these code cells to `dir`/`name`; returns its path. */
function notebookFile(dir: string, name: string, sources: string[]): string {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
  };
  const file = path.join(dir, name);
  fs.writeFileSync(file, formatNotebook(nb));
  return file;
}

/** Runs `npm run lessons -- ...args` in this process; returns the exit code and what it printed. */
async function lessons(args: string[]): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, { write: (text) => void (out += text), isTTY: false });
  return { code, out };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits until `condition` holds, checking every 100 ms; fails after `seconds`. */
async function waitFor(condition: () => boolean, seconds: number, what: string): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (!condition()) {
    if (Date.now() > until) assert.fail(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("reliability of npm run lessons, with real processes", function () {
  this.timeout(120000);

  after(() => {
    removeAll();
  });

  it("--timeout stops a cell that blocks the event loop and one that awaits forever, naming notebook and cell, and leaves the files untouched", async () => {
    const dir = tempDir();
    const spins = notebookFile(dir, "spins.ipynb", ["const n = 1;", "while (true) {}"]);
    const waits = notebookFile(dir, "waits.ipynb", ["await new Promise(() => {});"]);
    const before = [fs.readFileSync(spins), fs.readFileSync(waits)];
    const started = Date.now();
    const { code, out } = await lessons(["--timeout", "2", spins, waits]);
    assert.equal(code, 1, out);
    assert.ok(Date.now() - started < 60000, "the run stopped");
    assert.ok(out.includes("spins.ipynb: cell 2 (code cell 2) was still running after 2 s and was stopped:"), out);
    assert.ok(out.includes("waits.ipynb: cell 1 (code cell 1) was still running after 2 s and was stopped:"), out);
    assert.match(out, /spins\.ipynb +2 +[\d.]+ +timed out: at cell 2 \(code cell 2\)\n/);
    assert.ok(fs.readFileSync(spins).equals(before[0]) && fs.readFileSync(waits).equals(before[1]), "both notebooks are as they were");
  });

  it("refuses a --timeout that is not a positive number of seconds", async () => {
    for (const value of ["0", "soon", "-5"]) {
      const { code, out } = await lessons([`--timeout=${value}`]);
      assert.equal(code, 2, out);
      assert.ok(out.startsWith(`--timeout "${value}": expected a number of seconds above 0`), out);
    }
  });

  it("does not overwrite a notebook that was edited and saved while it ran, and says so", async () => {
    const dir = tempDir();
    const file = notebookFile(dir, "edited.ipynb", ["await new Promise((resolve) => setTimeout(resolve, 4000));", "1 + 1"]);
    const edited = fs.readFileSync(file, "utf8").replace("1 + 1", "2 + 2");
    // The instructor saves while cell 1 sleeps.
    const save = setTimeout(() => fs.writeFileSync(file, edited), 1500);
    const { code, out } = await lessons([file]);
    clearTimeout(save);
    assert.equal(code, 1, out);
    assert.equal(fs.readFileSync(file, "utf8"), edited, "the edit is kept");
    assert.ok(out.includes("edited.ipynb was changed on disk while it ran"), out);
    assert.match(out, /changed: changed on disk while it ran; not written\n/);
  });

  it("a killed run takes its kernel with it, leaves the notebook whole, and the next run removes the temporary file it left", async () => {
    const dir = tempDir();
    const pidFile = path.join(dir, "kernel.pid");
    const file = notebookFile(dir, "killed.ipynb", [`require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid));\nwhile (true) {}`]);
    const before = fs.readFileSync(file);
    const runner = spawn(process.execPath, ["--require", require.resolve("tsx/cjs"), path.join(ROOT, "scripts", "lessons.ts"), file], { stdio: "ignore" });
    await waitFor(() => fs.existsSync(pidFile) && fs.readFileSync(pidFile, "utf8") !== "", 60, "the kernel starts the cell");
    const kernel = Number(fs.readFileSync(pidFile, "utf8"));
    runner.kill("SIGKILL");
    await new Promise((resolve) => runner.on("exit", resolve));
    await waitFor(() => !isRunning(kernel), 10, "the orphaned kernel stops");
    assert.ok(fs.readFileSync(file).equals(before), "the notebook is whole");

    // A run killed while writing leaves `.name.PID.tmp` beside the notebook; one from a live process stays.
    const stale = path.join(dir, `.killed.ipynb.${runner.pid}.tmp`);
    const live = path.join(dir, `.killed.ipynb.${process.ppid}.tmp`);
    fs.writeFileSync(stale, "x".repeat(1 << 20));
    fs.writeFileSync(live, "being written");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace("while (true) {}", ""));
    const { code, out } = await lessons([file]);
    assert.equal(code, 0, out);
    assert.ok(!fs.existsSync(stale), "the stale temporary file is gone");
    assert.ok(fs.existsSync(live), "a live run's temporary file is kept");
    assert.ok(out.includes(`.killed.ipynb.${runner.pid}.tmp, a temporary file left by a run that was killed.`), out);
  });

  it("a cell that ends the process fails its notebook with a reason instead of hanging or crashing the run", async () => {
    const dir = tempDir();
    const file = notebookFile(dir, "exits.ipynb", ["process.exit(3)"]);
    const { code, out } = await lessons([file]);
    assert.equal(code, 1, out);
    assert.ok(out.includes("exits.ipynb: cell 1 (code cell 1) failed:"), out);
    assert.ok(out.includes("the kernel process exited with code 3 while this cell ran"), out);
  });

  it("takes a folder as the notebooks in it, says when a folder has none, and names a missing file", async () => {
    const dir = tempDir();
    notebookFile(dir, "b.ipynb", ["1"]);
    notebookFile(dir, "a.ipynb", ["2"]);
    const { code, out } = await lessons(["--check", dir]);
    assert.equal(code, 1, out);
    assert.ok(out.indexOf("a.ipynb  running") < out.indexOf("b.ipynb  running") && out.includes("a.ipynb  running"), out);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-"));
    keep(empty);
    const none = await lessons([empty]);
    assert.equal(none.code, 1);
    assert.ok(none.out.startsWith("No notebooks in "), none.out);
    const missing = await lessons([path.join(dir, "nope.ipynb")]);
    assert.equal(missing.code, 1);
    assert.ok(missing.out.includes("nope.ipynb: cannot read it (no such file)."), missing.out);
  });

  it("a notebook outside the repository that imports beanlab is told why it cannot", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-"));
    keep(dir);
    const file = notebookFile(dir, "outside.ipynb", [`import { Sequential } from "beanlab";`]);
    const { out } = await lessons([file]);
    assert.ok(out.includes("is outside this repository"), out);
  });

  it("output cleaning is linear in line length and does what nbconvert's regular expression does", () => {
    const started = performance.now();
    assert.equal(dropOverwrittenText("x".repeat(1 << 20) + "\r"), "x".repeat(1 << 20) + "\r");
    assert.ok(performance.now() - started < 1000, "a 1 MB line takes well under a second");
    const samples = ["a\rb", "a\r\nb", "a\r", "\r", "a\rb\rc\n", "ab\r\r", "x\ry\r\nz\rw", "\r\rq", ""];
    for (const text of samples) assert.equal(dropOverwrittenText(text), text.replace(/[^\n]*\r(?=[^\n])/g, ""), JSON.stringify(text));
  });
});
