/**
 * tslab's Jupyter kernel without Jupyter: the same converter and executor, with stdout, stderr and
 * display data captured into nbformat outputs the way tslab sends them and nbconvert saves them.
 */
import { spawn } from "child_process";
import type { Converter } from "tslab/dist/converter";
import { Worker } from "worker_threads";
import type { ConverterSet } from "tslab/dist/executor";
import { DisplayMessage, loadTslab, redirectDisplays } from "../lib/notebook/tslab";
import type { Cell, DisplayOutput, JsonObject, StreamOutput } from "./notebook";

/** The cell that stopped a notebook. */
export interface CellFailure {
  /** Position among all cells, from 1, as a reader counts them. */
  cell: number;
  /** The cell's source. */
  source: string;
  /** What the cell wrote to stderr: tslab writes TypeScript diagnostics and thrown errors only there. */
  stderr: string;
  /** Set when the cell was stopped because it ran longer than this many seconds. */
  timedOut?: number;
}

/** Every cell with fresh outputs and execution counts, or the cell that failed. */
export type Execution = { ok: true; cells: Cell[] } | { ok: false; failure: CellFailure };

/**
 * Runs the code cells top to bottom in a fresh tslab executor working in `dir`, as the kernel would
 * after a restart; stops at the first failing cell. `onCell` hears each code cell's number before it runs.
 */
export async function executeCells(cells: Cell[], dir: string, onCell: (cell: number) => void): Promise<Execution> {
  const capture = new Capture();
  const kernel = startKernel(dir, capture);
  const fresh = [...cells];
  try {
    let count = 0;
    for (const [i, cell] of cells.entries()) {
      if (cell.cell_type !== "code") continue;
      // Jupyter does not send blank cells to the kernel.
      if (cell.source.trim() === "") {
        fresh[i] = { ...cell, outputs: [], execution_count: null };
        continue;
      }
      onCell(i + 1);
      count++;
      const outputs = capture.startCell();
      kernel.hookDisplays();
      const executed = await kernel.execute(cell.source);
      // The kernel gets each cell in a new turn of the event loop, so the cell's stray rejections surface first.
      await new Promise((resolve) => setImmediate(resolve));
      const ok = executed && !capture.uncaught;
      if (!ok) {
        const stderr = outputs.filter((out): out is StreamOutput => out.output_type === "stream" && out.name === "stderr");
        return { ok: false, failure: { cell: i + 1, source: cell.source, stderr: stderr.map((out) => out.text).join("") } };
      }
      fresh[i] = { ...cell, outputs, execution_count: count };
    }
  } finally {
    kernel.stop();
  }
  capture.dropOverwrittenText();
  return { ok: true, cells: fresh };
}

/**
 * `executeCells` in a child process, so that a cell that blocks the event loop (`while (true) {}`) or
 * awaits forever can be stopped: a code cell still running after `timeoutSeconds` is killed with its
 * process. Each notebook also gets a fresh process, as after a kernel restart.
 */
export function executeInChild(cells: Cell[], dir: string, timeoutSeconds: number, onCell: (cell: number) => void): Promise<Execution> {
  // tsx compiles this file for the child, then steps aside: notebooks load plain JavaScript, as in Jupyter.
  const boot = `const unregister = require(${JSON.stringify(require.resolve("tsx/cjs/api"))}).register();
    const { runChild } = require(${JSON.stringify(__filename)});
    unregister();
    runChild();`;
  // The notebook's folder chooses its language (zh/ has a beanlab.json), never the shell's $BEANLAB_LANG: same bytes everywhere.
  const env = { ...process.env };
  delete env.BEANLAB_LANG;
  const child = spawn(process.execPath, ["-e", boot], { env, stdio: ["ignore", "ignore", "pipe", "ipc"], serialization: "advanced" });
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (text: string) => (stderr = (stderr + text).slice(-4000)));
  let current = 0;
  let timer: NodeJS.Timeout | undefined;
  const failure = (problem: string, timedOut?: number): Execution => {
    const cell = Math.max(current, 1);
    return { ok: false, failure: { cell, source: cells[cell - 1]?.source ?? "", stderr: problem, timedOut } };
  };
  return new Promise<Execution>((resolve) => {
    let settled = false;
    const settle = (execution: Execution) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.kill("SIGKILL");
      resolve(execution);
    };
    child.on("message", (message: ChildMessage) => {
      if (message.type === "cell") {
        current = message.cell;
        onCell(message.cell);
        clearTimeout(timer);
        timer = setTimeout(() => settle(failure(`still running after ${timeoutSeconds} s: stopped (--timeout ${timeoutSeconds})`, timeoutSeconds)), timeoutSeconds * 1000);
      } else if (message.execution.ok) {
        const outputs = message.execution.cells;
        settle({ ok: true, cells: cells.map((cell, i) => (cell.cell_type === "code" ? { ...cell, outputs: outputs[i].outputs, execution_count: outputs[i].execution_count } : cell)) });
      } else {
        settle(message.execution);
      }
    });
    child.on("error", (error) => settle(failure(`the kernel process failed: ${error.message}`)));
    child.on("close", (code, signal) => {
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      settle(failure(`the kernel process ${how} while this cell ran (process.exit in a cell, or out of memory?)\n${stderr}`));
    });
    child.send({ dir, cells: cells.map((cell) => ({ cell_type: cell.cell_type, source: cell.source, metadata: {} })) });
  });
}

/** What the child process tells its parent: a code cell starts, or the notebook is done. */
type ChildMessage = { type: "cell"; cell: number } | { type: "done"; execution: Execution };

/** The child process of `executeInChild`: runs the cells it is sent; dies with its parent even while a cell blocks the event loop. */
export function runChild(): void {
  const parent = process.ppid;
  const watchdog = new Worker(
    `const { workerData } = require("worker_threads");
     setInterval(() => { if (process.ppid !== workerData.parent) process.kill(workerData.self, "SIGKILL"); }, 500);`,
    { eval: true, workerData: { parent, self: process.pid } },
  );
  watchdog.unref();
  const send = (message: ChildMessage) => new Promise<void>((resolve) => process.send?.(message, undefined, {}, () => resolve()));
  process.once("message", async ({ dir, cells }: { dir: string; cells: Cell[] }) => {
    const execution = await executeCells(cells, dir, (cell) => void send({ type: "cell", cell }));
    await send({ type: "done", execution });
    // Timers a notebook left behind would keep the process alive.
    process.exit(0);
  });
}

/** Outputs as nbclient records them from the kernel's messages, plus nbconvert's stream merging. */
class Capture {
  /** Whether notebook code threw where no cell could catch it (a timer, an unawaited promise). */
  uncaught = false;
  private outputs: (StreamOutput | DisplayOutput)[] = [];
  private readonly all: (StreamOutput | DisplayOutput)[][] = [];
  private readonly byDisplayId = new Map<string, DisplayOutput[]>();

  /** Starts collecting the next cell's outputs; returns the list they go into. */
  startCell(): (StreamOutput | DisplayOutput)[] {
    this.outputs = [];
    this.all.push(this.outputs);
    return this.outputs;
  }

  /** tslab's replacement for process.stdout.write / process.stderr.write. */
  stream(name: "stdout" | "stderr", text: string): void {
    const last = this.outputs[this.outputs.length - 1];
    if (last?.output_type === "stream" && last.name === name) last.text += text;
    else this.outputs.push({ output_type: "stream", name, text });
  }

  /** tslab's `lastWriteDisplayData`: a display, or with `update` a new state of an earlier one with that display_id. */
  display(message: DisplayMessage, update: boolean): void {
    // The kernel sends the message as JSON: same toJSON calls, same dropped undefineds, same errors.
    const content: { data?: JsonObject; metadata?: JsonObject; transient?: { display_id?: string } } = JSON.parse(JSON.stringify(message));
    const data = content.data ?? {};
    const metadata = content.metadata ?? {};
    const id = content.transient?.display_id;
    // As nbclient: any message with a display_id rewrites every output shown with that id, in any cell.
    for (const shown of (id && this.byDisplayId.get(id)) || []) Object.assign(shown, { data, metadata });
    if (update) return;
    const output: DisplayOutput = { output_type: "display_data", data, metadata };
    this.outputs.push(output);
    if (id) this.byDisplayId.set(id, [...(this.byDisplayId.get(id) ?? []), output]);
  }

  /** nbconvert's coalesce_streams: text before a carriage return that is not a line end is overwritten. */
  dropOverwrittenText(): void {
    for (const outputs of this.all) {
      for (const out of outputs) if (out.output_type === "stream") out.text = dropOverwrittenText(out.text);
    }
  }
}

/**
 * nbconvert's `re.sub(r"[^\n]*\r(?=[^\n])", "", text)` in time linear in the line's length (the
 * regular expression backtracks over each long line once per character): in each line, everything
 * up to the last carriage return that has a character after it is dropped.
 */
export function dropOverwrittenText(text: string): string {
  if (!text.includes("\r")) return text;
  return text
    .split("\n")
    .map((line) => {
      const last = line.length >= 2 ? line.lastIndexOf("\r", line.length - 2) : -1;
      return last >= 0 ? line.slice(last + 1) : line;
    })
    .join("\n");
}

/** A fresh tslab executor in `dir`, with the process rigged as tslab's kernel rigs it; `stop` undoes it all. */
function startKernel(dir: string, capture: Capture) {
  // The kernel uses the tslab installed where the notebook is, as `import "tslab"` there would.
  const { createConverter, createExecutor, ts } = loadTslab(dir);

  const undo: (() => void)[] = [];
  const stop = () => undo.splice(0).reverse().forEach((step) => step());
  const modulesBefore = new Set(Object.keys(require.cache));
  // The next notebook gets a fresh process's modules; native addons cannot be loaded twice.
  undo.push(() => {
    for (const id of Object.keys(require.cache)) if (!modulesBefore.has(id) && !id.endsWith(".node")) delete require.cache[id];
  });
  const displays = redirectDisplays(capture.display.bind(capture));
  undo.push(() => displays.restore());

  try {
    const cwd = process.cwd();
    process.chdir(dir);
    undo.push(() => process.chdir(cwd));
    // tslab's TypeScript 5.0 remembers the first working folder it sees, and tslab compiles in that one:
    // a second notebook folder in this process would resolve imports from the first.
    const { getCurrentDirectory } = ts.sys;
    ts.sys.getCurrentDirectory = () => process.cwd();
    undo.push(() => (ts.sys.getCurrentDirectory = getCurrentDirectory));
    for (const name of ["stdout", "stderr"] as const) {
      const stream = process[name];
      const { write } = stream;
      const isTTY = Object.getOwnPropertyDescriptor(stream, "isTTY");
      const decoder = new TextDecoder();
      stream.write = ((chunk: string | Uint8Array) => {
        capture.stream(name, typeof chunk === "string" ? chunk : decoder.decode(chunk));
        return true;
      }) as typeof stream.write;
      // Jupyter's pipes are no terminal: without this, console.log would colour values on a TTY.
      Object.defineProperty(stream, "isTTY", { value: false, configurable: true, writable: true });
      undo.push(() => {
        stream.write = write;
        if (isTTY) Object.defineProperty(stream, "isTTY", isTTY);
        else delete (stream as { isTTY?: boolean }).isTTY;
      });
    }
    // The kernel only prints these; here they also fail the cell, whose saved output would hold a stack trace.
    for (const [event, label] of [["uncaughtException", "UncaughtException:"], ["unhandledRejection", "UnhandledPromiseRejection:"]] as const) {
      const listener = (error: unknown) => {
        capture.uncaught = true;
        console.error(label, error);
      };
      process.on(event, listener);
      undo.push(() => process.off(event, listener));
    }
    const node = createConverter({ isJS: false, isBrowser: false });
    let browser: Converter | undefined;
    const converters: ConverterSet = {
      node,
      get browser() {
        return (browser ??= createConverter({ isJS: false, isBrowser: true }));
      },
      close() {
        node.close();
        browser?.close();
      },
    };
    undo.push(() => converters.close());
    const executor = createExecutor(dir, converters, { log: console.log, error: console.error });
    return { execute: (source: string) => executor.execute(source), hookDisplays: () => displays.hook(), stop };
  } catch (error) {
    stop();
    throw error;
  }
}
