/** What every figure shares: Playground's colours, the layer palette, and the rounding and thinning that keep notebooks small. */
import type { ColorScale } from "./figure";

/** Playground's colours: orange for 0 / negative, blue for 1 / positive, grey in between. */
export const COLORS = { negative: "#f59322", middle: "#e8eaeb", positive: "#0877bd" } as const;

/** A diverging scale from orange through grey to blue, as Playground paints its outputs. */
export const PLAYGROUND_SCALE: ColorScale = [[0, COLORS.negative], [0.5, COLORS.middle], [1, COLORS.positive]];

/** The same scale, lighter, for the plane behind the points, so that a blue point on blue still shows. */
export const BACKGROUND_SCALE: ColorScale = [[0, "#f9be7a"], [0.5, COLORS.middle], [1, "#6badd7"]];

/** A colour per layer for line charts. */
export const LAYER_COLORS = ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];

/** The colour of a point with this label: blue for 1 (or positive), orange otherwise. */
export function labelColor(label: number): string {
  return label > 0 ? COLORS.positive : COLORS.negative;
}

/** Most points a line chart keeps: more would not show, but would make the notebook larger. */
const MAX_POINTS = 400;

/** Indices of the epochs a chart shows: all of them, or MAX_POINTS evenly spread, first and last included. */
export function thinned(n: number): number[] {
  if (n <= MAX_POINTS) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: MAX_POINTS }, (_, k) => Math.round((k * (n - 1)) / (MAX_POINTS - 1)));
}

/** x rounded to `digits` decimals: small notebooks, same bytes everywhere. */
export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** x rounded to `digits` significant digits (for values spanning many orders of magnitude). */
export function significant(x: number, digits: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(digits));
}

/** plotly's default title size, in pixels. */
const TITLE_SIZE = 17;

/** A title's width in ems, estimated on the wide side (Latin letters 0.62 em, CJK 1 em): plotly clips what does not fit. */
function titleEms(text: string): number {
  let ems = 0;
  for (const ch of text) ems += (ch.codePointAt(0) as number) >= 0x2e80 ? 1 : 0.62;
  return ems;
}

/** A layout title for a figure `width` pixels wide: the default size, or smaller where that would not fit. */
export function titled(text: string, width: number): { text: string; font?: { size: number } } {
  const fit = Math.floor((width - 40) / titleEms(text));
  return fit >= TITLE_SIZE ? { text } : { text, font: { size: Math.max(10, fit) } };
}

/** Pixels under a plot area that its x axis's tick labels and title take, in plotly and in the PNG. */
const AXIS_ROOM = 64;

/** Pixels a legend row takes. */
const LEGEND_ROW = 24;

/**
 * A horizontal legend under the x axis's title (not over it) in a figure `height` pixels high with
 * `margin`: the legend and the bottom margin that makes room for `rows` rows of it.
 */
export function legendBelow(height: number, margin: { t: number; b: number }, rows = 1): { legend: { orientation: "h"; x: number; xanchor: "left"; y: number; yanchor: "top" }; bottom: number } {
  const bottom = Math.max(margin.b, AXIS_ROOM + rows * LEGEND_ROW + 16);
  const plot = height - margin.t - bottom;
  return { legend: { orientation: "h", x: 0, xanchor: "left", y: round(-AXIS_ROOM / plot, 3), yanchor: "top" }, bottom };
}

/** A number as a log axis labels it: plain decimals, or m×10ⁿ on an axis that reaches past 0.001 or 10 000. */
function logLabel(v: number, powers: boolean): string {
  const e = Math.floor(Math.log10(v) + 1e-9);
  if (!powers) return String(Number(v.toPrecision(3)));
  const m = Math.round(v / 10 ** e);
  const sup = (e < 0 ? "⁻" : "") + Array.from(String(Math.abs(e)), (d) => "⁰¹²³⁴⁵⁶⁷⁸⁹"[Number(d)]).join("");
  return m === 1 ? `10${sup}` : `${m}×10${sup}`;
}

/**
 * Ticks of a log axis over these values, labelled as a reader reads them (0.01, 0.02, 0.05, 0.1) instead
 * of plotly's minor digits: 1-2-5 multiples over up to three decades, powers of ten beyond. Null when
 * fewer than three would show: then plotly's and the PNG's own plain ticks read well.
 */
export function logTicks(values: (number | null)[]): { tickvals: number[]; ticktext: string[] } | null {
  const positive = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  if (positive.length === 0) return null;
  const lo = Math.log10(Math.min(...positive));
  const hi = Math.log10(Math.max(...positive));
  const decades = hi - lo;
  const multiples = decades > 3 ? [1] : [1, 2, 5];
  const every = Math.max(1, Math.ceil(decades / 6));
  const tickvals: number[] = [];
  for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
    if (decades > 3 && e % every !== 0) continue;
    for (const m of multiples) {
      const u = e + Math.log10(m);
      if (u >= lo - 1e-9 && u <= hi + 1e-9) tickvals.push(significant(m * 10 ** e, 1));
    }
  }
  const powers = tickvals.some((v) => v < 0.001 || v > 10000);
  return tickvals.length >= 3 ? { tickvals, ticktext: tickvals.map((v) => logLabel(v, powers)) } : null;
}
