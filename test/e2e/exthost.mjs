// Runs the extension-host mocha suite (dist/test/exthost/index.js) INSIDE code-server's extension host,
// which is what @vscode/test-electron does with desktop VS Code. The workbench page is opened with a
// `payload` naming extensionDevelopmentPath + extensionTestsPath; code-server must have been started with
// `--vscode-option enable-smoke-test-driver`, otherwise the payload is ignored and nothing ever finishes.
// The workbench reports the suite's result through window.codeAutomationExit(code).
// Env: CS_URL, WS (workspace folder), EXT (extension folder), TESTS (suite index.js), TEST_TIMEOUT_MS,
//      LOG (file that receives the complete, unfiltered console of workbench + extension host).
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import { launchBrowser, log } from './browser.mjs';

const { CS_URL, WS, EXT, TESTS } = process.env;
const timeoutMs = Number(process.env.TEST_TIMEOUT_MS || 300000); // the whole suite; a shared 2-core machine needs the margin
const remote = (p) => `vscode-remote://${new URL(CS_URL).host}${p}`;
const payload = [['extensionDevelopmentPath', remote(EXT)], ['extensionTestsPath', remote(TESTS)]];
const url = `${CS_URL}/?folder=${encodeURIComponent(WS)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;

// Console entries of the workbench that say nothing about the extension (connection chatter, natives the
// fast code-server install skips, gallery lookups on an offline machine). They still go to LOG.
const noise = /native-watchdog|build\/Release\/watchdog|connection token|Creating a socket|reconnection-grace-time|Service Worker|AgentHost|builtin extensions cache|authentication provider 'github'|Creation of workbench contribution|open-vsx|AccountPolicyGate|marketplace|getaddrinfo|ENOTFOUND|EAI_AGAIN/;
// Stack frames inside code-server itself.
const internalFrame = /^\s+at .*(code-server|\/static\/out\/vs\/|node:internal)/;

const browser = await launchBrowser();
let result = 'timeout';
try {
  const page = await browser.newPage();
  let finish;
  const exited = new Promise((resolve) => (finish = resolve));
  await page.exposeFunction('codeAutomationLog', (_type, args) => {
    const entry = format(...args); // mocha's spec reporter logs printf-style ('%s (%dms)', ...)
    if (process.env.LOG) appendFileSync(process.env.LOG, entry + '\n');
    if (!noise.test(entry)) console.log(entry.split('\n').filter((l) => !internalFrame.test(l)).join('\n'));
  });
  await page.exposeFunction('codeAutomationExit', (code) => finish(code));
  page.on('pageerror', (e) => log('pageerror:', e.message.split('\n')[0]));
  const timer = setTimeout(() => finish('timeout'), timeoutMs);
  log('opening workbench with test payload');
  await page.goto(url);
  result = await exited;
  clearTimeout(timer);
} finally {
  await browser.close();
}
log(`extension host tests finished: ${result === 0 ? 'exit 0' : result === 'timeout' ? `TIMEOUT after ${timeoutMs} ms` : `exit ${result}`}`);
process.exit(result === 0 ? 0 : 1);
