/**
 * The library's own words, in every language of the lessons: what lib prints or draws that a student
 * reads (exercise verdicts, the claim's "measured", rates and spreads, table column names, figure
 * titles, axis titles, legend names, the animation's button). Each entry is a template keyed by a
 * dotted name, `{name}` marking a value filled in by `message(key, { name })`; the language is
 * `language()`'s at the time of the call, so a figure built after `setLanguage("zh")` is Chinese.
 *
 * Not here, and staying English in both editions: error messages (they name API and code), Keras's
 * model.summary() and fit's progress line (Keras prints English too), metric keys (loss, val_loss).
 *
 * To add a word: add its key to EN and its twin to ZH (test/messages.test.ts checks both have every
 * key, none empty, with the same {placeholders}), then call `message(key, ...)` where it is printed.
 * Code branches on keys (see `isMessage`), never on the shown text. Chinese uses the course's own
 * words (豆豆, 代价函数, 隐藏层, 神经元死亡, 轮次, 准确率, ...), a teacher's short phrases and Chinese
 * punctuation; a claim's line is "✓ statement (evidence)", with full-width brackets in Chinese.
 */
import { describe } from "./checks";
import { LANGUAGES, Language, language } from "./language";

const EN = {
  "exercise.notAttempted": "· {name}: not attempted yet",
  "exercise.right": "✓ {name}: right",
  "exercise.notYet": "✗ {name}: not yet. {hint}",
  "exercise.raised": "your answer raised an error: {error}",
  "claim.held": "✓ {statement} ({evidence})",
  "claim.failed": "✗ {statement} (measured: {evidence})",

  "rate.seeds": "{count} of {total} seeds, 95% CI {low}-{high}%",
  "rate.runs": "{count} of {total} runs, 95% CI {low}-{high}%",
  "rate.other": "{count} of {total} {what}, 95% CI {low}-{high}%",
  "tally": "{count} of {total}",
  "spread": "median {median} (min {min}, max {max}) over {count} runs",
  "column.median": "median",
  "column.min": "min",
  "column.max": "max",
  "column.mean": "mean",

  "axis.epoch": "epoch",
  "axis.loss": "loss",
  "axis.accuracy": "accuracy",
  "axis.gradient": "mean |dL/dW|",
  "axis.deadShare": "share of units dead",
  "axis.output": "output",
  "legend.trainingLoss": "training loss",
  "legend.validationLoss": "validation loss",
  "legend.trainingAccuracy": "training accuracy",
  "legend.validationAccuracy": "validation accuracy",
  "legend.train": "train",
  "legend.test": "test",
  "legend.epoch": "epoch {epoch}",
  "legend.layer": "layer {layer}",
  "legend.layerUnits": "layer {layer} ({units} units)",
  "legend.outputLayer": "output layer",
  "title.history": "Training history",
  "title.runs": "Runs",
  "title.activations": "Activation functions and their slopes",
  "title.gradients": "Gradient size per layer",
  "title.deadUnits": "Dead units per layer",
  "title.boundary": "Decision boundary",
  "title.beans": "The beans",
  "title.surface": "Output surface and beans",
  "title.neuronMaps": "What each neuron sees",
  "title.filmstrip": "Training, epoch by epoch",
  "map.hiddenLayer": "hidden layer {layer} ({activation})",
  "map.outputLayer": "output ({activation})",
  "map.neuron": "layer {layer}, neuron {neuron}",
  "plane.neuronLine": "neuron {neuron}: z = 0",
  "plane.threshold": "output = {threshold}",
  "film.epoch": "epoch {epoch}",
  "film.play": "Play",

  "live.title": "Training",
  "live.epoch": "{title}: epoch {epoch}",
  "live.separator": ", ",
  "figure.described": "Figure \"{title}\" ({width}x{height}; {kinds})",
  "figure.untitled": "untitled",
  "figure.empty": "empty",
  "figure.saved": "saved figure: {path}",
} as const;

/** The name of one of the library's words, e.g. "title.history". */
export type MessageKey = keyof typeof EN;

const ZH: Record<MessageKey, string> = {
  "exercise.notAttempted": "· {name}：还没作答",
  "exercise.right": "✓ {name}：正确",
  "exercise.notYet": "✗ {name}：还不对。{hint}",
  "exercise.raised": "你的答案运行出错了：{error}",
  "claim.held": "✓ {statement}（{evidence}）",
  "claim.failed": "✗ {statement}（实测：{evidence}）",

  "rate.seeds": "{total} 个种子中 {count} 个，95% 置信区间 {low}-{high}%",
  "rate.runs": "{total} 次运行中 {count} 次，95% 置信区间 {low}-{high}%",
  "rate.other": "{total} 个{what}中 {count} 个，95% 置信区间 {low}-{high}%",
  "tally": "{total} 个中 {count} 个",
  "spread": "中位数 {median}（最小 {min}，最大 {max}），共 {count} 次运行",
  "column.median": "中位数",
  "column.min": "最小",
  "column.max": "最大",
  "column.mean": "平均",

  "axis.epoch": "轮次",
  "axis.loss": "代价函数",
  "axis.accuracy": "准确率",
  "axis.gradient": "平均 |dL/dW|",
  "axis.deadShare": "死亡神经元占比",
  "axis.output": "输出",
  "legend.trainingLoss": "训练集代价函数",
  "legend.validationLoss": "验证集代价函数",
  "legend.trainingAccuracy": "训练集准确率",
  "legend.validationAccuracy": "验证集准确率",
  "legend.train": "训练集",
  "legend.test": "测试集",
  "legend.epoch": "第 {epoch} 轮",
  "legend.layer": "第 {layer} 层",
  "legend.layerUnits": "第 {layer} 层（{units} 个神经元）",
  "legend.outputLayer": "输出层",
  "title.history": "训练过程",
  "title.runs": "多次运行",
  "title.activations": "激活函数和它们的斜率",
  "title.gradients": "每一层的梯度大小",
  "title.deadUnits": "每一层的死亡神经元",
  "title.boundary": "决策边界",
  "title.beans": "豆豆",
  "title.surface": "输出曲面和豆豆",
  "title.neuronMaps": "每个神经元看到了什么",
  "title.filmstrip": "训练过程，一轮一轮看",
  "map.hiddenLayer": "第 {layer} 个隐藏层（{activation}）",
  "map.outputLayer": "输出层（{activation}）",
  "map.neuron": "第 {layer} 层，第 {neuron} 个神经元",
  "plane.neuronLine": "第 {neuron} 个神经元：z = 0",
  "plane.threshold": "输出 = {threshold}",
  "film.epoch": "第 {epoch} 轮",
  "film.play": "播放",

  "live.title": "训练中",
  "live.epoch": "{title}：第 {epoch} 轮",
  "live.separator": "，",
  "figure.described": "图“{title}”（{width}x{height}；{kinds}）",
  "figure.untitled": "无标题",
  "figure.empty": "空",
  "figure.saved": "图已保存：{path}",
};

/** Every language's templates, by key. */
export const MESSAGES: Record<Language, Record<MessageKey, string>> = { en: EN, zh: ZH };

const PLACEHOLDER = /\{(\w+)\}/g;

/** The `{names}` a template fills in, in order of first appearance. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/**
 * The library's word `key` in the current language, its `{placeholders}` filled from `params`:
 * `message("legend.layer", { layer: 2 })` is "layer 2", or "第 2 层" in Chinese. Values are put in
 * as given (a value's own braces stay).
 */
export function message(key: MessageKey, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[language()][key];
  if (typeof template !== "string") throw new Error(`message: no word ${describe(key)} in lib/util/messages.ts; its keys are like "title.history"`);
  const wanted = placeholders(template);
  for (const name of Object.keys(params)) {
    if (!wanted.includes(name)) throw new Error(`message("${key}"): got a value for {${name}}, which its text does not use; it uses ${wanted.map((w) => `{${w}}`).join(", ") || "none"}`);
  }
  return template.replace(PLACEHOLDER, (_, name: string) => {
    const value = params[name];
    if (typeof value !== "string" && typeof value !== "number") throw new Error(`message("${key}"): no value for {${name}}; expected a string or number, got ${describe(value)}`);
    return String(value);
  });
}

/** Whether `text` is word `key` (without placeholders) in some language: code branches on the key, whatever language a caller wrote. */
export function isMessage(text: unknown, key: MessageKey): boolean {
  return LANGUAGES.some((lang) => MESSAGES[lang][key] === text);
}
