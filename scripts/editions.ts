/**
 * The Chinese edition of a lesson, notebooks/zh/NN-x.ipynb, derived from the English notebook
 * notebooks/NN-x.ipynb: the same cells, ids, code and cell metadata, each markdown cell's source
 * taken from its Chinese twin (the English cell's metadata.zh.source). The edition remembers a hash
 * of every cell it was generated with (metadata.beanlab.generated), so that a hand edit made in it
 * is found: a markdown edit is carried back into the English notebook's twin, a code edit refused.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { SETTINGS_FILE } from "../lib/util/language";
import { Cell, Json, JsonObject, Notebook, splitLines } from "./notebook";

/** The folder, beside the English notebooks, that holds the Chinese editions. */
export const ZH_FOLDER = "zh";

/** Whether `file` is a Chinese edition (it lies in a zh/ folder). */
export function isChineseEdition(file: string): boolean {
  return path.basename(path.dirname(path.resolve(file))) === ZH_FOLDER;
}

/** notebooks/NN-x.ipynb → notebooks/zh/NN-x.ipynb. */
export function chineseFile(english: string): string {
  return path.join(path.dirname(english), ZH_FOLDER, path.basename(english));
}

/** notebooks/zh/NN-x.ipynb → notebooks/NN-x.ipynb. */
export function englishFile(chinese: string): string {
  return path.join(path.dirname(path.dirname(chinese)), path.basename(chinese));
}

/** What an English notebook gives its Chinese edition. */
export type Twins =
  /** No markdown cell has a twin: an English-only lesson, with no Chinese edition. */
  | { kind: "none" }
  /** Some markdown cells have no twin (or a malformed one): one line per cell. */
  | { kind: "incomplete"; problems: string[] }
  | { kind: "complete"; edition: Notebook };

/** The Chinese edition of `english` (called `englishName` in what it says), or why there is none. */
export function chineseEdition(english: Notebook, englishName: string): Twins {
  const problems: string[] = [];
  let twins = 0;
  const cells = english.cells.map((cell, i): Cell => {
    const metadata = withoutTwin(cell.metadata);
    if (cell.cell_type !== "markdown") return { ...cell, metadata };
    const twin = twinOf(cell);
    if (typeof twin === "string") {
      twins++;
      return { ...cell, metadata, source: twin };
    }
    // A blank cell needs no translation.
    if (twin === undefined && cell.source.trim() === "") return { ...cell, metadata };
    problems.push(`${cellName(cell, i)} ${twin === undefined ? "has no Chinese twin: add metadata.zh.source" : twin.problem}`);
    return cell;
  });
  if (twins === 0 && problems.every((p) => p.endsWith("has no Chinese twin: add metadata.zh.source"))) return { kind: "none" };
  if (problems.length > 0) return { kind: "incomplete", problems };
  const beanlab: JsonObject = { edition: "zh", english: `../${path.basename(englishName)}`, generated: hashes(cells) };
  return { kind: "complete", edition: { ...english, metadata: { ...english.metadata, beanlab }, cells } };
}

/** Whether `edition`'s cells are the ones `fresh` was generated with (same sources, same cells). */
export function sameSources(edition: Notebook, fresh: Notebook): boolean {
  return JSON.stringify(hashes(edition.cells)) === JSON.stringify(hashes(fresh.cells));
}

/** What to do with a Chinese edition found on disk before it is written again. */
export type Reconciled =
  /** No hand edits, or only markdown ones, carried into `english` (the cells named in `carried`). */
  | { ok: true; carried: string[]; english: Notebook }
  /** Edits that cannot be carried back: the edition must not be overwritten. */
  | { ok: false; problems: string[] };

/**
 * Compares the Chinese edition on disk with the hashes it was generated with. A markdown cell edited
 * there whose twin did not change since has its text carried into the English cell's metadata.zh;
 * anything else edited there (code, cells added or removed, a cell whose twin changed too) is refused.
 */
export function reconcile(zh: Notebook, english: Notebook, zhName: string, englishName: string): Reconciled {
  const generated = zh.metadata.beanlab && isObject(zh.metadata.beanlab) ? zh.metadata.beanlab.generated : undefined;
  if (!generated || !isObject(generated) || !Object.values(generated).every((h) => typeof h === "string"))
    return {
      ok: false,
      problems: [`${zhName} was not written by npm run lessons (its metadata has no beanlab.generated), so it is kept as it is: move it away to let the run write the Chinese edition from ${englishName}`],
    };
  const keys = zh.cells.map(cellKey);
  const added = keys.filter((key) => !(key in generated));
  const removed = Object.keys(generated).filter((key) => !keys.includes(key));
  if (added.length > 0 || removed.length > 0) {
    const what = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean).join("; ");
    return { ok: false, problems: [`cells were added to or removed from ${zhName} (${what}): cells live in ${englishName}; make the change there, with its twins, and undo it in ${zhName}`] };
  }
  const problems: string[] = [];
  const carried: string[] = [];
  const cells = english.cells.map((cell) => ({ ...cell }));
  zh.cells.forEach((edited, i) => {
    const key = keys[i];
    if (cellHash(edited) === generated[key]) return;
    const name = cellName(edited, i);
    if (edited.cell_type !== "markdown") {
      problems.push(`${name} was edited in ${zhName}, but code lives in the English notebook: make the change in ${englishName} (both editions get it at the next run) and undo it in ${zhName}`);
      return;
    }
    const at = english.cells.findIndex((cell, j) => cellKey(cell, j) === key);
    const twin = at >= 0 && english.cells[at].cell_type === "markdown" ? twinOf(english.cells[at]) : undefined;
    if (typeof twin !== "string" || cellHash({ ...edited, source: twin }) !== generated[key]) {
      problems.push(`${name} was edited by hand in ${zhName} and its twin in ${englishName} changed too: keep one of them (copy the edit into that cell's metadata.zh.source, or undo it in ${zhName})`);
      return;
    }
    const zhMeta = cells[at].metadata.zh as JsonObject;
    cells[at] = { ...cells[at], metadata: { ...cells[at].metadata, zh: { ...zhMeta, source: splitLines(edited.source) } } };
    carried.push(name);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, carried, english: { ...english, cells } };
}

/** What is wrong with the language setting of the folder a Chinese edition runs in, or undefined if it says "zh". */
export function settingsProblem(zhDir: string): string | undefined {
  const file = path.join(zhDir, SETTINGS_FILE);
  if (!fs.existsSync(file)) return `${file} is missing: it holds { "language": "zh" }, which makes the kernel print Chinese there`;
  try {
    const language = (JSON.parse(fs.readFileSync(file, "utf8")) as { language?: unknown } | null)?.language;
    if (language === "zh") return undefined;
    return `${file} sets "language" to ${JSON.stringify(language) ?? "nothing"}, expected "zh"`;
  } catch (error) {
    return `${file} is not valid JSON (${(error as Error).message}); expected { "language": "zh" }`;
  }
}

/** Writes the zh folder's language setting if it has none; returns whether it did. */
export function writeSettings(zhDir: string): boolean {
  const file = path.join(zhDir, SETTINGS_FILE);
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(zhDir, { recursive: true });
  fs.writeFileSync(file, `{ "language": "zh" }\n`);
  return true;
}

/** "cell 5 (id c04)": cells counted from 1, as a reader counts them. */
function cellName(cell: Cell, i: number): string {
  const id = (cell as JsonObject).id;
  return typeof id === "string" ? `cell ${i + 1} (id ${id})` : `cell ${i + 1}`;
}

function cellKey(cell: Cell, i: number): string {
  const id = (cell as JsonObject).id;
  return typeof id === "string" ? id : `cell ${i + 1}`;
}

function cellHash(cell: Cell): string {
  return createHash("sha256").update(`${cell.cell_type}\n${cell.source}`).digest("hex").slice(0, 16);
}

function hashes(cells: Cell[]): JsonObject {
  return Object.fromEntries(cells.map((cell, i) => [cellKey(cell, i), cellHash(cell)]));
}

// The cell's Chinese text, undefined if it has none, or what is wrong with the one it has.
function twinOf(cell: Cell): string | undefined | { problem: string } {
  const zh = cell.metadata.zh;
  if (zh === undefined) return undefined;
  const source = isObject(zh) ? zh.source : undefined;
  if (typeof source === "string") return source;
  if (Array.isArray(source) && source.every((line) => typeof line === "string")) return source.join("");
  return { problem: `has metadata.zh ${isObject(zh) ? `with source ${describe(source)}` : `= ${describe(zh)}`}, expected { "source": [ "line\\n", ... ] }` };
}

function withoutTwin(metadata: JsonObject): JsonObject {
  const rest = { ...metadata };
  delete rest.zh;
  return rest;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && value.constructor === Object;
}

function describe(value: Json | undefined): string {
  if (value === undefined) return "missing";
  return Array.isArray(value) ? "a list that is not all strings" : JSON.stringify(value);
}
