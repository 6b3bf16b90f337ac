/**
 * 7. A whole lesson on 1 and 2 workers: lesson 04 run headless top to bottom, as `npm run lessons`
 * runs it (a fresh kernel process per run, scripts/headless-kernel.ts), with BEANLAB_WORKERS=1 and 2
 * alternating. Lesson 04 is the most sweep-heavy lesson: its sweep cells take 86% of its time on
 * one worker (03: 83%, 06: 78%). Each run's time is split into the kernel's start (until
 * the first cell), the cells that call sweep, and the other cells; every run's notebook must come
 * out byte-identical, and the same as the saved one.
 */
import * as fs from "fs";
import os from "os";
import * as path from "path";
import { executeInChild } from "../scripts/headless-kernel";
import { formatNotebook, parseNotebook } from "../scripts/notebook";

/** The lesson timed, from the repository's root. */
const LESSON = path.join("notebooks", "04-vanishing-gradient.ipynb");
/** Alternating rounds (each worker count once per round). */
const ROUNDS = 3;
/** Seconds a cell may run before the run is stopped, as `npm run lessons` allows. */
const CELL_TIMEOUT = 300;

/** One run of the lesson: wall seconds in all, split by what ran, and the notebook it produced. */
interface LessonRun {
  total: number;
  start: number;
  sweeps: number;
  other: number;
  text: string;
}

/** Runs the lesson once with `workers` workers; throws if a cell fails. */
async function runLesson(workers: number): Promise<LessonRun> {
  const file = path.resolve(__dirname, "..", LESSON);
  const notebook = parseNotebook(fs.readFileSync(file));
  const sweeping = notebook.cells.map((cell) => cell.cell_type === "code" && /\bsweep\(/.test(cell.source));
  const before = process.env.BEANLAB_WORKERS;
  process.env.BEANLAB_WORKERS = String(workers);
  const split = { start: 0, sweeps: 0, other: 0 };
  let current = 0;
  let since = performance.now();
  const started = since;
  const lap = () => {
    const now = performance.now();
    const seconds = (now - since) / 1000;
    if (current === 0) split.start += seconds;
    else if (sweeping[current - 1]) split.sweeps += seconds;
    else split.other += seconds;
    since = now;
  };
  try {
    const execution = await executeInChild(notebook.cells, path.dirname(file), CELL_TIMEOUT, (cell) => {
      lap();
      current = cell;
    });
    lap();
    if (!execution.ok) throw new Error(`bench: ${LESSON} failed in cell ${execution.failure.cell} with ${workers} worker(s): ${execution.failure.stderr}`);
    return { total: (performance.now() - started) / 1000, ...split, text: formatNotebook({ ...notebook, cells: execution.cells }) };
  } finally {
    if (before === undefined) delete process.env.BEANLAB_WORKERS;
    else process.env.BEANLAB_WORKERS = before;
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const load = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");
const seconds = (s: number) => `${s.toFixed(1)} s`;

/** The medians of a side's runs, as one line of the table. */
function sideLine(label: string, runs: LessonRun[]): string {
  const m = (key: "total" | "start" | "sweeps" | "other") => seconds(median(runs.map((r) => r[key])));
  return `  ${label} median ${m("total")} (min ${seconds(Math.min(...runs.map((r) => r.total)))}): kernel start ${m("start")}, sweep cells ${m("sweeps")}, other cells ${m("other")}`;
}

/** Times the lesson on 1 and 2 workers; prints its table and returns the summary rows. */
export async function benchLesson(): Promise<string[][]> {
  const loadBefore = load();
  const saved = fs.readFileSync(path.resolve(__dirname, "..", LESSON), "utf8");
  const one: LessonRun[] = [];
  const two: LessonRun[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    one.push(await runLesson(1));
    two.push(await runLesson(2));
  }
  const ratio = median(one.map((run, i) => run.total / two[i].total));
  const sweepRatio = median(one.map((run, i) => run.sweeps / two[i].sweeps));
  const runs = [...one, ...two];
  const identical = runs.every((run) => run.text === runs[0].text);
  const loadAfter = load();
  console.log(`7. a whole lesson, ${LESSON} headless (fresh kernel per run; ${ROUNDS} rounds, 1 and 2 workers alternating)`);
  console.log(sideLine("1 worker: ", one));
  console.log(sideLine("2 workers:", two));
  console.log(`  2 workers vs 1: whole lesson ${ratio.toFixed(2)}x, sweep cells ${sweepRatio.toFixed(2)}x (medians of per-round ratios)`);
  console.log(`  notebooks identical for 1 and 2 workers: ${identical ? "yes" : "NO"}; the same as the saved notebook: ${identical && runs[0].text === saved ? "yes" : "NO"}`);
  console.log(`  load average (1, 5, 15 min) before ${loadBefore}, after ${loadAfter}\n`);
  return [[`lesson 04, 2 workers vs 1`, `${ratio.toFixed(2)}x faster (wall time)   (1 worker ${seconds(median(one.map((r) => r.total)))}, 2 workers ${seconds(median(two.map((r) => r.total)))}; load average ${loadAfter}; target >= 1.6x)`]];
}
