// UI test: the packaged extension (VSIX, installed into a throwaway extensions dir) in the real VS Code
// workbench served by code-server, driven through Debian chromium with playwright-core. Checks what a user
// sees: the TL001 squiggle, the Problems panel row, the status bar item (its count; a click opens the
// output with the start-up line), "Show documentation for TL001" from the light bulb menu (Ctrl+.) opening
// the rule's page, the quick fix from the same menu, and "trainlint: Show Output" from the command palette (F1).
// Last, "Preview Loss Masking" from a notebook whose model is not cached says so in a notification. Then the data script sft_data.py: the inlay
// hint with the columns of data/train.jsonl, the code lenses, and "trainlint: Preview Loss Masking" from F1,
// whose webview must show trained tokens, and the "Dataset Report" lens, whose panel must show the
// histogram chart and the truncated-row count (report.png). Saves screenshots either way.
// Env: CS_URL, WS (a fresh copy of test/e2e/workspace + workspace-data), SHOT (final png; *-problem.png is
//      taken before the fix, masking.png next to it shows the masking preview), STEP_TIMEOUT_MS.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { launchBrowser, log } from './browser.mjs';

const { CS_URL, WS } = process.env;
const SHOT = process.env.SHOT || '/tmp/trainlint-e2e-out/ui.png';
const T = Number(process.env.STEP_TIMEOUT_MS || 60000);

// Where the seed bug sits in the fixture, for Go to Line (1-based line:column).
const lines = readFileSync(join(WS, 'train.py'), 'utf8').split('\n');
const bugLine = lines.findIndex((l) => l.includes('data_collator='));
if (bugLine < 0) throw new Error('fixture train.py has no data_collator= argument');
const bugColumn = lines[bugLine].indexOf('data_collator=') + 1;
// The data fixture: its columns and first assistant reply, as the masking preview must show them.
const dataRows = readFileSync(join(WS, 'data/train.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const dataColumns = Object.keys(dataRows[0]).join(', ');
const firstReply = dataRows[0].conversations.find((t) => t.from === 'gpt').value;
const firstPrompt = dataRows[0].conversations.find((t) => t.from === 'human').value;
const NOTEBOOK_SHOT = SHOT.replace(/\.png$/, '-notebook.png');
const MASKING_SHOT = join(dirname(SHOT), 'masking.png');
const DOCS_SHOT = join(dirname(SHOT), 'docs.png');
const REPORT_SHOT = join(dirname(SHOT), 'report.png');
const trainerLine = readFileSync(join(WS, 'sft_data.py'), 'utf8').split('\n').findIndex((l) => l.startsWith('trainer = SFTTrainer('));

const results = [];
let failed = 0;
let skipRest = false;
async function step(name, fn) {
  if (skipRest) { results.push(`SKIP ${name}`); return; }
  try {
    await fn();
    results.push(`ok   ${name}`);
    log('PASS', name);
  } catch (e) {
    failed++;
    const msg = e.message.split('\n')[0];
    log('FAIL', name, '-', e.message.split('\n').slice(0, 4).join(' | '));
    const toasts = await page.locator('.notifications-toasts .notification-list-item-message').allTextContents().catch(() => []);
    if (toasts.length) log('  notifications:', toasts.join(' | '));
    const panel = JSON.stringify(await panelState().catch((err) => err.message));
    log('  panel:', panel);
    // The summary at the end is what a CI log keeps: the failure's context goes there too.
    results.push(`FAIL ${name}: ${msg}\n       panel: ${panel}${toasts.length ? `\n       notifications: ${toasts.join(' | ')}` : ''}`);
    const shot = SHOT.replace(/\.png$/, `-fail-${failed}.png`);
    await page.screenshot({ path: shot }).then(() => log('  screenshot:', shot), () => {});
  }
}
/** What the panel shows (for failure reports): its active view, whether it is visible, and its editors. */
const panelState = () => page.evaluate(() => {
  const panel = document.querySelector('.part.panel');
  const shown = (el) => !!el && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  return {
    active: panel?.getAttribute('data-active-composite') ?? null,
    visible: shown(panel),
    editors: [...(panel?.querySelectorAll('.monaco-editor') ?? [])].map((e) => ({
      visible: shown(e), view: e.closest('[id]')?.id ?? '', lines: e.querySelector('.view-lines')?.childElementCount ?? 0,
    })),
    focused: document.activeElement?.className?.toString().slice(0, 80) ?? '',
  };
});

const browser = await launchBrowser();
const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
page.on('pageerror', (e) => log('pageerror:', e.message.split('\n')[0]));
const editorText = () => page.evaluate(() =>
  (document.querySelector('.monaco-editor .view-lines')?.textContent || '').replace(/\u00a0/g, ' ')); // Monaco renders spaces as NBSP
// Text of the editor in the editor area (not the Output panel's editor), NBSP normalised.
const mainEditorText = () => page.evaluate(() =>
  (document.querySelector('.part.editor .monaco-editor .view-lines')?.textContent || '').replace(/\u00a0/g, ' '));
/**
 * Webviews are nested iframes: the first frame (any depth) where `selector` matches, polled until `timeout`.
 * Fails early when a notification says `failText` (the preview commands report errors that way).
 */
async function frameWith(selector, timeout, failText) {
  const deadline = Date.now() + timeout;
  for (;;) {
    for (const f of page.frames()) {
      if (await f.locator(selector).count().catch(() => 0)) return f;
    }
    const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: failText });
    if (failText && await toast.count()) throw new Error(`notification: ${await toast.first().textContent()}`);
    if (Date.now() > deadline) throw new Error(`no frame has ${selector} after ${timeout} ms (${page.frames().length} frames)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
async function runCommand(title) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: T });
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: T });
  await page.keyboard.press('Enter');
}
/**
 * Run `action` (it should show trainlint's output) until the Output view is the active panel view and its
 * editor is visible, then go to the top of the output (it follows its end, so the start-up line can be
 * above the rendered lines). Up to 3 tries; a try that shows nothing logs the panel's state.
 */
async function untilOutputShows(action, what) {
  const outputEditor = page.locator('.part.panel[data-active-composite="workbench.panel.output"] .monaco-editor .view-lines');
  for (let attempt = 1; ; attempt++) {
    await action();
    try { await outputEditor.first().waitFor({ state: 'visible', timeout: 15000 }); break; } catch (e) {
      log(`  ${what} did not show the output (try ${attempt}):`, JSON.stringify(await panelState()));
      if (attempt === 3) throw new Error(`${what} did not show the output after 3 tries`);
    }
  }
  log('  panel:', JSON.stringify(await panelState()));
  // The output follows its end: while log lines still arrive (a loaded machine) its lines never hold still, and a
  // plain click waits for that. The click only gives the output's editor focus, so after a while it is forced.
  try { await outputEditor.first().click({ timeout: 10000 }); } catch {
    log('  the output kept moving: focusing it with a forced click');
    await outputEditor.first().click({ force: true });
  }
  await page.keyboard.press('Control+Home');
}
/**
 * Quick Open (Ctrl+P) `name` until its editor tab is the active one: Enter can be lost while the list is
 * still filtering on a busy machine. Up to 3 tries; a try that opens nothing says so in the log.
 */
async function quickOpen(name) {
  const tab = page.locator('.part.editor .tab.active', { hasText: name });
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: T });
    await page.keyboard.type(name);
    // Wait for the filtered row: the list first shows recently opened files.
    await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: T });
    await page.keyboard.press('Enter');
    try { await tab.first().waitFor({ timeout: 15000 }); return; } catch {
      log(`  Quick Open did not open ${name} (try ${attempt})`);
      if (attempt === 3) throw new Error(`Quick Open did not open ${name} after 3 tries`);
      await page.keyboard.press('Escape');
    }
  }
}
const errorSquiggles = () => page.locator('.monaco-editor .squiggly-error').count();
/** Go to the seed bug and open the light bulb menu until `row` shows (Ctrl+. can be swallowed while a widget closes). */
async function quickFixMenu(row) {
  await page.locator('.part.editor .monaco-editor .view-lines').first().click(); // focus the editor
  await page.keyboard.press('Control+G'); // Go to Line: put the cursor on the data_collator argument
  await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: T });
  await page.keyboard.type(`${bugLine + 1}:${bugColumn}`);
  await page.keyboard.press('Enter');
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('Control+.');
    try { await row.waitFor({ timeout: 10000 }); return; } catch (e) {
      if (attempt === 3) throw new Error(`the light bulb menu has no such row after 3 tries (${e.message.split('\n')[0]})`);
      log('  retrying Ctrl+.');
      await page.keyboard.press('Escape');
    }
  }
}
const problemRows = () => page.locator('.markers-panel .monaco-list-row', { hasText: 'TL001' });
let squigglesBefore = 0;

try {
  await step('workbench loads the fixture workspace', async () => {
    await page.goto(`${CS_URL}/?folder=${encodeURIComponent(WS)}`, { timeout: T });
    await page.waitForSelector('.monaco-workbench .part.editor', { timeout: T });
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: T });
  });
  await step('open train.py (Quick Open)', async () => {
    await quickOpen('train.py');
    await page.waitForFunction(() => document.querySelector('.monaco-editor .view-lines')?.textContent.includes('SFTTrainer'), null, { timeout: T });
  });
  skipRest = failed > 0; // nothing below makes sense without the editor

  await step('TL001 error squiggle appears', async () => {
    await page.waitForSelector('.monaco-editor .squiggly-error', { timeout: T });
    squigglesBefore = await errorSquiggles();
    await page.screenshot({ path: SHOT.replace(/\.png$/, '-problem.png') }); // the bug as a user sees it
    log(`  error squiggles: ${squigglesBefore}, warning squiggles: ${await page.locator('.monaco-editor .squiggly-warning').count()}`);
  });
  await step('Problems panel lists TL001', async () => {
    await page.keyboard.press('Control+Shift+M');
    const row = problemRows().first();
    await row.waitFor({ timeout: T });
    log('  problems row:', (await row.textContent()).replace(/\u00a0/g, ' '));
  });
  await step('the status bar item counts the finding; a click opens the output with the start-up line', async () => {
    const item = page.locator('.statusbar-item', { hasText: /trainlint: \d+/ }).first();
    await item.waitFor({ timeout: T });
    log('  status item:', (await item.textContent()).trim(), '|', await item.getAttribute('aria-label'));
    await untilOutputShows(() => item.click(), 'a click on the status item');
    await page.waitForFunction(() => /trainlint language server \S+ \(Node v/.test((document.querySelector('.part.panel .monaco-editor .view-lines')?.textContent || '').replace(/\u00a0/g, ' ')), null, { timeout: T });
    log('  output:', (await page.evaluate(() => (document.querySelector('.part.panel .monaco-editor .view-lines')?.textContent || '').replace(/\u00a0/g, ' '))).match(/trainlint language server[^\]]{0,120}/)?.[0]);
  });
  await step('"Show documentation for TL001" via Ctrl+. opens the rule\'s page', async () => {
    const row = page.locator('.action-widget .monaco-list-row', { hasText: 'Show documentation for TL001' }).first();
    await quickFixMenu(row);
    await row.click();
    const frame = await frameWith('h2:has-text("What it does")', T, 'trainlint:');
    const title = await frame.locator('h1').first().textContent();
    log('  docs page:', title);
    if (!/TL001 seq2seq-collator-without-labels/.test(title)) throw new Error(`the page is titled ${title}`);
    await page.screenshot({ path: DOCS_SHOT });
    log('  screenshot:', DOCS_SHOT);
    await page.keyboard.press('Control+W'); // close the docs tab: back to train.py
  });
  await step('TL001 quick fix via Ctrl+. removes data_collator and the squiggle', async () => {
    // The safe fix "trainlint (TL001): Remove data_collator=…" (the menu also has Disable and an unsafe one).
    const fix = page.locator('.action-widget .monaco-list-row', { hasText: /TL001.*Remove data_collator/ }).first();
    await quickFixMenu(fix);
    log('  menu:', (await page.locator('.action-widget .monaco-list-row').allTextContents()).join(' | '));
    await fix.click();
    await page.waitForFunction(() => !document.querySelector('.monaco-editor .view-lines')?.textContent.includes('data_collator'), null, { timeout: T });
    log('  edited line:', (await editorText()).match(/trainer = SFTTrainer\(.*?\)\)?/)?.[0] ?? '(not found)');
    await problemRows().first().waitFor({ state: 'detached', timeout: T });
    await page.waitForFunction((n) => document.querySelectorAll('.monaco-editor .squiggly-error').length < n, squigglesBefore, { timeout: T });
    log(`  error squiggles now: ${await errorSquiggles()}`);
  });
  await step('"trainlint: Show Output" from the command palette (F1)', async () => {
    await untilOutputShows(() => runCommand('trainlint: Show Output'), 'F1 "trainlint: Show Output"');
    await page.waitForFunction(() => /trainlint/i.test(document.querySelector('.part.panel select[aria-label="Switch Output"]')?.value || ''), null, { timeout: T });
  });

  // --- the data script: sft_data.py loads data/train.jsonl -------------------------------------------
  await step('open sft_data.py: the inlay hint shows the columns of data/train.jsonl', async () => {
    await page.keyboard.press('Control+J'); // hide the Output panel: room for the script and the preview
    await page.waitForSelector('.part.panel', { state: 'hidden', timeout: 5000 }).catch(() => log('  (the panel stayed open)'));
    await quickOpen('sft_data.py');
    await page.waitForFunction(() => document.querySelector('.part.editor .monaco-editor .view-lines')?.textContent.includes('load_dataset'), null, { timeout: T });
    // The hint is injected text after `split="train")`; the source itself never has the columns there.
    const t0 = Date.now();
    await page.waitForFunction((cols) => {
      const text = (document.querySelector('.part.editor .monaco-editor .view-lines')?.textContent || '').replace(/\u00a0/g, ' ');
      return text.includes(`split="train")  ${cols}`) || new RegExp(`split="train"\\)\\s+${cols}`).test(text);
    }, dataColumns, { timeout: T });
    log(`  inlay hint after ${Date.now() - t0} ms:`, (await mainEditorText()).match(/ds = load_dataset\(.*?\)\s+[\w, ·]+/)?.[0] ?? '(not found)');
  });
  await step('code lenses "Preview Dataset" and "Preview Loss Masking" are shown', async () => {
    await page.locator('.part.editor .codelens-decoration', { hasText: 'Preview Dataset' }).first().waitFor({ timeout: T });
    // The trainer is further down: lenses outside the viewport stay hidden, so go to its line.
    await page.keyboard.press('Control+G');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible', timeout: T });
    await page.keyboard.type(`${trainerLine + 1}`);
    await page.keyboard.press('Enter');
    await page.locator('.part.editor .codelens-decoration', { hasText: 'Preview Loss Masking' }).first().waitFor({ timeout: T });
    log('  lenses:', (await page.locator('.part.editor .codelens-decoration').allTextContents()).join(' | '));
  });
  await step('"trainlint: Preview Loss Masking" (F1) paints at once, then the real tokens of the cached tokenizer replace the first paint', async () => {
    await runCommand('trainlint: Preview Loss Masking');
    // `.tokens` excludes the legend, which always has one span of each class.
    const first = await frameWith('.tokens .tok.trained', T, 'trainlint:');
    const firstPaint = await first.locator('.legend .warn', { hasText: /loads/ }).count().catch(() => 0);
    log(`  first paint while the tokenizer loads: ${firstPaint > 0}`);
    // The workspace's tokenizer is in its Hugging Face cache: the final preview has real tokens (no "approximate" legend).
    const t0 = Date.now();
    let frame = first;
    for (;;) {
      frame = await frameWith('.tokens .tok.trained', T, 'trainlint:');
      if (!(await frame.locator('.legend .warn').count().catch(() => 1))) break;
      if (Date.now() - t0 > T) throw new Error('the preview stayed approximate although the tokenizer is cached');
      await new Promise((r) => setTimeout(r, 250));
    }
    const trained = (await frame.locator('.tokens .tok.trained').allTextContents()).join('');
    const masked = (await frame.locator('.tokens .tok.masked').allTextContents()).join('');
    const heads = await frame.locator('h4').allTextContents();
    log(`  webview: ${await frame.locator('h3').first().textContent()} | ${heads.join(' | ')}`);
    log(`  approximate: ${await frame.locator('.legend .warn').count() > 0}; trained text: ${JSON.stringify(trained.slice(0, 120))}`);
    if (!trained.includes(firstReply)) throw new Error(`the reply ${JSON.stringify(firstReply)} is not among the trained tokens: ${JSON.stringify(trained.slice(0, 300))}`);
    if (!masked.includes(firstPrompt) || trained.includes(firstPrompt)) throw new Error(`the prompt ${JSON.stringify(firstPrompt)} is not masked`);
    if (await frame.locator('.warn', { hasText: /no trained tokens/ }).count()) throw new Error('the preview warns "no trained tokens"');
    await page.locator('.tab', { hasText: /Loss masking/i }).first().waitFor({ timeout: T });
    await page.screenshot({ path: MASKING_SHOT });
    log('  screenshot:', MASKING_SHOT);
  });
  await step('the "Dataset Report" code lens opens the report: histogram chart and the truncated-row count', async () => {
    await page.locator('.part.editor .monaco-editor .view-lines').first().click(); // back to the script (the preview had focus)
    const lens = page.locator('.part.editor .codelens-decoration a', { hasText: 'Dataset Report' }).first();
    await lens.waitFor({ timeout: T });
    await lens.click();
    // Any trainlint notification but the report's own progress one ("trainlint: dataset report") is a failure.
    const frame = await frameWith('svg.histogram rect.bar', T, /trainlint: (?!dataset report)/);
    await frame.locator('td', { hasText: 'truncated at max_length' }).first().waitFor({ timeout: T });
    // The panel fills in while the report runs: wait for the finished one (no "Running…" line).
    const t0 = Date.now();
    while (await frame.locator('p.note', { hasText: 'Running' }).count() && Date.now() - t0 < T) await new Promise((r) => setTimeout(r, 250));
    const truncated = await frame.locator('tr', { has: frame.locator('td', { hasText: 'truncated at max_length' }) }).first().locator('td.num').first().textContent();
    const bars = await frame.locator('svg.histogram rect.bar').count();
    const rowsCell = await frame.locator('tr', { has: frame.locator('th', { hasText: /^rows$/ }) }).first().locator('td.num').first().textContent();
    log(`  report: ${rowsCell} rows, ${bars} histogram bars, truncated at max_length: ${truncated}`);
    if (!/^\s*≈?\d[\d,]*\s*$/.test(truncated ?? '')) throw new Error(`no truncated-row count: ${JSON.stringify(truncated)}`);
    if (Number((rowsCell ?? '').replace(/[^\d]/g, '')) !== dataRows.length) throw new Error(`the report counts ${rowsCell} rows, the data has ${dataRows.length}`);
    await page.locator('.tab', { hasText: 'Dataset Report' }).first().waitFor({ timeout: T });
    await page.screenshot({ path: REPORT_SHOT });
    log('  screenshot:', REPORT_SHOT);
  });
  await step('open finetune.ipynb: TL001 is squiggled in the trainer cell of the notebook', async () => {
    // Focus the editor first: keys typed while the preview webview has focus never reach Quick Open.
    await page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await quickOpen('finetune.ipynb');
    // The notebook editor renders each code cell as its own Monaco editor.
    await page.waitForFunction(() => [...document.querySelectorAll('.notebook-editor .cell .view-lines')].some((e) => e.textContent.includes('SFTTrainer')), null, { timeout: T });
    await page.waitForSelector('.notebook-editor .cell .squiggly-error', { timeout: T });
    const cells = await page.locator('.notebook-editor .code-cell-row').count();
    log(`  code cells: ${cells}; error squiggles in cells: ${await page.locator('.notebook-editor .cell .squiggly-error').count()}`);
    await page.screenshot({ path: NOTEBOOK_SHOT });
    log('  screenshot:', NOTEBOOK_SHOT);
  });
  await step('"trainlint: Preview Loss Masking" (F1) from the notebook says which model is not cached and where it looked', async () => {
    await runCommand('trainlint: Preview Loss Masking');
    const toast = page.locator('.notifications-toasts .notification-list-item-message', { hasText: 'unsloth/Llama-3.2-1B-Instruct' }).first();
    await toast.waitFor({ timeout: T });
    const text = (await toast.textContent()).replace(/\u00a0/g, ' ');
    log('  notification:', text);
    if (!/is not in the Hugging Face cache/.test(text) || !/Searched: \S*models--unsloth--Llama-3\.2-1B-Instruct/.test(text)) throw new Error(`the notification does not say why: ${text}`);
    await frameWith('.tokens .tok', T); // and the approximate preview is shown
  });
} finally {
  await page.screenshot({ path: SHOT }).then(() => log('screenshot:', SHOT), (e) => log('screenshot failed:', e.message));
  await browser.close();
  for (const r of results) console.log(r);
  console.log(`${results.filter((r) => r.startsWith('ok')).length} passed, ${failed} failed`);
  process.exit(failed || results.some((r) => r.startsWith('SKIP')) ? 1 : 0);
}
