/**
 * Lesson 05's claims, measured: one hidden layer of 8 units on the circle, 100 epochs, the
 * notebook's deathRun for ReLU and leaky ReLU at learning rate 3, ReLU at 1, a starting bias of -3,
 * and exercise 2's mse runs.
 * Run: npx tsx notebooks/claims/05-relu-dead-relu-leaky.ts [--seeds 1-200]
 */
import { datasets, keras, initializers, spread, formatSpread, tally, formatTally, type KerasNetworkArgs } from "../../lib/index";
import { countLine, seedRange, verdict, windows } from "./common";

const HIDDEN_UNITS = 8;
const LEARNING_RATE = 3;
const SAFE_LEARNING_RATE = 1;
const NEGATIVE_BIAS = -3;
const EPOCHS = 100;
const BATCH_SIZE = 10;
const SEEDS = 50; // the notebook's sweeps
const NET: KerasNetworkArgs = { hidden: [HIDDEN_UNITS], activation: "relu", learningRate: LEARNING_RATE, batchSize: BATCH_SIZE };

/** The notebook's deathRun. */
async function deathRun(seed: number, settings: KerasNetworkArgs) {
  const data = datasets.field("circle", { seed });
  const net = keras.network({ ...NET, ...settings, seed });
  const masks: boolean[][] = [];
  const watch = {
    onEpochEnd() {
      const out = net.model.layerOutputs(data.train.X)[0];
      masks.push(Array.from({ length: out.cols }, (_, j) => out.column(j).every((a) => a <= 0)));
    },
  };
  watch.onEpochEnd();
  const h = await net.model.fit(data.train.X, data.train.y, {
    ...net.fitOptions, epochs: EPOCHS, verbose: 0, validationData: data.test, recordDeadUnits: true, callbacks: watch,
  });
  const units = masks[0].map((_, j) => masks.map((mask) => mask[j]));
  const everOff = units.filter((u) => u.includes(true));
  const dead = h.deadUnits[EPOCHS - 1][0];
  return {
    seed: seed,
    offAtStart: masks[0].filter(Boolean).length,
    offAtEnd: masks[EPOCHS].filter(Boolean).length,
    dead: dead,
    overHalfDead: dead > HIDDEN_UNITS / 2,
    everOff: everOff.length,
    cameBack: everOff.filter((u) => u.slice(u.indexOf(true)).includes(false)).length,
    deadNeverDrops: h.deadUnits.every((d, e) => e === 0 || d[0] >= h.deadUnits[e - 1][0]),
    best: h.best("val_accuracy"),
    last: h.last().val_accuracy,
  };
}
type Run = Awaited<ReturnType<typeof deathRun>>;

const SETTINGS: Record<string, KerasNetworkArgs> = {
  relu: { activation: "relu" },
  leaky: { activation: "leakyRelu" },
  safe: { activation: "relu", learningRate: SAFE_LEARNING_RATE },
  biasRelu: { learningRate: SAFE_LEARNING_RATE, biasInitializer: initializers.constant(NEGATIVE_BIAS), activation: "relu" },
  biasLeaky: { learningRate: SAFE_LEARNING_RATE, biasInitializer: initializers.constant(NEGATIVE_BIAS), activation: "leakyRelu" },
  mse: { activation: "relu", loss: "mse" },
};
type Runs = Record<keyof typeof SETTINGS, Run[]>;

const sum = (runs: Run[], key: "everOff" | "cameBack") => runs.reduce((n, r) => n + r[key], 0);

/** The notebook's claim() and exercise checks on one window of SEEDS seeds. */
function check(offset: number, r: Runs): boolean {
  const deadRuns = r.relu.filter((x) => x.overHalfDead);
  const safeDead = tally(r.safe, (x) => x.overHalfDead);
  const stalled = tally(r.relu, (x) => x.last < 0.95);
  const leaky95 = tally(r.leaky, (x) => x.best >= 0.95);
  const relu95 = tally(r.relu, (x) => x.best >= 0.95);
  const biasOff = spread(r.biasRelu.map((x) => x.offAtStart)).mean;
  const biasRelu95 = tally(r.biasRelu, (x) => x.best >= 0.95);
  const biasLeaky95 = tally(r.biasLeaky, (x) => x.best >= 0.95);
  const mseDead = tally(r.mse, (x) => x.overHalfDead).count;
  return [
    verdict(offset, "lr 3: many ReLU runs > half dead, those stall; lr 1: almost none",
      deadRuns.length >= 26 && tally(deadRuns, (x) => x.last < 0.95).count >= deadRuns.length - 2 && safeDead.count <= 1,
      `${deadRuns.length} of ${SEEDS}; last max ${Math.max(...deadRuns.map((x) => x.last)).toFixed(3)}; lr 1: ${formatTally(safeDead)}; ReLU runs ending below 95%: ${formatTally(stalled)}`),
    verdict(offset, "a dead ReLU neuron never comes back",
      r.relu.every((x) => x.deadNeverDrops) && sum(r.relu, "cameBack") === 0 && sum(r.relu, "everOff") >= 150,
      `${sum(r.relu, "cameBack")} of ${sum(r.relu, "everOff")} came back`),
    verdict(offset, "leaky ReLU at lr 3 reaches 95% in most runs, no dead neuron, most switched-off come back",
      leaky95.count >= 42 && leaky95.count > relu95.count && r.leaky.every((x) => x.dead === 0) && sum(r.leaky, "cameBack") >= 0.5 * sum(r.leaky, "everOff"),
      `${formatTally(leaky95)} (ReLU ${relu95.count}); ${sum(r.leaky, "cameBack")} of ${sum(r.leaky, "everOff")} came back`),
    verdict(offset, "bias -3: about half off at start; ReLU reaches 95% in about half, leaky in most",
      biasOff >= 2.5 && biasRelu95.count <= 32 && biasLeaky95.count >= 40,
      `${biasOff.toFixed(2)} off; ReLU ${biasRelu95.count}, leaky ${biasLeaky95.count}`),
    verdict(offset, "exercise 2: mse runs with > half dead are few and fewer than with cross-entropy",
      mseDead < deadRuns.length && mseDead <= 3, `${mseDead} of ${SEEDS}`),
  ].every(Boolean);
}

async function main(): Promise<void> {
  const seeds = seedRange();
  const runs = {} as Runs;
  for (const [name, settings] of Object.entries(SETTINGS)) {
    runs[name] = [];
    for (const seed of seeds) runs[name].push(await deathRun(seed, settings));
  }
  const n = seeds.length;
  console.log(`lesson 05, seeds ${seeds[0]}-${seeds[n - 1]} (${n} runs per setting, ${EPOCHS} epochs)`);
  const deadRuns = runs.relu.filter((x) => x.overHalfDead);
  console.log(countLine("ReLU lr 3: > half dead at the end", tally(runs.relu, (x) => x.overHalfDead), SEEDS, { atLeast: 26 }));
  console.log(`  of those, last test accuracy < 0.95: ${formatTally(tally(deadRuns, (x) => x.last < 0.95))}; their last ${formatSpread(spread(deadRuns.map((x) => x.last)), 3)}`);
  const stuck = runs.relu.filter((x) => x.last < 0.95);
  console.log(`  ReLU lr 3 runs ending below 95%: ${formatTally(tally(runs.relu, (x) => x.last < 0.95))}; of those, with a dead unit: ${formatTally(tally(stuck, (x) => x.dead > 0))}, > half dead: ${formatTally(tally(stuck, (x) => x.overHalfDead))}`);
  console.log(countLine("ReLU lr 1: > half dead", tally(runs.safe, (x) => x.overHalfDead), SEEDS, { atMost: 1 }));
  console.log(countLine("ReLU lr 1: reached 95%", tally(runs.safe, (x) => x.best >= 0.95), SEEDS, {}));
  console.log(countLine("ReLU lr 3: reached 95%", tally(runs.relu, (x) => x.best >= 0.95), SEEDS, {}));
  console.log(countLine("leaky lr 3: reached 95%", tally(runs.leaky, (x) => x.best >= 0.95), SEEDS, { atLeast: 42 }));
  console.log(`  leaky lr 3: dead at the end in any run: ${tally(runs.leaky, (x) => x.dead > 0).count}; switched off ${sum(runs.leaky, "everOff")}, came back ${sum(runs.leaky, "cameBack")}`);
  console.log(`  ReLU lr 3: switched off ${sum(runs.relu, "everOff")}, came back ${sum(runs.relu, "cameBack")}; dead count ever fell: ${tally(runs.relu, (x) => !x.deadNeverDrops).count} runs`);
  console.log(`  switched off per 50 runs, ReLU: min over windows ${Math.min(...windows(runs.relu, SEEDS).map((w) => sum(w, "everOff")))}`);
  const biasOff = runs.biasRelu.map((x) => x.offAtStart);
  console.log(`bias -3: switched off at start ${formatSpread(spread(biasOff))}, mean ${spread(biasOff).mean.toFixed(2)}; dead at end (ReLU) mean ${spread(runs.biasRelu.map((x) => x.dead)).mean.toFixed(2)}`);
  console.log(countLine("bias -3, ReLU: reached 95%", tally(runs.biasRelu, (x) => x.best >= 0.95), SEEDS, { atMost: 32 }));
  console.log(countLine("bias -3, ReLU: > half dead", tally(runs.biasRelu, (x) => x.overHalfDead), SEEDS, {}));
  console.log(countLine("bias -3, leaky: reached 95%", tally(runs.biasLeaky, (x) => x.best >= 0.95), SEEDS, { atLeast: 40 }));
  console.log(countLine("exercise 2, mse: > half dead", tally(runs.mse, (x) => x.overHalfDead), SEEDS, { atMost: 3 }));
  console.log(`the notebook's checks on windows of ${SEEDS} seeds (offset = the seed shift that makes the notebook run them):`);
  const passed = windows(seeds, SEEDS).map((w) => {
    const part = {} as Runs;
    for (const name of Object.keys(SETTINGS)) part[name] = runs[name].filter((x) => w.includes(x.seed));
    return check(w[0] - 1, part);
  });
  console.log(`${passed.filter(Boolean).length} of ${passed.length} windows pass every check`);
}

main();
