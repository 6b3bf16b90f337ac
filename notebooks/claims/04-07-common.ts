/** What the claim scripts of lessons 04-07 share: the seed range from the command line, windows of it, and binomial pass chances. */
import { formatRate, type Tally } from "../../lib/index";

/** The seeds a script measures: `npx tsx <script> [first] [count]`, default seeds 1 to 200. */
export function seedRange(defaultCount = 200): number[] {
  const first = Number(process.argv[2] ?? 1);
  const count = Number(process.argv[3] ?? defaultCount);
  if (!Number.isInteger(first) || !Number.isInteger(count) || count < 1) {
    throw new Error(`claims: expected [first seed] [count] as integers, got ${process.argv.slice(2).join(" ")}`);
  }
  return Array.from({ length: count }, (_, i) => first + i);
}

/** The seeds cut into windows of `size`: each window is what the notebook runs with its seeds shifted by `offset`. */
export function windows(seeds: number[], size: number): { offset: number; seeds: number[] }[] {
  const out: { offset: number; seeds: number[] }[] = [];
  for (let i = 0; i + size <= seeds.length; i += size) out.push({ offset: seeds[i] - 1, seeds: seeds.slice(i, i + size) });
  return out;
}

function logChoose(n: number, k: number): number {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** P(X = k) for X ~ Binomial(n, p). */
function binomialPmf(n: number, p: number, k: number): number {
  if (p <= 0) return k === 0 ? 1 : 0;
  if (p >= 1) return k === n ? 1 : 0;
  return Math.exp(logChoose(n, k) + k * Math.log(p) + (n - k) * Math.log(1 - p));
}

/** P(X >= k) for X ~ Binomial(n, p): the chance that a claim "at least k of n seeds" holds on fresh seeds. */
export function atLeast(n: number, p: number, k: number): number {
  let s = 0;
  for (let j = Math.max(0, k); j <= n; j++) s += binomialPmf(n, p, j);
  return Math.min(1, s);
}

/** P(X <= k) for X ~ Binomial(n, p): the chance that a claim "at most k of n seeds" holds on fresh seeds. */
export function atMost(n: number, p: number, k: number): number {
  return 1 - atLeast(n, p, k + 1);
}

/** One line for a count claim: the measurement, the notebook's threshold and its chance to pass on n fresh seeds. */
export function countLine(what: string, t: Tally, n: number, threshold: { atLeast?: number; atMost?: number }): string {
  const p = t.count / t.total;
  const parts = [`${what}: ${formatRate(t)}`];
  if (threshold.atLeast !== undefined) parts.push(`notebook asks >= ${threshold.atLeast} of ${n}: P = ${(100 * atLeast(n, p, threshold.atLeast)).toFixed(2)}%`);
  if (threshold.atMost !== undefined) parts.push(`notebook asks <= ${threshold.atMost} of ${n}: P = ${(100 * atMost(n, p, threshold.atMost)).toFixed(2)}%`);
  return parts.join("; ");
}

/** Prints one claim's verdict on one window of seeds. */
export function verdict(offset: number, name: string, pass: boolean, evidence: string): boolean {
  console.log(`  offset ${String(offset).padStart(4)}  ${pass ? "✓" : "✗"} ${name} (${evidence})`);
  return pass;
}
