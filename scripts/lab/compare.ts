/** A coarse comparison of two pictures of a chart: mean colours over a grid of cells, so fonts and antialiasing do not count but a missing trace, a wrong colour or a moved plot does. */
import UPNG from "upng-js";

/** Cells per side of the grid. */
const GRID = 8;

/** Mean RGB of each of GRID x GRID cells of a PNG, transparent pixels read as white. */
function cells(png: Uint8Array): number[] {
  const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength) as ArrayBuffer);
  const rgba = new Uint8Array(UPNG.toRGBA8(image)[0]);
  const sums = new Float64Array(GRID * GRID * 3);
  const counts = new Float64Array(GRID * GRID);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const cell = Math.floor((y * GRID) / image.height) * GRID + Math.floor((x * GRID) / image.width);
      const i = 4 * (y * image.width + x);
      const alpha = rgba[i + 3] / 255;
      for (let c = 0; c < 3; c++) sums[3 * cell + c] += rgba[i + c] * alpha + 255 * (1 - alpha);
      counts[cell]++;
    }
  }
  return Array.from(sums, (s, k) => s / counts[Math.floor(k / 3)]);
}

/** How far apart two pictures look: the mean difference of their cells' colours, 0 (same) to 255. */
export function pictureDistance(a: Uint8Array, b: Uint8Array): number {
  const [ca, cb] = [cells(a), cells(b)];
  return ca.reduce((sum, v, k) => sum + Math.abs(v - cb[k]), 0) / ca.length;
}
