import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { datasets, Dense, liveView, plot, Sequential, SGD, show } from "../lib/index";
import { DisplayMessage, kernelDisplay, redirectDisplays } from "../lib/notebook/tslab";

const PNG_SIGNATURE = "89504e470d0a1a0a";

function model(): Sequential {
  const m = new Sequential({ seed: 1 });
  m.add(new Dense({ units: 4, activation: "tanh", inputDim: 2 }));
  m.add(new Dense({ units: 1, activation: "sigmoid" }));
  m.compile({ loss: "binaryCrossentropy", optimizer: new SGD({ learningRate: 0.1 }), metrics: ["accuracy"] });
  return m;
}

const data = datasets.gauss({ n: 60, seed: 1 });

type Message = { data: Record<string, unknown>; metadata: unknown; transient: { display_id?: string } };

/** Runs `fn` as if inside the tslab kernel, collecting what it displays. */
async function inKernel(fn: () => unknown): Promise<{ message: Message; update: boolean }[]> {
  const jupyter = require("tslab/dist/jupyter");
  const sent: { message: Message; update: boolean }[] = [];
  jupyter.lastWriteDisplayData = (message: Message, update: boolean) => void sent.push({ message, update });
  try {
    await fn();
  } finally {
    jupyter.lastWriteDisplayData = null;
  }
  return sent;
}

describe("show", () => {
  it("in the kernel: one display with the plotly figure, a PNG and a text line, nothing else", async () => {
    const fig = plot.decisionBoundary(model(), { train: data });
    const sent = await inKernel(() => show(fig));
    assert.equal(sent.length, 1);
    const { data: bundle, transient } = sent[0].message;
    assert.deepEqual(Object.keys(bundle).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
    assert.equal(bundle["application/vnd.plotly.v1+json"], fig, "the figure itself, as an object");
    assert.equal(Buffer.from(bundle["image/png"] as string, "base64").subarray(0, 8).toString("hex"), PNG_SIGNATURE);
    assert.match(bundle["text/plain"] as string, /^Figure "Decision boundary" \(520x460; heatmap, contour, scatter\)$/);
    assert.equal(transient.display_id, undefined);
  });

  it("outside a kernel: saves the PNG and the figure JSON in $BEANLAB_FIGURES and says where", () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-figures-"));
    const before = process.env.BEANLAB_FIGURES;
    process.env.BEANLAB_FIGURES = folder;
    const log = console.log;
    const printed: string[] = [];
    console.log = (line: string) => void printed.push(line);
    try {
      const fig = plot.decisionBoundary(model(), { train: data, title: "Gauss: one neuron" });
      const file = show(fig);
      assert.equal(file, path.join(folder, "gauss-one-neuron.png"));
      assert.equal(fs.readFileSync(file as string).subarray(0, 8).toString("hex"), PNG_SIGNATURE);
      assert.deepEqual(JSON.parse(fs.readFileSync(path.join(folder, "gauss-one-neuron.json"), "utf8")), JSON.parse(JSON.stringify(fig)));
      assert.deepEqual(printed, [`saved figure: ${file}`]);
    } finally {
      console.log = log;
      process.env.BEANLAB_FIGURES = before;
      if (before === undefined) delete process.env.BEANLAB_FIGURES;
      fs.rmSync(folder, { recursive: true });
    }
  });
});

describe("show outside a kernel: file names", () => {
  function saved(titles: string[]): string[] {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-names-"));
    const before = process.env.BEANLAB_FIGURES;
    process.env.BEANLAB_FIGURES = folder;
    const log = console.log;
    console.log = () => undefined;
    try {
      return titles.map((title) => path.basename(show(plot.dataPlot({ train: data, title })) as string));
    } finally {
      console.log = log;
      process.env.BEANLAB_FIGURES = before;
      if (before === undefined) delete process.env.BEANLAB_FIGURES;
      fs.rmSync(folder, { recursive: true });
    }
  }

  it("gives a title shown twice a second file, and keeps Chinese titles apart", () => {
    assert.deepEqual(saved(["Beans", "Beans", "决策边界", "训练历史", "决策边界", "!!!"]), ["beans.png", "beans-2.png", "决策边界.png", "训练历史.png", "决策边界-2.png", "figure.png"]);
  });

  it("names the files the same way every run", () => {
    assert.deepEqual(saved(["Loss: epoch 1", "Loss: epoch 1"]), saved(["Loss: epoch 1", "Loss: epoch 1"]));
  });
});

describe("liveView", () => {
  it("updates one display in place while fit runs, ending with the final state", async () => {
    const m = model();
    const sent = await inKernel(() => m.fit(data.X, data.y, { epochs: 5, verbose: 0, yieldEvery: "epoch", callbacks: liveView(m, { train: data, every: 0 }) }));
    assert.ok(sent.length >= 3, `${sent.length} displays`);
    const ids = new Set(sent.map((s) => s.message.transient.display_id));
    assert.equal(ids.size, 1, "one display, updated");
    assert.deepEqual(sent.map((s) => s.update), [false, ...sent.slice(1).map(() => true)]);
    for (const { message } of sent.slice(0, -1)) {
      assert.deepEqual(Object.keys(message.data).sort(), ["image/png", "text/plain"], "a picture while training: JupyterLab's plotly renderer would freeze on an update");
    }
    const last = sent[sent.length - 1].message.data;
    assert.deepEqual(Object.keys(last).sort(), ["application/vnd.plotly.v1+json", "image/png", "text/plain"]);
    const title = (last["application/vnd.plotly.v1+json"] as { layout: { title: { text: string } } }).layout.title.text;
    assert.match(title, /^Training: epoch 5, loss [\d.]+, accuracy [\d.]+$/);
  });

  it("throttles updates (at most one per `every` ms)", async () => {
    const m = model();
    const sent = await inKernel(() => m.fit(data.X, data.y, { epochs: 200, verbose: 0, callbacks: liveView(m, { train: data, every: 60000 }) }));
    assert.equal(sent.length, 2, "the first and the final state only");
  });
});

describe("the tslab bridge", () => {
  type Hook = ((message: DisplayMessage, update: boolean) => void) | null;
  const real: { lastWriteDisplayData: Hook } = require("tslab/dist/jupyter");
  const globalCopy = path.join(os.tmpdir(), "global", "node_modules", "tslab", "dist", "jupyter.js");

  /** Runs `fn` with a second copy of tslab's display module loaded before the project's, as a global tslab leaves it. */
  function withSecondCopy(fn: (copy: { lastWriteDisplayData: Hook }) => void): void {
    const copy = { lastWriteDisplayData: null as Hook };
    const cache = require.cache as Record<string, unknown>;
    const entries = Object.entries(cache);
    for (const [file] of entries) delete cache[file];
    cache[globalCopy] = { id: globalCopy, filename: globalCopy, loaded: true, exports: copy };
    for (const [file, loaded] of entries) cache[file] = loaded;
    try {
      fn(copy);
    } finally {
      delete cache[globalCopy];
      real.lastWriteDisplayData = null;
    }
  }

  it("finds the kernel's display function in whichever loaded copy of tslab the kernel set", () => {
    withSecondCopy((copy) => {
      assert.equal(kernelDisplay(), null, "outside a kernel");
      const write: Hook = () => undefined;
      real.lastWriteDisplayData = write;
      assert.equal(kernelDisplay(), write);
      real.lastWriteDisplayData = null;
      copy.lastWriteDisplayData = write;
      assert.equal(kernelDisplay(), write);
    });
  });

  it("redirects every loaded copy to one function and restores what each had", () => {
    withSecondCopy((copy) => {
      const before: Hook = () => undefined;
      copy.lastWriteDisplayData = before;
      const sent: DisplayMessage[] = [];
      const redirect = redirectDisplays((message) => void sent.push(message));
      assert.equal(kernelDisplay(), before, "nothing changes before hook");
      redirect.hook();
      show(plot.decisionBoundary(model(), { train: data }));
      assert.equal(sent.length, 1);
      assert.equal(real.lastWriteDisplayData, copy.lastWriteDisplayData, "both copies hooked");
      redirect.restore();
      assert.deepEqual([copy.lastWriteDisplayData, real.lastWriteDisplayData], [before, null]);
    });
  });
});
