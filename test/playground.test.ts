import { strict as assert } from "assert";
import { datasets, playground } from "../lib/index";
import { Dataset } from "../lib/data";
import { Rng } from "../lib/rng";
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
interface Link { source: Node; weight: number; acc: number; n: number }
interface Node { bias: number; inputs: Link[]; outputs: { link: Link; dest: Node }[]; total: number; output: number; outputDer: number; inputDer: number; acc: number; n: number; act: Act }

function buildNetwork(shape: number[], act: Act, rand: () => number): Node[][] {
  const layers: Node[][] = [];
  shape.forEach((size, l) => {
    const layer: Node[] = [];
    for (let i = 0; i < size; i++) {
      const node: Node = { bias: 0.1, inputs: [], outputs: [], total: 0, output: 0, outputDer: 0, inputDer: 0, acc: 0, n: 0, act: l === shape.length - 1 ? ACT.tanh : act };
      if (l > 0) {
        for (const prev of layers[l - 1]) {
          const link: Link = { source: prev, weight: rand() - 0.5, acc: 0, n: 0 };
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

function update(net: Node[][], lr: number): void {
  for (let l = 1; l < net.length; l++) {
    for (const node of net[l]) {
      if (node.n > 0) {
        node.bias -= (lr * node.acc) / node.n;
        node.acc = 0;
        node.n = 0;
      }
      for (const link of node.inputs) {
        if (link.n > 0) {
          link.weight -= (lr / link.n) * link.acc;
          link.acc = 0;
          link.n = 0;
        }
      }
    }
  }
}

function oneStep(net: Node[][], train: Dataset, lr: number, batchSize: number): void {
  train.X.forEach((x, i) => {
    forward(net, x);
    backward(net, train.y[i]);
    if ((i + 1) % batchSize === 0) update(net, lr);
  });
}

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
  { dataset: "circle", noise: 0, networkShape: [4, 2], activation: "tanh", learningRate: 0.03, batchSize: 10, percTrainData: 50, seed: "0.59704" },
  { dataset: "xor", noise: 10, networkShape: [3], activation: "relu", learningRate: 0.1, batchSize: 5, percTrainData: 70, seed: "0.12345" },
  { dataset: "spiral", noise: 20, networkShape: [8, 8, 8], activation: "sigmoid", learningRate: 0.3, batchSize: 25, percTrainData: 50, seed: "42" },
  { dataset: "gauss", noise: 30, networkShape: [], activation: "linear", learningRate: 0.01, batchSize: 1, percTrainData: 30, seed: "abc" },
] as const;

describe("playground: the page's experiment, step for step", () => {
  for (const s of settings) {
    it(`${s.dataset}, noise ${s.noise}, [${s.networkShape}] ${s.activation}, lr ${s.learningRate}, batch ${s.batchSize}, seed "${s.seed}"`, async () => {
      const pg = playground.experiment({ ...s, networkShape: [...s.networkShape] });

      // The page: seed, 500 points, one shuffle, split, then weights from the same stream.
      const rng = new Rng(s.seed);
      const points = GENERATORS[s.dataset]({ n: 500, noise: s.noise / 100, seed: rng, labels: "pm1" });
      const order = points.y.map((_, i) => i);
      rng.shuffle(order);
      const split = Math.floor((500 * s.percTrainData) / 100);
      const pick = (rows: number[]): Dataset => ({ X: rows.map((i) => points.X[i]), y: rows.map((i) => points.y[i]) });
      const train = pick(order.slice(0, split));
      const test = pick(order.slice(split));
      const net = buildNetwork([2, ...s.networkShape, 1], ACT[s.activation], () => rng.next());

      assert.deepEqual(pg.train, train);
      assert.deepEqual(pg.test, test);
      assert.deepEqual(pg.model.getWeights(), weightsOf(net), "initial weights");
      assertClose(pg.model.evaluate(test.X, test.y).loss, pageLoss(net, test), 1e-14, "test loss before training");

      for (let epoch = 0; epoch < 5; epoch++) oneStep(net, train, s.learningRate, s.batchSize);
      await pg.model.fit(pg.train.X, pg.train.y, { ...pg.fitOptions, epochs: 5, verbose: 0 });
      assertClose(pg.model.getWeights(), weightsOf(net), 1e-10, "weights after 5 steps");
      assertClose(pg.model.evaluate(test.X, test.y).loss, pageLoss(net, test), 1e-10, "test loss after 5 steps");
    });
  }

  it("an unknown dataset or activation is an error that lists the valid ones", () => {
    assert.throws(() => playground.experiment({ dataset: "moons" }), /playground.experiment: unknown dataset "moons"; expected one of gauss, circle, xor, spiral/);
    assert.throws(() => playground.network({ activation: "softmax" as "tanh" }), /playground.network: unknown activation "softmax"; the page offers tanh, relu, sigmoid, linear/);
    assert.throws(() => playground.experiment({ noise: 500 }), /noise must be a percentage from 0 to 100/);
    assert.throws(() => playground.network({ networkShape: [4, 0] }), /networkShape\[1\] must be an integer >= 1, got 0/);
  });

  it("the page's conventions: tanh output, ½ squared error, labels ±1, sign accuracy", () => {
    const { model, fitOptions } = playground.network({ networkShape: [3], activation: "relu" });
    assert.deepEqual(model.layers.map((l) => l.activation.name), ["relu", "tanh"]);
    assert.equal(model.loss?.name, "halfSquared");
    assert.deepEqual(model.metrics.map((m) => m.name), ["signAccuracy"]);
    assert.deepEqual(fitOptions, { batchSize: 10, shuffle: false });
    assert.ok(Array.from(model.layers[0].bias).every((b) => b === 0.1));
  });
});
