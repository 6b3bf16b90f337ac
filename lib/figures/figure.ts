/**
 * The plotly figure JSON that beanlab's figure builders produce: a subset of plotly.js's schema
 * (same names, same meaning), small enough that `renderPng` can draw every figure without a
 * browser. JupyterLab's plotly renderer shows the same object interactively.
 */

/** A colour: "#rrggbb", "#rrggbbaa" or "rgba(r,g,b,a)". */
export type Color = string;

/** A colour scale: [position in [0, 1], colour] pairs, positions increasing from 0 to 1. */
export type ColorScale = [number, Color][];

/** Axis references of a 2D trace: "x"/"y" for the first axes, "x2"/"y2" for the second, ... */
export interface AxisRefs {
  /** Which x axis the trace is drawn on. Default "x". */
  xaxis?: string;
  /** Which y axis the trace is drawn on. Default "y". */
  yaxis?: string;
}

/** Values on a grid: z[i][j] at (x[j], y[i]). */
export interface GridTrace extends AxisRefs {
  /** Column coordinates [nx], increasing. */
  x: number[];
  /** Row coordinates [ny], increasing. */
  y: number[];
  /** Values [ny][nx]. */
  z: number[][];
  /** Legend name. */
  name?: string;
}

/** A colour map of grid values. */
export interface HeatmapTrace extends GridTrace {
  type: "heatmap";
  /** Colours from zmin to zmax. */
  colorscale: ColorScale;
  /** Value at the first colour. */
  zmin: number;
  /** Value at the last colour. */
  zmax: number;
  /** Whether to draw the colour bar. Default false. */
  showscale?: boolean;
  /** Colour bar title. */
  colorbar?: { title?: { text: string } };
  /** "best" smooths between cells, false draws blocks. Default "best". */
  zsmooth?: "best" | false;
  /** Hover template for interactive use (ignored by the static renderer). */
  hovertemplate?: string;
}

/**
 * Level lines of grid values (only lines: the fill is a heatmap's job). Coloring "none" is what makes
 * plotly draw them in `line.color`; with "lines" it would colour them from its own colour scale.
 */
export interface ContourTrace extends GridTrace {
  type: "contour";
  /** The levels drawn: from start to end every size (start = end for one line). */
  contours: { start: number; end: number; size: number; coloring: "none"; showlabels?: boolean };
  /** Line style. */
  line: { color: Color; width: number; dash?: "solid" | "dash" | "dot" };
  /** Hover is off for level lines. */
  hoverinfo?: "skip";
  /** Whether the line has a legend entry. Default false. */
  showlegend?: boolean;
}

/** Points and/or lines in 2D. */
export interface ScatterTrace extends AxisRefs {
  type: "scatter";
  /** What to draw. */
  mode: "markers" | "lines" | "lines+markers";
  /** x coordinates [n]. */
  x: number[];
  /** y coordinates [n]; null leaves a gap in a line. */
  y: (number | null)[];
  /** Legend name. */
  name?: string;
  /** Whether the trace has a legend entry. Default true when named. */
  showlegend?: boolean;
  /** Marker style; colour can be one per point. */
  marker?: { color?: Color | Color[]; size?: number; symbol?: "circle" | "x" | "square"; line?: { color: Color; width: number }; opacity?: number };
  /** Line style. */
  line?: { color?: Color; width?: number; dash?: "solid" | "dash" | "dot" };
  /** Hover template for interactive use (ignored by the static renderer). */
  hovertemplate?: string;
}

/** A surface over a grid, in a 3D scene. */
export interface SurfaceTrace extends GridTrace {
  type: "surface";
  /** Colours from cmin to cmax. */
  colorscale: ColorScale;
  /** Value at the first colour. */
  cmin: number;
  /** Value at the last colour. */
  cmax: number;
  /** Whether to draw the colour bar. Default false. */
  showscale?: boolean;
  /** Surface opacity. Default 1. */
  opacity?: number;
}

/** Points in a 3D scene. */
export interface Scatter3dTrace {
  type: "scatter3d";
  mode: "markers";
  x: number[];
  y: number[];
  z: number[];
  /** Legend name. */
  name?: string;
  /** Marker style; colour can be one per point. */
  marker?: { color?: Color | Color[]; size?: number; line?: { color: Color; width: number } };
}

/** Any trace a beanlab figure can hold. */
export type Trace = HeatmapTrace | ContourTrace | ScatterTrace | SurfaceTrace | Scatter3dTrace;

/** A 2D axis. */
export interface Axis {
  /** Axis title. */
  title?: { text: string };
  /** Shown range [from, to]; for a log axis, in log10 units as plotly. */
  range?: [number, number];
  /** Fraction of the figure's plot area the axis spans [from, to]. Default [0, 1]. */
  domain?: [number, number];
  /** "linear" (default) or "log". */
  type?: "linear" | "log";
  /** The other axis this one is drawn against, e.g. "y2" for "x2". */
  anchor?: string;
  /** Keep this axis's scale equal to another's (square pixels), e.g. "x". */
  scaleanchor?: string;
  /** What gives way to square pixels: "domain" shrinks the axis (as the PNG does), plotly's default "range" widens it. */
  constrain?: "domain" | "range";
  /** Whether to print tick labels. Default true. */
  showticklabels?: boolean;
  /** Tick marks: "outside" (default) or "" for none. */
  ticks?: "outside" | "";
  /** Whether to draw grid lines. Default true. */
  showgrid?: boolean;
  /** Whether to draw the zero line. Default false. */
  zeroline?: boolean;
  /** Tick label format, d3 style, e.g. ".0%" or ".2f". */
  tickformat?: string;
  /** Values that get a tick, instead of the ones plotly would pick (data values, also on a log axis). */
  tickvals?: number[];
  /** Labels of `tickvals`, one each. */
  ticktext?: string[];
}

/** A 3D scene's axes and camera. */
export interface Scene {
  xaxis?: { title?: { text: string } };
  yaxis?: { title?: { text: string } };
  zaxis?: { title?: { text: string }; range?: [number, number] };
  /** Where the eye is, relative to the centre of the box (plotly's default is {x: 1.25, y: 1.25, z: 1.25}). */
  camera?: { eye: { x: number; y: number; z: number } };
  /** Box proportions. */
  aspectmode?: "cube";
}

/** Text placed on the figure, e.g. a subplot title. */
export interface Annotation {
  text: string;
  /** Position in paper coordinates (0..1 across the plot area) when xref/yref are "paper". */
  x: number;
  y: number;
  xref: "paper";
  yref: "paper";
  /** Which side of (x, y) the text sits on. */
  xanchor?: "left" | "center" | "right";
  yanchor?: "top" | "middle" | "bottom";
  showarrow: false;
  font?: { size?: number; color?: Color };
}

/** Layout: size, title, axes, legend, annotations. Extra axes are keyed xaxis2, yaxis2, ... */
export interface Layout {
  /** The figure's title; a font size only where the default one would not fit the width. */
  title?: { text: string; font?: { size: number } };
  /** Pixels. */
  width: number;
  /** Pixels. */
  height: number;
  /** Margins in pixels. */
  margin?: { l: number; r: number; t: number; b: number };
  showlegend?: boolean;
  /** Where the legend's anchor point sits, in paper coordinates. */
  legend?: { orientation?: "v" | "h"; x?: number; y?: number; xanchor?: "left" | "center" | "right"; yanchor?: "top" | "middle" | "bottom" };
  annotations?: Annotation[];
  scene?: Scene;
  /** Animation controls (interactive only). */
  sliders?: unknown[];
  updatemenus?: unknown[];
  [axis: `xaxis${string}` | `yaxis${string}`]: Axis | undefined;
}

/** One frame of an animation: new data for some traces. */
export interface Frame {
  name: string;
  data: Partial<Trace>[];
  /** Which traces (by index) the data replace. */
  traces?: number[];
  layout?: { title?: { text: string } };
}

/** A figure: traces, layout and, for an animation, frames. */
export interface Figure {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
}
