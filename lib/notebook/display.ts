import * as fs from "fs";
import * as path from "path";
import { Figure } from "../figures/figure";
import { formatRounded } from "../util/format";
import { message } from "../util/messages";
import { Callbacks, Sequential } from "../engine/model";
import { BoundaryArgs, decisionBoundary } from "../figures/plane";
import { renderPng } from "../render/png";
import { kernelDisplay } from "./tslab";

/**
 * The three forms of a figure a notebook keeps: the plotly figure (interactive in JupyterLab),
 * a PNG (what GitHub and any viewer without JavaScript shows) and a line of text.
 */
export function displayBundle(fig: Figure): Record<string, unknown> {
  return {
    "application/vnd.plotly.v1+json": fig,
    "image/png": Buffer.from(renderPng(fig)).toString("base64"),
    "text/plain": describeFigure(fig),
  };
}

/** A figure as a picture only, PNG and text: what a live view shows while it changes. */
function pictureBundle(fig: Figure): Record<string, unknown> {
  return { "image/png": Buffer.from(renderPng(fig)).toString("base64"), "text/plain": describeFigure(fig) };
}

/** A one-line description of a figure, for text-only viewers. */
export function describeFigure(fig: Figure): string {
  const kinds = [...new Set(fig.data.map((t) => t.type))].join(", ");
  const { width, height } = fig.layout;
  return message("figure.described", { title: fig.layout.title?.text ?? message("figure.untitled"), width, height, kinds: kinds || message("figure.empty") });
}

/** Folder where `show` saves figures outside a notebook: $BEANLAB_FIGURES, or ./figures. */
export function figureFolder(): string {
  return process.env.BEANLAB_FIGURES || "figures";
}

/** File names `show` has given in this process, so that two figures with the same title get two files. */
const savedNames = new Set<string>();

/**
 * Shows a figure. In a notebook (tslab kernel): one display with the plotly figure, its PNG and
 * a text line. Elsewhere (a script, a test): saves `<title>.png` and `<title>.json` in
 * `figureFolder()` and prints where; returns the PNG's path, or null in a notebook. The name keeps
 * the title's letters in any script (决策边界.png); a title shown again gets -2, -3, ... in the
 * order shown, so the same script writes the same files every run.
 */
export function show(fig: Figure): string | null {
  const write = kernelDisplay();
  if (write) {
    write({ data: displayBundle(fig), metadata: {}, transient: {} }, false);
    return null;
  }
  const folder = figureFolder();
  fs.mkdirSync(folder, { recursive: true });
  const base = path.join(folder, uniqueName(path.resolve(folder), slug(fig.layout.title?.text ?? "figure")));
  fs.writeFileSync(`${base}.png`, renderPng(fig));
  fs.writeFileSync(`${base}.json`, JSON.stringify(fig) + "\n");
  console.log(message("figure.saved", { path: `${base}.png` }));
  return `${base}.png`;
}

/** A file name from a title: its letters and digits in any script, lower case, runs of anything else as one "-", at most 80 characters. */
function slug(title: string): string {
  const s = title.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
  return Array.from(s).slice(0, 80).join("").replace(/-$/, "") || "figure";
}

/** `name`, or `name-2`, `name-3`, ...: the first not yet given in `folder` by this process. */
function uniqueName(folder: string, name: string): string {
  let candidate = name;
  for (let k = 2; savedNames.has(path.join(folder, candidate)); k++) candidate = `${name}-${k}`;
  savedNames.add(path.join(folder, candidate));
  return candidate;
}

/** Options of `liveView`. */
export interface LiveViewArgs extends BoundaryArgs {
  /** Least time between two updates, in milliseconds. Default 500 (twice a second). */
  every?: number;
}

let liveViews = 0;

/**
 * Callbacks for `fit` that show the decision boundary while the model trains, updated in place
 * at most twice a second with the epoch, loss and accuracy: Playground's view inside a notebook.
 * While training, each state is a picture (PNG and text); the final state adds the interactive
 * plotly figure. A front end re-renders a picture updated in place, but JupyterLab's plotly renderer
 * never redraws a chart it has built (it would freeze at the first hover), and the change of kind
 * at the end makes it build the final chart afresh. The notebook keeps the final state only.
 * Outside a notebook it shows the final state once.
 *
 *   await model.fit(X, y, { epochs: 500, callbacks: liveView(model, { train }) });
 */
export function liveView(model: Sequential, args: LiveViewArgs = {}): Callbacks {
  const { every = 500, ...boundary } = args;
  const id = `beanlab-live-${++liveViews}`;
  let last = 0;
  let shown = false;
  const figure = (epoch: number, logs: Record<string, number>) => {
    const separator = message("live.separator");
    const title = message("live.epoch", { title: boundary.title ?? message("live.title"), epoch });
    const numbers = Object.keys(logs).map((k) => `${k} ${formatRounded(logs[k])}`);
    return decisionBoundary(model, { ...boundary, title: [title, ...numbers].join(separator) });
  };
  const update = (epoch: number, logs: Record<string, number>, final: boolean) => {
    const write = kernelDisplay();
    if (!write) {
      if (final) show(figure(epoch, logs));
      return;
    }
    const fig = figure(epoch, logs);
    const data = final ? displayBundle(fig) : pictureBundle(fig);
    write({ data, metadata: {}, transient: { display_id: id } }, shown);
    shown = true;
  };
  let epochs = 0;
  let lastLogs: Record<string, number> = {};
  return {
    onTrainBegin() {
      update(0, {}, false);
      last = Date.now();
    },
    onEpochEnd(epoch, logs) {
      epochs = epoch + 1;
      lastLogs = logs;
      if (Date.now() - last >= every) {
        update(epochs, logs, false);
        last = Date.now();
      }
    },
    onTrainEnd() {
      update(epochs, lastLogs, true);
    },
  };
}
