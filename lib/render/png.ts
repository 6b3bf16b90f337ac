/** Static figures as PNG: renderSvg's drawing rasterised by resvg, with the fonts shipped in the package only. */
import { Resvg } from "@resvg/resvg-js";
import * as fs from "fs";
import * as path from "path";
import UPNG from "upng-js";
import type { Figure } from "../figures/figure";
import { renderSvg } from "./svg";

const DEJAVU_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
/** DejaVu Sans, regular and bold: Latin, Greek and symbols, the same glyphs and bytes on every machine. */
export const LATIN_FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(DEJAVU_DIR, f));

/**
 * Noto Sans SC Regular cut to GB2312 level 1, its symbol rows and the repository's Chinese text
 * (`npm run make-font`), for the characters DejaVu lacks. It lives beside the sources, in
 * render/fonts/ of the package, whether this module runs from the sources or from dist/.
 */
export const CJK_FONT_FILE = path.join(path.dirname(require.resolve("beanlab/package.json")), "render", "fonts", "NotoSansSC-Regular-subset.ttf");

/** The fonts resvg loads, DejaVu first: a character DejaVu has is drawn in DejaVu, any other falls back to Noto Sans SC. */
export const FONT_FILES = [...LATIN_FONT_FILES, CJK_FONT_FILE];

/** Options of renderPng. */
export interface RenderPngArgs {
  /** Image pixels per layout pixel. Default 1. */
  scale?: number;
}

/** Colours kept in the saved PNG: smooth heatmaps then take a quarter of the bytes, and look the same. */
const PALETTE_SIZE = 256;

/** Whether every font file was found, checked on the first render. */
let fontsFound = false;

/** Throws if a shipped font file is missing: resvg would draw its characters as nothing, silently. */
function checkFonts(): void {
  if (fontsFound) return;
  const missing = FONT_FILES.filter((f) => !fs.existsSync(f));
  if (missing.length) {
    throw new Error(`renderPng: font file ${missing.join(", ")} is missing, expected the fonts the package ships (the Chinese one is made by npm run make-font)`);
  }
  fontsFound = true;
}

/** Draws a Figure as PNG bytes of (layout.width x layout.height) x scale; the same figure gives the same bytes. */
export function renderPng(fig: Figure, args: RenderPngArgs = {}): Uint8Array {
  const scale = args.scale ?? 1;
  if (!(scale > 0)) throw new Error(`renderPng: scale is ${scale}, expected a number > 0`);
  checkFonts();
  return rasterize(renderSvg(fig), FONT_FILES, scale);
}

/** An SVG drawn by resvg with only `fontFiles` (no system fonts), as palette PNG bytes. */
export function rasterize(svg: string, fontFiles: string[], scale: number): Uint8Array {
  const resvg = new Resvg(svg, {
    font: { fontFiles, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
  });
  const image = resvg.render();
  const { pixels } = image;
  const rgba = Uint8Array.from(pixels).buffer;
  return new Uint8Array(UPNG.encode([rgba], image.width, image.height, PALETTE_SIZE));
}
