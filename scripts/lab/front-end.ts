/**
 * The JupyterLab 3.6 front end in lab/: installed from lab/package-lock.json and built with webpack into
 * lab/build once, then reused until one of its source files changes (a stamp of their hashes says which build it is).
 */
import { execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";

/** The files a build is made from: a change to any of them makes a new build. */
const SOURCES = ["package.json", "package-lock.json", "index.js", "webpack.config.js", "templates/index.html"];

/** A hash of the front end's source files. */
function stampOf(lab: string, files: string[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(file).update(fs.readFileSync(path.join(lab, file)));
  return hash.digest("hex");
}

/** Runs a command in `cwd`, its output shown, throwing with `what` if it fails. */
function run(what: string, command: string, args: string[], cwd: string): void {
  try {
    execFileSync(command, args, { cwd, stdio: "inherit", timeout: 20 * 60_000 });
  } catch (error) {
    throw new Error(`lab-check: ${what} failed (${(error as Error).message}); run it by hand in ${cwd}: ${command} ${args.join(" ")}`);
  }
}

/** Makes sure lab/build holds the front end of the current sources; returns the seconds it took (0 when cached). */
export function ensureFrontEnd(lab: string, log: (line: string) => void): number {
  const started = Date.now();
  const installStamp = path.join(lab, "node_modules", ".beanlab-stamp");
  const buildStamp = path.join(lab, "build", ".beanlab-stamp");
  const lock = stampOf(lab, ["package.json", "package-lock.json"]);
  if (!fs.existsSync(installStamp) || fs.readFileSync(installStamp, "utf8") !== lock) {
    log("lab-check: installing the JupyterLab front end's packages (npm ci in lab/, a few minutes the first time)");
    run("npm ci in lab/", "npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund"], lab);
    fs.writeFileSync(installStamp, lock);
  }
  const sources = stampOf(lab, SOURCES);
  if (!fs.existsSync(buildStamp) || fs.readFileSync(buildStamp, "utf8") !== sources) {
    log("lab-check: building the JupyterLab front end (webpack, a few minutes the first time)");
    fs.rmSync(path.join(lab, "build"), { recursive: true, force: true });
    run("webpack in lab/", process.execPath, [path.join(lab, "node_modules", "webpack-cli", "bin", "cli.js")], lab);
    fs.writeFileSync(buildStamp, sources);
  }
  return (Date.now() - started) / 1000;
}
