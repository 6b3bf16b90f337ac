import * as fs from "fs";
import * as path from "path";
import { Activation, DEFAULT_LEAKY_ALPHA, getActivation, leakyRelu } from "./activations";
import { describe } from "../util/checks";
import { constant, getInitializer, Initializer, randomUniform } from "./initializers";
import { Dense } from "./layers";
import { getLoss } from "./losses";
import { getMetric } from "./metrics";
import type { Sequential } from "./model";
import { SGD } from "./optimizers";
import { Rng, Seed } from "./rng";

/** The `format` field of every model file. */
export const MODEL_FORMAT = "beanlab-model";

/** The version this beanlab writes, and the newest it reads. See docs/MODEL-FORMAT.md. */
export const MODEL_VERSION = 1;

/** An activation in a file: its name, with alpha for leakyRelu. */
type ActivationJson = string | { name: "leakyRelu"; alpha: number };

/** One Dense layer in a file. */
interface LayerJson {
  type: "Dense";
  name: string;
  units: number;
  inputDim: number;
  activation: ActivationJson;
  useBias: boolean;
  kernelInitializer: string;
  biasInitializer: string;
  /** W [inputDim, units]. */
  kernel: number[][];
  /** b [units]. */
  bias: number[];
}

/** A model file, version 1. */
interface ModelJson {
  format: typeof MODEL_FORMAT;
  version: number;
  name: string;
  /** The seed of the model's random stream and how many numbers it had drawn since. */
  rng: { seed: Seed; draws: number };
  layers: LayerJson[];
  compile: null | {
    loss: string;
    metrics: string[];
    optimizer: { name: "SGD"; learningRate: number; momentum: number; nesterov: boolean; velocities: (number[] | null)[] };
  };
}

// Draws since a model took its stream. seedrandom's ARC4 state is private to rng.ts, so the stream is
// saved as its seed and a count, and replayed on load: same numbers, hence the same shuffles after.
const draws = new WeakMap<Rng, { count: number }>();

/** Starts counting the numbers `rng` hands out, so that `save` can record where the stream stands. */
export function trackDraws(rng: Rng): void {
  if (draws.has(rng)) return;
  const inner = rng as unknown as { source: () => number };
  const source = inner.source;
  const counter = { count: 0 };
  inner.source = () => {
    counter.count++;
    return source();
  };
  draws.set(rng, counter);
}


/** Writes `model` to `file` as JSON, in the format of docs/MODEL-FORMAT.md. */
export function saveModel(model: Sequential, file: string): void {
  const where = "save";
  if (typeof file !== "string" || file === "") throw new Error(`${where}: expected a file path such as "model.json", got ${describe(file)}`);
  if (model.layers.length === 0) throw new Error(`${where}: the model has no layers; there is nothing to save`);
  if (!model.layers.every((layer) => layer.built)) throw new Error(`${where}: the weights do not exist yet; give the first layer inputDim, or call fit first`);
  const params = model.layers.flatMap((layer) => layer.weights().map((w) => w.value));
  const json: ModelJson = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: model.name,
    rng: { seed: model.rng.seed, draws: draws.get(model.rng)?.count ?? 0 },
    layers: model.layers.map((layer) => ({
      type: "Dense",
      name: layer.name ?? "dense",
      units: layer.units,
      inputDim: layer.inputDim as number,
      activation: activationJson(layer.activation, layer.name),
      useBias: layer.useBias,
      kernelInitializer: layer.kernelInitializer.name,
      biasInitializer: layer.biasInitializer.name,
      kernel: rows(layer.kernel, layer.units),
      bias: Array.from(layer.bias),
    })),
    compile: null,
  };
  const { loss, optimizer } = model;
  if (loss && optimizer) {
    if (getLossOrNull(loss.name) !== loss) throw new Error(`${where}: the loss "${loss.name}" is not one of beanlab's by name, so it cannot be saved; compile with "mse", "binaryCrossentropy" or "halfSquared"`);
    if (!(optimizer instanceof SGD)) throw new Error(`${where}: only SGD optimizers can be saved, this model uses ${optimizer.name}`);
    json.compile = {
      loss: loss.name,
      metrics: model.metrics.map((m) => m.name),
      optimizer: {
        name: "SGD",
        learningRate: optimizer.learningRate,
        momentum: optimizer.momentum,
        nesterov: optimizer.nesterov,
        velocities: params.map((p) => (optimizer.momentum === 0 ? null : Array.from(optimizer.velocity(p)))),
      },
    };
  }
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new Error(`${where}: cannot write ${file}: the folder ${dir} does not exist; create it first`);
  try {
    fs.writeFileSync(file, JSON.stringify(json, null, 1) + "\n");
  } catch (error) {
    throw new Error(`${where}: cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Reads a model file written by `save`; refuses a malformed file or one from a newer beanlab, saying what is wrong. */
export function readModel(file: string, make: (args: { seed: Rng; name: string }) => Sequential): Sequential {
  const where = "loadModel";
  const fail = (what: string): never => {
    throw new Error(`${where}: ${file} ${what}`);
  };
  if (typeof file !== "string" || file === "") throw new Error(`${where}: expected a file path such as "model.json", got ${describe(file)}`);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === "ENOENT" ? "does not exist" : `cannot be read (${code ?? (error as Error).message})`);
  }
  let json: ModelJson;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return fail(`is not JSON (${(error as Error).message}); expected a file written by model.save`);
  }
  if (!json || typeof json !== "object" || json.format !== MODEL_FORMAT) fail(`is not a beanlab model: expected "format": "${MODEL_FORMAT}"`);
  if (!Number.isInteger(json.version) || json.version < 1) fail(`has version ${describe(json.version)}; expected a whole number from 1`);
  if (json.version > MODEL_VERSION) fail(`has format version ${json.version}, newer than this beanlab reads (${MODEL_VERSION}); update beanlab`);
  const check = (ok: boolean, what: string) => ok || fail(`is malformed: ${what}`);
  check(!!json.rng && (typeof json.rng.seed === "number" || typeof json.rng.seed === "string") && Number.isInteger(json.rng.draws) && json.rng.draws >= 0, `"rng" must be { seed, draws }`);
  check(Array.isArray(json.layers) && json.layers.length > 0, `"layers" must be a non-empty list`);

  const rng = new Rng(json.rng.seed);
  trackDraws(rng);
  const model = make({ seed: rng, name: typeof json.name === "string" ? json.name : "sequential" });
  json.layers.forEach((layer, i) => {
    const at = `layers[${i}]`;
    check(!!layer && layer.type === "Dense", `${at}.type must be "Dense"`);
    check(Number.isInteger(layer.units) && layer.units > 0 && Number.isInteger(layer.inputDim) && layer.inputDim > 0, `${at} needs whole numbers units and inputDim`);
    check(isNumberRows(layer.kernel, layer.inputDim, layer.units), `${at}.kernel must be ${layer.inputDim} rows of ${layer.units} numbers`);
    check(isNumbers(layer.bias, layer.units), `${at}.bias must be ${layer.units} numbers`);
    const dense = new Dense({
      units: layer.units,
      inputDim: i === 0 ? layer.inputDim : undefined,
      activation: readActivation(layer.activation, `${where}: ${file} ${at}.activation`),
      useBias: layer.useBias !== false,
      kernelInitializer: readInitializer(layer.kernelInitializer, "glorotUniform"),
      biasInitializer: readInitializer(layer.biasInitializer, "zeros"),
      name: typeof layer.name === "string" ? layer.name : undefined,
    });
    model.add(dense);
    check(dense.inputDim === layer.inputDim, `${at}.inputDim is ${layer.inputDim} but the layer before has ${dense.inputDim} units`);
    dense.kernel.set(layer.kernel.flat());
    dense.bias.set(layer.bias);
  });
  // The stream stands where it stood when saved: building drew the same numbers the original's build did.
  const drawn = draws.get(rng)?.count ?? 0;
  for (let k = drawn; k < json.rng.draws; k++) rng.next();

  if (json.compile) {
    const { loss, metrics, optimizer } = json.compile;
    check(!!optimizer && optimizer.name === "SGD", `compile.optimizer must be an SGD`);
    const sgd = new SGD({ learningRate: optimizer.learningRate, momentum: optimizer.momentum, nesterov: optimizer.nesterov });
    model.compile({ loss: getLoss(loss as never, where), optimizer: sgd, metrics: (metrics ?? []).map((m) => getMetric(m as never, where)) });
    const params = model.layers.flatMap((layer) => layer.weights().map((w) => w.value));
    check(Array.isArray(optimizer.velocities) && optimizer.velocities.length === params.length, `compile.optimizer.velocities must hold ${params.length} entries`);
    optimizer.velocities.forEach((v, k) => {
      if (v === null) return;
      check(isNumbers(v, params[k].length), `compile.optimizer.velocities[${k}] must be ${params[k].length} numbers or null`);
      sgd.velocity(params[k]).set(v);
    });
  }
  return model;
}

function activationJson(activation: Activation, layer: string | undefined): ActivationJson {
  if (activation.name === "leakyRelu" || activation.name.startsWith("leakyRelu(")) return { name: "leakyRelu", alpha: activation.der(-1) };
  let known: Activation | null = null;
  try {
    known = getActivation(activation.name as never);
  } catch {
    known = null;
  }
  if (known !== activation) throw new Error(`save: layer ${layer}'s activation "${activation.name}" is not one of beanlab's, so it cannot be saved`);
  return activation.name;
}

function readActivation(json: ActivationJson, where: string): Activation {
  if (typeof json === "object" && json !== null && json.name === "leakyRelu") return leakyRelu({ alpha: json.alpha ?? DEFAULT_LEAKY_ALPHA });
  return getActivation(json as never, where);
}

// By name where the initializer has one; any other falls back to Keras's default (the weights are loaded anyway).
function readInitializer(name: unknown, fallback: "glorotUniform" | "zeros"): Initializer {
  if (typeof name !== "string") return getInitializer(fallback, "loadModel");
  const args = /^(constant|randomUniform)\(([^)]*)\)$/.exec(name);
  if (args) {
    const numbers = args[2].split(",").map(Number);
    if (numbers.every(Number.isFinite)) return args[1] === "constant" ? constant(numbers[0]) : randomUniform(numbers[0], numbers[1]);
  }
  try {
    return getInitializer(name as never, "loadModel");
  } catch {
    return getInitializer(fallback, "loadModel");
  }
}

function getLossOrNull(name: string) {
  try {
    return getLoss(name as never);
  } catch {
    return null;
  }
}

function rows(values: Float64Array, cols: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r < values.length / cols; r++) out.push(Array.from(values.subarray(r * cols, (r + 1) * cols)));
  return out;
}

function isNumbers(values: unknown, length: number): values is number[] {
  return Array.isArray(values) && values.length === length && values.every((v) => typeof v === "number" && Number.isFinite(v));
}

function isNumberRows(values: unknown, rowCount: number, cols: number): values is number[][] {
  return Array.isArray(values) && values.length === rowCount && values.every((row) => isNumbers(row, cols));
}
