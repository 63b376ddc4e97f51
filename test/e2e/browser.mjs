// Shared by the code-server drivers: load playwright-core from the tools cache (it is not a project
// dependency) and launch Debian's chromium headless. Nothing here downloads a browser.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const PW_DIR = process.env.PW_DIR; // folder whose node_modules holds playwright-core (set by run-all.sh)
if (!PW_DIR) throw new Error('set PW_DIR to the folder that has node_modules/playwright-core');
const { chromium } = createRequire(join(PW_DIR, 'index.js'))('playwright-core');

export async function launchBrowser() {
  // launch() uses a fresh temporary profile each time; the flags keep chromium off the network.
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** console.log with seconds since start, for step timings in CI logs. */
const t0 = Date.now();
export const log = (...args) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...args);
