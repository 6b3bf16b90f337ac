/** Pictures of the input plane: the decision boundary, the beans alone, the neurons' lines and the 3D output surface. */
import { Dataset } from "../data/generators";
import { Matrix } from "../engine/matrix";
import { Sequential } from "../engine/model";
import { message } from "../util/messages";
import { ContourTrace, Figure, HeatmapTrace, Layout, ScatterTrace, Trace } from "./figure";
import { checkDataset, checkModel } from "./args";
import { BACKGROUND_SCALE, PLAYGROUND_SCALE, labelColor, legendBelow, round, titled } from "./style";

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

/**
 * Values the output takes, and its decision threshold, from the output activation: sigmoid [0, 1]
 * at 0.5, tanh [-1, 1] at 0; an output without a bounded range and a threshold is read as sigmoid's.
 */
export function outputScale(model: Sequential): { min: number; max: number; threshold: number } {
  const { range, threshold } = model.layers[model.layers.length - 1].activation;
  const bounded = Number.isFinite(range[0]) && Number.isFinite(range[1]) && threshold !== undefined;
  return bounded ? { min: range[0], max: range[1], threshold } : { min: 0, max: 1, threshold: 0.5 };
}

/**
 * The decision boundary: the model's output over the input plane as a heatmap (orange for class 0,
 * blue for class 1), the threshold contour as a line, and the points coloured by their label.
 */
export function decisionBoundary(model: Sequential, args: BoundaryArgs = {}): Figure {
  checkPlane(model, args, "plot.decisionBoundary");
  const [width, height] = args.size ?? [520, 460];
  const region = regionOf(args);
  const legend = Boolean(args.train || args.test);
  const below = legendBelow(height, { t: 50, b: 50 });
  const layout: Layout = {
    title: titled(args.title ?? message("title.boundary"), width),
    width,
    height,
    margin: { l: 60, r: 30, t: 50, b: legend ? below.bottom : 50 },
    xaxis: { title: { text: "x1" }, range: region.x, zeroline: false, constrain: "domain" },
    yaxis: { title: { text: "x2" }, scaleanchor: "x", zeroline: false, range: region.y, constrain: "domain" },
    showlegend: legend,
    ...(legend ? { legend: below.legend } : {}),
  };
  const lines = args.neuronLines ? neuronLines(model, { region }) : [];
  return { data: [...boundaryTraces(model, region, args, "x", "y"), ...lines], layout };
}

/** Heatmap, threshold line and points of one decision-boundary picture, on the given axes. */
export function boundaryTraces(model: Sequential, region: Region, args: BoundaryArgs, xaxis: string, yaxis: string, legend = true): Trace[] {
  const grid = gridOver(region, args.gridSize ?? 40);
  const { min, max, threshold } = outputScale(model);
  const out = model.predictMatrix(grid.points);
  // The contour keeps 3 decimals for a sharp line; the shades need 2 (a hundredth of the scale is no visible colour step).
  const values = toRows(out.data, grid.x.length, (v) => round(v, 3));
  const z = args.discretize ? values.map((row) => row.map((v) => (v > threshold ? max : min))) : values.map((row) => row.map((v) => round(v, 2)));
  const heatmap: HeatmapTrace = {
    type: "heatmap", x: grid.x, y: grid.y, z, colorscale: BACKGROUND_SCALE, zmin: min, zmax: max,
    zsmooth: args.discretize ? false : "best", showscale: false, xaxis, yaxis, name: message("axis.output"),
    hovertemplate: `x1 %{x}<br>x2 %{y}<br>${message("axis.output")} %{z}<extra></extra>`,
  };
  const contour: ContourTrace = {
    type: "contour", x: grid.x, y: grid.y, z: values,
    contours: { start: threshold, end: threshold, size: 1, coloring: "none" },
    line: { color: "#333333", width: 2 }, hoverinfo: "skip", showlegend: false, xaxis, yaxis, name: message("plane.threshold", { threshold }),
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
  if (!args || typeof args !== "object") throw new Error("plot.dataPlot: expected options { train, test }, e.g. dataPlot({ train: data })");
  checkDataset(args.train, "train", "plot.dataPlot");
  checkDataset(args.test, "test", "plot.dataPlot");
  if (!args.train && !args.test) throw new Error("plot.dataPlot: nothing to draw; give train and/or test, e.g. dataPlot({ train: data })");
  const [width, height] = args.size ?? [460, 440];
  const region = regionOf(args);
  const legend = Boolean(args.train && args.test);
  const below = legendBelow(height, { t: 50, b: 50 });
  return {
    data: pointTraces(args, "x", "y", true),
    layout: {
      title: titled(args.title ?? message("title.beans"), width), width, height, margin: { l: 60, r: 30, t: 50, b: legend ? below.bottom : 50 },
      xaxis: { title: { text: "x1" }, range: region.x, zeroline: false, constrain: "domain" },
      yaxis: { title: { text: "x2" }, range: region.y, scaleanchor: "x", zeroline: false, constrain: "domain" },
      showlegend: legend, ...(legend ? { legend: below.legend } : {}),
    },
  };
}

/** Throws a clear error, naming `where`, unless the model and the datasets in `args` are what a picture of the plane needs. */
function checkPlane(model: Sequential, args: PlaneArgs, where: string): void {
  checkModel(model, where);
  if (!args || typeof args !== "object") throw new Error(`${where}: options must be an object like { train: data }, got ${typeof args}`);
  checkDataset(args.train, "train", where);
  checkDataset(args.test, "test", where);
  const inputs = model.layers[0].inputDim;
  if (inputs !== undefined && inputs !== 2) throw new Error(`${where}: the model takes ${inputs} inputs; a picture of the plane needs a model of the 2 coordinates (inputDim 2)`);
}

/**
 * The line where each neuron of the first layer switches, z = w1·x1 + w2·x2 + b = 0, as a dashed
 * trace across the region: the line each neuron draws on the plane (none for a neuron whose two
 * weights are 0). Add them to a figure's data.
 */
export function neuronLines(model: Sequential, args: { region?: Region; color?: string } = {}): ScatterTrace[] {
  checkModel(model, "plot.neuronLines");
  const layer = model.layers[0];
  if (!layer || layer.inputDim !== 2) throw new Error("plot.neuronLines: the first layer must take the 2 coordinates of the plane (inputDim 2)");
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
      type: "scatter", mode: "lines", name: message("plane.neuronLine", { neuron: j + 1 }), showlegend: false,
      x: [round(p[0], 3), round(q[0], 3)], y: [round(p[1], 3), round(q[1], 3)],
      line: { color: args.color ?? "#d62728", width: 2, dash: "dash" },
    }];
  });
}

/** Scatter traces for the training and test points, coloured by label. */
function pointTraces(args: PlaneArgs, xaxis: string, yaxis: string, legend: boolean): ScatterTrace[] {
  const traces: ScatterTrace[] = [];
  for (const [data, key, outline] of [[args.train, "legend.train", "#ffffff"], [args.test, "legend.test", "#000000"]] as const) {
    if (!data) continue;
    const name = message(key);
    traces.push({
      type: "scatter", mode: "markers", name, showlegend: legend, xaxis, yaxis,
      x: data.X.map((p) => round(p[0], 2)), y: data.X.map((p) => round(p[1], 2)),
      marker: { color: data.y.map(labelColor), size: 6, line: { color: outline, width: 1 } },
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
  checkPlane(model, args, "plot.surface3d");
  const [width, height] = args.size ?? [600, 520];
  const region = regionOf(args);
  const grid = gridOver(region, args.gridSize ?? 30);
  const out = model.predictMatrix(grid.points);
  const { min, max } = outputScale(model);
  const data: Trace[] = [{
    type: "surface", x: grid.x, y: grid.y, z: toRows(out.data, grid.x.length, (v) => round(v, 3)),
    colorscale: PLAYGROUND_SCALE, cmin: min, cmax: max, showscale: false, opacity: 0.9, name: message("axis.output"),
  }];
  for (const [set, key] of [[args.train, "legend.train"], [args.test, "legend.test"]] as const) {
    if (!set) continue;
    data.push({
      type: "scatter3d", mode: "markers", name: message(key),
      x: set.X.map((p) => round(p[0], 3)), y: set.X.map((p) => round(p[1], 3)), z: set.y.slice(),
      marker: { color: set.y.map(labelColor), size: 3, line: { color: "#ffffff", width: 0.5 } },
    });
  }
  return {
    data,
    layout: {
      title: titled(args.title ?? message("title.surface"), width),
      width, height, margin: { l: 10, r: 10, t: 50, b: 10 }, showlegend: false,
      scene: {
        xaxis: { title: { text: "x1" } }, yaxis: { title: { text: "x2" } },
        zaxis: { title: { text: message("axis.output") }, range: [min, max] },
        camera: { eye: { x: 1.5, y: -1.5, z: 1.1 } }, aspectmode: "cube",
      },
    },
  };
}

/** The region to draw: as given, or the points' extent with a margin, or Playground's [-6, 6]². */
export function regionOf(args: PlaneArgs): Region {
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
export function gridOver(region: Region, n: number): { x: number[]; y: number[]; points: Matrix } {
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

/** Row-major values as rows of `width`, each value mapped by `f`. */
export function toRows(values: Float64Array, width: number, f: (v: number) => number): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < values.length; i += width) rows.push(Array.from(values.subarray(i, i + width), f));
  return rows;
}
