/**
 * One figure of every kind the library builds, from a small model trained here: what the plotly test
 * renders besides the figures saved in the notebooks, so it does not wait for the lessons to be re-run.
 */
import { Dense, Figure, History, Sequential, SGD, activations, datasets, plot } from "../../lib/index";

/** A small tanh network on the circle, trained briefly, recording what the diagnostic plots need. */
async function trained(): Promise<{ model: Sequential; history: History; film: ReturnType<typeof plot.snapshots>["snapshots"]; train: ReturnType<typeof datasets.circle>; test: ReturnType<typeof datasets.circle> }> {
  const train = datasets.circle({ n: 120, seed: 1 });
  const test = datasets.circle({ n: 60, seed: 2 });
  const model = new Sequential({ seed: 3 });
  model.add(new Dense({ units: 4, activation: "relu", inputDim: 2 }));
  model.add(new Dense({ units: 3, activation: "relu" }));
  model.add(new Dense({ units: 1, activation: "sigmoid" }));
  model.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
  const film = plot.snapshots(model, [0, 5, 30, 120]);
  const history = await model.fit(train.X, train.y, {
    epochs: 120, batchSize: 10, verbose: 0, validationData: [test.X, test.y], recordGradients: true, recordDeadUnits: true, callbacks: film.callbacks,
  });
  return { model, history, film: film.snapshots, train, test };
}

/** Every kind of figure, named by the builder and variant that made it. */
export async function gallery(): Promise<{ name: string; figure: Figure }[]> {
  const { model, history, film, train, test } = await trained();
  const long = "A title much longer than this figure is wide, so that plotly and the PNG must both set it smaller to fit";
  return [
    { name: "decisionBoundary", figure: plot.decisionBoundary(model, { train, test }) },
    { name: "decisionBoundary, discretized, neuron lines", figure: plot.decisionBoundary(model, { train, discretize: true, neuronLines: true }) },
    { name: "decisionBoundary, no points, long title", figure: plot.decisionBoundary(model, { title: long }) },
    { name: "dataPlot, train only", figure: plot.dataPlot({ train }) },
    { name: "dataPlot, train and test", figure: plot.dataPlot({ train, test, title: "决策边界：训练集和测试集" }) },
    { name: "surface3d", figure: plot.surface3d(model, { train }) },
    { name: "sideBySide", figure: plot.sideBySide([{ title: "data", figure: plot.dataPlot({ train }) }, { title: "model", figure: plot.decisionBoundary(model, { train }) }], { title: "Side by side" }) },
    { name: "neuronMaps", figure: plot.neuronMaps(model, { train }) },
    { name: "historyPlot", figure: plot.historyPlot(history) },
    { name: "historyPlot, linear loss", figure: plot.historyPlot(history, { logLoss: false, size: [600, 260] }) },
    { name: "runsPlot", figure: plot.runsPlot([{ name: "runs", runs: [history.history.accuracy, history.history.val_accuracy] }, { name: "loss", runs: [history.history.loss] }], { marks: [50] }) },
    { name: "activationPlot", figure: plot.activationPlot([activations.sigmoid, activations.tanh, activations.relu, activations.leakyRelu({ alpha: 0.1 })]) },
    { name: "gradientPlot", figure: plot.gradientPlot(history) },
    { name: "deadUnitsPlot", figure: plot.deadUnitsPlot(history, model) },
    { name: "filmstrip", figure: plot.filmstrip(model, film, { train }) },
    { name: "animation", figure: plot.animation(model, film, { train, test }) },
  ];
}
