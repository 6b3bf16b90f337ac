/**
 * 6. Seeds in parallel: lesson 06's sweep (3 x 8 ReLU on the spiral, 500 epochs per seed) through
 * the public `sweep` with a context, as a notebook calls it, with BEANLAB_WORKERS=1 (in this
 * thread) and 2 (worker threads) alternating. sweep reads BEANLAB_WORKERS on every call, so both
 * sides run in this process; the workers start once, timed separately by the first 2-worker sweep.
 */
import os from "os";
import * as beanlab from "../lib/index";

/** Seeds per sweep, epochs per seed, alternating rounds (each side once per round). */
const SEEDS = 30;
const EPOCHS = 500;
const ROUNDS = 5;

/** Lesson 06's trainRun: one 3 x 8 ReLU run on the spiral; its best test accuracy and first epoch at 95%. */
async function trainRun(seed: number) {
  const { model, fitOptions } = beanlab.keras.network({ hidden: [8, 8, 8], activation: "relu", learningRate: 0.1, batchSize: 10, seed: seed });
  const history = await model.fit(train.X, train.y, { ...fitOptions, epochs: EPOCHS, verbose: 0, validationData: test });
  return { best: history.best("val_accuracy"), epochsTo95: history.firstEpochAt("val_accuracy", 0.95) };
}

const { train, test } = beanlab.datasets.trainTestSplit(beanlab.datasets.spiral({ n: 500, noise: 0 }), { testSize: 0.5, seed: 1 });
const CONTEXT = { beanlab: beanlab, trainRun: trainRun, train: train, test: test, EPOCHS: EPOCHS };

/** The sweep with `workers` workers: its wall and CPU milliseconds (CPU of every thread) and its results. */
async function timedSweep(workers: number, seeds: number) {
  process.env.BEANLAB_WORKERS = String(workers);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const results = await beanlab.sweep(seeds, (seed) => trainRun(seed), CONTEXT);
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000, results: JSON.stringify(results) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

/** Times the sweep on 1 and 2 workers; prints its table and returns the summary rows. */
export async function benchWorkers(): Promise<string[][]> {
  const before = process.env.BEANLAB_WORKERS;
  const loadBefore = load();
  try {
    const startup = (await timedSweep(2, 2)).wall;
    await timedSweep(1, 2);
    const one: number[] = [];
    const two: number[] = [];
    const cores: number[] = [];
    let same = true;
    for (let round = 0; round < ROUNDS; round++) {
      const a = await timedSweep(1, SEEDS);
      const b = await timedSweep(2, SEEDS);
      one.push(a.wall);
      two.push(b.wall);
      cores.push(b.cpu / b.wall);
      same &&= a.results === b.results;
    }
    const ratio = median(one.map((ms, i) => ms / two[i]));
    const loadAfter = load();
    console.log(`6. sweep over ${SEEDS} seeds, lesson 06's 3 x 8 ReLU, ${EPOCHS} epochs each (${ROUNDS} rounds, 1 and 2 workers alternating)`);
    console.log(`  1 worker:  median ${seconds(median(one))}, min ${seconds(Math.min(...one))}`);
    console.log(`  2 workers: median ${seconds(median(two))}, min ${seconds(Math.min(...two))}; cores busy during the sweep ${median(cores).toFixed(2)} (CPU / wall time)`);
    console.log(`  worker start-up (first 2-worker sweep of 2 seeds, once per process): ${seconds(startup)}`);
    console.log(`  results identical for 1 and 2 workers: ${same ? "yes" : "NO"}`);
    console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}\n`);
    return [[`sweep, 2 workers vs 1`, `${ratio.toFixed(2)}x faster (wall time)   (1 worker ${seconds(median(one))}, 2 workers ${seconds(median(two))}; load average ${loadAfter}; target >= 1.6x)`]];
  } finally {
    if (before === undefined) delete process.env.BEANLAB_WORKERS;
    else process.env.BEANLAB_WORKERS = before;
  }
}
