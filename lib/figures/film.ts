/** The training story from recorded snapshots: decision boundaries epoch by epoch, as a filmstrip or an animation. */
import { Sequential } from "../engine/model";
import { Snapshot } from "../engine/snapshots";
import { message } from "../util/messages";
import { Annotation, ContourTrace, Figure, Frame, HeatmapTrace, Layout, Trace } from "./figure";
import { addPanel, columnDomain, panelTitle } from "./panels";
import { checkModel } from "./args";
import { PlaneArgs, boundaryTraces, decisionBoundary, regionOf } from "./plane";
import { round, titled } from "./style";

/** Pixels added under an animation for its slider. */
const SLIDER_ROOM = 90;

/** Options of `filmstrip` and `animation`. */
export interface FilmArgs extends PlaneArgs {
  /** Pixels per panel. Default 220. */
  panelSize?: number;
}

/** The decision boundary at several epochs side by side: the training story on a static page. */
export function filmstrip(model: Sequential, shots: Snapshot[], args: FilmArgs = {}): Figure {
  checkModel(model, "plot.filmstrip");
  if (!Array.isArray(shots) || shots.length === 0) throw new Error("plot.filmstrip: no snapshots; record some with snapshots(model, [0, 10, 100])");
  const region = regionOf(args);
  const panel = args.panelSize ?? 220;
  const margin = { l: 20, r: 20, t: 80, b: 20 };
  const width = Math.round(shots.length * panel * 1.08 + margin.l + margin.r);
  const layout: Layout = {
    title: titled(args.title ?? message("title.filmstrip"), width),
    width, height: panel + margin.t + margin.b,
    margin, showlegend: false, annotations: [],
  };
  const data: Trace[] = [];
  withWeights(model, shots, (shot, i) => {
    const x = columnDomain(i, shots.length, 1 / shots.length / 1.08);
    const axes = addPanel(layout, i, { x, y: [0, 1] }, region, true);
    (layout.annotations as Annotation[]).push(panelTitle(message("film.epoch", { epoch: shot.epoch }), x, 1));
    data.push(...boundaryTraces(model, region, { ...args, gridSize: args.gridSize ?? 30 }, axes.xaxis, axes.yaxis, false));
  });
  return { data, layout };
}

/** The same story as a plotly animation (frames, a slider and a play button) for live use. */
export function animation(model: Sequential, shots: Snapshot[], args: FilmArgs = {}): Figure {
  checkModel(model, "plot.animation");
  if (!Array.isArray(shots) || shots.length === 0) throw new Error("plot.animation: no snapshots; record some with snapshots(model, [0, 10, 100])");
  const region = regionOf(args);
  const frames: Frame[] = [];
  const gridSize = args.gridSize ?? 24;
  withWeights(model, shots, (shot) => {
    const [heatmap, contour] = boundaryTraces(model, region, { gridSize }, "x", "y");
    const name = message("film.epoch", { epoch: shot.epoch });
    frames.push({ name, data: [{ z: (heatmap as HeatmapTrace).z }, { z: (contour as ContourTrace).z }], traces: [0, 1], layout: { title: { text: name } } });
  });
  const fig = decisionBoundary(model, { ...args, region, gridSize });
  withWeights(model, [shots[0]], () => {
    const [heatmap, contour] = boundaryTraces(model, region, { gridSize }, "x", "y");
    (fig.data[0] as HeatmapTrace).z = (heatmap as HeatmapTrace).z;
    (fig.data[1] as ContourTrace).z = (contour as ContourTrace).z;
  });
  fig.frames = frames;
  // The slider and its Play button go under the legend, on room added at the bottom, so neither covers the other.
  const margin = { ...(fig.layout.margin ?? { l: 60, r: 30, t: 50, b: 90 }) };
  const plot = fig.layout.height - margin.t - margin.b;
  fig.layout.height += SLIDER_ROOM;
  margin.b += SLIDER_ROOM;
  fig.layout.margin = margin;
  const y = round(-(SLIDER_ROOM + 10) / plot, 3);
  fig.layout.sliders = [{
    active: 0, currentvalue: { prefix: "" }, pad: { t: 0 }, x: 0.15, len: 0.85, y, yanchor: "top",
    steps: frames.map((f) => ({ label: f.name, method: "animate", args: [[f.name], { mode: "immediate", frame: { duration: 300, redraw: true }, transition: { duration: 0 } }] })),
  }];
  fig.layout.updatemenus = [{
    type: "buttons", showactive: false, x: 0.1, y, xanchor: "right", yanchor: "top", pad: { t: 30, r: 10 },
    buttons: [{ label: message("film.play"), method: "animate", args: [null, { frame: { duration: 400, redraw: true }, fromcurrent: true }] }],
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
