/** 2D subplots of the static renderer: where the axes go, then heatmaps, contour lines and scatter traces. */
import type { Axis, Color, ContourTrace, HeatmapTrace, Layout, ScatterTrace, Trace } from "../figures/figure";
import { Scale, drawFrame, drawGrid, makeTicks, toPixel, yReach } from "./svg-axes";
import { Box, Style, colorScale, dashArray, extent, paint, pngDataUri, px, traceColor } from "./svg-util";

/** A trace drawn on 2D axes. */
export type Trace2d = HeatmapTrace | ContourTrace | ScatterTrace;

/** Whether a trace is drawn on 2D axes (the others go in the 3D scene). */
export function is2d(t: Trace): t is Trace2d {
  return t.type === "heatmap" || t.type === "contour" || t.type === "scatter";
}

/** One 2D subplot: its axes, its box on the page and its traces. */
export interface Subplot {
  xa: Scale;
  ya: Scale;
  box: Box;
  traces: Trace2d[];
}

/** Layout key of an axis reference: "x" → "xaxis", "y2" → "yaxis2". */
export function axisKey(ref: string): `xaxis${string}` | `yaxis${string}` {
  return `${ref[0]}axis${ref.slice(1)}` as `xaxis${string}` | `yaxis${string}`;
}

/** The axis reference a trace uses along x or y. */
function refOf(t: Trace2d, letter: "x" | "y"): string {
  return (letter === "x" ? t.xaxis : t.yaxis) ?? letter;
}

/** First and last cell edges of grid coordinates: cells are centred on the coordinates, as in plotly. */
function cellEdges(v: number[]): [number, number] {
  const n = v.length;
  if (n === 1) return [v[0] - 0.5, v[0] + 0.5];
  return [v[0] - (v[1] - v[0]) / 2, v[n - 1] + (v[n - 1] - v[n - 2]) / 2];
}

/** The range plotly's autorange shows: grids to their edges; scatter data plus 5% (not along x for bare lines). */
function autoRange(ref: string, letter: "x" | "y", log: boolean, traces: Trace2d[]): [number, number] {
  const unit = (v: number | null): number => (v === null ? NaN : log ? (v > 0 ? Math.log10(v) : NaN) : v);
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of traces) {
    if (refOf(t, letter) !== ref) continue;
    const values: (number | null)[] = letter === "x" ? t.x : t.y;
    const e = extent((t.type === "heatmap" && values.length ? cellEdges(values as number[]) : values).map(unit));
    if (!e) continue;
    const pad = t.type === "scatter" && (letter === "y" || t.mode !== "lines") ? 0.05 * (e[1] - e[0]) : 0;
    lo = Math.min(lo, e[0] - pad);
    hi = Math.max(hi, e[1] + pad);
  }
  if (!(hi >= lo)) return [0, 1];
  return hi > lo ? [lo, hi] : [lo - 1, hi + 1];
}

/** Places the 2D subplots in area (the page inside the margins); ranges missing from the layout come from rangeTraces. */
export function layoutSubplots(traces: Trace2d[], layout: Layout, area: Box, rangeTraces: Trace2d[]): Subplot[] {
  const pairs: [string, string][] = [];
  const add = (x: string, y: string): void => {
    if (!pairs.some((p) => p[0] === x && p[1] === y)) pairs.push([x, y]);
  };
  for (const t of traces) add(refOf(t, "x"), refOf(t, "y"));
  // Empty subplots of a grid exist only in the layout; plotly's make_subplots anchors each of their axes.
  for (const key of Object.keys(layout).filter((k) => /^xaxis\d*$/.test(k))) {
    const anchor = layout[key as `xaxis${string}`]?.anchor;
    if (anchor) add(`x${key.slice(5)}`, anchor);
  }
  return pairs.map(([xr, yr]) => {
    const xs: Axis = layout[axisKey(xr)] ?? {};
    const ys: Axis = layout[axisKey(yr)] ?? {};
    const xd = xs.domain ?? [0, 1];
    const yd = ys.domain ?? [0, 1];
    const box = { x: area.x + xd[0] * area.w, y: area.y + (1 - yd[1]) * area.h, w: (xd[1] - xd[0]) * area.w, h: (yd[1] - yd[0]) * area.h };
    const xRange = xs.range ?? autoRange(xr, "x", xs.type === "log", rangeTraces);
    const yRange = ys.range ?? autoRange(yr, "y", ys.type === "log", rangeTraces);
    if (ys.scaleanchor === xr || xs.scaleanchor === yr) {
      // Equal units: shrink the box along the axis with more pixels per unit, centred in its domain.
      const ux = Math.abs(xRange[1] - xRange[0]) / box.w;
      const uy = Math.abs(yRange[1] - yRange[0]) / box.h;
      if (ux > uy) {
        const h = Math.abs(yRange[1] - yRange[0]) / ux;
        box.y += (box.h - h) / 2;
        box.h = h;
      } else {
        const w = Math.abs(xRange[1] - xRange[0]) / uy;
        box.x += (box.w - w) / 2;
        box.w = w;
      }
    }
    return {
      xa: { spec: xs, range: xRange, p0: box.x, p1: box.x + box.w },
      ya: { spec: ys, range: yRange, p0: box.y + box.h, p1: box.y },
      box,
      traces: traces.filter((t) => refOf(t, "x") === xr && refOf(t, "y") === yr),
    };
  });
}

/** A heatmap as one embedded PNG, one pixel per cell, stretched over the cells (evenly spaced, as beanlab's grids are);
 * row 0 of z is at the bottom. */
function heatmap(t: HeatmapTrace, xa: Scale, ya: Scale): string {
  const nx = t.x.length;
  const ny = t.y.length;
  if (nx === 0 || ny === 0) return "";
  const [xl, xh] = cellEdges(t.x);
  const [yl, yh] = cellEdges(t.y);
  const x0 = toPixel(xa, xl);
  const x1 = toPixel(xa, xh);
  const y0 = toPixel(ya, yl);
  const y1 = toPixel(ya, yh);
  if (![x0, x1, y0, y1].every(isFinite)) return "";
  const color = colorScale(t.colorscale, t.zmin, t.zmax);
  const rgba = new Uint8Array(nx * ny * 4);
  for (let r = 0; r < ny; r++) {
    const i = y1 < y0 ? ny - 1 - r : r;
    for (let c = 0; c < nx; c++) {
      const j = x1 > x0 ? c : nx - 1 - c;
      const v = t.z[i]?.[j];
      const [R, G, B, A] = color(typeof v === "number" ? v : NaN);
      rgba.set([Math.round(R), Math.round(G), Math.round(B), Math.round(A * 255)], (r * nx + c) * 4);
    }
  }
  // resvg draws nearest-neighbour blocks only for SVG's "optimizeSpeed", not for CSS's "pixelated".
  const rendering = t.zsmooth === false ? "optimizeSpeed" : "optimizeQuality";
  return (
    `<image x="${px(Math.min(x0, x1))}" y="${px(Math.min(y0, y1))}" width="${px(Math.abs(x1 - x0))}" height="${px(Math.abs(y1 - y0))}"` +
    ` preserveAspectRatio="none" image-rendering="${rendering}" xlink:href="${pngDataUri(rgba, nx, ny)}"/>`
  );
}

/** Level lines of z at one level by marching squares: polylines of [x, y] in data units, closed ones ending at their start. */
function levelLines(x: number[], y: number[], z: number[][], level: number): [number, number][][] {
  const nx = x.length;
  const points = new Map<number, [number, number]>();
  const links = new Map<number, number[]>();
  const value = (i: number, j: number): number => {
    const v = z[i]?.[j];
    return typeof v === "number" ? v : NaN;
  };
  // Edge ids: 2(i nx + j) runs from node (i, j) to (i, j + 1); 2(i nx + j) + 1 from (i, j) to (i + 1, j).
  const crossing = (i: number, j: number, vertical: boolean): number => {
    const a = value(i, j);
    const b = vertical ? value(i + 1, j) : value(i, j + 1);
    if (a > level === b > level) return -1;
    const id = 2 * (i * nx + j) + (vertical ? 1 : 0);
    if (!points.has(id)) {
      const f = (level - a) / (b - a);
      points.set(id, vertical ? [x[j], y[i] + f * (y[i + 1] - y[i])] : [x[j] + f * (x[j + 1] - x[j]), y[i]]);
    }
    return id;
  };
  const link = (a: number, b: number): void => {
    links.set(a, [...(links.get(a) ?? []), b]);
    links.set(b, [...(links.get(b) ?? []), a]);
  };
  for (let i = 0; i + 1 < y.length; i++) {
    for (let j = 0; j + 1 < nx; j++) {
      const corners = [value(i, j), value(i, j + 1), value(i + 1, j + 1), value(i + 1, j)];
      if (!corners.every(isFinite)) continue;
      const bottom = crossing(i, j, false);
      const right = crossing(i, j + 1, true);
      const top = crossing(i + 1, j, false);
      const left = crossing(i, j, true);
      const cut = [bottom, right, top, left].filter((e) => e >= 0);
      if (cut.length === 2) link(cut[0], cut[1]);
      if (cut.length === 4) {
        // A saddle: the cell's mean decides which pair of opposite corners the level joins.
        const mean = (corners[0] + corners[1] + corners[2] + corners[3]) / 4;
        if (mean > level === corners[0] > level) {
          link(bottom, right);
          link(top, left);
        } else {
          link(left, bottom);
          link(right, top);
        }
      }
    }
  }
  const done = new Set<number>();
  const lines: [number, number][][] = [];
  const walk = (start: number): void => {
    const ids = [start];
    done.add(start);
    for (;;) {
      const next = (links.get(ids[ids.length - 1]) ?? []).find((e) => !done.has(e));
      if (next === undefined) break;
      ids.push(next);
      done.add(next);
    }
    if (ids.length > 2 && (links.get(ids[ids.length - 1]) ?? []).includes(start)) ids.push(start);
    lines.push(ids.map((e) => points.get(e) as [number, number]));
  };
  // Open lines end on the grid's border (an edge of one cell only); the rest are loops.
  for (const [e, nb] of links) if (nb.length === 1 && !done.has(e)) walk(e);
  for (const e of links.keys()) if (!done.has(e)) walk(e);
  return lines;
}

/** Contour lines at the trace's levels, as one path. */
function contour(t: ContourTrace, xa: Scale, ya: Scale): string {
  const { start, end, size } = t.contours;
  const d: string[] = [];
  for (let k = 0; k < 100; k++) {
    const level = start + k * size;
    if (k > 0 && (!(size > 0) || level > end + 1e-9 * Math.abs(size))) break;
    for (const line of levelLines(t.x, t.y, t.z, level)) {
      const pts = line.map(([x, y]) => `${px(toPixel(xa, x))} ${px(toPixel(ya, y))}`);
      d.push(`M${pts.join("L")}`);
    }
  }
  if (d.length === 0) return "";
  const w = t.line.width;
  return `<path class="contour" d="${d.join("")}" fill="none"${paint("stroke", t.line.color)} stroke-width="${px(w)}"${dashArray(t.line.dash, w)} stroke-linejoin="round"/>`;
}

/** A marker centred at (x, y); size is its diameter in pixels as plotly's marker.size; the caller sets fill and stroke. */
function markerShape(symbol: string | undefined, x: number, y: number, size: number, attrs = ""): string {
  const r = size / 2;
  if (symbol === "square") return `<rect x="${px(x - r)}" y="${px(y - r)}" width="${px(2 * r)}" height="${px(2 * r)}"${attrs}/>`;
  if (symbol === "x") {
    const a = r;
    const w = 0.35 * r;
    const corners: [number, number][] = [[0, -w], [a - w, -a], [a, w - a], [w, 0], [a, a - w], [a - w, a], [0, w], [w - a, a], [-a, a - w], [-w, 0], [-a, w - a], [w - a, -a]];
    return `<path d="M${corners.map(([u, v]) => `${px(x + u)} ${px(y + v)}`).join("L")}Z"${attrs}/>`;
  }
  return `<circle cx="${px(x)}" cy="${px(y)}" r="${px(r)}"${attrs}/>`;
}

/** Style attributes of a scatter trace's markers and lines, with plotly's defaults filled in. */
function scatterLook(t: ScatterTrace, index: number): { color: Color; size: number; outline: string; line: string } {
  const color = t.line?.color ?? traceColor(index);
  const m = t.marker ?? {};
  const base = typeof m.color === "string" ? m.color : Array.isArray(m.color) && m.color.length ? m.color[0] : color;
  const stroke = m.line && m.line.width > 0 ? `${paint("stroke", m.line.color)} stroke-width="${px(m.line.width)}"` : "";
  const opacity = m.opacity !== undefined && m.opacity < 1 ? ` fill-opacity="${px(m.opacity)}" stroke-opacity="${px(m.opacity)}"` : "";
  const lw = t.line?.width ?? 2;
  const line = `${paint("stroke", t.line?.color ?? color)} stroke-width="${px(lw)}"${dashArray(t.line?.dash, lw)}`;
  return { color: base, size: m.size ?? 6, outline: stroke + opacity, line };
}

/** A scatter trace: its line (broken where a value is missing) under its markers. */
function scatter(t: ScatterTrace, index: number, xa: Scale, ya: Scale, style: Style): string {
  const look = scatterLook(t, index);
  const n = Math.min(t.x.length, t.y.length);
  const xs = Array.from({ length: n }, (_, k) => toPixel(xa, t.x[k]));
  const ys = Array.from({ length: n }, (_, k) => toPixel(ya, t.y[k]));
  let out = "";
  if (t.mode !== "markers") {
    let d = "";
    let pen = false;
    for (let k = 0; k < n; k++) {
      const ok = isFinite(xs[k]) && isFinite(ys[k]);
      if (ok) d += `${pen ? "L" : "M"}${px(xs[k])} ${px(ys[k])}`;
      pen = ok;
    }
    if (d) out += `<path d="${d}" fill="none"${look.line} stroke-linejoin="round" stroke-linecap="round"/>`;
  }
  if (t.mode !== "lines") {
    const colors = Array.isArray(t.marker?.color) ? t.marker?.color : undefined;
    const size = look.size * style.marker;
    let marks = "";
    for (let k = 0; k < n; k++) {
      if (!isFinite(xs[k]) || !isFinite(ys[k])) continue;
      marks += markerShape(t.marker?.symbol, xs[k], ys[k], size, colors ? paint("fill", colors[k] ?? look.color) : "");
    }
    out += `<g${colors ? "" : paint("fill", look.color)}${look.outline}>${marks}</g>`;
  }
  return out;
}

/** The legend's picture of a scatter trace, in a 40 x 20 pixel cell whose left middle is (x, y). */
export function scatterSample(t: ScatterTrace, index: number, x: number, y: number): string {
  const look = scatterLook(t, index);
  let out = "";
  if (t.mode !== "markers") out += `<path d="M${px(x + 5)} ${px(y)}h30"${look.line}/>`;
  if (t.mode !== "lines") out += markerShape(t.marker?.symbol, x + 20, y, Math.min(look.size, 12), `${paint("fill", look.color)}${look.outline}`);
  return out;
}

/** Pixels a subplot's y tick labels and title take left of its box. */
export function leftReach(sp: Subplot, style: Style): number {
  return yReach(sp.ya, makeTicks(sp.ya.spec, sp.ya.range, sp.box.h, "y", style.tick), style);
}

/** A subplot: grid, then heatmaps, contour lines and scatter traces clipped to the box (plotly's layer order), then frame and labels. */
export function drawSubplot(sp: Subplot, data: Trace[], style: Style, defs: string[]): string {
  const { xa, ya, box } = sp;
  const xt = makeTicks(xa.spec, xa.range, box.w, "x", style.tick);
  const yt = makeTicks(ya.spec, ya.range, box.h, "y", style.tick);
  const id = `clip${defs.length}`;
  defs.push(`<clipPath id="${id}"><rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.w)}" height="${px(box.h)}"/></clipPath>`);
  let layers = "";
  for (const t of sp.traces) if (t.type === "heatmap") layers += heatmap(t, xa, ya);
  for (const t of sp.traces) if (t.type === "contour") layers += contour(t, xa, ya);
  for (const t of sp.traces) if (t.type === "scatter") layers += scatter(t, data.indexOf(t), xa, ya, style);
  return `${drawGrid(xa, xt, ya, yt, box)}<g clip-path="url(#${id})">${layers}</g>${drawFrame(xa, xt, ya, yt, box, style)}`;
}

