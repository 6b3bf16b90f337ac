/** A sweep's worker thread: runs the seeds it is sent with the trial of their sweep. */
import { parentPort, workerData } from "worker_threads";
import { field } from "../data/field";
import { network } from "../engine/keras";
import { setSeedOffset } from "../engine/rng";
import { setLanguage } from "../util/language";
import type { TrialTask } from "./pool";
import { buildTrial, runSeed } from "./trial-scope";

// The package the notebook loaded, so the trial sees the same beanlab.
const beanlab = require(workerData.beanlab as string) as Record<string, unknown>;
let current: { sweep: number; trial: (seed: number) => unknown } | undefined;

/**
 * A short training run of its own, for a worker started ahead of its first sweep: the engine's code
 * gets compiled while the notebook's first cells run, not during the first seeds. Nothing of it is kept.
 */
async function warmUp(): Promise<void> {
  const { train, test } = field("spiral", { seed: 1, n: 200 });
  const { model, fitOptions } = network({ hidden: [4, 4, 4], activation: "tanh", learningRate: 0.03, batchSize: 10, seed: 1 });
  await model.fit(train.X, train.y, { ...fitOptions, epochs: 300, verbose: 0, validationData: test });
}

// A warm-up that fails only leaves the code cold: the seeds then report their own errors.
const ready = workerData.warmUp ? warmUp().catch(() => undefined) : Promise.resolve();

parentPort?.on("message", async (task: TrialTask) => {
  await ready;
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
