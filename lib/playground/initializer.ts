import { Initializer } from "../engine/initializers";

/**
 * TensorFlow Playground's start: weights uniform in [-0.5, 0.5), biases 0.1.
 * Weights are drawn in the page's order (unit by unit, then input by input), so the
 * same stream gives the page's network.
 */
export const initializer: Initializer = {
  name: "playground",
  fill(target, { fanIn, fanOut, role }, rng) {
    if (role === "bias") {
      target.fill(0.1);
      return;
    }
    for (let j = 0; j < fanOut; j++) {
      for (let i = 0; i < fanIn; i++) target[i * fanOut + j] = rng.next() - 0.5;
    }
  },
};
