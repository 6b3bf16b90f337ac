/**
 * The bridge to tslab's internal API (tslab 1.0.22, pinned in package.json): the one place that knows
 * where tslab keeps its display hook, converter and executor. `show` and `liveView` send displays
 * through it; the headless runner (scripts/headless-kernel.ts) captures them and runs cells through it.
 * beanlab has no runtime dependency on tslab: the imports below are types only.
 */
import * as path from "path";
import type * as converter from "tslab/dist/converter";
import type * as executor from "tslab/dist/executor";

/** A Jupyter display_data message's content, as tslab's `lastWriteDisplayData` takes it. */
export interface DisplayMessage {
  /** The bundle: one entry per mimetype. */
  data?: Record<string, unknown>;
  /** Per-mimetype metadata. */
  metadata?: Record<string, unknown>;
  /** Not saved in the notebook; a display_id names a display that later messages update. */
  transient?: { display_id?: string };
}

/** tslab's function that sends a display; with `update`, a new state of the display with that display_id. */
export type WriteDisplayData = (message: DisplayMessage, update: boolean) => void;

/** tslab's dist/jupyter module: the kernel sets `lastWriteDisplayData` when it starts; null until then. */
interface JupyterModule {
  lastWriteDisplayData: WriteDisplayData | null;
}

const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/**
 * Every loaded copy of tslab's dist/jupyter module. They are looked up among the modules already
 * loaded, so the kernel's own copy is found wherever it is installed; a global tslab that delegates
 * to the project's copy leaves two of them loaded.
 */
function jupyterModules(): JupyterModule[] {
  return Object.entries(require.cache).flatMap(([file, loaded]) => (loaded && JUPYTER_MODULE.test(file) ? [loaded.exports as JupyterModule] : []));
}

/** The running tslab kernel's display function, or null outside a kernel: of the loaded copies, the one the kernel set. */
export function kernelDisplay(): WriteDisplayData | null {
  for (const jupyter of jupyterModules()) if (typeof jupyter.lastWriteDisplayData === "function") return jupyter.lastWriteDisplayData;
  return null;
}

/** Displays sent to a function of one's own instead of a kernel; see `redirectDisplays`. */
export interface DisplayRedirect {
  /** Points every copy of tslab's display hook loaded by now at the function (code run since may have loaded another). */
  hook(): void;
  /** Gives every hooked copy back the function it had. */
  restore(): void;
}

/** Sends tslab displays to `write`, as the kernel would send them to Jupyter: nothing changes until `hook`. */
export function redirectDisplays(write: WriteDisplayData): DisplayRedirect {
  const before = new Map<JupyterModule, WriteDisplayData | null>();
  return {
    hook() {
      for (const jupyter of jupyterModules()) {
        if (!before.has(jupyter)) before.set(jupyter, jupyter.lastWriteDisplayData);
        jupyter.lastWriteDisplayData = write;
      }
    },
    restore() {
      for (const [jupyter, write] of before) jupyter.lastWriteDisplayData = write;
      before.clear();
    },
  };
}

/** The parts of tslab that run notebook cells without Jupyter. */
export interface TslabRuntime {
  /** tslab's TypeScript-to-JavaScript converter factory (tslab/dist/converter). */
  createConverter: typeof converter.createConverter;
  /** tslab's cell executor factory (tslab/dist/executor). */
  createExecutor: typeof executor.createExecutor;
  /** The TypeScript 5.0 that tslab compiles cells with (its own @tslab/typescript-for-tslab). */
  ts: { sys: { getCurrentDirectory(): string } };
}

/**
 * tslab's converter, executor and TypeScript, from the tslab that `dir` resolves (as `import "tslab"`
 * in a notebook there would), else the one beside beanlab. Its display module is loaded too, so
 * that `redirectDisplays` finds it before the first cell runs.
 */
export function loadTslab(dir: string): TslabRuntime {
  let dist: string;
  try {
    dist = path.dirname(require.resolve("tslab/dist/converter", { paths: [dir, __dirname] }));
  } catch (error) {
    throw new Error(`loadTslab: tslab is not installed where ${dir} or beanlab resolves packages; run npm install (${(error as Error).message})`);
  }
  const { createConverter } = require(path.join(dist, "converter")) as typeof converter;
  const { createExecutor } = require(path.join(dist, "executor")) as typeof executor;
  require(path.join(dist, "jupyter"));
  const ts = require(require.resolve("@tslab/typescript-for-tslab", { paths: [dist] })) as TslabRuntime["ts"];
  return { createConverter, createExecutor, ts };
}
