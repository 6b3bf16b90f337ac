/**
 * Reading and writing .ipynb files byte for byte as Python's nbformat 5 does (`nbformat.read` then
 * `nbformat.write`), so a notebook written here and one saved by Jupyter are the same file.
 */

/** A number written with a decimal point or exponent that holds a whole value (`2.0`, `1e5`). */
export class WholeFloat {
  constructor(readonly value: number) {}
}

/** A JSON value; `WholeFloat` keeps `2.0` apart from `2`, as Python's float and int are. */
export type Json = null | boolean | number | string | WholeFloat | Json[] | JsonObject;

/** A JSON object. */
export interface JsonObject {
  [key: string]: Json;
}

/** Text written by the cell to stdout or stderr. */
export type StreamOutput = { output_type: "stream"; name: "stdout" | "stderr"; text: string };

/** A mimetype bundle the cell displayed. */
export type DisplayOutput = { output_type: "display_data"; data: JsonObject; metadata: JsonObject };

/** A cell with its source joined into one string; outputs are this tool's or whatever another tool saved. */
export type Cell = {
  cell_type: "code" | "markdown" | "raw";
  source: string;
  metadata: JsonObject;
  outputs?: JsonObject[];
  execution_count?: number | null;
  attachments?: { [name: string]: JsonObject };
};

/** An nbformat 4 notebook as nbformat holds it in memory: multi-line strings joined, transient fields gone. */
export type Notebook = { nbformat: 4; nbformat_minor: number; metadata: JsonObject; cells: Cell[] };

/** Why a file is not a notebook this tool can run. */
export class NotebookError extends Error {}

/** Parses an .ipynb file's bytes, checking what nbformat 4 needs; throws `NotebookError` saying what is wrong. */
export function parseNotebook(bytes: Uint8Array): Notebook {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new NotebookError("not UTF-8 text");
  }
  const json = parseJson(text);
  if (!isObject(json)) throw new NotebookError(`not a notebook: the file holds ${describe(json)}, expected a JSON object`);
  if (json.nbformat !== 4) throw new NotebookError(`not nbformat 4 (its "nbformat" is ${describe(json.nbformat)}); open and save it in Jupyter to upgrade it`);
  if (typeof json.nbformat_minor !== "number") throw new NotebookError(`"nbformat_minor" is ${describe(json.nbformat_minor)}, expected a number`);
  if (!isObject(json.metadata)) throw new NotebookError(`"metadata" is ${describe(json.metadata)}, expected an object`);
  if (!Array.isArray(json.cells)) throw new NotebookError(`"cells" is ${describe(json.cells)}, expected a list of cells`);
  json.cells.forEach(checkCell);
  // nbformat drops these on read (signatures moved out of notebooks; trust is per machine).
  delete json.metadata.orig_nbformat;
  delete json.metadata.orig_nbformat_minor;
  delete json.metadata.signature;
  const nb = json as unknown as Notebook;
  for (const cell of nb.cells) {
    delete cell.metadata.trusted;
    rejoin(cell);
  }
  return nb;
}

/** The file nbformat writes for `nb`: 1-space indent, sorted keys, raw UTF-8, multi-line text as lists of lines. */
export function formatNotebook(nb: Notebook): string {
  return dump({ ...nb, cells: nb.cells.map(cellOnDisk) }, "") + "\n";
}

/** One cell as it is written to the file, for comparing cells between two versions of a notebook. */
export function formatCell(cell: Cell): string {
  return dump(cellOnDisk(cell), "");
}

function checkCell(cell: Json, i: number): void {
  const where = `cell ${i + 1}`;
  if (!isObject(cell)) throw new NotebookError(`${where} is ${describe(cell)}, expected an object`);
  if (cell.cell_type !== "code" && cell.cell_type !== "markdown" && cell.cell_type !== "raw")
    throw new NotebookError(`${where}: "cell_type" is ${describe(cell.cell_type)}, expected "code", "markdown" or "raw"`);
  const { source } = cell;
  if (!(typeof source === "string" || (Array.isArray(source) && source.every((line) => typeof line === "string"))))
    throw new NotebookError(`${where}: "source" is ${describe(source)}, expected a string or a list of strings`);
  if (!isObject(cell.metadata)) throw new NotebookError(`${where}: "metadata" is ${describe(cell.metadata)}, expected an object`);
  if (cell.cell_type === "code" && !Array.isArray(cell.outputs))
    throw new NotebookError(`${where} (code): "outputs" is ${describe(cell.outputs)}, expected a list`);
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof WholeFloat);
}

function describe(value: Json | undefined): string {
  if (value === undefined) return "missing";
  if (Array.isArray(value)) return "a list";
  if (isObject(value)) return "an object";
  if (value instanceof WholeFloat) return String(value.value);
  return JSON.stringify(value);
}

// nbformat's rejoin_lines: sources, text outputs and text mimetypes saved as lists of lines become strings.
function rejoin(cell: Cell): void {
  const source = cell.source as string | string[];
  cell.source = Array.isArray(source) ? source.join("") : source;
  for (const bundle of Object.values(cell.attachments ?? {})) rejoinBundle(bundle);
  if (cell.cell_type !== "code") return;
  for (const output of cell.outputs ?? []) {
    const type = output.output_type;
    if (type === "execute_result" || type === "display_data") {
      if (isObject(output.data)) rejoinBundle(output.data);
    } else if (type && isStringList(output.text)) {
      output.text = output.text.join("");
    }
  }
}

function rejoinBundle(bundle: JsonObject): void {
  for (const [mime, value] of Object.entries(bundle)) {
    if (!isJsonMime(mime) && isStringList(value)) bundle[mime] = value.join("");
  }
}

function isStringList(value: Json | undefined): value is string[] {
  return Array.isArray(value) && value.every((line) => typeof line === "string");
}

function isJsonMime(mime: string): boolean {
  return mime === "application/json" || (mime.startsWith("application/") && mime.endsWith("+json"));
}

// nbformat's split_lines: the inverse of rejoin, so that files diff line by line.
function cellOnDisk(cell: Cell): JsonObject {
  const disk: JsonObject = { ...(cell as JsonObject), source: splitLines(cell.source) };
  if (cell.attachments) {
    disk.attachments = Object.fromEntries(Object.entries(cell.attachments).map(([name, bundle]) => [name, splitBundle(bundle)]));
  }
  if (cell.cell_type === "code" && cell.outputs) {
    disk.outputs = cell.outputs.map((output) => {
      if ((output.output_type === "execute_result" || output.output_type === "display_data") && isObject(output.data))
        return { ...output, data: splitBundle(output.data) };
      if (output.output_type === "stream" && typeof output.text === "string") return { ...output, text: splitLines(output.text) };
      return output;
    });
  }
  return disk;
}

function splitBundle(bundle: JsonObject): JsonObject {
  const split = (mime: string, value: Json) =>
    typeof value === "string" && (mime.startsWith("text/") || mime === "application/javascript" || mime === "image/svg+xml")
      ? splitLines(value)
      : value;
  return Object.fromEntries(Object.entries(bundle).map(([mime, value]) => [mime, split(mime, value)]));
}

/** Python's str.splitlines(keepends=True): every line boundary Python knows, not only "\n". */
export function splitLines(text: string): string[] {
  return text.match(/[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])|[^\n\r\v\f\x1c-\x1e\x85\u2028\u2029]+$/g) ?? [];
}

// Python's json.dumps(indent=1, sort_keys=True, ensure_ascii=False, separators=(",", ": ")).
function dump(value: Json, indent: string): string {
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "number") return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : pythonFloat(value);
  if (value instanceof WholeFloat) return pythonFloat(value.value);
  // JSON.stringify escapes strings exactly as Python does: \" \\ \b \f \n \r \t and \u00xx for other controls.
  if (typeof value === "string") return JSON.stringify(value);
  const inner = indent + " ";
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((item) => inner + dump(item, inner)).join(",\n")}\n${indent}]`;
  }
  const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort(byCodePoint);
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((key) => `${inner}${JSON.stringify(key)}: ${dump(value[key], inner)}`).join(",\n")}\n${indent}}`;
}

// Python's repr of a float: shortest round-trip digits, exponent form below 1e-4 and from 1e16.
function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "Infinity" : "-Infinity";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa, exponent] = Math.abs(x).toExponential().split("e");
  const digits = mantissa.replace(".", "");
  const e = Number(exponent);
  if (e < -4 || e >= 16) {
    const fraction = digits.length > 1 ? "." + digits.slice(1) : "";
    return `${sign}${digits[0]}${fraction}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  }
  if (e < 0) return `${sign}0.${"0".repeat(-e - 1)}${digits}`;
  return `${sign}${digits.slice(0, e + 1).padEnd(e + 1, "0")}.${digits.slice(e + 1) || "0"}`;
}

// Python sorts keys by code point; JavaScript's default sort compares UTF-16 units.
function byCodePoint(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

// Parses JSON as Python's json module does: `2.0` stays a float, NaN and Infinity are accepted.
function parseJson(text: string): Json {
  let at = 0;
  const fail = (what: string): never => {
    const before = text.slice(0, at).split("\n");
    throw new NotebookError(`not valid JSON: ${what} at line ${before.length}, column ${before[before.length - 1].length + 1}`);
  };
  const skipSpace = () => {
    while (at < text.length && " \t\n\r".includes(text[at])) at++;
  };
  const expect = (char: string) => {
    skipSpace();
    if (text[at] !== char) fail(`expected '${char}'`);
    at++;
  };
  const string = (): string => {
    const start = at++;
    while (at < text.length && text[at] !== '"') at += text[at] === "\\" ? 2 : 1;
    if (at >= text.length) fail("unterminated string");
    at++;
    try {
      return JSON.parse(text.slice(start, at));
    } catch {
      at = start;
      return fail("invalid string");
    }
  };
  const literals: [string, Json][] = [["true", true], ["false", false], ["null", null], ["NaN", NaN], ["Infinity", Infinity], ["-Infinity", -Infinity]];
  const numberPattern = /-?(?:0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?/y;
  const value = (): Json => {
    skipSpace();
    const char = text[at];
    if (char === '"') return string();
    if (char === "{") {
      at++;
      const object: JsonObject = {};
      skipSpace();
      if (text[at] === "}") return at++, object;
      for (;;) {
        skipSpace();
        if (text[at] !== '"') fail("expected a property name in double quotes");
        const key = string();
        expect(":");
        object[key] = value();
        skipSpace();
        if (text[at] === "}") return at++, object;
        expect(",");
      }
    }
    if (char === "[") {
      at++;
      const array: Json[] = [];
      skipSpace();
      if (text[at] === "]") return at++, array;
      for (;;) {
        array.push(value());
        skipSpace();
        if (text[at] === "]") return at++, array;
        expect(",");
      }
    }
    for (const [word, literal] of literals) if (text.startsWith(word, at)) return (at += word.length), literal;
    numberPattern.lastIndex = at;
    const match = numberPattern.exec(text);
    if (!match) return fail(at < text.length ? `unexpected character ${JSON.stringify(char)}` : "unexpected end of file");
    at = numberPattern.lastIndex;
    const number = Number(match[0]);
    return (match[1] || match[2]) && Number.isInteger(number) ? new WholeFloat(number) : number;
  };
  const result = value();
  skipSpace();
  if (at < text.length) fail("unexpected text after the end of the JSON value");
  return result;
}
