/**
 * Debian's jupyter-server and jupyterlab-server serving lab/build on 127.0.0.1, with the project's kernel spec
 * (JUPYTER_PATH=<repo>/jupyter) and its own config, data and runtime folders: started, waited for, stopped by PID.
 */
import { ChildProcess, spawn, spawnSync } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";

/** Debian's Python, which has jupyter-server (the pyenv one first on PATH does not). */
const PYTHON = "/usr/bin/python3";

/** A running server: its address, token, PID, and how to stop it. */
export interface LabServer {
  /** e.g. http://127.0.0.1:45678 */
  url: string;
  /** The token every request needs. */
  token: string;
  /** The server's PID, also its process group's. */
  pid: number;
  /** Shuts its kernels down, then ends the server's process group by PID; waits (bounded) until it has exited. */
  stop(): Promise<void>;
}

/** A port nobody listens on now, from the system. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const port = (probe.address() as net.AddressInfo).port;
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `ready` every 250 ms until it is true, `failed` says why not, or `seconds` pass. */
export async function waitFor(what: string, seconds: number, ready: () => Promise<boolean>, failed: () => string | null = () => null): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
    const why = failed();
    if (why) throw new Error(`lab-check: ${what}: ${why}`);
    if (await ready().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`lab-check: ${what}: not within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Whether Debian's jupyter-server and jupyterlab-server are installed; null if so, else what to run. */
export function missingServer(): string | null {
  const probe = spawnSync(PYTHON, ["-c", "import jupyter_server, jupyterlab_server"], { encoding: "utf8" });
  return probe.status === 0 ? null : "apt-get install -y python3-jupyter-server python3-jupyterlab-server";
}

/** Starts the server for notebooks under `root`, logging to `logFile`; resolves once /api/status answers. */
export async function startServer(repo: string, root: string, logFile: string): Promise<LabServer> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const home = fs.mkdtempSync(path.join(root, ".jupyter-"));
  const env = {
    ...process.env, JUPYTER_PATH: path.join(repo, "jupyter"), JUPYTER_CONFIG_DIR: path.join(home, "config"),
    JUPYTER_DATA_DIR: path.join(home, "data"), JUPYTER_RUNTIME_DIR: path.join(home, "runtime"), JUPYTER_NO_CONFIG: "1",
  };
  const log = fs.openSync(logFile, "a");
  const args = [
    path.join(repo, "lab", "main.py"), `--ServerApp.port=${port}`, "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
    `--ServerApp.token=${token}`, `--ServerApp.root_dir=${root}`, "--ServerApp.open_browser=False", "--ServerApp.allow_root=True",
  ];
  const child: ChildProcess = spawn(PYTHON, args, { cwd: root, env, detached: true, stdio: ["ignore", log, log] });
  let exited: string | null = null;
  child.once("exit", (code, signal) => void (exited = `the server exited (${signal ?? code}); see ${logFile}`));
  const url = `http://127.0.0.1:${port}`;
  const api = (p: string, init?: RequestInit) => fetch(`${url}${p}${p.includes("?") ? "&" : "?"}token=${token}`, init);
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // The group has already exited.
    }
  };
  const stop = async (): Promise<void> => {
    if (exited === null) {
      const kernels = (await api("/api/kernels").then((r) => r.json()).catch(() => [])) as { id: string }[];
      await Promise.all(kernels.map((k) => api(`/api/kernels/${k.id}`, { method: "DELETE" }).catch(() => undefined)));
      signal("SIGTERM");
      await waitFor("stopping the server", 20, async () => exited !== null).catch(() => signal("SIGKILL"));
    }
    fs.closeSync(log);
    fs.rmSync(home, { recursive: true, force: true });
  };
  try {
    await waitFor("starting jupyter-server", 120, async () => (await api("/api/status")).ok, () => exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, token, pid: child.pid as number, stop };
}
