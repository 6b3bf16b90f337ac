/** A number for people to read: 4 decimals, or 4 significant digits in exponent form when very large or small. */
export function formatRounded(x: number): string {
  if (x === 0 || !Number.isFinite(x)) return String(x);
  const abs = Math.abs(x);
  if (abs >= 1e4 || abs < 1e-3) return x.toExponential(3);
  return String(Number(x.toFixed(4)));
}

/** A number written so that reading it back gives the same bits: the shortest exact form, and "-0" for -0. */
export function formatExact(x: number): string {
  // String(-0) is "0"; keep the sign so that a round trip gives the same bits.
  return Object.is(x, -0) ? "-0" : String(x);
}
