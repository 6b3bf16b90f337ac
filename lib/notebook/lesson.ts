/**
 * The two kinds of check a lesson notebook runs: a claim the text makes, which must hold (else the
 * notebook fails), and an exercise's self-check, which reports and never fails.
 */
import { formatTable } from "../util/table";

/**
 * Backs a sentence of a lesson with a measurement: prints "✓ statement (evidence)" when `holds`,
 * and throws otherwise, so a change that breaks the lesson stops the notebook.
 */
export function claim(statement: string, holds: boolean, evidence: string): void {
  if (!holds) throw new Error(`The lesson's claim no longer holds: ${statement} (measured: ${evidence})`);
  console.log(`✓ ${statement} (${evidence})`);
}

/** What an exercise's test says about an answer: true when right, or a hint saying what is off. */
export type Verdict = true | string;

/**
 * An exercise's self-check: prints "· not attempted yet" while `answer` is undefined (the stub),
 * "✓ ..." when `test` accepts it, or "✗ not yet: <hint>". It never throws, so a student's
 * notebook always runs to the end, and returns nothing, so a notebook prints the verdict only.
 */
export function exercise<T>(name: string, answer: T | undefined, test: (answer: T) => Verdict): void {
  if (answer === undefined) {
    console.log(`· ${name}: not attempted yet`);
    return;
  }
  let verdict: Verdict;
  try {
    verdict = test(answer);
  } catch (err) {
    verdict = `your answer raised an error: ${(err as Error).message}`;
  }
  console.log(verdict === true ? `✓ ${name}: right` : `✗ ${name}: not yet. ${verdict}`);
}

/** Prints rows as an aligned text table, columns in the order of the first row's keys. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cell = (v: string | number | undefined) => (typeof v === "number" ? String(Number(v.toFixed(4))) : v ?? "");
  console.log(formatTable([keys, ...rows.map((r) => keys.map((k) => cell(r[k])))], { rule: true }));
}
