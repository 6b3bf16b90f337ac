/**
 * `npm run lessons [-- [--check] [--timeout SECONDS] [notebook.ipynb | folder ...]]`: runs every lesson
 * notebook top to bottom in a fresh tslab kernel (no Python, no Jupyter), each in a child process that
 * a cell running past the timeout is killed with, and saves its outputs, or with --check fails if the
 * saved outputs are not what a run produces. A notebook edited while it ran is not overwritten.
 */
import * as fs from "fs";
import * as path from "path";
import { CellFailure, executeInChild } from "./headless-kernel";
import { formatTable } from "../lib/util/table";
import { isUsage, readCommandLine } from "./cli";
import { covers } from "./covers";
import { Cell, NotebookError, formatCell, formatNotebook, parseNotebook } from "./notebook";
import { readSeedOffset, runAtSeedOffset } from "./seed-offset";

/** Where the CLI writes: the real stdout, captured before notebooks replace process.stdout.write. */
export interface Terminal {
  write(text: string): void;
  /** Whether progress can be redrawn in place. */
  isTTY: boolean;
}

// How one notebook went.
interface NotebookResult {
  /** The notebook's path, relative to the working folder. */
  file: string;
  /** Number of cells, or null if the file could not be read as a notebook. */
  cells: number | null;
  /** Seconds spent executing. */
  seconds: number;
  /** written, unchanged and "up to date" (--check) pass; the others fail the run. */
  status: "written" | "unchanged" | "up to date" | "stale" | "failed" | "timed out" | "changed" | "malformed" | "unreadable";
  /** One line saying what went wrong, for the summary. */
  problem?: string;
}

/** Seconds a code cell may run before the run stops it, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT = 300;

const USAGE = `usage: npm run lessons -- [--check] [--timeout SECONDS] [--seed-offset N] [notebook.ipynb | folder ...]
  Runs each notebook (default: notebooks/*.ipynb; a folder: the notebooks in it) top to bottom in a
  fresh tslab kernel and saves its outputs. --check saves nothing and fails if a saved notebook
  differs from a fresh run. --timeout stops a code cell that runs longer (default ${DEFAULT_TIMEOUT} s) and
  fails its notebook, leaving the file as it was. --seed-offset N saves nothing, runs with every seed
  shifted by N, and fails if a claim or an exercise check fails on those seeds.
`;

/** Runs the CLI with `args`; returns the exit code (0 all good, 1 a notebook failed or is stale, 2 bad usage). */
export async function main(args: string[], terminal: Terminal): Promise<number> {
  const line = readCommandLine(args, USAGE, { check: { type: "boolean" }, timeout: { type: "string" }, "seed-offset": { type: "string" } }, true);
  if (isUsage(line)) {
    terminal.write(line.text);
    return line.exit;
  }
  const check = line.values.check ?? false;
  const timeout = readTimeout(line.values.timeout);
  if (typeof timeout === "string") {
    terminal.write(`${timeout}\n${USAGE}`);
    return 2;
  }
  const files = line.positionals.flatMap(expandFolder);
  if (line.positionals.length === 0) files.push(...lessonNotebooks());
  if (files.length === 0) {
    const where = line.positionals.length === 0 ? [notebooksDir()] : line.positionals;
    terminal.write(`No notebooks in ${where.map((dir) => show(dir) + path.sep).join(", ")}.\n`);
    return line.positionals.length === 0 ? 0 : 1;
  }
  if (line.values["seed-offset"] !== undefined) return checkAtSeedOffset(line.values["seed-offset"], files, terminal);
  const report = new Report(terminal);
  const results: NotebookResult[] = [];
  for (const file of files) results.push(await runNotebook(file, check, timeout, report));
  report.table(results);
  const coversOk = updateCovers(check, terminal);
  return results.every((result) => !result.problem) && coversOk ? 0 : 1;
}

// --seed-offset N: the lessons on seeds they never saw, every claim and exercise check reported; nothing is written.
async function checkAtSeedOffset(text: string, files: string[], terminal: Terminal): Promise<number> {
  const offset = readSeedOffset(text);
  if (typeof offset === "string") {
    terminal.write(`${offset}\n${USAGE}`);
    return 2;
  }
  return runAtSeedOffset(files, offset, terminal, show);
}

// Saves the notebook's fresh outputs, or with `check` compares them with the saved ones.
async function runNotebook(file: string, check: boolean, timeout: number, report: Report): Promise<NotebookResult> {
  const name = show(file);
  const result = (status: NotebookResult["status"], cells: number | null, seconds = 0, problem?: string): NotebookResult => ({
    file: name,
    cells,
    seconds,
    status,
    problem,
  });
  for (const stale of removeStaleTemporaries(file)) report.note(`removed ${show(stale)}, a temporary file left by a run that was killed.`);
  let saved: Buffer;
  try {
    saved = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? String(error));
    report.problem(`${name}: cannot read it (${reason}).`);
    return result("unreadable", null, 0, reason);
  }
  let notebook;
  try {
    notebook = parseNotebook(saved);
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    report.problem(`${name}: ${error.message}. Nothing was run and the file was not changed.`);
    return result("malformed", null, 0, error.message);
  }
  const { cells } = notebook;
  const started = performance.now();
  report.start(name, cells.length);
  const execution = await executeInChild(cells, path.dirname(path.resolve(file)), timeout, (cell) => report.cell(name, cell, cells.length));
  const seconds = (performance.now() - started) / 1000;
  if (!execution.ok) {
    const { failure } = execution;
    report.problem(describeFailure(name, failure, cells) + outsideHint(file, failure));
    return result(failure.timedOut ? "timed out" : "failed", cells.length, seconds, `at ${where(failure.cell, cells)}`);
  }
  const text = formatNotebook({ ...notebook, cells: execution.cells });
  if (Buffer.from(text).equals(saved)) return result(check ? "up to date" : "unchanged", cells.length, seconds);
  if (check) {
    const changed = cells.flatMap((cell, i) => (formatCell(cell) === formatCell(execution.cells[i]) ? [] : [where(i + 1, cells)]));
    const what = changed.length > 0 ? `outputs differ from a fresh run in ${changed.join(", ")}` : "the file is not laid out as Jupyter saves it";
    report.problem(`${name} is stale: ${what}.\n  Refresh it with: npm run lessons -- ${name}`);
    return result("stale", cells.length, seconds, changed.length > 0 ? `differs in ${changed.join(", ")}` : "layout differs");
  }
  if (changedSince(file, saved)) {
    report.problem(`${name} was changed on disk while it ran (saved from Jupyter or an editor?): it was not written, so that change is kept.\n  Run it again to save fresh outputs: npm run lessons -- ${name}`);
    return result("changed", cells.length, seconds, "changed on disk while it ran; not written");
  }
  replaceFile(file, text);
  return result("written", cells.length, seconds);
}

// Progress while notebooks run, problems as they happen, and the closing table.
class Report {
  private redraw = false;
  private afterProblem = false;

  constructor(private readonly terminal: Terminal) {}

  /** A notebook starts. */
  start(name: string, cells: number): void {
    if (!this.terminal.isTTY) this.terminal.write(`${name}  running ${count(cells, "cell")}\n`);
    this.afterProblem = false;
  }

  /** A cell starts; on a terminal the line is redrawn in place. */
  cell(name: string, cell: number, cells: number): void {
    if (!this.terminal.isTTY) return;
    this.terminal.write(`\r\x1b[K${name}  cell ${cell}/${cells} ...`);
    this.redraw = true;
  }

  /** Something the reader should know that is no failure. */
  note(text: string): void {
    this.clear();
    this.terminal.write(`${text}\n`);
  }

  /** A notebook failed or could not be run; printed at once so that it stays above the table. */
  problem(text: string): void {
    this.clear();
    this.terminal.write(`✗ ${text}\n\n`);
    this.afterProblem = true;
  }

  /** The summary: one row per notebook. */
  table(results: NotebookResult[]): void {
    this.clear();
    if (!this.afterProblem && !this.terminal.isTTY) this.terminal.write("\n");
    const rows = [
      ["notebook", "cells", "seconds", "status"],
      ...results.map((r) => [r.file, r.cells === null ? "-" : String(r.cells), r.cells === null ? "-" : r.seconds.toFixed(1), r.problem ? `${r.status}: ${r.problem}` : r.status]),
    ];
    this.terminal.write(formatTable(rows, { align: ["left", "right", "right", "left"] }) + "\n");
    const bad = results.filter((r) => r.problem).length;
    this.terminal.write(bad === 0 ? `${count(results.length, "notebook")} ok.\n` : `${bad} of ${count(results.length, "notebook")} not ok.\n`);
  }

  private clear(): void {
    if (this.redraw) this.terminal.write("\r\x1b[K");
    this.redraw = false;
  }
}

function describeFailure(name: string, failure: CellFailure, cells: Cell[]): string {
  if (failure.timedOut)
    return `${name}: ${where(failure.cell, cells)} was still running after ${failure.timedOut} s and was stopped:\n${excerpt(failure.source)}\n  Make it faster, or allow more time per cell with --timeout SECONDS. The notebook was not changed.`;
  const stderr = withoutRunnerFrames(failure.stderr).trimEnd() || "(the cell failed without writing to stderr)";
  return [
    `${name}: ${where(failure.cell, cells)} failed:`,
    excerpt(failure.source),
    "  error:",
    ...stderr.split("\n").map((line) => `    ${line}`),
    "  The notebook was not changed.",
  ].join("\n");
}

// The first lines of a cell's source, indented.
function excerpt(source: string): string {
  const lines = source.split("\n");
  const shown = lines.slice(0, 3).map((line) => `    ${line}`);
  if (lines.length > 3) shown.push(`    ... (${count(lines.length - 3, "more line")})`);
  return shown.join("\n");
}

// Stack frames and source excerpts from Node, tslab, tsx and this runner say nothing about the notebook.
function withoutRunnerFrames(stderr: string): string {
  const runner = ["tslab", "tsx"].map((name) => `${path.sep}${name}${path.sep}dist${path.sep}`).concat(__dirname + path.sep);
  const fromRunner = (line: string) => /\(node:|at node:/.test(line) || runner.some((dir) => line.includes(dir));
  let lines = stderr.split("\n");
  // Node begins an error it prints with "file:line", that line of source, a caret and a blank line.
  if (/:\d+$/.test(lines[0]) && fromRunner(lines[0])) lines = lines.slice(lines.indexOf("") + 1);
  return lines.filter((line) => !(/^\s+at /.test(line) && fromRunner(line))).join("\n");
}

/** "cell 7 (code cell 4)": cell numbers as a reader counts them, from 1, markdown included. */
function where(cell: number, cells: Cell[]): string {
  if (cells[cell - 1].cell_type !== "code") return `cell ${cell}`;
  const codeCell = cells.slice(0, cell).filter((c) => c.cell_type === "code").length;
  return `cell ${cell} (code cell ${codeCell})`;
}

// Written next to the notebook and renamed over it, so an interrupted run leaves the old file whole.
function replaceFile(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { mode: fs.statSync(file).mode });
    fs.renameSync(temporary, file);
  } finally {
    fs.rmSync(temporary, { force: true });
  }
}

// The --timeout value in seconds, or what is wrong with it.
function readTimeout(value: string | undefined): number | string {
  if (value === undefined) return DEFAULT_TIMEOUT;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) return `--timeout ${JSON.stringify(value)}: expected a number of seconds above 0, e.g. --timeout ${DEFAULT_TIMEOUT}`;
  return seconds;
}

// A folder stands for the notebooks in it; anything else is taken as a notebook's path.
function expandFolder(arg: string): string[] {
  if (!fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory()) return [arg];
  return fs
    .readdirSync(arg)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(arg, name));
}

// The file on disk is no longer the bytes that were run: someone saved it meanwhile.
function changedSince(file: string, saved: Buffer): boolean {
  try {
    return !fs.readFileSync(file).equals(saved);
  } catch {
    return true;
  }
}

// replaceFile's temporaries beside `file` whose process is gone; removes them and returns their paths.
function removeStaleTemporaries(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}.`;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const pid = name.startsWith(prefix) && name.endsWith(".tmp") ? Number(name.slice(prefix.length, -".tmp".length)) : NaN;
    if (!Number.isInteger(pid) || pid <= 0 || isRunning(pid)) return [];
    fs.rmSync(path.join(dir, name), { force: true });
    return [path.join(dir, name)];
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// Outside this repository "beanlab" resolves only where it is installed; say so when that is the failure.
function outsideHint(file: string, failure: CellFailure): string {
  const root = path.resolve(__dirname, "..");
  const inside = !path.relative(root, path.resolve(file)).startsWith("..");
  if (inside || !failure.stderr.includes("Cannot find module 'beanlab'")) return "";
  return `\n  ${show(file)} is outside this repository (${show(root)}), where "beanlab" is not installed: move it into notebooks/, or run npm install in its folder.`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

// The README's lesson pictures follow the notebooks: rewritten after a run, compared with --check.
function updateCovers(check: boolean, terminal: Terminal): boolean {
  const stale = covers(path.resolve(__dirname, "..")).filter(([file, png]) => !(fs.existsSync(file) && fs.readFileSync(file).equals(png)));
  if (stale.length === 0) return true;
  if (check) {
    terminal.write(`✗ stale lesson covers: ${stale.map(([file]) => show(file)).join(", ")}. Refresh them with: npm run lessons\n`);
    return false;
  }
  for (const [file, png] of stale) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, png);
  }
  terminal.write(`updated ${stale.length} lesson cover${stale.length === 1 ? "" : "s"} in ${show(path.dirname(stale[0][0]))}${path.sep}.\n`);
  return true;
}

function notebooksDir(): string {
  return path.resolve(__dirname, "..", "notebooks");
}

function lessonNotebooks(): string[] {
  const dir = notebooksDir();
  return fs
    .readdirSync(dir)
    .filter((name) => name.endsWith(".ipynb"))
    .sort()
    .map((name) => path.join(dir, name));
}

function show(file: string): string {
  return path.relative(process.cwd(), path.resolve(file)) || file;
}

if (require.main === module) {
  const terminal = { write: (text: string) => void process.stdout.write(text), isTTY: Boolean(process.stdout.isTTY) };
  main(process.argv.slice(2), terminal).then((code) => process.exit(code));
}
