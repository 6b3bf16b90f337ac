/**
 * The C baseline of the bench: bench/mlp.c compiled with gcc -O3 -march=native when gcc is
 * present, run as a child process that reports its own CPU time.
 */
import { execFileSync } from "child_process";
import os from "os";
import path from "path";

/** The compiled baseline's path, or why there is none. */
export function buildBaseline(): { binary: string } | { missing: string } {
  const binary = path.join(os.tmpdir(), `beanlab-bench-mlp-${process.pid}`);
  try {
    execFileSync("gcc", ["-O3", "-march=native", "-o", binary, path.join(__dirname, "mlp.c"), "-lm"], { stdio: "pipe" });
    return { binary };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer };
    return { missing: e.code === "ENOENT" ? "gcc is not installed" : `gcc failed: ${String(e.stderr ?? e.message).trim()}` };
  }
}

/** Runs the baseline with `args` (see mlp.c); returns the CPU seconds it reports for its timed part. */
export function runBaseline(binary: string, args: (string | number)[]): number {
  const out = execFileSync(binary, args.map(String), { encoding: "utf8" });
  const seconds = Number(out.trim().split(/\s+/)[0]);
  if (!Number.isFinite(seconds)) throw new Error(`bench: the C baseline printed ${JSON.stringify(out)}, expected "seconds checksum"`);
  return seconds;
}
