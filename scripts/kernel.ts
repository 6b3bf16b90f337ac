/**
 * `npm run kernel`: checks (and rewrites if needed) the project's own Jupyter kernel spec,
 * jupyter/kernels/tslab/kernel.json, which starts this checkout's pinned tslab; nothing is installed
 * system-wide. Jupyter finds it through JUPYTER_PATH.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { isUsage, printUsage, readCommandLine } from "./cli";

const root = path.resolve(__dirname, "..");
const specFile = path.join(root, "jupyter", "kernels", "tslab", "kernel.json");

const USAGE = `usage: npm run kernel
  Checks ${path.relative(root, specFile)}, the Jupyter kernel spec that starts this checkout's
  tslab, and rewrites it if it was changed; then asks Jupyter, when installed, whether it finds it.
`;

// {resource_dir} is the spec's folder, so the path works wherever the repository is.
const KERNEL_JSON =
  JSON.stringify(
    {
      argv: ["node", "{resource_dir}/../../../node_modules/tslab/bin/tslab", "kernel", "--config-path", "{connection_file}"],
      display_name: "TypeScript (beanlab)",
      language: "typescript",
    },
    null,
    2,
  ) + "\n";

function main(): number {
  const tslab = path.join(root, "node_modules", "tslab", "bin", "tslab");
  if (!fs.existsSync(tslab)) {
    console.error(`${path.relative(root, tslab)} is missing: run npm install first.`);
    return 1;
  }
  const current = fs.existsSync(specFile) ? fs.readFileSync(specFile, "utf8") : null;
  if (current !== KERNEL_JSON) {
    fs.mkdirSync(path.dirname(specFile), { recursive: true });
    fs.writeFileSync(specFile, KERNEL_JSON);
  }
  const relative = path.relative(root, specFile);
  console.log(current === null ? `Wrote ${relative}.` : current === KERNEL_JSON ? `${relative} is up to date.` : `Rewrote ${relative}: it had been changed.`);
  // Ask Jupyter itself, when it is installed, whether it sees the spec.
  const listed = spawnSync("jupyter", ["kernelspec", "list"], { env: { ...process.env, JUPYTER_PATH: path.join(root, "jupyter") }, encoding: "utf8" });
  if (listed.error) console.log("Jupyter is not installed here, so it could not be asked whether it finds the kernel.");
  else if (listed.stdout.includes(path.dirname(specFile))) console.log("Jupyter finds it as the kernel \"tslab\".");
  else {
    console.error(`Jupyter does not list ${path.dirname(specFile)}:\n${listed.stdout}${listed.stderr}`);
    return 1;
  }
  console.log(`
Use it from the repository root (the kernel starts in each notebook's folder):
  JUPYTER_PATH=$PWD/jupyter jupyter lab notebooks/
  JUPYTER_PATH=$PWD/jupyter jupyter notebook notebooks/     (classic Notebook, e.g. Debian's jupyter-notebook)
and pick the kernel "TypeScript (beanlab)". After a change to lib/: npm run build, then restart the kernel.`);
  return 0;
}

if (require.main === module) {
  const line = readCommandLine(process.argv.slice(2), USAGE, {});
  process.exitCode = isUsage(line) ? printUsage(line) : main();
}
