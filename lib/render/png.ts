/** Static figures as PNG: renderSvg's drawing rasterised by resvg, with the DejaVu fonts shipped in node_modules only. */
import { Resvg } from "@resvg/resvg-js";
import * as path from "path";
import UPNG from "upng-js";
import type { Figure } from "../figures/figure";
import { renderSvg } from "./svg";

/** The shipped fonts, so that every machine draws the same glyphs and the same bytes. */
const FONT_DIR = path.join(path.dirname(require.resolve("dejavu-fonts-ttf/package.json")), "ttf");
const FONT_FILES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"].map((f) => path.join(FONT_DIR, f));

/** Options of renderPng. */
export interface RenderPngArgs {
  /** Image pixels per layout pixel. Default 1. */
  scale?: number;
}

/** Colours kept in the saved PNG: smooth heatmaps then take a quarter of the bytes, and look the same. */
const PALETTE_SIZE = 256;

/** Draws a Figure as PNG bytes of (layout.width x layout.height) x scale; the same figure gives the same bytes. */
export function renderPng(fig: Figure, args: RenderPngArgs = {}): Uint8Array {
  const scale = args.scale ?? 1;
  if (!(scale > 0)) throw new Error(`renderPng: scale is ${scale}, expected a number > 0`);
  const resvg = new Resvg(renderSvg(fig), {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: "DejaVu Sans" },
    fitTo: { mode: "zoom", value: scale },
  });
  const image = resvg.render();
  const { pixels } = image;
  const rgba = Uint8Array.from(pixels).buffer;
  return new Uint8Array(UPNG.encode([rgba], image.width, image.height, PALETTE_SIZE));
}
