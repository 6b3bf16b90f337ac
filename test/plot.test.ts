import { strict as assert } from "assert";
import { activations, datasets, Dense, plot, Sequential, SGD } from "../lib/index";
import { snapshots } from "../lib/engine/snapshots";
import { ContourTrace, Figure, HeatmapTrace, ScatterTrace, SurfaceTrace } from "../lib/figures/figure";
import { logTicks } from "../lib/figures/style";

function trainedOn(output: "sigmoid" | "tanh" = "sigmoid") {
  const model = new Sequential({ seed: 1 });
  model.add(new Dense({ units: 4, activation: "tanh", inputDim: 2 }));
  model.add(new Dense({ units: 3, activation: "relu" }));
  model.add(new Dense({ units: 1, activation: output }));
  model.compile({ loss: "mse", optimizer: new SGD({ learningRate: 0.1 }), metrics: output === "sigmoid" ? ["accuracy"] : [] });
  return model;
}

const { train, test } = datasets.trainTestSplit(datasets.circle({ n: 200, seed: 1 }), { seed: 2 });

function kinds(fig: Figure): string[] {
  return fig.data.map((t) => t.type);
}

describe("figure builders", () => {
  it("decisionBoundary: output heatmap, the 0.5 contour, train and test points in Playground's colours", () => {
    const model = trainedOn();
    const fig = plot.decisionBoundary(model, { train, test, gridSize: 30 });
    assert.deepEqual(kinds(fig), ["heatmap", "contour", "scatter", "scatter"]);
    const heat = fig.data[0] as HeatmapTrace;
    assert.equal(heat.z.length, 30);
    assert.equal(heat.z[0].length, 30);
    assert.deepEqual([heat.zmin, heat.zmax], [0, 1]);
    // Row i of z is at y[i]: the grid's first value is the model's output at the region's corner.
    const corner = model.predict([[heat.x[0], heat.y[0]]])[0][0];
    assert.ok(Math.abs(heat.z[0][0] - corner) <= 0.005, "shades keep 2 decimals");
    const contour = fig.data[1] as ContourTrace;
    assert.equal(contour.contours.start, 0.5);
    assert.equal(contour.contours.end, 0.5);
    const [trainPts, testPts] = fig.data.slice(2) as ScatterTrace[];
    assert.equal(trainPts.x.length, train.X.length);
    assert.equal(testPts.x.length, test.X.length);
    const colors = trainPts.marker?.color as string[];
    train.y.forEach((label, i) => assert.equal(colors[i], label === 1 ? plot.COLORS.positive : plot.COLORS.negative));
    assert.equal(fig.layout.yaxis?.scaleanchor, "x", "square units keep the circle round");
    assert.ok(JSON.stringify(fig).length < 60000, "small enough for a notebook");
  });

  it("decisionBoundary for a tanh output uses [-1, 1] and the 0 contour; discretize paints two values", () => {
    const model = trainedOn("tanh");
    const fig = plot.decisionBoundary(model, { train, discretize: true, gridSize: 20 });
    const heat = fig.data[0] as HeatmapTrace;
    assert.deepEqual([heat.zmin, heat.zmax], [-1, 1]);
    assert.deepEqual([...new Set(heat.z.flat())].sort(), [-1, 1].filter((v) => heat.z.flat().includes(v)).sort());
    assert.equal(heat.zsmooth, false);
    assert.equal((fig.data[1] as ContourTrace).contours.start, 0);
  });

  it("surface3d: the output surface over the plane and the points at height = label", () => {
    const model = trainedOn();
    const fig = plot.surface3d(model, { train, gridSize: 25 });
    assert.deepEqual(kinds(fig), ["surface", "scatter3d"]);
    assert.equal((fig.data[0] as SurfaceTrace).z.length, 25);
    assert.deepEqual((fig.data[1] as { z: number[] }).z, train.y);
    assert.ok(fig.layout.scene?.camera);
  });

  it("historyPlot: loss (log) and accuracy side by side, validation dashed", async () => {
    const model = trainedOn();
    const history = await model.fit(train.X, train.y, { epochs: 12, verbose: 0, validationData: test });
    const fig = plot.historyPlot(history);
    assert.deepEqual(fig.data.map((t) => (t as ScatterTrace).name), ["training loss", "validation loss", "training accuracy", "validation accuracy"]);
    assert.equal((fig.data[0] as ScatterTrace).x.length, 12);
    assert.equal((fig.data[1] as ScatterTrace).line?.dash, "dash");
    assert.equal(fig.layout.yaxis?.type, "log");
    assert.equal((fig.data[2] as ScatterTrace).yaxis, "y2");
  });

  it("neuronMaps: one map per neuron, a column per layer, on its own axes", () => {
    const model = trainedOn();
    const fig = plot.neuronMaps(model, { train, gridSize: 12 });
    assert.equal(fig.data.length, 4 + 3 + 1);
    const axes = new Set(fig.data.map((t) => (t as HeatmapTrace).xaxis));
    assert.equal(axes.size, 8);
    assert.deepEqual(fig.layout.annotations?.map((a) => a.text), ["hidden layer 1 (tanh)", "hidden layer 2 (relu)", "output (sigmoid)"]);
    const tanhMap = fig.data[0] as HeatmapTrace;
    assert.deepEqual([tanhMap.zmin, tanhMap.zmax], [-1, 1]);
  });

  it("activationPlot: each function and its derivative; sigmoid's slope never exceeds 0.25", () => {
    const fig = plot.activationPlot([activations.sigmoid, activations.relu]);
    assert.equal(fig.data.length, 4);
    const sigmoidSlope = fig.data[1] as ScatterTrace;
    assert.equal(sigmoidSlope.yaxis, "y2");
    assert.equal(Math.max(...(sigmoidSlope.y as number[])), 0.25);
  });

  it("gradientPlot and deadUnitsPlot read the recorded diagnostics, and say how to record them", async () => {
    const model = trainedOn();
    const history = await model.fit(train.X, train.y, { epochs: 5, verbose: 0, recordGradients: true, recordDeadUnits: true });
    const grad = plot.gradientPlot(history);
    assert.equal(grad.data.length, 3);
    assert.equal(grad.layout.yaxis?.type, "log");
    assert.equal(grad.data[2].name, "output layer");
    const dead = plot.deadUnitsPlot(history, model);
    assert.equal(dead.data.length, 2, "hidden layers only");
    const plain = await trainedOn().fit(train.X, train.y, { epochs: 2, verbose: 0 });
    assert.throws(() => plot.gradientPlot(plain), /train with fit\(X, y, \{ recordGradients: true \}\)/);
    assert.throws(() => plot.deadUnitsPlot(plain, model), /recordDeadUnits: true/);
  });

  it("snapshots + filmstrip: one panel per recorded epoch, and the model keeps its own weights", async () => {
    const model = trainedOn();
    const film = plot.snapshots(model, [0, 1, 5, 20]);
    await model.fit(train.X, train.y, { epochs: 20, verbose: 0, callbacks: film.callbacks });
    assert.deepEqual(film.snapshots.map((s) => s.epoch), [0, 1, 5, 20]);
    const weights = model.getWeights();
    const fig = plot.filmstrip(model, film.snapshots, { train, gridSize: 16 });
    assert.deepEqual(model.getWeights(), weights);
    assert.equal(fig.data.filter((t) => t.type === "heatmap").length, 4);
    assert.deepEqual(fig.layout.annotations?.map((a) => a.text), ["epoch 0", "epoch 1", "epoch 5", "epoch 20"]);
    const first = fig.data[0] as HeatmapTrace;
    const last = fig.data[fig.data.length - 3] as HeatmapTrace;
    assert.notDeepEqual(first.z, last.z, "the panels show different epochs");
  });

  it("animation: a frame per snapshot with slider and play button", async () => {
    const model = trainedOn();
    const film = plot.snapshots(model, [0, 2, 4]);
    await model.fit(train.X, train.y, { epochs: 4, verbose: 0, callbacks: film.callbacks });
    const fig = plot.animation(model, film.snapshots, { train });
    assert.deepEqual(fig.frames?.map((f) => f.name), ["epoch 0", "epoch 2", "epoch 4"]);
    assert.deepEqual(fig.frames?.[0].traces, [0, 1]);
    assert.equal((fig.layout.sliders as unknown[]).length, 1);
    assert.deepEqual((fig.data[0] as HeatmapTrace).z, (fig.frames?.[0].data[0] as HeatmapTrace).z, "the figure starts at the first frame");
  });
});

describe("dataPlot", () => {
  it("draws the beans alone, coloured by label, and refuses an empty call", () => {
    const fig = plot.dataPlot({ train, test });
    assert.deepEqual(kinds(fig), ["scatter", "scatter"]);
    assert.equal((fig.data[0] as ScatterTrace).x.length, train.X.length);
    assert.throws(() => plot.dataPlot({}), /dataPlot: nothing to draw; give train and\/or test/);
  });
});

describe("sideBySide and neuronLines", () => {
  it("sideBySide puts each picture on its own square axes with its title and region", () => {
    const model = trainedOn();
    const fig = plot.sideBySide([
      { title: "the beans", figure: plot.dataPlot({ train, region: { x: [-7, 7], y: [-7, 7] } }) },
      { title: "the model", figure: plot.decisionBoundary(model, { test, gridSize: 10 }) },
    ], { title: "Two pictures" });
    assert.deepEqual(fig.data.map((t) => `${t.type}@${(t as ScatterTrace).xaxis}`), ["scatter@x", "heatmap@x2", "contour@x2", "scatter@x2"]);
    assert.deepEqual(fig.layout.xaxis?.range, [-7, 7]);
    assert.equal(fig.layout.yaxis2?.scaleanchor, "x2");
    assert.deepEqual(fig.layout.annotations?.map((a) => a.text), ["the beans", "the model"]);
    assert.throws(() => plot.sideBySide([]), /sideBySide: no pictures/);
    assert.throws(() => plot.sideBySide([{ title: "3D", figure: plot.surface3d(model, { gridSize: 5 }) }]), /2D figures of the plane/);
  });

  it("neuronLines draws each first-layer neuron's z = 0 line: both ends satisfy w·x + b = 0", () => {
    const model = new Sequential({ seed: 1 });
    model.add(new Dense({ units: 3, activation: "tanh", inputDim: 2 }));
    model.setWeights([[[1, 0, 2], [2, 1, 0]], [0.5, -3, 1]]);
    const lines = plot.neuronLines(model, { region: { x: [-6, 6], y: [-6, 6] } });
    assert.equal(lines.length, 3);
    const W = [[1, 0, 2], [2, 1, 0]];
    const b = [0.5, -3, 1];
    lines.forEach((line, j) => {
      for (let k = 0; k < 2; k++) {
        const z = W[0][j] * line.x[k] + W[1][j] * (line.y[k] as number) + b[j];
        assert.ok(Math.abs(z) < 0.01, `neuron ${j + 1}, end ${k}: z = ${z}`);
      }
    });
    assert.deepEqual(lines[2].x, [-0.5, -0.5], "a vertical line (w2 = 0) spans the region in y");
    model.setWeights([[[0, 0, 2], [0, 1, 0]], [0.5, -3, 1]]);
    assert.equal(plot.neuronLines(model).length, 2, "no line for a neuron with both weights 0");
  });
});

/** Each trace as "type@xaxis,yaxis" (3D traces as their type alone), and the layout's 2D axes. */
function shape(fig: Figure): { traces: string[]; axes: string[] } {
  const traces = fig.data.map((t) => (t.type === "surface" || t.type === "scatter3d" ? t.type : `${t.type}@${t.xaxis ?? "x"},${t.yaxis ?? "y"}`));
  const axes = Object.keys(fig.layout).filter((k) => /^[xy]axis\d*$/.test(k) && fig.layout[k as "xaxis"] !== undefined);
  return { traces, axes };
}

const times = (n: number, s: string): string[] => Array.from({ length: n }, () => s);
const panelAxes = (n: number): string[] => Array.from({ length: n }, (_, k) => (k === 0 ? ["xaxis", "yaxis"] : [`xaxis${k + 1}`, `yaxis${k + 1}`])).flat();

describe("every plot function's traces and axes", () => {
  it("each figure has the traces it should, on the axes it declares; every plot.* figure builder is covered", async () => {
    const model = trainedOn();
    const film = plot.snapshots(model, [0, 2, 4]);
    const history = await model.fit(train.X, train.y, { epochs: 4, verbose: 0, validationData: test, recordGradients: true, recordDeadUnits: true, callbacks: film.callbacks });
    const noAccuracy = await trainedOn("tanh").fit(train.X, train.y, { epochs: 2, verbose: 0 });
    const single = ["xaxis", "yaxis"];
    const pair = ["xaxis", "yaxis", "xaxis2", "yaxis2"];
    const cases: [string, Figure, { traces: string[]; axes: string[] }][] = [
      ["decisionBoundary", plot.decisionBoundary(model, { gridSize: 8 }), { traces: ["heatmap@x,y", "contour@x,y"], axes: single }],
      ["decisionBoundary", plot.decisionBoundary(model, { train, test, neuronLines: true, discretize: true, gridSize: 8 }),
        { traces: ["heatmap@x,y", "contour@x,y", "scatter@x,y", "scatter@x,y", ...times(4, "scatter@x,y")], axes: single }],
      ["dataPlot", plot.dataPlot({ train, test }), { traces: ["scatter@x,y", "scatter@x,y"], axes: single }],
      ["sideBySide", plot.sideBySide([{ title: "a", figure: plot.dataPlot({ train }) }, { title: "b", figure: plot.decisionBoundary(model, { gridSize: 6 }) }]),
        { traces: ["scatter@x,y", "heatmap@x2,y2", "contour@x2,y2"], axes: panelAxes(2) }],
      ["neuronMaps", plot.neuronMaps(model, { gridSize: 6 }),
        { traces: Array.from({ length: 8 }, (_, k) => (k === 0 ? "heatmap@x,y" : `heatmap@x${k + 1},y${k + 1}`)), axes: panelAxes(8) }],
      ["surface3d", plot.surface3d(model, { train, test, gridSize: 6 }), { traces: ["surface", "scatter3d", "scatter3d"], axes: [] }],
      ["historyPlot", plot.historyPlot(history), { traces: ["scatter@x,y", "scatter@x,y", "scatter@x2,y2", "scatter@x2,y2"], axes: pair }],
      ["historyPlot", plot.historyPlot(noAccuracy), { traces: ["scatter@x,y"], axes: single }],
      ["gradientPlot", plot.gradientPlot(history), { traces: times(3, "scatter@x,y"), axes: single }],
      ["deadUnitsPlot", plot.deadUnitsPlot(history, model), { traces: times(2, "scatter@x,y"), axes: single }],
      ["activationPlot", plot.activationPlot([activations.sigmoid, activations.relu]), { traces: ["scatter@x,y", "scatter@x2,y2", "scatter@x,y", "scatter@x2,y2"], axes: pair }],
      ["runsPlot", plot.runsPlot([{ name: "a", runs: [[0.5, 1], [0.6, 0.9]] }, { name: "b", runs: [[0.4, 0.5]] }], { marks: [1] }), { traces: times(4, "scatter@x,y"), axes: single }],
      ["filmstrip", plot.filmstrip(model, film.snapshots, { train, gridSize: 6 }),
        { traces: [0, 1, 2].flatMap((k) => ["heatmap", "contour", "scatter"].map((t) => (k === 0 ? `${t}@x,y` : `${t}@x${k + 1},y${k + 1}`))), axes: panelAxes(3) }],
      ["animation", plot.animation(model, film.snapshots, { train, gridSize: 6 }), { traces: ["heatmap@x,y", "contour@x,y", "scatter@x,y"], axes: single }],
    ];
    for (const [name, fig, expected] of cases) assert.deepEqual(shape(fig), expected, name);
    const covered = new Set(cases.map(([name]) => name));
    const builders = Object.entries(plot).filter(([name, f]) => typeof f === "function" && !["outputScale", "neuronLines", "snapshots"].includes(name)).map(([name]) => name);
    assert.deepEqual(builders.filter((name) => !covered.has(name)), [], "figure builders without a shape check");
  });

  it("every 2D trace's axes exist in the layout, and every panel axis is anchored to its partner", async () => {
    const model = trainedOn();
    const film = plot.snapshots(model, [0, 1]);
    await model.fit(train.X, train.y, { epochs: 1, verbose: 0, callbacks: film.callbacks });
    const figures = [
      plot.sideBySide([{ title: "a", figure: plot.dataPlot({ train }) }, { title: "b", figure: plot.dataPlot({ test }) }]),
      plot.neuronMaps(model, { gridSize: 6 }),
      plot.filmstrip(model, film.snapshots, { gridSize: 6 }),
    ];
    for (const fig of figures) {
      for (const t of fig.data) {
        if (t.type === "surface" || t.type === "scatter3d") continue;
        const [x, y] = [t.xaxis ?? "x", t.yaxis ?? "y"];
        const xa = fig.layout[`xaxis${x.slice(1)}`];
        const ya = fig.layout[`yaxis${y.slice(1)}`];
        assert.ok(xa && ya, `${t.type} on ${x}, ${y}: axes missing`);
        assert.deepEqual([xa.anchor, ya.anchor], [y, x]);
        assert.deepEqual([xa.showticklabels, ya.showticklabels], [false, false], "panels hide their ticks");
      }
    }
    const maps = figures[1];
    assert.equal(maps.layout.yaxis?.scaleanchor, undefined, "neuron maps fill their cells");
    assert.equal(figures[2].layout.yaxis2?.scaleanchor, "x2", "filmstrip panels are square");
  });
});

describe("snapshots", () => {
  it("plot.snapshots is the engine's recorder", () => {
    assert.equal(plot.snapshots, snapshots);
  });
});

describe("what plotly and the PNG must agree on", () => {
  const model = trainedOn();
  const history = model.fit(train.X, train.y, { epochs: 30, verbose: 0, recordGradients: true, recordDeadUnits: true });

  it("the decision boundary is a contour plotly draws in its own dark line colour, with no legend entry", () => {
    const contour = plot.decisionBoundary(model, { train }).data[1] as ContourTrace;
    assert.equal(contour.contours.coloring, "none", 'with "lines" plotly ignores line.color');
    assert.equal(contour.line.color, "#333333");
    assert.equal(contour.showlegend, false);
  });

  it("log axes carry readable 1-2-5 ticks; no axis draws a zero line", async () => {
    const h = await history;
    for (const fig of [plot.historyPlot(h), plot.gradientPlot(h)]) {
      const y = fig.layout.yaxis!;
      assert.equal(y.type, "log");
      for (const v of y.tickvals ?? []) assert.match(String(v), /^(0\.0*)?[125](0*)?$|^1e-\d+$/, `${v}`);
      assert.equal(y.ticktext?.length, y.tickvals?.length);
    }
    assert.deepEqual(logTicks([0.013, 0.6]), { tickvals: [0.02, 0.05, 0.1, 0.2, 0.5], ticktext: ["0.02", "0.05", "0.1", "0.2", "0.5"] });
    assert.deepEqual(logTicks([1e-9, 1e-1])?.ticktext, ["10⁻⁸", "10⁻⁶", "10⁻⁴", "10⁻²"]);
    assert.equal(logTicks([0.4, 0.7]), null, "too short a range: plain ticks read well");
    const figures = [plot.historyPlot(h), plot.gradientPlot(h), plot.deadUnitsPlot(h, model), plot.decisionBoundary(model, { train }),
      plot.sideBySide([{ title: "a", figure: plot.dataPlot({ train }) }]), plot.neuronMaps(model), plot.activationPlot([activations.relu])];
    for (const fig of figures) {
      for (const [key, axis] of Object.entries(fig.layout)) if (/^[xy]axis\d*$/.test(key)) assert.equal((axis as { zeroline?: boolean }).zeroline, false, `${fig.layout.title?.text} ${key}`);
    }
  });

  it("a title too wide for its figure gets a smaller font; one that fits keeps plotly's default", () => {
    assert.equal(plot.decisionBoundary(model, { title: "Short" }).layout.title?.font, undefined);
    const size = plot.decisionBoundary(model, { title: "3 x 8 ReLU: epoch 500, loss 0.0041, accuracy 1, val_loss 0.0559, val_accuracy 0.98" }).layout.title?.font?.size;
    assert.ok(size !== undefined && size < 17 && size >= 10, `${size}`);
  });

  it("legends sit under the x axis's title, and an animation's slider under the legend", async () => {
    const h = await history;
    for (const fig of [plot.historyPlot(h, { size: [600, 260] }), plot.runsPlot([{ name: "a", runs: [[0.5, 0.6]] }]), plot.decisionBoundary(model, { train, test })]) {
      const { height, margin, legend } = fig.layout;
      const plotHeight = height - margin!.t - margin!.b;
      assert.equal(legend?.yanchor, "top");
      assert.ok(-legend!.y! * plotHeight >= 60, `${fig.layout.title?.text}: legend ${-legend!.y! * plotHeight}px under the plot`);
      assert.ok(margin!.b >= -legend!.y! * plotHeight + 24, "the margin holds the legend");
    }
    const film = plot.snapshots(model, [0]);
    await model.fit(train.X, train.y, { epochs: 1, verbose: 0, callbacks: film.callbacks });
    const anim = plot.animation(model, film.snapshots, { train, test });
    const slider = (anim.layout.sliders as { y: number }[])[0];
    assert.ok(slider.y < anim.layout.legend!.y!, "slider under the legend");
  });
});

describe("plot builders given the wrong argument", () => {
  const model = trainedOn();
  const cases: [string, () => unknown, RegExp][] = [
    ["decisionBoundary without a model", () => plot.decisionBoundary({} as never), /^plot\.decisionBoundary: expected a Sequential model as the first argument, got a object$/],
    ["decisionBoundary given the data as the model", () => plot.decisionBoundary(train as never), /^plot\.decisionBoundary: expected a Sequential/],
    ["decisionBoundary with a dataset without X", () => plot.decisionBoundary(model, { train: { y: [1] } as never }), /^plot\.decisionBoundary: train must be a dataset \{ X, y \}/],
    ["decisionBoundary with X and y of different lengths", () => plot.decisionBoundary(model, { train: { X: [[0, 0]], y: [] } }), /^plot\.decisionBoundary: train has 1 points in X but 0 labels in y$/],
    ["decisionBoundary with 3-D points", () => plot.decisionBoundary(model, { test: { X: [[0, 0, 0]], y: [1] } }), /^plot\.decisionBoundary: test\.X\[0\] must be a point \[x1, x2\]/],
    ["surface3d without a model", () => plot.surface3d(null as never), /^plot\.surface3d: expected a Sequential/],
    ["neuronMaps given a History", () => plot.neuronMaps({ epoch: [], history: {} } as never), /^plot\.neuronMaps: expected a Sequential/],
    ["historyPlot given the model", () => plot.historyPlot(model as never), /^plot\.historyPlot: expected the History that model\.fit returns, got a object$/],
    ["historyPlot given a promise", () => plot.historyPlot(Promise.resolve() as never), /^plot\.historyPlot: expected the History/],
    ["gradientPlot given nothing", () => plot.gradientPlot(undefined as never), /^plot\.gradientPlot: expected the History that model\.fit returns, got undefined$/],
    ["deadUnitsPlot without the model", () => plot.deadUnitsPlot({ epoch: [], history: {}, deadUnits: [[0]] } as never, undefined as never), /^plot\.deadUnitsPlot: expected a Sequential/],
    ["dataPlot given a model", () => plot.dataPlot(model as never), /^plot\.dataPlot: train must be a dataset|^plot\.dataPlot: nothing to draw/],
    ["dataPlot given nothing", () => plot.dataPlot(undefined as never), /^plot\.dataPlot: expected options \{ train, test \}/],
    ["sideBySide given a figure, not a list", () => plot.sideBySide(plot.dataPlot({ train }) as never), /^plot\.sideBySide: no pictures/],
    ["sideBySide given figures without titles", () => plot.sideBySide([plot.dataPlot({ train })] as never), /^plot\.sideBySide: pictures\[0\] must be \{ title: string, figure/],
    ["activationPlot given names", () => plot.activationPlot(["relu"] as never), /^plot\.activationPlot: expected an array of activations/],
    ["filmstrip without snapshots", () => plot.filmstrip(model, undefined as never), /^plot\.filmstrip: no snapshots/],
    ["animation given the model twice", () => plot.animation(model, model as never), /^plot\.animation: no snapshots/],
  ];
  for (const [name, fn, message] of cases) {
    it(name, () => assert.throws(fn, (error: Error) => !(error instanceof TypeError) && message.test(error.message)));
  }
});
