/**
 * What the claim measurements of every lesson share: the seed range from the command line, the
 * chance that a notebook's count check passes on fresh seeds, spreads, and checks on windows of seeds.
 */
import { relative } from "node:path";
import { parseArgs } from "node:util";
import { Rng, formatRate, passProbability, quantile, type Tally } from "../../lib/index";

const DEFAULT_SEEDS = "1-200";

/** The seeds to measure: `--seeds FROM-TO` on the command line (default 1-200); a wrong command line prints the usage and exits. */
export function seedRange(): number[] {
  let text = DEFAULT_SEEDS;
  try {
    text = parseArgs({ options: { seeds: { type: "string" } } }).values.seeds ?? DEFAULT_SEEDS;
  } catch (err) {
    usageError((err as Error).message);
  }
  const m = /^(\d+)-(\d+)$/.exec(text);
  if (!m || Number(m[2]) < Number(m[1])) usageError(`--seeds expects a range FROM-TO with FROM <= TO, such as 1-200, got "${text}"`);
  const [from, to] = [Number(m[1]), Number(m[2])];
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function usageError(problem: string): never {
  console.error(`claims: ${problem}`);
  console.error(`usage: npx tsx ${relative(process.cwd(), process.argv[1])} [--seeds FROM-TO]   (default --seeds ${DEFAULT_SEEDS})`);
  process.exit(2);
}

/** Consecutive windows of `size` items, in order; a shorter rest is left out. */
export function windows<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let start = 0; start + size <= items.length; start += size) out.push(items.slice(start, start + size));
  return out;
}

/** P(X <= k) for X ~ Binomial(n, rate): the chance that "at most k of n seeds" holds on fresh seeds. */
function atMost(k: number, rate: number, n: number): number {
  return 1 - passProbability(k + 1, rate, n);
}

/** One line for a count: the rate measured with its interval and, per threshold the notebook checks, the chance it passes on n fresh seeds. */
export function countLine(what: string, t: Tally, n: number, threshold: { atLeast?: number; atMost?: number } = {}): string {
  const rate = t.count / t.total;
  const percent = (p: number) => `${(100 * p).toFixed(2)}%`;
  const parts = [`${what}: ${formatRate(t)}`];
  if (threshold.atLeast !== undefined) parts.push(`notebook asks >= ${threshold.atLeast} of ${n}: P = ${percent(passProbability(threshold.atLeast, rate, n))}`);
  if (threshold.atMost !== undefined) parts.push(`notebook asks <= ${threshold.atMost} of ${n}: P = ${percent(atMost(threshold.atMost, rate, n))}`);
  return parts.join("; ");
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
  const rng = new Rng("claims-bootstrap");
  const samples = Array.from({ length: 2000 }, () => Array.from({ length: size }, () => records[Math.floor(rng.next() * records.length)]));
  for (const c of claims) {
    const passed = windows(records, size).map((w) => (c.test(w) ? "✓" : "✗")).join("");
    const rate = samples.filter((s) => c.test(s)).length / samples.length;
    console.log(`claim "${c.name}": windows of ${size} ${passed}; resampled ${size}-seed sets pass ${(100 * rate).toFixed(1)}%`);
  }
}

/** Prints one check's verdict on the window of seeds the notebook runs under `--seed-offset offset`, and returns it. */
export function verdict(offset: number, name: string, pass: boolean, evidence: string): boolean {
  console.log(`  offset ${String(offset).padStart(4)}  ${pass ? "✓" : "✗"} ${name} (${evidence})`);
  return pass;
}
