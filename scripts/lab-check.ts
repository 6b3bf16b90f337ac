/**
 * `npm run lab-check [-- notebook.ipynb | zh/notebook.ipynb ...]`: runs every lesson and the Chinese tour (or the
 * ones named) in a real JupyterLab 3.6
 * (front end built from npm in lab/, served by Debian's jupyter-server with the project's tslab kernel) driven
 * through its UI in Debian's Chromium, on scratch copies, and checks what a student sees: no error or stderr
 * output, every figure an interactive plotly chart that looks like its PNG, a live view that keeps updating
 * after the mouse touched it and ends on the final epoch; a Chinese edition must print Chinese. Screenshots go to lab/artifacts/.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Page } from "playwright-core";
import { CHROMIUM, launchChromium } from "./lab/chromium";
import { pictureDistance } from "./lab/compare";
import { Output, charts, hoverChart, openLab, openNotebook, runAll } from "./lab/drive";
import { ensureFrontEnd } from "./lab/front-end";
import { missingServer, startServer } from "./lab/server";
import { ZH_FOLDER } from "./editions";
import { SETTINGS_FILE } from "../lib/util/language";

const REPO = path.resolve(__dirname, "..");
const LAB = path.join(REPO, "lab");
const ARTIFACTS = path.join(LAB, "artifacts");
const PLOTLY = "application/vnd.plotly.v1+json";

/** Longest a notebook's Run All may take, and a chart's first build (3-D charts are slow on a loaded machine). */
const RUN_SECONDS = 900;
const CHART_SECONDS = 120;

/** How far a chart's screenshot may look from its PNG (mean colour difference over an 8 x 8 grid, 0-255). */
const MAX_DISTANCE = 30;

/** Page messages that are not faults: no network (MathJax, fonts), no user API, no language packs. */
const NOISE = [/api\/me/, /Language pack/, /Invalid access/, /mathjax/i, /Failed to load resource/, /net::ERR_/, /favicon/];

type Figure = { data: unknown[]; layout: { title?: { text: string } } };

/** A Chinese font for Chromium, as a student's browser has one: without it the Chinese tour's text is boxes. */
const CHINESE_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

/** The Chinese edition checked besides every English lesson: the same code, so one shows that its folder's language setting reaches Lab's kernel. */
const CHINESE_SAMPLE = `${ZH_FOLDER}/00-tour-of-beanlab.ipynb`;

/** A lesson of lab-check's own, in the scratch folder only: a live view that trains for 6 seconds, long enough to be touched while it runs. */
const PROBE = "zz-live-view-probe.ipynb";

/** The probe lesson's notebook. */
function probeNotebook(): string {
  const code = [
    'import { Dense, Sequential, SGD, datasets, liveView } from "beanlab";',
    "const data = datasets.circle({ n: 100, seed: 1 });",
    "const model = new Sequential({ seed: 1 });",
    'model.add(new Dense({ units: 4, activation: "tanh", inputDim: 2 }));',
    'model.add(new Dense({ units: 1, activation: "sigmoid" }));',
    'model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });',
    "const start = Date.now();",
    "const stop = { onEpochEnd() { if (Date.now() - start > 6000) model.stopTraining = true; } };",
    "await model.fit(data.X, data.y, { epochs: 1000000, verbose: 0, callbacks: [stop, liveView(model, { train: data })] });",
  ].join("\n");
  const cell = { cell_type: "code", execution_count: null, metadata: {}, outputs: [], source: code };
  return JSON.stringify({ cells: [cell], metadata: { kernelspec: { display_name: "TypeScript (beanlab)", language: "typescript", name: "tslab" } }, nbformat: 4, nbformat_minor: 5 });
}

/** What one notebook's check found. */
interface NotebookCheck {
  file: string;
  seconds: number;
  charts: number;
  problems: string[];
  /** Each chart's distance from its PNG. */
  distances: number[];
}

/** The code cell that trains with a live view, if any: its index among the code cells. */
function liveCell(cells: { source: string }[]): number {
  return cells.findIndex((c) => c.source.includes("liveView("));
}

/** The epoch a live view's title names ("...: epoch 500, loss ..."), or null. */
function epochOf(title: string | undefined): number | null {
  const m = /epoch (\d+)/.exec(title ?? "");
  return m ? Number(m[1]) : null;
}

/** The outputs' text as one string, for messages. */
function textOf(out: Output): string {
  const t = out.text ?? (out.evalue ? `${out.ename}: ${out.evalue}` : "");
  return (Array.isArray(t) ? t.join("") : t).trim().split("\n").slice(0, 3).join(" | ");
}

/** Runs one notebook in the open Lab and checks it; the saved notebook tells the live view's final epoch. */
async function checkNotebook(page: Page, file: string, saved: { source: string; outputs: Output[] }[]): Promise<NotebookCheck> {
  const problems: string[] = [];
  const distances: number[] = [];
  const name = file.replace(/\.ipynb$/, "").replace(/[\\/]/g, "-");
  await openNotebook(page, `notebooks/${file}`);
  const live = liveCell(saved);
  const liveCellOnPage = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell").nth(Math.max(0, live));
  // The live view is touched once while its cell runs; then every state it shows is recorded.
  let touched: string | null = null;
  const after = new Set<string>();
  const watch = async (): Promise<void> => {
    if (live < 0) return;
    const img = liveCellOnPage.locator(".jp-OutputArea-output img").first();
    if ((await img.count()) === 0) return;
    const src = createHash("sha256").update((await img.getAttribute("src").catch(() => null)) ?? "").digest("hex");
    if (touched === null) {
      const running = ((await liveCellOnPage.locator(".jp-InputPrompt").textContent().catch(() => "")) ?? "").includes("*");
      const box = running ? await img.boundingBox().catch(() => null) : null;
      if (!box) return;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 2 });
      touched = src;
      return;
    }
    if (src !== touched) after.add(src);
  };
  const run = await runAll(page, RUN_SECONDS, watch);
  if (run.notRun > 0) problems.push(`${run.notRun} of ${run.cells.length} code cells did not run`);
  run.cells.forEach((cell, k) => {
    for (const out of cell.outputs) {
      if (out.output_type === "error") problems.push(`cell ${k + 1}: error ${textOf(out)}`);
      if (out.output_type === "stream" && out.name === "stderr") problems.push(`cell ${k + 1}: stderr ${textOf(out)}`);
    }
  });
  if (file.startsWith(`${ZH_FOLDER}/`) && !run.cells.some((c) => c.outputs.some((o) => o.output_type === "stream" && /\p{Script=Han}/u.test(textOf(o))))) {
    problems.push(`printed no Chinese: the kernel started in notebooks/${ZH_FOLDER}/ did not take the language of its ${SETTINGS_FILE}`);
  }
  const figures = run.cells.flatMap((c) => c.outputs.flatMap((o) => (o.data?.[PLOTLY] ? [{ figure: o.data[PLOTLY] as Figure, png: o.data["image/png"] as string | undefined }] : [])));
  const shown = await charts(page).count();
  if (shown !== figures.length) problems.push(`${figures.length} plotly outputs but ${shown} plotly charts on the page`);
  if (live >= 0) {
    const finalFigure = run.cells[live]?.outputs.map((o) => o.data?.[PLOTLY] as Figure | undefined).find(Boolean);
    const savedFigure = saved[live].outputs.map((o) => o.data?.[PLOTLY] as Figure | undefined).find(Boolean);
    const want = file === PROBE ? epochOf(finalFigure?.layout.title?.text) : epochOf(savedFigure?.layout.title?.text);
    if (epochOf(finalFigure?.layout.title?.text) !== want) problems.push(`live view: the kernel's last state is "${finalFigure?.layout.title?.text}", the saved lesson ends on epoch ${want}`);
    // A lesson may train too briefly to be touched in time (and may end on a state it already showed): the
    // probe trains for 6 s to count the states shown after the touch; every live view must end on its final epoch.
    if (file === PROBE && touched === null) problems.push("live view: never seen while its cell ran, so never touched");
    if (file === PROBE && after.size < 3) problems.push(`live view: ${after.size} new states in 6 s after the mouse touched it (frozen)`);
    const index = figures.findIndex((f) => f.figure === finalFigure);
    if (index >= 0) {
      const drawn = await hoverChart(page, index, CHART_SECONDS).catch((error: Error) => ({ title: error.message, traces: 0 }));
      if (epochOf(drawn.title) !== want) problems.push(`live view: the chart on the page shows "${drawn.title}", not the final epoch ${want}`);
    }
  }
  for (let k = 0; k < Math.min(shown, figures.length); k++) {
    const { figure, png } = figures[k];
    const title = figure.layout.title?.text ?? "";
    try {
      const drawn = await hoverChart(page, k, CHART_SECONDS);
      if (drawn.title.trim() !== title.trim()) problems.push(`chart ${k + 1}: plotly drew title "${drawn.title}", the figure says "${title}"`);
      if (drawn.traces !== figure.data.length) problems.push(`chart ${k + 1} "${title}": plotly drew ${drawn.traces} traces of ${figure.data.length}`);
      const shot = await charts(page).nth(k).locator(".svg-container").first().screenshot({ path: path.join(ARTIFACTS, `${name}-${k + 1}-lab.png`) });
      if (png) {
        const kernelPng = Buffer.from(png, "base64");
        fs.writeFileSync(path.join(ARTIFACTS, `${name}-${k + 1}-kernel.png`), kernelPng);
        const distance = pictureDistance(new Uint8Array(shot), new Uint8Array(kernelPng));
        distances.push(distance);
        if (distance > MAX_DISTANCE) problems.push(`chart ${k + 1} "${title}": looks unlike its PNG (distance ${distance.toFixed(1)} > ${MAX_DISTANCE})`);
      }
    } catch (error) {
      problems.push(`chart ${k + 1} "${title}": ${(error as Error).message}`);
    }
  }
  return { file, seconds: run.seconds, charts: figures.length, problems, distances };
}

/** A lesson named on the command line, as a path under notebooks/: "03-xor.ipynb" or "zh/03-xor.ipynb". */
function lessonPath(arg: string): string {
  const parts = path.normalize(arg).split(path.sep);
  const zh = parts.length > 1 && parts[parts.length - 2] === ZH_FOLDER;
  return zh ? `${ZH_FOLDER}/${parts[parts.length - 1]}` : parts[parts.length - 1];
}

/** Runs the check; returns the exit code (0 every notebook as a student should see it, 1 not, 2 cannot run). */
async function main(args: string[]): Promise<number> {
  const started = Date.now();
  const log = (line: string) => void process.stdout.write(line + "\n");
  const missing = [fs.existsSync(CHROMIUM) ? null : "apt-get install -y chromium", missingServer(), fs.existsSync(CHINESE_FONT) ? null : "apt-get install -y fonts-wqy-microhei"].filter(Boolean);
  if (missing.length) {
    log(`lab-check: missing Debian packages; install them with: ${missing.join(" && ")}`);
    return 2;
  }
  const files = args.length ? args.map(lessonPath) : [...fs.readdirSync(path.join(REPO, "notebooks")).filter((f) => f.endsWith(".ipynb")).sort(), CHINESE_SAMPLE];
  const build = ensureFrontEnd(LAB, log);
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-lab-"));
  fs.mkdirSync(path.join(scratch, "notebooks", ZH_FOLDER), { recursive: true });
  fs.copyFileSync(path.join(REPO, "notebooks", ZH_FOLDER, SETTINGS_FILE), path.join(scratch, "notebooks", ZH_FOLDER, SETTINGS_FILE));
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(scratch, "node_modules"));
  const saved = new Map<string, { source: string; outputs: Output[] }[]>();
  fs.writeFileSync(path.join(scratch, "notebooks", PROBE), probeNotebook());
  saved.set(PROBE, [{ source: "liveView(", outputs: [] }]);
  for (const file of files) {
    const text = fs.readFileSync(path.join(REPO, "notebooks", file), "utf8");
    fs.writeFileSync(path.join(scratch, "notebooks", file), text);
    const cells = (JSON.parse(text).cells as { cell_type: string; source: string | string[]; outputs?: Output[] }[]).filter((c) => c.cell_type === "code");
    saved.set(file, cells.map((c) => ({ source: Array.isArray(c.source) ? c.source.join("") : c.source, outputs: c.outputs ?? [] })));
  }
  const server = await startServer(REPO, scratch, path.join(ARTIFACTS, "server.log"));
  // Interrupted (Ctrl-C, a CI timeout), the check still stops the server it started and removes its scratch copies.
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    process.once(name, () => void server.stop().finally(() => {
      fs.rmSync(scratch, { recursive: true, force: true });
      process.exit(130);
    }));
  }
  const results: NotebookCheck[] = [];
  const pageErrors: string[] = [];
  const browser = await launchChromium().catch(async (error) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on("pageerror", (e) => void pageErrors.push(e.message));
    page.on("console", (m) => void (m.type() === "error" && !NOISE.some((n) => n.test(m.text())) && pageErrors.push(m.text())));
    await openLab(page, server.url, server.token);
    for (const file of [...files, PROBE]) {
      log(`lab-check: ${file}`);
      const result = await checkNotebook(page, file, saved.get(file) ?? []).catch((error: Error) => ({ file, seconds: 0, charts: 0, problems: [error.message], distances: [] }));
      results.push(result);
      const worst = Math.max(0, ...result.distances).toFixed(1);
      log(`  ${result.seconds.toFixed(0)} s, ${result.charts} charts (farthest from its PNG: ${worst}), ${result.problems.length ? result.problems.join("\n  ") : "ok"}`);
    }
  } finally {
    await browser.close().catch(() => undefined);
    await server.stop();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  const failed = results.filter((r) => r.problems.length > 0).length + (pageErrors.length ? 1 : 0);
  if (pageErrors.length) log(`page errors:\n  ${pageErrors.slice(0, 10).join("\n  ")}`);
  log(`lab-check: front end ${build > 0 ? `built in ${build.toFixed(0)} s` : "cached"}; ${((Date.now() - started) / 1000).toFixed(0)} s in all; screenshots in lab/artifacts/`);
  log(`${results.length - results.filter((r) => r.problems.length).length} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code), (error: Error) => {
  process.stdout.write(`${error.message}\n`);
  process.exit(1);
});
