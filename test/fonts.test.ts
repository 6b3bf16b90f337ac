import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import UPNG from "upng-js";
import type { Figure } from "../lib/figures/figure";
import { fontCodePoints, fontGlyphCount } from "../lib/render/cmap";
import { CJK_FONT_FILE, FONT_FILES, LATIN_FONT_FILES, rasterize, renderPng } from "../lib/render/png";
import { renderSvg } from "../lib/render/svg";

const ROOT = path.resolve(__dirname, "..");

/** A piece of text a chart may draw, and where it comes from. */
interface Drawn {
  where: string;
  text: string;
}

/** The characters the shipped fonts draw: the union of their cmaps. */
function shippedCharacters(files = FONT_FILES): Set<number> {
  const all = new Set<number>();
  for (const file of files) for (const c of fontCodePoints(fs.readFileSync(file), path.basename(file))) all.add(c);
  return all;
}

/** A label as drawn: plotly's tags dropped, numeric entities resolved. */
function drawnText(label: string): string {
  return label
    .replace(/<[^>]*>/g, "")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}

/** The characters of `texts` that `fonts` lack (line breaks and tabs aside), each with where it was found. */
function missingCharacters(texts: Drawn[], fonts: Set<number>): string[] {
  const missing: string[] = [];
  for (const { where, text } of texts) {
    for (const ch of new Set(drawnText(text))) {
      const c = ch.codePointAt(0) as number;
      if (c === 0x0a || c === 0x09 || fonts.has(c)) continue;
      missing.push(`${where}: "${text}" has ${ch} (U+${c.toString(16).toUpperCase().padStart(4, "0")})`);
    }
  }
  return missing;
}

/** Fails, listing each character and where it was found, if `fonts` lack a character of `texts`. */
function assertAllDrawn(texts: Drawn[], fonts: Set<number>): void {
  const missing = missingCharacters(texts, fonts);
  if (missing.length) {
    assert.fail(`${missing.length} characters are in no shipped font (DejaVu Sans, the cut Noto Sans SC); \`npm run make-font\` cuts in any that Noto Sans SC has:\n  ${missing.join("\n  ")}`);
  }
}

/** Every string in a JSON value, with its path below `where`. */
function stringsIn(value: unknown, where: string): Drawn[] {
  if (typeof value === "string") return [{ where, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringsIn(v, `${where}[${i}]`));
  if (value && typeof value === "object") return Object.entries(value).flatMap(([k, v]) => stringsIn(v, `${where}.${k}`));
  return [];
}

/** The notebooks of both editions: notebooks/*.ipynb and notebooks/zh/*.ipynb. */
function notebookFiles(): string[] {
  return ["notebooks", "notebooks/zh"].flatMap((dir) => {
    const full = path.join(ROOT, dir);
    return fs.existsSync(full) ? fs.readdirSync(full).filter((f) => f.endsWith(".ipynb")).sort().map((f) => path.join(dir, f)) : [];
  });
}

interface Cell {
  id?: string;
  cell_type: string;
  source: string | string[];
  outputs?: { data?: Record<string, unknown> }[];
}

/** Every string of every saved plotly figure of a notebook (titles, axis titles, legend names, annotations, tick text, ...). */
function figureStrings(file: string): Drawn[] {
  const cells = (JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as { cells: Cell[] }).cells;
  return cells.flatMap((cell, k) =>
    (cell.outputs ?? []).flatMap((out) => {
      const fig = out.data?.["application/vnd.plotly.v1+json"];
      return fig ? stringsIn(fig, `${file} cell ${k + 1}${cell.id ? ` (id ${cell.id})` : ""} figure`) : [];
    }),
  );
}

/** A character DejaVu is unlikely to have: CJK and full-width forms. */
const CJK = /[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\u{20000}-\u{3ffff}]/u;

/** The CJK string literals of TypeScript source `text` (tr({ zh }) twins, a message catalogue's entries), as TypeScript reads them, named by file and line. */
function cjkLiterals(text: string, file: string): Drawn[] {
  if (!CJK.test(text)) return [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Drawn[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node)) && CJK.test(node.text)) {
      found.push({ where: `${file}:${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}`, text: node.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** lib's TypeScript sources (not dist/). */
function libSources(dir = path.join(ROOT, "lib")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === "dist" ? [] : libSources(full);
    return e.name.endsWith(".ts") ? [full] : [];
  });
}

/** The Chinese words of lib/util/messages.ts, the library's message catalogue, where it exists. */
function catalogueStrings(): Drawn[] {
  const file = path.join(ROOT, "lib/util/messages.ts");
  if (!fs.existsSync(file)) return [];
  const { MESSAGES } = require(file) as { MESSAGES?: Record<string, Record<string, string>> };
  assert.ok(MESSAGES?.zh, "lib/util/messages.ts exports no MESSAGES.zh; expected the catalogue's Chinese words there");
  return Object.entries(MESSAGES.zh).map(([key, text]) => ({ where: `lib/util/messages.ts MESSAGES.zh["${key}"]`, text }));
}

/** The code cells' CJK string literals of the notebooks: the tr({ zh }) twins a chart may be titled with. */
function codeCellLiterals(file: string): Drawn[] {
  const cells = (JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8")) as { cells: Cell[] }).cells;
  return cells.flatMap((cell, k) => {
    if (cell.cell_type !== "code") return [];
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    return cjkLiterals(source, `${file} cell ${k + 1}`);
  });
}

describe("fonts: every character a chart of either edition draws is in the shipped fonts", () => {
  const fonts = shippedCharacters();

  it("the Chinese font is Noto Sans SC cut to GB2312 level 1 and more, within 1.5 MB, with its licence beside it", () => {
    const font = fs.readFileSync(CJK_FONT_FILE);
    assert.ok(font.length <= 1.5e6, `${CJK_FONT_FILE} is ${font.length} bytes, expected <= 1.5 MB`);
    const cut = fontCodePoints(font, "the Chinese font");
    const gbk = new TextDecoder("gbk");
    let hanzi = 0;
    for (let row = 0xb0; row <= 0xd7; row++) {
      for (let cell = 0xa1; cell <= (row === 0xd7 ? 0xf9 : 0xfe); cell++) {
        const ch = gbk.decode(Uint8Array.of(row, cell));
        assert.ok(cut.has(ch.codePointAt(0) as number), `GB2312 level 1 character ${ch} is not in the Chinese font; run npm run make-font`);
        hanzi++;
      }
    }
    assert.equal(hanzi, 3755);
    assert.ok(fontGlyphCount(font, "the Chinese font") < 6000, "the cut keeps fewer than 6,000 glyphs");
    assert.match(fs.readFileSync(path.join(path.dirname(CJK_FONT_FILE), "OFL.txt"), "utf8"), /SIL Open Font License, Version 1\.1/);
  });

  it("the saved figures of notebooks/*.ipynb and notebooks/zh/*.ipynb", () => {
    const files = notebookFiles();
    const texts = files.flatMap(figureStrings);
    assert.ok(texts.length > 100, `found only ${texts.length} strings in the saved figures of ${files.length} notebooks; expected the lessons' charts`);
    assertAllDrawn(texts, fonts);
  });

  it("lib's Chinese words: the message catalogue and every CJK string literal in lib/", () => {
    const texts = [...catalogueStrings(), ...libSources().flatMap((f) => cjkLiterals(fs.readFileSync(f, "utf8"), path.relative(ROOT, f)))];
    assertAllDrawn(texts, fonts);
  });

  it("the notebooks' Chinese string literals in code cells", () => {
    assertAllDrawn(notebookFiles().flatMap(codeCellLiterals), fonts);
  });

  it("fails on a character the fonts lack, and names where it was found", () => {
    // U+2F800 (a CJK compatibility ideograph) is in no font here; 龘 (U+9F98) is in Noto Sans SC, but outside GB2312 and the cut.
    assert.ok(!fonts.has(0x2f800) && !fonts.has(0x9f98), "the shipped fonts now have U+2F800 or 龘 (U+9F98): pick characters they lack for this test");
    const texts = [
      { where: "notebooks/zh/99-test.ipynb cell 3 figure.layout.title.text", text: "豆豆 \u{2F800}" },
      { where: "lib/util/messages.ts:9", text: "<b>龘</b> (epoch) 500" },
    ];
    assert.deepEqual(missingCharacters(texts, fonts), [
      'notebooks/zh/99-test.ipynb cell 3 figure.layout.title.text: "豆豆 \u{2F800}" has \u{2F800} (U+2F800)',
      'lib/util/messages.ts:9: "<b>龘</b> (epoch) 500" has 龘 (U+9F98)',
    ]);
    assert.throws(() => assertAllDrawn(texts, fonts), /2 characters are in no shipped font .*\n  notebooks\/zh\/99-test\.ipynb cell 3 .*U\+2F800\)\n  lib\/util\/messages\.ts:9: .*U\+9F98\)$/);
    assert.deepEqual(missingCharacters([{ where: "x", text: "轮次 (epoch) 500：代价函数 &#36718;" }], fonts), []);
    assert.deepEqual(missingCharacters([{ where: "x", text: "轮次" }], shippedCharacters(LATIN_FONT_FILES)).length, 2, "DejaVu alone lacks both hanzi");
  });

  it("the cmap reader: format 12 (DejaVu Sans), format 4 (the cut), and a clear error for a file that is not a whole font", () => {
    const dejavu = fontCodePoints(fs.readFileSync(LATIN_FONT_FILES[0]), "DejaVuSans.ttf");
    assert.ok(dejavu.has(0x41) && dejavu.has(0x2713) && dejavu.has(0x10300) && !dejavu.has(0x4e00), "DejaVu Sans has A, ✓ and Old Italic 𐌀 (beyond the BMP), not 一");
    const cut = fs.readFileSync(CJK_FONT_FILE);
    assert.ok(fontCodePoints(cut, "cut").has(0x8c46) && !fontCodePoints(cut, "cut").has(0x41), "the cut has 豆, and no Latin A (DejaVu draws it)");
    assert.throws(() => fontCodePoints(cut.subarray(0, 4000), "half.ttf"), /fontCodePoints: half\.ttf: its cmap runs past the end of its 4000 bytes, expected a whole TrueType\/OpenType font/);
    assert.throws(() => fontCodePoints(Buffer.from("not a font"), "x.txt"), /fontCodePoints: x\.txt: 10 bytes, expected a TrueType/);
  });

  it("finds the CJK literals of TypeScript source, as TypeScript reads them, and no comments", () => {
    const found = cjkLiterals(`tr({ en: "it's", zh: "豆豆\\"有毒\\"" }); const t = '第 1 层'; // 注释\nconst u = \`轮次 \${n}\`;`, "x.ts");
    assert.deepEqual(found, [
      { where: "x.ts:1", text: '豆豆"有毒"' },
      { where: "x.ts:1", text: "第 1 层" },
      { where: "x.ts:2", text: "轮次 " },
    ]);
  });
});

/** A figure with one annotation at a fixed place, left-aligned, and nothing else drawn with text. */
function annotated(text: string, title?: string): Figure {
  return {
    data: [],
    layout: {
      width: 300,
      height: 120,
      margin: { l: 10, r: 10, t: 40, b: 10 },
      ...(title ? { title: { text: title } } : {}),
      xaxis: { visible: false },
      yaxis: { visible: false },
      annotations: [{ text, x: 0, y: 0.5, xref: "paper", yref: "paper", xanchor: "left", yanchor: "middle", showarrow: false }],
    },
  } as Figure;
}

/** The RGBA pixels of a PNG in columns [x0, x1) of the whole height. */
function columns(png: Uint8Array, x0: number, x1: number): number[] {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(image)[0]);
  const out: number[] = [];
  for (let y = 0; y < image.height; y++) for (let x = x0; x < x1; x++) out.push(...rgba.subarray(4 * (y * image.width + x), 4 * (y * image.width + x) + 4));
  return out;
}

describe("fonts: Chinese in the PNGs", () => {
  it("draws each hanzi in its own glyph, where DejaVu alone draws the same empty box for every one", () => {
    const one = annotated("豆豆", "有毒");
    const other = annotated("神经", "代价");
    assert.notDeepEqual(renderPng(one), renderPng(other));
    assert.deepEqual(renderPng(one), renderPng(annotated("豆豆", "有毒")), "the same Chinese figure gives the same bytes");
    const latinOnly = (fig: Figure) => rasterize(renderSvg(fig), LATIN_FONT_FILES, 1);
    assert.deepEqual(latinOnly(one), latinOnly(other));
  });

  it("keeps Latin text in DejaVu Sans: the same pixels as without the Chinese font, also next to Chinese", () => {
    const latin = annotated("epoch 500", "Decision boundary");
    assert.deepEqual(renderPng(latin), rasterize(renderSvg(latin), LATIN_FONT_FILES, 1));
    // "epoch 500" starts the annotation at a fixed x: the pixels under it are the same when Chinese follows.
    const start = Number(/<text x="([\d.]+)"[^>]*>epoch 500</.exec(renderSvg(latin))?.[1]);
    const mixed = annotated("epoch 500 轮次");
    assert.deepEqual(columns(renderPng(mixed), 0, Math.floor(start + 55)), columns(renderPng(annotated("epoch 500")), 0, Math.floor(start + 55)));
    assert.notDeepEqual(renderPng(mixed), renderPng(annotated("epoch 500")));
  });

  it("names the font families, DejaVu Sans first, so a browser showing the SVG falls back to a CJK font", () => {
    assert.match(renderSvg(annotated("豆豆")), /font-family="DejaVu Sans, Noto Sans SC, [^"]*sans-serif"/);
  });
});
