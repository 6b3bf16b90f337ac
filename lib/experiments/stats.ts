import { describe } from "../util/checks";
import { message } from "../util/messages";

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
  const sorted = [...spreadInput(values, "spread")].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { count: values.length, min: sorted[0], median, mean: values.reduce((s, v) => s + v, 0) / values.length, max: sorted[sorted.length - 1] };
}

/** A spread as "median 0.97 (min 0.91, max 1.00) over 20 runs" (in Chinese "中位数 0.97（最小 0.91，最大 1.00），共 20 次运行"), with `digits` decimals. */
export function formatSpread(s: Spread, digits = 2): string {
  const f = (v: number) => v.toFixed(digits);
  return message("spread", { median: f(s.median), min: f(s.min), max: f(s.max), count: s.count });
}

/** The spread of `values` as table columns { median, min, max }, rounded to `digits` decimals (printTable shows these keys in the current language). */
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

/** A tally as "17 of 20" (in Chinese "20 个中 17 个"). */
export function formatTally(t: Tally): string {
  return message("tally", { count: t.count, total: t.total });
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval [low, high] of a success rate at 95% confidence: where the true rate
 * of a tally probably lies, sensible also at 0 of n and n of n (unlike count / total ± ...).
 */
export function wilson(t: Tally): [number, number] {
  if (!t || !Number.isInteger(t.count) || !Number.isInteger(t.total) || t.total < 1 || t.count < 0 || t.count > t.total) {
    throw new Error(`wilson: expected a tally { count, total } with 0 <= count <= total and total >= 1, got ${describe(t)}`);
  }
  const n = t.total;
  const p = t.count / n;
  const z2 = Z95 * Z95;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/**
 * A tally with its 95% interval: "19 of 20 seeds, 95% CI 76-99%" (in Chinese "20 个种子中 19 个，95%
 * 置信区间 76-99%"). `what` counts the tally: "seeds" and "runs" are said in the current language,
 * any other word is shown as given (write it with tr({ en, zh })).
 */
export function formatRate(t: Tally, what = "seeds"): string {
  if (typeof what !== "string") throw new Error(`formatRate: what must be the word counted, such as "seeds" or "runs", got ${describe(what)}`);
  const [low, high] = wilson(t);
  const numbers = { count: t.count, total: t.total, low: Math.round(100 * low), high: Math.round(100 * high) };
  if (what === "seeds") return message("rate.seeds", numbers);
  if (what === "runs") return message("rate.runs", numbers);
  return message("rate.other", { ...numbers, what });
}

/** The q-quantile of `values` (0 <= q <= 1), interpolated linearly between neighbours as numpy's default. */
export function quantile(values: number[], q: number): number {
  const sorted = [...spreadInput(values, "quantile")].sort((a, b) => a - b);
  if (typeof q !== "number" || !(q >= 0 && q <= 1)) throw new Error(`quantile: q must be a number from 0 to 1, got ${describe(q)}`);
  const at = q * (sorted.length - 1);
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return lo === hi ? sorted[lo] : sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo);
}

function spreadInput(values: number[], where: string): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${where}: expected a non-empty array of numbers, got ${describe(values)}`);
  if (!values.every((v) => typeof v === "number" && !Number.isNaN(v))) throw new Error(`${where}: every value must be a number (not NaN)`);
  return values;
}

/**
 * The probability that a fresh run of `n` seeds has at least `threshold` successes when each seed
 * succeeds with probability `rate` (binomial): how likely a claim checking "count >= threshold"
 * passes on seeds it never saw, with `rate` from a large measurement.
 */
export function passProbability(threshold: number, rate: number, n: number): number {
  binomialInput(rate, n, "passProbability");
  if (typeof threshold !== "number" || !Number.isInteger(threshold)) throw new Error(`passProbability: threshold must be a whole number of successes, got ${describe(threshold)}`);
  if (threshold <= 0) return 1;
  if (threshold > n) return 0;
  if (rate === 0) return 0;
  if (rate === 1) return 1;
  // Summed from the top in log space, so that large n neither underflows nor loses the small terms.
  const logP = Math.log(rate);
  const logQ = Math.log1p(-rate);
  let logChoose = 0;
  let total = 0;
  for (let k = n; k >= threshold; k--) {
    total += Math.exp(logChoose + k * logP + (n - k) * logQ);
    logChoose += Math.log(k) - Math.log(n - k + 1);
  }
  return Math.min(1, total);
}

/**
 * The largest threshold t for which a fresh run of `n` seeds, each succeeding with probability
 * `rate`, has at least t successes with probability >= `confidence`: a claim's "count >= t" check
 * that passes on unseen seeds (0 when no threshold is that safe).
 */
export function safeThreshold(rate: number, n: number, confidence = 0.99): number {
  binomialInput(rate, n, "safeThreshold");
  if (typeof confidence !== "number" || !(confidence > 0 && confidence < 1)) throw new Error(`safeThreshold: confidence must be a probability between 0 and 1 (exclusive), such as 0.99, got ${describe(confidence)}`);
  let t = n;
  while (t > 0 && passProbability(t, rate, n) < confidence) t--;
  return t;
}

function binomialInput(rate: number, n: number, where: string): void {
  if (typeof rate !== "number" || !(rate >= 0 && rate <= 1)) throw new Error(`${where}: rate must be a success rate from 0 to 1, got ${describe(rate)}`);
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1) throw new Error(`${where}: n must be a whole number of seeds >= 1, got ${describe(n)}`);
}
