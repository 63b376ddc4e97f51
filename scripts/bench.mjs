// `npm run bench`: prints the numbers the issues ask for. Needs `npm run build` first.
//  1. CLI over a folder of scripts: wall time, lines/s, cores used (user+sys CPU / wall).
//  2. Language server: open a 2,000-line script → diagnostics; one-character edits → fresh
//     diagnostics (p50/p95 over 200 edits); server RSS.
//     The same for a 2,000-line notebook (edits in one cell).
//  3. The data-reader and masking benchmarks when their modules exist.
//  4. Scaling: each input shape at N, 2N, 4N; time ratios per doubling (bench/scaling.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeFolder, makeScript, makeTypicalScript } from '../bench/make-scripts.mjs';
import { benchStartup, startServer } from '../bench/startup.mjs';
import { benchVsRuff } from '../bench/vs-ruff.mjs';

const root = join(dirname(new URL(import.meta.url).pathname), '..');
const out = join(root, 'bench', 'out');
if (!existsSync(join(root, 'dist', 'cli.js'))) { console.error('run `npm run build` first'); process.exit(2); }
mkdirSync(out, { recursive: true });
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(p / 100 * s.length))]; };

function benchCli() {
  const dir = join(out, 'scripts');
  rmSync(dir, { recursive: true, force: true });
  makeFolder(dir, 60, 1000);
  const lines = 60 * makeScript(1000).split('\n').length;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', process.execPath, join(root, 'dist', 'cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const [user, sys, maxKb] = r.stderr.trim().split('\n').pop().split(' ').map(Number);
  const findings = JSON.parse(r.stdout).length;
  console.log(`CLI: ${60} files, ${lines} lines in ${wall.toFixed(2)} s = ${Math.round(lines / wall)} lines/s; CPU ${(user + sys).toFixed(2)} s (${((user + sys) / wall).toFixed(2)} cores busy); peak RSS ${(maxKb / 1024).toFixed(0)} MB; ${findings} findings`);
}

/**
 * 200 one-character edits to `uri` (a script or a cell) at a word in the middle of `text`, each until
 * that document's fresh diagnostics arrive: a word of 20 distinct letters typed, then deleted, so no
 * text repeats within a burst (no cache keyed by text can answer from an earlier edit).
 */
async function timeEdits(server, uri, text, send, from = 0.5, firstVersion = 2) {
  const lines = text.split('\n');
  let line = Math.floor(lines.length * from);
  while (!/^\s*[A-Za-z_]{3}/.test(lines[line])) line = (line + 1) % lines.length;
  const col = lines[line].search(/\S/) + 1;
  const times = [];
  for (let v = firstVersion; v < firstVersion + 200; v++) {
    const k = (v - firstVersion) % 40;
    const insert = k < 20;
    const at = col + (insert ? k : 39 - k);
    const change = insert
      ? { range: { start: { line, character: at }, end: { line, character: at } }, text: 'abcdefghijklmnopqrst'[k] }
      : { range: { start: { line, character: at }, end: { line, character: at + 1 } }, text: '' };
    const t0 = performance.now();
    const p = server.diagnosticsFor(uri, v);
    await send(v, change);
    await p;
    times.push(performance.now() - t0);
  }
  return `over ${times.length} edits: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
}

async function benchServer(kind, text) {
  const path = join(out, `long_${kind}.py`);
  writeFileSync(path, text);
  const uri = pathToFileURL(path).toString();
  const server = await startServer(out);
  const t0 = performance.now();
  const opened = server.diagnosticsFor(uri, 1);
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  const first = await opened;
  const openMs = performance.now() - t0;
  const edits = await timeEdits(server, uri, text, (version, change) =>
    server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }));
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${server.proc.pid}/status`, 'utf8'))?.[1];
  console.log(`LSP (${kind}): ${text.split('\n').length}-line script, open → ${first.diagnostics.length} diagnostics in ${openMs.toFixed(0)} ms`);
  console.log(`LSP (${kind}): one-character edit → fresh diagnostics ${edits}`);
  if (kind === 'dense') {
    // In the first pipeline, whose section also holds the imports every pipeline shares.
    const top = await timeEdits(server, uri, text, (version, change) =>
      server.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] }), 0.004, 1000);
    console.log(`LSP (${kind}): the same in the first pipeline (its section holds the shared imports) ${top}`);
  }
  console.log(`LSP (${kind}): server RSS ${(Number(rss) / 1024).toFixed(0)} MB`);
  await server.stop();
}

/** A 2,000-line notebook (the typical script cut into ~50-line code cells): cell edit → fresh diagnostics of that cell. */
async function benchNotebook(text) {
  const nbUri = pathToFileURL(join(out, 'long.ipynb')).toString();
  const lines = text.split('\n');
  const cells = [];
  for (let i = 0; i < lines.length;) {
    let j = Math.min(lines.length, i + 50);
    while (j < lines.length && /^\s/.test(lines[j])) j++; // cut between top-level statements
    cells.push({ uri: `vscode-notebook-cell:${nbUri.slice('file:'.length)}#c${cells.length}`, text: lines.slice(i, j).join('\n') });
    i = j;
  }
  const mid = cells[Math.floor(cells.length / 2)];
  const server = await startServer(out);
  const t0 = performance.now();
  const opened = server.diagnosticsFor(mid.uri, 1);
  await server.conn.sendNotification('notebookDocument/didOpen', {
    notebookDocument: { uri: nbUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map((c) => ({ kind: 2, document: c.uri })) },
    cellTextDocuments: cells.map((c) => ({ uri: c.uri, languageId: 'python', version: 1, text: c.text })),
  });
  await opened;
  const openMs = performance.now() - t0;
  const edits = await timeEdits(server, mid.uri, mid.text, (version, change) =>
    server.conn.sendNotification('notebookDocument/didChange', { notebookDocument: { uri: nbUri, version },
      change: { cells: { textContent: [{ document: { uri: mid.uri, version }, changes: [change] }] } } }));
  console.log(`LSP (notebook): ${lines.length} lines in ${cells.length} cells, open → diagnostics in ${openMs.toFixed(0)} ms`);
  console.log(`LSP (notebook): one-character edit in a cell → fresh diagnostics ${edits}`);
  await server.stop();
}

function optional(name, file, args = []) {
  const p = join(root, file);
  if (!existsSync(p)) { console.log(`${name}: skipped (${file} not present)`); return; }
  const r = spawnSync(process.execPath, ['--import', 'tsx', p, ...args], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) console.log(`${name}: failed (exit ${r.status})`);
}

// `npm run bench -- lsp` (or cli, startup, ruff, edits, data, masking, scaling) runs only the named parts.
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);
if (want('cli')) benchCli();
// start-up: spawn → initialize, open → diagnostics (small and long script), the first edits, a one-file CLI run
if (want('startup')) await benchStartup();
// trainlint's CLI against Ruff's wasm build on the same files (TRAINLINT_CORPUS=DIR for a real corpus)
if (want('ruff')) benchVsRuff();
// typical: one training pipeline in 2,000 lines of project code; dense: 40 pipelines in 2,000 lines (worst case)
if (want('lsp')) {
  await benchServer('typical', makeTypicalScript(2000));
  await benchServer('dense', makeScript(2000));
  await benchNotebook(makeTypicalScript(2000));
}
// where an edit's milliseconds go, in-process: re-parse, facts, trainers, each rule (long replica and dense script)
if (want('edits')) {
  optional('edit profile', 'bench/edit-profile.ts');
  for (const kind of ['long', 'dense']) optional('edit allocations', 'bench/edit-allocations.ts', [kind]);
  for (const kind of ['long', 'dense']) optional('edit GC', 'bench/edit-gc.ts', [kind]);
}
if (want('data')) optional('data readers', 'bench/data-readers.ts');
if (want('masking')) {
  optional('masking', 'bench/masking.ts');
  optional('masking preview worker', 'bench/preview-worker.mjs');
}
if (want('report')) optional('dataset report', 'bench/report.ts');
if (want('scaling')) optional('scaling (time ratio per doubling; ~2 is linear)', 'bench/scaling.ts');
