/// <reference lib="dom" />
/**
 * Real plotly.js (npm plotly.js-dist-min) in a local page in Chromium: renders figure JSON, and reports
 * what Plotly.validate finds and any page error. No network: the page and plotly.js are local files.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";

/** What rendering one figure in plotly.js found. */
export interface PlotlyReport {
  /** Plotly.validate's messages, less its false alarms on the args of sliders and menus. */
  invalid: string[];
  /** Errors the page threw or logged while plotting. */
  errors: string[];
  /** What plotly drew: the title's text and font size, and each axis's tick labels. */
  drawn: {
    /** The title as drawn, its font size in pixels, and whether it lies within the figure's width. */
    title: string; titleSize: number; titleFits: boolean;
    /** Tick labels of each axis, keyed "x", "y", "x2", ... */
    ticks: Record<string, string[]>;
    /** Stroke colours of the contour lines. */
    contourColors: string[];
    /** Zero lines drawn. */
    zeroLines: number;
    /** Pairs of parts that overlap on the page: the legend, the axis titles, the slider, the Play button. */
    overlaps: string[];
  };
}

/** validate reports each step's `args` of sliders and menus as invalid: they are a method's arguments, not a schema. */
const FALSE_ALARM = /^layout\.(sliders|updatemenus)\.\d+\.(steps|buttons)\.\d+\.args\b/;

/** A page with plotly.js loaded, ready to render figures one after another. */
export async function plotlyPage(browser: Browser): Promise<{ page: Page; render: (figure: unknown) => Promise<PlotlyReport> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-plotly-"));
  const script = require.resolve("plotly.js-dist-min");
  fs.writeFileSync(path.join(dir, "index.html"), `<!DOCTYPE html><html><head><meta charset="utf-8"><script src="file://${script}"></script></head><body><div id="plot" style="display:inline-block"></div></body></html>`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on("pageerror", (error) => void errors.push(error.message));
  page.on("console", (message) => void (message.type() === "error" && errors.push(message.text())));
  await page.goto(`file://${path.join(dir, "index.html")}`);
  await page.waitForFunction(() => typeof (window as unknown as { Plotly?: unknown }).Plotly === "object", undefined, { timeout: 30_000 });
  const render = async (figure: unknown): Promise<PlotlyReport> => {
    errors.length = 0;
    const result = await page.evaluate(async (fig) => {
      const P = (window as unknown as { Plotly: any }).Plotly;
      const f = JSON.parse(fig);
      const invalid: string[] = [];
      let validateError = "";
      try {
        for (const m of P.validate(f.data, f.layout) ?? []) invalid.push(`${m.container}${m.trace === null ? "" : `[${m.trace}]`}.${m.path.join(".")}: ${m.msg}`);
      } catch (error) {
        validateError = `Plotly.validate threw: ${(error as Error).message}`;
      }
      const div = document.getElementById("plot") as HTMLElement;
      P.purge(div);
      await P.newPlot(div, f.data, f.layout, { staticPlot: false });
      if (f.frames) await P.addFrames(div, f.frames);
      const title = div.querySelector(".gtitle") as SVGTextElement | null;
      const box = title?.getBBox();
      const ticks: Record<string, string[]> = {};
      div.querySelectorAll("g.xtick text, g.ytick text").forEach((t) => {
        const axis = (t.getAttribute("data-unformatted") === null ? "" : t.parentElement?.parentElement?.getAttribute("class") ?? "").replace(/tick$/, "");
        (ticks[axis || "?"] ??= []).push(t.textContent ?? "");
      });
      const contourColors = Array.from(div.querySelectorAll("g.contourlevel path")).map((p) => (p as SVGPathElement).style.stroke);
      const zeroLines = div.querySelectorAll("g.zerolinelayer path").length;
      const parts = Array.from(div.querySelectorAll("g.legend, g.g-xtitle text, g.g-x2title text, g.g-x3title text, g.slider-container, g.updatemenu-container"))
        .map((el) => ({ name: el.getAttribute("class") ?? el.parentElement?.getAttribute("class") ?? "", box: el.getBoundingClientRect() }))
        .filter((p) => p.box.width > 0 && p.box.height > 0);
      const overlaps: string[] = [];
      for (let i = 0; i < parts.length; i++) {
        for (let j = i + 1; j < parts.length; j++) {
          const [a, b] = [parts[i].box, parts[j].box];
          const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (w > 2 && h > 2) overlaps.push(`${parts[i].name} / ${parts[j].name}`);
        }
      }
      return {
        invalid, validateError,
        drawn: {
          title: title?.textContent ?? "", titleSize: Number.parseFloat(title?.style.fontSize ?? "0"),
          titleFits: !box || (box.x >= 0 && box.x + box.width <= f.layout.width), ticks, contourColors, zeroLines, overlaps,
        },
      };
    }, JSON.stringify(figure));
    return {
      invalid: [...result.invalid.filter((m) => !FALSE_ALARM.test(m)), ...(result.validateError ? [result.validateError] : [])],
      errors: errors.slice(),
      drawn: result.drawn,
    };
  };
  return { page, render };
}
