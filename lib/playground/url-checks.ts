import { describe } from "../util/checks";

/** Largest hidden layer beanlab builds from a state (the page offers 1 to 8 neurons). */
export const MAX_UNITS = 1000;

/** Most hidden layers beanlab builds from a state (the page offers up to 6). */
export const MAX_LAYERS = 20;

/** Inputs the page's state knows but beanlab does not compute. */
const PAGE_ONLY_FEATURES = { cosX: "cos(X₁)", cosY: "cos(X₂)" } as const;

const WHERE = "playground.fromUrl";

/** The `key=value&...` part of a Playground URL, or an error saying what the URL lacks. */
export function hashOf(url: string): string {
  if (url.trim() === "") throw new Error(`${WHERE}: the URL is empty; expected a Playground address such as https://playground.tensorflow.org/#activation=tanh&networkShape=4,2`);
  if (url.includes("#")) return url.slice(url.indexOf("#") + 1);
  const query = url.indexOf("?");
  if (query >= 0 && /^https?:|playground\.tensorflow\.org/.test(url)) {
    throw new Error(`${WHERE}: the page reads its settings after "#", not "?" (the page would open with its defaults); write ${url.slice(0, query)}#${url.slice(query + 1)}`);
  }
  if (/^https?:/.test(url)) throw new Error(`${WHERE}: ${url} has no "#" part; copy the page's whole address after changing a setting, e.g. ...org/#activation=tanh&...`);
  return url;
}

/** `decodeURIComponent`, with a broken %-escape named instead of a URIError. */
export function decode(text: string, part: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new Error(`${WHERE}: "${part}" holds a broken %-escape (a "%" must be followed by two hex digits of UTF-8, e.g. %20); was the URL cut off or edited by hand?`);
  }
}

/** The error for a part without "=": at the end it is most likely a URL cut off while copying. */
export function missingEquals(part: string, last: boolean): Error {
  const cut = last ? `; the URL looks cut off after "${part}": copy the whole address` : "";
  return new Error(`${WHERE}: "${part}" has no "="; expected key=value pairs joined by &${cut}`);
}

/** The error for a key given twice: the page keeps the last, which is rarely what was meant. */
export function duplicateKey(key: string, first: string, second: string): Error {
  return new Error(`${WHERE}: ${key} is given twice (${key}=${first} and ${key}=${second}); keep the one you mean`);
}

/** Checks what a state asks for that beanlab cannot build, naming `where`. */
export function checkBuildable(state: { networkShape: unknown; learningRate: unknown; batchSize: unknown; cosX?: boolean; cosY?: boolean }, where: string): void {
  const shape = state.networkShape;
  if (!Array.isArray(shape)) throw new Error(`${where}: networkShape must be a list of hidden layer sizes such as [4, 2], got ${describe(shape)}`);
  const huge = shape.findIndex((n) => typeof n === "number" && n > MAX_UNITS);
  if (huge >= 0) throw new Error(`${where}: networkShape[${huge}] is ${shape[huge]} neurons; beanlab builds at most ${MAX_UNITS} per layer (the page offers 1 to 8)`);
  if (shape.length > MAX_LAYERS) throw new Error(`${where}: networkShape has ${shape.length} hidden layers; beanlab builds at most ${MAX_LAYERS} (the page offers 6)`);
  if (typeof state.learningRate !== "number" || !(state.learningRate > 0)) {
    throw new Error(`${where}: learningRate must be a number above 0 (the page offers 0.00001 to 10), got ${describe(state.learningRate)}`);
  }
  if (!Number.isInteger(state.batchSize) || (state.batchSize as number) < 1) {
    throw new Error(`${where}: batchSize must be a whole number of points from 1 (the page offers 1 to 30), got ${describe(state.batchSize)}`);
  }
  for (const [feature, label] of Object.entries(PAGE_ONLY_FEATURES)) {
    if (state[feature as keyof typeof PAGE_ONLY_FEATURES]) {
      throw new Error(`${where}: ${feature}=true turns on the page's ${label} input, which beanlab does not compute; set ${feature}=false (beanlab has x, y, xSquared, ySquared, xTimesY, sinX, sinY)`);
    }
  }
}

/** A warning for a noise that is legal but almost surely a fraction meant as a percent, or null. */
export function noiseWarning(noise: number): string | null {
  if (!(noise > 0 && noise < 1)) return null;
  return `${WHERE}: warning: noise=${noise} is in percent, so it means ${noise} % (almost none); for ${noise * 100} % write noise=${noise * 100} (the page's slider goes 0 to 50 in steps of 5)`;
}
