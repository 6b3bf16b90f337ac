/**
 * Figures of many small panels, each on its own hidden axes: pictures side by side and the per-neuron maps.
 * `addPanel` is the one panel layout they and `filmstrip` share.
 */
import { Activation } from "../engine/activations";
import { Sequential } from "../engine/model";
import { message } from "../util/messages";
import { Annotation, Axis, Figure, Layout, Trace } from "./figure";
import { PlaneArgs, Region, gridOver, regionOf, toRows } from "./plane";
import { checkModel } from "./args";
import { PLAYGROUND_SCALE, round, titled } from "./style";

/** Where a panel sits: its x and y domains, as fractions [from, to] of the figure's plot area. */
export interface PanelPlace {
  /** Horizontal span [from, to]. */
  x: [number, number];
  /** Vertical span [from, to], 0 at the bottom. */
  y: [number, number];
}

/** The x domain of column j of `columns` equal columns: from the column's left edge, `width` wide (the rest is the gap). */
export function columnDomain(j: number, columns: number, width: number): [number, number] {
  const from = j / columns;
  return [from, from + width];
}

/**
 * Adds panel k's axes (k from 0: "x"/"y", then "x2"/"y2", ...) to the layout, without ticks or grid,
 * showing `range`; `square` keeps its units square. Returns the axis references its traces take.
 */
export function addPanel(layout: Layout, k: number, place: PanelPlace, range: Partial<Region>, square: boolean): { xaxis: string; yaxis: string } {
  const id = k === 0 ? "" : String(k + 1);
  const hidden = { showticklabels: false, showgrid: false, zeroline: false, ticks: "" } as const;
  layout[`xaxis${id}`] = { domain: place.x, anchor: `y${id}`, range: range.x, ...hidden };
  layout[`yaxis${id}`] = { domain: place.y, anchor: `x${id}`, range: range.y, ...hidden, ...(square ? { scaleanchor: `x${id}`, constrain: "domain" as const } : {}) };
  if (square) (layout[`xaxis${id}`] as Axis).constrain = "domain";
  return { xaxis: `x${id}`, yaxis: `y${id}` };
}

/** A panel's title, centred over its x domain, its bottom at paper height y. */
export function panelTitle(text: string, x: [number, number], y: number): Annotation {
  return { text, x: (x[0] + x[1]) / 2, y, xref: "paper", yref: "paper", xanchor: "center", yanchor: "bottom", showarrow: false, font: { size: 13 } };
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
  if (!Array.isArray(pictures) || pictures.length === 0) throw new Error("plot.sideBySide: no pictures; give [{ title, figure }, ...]");
  pictures.forEach((p, k) => {
    if (!p || typeof p.title !== "string" || !p.figure || !Array.isArray(p.figure.data)) {
      throw new Error(`plot.sideBySide: pictures[${k}] must be { title: string, figure: a figure such as plot.decisionBoundary(model) }`);
    }
  });
  const size = args.panelSize ?? 260;
  const n = pictures.length;
  const width = n * size + 40;
  const layout: Layout = {
    title: titled(args.title ?? "", width), width, height: size + 90,
    margin: { l: 20, r: 20, t: 70, b: 20 }, showlegend: false, annotations: [],
  };
  const data: Trace[] = [];
  pictures.forEach(({ title, figure }, k) => {
    const x = columnDomain(k, n, 0.92 / n);
    const range = { x: figure.layout.xaxis?.range, y: figure.layout.yaxis?.range };
    const axes = addPanel(layout, k, { x, y: [0, 1] }, range, true);
    (layout.annotations as Annotation[]).push(panelTitle(title, x, 1.02));
    for (const trace of figure.data) {
      if (trace.type === "surface" || trace.type === "scatter3d") throw new Error("plot.sideBySide: pictures must be 2D figures of the plane, not 3D ones");
      data.push({ ...trace, ...axes });
    }
  });
  return { data, layout };
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
  checkModel(model, "plot.neuronMaps");
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
  const layout: Layout = { title: titled(args.title ?? message("title.neuronMaps"), width), width, height, margin, showlegend: false, annotations: [] };
  let panel = 0;
  outputs.forEach((out, l) => {
    const layer = model.layers[l];
    const top = 1 - l / rows;
    const y1 = top - label / (rows * rowHeight);
    const y0 = top - (rowHeight - 8) / (rows * rowHeight);
    (layout.annotations as Annotation[]).push({
      text: l === outputs.length - 1 ? message("map.outputLayer", { activation: layer.activation.name }) : message("map.hiddenLayer", { layer: l + 1, activation: layer.activation.name }),
      x: 0, y: top, xref: "paper", yref: "paper", xanchor: "left", yanchor: "top", showarrow: false, font: { size: 12 },
    });
    for (let j = 0; j < out.cols; j++) {
      const axes = addPanel(layout, panel++, { x: columnDomain(j, columns, 1 / columns / (1 + gap)), y: [y0, y1] }, region, false);
      const values = out.column(j);
      const { zmin, zmax } = neuronRange(layer.activation, values);
      const name = message("map.neuron", { layer: l + 1, neuron: j + 1 });
      data.push({
        type: "heatmap", x: grid.x, y: grid.y, z: toRows(Float64Array.from(values), grid.x.length, (v) => round(v, 3)),
        colorscale: PLAYGROUND_SCALE, zmin, zmax, zsmooth: "best", showscale: false, ...axes,
        name, hovertemplate: `${name}<br>${message("axis.output")} %{z}<extra></extra>`,
      });
    }
  });
  return { data, layout };
}

/** Colour range of one neuron's map: the activation's own range where it is bounded (sigmoid, tanh), else symmetric around 0. */
function neuronRange(activation: Activation, values: number[]): { zmin: number; zmax: number } {
  const [low, high] = activation.range;
  if (Number.isFinite(low) && Number.isFinite(high)) return { zmin: low, zmax: high };
  // plotly ignores zmin/zmax unless zmin < zmax, so a dead neuron's map (all 0) still gets a range.
  const limit = Math.max(0.001, round(Math.max(...values.map(Math.abs)), 3));
  return { zmin: -limit, zmax: limit };
}
