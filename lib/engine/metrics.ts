import { describe } from "../util/checks";
import { Registry } from "../util/registry";

/** A metric reported during training: the number of correct predictions among n values. */
export interface Metric {
  /** The key in logs and history, e.g. "accuracy" (and "val_accuracy"). */
  readonly key: string;
  /** The name used in `compile({ metrics })`. */
  readonly name: string;
  /** Throws unless every target is a label this metric understands; `where` names the caller. */
  checkTargets(y: Float64Array, where: string): void;
  /** How many of the n predictions are right. */
  countCorrect(yHat: Float64Array, y: Float64Array, n: number): number;
}

/** Binary accuracy as Keras: labels 0/1, a prediction counts as 1 when it is above 0.5. */
export const accuracy: Metric = {
  key: "accuracy",
  name: "accuracy",
  checkTargets(y, where) {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== 0 && y[i] !== 1) {
        throw new Error(
          `${where}: the "accuracy" metric needs labels 0 or 1, but label ${i} is ${describe(y[i])}` +
            (y[i] === -1 ? `; for Playground's ±1 labels use metrics: ["signAccuracy"]` : ""),
        );
      }
    }
  },
  countCorrect(yHat, y, n) {
    let correct = 0;
    for (let i = 0; i < n; i++) if (yHat[i] > 0.5 === (y[i] === 1)) correct++;
    return correct;
  },
};

/** Accuracy for Playground's labels ±1 and tanh output: a prediction counts as +1 when it is above 0. */
export const signAccuracy: Metric = {
  key: "accuracy",
  name: "signAccuracy",
  checkTargets(y, where) {
    for (let i = 0; i < y.length; i++) {
      if (y[i] !== -1 && y[i] !== 1) {
        throw new Error(`${where}: the "signAccuracy" metric needs labels -1 or 1, but label ${i} is ${describe(y[i])}`);
      }
    }
  },
  countCorrect(yHat, y, n) {
    let correct = 0;
    for (let i = 0; i < n; i++) if (yHat[i] > 0 === (y[i] === 1)) correct++;
    return correct;
  },
};

/** Metric names accepted by `compile({ metrics })`. */
export type MetricName = "accuracy" | "acc" | "signAccuracy";

const registry = new Registry<Metric>({
  kind: "metric",
  entries: { accuracy: () => accuracy, acc: () => accuracy, signAccuracy: () => signAccuracy } satisfies Record<MetricName, () => Metric>,
  accepts: (m) => typeof (m as Metric).countCorrect === "function",
});

/** The metric for a name or a `Metric` object; unknown names list the valid ones. */
export function getMetric(metric: MetricName | Metric, where = "compile"): Metric {
  return registry.get(metric, where);
}
