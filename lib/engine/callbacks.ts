import { describe } from "../util/checks";
import { Logs } from "./history";
import type { Callbacks, Sequential } from "./model";

/**
 * A callback that stops training after the first epoch in which `key` reaches `level`, e.g.
 * `stopAt("val_accuracy", 0.95)`; `history.firstEpochAt(key, level)` then tells when.
 */
export function stopAt(key: string, level: number): Callbacks {
  if (typeof key !== "string" || key === "") throw new Error(`stopAt: key must be a logs key such as "val_accuracy", got ${describe(key)}`);
  if (typeof level !== "number" || Number.isNaN(level)) throw new Error(`stopAt: level must be a number such as 0.95, got ${describe(level)}`);
  let model: Sequential | undefined;
  return {
    setModel(m: Sequential) {
      model = m;
    },
    onEpochEnd(_epoch: number, logs: Logs) {
      if (!(key in logs)) throw new Error(`stopAt: the logs have no "${key}"; they have ${Object.keys(logs).join(", ")}${key.startsWith("val_") ? " (val_ values need validationData)" : ""}`);
      if (logs[key] >= level && model) model.stopTraining = true;
    },
  };
}
