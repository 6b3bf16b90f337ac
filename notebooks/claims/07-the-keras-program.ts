/**
 * Lesson 07's claims, measured: the course's program (2-8-8-8-1, mse, SGD 0.05, batches of 10,
 * 5,000 epochs) run once per seed, exactly as the notebook's "Run it 30 times" trial.
 * Run: npx tsx notebooks/claims/07-the-keras-program.ts [--seeds 1-200]
 */
import { datasets, keras, spread, formatSpread, quantile, tally, formatTally, type KerasNetworkArgs } from "../../lib/index";
import { countLine, seedRange, verdict, windows } from "./common";

const LEARNING_RATE = 0.05;
const EPOCHS = 5000;
const BATCH_SIZE = 10;
const RUNS = 30; // the notebook's sweep
const COURSE: KerasNetworkArgs = { hidden: [8, 8, 8], activation: "relu", output: "sigmoid", loss: "mse", learningRate: LEARNING_RATE, batchSize: BATCH_SIZE };

/** The notebook's trial for one seed. */
async function run(seed: number) {
  const data = datasets.beans({ n: 100, seed: seed });
  const { model: m, fitOptions } = keras.network({ ...COURSE, seed: seed });
  const h = await m.fit(data.X, data.y, { ...fitOptions, epochs: EPOCHS, verbose: 0 });
  const out = m.predict(data.X);
  const fresh = datasets.beans({ n: 100, seed: 1000 + seed });
  const wrong = data.y.flatMap((label, i) => ((out[i][0] > 0.5 ? 1 : 0) === label ? [] : [i]));
  return {
    seed: seed,
    at1000: h.at("accuracy", 1000),
    best: h.best("accuracy"),
    first95: h.firstEpochAt("accuracy", 0.95),
    final: m.evaluate(data.X, data.y).accuracy,
    fresh: m.evaluate(fresh.X, fresh.y).accuracy,
    wrong: wrong.length,
    onlyCentre: wrong.length > 0 && wrong.every((i) => i === 0 || i === 50),
  };
}
type Run = Awaited<ReturnType<typeof run>>;

/** The notebook's claim() checks on one window of RUNS seeds. */
function check(offset: number, runs: Run[]): boolean {
  const reached95 = tally(runs, (r) => r.best >= 0.95);
  const far1000 = tally(runs, (r) => r.at1000 < 0.8);
  const fresh = spread(runs.map((r) => r.fresh));
  return [
    verdict(offset, "nearly every run reaches 95%", reached95.count >= 25, formatTally(reached95)),
    verdict(offset, "several runs below 80% at epoch 1000", far1000.count >= 4, formatTally(far1000)),
    verdict(offset, "fresh beans median >= 0.95", fresh.median >= 0.95, formatSpread(fresh)),
  ].every(Boolean);
}

async function main(): Promise<void> {
  const seeds = seedRange();
  const runs: Run[] = [];
  for (const seed of seeds) runs.push(await run(seed));
  const n = runs.length;
  console.log(`lesson 07, the course's program, seeds ${seeds[0]}-${seeds[n - 1]} (${n} runs of ${EPOCHS} epochs)`);
  console.log(countLine("reached 95% at some epoch", tally(runs, (r) => r.best >= 0.95), RUNS, { atLeast: 25 }));
  console.log(countLine("reached 98% at some epoch", tally(runs, (r) => r.best >= 0.98), RUNS, {}));
  console.log(countLine("95% or more after the last epoch", tally(runs, (r) => r.final >= 0.95), RUNS, {}));
  console.log(countLine("below 80% at epoch 1000", tally(runs, (r) => r.at1000 < 0.8), RUNS, { atLeast: 4 }));
  const wrong = runs.filter((r) => r.wrong > 0);
  console.log(countLine("ending with a bean wrong", tally(runs, (r) => r.wrong > 0), RUNS, {}));
  console.log(`  of those, missing only bean 0 and/or 50: ${formatTally(tally(wrong, (r) => r.onlyCentre))}`);
  const first95 = runs.flatMap((r) => (r.first95 === undefined ? [] : [r.first95]));
  console.log(`first 95%: ${formatSpread(spread(first95), 0)}; quartiles ${quantile(first95, 0.25).toFixed(0)}-${quantile(first95, 0.75).toFixed(0)}`);
  console.log(`final accuracy: ${formatSpread(spread(runs.map((r) => r.final)))}`);
  const fresh = runs.map((r) => r.fresh);
  console.log(`fresh beans: ${formatSpread(spread(fresh))}; 10% quantile ${quantile(fresh, 0.1).toFixed(2)}`);
  console.log(`the notebook's checks on windows of ${RUNS} seeds (offset = the seed shift that makes the notebook run them):`);
  const passed = windows(runs, RUNS).map((w) => check(w[0].seed - 1, w));
  console.log(`${passed.filter(Boolean).length} of ${passed.length} windows pass every check`);
}

main();
