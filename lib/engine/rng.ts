import seedrandom from "seedrandom";

/** A seed: the same seed gives the same stream of numbers on every machine. */
export type Seed = number | string;

/** The seed of models and datasets when none is given. */
export const DEFAULT_SEED = 1;

// On globalThis, so that every copy of beanlab loaded in a process (the runner's, a notebook's) sees one offset.
const SEED_OFFSET = Symbol.for("beanlab.seedOffset");

/**
 * Shifts every seed from now on by `offset` (an integer; 0 switches it off), in this process or
 * worker: `npm run lessons -- --seed-offset N` runs the lessons on seeds they never saw.
 */
export function setSeedOffset(offset: number): void {
  if (!Number.isSafeInteger(offset)) throw new Error(`setSeedOffset: the offset must be an integer, got ${String(offset)}`);
  (globalThis as Record<symbol, unknown>)[SEED_OFFSET] = offset;
}

/** The offset every seed is shifted by, 0 unless setSeedOffset set one. */
export function seedOffset(): number {
  const offset = (globalThis as Record<symbol, unknown>)[SEED_OFFSET];
  return typeof offset === "number" ? offset : 0;
}

/** `seed` shifted by `offset`: 7 -> 7 + N, the integer string "7" (as Playground's) -> String(7 + N), any other string s -> `${s}+${N}`. */
export function shiftSeed(seed: Seed, offset: number): Seed {
  if (offset === 0) return seed;
  if (typeof seed === "number") return seed + offset;
  return /^-?\d+$/.test(seed) ? String(Number(seed) + offset) : `${seed}+${offset}`;
}

/**
 * A seeded random stream. Every random choice in beanlab (data, initial weights,
 * shuffling) draws from one of these; nothing touches `Math.random`.
 *
 * It wraps seedrandom's ARC4 generator, the one TensorFlow Playground uses, so a
 * string seed from a Playground URL gives the page's stream of numbers.
 */
export class Rng {
  /** The seed this stream started from (shifted by the seed offset, if one is set). */
  readonly seed: Seed;
  private readonly source: () => number;

  constructor(seed: Seed) {
    if (typeof seed === "number" ? !Number.isFinite(seed) : typeof seed !== "string") {
      throw new Error(`Rng: seed must be a finite number or a string, got ${String(seed)}`);
    }
    this.seed = shiftSeed(seed, seedOffset());
    // A number seed and its string give different streams (seedrandom mixes in the type);
    // Playground URLs carry string seeds, so pass those as strings.
    this.source = seedrandom(this.seed as unknown as string);
  }

  /** Uniform in [0, 1): one draw. */
  next(): number {
    return this.source();
  }

  /** Uniform in [a, b): one draw, computed as Playground's `randUniform`. */
  uniform(a: number, b: number): number {
    return this.source() * (b - a) + a;
  }

  /** Normal with the given mean and variance (Marsaglia's polar method, as Playground's `normalRandom`). */
  normal(mean = 0, variance = 1): number {
    let v1: number, v2: number, s: number;
    do {
      v1 = 2 * this.source() - 1;
      v2 = 2 * this.source() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s > 1);
    // Parenthesised as Playground computes it, so the rounding matches the page bit for bit.
    return mean + Math.sqrt(variance) * (Math.sqrt((-2 * Math.log(s)) / s) * v1);
  }

  /** Shuffles `array` in place (Fisher-Yates with one draw per element, as Playground's `shuffle`). */
  shuffle<T>(array: { length: number; [i: number]: T }): void {
    let counter = array.length;
    while (counter > 0) {
      const index = Math.floor(this.source() * counter);
      counter--;
      const tmp = array[counter];
      array[counter] = array[index];
      array[index] = tmp;
    }
  }
}

/** An `Rng` for a seed, or the given `Rng` itself (to share one stream between steps). */
export function toRng(seedOrRng: Seed | Rng): Rng {
  return seedOrRng instanceof Rng ? seedOrRng : new Rng(seedOrRng);
}
