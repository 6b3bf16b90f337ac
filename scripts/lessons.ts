/**
 * `npm run lessons [-- [--check] [--timeout SECONDS] [notebook.ipynb | folder ...]]`: runs every lesson
 * notebook top to bottom in a fresh tslab kernel (no Python, no Jupyter), each in a child process that
 * a cell running past the timeout is killed with, and saves its outputs, or with --check fails if the
 * saved outputs are not what a run produces. A notebook edited while it ran is not overwritten.
 * Each English notebook brings its Chinese edition (zh/NN-x.ipynb, made from its twins: editions.ts).
 */
import * as fs from "fs";
import * as path from "path";
import { SETTINGS_FILE } from "../lib/util/language";
import { CellFailure, executeInChild } from "./headless-kernel";
import { isUsage, readCommandLine } from "./cli";
import { covers } from "./covers";
import { chineseEdition, chineseFile, englishFile, isChineseEdition, reconcile, sameSources, settingsProblem, writeSettings } from "./editions";
import { Notebook, NotebookError, formatCell, formatNotebook, parseNotebook } from "./notebook";
import { NotebookResult, Report, Terminal, count, describeFailure, where } from "./report";
import { readSeedOffset, runAtSeedOffset } from "./seed-offset";

export type { Terminal } from "./report";
/** Seconds a code cell may run before the run stops it, unless --timeout says otherwise. */
export const DEFAULT_TIMEOUT = 300;

const USAGE = `usage: npm run lessons -- [--check] [--timeout SECONDS] [--seed-offset N] [notebook.ipynb | folder ...]
  Runs each notebook (default: notebooks/*.ipynb; a folder: the notebooks in it) top to bottom in a
  fresh tslab kernel and saves its outputs. An English notebook brings its Chinese edition,
  zh/NN-x.ipynb, made from the Chinese twins of its markdown cells (metadata.zh.source) and run in
  zh/; a notebook in a zh/ folder runs as that edition alone. --check saves nothing and fails if a
  saved notebook (either edition) differs from a fresh run. --timeout stops a code cell that runs
  longer (default ${DEFAULT_TIMEOUT} s) and fails its notebook, leaving the file as it was. --seed-offset N
  saves nothing, runs the English editions with every seed shifted by N (claims do not depend on
  the language), and fails if a claim or an exercise check fails on those seeds.
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
  for (const job of editions(files)) {
    const result = job.chinese ? await runChinese(job.file, job.named, check, timeout, report) : await runEnglish(job.file, check, timeout, report);
    if (result) results.push(result);
  }
  report.table(results);
  const coversOk = updateCovers(check, terminal);
  return results.every((result) => !result.problem) && coversOk ? 0 : 1;
}

// An English notebook brings its Chinese edition; a Chinese edition named (or in a folder named) runs alone.
function editions(files: string[]): { file: string; chinese: boolean; named: boolean }[] {
  const jobs = files.flatMap((file) =>
    isChineseEdition(file)
      ? [{ file, chinese: true, named: true }]
      : [
          { file, chinese: false, named: true },
          { file: chineseFile(file), chinese: true, named: false },
        ],
  );
  const byFile = new Map<string, (typeof jobs)[number]>();
  for (const job of jobs) if (!byFile.has(path.resolve(job.file))) byFile.set(path.resolve(job.file), job);
  return [...byFile.values()];
}

// --seed-offset N: the lessons on seeds they never saw, every claim and exercise check reported; nothing is written.
async function checkAtSeedOffset(text: string, files: string[], terminal: Terminal): Promise<number> {
  const offset = readSeedOffset(text);
  if (typeof offset === "string") {
    terminal.write(`${offset}\n${USAGE}`);
    return 2;
  }
  const english = [...new Set(files.map((file) => (isChineseEdition(file) ? englishFile(file) : file)))];
  return runAtSeedOffset(english, offset, terminal, show);
}

type Status = NotebookResult["status"];

function outcome(file: string, status: Status, cells: number | null, seconds = 0, problem?: string): NotebookResult {
  return { file: show(file), cells, seconds, status, problem };
}

// A notebook's bytes and cells, or the result that says why it cannot be run.
function readNotebook(file: string): { saved: Buffer; notebook: Notebook } | { status: Status; problem: string } {
  let saved: Buffer;
  try {
    saved = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { status: "unreadable", problem: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : (code ?? String(error)) };
  }
  try {
    return { saved, notebook: parseNotebook(saved) };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    return { status: "malformed", problem: error.message };
  }
}

// Saves the English notebook's fresh outputs, or with `check` compares them with the saved ones.
async function runEnglish(file: string, check: boolean, timeout: number, report: Report): Promise<NotebookResult> {
  const name = show(file);
  for (const stale of removeStaleTemporaries(file)) report.note(`removed ${show(stale)}, a temporary file left by a run that was killed.`);
  const read = readNotebook(file);
  if ("problem" in read) {
    report.problem(read.status === "unreadable" ? `${name}: cannot read it (${read.problem}).` : `${name}: ${read.problem}. Nothing was run and the file was not changed.`);
    return outcome(file, read.status, null, 0, read.problem);
  }
  return runAndSave(file, read.notebook, read.saved, check, timeout, report);
}

/**
 * The Chinese edition of ../NN.ipynb, generated from its twins, then run in its zh/ folder (whose
 * beanlab.json says "zh"). Brought by an English notebook that cannot be read (`named` false), it
 * has no row of its own: the English notebook's row says what is wrong.
 */
async function runChinese(file: string, named: boolean, check: boolean, timeout: number, report: Report): Promise<NotebookResult | undefined> {
  const name = show(file);
  const source = englishFile(file);
  const english = readNotebook(source);
  if ("problem" in english) {
    if (!named) return undefined;
    report.problem(`${name}: not run, as its English notebook ${show(source)} cannot be used (${english.problem}).`);
    return outcome(file, "not run", null, 0, `${show(source)} ${english.status}`);
  }
  const twins = chineseEdition(english.notebook, show(source));
  if (twins.kind === "none") return outcome(file, "English only", null);
  if (twins.kind === "incomplete") {
    report.problem(`${name}: not written, as ${show(source)} is not fully translated:\n${twins.problems.map((p) => `  ${p}`).join("\n")}`);
    return outcome(file, "untranslated", english.notebook.cells.length, 0, `${count(twins.problems.length, "cell")} without a twin`);
  }
  for (const stale of removeStaleTemporaries(file)) report.note(`removed ${show(stale)}, a temporary file left by a run that was killed.`);
  let edition = twins.edition;
  const onDisk = fs.existsSync(file) ? readNotebook(file) : undefined;
  if (onDisk && "problem" in onDisk) {
    report.problem(`${name}: ${onDisk.problem}; it was not overwritten. Move it away to let the run write it from ${show(source)}.`);
    return outcome(file, "kept", null, 0, onDisk.problem);
  }
  if (onDisk) {
    const reconciled = reconcile(onDisk.notebook, english.notebook, name, show(source));
    if (!reconciled.ok) {
      report.problem(`${name} was not overwritten, so that the edits made in it are not lost:\n${reconciled.problems.map((p) => `  ${p}`).join("\n")}`);
      return outcome(file, "kept", edition.cells.length, 0, "edited by hand; see above");
    }
    if (reconciled.carried.length > 0) {
      if (check) {
        report.problem(`${name} was edited by hand in ${reconciled.carried.join(", ")}, not yet carried back into ${show(source)}.\n  Carry them back with: npm run lessons -- ${name}`);
        return outcome(file, "stale", edition.cells.length, 0, "hand edits not carried back");
      }
      replaceFile(source, formatNotebook(reconciled.english));
      report.note(`carried the hand edits of ${name} back into the twins (metadata.zh) of ${show(source)}: ${reconciled.carried.join(", ")}.`);
      edition = (chineseEdition(reconciled.english, show(source)) as { edition: Notebook }).edition;
    }
  }
  const zhDir = path.dirname(file);
  if (check && !(onDisk && sameSources(onDisk.notebook, edition))) {
    const why = onDisk ? `its text or code is not what ${show(source)} and its twins give` : "it does not exist yet";
    report.problem(`${name} is stale: ${why}.\n  Write it with: npm run lessons -- ${name}`);
    return outcome(file, "stale", edition.cells.length, 0, onDisk ? "sources differ" : "missing");
  }
  if (!check && writeSettings(zhDir)) report.note(`wrote ${show(path.join(zhDir, SETTINGS_FILE))}: { "language": "zh" }, so that lessons run there print Chinese.`);
  const settings = settingsProblem(zhDir);
  if (settings) {
    report.problem(`${name}: not run: ${settings}.`);
    return outcome(file, "failed", edition.cells.length, 0, "language setting");
  }
  return runAndSave(file, edition, onDisk?.saved, check, timeout, report);
}

// Runs `notebook` in its folder and saves it to `file` (whose bytes were `saved`), or with `check` compares.
async function runAndSave(file: string, notebook: Notebook, saved: Buffer | undefined, check: boolean, timeout: number, report: Report): Promise<NotebookResult> {
  const name = show(file);
  const { cells } = notebook;
  const started = performance.now();
  report.start(name, cells.length);
  const execution = await executeInChild(cells, path.dirname(path.resolve(file)), timeout, (cell) => report.cell(name, cell, cells.length));
  const seconds = (performance.now() - started) / 1000;
  if (!execution.ok) {
    const { failure } = execution;
    report.problem(describeFailure(name, failure, cells) + outsideHint(file, failure));
    return outcome(file, failure.timedOut ? "timed out" : "failed", cells.length, seconds, `at ${where(failure.cell, cells)}`);
  }
  const text = formatNotebook({ ...notebook, cells: execution.cells });
  if (saved && Buffer.from(text).equals(saved)) return outcome(file, check ? "up to date" : "unchanged", cells.length, seconds);
  if (check) {
    const before = saved ? parseNotebook(saved).cells : [];
    const changed = cells.flatMap((_, i) => (before[i] && formatCell(before[i]) === formatCell(execution.cells[i]) ? [] : [where(i + 1, cells)]));
    const what = changed.length > 0 ? `outputs differ from a fresh run in ${changed.join(", ")}` : "the file is not laid out as Jupyter saves it";
    report.problem(`${name} is stale: ${what}.\n  Refresh it with: npm run lessons -- ${name}`);
    return outcome(file, "stale", cells.length, seconds, changed.length > 0 ? `differs in ${changed.join(", ")}` : "layout differs");
  }
  if (changedSince(file, saved)) {
    report.problem(`${name} was changed on disk while it ran (saved from Jupyter or an editor?): it was not written, so that change is kept.\n  Run it again to save fresh outputs: npm run lessons -- ${name}`);
    return outcome(file, "changed", cells.length, seconds, "changed on disk while it ran; not written");
  }
  replaceFile(file, text);
  return outcome(file, "written", cells.length, seconds);
}

// Written next to the notebook and renamed over it, so an interrupted run leaves the old file whole.
function replaceFile(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    fs.writeFileSync(temporary, text, { mode: fs.statSync(file, { throwIfNoEntry: false })?.mode ?? 0o644 });
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
function changedSince(file: string, saved: Buffer | undefined): boolean {
  if (!saved) return fs.existsSync(file);
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
