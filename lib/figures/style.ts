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
