/**
 * The language server driven over stdio by a plain JSON-RPC LSP client (no editor):
 * diagnostics, versioned quick fixes, incremental edits, fix-all, bad input, shutdown.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';

const ROOT = join(__dirname, '..', '..', '..');
const SEED = join(ROOT, 'test', 'fixtures', 'rules', 'TL001', 'sft_text_only.py');
const uri = pathToFileURL(SEED).toString();

interface Published { uri: string; version?: number; diagnostics: any[] }

describe('language server over stdio', function () {
  this.timeout(30000);
  let proc: ChildProcess;
  let conn: MessageConnection;
  const published: Published[] = [];
  const waiters = new Set<() => boolean>();

  /** Resolves with the first published diagnostics matching `pred` (already received or upcoming). */
  function nextDiagnostics(pred: (p: Published) => boolean): Promise<Published> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { waiters.delete(check); reject(new Error('timed out waiting for diagnostics')); }, 10000);
      function check(): boolean {
        const hit = published.find(pred);
        if (!hit) return false;
        clearTimeout(timer);
        waiters.delete(check);
        published.splice(published.indexOf(hit), 1);
        resolve(hit);
        return true;
      }
      if (!check()) waiters.add(check);
    });
  }

  before(async () => {
    proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => { published.push(p); for (const w of [...waiters]) w(); });
    conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    const init: any = await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(ROOT).toString(),
      capabilities: { workspace: { configuration: true } }, workspaceFolders: null,
    });
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
    await conn.sendNotification('initialized', {});
  });

  after(async () => {
    await conn.sendRequest('shutdown');
    await conn.sendNotification('exit');
    proc.kill();
  });

  it('publishes TL001 with code, docs link, related location and version', async () => {
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(SEED, 'utf8') } });
    const p = await nextDiagnostics((x) => x.uri === uri);
    assert.equal(p.version, 1);
    const d = p.diagnostics.find((x) => x.code === 'TL001');
    assert.ok(d, JSON.stringify(p.diagnostics));
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'trainlint');
    assert.match(d.codeDescription.href, /TL001/);
    assert.equal(d.range.start.line, 14);
    assert.ok(d.relatedInformation.length >= 1);
  });

  it('offers a versioned quick fix, the disable comment, and fix-all', async () => {
    const text = readFileSync(SEED, 'utf8');
    const p = await (async () => {
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
      return nextDiagnostics((x) => x.uri === uri && x.version === 2);
    })();
    const d = p.diagnostics.find((x) => x.code === 'TL001');
    const actions: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const fix = actions.find((a) => /Remove data_collator/.test(a.title));
    assert.ok(fix, actions.map((a) => a.title).join('; '));
    assert.equal(fix.kind, 'quickfix');
    assert.equal(fix.isPreferred, true);
    assert.equal(fix.edit.documentChanges[0].textDocument.version, 2);
    assert.ok(actions.some((a) => a.title === 'Disable TL001 for this line'));
    const all: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [], only: ['source.fixAll.trainlint'] } });
    assert.equal(all.length, 1);
    assert.doesNotMatch(all[0].edit.documentChanges[0].edits[0].newText, /data_collator/);
  });

  it('fix-all sees the columns of a data file the script loads', async () => {
    const data = join(ROOT, 'test', 'e2e', 'workspace-data', 'data', 'train.jsonl');
    const u = pathToFileURL(join(ROOT, 'data_fix_all.py')).toString();
    const text = [
      'from datasets import load_dataset',
      'from trl import SFTTrainer, SFTConfig',
      'from transformers import DataCollatorForSeq2Seq',
      `ds = load_dataset("json", data_files=${JSON.stringify(data)}, split="train")`,
      'trainer = SFTTrainer(model=m, train_dataset=ds, data_collator=DataCollatorForSeq2Seq(tok), args=SFTConfig(output_dir="o"))',
      '',
    ].join('\n');
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u, languageId: 'python', version: 1, text } });
    // the file is read off the diagnostics path, then the script is linted again with its columns
    await nextDiagnostics((x) => x.uri === u && x.diagnostics.some((d) => d.code === 'TL001'));
    const all: any[] = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source.fixAll.trainlint'] } });
    assert.equal(all.length, 1);
    assert.doesNotMatch(all[0].edit.documentChanges[0].edits[0].newText, /data_collator/);
  });

  it('re-lints after an incremental edit that fixes the bug', async () => {
    const text = readFileSync(SEED, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('data_collator='));
    const len = text.split('\n')[line].length;
    await conn.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 3 },
      contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: len } }, text: '    # collator removed' }],
    });
    const p = await nextDiagnostics((x) => x.uri === uri && x.version === 3);
    assert.equal(p.diagnostics.filter((x) => x.code === 'TL001').length, 0);
  });

  it('skips documents far larger than a script and keeps serving others', async () => {
    const big = pathToFileURL(join(ROOT, 'huge_generated.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: big, languageId: 'python', version: 1, text: 'x = 1\n'.repeat(1_000_000) } });
    const actions = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: big }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    assert.deepEqual(actions, []);
    const small = pathToFileURL(join(ROOT, 'small.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: small, languageId: 'python', version: 1, text: 'import os\n' } });
    const p = await nextDiagnostics((x) => x.uri === small);
    assert.deepEqual(p.diagnostics, []);
  });

  it('survives broken Python, binary junk and half-typed code', async () => {
    const junk = 'def f(:\n  x = = \n\u0000\u0001\uffff' + 'trainer = SFTTrainer(model=m, data_collator=DataCollatorForSeq2Seq(tok'.repeat(50);
    const u2 = pathToFileURL(join(ROOT, 'junk.py')).toString();
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: u2, languageId: 'python', version: 1, text: junk } });
    const p = await nextDiagnostics((x) => x.uri === u2);
    assert.ok(Array.isArray(p.diagnostics));
    // and the server still answers
    const actions = await conn.sendRequest('textDocument/codeAction', { textDocument: { uri: u2 }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
    assert.ok(Array.isArray(actions));
  });
});
