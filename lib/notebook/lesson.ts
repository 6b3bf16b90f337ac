/**
 * The two kinds of check a lesson notebook runs: a claim the text makes, which must hold (else the
 * notebook fails), and an exercise's self-check, which reports and never fails.
 */

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

/** Min, median, mean and max of measurements, e.g. test accuracies over seeds. */
export interface Spread {
  count: number;
  min: number;
  median: number;
  mean: number;
  max: number;
}

/** The spread of `values` (not empty). */
export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error("spread: no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: values.length, min: sorted[0], median, mean: values.reduce((s, v) => s + v, 0) / values.length, max: sorted[sorted.length - 1] };
}

/** A spread as "median 0.97 (min 0.91, max 1.00) over 20 runs", with `digits` decimals. */
export function formatSpread(s: Spread, digits = 2): string {
  const f = (v: number) => v.toFixed(digits);
  return `median ${f(s.median)} (min ${f(s.min)}, max ${f(s.max)}) over ${s.count} runs`;
}

/** Prints rows as an aligned text table, columns in the order of the first row's keys. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const keys = Object.keys(rows[0]);
  const cell = (v: string | number | undefined) => (typeof v === "number" ? String(Number(v.toFixed(4))) : v ?? "");
  const widths = keys.map((k) => Math.max(k.length, ...rows.map((r) => cell(r[k]).length)));
  const line = (values: string[]) => values.map((v, i) => v.padEnd(widths[i])).join("  ").trimEnd();
  console.log([line(keys), line(widths.map((w) => "-".repeat(w))), ...rows.map((r) => line(keys.map((k) => cell(r[k]))))].join("\n"));
}
