import { inspect } from "util";
import { describe } from "../util/checks";
import { formatRounded } from "../util/format";

/** A dense row-major matrix of Float64 [rows, cols]: what the engine computes with. */
export class Matrix {
  constructor(
    /** Number of rows (samples). */
    readonly rows: number,
    /** Number of columns (features or units). */
    readonly cols: number,
    /** The values, row after row: element (r, c) is `data[r * cols + c]`. */
    readonly data: Float64Array = new Float64Array(rows * cols),
  ) {
    if (data.length !== rows * cols) {
      throw new Error(`Matrix: data has ${data.length} values, expected rows * cols = ${rows * cols}`);
    }
  }

  /** Element (r, c). */
  get(r: number, c: number): number {
    return this.data[r * this.cols + c];
  }

  /** Row r as a plain array. */
  row(r: number): number[] {
    return Array.from(this.data.subarray(r * this.cols, (r + 1) * this.cols));
  }

  /** Column c as a plain array. */
  column(c: number): number[] {
    const out = new Array<number>(this.rows);
    for (let r = 0; r < this.rows; r++) out[r] = this.data[r * this.cols + c];
    return out;
  }

  /** The matrix as nested arrays [rows][cols]. */
  toArray(): number[][] {
    const out = new Array<number[]>(this.rows);
    for (let r = 0; r < this.rows; r++) out[r] = this.row(r);
    return out;
  }

  [inspect.custom](): string {
    const shown = Math.min(this.rows, 5);
    const lines = [];
    for (let r = 0; r < shown; r++) lines.push("  [" + this.row(r).map(formatRounded).join(", ") + "]");
    if (this.rows > shown) lines.push(`  ... ${this.rows - shown} more rows`);
    return `Matrix [${this.rows}, ${this.cols}]\n${lines.join("\n")}`;
  }
}

/** Input data as users write it: nested arrays [n, d] (rows may be Float32Array or Float64Array), or a `Matrix`. */
export type MatrixLike = number[][] | (Float32Array | Float64Array)[] | Matrix;

/** Targets as users write them: a flat array [n] (one output, also a typed array) or nested arrays [n, k], or a `Matrix`. */
export type TargetsLike = number[] | Float32Array | Float64Array | number[][] | (Float32Array | Float64Array)[] | Matrix;

/**
 * Checks `X` and returns it as a Matrix: not empty, every row the same length, every
 * value a finite number. `where` names the caller in the error, e.g. "fit".
 */
export function toMatrix(X: MatrixLike, where: string, name = "X"): Matrix {
  if (X instanceof Matrix) {
    if (X.rows === 0) throw new Error(`${where}: ${name} is empty; expected at least one row`);
    for (let i = 0; i < X.data.length; i++) {
      if (!Number.isFinite(X.data[i])) notFinite(where, `${name}[${Math.floor(i / X.cols)}][${i % X.cols}]`, X.data[i]);
    }
    return X;
  }
  if (!Array.isArray(X)) {
    const given: unknown = X;
    const flat = isTypedRow(given) ? `; a flat ${given.constructor.name} is one row's worth of numbers, so give [row0, row1, ...]` : "";
    throw new Error(`${where}: ${name} must be an array of rows [n, d] (e.g. [[0.5, 1.2], ...]), got ${describeValue(given)}${flat}`);
  }
  if (X.length === 0) throw new Error(`${where}: ${name} is empty; expected at least one row`);
  const first: unknown = X[0];
  if (!isRow(first)) {
    throw new Error(`${where}: ${name} must be an array of rows [n, d], but row 0 is ${describeValue(first)}; wrap a single feature as [[x0], [x1], ...]`);
  }
  const cols = first.length;
  if (cols === 0) throw new Error(`${where}: ${name} rows are empty; expected at least one feature per row`);
  const data = new Float64Array(X.length * cols);
  for (let r = 0; r < X.length; r++) {
    const row: unknown = X[r];
    if (!isRow(row) || row.length !== cols) {
      throw new Error(`${where}: ${name} row ${r} has ${isRow(row) ? row.length : describeValue(row)} values, expected ${cols} like row 0`);
    }
    for (let c = 0; c < cols; c++) {
      const v = row[c];
      if (typeof v !== "number" || !Number.isFinite(v)) notFinite(where, `${name}[${r}][${c}]`, v);
      data[r * cols + c] = v;
    }
  }
  return new Matrix(X.length, cols, data);
}

/** Checks targets `y` and returns them as a Matrix [n, k]; a flat array becomes one column. */
export function toTargets(y: TargetsLike, where: string, name = "y"): Matrix {
  if (y instanceof Matrix || (Array.isArray(y) && y.length > 0 && isRow(y[0]))) {
    return toMatrix(y as MatrixLike, where, name);
  }
  if (!Array.isArray(y) && !isTypedRow(y)) throw new Error(`${where}: ${name} must be an array of labels [n] or [n, k], got ${describeValue(y)}`);
  if (y.length === 0) throw new Error(`${where}: ${name} is empty; expected one label per row of X`);
  const data = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v)) notFinite(where, `${name}[${i}]`, v);
    data[i] = v as number;
  }
  return new Matrix(y.length, 1, data);
}

// A row of numbers: an array, or a typed array such as Float32Array (not a DataView, not BigInt64Array).
function isRow(row: unknown): row is ArrayLike<unknown> {
  return Array.isArray(row) || isTypedRow(row);
}

function isTypedRow(row: unknown): row is ArrayLike<number> {
  return ArrayBuffer.isView(row) && !(row instanceof DataView) && !(row instanceof BigInt64Array) && !(row instanceof BigUint64Array);
}

// `describe`, naming typed arrays and other objects by their class.
function describeValue(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return value.constructor && value.constructor !== Object ? `a ${value.constructor.name}` : "an object";
  return describe(value);
}

function notFinite(where: string, at: string, value: unknown): never {
  throw new Error(`${where}: ${at} is ${describe(value)}; expected a finite number`);
}
