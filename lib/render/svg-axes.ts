/** 2D axes of the static renderer: value-to-pixel maps, nice ticks and their labels, grid and frame. */
import type { Axis } from "../figures/figure";
import { Box, INK, Style, baseline, px, text, textLines, textWidth } from "./svg-util";

/** A 2D axis placed on the page. */
export interface Scale {
  /** The axis as the layout gives it. */
  spec: Axis;
  /** Shown range, in log10 units on a log axis. */
  range: [number, number];
  /** Pixel of range[0]. */
  p0: number;
  /** Pixel of range[1]. */
  p1: number;
}

/** A tick: position in axis units (log10 units on a log axis) and label; "" marks a minor grid line. */
export interface Tick {
  u: number;
  label: string;
}

/** Pixel of a position in axis units. */
function unitPixel(a: Scale, u: number): number {
  return a.p0 + ((u - a.range[0]) / (a.range[1] - a.range[0])) * (a.p1 - a.p0);
}

/** Pixel of a data value; NaN where it cannot be drawn (missing, or not positive on a log axis). */
export function toPixel(a: Scale, v: number | null | undefined): number {
  if (v === null || v === undefined || !isFinite(v)) return NaN;
  return unitPixel(a, a.spec.type === "log" ? (v > 0 ? Math.log10(v) : NaN) : v);
}

const SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹";

/** SI prefixes by power of ten. */
const PREFIXES: Record<number, string> = { [-12]: "p", [-9]: "n", [-6]: "μ", [-3]: "m", 3: "k", 6: "M", 9: "G", 12: "T" };

/** An exponent in superscript digits, e.g. -3 → "⁻³". */
function sup(e: number): string {
  return (e < 0 ? "⁻" : "") + Array.from(String(Math.abs(e)), (d) => SUPERSCRIPT[Number(d)]).join("");
}

/** Decimals that show every multiple of step exactly. */
function decimalsFor(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9));
}

/** A number as a tick label: a d3 tickformat when given ("," ".Nf" ".N%" ".Ne" "d"), else fixed decimals. */
function formatValue(v: number, decimals: number, format?: string): string {
  const m = format === undefined ? null : /^(,)?(?:\.(\d+))?([%fde])?$/.exec(format);
  const precision = m && m[2] !== undefined ? Number(m[2]) : undefined;
  const kind = m ? m[3] : undefined;
  let s: string;
  if (kind === "%") s = `${(v * 100).toFixed(precision ?? Math.max(0, decimals - 2))}%`;
  else if (kind === "e") s = v.toExponential(precision ?? 1);
  else if (kind === "d") s = v.toFixed(0);
  else s = v.toFixed(precision ?? decimals);
  if (m && m[1]) s = s.replace(/^-?\d+/, (i) => i.replace(/\B(?=(\d{3})+$)/g, ","));
  if (/^-[0.,]*%?$/.test(s)) s = s.slice(1);
  return s.replace(/-/g, "−");
}

/** Ticks at multiples of a 1-2-5 step about span/target apart, as plotly picks them. */
function linearTicks(lo: number, hi: number, target: number, format?: string): Tick[] {
  const rough = (hi - lo) / target;
  const e = Math.pow(10, Math.floor(Math.log10(rough)));
  const r = rough / e;
  const step = (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * e;
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  // Like plotly, from 10 000 up and below 0.001 labels take an SI prefix: 20k, 1.5M, 50μ.
  const exponent = Math.floor(Math.log10(Math.max(Math.abs(first), Math.abs(last)) * step) + 1e-9);
  const power = format === undefined && Math.abs(exponent) >= 4 ? 3 * Math.floor(exponent / 3) : 0;
  const prefix = PREFIXES[power] ?? "";
  const scale = prefix ? Math.pow(10, power) : 1;
  const ticks: Tick[] = [];
  for (let k = first; k <= last; k++) {
    const v = k * step;
    const label = !prefix ? formatValue(v, decimalsFor(step), format) : k === 0 ? "0" : `${formatValue(v / scale, decimalsFor(step / scale))}${prefix}`;
    ticks.push({ u: v, label });
  }
  return ticks;
}

/** Label of 10^e: plain decimals (0.001 to 1000) unless the axis also shows powers beyond them, then 10 with a superscript. */
function powerLabel(e: number, superscript: boolean, format?: string): string {
  if (format !== undefined) return formatValue(Math.pow(10, e), Math.max(0, -e), format);
  if (!superscript) return e >= 0 ? `1${"0".repeat(e)}` : `0.${"0".repeat(-e - 1)}1`;
  return `10${sup(e)}`;
}

/** Log-axis ticks: labelled powers of ten (every few decades when crowded) with minor grid lines at 2..9;
 * with fewer than two powers of ten in view, labelled multiples 1-2-5 or 1..9, or plain values on short ranges. */
function logTicks(lo: number, hi: number, target: number, perDecade: number, format?: string): Tick[] {
  const e0 = Math.ceil(lo - 1e-9);
  const e1 = Math.floor(hi + 1e-9);
  const ticks: Tick[] = [];
  const inView = (u: number): boolean => u >= lo - 1e-9 && u <= hi + 1e-9;
  if (e1 > e0) {
    const every = Math.max(1, Math.ceil((e1 - e0 + 1) / target));
    const superscript = Math.max(Math.abs(e0), Math.abs(e1)) > 3;
    for (let e = Math.floor(lo); e <= Math.floor(hi); e++) {
      if (e >= e0 && e <= e1 && e % every === 0) ticks.push({ u: e, label: powerLabel(e, superscript, format) });
      for (let m = 2; every === 1 && perDecade >= 50 && m <= 9; m++) {
        if (inView(e + Math.log10(m))) ticks.push({ u: e + Math.log10(m), label: "" });
      }
    }
    return ticks;
  }
  const multiples = (ms: number[]): Tick[] => {
    const out: Tick[] = [];
    for (let e = Math.floor(lo); e <= Math.ceil(hi); e++) {
      for (const m of ms) {
        const u = e + Math.log10(m);
        if (!inView(u)) continue;
        const label = format !== undefined || Math.abs(e) <= 3 ? formatValue(m * Math.pow(10, e), Math.max(0, -e), format) : `${m}×10${sup(e)}`;
        out.push({ u, label });
      }
    }
    return out;
  };
  const sparse = multiples([1, 2, 5]);
  if (sparse.length >= 3) return sparse;
  const dense = multiples([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  if (dense.length >= 3 && dense.length <= target) return dense;
  // Less than a factor of ten or so in view: evenly spaced values, placed on the log scale.
  return linearTicks(Math.pow(10, lo), Math.pow(10, hi), target, format).map((t) => ({ u: Math.log10(t.u), label: t.label }));
}

/** The axis's own ticks (tickvals, labelled by ticktext) that lie in view, as plotly draws them. */
function givenTicks(spec: Axis, lo: number, hi: number, decimals: number): Tick[] {
  const ticks: Tick[] = [];
  (spec.tickvals ?? []).forEach((v, k) => {
    const u = spec.type === "log" ? (v > 0 ? Math.log10(v) : NaN) : v;
    if (u >= lo - 1e-9 && u <= hi + 1e-9) ticks.push({ u, label: spec.ticktext?.[k] ?? formatValue(v, decimals, spec.tickformat) });
  });
  return ticks;
}

/** Ticks for an axis range drawn over length pixels, spaced as plotly spaces them and never overlapping. */
export function makeTicks(spec: Axis, range: [number, number], length: number, along: "x" | "y", size: number): Tick[] {
  const lo = Math.min(range[0], range[1]);
  const hi = Math.max(range[0], range[1]);
  if (!(hi > lo) || !(length > 0)) return [];
  if (spec.tickvals) return givenTicks(spec, lo, hi, 2);
  const perUnit = length / (hi - lo);
  let target = Math.min(9, Math.max(4, length / (along === "x" ? 80 : 40))) + 1;
  for (;;) {
    const ticks = spec.type === "log" ? logTicks(lo, hi, target, perUnit, spec.tickformat) : linearTicks(lo, hi, target, spec.tickformat);
    const major = ticks.filter((t) => t.label !== "");
    const room = (a: Tick, b: Tick): number =>
      along === "x" ? (textWidth(a.label, size) + textWidth(b.label, size)) / 2 + 0.6 * size : 1.3 * size;
    const crowded = major.some((t, k) => k > 0 && (t.u - major[k - 1].u) * perUnit < room(t, major[k - 1]));
    if (!crowded || major.length <= 2 || target <= 1) return ticks;
    target /= 1.6;
  }
}

/** Grid lines (and the zero line when asked for) of a subplot, drawn under its traces. */
export function drawGrid(xa: Scale, xt: Tick[], ya: Scale, yt: Tick[], box: Box): string {
  const major: string[] = [];
  const minor: string[] = [];
  const zero: string[] = [];
  const inside = (p: number, a: number, b: number): boolean => p > a + 0.5 && p < b - 0.5;
  for (const t of xa.spec.showgrid === false ? [] : xt) {
    const x = unitPixel(xa, t.u);
    if (inside(x, box.x, box.x + box.w)) (t.label ? major : minor).push(`M${px(x)} ${px(box.y)}V${px(box.y + box.h)}`);
  }
  for (const t of ya.spec.showgrid === false ? [] : yt) {
    const y = unitPixel(ya, t.u);
    if (inside(y, box.y, box.y + box.h)) (t.label ? major : minor).push(`M${px(box.x)} ${px(y)}H${px(box.x + box.w)}`);
  }
  if (xa.spec.zeroline && xa.spec.type !== "log") {
    const x = unitPixel(xa, 0);
    if (inside(x, box.x, box.x + box.w)) zero.push(`M${px(x)} ${px(box.y)}V${px(box.y + box.h)}`);
  }
  if (ya.spec.zeroline && ya.spec.type !== "log") {
    const y = unitPixel(ya, 0);
    if (inside(y, box.y, box.y + box.h)) zero.push(`M${px(box.x)} ${px(y)}H${px(box.x + box.w)}`);
  }
  const path = (d: string[], color: string, width: number): string =>
    d.length ? `<path d="${d.join("")}" fill="none" stroke="${color}" stroke-width="${width}"/>` : "";
  return path(minor, "#f2f2f2", 1) + path(major, "#e2e2e2", 1) + path(zero, INK, 1);
}

/** Pixels a y axis's tick labels and title take left of its box. */
export function yReach(ya: Scale, yt: Tick[], style: Style): number {
  const labels = ya.spec.showticklabels === false ? [] : yt.filter((t) => t.label).map((t) => textWidth(t.label, style.tick));
  const title = ya.spec.title?.text;
  return 8 + Math.max(0, ...labels) + (title ? 6 + textLines(title) * 1.3 * style.title : 0);
}

/** Frame, tick marks, tick labels and axis titles of a subplot, drawn over its traces. */
export function drawFrame(xa: Scale, xt: Tick[], ya: Scale, yt: Tick[], box: Box, style: Style): string {
  const out: string[] = [];
  const marks: string[] = [];
  const bottom = box.y + box.h;
  const xLabels = xa.spec.showticklabels !== false;
  const yLabels = ya.spec.showticklabels !== false;
  for (const t of xt) {
    if (!t.label) continue;
    const x = unitPixel(xa, t.u);
    if (xa.spec.ticks !== "") marks.push(`M${px(x)} ${px(bottom)}v5`);
    if (xLabels) out.push(text(x, baseline(bottom + 8, "top", t.label, style.tick), t.label, style.tick, { anchor: "middle", attrs: ` class="xtick"` }));
  }
  for (const t of yt) {
    if (!t.label) continue;
    const y = unitPixel(ya, t.u);
    if (ya.spec.ticks !== "") marks.push(`M${px(box.x)} ${px(y)}h-5`);
    if (yLabels) out.push(text(box.x - 8, baseline(y, "middle", t.label, style.tick), t.label, style.tick, { anchor: "end", attrs: ` class="ytick"` }));
  }
  const xTitle = xa.spec.title?.text;
  if (xTitle) {
    const top = bottom + 8 + (xLabels ? 1.25 * style.tick : 0) + 4;
    out.push(text(box.x + box.w / 2, baseline(top, "top", xTitle, style.title), xTitle, style.title, { anchor: "middle" }));
  }
  const yTitle = ya.spec.title?.text;
  if (yTitle) {
    // Turned to read upwards, the first line is the farthest from the box, its ascenders towards the page's edge.
    const x = Math.max(0.95 * style.title + 2, box.x - yReach(ya, yt, style) + 0.95 * style.title);
    out.push(text(x, box.y + box.h / 2, yTitle, style.title, { anchor: "middle", vertical: true }));
  }
  const frame = `<rect x="${px(box.x)}" y="${px(box.y)}" width="${px(box.w)}" height="${px(box.h)}" fill="none" stroke="${INK}" stroke-width="1"/>`;
  return `${frame}<path d="${marks.join("")}" stroke="${INK}" stroke-width="1"/>${out.join("")}`;
}
