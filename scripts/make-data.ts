import * as fs from "fs";
import * as path from "path";
import { Dataset, GeneratorArgs, beans, circle, gauss, spiral, xor } from "../lib/data/generators";
import { toCsv } from "../lib/data/csv";
import { isUsage, printUsage, readCommandLine } from "./cli";

const USAGE = `usage: npm run data
  Regenerates every dataset in data/ (CSV) and data/README.md from the library's generators.
`;

const PLAYGROUND: GeneratorArgs = { n: 500, noise: 0, seed: 1, labels: "01" };

const CANONICAL: { name: string; make: (args: GeneratorArgs) => Dataset; args: GeneratorArgs; about: string }[] = [
  {
    name: "beans",
    make: beans,
    args: { n: 100, seed: 1 },
    about: "the course's lesson-9 spiral: 50 toxic beans (y = 1), then 50 harmless ones (y = 0)",
  },
  { name: "gauss", make: gauss, args: PLAYGROUND, about: "Playground's two Gaussian blobs" },
  { name: "circle", make: circle, args: PLAYGROUND, about: "Playground's disc inside a ring" },
  { name: "xor", make: xor, args: PLAYGROUND, about: "Playground's XOR quadrants" },
  { name: "spiral", make: spiral, args: PLAYGROUND, about: "Playground's two spiral arms" },
];

/** The datasets the lessons read from data/: file path (from the repository root), data, and the call that made it. */
export function canonicalDatasets(): { file: string; data: Dataset; call: string }[] {
  return CANONICAL.map(({ name, make, args }) => ({
    file: `data/${name}.csv`,
    data: make(args),
    call: `${name}({ ${Object.entries(args).map(([key, value]) => `${key}: ${JSON.stringify(value)}`).join(", ")} })`,
  }));
}

function readme(datasets: { file: string; call: string }[]): string {
  const rows = datasets.map(({ file, call }, i) => `| ${path.basename(file)} | ${CANONICAL[i].about} | \`${call}\` |`);
  return [
    "# data/",
    "",
    "The datasets the lessons use, as CSV. Do not edit them by hand: `npm run data` (scripts/make-data.ts)",
    "regenerates every file here, this README included, and the test suite fails if a file no longer",
    "matches its generator.",
    "",
    "| file | what | made by (from `lib/data.ts`) |",
    "| --- | --- | --- |",
    ...rows,
    "",
    "Columns: `x1,x2,y`. `x1` and `x2` are the two features (Playground's x and y axes); `y` is the label,",
    "1 for Playground's +1 class (blue; toxic for the beans) and 0 for its -1 class (orange; harmless).",
    "Points are in generation order, one class after the other; shuffle before splitting.",
    "",
    "The Playground sets use the page's 500 points and noise 0. Given the `seed` string of a Playground URL",
    "(as a string: the number 1 and the string \"1\" are different streams), the generators give the page's",
    "points, before the page shuffles them. Numbers are written in full, so",
    "`readCsv(\"data/spiral.csv\")` gives exactly `spiral({ n: 500, noise: 0, seed: 1, labels: \"01\" })`.",
    "",
  ].join("\n");
}

function main(): number {
  const root = path.resolve(__dirname, "..");
  const datasets = canonicalDatasets();
  for (const { file, data } of datasets) {
    fs.writeFileSync(path.join(root, file), toCsv(data));
    console.log(`wrote ${file} (${data.y.length} rows)`);
  }
  fs.writeFileSync(path.join(root, "data/README.md"), readme(datasets));
  console.log("wrote data/README.md");
  return 0;
}

if (require.main === module) {
  const line = readCommandLine(process.argv.slice(2), USAGE, {});
  process.exitCode = isUsage(line) ? printUsage(line) : main();
}
