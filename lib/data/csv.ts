import * as fs from "fs";
import * as nodePath from "path";
import { checkKeys, describe } from "../util/checks";
import { formatExact } from "../util/format";
import { Dataset, checkDataset } from "./generators";

/** Options of `toCsv` and `writeCsv`. */
export interface ToCsvArgs {
  /** Header names, the features' then the label's. Default x1, x2, ..., y (as many x as X has columns). */
  columns?: string[];
}

/** Options of `fromCsv` and `readCsv`. */
export interface FromCsvArgs {
  /** Name of the label column; every other column is a feature, in file order. Default: the last column. */
  label?: string;
}

/**
 * A dataset as CSV text: a header line, then one line per example (features, then label), "\n" line
 * ends and a final newline. Numbers are written in full (String(x)), so reading them back gives the same bits.
 */
export function toCsv(data: Dataset, args: ToCsvArgs = {}): string {
  return formatCsv(data, args, "toCsv");
}

/**
 * Reads CSV text with a header line: the label column (default: the last) becomes y [n], the other
 * columns X [n, d]. Accepts \r\n and \r line ends, blank lines at the end and spaces around cells; errors name the line at fault.
 */
export function fromCsv(text: string, args: FromCsvArgs = {}): Dataset {
  checkKeys(args, ["label"], "fromCsv");
  if (typeof text !== "string") throw new Error(`fromCsv: expected CSV text, got ${describe(text)}`);
  return parseCsv(text, args.label, "fromCsv");
}

/** `fromCsv` on a file read synchronously (UTF-8, or UTF-16 with a byte-order mark); errors start with the file's path. */
export function readCsv(path: string, args: FromCsvArgs = {}): Dataset {
  checkKeys(args, ["label"], "readCsv");
  if (typeof path !== "string" || path === "") throw new Error(`readCsv: expected a file path such as "data/beans.csv", got ${describe(path)}`);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(path);
  } catch (error) {
    throw new Error(`readCsv: cannot read ${path}: ${fileProblem(error as NodeJS.ErrnoException)}`);
  }
  return parseCsv(decodeText(bytes, `readCsv: ${path}`), args.label, `readCsv: ${path}`);
}

/** `toCsv` written to a file synchronously (replacing it); the folder must exist. */
export function writeCsv(path: string, data: Dataset, args: ToCsvArgs = {}): void {
  const text = formatCsv(data, args, "writeCsv");
  if (typeof path !== "string" || path === "") throw new Error(`writeCsv: expected a file path such as "data/points.csv", got ${describe(path)}`);
  const dir = nodePath.dirname(nodePath.resolve(path));
  if (!fs.existsSync(dir)) throw new Error(`writeCsv: cannot write ${path}: the folder ${dir} does not exist; create it first (fs.mkdirSync(folder, { recursive: true }))`);
  try {
    fs.writeFileSync(path, text);
  } catch (error) {
    throw new Error(`writeCsv: cannot write ${path}: ${fileProblem(error as NodeJS.ErrnoException)}`);
  }
}

// A file system error in words, with its code for searching.
function fileProblem(error: NodeJS.ErrnoException): string {
  const words: Record<string, string> = { ENOENT: "no such file", EACCES: "permission denied", EISDIR: "it is a folder, not a file", ENOTDIR: "a part of the path is not a folder" };
  return error.code && words[error.code] ? `${words[error.code]} (${error.code})` : error.message;
}

// UTF-8 by default; UTF-16 (as Excel's "Unicode text" saves) when it starts with a byte-order mark.
function decodeText(bytes: Buffer, where: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes.subarray(0, 200).includes(0)) {
    throw new Error(`${where}: the file holds zero bytes, as UTF-16 text without a byte-order mark does; save it as "CSV UTF-8"`);
  }
  return bytes.toString("utf8");
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function formatCsv(data: Dataset, args: ToCsvArgs, fn: string): string {
  checkKeys(args, ["columns"], fn);
  checkDataset(data, fn);
  const d = data.X[0].length;
  const columns = args.columns ?? [...data.X[0].map((_, j) => `x${j + 1}`), "y"];
  if (!Array.isArray(columns) || columns.length !== d + 1) {
    throw new Error(`${fn}: columns must be ${d + 1} names (${d} features, then the label), got ${describe(columns)}`);
  }
  for (const name of columns) {
    if (typeof name !== "string" || name === "" || name !== name.trim() || /[,"\r\n]/.test(name)) {
      throw new Error(
        `${fn}: column names must be non-empty, without surrounding spaces, commas, quotes or line breaks, ` +
          `got ${describe(name)}`,
      );
    }
  }
  const twice = columns.find((name, j) => columns.indexOf(name) !== j);
  if (twice !== undefined) throw new Error(`${fn}: column name "${twice}" appears twice`);
  const lines = [columns.join(",")];
  for (let i = 0; i < data.y.length; i++) {
    lines.push([...data.X[i], data.y[i]].map(formatExact).join(","));
  }
  return lines.join("\n") + "\n";
}

function parseCsv(text: string, labelName: string | undefined, where: string): Dataset {
  // Excel writes a byte-order mark at the start of UTF-8 CSV files.
  // Old Mac files end lines with a lone \r.
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) {
    throw new Error(
      `${where}: the CSV is empty; expected a header line such as x1,x2,y, then one line of numbers per example`,
    );
  }
  const header = splitCells(lines[0]);
  if (header.every((cell) => NUMBER.test(cell))) {
    throw new Error(
      `${where}: line 1: expected a header of column names such as x1,x2,y, got numbers "${lines[0].trim()}"`,
    );
  }
  header.forEach((name, j) => {
    if (name === "") throw new Error(`${where}: line 1: column ${j + 1} of the header has no name`);
    if (header.indexOf(name) !== j) throw new Error(`${where}: line 1: column name "${name}" appears twice`);
  });
  if (header.length < 2) {
    const separator = lines[0].includes(";") ? "semicolons" : lines[0].includes("\t") ? "tabs" : null;
    if (separator) {
      throw new Error(
        `${where}: line 1: the columns are separated by ${separator}, expected commas; save the file as "CSV (comma delimited)" ` +
          `or replace the ${separator} with commas (and decimal commas with points)`,
      );
    }
    throw new Error(`${where}: line 1: expected at least 2 columns (features, then a label), got only "${header[0]}"`);
  }
  const label = labelName ?? header[header.length - 1];
  const labelIndex = header.indexOf(label);
  if (labelIndex < 0) {
    throw new Error(`${where}: label column ${describe(label)} is not in the header (${header.join(",")})`);
  }
  if (lines.length === 1) throw new Error(`${where}: no data lines after the header (${header.join(",")})`);

  const data: Dataset = { X: [], y: [] };
  for (let i = 1; i < lines.length; i++) {
    const lineNumber = i + 1;
    if (lines[i].trim() === "") {
      throw new Error(`${where}: line ${lineNumber} is blank; blank lines are allowed only at the end`);
    }
    const cells = splitCells(lines[i]);
    if (cells.length !== header.length) {
      const hint = /[;\t]/.test(lines[i]) ? "; the line holds semicolons or tabs, expected commas only" : "";
      throw new Error(
        `${where}: line ${lineNumber}: expected ${header.length} cells (${header.join(",")}), got ${cells.length}${hint}`,
      );
    }
    const values = cells.map((cell, j) => {
      const value = Number(cell);
      // The pattern rejects what Number() would quietly accept: "", "0x1F", "Infinity".
      if (!NUMBER.test(cell) || !Number.isFinite(value)) {
        const problem = cell === "" ? "the cell is empty" : `"${cell}" is not a finite number`;
        throw new Error(`${where}: line ${lineNumber}, column "${header[j]}": ${problem}`);
      }
      return value;
    });
    data.X.push(values.filter((_, j) => j !== labelIndex));
    data.y.push(values[labelIndex]);
  }
  return data;
}

function splitCells(line: string): string[] {
  // Spreadsheets and R quote some cells ("x1"); a quoted cell with a comma inside is not supported.
  return line.split(",").map((cell) => cell.trim().replace(/^"(.*)"$/, "$1"));
}
