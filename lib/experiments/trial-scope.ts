/**
 * How a sweep's trial runs away from the notebook that wrote it: as source text, evaluated in a scope
 * that holds beanlab's exports and the sweep's context, the same way in a worker and in this thread.
 */
import { describe } from "../util/checks";

/** A trial as it travels to a worker: its source and the context it may use. */
export interface TrialSetup {
  /** The trial's source, `trial.toString()`. */
  source: string;
  /** The context's data entries, as structured clone copies them. */
  data: Record<string, unknown>;
  /** The context's functions, by their source. */
  functions: Record<string, string>;
  /** The context's entries that are beanlab itself (a program's `import * as beanlab`), bound to the worker's beanlab. */
  beanlab: string[];
}

/**
 * The names a compiled notebook cell reaches through `exports.`: tslab compiles a cell so that
 * imported names and names from other cells become `exports.NAME`.
 */
export function exportedNames(source: string): string[] {
  return [...new Set([...source.matchAll(/\bexports\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]))];
}

/**
 * Checks that `context` can travel to a worker and splits it into data and function sources;
 * throws naming the entry that cannot.
 */
export function trialSetup(trial: (seed: number) => unknown, context: Record<string, unknown>): TrialSetup {
  const data: Record<string, unknown> = {};
  const functions: Record<string, string> = {};
  const beanlab: string[] = [];
  for (const [name, value] of Object.entries(context)) {
    if (isBeanlab(value)) {
      beanlab.push(name);
      continue;
    }
    if (typeof value === "function") {
      functions[name] = functionSource(value, `the context's ${name}`);
      continue;
    }
    try {
      data[name] = structuredClone(value);
    } catch (error) {
      throw new Error(`sweep: the context's ${name} cannot be sent to a worker (${(error as Error).message}); give plain data (numbers, strings, arrays, objects) or functions`);
    }
  }
  return { source: functionSource(trial, "the trial"), data, functions, beanlab };
}

// beanlab's exports as a program imports them, from its source or its compiled package.
function isBeanlab(value: unknown): boolean {
  const v = value as Record<string, unknown> | null;
  return typeof v === "object" && v !== null && typeof v.sweep === "function" && typeof v.Sequential === "function" && typeof v.keras === "object";
}

/** The trial of `setup`, evaluated in a scope holding `beanlab`'s exports and the setup's context. */
export function buildTrial(setup: TrialSetup, beanlab: Record<string, unknown>): (seed: number) => unknown {
  const scope: Record<string, unknown> = Object.assign(Object.create(null), beanlab, setup.data);
  for (const name of setup.beanlab) scope[name] = beanlab;
  // Evaluated into the shared scope, so a context function may call the others, whatever their order.
  for (const [name, source] of Object.entries(setup.functions)) scope[name] = evaluate(source, scope, name);
  return evaluate(setup.source, scope) as (seed: number) => unknown;
}

function functionSource(fn: Function, what: string): string {
  const source = fn.toString();
  if (/\{\s*\[native code\]\s*\}$/.test(source)) {
    throw new Error(`sweep: ${what} is a built-in or bound function, which cannot be sent to a worker by its source; pass a function written out, got ${describe(fn)}`);
  }
  return source;
}

// `with` makes the notebook's plain names (from the trial's own cell) and `exports.NAME` both find the scope.
function evaluate(source: string, scope: Record<string, unknown>, method?: string): unknown {
  let make: Function;
  try {
    make = new Function("exports", `with (exports) { return (${source}\n); }`);
  } catch (error) {
    // A method written as `{ helper(seed) { ... } }` gives the source "helper(seed) { ... }".
    if (method === undefined) throw error;
    make = new Function("exports", `with (exports) { return ({ ${source}\n })[${JSON.stringify(method)}]; }`);
  }
  return make(scope);
}

/** What one seed's run gives: the trial's result, or the message of what went wrong. */
export type TrialAnswer = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Runs one seed as a worker does, also in this thread: the result copied by structured clone (so
 * it is the same whatever the worker count), or the error's message saying which seed failed.
 */
export async function runSeed(trial: (seed: number) => unknown, seed: number): Promise<TrialAnswer> {
  let value: unknown;
  try {
    value = await trial(seed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const missing = error instanceof ReferenceError && /^(\S+) is not defined$/.exec(message);
    const hint = missing ? `; a trial may use its seed, beanlab's exports and what it is given in the context: sweep(seeds, trial, { ${missing[1]}: ${missing[1]} })` : "";
    return { ok: false, message: `sweep: the trial failed on seed ${seed}: ${message}${hint}` };
  }
  try {
    return { ok: true, value: structuredClone(value) };
  } catch (error) {
    return { ok: false, message: `sweep: the trial's result on seed ${seed} cannot be copied out of a worker (${(error as Error).message}); return plain data: numbers, strings, arrays, objects` };
  }
}
