/** The characters a TrueType/OpenType font has glyphs for, read from its cmap table (formats 4 and 12). */

/** Reads `font`'s Unicode cmap: the set of code points it maps to a glyph other than .notdef. `name` says which font, in errors. */
export function fontCodePoints(font: Uint8Array, name: string): Set<number> {
  try {
    return readCmap(font, name);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new Error(`fontCodePoints: ${name}: its cmap runs past the end of its ${font.byteLength} bytes, expected a whole TrueType/OpenType font`);
  }
}

/** fontCodePoints's reading; a table that points past the end of the file throws a RangeError. */
function readCmap(font: Uint8Array, name: string): Set<number> {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const fail = (what: string): never => {
    throw new Error(`fontCodePoints: ${name}: ${what}, expected a TrueType/OpenType font with a Unicode cmap of format 4 or 12`);
  };
  if (font.byteLength < 12) fail(`${font.byteLength} bytes`);
  const tables = view.getUint16(4);
  let cmap = -1;
  for (let i = 0; i < tables; i++) {
    const entry = 12 + 16 * i;
    if (entry + 16 > font.byteLength) fail("its table directory is cut short");
    if (String.fromCharCode(...font.subarray(entry, entry + 4)) === "cmap") cmap = view.getUint32(entry + 8);
  }
  if (cmap < 0) fail("it has no cmap table");
  // Prefer the full-repertoire subtable (format 12) to the BMP one (format 4).
  let best: { offset: number; format: number } | null = null;
  const subtables = view.getUint16(cmap + 2);
  for (let i = 0; i < subtables; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const offset = cmap + view.getUint32(cmap + 8 + 8 * i);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    const format = view.getUint16(offset);
    if (unicode && (format === 12 || (format === 4 && !best))) best = { offset, format };
  }
  if (!best) fail("its cmap has no Unicode subtable of format 4 or 12");
  const { offset, format } = best as { offset: number; format: number };
  return format === 12 ? format12(view, offset) : format4(view, offset);
}

/** Format 12: groups of consecutive code points mapped to consecutive glyphs. */
function format12(view: DataView, at: number): Set<number> {
  const points = new Set<number>();
  const groups = view.getUint32(at + 12);
  for (let g = 0; g < groups; g++) {
    const group = at + 16 + 12 * g;
    const start = view.getUint32(group);
    const end = view.getUint32(group + 4);
    const glyph = view.getUint32(group + 8);
    for (let c = start; c <= end; c++) if (glyph + (c - start) !== 0) points.add(c);
  }
  return points;
}

/** Format 4: BMP segments, each with a delta or an offset into the glyph id array. */
function format4(view: DataView, at: number): Set<number> {
  const points = new Set<number>();
  const segments = view.getUint16(at + 6) / 2;
  const ends = at + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let s = 0; s < segments; s++) {
    const start = view.getUint16(starts + 2 * s);
    const end = view.getUint16(ends + 2 * s);
    const delta = view.getUint16(deltas + 2 * s);
    const rangeOffset = view.getUint16(rangeOffsets + 2 * s);
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff;
      else {
        const raw = view.getUint16(rangeOffsets + 2 * s + rangeOffset + 2 * (c - start));
        glyph = raw === 0 ? 0 : (raw + delta) & 0xffff;
      }
      if (glyph !== 0) points.add(c);
    }
  }
  return points;
}

/** The number of glyphs in `font` (its maxp table). */
export function fontGlyphCount(font: Uint8Array, name: string): number {
  const view = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const tables = font.byteLength >= 12 ? view.getUint16(4) : 0;
  for (let i = 0; i < tables; i++) {
    const entry = 12 + 16 * i;
    if (String.fromCharCode(...font.subarray(entry, entry + 4)) === "maxp") return view.getUint16(view.getUint32(entry + 8) + 4);
  }
  throw new Error(`fontGlyphCount: ${name} has no maxp table, expected a TrueType/OpenType font`);
}
