/** A sweep's worker thread: runs the seeds it is sent with the trial of their sweep. */
import { parentPort, workerData } from "worker_threads";
import { setSeedOffset } from "../engine/rng";
import { setLanguage } from "../util/language";
import type { TrialTask } from "./pool";
import { buildTrial, runSeed } from "./trial-scope";

// The package the notebook loaded, so the trial sees the same beanlab.
const beanlab = require(workerData.beanlab as string) as Record<string, unknown>;
let current: { sweep: number; trial: (seed: number) => unknown } | undefined;

parentPort?.on("message", async (task: TrialTask) => {
  setSeedOffset(task.seedOffset);
  setLanguage(task.language);
  let answer;
  try {
    if (task.setup) current = { sweep: task.sweep, trial: buildTrial(task.setup, beanlab) };
    if (!current || current.sweep !== task.sweep) throw new Error(`sweep: a worker got seed ${task.seed} of a sweep it was never sent`);
    answer = await runSeed(current.trial, task.seed);
  } catch (error) {
    answer = { ok: false, message: `sweep: the trial could not be built: ${(error as Error).message}` };
  }
  parentPort?.postMessage(answer);
});
