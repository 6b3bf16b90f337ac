/**
 * `npm run student`: the student edition of every lesson, written to student/ (and of every Chinese
 * edition in notebooks/zh/, written to student/zh/). In each exercise the
 * instructor's solution (the lines from `// BEGIN SOLUTION` to `// END SOLUTION`) is removed, leaving
 * the stub that precedes it; outputs that could give an answer away (the solution cells, the
 * exercise checks and later cells that use a name a solution assigns) are cleared. A comment that
 * looks like a marker but is not one exactly (`// begin solution`) is an error, not copied. Everything else is kept as it is. Nothing is written unless every
 * notebook's markers are well formed.
 */
import * as fs from "fs";
import * as path from "path";
import { isUsage, printUsage, readCommandLine } from "./cli";
import { SETTINGS_FILE } from "../lib/util/language";
import { ZH_FOLDER, chineseEdition, chineseFile, sameSources, writeSettings } from "./editions";
import { Cell, formatNotebook, Notebook, NotebookError, parseNotebook } from "./notebook";

export const BEGIN = "// BEGIN SOLUTION";
export const END = "// END SOLUTION";
/** A cell that calls `exercise(` is a self-check: its saved verdict would tell the answer. */
const CHECK = /\bexercise\(/;
/** A comment that was meant as a marker: any case, any number of slashes or a block comment, trailing text. */
const NEAR_MISS = /^(?:\/{2,}|\/\*+|#)\s*(?:begin|end)[\s_-]*solutions?\b/i;

const USAGE = `usage: npm run student
  Writes the student edition of every lesson in notebooks/ to student/, and of every Chinese edition
  in notebooks/zh/ to student/zh/: solutions removed, the outputs of solution cells and exercise
  checks cleared. Nothing is written if a marker is malformed or a Chinese edition is out of date.
`;

/** A malformed marker: names the notebook and the cell, as a reader counts cells (from 1). */
export class MarkerError extends Error {}

/** The student edition of one notebook; throws MarkerError naming `file` and the cell if a marker is malformed. */
export function studentEdition(nb: Notebook, file: string): Notebook {
  const answers = new Set<string>();
  return {
    ...nb,
    cells: nb.cells.map((cell, i) => {
      const student = studentCell(cell, `${file}, cell ${i + 1}`);
      if (student !== cell && student.source !== cell.source) {
        for (const name of assignedNames(solutionLines(cell.source))) answers.add(name);
        return student;
      }
      // A later cell that uses what a solution computed may print it: its saved outputs go too.
      if (cell.cell_type === "code" && (cell.outputs?.length ?? 0) > 0 && usesAny(cell.source, answers)) return { ...cell, outputs: [], execution_count: null };
      return student;
    }),
  };
}

// The lines between the markers of a well-formed cell.
function solutionLines(source: string): string[] {
  let inside = false;
  return source.split("\n").filter((line) => {
    const marker = line.trim();
    if (marker === BEGIN || marker === END) {
      inside = marker === BEGIN;
      return false;
    }
    return inside;
  });
}

// Names a solution assigns or declares at its top level: `answer = 3`, `const w = ...`, `[a, b] = ...`.
function assignedNames(lines: string[]): string[] {
  return lines.flatMap((line) => {
    const match = /^(?:(?:let|const|var)\s+)?([\w$]+|\[[\w$,\s]+\]|\{[\w$,\s]+\})\s*(?::[^=]*)?=(?!=)/.exec(line);
    return match ? match[1].replace(/[[\]{}]/g, "").split(",").map((name) => name.trim()).filter(Boolean) : [];
  });
}

function usesAny(source: string, names: Set<string>): boolean {
  for (const name of names) if (new RegExp(`(?<![\\w$])${name.replace(/\$/g, "\\$")}(?![\\w$])`).test(source)) return true;
  return false;
}

function studentCell(cell: Cell, where: string): Cell {
  const lines = cell.source.split("\n");
  lines.forEach((line, n) => {
    const trimmed = line.trim();
    if (cell.cell_type === "code" && trimmed !== BEGIN && trimmed !== END && NEAR_MISS.test(trimmed))
      throw new MarkerError(`${where}, line ${n + 1}: "${trimmed}" looks like a solution marker but is not one; write exactly "${BEGIN}" or "${END}" on a line of its own`);
  });
  const markers = lines.filter((line) => line.trim() === BEGIN || line.trim() === END);
  if (cell.cell_type !== "code") {
    if (markers.length > 0) throw new MarkerError(`${where}: "${markers[0].trim()}" is in a ${cell.cell_type} cell; solution markers belong in code cells`);
    return cell;
  }
  const kept: string[] = [];
  let open = -1;
  lines.forEach((line, n) => {
    const marker = line.trim();
    if (marker === BEGIN) {
      if (open >= 0) throw new MarkerError(`${where}, line ${n + 1}: "${BEGIN}" again before the "${END}" of line ${open + 1}`);
      open = n;
    } else if (marker === END) {
      if (open < 0) throw new MarkerError(`${where}, line ${n + 1}: "${END}" without a "${BEGIN}" before it`);
      open = -1;
    } else if (open < 0) {
      kept.push(line);
    }
  });
  if (open >= 0) throw new MarkerError(`${where}, line ${open + 1}: "${BEGIN}" is never closed by "${END}"`);
  const hasSolution = markers.length > 0;
  if (!hasSolution && !CHECK.test(cell.source)) return cell;
  return { ...cell, source: hasSolution ? kept.join("\n").replace(/\n+$/, "") : cell.source, outputs: [], execution_count: null };
}

/** Student editions of `files` (paths of .ipynb) as [target path, text]; throws before anything is written. */
export function studentEditions(files: string[], outDir: string): [string, string][] {
  return files.map((file) => {
    const nb = readNotebook(file);
    // The runner's record of how a Chinese edition was generated is no business of the student's.
    const metadata = { ...nb.metadata };
    delete metadata.beanlab;
    return [path.join(outDir, path.basename(file)), formatNotebook(studentEdition({ ...nb, metadata }, file))];
  });
}

/** Writes student/ from notebooks/ and student/zh/ from notebooks/zh/; returns the exit code. */
export function main(root: string, log: (line: string) => void): number {
  const source = path.join(root, "notebooks");
  const outDir = path.join(root, "student");
  const files = notebooksIn(source);
  let editions: [string, string][];
  try {
    checkChineseEditions(files, root, log);
    editions = [...studentEditions(files, outDir), ...studentEditions(notebooksIn(path.join(source, ZH_FOLDER)), path.join(outDir, ZH_FOLDER))];
  } catch (err) {
    if (err instanceof MarkerError || err instanceof NotebookError) {
      log(`✗ ${err.message}\nNothing was written.`);
      return 1;
    }
    throw err;
  }
  fs.mkdirSync(outDir, { recursive: true });
  for (const [target, text] of editions) {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    log(`wrote ${path.relative(root, target)}`);
  }
  const chinese = editions.filter(([target]) => path.dirname(target) !== outDir).length;
  // A student who opens student/zh/ in Jupyter gets Chinese, as in notebooks/zh/.
  if (chinese > 0 && writeSettings(path.join(outDir, ZH_FOLDER))) log(`wrote ${path.join(path.relative(root, outDir), ZH_FOLDER, SETTINGS_FILE)}`);
  const where = path.relative(root, outDir) || ".";
  log(`${editions.length - chinese} student editions in ${where}/ and ${chinese} in ${where}/${ZH_FOLDER}/: solutions removed, their outputs and the exercise checks' cleared.`);
  return 0;
}

function notebooksIn(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f));
}

// A Chinese edition must be the one its English notebook gives now, or the student's would drift from the English one.
function checkChineseEditions(files: string[], root: string, log: (line: string) => void): void {
  for (const file of files) {
    const name = path.relative(root, file);
    const twins = chineseEdition(readNotebook(file), name);
    if (twins.kind !== "complete") continue;
    const zh = chineseFile(file);
    const zhName = path.relative(root, zh);
    if (!fs.existsSync(zh)) {
      log(`${zhName} does not exist yet, so it has no student edition: write it with npm run lessons -- ${name}`);
      continue;
    }
    if (!sameSources(readNotebook(zh), twins.edition)) throw new NotebookError(`${zhName} is not up to date with ${name}: refresh it with npm run lessons -- ${name}`);
  }
}

function readNotebook(file: string): Notebook {
  try {
    return parseNotebook(fs.readFileSync(file));
  } catch (err) {
    if (err instanceof NotebookError) throw new NotebookError(`${file}: ${err.message}`);
    throw err;
  }
}

if (require.main === module) {
  const line = readCommandLine(process.argv.slice(2), USAGE, {});
  process.exitCode = isUsage(line) ? printUsage(line) : main(path.resolve(__dirname, ".."), (text) => console.log(text));
}
