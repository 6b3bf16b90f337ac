import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import seedrandom from "seedrandom";
import { Dataset, beans, circle, gauss, shuffleDataset, spiral, trainTestSplit, xor } from "../lib/data/generators";
import { toCsv } from "../lib/data/csv";
import { Rng, Seed } from "../lib/engine/rng";
import { canonicalDatasets } from "../scripts/make-data";
import { assertThrows } from "./helpers";

// ---------------------------------------------------------------------------------------------
// The oracle: Playground's src/dataset.ts and generateData(), transcribed as the page runs them,
// drawing from a global Math.random that seedrandom has replaced (the page's Math.seedrandom).

type Example2D = { x: number; y: number; label: number };
type Generator = (numSamples: number, noise: number) => Example2D[];

function onPage<T>(seed: string | number, run: () => T): T {
  const saved = Math.random;
  Math.random = seedrandom(seed as string);
  try {
    return run();
  } finally {
    Math.random = saved;
  }
}

function randUniform(a: number, b: number): number {
  return Math.random() * (b - a) + a;
}

function normalRandom(mean = 0, variance = 1): number {
  let v1: number, v2: number, s: number;
  do {
    v1 = 2 * Math.random() - 1;
    v2 = 2 * Math.random() - 1;
    s = v1 * v1 + v2 * v2;
  } while (s > 1);
  const result = Math.sqrt(-2 * Math.log(s) / s) * v1;
  return mean + Math.sqrt(variance) * result;
}

// d3 v3.5's scale.linear(): d3_uninterpolateNumber then d3_interpolateNumber.
function d3Linear(domain: [number, number], range: [number, number]): (x: number) => number {
  const a = domain[0];
  const b = domain[1] - a || 1 / (domain[1] - a);
  return (x) => {
    const t = (x - a) / b;
    return range[0] * (1 - t) + range[1] * t;
  };
}

function dist(a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return Math.sqrt(dx * dx + dy * dy);
}

function pageShuffle(array: unknown[]): void {
  let counter = array.length;
  while (counter > 0) {
    const index = Math.floor(Math.random() * counter);
    counter--;
    const temp = array[counter];
    array[counter] = array[index];
    array[index] = temp;
  }
}

const classifyTwoGaussData: Generator = (numSamples, noise) => {
  const points: Example2D[] = [];
  const variance = d3Linear([0, 0.5], [0.5, 4])(noise);
  function genGauss(cx: number, cy: number, label: number) {
    for (let i = 0; i < numSamples / 2; i++) {
      const x = normalRandom(cx, variance);
      const y = normalRandom(cy, variance);
      points.push({ x, y, label });
    }
  }
  genGauss(2, 2, 1);
  genGauss(-2, -2, -1);
  return points;
};

const classifySpiralData: Generator = (numSamples, noise) => {
  const points: Example2D[] = [];
  const n = numSamples / 2;
  function genSpiral(deltaT: number, label: number) {
    for (let i = 0; i < n; i++) {
      const r = i / n * 5;
      const t = 1.75 * i / n * 2 * Math.PI + deltaT;
      const x = r * Math.sin(t) + randUniform(-1, 1) * noise;
      const y = r * Math.cos(t) + randUniform(-1, 1) * noise;
      points.push({ x, y, label });
    }
  }
  genSpiral(0, 1);
  genSpiral(Math.PI, -1);
  return points;
};

const classifyCircleData: Generator = (numSamples, noise) => {
  const points: Example2D[] = [];
  const radius = 5;
  const getCircleLabel = (p: { x: number; y: number }, center: { x: number; y: number }) =>
    dist(p, center) < radius * 0.5 ? 1 : -1;
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(0, radius * 0.5);
    const angle = randUniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    const label = getCircleLabel({ x: x + noiseX, y: y + noiseY }, { x: 0, y: 0 });
    points.push({ x, y, label });
  }
  for (let i = 0; i < numSamples / 2; i++) {
    const r = randUniform(radius * 0.7, radius);
    const angle = randUniform(0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    const noiseX = randUniform(-radius, radius) * noise;
    const noiseY = randUniform(-radius, radius) * noise;
    const label = getCircleLabel({ x: x + noiseX, y: y + noiseY }, { x: 0, y: 0 });
    points.push({ x, y, label });
  }
  return points;
};

const classifyXORData: Generator = (numSamples, noise) => {
  const getXORLabel = (p: { x: number; y: number }) => (p.x * p.y >= 0 ? 1 : -1);
  const points: Example2D[] = [];
  for (let i = 0; i < numSamples; i++) {
    let x = randUniform(-5, 5);
    const padding = 0.3;
    x += x > 0 ? padding : -padding;
    let y = randUniform(-5, 5);
    y += y > 0 ? padding : -padding;
    const noiseX = randUniform(-5, 5) * noise;
    const noiseY = randUniform(-5, 5) * noise;
    const label = getXORLabel({ x: x + noiseX, y: y + noiseY });
    points.push({ x, y, label });
  }
  return points;
};

// generateData(): seed, generate, shuffle, then train = the first floor(n * percTrainData / 100).
function pageData(generate: Generator, seed: string, noise: number, percTrainData: number) {
  return onPage(seed, () => {
    const data = generate(500, noise);
    pageShuffle(data);
    const splitIndex = Math.floor(data.length * percTrainData / 100);
    return { train: asDataset(data.slice(0, splitIndex)), test: asDataset(data.slice(splitIndex)) };
  });
}

function asDataset(points: Example2D[]): Dataset {
  return { X: points.map((p) => [p.x, p.y]), y: points.map((p) => p.label) };
}

// ---------------------------------------------------------------------------------------------

function radius(row: number[]): number {
  return Math.hypot(row[0], row[1]);
}

function rowsOf(data: Dataset): string[] {
  return data.X.map((row, i) => `${row[0]},${row[1]},${data.y[i]}`);
}

const PLAYGROUND = [
  { name: "gauss", ours: gauss, page: classifyTwoGaussData },
  { name: "circle", ours: circle, page: classifyCircleData },
  { name: "xor", ours: xor, page: classifyXORData },
  { name: "spiral", ours: spiral, page: classifySpiralData },
];

describe("data: the same points as the Playground page", () => {
  for (const { name, ours, page } of PLAYGROUND) {
    for (const seed of ["0.59704", "1", 42]) {
      for (const noise of [0, 0.3]) {
        it(`${name}, seed ${JSON.stringify(seed)}, noise ${noise}: identical points and labels`, () => {
          const expected = asDataset(onPage(seed, () => page(500, noise)));
          assert.deepStrictEqual(ours({ n: 500, noise, seed, labels: "pm1" }), expected);
        });
      }
    }

    it(`${name}: an odd n gives what the page gives for it`, () => {
      const expected = asDataset(onPage("odd", () => page(7, 0.1)));
      assert.deepStrictEqual(ours({ n: 7, noise: 0.1, seed: "odd", labels: "pm1" }), expected);
    });

    it(`${name}: noise 0.8 (the most a URL allows) and 1 still match`, () => {
      for (const noise of [0.8, 1]) {
        const expected = asDataset(onPage("loud", () => page(200, noise)));
        assert.deepStrictEqual(ours({ n: 200, noise, seed: "loud", labels: "pm1" }), expected);
      }
    });

    it(`${name}: one shared Rng for data and split gives the page's train and test sets`, () => {
      for (const percTrainData of [50, 70]) {
        const expected = pageData(page, "0.12345", 0.25, percTrainData);
        const rng = new Rng("0.12345");
        const data = ours({ noise: 0.25, seed: rng, labels: "pm1" });
        const split = trainTestSplit(data, { testSize: 1 - percTrainData / 100, seed: rng });
        assert.deepStrictEqual(split, expected);
      }
    });
  }

  it("shuffleDataset permutes as the page's shuffle", () => {
    const data = spiral({ n: 50, noise: 0.2, seed: 3 });
    const points = data.X.map((row, i) => ({ x: row[0], y: row[1], label: data.y[i] }));
    onPage("s", () => pageShuffle(points));
    assert.deepStrictEqual(shuffleDataset(data, "s"), asDataset(points));
  });
});

describe("data: properties of each generator", () => {
  it("default to 500 points, half of each label, labels 0/1, seed 1", () => {
    for (const { name, ours } of PLAYGROUND) {
      const data = ours();
      assert.equal(data.X.length, 500, name);
      assert.equal(data.y.length, 500, name);
      assert.ok(data.X.every((row) => row.length === 2), name);
      assert.ok(data.y.every((label) => label === 0 || label === 1), name);
      if (name !== "xor") assert.equal(data.y.filter((label) => label === 1).length, 250, name);
      assert.deepStrictEqual(ours({ seed: 1 }), data, name);
    }
  });

  it("an odd n gives one extra point per class, except xor (the page's `i < numSamples / 2`)", () => {
    assert.equal(gauss({ n: 7 }).y.length, 8);
    assert.equal(circle({ n: 7 }).y.length, 8);
    assert.equal(spiral({ n: 7 }).y.length, 8);
    assert.equal(xor({ n: 7 }).y.length, 7);
  });

  it("labels 'pm1' gives +1/-1 on the same points", () => {
    for (const { name, ours } of PLAYGROUND) {
      const zeroOne = ours({ noise: 0.3, seed: 9 });
      const plusMinus = ours({ noise: 0.3, seed: 9, labels: "pm1" });
      assert.deepStrictEqual(plusMinus.X, zeroOne.X, name);
      assert.deepStrictEqual(plusMinus.y, zeroOne.y.map((label) => (label === 1 ? 1 : -1)), name);
    }
  });

  it("the same seed gives the same bytes; other seeds give other points", () => {
    // Noise 0.1 because the spiral has no randomness at noise 0.
    const makers = PLAYGROUND.map(({ name, ours }) => ({ name, make: (seed: Seed) => ours({ seed, noise: 0.1 }) }));
    makers.push({ name: "beans", make: (seed: Seed) => beans({ seed }) });
    for (const { name, make } of makers) {
      assert.equal(toCsv(make("abc")), toCsv(make("abc")), name);
      assert.notDeepStrictEqual(make(1).X, make(2).X, name);
      assert.notDeepStrictEqual(make(1).X, make("1").X, name);
    }
  });

  it("an Rng passed as seed is drawn from, not restarted", () => {
    const rng = new Rng(5);
    const first = circle({ n: 20, seed: rng });
    const second = circle({ n: 20, seed: rng });
    assert.notDeepStrictEqual(first.X, second.X);
    assert.deepStrictEqual(first, circle({ n: 20, seed: 5 }));
  });

  it("gauss: blobs around (2, 2) and (-2, -2) with variance 0.5 at noise 0 and 4 at noise 0.5", () => {
    for (const [noise, variance] of [[0, 0.5], [0.5, 4]]) {
      const data = gauss({ n: 4000, noise, seed: 11 });
      for (const [label, center] of [[1, 2], [0, -2]]) {
        const values = data.X.filter((_, i) => data.y[i] === label).flat();
        const mean = values.reduce((s, v) => s + v, 0) / values.length;
        const spread = values.reduce((s, v) => s + (v - mean) ** 2, 0) / values.length;
        assert.ok(Math.abs(mean - center) < 0.1, `noise ${noise}, label ${label}: mean ${mean}`);
        assert.ok(Math.abs(spread / variance - 1) < 0.1, `noise ${noise}, label ${label}: variance ${spread}`);
      }
    }
  });

  it("circle at noise 0: positives first, inside radius 2.5; negatives in the ring [3.5, 5]", () => {
    const data = circle({ seed: 4 });
    data.X.forEach((row, i) => {
      const r = radius(row);
      if (i < 250) assert.ok(data.y[i] === 1 && r < 2.5, `point ${i}: radius ${r}, label ${data.y[i]}`);
      else assert.ok(data.y[i] === 0 && r >= 3.5 - 1e-12 && r <= 5 + 1e-12, `point ${i}: radius ${r}`);
    });
  });

  it("circle and xor: noise flips labels but does not move the points", () => {
    for (const make of [circle, xor]) {
      const clean = make({ seed: 8 });
      const noisy = make({ seed: 8, noise: 0.5 });
      assert.deepStrictEqual(noisy.X, clean.X);
      const flipped = noisy.y.filter((label, i) => label !== clean.y[i]).length;
      assert.ok(flipped > 10 && flipped < 250, `${flipped} labels flipped`);
    }
  });

  it("xor: every coordinate at least 0.3 from the axes, at most 5.3; label 1 where the signs agree", () => {
    const data = xor({ seed: 6 });
    data.X.forEach(([x, y], i) => {
      assert.ok(Math.abs(x) >= 0.3 && Math.abs(y) >= 0.3 && Math.abs(x) <= 5.3 && Math.abs(y) <= 5.3, `${x}, ${y}`);
      assert.equal(data.y[i], x * y > 0 ? 1 : 0);
    });
  });

  it("spiral: radius grows from 0 to under 5 along each arm; noise moves points by at most noise", () => {
    const clean = spiral({ seed: 2 });
    const noisy = spiral({ seed: 2, noise: 0.3 });
    clean.X.forEach((row, i) => {
      const r = radius(row);
      assert.ok(Math.abs(r - ((i % 250) / 250) * 5) < 1e-9, `point ${i}: radius ${r}`);
      assert.equal(clean.y[i], i < 250 ? 1 : 0);
      assert.ok(Math.abs(noisy.X[i][0] - row[0]) <= 0.3 && Math.abs(noisy.X[i][1] - row[1]) <= 0.3);
    });
  });

  it("beans: 100 beans, 50 toxic then 50 harmless, within 0.1 of the noise-free arms", () => {
    const data = beans();
    assert.equal(data.y.length, 100);
    assert.deepStrictEqual(data.y, [...Array(50).fill(1), ...Array(50).fill(0)]);
    data.X.forEach(([x1, x2], i) => {
      const k = i % 50;
      const t = 1.75 * k / 50 * 2 * Math.PI + (i < 50 ? 0 : Math.PI);
      const r = k / 50 * 5;
      assert.ok(Math.abs(x1 - r * Math.sin(t)) <= 0.1 && Math.abs(x2 - r * Math.cos(t)) <= 0.1, `bean ${i}`);
      assert.ok(Math.abs(x1) <= 5.1 && Math.abs(x2) <= 5.1, `bean ${i}`);
    });
    const extent = Math.max(...data.X.flat().map(Math.abs));
    assert.ok(extent > 4.5, `the spiral should reach about 5, reaches ${extent}`);
  });

  it("beans: n and labels 'pm1'", () => {
    const data = beans({ n: 10, seed: 3, labels: "pm1" });
    assert.deepStrictEqual(data.y, [1, 1, 1, 1, 1, -1, -1, -1, -1, -1]);
    assert.deepStrictEqual(data.X, beans({ n: 10, seed: 3 }).X);
  });
});

describe("data: trainTestSplit and shuffleDataset", () => {
  const data = circle({ n: 100, noise: 0.2, seed: 5 });

  it("defaults to half and half, shuffled with seed 1", () => {
    const { train, test } = trainTestSplit(data);
    assert.equal(train.y.length, 50);
    assert.equal(test.y.length, 50);
    assert.deepStrictEqual(trainTestSplit(data, { seed: 1 }), { train, test });
    assert.notDeepStrictEqual(train, { X: data.X.slice(0, 50), y: data.y.slice(0, 50) });
  });

  it("sizes: a fraction rounds the test part up, a whole number is a count", () => {
    const ten = xor({ n: 10 });
    const sizes = (testSize: number, set = ten) => {
      const { train, test } = trainTestSplit(set, { testSize });
      return [train.y.length, test.y.length];
    };
    assert.deepStrictEqual(sizes(0.3), [7, 3]);
    assert.deepStrictEqual(sizes(0.25), [7, 3]);
    assert.deepStrictEqual(sizes(0.8), [2, 8]);
    assert.deepStrictEqual(sizes(0.56, xor({ n: 25 })), [11, 14]);
    assert.deepStrictEqual(sizes(1), [9, 1]);
    assert.deepStrictEqual(sizes(4), [6, 4]);
  });

  it("the parts are disjoint, together they are the input, and the input is untouched", () => {
    const before = JSON.stringify(data);
    const { train, test } = trainTestSplit(data, { testSize: 0.3, seed: "x" });
    const trainRows = new Set(rowsOf(train));
    assert.ok(rowsOf(test).every((row) => !trainRows.has(row)));
    assert.deepStrictEqual([...rowsOf(train), ...rowsOf(test)].sort(), rowsOf(data).sort());
    assert.equal(JSON.stringify(data), before);
    train.X[0][0] = 99;
    assert.equal(JSON.stringify(data), before);
  });

  it("is deterministic for a seed and differs between seeds", () => {
    assert.deepStrictEqual(trainTestSplit(data, { seed: 7 }), trainTestSplit(data, { seed: 7 }));
    assert.notDeepStrictEqual(trainTestSplit(data, { seed: 7 }), trainTestSplit(data, { seed: 8 }));
  });

  it("shuffle: false keeps the order", () => {
    const { train, test } = trainTestSplit(data, { shuffle: false, testSize: 0.2 });
    assert.deepStrictEqual(train, { X: data.X.slice(0, 80), y: data.y.slice(0, 80) });
    assert.deepStrictEqual(test, { X: data.X.slice(80), y: data.y.slice(80) });
  });

  it("shuffleDataset returns a shuffled copy that keeps each row with its label", () => {
    const before = JSON.stringify(data);
    const shuffled = shuffleDataset(data, 3);
    assert.equal(JSON.stringify(data), before);
    assert.deepStrictEqual(shuffled, shuffleDataset(data, 3));
    assert.notDeepStrictEqual(shuffled.X, data.X);
    assert.deepStrictEqual(rowsOf(shuffled).sort(), rowsOf(data).sort());
  });
});

describe("data: the committed files in data/", () => {
  const root = path.resolve(__dirname, "..");
  for (const { file, data, call } of canonicalDatasets()) {
    it(`${file} is ${call}`, () => {
      const committed = fs.readFileSync(path.join(root, file), "utf8");
      assert.ok(committed === toCsv(data), `${file} is stale or a generator drifted: run npm run data`);
    });
  }

  it("the canonical sets are the ones the lessons expect", () => {
    const sizes = canonicalDatasets().map(({ file, data }) => `${file}:${data.y.length}`);
    assert.deepStrictEqual(sizes, [
      "data/beans.csv:100",
      "data/gauss.csv:500",
      "data/circle.csv:500",
      "data/xor.csv:500",
      "data/spiral.csv:500",
    ]);
    assert.deepStrictEqual(canonicalDatasets()[0].data, beans({ n: 100, seed: 1 }));
  });
});

describe("data: bad arguments", () => {
  const generators = { gauss, circle, xor, spiral } as Record<string, (args?: unknown) => Dataset>;
  const beansAny = beans as (args?: unknown) => Dataset;

  for (const [name, make] of Object.entries(generators)) {
    it(`${name} names the bad option and what it expects`, () => {
      assertThrows(
        () => make({ noise: 5 }),
        `${name}: noise must be a number between 0 and 1 (Playground's 0-50% slider divided by 100), got 5`,
      );
      assertThrows(() => make({ noise: -0.1 }), `${name}: noise`, "got -0.1");
      assertThrows(() => make({ noise: NaN }), `${name}: noise`, "got NaN");
      assertThrows(() => make({ noise: "0.1" }), `${name}: noise`, 'got "0.1"');
      for (const n of [0, -5, 2.5, NaN, "100", Infinity]) {
        const shown = typeof n === "string" ? `"${n}"` : String(n);
        assertThrows(() => make({ n }), `${name}: n must be an integer >= 1`, `got ${shown}`);
      }
      assertThrows(() => make({ labels: "binary" }), `${name}: labels must be "01" or "pm1"`, 'got "binary"');
      for (const seed of [NaN, null, {}, [1]]) {
        assertThrows(() => make({ seed }), `${name}: seed must be a finite number, a string or an Rng`);
      }
      assertThrows(() => make({ nosie: 0.1 }), `${name}: unknown option "nosie"`, "n, noise, seed, labels");
      assertThrows(() => make(500), `${name}: options must be an object`, "got 500");
      assertThrows(() => make(null), `${name}: options must be an object`, "got null");
    });
  }

  it("beans names the bad option and what it expects", () => {
    for (const n of [7, 0, -2, 1.5, "100"]) {
      assertThrows(() => beansAny({ n }), "beans: n must be an even integer >= 2", "got");
    }
    assertThrows(() => beansAny({ noise: 0.1 }), 'beans: unknown option "noise"', "n, seed, labels");
    assertThrows(() => beansAny({ labels: "yes" }), 'beans: labels must be "01" or "pm1"');
    assertThrows(() => beansAny({ seed: undefined, n: 4, labels: "01", extra: 1 }), '"extra"');
  });

  it("trainTestSplit and shuffleDataset name the bad argument", () => {
    const data = circle({ n: 10 });
    const split = trainTestSplit as (data: unknown, args?: unknown) => unknown;
    for (const testSize of [0, 1.5, -1, NaN, "0.5"]) {
      assertThrows(() => split(data, { testSize }), "trainTestSplit: testSize must be a fraction between 0 and 1");
    }
    assertThrows(() => split(data, { testSize: 10 }), "gives 10 test and 0 train examples", "non-empty");
    assertThrows(() => split(data, { testSize: 1e-12 }), "gives 0 test and 10 train examples");
    assertThrows(() => split({ X: [[1, 2]], y: [1] }), "testSize 0.5 of 1 examples gives 1 test and 0 train");
    assertThrows(() => split(data, { shuffle: "yes" }), "trainTestSplit: shuffle must be true or false");
    assertThrows(() => split(data, { testsize: 0.2 }), 'unknown option "testsize"', "testSize, shuffle, seed");
    assertThrows(() => split(data, { seed: NaN }), "trainTestSplit: seed must be");
    assertThrows(() => split({ X: [[1, 2]], y: [1, 0] }), "trainTestSplit: X has 1 rows but y has 2 labels");
    assertThrows(() => split({ X: [], y: [] }), "trainTestSplit: data has no examples");
    assertThrows(() => split({ X: [[1, 2], [3]], y: [1, 0] }), "X[1] must have 2 features like X[0], got an array of length 1");
    assertThrows(() => split({ X: [[1, 2], [3, NaN]], y: [1, 0] }), "X[1][1] must be a finite number, got NaN");
    assertThrows(() => split({ X: [[1, 2], [3, 4]], y: [1, "0"] }), 'y[1] must be a finite number, got "0"');
    assertThrows(() => split([[1, 2]]), "data must be an object { X, y }");
    const shuffle = shuffleDataset as (data: unknown, seed?: unknown) => unknown;
    assertThrows(() => shuffle(data), "shuffleDataset: a seed or an Rng is required");
    assertThrows(() => shuffle(data, Infinity), "shuffleDataset: seed must be", "got Infinity");
  });
});
