/**
 * Lesson 01's claims measured over many seeds, with the lesson's settings:
 * `npx tsx notebooks/claims/01-beans-and-one-neuron.ts [--seeds 1-200]`.
 */
import { Dataset, FieldName, Sequential, datasets, formatRate, keras, playground, plot, sweep, tally } from "../../lib/index";
import { Claim, checkClaims, countLine, quantileLine, seedRange } from "./common";

const LEARNING_RATE = 0.1;
const EPOCHS = 200;
const BATCH_SIZE = 10;

/** The lesson's trial: the field `name` and a network with `hidden` tanh layers, both from `seed`, trained for EPOCHS. */
async function run(name: FieldName, hidden: number[], seed: number) {
  const { train, test } = datasets.field(name, { seed });
  const { model, fitOptions } = keras.network({ hidden, activation: "tanh", learningRate: LEARNING_RATE, batchSize: BATCH_SIZE, seed });
  const history = await model.fit(train.X, train.y, { ...fitOptions, epochs: EPOCHS, verbose: 0, validationData: test });
  return { model, history };
}

/** The lesson's checkLine: how far the output is from its threshold on w·x + b = 0, and grid points on the wrong side. */
function checkLine(m: Sequential) {
  const [W, bias] = m.getWeights() as [number[][], number[]];
  const [w1, w2, b] = [W[0][0], W[1][0], bias[0]];
  const threshold = plot.outputScale(m).threshold;
  const onLine = Array.from({ length: 200 }, (_, i) => -6 + (12 * i) / 199)
    .map((t) => (Math.abs(w2) >= Math.abs(w1) ? [t, -(w1 * t + b) / w2] : [-(w2 * t + b) / w1, t]));
  const grid: number[][] = [];
  for (let i = 0; i <= 100; i++) for (let j = 0; j <= 100; j++) grid.push([-6 + 0.12 * i, -6 + 0.12 * j]);
  const out = m.predict(grid);
  return {
    maxOffLine: Math.max(...m.predict(onLine).map((row) => Math.abs(row[0] - threshold))),
    disagree: grid.filter((p, k) => out[k][0] > threshold !== w1 * p[0] + w2 * p[1] + b > 0).length,
  };
}

/** The lesson's bestLine: the highest accuracy of any straight line on `data`. */
function bestLine(data: Dataset): number {
  let best = 0;
  for (let deg = 0; deg < 360; deg += 4) {
    const c = Math.cos((deg * Math.PI) / 180), s = Math.sin((deg * Math.PI) / 180);
    for (let offset = -6; offset <= 6.001; offset += 0.1) {
      let right = 0;
      for (let i = 0; i < data.y.length; i++) if (c * data.X[i][0] + s * data.X[i][1] > offset === (data.y[i] === 1)) right++;
      best = Math.max(best, right / data.y.length);
    }
  }
  return best;
}

/** Everything the lesson measures on one seed. */
async function measure(seed: number) {
  const gauss = await run("gauss", [], seed);
  const gaussLine = checkLine(gauss.model);
  const circle = await run("circle", [], seed);
  const hidden = await run("circle", [3], seed);
  const xor = await run("xor", [], seed);
  const field = datasets.field("circle", { seed });
  const gaussField = datasets.field("gauss", { seed });
  const hand = keras.network({ seed }).model;
  hand.setWeights([[[1], [1]], [0]]);
  const squares = (X: number[][]) => X.map(([x1, x2]) => [x1, x2, x1 * x1, x2 * x2]);
  const four = keras.network({ inputDim: 4, learningRate: LEARNING_RATE, batchSize: BATCH_SIZE, seed });
  const squaresHistory = await four.model.fit(squares(field.train.X), field.train.y, {
    ...four.fitOptions, epochs: EPOCHS, verbose: 0, validationData: [squares(field.test.X), field.test.y],
  });
  const pg = (activation: "sigmoid" | "relu") => playground.experiment({ dataset: "gauss", networkShape: [], activation, seed: String(seed) });
  const [pgSigmoid, pgRelu] = [pg("sigmoid"), pg("relu")];
  for (const e of [pgSigmoid, pgRelu]) await e.model.fit(e.train.X, e.train.y, { ...e.fitOptions, epochs: 100, verbose: 0 });
  const pgLine = checkLine(pgSigmoid.model);
  return {
    gaussLast: gauss.history.last().val_accuracy,
    lineExact: gaussLine.maxOffLine < 1e-9 && gaussLine.disagree === 0,
    pgSame: JSON.stringify(pgSigmoid.model.getWeights()) === JSON.stringify(pgRelu.model.getWeights()),
    pgLineExact: pgLine.maxOffLine < 1e-9 && pgLine.disagree === 0,
    pgTest: pgSigmoid.model.evaluate(pgSigmoid.test.X, pgSigmoid.test.y).accuracy,
    circleBest: circle.history.best("val_accuracy"),
    circleLast: circle.history.last().val_accuracy,
    circleLoss: circle.history.last().loss,
    ceiling: bestLine(field.test),
    hiddenBest: hidden.history.best("val_accuracy"),
    hiddenLast: hidden.history.last().val_accuracy,
    xorBest: xor.history.best("val_accuracy"),
    handAccuracy: hand.evaluate(gaussField.test.X, gaussField.test.y).accuracy,
    squaresBest: squaresHistory.best("val_accuracy"),
  };
}
type Seed1 = Awaited<ReturnType<typeof measure>>;

/** The lesson's claims, as tests of a sweep's records (thresholds as in the notebook). */
const CLAIMS: Claim<Seed1>[] = [
  { name: "one neuron separates the two blobs", test: (rs) => tally(rs, (r) => r.gaussLast >= 0.98).count === rs.length },
  { name: "the 0.5 level is the line w·x + b = 0", test: (rs) => rs.every((r) => r.lineExact) },
  { name: "Playground: activation does nothing, same line", test: (rs) => rs.every((r) => r.pgSame && r.pgLineExact) && tally(rs, (r) => r.pgTest >= 0.98).count === rs.length },
  {
    name: "one neuron fails on the circle, one hidden layer does not",
    test: (rs) => rs.every((r) => r.circleBest <= 0.8) && tally(rs, (r) => r.hiddenBest >= 0.95).count >= rs.length - 2,
  },
  {
    name: "loss near ln 2",
    test: (rs) => {
      const losses = rs.map((r) => r.circleLoss).sort((a, b) => a - b);
      const median = (losses[(losses.length - 1) >> 1] + losses[losses.length >> 1]) / 2;
      return Math.abs(median - Math.LN2) < 0.03 && losses[0] > Math.LN2 - 0.05;
    },
  },
];

async function main() {
  const seeds = seedRange();
  const started = Date.now();
  const records = await sweep(seeds, measure);
  console.log(`lesson 01, seeds ${seeds[0]}-${seeds[seeds.length - 1]} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  console.log(quantileLine("gauss, one neuron, last test accuracy", records.map((r) => r.gaussLast)));
  console.log(`gauss: last test accuracy >= 0.98 in ${formatRate(tally(records, (r) => r.gaussLast >= 0.98))}, = 1 in ${formatRate(tally(records, (r) => r.gaussLast === 1))}`);
  console.log(`the 0.5 level is exactly the line in ${formatRate(tally(records, (r) => r.lineExact))}`);
  console.log(`Playground: sigmoid and relu weights identical in ${formatRate(tally(records, (r) => r.pgSame))}, line exact in ${formatRate(tally(records, (r) => r.pgLineExact))}`);
  console.log(quantileLine("Playground gauss test accuracy", records.map((r) => r.pgTest)));
  console.log(quantileLine("circle, one neuron, best", records.map((r) => r.circleBest)));
  console.log(quantileLine("circle, one neuron, last", records.map((r) => r.circleLast)));
  console.log(quantileLine("circle, best line searched", records.map((r) => r.ceiling)));
  console.log(`circle: one neuron's best below the best line in ${formatRate(tally(records, (r) => r.circleBest < r.ceiling))}`);
  console.log(quantileLine("circle, hidden 3 tanh, best", records.map((r) => r.hiddenBest)));
  console.log(quantileLine("circle, hidden 3 tanh, last", records.map((r) => r.hiddenLast)));
  console.log(countLine("circle, hidden 3 tanh, best >= 0.95", tally(records, (r) => r.hiddenBest >= 0.95), 50, { atLeast: 48 }));
  console.log(countLine("circle, hidden 3 tanh, last >= 0.95", tally(records, (r) => r.hiddenLast >= 0.95), 50, { atLeast: 45 }));
  console.log(countLine("circle, one neuron best <= 0.8", tally(records, (r) => r.circleBest <= 0.8), 50, { atLeast: 50 }));
  console.log(quantileLine("circle, one neuron, last training loss", records.map((r) => r.circleLoss)));
  console.log(quantileLine("exercise 1: xor, one neuron, best", records.map((r) => r.xorBest)));
  console.log(`exercise 1: xor best between 0.5 and 0.75 in ${formatRate(tally(records, (r) => r.xorBest >= 0.5 && r.xorBest <= 0.75))}`);
  console.log(`exercise 2: [1, 1, 0] classifies >= 99% of the gauss test beans in ${formatRate(tally(records, (r) => r.handAccuracy >= 0.99))}`);
  console.log(`exercise 3: one neuron with squares reaches 95% in ${formatRate(tally(records, (r) => r.squaresBest >= 0.95))}`);
  checkClaims(records, CLAIMS);
}

main();
