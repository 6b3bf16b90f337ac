/** The static form of a 3D scene: a parallel projection seen from the camera's eye, back panes with grids,
 * then the surface's triangles and the points painted back to front, and ticks and titles on three box edges. */
import type { Scatter3dTrace, Scene, SurfaceTrace, Trace } from "../figures/figure";
import { Tick, makeTicks } from "./svg-axes";
import { Box, INK, Style, baseline, colorScale, extent, paint, px, text, textWidth, traceColor } from "./svg-util";

type V3 = [number, number, number];

const dot = (a: V3, b: V3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: V3, b: V3): V3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const sub = (a: V3, b: V3): V3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const unit = (a: V3): V3 => {
  const n = Math.hypot(a[0], a[1], a[2]);
  return n > 0 ? [a[0] / n, a[1] / n, a[2] / n] : a;
};

/** matplotlib draws at most 50 rows and 50 columns of a surface (rcount, ccount); so do we, which keeps the SVG small. */
const MAX_LINES = 50;

/** How far points are pulled towards the eye when sorting, in box units (the box is 2 wide): about two surface cells,
 * so a bean lying on the surface is drawn over the quads around it instead of half under them. */
const POINT_LIFT = 0.1;

/** At most max evenly spaced indices into n items, first and last included. */
function sample(n: number, max: number): number[] {
  const count = Math.min(n, max);
  return Array.from({ length: count }, (_, k) => (count === 1 ? 0 : Math.round((k * (n - 1)) / (count - 1))));
}

/** [min, max] to show: the given range, else the data's, widened when flat. */
function rangeOf(values: number[], given?: [number, number]): [number, number] {
  const e = given ?? extent(values) ?? [0, 1];
  return e[1] > e[0] ? e : [e[0] - 1, e[0] + 1];
}

/** Where the scene's data and camera put things: axis ranges, and the box coordinates seen from the eye. */
interface View {
  /** Shown [min, max] of x, y and z. */
  ranges: [number, number][];
  /** Unit vector from the eye into the scene. */
  toward: V3;
  /** Screen coordinates, y down, of a point of the box [-1, 1]³, before scaling. */
  project: (p: V3) => [number, number];
}

/** A tick label or axis title, placed a fixed number of pixels out from its point on the box. */
interface Label {
  p: V3;
  dx: number;
  dy: number;
  w: number;
  h: number;
  label: string;
  size: number;
  tick: boolean;
}

/** The 8 corners of the box [-1, 1]³. */
const CORNERS: V3[] = [-1, 1].flatMap((x) => [-1, 1].flatMap((y) => [-1, 1].map((z): V3 => [x, y, z])));

/** A value of axis a mapped into the box, [-1, 1]. */
function norm(view: View, v: number, a: number): number {
  return (2 * (v - view.ranges[a][0])) / (view.ranges[a][1] - view.ranges[a][0]) - 1;
}

/** Ranges from every frame's surfaces and points (z from the scene's range when given), and the camera's projection. */
function viewOf(scene: Scene | undefined, rangeData: Trace[]): View {
  const all = rangeData.filter((t): t is SurfaceTrace | Scatter3dTrace => t.type === "surface" || t.type === "scatter3d");
  const zs = all.flatMap((t) => (t.type === "surface" ? t.z.flat() : t.z));
  const ranges: [number, number][] = [rangeOf(all.flatMap((t) => t.x)), rangeOf(all.flatMap((t) => t.y)), rangeOf(zs, scene?.zaxis?.range)];
  const eye = scene?.camera?.eye ?? { x: 1.25, y: 1.25, z: 1.25 };
  const toward = unit([-eye.x, -eye.y, -eye.z]);
  let right = unit(cross(toward, [0, 0, 1]));
  if (Math.hypot(right[0], right[1], right[2]) < 0.5) right = [1, 0, 0];
  const up = cross(right, toward);
  return { ranges, toward, project: (p) => [dot(p, right), -dot(p, up)] };
}

/** The side (+1 or -1) of each axis whose face looks at the eye; the panes are the other three faces, as in plotly. */
function frontOf(view: View): number[] {
  return [0, 1, 2].map((a) => (view.toward[a] <= 0 ? 1 : -1));
}

/** Ticks of the three axes, as many as fit along each box edge at a first, rough scale that leaves room for labels. */
function sceneTicks(view: View, box: Box, style: Style): Tick[][] {
  const span = (a: number[]): number => Math.max(...a) - Math.min(...a);
  const rough = Math.min(
    (box.w - 6 * style.tick) / span(CORNERS.map((c) => view.project(c)[0])),
    (box.h - 5 * style.tick) / span(CORNERS.map((c) => view.project(c)[1])),
  );
  return [0, 1, 2].map((a) => {
    const along: V3 = [0, 0, 0];
    along[a] = 2;
    const [du, dv] = view.project(along);
    return makeTicks({}, view.ranges[a], Math.max(0, rough) * Math.hypot(du, dv), a === 2 ? "y" : "x", style.tick);
  });
}

/** Tick labels and axis titles: x and y on the floor's front edges, z on the left upright edge, each pushed out away from its axis. */
function sceneLabels(view: View, scene: Scene | undefined, ticks: Tick[][], style: Style): Label[] {
  const front = frontOf(view);
  const uprights: V3[] = [[front[0], -front[1], 0], [-front[0], front[1], 0]];
  const edges: V3[] = [[0, front[1], -front[2]], [front[0], 0, -front[2]], view.project(uprights[0])[0] <= view.project(uprights[1])[0] ? uprights[0] : uprights[1]];
  const titles = [scene?.xaxis?.title?.text ?? "x", scene?.yaxis?.title?.text ?? "y", scene?.zaxis?.title?.text ?? "z"];
  const labels: Label[] = [];
  edges.forEach((out, a) => {
    const [u, v] = view.project(out);
    const [ox, oy] = [u / (Math.hypot(u, v) || 1), v / (Math.hypot(u, v) || 1)];
    const reach = (w: number, h: number): number => Math.abs(ox) * w + Math.abs(oy) * h;
    let farthest = 0;
    for (const t of ticks[a]) {
      if (!t.label) continue;
      const p: V3 = [out[0], out[1], out[2]];
      p[a] = norm(view, t.u, a);
      const w = textWidth(t.label, style.tick);
      const d = 8 + reach(w, style.tick) / 2;
      farthest = Math.max(farthest, reach(w, style.tick));
      labels.push({ p, dx: ox * d, dy: oy * d, w, h: style.tick, label: t.label, size: style.tick, tick: true });
    }
    const w = textWidth(titles[a], style.title);
    const d = 8 + farthest + 6 + reach(w, style.title) / 2;
    labels.push({ p: out, dx: ox * d, dy: oy * d, w, h: style.title, label: titles[a], size: style.title, tick: false });
  });
  return labels;
}

/** Pixel position of a box point at the largest scale at which the box and its labels fit in box (found by bisection), centred. */
function fitToBox(view: View, labels: Label[], box: Box): (p: V3) => [number, number] {
  const bounds = (s: number): [number, number, number, number] => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const c of CORNERS) {
      const [u, v] = view.project(c);
      xs.push(s * u);
      ys.push(s * v);
    }
    for (const l of labels) {
      const [u, v] = view.project(l.p);
      xs.push(s * u + l.dx - l.w / 2, s * u + l.dx + l.w / 2);
      ys.push(s * v + l.dy - l.h / 2, s * v + l.dy + l.h / 2);
    }
    return [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  };
  let lo = 0;
  let hi = Math.max(box.w, box.h);
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    const [x0, x1, y0, y1] = bounds(mid);
    if (x1 - x0 <= box.w - 4 && y1 - y0 <= box.h - 4) lo = mid;
    else hi = mid;
  }
  const s = Math.max(lo, 1);
  const [x0, x1, y0, y1] = bounds(s);
  const cx = box.x + box.w / 2 - (x0 + x1) / 2;
  const cy = box.y + box.h / 2 - (y0 + y1) / 2;
  return (p) => {
    const [u, v] = view.project(p);
    return [cx + s * u, cy + s * v];
  };
}

/** The three back panes, grey with white grid lines at the ticks. */
function drawPanes(view: View, ticks: Tick[][], at: (p: V3) => [number, number]): string {
  const front = frontOf(view);
  const face = (a: number, side: number, u: number, v: number): V3 => {
    const p: V3 = [0, 0, 0];
    p[a] = side;
    p[(a + 1) % 3] = u;
    p[(a + 2) % 3] = v;
    return p;
  };
  const line = (p: V3, q: V3): string => `M${at(p).map(px).join(" ")}L${at(q).map(px).join(" ")}`;
  let panes = "";
  for (let a = 0; a < 3; a++) {
    const side = -front[a];
    const outline = [face(a, side, -1, -1), face(a, side, 1, -1), face(a, side, 1, 1), face(a, side, -1, 1)];
    panes += `<path d="M${outline.map((p) => at(p).map(px).join(" ")).join("L")}Z" fill="#e5e5e5" stroke="#b0b0b0" stroke-width="1"/>`;
    let grid = "";
    for (const t of ticks[(a + 1) % 3]) {
      const u = norm(view, t.u, (a + 1) % 3);
      grid += line(face(a, side, u, -1), face(a, side, u, 1));
    }
    for (const t of ticks[(a + 2) % 3]) {
      const v = norm(view, t.u, (a + 2) % 3);
      grid += line(face(a, side, -1, v), face(a, side, 1, v));
    }
    panes += `<path d="${grid}" fill="none" stroke="#ffffff" stroke-width="1"/>`;
  }
  return panes;
}

/** Something drawn in the scene and its distance from the eye, for painting back to front. */
interface Item {
  depth: number;
  svg: string;
}

/** A surface's shaded triangles, two per drawn cell. */
function surfaceItems(view: View, t: SurfaceTrace, at: (p: V3) => [number, number]): Item[] {
  const items: Item[] = [];
  const { toward } = view;
  const light = unit([-toward[0], -toward[1], -toward[2] + 1]);
  const color = colorScale(t.colorscale, t.cmin, t.cmax);
  const opacity = t.opacity ?? 1;
  const rows = sample(t.y.length, MAX_LINES);
  const cols = sample(t.x.length, MAX_LINES);
  const zAt = (i: number, j: number): number => {
    const v = t.z[i]?.[j];
    return typeof v === "number" ? v : NaN;
  };
  for (let r = 0; r + 1 < rows.length; r++) {
    for (let c = 0; c + 1 < cols.length; c++) {
      const ij: [number, number][] = [[rows[r], cols[c]], [rows[r], cols[c + 1]], [rows[r + 1], cols[c + 1]], [rows[r + 1], cols[c]]];
      const zs = ij.map(([i, j]) => zAt(i, j));
      if (!zs.every(isFinite)) continue;
      const q = ij.map(([i, j], k): V3 => [norm(view, t.x[j], 0), norm(view, t.y[i], 1), norm(view, zs[k], 2)]);
      // Two flat triangles per cell: a twisted quad on a steep slope would be drawn as a bow tie.
      for (const [a, b, c] of [[0, 1, 2], [0, 2, 3]]) {
        const tri = [q[a], q[b], q[c]];
        const centre = [0, 1, 2].map((k) => (tri[0][k] + tri[1][k] + tri[2][k]) / 3) as V3;
        // Simple diffuse shading from a light above the eye, so slopes read as slopes.
        const shade = 0.6 + 0.4 * Math.abs(dot(unit(cross(sub(tri[1], tri[0]), sub(tri[2], tri[0]))), light));
        const [R, G, B, A] = color((zs[a] + zs[b] + zs[c]) / 3);
        const rgba: [number, number, number, number] = [R * shade, G * shade, B * shade, A * opacity];
        // Its own colour as outline hides the hairline seams anti-aliasing leaves between opaque triangles.
        const seam = rgba[3] >= 1 ? `${paint("stroke", rgba)} stroke-width="0.6" stroke-linejoin="round"` : "";
        const d = `M${tri.map((p) => at(p).map(px).join(" ")).join("L")}Z`;
        items.push({ depth: dot(centre, toward), svg: `<path d="${d}"${paint("fill", rgba)}${seam}/>` });
      }
    }
  }
  return items;
}

/** A 3D point trace's markers, pulled a little towards the eye; `index` is the trace's place in the data, for its default colour. */
function pointItems(view: View, t: Scatter3dTrace, index: number, style: Style, at: (p: V3) => [number, number]): Item[] {
  const items: Item[] = [];
  const m = t.marker ?? {};
  const colors = Array.isArray(m.color) ? m.color : undefined;
  const base = typeof m.color === "string" ? m.color : traceColor(index);
  const outline = m.line && m.line.width > 0 ? `${paint("stroke", m.line.color)} stroke-width="${px(m.line.width)}"` : "";
  const r = ((m.size ?? 8) * style.marker) / 2;
  const n = Math.min(t.x.length, t.y.length, t.z.length);
  for (let k = 0; k < n; k++) {
    const p: V3 = [norm(view, t.x[k], 0), norm(view, t.y[k], 1), norm(view, t.z[k], 2)];
    if (!p.every(isFinite)) continue;
    const [x, y] = at(p);
    const fill = paint("fill", colors ? colors[k] ?? base : base);
    items.push({ depth: dot(p, view.toward) - POINT_LIFT, svg: `<circle cx="${px(x)}" cy="${px(y)}" r="${px(r)}"${fill}${outline}/>` });
  }
  return items;
}

/** The tick marks, tick labels and axis titles. */
function drawLabels(labels: Label[], at: (p: V3) => [number, number]): string {
  let marks = "";
  let texts = "";
  for (const l of labels) {
    const [x, y] = at(l.p);
    if (l.tick) marks += `M${px(x)} ${px(y)}l${px((4 * l.dx) / Math.hypot(l.dx, l.dy))} ${px((4 * l.dy) / Math.hypot(l.dx, l.dy))}`;
    const attrs = l.tick ? ` class="tick"` : "";
    texts += text(x + l.dx, baseline(y + l.dy, "middle", l.label, l.size), l.label, l.size, { anchor: "middle", attrs });
  }
  return `<path d="${marks}" stroke="${INK}" stroke-width="1"/>${texts}`;
}

/** Draws the surfaces and 3D points of data in box (plotly's aspectmode "cube": each axis spans the box);
 * axis ranges come from rangeData (every frame of an animation). */
export function drawScene(data: Trace[], scene: Scene | undefined, box: Box, style: Style, rangeData: Trace[]): string {
  const view = viewOf(scene, rangeData);
  const ticks = sceneTicks(view, box, style);
  const labels = sceneLabels(view, scene, ticks, style);
  const at = fitToBox(view, labels, box);
  const surfaces = data.filter((t): t is SurfaceTrace => t.type === "surface").flatMap((t) => surfaceItems(view, t, at));
  const points = data.filter((t): t is Scatter3dTrace => t.type === "scatter3d").flatMap((t) => pointItems(view, t, data.indexOf(t), style, at));
  const items = [...surfaces, ...points];
  items.sort((a, b) => b.depth - a.depth);
  return `${drawPanes(view, ticks, at)}${items.map((i) => i.svg).join("")}${drawLabels(labels, at)}`;
}
