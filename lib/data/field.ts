import { checkKeys, describe } from "../util/checks";
import { Rng, Seed } from "../engine/rng";
import { circle, Dataset, gauss, GeneratorArgs, spiral, trainTestSplit, xor } from "./generators";

/** The names of Playground's four bean fields. */
export type FieldName = "gauss" | "circle" | "xor" | "spiral";

const GENERATORS: Record<FieldName, (args: GeneratorArgs) => Dataset> = { gauss, circle, xor, spiral };

/** Options of `field`. */
export interface FieldArgs {
  /** Seed of the beans and of the split. Default 1. */
  seed?: Seed;
  /** Number of beans. Default 500, as on the page. */
  n?: number;
  /** Playground's noise as a fraction in [0, 1]. Default 0. */
  noise?: number;
  /** Test part, a fraction or a count. Default 0.5 (the page's 50 % training). */
  testSize?: number;
  /** Labels: "01" (Keras's, default) or "pm1" (Playground's). */
  labels?: "01" | "pm1";
}

/**
 * One of Playground's fields, split into training and test beans as the page does for a seed:
 * the beans, the shuffle and the split all drawn from one stream seeded with `seed`.
 */
export function field(name: FieldName, args: FieldArgs = {}): { train: Dataset; test: Dataset } {
  if (!Object.prototype.hasOwnProperty.call(GENERATORS, name)) {
    throw new Error(`datasets.field: unknown field ${describe(name)}; expected one of ${Object.keys(GENERATORS).map((k) => `"${k}"`).join(", ")}`);
  }
  checkKeys(args, ["seed", "n", "noise", "testSize", "labels"], "datasets.field");
  if ((args.seed as unknown) instanceof Rng) throw new Error("datasets.field: seed must be a number or a string; the field draws its own stream from it");
  const rng = new Rng(args.seed ?? 1);
  const data = GENERATORS[name]({ n: args.n ?? 500, noise: args.noise ?? 0, seed: rng, labels: args.labels ?? "01" });
  return trainTestSplit(data, { testSize: args.testSize ?? 0.5, seed: rng });
}
