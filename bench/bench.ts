/**
 * `npm run bench`: beanlab against @tensorflow/tfjs (cpu backend) on the course's workload W1, in one run.
 *
 * W1: Playground's spiral (n 500, noise 0), 2-8-8-8-1 (relu x3, sigmoid), mse, plain SGD lr 0.05,
 * batch 10, shuffled. Measured: training time per epoch (both engines from the same initial weights),
 * inference on a 100x100 grid, what `yieldEvery: "auto"` costs beanlab's `fit` against "never", and a
 * figure's PNG with and without the Chinese font (bench/picture.ts); then the compiled kernel against C
 * (bench/compiled.ts), a lesson's sweep on 1 and 2 workers (bench/workers.ts) and a whole lesson on 1 and
 * 2 workers (bench/lesson.ts).
 * The machine is shared and noisy: the two sides of each comparison run alternately after warm-up,
 * tables show the median and min of the repetitions, and every ratio is the median of the per-round
 * ratios (each round's two runs are neighbours in time). See bench/README.md.
 */
import os from "os";
import * as tf from "@tensorflow/tfjs";
import { datasets, Dense, Matrix, Sequential, SGD } from "../lib/index";
import { formatTable } from "../lib/util/table";
import { isUsage, printUsage, readCommandLine } from "../scripts/cli";
import { benchCompiled, tfjsModel, TfjsFigures } from "./compiled";
import { benchLesson } from "./lesson";
import { benchPicture } from "./picture";
import { benchWorkers } from "./workers";

const USAGE = `usage: npm run bench [-- --workers-only]
  Compares beanlab with @tensorflow/tfjs (cpu backend) on the course's workload W1: training, grid
  inference, the cost of yielding in fit, a static picture with and without the Chinese font, the
  compiled kernel against C, then a lesson's sweep and a whole lesson on 1 and 2 worker threads (about
  3 min). --workers-only runs only the last two parts (about 2 min). See bench/README.md.
`;

/** Epochs of beanlab's W1 run (the course's program). */
const BEANLAB_EPOCHS = 5000;
/** Epochs of tfjs's W1 run: about a second at ~50 ms per epoch. */
const TFJS_EPOCHS = 20;
/** Alternating rounds of the W1 training comparison. */
const TRAIN_ROUNDS = 5;
/** Points per side of the inference grid over [-GRID_EXTENT, GRID_EXTENT]^2. */
const GRID_SIDE = 100;
const GRID_EXTENT = 6;
/** Warm-up and measured rounds of the grid comparison. */
const GRID_WARMUP = 30;
const GRID_ROUNDS = 100;
/** Epochs per run and rounds of the yielding comparison: short runs, many rounds, to see through the noise. */
const YIELD_EPOCHS = 1000;
const YIELD_ROUNDS = 20;

/** Weights in Keras's layout, as `getWeights` returns them: W [in][out], b [out] per layer. */
type Weights = (number[][] | number[])[];

/** What every comparison works on: the data, both models, and the initial weights they share. */
interface Setup {
  X: number[][];
  y: number[];
  model: Sequential;
  start: Weights;
  peer: tf.Sequential;
  xs: tf.Tensor2D;
  ys: tf.Tensor2D;
  /** What tfjs took in parts 1 and 2, for part 5's ratios. */
  tfjs: TfjsFigures;
}

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The median over rounds of `slow[i] / fast[i]`. */
function medianRatio(slow: number[], fast: number[]): number {
  return median(slow.map((s, i) => s / fast[i]));
}

/** Milliseconds taken by `fn`, awaited. */
async function time(fn: () => unknown): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** A duration for people: "2.05 s", "52.3 ms" or "0.412 ms" (three significant digits). */
function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms.toPrecision(3)} ms`;
}

/** A row of a section's table: a label, then the median and min of `ms` (run times) multiplied by `scale`. */
function timings(label: string, ms: number[], scale = 1): string[] {
  return [label, formatMs(median(ms) * scale), formatMs(Math.min(...ms) * scale)];
}

/** Prints a section's table of `timings` rows under a header, indented, numbers right-aligned. */
function printTimings(rows: string[][]): void {
  console.log(formatTable([["", "median", "min"], ...rows], { align: ["left", "right", "right"], indent: "  " }));
}

/** The W1 network, compiled; its weights come from the model's seed. */
function beanlabModel(): Sequential {
  const model = new Sequential({ seed: 1 });
  model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 8, activation: "relu" }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.05 }) });
  return model;
}

/** Gives the tfjs model beanlab's weights (tfjs uses the same layout). */
function setTfjsWeights(model: tf.Sequential, weights: Weights): void {
  const tensors = weights.map((w) => tf.tensor(w));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** beanlab's W1 training for `epochs` from `start`, silent; resolves to the last epoch's loss. */
async function trainBeanlab(s: Setup, epochs: number, yieldEvery: "auto" | "never" = "auto"): Promise<number> {
  s.model.setWeights(s.start);
  const history = await s.model.fit(s.X, s.y, { epochs, batchSize: 10, shuffle: true, verbose: 0, yieldEvery });
  return history.last().loss;
}

/** tfjs's W1 training for `epochs` from `start`, silent; resolves to the last epoch's loss. */
async function trainTfjs(s: Setup, epochs: number): Promise<number> {
  setTfjsWeights(s.peer, s.start);
  const history = await s.peer.fit(s.xs, s.ys, { epochs, batchSize: 10, shuffle: true, verbose: 0 });
  return Number(history.history.loss[epochs - 1]);
}

/** 1. W1 training time per epoch, engines alternating (beanlab's model ends trained); prints the table, returns summary rows. */
async function benchTraining(s: Setup): Promise<string[][]> {
  await trainBeanlab(s, 500);
  await trainTfjs(s, 2);
  const beanlabShortLoss = await trainBeanlab(s, TFJS_EPOCHS);
  const beanlabRuns: number[] = [];
  const tfjsRuns: number[] = [];
  let beanlabLoss = NaN;
  let tfjsLoss = NaN;
  for (let round = 0; round < TRAIN_ROUNDS; round++) {
    beanlabRuns.push(await time(async () => (beanlabLoss = await trainBeanlab(s, BEANLAB_EPOCHS))));
    tfjsRuns.push(await time(async () => (tfjsLoss = await trainTfjs(s, TFJS_EPOCHS))));
  }
  const perEpoch = (runs: number[], epochs: number) => runs.map((ms) => ms / epochs);
  const ratio = medianRatio(perEpoch(tfjsRuns, TFJS_EPOCHS), perEpoch(beanlabRuns, BEANLAB_EPOCHS));
  s.tfjs.w1Epoch = median(tfjsRuns) / TFJS_EPOCHS;

  console.log(`1. W1 training (${TRAIN_ROUNDS} rounds, engines alternating)`);
  printTimings([
    timings(`beanlab, ${BEANLAB_EPOCHS} epochs`, beanlabRuns),
    timings("beanlab, per epoch", beanlabRuns, 1 / BEANLAB_EPOCHS),
    timings(`tfjs-cpu, ${TFJS_EPOCHS} epochs`, tfjsRuns),
    timings("tfjs-cpu, per epoch", tfjsRuns, 1 / TFJS_EPOCHS),
  ]);
  console.log(`  loss after ${TFJS_EPOCHS} epochs from the same weights: beanlab ${beanlabShortLoss.toFixed(4)}, tfjs ${tfjsLoss.toFixed(4)} (shuffles differ)`);
  console.log(`  loss after ${BEANLAB_EPOCHS} epochs: beanlab ${beanlabLoss.toFixed(4)}\n`);
  return [
    ["W1 training, per epoch", `beanlab ${formatMs(median(beanlabRuns) / BEANLAB_EPOCHS)}   tfjs-cpu ${formatMs(median(tfjsRuns) / TFJS_EPOCHS)}   beanlab is ${Math.round(ratio)}x faster`],
    [`W1 ${BEANLAB_EPOCHS} epochs (beanlab)`, `${formatMs(median(beanlabRuns))}   (min ${formatMs(Math.min(...beanlabRuns))}; target < 2.5 s)`],
  ];
}

/** The points of a side x side grid over [-extent, extent]^2, one per row. */
function grid(side: number, extent: number): Matrix {
  const points = new Matrix(side * side, 2);
  for (let i = 0; i < side; i++) {
    for (let j = 0; j < side; j++) {
      const row = i * side + j;
      points.data[2 * row] = -extent + (2 * extent * j) / (side - 1);
      points.data[2 * row + 1] = -extent + (2 * extent * i) / (side - 1);
    }
  }
  return points;
}

/** 2. Grid inference through the trained W1 network, the same weights in both engines; prints, returns summary rows. */
async function benchGrid(s: Setup): Promise<string[][]> {
  setTfjsWeights(s.peer, s.model.getWeights());
  const points = grid(GRID_SIDE, GRID_EXTENT);
  const pointsTensor = tf.tensor2d(Float32Array.from(points.data), [points.rows, 2]);
  /** tfjs's outputs on the grid, as a page would read them; predict's default batchSize is 32. */
  const tfjsPredict = (batchSize = 32): tf.TypedArray => {
    const out = s.peer.predict(pointsTensor, { batchSize }) as tf.Tensor;
    const values = out.dataSync();
    out.dispose();
    return values;
  };
  const beanlabOut = s.model.predictMatrix(points).data;
  const tfjsOut = tfjsPredict();
  let maxDiff = 0;
  for (let i = 0; i < beanlabOut.length; i++) maxDiff = Math.max(maxDiff, Math.abs(beanlabOut[i] - tfjsOut[i]));
  for (let i = 0; i < GRID_WARMUP; i++) {
    s.model.predictMatrix(points);
    tfjsPredict();
    tfjsPredict(points.rows);
  }
  const beanlabRuns: number[] = [];
  const tfjsRuns: number[] = [];
  const oneBatchRuns: number[] = [];
  for (let round = 0; round < GRID_ROUNDS; round++) {
    beanlabRuns.push(await time(() => s.model.predictMatrix(points)));
    tfjsRuns.push(await time(() => tfjsPredict()));
    oneBatchRuns.push(await time(() => tfjsPredict(points.rows)));
  }
  pointsTensor.dispose();
  s.tfjs.grid = median(tfjsRuns);

  console.log(`2. Grid inference, ${GRID_SIDE}x${GRID_SIDE} over [-${GRID_EXTENT}, ${GRID_EXTENT}]^2 (${GRID_ROUNDS} rounds after ${GRID_WARMUP} warm-up)`);
  printTimings([
    timings("beanlab predictMatrix", beanlabRuns),
    timings("tfjs-cpu predict + dataSync", tfjsRuns),
    timings(`  same, batchSize ${points.rows} (one batch)`, oneBatchRuns),
  ]);
  console.log(`  max |beanlab - tfjs| over the grid: ${maxDiff.toExponential(1)} (float64 vs float32)\n`);
  return [
    [
      `grid ${GRID_SIDE}x${GRID_SIDE} inference`,
      `beanlab ${formatMs(median(beanlabRuns))}   tfjs-cpu ${formatMs(median(tfjsRuns))}   beanlab is ${medianRatio(tfjsRuns, beanlabRuns).toFixed(1)}x faster   (min ${formatMs(Math.min(...beanlabRuns))}; target < 3 ms)`,
    ],
    ["  tfjs in one batch", `tfjs-cpu ${formatMs(median(oneBatchRuns))}   beanlab is ${medianRatio(oneBatchRuns, beanlabRuns).toFixed(1)}x faster`],
  ];
}

/** 3. What `yieldEvery: "auto"` costs beanlab's fit against "never", alternating; prints, returns a summary row. */
async function benchYielding(s: Setup): Promise<string[][]> {
  const neverRuns: number[] = [];
  const autoRuns: number[] = [];
  for (let round = 0; round < YIELD_ROUNDS; round++) {
    neverRuns.push(await time(() => trainBeanlab(s, YIELD_EPOCHS, "never")));
    autoRuns.push(await time(() => trainBeanlab(s, YIELD_EPOCHS, "auto")));
  }
  const overhead = (medianRatio(autoRuns, neverRuns) - 1) * 100;

  console.log(`3. fit yielding, beanlab W1 ${YIELD_EPOCHS} epochs (${YIELD_ROUNDS} rounds, alternating)`);
  printTimings([timings('yieldEvery "never"', neverRuns), timings('yieldEvery "auto" (every 100 ms)', autoRuns)]);
  console.log("");
  return [
    ["fit yielding overhead", `${overhead.toFixed(1)} % (never ${formatMs(median(neverRuns))}, auto ${formatMs(median(autoRuns))})   (target < 2 %)`],
  ];
}

/** Runs the comparisons and prints their tables and a summary. */
async function main(workersOnly: boolean): Promise<void> {
  if (workersOnly) {
    const summary = [...(await benchWorkers()), ...(await benchLesson())];
    console.log("Summary (medians; ratios are medians of per-round ratios)");
    console.log(formatTable(summary));
    return;
  }
  // Production mode only silences tfjs's warnings, such as "Hi, looks like you are running TensorFlow.js in Node.js".
  tf.enableProdMode();
  await tf.setBackend("cpu");
  const cpus = os.cpus();
  console.log(`beanlab vs @tensorflow/tfjs ${tf.version.tfjs} (backend ${tf.getBackend()})`);
  console.log(`Node ${process.version}, ${cpus[0]?.model ?? "unknown CPU"}, ${cpus.length} cores`);
  console.log("W1: spiral n 500, 2-8-8-8-1 relu/sigmoid, mse, SGD lr 0.05, batch 10, shuffle\n");

  const { X, y } = datasets.spiral({ n: 500, noise: 0, seed: 1 });
  const model = beanlabModel();
  const s: Setup = { X, y, model, start: model.getWeights(), peer: tfjsModel(8), xs: tf.tensor2d(X), ys: tf.tensor2d(y, [y.length, 1]), tfjs: { w1Epoch: NaN, grid: NaN } };
  const summary = [...(await benchTraining(s)), ...(await benchGrid(s)), ...(await benchYielding(s)), ...benchPicture(s.model, { X: s.X, y: s.y })];
  summary.push(...(await benchCompiled(s.tfjs, grid(GRID_SIDE, GRID_EXTENT))));
  summary.push(...(await benchWorkers()), ...(await benchLesson()));
  tf.dispose([s.xs, s.ys]);

  console.log("Summary (medians; ratios are medians of per-round ratios)");
  console.log(formatTable(summary));
}

const line = readCommandLine(process.argv.slice(2), USAGE, { "workers-only": { type: "boolean" } });
if (isUsage(line)) process.exitCode = printUsage(line);
else {
  main(line.values["workers-only"] ?? false).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
