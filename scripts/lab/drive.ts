/// <reference lib="dom" />
/**
 * Drives JupyterLab in Chromium as a student would: opens a notebook, Kernel > Restart Kernel and Run All
 * Cells, waits for the run to end, then reads what each cell shows and hovers every chart. Every wait is
 * on a condition and bounded; UI steps are retried a bounded number of times.
 */
import type { Locator, Page } from "playwright-core";
import { waitFor } from "./server";

/** One output as the notebook model holds it. */
export interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
}

/** What a notebook's code cells hold after the run. */
export interface RunResult {
  /** Each code cell's outputs, in order. */
  cells: { source: string; outputs: Output[] }[];
  /** Seconds from the click on Restart to the end of the run. */
  seconds: number;
  /** Code cells with no execution count after the run: not run (a cell before them failed). */
  notRun: number;
}

/** The app handle lab/index.js sets, and the few parts of it used here. */
type App = {
  commands: { execute(id: string, args?: unknown): Promise<unknown> };
  shell: { currentWidget: { context?: { path: string }; sessionContext?: { session?: { kernel?: { status: string } } }; content?: { model: { toJSON(): { cells: { cell_type: string; source: string | string[]; outputs?: Output[] }[] } }; widgets: { model: { type: string; executionCount: number | null } }[] } } | null };
};

/** Runs `step` up to `tries` times until it returns without throwing. */
async function retry<T>(what: string, tries: number, step: () => Promise<T>): Promise<T> {
  let last: unknown;
  for (let k = 0; k < tries; k++) {
    try {
      return await step();
    } catch (error) {
      last = error;
    }
  }
  throw new Error(`lab-check: ${what} failed ${tries} times: ${(last as Error).message}`);
}

/** Opens JupyterLab and waits until it has started. */
export async function openLab(page: Page, url: string, token: string): Promise<void> {
  await page.goto(`${url}/lab?token=${token}`, { timeout: 120_000 });
  await waitFor("JupyterLab starting in the browser", 180, () => page.evaluate(() => document.body.dataset.labReady === "true"));
}

/** Opens `path` (relative to the server's root) as a notebook and waits until its kernel is idle. */
export async function openNotebook(page: Page, path: string): Promise<void> {
  await retry(`opening ${path}`, 3, async () => {
    await page.evaluate((p) => (window as unknown as { jupyterapp: App }).jupyterapp.commands.execute("docmanager:open", { path: p, factory: "Notebook" }), path);
    await waitFor(`${path} open with an idle kernel`, 120, () => page.evaluate((p) => {
      const w = (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget;
      return w?.context?.path === p && w.sessionContext?.session?.kernel?.status === "idle";
    }, path));
  });
}

/** The state of the current notebook's run: the kernel's status and the code cells not run yet. */
async function runState(page: Page): Promise<{ status: string; pending: number; running: number }> {
  return page.evaluate(() => {
    const w = (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget;
    const code = w?.content?.widgets.filter((c) => c.model.type === "code") ?? [];
    const prompts = Array.from(document.querySelectorAll(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell .jp-InputPrompt")).map((p) => p.textContent ?? "");
    return {
      status: w?.sessionContext?.session?.kernel?.status ?? "none",
      pending: code.filter((c) => c.model.executionCount === null).length,
      running: prompts.filter((p) => p.includes("*")).length,
    };
  });
}

/** Kernel > Restart Kernel and Run All Cells… > Restart, through the menu and the dialog. */
async function restartAndRunAll(page: Page): Promise<void> {
  await retry("Kernel > Restart Kernel and Run All Cells", 3, async () => {
    await page.keyboard.press("Escape");
    await page.locator(".lm-MenuBar-itemLabel", { hasText: /^Kernel$/ }).click({ timeout: 10_000 });
    await page.locator(".lm-Menu-itemLabel", { hasText: "Restart Kernel and Run All Cells" }).click({ timeout: 10_000 });
    await page.locator(".jp-Dialog-button.jp-mod-accept").click({ timeout: 10_000 });
    await waitFor("the run starting", 60, async () => {
      const s = await runState(page);
      return s.running > 0 || s.status === "busy";
    });
  });
}

/**
 * Restarts the kernel and runs all cells, calling `during` every quarter second while it runs (to
 * watch a live view), and returns the cells' outputs once every code cell has run and the kernel is idle.
 */
export async function runAll(page: Page, seconds: number, during: () => Promise<void> = async () => undefined): Promise<RunResult> {
  const started = Date.now();
  await restartAndRunAll(page);
  let idleSince = 0;
  await waitFor("Run All finishing", seconds, async () => {
    await during();
    const s = await runState(page);
    const done = s.status === "idle" && s.running === 0;
    idleSince = done ? idleSince || Date.now() : 0;
    // Between two cells the kernel is briefly idle: done means idle with nothing queued for a second.
    return done && Date.now() - idleSince > 1000;
  });
  const cells = await page.evaluate(() => {
    const w = (window as unknown as { jupyterapp: App }).jupyterapp.shell.currentWidget;
    const json = w?.content?.model.toJSON();
    return (json?.cells ?? []).filter((c) => c.cell_type === "code").map((c) => ({ source: Array.isArray(c.source) ? c.source.join("") : c.source, outputs: c.outputs ?? [] }));
  });
  return { cells, seconds: (Date.now() - started) / 1000, notRun: (await runState(page)).pending };
}

/** The plotly outputs on the page, in order. */
export function charts(page: Page): Locator {
  return page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedPlotly");
}

/** Hovers chart `k` until plotly has built it (bounded retries); returns what plotly drew: title and trace count. */
export async function hoverChart(page: Page, k: number, seconds: number): Promise<{ title: string; traces: number }> {
  const chart = charts(page).nth(k);
  return retry(`hovering chart ${k + 1}`, 3, async () => {
    await chart.scrollIntoViewIfNeeded({ timeout: 10_000 });
    const img = chart.locator("img.plot-img");
    if (await img.isVisible()) {
      const box = await img.boundingBox();
      if (box) {
        await page.mouse.move(box.x + 2, box.y + 2);
        await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 3 });
      }
    }
    await waitFor(`chart ${k + 1} becoming interactive`, seconds, async () => (await chart.locator(".plot-container").count()) > 0);
    return chart.evaluate((el) => {
      const plot = el as unknown as { _fullData?: unknown[] };
      return { title: el.querySelector(".gtitle")?.textContent ?? "", traces: plot._fullData?.length ?? 0 };
    });
  });
}
