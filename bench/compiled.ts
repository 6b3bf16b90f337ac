/**
 * 5. The compiled kernel (lib/engine/compiled) against the C baseline (bench/mlp.c) and tfjs:
 * W1, the 100x100 grid and a wide net (2-64-64-64-1, 10,000 points, batch 32). CPU time on
 * both sides (process.cpuUsage here, the C program's own clock()), rounds alternating; each
 * ratio is the median of the per-round ratios. Everything goes through the public API, `fit`
 * and `predictMatrix`, which use the kernel by default.
 */
import { unlinkSync } from "fs";
import * as tf from "@tensorflow/tfjs";
import { datasets, Dense, Matrix, Sequential, SGD } from "../lib/index";
import { buildBaseline, runBaseline } from "./native";

/** Rounds of each comparison (each side once per round). */
const ROUNDS = 3;
/** Epochs of the wide run; tfjs runs one epoch of it per round. */
const WIDE_EPOCHS = 3;
/** Grids per timed run (one grid takes well under a millisecond). */
const GRIDS_PER_RUN = 500;

/** What the earlier parts measured for tfjs, in milliseconds. */
export interface TfjsFigures {
  /** W1 training, per epoch. */
  w1Epoch: number;
  /** The 100x100 grid, predict with its default batch size. */
  grid: number;
}

/** CPU milliseconds (user + system) taken by `fn`. */
async function cpuMs(fn: () => unknown): Promise<number> {
  const start = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** A network of relu layers and a sigmoid output; `sizes` [inputs, units...]. */
function network(sizes: number[]): Sequential {
  const model = new Sequential({ seed: 1 });
  sizes.slice(1).forEach((units, i) => {
    const activation = i === sizes.length - 2 ? "sigmoid" : "relu";
    model.add(new Dense({ units, activation, ...(i === 0 ? { inputDim: sizes[0] } : {}) }));
  });
  model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }) });
  return model;
}

/** The spiral as matrices. */
function spiral(n: number): { X: Matrix; y: Matrix } {
  const d = datasets.spiral({ n, noise: 0, seed: 1 });
  return { X: new Matrix(n, 2, Float64Array.from(d.X.flat())), y: new Matrix(n, 1, Float64Array.from(d.y)) };
}

/** One comparison: per round, beanlab's CPU ms and C's; returns the medians and the median ratio. */
async function pair(rounds: number, kernel: () => Promise<number>, c: (() => number) | null): Promise<{ kernel: number; c: number; ratio: number }> {
  const ours: number[] = [];
  const theirs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    ours.push(await kernel());
    if (c) theirs.push(c());
  }
  return { kernel: median(ours), c: c ? median(theirs) : NaN, ratio: c ? median(ours.map((v, i) => v / theirs[i])) : NaN };
}

function formatMs(ms: number): string {
  return !Number.isFinite(ms) ? "-" : ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms.toPrecision(3)} ms`;
}

/** Runs part 5; prints its table and returns summary rows [label, text]. */
export async function benchCompiled(tfjs: TfjsFigures, grid: Matrix): Promise<string[][]> {
  const baseline = buildBaseline();
  const binary = "binary" in baseline ? baseline.binary : null;
  const c = (args: (string | number)[]) => (binary ? () => 1000 * runBaseline(binary, args) : null);

  const w1 = spiral(500);
  const train = (sizes: number[], data: { X: Matrix; y: Matrix }, epochs: number, batchSize: number) =>
    cpuMs(() => network(sizes).fit(data.X, data.y, { epochs, batchSize, verbose: 0 }));
  await train([2, 8, 8, 8, 1], w1, 300, 10);
  const w1Result = await pair(ROUNDS, () => train([2, 8, 8, 8, 1], w1, 5000, 10), c(["train", 5000, 10, 500, 2, 8, 8, 8, 1]));

  const trained = network([2, 8, 8, 8, 1]);
  await trained.fit(w1.X, w1.y, { epochs: 1000, batchSize: 10, verbose: 0 });
  for (let i = 0; i < 100; i++) trained.predictMatrix(grid);
  const gridRun = async () => (await cpuMs(() => { for (let i = 0; i < GRIDS_PER_RUN; i++) trained.predictMatrix(grid); })) / GRIDS_PER_RUN;
  const gridC = c(["grid", 2000, grid.rows, 2, 8, 8, 8, 1]);
  const gridResult = await pair(ROUNDS, gridRun, gridC);

  const wide = spiral(10000);
  await train([2, 64, 64, 64, 1], wide, 1, 32);
  const wideResult = await pair(ROUNDS, () => train([2, 64, 64, 64, 1], wide, WIDE_EPOCHS, 32), c(["train", WIDE_EPOCHS, 32, 10000, 2, 64, 64, 64, 1]));
  const wideTfjs = await tfjsWideEpochMs(wide);
  if (binary) unlinkSync(binary);

  const w1Epoch = w1Result.kernel / 5000;
  const wideEpoch = wideResult.kernel / WIDE_EPOCHS;
  const rows: [string, number, number, number, number][] = [
    ["W1, 5000 epochs", w1Result.kernel, w1Result.c, w1Result.ratio, tfjs.w1Epoch / w1Epoch],
    [`grid ${grid.rows} points`, gridResult.kernel, gridResult.c, gridResult.ratio, tfjs.grid / gridResult.kernel],
    [`wide, ${WIDE_EPOCHS} epochs`, wideResult.kernel, wideResult.c, wideResult.ratio, wideTfjs / wideEpoch],
  ];
  console.log(`5. fit and predictMatrix (compiled kernel) vs C (gcc -O3 -march=native) vs tfjs-cpu, CPU time, ${ROUNDS} rounds alternating`);
  if (!binary) console.log(`  C baseline not run: ${"missing" in baseline ? baseline.missing : ""}`);
  console.log(`  ${"".padEnd(24)}${"beanlab".padStart(10)}${"C".padStart(10)}${"beanlab/C".padStart(11)}${"tfjs/beanlab".padStart(14)}`);
  for (const [label, ours, theirs, ratio, faster] of rows) {
    console.log(`  ${label.padEnd(24)}${formatMs(ours).padStart(10)}${formatMs(theirs).padStart(10)}${(Number.isFinite(ratio) ? ratio.toFixed(2) + "x" : "-").padStart(11)}${(Math.round(faster) + "x").padStart(14)}`);
  }
  console.log(`  wide net: 2-64-64-64-1, spiral n 10000, batch 32; tfjs-cpu ${formatMs(wideTfjs)} per epoch (wall time, one epoch)\n`);
  const targets = ["<= 0.8x", "<= 1.5x", "<= 1.5x"];
  return rows.map(([label, , , ratio, faster], i) => [
    `compiled ${label}`,
    `beanlab/C ${Number.isFinite(ratio) ? ratio.toFixed(2) + "x" : "- (no C)"} (target ${targets[i]})   ${Math.round(faster)}x faster than tfjs-cpu`,
  ]);
}

/** The benched network in tfjs: 2 inputs, three relu layers of `units`, a sigmoid output, mse, SGD 0.05. */
export function tfjsModel(units: number): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({ units, activation: "relu", inputShape: [2] }));
  model.add(tf.layers.dense({ units, activation: "relu" }));
  model.add(tf.layers.dense({ units, activation: "relu" }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "meanSquaredError", optimizer: tf.train.sgd(0.05) });
  return model;
}

/** Milliseconds of one tfjs-cpu epoch of the wide run (wall time: the cpu backend uses one thread). */
async function tfjsWideEpochMs(data: { X: Matrix; y: Matrix }): Promise<number> {
  const model = tfjsModel(64);
  const xs = tf.tensor2d(Float32Array.from(data.X.data), [data.X.rows, 2]);
  const ys = tf.tensor2d(Float32Array.from(data.y.data), [data.y.rows, 1]);
  const start = performance.now();
  await model.fit(xs, ys, { epochs: 1, batchSize: 32, shuffle: true, verbose: 0 });
  const ms = performance.now() - start;
  tf.dispose([xs, ys]);
  model.dispose();
  return ms;
}
