/**
 * What `npm run lessons` prints: progress while notebooks run, problems as they happen, a failing
 * cell described without the runner's own stack frames, and the closing table.
 */
import * as path from "path";
import type { CellFailure } from "./headless-kernel";
import type { Cell } from "./notebook";
import { formatTable } from "../lib/util/table";

/** Where the CLI writes: the real stdout, captured before notebooks replace process.stdout.write. */
export interface Terminal {
  write(text: string): void;
  /** Whether progress can be redrawn in place. */
  isTTY: boolean;
}

/** How one notebook (one edition) went. */
export interface NotebookResult {
  /** The notebook's path, relative to the working folder. */
  file: string;
  /** Number of cells, or null if the file could not be read as a notebook. */
  cells: number | null;
  /** Seconds spent executing. */
  seconds: number;
  /**
   * written, unchanged, "up to date" (--check) and "English only" (a Chinese edition whose English
   * notebook has no twins, so none is written) pass; the others fail the run.
   */
  status:
    | "written"
    | "unchanged"
    | "up to date"
    | "English only"
    | "stale"
    | "failed"
    | "timed out"
    | "changed"
    | "malformed"
    | "unreadable"
    | "untranslated"
    | "kept"
    | "not run";
  /** One line saying what went wrong, for the summary. */
  problem?: string;
}

/** Progress while notebooks run, problems as they happen, and the closing table. */
export class Report {
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
    const englishOnly = results.filter((r) => r.status === "English only").length;
    const run = results.length - englishOnly;
    const bad = results.filter((r) => r.problem).length;
    const ok = bad === 0 ? `${count(run, "notebook")} ok` : `${bad} of ${count(run, "notebook")} not ok`;
    this.terminal.write(englishOnly === 0 ? `${ok}.\n` : `${ok}; ${englishOnly} English only (no Chinese twins, so no Chinese edition).\n`);
  }

  private clear(): void {
    if (this.redraw) this.terminal.write("\r\x1b[K");
    this.redraw = false;
  }
}

export function describeFailure(name: string, failure: CellFailure, cells: Cell[]): string {
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
export function where(cell: number, cells: Cell[]): string {
  if (cells[cell - 1].cell_type !== "code") return `cell ${cell}`;
  const codeCell = cells.slice(0, cell).filter((c) => c.cell_type === "code").length;
  return `cell ${cell} (code cell ${codeCell})`;
}

export function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
