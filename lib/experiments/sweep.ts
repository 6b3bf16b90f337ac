import { isMainThread } from "worker_threads";
import { seedOffset } from "../engine/rng";
import { describe } from "../util/checks";
import { language } from "../util/language";
import { beanlabPath, runOnWorkers, workerCount } from "./pool";
import { buildTrial, exportedNames, runSeed, trialSetup } from "./trial-scope";

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
 * Runs `trial` once per seed and returns its results in seed order: one seed's run of an experiment,
 * repeated to see what is luck and what is not. Given a `context`, the seeds run in parallel on
 * worker threads (BEANLAB_WORKERS of them, default one per core; 1 runs them here, one after
 * another) with the same results whatever the count: the trial may then use its seed, beanlab's
 * exports and what `context` gives it (data, or functions, which may themselves use beanlab and the
 * context), and returns plain data: `sweep(SEEDS, (seed) => train(seed), { train: train, EPOCHS: EPOCHS })`,
 * or `{}` for a trial that needs nothing else. A program passes beanlab itself: `{ beanlab: beanlab }`
 * after `import * as beanlab from "beanlab"`. Without a context the seeds run here, one after another.
 */
export async function sweep<T>(seeds: Seeds, trial: (seed: number) => T | Promise<T>, context?: Record<string, unknown>): Promise<T[]> {
  const list = seedList(seeds);
  if (typeof trial !== "function") throw new Error(`sweep: trial must be a function of the seed, such as async (seed) => ..., got ${describe(trial)}`);
  if (context !== undefined && (typeof context !== "object" || context === null || Array.isArray(context))) {
    throw new Error(`sweep: context must be an object of the names the trial uses, such as { EPOCHS: EPOCHS }, got ${describe(context)}`);
  }
  if (context === undefined) return inThisThread(list, trial);
  const beanlab = require(beanlabPath()) as Record<string, unknown>;
  const missing = notebookNames(trial, context, beanlab);
  if (missing.length > 0) {
    const them = missing.length === 1 ? "it" : "them";
    const fix = [...Object.keys(context), ...missing].map((name) => `${name}: ${name}`).join(", ");
    throw new Error(`sweep: the trial uses ${missing.join(", ")} from the notebook; pass ${them} in the context: sweep(seeds, trial, { ${fix} })`);
  }
  const setup = trialSetup(trial, context);
  const built = buildTrial(setup, beanlab);
  // Read here whatever the worker count, so a bad $BEANLAB_LANG fails every sweep the same way.
  const settings = { seedOffset: seedOffset(), language: language() };
  const workers = isMainThread ? workerCount() : 1;
  if (workers > 1 && list.length > 1) return (await runOnWorkers(workers, setup, list, settings)) as T[];
  const results: T[] = [];
  for (const seed of list) {
    const answer = await runSeed(built, seed);
    if (!answer.ok) throw new Error(answer.message);
    results.push(answer.value as T);
  }
  return results;
}

// The names the trial (or a function in its context) takes from the notebook through `exports.`,
// beyond beanlab's exports and the context.
function notebookNames(trial: Function, context: Record<string, unknown>, beanlab: Record<string, unknown>): string[] {
  const sources = [trial, ...Object.values(context).filter((v): v is Function => typeof v === "function")].map((fn) => fn.toString());
  const names = new Set(sources.flatMap(exportedNames));
  const has = (o: object, name: string) => Object.prototype.hasOwnProperty.call(o, name);
  return [...names].filter((name) => !has(beanlab, name) && !has(context, name));
}

// A trial without a context may use any name of the notebook, so it runs where the notebook does.
async function inThisThread<T>(seeds: number[], trial: (seed: number) => T | Promise<T>): Promise<T[]> {
  const results: T[] = [];
  for (const seed of seeds) results.push(await trial(seed));
  return results;
}
