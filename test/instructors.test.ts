import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { executeCells } from "../scripts/headless-kernel";
import { MAX_SLUG, createLesson, kebab, main as newLesson } from "../scripts/new-lesson";
import { Cell, Notebook, formatNotebook, parseNotebook } from "../scripts/notebook";
import { BEGIN, END, MarkerError, main as writeStudentEditions, studentEdition } from "../scripts/student";

const root = path.resolve(__dirname, "..");
const lessons = fs.readdirSync(path.join(root, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort();

function code(source: string, outputs: Cell["outputs"] = []): Cell {
  return { cell_type: "code", source, metadata: {}, outputs, execution_count: 1 };
}

function notebook(cells: Cell[]): Notebook {
  return { nbformat: 4, nbformat_minor: 5, metadata: {}, cells };
}

const stream = (text: string) => [{ output_type: "stream", name: "stdout", text }];

/** A cell's lines, trimmed, split into those inside solutions (blank ones left out) and the rest, markers excluded. */
function splitBySolutions(source: string): { inside: string[]; outside: string[] } {
  const split = { inside: [] as string[], outside: [] as string[] };
  let inside = false;
  for (const raw of source.split("\n")) {
    const line = raw.trim();
    if (line === BEGIN) inside = true;
    else if (line === END) inside = false;
    else if (!inside) split.outside.push(line);
    else if (line) split.inside.push(line);
  }
  return split;
}

function outputText(cell: Cell): string {
  return (cell.outputs ?? []).map((o) => String(o.text ?? "")).join("");
}

describe("student editions", () => {
  it("remove the solution lines, clear the outputs that give answers away, keep everything else", () => {
    const nb = notebook([
      { cell_type: "markdown", source: "# Lesson", metadata: {} },
      code("show(fig);", stream("a figure\n")),
      code(`let answer: number | undefined = undefined;\n${BEGIN}\nanswer = 3;\n${END}`, stream("\n")),
      code(`exercise("Exercise 1", answer, (n) => n === 3 || "no");`, stream("✓ Exercise 1: right\n")),
    ]);
    const student = studentEdition(nb, "lesson.ipynb");
    assert.deepEqual(student.cells[0], nb.cells[0]);
    assert.deepEqual(student.cells[1], nb.cells[1], "outputs of other cells are kept");
    assert.equal(student.cells[2].source, "let answer: number | undefined = undefined;");
    assert.deepEqual([student.cells[2].outputs, student.cells[2].execution_count], [[], null]);
    assert.equal(student.cells[3].source, nb.cells[3].source);
    assert.deepEqual(student.cells[3].outputs, [], "the check's verdict would tell the answer");
    assert.equal(formatNotebook(studentEdition(nb, "x")), formatNotebook(studentEdition(nb, "x")), "deterministic");
  });

  it("clear the outputs of later cells that use what a solution assigned, as they may print it", () => {
    const nb = notebook([
      code(`let answer: number | undefined = undefined;\n${BEGIN}\nanswer = 3;\nconst helper = 2;\n${END}`, stream("3\n")),
      code("console.log(answer);", stream("3\n")),
      code("console.log(answers);", stream("kept\n")),
      code("const h = helper * 2;\nh", stream("4\n")),
    ]);
    const student = studentEdition(nb, "lesson.ipynb");
    assert.deepEqual([student.cells[1].outputs, student.cells[1].execution_count], [[], null]);
    assert.deepEqual(student.cells[2], nb.cells[2], "a cell that only mentions a longer name keeps its output");
    assert.deepEqual(student.cells[3].outputs, []);
  });

  for (const [what, cells, message] of [
    ["an opened solution never closed", [code("ok"), code(`let a = 1;\n${BEGIN}\na = 2;`)], /lesson\.ipynb, cell 2, line 2: "\/\/ BEGIN SOLUTION" is never closed by "\/\/ END SOLUTION"/],
    ["an END without a BEGIN", [code(`a = 2;\n${END}`)], /lesson\.ipynb, cell 1, line 2: "\/\/ END SOLUTION" without a "\/\/ BEGIN SOLUTION"/],
    ["a BEGIN inside a solution", [code(`${BEGIN}\n${BEGIN}\n${END}`)], /cell 1, line 2: "\/\/ BEGIN SOLUTION" again before the "\/\/ END SOLUTION" of line 1/],
    ["a marker in lower case", [code(`let a = 1;\n// begin solution\na = 2;\n// end solution`)], /lesson\.ipynb, cell 1, line 2: "\/\/ begin solution" looks like a solution marker but is not one; write exactly "\/\/ BEGIN SOLUTION"/],
    ["a marker without its space", [code("ok"), code(`//BEGIN SOLUTION\na = 2;\n${END}`)], /lesson\.ipynb, cell 2, line 1: "\/\/BEGIN SOLUTION" looks like a solution marker/],
    ["a marker with three slashes", [code(`/// BEGIN SOLUTION\na = 2;\n/// END SOLUTION`)], /cell 1, line 1: "\/\/\/ BEGIN SOLUTION" looks like a solution marker/],
    ["a marker with trailing text", [code(`${BEGIN} (part a)\na = 2;\n${END}`)], /cell 1, line 1: "\/\/ BEGIN SOLUTION \(part a\)" looks like a solution marker/],
    ["a marker outside a code cell", [{ cell_type: "markdown", source: `Write:\n${BEGIN}`, metadata: {} } as Cell], /lesson\.ipynb, cell 1: "\/\/ BEGIN SOLUTION" is in a markdown cell; solution markers belong in code cells/],
  ] as [string, Cell[], RegExp][]) {
    it(`refuse ${what}, naming the notebook and the cell, and write nothing`, () => {
      assert.throws(() => studentEdition(notebook(cells), "lesson.ipynb"), (err: Error) => err instanceof MarkerError && message.test(err.message));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-student-"));
      fs.mkdirSync(path.join(dir, "notebooks"));
      fs.writeFileSync(path.join(dir, "notebooks", "01-good.ipynb"), formatNotebook(notebook([code("1")])));
      fs.writeFileSync(path.join(dir, "notebooks", "02-bad.ipynb"), formatNotebook(notebook(cells)));
      const log: string[] = [];
      assert.equal(writeStudentEditions(dir, (line) => log.push(line)), 1);
      assert.match(log.join("\n"), /02-bad\.ipynb, cell \d+.*\nNothing was written\./s);
      assert.equal(fs.existsSync(path.join(dir, "student")), false);
      fs.rmSync(dir, { recursive: true });
    });
  }

  describe("of every lesson", function () {
    this.timeout(600000);
    for (const file of lessons) {
      it(`${file}: the instructor's checks pass; the student edition runs, reports "not attempted" and leaks no solution`, async () => {
        const nb = parseNotebook(fs.readFileSync(path.join(root, "notebooks", file)));
        const checks = nb.cells.filter((c) => c.cell_type === "code" && /\bexercise\(/.test(c.source));
        for (const cell of checks) assert.match(outputText(cell), /^✓ /m, `an instructor's check does not pass:\n${cell.source}`);
        const student = studentEdition(nb, file);
        // Every solution line with words in it, unless the lesson also has it outside a solution, must be gone
        // from the whole student edition, outputs included.
        const outside = new Set(nb.cells.flatMap((c) => splitBySolutions(c.source).outside));
        const studentText = formatNotebook(student);
        const solutions = nb.cells.flatMap((c) => splitBySolutions(c.source).inside).filter((l) => /\w/.test(l) && !outside.has(l));
        assert.equal(solutions.length > 0, checks.length > 0, "every lesson with exercises has solutions to strip");
        for (const line of solutions) {
          for (const form of [line, JSON.stringify(line).slice(1, -1)]) assert.ok(!studentText.includes(form), `the student edition still holds the solution line "${line}"`);
        }
        const run = await executeCells(student.cells, path.join(root, "notebooks"), () => {});
        assert.ok(run.ok, run.ok ? "" : `the student edition fails at cell ${run.failure.cell}:\n${run.failure.stderr}`);
        const verdicts = run.cells.filter((c) => c.cell_type === "code" && /\bexercise\(/.test(c.source)).map(outputText);
        assert.equal(verdicts.length, checks.length);
        for (const verdict of verdicts) assert.match(verdict, /^· .*: not attempted yet$/m);
      });
    }
  });
});

describe("new-lesson", function () {
  this.timeout(120000);

  it("creates the next numbered notebook from the template, leaving existing lessons untouched", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-new-"));
    fs.mkdirSync(path.join(dir, "notebooks"));
    fs.cpSync(path.join(root, "templates"), path.join(dir, "templates"), { recursive: true });
    fs.writeFileSync(path.join(dir, "notebooks", "07-the-keras-program.ipynb"), "{}");
    const [code1, message] = createLesson(dir, "Dropout: forgetting on purpose");
    assert.equal(code1, 0, message);
    const file = path.join(dir, "notebooks", "08-dropout-forgetting-on-purpose.ipynb");
    const nb = parseNotebook(fs.readFileSync(file));
    assert.equal(nb.cells[0].source.split("\n")[0], "# 08 · Dropout: forgetting on purpose");
    assert.ok(!fs.readFileSync(file, "utf8").includes("{{"), "every placeholder is filled");
    const before = fs.readFileSync(file);
    const [code2, second] = createLesson(dir, "Dropout: forgetting on purpose");
    assert.equal(code2, 1, second);
    assert.equal(second, "new-lesson: notebooks/08-dropout-forgetting-on-purpose.ipynb already has this title; nothing was written (choose another title, or edit that lesson)");
    assert.deepEqual(fs.readFileSync(file), before, "the earlier lesson is untouched");
    assert.ok(!fs.existsSync(path.join(dir, "notebooks", "09-dropout-forgetting-on-purpose.ipynb")));
    assert.deepEqual(createLesson(dir, "  ")[0], 2);
    assert.match(createLesson(dir, "!!!")[1], /has no letters or digits/);
    assert.equal(kebab("The circle needs THREE!"), "the-circle-needs-three");
    fs.rmSync(dir, { recursive: true });
  });

  it("names files sensibly for long, Chinese and pattern-like titles, and writes the title as given", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-new-"));
    fs.mkdirSync(path.join(dir, "notebooks"));
    fs.cpSync(path.join(root, "templates"), path.join(dir, "templates"), { recursive: true });
    const long = "Why the network needs more neurons ".repeat(20).trim();
    const [code1, message1] = createLesson(dir, long);
    assert.equal(code1, 0, message1);
    const [name1] = fs.readdirSync(path.join(dir, "notebooks"));
    assert.ok(name1.startsWith("01-why-the-network-needs") && Array.from(name1).length <= 3 + MAX_SLUG + ".ipynb".length, name1);
    assert.equal(createLesson(dir, "豆豆的边界：三个神经元")[0], 0);
    assert.ok(fs.existsSync(path.join(dir, "notebooks", "02-豆豆的边界-三个神经元.ipynb")), String(fs.readdirSync(path.join(dir, "notebooks"))));
    assert.equal(createLesson(dir, "Costs $& and $1\nmore")[0], 0);
    const nb = parseNotebook(fs.readFileSync(path.join(dir, "notebooks", "03-costs-and-1-more.ipynb")));
    assert.equal(nb.cells[0].source.split("\n")[0], "# 03 · Costs $& and $1 more");
    assert.equal(kebab("Café déjà vu"), "cafe-deja-vu");
    fs.rmSync(dir, { recursive: true });
  });

  it("answers --help with the usage and an unknown option with the usage and exit code 2, creating nothing", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-new-"));
    fs.mkdirSync(path.join(dir, "notebooks"));
    fs.cpSync(path.join(root, "templates"), path.join(dir, "templates"), { recursive: true });
    const [help, usage] = newLesson(["--help"], dir);
    assert.equal(help, 0, usage);
    assert.match(usage, /^usage: npm run new-lesson -- "Title of the lesson"\n/);
    assert.deepEqual(newLesson(["Dropout", "-h"], dir), [0, usage]);
    assert.deepEqual(newLesson(["--title", "Dropout"], dir), [2, `unknown option --title\n${usage}`]);
    assert.deepEqual(fs.readdirSync(path.join(dir, "notebooks")), [], "no lesson was created");
    assert.equal(newLesson(["--", "-1", "is", "a", "label"], dir)[0], 0);
    assert.deepEqual(fs.readdirSync(path.join(dir, "notebooks")), ["01-1-is-a-label.ipynb"]);
    fs.rmSync(dir, { recursive: true });
  });

  it("the template follows the house skeleton and runs, its check passing", async () => {
    const template = parseNotebook(fs.readFileSync(path.join(root, "templates", "lesson.ipynb")));
    const headings = template.cells.filter((c) => c.cell_type === "markdown").map((c) => c.source.split("\n")[0]);
    assert.deepEqual(headings.filter((h) => h.startsWith("## ")), ["## Setup", "## Data", "## Model", "## Training", "## The lesson's picture", "## What to notice", "## Exercises", "## Summary"]);
    const run = await executeCells(template.cells, path.join(root, "templates"), () => {});
    assert.ok(run.ok, run.ok ? "" : `cell ${run.failure.cell}: ${run.failure.stderr}`);
    assert.match(run.cells.map(outputText).join(""), /✓ one neuron separates the two blobs[\s\S]*✓ Exercise 1: right/);
  });
});
