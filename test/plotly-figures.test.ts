import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Browser } from "playwright-core";
import type { Figure } from "../lib/index";
import { launchChromium } from "../scripts/lab/chromium";
import { gallery } from "../scripts/lab/gallery";
import { PlotlyReport, plotlyPage } from "../scripts/lab/plotly-page";

const NOTEBOOKS = path.join(__dirname, "..", "notebooks");
const PLOTLY = "application/vnd.plotly.v1+json";

/** Every plotly figure saved in the lessons' outputs, named by notebook and title. */
function savedFigures(): { name: string; figure: Figure }[] {
  return fs.readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort().flatMap((file) => {
    const notebook = JSON.parse(fs.readFileSync(path.join(NOTEBOOKS, file), "utf8")) as { cells: { outputs?: { data?: Record<string, unknown> }[] }[] };
    return notebook.cells.flatMap((cell) => (cell.outputs ?? []).flatMap((out) => {
      const figure = out.data?.[PLOTLY] as Figure | undefined;
      return figure ? [{ name: `${file}: ${figure.layout.title?.text ?? "untitled"}`, figure }] : [];
    }));
  });
}

/** What is wrong with a figure as real plotly.js draws it: nothing, for every figure beanlab makes. */
function problems(figure: Figure, report: PlotlyReport): string[] {
  const found = [...report.invalid.map((m) => `Plotly.validate: ${m}`), ...report.errors.map((e) => `page error: ${e}`)];
  if (!report.drawn.titleFits) found.push(`title does not fit: "${report.drawn.title}" at ${report.drawn.titleSize}px in ${figure.layout.width}px`);
  const light = report.drawn.contourColors.filter((c) => (c.match(/\d+/g) ?? []).slice(0, 3).some((v) => Number(v) > 100));
  if (light.length) found.push(`contour lines not dark: ${light.join(", ")}`);
  if (report.drawn.zeroLines > 0) found.push(`${report.drawn.zeroLines} zero lines drawn`);
  for (const pair of report.drawn.overlaps) found.push(`overlap: ${pair}`);
  const log = Object.keys(figure.layout).some((k) => /^[xy]axis\d*$/.test(k) && (figure.layout[k as `yaxis${string}`] ?? {}).type === "log");
  const digits = Object.values(report.drawn.ticks).flat().filter((t) => /^[2-9]$/.test(t));
  if (log && digits.length) found.push(`log axis shows minor digits ${digits.join(" ")} instead of values`);
  return found;
}

describe("figures in real plotly.js (Chromium)", function () {
  this.timeout(300_000);
  let browser: Browser;
  let render: (figure: unknown) => Promise<PlotlyReport>;

  before(async () => {
    browser = await launchChromium();
    ({ render } = await plotlyPage(browser));
  });

  after(async () => {
    await browser?.close();
  });

  async function check(figures: { name: string; figure: Figure }[]): Promise<void> {
    const bad: string[] = [];
    for (const { name, figure } of figures) {
      for (const problem of problems(figure, await render(figure))) bad.push(`${name}: ${problem}`);
    }
    assert.deepEqual(bad, []);
  }

  it("every kind of figure the library builds draws cleanly: valid, dark boundary, readable log axes, nothing on top of anything", async () => {
    const figures = await gallery();
    assert.ok(figures.length >= 16);
    await check(figures);
  });

  it("every figure saved in the lessons draws cleanly (after the lessons are re-run with npm run lessons)", async () => {
    const figures = savedFigures();
    assert.ok(figures.length > 0, "the lessons keep their figures");
    await check(figures);
  });

  it("the check itself sees the faults it is there for", async () => {
    const z = [[0, 1], [1, 0]];
    const bad: Figure = {
      data: [{ type: "contour", x: [0, 1], y: [0, 1], z, contours: { start: 0.5, end: 0.5, size: 1, coloring: "lines" as "none" }, line: { color: "#333333", width: 2 } }],
      layout: { title: { text: "A title far too long for a figure only two hundred pixels wide" }, width: 200, height: 200, xaxis: {}, yaxis: { type: "log" } },
    };
    const found = problems(bad, await render(bad)).join("\n");
    assert.match(found, /line\.color/);
    assert.match(found, /title does not fit/);
    assert.match(found, /contour lines not dark/);
    assert.match(found, /zero lines drawn/);
  });
});
