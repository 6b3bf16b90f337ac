import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { Cell, parseNotebook, Notebook } from "../scripts/notebook";

const NOTEBOOKS = path.resolve(__dirname, "..", "notebooks");
const LESSONS = fs.readdirSync(NOTEBOOKS).filter((f) => /^\d\d-.*\.ipynb$/.test(f)).sort();
const HAN = /\p{Script=Han}/u;
const LATIN_WORD = /[A-Za-z]{3,}/g;

const read = (file: string): Notebook => parseNotebook(fs.readFileSync(file));
const text = (cell: Cell) => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source));

// Prose without code spans, code blocks, links' targets, formulas and the names the lessons keep in English.
function prose(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, "")
    .replace(/`[^`]*`/g, "")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/\$[^$]*\$/g, "")
    .replace(/\b(?:ReLU|leaky|sigmoid|tanh|Playground|TensorFlow|Keras|Python|TypeScript|JupyterLab|GitHub|beanlab|XOR|SGD|English|edition|epoch|Glorot|Rosenblatt|Minsky|Papert|Perceptrons|snake_case|camelCase|Dense|softmax|mse|plotly|seedrandom)\b/gi, "");
}

describe("the Chinese edition of every lesson", () => {
  it("has eight lessons, each with a Chinese edition in notebooks/zh/", () => {
    assert.ok(LESSONS.length >= 8, `expected the 8 lessons in notebooks/, found ${LESSONS.join(", ")}`);
    for (const file of LESSONS) assert.ok(fs.existsSync(path.join(NOTEBOOKS, "zh", file)), `notebooks/zh/${file} is missing: run npm run lessons`);
  });

  for (const file of LESSONS) {
    describe(file, () => {
      const english = read(path.join(NOTEBOOKS, file));
      const chinese = () => read(path.join(NOTEBOOKS, "zh", file));

      it("has the same code cells, in the same order, as the English edition", () => {
        const code = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code").map(text);
        assert.deepEqual(code(chinese()), code(english));
      });

      it("is written in Chinese: every markdown cell has Chinese prose and hardly any English words left", () => {
        chinese().cells.forEach((cell, k) => {
          if (cell.cell_type !== "markdown") return;
          const body = prose(text(cell));
          assert.match(body, HAN, `notebooks/zh/${file} cell ${k + 1} has no Chinese: ${text(cell).slice(0, 80)}`);
          const words = body.match(LATIN_WORD) ?? [];
          const han = body.match(/\p{Script=Han}/gu)?.length ?? 0;
          assert.ok(words.length <= Math.max(6, han / 20), `notebooks/zh/${file} cell ${k + 1} keeps ${words.length} English words: ${words.join(" ")}`);
        });
      });

      it("links to its twin at the top, both ways", () => {
        const first = (nb: Notebook) => text(nb.cells.find((c) => c.cell_type === "markdown")!);
        assert.ok(first(english).includes(`](zh/${file})`), `notebooks/${file}'s first cell does not link to zh/${file}`);
        assert.ok(first(chinese()).includes(`](../${file})`), `notebooks/zh/${file}'s first cell does not link to ../${file}`);
      });

      it("prints Chinese where the English edition prints English: every tr() in its code has a Chinese twin", () => {
        const source = english.cells.filter((c) => c.cell_type === "code").map(text).join("\n");
        const calls = source.match(/\btr\(\{/g) ?? [];
        const twins = source.match(/\btr\(\{\s*en:[\s\S]*?\bzh:/g) ?? [];
        assert.equal(twins.length, calls.length, `notebooks/${file}: ${calls.length - twins.length} tr() calls without a zh text`);
      });
    });
  }
});
