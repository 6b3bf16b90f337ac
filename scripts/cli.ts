/**
 * The scripts' command lines, read by node:util's parseArgs. Every script answers `--help` (or `-h`)
 * with its usage and exit code 0, and a usage error (an unknown option, an option given a value it
 * does not take, an argument it does not take) with the error, the usage and exit code 2.
 */
import { parseArgs } from "node:util";

/** A script's options, as parseArgs takes them; `help` is added to every script's. */
type Options = Record<string, { type: "boolean" | "string"; short?: string; multiple?: boolean }>;

/** What parseArgs gives for `options`: their values and the positional arguments. */
type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

/** What the script does instead of running: print `text` (the usage, maybe after an error) and exit with `exit`. */
export interface Usage {
  exit: 0 | 2;
  text: string;
}

const HELP = { help: { type: "boolean", short: "h" } } as const;

/**
 * Reads `args` (process.argv after the script) against `options`: their values and positional
 * arguments (allowed only with `allowPositionals`), or the Usage to print when they ask for help or
 * are not what the script takes. `usage` is the script's usage text, ending with a newline.
 */
export function readCommandLine<O extends Options>(args: string[], usage: string, options: O, allowPositionals = false): Parsed<O> | Usage {
  const config = { args, options: { ...options, ...HELP }, allowPositionals };
  let parsed: { values: { help?: boolean } };
  try {
    parsed = parseArgs({ ...config, strict: true });
  } catch (error) {
    if (!(error as NodeJS.ErrnoException).code?.startsWith("ERR_PARSE_ARGS_")) throw error;
    // --help is answered even next to a mistake.
    if (parseArgs({ ...config, allowPositionals: true, strict: false }).values.help) return { exit: 0, text: usage };
    return { exit: 2, text: `${usageError((error as Error).message)}\n${usage}` };
  }
  if (parsed.values.help) return { exit: 0, text: usage };
  return parsed as unknown as Parsed<O>;
}

/** Whether readCommandLine answered with the usage rather than with values. */
export function isUsage<O extends Options>(line: Parsed<O> | Usage): line is Usage {
  return "exit" in line;
}

/** Prints a Usage as a script's entry point does (help to stdout, an error to stderr); returns its exit code. */
export function printUsage(usage: Usage): number {
  (usage.exit === 0 ? process.stdout : process.stderr).write(usage.text);
  return usage.exit;
}

/** parseArgs's message in one short line: "Unknown option '--chek'. To specify..." → "unknown option --chek". */
function usageError(message: string): string {
  const first = message.split(/\.\s/)[0].replace(/'([^']*)'/g, "$1");
  return first.charAt(0).toLowerCase() + first.slice(1);
}
