/**
 * Each lesson's cover picture, the PNG saved by its code cell tagged "cover", kept as
 * docs/covers/NN.png for the README's list of lessons; `npm run lessons` refreshes them.
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

/** [cover file, bytes] for every lesson in notebooks/ that has a cover. */
export function covers(root: string): [string, Buffer][] {
  const dir = path.join(root, "notebooks");
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d+-.*\.ipynb$/.test(f))
    .sort()
    .flatMap((f): [string, Buffer][] => {
      const png = coverOf(fs.readFileSync(path.join(dir, f)));
      return png ? [[path.join(root, "docs", "covers", `${f.split("-")[0]}.png`), png]] : [];
    });
}
