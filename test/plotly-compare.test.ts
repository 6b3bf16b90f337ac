import { strict as assert } from "assert";
import UPNG from "upng-js";
import { pictureDistance } from "../scripts/lab/compare";

/** A PNG of w x h pixels painted by `color(x, y)` as [r, g, b, a]. */
function png(w: number, h: number, color: (x: number, y: number) => number[]): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rgba.set(color(x, y), 4 * (y * w + x));
  return new Uint8Array(UPNG.encode([rgba.buffer], w, h, 0));
}

describe("lab-check's coarse picture comparison", () => {
  it("is 0 for the same picture at another size, and for transparent against white", () => {
    const half = (x: number, w: number) => (x < w / 2 ? [245, 147, 34, 255] : [8, 119, 189, 255]);
    assert.equal(pictureDistance(png(80, 40, (x) => half(x, 80)), png(160, 80, (x) => half(x, 160))), 0);
    assert.equal(pictureDistance(png(16, 16, () => [0, 0, 0, 0]), png(16, 16, () => [255, 255, 255, 255])), 0);
  });

  it("is 255 for black against white, and large when half the picture is missing", () => {
    assert.equal(pictureDistance(png(16, 16, () => [0, 0, 0, 255]), png(16, 16, () => [255, 255, 255, 255])), 255);
    const full = png(64, 64, () => [245, 147, 34, 255]);
    const half = png(64, 64, (x) => (x < 32 ? [245, 147, 34, 255] : [255, 255, 255, 255]));
    assert.ok(pictureDistance(full, half) > 30);
  });
});
