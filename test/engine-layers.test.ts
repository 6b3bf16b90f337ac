import { strict as assert } from "assert";
import { activations, Dense, Layer, Sequential, SGD } from "../lib/index";
import { Activation } from "../lib/engine/activations";
import { Registry } from "../lib/util/registry";
import { formatExact, formatRounded } from "../lib/util/format";

describe("the Layer interface", () => {
  it("Dense is a Layer whose weights() are its kernel and bias with their gradients, in getWeights order", () => {
    const layer: Layer = new Dense({ units: 3, activation: "relu", inputDim: 2 });
    assert.deepEqual(layer.weights(), [], "no weights before build");
    const model = new Sequential({ seed: 4 });
    model.add(layer as Dense);
    const dense = layer as Dense;
    const [kernel, bias] = layer.weights();
    assert.equal(kernel.name, "kernel");
    assert.equal(kernel.value, dense.kernel);
    assert.equal(kernel.grad, dense.kernelGrad);
    assert.deepEqual(kernel.shape, [2, 3]);
    assert.equal(bias.name, "bias");
    assert.equal(bias.value, dense.bias);
    assert.deepEqual(bias.shape, [3]);
    assert.equal(layer.type, "Dense");
    assert.equal(layer.countParams(), 9);
    assert.equal(new Dense({ units: 2, inputDim: 3, useBias: false }).countParams(), 6);
  });

  it("a layer without bias has one weight, and getWeights/computeGradients follow weights()", () => {
    const model = new Sequential({ seed: 5 });
    model.add(new Dense({ units: 2, activation: "tanh", inputDim: 2, useBias: false }));
    model.add(new Dense({ units: 1, activation: "sigmoid" }));
    model.compile({ loss: "binaryCrossentropy", optimizer: new SGD() });
    assert.deepEqual(model.layers.map((l) => l.weights().map((w) => w.name)), [["kernel"], ["kernel", "bias"]]);
    const grads = model.computeGradients([[1, 2], [-1, 0.5]], [1, 0]);
    const weights = model.layers.flatMap((l) => l.weights());
    assert.deepEqual(grads, weights.map((w) => (w.shape.length === 2 ? chunk(Array.from(w.grad), w.shape[1]) : Array.from(w.grad))));
    assert.equal(model.getWeights().length, 3);
  });

  it("forward fills z and a; backward fills the gradients and dL/d(input), as the chain rule says", () => {
    const layer = new Dense({ units: 1, activation: "linear", inputDim: 2 });
    new Sequential().add(layer);
    layer.kernel.set([2, -1]);
    layer.bias.set([0.5]);
    layer.reserve(1);
    layer.forward(Float64Array.from([3, 4]), 1);
    assert.deepEqual([layer.z[0], layer.a[0]], [2.5, 2.5]);
    layer.dA[0] = 1;
    const dInput = new Float64Array(2);
    layer.backward(Float64Array.from([3, 4]), 1, dInput, false);
    assert.deepEqual(Array.from(layer.kernelGrad), [3, 4]);
    assert.deepEqual(Array.from(layer.biasGrad), [1]);
    assert.deepEqual(Array.from(dInput), [2, -1]);
  });
});

describe("activation ranges and thresholds", () => {
  const all: Activation[] = [activations.sigmoid, activations.tanh, activations.relu, activations.linear, activations.leakyRelu(), activations.leakyRelu({ alpha: 0 })];

  it("each activation declares its range", () => {
    assert.deepEqual(all.map((a) => [a.name, a.range]), [
      ["sigmoid", [0, 1]], ["tanh", [-1, 1]], ["relu", [0, Infinity]], ["linear", [-Infinity, Infinity]],
      ["leakyRelu", [-Infinity, Infinity]], ["leakyRelu(0)", [0, Infinity]],
    ]);
  });

  it("every output lies in the declared range", () => {
    for (const a of all) {
      for (let z = -40; z <= 40; z += 0.25) {
        const out = a.output(z);
        assert.ok(out >= a.range[0] && out <= a.range[1], `${a.name}(${z}) = ${out} outside [${a.range}]`);
      }
    }
  });

  it("sigmoid and tanh split the classes at their middle output, f(0); the others have no threshold", () => {
    assert.equal(activations.sigmoid.threshold, activations.sigmoid.output(0));
    assert.equal(activations.tanh.threshold, activations.tanh.output(0));
    assert.deepEqual([activations.relu, activations.linear, activations.leakyRelu()].map((a) => a.threshold), [undefined, undefined, undefined]);
  });
});

describe("Registry", () => {
  const colours = new Registry<{ hex: string }>({
    kind: "colour",
    entries: { red: () => ({ hex: "#f00" }), blue: () => ({ hex: "#00f" }) },
    accepts: (c) => typeof (c as { hex?: unknown }).hex === "string",
    alternatives: "{ hex }",
  });

  it("looks names up, passes accepted objects through, and lists its names in order", () => {
    assert.deepEqual(colours.get("blue", "paint"), { hex: "#00f" });
    const own = { hex: "#123" };
    assert.equal(colours.get(own, "paint"), own);
    assert.deepEqual(colours.names, ["red", "blue"]);
  });

  it("an unknown name or object names the caller, the kind, the valid names and the alternatives", () => {
    assert.throws(() => colours.get("green", "paint"), { message: 'paint: unknown colour "green"; expected one of "red", "blue", or { hex }' });
    assert.throws(() => colours.get("toString", "paint"), /paint: unknown colour "toString"/);
    assert.throws(() => colours.get({ rgb: 1 }, "paint"), /paint: unknown colour a object; expected one of "red", "blue"/);
    assert.throws(() => colours.get(null, "paint"), /paint: unknown colour null/);
  });

  it("the engine's lookups share it: same message shape for every kind", () => {
    assert.throws(() => new Dense({ units: 1, biasInitializer: "playground" as "zeros" }), /Dense biasInitializer: unknown initializer "playground"; expected one of "glorotUniform", "glorot_uniform", "zeros", "ones", or constant\(v\), randomUniform\(a, b\)/);
    const model = new Sequential();
    model.add(new Dense({ units: 1, inputDim: 1 }));
    assert.throws(() => model.compile({ loss: "mse", optimizer: {} as SGD }), /compile: unknown optimizer a object; expected one of "sgd", or new SGD\(\{ learningRate \}\)/);
  });
});

describe("number formats", () => {
  it("formatRounded: 4 decimals for people, exponent form when very small or large", () => {
    assert.deepEqual([0.123456, 2, 1e-5, 12345.6, -0.5, 0, NaN].map(formatRounded), ["0.1235", "2", "1.000e-5", "1.235e+4", "-0.5", "0", "NaN"]);
  });

  it("formatExact: reads back to the same bits, -0 included", () => {
    for (const x of [0.1 + 0.2, -0, 1e-300, -123.456]) assert.ok(Object.is(Number(formatExact(x)), x), String(x));
  });
});

function chunk(values: number[], cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < values.length; i += cols) out.push(values.slice(i, i + cols));
  return out;
}
