import { checkInteger, checkKeys, describe } from "../util/checks";
import { DEFAULT_SEED, Rng, Seed, toRng } from "../engine/rng";

/** Examples and their labels: X [n, d] (d = 2 for every generator here), y [n]. */
export interface Dataset {
  /** Inputs, one row per example: X [n, d]. */
  X: number[][];
  /** Labels, one per example: y [n]. */
  y: number[];
}

/** Options of the four Playground generators. */
export interface GeneratorArgs {
  /** Number of points. Default 500, as on the Playground page. */
  n?: number;
  /** Playground's noise as a fraction in [0, 1]: the page's 0-50 % slider divided by 100. Default 0. */
  noise?: number;
  /** Seed, or an `Rng` to keep drawing from a shared stream. Default 1. Pass a Playground URL's seed as a string. */
  seed?: Seed | Rng;
  /** "01": 1 for Playground's +1 class, 0 for its -1 class (Keras style); "pm1": Playground's +1/-1. Default "01". */
  labels?: "01" | "pm1";
}

/** Options of `beans`. */
export interface BeansArgs {
  /** Number of beans, even: n/2 on each arm. Default 100, as in the course. */
  n?: number;
  /** Seed, or an `Rng` to keep drawing from a shared stream. Default 1. */
  seed?: Seed | Rng;
  /** "01": 1 for toxic, 0 for harmless (the course's labels); "pm1": +1/-1. Default "01". */
  labels?: "01" | "pm1";
}

/** Options of `trainTestSplit`. */
export interface SplitArgs {
  /** Test part: a fraction in (0, 1), or an integer count of examples. Default 0.5 (Playground's 50 % train). */
  testSize?: number;
  /** Shuffle before splitting, as Playground does. Default true. */
  shuffle?: boolean;
  /** Seed of the shuffle, or an `Rng` to keep drawing from a shared stream. Default 1. */
  seed?: Seed | Rng;
}

/**
 * Two Gaussian blobs, +1 around (2, 2) then -1 around (-2, -2): Playground's `classifyTwoGaussData`.
 * Noise widens the blobs: variance 0.5 at noise 0, 4 at noise 0.5.
 */
export function gauss(args: GeneratorArgs = {}): Dataset {
  const { n, noise, rng, labels } = generatorOptions("gauss", args);
  // Playground maps noise with d3 v3's linear scale [0, 0.5] -> [0.5, 4]; same arithmetic, same bits.
  const t = noise / 0.5;
  const variance = 0.5 * (1 - t) + 4 * t;
  const data: Dataset = { X: [], y: [] };
  for (const [center, positive] of [[2, true], [-2, false]] as const) {
    // i < n / 2, as the page: an odd n gives one extra point per class.
    for (let i = 0; i < n / 2; i++) {
      const x = rng.normal(center, variance);
      const y = rng.normal(center, variance);
      addPoint(data, x, y, positive, labels);
    }
  }
  return data;
}

/**
 * A disc of +1 points (radius < 2.5) inside a ring of -1 points (radius 3.5 to 5): Playground's
 * `classifyCircleData`. Noise does not move the points: it flips the labels of points near the boundary.
 */
export function circle(args: GeneratorArgs = {}): Dataset {
  const { n, noise, rng, labels } = generatorOptions("circle", args);
  const radius = 5;
  const data: Dataset = { X: [], y: [] };
  for (const [rMin, rMax] of [[0, radius * 0.5], [radius * 0.7, radius]]) {
    for (let i = 0; i < n / 2; i++) {
      const r = rng.uniform(rMin, rMax);
      const angle = rng.uniform(0, 2 * Math.PI);
      const x = r * Math.sin(angle);
      const y = r * Math.cos(angle);
      // The label is taken at a jittered position: that is how Playground adds noise here.
      const px = x + rng.uniform(-radius, radius) * noise;
      const py = y + rng.uniform(-radius, radius) * noise;
      addPoint(data, x, y, Math.sqrt(px * px + py * py) < radius * 0.5, labels);
    }
  }
  return data;
}

/**
 * Points in [-5.3, 5.3]^2, +1 where x and y have the same sign: Playground's `classifyXORData`.
 * Noise flips labels near the axes, as for the circle.
 */
export function xor(args: GeneratorArgs = {}): Dataset {
  const { n, noise, rng, labels } = generatorOptions("xor", args);
  const padding = 0.3;
  const data: Dataset = { X: [], y: [] };
  for (let i = 0; i < n; i++) {
    // Pushed 0.3 away from the axes so that, without noise, no point sits on the boundary.
    let x = rng.uniform(-5, 5);
    x += x > 0 ? padding : -padding;
    let y = rng.uniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const px = x + rng.uniform(-5, 5) * noise;
    const py = y + rng.uniform(-5, 5) * noise;
    addPoint(data, x, y, px * py >= 0, labels);
  }
  return data;
}

/**
 * Two interleaved spiral arms of 1.75 turns, +1 then -1 (rotated by pi): Playground's
 * `classifySpiralData`. Noise moves each coordinate by up to +-noise.
 */
export function spiral(args: GeneratorArgs = {}): Dataset {
  const { n, noise, rng, labels } = generatorOptions("spiral", args);
  return spiralArms(n / 2, () => rng.uniform(-1, 1) * noise, labels);
}

/**
 * The course's lesson-9 beans: Playground's spiral with fixed noise U(-0.1, 0.1) per coordinate,
 * n/2 toxic beans (label 1) on the first arm, then n/2 harmless ones (label 0), not shuffled.
 */
export function beans(args: BeansArgs = {}): Dataset {
  checkKeys(args, ["n", "seed", "labels"], "beans");
  const n = args.n ?? 100;
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) {
    throw new Error(`beans: n must be an even integer >= 2 (two arms of n/2 beans), got ${describe(n)}`);
  }
  const labels = checkLabels("beans", args.labels);
  const rng = checkSeed("beans", args.seed);
  return spiralArms(n / 2, () => rng.uniform(-0.1, 0.1), labels);
}

/**
 * Two arms of 1.75 turns, `half` points each (the positive arm first, then the one rotated by pi),
 * each coordinate moved by a call of `jitter`: Playground's spiral, and the course's beans.
 */
function spiralArms(half: number, jitter: () => number, labels: "01" | "pm1"): Dataset {
  const data: Dataset = { X: [], y: [] };
  for (const [deltaT, positive] of [[0, true], [Math.PI, false]] as const) {
    for (let i = 0; i < half; i++) {
      const r = i / half * 5;
      const t = 1.75 * i / half * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + jitter();
      const y = r * Math.cos(t) + jitter();
      addPoint(data, x, y, positive, labels);
    }
  }
  return data;
}

/**
 * Splits `data` into a train part and a test part (copies). With shuffling, the examples are shuffled
 * as Playground does, then train = the first n - nTest, test = the rest, where nTest is n * testSize
 * rounded up (or testSize itself when it is a whole number). With testSize = 1 - percTrainData / 100
 * that is the page's split: train = the first floor(n * percTrainData / 100). Passing the generator's
 * `Rng` as seed reproduces the page: `const rng = new Rng(s); trainTestSplit(spiral({ seed: rng }), { seed: rng })`.
 */
export function trainTestSplit(data: Dataset, args: SplitArgs = {}): { train: Dataset; test: Dataset } {
  checkKeys(args, ["testSize", "shuffle", "seed"], "trainTestSplit");
  checkDataset(data, "trainTestSplit");
  const n = data.y.length;
  const testSize = args.testSize ?? 0.5;
  const shuffle = args.shuffle ?? true;
  if (typeof shuffle !== "boolean") {
    throw new Error(`trainTestSplit: shuffle must be true or false, got ${describe(shuffle)}`);
  }
  let nTest: number;
  if (typeof testSize === "number" && testSize > 0 && testSize < 1) {
    // Forgive float error in the product: 0.56 * 25 is 14.000000000000002, and must give 14.
    nTest = Math.ceil(n * testSize - 1e-9);
  } else if (Number.isInteger(testSize) && testSize >= 1) {
    nTest = testSize;
  } else {
    throw new Error(
      "trainTestSplit: testSize must be a fraction between 0 and 1 or an integer count of examples, " +
        `got ${describe(testSize)}`,
    );
  }
  if (nTest < 1 || nTest >= n) {
    throw new Error(
      `trainTestSplit: testSize ${testSize} of ${n} examples gives ${Math.min(nTest, n)} test and ` +
        `${Math.max(n - nTest, 0)} train examples; both parts must be non-empty`,
    );
  }
  const order = data.y.map((_, i) => i);
  if (shuffle) checkSeed("trainTestSplit", args.seed).shuffle(order);
  return {
    train: pick(data, order.slice(0, n - nTest)),
    test: pick(data, order.slice(n - nTest)),
  };
}

/** A shuffled copy of `data` (Playground's Fisher-Yates, one draw per example); `data` is left as it is. */
export function shuffleDataset(data: Dataset, seed: Seed | Rng): Dataset {
  checkDataset(data, "shuffleDataset");
  if (seed === undefined) throw new Error("shuffleDataset: a seed or an Rng is required, got undefined");
  const order = data.y.map((_, i) => i);
  checkSeed("shuffleDataset", seed).shuffle(order);
  return pick(data, order);
}

/** Throws, naming `fn`, unless `data` has X [n, d] and y [n] of finite numbers, with n >= 1 and d >= 1. */
export function checkDataset(data: Dataset, fn: string): void {
  if (typeof data !== "object" || data === null || !Array.isArray(data.X) || !Array.isArray(data.y)) {
    throw new Error(`${fn}: data must be an object { X, y } with X [n, d] and y [n], got ${describe(data)}`);
  }
  const { X, y } = data;
  if (X.length !== y.length) throw new Error(`${fn}: X has ${X.length} rows but y has ${y.length} labels`);
  if (X.length === 0) throw new Error(`${fn}: data has no examples`);
  const d = Array.isArray(X[0]) ? X[0].length : 0;
  if (d === 0) throw new Error(`${fn}: X[0] must be a non-empty array of numbers, got ${describe(X[0])}`);
  for (let i = 0; i < X.length; i++) {
    if (!Array.isArray(X[i]) || X[i].length !== d) {
      throw new Error(`${fn}: X[${i}] must have ${d} features like X[0], got ${describe(X[i])}`);
    }
    for (let j = 0; j < d; j++) {
      if (!Number.isFinite(X[i][j])) {
        throw new Error(`${fn}: X[${i}][${j}] must be a finite number, got ${describe(X[i][j])}`);
      }
    }
    if (!Number.isFinite(y[i])) throw new Error(`${fn}: y[${i}] must be a finite number, got ${describe(y[i])}`);
  }
}

function generatorOptions(fn: string, args: GeneratorArgs) {
  checkKeys(args, ["n", "noise", "seed", "labels"], fn);
  const n = checkInteger(args.n ?? 500, "n", fn);
  const noise = args.noise ?? 0;
  if (typeof noise !== "number" || !(noise >= 0 && noise <= 1)) {
    throw new Error(
      `${fn}: noise must be a number between 0 and 1 (Playground's 0-50% slider divided by 100), ` +
        `got ${describe(noise)}`,
    );
  }
  return { n, noise, rng: checkSeed(fn, args.seed), labels: checkLabels(fn, args.labels) };
}

function checkLabels(fn: string, labels: unknown): "01" | "pm1" {
  if (labels === undefined) return "01";
  if (labels !== "01" && labels !== "pm1") {
    throw new Error(`${fn}: labels must be "01" or "pm1", got ${describe(labels)}`);
  }
  return labels;
}

function checkSeed(fn: string, seed: unknown): Rng {
  if (seed === undefined) return new Rng(DEFAULT_SEED);
  if (seed instanceof Rng || typeof seed === "string" || (typeof seed === "number" && Number.isFinite(seed))) {
    return toRng(seed);
  }
  throw new Error(`${fn}: seed must be a finite number, a string or an Rng, got ${describe(seed)}`);
}

function addPoint(data: Dataset, x: number, y: number, positive: boolean, labels: "01" | "pm1"): void {
  data.X.push([x, y]);
  data.y.push(positive ? 1 : labels === "pm1" ? -1 : 0);
}

function pick(data: Dataset, rows: number[]): Dataset {
  return { X: rows.map((i) => data.X[i].slice()), y: rows.map((i) => data.y[i]) };
}
