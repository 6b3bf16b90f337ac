import { strict as assert } from "assert";
import { printed } from "./helpers";
import { claim, datasets, Dense, exercise, formatRate, formatSpread, formatTally, liveView, plot, printTable, Sequential, setLanguage, SGD, spread, spreadColumns } from "../lib/index";
import { describeFigure } from "../lib/notebook/display";
import { recordChecks, stopRecordingChecks } from "../lib/notebook/lesson";
import { Figure } from "../lib/figures/figure";
import { isMessage, message, MESSAGES, MessageKey, placeholders } from "../lib/util/messages";
import { displayWidth, formatTable } from "../lib/util/table";

function model(): Sequential {
  const m = new Sequential({ seed: 1 });
  m.add(new Dense({ units: 3, activation: "relu", inputDim: 2 }));
  m.add(new Dense({ units: 1, activation: "sigmoid" }));
  m.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
  return m;
}

const { train, test } = datasets.trainTestSplit(datasets.circle({ n: 60, seed: 1 }), { seed: 2 });

/** Every text a reader sees in a figure: titles, axis titles, legend names, annotations, button and slider labels. */
function shownTexts(fig: Figure): string[] {
  type Titled = { title?: { text: string } };
  const layout = fig.layout as unknown as Record<string, unknown>;
  const axes = Object.keys(layout).filter((k) => /^[xyz]axis\d*$/.test(k)).map((k) => (layout[k] as Titled).title?.text);
  const scene = layout.scene as Record<string, Titled> | undefined;
  const sceneAxes = scene ? ["xaxis", "yaxis", "zaxis"].map((k) => scene[k]?.title?.text) : [];
  const menus = ((fig.layout.updatemenus ?? []) as { buttons: { label: string }[] }[]).flatMap((m) => m.buttons.map((b) => b.label));
  const steps = ((fig.layout.sliders ?? []) as { steps: { label: string }[] }[]).flatMap((s) => s.steps.map((st) => st.label));
  const legends = fig.data.filter((t) => (t as { showlegend?: boolean }).showlegend !== false).map((t) => t.name);
  return [fig.layout.title?.text, ...axes, ...sceneAxes, ...legends, ...(fig.layout.annotations ?? []).map((a) => a.text), ...menus, ...steps]
    .filter((t): t is string => typeof t === "string" && t !== "");
}

/** Letters other than the math and the names that stay as they are in both languages (x1, f(z), sigmoid, relu). */
function latinWords(texts: string[]): string[] {
  return texts.flatMap((t) => t.replace(/\b(x1|x2|z|f|dL|dW|sigmoid|relu|tanh|linear)\b/gi, "").match(/[A-Za-z]{2,}/g) ?? []);
}

describe("message catalogue", () => {
  afterEach(() => setLanguage(undefined));

  it("every English word has a Chinese twin and back, none empty, both with the same {placeholders}", () => {
    const en = Object.keys(MESSAGES.en).sort();
    assert.deepEqual(Object.keys(MESSAGES.zh).sort(), en);
    for (const key of en as MessageKey[]) {
      for (const lang of ["en", "zh"] as const) assert.ok(MESSAGES[lang][key].trim() !== "", `${lang} ${key} is empty`);
      assert.deepEqual(placeholders(MESSAGES.zh[key]).sort(), placeholders(MESSAGES.en[key]).sort(), `placeholders of ${key}`);
    }
  });

  it("Chinese words have Chinese punctuation around Chinese text, never ASCII ':' or ',' after a Chinese character", () => {
    for (const [key, text] of Object.entries(MESSAGES.zh)) assert.doesNotMatch(text, /[\u4e00-\u9fff][:,;]/, key);
  });

  it("message fills in its placeholders as given, and refuses a missing or an unused value", () => {
    setLanguage("en");
    assert.equal(message("legend.layerUnits", { layer: 2, units: 8 }), "layer 2 (8 units)");
    assert.equal(message("exercise.right", { name: "{layer}" }), "✓ {layer}: right", "a value's own braces stay");
    setLanguage("zh");
    assert.equal(message("legend.layerUnits", { layer: 2, units: 8 }), "第 2 层（8 个神经元）");
    assert.throws(() => message("legend.layerUnits", { layer: 2 }), /message\("legend.layerUnits"\): no value for \{units\}/);
    assert.throws(() => message("legend.layer", { layer: 1, unit: 3 }), /got a value for \{unit\}, which its text does not use; it uses \{layer\}/);
    assert.throws(() => message("no.such" as MessageKey), /no word "no.such" in lib\/util\/messages.ts/);
  });

  it("isMessage matches a key's text in any language, so code branches on keys", () => {
    assert.ok(isMessage("accuracy", "axis.accuracy"));
    assert.ok(isMessage("准确率", "axis.accuracy"));
    assert.ok(!isMessage("loss", "axis.accuracy"));
  });

  it("setLanguage('zh') switches formatRate, formatTally and formatSpread, and back", () => {
    setLanguage("zh");
    assert.equal(formatRate({ count: 19, total: 20 }), "20 个种子中 19 个，95% 置信区间 76-99%");
    assert.equal(formatRate({ count: 19, total: 20 }, "runs"), "20 次运行中 19 次，95% 置信区间 76-99%");
    assert.equal(formatRate({ count: 3, total: 4 }, "豆豆"), "4 个豆豆中 3 个，95% 置信区间 30-95%");
    assert.equal(formatTally({ count: 17, total: 20 }), "20 个中 17 个");
    assert.equal(formatSpread(spread([0.91, 0.97, 1])), "中位数 0.97（最小 0.91，最大 1.00），共 3 次运行");
    setLanguage("en");
    assert.equal(formatRate({ count: 19, total: 20 }), "19 of 20 seeds, 95% CI 76-99%");
    assert.equal(formatRate({ count: 19, total: 20 }, "runs"), "19 of 20 runs, 95% CI 76-99%");
    assert.equal(formatTally({ count: 17, total: 20 }), "17 of 20");
    assert.equal(formatSpread(spread([0.91, 0.97, 1])), "median 0.97 (min 0.91, max 1.00) over 3 runs");
    assert.throws(() => formatRate({ count: 1, total: 2 }, 3 as unknown as string), /formatRate: what must be the word counted, such as "seeds" or "runs", got 3/);
  });

  it("printTable shows spreadColumns' keys in the current language, lined up by display width; given headers win", () => {
    const rows = [{ model: "3 个神经元", ...spreadColumns([0.9, 0.95, 1]) }, { model: "ReLU", ...spreadColumns([0.5, 0.6, 0.7]) }];
    setLanguage("zh");
    const zh = printed(() => printTable(rows, { headers: { model: "模型" } }))[0].split("\n");
    assert.deepEqual(zh, [
      "模型        中位数  最小  最大",
      "----------  ------  ----  ----",
      "3 个神经元  0.95    0.9   1",
      "ReLU        0.6     0.5   0.7",
    ]);
    setLanguage("en");
    assert.deepEqual(printed(() => printTable(rows))[0].split("\n"), [
      "model       median  min  max",
      "----------  ------  ---  ---",
      "3 个神经元  0.95    0.9  1",
      "ReLU        0.6     0.5  0.7",
    ]);
  });

  it("exercise lines and a failing claim's line switch language, and back", () => {
    const lines = () => printed(() => {
      exercise("E1", undefined, () => true);
      exercise("E1", 3, (a) => a === 3 || "try 3");
      exercise("E1", 2, (a) => a === 3 || "try 3");
      exercise("E1", 2, () => { throw new Error("boom"); });
    });
    setLanguage("zh");
    assert.deepEqual(lines(), ["· E1：还没作答", "✓ E1：正确", "✗ E1：还不对。try 3", "✗ E1：还不对。你的答案运行出错了：boom"]);
    recordChecks();
    try {
      assert.deepEqual(printed(() => claim("三个神经元围住圆圈", false, "准确率 0.71")), ["✗ 三个神经元围住圆圈（实测：准确率 0.71）"]);
      assert.deepEqual(printed(() => claim("三个神经元围住圆圈", true, "准确率 0.98")), ["✓ 三个神经元围住圆圈（准确率 0.98）"]);
    } finally {
      stopRecordingChecks();
    }
    setLanguage("en");
    assert.deepEqual(lines(), ["· E1: not attempted yet", "✓ E1: right", "✗ E1: not yet. try 3", "✗ E1: not yet. your answer raised an error: boom"]);
    assert.throws(() => claim("3 neurons", false, "0.71"), /claim no longer holds: 3 neurons \(measured: 0.71\)/, "the error stays English");
  });

  it("historyPlot and runsPlot: Chinese titles, axis titles and legends under zh; English again after", async () => {
    const m = model();
    const history = await m.fit(train.X, train.y, { epochs: 3, verbose: 0, validationData: [test.X, test.y] });
    setLanguage("zh");
    const zhHistory = plot.historyPlot(history);
    assert.equal(zhHistory.layout.title?.text, "训练过程");
    assert.deepEqual([zhHistory.layout.xaxis?.title?.text, zhHistory.layout.yaxis?.title?.text, zhHistory.layout.yaxis2?.title?.text], ["轮次", "代价函数", "准确率"]);
    assert.deepEqual(zhHistory.data.map((t) => t.name), ["训练集代价函数", "验证集代价函数", "训练集准确率", "验证集准确率"]);
    const runs = plot.runsPlot([{ name: "ReLU", runs: [[0.5, 0.7, 0.9]] }], { marks: [2] });
    assert.equal(runs.layout.yaxis?.title?.text, "准确率");
    assert.equal(runs.layout.yaxis?.tickformat, ".0%", "accuracy in Chinese still gets percent ticks");
    assert.equal(runs.data[1].name, "第 2 轮");
    assert.equal(plot.runsPlot([{ name: "a", runs: [[1, 2]] }], { yTitle: "accuracy" }).layout.yaxis?.tickformat, ".0%");
    assert.equal(plot.runsPlot([{ name: "a", runs: [[1, 2]] }], { yTitle: "代价函数" }).layout.yaxis?.tickformat, undefined);
    setLanguage("en");
    const enHistory = plot.historyPlot(history);
    assert.equal(enHistory.layout.title?.text, "Training history");
    assert.deepEqual([enHistory.layout.xaxis?.title?.text, enHistory.layout.yaxis?.title?.text], ["epoch", "loss"]);
    assert.equal(zhHistory.layout.title?.text, "训练过程", "a figure keeps the language it was built in");
  });

  it("every figure builder's default words are Chinese under zh: no English word left but math and activation names", async () => {
    const m = model();
    const film = plot.snapshots(m, [0, 2]);
    const history = await m.fit(train.X, train.y, { epochs: 2, verbose: 0, recordGradients: true, recordDeadUnits: true, callbacks: film.callbacks });
    setLanguage("zh");
    const figures: Record<string, Figure> = {
      decisionBoundary: plot.decisionBoundary(m, { train, test, gridSize: 8 }),
      dataPlot: plot.dataPlot({ train, test }),
      surface3d: plot.surface3d(m, { train, gridSize: 8 }),
      neuronMaps: plot.neuronMaps(m, { gridSize: 6 }),
      filmstrip: plot.filmstrip(m, film.snapshots, { gridSize: 6 }),
      animation: plot.animation(m, film.snapshots, { train, gridSize: 6 }),
      gradientPlot: plot.gradientPlot(history),
      deadUnitsPlot: plot.deadUnitsPlot(history, m),
      activationPlot: plot.activationPlot([m.layers[0].activation]),
      runsPlot: plot.runsPlot([{ name: "ReLU", runs: [[0.5, 0.7]] }]),
    };
    for (const [name, fig] of Object.entries(figures)) {
      assert.deepEqual(latinWords(shownTexts(fig)), [], `${name} shows English words`);
      assert.match(fig.layout.title?.text ?? "", /[\u4e00-\u9fff]/, `${name}'s title`);
    }
    assert.deepEqual(figures.decisionBoundary.data.slice(2).map((t) => t.name), ["训练集", "测试集"]);
    assert.deepEqual(figures.gradientPlot.data.map((t) => t.name), ["第 1 层", "输出层"]);
    assert.equal(figures.deadUnitsPlot.data[0].name, "第 1 层（3 个神经元）");
    assert.equal((figures.animation.layout.updatemenus as { buttons: { label: string }[] }[])[0].buttons[0].label, "播放");
    assert.deepEqual(figures.filmstrip.layout.annotations?.map((a) => a.text), ["第 0 轮", "第 2 轮"]);
    assert.equal(describeFigure(figures.dataPlot), "图“豆豆”（460x440；scatter）");
    setLanguage("en");
    assert.equal(describeFigure(plot.dataPlot({ train })), 'Figure "The beans" (460x440; scatter)');
  });

  it("liveView's title says the epoch in the current language; the metric keys stay as they are", async () => {
    const titles: string[] = [];
    const jupyter = require("tslab/dist/jupyter");
    jupyter.lastWriteDisplayData = (msg: { data: Record<string, string> }) => void titles.push(msg.data["text/plain"]);
    setLanguage("zh");
    try {
      const m = model();
      await m.fit(train.X, train.y, { epochs: 2, verbose: 0, callbacks: liveView(m, { train, gridSize: 6, every: 60000 }) });
    } finally {
      jupyter.lastWriteDisplayData = null;
    }
    assert.match(titles[0], /^图“训练中：第 0 轮”/);
    assert.match(titles[titles.length - 1], /^图“训练中：第 2 轮，loss [\d.]+，accuracy [\d.]+”/);
  });
});

describe("formatTable by display width", () => {
  it("counts CJK and full-width characters as two columns, others as one", () => {
    assert.equal(displayWidth("豆豆"), 4);
    assert.equal(displayWidth("第 1 层，ok"), 11);
    assert.equal(displayWidth("ＡＢ"), 4);
    assert.equal(displayWidth("≤ × ✓ é"), 7);
  });

  it("lines Chinese columns up where a monospace font shows them, and leaves English tables as they were", () => {
    const zh = formatTable([["种子", "准确率"], ["1", "0.9"], ["12", "1"]], { align: ["right", "left"], rule: true });
    assert.equal(zh, "种子  准确率\n----  ------\n   1  0.9\n  12  1");
    const en = formatTable([["seed", "accuracy"], ["1", "0.9"], ["12", "1"]], { align: ["right", "left"], rule: true, indent: "  " });
    assert.equal(en, "  seed  accuracy\n  ----  --------\n     1  0.9\n    12  1");
  });
});
