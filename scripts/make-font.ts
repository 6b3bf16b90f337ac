/**
 * `npm run make-font`: cuts Noto Sans SC (Regular) to the characters beanlab's charts may show in
 * Chinese and writes it, with its licence, to lib/render/fonts/. The font package and the subsetter
 * are installed into a temporary folder, so neither enters package.json or `npm ci`.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import { createRequire } from "module";
import * as os from "os";
import * as path from "path";
import { fontCodePoints, fontGlyphCount } from "../lib/render/cmap";
import { CJK_FONT_FILE, LATIN_FONT_FILES } from "../lib/render/png";
import { isUsage, printUsage, readCommandLine } from "./cli";

const USAGE = `usage: npm run make-font
  Installs @expo-google-fonts/noto-sans-sc and subset-font (pinned) into a temporary folder, cuts
  Noto Sans SC Regular to GB2312 level 1, GB2312's symbol rows 1-9 and every character of the
  repository's Chinese text that DejaVu Sans lacks, and writes ${path.relative(process.cwd(), CJK_FONT_FILE)}
  and OFL.txt next to it. Same bytes on every run.
`;

const ROOT = path.resolve(__dirname, "..");

/** The packages the cut needs, pinned (subset-font's own dependencies too), so every run gets the same bytes. */
const PACKAGES = ["@expo-google-fonts/noto-sans-sc@0.4.3", "subset-font@2.9.0", "harfbuzzjs@1.6.4", "fontverter@2.0.0"];
const SOURCE_FONT = "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
const SOURCE_LICENCE = "@expo-google-fonts/noto-sans-sc/LICENSE_FONT";

/** The characters of GB2312 rows `first` to `last` (bytes 0xA0 + row, 0xA1-0xFE), decoded as GBK; empty cells are left out. */
function gb2312Rows(first: number, last: number): string[] {
  const gbk = new TextDecoder("gbk", { fatal: true });
  const chars: string[] = [];
  for (let row = first; row <= last; row++) {
    // Row 55 ends at 0xF9: its last 5 cells are empty.
    const lastCell = row === 55 ? 0xf9 : 0xfe;
    for (let cell = 0xa1; cell <= lastCell; cell++) {
      const ch = gbk.decode(Uint8Array.of(0xa0 + row, cell));
      const c = ch.codePointAt(0) as number;
      // GBK maps GB2312's empty cells of rows 1-9 to the private use area.
      if (c >= 0xe000 && c <= 0xf8ff) continue;
      chars.push(ch);
    }
  }
  return chars;
}

/** Files under `dir` (recursively, skipping node_modules and dist) whose names end with `ext`. */
function filesUnder(dir: string, ext: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "dist" ? [] : filesUnder(full, ext);
    return entry.name.endsWith(ext) ? [full] : [];
  });
}

/** Every string in a parsed JSON value, depth first. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(jsonStrings);
  if (value && typeof value === "object") return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** The text of the repository a chart may show: the notebooks of both editions (every string in them) and lib's sources. */
function repositoryText(): string {
  const notebooks = [...filesUnder(path.join(ROOT, "notebooks"), ".ipynb")].sort();
  const sources = filesUnder(path.join(ROOT, "lib"), ".ts").sort();
  const parts = notebooks.map((file) => {
    try {
      return jsonStrings(JSON.parse(fs.readFileSync(file, "utf8"))).join("\n");
    } catch (error) {
      throw new Error(`make-font: ${path.relative(ROOT, file)} is not valid JSON (${(error as Error).message}), expected a notebook`);
    }
  });
  return [...parts, ...sources.map((file) => fs.readFileSync(file, "utf8"))].join("\n");
}

/** Installs PACKAGES into a new temporary folder; returns the folder. */
function installPackages(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "beanlab-font-"));
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  console.log(`installing ${PACKAGES.join(", ")} into ${dir}`);
  execFileSync(npm, ["install", "--prefix", dir, "--no-save", "--no-package-lock", "--no-audit", "--no-fund", "--ignore-scripts", ...PACKAGES], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return dir;
}

type SubsetFont = (font: Buffer, text: string, options: { targetFormat: "sfnt"; noLayoutClosure: boolean }) => Promise<Buffer>;

async function main(): Promise<void> {
  const dir = installPackages();
  try {
    const load = createRequire(path.join(dir, "package.json"));
    const subsetFont = load("subset-font") as SubsetFont;
    const source = fs.readFileSync(load.resolve(SOURCE_FONT));
    const noto = fontCodePoints(source, SOURCE_FONT);
    const latin = new Set<number>();
    for (const file of LATIN_FONT_FILES) for (const c of fontCodePoints(fs.readFileSync(file), path.basename(file))) latin.add(c);

    const hanzi = gb2312Rows(16, 55);
    const symbols = gb2312Rows(1, 9);
    const wanted = new Set([...hanzi, ...symbols].map((ch) => ch.codePointAt(0) as number));
    const fromRepo = new Set<number>();
    for (const ch of repositoryText()) {
      const c = ch.codePointAt(0) as number;
      const control = c < 0x20 || (c >= 0x7f && c < 0xa0);
      if (!control && !latin.has(c) && !wanted.has(c)) fromRepo.add(c);
    }
    const lacking = [...wanted, ...fromRepo].filter((c) => !noto.has(c) && !latin.has(c)).sort((a, b) => a - b);
    const kept = [...wanted, ...fromRepo].filter((c) => noto.has(c)).sort((a, b) => a - b);
    const text = String.fromCodePoint(...kept);

    // Without layout closure the cut leaves out vertical, width and other-locale alternates that horizontal Simplified Chinese never uses.
    const font = await subsetFont(source, text, { targetFormat: "sfnt", noLayoutClosure: true });
    const inFont = fontCodePoints(font, "the cut font");
    const lost = kept.filter((c) => !inFont.has(c));
    if (lost.length) throw new Error(`make-font: the cut font lacks ${lost.length} characters it was asked for (${String.fromCodePoint(...lost.slice(0, 20))}), expected all`);

    fs.mkdirSync(path.dirname(CJK_FONT_FILE), { recursive: true });
    fs.writeFileSync(CJK_FONT_FILE, font);
    fs.copyFileSync(load.resolve(SOURCE_LICENCE), path.join(path.dirname(CJK_FONT_FILE), "OFL.txt"));

    const rel = path.relative(process.cwd(), CJK_FONT_FILE);
    console.log(`${rel}: ${font.length.toLocaleString("en")} bytes, ${fontGlyphCount(font, rel).toLocaleString("en")} glyphs, ${inFont.size.toLocaleString("en")} characters`);
    const extra = [...fromRepo].sort((a, b) => a - b);
    console.log(`  GB2312 level 1: ${hanzi.length} hanzi; rows 1-9: ${symbols.length} symbols; the repository's text: ${extra.length} more${extra.length ? ` (${String.fromCodePoint(...extra)})` : ""}`);
    if (lacking.length) console.log(`  in neither Noto Sans SC nor DejaVu Sans, left out: ${lacking.length} (${lacking.map((c) => `U+${c.toString(16).toUpperCase().padStart(4, "0")}`).join(" ")})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const line = readCommandLine(process.argv.slice(2), USAGE, {});
if (isUsage(line)) process.exitCode = printUsage(line);
else {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
