/**
 * Forward passes over whole datasets through a compiled kernel: predictions, every layer's
 * outputs, the loss and metrics, dead units. One kernel per model, kept while its shape stays
 * the same; the weights are copied in on every call, which costs little next to the pass.
 */
import { Layer } from "../layer";
import { Dense } from "../layers";
import { Matrix } from "../matrix";
import { deadUnitsFrom, Forward, logsOf } from "../network";
import { layerSpecs } from "./driver";
import { Kernel } from "./kernel";
import { compilable, KernelSpec } from "./spec";

/** The forward kernel of each stack of layers (a model's `layers` array). */
const kernels = new WeakMap<Layer[], Kernel>();

/** Every layer's z and a [rows, units] for all rows of X, run through the kernel in chunks of its capacity. */
function run(kernel: Kernel, layers: Layer[], X: Matrix): { z: Float64Array[]; a: Float64Array[] } {
  const z = layers.map((layer) => new Float64Array(X.rows * layer.units));
  const a = layers.map((layer) => new Float64Array(X.rows * layer.units));
  const d = X.cols;
  for (let start = 0; start < X.rows; start += kernel.capacity) {
    const rows = Math.min(kernel.capacity, X.rows - start);
    kernel.forward(X.data.subarray(start * d, (start + rows) * d), rows);
    layers.forEach((layer, l) => {
      const u = layer.units;
      z[l].set(kernel.preActivation(l).subarray(0, rows * u), start * u);
      a[l].set(kernel.output(l).subarray(0, rows * u), start * u);
    });
  }
  return { z, a };
}

/** The forward passes of `layers` through their compiled kernel, or null when they are not compiled. */
export function compiledForward(layers: Layer[]): Forward | null {
  const specs = layerSpecs(layers);
  if (typeof specs === "string") return null;
  let kernel = kernels.get(layers);
  if (!kernel || kernel.spec.inputDim !== layers[0].inputDim || JSON.stringify(kernel.spec.layers) !== JSON.stringify(specs)) {
    // Loss and optimizer play no part in a forward pass; fixed ones let every model of a shape share one module.
    const spec: KernelSpec = {
      inputDim: layers[0].inputDim as number,
      layers: specs,
      loss: "mse",
      logits: false,
      optimizer: { kind: "sgd", learningRate: 0.01, momentum: 0, nesterov: false },
      maxRows: 1,
    };
    if (compilable(spec) !== true) return null;
    kernel = new Kernel(spec, 1);
    kernels.set(layers, kernel);
  }
  const k = kernel;
  (layers as Dense[]).forEach((layer, l) => k.setWeights(l, layer.kernel, layer.bias));
  const last = layers.length - 1;
  return {
    predict: (X) => new Matrix(X.rows, layers[last].units, k.predict(X.data, X.rows)),
    layerOutputs(X) {
      const { a } = run(k, layers, X);
      return layers.map((layer, l) => new Matrix(X.rows, layer.units, a[l]));
    },
    evaluate(loss, metrics, X, y) {
      const { z, a } = run(k, layers, X);
      return logsOf(layers, loss, metrics, { z: z[last], a: a[last] }, y);
    },
    deadUnits(X) {
      return deadUnitsFrom(layers, run(k, layers, X).z, X.rows);
    },
  };
}
