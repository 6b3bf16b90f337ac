/** Checks of what a figure builder is given, so a wrong argument gets a clear error instead of a TypeError deep inside. */
import type { Dataset } from "../data/generators";
import type { History } from "../engine/history";
import type { Sequential } from "../engine/model";
import { describe } from "../util/checks";

/** Throws unless `model` is a Sequential (read by its shape: a second copy of beanlab makes a second class) with a layer. */
export function checkModel(model: unknown, where: string): Sequential {
  const m = model as Partial<Sequential> | null;
  if (!m || typeof m !== "object" || typeof m.predictMatrix !== "function" || !Array.isArray(m.layers)) throw new Error(`${where}: expected a Sequential model as the first argument, got ${describe(model)}`);
  if ((m.layers as unknown[]).length === 0) throw new Error(`${where}: the model has no layers; add some with model.add(new Dense({ ... }))`);
  return m as Sequential;
}

/** Throws unless `history` is the History that fit returns (read by its shape, as models are). */
export function checkHistory(history: unknown, where: string): History {
  const h = history as Partial<History> | null;
  if (!h || typeof h !== "object" || !Array.isArray(h.epoch) || !h.history || typeof h.history !== "object") throw new Error(`${where}: expected the History that model.fit returns, got ${describe(history)}`);
  return h as History;
}

/** Throws unless `data` is missing or a dataset { X: [n][2], y: [n] } of points in the plane. */
export function checkDataset(data: unknown, name: string, where: string): Dataset | undefined {
  if (data === undefined) return undefined;
  const d = data as Partial<Dataset> | null;
  if (!d || typeof d !== "object" || !Array.isArray(d.X) || !Array.isArray(d.y)) {
    throw new Error(`${where}: ${name} must be a dataset { X, y } such as datasets.circle({ n: 200 }), got ${describe(data)}`);
  }
  if (d.X.length !== d.y.length) throw new Error(`${where}: ${name} has ${d.X.length} points in X but ${d.y.length} labels in y`);
  const bad = d.X.findIndex((p) => !p || typeof p !== "object" || (p as ArrayLike<number>).length !== 2);
  if (bad >= 0) throw new Error(`${where}: ${name}.X[${bad}] must be a point [x1, x2], got ${describe(d.X[bad])}`);
  return d as Dataset;
}
