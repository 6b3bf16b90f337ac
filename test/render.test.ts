import { strict as assert } from "assert";
import { mkdirSync, writeFileSync } from "fs";
import * as path from "path";
import UPNG from "upng-js";
import type { Figure, Frame, HeatmapTrace, ScatterTrace } from "../lib/figures/figure";
import { renderPng } from "../lib/render/png";
import { renderSvg } from "../lib/render/svg";

// Set RENDER_CHECK_DIR to write every test figure's PNG there and look at them.
const CHECK_DIR = process.env.RENDER_CHECK_DIR;

/** A small deterministic generator, so the figures hold the same points on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const range = (lo: number, hi: number, n: number): number[] => Array.from({ length: n }, (_, k) => lo + ((hi - lo) * k) / (n - 1));
const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
const SCALE: [number, string][] = [[0, "#2166ac"], [0.5, "#f7f7f7"], [1, "#b2182b"]];

/** Probability of "toxic" over the plane: high inside an egg-shaped region around (-2, 1.5), low elsewhere. */
function probability(x: number, y: number): number {
  return sigmoid(1.5 * y + 4 - 2 * Math.hypot(x + 2, y));
}

/** Two clouds of beans, 250 each, coloured by class. */
function beans(): { toxic: ScatterTrace; safe: ScatterTrace } {
  const rand = lcg(7);
  const toxic: [number, number][] = [];
  const safe: [number, number][] = [];
  while (toxic.length < 250 || safe.length < 250) {
    const x = rand() * 12 - 6;
    const y = rand() * 12 - 6;
    const list = probability(x, y) > 0.5 ? toxic : safe;
    if (list.length < 250) list.push([x, y]);
  }
  const trace = (pts: [number, number][], name: string, color: string): ScatterTrace => ({
    type: "scatter",
    mode: "markers",
    name,
    x: pts.map((p) => p[0]),
    y: pts.map((p) => p[1]),
    marker: { color, size: 7, line: { color: "#ffffff", width: 1 } },
  });
  return { toxic: trace(toxic, "toxic", "#d62728"), safe: trace(safe, "not toxic", "#1f77b4") };
}

/** The lesson's decision-boundary picture: probability heatmap, its 0.5 line and the beans. */
function decisionFigure(n = 60): Figure {
  const x = range(-6, 6, n);
  const y = range(-6, 6, n);
  const z = y.map((yi) => x.map((xj) => probability(xj, yi)));
  const { toxic, safe } = beans();
  return {
    data: [
      { type: "heatmap", x, y, z, colorscale: SCALE, zmin: 0, zmax: 1, showscale: true, colorbar: { title: { text: "P(toxic)" } } },
      { type: "contour", x, y, z, contours: { start: 0.5, end: 0.5, size: 1, coloring: "none" }, line: { color: "#000000", width: 2 } },
      toxic,
      safe,
    ],
    layout: {
      width: 600,
      height: 450,
      title: { text: "Decision boundary after 5000 epochs" },
      xaxis: { title: { text: "size x₁" }, range: [-6, 6] },
      yaxis: { title: { text: "colour x₂" }, range: [-6, 6], scaleanchor: "x" },
    },
  };
}

/** z = x² + y² on [-3, 3]² every 0.25, with its level-2 line, on a plot whose box is known exactly. */
function circleFigure(): Figure {
  const x = range(-3, 3, 25);
  const y = range(-3, 3, 25);
  const z = y.map((yi) => x.map((xj) => xj * xj + yi * yi));
  return {
    data: [{ type: "contour", x, y, z, contours: { start: 2, end: 2, size: 1, coloring: "none" }, line: { color: "#222222", width: 1.5, dash: "dash" } }],
    layout: { width: 400, height: 400, margin: { l: 50, r: 50, t: 50, b: 50 }, xaxis: { range: [-3, 3] }, yaxis: { range: [-3, 3] } },
  };
}

/** Training and validation loss over 1000 epochs on a log axis; validation has a gap. */
function lossFigure(): Figure {
  const epochs = range(1, 1000, 200);
  const train = epochs.map((e) => 0.9 * Math.pow(e, -0.95) + 0.0008);
  const val = epochs.map((e, k) => (k >= 80 && k < 100 ? null : 0.95 * Math.pow(e, -0.8) + 0.003));
  return {
    data: [
      { type: "scatter", mode: "lines", name: "training", x: epochs, y: train },
      { type: "scatter", mode: "lines", name: "validation", x: epochs, y: val, line: { dash: "dash" } },
    ],
    layout: {
      width: 600,
      height: 400,
      title: { text: "Loss" },
      xaxis: { title: { text: "epoch" } },
      yaxis: { title: { text: "MSE" }, type: "log" },
      legend: { x: 0.98, y: 0.98 },
    },
  };
}

/** Four panels of a 2 x 2 grid, titled by annotations, with percent, fixed-decimal and hidden tick labels. */
function gridFigure(): Figure {
  const t = range(0, 10, 50);
  const sub = (k: number): { xaxis: string; yaxis: string } => ({ xaxis: k ? `x${k + 1}` : "x", yaxis: k ? `y${k + 1}` : "y" });
  const domains: [number, number][][] = [[[0, 0.45], [0.575, 1]], [[0.55, 1], [0.575, 1]], [[0, 0.45], [0, 0.425]], [[0.55, 1], [0, 0.425]]];
  const titles = ["Accuracy", "Weights", "Gradient norm", "Dead units"];
  const layout: Figure["layout"] = {
    width: 700,
    height: 500,
    showlegend: false,
    annotations: titles.map((text, k) => ({
      text: `<b>${text}</b>`,
      x: (domains[k][0][0] + domains[k][0][1]) / 2,
      y: domains[k][1][1],
      xref: "paper" as const,
      yref: "paper" as const,
      xanchor: "center" as const,
      yanchor: "bottom" as const,
      showarrow: false as const,
      font: { size: 14 },
    })),
  };
  domains.forEach(([xd, yd], k) => {
    const s = k ? String(k + 1) : "";
    layout[`xaxis${s}`] = { domain: xd, anchor: `y${s}`, title: { text: "epoch" } };
    layout[`yaxis${s}`] = { domain: yd, anchor: `x${s}` };
  });
  layout.yaxis = { ...layout.yaxis, tickformat: ".0%", range: [0, 1] };
  layout.yaxis2 = { ...layout.yaxis2, tickformat: ".2f" };
  layout.yaxis4 = { ...layout.yaxis4, showticklabels: false };
  return {
    data: [
      { type: "scatter", mode: "lines", x: t, y: t.map((v) => 1 - 0.5 * Math.exp(-v / 2)), ...sub(0) },
      { type: "scatter", mode: "lines+markers", x: t, y: t.map((v) => 0.3 * Math.sin(v)), marker: { symbol: "square", size: 5 }, ...sub(1) },
      { type: "scatter", mode: "markers", x: t, y: t.map((v) => Math.exp(-v / 3)), marker: { symbol: "x", size: 8, color: "#9467bd" }, ...sub(2) },
      { type: "scatter", mode: "markers", x: t, y: t.map((v) => Math.floor(v / 2)), marker: { color: t.map((v) => (v > 5 ? "#d62728" : "rgba(31,119,180,0.6)")) }, ...sub(3) },
    ],
    layout,
  };
}

/** The course's 3D picture: the network's output as a surface over the plane, beans at height 0 and 1. */
function surfaceFigure(): Figure {
  const x = range(-6, 6, 121);
  const y = range(-6, 6, 121);
  const z = y.map((yi) => x.map((xj) => probability(xj, yi)));
  const { toxic, safe } = beans();
  const pts = [...toxic.x.map((v, k) => [v, toxic.y[k] as number, 1]), ...safe.x.map((v, k) => [v, safe.y[k] as number, 0])].filter((_, k) => k % 5 === 0);
  return {
    data: [
      { type: "surface", x, y, z, colorscale: SCALE, cmin: 0, cmax: 1, showscale: true },
      { type: "scatter3d", mode: "markers", name: "beans", x: pts.map((p) => p[0]), y: pts.map((p) => p[1]), z: pts.map((p) => p[2]), marker: { size: 5, color: pts.map((p) => (p[2] ? "#d62728" : "#1f77b4")), line: { color: "#ffffff", width: 0.5 } } },
    ],
    layout: {
      width: 600,
      height: 500,
      title: { text: "Output of the network over the plane" },
      scene: { xaxis: { title: { text: "x₁" } }, yaxis: { title: { text: "x₂" } }, zaxis: { title: { text: "ŷ" }, range: [0, 1] } },
    },
  };
}

/** An animation of the decision boundary: each frame replaces the heatmap and contour z. */
function animationFigure(count: number): Figure {
  const base = decisionFigure(30);
  const grid = base.data[0] as HeatmapTrace;
  const frames: Frame[] = Array.from({ length: count }, (_, k) => {
    const sharp = (k + 1) / count;
    const z = grid.y.map((yi) => grid.x.map((xj) => sigmoid(sharp * (1.5 * yi + 4 - 2 * Math.hypot(xj + 2, yi)) + (1 - sharp) * 0.3 * xj)));
    return { name: `epoch ${(k + 1) * 100}`, data: [{ z }, { z }], traces: [0, 1], layout: { title: { text: `epoch ${(k + 1) * 100}` } } };
  });
  return { ...base, layout: { ...base.layout, title: { text: "Training, frame by frame" } }, frames };
}

/** A decoded PNG: size and RGBA pixels. */
function decodePng(png: Uint8Array): { width: number; height: number; rgba: Uint8Array } {
  assert.deepEqual([...png.subarray(0, 8)], [137, 80, 78, 71, 13, 10, 26, 10], "PNG signature");
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  return { width: image.width, height: image.height, rgba: new Uint8Array(UPNG.toRGBA8(image)[0]) };
}

/** The pixel at (x, y) as [r, g, b]. */
function pixel(img: { width: number; rgba: Uint8Array }, x: number, y: number): number[] {
  const k = 4 * (Math.round(y) * img.width + Math.round(x));
  return [img.rgba[k], img.rgba[k + 1], img.rgba[k + 2]];
}

/** Renders a figure, checks what every PNG must satisfy, and returns the SVG and the decoded image. */
function render(name: string, fig: Figure, scale = 1): { svg: string; img: ReturnType<typeof decodePng> } {
  const png = renderPng(fig, { scale });
  if (CHECK_DIR) {
    mkdirSync(CHECK_DIR, { recursive: true });
    writeFileSync(path.join(CHECK_DIR, `${name}.png`), png);
  }
  const img = decodePng(png);
  assert.equal(img.width, Math.round(fig.layout.width * scale), "PNG width");
  assert.equal(img.height, Math.round(fig.layout.height * scale), "PNG height");
  const colours = new Set<number>();
  let ink = 0;
  for (let k = 0; k < img.width * img.height; k++) {
    const [r, g, b] = [img.rgba[4 * k], img.rgba[4 * k + 1], img.rgba[4 * k + 2]];
    colours.add((r << 16) | (g << 8) | b);
    if (r + g + b < 600) ink++;
  }
  assert.ok(colours.size >= 20, `${name}: only ${colours.size} colours`);
  assert.ok(ink > 0.01 * img.width * img.height, `${name}: only ${ink} non-white pixels`);
  assert.deepEqual(renderPng(fig, { scale }), png, `${name}: a second render differs`);
  return { svg: renderSvg(fig), img };
}

/** Text contents of the SVG's text elements with a class. */
function texts(svg: string, cls: string): string[] {
  return [...svg.matchAll(new RegExp(`<text[^>]* class="${cls}"[^>]*>(.*?)</text>`, "g"))].map((m) => m[1].replace(/<[^>]+>/g, ""));
}

/** A tick label as a number ("−" is a minus, "10⁻³" a power of ten, "k" thousands, "%" hundredths). */
function labelValue(label: string): number {
  const sup = "⁰¹²³⁴⁵⁶⁷⁸⁹";
  const power = /^10([⁻]?)([⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/.exec(label);
  if (power) return Math.pow(10, (power[1] ? -1 : 1) * Number([...power[2]].map((d) => sup.indexOf(d)).join("")));
  const v = Number(label.replace("−", "-").replace(/[k%]$/, ""));
  return label.endsWith("k") ? v * 1000 : label.endsWith("%") ? v / 100 : v;
}

/** Asserts labels are at least three evenly spaced multiples of a 1-2-5 step. */
function assertNiceTicks(labels: string[], what: string): void {
  const v = labels.map(labelValue);
  assert.ok(v.length >= 3 && v.every(isFinite), `${what}: ${labels.join(" ")}`);
  const step = v[1] - v[0];
  const mantissa = step / Math.pow(10, Math.floor(Math.log10(step) + 1e-9));
  assert.ok([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6), `${what}: step ${step}`);
  v.forEach((x, k) => assert.ok(Math.abs(x - v[0] - k * step) < 1e-6 * Math.max(1, Math.abs(step) * k), `${what}: ${labels.join(" ")}`));
  v.forEach((x) => assert.ok(Math.abs(x / step - Math.round(x / step)) < 1e-6, `${what}: ${x} is not a multiple of ${step}`));
}

/** Attributes of the first element of a kind with a given attribute. */
function attrsOf(svg: string, tag: string, must: string): Record<string, string> {
  const m = new RegExp(`<${tag}[^>]*${must}[^>]*>`).exec(svg);
  assert.ok(m, `no <${tag}> with ${must}`);
  return Object.fromEntries([...m[0].matchAll(/([\w:-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
}

describe("static figures", () => {
  it("draws a decision boundary: heatmap the right way up, 0.5 line, beans, colour bar, legend", () => {
    const fig = decisionFigure();
    const { svg } = render("decision", fig);
    assert.deepEqual(texts(svg, "legend"), ["toxic", "not toxic"]);
    assertNiceTicks(texts(svg, "xtick"), "x ticks");
    assertNiceTicks(texts(svg, "ytick"), "y ticks");
    assertNiceTicks(texts(svg, "bartick"), "colour bar ticks");
    assert.ok(svg.includes("P(toxic)") && svg.includes("Decision boundary after 5000 epochs"));
    assert.equal((svg.match(/<circle /g) ?? []).length, 502, "one circle per bean and per legend sample");
    assert.ok(/class="contour" d="M/.test(svg), "the 0.5 line is drawn");
    // Square units: the heatmap covers [-6, 6]² and must be drawn square.
    const im = attrsOf(svg, "image", "optimizeQuality");
    assert.ok(Math.abs(Number(im.width) - Number(im.height)) < 0.5, `heatmap ${im.width} x ${im.height}`);
    // Row 0 of z is y = -6, at the bottom as plotly draws it: high values around (-2, 1.3) reach y = 4.5, not y = -4.
    const bare = render("decision-heatmap", { ...fig, data: [fig.data[0]] });
    const [x0, y0, w, h] = ["x", "y", "width", "height"].map((k) => Number(attrsOf(bare.svg, "image", "optimizeQuality")[k]));
    const at = (x: number, y: number): number[] => pixel(bare.img, x0 + ((x + 6) / 12) * w, y0 + ((6 - y) / 12) * h);
    for (const [x, y, red] of [[-2, 4.5, true], [-2, -4, false], [4, 4, false]] as [number, number, boolean][]) {
      const [r, , b] = at(x, y);
      assert.ok(red ? r > b + 60 : b > r + 60, `(${x}, ${y}) should be ${red ? "red" : "blue"}, is ${at(x, y)}`);
    }
  });

  it("draws the level line of x² + y² = 2 within a cell of the circle of radius √2, closed", () => {
    const fig = circleFigure();
    const { svg } = render("circle", fig);
    const d = attrsOf(svg, "path", 'class="contour"').d;
    assert.ok(attrsOf(svg, "path", 'class="contour"')["stroke-dasharray"], "dashed");
    // The box is the page inside the margins: 50..350 for x in [-3, 3], 350..50 for y.
    const pts = [...d.matchAll(/(-?[\d.]+) (-?[\d.]+)/g)].map((m) => [((Number(m[1]) - 50) / 300) * 6 - 3, 3 - ((Number(m[2]) - 50) / 300) * 6]);
    assert.ok(pts.length >= 16, `${pts.length} points`);
    for (const [x, y] of pts) assert.ok(Math.abs(Math.hypot(x, y) - Math.SQRT2) < 0.25, `(${x}, ${y}) is off the circle`);
    const angles = new Set(pts.map(([x, y]) => Math.floor(((Math.atan2(y, x) + Math.PI) / (2 * Math.PI)) * 8) % 8));
    assert.equal(angles.size, 8, "the line goes all around");
    assert.deepEqual(pts[0], pts[pts.length - 1], "the loop is closed");
  });

  it("draws a log axis with ticks at powers of ten and a line broken where values are missing", () => {
    const fig = lossFigure();
    const { svg } = render("loss", fig);
    const ys = texts(svg, "ytick").map(labelValue);
    assert.ok(ys.length >= 3, `y ticks ${texts(svg, "ytick")}`);
    for (const v of ys) assert.ok(Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9, `${v} is not a power of ten`);
    assertNiceTicks(texts(svg, "xtick"), "x ticks");
    assert.deepEqual(texts(svg, "legend"), ["training", "validation"]);
    const validation = [...svg.matchAll(/<path d="([^"]*L[^"]*)"[^>]*stroke-dasharray/g)].map((m) => m[1]);
    assert.equal(validation.length, 1);
    assert.equal((validation[0].match(/M/g) ?? []).length, 2, "the gap splits the line in two");
    // A higher loss is drawn higher on the page.
    const first = /M([\d.]+) ([\d.]+)/.exec(validation[0]) as RegExpExecArray;
    const last = /([\d.]+) ([\d.]+)$/.exec(validation[0]) as RegExpExecArray;
    assert.ok(Number(first[2]) < Number(last[2]));
  });

  it("draws a 2 x 2 grid with annotation titles, percent and fixed-decimal ticks, hidden labels", () => {
    const fig = gridFigure();
    const { svg, img } = render("grid", fig, 2);
    assert.equal((svg.match(/<clipPath /g) ?? []).length, 4, "four subplots");
    for (const title of ["Accuracy", "Weights", "Gradient norm", "Dead units"]) assert.ok(svg.includes(`<tspan font-weight="bold">${title}</tspan>`), title);
    const ys = texts(svg, "ytick");
    const percent = ys.filter((l) => l.endsWith("%"));
    assert.ok(percent.length >= 3 && percent.every((l) => /^\d+%$/.test(l)), `percent ticks ${percent}`);
    assertNiceTicks(percent, "percent ticks");
    const fixed = ys.filter((l) => /^−?\d+\.\d\d$/.test(l));
    assert.ok(fixed.length >= 3, `.2f ticks ${ys}`);
    assert.equal(ys.length, percent.length + fixed.length + ys.filter((l) => /^\d(\.\d)?$/.test(l)).length, `no labels on the fourth y axis: ${ys}`);
    assert.equal(img.width, 1400);
  });

  it("draws a surface with the beans at heights 0 and 1, painted back to front", () => {
    const fig = surfaceFigure();
    const { svg } = render("surface", fig);
    // matplotlib's default of at most 50 x 50 grid lines: 49 x 49 cells of two triangles, plus three back panes.
    const patches = (svg.match(/<path d="M[^"]*Z" fill="#/g) ?? []).length;
    assert.equal(patches, 2 * 49 * 49 + 3);
    const beans = [...svg.matchAll(/<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="(#[0-9a-f]{6})"/g)];
    assert.equal(beans.length, (fig.data[1] as { x: number[] }).x.length);
    const meanY = (c: string): number => {
      const ys = beans.filter((b) => b[3] === c).map((b) => Number(b[2]));
      return ys.reduce((a, b) => a + b, 0) / ys.length;
    };
    assert.ok(meanY("#d62728") < meanY("#1f77b4") - 50, "toxic beans (height 1) float above the others");
    for (const t of ["x₁", "x₂", "ŷ"]) assert.ok(svg.includes(`>${t}</text>`), t);
    assert.ok(texts(svg, "tick").length >= 9, "ticks on three axes");
  });

  it("draws an animation as a filmstrip of at most five frames, first and last included", () => {
    const ten = render("animation-10", animationFigure(10));
    const panels = texts(ten.svg, "panel");
    assert.equal(panels.length, 5);
    assert.equal(panels[0], "epoch 100");
    assert.equal(panels[4], "epoch 1000");
    const epochs = panels.map((p) => Number(p.split(" ")[1]));
    assert.ok(epochs.every((e, k) => k === 0 || e > epochs[k - 1]), `${panels}`);
    const four = render("animation-4", animationFigure(4));
    assert.deepEqual(texts(four.svg, "panel"), ["epoch 100", "epoch 200", "epoch 300", "epoch 400"]);
    assert.equal((four.svg.match(/<image /g) ?? []).length, 4, "one heatmap per panel");
    assert.deepEqual(texts(four.svg, "legend"), ["toxic", "not toxic"]);
  });

  it("embeds a tiny heatmap of all-different colours as a whole PNG with exactly its pixels", () => {
    // 10 x 10 cells, 100 colours: a palette PNG of it outgrows upng-js's output buffer and comes out cut off.
    const n = 10;
    const axis = range(-1, 1, n);
    const z = axis.map((_, i) => axis.map((__, j) => i * n + j));
    const fig: Figure = {
      data: [{ type: "heatmap", x: axis, y: axis, z, colorscale: SCALE, zmin: 0, zmax: n * n - 1, zsmooth: false }],
      layout: { width: 200, height: 200 },
    };
    const uri = /xlink:href="data:image\/png;base64,([^"]+)"/.exec(renderSvg(fig));
    assert.ok(uri, "the heatmap is an embedded PNG");
    const bytes = Buffer.from(uri[1], "base64");
    const img = UPNG.decode(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer);
    assert.deepEqual([img.width, img.height], [n, n]);
    const rgba = new Uint8Array(UPNG.toRGBA8(img)[0]);
    const colours = new Set(Array.from({ length: n * n }, (_, k) => rgba.slice(4 * k, 4 * k + 4).join(",")));
    assert.equal(colours.size, n * n, "every cell keeps its own colour");
    assert.ok(Array.from({ length: n * n }, (_, k) => rgba[4 * k + 3]).every((a) => a === 255), "opaque");
  });

  it("labels an axis with its own tickvals and ticktext, those in view only, as plotly does", () => {
    const fig = lossFigure();
    fig.layout.yaxis = { ...fig.layout.yaxis, tickvals: [1e-6, 0.001, 0.01, 0.1, 1, 100], ticktext: ["10⁻⁶", "0.001", "0.01", "0.1", "1", "100"] };
    assert.deepEqual(texts(renderSvg(fig), "ytick"), ["0.01", "0.1", "1"]);
  });

  it("keeps a title's given font size, and still shrinks one too wide for the page", () => {
    const fig = lossFigure();
    fig.layout.title = { text: "Loss", font: { size: 12 } };
    assert.match(renderSvg(fig), /font-size="12"[^>]*>Loss</);
    fig.layout.title = { text: "Loss ".repeat(40), font: { size: 12 } };
    const size = Number(/font-size="([\d.]+)"[^>]*>(Loss )+/.exec(renderSvg(fig))?.[1]);
    assert.ok(size < 12, `${size}`);
  });

  it("names a colour outside the contract", () => {
    const fig = lossFigure();
    (fig.data[0] as ScatterTrace).line = { color: "blue" };
    assert.throws(() => renderSvg(fig), /colour "blue" is not "#rrggbb"/);
  });
});
