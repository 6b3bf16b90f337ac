/**
 * `npm run lessons -- --seed-offset N [notebook.ipynb ...]`: runs lessons with every seed shifted by
 * N, saves nothing, and reports each claim and exercise check: do the lessons hold on seeds they never saw?
 */
import * as fs from "fs";
import * as path from "path";
import { setSeedOffset } from "../lib/engine/rng";
import { CheckRecord, recordChecks, stopRecordingChecks } from "../lib/notebook/lesson";
import { executeCells } from "./headless-kernel";
import { NotebookError, parseNotebook } from "./notebook";

/** Where the report goes. */
export interface Output {
  write(text: string): void;
}

// How one notebook went at the offset.
interface OffsetResult {
  claims: number;
  failedClaims: number;
  exercises: number;
  wrongExercises: number;
  /** Why the notebook did not run to the end, if it did not. */
  problem?: string;
}

/** The --seed-offset value as an integer, or the usage error to print. */
export function readSeedOffset(text: string): number | string {
  const offset = Number(text);
  return /^-?\d+$/.test(text.trim()) && Number.isSafeInteger(offset) ? offset : `--seed-offset takes a whole number, such as --seed-offset 1000, got "${text}"`;
}

/** Runs `files` at seed offset `offset` and reports; returns the exit code (0 every check held, 1 not). */
export async function runAtSeedOffset(files: string[], offset: number, out: Output, show: (file: string) => string): Promise<number> {
  out.write(`Running ${files.length} notebook${files.length === 1 ? "" : "s"} with every seed shifted by ${offset}; nothing is saved.\n\n`);
  const results: [string, OffsetResult][] = [];
  for (const file of files) {
    const name = show(file);
    out.write(`${name}\n`);
    const result = await runOne(file, offset);
    for (const line of result.lines) out.write(`  ${line}\n`);
    out.write(`  ${summary(result.result)}\n\n`);
    results.push([name, result.result]);
  }
  const bad = results.filter(([, r]) => !passed(r));
  const all = (key: keyof OffsetResult) => results.reduce((s, [, r]) => s + Number(r[key] ?? 0), 0);
  out.write(`seed offset ${offset}: ${all("claims") - all("failedClaims")} of ${all("claims")} claims hold, ${all("wrongExercises")} exercise check${all("wrongExercises") === 1 ? "" : "s"} wrong.\n`);
  out.write(bad.length === 0 ? `${results.length} notebook${results.length === 1 ? "" : "s"} ok.\n` : `${bad.length} of ${results.length} notebooks not ok: ${bad.map(([name]) => name).join(", ")}.\n`);
  return bad.length === 0 ? 0 : 1;
}

async function runOne(file: string, offset: number): Promise<{ lines: string[]; result: OffsetResult }> {
  const empty = { claims: 0, failedClaims: 0, exercises: 0, wrongExercises: 0 };
  let cells;
  try {
    cells = parseNotebook(fs.readFileSync(file)).cells;
  } catch (error) {
    const reason = error instanceof NotebookError ? error.message : ((error as NodeJS.ErrnoException).code ?? String(error));
    return { lines: [`✗ cannot run it: ${reason}`], result: { ...empty, problem: reason } };
  }
  setSeedOffset(offset);
  const records = recordChecks();
  let execution;
  try {
    execution = await executeCells(cells, path.dirname(path.resolve(file)), () => undefined);
  } finally {
    stopRecordingChecks();
    setSeedOffset(0);
  }
  const lines = records.map((r) => r.line);
  const result = tallyChecks(records);
  if (!execution.ok) {
    const stderr = execution.failure.stderr.split("\n").filter((line) => line.trim() !== "");
    const error = stderr.find((line) => /^\s*\w*(Error|Rejection)\b/.test(line)) ?? stderr[0] ?? "(no message)";
    result.problem = `cell ${execution.failure.cell} failed`;
    lines.push(`✗ cell ${execution.failure.cell} failed, the rest did not run: ${error.trim()}`);
  }
  return { lines, result };
}

function tallyChecks(records: CheckRecord[]): OffsetResult {
  const claims = records.filter((r) => r.kind === "claim");
  const exercises = records.filter((r) => r.kind === "exercise");
  return {
    claims: claims.length,
    failedClaims: claims.filter((r) => !r.passed).length,
    exercises: exercises.length,
    wrongExercises: exercises.filter((r) => r.passed === false).length,
  };
}

function passed(r: OffsetResult): boolean {
  return !r.problem && r.failedClaims === 0 && r.wrongExercises === 0;
}

function summary(r: OffsetResult): string {
  const verdict = passed(r) ? "ok" : "not ok";
  const ran = r.problem ? `; ${r.problem}` : "";
  return `${verdict}: ${r.claims - r.failedClaims} of ${r.claims} claims hold, ${r.wrongExercises} of ${r.exercises} exercise checks wrong${ran}`;
}
