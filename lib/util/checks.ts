/** A short description of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean" || value == null) return String(value);
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  return `a ${typeof value}`;
}

/** Throws if `args` is not an object or has a key not in `valid`, so a typo is never silently ignored. */
export function checkKeys(args: object, valid: readonly string[], where: string): void {
  if (args === null || typeof args !== "object" || Array.isArray(args)) {
    throw new Error(`${where}: options must be an object like { ${valid[0]}: ... }, got ${describe(args)}`);
  }
  for (const key of Object.keys(args)) {
    if (!valid.includes(key)) {
      throw new Error(`${where}: unknown option "${key}"; valid options are ${valid.join(", ")}`);
    }
  }
}

/** Checks that `value` is an integer >= `min` and returns it. */
export function checkInteger(value: unknown, name: string, where: string, min = 1): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < min) {
    throw new Error(`${where}: ${name} must be an integer >= ${min}, got ${describe(value)}`);
  }
  return value;
}
