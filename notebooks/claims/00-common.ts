/**
 * What the claim measurements of lessons 01-03 share: the seed range from the command line, the
 * binomial chance that a count claim passes on fresh seeds, and a claim checked on windows of seeds.
 */
import { Rng, formatRate, quantile, tally } from "../../lib/index";

/** The seeds to measure: `--seeds FROM-TO` on the command line, else `from` to `to`. */
export function seedRange(from = 1, to = 200): number[] {
  const at = process.argv.indexOf("--seeds");
  if (at >= 0) {
    const m = /^(\d+)-(\d+)$/.exec(process.argv[at + 1] ?? "");
    if (!m || Number(m[2]) < Number(m[1])) throw new Error(`claims: --seeds expects a range such as 1-200, got ${process.argv[at + 1]}`);
    [from, to] = [Number(m[1]), Number(m[2])];
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** P(X >= k) for X ~ Binomial(n, p): the chance that at least k of n fresh seeds succeed. */
export function binomialAtLeast(n: number, p: number, k: number): number {
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let term = Math.pow(1 - p, n);   // P(X = 0)
  let below = 0;
  for (let j = 0; j < k; j++) {
    below += term;
    term *= ((n - j) / (j + 1)) * (p / (1 - p));
  }
  return Math.max(0, 1 - below);
}

/** A success rate over the measured seeds, with its interval and the chance that "at least k of n" holds on fresh seeds. */
export function countLine<T>(what: string, records: T[], test: (r: T) => boolean, n: number, k: number): string {
  const t = tally(records, test);
  const p = t.count / t.total;
  return `${what}: ${formatRate(t)}; claim >= ${k} of ${n}: P(pass) = ${binomialAtLeast(n, p, k).toFixed(4)}`;
}

/** The spread of `values` as median and 5%, 25%, 75%, 95% quantiles, min and max. */
export function quantileLine(what: string, values: number[], digits = 3): string {
  // A quantile between two runs that never got there (Infinity) is NaN: say "never".
  const f = (q: number) => {
    const v = quantile(values, q);
    return Number.isFinite(v) ? v.toFixed(digits) : "never";
  };
  return `${what}: median ${f(0.5)}, 5-95% ${f(0.05)} to ${f(0.95)}, quartiles ${f(0.25)}-${f(0.75)}, min ${f(0)}, max ${f(1)} over ${values.length} seeds`;
}

/** One claim() of a lesson as a test of the per-seed records of one sweep. */
export interface Claim<T> {
  name: string;
  test: (records: T[]) => boolean;
}

/**
 * Checks each claim on consecutive windows of `size` seeds (as many as the records hold) and on
 * 2,000 samples of `size` seeds drawn with replacement from all records; prints a line per claim.
 */
export function checkClaims<T>(records: T[], claims: Claim<T>[], size = 50): void {
  const windows: T[][] = [];
  for (let start = 0; start + size <= records.length; start += size) windows.push(records.slice(start, start + size));
  const rng = new Rng("claims-bootstrap");
  const samples = Array.from({ length: 2000 }, () => Array.from({ length: size }, () => records[Math.floor(rng.next() * records.length)]));
  for (const c of claims) {
    const passed = windows.map((w) => (c.test(w) ? "✓" : "✗")).join("");
    const rate = samples.filter((s) => c.test(s)).length / samples.length;
    console.log(`claim "${c.name}": windows of ${size} ${passed}; resampled ${size}-seed sets pass ${(100 * rate).toFixed(1)}%`);
  }
}
