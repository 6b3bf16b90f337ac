import { describe } from "../util/checks";

/** Which seeds a sweep runs: a count n (seeds 1 to n) or the seeds themselves. */
export type Seeds = number | number[];

/** The seeds `seeds` stands for, in order: 20 is 1, 2, ..., 20. */
export function seedList(seeds: Seeds, where = "sweep"): number[] {
  if (typeof seeds === "number") {
    if (!Number.isInteger(seeds) || seeds < 1) throw new Error(`${where}: seeds must be a count >= 1 or an array of integer seeds, got ${describe(seeds)}`);
    return Array.from({ length: seeds }, (_, i) => i + 1);
  }
  if (!Array.isArray(seeds) || seeds.length === 0 || !seeds.every((s) => Number.isInteger(s))) {
    throw new Error(`${where}: seeds must be a count >= 1 or a non-empty array of integer seeds, got ${describe(seeds)}`);
  }
  return [...seeds];
}

/**
 * Runs `trial` once per seed and returns its results in seed order: one seed's run of an
 * experiment, repeated to see what is luck and what is not. `trial` should depend on its seed
 * only (build the data and the model from it), so the runs are independent of each other.
 * `context` names everything else the trial uses (its helpers and settings), so that it can run
 * apart from the notebook; runs in this process ignore it.
 */
export async function sweep<T>(seeds: Seeds, trial: (seed: number) => T | Promise<T>, context?: Record<string, unknown>): Promise<T[]> {
  const list = seedList(seeds);
  if (typeof trial !== "function") throw new Error(`sweep: trial must be a function of the seed, such as async (seed) => ..., got ${describe(trial)}`);
  if (context !== undefined && (typeof context !== "object" || context === null)) throw new Error(`sweep: context must be an object such as { run: run, EPOCHS: EPOCHS }, got ${describe(context)}`);
  const results: T[] = [];
  for (const seed of list) results.push(await trial(seed));
  return results;
}
