import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..");
const LIB = path.join(ROOT, "lib");

/** Which of lib/'s folders each folder may import from: the engine at the bottom, notebooks at the top. */
const MAY_IMPORT: Record<string, string[]> = {
  util: [],
  engine: ["util"],
  data: ["util", "engine"],
  experiments: ["util", "engine", "data"],
  playground: ["util", "engine", "data"],
  figures: ["util", "engine", "data"],
  render: ["util", "figures"],
  notebook: ["util", "engine", "data", "experiments", "figures", "render"],
};

/** Every .ts file under `dir`, compiled output and dependencies left out. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "dist" || entry.name === "node_modules" ? [] : sources(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** The relative module paths a file imports or re-exports, type-only imports included. */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import|require\()\s*"(\.{1,2}\/[^"]*)"/g)].map((m) => m[1]);
}

/** The lib/ folder a path lies in ("engine", "figures", ...), or "" for lib/ itself. */
function folderOf(file: string): string {
  const rel = path.relative(LIB, file);
  return rel.includes(path.sep) ? rel.split(path.sep)[0] : "";
}

describe("architecture", () => {
  it("lib/ has only its known folders, and lib/index.ts is the one file at its top", () => {
    const files = sources(LIB).map((f) => path.relative(LIB, f));
    assert.deepEqual(files.filter((f) => !f.includes(path.sep)), ["index.ts"]);
    const unknown = [...new Set(files.map((f) => f.split(path.sep)[0]).filter((f) => f !== "index.ts" && !(f in MAY_IMPORT)))];
    assert.deepEqual(unknown, [], "folders with no place in the import order");
  });

  it("every import in lib/ goes down the order: the engine imports nothing from data, figures, rendering, notebooks or Playground", () => {
    const wrong: string[] = [];
    for (const file of sources(LIB)) {
      const from = folderOf(file);
      if (from === "") continue;
      for (const spec of relativeImports(file)) {
        const to = folderOf(path.resolve(path.dirname(file), spec));
        if (to !== from && !MAY_IMPORT[from].includes(to)) wrong.push(`${path.relative(ROOT, file)} imports ${spec} (${from} -> ${to || "lib/index"})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it("the import check sees a wrong-way import", () => {
    const engineFile = sources(path.join(LIB, "engine"))[0];
    const to = folderOf(path.resolve(path.dirname(engineFile), "../figures/plot"));
    assert.equal(to, "figures");
    assert.equal(MAY_IMPORT[folderOf(engineFile)].includes(to), false);
  });

  it("no source file of lib/, scripts/ or bench/ is over 400 lines", () => {
    const long = ["lib", "scripts", "bench"]
      .flatMap((dir) => sources(path.join(ROOT, dir)))
      .map((file) => ({ file: path.relative(ROOT, file), lines: fs.readFileSync(file, "utf8").split("\n").length }))
      .filter((f) => f.lines > 400)
      .map((f) => `${f.file}: ${f.lines} lines`);
    assert.deepEqual(long, []);
  });
});
