/**
 * 4. The static picture a notebook saves with every figure, drawn as PNG without a browser: a decision
 * boundary of the W1 network with its 500 points, titled in English and in Chinese, by `renderPng`
 * (DejaVu Sans first, the cut Noto Sans SC second) and by the renderer before the Chinese font
 * (the same drawing rasterised with DejaVu Sans only), alternating. No browser peer runs here;
 * FACTS.md measured plotly in headless Chromium at 0.4-1 s per figure on this kind of machine.
 */
import type { Figure } from "../lib/figures/figure";
import { plot, renderPng, Sequential } from "../lib/index";
import { LATIN_FONT_FILES, rasterize } from "../lib/render/png";
import { renderSvg } from "../lib/render/svg";
import { formatTable } from "../lib/util/table";

/** Warm-up renders of each side, then alternating rounds (each side once per round, per figure). */
const WARMUP = 3;
const ROUNDS = 20;

/** The renderer before the Chinese font: the same drawing, DejaVu Sans only. */
function renderDejaVuOnly(fig: Figure): Uint8Array {
  return rasterize(renderSvg(fig).replace(/font-family="[^"]*"/, 'font-family="DejaVu Sans"'), LATIN_FONT_FILES, 1);
}

/** `fig` with its title, axis titles and trace names in Chinese, as the Chinese edition draws it. */
function inChinese(fig: Figure): Figure {
  const names: Record<string, string> = { output: "输出", "output = 0.5": "输出 = 0.5", train: "训练集" };
  return {
    data: fig.data.map((t) => ("name" in t && t.name ? { ...t, name: names[t.name] ?? t.name } : t)) as Figure["data"],
    layout: {
      ...fig.layout,
      title: { text: "决策边界：轮次 (epoch) 5000" },
      xaxis: { ...fig.layout.xaxis, title: { text: "大小 x1" } },
      yaxis: { ...fig.layout.yaxis, title: { text: "颜色 x2" } },
    },
  };
}

/** The median of `values`. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Milliseconds taken by `fn`. */
function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** A duration for people: "52.3 ms" or "0.412 ms" (three significant digits). */
function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toPrecision(3)} s` : `${ms.toPrecision(3)} ms`;
}

/** Times both renderers on the English and the Chinese figure; prints the table, returns the summary rows. */
export function benchPicture(model: Sequential, train: { X: number[][]; y: number[] }): string[][] {
  const english = plot.decisionBoundary(model, { train });
  const figures = [
    { label: "English titles", fig: english },
    { label: "Chinese titles", fig: inChinese(english) },
  ];
  const rows: string[][] = [];
  const summary: string[][] = [];
  for (const { label, fig } of figures) {
    for (let i = 0; i < WARMUP; i++) {
      renderDejaVuOnly(fig);
      renderPng(fig);
    }
    const before: number[] = [];
    const after: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      before.push(time(() => renderDejaVuOnly(fig)));
      after.push(time(() => renderPng(fig)));
    }
    const ratio = median(after.map((a, i) => a / before[i]));
    rows.push([`${label}: DejaVu Sans only (before)`, formatMs(median(before)), formatMs(Math.min(...before)), ""]);
    rows.push([`${label}: DejaVu + Noto Sans SC (renderPng)`, formatMs(median(after)), formatMs(Math.min(...after)), `${ratio.toFixed(2)}x`]);
    summary.push([`decision boundary as PNG, ${label}`, `renderPng ${formatMs(median(after))}   DejaVu only ${formatMs(median(before))}   ${ratio.toFixed(2)}x   (target <= 2x)`]);
  }
  console.log(`4. Static picture: decision boundary (40 x 40 grid, 500 points) as PNG (${ROUNDS} renders of each, alternating)`);
  console.log(formatTable([["", "median", "min", "after / before"], ...rows], { align: ["left", "right", "right", "right"], indent: "  " }));
  console.log("  after / before: the median of the per-round ratios. Plotly in headless Chromium: 0.4-1 s per figure (FACTS.md)\n");
  return summary;
}
