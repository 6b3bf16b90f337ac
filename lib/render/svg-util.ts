/** Shared pieces of the static renderer: boxes, numbers, text, colours and tiny PNG images. */
import UPNG from "upng-js";
import type { Color, ColorScale } from "../figures/figure";

/** A rectangle in pixels, y pointing down. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Font sizes and marker scale of one drawing: smaller in a filmstrip's panels. */
export interface Style {
  /** Tick label font size in pixels. */
  tick: number;
  /** Axis title font size in pixels. */
  title: number;
  /** Factor on marker sizes. */
  marker: number;
}

/** Sizes of a full-size figure: plotly's defaults. */
export const FULL: Style = { tick: 12, title: 14, marker: 1 };

/** Text and axis colour: plotly's "#444". */
export const INK = "#444444";

/** Line height of multi-line text, in ems. */
const LINE = 1.3;

/** plotly.js's default trace colours, taken in trace order. */
const COLORWAY = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

/** The default colour of the trace at index i of a figure's data. */
export function traceColor(i: number): Color {
  return COLORWAY[Math.max(0, i) % COLORWAY.length];
}

/** A coordinate as SVG text: at most 2 decimals, no trailing zeros, never "-0", so output is compact and stable. */
export function px(v: number): string {
  const s = v.toFixed(2).replace(/\.?0+$/, "");
  return s === "-0" ? "0" : s;
}

/** [min, max] of the finite values, or null when there are none. */
export function extent(values: Iterable<number | null>): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v === null || !isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : null;
}

/** DejaVu Sans advance widths of the characters " " to "~", in hundredths of an em (read from the TTF). */
const WIDTHS = [
  32, 40, 46, 84, 64, 95, 78, 27, 39, 39, 50, 84, 32, 36, 32, 34, 64, 64, 64, 64, 64, 64, 64, 64, 64, 64, 34, 34, 84, 84, 84, 53,
  100, 68, 69, 70, 77, 63, 58, 77, 75, 29, 29, 66, 56, 86, 75, 79, 60, 79, 69, 63, 61, 73, 68, 99, 69, 61, 69, 39, 34, 39, 84, 50,
  50, 61, 63, 55, 63, 62, 35, 63, 63, 28, 28, 58, 28, 97, 63, 61, 63, 63, 41, 52, 39, 63, 59, 82, 59, 59, 52, 64, 34, 64, 84,
];

/** A run of label text, plain or bold. */
interface Run {
  s: string;
  bold: boolean;
}

/** Splits a plotly label into lines of runs: plotly labels may hold <br> and <b>; other tags are dropped. */
function parseLabel(label: string): Run[][] {
  return label.split(/<br\s*\/?>/i).map((line) => {
    const runs: Run[] = [];
    let bold = false;
    line.split(/(<\/?[a-z][^>]*>)/i).forEach((part, k) => {
      if (k % 2 === 1) {
        if (/^<\/?b>$/i.test(part)) bold = part[1] !== "/";
      } else if (part) {
        runs.push({ s: decodeEntities(part), bold });
      }
    });
    return runs;
  });
}

/** Resolves the HTML entities a plotly label may use. */
function decodeEntities(s: string): string {
  return s.replace(/&(#\d+|amp|lt|gt|quot|nbsp);/g, (_, e: string) =>
    e[0] === "#" ? String.fromCodePoint(Number(e.slice(1))) : ({ amp: "&", lt: "<", gt: ">", quot: '"', nbsp: "\u00a0" } as Record<string, string>)[e],
  );
}

/** Escapes text for SVG. */
function escapeXml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Width in pixels of a label's widest line in DejaVu Sans (CJK, which DejaVu lacks, counted as 1 em). */
export function textWidth(label: string, size: number): number {
  let widest = 0;
  for (const runs of parseLabel(label)) {
    let w = 0;
    for (const run of runs) {
      let ems = 0;
      for (const ch of run.s) {
        const c = ch.codePointAt(0) as number;
        ems += c >= 32 && c < 127 ? WIDTHS[c - 32] : c >= 0x2e80 ? 100 : 62;
      }
      w += ems * (run.bold ? 1.1 : 1);
    }
    widest = Math.max(widest, w);
  }
  return (widest / 100) * size;
}

/** Number of lines of a label. */
export function textLines(label: string): number {
  return label.split(/<br\s*\/?>/i).length;
}

/** Height in pixels of a label. */
export function textHeight(label: string, size: number): number {
  return (textLines(label) - 1) * LINE * size + size;
}

/** The first baseline of a label whose top, middle or bottom is at y. */
export function baseline(y: number, anchor: "top" | "middle" | "bottom", label: string, size: number): number {
  const extra = (textLines(label) - 1) * LINE * size;
  if (anchor === "top") return y + 0.8 * size;
  if (anchor === "middle") return y + 0.35 * size - extra / 2;
  return y - 0.22 * size - extra;
}

/** Options of a text element. */
export interface TextArgs {
  anchor?: "start" | "middle" | "end";
  color?: Color;
  /** Turn the text to read upwards (a y axis title). */
  vertical?: boolean;
  /** Extra attributes, e.g. a class. */
  attrs?: string;
}

/** A text element with its first baseline at (x, y). */
export function text(x: number, y: number, label: string, size: number, args: TextArgs = {}): string {
  const lines = parseLabel(label);
  const anchor = args.anchor && args.anchor !== "start" ? ` text-anchor="${args.anchor}"` : "";
  const turn = args.vertical ? ` transform="rotate(-90 ${px(x)} ${px(y)})"` : "";
  const head = `<text x="${px(x)}" y="${px(y)}" font-size="${px(size)}"${anchor}${paint("fill", args.color ?? INK)}${turn}${args.attrs ?? ""}>`;
  const runs = (rs: Run[]): string => rs.map((r) => (r.bold ? `<tspan font-weight="bold">${escapeXml(r.s)}</tspan>` : escapeXml(r.s))).join("");
  if (lines.length === 1) return `${head}${runs(lines[0])}</text>`;
  const body = lines.map((rs, k) => `<tspan x="${px(x)}" y="${px(y + k * LINE * size)}">${runs(rs)}</tspan>`).join("");
  return `${head}${body}</text>`;
}

/** A colour as [r, g, b, a]: channels 0..255, alpha 0..1. */
export type RGBA = [number, number, number, number];

/** Parses the colour forms of the figure contract ("#rgb" and "rgb(...)" too). */
function parseColor(c: Color): RGBA {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i.exec(c.trim());
  if (hex) {
    const h = hex[1].length === 3 ? hex[1].replace(/./g, "$&$&") : hex[1];
    const ch = (k: number): number => parseInt(h.slice(2 * k, 2 * k + 2), 16);
    return [ch(0), ch(1), ch(2), h.length === 8 ? ch(3) / 255 : 1];
  }
  const fn = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(c.trim());
  if (fn) return [Number(fn[1]), Number(fn[2]), Number(fn[3]), fn[4] === undefined ? 1 : Number(fn[4])];
  throw new Error(`renderSvg: colour "${c}" is not "#rrggbb", "#rrggbbaa" or "rgba(r,g,b,a)"`);
}

/** "#rrggbb" of a colour's channels. */
function hex6(c: RGBA): string {
  const ch = (v: number): string => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, "0");
  return `#${ch(c[0])}${ch(c[1])}${ch(c[2])}`;
}

/** fill= or stroke= attributes of a colour, its alpha as a separate opacity, which every SVG reader understands. */
export function paint(attr: "fill" | "stroke", c: Color | RGBA): string {
  const rgba = typeof c === "string" ? parseColor(c) : c;
  const alpha = rgba[3] < 1 ? ` ${attr}-opacity="${px(rgba[3])}"` : "";
  return ` ${attr}="${hex6(rgba)}"${alpha}`;
}

/** Maps values from lo to hi through a colour scale, interpolating in RGB as plotly does; NaN is transparent. */
export function colorScale(scale: ColorScale, lo: number, hi: number): (v: number) => RGBA {
  const stops = scale.map(([t, c]) => ({ t, c: parseColor(c) }));
  return (v) => {
    if (!isFinite(v) || stops.length === 0) return [0, 0, 0, 0];
    const t = hi > lo ? Math.min(1, Math.max(0, (v - lo) / (hi - lo))) : 0.5;
    let k = 1;
    while (k < stops.length - 1 && stops[k].t < t) k++;
    const a = stops[Math.max(0, k - 1)];
    const b = stops[Math.min(k, stops.length - 1)];
    const f = b.t > a.t ? Math.min(1, Math.max(0, (t - a.t) / (b.t - a.t))) : 0;
    return [0, 1, 2, 3].map((i) => a.c[i] + f * (b.c[i] - a.c[i])) as RGBA;
  };
}

/** SVG stroke-dasharray of plotly's dash names, which scale with the line width as in plotly. */
export function dashArray(dash: string | undefined, width: number): string {
  const d = Math.max(width, 3);
  if (dash === "dot") return ` stroke-dasharray="${px(d)},${px(d)}"`;
  if (dash === "dash") return ` stroke-dasharray="${px(3 * d)},${px(3 * d)}"`;
  return "";
}

/** The last 12 bytes of every whole PNG: the empty IEND chunk and its CRC. */
const IEND = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

/** upng-js's encode with its last argument, forbidPlte, which its type declarations leave out. */
const encodePng = UPNG.encode as (imgs: ArrayBuffer[], w: number, h: number, cnum: number, dels: number[], forbidPlte: boolean) => ArrayBuffer;

/**
 * An RGBA image [h][w] (top row first) as a lossless PNG data URI. No palette: upng-js writes into a
 * buffer of the image's RGBA size plus 100 bytes, which a tiny image's palette overflows (it then
 * returns a cut-off PNG); an RGB(A) PNG only outgrows it when the pixels do not compress at all.
 */
export function pngDataUri(rgba: Uint8Array, w: number, h: number): string {
  const pixels = rgba.buffer.slice(rgba.byteOffset, rgba.byteOffset + 4 * w * h) as ArrayBuffer;
  const png = Buffer.from(encodePng([pixels], w, h, 0, [], true));
  if (png.length < IEND.length || IEND.some((b, i) => png[png.length - IEND.length + i] !== b)) {
    throw new Error(`pngDataUri: upng-js cut off the PNG of a ${w} x ${h} image; expected it to end with an IEND chunk`);
  }
  return `data:image/png;base64,${png.toString("base64")}`;
}
