import { strict as assert } from "assert";
import { Dense, Sequential, SGD, datasets } from "../lib/index";
import { assertClose } from "./helpers";

/**
 * The oracle: TensorFlow.js's Keras layers API (cpu backend, float32), given the same initial
 * weights and the same batches (no shuffling), must end with the same weights and losses.
 */
describe("Keras semantics: same numbers as TensorFlow.js layers (float32 tolerance)", function () {
  this.timeout(60000);
  // tfjs prints a hint about tfjs-node when it loads; it says nothing about these tests.
  let tf: typeof import("@tensorflow/tfjs");
  before(async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      tf = require("@tensorflow/tfjs");
      await tf.setBackend("cpu");
      tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] }).predict(tf.zeros([1, 1]));
    } finally {
      console.warn = warn;
    }
  });

  const { X, y } = datasets.spiral({ n: 60, noise: 0.2, seed: 4 });

  for (const [loss, tfLoss] of [["mse", "meanSquaredError"], ["binaryCrossentropy", "binaryCrossentropy"]] as const) {
    it(`2-8-8-1 relu/tanh + sigmoid, ${loss}, SGD 0.1, batch 7 (last batch partial), 3 epochs`, async () => {
      const model = new Sequential({ seed: 11 });
      model.add(new Dense({ units: 8, activation: "relu", inputDim: 2 }));
      model.add(new Dense({ units: 8, activation: "tanh" }));
      model.add(new Dense({ units: 1, activation: "sigmoid" }));
      model.compile({ loss, optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });

      const peer = tf.sequential();
      peer.add(tf.layers.dense({ units: 8, activation: "relu", inputShape: [2] }));
      peer.add(tf.layers.dense({ units: 8, activation: "tanh" }));
      peer.add(tf.layers.dense({ units: 1, activation: "sigmoid" }));
      peer.compile({ loss: tfLoss, optimizer: tf.train.sgd(0.1), metrics: ["accuracy"] });
      const start = model.getWeights();
      peer.setWeights(start.map((w) => tf.tensor(w as number[])));

      const ours = await model.fit(X, y, { epochs: 3, batchSize: 7, shuffle: false, verbose: 0 });
      const theirs = await peer.fit(tf.tensor2d(X), tf.tensor2d(y, [y.length, 1]), { epochs: 3, batchSize: 7, shuffle: false, verbose: 0 });

      assertClose(ours.history.loss, theirs.history.loss as number[], 1e-5, "loss per epoch");
      assertClose(ours.history.accuracy, theirs.history.acc as number[], 1e-6, "accuracy per epoch");
      const peerWeights = peer.getWeights().map((t) => t.arraySync() as number[][] | number[]);
      assertClose(model.getWeights(), peerWeights, 1e-5, "weights after training");
      assert.notDeepEqual(model.getWeights(), start, "training moved the weights");
      const evaluated = (peer.evaluate(tf.tensor2d(X), tf.tensor2d(y, [y.length, 1])) as import("@tensorflow/tfjs").Scalar[])[0].dataSync()[0];
      assertClose(model.evaluate(X, y).loss, evaluated, 1e-5, "evaluate");
    });
  }
});
