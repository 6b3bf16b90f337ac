/**
 * The worker threads a sweep spreads its seeds over: started once per process, reused by every
 * sweep, and unref'd while idle so that they never keep a finished program alive.
 */
import * as os from "os";
import * as path from "path";
import { isMainThread, Worker } from "worker_threads";
import type { Language } from "../util/language";
import type { TrialAnswer, TrialSetup } from "./trial-scope";

/** One seed's run, as a worker receives it. */
export interface TrialTask {
  /** Which sweep the task belongs to; a worker keeps the last sweep's trial. */
  sweep: number;
  /** The sweep's trial and context, sent with a worker's first task of that sweep. */
  setup?: TrialSetup;
  seed: number;
  /** The process-wide seed offset, set in the worker before the trial runs. */
  seedOffset: number;
  /** The language of the thread that called sweep, set in the worker before the trial runs. */
  language: Language;
}

/** The workers a sweep uses: BEANLAB_WORKERS, or the number of cores; 1 runs in this thread. */
export function workerCount(): number {
  const setting = process.env.BEANLAB_WORKERS;
  if (setting === undefined || setting === "") return typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  const n = Number(setting);
  if (!Number.isInteger(n) || n < 1) throw new Error(`sweep: BEANLAB_WORKERS must be a whole number >= 1 (1 runs in this thread), got "${setting}"`);
  return n;
}

/** The compiled beanlab a notebook loads: workers load this same package. */
export function beanlabPath(): string {
  return require.resolve("beanlab");
}

/** Runs a sweep's seeds on the `size` shared workers (fewer seeds use fewer); results in seed order, or the error of the first seed that failed. */
export async function runOnWorkers(size: number, setup: TrialSetup, seeds: number[], settings: Pick<TrialTask, "seedOffset" | "language">): Promise<unknown[]> {
  const pool = sharedPool(size);
  const id = ++sweeps;
  const runs = seeds.map((seed) => pool.run(id, setup, { sweep: id, seed, ...settings }));
  // Waits for every seed before a failing one, so the error reported is the same whatever the worker count.
  runs.forEach((run) => run.catch(() => pool.cancel(id)));
  const settled = await Promise.allSettled(runs);
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((s) => (s as PromiseFulfilledResult<unknown>).value);
}

/**
 * Starts the shared workers now rather than at the first sweep, so that they load beanlab while
 * other work goes on (a kernel does this when a notebook imports beanlab). Nothing starts with
 * BEANLAB_WORKERS=1, in a worker, or with a BEANLAB_WORKERS the first sweep will refuse.
 */
export function startWorkers(): void {
  let size: number;
  try {
    size = workerCount();
  } catch {
    return;
  }
  if (isMainThread && size > 1) sharedPool(size).startAll();
}

/** How many worker threads the shared pool has started and not stopped. */
export function workersRunning(): number {
  return pool?.running() ?? 0;
}

let sweeps = 0;
let pool: Pool | undefined;

function sharedPool(size: number): Pool {
  if (pool?.size !== size) {
    pool?.close();
    pool = new Pool(size);
  }
  return pool;
}

/** What the rejection of a seed that never ran carries: a seed before it failed. */
const CANCELLED = new Error("sweep: cancelled, an earlier seed failed");

interface Job {
  task: TrialTask;
  setup: TrialSetup;
  resolve(value: unknown): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  /** The sweep whose trial the worker holds. */
  loaded: number;
  job?: Job;
}

class Pool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private closed = false;

  constructor(readonly size: number) {}

  run(id: number, setup: TrialSetup, task: TrialTask): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { ...task, sweep: id }, setup, resolve, reject });
      this.dispatch();
    });
  }

  /** Drops the sweep's seeds that have not started. */
  cancel(id: number): void {
    for (let i = this.queue.length - 1; i >= 0; i--) {
      if (this.queue[i].task.sweep !== id) continue;
      this.queue[i].reject(CANCELLED);
      this.queue.splice(i, 1);
    }
  }

  /** Its workers, 0 once closed. */
  running(): number {
    return this.closed ? 0 : this.slots.length;
  }

  /** Starts every worker the pool may have; they wait, unref'd, for seeds. */
  startAll(): void {
    while (this.slots.length < this.size) this.start(true);
  }

  /** Stops the workers once they finish what they run. */
  close(): void {
    this.closed = true;
    for (const slot of this.slots) if (!slot.job) void slot.worker.terminate();
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.start();
      if (!slot) return;
      const job = this.queue.shift() as Job;
      slot.job = job;
      const task = slot.loaded === job.task.sweep ? job.task : { ...job.task, setup: job.setup };
      slot.loaded = job.task.sweep;
      slot.worker.ref();
      slot.worker.postMessage(task);
    }
  }

  /** A new worker; `warmUp`: started ahead of a sweep, it trains a little first (worker.ts). */
  private start(warmUp = false): Slot {
    const worker = new Worker(path.join(path.dirname(beanlabPath()), "experiments", "worker.js"), { workerData: { beanlab: beanlabPath(), warmUp } });
    const slot: Slot = { worker, loaded: 0 };
    this.slots.push(slot);
    worker.on("message", (answer: TrialAnswer) => {
      const job = slot.job as Job;
      this.finish(slot);
      if (answer.ok) job.resolve(answer.value);
      else job.reject(new Error(answer.message));
    });
    const stopped = (why: string) => {
      this.slots.splice(this.slots.indexOf(slot), 1);
      const job = slot.job;
      slot.job = undefined;
      job?.reject(new Error(`sweep: the worker running seed ${job.task.seed} stopped (${why})`));
      if (!this.closed) this.dispatch();
    };
    worker.on("error", (error) => stopped(error.message));
    worker.on("exit", (code) => {
      if (this.slots.includes(slot)) stopped(`exit code ${code}`);
    });
    // After the listeners: a listener added later would ref the worker's port again.
    worker.unref();
    return slot;
  }

  private finish(slot: Slot): void {
    slot.job = undefined;
    slot.worker.unref();
    // A closed pool still finishes the seeds queued on it before it stops.
    if (this.closed && this.queue.length === 0) void slot.worker.terminate();
    else this.dispatch();
  }
}
