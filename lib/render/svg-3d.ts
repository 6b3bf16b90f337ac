/** The static form of a 3D scene: a parallel projection seen from the camera's eye, back panes with grids,
 * then the surface's triangles and the points painted back to front, and ticks and titles on three box edges. */
import type { Scatter3dTrace, Scene, SurfaceTrace, Trace } from "../figures/figure";
import { makeTicks } from "./svg-axes";
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

/** Draws the surfaces and 3D points of data in box (plotly's aspectmode "cube": each axis spans the box);
 * axis ranges come from rangeData (every frame of an animation). */
export function drawScene(data: Trace[], scene: Scene | undefined, box: Box, style: Style, rangeData: Trace[]): string {
  const surfaces = data.filter((t): t is SurfaceTrace => t.type === "surface");
  const points = data.filter((t): t is Scatter3dTrace => t.type === "scatter3d");
  const all = rangeData.filter((t): t is SurfaceTrace | Scatter3dTrace => t.type === "surface" || t.type === "scatter3d");
  const zs = all.flatMap((t) => (t.type === "surface" ? t.z.flat() : t.z));
  const ranges: [number, number][] = [rangeOf(all.flatMap((t) => t.x)), rangeOf(all.flatMap((t) => t.y)), rangeOf(zs, scene?.zaxis?.range)];
  const norm = (v: number, a: number): number => (2 * (v - ranges[a][0])) / (ranges[a][1] - ranges[a][0]) - 1;

  const eye = scene?.camera?.eye ?? { x: 1.25, y: 1.25, z: 1.25 };
  const toward = unit([-eye.x, -eye.y, -eye.z]);
  let right = unit(cross(toward, [0, 0, 1]));
  if (Math.hypot(right[0], right[1], right[2]) < 0.5) right = [1, 0, 0];
  const up = cross(right, toward);

  const project = (p: V3): [number, number] => [dot(p, right), -dot(p, up)];
  const corners: V3[] = [];
  for (const x of [-1, 1]) for (const y of [-1, 1]) for (const z of [-1, 1]) corners.push([x, y, z]);
  const span = (a: number[]): number => Math.max(...a) - Math.min(...a);
  // A first scale, with rough room for the labels, only sets how many ticks fit along each edge.
  const rough = Math.min((box.w - 6 * style.tick) / span(corners.map((c) => project(c)[0])), (box.h - 5 * style.tick) / span(corners.map((c) => project(c)[1])));

  // The side of each axis whose face looks at the eye; panes are the other three faces, as in plotly.
  const front = [0, 1, 2].map((a) => (toward[a] <= 0 ? 1 : -1));
  // Ticks go on the floor's front edges for x and y, and on the left upright edge for z.
  const uprights: V3[] = [[front[0], -front[1], 0], [-front[0], front[1], 0]];
  const edges: V3[] = [[0, front[1], -front[2]], [front[0], 0, -front[2]], project(uprights[0])[0] <= project(uprights[1])[0] ? uprights[0] : uprights[1]];
  const titles = [scene?.xaxis?.title?.text ?? "x", scene?.yaxis?.title?.text ?? "y", scene?.zaxis?.title?.text ?? "z"];
  const ticks = [0, 1, 2].map((a) => {
    const along: V3 = [0, 0, 0];
    along[a] = 2;
    const [du, dv] = project(along);
    return makeTicks({}, ranges[a], Math.max(0, rough) * Math.hypot(du, dv), a === 2 ? "y" : "x", style.tick);
  });
  // Labels sit a fixed number of pixels out from their point on the box, away from its axis.
  const labels: { p: V3; dx: number; dy: number; w: number; h: number; label: string; size: number; tick: boolean }[] = [];
  edges.forEach((out, a) => {
    const [u, v] = project(out);
    const [ox, oy] = [u / (Math.hypot(u, v) || 1), v / (Math.hypot(u, v) || 1)];
    const reach = (w: number, h: number): number => Math.abs(ox) * w + Math.abs(oy) * h;
    let farthest = 0;
    for (const t of ticks[a]) {
      if (!t.label) continue;
      const p: V3 = [out[0], out[1], out[2]];
      p[a] = norm(t.u, a);
      const w = textWidth(t.label, style.tick);
      const d = 8 + reach(w, style.tick) / 2;
      farthest = Math.max(farthest, reach(w, style.tick));
      labels.push({ p, dx: ox * d, dy: oy * d, w, h: style.tick, label: t.label, size: style.tick, tick: true });
    }
    const w = textWidth(titles[a], style.title);
    const d = 8 + farthest + 6 + reach(w, style.title) / 2;
    labels.push({ p: out, dx: ox * d, dy: oy * d, w, h: style.title, label: titles[a], size: style.title, tick: false });
  });

  // The largest scale at which the box and its labels fit the area, found by bisection; then centre them.
  const bounds = (s: number): [number, number, number, number] => {
    const xs: number[] = [];
    const ys: number[] = [];
    for (const c of corners) {
      const [u, v] = project(c);
      xs.push(s * u);
      ys.push(s * v);
    }
    for (const l of labels) {
      const [u, v] = project(l.p);
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
  const at = (p: V3): [number, number] => {
    const [u, v] = project(p);
    return [cx + s * u, cy + s * v];
  };

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
      const u = norm(t.u, (a + 1) % 3);
      grid += line(face(a, side, u, -1), face(a, side, u, 1));
    }
    for (const t of ticks[(a + 2) % 3]) {
      const v = norm(t.u, (a + 2) % 3);
      grid += line(face(a, side, -1, v), face(a, side, 1, v));
    }
    panes += `<path d="${grid}" fill="none" stroke="#ffffff" stroke-width="1"/>`;
  }

  const items: { depth: number; svg: string }[] = [];
  const light = unit([-toward[0], -toward[1], -toward[2] + 1]);
  for (const t of surfaces) {
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
        const q = ij.map(([i, j], k): V3 => [norm(t.x[j], 0), norm(t.y[i], 1), norm(zs[k], 2)]);
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
  }
  for (const t of points) {
    const m = t.marker ?? {};
    const colors = Array.isArray(m.color) ? m.color : undefined;
    const base = typeof m.color === "string" ? m.color : traceColor(data.indexOf(t));
    const outline = m.line && m.line.width > 0 ? `${paint("stroke", m.line.color)} stroke-width="${px(m.line.width)}"` : "";
    const r = ((m.size ?? 8) * style.marker) / 2;
    const n = Math.min(t.x.length, t.y.length, t.z.length);
    for (let k = 0; k < n; k++) {
      const p: V3 = [norm(t.x[k], 0), norm(t.y[k], 1), norm(t.z[k], 2)];
      if (!p.every(isFinite)) continue;
      const [x, y] = at(p);
      const fill = paint("fill", colors ? colors[k] ?? base : base);
      items.push({ depth: dot(p, toward) - POINT_LIFT, svg: `<circle cx="${px(x)}" cy="${px(y)}" r="${px(r)}"${fill}${outline}/>` });
    }
  }
  items.sort((a, b) => b.depth - a.depth);

  let marks = "";
  let text3d = "";
  for (const l of labels) {
    const [x, y] = at(l.p);
    if (l.tick) marks += `M${px(x)} ${px(y)}l${px((4 * l.dx) / Math.hypot(l.dx, l.dy))} ${px((4 * l.dy) / Math.hypot(l.dx, l.dy))}`;
    const attrs = l.tick ? ` class="tick"` : "";
    text3d += text(x + l.dx, baseline(y + l.dy, "middle", l.label, l.size), l.label, l.size, { anchor: "middle", attrs });
  }
  return `${panes}${items.map((i) => i.svg).join("")}<path d="${marks}" stroke="${INK}" stroke-width="1"/>${text3d}`;
}
