/** Curves over the epochs and over z: training history, many runs, activation functions, gradient sizes and dead units. */
import { Activation } from "../engine/activations";
import { History } from "../engine/history";
import { Sequential } from "../engine/model";
import { message, isMessage } from "../util/messages";
import { Axis, Figure, Layout, ScatterTrace, Trace } from "./figure";
import { checkHistory, checkModel } from "./args";
import { COLORS, LAYER_COLORS, legendBelow, logTicks, round, significant, thinned, titled } from "./style";

/** Options of `historyPlot`. */
export interface HistoryArgs {
  /** Title above the charts. */
  title?: string;
  /** Draw the loss on a log scale. Default true. */
  logLoss?: boolean;
  /** Size in pixels [width, height]. Default [760, 320]. */
  size?: [number, number];
}

/** Loss and accuracy per epoch, training (solid) and validation (dashed), side by side. */
export function historyPlot(history: History, args: HistoryArgs = {}): Figure {
  checkHistory(history, "plot.historyPlot");
  const [width, height] = args.size ?? [760, 320];
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const series = (key: string, axis: string, color: string, dash: "solid" | "dash", name: string): ScatterTrace[] =>
    history.history[key]
      ? [{ type: "scatter", mode: "lines", name, x: epochs, y: shown.map((i) => (key.endsWith("loss") ? significant(history.history[key][i], 3) : round(history.history[key][i], 4))), xaxis: `x${axis}`, yaxis: `y${axis}`, line: { color, width: 2, dash } }]
      : [];
  const data = [
    ...series("loss", "", "#333333", "solid", message("legend.trainingLoss")),
    ...series("val_loss", "", "#333333", "dash", message("legend.validationLoss")),
    ...series("accuracy", "2", COLORS.positive, "solid", message("legend.trainingAccuracy")),
    ...series("val_accuracy", "2", COLORS.positive, "dash", message("legend.validationAccuracy")),
  ];
  const hasAccuracy = Boolean(history.history.accuracy);
  const lossDomain: [number, number] = hasAccuracy ? [0, 0.44] : [0, 1];
  const below = legendBelow(height, { t: 50, b: 80 });
  const log = args.logLoss !== false;
  const layout: Layout = {
    title: titled(args.title ?? message("title.history"), width),
    width, height, margin: { l: 60, r: 20, t: 50, b: below.bottom },
    showlegend: true, legend: below.legend,
    xaxis: { title: { text: message("axis.epoch") }, domain: lossDomain, anchor: "y", zeroline: false },
    yaxis: { title: { text: message("axis.loss") }, type: log ? "log" : "linear", anchor: "x", zeroline: false, ...(log ? logTicks(data.filter((t) => t.yaxis === "y").flatMap((t) => t.y)) : {}) },
  };
  if (hasAccuracy) {
    layout.xaxis2 = { title: { text: message("axis.epoch") }, domain: [0.56, 1], anchor: "y2", zeroline: false };
    layout.yaxis2 = { title: { text: message("axis.accuracy") }, range: [0, 1.02], anchor: "x2", tickformat: ".0%", zeroline: false };
  }
  return { data, layout };
}

/** One group of runs in `runsPlot`: a name for the legend, a colour, and one curve per run. */
export interface RunGroup {
  /** Legend entry of the group, e.g. "below 80% at epoch 1000". */
  name: string;
  /** Line colour. Default: Playground's blue, then orange, then further colours. */
  color?: string;
  /** One array of values per run, one value per epoch (epoch 1 first). */
  runs: number[][];
}

/** Options of `runsPlot`. */
export interface RunsPlotArgs {
  /** Title above the chart. */
  title?: string;
  /** Title of the y axis. Default "accuracy" (in the current language). */
  yTitle?: string;
  /** Range of the y axis. Default: the values' extent. */
  yRange?: [number, number];
  /** Tick format of the y axis, e.g. ".0%". Default ".0%" when yTitle is accuracy (the default, or "accuracy" in any language). */
  yFormat?: string;
  /** Epochs marked with a dashed vertical line. */
  marks?: number[];
  /** Size in pixels [width, height]. Default [720, 400]. */
  size?: [number, number];
}

/**
 * Many runs of the same experiment as thin lines, one per run, coloured by group: what a seed
 * sweep looks like over the epochs (e.g. training accuracy per epoch of 30 seeds).
 */
export function runsPlot(groups: RunGroup[], args: RunsPlotArgs = {}): Figure {
  if (!Array.isArray(groups) || groups.length === 0) throw new Error("plot.runsPlot: expected a non-empty array of groups { name, runs }");
  const palette = [COLORS.positive, COLORS.negative, ...LAYER_COLORS];
  const data: Trace[] = [];
  let lo = Infinity;
  let hi = -Infinity;
  groups.forEach((group, g) => {
    if (!group || !Array.isArray(group.runs)) throw new Error(`plot.runsPlot: groups[${g}] must be { name, runs: number[][] }`);
    group.runs.forEach((values, r) => {
      const shown = thinned(values.length);
      for (const i of shown) {
        lo = Math.min(lo, values[i]);
        hi = Math.max(hi, values[i]);
      }
      data.push({
        type: "scatter", mode: "lines", name: group.name, showlegend: r === 0,
        x: shown.map((i) => i + 1), y: shown.map((i) => round(values[i], 3)),
        line: { color: group.color ?? palette[g % palette.length], width: 1.5 },
      });
    });
  });
  const yRange = args.yRange ?? [lo, hi];
  for (const epoch of args.marks ?? []) {
    data.push({ type: "scatter", mode: "lines", name: message("legend.epoch", { epoch }), x: [epoch, epoch], y: yRange, line: { color: "#333333", width: 1, dash: "dash" } });
  }
  const [width, height] = args.size ?? [720, 400];
  const yTitle = args.yTitle ?? message("axis.accuracy");
  const yFormat = args.yFormat ?? (isMessage(yTitle, "axis.accuracy") ? ".0%" : undefined);
  const below = legendBelow(height, { t: 50, b: 90 });
  return {
    data,
    layout: {
      title: titled(args.title ?? message("title.runs"), width), width, height,
      margin: { l: 60, r: 20, t: 50, b: below.bottom }, showlegend: true, legend: below.legend,
      xaxis: { title: { text: message("axis.epoch") }, zeroline: false }, yaxis: { title: { text: yTitle }, range: yRange, zeroline: false, ...(yFormat ? { tickformat: yFormat } : {}) },
    },
  };
}

/** Options of `activationPlot`. */
export interface ActivationPlotArgs {
  /** Inputs shown, [from, to]. Default [-6, 6]. */
  range?: [number, number];
  /** Title above the charts. */
  title?: string;
  /** Size in pixels [width, height]. Default [760, 320]. */
  size?: [number, number];
}

/** Activation functions (left) and their derivatives (right) over z: where the slope vanishes. */
export function activationPlot(activations: Activation[], args: ActivationPlotArgs = {}): Figure {
  if (!Array.isArray(activations) || activations.some((a) => !a || typeof a.output !== "function" || typeof a.der !== "function")) {
    throw new Error("plot.activationPlot: expected an array of activations, e.g. [activations.sigmoid, activations.relu]");
  }
  const [from, to] = args.range ?? [-6, 6];
  const [width, height] = args.size ?? [760, 320];
  const z = Array.from({ length: 241 }, (_, i) => round(from + ((to - from) * i) / 240, 3));
  const data: ScatterTrace[] = [];
  activations.forEach((act, i) => {
    const color = LAYER_COLORS[i % LAYER_COLORS.length];
    data.push({ type: "scatter", mode: "lines", name: act.name, x: z, y: z.map((v) => round(act.output(v), 3)), line: { color, width: 2 } });
    data.push({ type: "scatter", mode: "lines", name: `${act.name}'`, showlegend: false, x: z, y: z.map((v) => round(act.der(v), 3)), xaxis: "x2", yaxis: "y2", line: { color, width: 2 } });
  });
  const below = legendBelow(height, { t: 50, b: 80 });
  return {
    data,
    layout: {
      title: titled(args.title ?? message("title.activations"), width),
      width, height, margin: { l: 50, r: 20, t: 50, b: below.bottom }, showlegend: true, legend: below.legend,
      xaxis: { title: { text: "z" }, domain: [0, 0.44], anchor: "y", zeroline: false },
      yaxis: { title: { text: "f(z)" }, anchor: "x", zeroline: false },
      xaxis2: { title: { text: "z" }, domain: [0.56, 1], anchor: "y2", zeroline: false },
      yaxis2: { title: { text: "f'(z)" }, anchor: "x2", zeroline: false },
    },
  };
}

/** Options of `gradientPlot` and `deadUnitsPlot`. */
export interface DiagnosticPlotArgs {
  /** Title above the chart. */
  title?: string;
  /** Size in pixels [width, height]. Default [620, 360]. */
  size?: [number, number];
}

/** Mean |dL/dW| of each layer per epoch on a log scale (from `fit(..., { recordGradients: true })`). */
export function gradientPlot(history: History, args: DiagnosticPlotArgs = {}): Figure {
  checkHistory(history, "plot.gradientPlot");
  if (history.gradientSize.length === 0) {
    throw new Error("plot.gradientPlot: the history has no gradient sizes; train with fit(X, y, { recordGradients: true })");
  }
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const layers = history.gradientSize[0].length;
  const data: ScatterTrace[] = Array.from({ length: layers }, (_, l) => ({
    type: "scatter", mode: "lines", name: l === layers - 1 ? message("legend.outputLayer") : message("legend.layer", { layer: l + 1 }),
    x: epochs, y: shown.map((i) => significant(history.gradientSize[i][l], 3)), line: { color: LAYER_COLORS[l % LAYER_COLORS.length], width: 2 },
  }));
  return lineChart(data, args.title ?? message("title.gradients"), message("axis.gradient"), "log", args.size);
}

/** Share of dead units in each layer per epoch (from `fit(..., { recordDeadUnits: true })`). */
export function deadUnitsPlot(history: History, model: Sequential, args: DiagnosticPlotArgs = {}): Figure {
  checkHistory(history, "plot.deadUnitsPlot");
  checkModel(model, "plot.deadUnitsPlot");
  if (history.deadUnits.length === 0) {
    throw new Error("plot.deadUnitsPlot: the history has no dead-unit counts; train with fit(X, y, { recordDeadUnits: true })");
  }
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const hidden = model.layers.length - 1;
  const data: ScatterTrace[] = Array.from({ length: hidden }, (_, l) => ({
    type: "scatter", mode: "lines", name: message("legend.layerUnits", { layer: l + 1, units: model.layers[l].units }),
    x: epochs, y: shown.map((i) => round(history.deadUnits[i][l] / model.layers[l].units, 4)), line: { color: LAYER_COLORS[l % LAYER_COLORS.length], width: 2 },
  }));
  const fig = lineChart(data, args.title ?? message("title.deadUnits"), message("axis.deadShare"), "linear", args.size);
  (fig.layout.yaxis as Axis).range = [0, 1.02];
  (fig.layout.yaxis as Axis).tickformat = ".0%";
  return fig;
}

/** A line chart over the epochs with a legend below: the frame of gradientPlot and deadUnitsPlot. */
function lineChart(data: ScatterTrace[], title: string, yTitle: string, yType: "linear" | "log", size?: [number, number]): Figure {
  const [width, height] = size ?? [620, 360];
  const below = legendBelow(height, { t: 50, b: 90 });
  const ticks = yType === "log" ? logTicks(data.flatMap((t) => t.y)) : null;
  return {
    data,
    layout: {
      title: titled(title, width), width, height, margin: { l: 70, r: 20, t: 50, b: below.bottom },
      showlegend: true, legend: below.legend,
      xaxis: { title: { text: message("axis.epoch") }, zeroline: false }, yaxis: { title: { text: yTitle }, type: yType, zeroline: false, ...ticks },
    },
  };
}
