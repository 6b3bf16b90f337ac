/**
 * The two kinds of check a lesson notebook runs: a claim the text makes, which must hold (else the
 * notebook fails), and an exercise's self-check, which reports and never fails.
 */
import { checkKeys, describe } from "../util/checks";
import { MessageKey, message } from "../util/messages";
import { formatTable } from "../util/table";

/** A claim or an exercise check that a notebook ran while checks were being recorded. */
export interface CheckRecord {
  kind: "claim" | "exercise";
  /** The claim's statement, or the exercise's name. */
  name: string;
  /** Whether it held (the exercise's answer was right); undefined for an exercise not attempted yet. */
  passed: boolean | undefined;
  /** The line the check printed. */
  line: string;
}

// On globalThis, so that the runner's copy of beanlab and the notebook's share one list.
const CHECKS = Symbol.for("beanlab.lessonChecks");

/**
 * Records every claim and exercise check from now on into the returned list, and lets a failing
 * claim print "✗ ..." instead of stopping the notebook: a run on unseen seeds sees every claim.
 */
export function recordChecks(): CheckRecord[] {
  const records: CheckRecord[] = [];
  (globalThis as Record<symbol, unknown>)[CHECKS] = records;
  return records;
}

/** Stops recording checks: a failing claim stops the notebook again. */
export function stopRecordingChecks(): void {
  delete (globalThis as Record<symbol, unknown>)[CHECKS];
}

function recorded(): CheckRecord[] | undefined {
  return (globalThis as Record<symbol, unknown>)[CHECKS] as CheckRecord[] | undefined;
}

/**
 * Backs a sentence of a lesson with a measurement: prints "✓ statement (evidence)" when `holds`,
 * and throws otherwise, so a change that breaks the lesson stops the notebook (while checks are
 * recorded, it prints "✗ statement (measured: evidence)" and the notebook goes on).
 */
export function claim(statement: string, holds: boolean, evidence: string): void {
  const records = recorded();
  if (!holds && !records) throw new Error(`The lesson's claim no longer holds: ${statement} (measured: ${evidence})`);
  const line = message(holds ? "claim.held" : "claim.failed", { statement, evidence });
  records?.push({ kind: "claim", name: statement, passed: holds, line });
  console.log(line);
}

/** What an exercise's test says about an answer: true when right, or a hint saying what is off. */
export type Verdict = true | string;

/**
 * An exercise's self-check: prints "· not attempted yet" while `answer` is undefined (the stub),
 * "✓ ..." when `test` accepts it, or "✗ not yet. <hint>", in the current language. It never throws,
 * so a student's notebook always runs to the end, and returns nothing, so a notebook prints the
 * verdict only.
 */
export function exercise<T>(name: string, answer: T | undefined, test: (answer: T) => Verdict): void {
  const report = (passed: boolean | undefined, line: string) => {
    recorded()?.push({ kind: "exercise", name, passed, line });
    console.log(line);
  };
  if (answer === undefined) {
    report(undefined, message("exercise.notAttempted", { name }));
    return;
  }
  let verdict: Verdict;
  try {
    verdict = test(answer);
  } catch (err) {
    verdict = message("exercise.raised", { error: (err as Error).message });
  }
  report(verdict === true, verdict === true ? message("exercise.right", { name }) : message("exercise.notYet", { name, hint: verdict }));
}

/** Options of `printTable`. */
export interface PrintTableArgs {
  /**
   * The header shown for a column key, e.g. { seeds: tr({ en: "seeds", zh: "种子" }) }. Default: the
   * key itself, or for a spread's keys (spreadColumns' median, min, max, and mean) their name in the
   * current language.
   */
  headers?: Record<string, string>;
}

/** Prints rows as an aligned text table, columns in the order of the first row's keys. */
export function printTable(rows: Record<string, string | number>[], args: PrintTableArgs = {}): void {
  checkKeys(args, ["headers"], "printTable");
  if (!Array.isArray(rows)) throw new Error(`printTable: rows must be an array of objects like [{ seed: 1, accuracy: 0.9 }], got ${describe(rows)}`);
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const headers = args.headers ?? {};
  for (const key of Object.keys(headers)) {
    if (!keys.includes(key)) throw new Error(`printTable: headers names "${key}", which is not a column; the columns are ${keys.join(", ")}`);
    if (typeof headers[key] !== "string") throw new Error(`printTable: headers["${key}"] must be a string, got ${describe(headers[key])}`);
  }
  const cell = (v: string | number | undefined) => (typeof v === "number" ? String(Number(v.toFixed(4))) : v ?? "");
  console.log(formatTable([keys.map((k) => headers[k] ?? columnName(k)), ...rows.map((r) => keys.map((k) => cell(r[k])))], { rule: true }));
}

/** Column keys that are the library's own (a Spread's), shown in the current language. */
const LIBRARY_COLUMNS: Record<string, MessageKey> = { median: "column.median", min: "column.min", max: "column.max", mean: "column.mean" };

function columnName(key: string): string {
  return Object.prototype.hasOwnProperty.call(LIBRARY_COLUMNS, key) ? message(LIBRARY_COLUMNS[key]) : key;
}
