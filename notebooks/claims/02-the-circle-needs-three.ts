/**
 * Lesson 02's claims measured over many seeds, with the lesson's settings:
 * `npx tsx notebooks/claims/02-the-circle-needs-three.ts [--seeds 1-200]`.
 */
import { ActivationName, datasets, formatRate, keras, spread, stopAt, sweep, tally } from "../../lib/index";
import { Claim, checkClaims, countLine, quantileLine, seedRange, windows } from "./common";

const LEARNING_RATE = 0.1;
const EPOCHS = 300;
const BATCH_SIZE = 10;
const ACTIVATION: ActivationName = "tanh";
const MAX_EPOCHS = 500;

/** The lesson's trial: `units` hidden neurons trained on the circle of `seed`; with `stop`, only until the test accuracy first reaches 95%. */
async function trainCircle(seed: number, units: number, { activation = ACTIVATION, learningRate = LEARNING_RATE, epochs = EPOCHS, stop = false } = {}) {
  const { train, test } = datasets.field("circle", { seed });
  const { model, fitOptions } = keras.network({ hidden: [units], activation, learningRate, batchSize: BATCH_SIZE, seed });
  const history = await model.fit(train.X, train.y, { ...fitOptions, epochs, verbose: 0, validationData: test, callbacks: stop ? [stopAt("val_accuracy", 0.95)] : [] });
  return { history, dead: model.deadUnits(train.X)[0].filter(Boolean).length };
}

/** Everything the lesson measures on one seed. */
async function measure(seed: number) {
  const best: Record<number, number> = {};
  const last: Record<number, number> = {};
  for (const units of [2, 3, 4]) {
    const { history } = await trainCircle(seed, units);
    best[units] = history.best("val_accuracy");
    last[units] = history.last().val_accuracy;
  }
  const reached: Record<string, number> = {};
  const dead: Record<string, number> = {};
  for (const activation of ["relu", "tanh", "sigmoid"] as ActivationName[]) {
    const r = await trainCircle(seed, 3, { activation, epochs: MAX_EPOCHS, stop: true });
    reached[activation] = r.history.firstEpochAt("val_accuracy", 0.95) ?? Infinity;
    dead[activation] = r.dead;
  }
  const fast = await trainCircle(seed, 3, { activation: "sigmoid", learningRate: 1, epochs: MAX_EPOCHS, stop: true });
  return { best, last, reached, dead, sigmoidAt1: fast.history.firstEpochAt("val_accuracy", 0.95) ?? Infinity };
}
type Seed2 = Awaited<ReturnType<typeof measure>>;

const median = (values: number[]) => spread(values).median;
const neverRelu = (rs: Seed2[]) => rs.filter((r) => !Number.isFinite(r.reached.relu));

/** The lesson's claims, as tests of a sweep's records (thresholds as in the notebook). */
const CLAIMS: Claim<Seed2>[] = [
  { name: "3 hidden neurons reach 95% in nearly every seed", test: (rs) => tally(rs, (r) => r.best[3] >= 0.95).count >= rs.length - 2 && tally(rs, (r) => r.last[3] >= 0.95).count >= rs.length - 5 },
  { name: "2 hidden neurons reach 95% in no seed", test: (rs) => rs.every((r) => r.best[2] < 0.95) && Math.max(...rs.map((r) => r.best[2])) <= 0.92 },
  {
    name: "ReLU several times faster than sigmoid",
    test: (rs) => median(rs.map((r) => r.reached.sigmoid)) / median(rs.map((r) => r.reached.relu)) >= 2.5 &&
      rs.every((r) => Number.isFinite(r.reached.sigmoid)) && neverRelu(rs).length <= 0.4 * rs.length,
  },
  { name: "most ReLU runs that never arrive have a dead unit", test: (rs) => { const n = neverRelu(rs); return n.length >= 1 && tally(n, (r) => r.dead.relu >= 1).count >= n.length / 2; } },
  { name: "exercise 2: sigmoid at lr 1 no slower than ReLU at 0.1", test: (rs) => median(rs.map((r) => r.sigmoidAt1)) <= median(rs.map((r) => r.reached.relu)) },
];

async function main() {
  const seeds = seedRange();
  const started = Date.now();
  const records = await sweep(seeds, measure);
  console.log(`lesson 02, seeds ${seeds[0]}-${seeds[seeds.length - 1]} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const units of [2, 3, 4]) {
    console.log(quantileLine(`${units} hidden neurons, best`, records.map((r) => r.best[units])));
    console.log(quantileLine(`${units} hidden neurons, last`, records.map((r) => r.last[units])));
    console.log(`${units} hidden neurons: best >= 95% in ${formatRate(tally(records, (r) => r.best[units] >= 0.95))}, last in ${formatRate(tally(records, (r) => r.last[units] >= 0.95))}`);
  }
  console.log(countLine("3 neurons best >= 95%", tally(records, (r) => r.best[3] >= 0.95), 50, { atLeast: 48 }));
  console.log(countLine("3 neurons last >= 95%", tally(records, (r) => r.last[3] >= 0.95), 50, { atLeast: 45 }));
  console.log(countLine("4 neurons best >= 3 neurons best", tally(records, (r) => r.best[4] >= r.best[3]), 50, {}));
  for (const a of ["relu", "tanh", "sigmoid"]) {
    const reached = records.map((r) => r.reached[a]);
    console.log(quantileLine(`${a}: epochs to 95%`, reached, 1));
    console.log(`${a}: never reaches 95% in ${formatRate(tally(reached, (e) => !Number.isFinite(e)))}`);
  }
  const never = neverRelu(records);
  console.log(`ReLU runs that never arrive: ${never.length}; with a dead hidden unit ${formatRate(tally(never, (r) => r.dead.relu >= 1), "runs")}; dead units ${never.map((r) => r.dead.relu).join(", ")}`);
  console.log(countLine("relu arrives", tally(records, (r) => Number.isFinite(r.reached.relu)), 50, { atLeast: 30 }));
  const ratio = (rs: Seed2[]) => (median(rs.map((r) => r.reached.sigmoid)) / median(rs.map((r) => r.reached.relu))).toFixed(1);
  console.log(`sigmoid / relu median epochs: ${ratio(records)} over all; per 50 seeds ${windows(records, 50).map(ratio).join(", ")}`);
  console.log(quantileLine("exercise 2: sigmoid at learning rate 1, epochs to 95%", records.map((r) => r.sigmoidAt1), 1));
  checkClaims(records, CLAIMS);
}

main();
