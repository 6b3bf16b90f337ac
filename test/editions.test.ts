import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { chineseEdition, reconcile } from "../scripts/editions";
import { main } from "../scripts/lessons";
import { createLesson } from "../scripts/new-lesson";
import { Cell, JsonObject, Notebook, formatNotebook, parseNotebook, splitLines } from "../scripts/notebook";
import { BEGIN, END, main as writeStudentEditions } from "../scripts/student";
import { scratchFolders } from "./helpers";

const ROOT = path.resolve(__dirname, "..");
const FIXTURE = path.join(__dirname, "fixtures", "notebooks", "twins.ipynb");
const { tempDir, keep, removeAll } = scratchFolders("editions-");

/** Runs `npm run lessons -- ...args` in this process with $BEANLAB_LANG as given (unset by default). */
async function lessons(args: string[], env?: string): Promise<{ code: number; out: string }> {
  const saved = process.env.BEANLAB_LANG;
  if (env === undefined) delete process.env.BEANLAB_LANG;
  else process.env.BEANLAB_LANG = env;
  let out = "";
  try {
    const code = await main(args, { write: (text) => void (out += text), isTTY: false });
    return { code, out };
  } finally {
    if (saved === undefined) delete process.env.BEANLAB_LANG;
    else process.env.BEANLAB_LANG = saved;
  }
}

const read = (file: string) => parseNotebook(fs.readFileSync(file));
const stdout = (cell: Cell) => (cell.outputs ?? []).map((o) => String(o.text ?? "")).join("");
const code = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code").map((c) => c.source);
const ids = (nb: Notebook) => nb.cells.map((c) => (c as JsonObject).id);

/** The twins fixture with its cells changed by `edit`, written to `file`. */
function writeVariant(file: string, edit: (cells: Cell[]) => void): void {
  const nb = read(FIXTURE);
  edit(nb.cells);
  fs.writeFileSync(file, formatNotebook(nb));
}

describe("two editions from one source: npm run lessons writes notebooks/zh/ from the twins", function () {
  this.timeout(180000);

  after(() => {
    removeAll();
  });

  describe("a notebook whose markdown cells all have twins", () => {
    let dir: string;
    let english: string;
    let chinese: string;
    let first: { code: number; out: string };

    before(async () => {
      dir = tempDir();
      english = path.join(dir, "twins.ipynb");
      chinese = path.join(dir, "zh", "twins.ipynb");
      fs.copyFileSync(FIXTURE, english);
      first = await lessons([english]);
    });

    it("writes both editions: same cells, ids and code; the zh prose is the twins; each prints its own language", () => {
      assert.equal(first.code, 0, first.out);
      assert.match(first.out, /twins\.ipynb +4 +[\d.]+ +written\n.*zh\/twins\.ipynb +4 +[\d.]+ +written\n/s);
      const en = read(english);
      const zh = read(chinese);
      assert.deepEqual(ids(zh), ids(en));
      assert.deepEqual(code(zh), code(en));
      assert.deepEqual(zh.cells.map((c) => c.cell_type), en.cells.map((c) => c.cell_type));
      assert.equal(zh.cells[0].source, (en.cells[0].metadata.zh as { source: string[] }).source.join(""));
      assert.ok(zh.cells.every((c) => !("zh" in c.metadata)), "the twins are not copied into the zh edition");
      // Cell 2 ends with language(), which tslab prints.
      assert.deepEqual([stdout(en.cells[1]), stdout(en.cells[3])], ["3 of 4 seeds\nen\n", "4 beans\n"]);
      assert.deepEqual([stdout(zh.cells[1]), stdout(zh.cells[3])], ["4 个种子中有 3 个\nzh\n", "4 个豆豆\n"]);
      assert.equal(fs.readFileSync(path.join(dir, "zh", "beanlab.json"), "utf8"), `{ "language": "zh" }\n`, "the folder's setting decides, written by the run");
      assert.ok(first.out.includes(`beanlab.json: { "language": "zh" }, so that lessons run there print Chinese.`), first.out);
    });

    it("runs again to the same bytes, and --check passes whatever $BEANLAB_LANG says", async () => {
      const before = [fs.readFileSync(english), fs.readFileSync(chinese)];
      const again = await lessons([english], "zh");
      assert.equal(again.code, 0, again.out);
      assert.match(again.out, /twins\.ipynb +4 +[\d.]+ +unchanged\n.*zh\/twins\.ipynb +4 +[\d.]+ +unchanged\n/s);
      assert.ok(fs.readFileSync(english).equals(before[0]) && fs.readFileSync(chinese).equals(before[1]));
      const checked = await lessons(["--check", chinese], "en");
      assert.equal(checked.code, 0, checked.out);
      assert.match(checked.out, /zh\/twins\.ipynb +4 +[\d.]+ +up to date\n1 notebook ok\./);
    });

    it("--seed-offset runs a named Chinese edition as its English notebook, once", async () => {
      const { code, out } = await lessons(["--seed-offset", "0", chinese, english]);
      assert.equal(code, 0, out);
      assert.ok(out.startsWith("Running 1 notebook with every seed shifted by 0; nothing is saved.\n"), out);
      assert.ok(!out.includes(`zh${path.sep}twins.ipynb`), out);
    });

    it("carries a hand edit of a zh markdown cell back into the English twin, and says so; --check first asks for it", async () => {
      const edited = fs.readFileSync(chinese, "utf8").replace("下面的文字来自", "下面的文字都来自");
      fs.writeFileSync(chinese, edited);
      const stale = await lessons(["--check", chinese]);
      assert.equal(stale.code, 1, stale.out);
      assert.ok(stale.out.includes("zh/twins.ipynb was edited by hand in cell 3 (id notice), not yet carried back into"), stale.out);
      assert.equal(fs.readFileSync(chinese, "utf8"), edited, "--check writes nothing");
      const carried = await lessons([chinese]);
      assert.equal(carried.code, 0, carried.out);
      assert.ok(carried.out.includes("back into the twins (metadata.zh) of"), carried.out);
      assert.deepEqual((read(english).cells[2].metadata.zh as { source: string[] }).source, splitLines("## 注意什么\n下面的文字都来自 `tr`。"));
      assert.equal(read(chinese).cells[2].source, "## 注意什么\n下面的文字都来自 `tr`。");
      assert.equal((await lessons(["--check", english])).code, 0, "both editions are current again");
    });

    it("keeps a zh notebook whose code was edited by hand, byte for byte, saying code lives in the English notebook", async () => {
      const edited = fs.readFileSync(chinese, "utf8").replace("2 + 2", "2 + 3");
      fs.writeFileSync(chinese, edited);
      const { code, out } = await lessons([chinese]);
      assert.equal(code, 1, out);
      assert.ok(out.includes("was not overwritten, so that the edits made in it are not lost"), out);
      assert.ok(out.includes("cell 4 (id count) was edited in"), out);
      assert.ok(out.includes("but code lives in the English notebook: make the change in"), out);
      assert.match(out, /zh\/twins\.ipynb +4 +[\d.]+ +kept: edited by hand; see above\n/);
      assert.equal(fs.readFileSync(chinese, "utf8"), edited);
    });
  });

  it("a markdown cell without a twin fails the zh edition, naming notebook and cell; the English edition is still written", async () => {
    const dir = tempDir();
    const file = path.join(dir, "02-partly.ipynb");
    writeVariant(file, (cells) => delete cells[2].metadata.zh);
    const { code, out } = await lessons([file]);
    assert.equal(code, 1, out);
    assert.ok(out.includes(`zh/02-partly.ipynb: not written, as ${path.relative(process.cwd(), file)} is not fully translated:\n  cell 3 (id notice) has no Chinese twin: add metadata.zh.source`), out);
    assert.match(out, /02-partly\.ipynb +4 +[\d.]+ +written\n/);
    assert.match(out, /zh\/02-partly\.ipynb +4 +[\d.]+ +untranslated: 1 cell without a twin\n/);
    assert.equal(stdout(read(file).cells[3]), "4 beans\n");
    assert.equal(fs.existsSync(path.join(dir, "zh", "02-partly.ipynb")), false);
  });

  it("an English-only notebook (no twins at all) gets no zh edition, and the run and --check say so without failing", async () => {
    const dir = tempDir();
    const file = path.join(dir, "03-english.ipynb");
    writeVariant(file, (cells) => cells.forEach((cell) => delete cell.metadata.zh));
    for (const args of [[file], ["--check", file]]) {
      const { code, out } = await lessons(args);
      assert.equal(code, 0, out);
      assert.match(out, /zh\/03-english\.ipynb +- +- +English only\n1 notebook ok; 1 English only \(no Chinese twins, so no Chinese edition\)\.\n/);
    }
    assert.equal(fs.existsSync(path.join(dir, "zh")), false);
  });

  it("refuses what cannot be carried back: a twin changed on both sides, cells added, a zh notebook the run did not write", () => {
    const en = read(FIXTURE);
    const twins = chineseEdition(en, "twins.ipynb");
    assert.equal(twins.kind, "complete");
    const zh = (twins as { edition: Notebook }).edition;
    assert.deepEqual(reconcile(zh, en, "zh/t.ipynb", "t.ipynb"), { ok: true, carried: [], english: en });
    const both = { ...zh, cells: zh.cells.map((c, i) => (i === 2 ? { ...c, source: "## 改过了" } : c)) };
    const changed = { ...en, cells: en.cells.map((c, i) => (i === 2 ? { ...c, metadata: { zh: { source: ["## 另一个"] } } } : c)) };
    const conflict = reconcile(both, changed, "zh/t.ipynb", "t.ipynb");
    assert.ok(!conflict.ok && conflict.problems[0].includes("cell 3 (id notice) was edited by hand in zh/t.ipynb and its twin in t.ipynb changed too"), JSON.stringify(conflict));
    const added = reconcile({ ...zh, cells: [...zh.cells, { cell_type: "markdown", id: "extra", source: "新的", metadata: {} } as Cell] }, en, "zh/t.ipynb", "t.ipynb");
    assert.ok(!added.ok && added.problems[0].startsWith("cells were added to or removed from zh/t.ipynb (added extra)"), JSON.stringify(added));
    const foreign = reconcile({ ...zh, metadata: {} }, en, "zh/t.ipynb", "t.ipynb");
    assert.ok(!foreign.ok && foreign.problems[0].includes("was not written by npm run lessons"), JSON.stringify(foreign));
    const malformed = chineseEdition({ ...en, cells: en.cells.map((c, i) => (i === 0 ? { ...c, metadata: { zh: { source: 3 } } } : c)) }, "t.ipynb");
    assert.deepEqual(malformed, { kind: "incomplete", problems: [`cell 1 (id title) has metadata.zh with source 3, expected { "source": [ "line\\n", ... ] }`] });
  });

  it("npm run student writes student/zh/ from notebooks/zh/, with its language setting, and refuses an out-of-date zh edition", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "editions-student-"));
    keep(dir);
    fs.mkdirSync(path.join(dir, "notebooks", "zh"), { recursive: true });
    const en = read(FIXTURE);
    en.cells.push({ cell_type: "code", id: "answer", source: `let answer: number | undefined = undefined;\n${BEGIN}\nanswer = 4;\n${END}`, metadata: {}, outputs: [], execution_count: 3 } as Cell);
    const zh = (chineseEdition(en, "01-twins.ipynb") as { edition: Notebook }).edition;
    fs.writeFileSync(path.join(dir, "notebooks", "01-twins.ipynb"), formatNotebook(en));
    fs.writeFileSync(path.join(dir, "notebooks", "zh", "01-twins.ipynb"), formatNotebook(zh));
    const log: string[] = [];
    assert.equal(writeStudentEditions(dir, (line) => log.push(line)), 0, log.join("\n"));
    const student = read(path.join(dir, "student", "zh", "01-twins.ipynb"));
    assert.equal(student.cells[0].source, zh.cells[0].source);
    assert.equal(student.cells[4].source, "let answer: number | undefined = undefined;");
    assert.equal(student.metadata.beanlab, undefined, "the runner's bookkeeping is not handed out");
    assert.equal(fs.readFileSync(path.join(dir, "student", "zh", "beanlab.json"), "utf8"), `{ "language": "zh" }\n`);
    assert.ok(log.includes("1 student editions in student/ and 1 in student/zh/: solutions removed, their outputs and the exercise checks' cleared."), log.join("\n"));

    (en.cells[2].metadata.zh as { source: string[] }).source = ["## 新的标题"];
    fs.writeFileSync(path.join(dir, "notebooks", "01-twins.ipynb"), formatNotebook(en));
    fs.rmSync(path.join(dir, "student"), { recursive: true });
    const stale: string[] = [];
    assert.equal(writeStudentEditions(dir, (line) => stale.push(line)), 1);
    assert.match(stale.join("\n"), /notebooks\/zh\/01-twins\.ipynb is not up to date with notebooks\/01-twins\.ipynb: refresh it with npm run lessons -- notebooks\/01-twins\.ipynb\nNothing was written\./);
    assert.equal(fs.existsSync(path.join(dir, "student")), false);
  });

  it("a new lesson carries twins in every markdown cell, and the next run writes its zh edition, printing through tr", async function () {
    this.timeout(400000);
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, "notebooks"));
    fs.cpSync(path.join(ROOT, "templates"), path.join(dir, "templates"), { recursive: true });
    const [status, message] = createLesson(dir, "Dropout");
    assert.equal(status, 0, message);
    assert.ok(message.includes("notebooks/zh/01-dropout.ipynb"), message);
    const file = path.join(dir, "notebooks", "01-dropout.ipynb");
    const twins = chineseEdition(read(file), file);
    assert.equal(twins.kind, "complete", JSON.stringify(twins));
    const zhTitle = (twins as { edition: Notebook }).edition.cells[0].source;
    assert.ok(zhTitle.startsWith("# 01 · Dropout\n\nEnglish edition: [../01-dropout.ipynb](../01-dropout.ipynb)\n"), zhTitle);
    assert.ok(read(file).cells[0].source.includes("中文版：[zh/01-dropout.ipynb](zh/01-dropout.ipynb)"));
    const { code, out } = await lessons([file]);
    assert.equal(code, 0, out);
    const zh = read(path.join(dir, "notebooks", "zh", "01-dropout.ipynb"));
    const printed = zh.cells.map(stdout).join("");
    assert.match(printed, /✓ 几乎每个随机种子下，一个神经元都能把两团豆豆分开/);
    assert.match(read(file).cells.map(stdout).join(""), /✓ one neuron separates the two blobs in nearly every seed/);
  });
});
