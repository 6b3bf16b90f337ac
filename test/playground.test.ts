import { strict as assert } from "assert";
import { datasets, playground } from "../lib/index";
import { Dataset } from "../lib/data/generators";
import { Rng } from "../lib/engine/rng";
import { assertClose } from "./helpers";

/**
 * The oracle: TensorFlow Playground's own network (src/nn.ts, a graph of nodes and links) and
 * its training step (playground.ts oneStep), transcribed, with `Math.random` replaced by `rand`.
 */
type Act = { output: (x: number) => number; der: (x: number) => number };
const ACT: Record<string, Act> = {
  tanh: { output: Math.tanh, der: (x) => 1 - Math.tanh(x) ** 2 },
  relu: { output: (x) => Math.max(0, x), der: (x) => (x <= 0 ? 0 : 1) },
  sigmoid: { output: (x) => 1 / (1 + Math.exp(-x)), der: (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); } },
  linear: { output: (x) => x, der: () => 1 },
};
interface Link { source: Node; weight: number; acc: number; n: number; isDead: boolean }
interface Node { bias: number; inputs: Link[]; outputs: { link: Link; dest: Node }[]; total: number; output: number; outputDer: number; inputDer: number; acc: number; n: number; act: Act }

function buildNetwork(shape: number[], act: Act, rand: () => number, initZero = false): Node[][] {
  const layers: Node[][] = [];
  shape.forEach((size, l) => {
    const layer: Node[] = [];
    for (let i = 0; i < size; i++) {
      const node: Node = { bias: initZero ? 0 : 0.1, inputs: [], outputs: [], total: 0, output: 0, outputDer: 0, inputDer: 0, acc: 0, n: 0, act: l === shape.length - 1 ? ACT.tanh : act };
      if (l > 0) {
        for (const prev of layers[l - 1]) {
          const drawn = rand() - 0.5;
          const link: Link = { source: prev, weight: initZero ? 0 : drawn, acc: 0, n: 0, isDead: false };
          prev.outputs.push({ link, dest: node });
          node.inputs.push(link);
        }
      }
      layer.push(node);
    }
    layers.push(layer);
  });
  return layers;
}

function forward(net: Node[][], input: number[]): number {
  net[0].forEach((node, i) => (node.output = input[i]));
  for (let l = 1; l < net.length; l++) {
    for (const node of net[l]) {
      node.total = node.bias;
      for (const link of node.inputs) node.total += link.weight * link.source.output;
      node.output = node.act.output(node.total);
    }
  }
  return net[net.length - 1][0].output;
}

function backward(net: Node[][], target: number): void {
  const out = net[net.length - 1][0];
  out.outputDer = out.output - target;
  for (let l = net.length - 1; l >= 1; l--) {
    for (const node of net[l]) {
      node.inputDer = node.outputDer * node.act.der(node.total);
      node.acc += node.inputDer;
      node.n++;
      for (const link of node.inputs) {
        if (link.isDead) continue;
        link.acc += node.inputDer * link.source.output;
        link.n++;
      }
    }
    if (l === 1) continue;
    for (const node of net[l - 1]) {
      node.outputDer = 0;
      for (const { link, dest } of node.outputs) node.outputDer += link.weight * dest.inputDer;
    }
  }
}

type Reg = "none" | "L1" | "L2";
const REG_DER: Record<Reg, (w: number) => number> = { none: () => 0, L1: (w) => (w < 0 ? -1 : w > 0 ? 1 : 0), L2: (w) => w };

function update(net: Node[][], lr: number, reg: Reg, rate: number): void {
  for (let l = 1; l < net.length; l++) {
    for (const node of net[l]) {
      if (node.n > 0) {
        node.bias -= (lr * node.acc) / node.n;
        node.acc = 0;
        node.n = 0;
      }
      for (const link of node.inputs) {
        if (link.isDead) continue;
        const regDer = REG_DER[reg](link.weight);
        if (link.n > 0) {
          link.weight = link.weight - (lr / link.n) * link.acc;
          const next = link.weight - lr * rate * regDer;
          if (reg === "L1" && link.weight * next < 0) {
            link.weight = 0;
            link.isDead = true;
          } else {
            link.weight = next;
          }
          link.acc = 0;
          link.n = 0;
        }
      }
    }
  }
}

function oneStep(net: Node[][], train: Dataset, lr: number, batchSize: number, reg: Reg, rate: number): void {
  train.X.forEach((x, i) => {
    forward(net, x);
    backward(net, train.y[i]);
    if ((i + 1) % batchSize === 0) update(net, lr, reg, rate);
  });
}

/** The page's INPUTS, in its order. */
const INPUTS: [string, (x: number, y: number) => number][] = [
  ["x", (x) => x], ["y", (_, y) => y], ["xSquared", (x) => x * x], ["ySquared", (_, y) => y * y],
  ["xTimesY", (x, y) => x * y], ["sinX", (x) => Math.sin(x)], ["sinY", (_, y) => Math.sin(y)],
];

function pageLoss(net: Node[][], data: Dataset): number {
  return data.X.reduce((s, x, i) => s + 0.5 * (forward(net, x) - data.y[i]) ** 2, 0) / data.X.length;
}

/** The oracle's weights in Keras layout: [W [nIn][nOut], b [nOut], ...]. */
function weightsOf(net: Node[][]): (number[][] | number[])[] {
  const out: (number[][] | number[])[] = [];
  for (let l = 1; l < net.length; l++) {
    out.push(net[l - 1].map((_, i) => net[l].map((node) => node.inputs[i].weight)));
    out.push(net[l].map((node) => node.bias));
  }
  return out;
}

const GENERATORS: Record<string, typeof datasets.circle> = {
  gauss: datasets.gauss, circle: datasets.circle, xor: datasets.xor, spiral: datasets.spiral,
};

const settings = [
  { dataset: "circle", noise: 0, networkShape: [4, 2], activation: "tanh", learningRate: 0.03, batchSize: 10, percTrainData: 50, seed: "0.59704", regularization: "none", regularizationRate: 0, features: ["x", "y"], initZero: false },
  { dataset: "xor", noise: 10, networkShape: [3], activation: "relu", learningRate: 0.1, batchSize: 5, percTrainData: 70, seed: "0.12345", regularization: "L1", regularizationRate: 0.01, features: ["x", "y", "xTimesY"], initZero: false },
  { dataset: "spiral", noise: 20, networkShape: [8, 8, 8], activation: "sigmoid", learningRate: 0.3, batchSize: 30, percTrainData: 50, seed: "42", regularization: "L2", regularizationRate: 0.003, features: ["x", "y", "xSquared", "ySquared", "xTimesY", "sinX", "sinY"], initZero: false },
  { dataset: "gauss", noise: 30, networkShape: [], activation: "linear", learningRate: 0.01, batchSize: 1, percTrainData: 30, seed: "abc", regularization: "none", regularizationRate: 0, features: ["x", "y"], initZero: false },
  { dataset: "circle", noise: 5, networkShape: [2], activation: "tanh", learningRate: 0.1, batchSize: 7, percTrainData: 40, seed: "7", regularization: "L1", regularizationRate: 0.3, features: ["xSquared", "ySquared"], initZero: true },
] as const;

describe("playground: the page's experiment, step for step", () => {
  for (const s of settings) {
    it(`${s.dataset}, noise ${s.noise}, [${s.networkShape}] ${s.activation}, ${s.features.join("+")}, ${s.regularization} ${s.regularizationRate}, batch ${s.batchSize} of ${(500 * s.percTrainData) / 100}, seed "${s.seed}"${s.initZero ? ", initZero" : ""}`, async () => {
      const on = Object.fromEntries(INPUTS.map(([name]) => [name, (s.features as readonly string[]).includes(name)]));
      const url = `#activation=${s.activation}&regularization=${s.regularization}&batchSize=${s.batchSize}&dataset=${s.dataset}&learningRate=${s.learningRate}` +
        `&regularizationRate=${s.regularizationRate}&noise=${s.noise}&networkShape=${s.networkShape.join(",")}&seed=${s.seed}&percTrainData=${s.percTrainData}` +
        INPUTS.map(([name]) => `&${name}=${on[name]}`).join("") + `&initZero=${s.initZero}`;
      const pg = playground.fromUrl(url);

      // The page: seed, 500 points, one shuffle, split, then weights from the same stream.
      const rng = new Rng(s.seed);
      const points = GENERATORS[s.dataset]({ n: 500, noise: s.noise / 100, seed: rng, labels: "pm1" });
      const order = points.y.map((_, i) => i);
      rng.shuffle(order);
      const split = Math.floor((500 * s.percTrainData) / 100);
      const pick = (rows: number[]): Dataset => ({ X: rows.map((i) => points.X[i]), y: rows.map((i) => points.y[i]) });
      const inputs = INPUTS.filter(([name]) => on[name]);
      const construct = (d: Dataset): Dataset => ({ X: d.X.map(([x, y]) => inputs.map(([, f]) => f(x, y))), y: d.y });
      const train = construct(pick(order.slice(0, split)));
      const test = construct(pick(order.slice(split)));
      const net = buildNetwork([inputs.length, ...s.networkShape, 1], ACT[s.activation], () => rng.next(), s.initZero);

      assert.deepEqual(pg.train, train);
      assert.deepEqual(pg.test, test);
      assert.deepEqual(pg.model.getWeights(), weightsOf(net), "initial weights");
      assertClose(pg.model.evaluate(test.X, test.y).loss, pageLoss(net, test), 1e-14, "test loss before training");

      for (let epoch = 0; epoch < 5; epoch++) oneStep(net, train, s.learningRate, s.batchSize, s.regularization, s.regularizationRate);
      await pg.model.fit(pg.train.X, pg.train.y, { ...pg.fitOptions, epochs: 5, verbose: 0 });
      assertClose(pg.model.getWeights(), weightsOf(net), 1e-10, "weights after 5 steps");
      assertClose(pg.model.evaluate(test.X, test.y).loss, pageLoss(net, test), 1e-10, "test loss after 5 steps");
    });
  }

  it("bad URL parts and settings are errors that list what is valid, never a silent default", () => {
    assert.throws(() => playground.fromUrl("#dataset=moons"), /playground.fromUrl: dataset=moons is not one of circle, xor, gauss, spiral/);
    assert.throws(() => playground.fromUrl("#activation=softmax"), /activation=softmax is not one of relu, tanh, sigmoid, linear/);
    assert.throws(() => playground.fromUrl("#learningRat=0.03"), /unknown key "learningRat"; valid keys are activation, regularization, batchSize, dataset/);
    assert.throws(() => playground.fromUrl("#learningRate=fast"), /learningRate=fast is not a number/);
    assert.throws(() => playground.fromUrl("#showTestData=yes"), /showTestData=yes; expected true or false/);
    assert.throws(() => playground.fromUrl("#seed"), /"seed" has no "="; expected key=value pairs joined by &/);
    assert.throws(() => playground.fromUrl("#problem=regression"), /problem=regression is not supported/);
    assert.throws(() => playground.fromUrl("#x=false&y=false"), /no input feature is on; turn on at least one of x, y, xSquared/);
    assert.throws(() => playground.fromUrl("#networkShape=4,0"), /networkShape\[1\] must be an integer >= 1, got 0/);
    assert.throws(() => playground.fromUrl("#noise=500"), /noise must be a percentage from 0 to 100/);
    assert.throws(() => playground.experiment({ dataset: "moons" as "xor" }), /dataset "moons" is not one of circle, xor, gauss, spiral/);
    assert.throws(() => playground.network({ activation: "softmax" as "tanh" }), /playground.network: unknown activation "softmax"; the page offers relu, tanh, sigmoid, linear/);
  });

  it("a URL with every key round-trips through fromUrl and toUrl, and trains", async () => {
    const url =
      "https://playground.tensorflow.org/#activation=relu&regularization=L2&batchSize=20&dataset=spiral&regDataset=reg-gauss" +
      "&learningRate=0.1&regularizationRate=0.001&noise=15&networkShape=6,4&seed=0.79612&showTestData=true&discretize=true" +
      "&percTrainData=60&x=true&y=true&xTimesY=true&xSquared=true&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false" +
      "&collectStats=false&tutorial=dp-intro&problem=classification&initZero=false&hideText=true&activation_hide=true";
    const pg = playground.fromUrl(url);
    assert.equal(playground.toUrl(pg), url);
    assert.deepEqual(playground.parseUrl(playground.toUrl(pg.state)), pg.state);
    assert.deepEqual([pg.train.X.length, pg.test.X.length, pg.train.X[0].length], [300, 200, 5]);
    assert.equal(pg.model.layers.map((l) => l.units).join("-"), "6-4-1");
    const before = pg.model.evaluate(pg.test.X, pg.test.y).loss;
    const history = await pg.model.fit(pg.train.X, pg.train.y, { ...pg.fitOptions, epochs: 30, verbose: 0 });
    assert.equal(history.epoch.length, 30);
    assert.ok(pg.model.evaluate(pg.test.X, pg.test.y).loss < before, "training lowers the page's test loss");
    assert.match(playground.toUrl(playground.experiment({ dataset: "xor", networkShape: [] })), /^https:\/\/playground\.tensorflow\.org\/#activation=tanh&.*&dataset=xor&.*&networkShape=&seed=1&/);
  });

  it("L1 sets a weight it pushes across zero to 0 for good, as the page does", () => {
    const opt = new playground.PlaygroundSGD({ learningRate: 0.1, regularization: "L1", regularizationRate: 1 });
    const w = new Float64Array([0.05, 0.5, 0.3]);
    const g = new Float64Array([0, 0, 0]);
    opt.step([w], [g], [true]);
    assert.deepEqual(Array.from(w), [0, 0.4, 0.19999999999999998]);
    opt.step([w], [new Float64Array([-1, 0, 0])], [true]);
    assert.equal(w[0], 0, "a dead weight no longer learns");
  });

  it("the page's conventions: tanh output, ½ squared error, labels ±1, sign accuracy", () => {
    const { model, fitOptions } = playground.network({ networkShape: [3], activation: "relu" });
    assert.deepEqual(model.layers.map((l) => l.activation.name), ["relu", "tanh"]);
    assert.equal(model.loss?.name, "halfSquared");
    assert.deepEqual(model.metrics.map((m) => m.name), ["signAccuracy"]);
    assert.deepEqual(fitOptions, { batchSize: 10, shuffle: false, partialBatch: "carry" });
    assert.ok(Array.from(model.layers[0].bias).every((b) => b === 0.1));
  });
});
