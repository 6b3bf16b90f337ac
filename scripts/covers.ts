/**
 * Each lesson's cover picture, the PNG saved by its code cell tagged "cover", kept as
 * docs/covers/NN.png for the README's list of lessons (docs/covers/zh/NN.png from the Chinese edition,
 * for README.zh-CN.md); `npm run lessons` refreshes them.
 */
import * as fs from "fs";
import * as path from "path";
import { parseNotebook } from "./notebook";

/** The cover picture of a notebook: the last PNG of its first cell tagged "cover", or null. */
export function coverOf(notebookBytes: Uint8Array): Buffer | null {
  const nb = parseNotebook(notebookBytes);
  const cell = nb.cells.find((c) => Array.isArray(c.metadata.tags) && c.metadata.tags.includes("cover"));
  const pngs = (cell?.outputs ?? []).map((o) => (o.data as Record<string, unknown> | undefined)?.["image/png"]).filter((p): p is string => typeof p === "string");
  return pngs.length ? Buffer.from(pngs[pngs.length - 1], "base64") : null;
}

/** [cover file, bytes] for every lesson in notebooks/ and notebooks/zh/ that has a cover. */
export function covers(root: string): [string, Buffer][] {
  return [
    ...editionCovers(path.join(root, "notebooks"), path.join(root, "docs", "covers")),
    ...editionCovers(path.join(root, "notebooks", "zh"), path.join(root, "docs", "covers", "zh")),
  ];
}

function editionCovers(dir: string, coverDir: string): [string, Buffer][] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+-.*\.ipynb$/.test(f))
    .sort()
    .flatMap((f): [string, Buffer][] => {
      const png = coverOf(fs.readFileSync(path.join(dir, f)));
      return png ? [[path.join(coverDir, `${f.split("-")[0]}.png`), png]] : [];
    });
}
