#!/usr/bin/env node
/**
 * The language server's code actions against the CLI on real scripts: for a sample of Python files with
 * fixable findings (read from a `check --format json` run, e.g. a run.sh output), the server is started over
 * stdio with the file's repository as its workspace, the file is opened, and for each finding with fixes:
 *
 *   - every quick fix, applied to the text as an LSP client applies it (edits verbatim), must give the text the
 *     CLI gives for that fix (its JSON edits applied with the file's own line breaks, as `fix` writes them);
 *   - "Disable TLxxx for this line" must leave a text that parses with no new syntax error and where that
 *     finding is no longer reported and no TL903 appears;
 *   - fix-all (source.fixAll.trainlint, safe fixes) must give the text `trainlint fix -` gives.
 *
 *   node scripts/corpus/audit-code-actions.mjs --findings DIR_OF_JSON --orig ROOT --copy ROOT [--sample N] [--out FILE] [--build DIST]
 *
 * Files are read from --copy (a scratch copy of the corpora, never written here). Prints one line per mismatch
 * and a summary; writes the summary as JSON to --out.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { StreamMessageReader, StreamMessageWriter, createMessageConnection } = require('vscode-jsonrpc/node');
const TS = require('web-tree-sitter');

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const ORIG = resolve(args.orig), COPY = resolve(args.copy);
const SAMPLE = Number(args.sample ?? 40);
const BUILD = resolve(args.build ?? join(ROOT, 'dist'));
const CLI = join(BUILD, 'cli.js');

await TS.Parser.init();
const parser = new TS.Parser();
parser.setLanguage(await TS.Language.load(join(ROOT, 'grammars', 'tree-sitter-python.wasm')));
const errors = (t) => { const tree = parser.parse(t); let n = 0; const w = (x) => { if (x.type === 'ERROR' || x.isMissing) n++; if (x.hasError) x.children.forEach(w); }; w(tree.rootNode); tree.delete(); return n; };

const eolOf = (t) => { const i = t.search(/[\r\n]/); return i < 0 || t[i] === '\n' ? '\n' : t[i + 1] === '\n' ? '\r\n' : '\r'; };
function offsets(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\r' && text[i + 1] === '\n') { starts.push(i + 2); i++; } else if (text[i] === '\n' || text[i] === '\r') starts.push(i + 1);
  }
  return (p) => Math.min(text.length, (starts[p.line] ?? text.length) + p.character);
}
/** Edits applied as an LSP client does: verbatim, 0-based positions. */
function applyLsp(text, edits) {
  const at = offsets(text);
  return edits.map((e) => ({ s: at(e.range.start), e: at(e.range.end), t: e.newText })).sort((a, b) => b.s - a.s)
    .reduce((out, x) => out.slice(0, x.s) + x.t + out.slice(x.e), text);
}
/** The CLI's way: 1-based JSON ranges, line breaks of new text made the file's. */
function applyCli(text, edits) {
  const eol = eolOf(text);
  return applyLsp(text, edits.map((e) => ({ range: { start: { line: e.range.start.line - 1, character: e.range.start.column - 1 }, end: { line: e.range.end.line - 1, character: e.range.end.column - 1 } }, newText: eol === '\n' ? e.newText : e.newText.replace(/\r\n|\r|\n/g, eol) })));
}

// The sample: Python files with fixable findings, spread over repositories.
const byFile = new Map();
for (const f of readdirSync(args.findings).filter((n) => n.endsWith('.json'))) {
  let ds; try { ds = JSON.parse(readFileSync(join(args.findings, f), 'utf8')); } catch { continue; }
  for (const d of ds) if (d.path.endsWith('.py') && d.fixes?.length) byFile.set(d.path, [...(byFile.get(d.path) ?? []), d]);
}
const files = [...byFile.keys()].sort();
const step = Math.max(1, Math.floor(files.length / SAMPLE));
const sample = files.filter((_, i) => i % step === 0).slice(0, SAMPLE).map((p) => join(COPY, relative(ORIG, p))).filter(existsSync);

const summary = { files: 0, quickFixes: 0, quickFixMismatches: 0, disables: 0, disableProblems: 0, fixAll: 0, fixAllMismatches: 0, notCompared: 0 };
const problems = [];
const say = (s) => { problems.push(s); console.log(s); };

for (const file of sample) {
  const repo = join(COPY, relative(COPY, file).split('/')[0]);
  const text = readFileSync(file, 'utf8');
  const cli = JSON.parse(spawnSync(process.execPath, [CLI, 'check', file, '--format', 'json', '--exit-zero', '--jobs', '1'], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
  const proc = spawn(process.execPath, [join(BUILD, 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], cwd: repo });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const published = [];
  let wake = () => {};
  conn.onNotification('textDocument/publishDiagnostics', (p) => { published.push(p); wake(); });
  conn.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onNotification('window/logMessage', () => {});
  conn.listen();
  try {
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(repo).toString(), capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: pathToFileURL(repo).toString(), name: 'r' }] });
    await conn.sendNotification('initialized', {});
    const uri = pathToFileURL(file).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    // The server lints again once the data files are read: wait until the diagnostics settle.
    const deadline = Date.now() + 60000;
    let last = -1;
    while (Date.now() < deadline) {
      await new Promise((r) => { wake = r; setTimeout(r, 3000); });
      if (published.length && published.length === last) break;
      last = published.length;
    }
    const lsp = published.filter((p) => p.uri === uri).at(-1)?.diagnostics ?? [];
    summary.files++;
    for (const d of lsp.filter((x) => x.data?.fixes?.length)) {
      const c = cli.find((x) => x.code === d.code && x.range.start.line === d.range.start.line + 1 && x.range.start.column === d.range.start.character + 1);
      const actions = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
      for (const a of actions.filter((x) => x.edit && !x.title.startsWith('Disable'))) {
        summary.quickFixes++;
        const title = a.title.replace(/^trainlint \(TL\d+\): /, '').replace(/ \(unsafe\)$/, '');
        const cf = c?.fixes.find((f) => f.title === title);
        if (!cf) { summary.notCompared++; continue; }
        const viaLsp = applyLsp(text, a.edit.documentChanges.flatMap((x) => x.edits));
        const viaCli = applyCli(text, cf.edits);
        if (viaLsp !== viaCli) { summary.quickFixMismatches++; say(`quick fix differs: ${file} ${d.code} "${title}"${eolOf(text) !== '\n' ? ' (file has ' + JSON.stringify(eolOf(text)) + ' line breaks)' : ''}`); }
      }
      const dis = actions.find((x) => x.title === `Disable ${d.code} for this line`);
      if (dis) {
        summary.disables++;
        const t = applyLsp(text, dis.edit.documentChanges.flatMap((x) => x.edits));
        const after = JSON.parse(spawnSync(process.execPath, [CLI, 'check', '-', '--stdin-filename', file, '--format', 'json', '--exit-zero'], { cwd: repo, input: t, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout);
        const still = after.some((x) => x.code === d.code && x.range.start.line === d.range.start.line + 1);
        const unused = after.some((x) => x.code === 'TL903');
        const broke = errors(t) > errors(text);
        if (still || unused || broke) { summary.disableProblems++; say(`disable comment: ${file}:${d.range.start.line + 1} ${d.code}: ${[still && 'still reported', unused && 'TL903', broke && 'new syntax error'].filter(Boolean).join(', ')}`); }
      }
    }
    // fix-all (safe) against `trainlint fix -`
    const all = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.trainlint'] } });
    const viaCli = spawnSync(process.execPath, [CLI, 'fix', '-', '--stdin-filename', file, '--exit-zero'], { cwd: repo, input: text, encoding: 'utf8', maxBuffer: 1 << 28 }).stdout;
    const viaLsp = all[0] ? applyLsp(text, all[0].edit.documentChanges[0].edits) : text;
    summary.fixAll++;
    // `fix -` prints the script with a final newline added by the printer when it had none.
    if (viaLsp !== viaCli && viaLsp + '\n' !== viaCli) { summary.fixAllMismatches++; say(`fix-all differs: ${file}`); }
  } catch (e) {
    say(`error on ${file}: ${e.message}`);
  } finally {
    try { await conn.sendRequest('shutdown'); conn.sendNotification('exit'); } catch { /* gone */ }
    setTimeout(() => proc.kill(), 500);
  }
}
console.log(JSON.stringify(summary));
if (args.out) writeFileSync(args.out, JSON.stringify({ summary, problems }, null, 2));
process.exit(0);
