/** Static figures: a beanlab Figure drawn as a standalone SVG, as plotly would draw it, without a browser. */
import type { Annotation, ColorScale, Figure, Frame, Layout, Trace } from "../figures/figure";
import { Subplot, Trace2d, axisKey, drawSubplot, is2d, layoutSubplots, leftReach, scatterSample } from "./svg-2d";
import { drawScene } from "./svg-3d";
import { makeTicks } from "./svg-axes";
import { Box, FULL, INK, Style, baseline, colorScale, paint, pngDataUri, px, text, textHeight, textWidth, traceColor } from "./svg-util";

/**
 * The drawing's font families: DejaVu Sans for Latin text and Noto Sans SC for Chinese (the fonts
 * renderPng loads), then any CJK sans-serif a browser showing the SVG may have.
 */
const FONT_FAMILIES = "DejaVu Sans, Noto Sans SC, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, sans-serif";
/** plotly's default margins. */
const MARGIN = { l: 60, r: 20, t: 50, b: 50 };
/** plotly's default font size of the title. */
const TITLE_SIZE = 17;
/** plotly's default font size of legends, annotations and colour bars. */
const FONT_SIZE = 12;
/** Height of a legend row, as in plotly. */
const ROW = 20;
/** Width of a legend entry's sample line or marker, as in plotly. */
const SAMPLE = 40;
/** plotly's colour bar thickness. */
const BAR = 30;
/** An animation's filmstrip shows at most this many frames. */
const MAX_PANELS = 5;

/** A legend entry: a named trace and its index in the figure's data. */
interface Entry {
  name: string;
  trace: Trace;
  index: number;
}

/** A measured legend: its size and where each entry sits inside it. */
interface Legend {
  w: number;
  h: number;
  items: { entry: Entry; dx: number; dy: number }[];
}

/** A colour bar: the scale, the values at its ends and its title. */
interface Bar {
  scale: ColorScale;
  lo: number;
  hi: number;
  title?: string;
}

/** Draws a Figure as a standalone SVG string of layout.width x layout.height; the same figure gives the same string. */
export function renderSvg(fig: Figure): string {
  const { width, height } = fig.layout;
  const defs: string[] = [];
  const body = fig.frames && fig.frames.length > 0 ? filmstrip(fig, defs) : page(fig, defs);
  const title = fig.layout.title?.text;
  const top = fig.layout.margin?.t ?? MARGIN.t;
  // A title wider than the page is set smaller rather than cut off at the edges.
  const given = fig.layout.title?.font?.size ?? TITLE_SIZE;
  const size = title ? Math.max(9, Math.min(given, (TITLE_SIZE * (width - 16)) / textWidth(title, TITLE_SIZE))) : TITLE_SIZE;
  const heading = title ? text(width / 2, baseline(top / 2, "middle", title, size), title, size, { anchor: "middle" }) : "";
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${px(width)}" height="${px(height)}"` +
    ` viewBox="0 0 ${px(width)} ${px(height)}" font-family="${FONT_FAMILIES}">` +
    `<rect width="${px(width)}" height="${px(height)}" fill="#ffffff"/>` +
    (defs.length ? `<defs>${defs.join("")}</defs>` : "") +
    `${body}${heading}</svg>`
  );
}

/** The named traces that get a legend entry; plotly shows a legend from two entries on, or from one when asked. */
function legendEntries(data: Trace[], layout: Layout): Entry[] {
  if (layout.showlegend === false) return [];
  const entries = data.flatMap((trace, index) => {
    const listed = trace.type === "scatter3d" || (trace.type === "scatter" && trace.showlegend !== false);
    return listed && trace.name ? [{ name: trace.name, trace, index }] : [];
  });
  return layout.showlegend === true || entries.length > 1 ? entries : [];
}

/** Lays out legend entries in a column, or in rows no wider than maxWidth. */
function measureLegend(entries: Entry[], orientation: "v" | "h", maxWidth: number): Legend {
  const pad = 5;
  const items: Legend["items"] = [];
  let w = 0;
  let x = pad;
  let y = pad;
  for (const entry of entries) {
    const itemW = SAMPLE + textWidth(entry.name, FONT_SIZE) + (orientation === "h" ? 16 : 4);
    if (orientation === "v" && items.length > 0) y += ROW;
    if (orientation === "h" && items.length > 0 && x + itemW > maxWidth - pad) {
      x = pad;
      y += ROW;
    }
    items.push({ entry, dx: x, dy: y });
    w = Math.max(w, x + itemW + pad);
    if (orientation === "h") x += itemW;
  }
  return { w, h: y + ROW + pad, items };
}

/** A legend with its top-left corner at (x, y). */
function drawLegend(legend: Legend, x: number, y: number): string {
  let out = `<rect x="${px(x)}" y="${px(y)}" width="${px(legend.w)}" height="${px(legend.h)}" fill="#ffffff" fill-opacity="0.85"/>`;
  for (const { entry, dx, dy } of legend.items) {
    const mid = y + dy + ROW / 2;
    const t = entry.trace;
    if (t.type === "scatter") out += scatterSample(t, entry.index, x + dx, mid);
    else if (t.type === "scatter3d") {
      const c = typeof t.marker?.color === "string" ? t.marker.color : Array.isArray(t.marker?.color) ? t.marker?.color[0] ?? INK : traceColor(entry.index);
      out += `<circle cx="${px(x + dx + SAMPLE / 2)}" cy="${px(mid)}" r="4"${paint("fill", c)}/>`;
    }
    out += text(x + dx + SAMPLE, baseline(mid, "middle", entry.name, FONT_SIZE), entry.name, FONT_SIZE, { attrs: ` class="legend"` });
  }
  return out;
}

/** The colour bar of the first heatmap or surface that asks for one (plotly would draw several on top of each other). */
function barOf(data: Trace[]): Bar | null {
  for (const t of data) {
    if (t.type === "heatmap" && t.showscale) return { scale: t.colorscale, lo: t.zmin, hi: t.zmax, title: t.colorbar?.title?.text };
    if (t.type === "surface" && t.showscale) return { scale: t.colorscale, lo: t.cmin, hi: t.cmax };
  }
  return null;
}

/** A colour bar from top to bottom with its left edge at x, title above it; returns its width and drawing. */
function drawBar(bar: Bar, x: number, top: number, bottom: number): { w: number; svg: string } {
  const titleH = bar.title ? textHeight(bar.title, FONT_SIZE) + 8 : 0;
  const y0 = top + titleH;
  const h = Math.max(10, bottom - y0);
  const ticks = makeTicks({}, [bar.lo, bar.hi], h, "y", FONT_SIZE).filter((t) => t.label);
  const color = colorScale(bar.scale, bar.lo, bar.hi);
  const steps = 128;
  const rgba = new Uint8Array(steps * 4);
  for (let k = 0; k < steps; k++) {
    const [R, G, B, A] = color(bar.hi - ((k + 0.5) / steps) * (bar.hi - bar.lo));
    rgba.set([Math.round(R), Math.round(G), Math.round(B), Math.round(A * 255)], k * 4);
  }
  let svg = `<image x="${px(x)}" y="${px(y0)}" width="${BAR}" height="${px(h)}" preserveAspectRatio="none" image-rendering="optimizeQuality" xlink:href="${pngDataUri(rgba, 1, steps)}"/>`;
  svg += `<rect x="${px(x)}" y="${px(y0)}" width="${BAR}" height="${px(h)}" fill="none" stroke="${INK}" stroke-width="1"/>`;
  let widest = 0;
  let marks = "";
  for (const t of ticks) {
    const y = y0 + ((bar.hi - t.u) / (bar.hi - bar.lo)) * h;
    marks += `M${px(x + BAR)} ${px(y)}h4`;
    widest = Math.max(widest, textWidth(t.label, FONT_SIZE));
    svg += text(x + BAR + 7, baseline(y, "middle", t.label, FONT_SIZE), t.label, FONT_SIZE, { attrs: ` class="bartick"` });
  }
  svg += `<path d="${marks}" stroke="${INK}" stroke-width="1"/>`;
  if (bar.title) svg += text(x, baseline(top, "top", bar.title, FONT_SIZE), bar.title, FONT_SIZE);
  return { w: Math.max(BAR + 7 + widest, bar.title ? textWidth(bar.title, FONT_SIZE) : 0), svg };
}

/** Where plotly's "auto" anchor puts a paper coordinate: by the closer side, centred in the middle third. */
function autoAnchor<L, M, H>(v: number, low: L, mid: M, high: H): L | M | H {
  return v <= 1 / 3 ? low : v >= 2 / 3 ? high : mid;
}

/** The top-left corner of a legend: from layout.legend in paper coordinates, else right of the plot (and its colour bar). */
function placeLegend(layout: Layout, legend: Legend, area: Box, besides: number, below: number): [number, number] {
  const h = layout.legend?.orientation === "h";
  const given = layout.legend ?? {};
  const xp = given.x ?? (h ? 0 : 1.02);
  const yp = given.y ?? (h ? -0.1 : 1);
  const xAnchor = given.xanchor ?? (given.x === undefined || xp > 1 ? "left" : xp < 0 ? "right" : autoAnchor(xp, "left", "center", "right"));
  const yAnchor = given.yanchor ?? (yp < 0 ? "top" : yp > 1 ? "bottom" : autoAnchor(yp, "bottom", "middle", "top"));
  let x = given.x === undefined && !h ? besides : area.x + xp * area.w;
  let y = area.y + (1 - yp) * area.h;
  x -= xAnchor === "right" ? legend.w : xAnchor === "center" ? legend.w / 2 : 0;
  y -= yAnchor === "bottom" ? legend.h : yAnchor === "middle" ? legend.h / 2 : 0;
  // A legend under the plot goes below the x axis's labels and title, not over them.
  if (yp < 0) y = Math.max(y, below);
  return [x, y];
}

/** An annotation in paper coordinates of the plot area. */
function annotation(a: Annotation, area: Box): string {
  const size = a.font?.size ?? FONT_SIZE;
  const x = area.x + a.x * area.w;
  const y = area.y + (1 - a.y) * area.h;
  const xAnchor = a.xanchor ?? autoAnchor(a.x, "left", "center", "right");
  const yAnchor = a.yanchor ?? autoAnchor(a.y, "bottom", "middle", "top");
  const anchor = xAnchor === "left" ? "start" : xAnchor === "right" ? "end" : "middle";
  // plotly pads an annotation's text box by its border and borderpad, 2 pixels in all.
  const shift = yAnchor === "bottom" ? -2 : yAnchor === "top" ? 2 : 0;
  return text(x + (xAnchor === "left" ? 2 : xAnchor === "right" ? -2 : 0), baseline(y + shift, yAnchor, a.text, size), a.text, size, { anchor, color: a.font?.color });
}

/** Room below a 2D plot area taken by the x axis's tick labels and title. */
function axisRoom(layout: Layout, style: Style): number {
  return 8 + 1.25 * style.tick + 4 + (layout.xaxis?.title?.text ? 1.3 * style.title + 4 : 0);
}

/** A figure without frames: subplots or the 3D scene, annotations, colour bar and legend, the margins grown as
 * plotly's automargin grows them so that the colour bar and an outside legend fit on the page. */
function page(fig: Figure, defs: string[]): string {
  const layout = fig.layout;
  const { width, height } = layout;
  const m = { ...(layout.margin ?? MARGIN) };
  const entries = legendEntries(fig.data, layout);
  const legend = entries.length ? measureLegend(entries, layout.legend?.orientation ?? "v", width - 10) : null;
  const bar = barOf(fig.data);
  const flat = fig.data.filter(is2d);
  let area: Box = { x: 0, y: 0, w: 0, h: 0 };
  let subplots: Subplot[] = [];
  let barDrawing = { w: 0, svg: "" };
  let at: [number, number] = [0, 0];
  for (let pass = 0; pass < 4; pass++) {
    area = { x: m.l, y: m.t, w: width - m.l - m.r, h: height - m.t - m.b };
    subplots = layoutSubplots(flat, layout, area, flat);
    const barX = area.x + 1.02 * area.w;
    barDrawing = bar ? drawBar(bar, barX, area.y, area.y + area.h) : { w: 0, svg: "" };
    const right = bar ? barX + barDrawing.w : 0;
    if (legend) at = placeLegend(layout, legend, area, bar ? right + 12 : barX, area.y + area.h + axisRoom(layout, FULL));
    const over = {
      r: Math.max(right, legend ? at[0] + legend.w : 0) - (width - 4),
      b: legend ? at[1] + legend.h - (height - 4) : 0,
      l: Math.max(legend ? 4 - at[0] : 0, ...subplots.map((sp) => 2 - (sp.box.x - leftReach(sp, FULL)))),
      t: legend ? 4 - at[1] : 0,
    };
    if (Math.max(over.r, over.b, over.l, over.t) < 0.5) break;
    // Never let the plot area shrink below half the page.
    m.r += Math.max(0, Math.min(over.r, width / 2 - m.r));
    m.b += Math.max(0, Math.min(over.b, height / 2 - m.b));
    m.l += Math.max(0, Math.min(over.l, width / 2 - m.l));
    m.t += Math.max(0, Math.min(over.t, height / 2 - m.t));
  }
  let out = subplots.map((sp) => drawSubplot(sp, fig.data, FULL, defs)).join("");
  if (fig.data.some((t) => t.type === "surface" || t.type === "scatter3d")) out += drawScene(fig.data, layout.scene, area, FULL, fig.data);
  out += (layout.annotations ?? []).map((a) => annotation(a, area)).join("");
  out += barDrawing.svg;
  if (legend) out += drawLegend(legend, at[0], at[1]);
  return out;
}

/** The data of a frame: the base traces with the frame's data merged into those it replaces. */
function withFrame(data: Trace[], frame: Frame): Trace[] {
  const out = data.slice();
  frame.data.forEach((patch, k) => {
    const i = frame.traces?.[k] ?? k;
    if (i < out.length) out[i] = { ...out[i], ...patch } as Trace;
  });
  return out;
}

/** An animation's static form: up to five frames, first and last included, as small copies of the first subplot
 * side by side on shared axes, each titled with its frame's title or name, and one legend under them. */
function filmstrip(fig: Figure, defs: string[]): string {
  const layout = fig.layout;
  const frames = fig.frames as Frame[];
  const first = fig.data[0];
  if (!first) return "";
  const count = Math.min(MAX_PANELS, frames.length);
  const picks = Array.from({ length: count }, (_, k) => frames[count === 1 ? 0 : Math.round((k * (frames.length - 1)) / (count - 1))]);
  const style: Style = { tick: 10, title: 11, marker: 0.6 };
  const top = (layout.margin?.t ?? MARGIN.t) + 4;
  const side = 8;
  const gap = 14;
  const titleOf = (f: Frame): string => f.layout?.title?.text ?? f.name;
  const caption = (x: number, y: number, label: string): string =>
    text(x, baseline(y, "bottom", label, FONT_SIZE), label, FONT_SIZE, { anchor: "middle", attrs: ` class="panel"` });
  const firstRefs = is2d(first) ? [first.xaxis ?? "x", first.yaxis ?? "y"] : null;
  const keep = (t: Trace): boolean => (firstRefs ? is2d(t) && (t.xaxis ?? "x") === firstRefs[0] && (t.yaxis ?? "y") === firstRefs[1] : !is2d(t));
  const panels = picks.map((f) => withFrame(fig.data, f));
  const entries = legendEntries(fig.data.filter(keep), layout).map((e) => ({ ...e, index: fig.data.indexOf(e.trace) }));
  const legend = entries.length ? measureLegend(entries, "h", layout.width - 2 * side) : null;
  const legendH = legend ? legend.h + 4 : 0;
  const captionH = 1.5 * FONT_SIZE;
  const free = layout.height - side - legendH - top - captionH;
  let out = "";
  let below: number;
  if (firstRefs) {
    const [xr, yr] = firstRefs;
    const xs = layout[axisKey(xr)] ?? {};
    const ys = layout[axisKey(yr)] ?? {};
    const gutter = 5 * style.tick + 2 * style.title;
    const boxW = (layout.width - 2 * side - gutter - (count - 1) * gap) / count;
    const room = 8 + 1.25 * style.tick + 4 + (xs.title?.text ? 1.3 * style.title : 0);
    const flat = panels.map((d) => d.filter(keep) as Trace2d[]);
    const shared = flat.flat();
    // Ranges come from every panel's data, so the panels share their axes; only the first keeps the y labels.
    const strip = (y: number, h: number): Subplot[] =>
      flat.map((traces, k) => {
        const panelLayout: Layout = { width: layout.width, height: layout.height };
        panelLayout[axisKey(xr)] = { ...xs, domain: [0, 1] };
        panelLayout[axisKey(yr)] = k === 0 ? { ...ys, domain: [0, 1] } : { ...ys, domain: [0, 1], showticklabels: false, title: undefined };
        return layoutSubplots(traces, panelLayout, { x: side + gutter + k * (boxW + gap), y, w: boxW, h }, shared)[0];
      });
    // Square panels are short: lay them out once to learn their height, then centre the strip on the page.
    const h = strip(top + captionH, free - room)[0].box.h;
    const y = top + captionH + Math.max(0, (free - room - h) / 2);
    strip(y, h).forEach((sp, k) => {
      out += drawSubplot(sp, panels[k], style, defs);
      out += caption(sp.box.x + sp.box.w / 2, sp.box.y - 5, titleOf(picks[k]));
    });
    below = y + h + room;
  } else {
    const cellW = (layout.width - 2 * side - (count - 1) * gap) / count;
    const shared = panels.flat();
    panels.forEach((data, k) => {
      const area = { x: side + k * (cellW + gap), y: top + captionH, w: cellW, h: free };
      out += drawScene(data.filter(keep), layout.scene, area, style, shared);
      out += caption(area.x + cellW / 2, area.y - 5, titleOf(picks[k]));
    });
    below = top + captionH + free;
  }
  if (legend) out += drawLegend(legend, (layout.width - legend.w) / 2, below + 4);
  return out;
}
