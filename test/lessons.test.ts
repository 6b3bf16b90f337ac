import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { main } from "../scripts/lessons";
import { Notebook, formatNotebook, parseNotebook } from "../scripts/notebook";
import { scratchFolders } from "./helpers";

// *.expected.ipynb were written by Jupyter itself (test/fixtures/notebooks/expected.py): nbconvert
// executing through the tslab kernel, and nbformat writing the file.
const FIXTURES = path.resolve(__dirname, "fixtures", "notebooks");
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

const { tempDir, keep, removeAll } = scratchFolders("lessons-");

/** Copies fixtures into a new temporary folder; returns their paths. */
function copyFixtures(...names: string[]): string[] {
  const dir = tempDir();
  return names.map((name) => {
    fs.copyFileSync(path.join(FIXTURES, name), path.join(dir, name));
    return path.join(dir, name);
  });
}

/** Runs `npm run lessons -- ...args` in this process; returns the exit code and what it printed. */
async function lessons(args: string[], isTTY = false): Promise<{ code: number; out: string }> {
  let out = "";
  const code = await main(args, { write: (text) => void (out += text), isTTY });
  return { code, out };
}

/** A notebook file with these code cells. */
function notebookFile(sources: string[]): string {
  const nb: Notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: sources.map((source, i) => ({ cell_type: "code", id: `c${i}`, source, metadata: {}, outputs: [], execution_count: null })),
  };
  return formatNotebook(nb);
}

describe("npm run lessons: runs notebooks in tslab without Jupyter and saves their outputs", function () {
  this.timeout(60000);

  after(() => {
    removeAll();
  });

  describe("a notebook with every kind of output", () => {
    let file: string;
    let first: { code: number; out: string };

    before(async () => {
      [file] = copyFixtures("outputs.ipynb");
      first = await lessons([file]);
    });

    it("is saved byte for byte as nbconvert with the real kernel saves it", () => {
      assert.equal(first.code, 0, first.out);
      assert.match(first.out, /outputs\.ipynb +9 +[\d.]+ +written\n/);
      // stdout merged across writes, stderr, a last value, \r progress, PNG, text, and of the live chart
      // (one display plus two updates with its display_id) only the final bundle.
      assert.equal(fs.readFileSync(file, "utf8"), fixture("outputs.expected.ipynb").toString("utf8"));
    });

    it("runs again to the same bytes and leaves the file alone", async () => {
      const before = fs.readFileSync(file);
      const second = await lessons([file]);
      assert.equal(second.code, 0, second.out);
      assert.match(second.out, /unchanged\n/);
      assert.ok(fs.readFileSync(file).equals(before));
    });

    it("--check passes on it, and fails naming the cell whose output was edited by hand", async () => {
      const fresh = await lessons(["--check", file]);
      assert.equal(fresh.code, 0, fresh.out);
      assert.match(fresh.out, /up to date\n/);

      const nb = parseNotebook(fs.readFileSync(file));
      nb.cells[2].outputs = [{ output_type: "stream", name: "stdout", text: "edited by hand\n" }];
      const edited = formatNotebook(nb);
      fs.writeFileSync(file, edited);
      const stale = await lessons(["--check", file]);
      assert.equal(stale.code, 1, stale.out);
      assert.ok(stale.out.includes(`outputs.ipynb is stale: outputs differ from a fresh run in cell 3 (code cell 2).`), stale.out);
      assert.ok(stale.out.includes(`Refresh it with: npm run lessons -- ${path.relative(process.cwd(), file)}`), stale.out);
      assert.equal(fs.readFileSync(file, "utf8"), edited, "--check writes nothing");
    });
  });

  it("leaves a notebook with a failing cell exactly as it was, names the cell and the TypeScript error, and runs the next notebook", async () => {
    const [failing, good] = copyFixtures("failing.ipynb", "outputs.ipynb");
    const { code, out } = await lessons([failing, good]);
    assert.equal(code, 1, out);
    assert.ok(fs.readFileSync(failing).equals(fixture("failing.ipynb")), "the failing notebook is untouched");
    assert.ok(out.includes("failing.ipynb: cell 4 (code cell 2) failed:"), out);
    assert.ok(out.includes(`    const learningRate: number = "0.1";`), "the cell's first lines are shown");
    assert.ok(out.includes("2:7 - Type 'string' is not assignable to type 'number'."), out);
    assert.match(out, /failing\.ipynb +5 +[\d.]+ +failed: at cell 4 \(code cell 2\)\n/);
    assert.equal(fs.readFileSync(good, "utf8"), fixture("outputs.expected.ipynb").toString("utf8"));
  });

  it("reports errors thrown at run time, also from a promise nobody awaits, without the runner's stack frames", async () => {
    const dir = tempDir();
    const throws = path.join(dir, "throws.ipynb");
    const rejects = path.join(dir, "rejects.ipynb");
    fs.writeFileSync(throws, notebookFile(["const n = 2;", `throw new Error("loss is NaN after " + n + " epochs")`]));
    fs.writeFileSync(rejects, notebookFile([`Promise.reject(new Error("nobody awaits me"));\n"the cell itself ends well"`]));
    const { code, out } = await lessons([throws, rejects], true);
    assert.equal(code, 1, out);
    assert.ok(out.includes("\r\x1b[K"), "on a terminal the progress line is redrawn");
    assert.ok(out.includes("throws.ipynb  cell 2/2 ..."), out);
    assert.ok(out.includes("throws.ipynb: cell 2 (code cell 2) failed:"), out);
    assert.ok(out.includes("Error: loss is NaN after 2 epochs"), out);
    assert.ok(out.includes("rejects.ipynb: cell 1 (code cell 1) failed:"), out);
    assert.ok(out.includes("UnhandledPromiseRejection: Error: nobody awaits me"), out);
    assert.ok(!out.includes(`${path.sep}tslab${path.sep}dist${path.sep}`), out);
  });

  it("refuses malformed notebooks, naming the file and the problem, and never writes them", async () => {
    const names = ["not-json.ipynb", "nbformat-3.ipynb", "no-cells.ipynb"];
    const files = copyFixtures(...names);
    const { code, out } = await lessons(files);
    assert.equal(code, 1, out);
    for (const [i, file] of files.entries()) assert.ok(fs.readFileSync(file).equals(fixture(names[i])), `${names[i]} is untouched`);
    assert.ok(out.includes("not-json.ipynb: not valid JSON: unexpected end of file at line 8, column 1"), out);
    assert.ok(out.includes(`nbformat-3.ipynb: not nbformat 4 (its "nbformat" is 3)`), out);
    assert.ok(out.includes(`no-cells.ipynb: "cells" is missing, expected a list of cells`), out);
    assert.match(out, /no-cells\.ipynb +- +- +malformed/);
  });

  it("writes nbformat's layout: a file nbformat wrote from tricky content comes back byte for byte", () => {
    // layout.ipynb: number forms, key order by code point, escapes, Python's line breaks, transient fields.
    const expected = fixture("layout.expected.ipynb").toString("utf8");
    assert.equal(formatNotebook(parseNotebook(fixture("layout.ipynb"))), expected);
    assert.equal(formatNotebook(parseNotebook(fixture("layout.expected.ipynb"))), expected);
  });

  it("resolves imports from each notebook's own folder: the library by name inside the repository, not outside", async () => {
    const outside = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lessons-")), "outside.ipynb");
    keep(path.dirname(outside));
    fs.writeFileSync(outside, notebookFile([`import { Sequential } from "beanlab";`]));
    const { code, out } = await lessons(["--check", path.join(FIXTURES, "beanlab-lesson.ipynb"), outside]);
    assert.equal(code, 1, out);
    assert.match(out, /beanlab-lesson\.ipynb +4 +[\d.]+ +up to date\n/);
    assert.ok(out.includes("1:28 - Cannot find module 'beanlab' or its corresponding type declarations."), out);
  });

  it("every lesson in notebooks/ runs and its saved outputs are up to date", async function () {
    this.timeout(600000);
    const { code, out } = await lessons(["--check"]);
    assert.equal(code, 0, out);
  });

  it("rejects an unknown option with the usage", async () => {
    const { code, out } = await lessons(["--chek"]);
    assert.equal(code, 2);
    assert.match(out, /^unknown option --chek\nusage: npm run lessons/);
  });

  it("answers --help with the usage and runs nothing", async () => {
    for (const args of [["--help"], ["-h", "--chek"]]) {
      const { code, out } = await lessons(args);
      assert.equal(code, 0, out);
      assert.match(out, /^usage: npm run lessons -- \[--check\]/);
      assert.ok(!out.includes("status"), out);
    }
  });
});
