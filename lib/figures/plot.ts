import { Activation } from "../engine/activations";
import { Dataset } from "../data/generators";
import { Annotation, Axis, ColorScale, ContourTrace, Figure, Frame, HeatmapTrace, Layout, ScatterTrace, Trace } from "./figure";
import { History } from "../engine/history";
import { Matrix } from "../engine/matrix";
import { Callbacks, Sequential } from "../engine/model";

/** Playground's colours: orange for 0 / negative, blue for 1 / positive, grey in between. */
export const COLORS = { negative: "#f59322", middle: "#e8eaeb", positive: "#0877bd" } as const;

/** A diverging scale from orange through grey to blue, as Playground paints its outputs. */
export const PLAYGROUND_SCALE: ColorScale = [[0, COLORS.negative], [0.5, COLORS.middle], [1, COLORS.positive]];

/** The same scale, lighter, for the plane behind the points, so that a blue point on blue still shows. */
export const BACKGROUND_SCALE: ColorScale = [[0, "#f9be7a"], [0.5, COLORS.middle], [1, "#6badd7"]];

/** A colour per layer for line charts. */
const LAYER_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];

/** The square region [xmin, xmax] x [ymin, ymax] a picture of the input plane covers. */
export type Region = { x: [number, number]; y: [number, number] };

/** Playground's bean field, [-6, 6]²: the region every lesson draws. */
export const REGION: Region = { x: [-6, 6], y: [-6, 6] };

/** Options shared by the pictures of the input plane. */
export interface PlaneArgs {
  /** Training points, drawn with a white outline. */
  train?: Dataset;
  /** Test points, drawn with a black outline, as Playground does. */
  test?: Dataset;
  /** Region shown; default: the points' extent plus a margin, or [-6, 6]² as Playground. */
  region?: Region;
  /** Grid cells per side; more is smoother but makes the notebook larger. Default 40 (20 to 30 for the many small maps). */
  gridSize?: number;
  /** Title above the picture. */
  title?: string;
}

/** Options of `decisionBoundary`. */
export interface BoundaryArgs extends PlaneArgs {
  /** Paint only the two classes, no shades (Playground's "Discretize output"). Default false. */
  discretize?: boolean;
  /** Size in pixels [width, height]. Default [520, 460]. */
  size?: [number, number];
  /** Draw each first-layer neuron's line z = 0 dashed on top (see `neuronLines`). Default false. */
  neuronLines?: boolean;
}

/** Values the output takes, and its decision threshold: sigmoid [0, 1] at 0.5, tanh [-1, 1] at 0. */
export function outputScale(model: Sequential): { min: number; max: number; threshold: number } {
  const name = model.layers[model.layers.length - 1].activation.name;
  return name === "tanh" ? { min: -1, max: 1, threshold: 0 } : { min: 0, max: 1, threshold: 0.5 };
}

/**
 * The decision boundary: the model's output over the input plane as a heatmap (orange for class 0,
 * blue for class 1), the threshold contour as a line, and the points coloured by their label.
 */
export function decisionBoundary(model: Sequential, args: BoundaryArgs = {}): Figure {
  const [width, height] = args.size ?? [520, 460];
  const layout: Layout = {
    title: { text: args.title ?? "Decision boundary" },
    width,
    height,
    margin: { l: 60, r: 30, t: 50, b: 50 },
    xaxis: { title: { text: "x1" }, range: undefined, zeroline: false },
    yaxis: { title: { text: "x2" }, scaleanchor: "x", zeroline: false },
    showlegend: Boolean(args.train || args.test),
    legend: { orientation: "h", x: 0, y: -0.12 },
  };
  const region = regionOf(args);
  (layout.xaxis as Axis).range = region.x;
  (layout.yaxis as Axis).range = region.y;
  const lines = args.neuronLines ? neuronLines(model, { region }) : [];
  return { data: [...boundaryTraces(model, region, args, "x", "y"), ...lines], layout };
}

/** Heatmap, threshold line and points of one decision-boundary picture, on the given axes. */
function boundaryTraces(model: Sequential, region: Region, args: BoundaryArgs, xaxis: string, yaxis: string, legend = true): Trace[] {
  const grid = gridOver(region, args.gridSize ?? 40);
  const { min, max, threshold } = outputScale(model);
  const out = model.predictMatrix(grid.points);
  const values = toRows(out.data, grid.x.length, (v) => round(v, 3));
  const z = args.discretize ? values.map((row) => row.map((v) => (v > threshold ? max : min))) : values;
  const heatmap: HeatmapTrace = {
    type: "heatmap", x: grid.x, y: grid.y, z, colorscale: BACKGROUND_SCALE, zmin: min, zmax: max,
    zsmooth: args.discretize ? false : "best", showscale: false, xaxis, yaxis, name: "output",
    hovertemplate: "x1 %{x}<br>x2 %{y}<br>output %{z}<extra></extra>",
  };
  const contour: ContourTrace = {
    type: "contour", x: grid.x, y: grid.y, z: values,
    contours: { start: threshold, end: threshold, size: 1, coloring: "lines" },
    line: { color: "#333333", width: 2 }, showscale: false, hoverinfo: "skip", xaxis, yaxis, name: `output = ${threshold}`,
  };
  return [heatmap, contour, ...pointTraces(args, xaxis, yaxis, legend)];
}

/** Options of `dataPlot`. */
export interface DataPlotArgs extends PlaneArgs {
  /** Size in pixels [width, height]. Default [460, 440]. */
  size?: [number, number];
}

/** The beans alone, coloured by label (blue 1, orange 0): what the model will learn from. */
export function dataPlot(args: DataPlotArgs): Figure {
  if (!args.train && !args.test) throw new Error("dataPlot: nothing to draw; give train and/or test, e.g. dataPlot({ train: data })");
  const [width, height] = args.size ?? [460, 440];
  const region = regionOf(args);
  return {
    data: pointTraces(args, "x", "y", true),
    layout: {
      title: { text: args.title ?? "The beans" }, width, height, margin: { l: 60, r: 30, t: 50, b: 50 },
      xaxis: { title: { text: "x1" }, range: region.x, zeroline: false },
      yaxis: { title: { text: "x2" }, range: region.y, scaleanchor: "x", zeroline: false },
      showlegend: Boolean(args.train && args.test), legend: { orientation: "h", x: 0, y: -0.12 },
    },
  };
}

/** Options of `sideBySide`. */
export interface SideBySideArgs {
  /** Title above the panels. */
  title?: string;
  /** Pixels per panel. Default 260. */
  panelSize?: number;
}

/**
 * Pictures of the plane side by side on equal square axes, each with its title: e.g. the decision
 * boundaries of two models, `sideBySide([{ title: "2 neurons", figure: decisionBoundary(m2) }, ...])`.
 * Each picture is a figure on one pair of axes (decisionBoundary, dataPlot, plus any traces added to
 * it); its region is kept.
 */
export function sideBySide(pictures: { title: string; figure: Figure }[], args: SideBySideArgs = {}): Figure {
  if (pictures.length === 0) throw new Error("sideBySide: no pictures; give [{ title, figure }, ...]");
  const size = args.panelSize ?? 260;
  const n = pictures.length;
  const layout: Layout = {
    title: { text: args.title ?? "" }, width: n * size + 40, height: size + 90,
    margin: { l: 20, r: 20, t: 70, b: 20 }, showlegend: false, annotations: [],
  };
  const data: Trace[] = [];
  pictures.forEach(({ title, figure }, k) => {
    const id = k === 0 ? "" : String(k + 1);
    const from = k / n;
    const to = from + 0.92 / n;
    const own = (axis: "xaxis" | "yaxis") => figure.layout[axis] ?? {};
    layout[`xaxis${id}`] = { domain: [from, to], anchor: `y${id}`, range: own("xaxis").range, showticklabels: false, showgrid: false, ticks: "" };
    layout[`yaxis${id}`] = { domain: [0, 1], anchor: `x${id}`, range: own("yaxis").range, scaleanchor: `x${id}`, showticklabels: false, showgrid: false, ticks: "" };
    (layout.annotations as Annotation[]).push({ text: title, x: (from + to) / 2, y: 1.02, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
    for (const trace of figure.data) {
      if (trace.type === "surface" || trace.type === "scatter3d") throw new Error("sideBySide: pictures must be 2D figures of the plane, not 3D ones");
      data.push({ ...trace, xaxis: `x${id}`, yaxis: `y${id}` });
    }
  });
  return { data, layout };
}

/**
 * The line where each neuron of the first layer switches, z = w1·x1 + w2·x2 + b = 0, as a dashed
 * trace across the region: the line each neuron draws on the plane (none for a neuron whose two
 * weights are 0). Add them to a figure's data.
 */
export function neuronLines(model: Sequential, args: { region?: Region; color?: string } = {}): ScatterTrace[] {
  const layer = model.layers[0];
  if (!layer || layer.inputDim !== 2) throw new Error("neuronLines: the first layer must take the 2 coordinates of the plane (inputDim 2)");
  const region = args.region ?? REGION;
  const W = layer.kernel;
  const units = layer.units;
  return Array.from({ length: units }, (_, j) => j).flatMap((j): ScatterTrace[] => {
    const w1 = W[j];
    const w2 = W[units + j];
    const b = layer.bias[j];
    if (w1 === 0 && w2 === 0) return [];
    // Walk along the axis the line is less steep against, so a steep line is not cut short.
    const along = (t: number) => (Math.abs(w2) >= Math.abs(w1) ? [t, -(w1 * t + b) / w2] : [-(w2 * t + b) / w1, t]);
    const [from, to] = Math.abs(w2) >= Math.abs(w1) ? region.x : region.y;
    const [p, q] = [along(from), along(to)];
    return [{
      type: "scatter", mode: "lines", name: `neuron ${j + 1}: z = 0`, showlegend: false,
      x: [round(p[0], 3), round(q[0], 3)], y: [round(p[1], 3), round(q[1], 3)],
      line: { color: args.color ?? "#d62728", width: 2, dash: "dash" },
    }];
  });
}

/** Scatter traces for the training and test points, coloured by label. */
function pointTraces(args: PlaneArgs, xaxis: string, yaxis: string, legend: boolean): ScatterTrace[] {
  const traces: ScatterTrace[] = [];
  for (const [data, name, outline] of [[args.train, "train", "#ffffff"], [args.test, "test", "#000000"]] as const) {
    if (!data) continue;
    traces.push({
      type: "scatter", mode: "markers", name, showlegend: legend, xaxis, yaxis,
      x: data.X.map((p) => round(p[0], 3)), y: data.X.map((p) => round(p[1], 3)),
      marker: { color: data.y.map((label) => (label > 0 ? COLORS.positive : COLORS.negative)), size: 6, line: { color: outline, width: 1 } },
      hovertemplate: "x1 %{x}<br>x2 %{y}<extra>" + name + "</extra>",
    });
  }
  return traces;
}

/** Options of `surface3d`. */
export interface SurfaceArgs extends PlaneArgs {
  /** Size in pixels [width, height]. Default [600, 520]. */
  size?: [number, number];
}

/**
 * The course's 3D view: the model's output as a surface over the plane, with the beans at
 * height = label. Seen from the top, the surface's 0.5 level is the decision boundary.
 */
export function surface3d(model: Sequential, args: SurfaceArgs = {}): Figure {
  const [width, height] = args.size ?? [600, 520];
  const region = regionOf(args);
  const grid = gridOver(region, args.gridSize ?? 30);
  const out = model.predictMatrix(grid.points);
  const { min, max } = outputScale(model);
  const data: Trace[] = [{
    type: "surface", x: grid.x, y: grid.y, z: toRows(out.data, grid.x.length, (v) => round(v, 3)),
    colorscale: PLAYGROUND_SCALE, cmin: min, cmax: max, showscale: false, opacity: 0.9, name: "output",
  }];
  for (const [set, name] of [[args.train, "train"], [args.test, "test"]] as const) {
    if (!set) continue;
    data.push({
      type: "scatter3d", mode: "markers", name,
      x: set.X.map((p) => round(p[0], 3)), y: set.X.map((p) => round(p[1], 3)), z: set.y.slice(),
      marker: { color: set.y.map((label) => (label > 0 ? COLORS.positive : COLORS.negative)), size: 3, line: { color: "#ffffff", width: 0.5 } },
    });
  }
  return {
    data,
    layout: {
      title: { text: args.title ?? "Output surface and beans" },
      width, height, margin: { l: 10, r: 10, t: 50, b: 10 }, showlegend: false,
      scene: {
        xaxis: { title: { text: "x1" } }, yaxis: { title: { text: "x2" } },
        zaxis: { title: { text: "output" }, range: [min, max] },
        camera: { eye: { x: 1.5, y: -1.5, z: 1.1 } }, aspectmode: "cube",
      },
    },
  };
}

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
  const [width, height] = args.size ?? [760, 320];
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const series = (key: string, axis: string, color: string, dash: "solid" | "dash", name: string): ScatterTrace[] =>
    history.history[key]
      ? [{ type: "scatter", mode: "lines", name, x: epochs, y: shown.map((i) => round(history.history[key][i], 5)), xaxis: `x${axis}`, yaxis: `y${axis}`, line: { color, width: 2, dash } }]
      : [];
  const data = [
    ...series("loss", "", "#333333", "solid", "training loss"),
    ...series("val_loss", "", "#333333", "dash", "validation loss"),
    ...series("accuracy", "2", COLORS.positive, "solid", "training accuracy"),
    ...series("val_accuracy", "2", COLORS.positive, "dash", "validation accuracy"),
  ];
  const hasAccuracy = Boolean(history.history.accuracy);
  const lossDomain: [number, number] = hasAccuracy ? [0, 0.44] : [0, 1];
  const layout: Layout = {
    title: { text: args.title ?? "Training history" },
    width, height, margin: { l: 60, r: 20, t: 50, b: 80 },
    showlegend: true, legend: { orientation: "h", x: 0, y: -0.3 },
    xaxis: { title: { text: "epoch" }, domain: lossDomain, anchor: "y" },
    yaxis: { title: { text: "loss" }, type: args.logLoss === false ? "linear" : "log", anchor: "x" },
  };
  if (hasAccuracy) {
    layout.xaxis2 = { title: { text: "epoch" }, domain: [0.56, 1], anchor: "y2" };
    layout.yaxis2 = { title: { text: "accuracy" }, range: [0, 1.02], anchor: "x2", tickformat: ".0%" };
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
  /** Title of the y axis. Default "accuracy". */
  yTitle?: string;
  /** Range of the y axis. Default: the values' extent. */
  yRange?: [number, number];
  /** Tick format of the y axis, e.g. ".0%". Default ".0%" when yTitle is "accuracy". */
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
    data.push({ type: "scatter", mode: "lines", name: `epoch ${epoch}`, x: [epoch, epoch], y: yRange, line: { color: "#333333", width: 1, dash: "dash" } });
  }
  const [width, height] = args.size ?? [720, 400];
  const yTitle = args.yTitle ?? "accuracy";
  const yFormat = args.yFormat ?? (yTitle === "accuracy" ? ".0%" : undefined);
  return {
    data,
    layout: {
      title: { text: args.title ?? "Runs" }, width, height,
      margin: { l: 60, r: 20, t: 50, b: 90 }, showlegend: true, legend: { orientation: "h", x: 0, y: -0.22 },
      xaxis: { title: { text: "epoch" } }, yaxis: { title: { text: yTitle }, range: yRange, ...(yFormat ? { tickformat: yFormat } : {}) },
    },
  };
}

/** Options of `neuronMaps`. */
export interface NeuronMapArgs extends PlaneArgs {
  /** Pixels per small map. Default 90. */
  mapSize?: number;
}

/**
 * Every neuron's output over the input plane, one small map per neuron and a row per layer
 * (input side at the top), as Playground draws its network: what each neuron "sees".
 */
export function neuronMaps(model: Sequential, args: NeuronMapArgs = {}): Figure {
  const region = regionOf(args);
  const grid = gridOver(region, args.gridSize ?? 20);
  const outputs = model.layerOutputs(grid.points);
  const rows = outputs.length;
  const columns = Math.max(...outputs.map((m) => m.cols));
  const cell = args.mapSize ?? 90;
  const gap = 0.15;
  const label = 22;
  const margin = { l: 20, r: 20, t: 60, b: 10 };
  const width = Math.round(columns * cell * (1 + gap) + margin.l + margin.r);
  const rowHeight = cell + label;
  const height = Math.round(rows * rowHeight + margin.t + margin.b);
  const data: Trace[] = [];
  const layout: Layout = { title: { text: args.title ?? "What each neuron sees" }, width, height, margin, showlegend: false, annotations: [] };
  let axis = 0;
  outputs.forEach((out, l) => {
    const layer = model.layers[l];
    const top = 1 - l / rows;
    const y1 = top - label / (rows * rowHeight);
    const y0 = top - (rowHeight - 8) / (rows * rowHeight);
    (layout.annotations as Annotation[]).push({
      text: l === outputs.length - 1 ? `output (${layer.activation.name})` : `hidden layer ${l + 1} (${layer.activation.name})`,
      x: 0, y: top, xref: "paper", yref: "paper", xanchor: "left", yanchor: "top", showarrow: false, font: { size: 12 },
    });
    for (let j = 0; j < out.cols; j++) {
      axis++;
      const id = axis === 1 ? "" : String(axis);
      const x0 = j / columns;
      const x1 = x0 + 1 / columns / (1 + gap);
      layout[`xaxis${id}`] = { domain: [x0, x1], anchor: `y${id}`, range: region.x, showticklabels: false, showgrid: false, ticks: "" };
      layout[`yaxis${id}`] = { domain: [y0, y1], anchor: `x${id}`, range: region.y, showticklabels: false, showgrid: false, ticks: "" };
      const values = out.column(j);
      const { zmin, zmax } = neuronRange(layer.activation, values);
      data.push({
        type: "heatmap", x: grid.x, y: grid.y, z: toRows(Float64Array.from(values), grid.x.length, (v) => round(v, 3)),
        colorscale: PLAYGROUND_SCALE, zmin, zmax, zsmooth: "best", showscale: false, xaxis: `x${id}`, yaxis: `y${id}`,
        name: `layer ${l + 1}, neuron ${j + 1}`, hovertemplate: `layer ${l + 1}, neuron ${j + 1}<br>output %{z}<extra></extra>`,
      });
    }
  });
  return { data, layout };
}

/** Colour range of one neuron's map: sigmoid's [0, 1] around 0.5, otherwise symmetric around 0. */
function neuronRange(activation: Activation, values: number[]): { zmin: number; zmax: number } {
  if (activation.name === "sigmoid") return { zmin: 0, zmax: 1 };
  const m = Math.max(1e-6, ...values.map(Math.abs));
  const limit = activation.name === "tanh" ? 1 : round(m, 3);
  return { zmin: -limit, zmax: limit };
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
  const [from, to] = args.range ?? [-6, 6];
  const [width, height] = args.size ?? [760, 320];
  const z = Array.from({ length: 241 }, (_, i) => round(from + ((to - from) * i) / 240, 4));
  const data: ScatterTrace[] = [];
  activations.forEach((act, i) => {
    const color = LAYER_COLORS[i % LAYER_COLORS.length];
    data.push({ type: "scatter", mode: "lines", name: act.name, x: z, y: z.map((v) => round(act.output(v), 4)), line: { color, width: 2 } });
    data.push({ type: "scatter", mode: "lines", name: `${act.name}'`, showlegend: false, x: z, y: z.map((v) => round(act.der(v), 4)), xaxis: "x2", yaxis: "y2", line: { color, width: 2 } });
  });
  return {
    data,
    layout: {
      title: { text: args.title ?? "Activation functions and their slopes" },
      width, height, margin: { l: 50, r: 20, t: 50, b: 80 }, showlegend: true, legend: { orientation: "h", x: 0, y: -0.3 },
      xaxis: { title: { text: "z" }, domain: [0, 0.44], anchor: "y" },
      yaxis: { title: { text: "f(z)" }, anchor: "x" },
      xaxis2: { title: { text: "z" }, domain: [0.56, 1], anchor: "y2" },
      yaxis2: { title: { text: "f'(z)" }, anchor: "x2" },
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
  if (history.gradientSize.length === 0) {
    throw new Error("gradientPlot: the history has no gradient sizes; train with fit(X, y, { recordGradients: true })");
  }
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const layers = history.gradientSize[0].length;
  const data: ScatterTrace[] = Array.from({ length: layers }, (_, l) => ({
    type: "scatter", mode: "lines", name: l === layers - 1 ? "output layer" : `layer ${l + 1}`,
    x: epochs, y: shown.map((i) => significant(history.gradientSize[i][l], 3)), line: { color: LAYER_COLORS[l % LAYER_COLORS.length], width: 2 },
  }));
  return lineChart(data, args.title ?? "Gradient size per layer", "mean |dL/dW|", "log", args.size);
}

/** Share of dead units in each layer per epoch (from `fit(..., { recordDeadUnits: true })`). */
export function deadUnitsPlot(history: History, model: Sequential, args: DiagnosticPlotArgs = {}): Figure {
  if (history.deadUnits.length === 0) {
    throw new Error("deadUnitsPlot: the history has no dead-unit counts; train with fit(X, y, { recordDeadUnits: true })");
  }
  const shown = thinned(history.epoch.length);
  const epochs = shown.map((i) => history.epoch[i] + 1);
  const hidden = model.layers.length - 1;
  const data: ScatterTrace[] = Array.from({ length: hidden }, (_, l) => ({
    type: "scatter", mode: "lines", name: `layer ${l + 1} (${model.layers[l].units} units)`,
    x: epochs, y: shown.map((i) => round(history.deadUnits[i][l] / model.layers[l].units, 4)), line: { color: LAYER_COLORS[l % LAYER_COLORS.length], width: 2 },
  }));
  const fig = lineChart(data, args.title ?? "Dead units per layer", "share of units dead", "linear", args.size);
  (fig.layout.yaxis as Axis).range = [0, 1.02];
  (fig.layout.yaxis as Axis).tickformat = ".0%";
  return fig;
}

function lineChart(data: ScatterTrace[], title: string, yTitle: string, yType: "linear" | "log", size?: [number, number]): Figure {
  const [width, height] = size ?? [620, 360];
  return {
    data,
    layout: {
      title: { text: title }, width, height, margin: { l: 70, r: 20, t: 50, b: 90 },
      showlegend: true, legend: { orientation: "h", x: 0, y: -0.25 },
      xaxis: { title: { text: "epoch" } }, yaxis: { title: { text: yTitle }, type: yType },
    },
  };
}

/** The weights of a model at one epoch, as `snapshots` records them. */
export interface Snapshot {
  /** Epochs completed when the weights were taken (0 = before training). */
  epoch: number;
  /** The weights, as `getWeights` returns them. */
  weights: (number[][] | number[])[];
}

/**
 * Callbacks for `fit` that keep the model's weights after the given epochs (0 = before
 * training), for `filmstrip` and `animation`: `fit(X, y, { callbacks: film.callbacks })`.
 */
export function snapshots(model: Sequential, epochs: number[]): { snapshots: Snapshot[]; callbacks: Callbacks } {
  const taken: Snapshot[] = [];
  const wanted = new Set(epochs);
  return {
    snapshots: taken,
    callbacks: {
      onTrainBegin() {
        if (wanted.has(0) && taken.length === 0) taken.push({ epoch: 0, weights: model.getWeights() });
      },
      onEpochEnd(epoch) {
        if (wanted.has(epoch + 1)) taken.push({ epoch: epoch + 1, weights: model.getWeights() });
      },
    },
  };
}

/** Options of `filmstrip` and `animation`. */
export interface FilmArgs extends PlaneArgs {
  /** Pixels per panel. Default 220. */
  panelSize?: number;
}

/** The decision boundary at several epochs side by side: the training story on a static page. */
export function filmstrip(model: Sequential, shots: Snapshot[], args: FilmArgs = {}): Figure {
  if (shots.length === 0) throw new Error("filmstrip: no snapshots; record some with snapshots(model, [0, 10, 100])");
  const region = regionOf(args);
  const panel = args.panelSize ?? 220;
  const margin = { l: 20, r: 20, t: 80, b: 20 };
  const layout: Layout = {
    title: { text: args.title ?? "Training, epoch by epoch" },
    width: Math.round(shots.length * panel * 1.08 + margin.l + margin.r), height: panel + margin.t + margin.b,
    margin, showlegend: false, annotations: [],
  };
  const data: Trace[] = [];
  withWeights(model, shots, (shot, i) => {
    const id = i === 0 ? "" : String(i + 1);
    const x0 = i / shots.length;
    const x1 = x0 + 1 / shots.length / 1.08;
    layout[`xaxis${id}`] = { domain: [x0, x1], anchor: `y${id}`, range: region.x, showticklabels: false, showgrid: false, ticks: "" };
    layout[`yaxis${id}`] = { domain: [0, 1], anchor: `x${id}`, range: region.y, showticklabels: false, showgrid: false, ticks: "", scaleanchor: `x${id}` };
    (layout.annotations as Annotation[]).push({ text: `epoch ${shot.epoch}`, x: (x0 + x1) / 2, y: 1, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } });
    data.push(...boundaryTraces(model, region, { ...args, gridSize: args.gridSize ?? 30 }, `x${id}`, `y${id}`, false));
  });
  return { data, layout };
}

/** The same story as a plotly animation (frames, a slider and a play button) for live use. */
export function animation(model: Sequential, shots: Snapshot[], args: FilmArgs = {}): Figure {
  if (shots.length === 0) throw new Error("animation: no snapshots; record some with snapshots(model, [0, 10, 100])");
  const region = regionOf(args);
  const frames: Frame[] = [];
  const gridSize = args.gridSize ?? 24;
  withWeights(model, shots, (shot) => {
    const [heatmap, contour] = boundaryTraces(model, region, { gridSize }, "x", "y");
    frames.push({ name: `epoch ${shot.epoch}`, data: [{ z: (heatmap as HeatmapTrace).z }, { z: (contour as ContourTrace).z }], traces: [0, 1], layout: { title: { text: `epoch ${shot.epoch}` } } });
  });
  const fig = decisionBoundary(model, { ...args, region, gridSize });
  withWeights(model, [shots[0]], () => {
    const [heatmap, contour] = boundaryTraces(model, region, { gridSize }, "x", "y");
    (fig.data[0] as HeatmapTrace).z = (heatmap as HeatmapTrace).z;
    (fig.data[1] as ContourTrace).z = (contour as ContourTrace).z;
  });
  fig.frames = frames;
  fig.layout.sliders = [{
    active: 0, currentvalue: { prefix: "" }, pad: { t: 40 },
    steps: frames.map((f) => ({ label: f.name, method: "animate", args: [[f.name], { mode: "immediate", frame: { duration: 300, redraw: true }, transition: { duration: 0 } }] })),
  }];
  fig.layout.updatemenus = [{
    type: "buttons", showactive: false, x: 0, y: 0, xanchor: "right", yanchor: "top", pad: { t: 40, r: 10 },
    buttons: [{ label: "Play", method: "animate", args: [null, { frame: { duration: 400, redraw: true }, fromcurrent: true }] }],
  }];
  return fig;
}

/** Runs `fn` with each snapshot's weights loaded, then puts the model's own weights back. */
function withWeights(model: Sequential, shots: Snapshot[], fn: (shot: Snapshot, i: number) => void): void {
  const own = model.getWeights();
  try {
    shots.forEach((shot, i) => {
      model.setWeights(shot.weights);
      fn(shot, i);
    });
  } finally {
    model.setWeights(own);
  }
}

/** The region to draw: as given, or the points' extent with a margin, or Playground's [-6, 6]². */
function regionOf(args: PlaneArgs): Region {
  if (args.region) return args.region;
  const points = [...(args.train?.X ?? []), ...(args.test?.X ?? [])];
  if (points.length === 0) return { x: [-6, 6], y: [-6, 6] };
  const extent = (c: number): [number, number] => {
    const values = points.map((p) => p[c]);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    const pad = 0.1 * (hi - lo || 1);
    return [round(lo - pad, 2), round(hi + pad, 2)];
  };
  const x = extent(0);
  const y = extent(1);
  // A square region keeps circles round.
  const half = Math.max(x[1] - x[0], y[1] - y[0]) / 2;
  const cx = (x[0] + x[1]) / 2;
  const cy = (y[0] + y[1]) / 2;
  return { x: [round(cx - half, 2), round(cx + half, 2)], y: [round(cy - half, 2), round(cy + half, 2)] };
}

/** Grid points over a region, n per side: x [n], y [n] and the points [n*n, 2], row by row. */
function gridOver(region: Region, n: number): { x: number[]; y: number[]; points: Matrix } {
  const axis = ([lo, hi]: [number, number]) => Array.from({ length: n }, (_, i) => round(lo + ((hi - lo) * i) / (n - 1), 4));
  const x = axis(region.x);
  const y = axis(region.y);
  const points = new Matrix(n * n, 2);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      points.data[2 * (i * n + j)] = x[j];
      points.data[2 * (i * n + j) + 1] = y[i];
    }
  }
  return { x, y, points };
}

/** Most points a line chart keeps: more would not show, but would make the notebook larger. */
const MAX_POINTS = 400;

/** Indices of the epochs a chart shows: all of them, or MAX_POINTS evenly spread, first and last included. */
function thinned(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: MAX_POINTS }, (_, k) => Math.round((k * (n - 1)) / (MAX_POINTS - 1)));
}

/** Row-major values as rows of `width`, each value mapped by `f`. */
function toRows(values: Float64Array, width: number, f: (v: number) => number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < values.length; i += width) rows.push(Array.from(values.subarray(i, i + width), f));
  return rows;
}

/** x rounded to `digits` decimals: small notebooks, same bytes everywhere. */
function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** x rounded to `digits` significant digits (for values spanning many orders of magnitude). */
function significant(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}
