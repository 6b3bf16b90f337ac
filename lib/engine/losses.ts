import { Registry } from "../util/registry";

/**
 * A loss: how wrong the predictions `yHat` are for the targets `y`, averaged over a batch,
 * and its derivative with respect to each prediction. Arrays hold n values (batch x outputs).
 */
export interface Loss {
  /** The name used in `compile({ loss })` and in printed models. */
  readonly name: string;
  /** The mean loss over the n values. */
  compute(yHat: Float64Array, y: Float64Array, n: number): number;
  /** dYHat[i] = d(mean loss) / d yHat[i]. */
  gradient(yHat: Float64Array, y: Float64Array, dYHat: Float64Array, n: number): void;
  /**
   * Throws, naming `where`, if the targets `y` or an output activation of range `outputRange` cannot
   * go with this loss (the loss would train on nonsense without it).
   */
  checkUse?(y: Float64Array, outputRange: readonly [number, number], where: string): void;
}

/** Mean squared error exactly as Keras: mean((yHat - y)²), gradient 2(yHat - y)/n. */
export const mse: Loss = {
  name: "mse",
  compute(yHat, y, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = yHat[i] - y[i];
      sum += d * d;
    }
    return sum / n;
  },
  gradient(yHat, y, dYHat, n) {
    const scale = 2 / n;
    for (let i = 0; i < n; i++) dYHat[i] = scale * (yHat[i] - y[i]);
  },
};

/** TensorFlow Playground's error: mean of ½(yHat - y)², so each point's derivative is just yHat - y. */
export const halfSquared: Loss = {
  name: "halfSquared",
  compute(yHat, y, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = yHat[i] - y[i];
      sum += 0.5 * d * d;
    }
    return sum / n;
  },
  gradient(yHat, y, dYHat, n) {
    for (let i = 0; i < n; i++) dYHat[i] = (yHat[i] - y[i]) / n;
  },
};

/** Keras clips probabilities to [EPSILON, 1 - EPSILON] before taking logs. */
export const EPSILON = 1e-7;

/**
 * Binary cross-entropy, -mean(y log p + (1 - y) log(1 - p)), with p clipped as Keras does.
 * After a sigmoid unit the model uses `fromLogits` instead, which never rounds to log(0).
 */
export const binaryCrossentropy: Loss & LogitLoss = {
  name: "binaryCrossentropy",
  compute(yHat, y, n) {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const p = clip(yHat[i]);
      sum -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
    }
    return sum / n;
  },
  gradient(yHat, y, dYHat, n) {
    for (let i = 0; i < n; i++) {
      const p = yHat[i];
      // Where the clip is active the loss is flat in p, so its slope is 0 (as in TensorFlow).
      dYHat[i] = p < EPSILON || p > 1 - EPSILON ? 0 : (p - y[i]) / (p * (1 - p) * n);
    }
  },
  checkUse(y, outputRange, where) {
    const bad = y.find((v) => v < 0 || v > 1);
    if (bad !== undefined) {
      const hint = bad === -1 ? "; labels -1/+1 become 0/1 with (y + 1) / 2" : "";
      throw new Error(`${where}: binaryCrossentropy needs labels 0 or 1 (or probabilities between), but y holds ${bad}${hint}; or use loss "mse"`);
    }
    if (outputRange[0] < 0 || outputRange[1] > 1) {
      throw new Error(
        `${where}: binaryCrossentropy needs outputs that are probabilities in [0, 1], but the last layer's activation gives values in [${outputRange.join(", ")}]; ` +
          `use activation "sigmoid" on the last layer, or loss "mse" for a tanh or linear output`,
      );
    }
  },
  fromLogits: {
    compute(z, y, n) {
      // log(1 + e^-|z|) + max(z, 0) - z*y: the stable form TensorFlow uses.
      let sum = 0;
      for (let i = 0; i < n; i++) sum += Math.max(z[i], 0) - z[i] * y[i] + Math.log1p(Math.exp(-Math.abs(z[i])));
      return sum / n;
    },
    gradient(a, y, dZ, n) {
      for (let i = 0; i < n; i++) dZ[i] = (a[i] - y[i]) / n;
    },
  },
};

/** A loss that a sigmoid output can hand its pre-activation z to, for a stable value and gradient. */
export interface LogitLoss {
  fromLogits: {
    /** The mean loss from the sigmoid's inputs z. */
    compute(z: Float64Array, y: Float64Array, n: number): number;
    /** dZ[i] = d(mean loss) / d z[i], given a = sigmoid(z). */
    gradient(a: Float64Array, y: Float64Array, dZ: Float64Array, n: number): void;
  };
}

function clip(p: number): number {
  return p < EPSILON ? EPSILON : p > 1 - EPSILON ? 1 - EPSILON : p;
}

/** Loss names accepted by `compile({ loss })`. */
export type LossName = "mse" | "meanSquaredError" | "mean_squared_error" | "binaryCrossentropy" | "binary_crossentropy" | "halfSquared";

const registry = new Registry<Loss>({
  kind: "loss",
  entries: {
    mse: () => mse,
    meanSquaredError: () => mse,
    mean_squared_error: () => mse,
    binaryCrossentropy: () => binaryCrossentropy,
    binary_crossentropy: () => binaryCrossentropy,
    halfSquared: () => halfSquared,
  } satisfies Record<LossName, () => Loss>,
  accepts: (l) => typeof (l as Loss).compute === "function" && typeof (l as Loss).gradient === "function",
});

/** The loss for a name or a `Loss` object; unknown names list the valid ones. */
export function getLoss(loss: LossName | Loss, where = "compile"): Loss {
  return registry.get(loss, where);
}
