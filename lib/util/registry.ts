import { describe } from "./checks";

/** Options of `Registry`. */
export interface RegistryArgs<T> {
  /** What is looked up, for errors: "activation", "loss", ... */
  kind: string;
  /** Each accepted name and how to make its value (a new object where values keep state). */
  entries: Record<string, () => T>;
  /** True for a value that already is a T, which is then used as it is. */
  accepts(value: unknown): boolean;
  /** What else the error should offer besides the names, e.g. "leakyRelu({ alpha })". */
  alternatives?: string;
}

/**
 * Names and the values they stand for (activations, losses, ...), with one lookup that passes
 * objects through and answers an unknown name with the list of valid ones.
 */
export class Registry<T> {
  private readonly args: RegistryArgs<T>;

  constructor(args: RegistryArgs<T>) {
    this.args = args;
  }

  /** The accepted names, in the order they were given. */
  get names(): string[] {
    return Object.keys(this.args.entries);
  }

  /** The value for a name, or `value` itself if it already is one; `where` names the caller in the error. */
  get(value: unknown, where: string): T {
    const { entries, accepts, kind, alternatives } = this.args;
    if (typeof value === "string") {
      if (Object.prototype.hasOwnProperty.call(entries, value)) return entries[value]();
    } else if (value !== null && value !== undefined && accepts(value)) {
      return value as T;
    }
    const names = this.names.map((k) => `"${k}"`).join(", ");
    throw new Error(`${where}: unknown ${kind} ${describe(value)}; expected one of ${names}${alternatives ? `, or ${alternatives}` : ""}`);
  }
}
