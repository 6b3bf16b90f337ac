import { describe } from "../util/checks";

/** Min, median, mean and max of measurements, e.g. test accuracies over seeds. */
export interface Spread {
  count: number;
  min: number;
  median: number;
  mean: number;
  max: number;
}

/** The spread of `values` (not empty; Infinity allowed, for runs that never got there). */
export function spread(values: number[]): Spread {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`spread: expected a non-empty array of numbers, got ${describe(values)}`);
  if (!values.every((v) => typeof v === "number" && !Number.isNaN(v))) throw new Error("spread: every value must be a number (not NaN)");
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

/** The spread of `values` as table columns { median, min, max }, rounded to `digits` decimals. */
export function spreadColumns(values: number[], digits = 3): { median: number; min: number; max: number } {
  const s = spread(values);
  const r = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(digits)) : v);
  return { median: r(s.median), min: r(s.min), max: r(s.max) };
}

/** How many of some runs passed a test: `count` of `total`. */
export interface Tally {
  count: number;
  total: number;
}

/** How many of `values` pass `test`, e.g. `tally(best, (a) => a >= 0.95)`. */
export function tally<T>(values: T[], test: (value: T) => boolean): Tally {
  if (!Array.isArray(values)) throw new Error(`tally: expected an array, got ${describe(values)}`);
  if (typeof test !== "function") throw new Error(`tally: test must be a function such as (a) => a >= 0.95, got ${describe(test)}`);
  return { count: values.filter(test).length, total: values.length };
}

/** A tally as "17 of 20". */
export function formatTally(t: Tally): string {
  return `${t.count} of ${t.total}`;
}
