import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

type Nested = number | Nested[];

function shapeOf(x: Nested): number[] {
  return Array.isArray(x) ? [x.length, ...(x.length ? shapeOf(x[0]) : [])] : [];
}

function flatten(x: Nested): number[] {
  return Array.isArray(x) ? x.flatMap(flatten) : [x];
}

/**
 * Asserts that `actual` equals `expected` within `tol` relative (or absolute, near zero) error:
 * shapes first, then every element, naming the first element that differs.
 */
export function assertClose(actual: Nested, expected: Nested, tol = 1e-12, what = "value"): void {
  assert.deepEqual(shapeOf(actual), shapeOf(expected), `${what}: shape`);
  const a = flatten(actual);
  const e = flatten(expected);
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - e[i]) / Math.max(1, Math.abs(e[i]));
    if (!(err <= tol)) assert.fail(`${what}: element ${i} is ${a[i]}, expected ${e[i]} (relative error ${err} > ${tol})`);
  }
}

/** Asserts that `run` throws an error whose message contains every one of `parts`. */
export function assertThrows(run: () => unknown, ...parts: string[]): void {
  let message: string | undefined;
  try {
    run();
  } catch (error) {
    message = (error as Error).message;
  }
  assert.ok(message !== undefined, `expected an error mentioning ${parts.map((p) => `"${p}"`).join(", ")}`);
  for (const part of parts) assert.ok(message.includes(part), `error "${message}" should mention "${part}"`);
}

/** Runs `fn` and returns what it wrote to stdout. */
export async function captureStdout(fn: () => unknown): Promise<string> {
  const write = process.stdout.write;
  let out = "";
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return out;
}

/** Asserts that `fn` throws (or rejects) with a message matching every pattern. */
export async function fails(fn: () => unknown, ...patterns: RegExp[]): Promise<void> {
  let message: string | undefined;
  try {
    await fn();
  } catch (err) {
    message = (err as Error).message;
  }
  assert.ok(message !== undefined, `expected an error matching ${patterns.join(" and ")}, but nothing was thrown`);
  for (const p of patterns) assert.match(message, p);
}

/** The lines `fn` prints with console.log, one string per call. */
export function printed(fn: () => unknown): string[] {
  const log = console.log;
  const lines: string[] = [];
  console.log = (line: string) => void lines.push(line);
  try {
    fn();
  } finally {
    console.log = log;
  }
  return lines;
}

/**
 * Temporary folders named `prefix`..., each resolving packages as notebooks/ does (node_modules linked);
 * `keep` adds a folder made elsewhere, `removeAll` removes every one.
 */
export function scratchFolders(prefix: string): { tempDir(): string; keep(dir: string): void; removeAll(): void } {
  const dirs: string[] = [];
  return {
    tempDir() {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(dir);
      fs.symlinkSync(path.resolve(__dirname, "..", "node_modules"), path.join(dir, "node_modules"), "dir");
      return dir;
    },
    keep: (dir) => void dirs.push(dir),
    removeAll: () => {
      for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
