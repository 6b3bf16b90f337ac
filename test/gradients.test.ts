import { strict as assert } from "assert";
import { activations, Activation, Dense, Sequential, SGD } from "../lib/index";
import { LossName } from "../lib/engine/losses";
import { Rng } from "../lib/engine/rng";

/** Central differences: (L(w + h) - L(w - h)) / 2h for every weight, in getWeights layout. */
function numericGradients(model: Sequential, X: number[][], y: number[][], h: number): (number[][] | number[])[] {
  const weights = model.getWeights();
  const copy = () => weights.map((w) => (Array.isArray(w[0]) ? (w as number[][]).map((r) => r.slice()) : (w as number[]).slice()));
  const lossWith = (k: number, i: number, j: number, delta: number) => {
    const ws = copy();
    if (j < 0) (ws[k] as number[])[i] += delta;
    else (ws[k] as number[][])[i][j] += delta;
    model.setWeights(ws);
    return model.evaluate(X, y).loss;
  };
  const grads = weights.map((w, k) =>
    Array.isArray(w[0])
      ? (w as number[][]).map((row, i) => row.map((_, j) => (lossWith(k, i, j, h) - lossWith(k, i, j, -h)) / (2 * h)))
      : (w as number[]).map((_, i) => (lossWith(k, i, -1, h) - lossWith(k, i, -1, -h)) / (2 * h)),
  );
  model.setWeights(weights);
  return grads;
}

/** Largest |analytic - numeric| / max(|analytic| + |numeric|, 1e-4) over all weights: relative, or absolute where rounding dominates. */
function worstRelativeError(a: (number[][] | number[])[], b: (number[][] | number[])[]): number {
  const fa = a.flat(2) as number[];
  const fb = b.flat(2) as number[];
  assert.equal(fa.length, fb.length);
  let worst = 0;
  for (let i = 0; i < fa.length; i++) {
    worst = Math.max(worst, Math.abs(fa[i] - fb[i]) / Math.max(Math.abs(fa[i]) + Math.abs(fb[i]), 1e-4));
  }
  return worst;
}

/** A batch whose pre-activations keep away from ReLU's kink, so central differences are valid. */
function data(rng: Rng, n: number, outputs: number, labels: "01" | "real") {
  const X = Array.from({ length: n }, () => [rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(-2, 2)]);
  const y = Array.from({ length: n }, () =>
    Array.from({ length: outputs }, () => (labels === "01" ? (rng.next() < 0.5 ? 0 : 1) : rng.uniform(-0.9, 0.9))),
  );
  return { X, y };
}

function minAbsPreActivation(model: Sequential, X: number[][]): number {
  // z of each layer, recovered from its inputs and weights.
  let input = X;
  let smallest = Infinity;
  const weights = model.getWeights();
  model.layers.forEach((layer, l) => {
    const W = weights[2 * l] as number[][];
    const b = weights[2 * l + 1] as number[];
    const z = input.map((row) => b.map((bj, j) => row.reduce((s, x, i) => s + x * W[i][j], bj)));
    for (const v of z.flat()) smallest = Math.min(smallest, Math.abs(v));
    input = z.map((row) => row.map((v) => layer.activation.output(v)));
  });
  return smallest;
}

const hidden: [string, Activation][] = [
  ["sigmoid", activations.sigmoid],
  ["tanh", activations.tanh],
  ["relu", activations.relu],
  ["leakyRelu", activations.leakyRelu({ alpha: 0.1 })],
  ["linear", activations.linear],
];

/** A sigmoid that the model does not recognise, to check cross-entropy's clipped path too. */
const plainSigmoid: Activation = { ...activations.sigmoid, name: "sigmoid (not fused)" };

const cases: { loss: LossName; output: Activation; labels: "01" | "real" }[] = [
  { loss: "mse", output: activations.tanh, labels: "real" },
  { loss: "mse", output: activations.sigmoid, labels: "01" },
  { loss: "halfSquared", output: activations.tanh, labels: "real" },
  { loss: "halfSquared", output: activations.linear, labels: "real" },
  { loss: "binaryCrossentropy", output: activations.sigmoid, labels: "01" },
  { loss: "binaryCrossentropy", output: plainSigmoid, labels: "01" },
];

describe("gradients: backpropagation agrees with central differences (Float64)", () => {
  for (const [name, act] of hidden) {
    for (const { loss, output, labels } of cases) {
      it(`${name} hidden layers, ${output.name} output, ${loss}`, () => {
        const rng = new Rng(`${name}/${loss}/${output.name}`);
        let model: Sequential;
        let batch: ReturnType<typeof data>;
        let attempt = 0;
        do {
          model = new Sequential({ seed: `${name}-${loss}-${attempt}` });
          model.add(new Dense({ units: 4, activation: act, inputDim: 3, biasInitializer: "ones" }));
          model.add(new Dense({ units: 5, activation: act }));
          model.add(new Dense({ units: 2, activation: output }));
          model.compile({ loss, optimizer: new SGD({ learningRate: 0.1 }) });
          batch = data(rng, 7, 2, labels);
          attempt++;
        } while (minAbsPreActivation(model, batch.X) < 1e-3 && attempt < 20);
        assert.ok(minAbsPreActivation(model, batch.X) >= 1e-3, "could not find a batch away from the ReLU kink");

        const analytic = model.computeGradients(batch.X, batch.y);
        const numeric = numericGradients(model, batch.X, batch.y, 1e-5);
        const err = worstRelativeError(analytic, numeric);
        assert.ok(err < 1e-6, `worst relative error ${err}`);
        assert.ok((analytic.flat(2) as number[]).some((g) => Math.abs(g) > 1e-6), "all gradients are ~0: the check would be vacuous");
      });
    }
  }

  it("a layer without bias has only a kernel gradient, and it is right", () => {
    const model = new Sequential({ seed: 3 });
    model.add(new Dense({ units: 3, activation: "tanh", inputDim: 3, useBias: false }));
    model.add(new Dense({ units: 2, activation: "sigmoid" }));
    model.compile({ loss: "mse", optimizer: "sgd" });
    const batch = data(new Rng(9), 5, 2, "01");
    const analytic = model.computeGradients(batch.X, batch.y);
    assert.deepEqual(analytic.map((g) => (Array.isArray(g[0]) ? "W" : "b")), ["W", "W", "b"]);
    const numeric = numericGradients(model, batch.X, batch.y, 1e-5);
    assert.ok(worstRelativeError(analytic, numeric) < 1e-6);
  });
});
