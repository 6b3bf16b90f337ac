/** Debian's Chromium, headless, through playwright-core: the one launch every browser check shares. */
import * as fs from "fs";
import { Browser, chromium } from "playwright-core";

/** Where Debian's `chromium` package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

/** Flags for a machine without a network or GPU: no background connections, software WebGL for 3-D charts. */
const FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--enable-unsafe-swiftshader",
];

/** Starts headless Chromium with a fresh profile; throws, saying how to install it, when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`launchChromium: ${CHROMIUM} not found; install it with apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true, timeout: 60_000 });
}
