/**
 * `npm run new-lesson -- "Title"`: creates notebooks/NN-title.ipynb, NN the next lesson number, from
 * templates/lesson.ipynb (the house skeleton, with a small example that runs, every markdown cell with
 * its Chinese twin), so that the next `npm run lessons` writes its Chinese edition too. Never overwrites.
 */
import * as fs from "fs";
import * as path from "path";
import { isUsage, readCommandLine } from "./cli";
import { ZH_FOLDER } from "./editions";
import { JsonObject, formatNotebook, parseNotebook, splitLines } from "./notebook";

const USAGE = `usage: npm run new-lesson -- "Title of the lesson"
  Creates notebooks/NN-title-of-the-lesson.ipynb from templates/lesson.ipynb, NN the next lesson number.
  A title that begins with "-" goes after "--": npm run new-lesson -- -- "-1 is a label too".
`;

/** Longest file-name part made from a title, in characters; longer ones are cut at a word. */
export const MAX_SLUG = 60;

/** "The circle needs three!" → "the-circle-needs-three"; "豆豆的边界" stays "豆豆的边界"; accents dropped; at most MAX_SLUG characters. */
export function kebab(title: string): string {
  const slug = title.normalize("NFKD").replace(/\p{M}+/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
  const chars = Array.from(slug);
  if (chars.length <= MAX_SLUG) return slug;
  const cut = chars.slice(0, MAX_SLUG).join("");
  const atWord = cut.lastIndexOf("-");
  return atWord >= MAX_SLUG / 2 ? cut.slice(0, atWord) : cut;
}

/** The next lesson number after the highest NN- in `dir`, as two digits. */
export function nextNumber(dir: string): string {
  const numbers = fs.readdirSync(dir).map((f) => /^(\d+)-.*\.ipynb$/.exec(f)).filter(Boolean).map((m) => Number((m as RegExpExecArray)[1]));
  return String(numbers.length ? Math.max(...numbers) + 1 : 1).padStart(2, "0");
}

/** Creates the lesson in `root`/notebooks; returns [exit code, message]. */
export function createLesson(root: string, given: string | undefined): [number, string] {
  const title = (given ?? "").replace(/\s+/g, " ").trim();
  if (!title) return [2, USAGE.trimEnd()];
  const slug = kebab(title);
  if (!slug) return [2, `new-lesson: the title "${title}" has no letters or digits to name the file with; use a title like "Dropout"`];
  const dir = path.join(root, "notebooks");
  const twin = fs.readdirSync(dir).find((name) => name.replace(/^\d+-/, "") === `${slug}.ipynb`);
  if (twin) return [1, `new-lesson: notebooks/${twin} already has this title; nothing was written (choose another title, or edit that lesson)`];
  const number = nextNumber(dir);
  const file = path.join(dir, `${number}-${slug}.ipynb`);
  if (fs.existsSync(file)) return [1, `new-lesson: ${path.relative(root, file)} already exists; nothing was written`];
  const template = parseNotebook(fs.readFileSync(path.join(root, "templates", "lesson.ipynb")));
  // Functions, not strings, as replacements: "$&" in a title is text, not a pattern.
  const fill = (text: string) =>
    text.replace(/\{\{NUMBER\}\}/g, () => number).replace(/\{\{TITLE\}\}/g, () => title).replace(/\{\{FILE\}\}/g, () => path.basename(file));
  const filled = template.cells.map((cell) => ({ ...cell, source: fill(cell.source), metadata: fillTwin(cell.metadata, fill) }));
  fs.writeFileSync(file, formatNotebook({ ...template, cells: filled }), { flag: "wx" });
  const relative = path.relative(root, file);
  return [
    0,
    `created ${relative} from templates/lesson.ipynb.\nWrite the lesson, with each markdown cell's Chinese twin in its metadata.zh.source, then save the outputs of both editions (${relative} and ${path.join(path.dirname(relative), ZH_FOLDER, path.basename(file))}) with: npm run lessons -- ${relative}`,
  ];
}

// The placeholders in a markdown cell's Chinese twin are filled as in its English text.
function fillTwin(metadata: JsonObject, fill: (text: string) => string): JsonObject {
  const zh = metadata.zh as JsonObject | undefined;
  if (!Array.isArray(zh?.source)) return metadata;
  return { ...metadata, zh: { ...zh, source: splitLines(fill(zh.source.join(""))) } };
}

/** Runs the CLI with `args` in `root`: --help prints the usage and creates nothing; returns [exit code, message]. */
export function main(args: string[], root: string): [number, string] {
  const line = readCommandLine(args, USAGE, {}, true);
  if (isUsage(line)) return [line.exit, line.text.trimEnd()];
  return createLesson(root, line.positionals.join(" "));
}

if (require.main === module) {
  const [code, message] = main(process.argv.slice(2), path.resolve(__dirname, ".."));
  (code === 0 ? console.log : console.error)(message);
  process.exitCode = code;
}
