/**
 * The language server under hostile clients: protocol rules enforced, the size limit applied to
 * every change (not only open), and the server still answering a known-buggy script afterwards.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { KNOWN_BUGGY, ROOT, startTestServer, type TestServer } from './lsp-client';

async function stillAnswers(s: TestServer, name: string): Promise<void> {
  const uri = pathToFileURL(join(ROOT, name)).toString();
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(KNOWN_BUGGY, 'utf8') } });
  const p = await s.diagnostics((x) => x.uri === uri);
  assert.ok(p.diagnostics.some((d) => d.code === 'TL001'), 'the known bug is still reported');
}

describe('robustness: language server limits and protocol', function () {
  this.timeout(120000);
  let s: TestServer;
  afterEach(async () => { await s?.stop(); });

  it('answers a request before initialize with ServerNotInitialized and refuses a second initialize', async () => {
    s = startTestServer();
    await assert.rejects(s.conn.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///x.py' }, position: { line: 0, character: 0 } }), (e: any) => e.code === -32002);
    await s.initialize();
    await assert.rejects(s.conn.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} }), (e: any) => e.code === -32600 && /already initialized/.test(e.message));
    await stillAnswers(s, 'after_second_init.py');
  });

  it('exits with a message on a malformed Content-Length (the client restarts it) instead of staying deaf', async () => {
    s = startTestServer();
    await s.initialize();
    s.proc.stdin!.write('Content-Length: banana\r\n\r\n{}');
    const code = await Promise.race([s.exited, new Promise<string>((r) => setTimeout(() => r('still running'), 10000))]);
    assert.notEqual(code, 'still running');
    assert.match(s.stderr(), /malformed message.*exiting so the client restarts/);
  });

  it('stops analysing a document that grows past the limit through didChange, tells the user once, resumes when it shrinks', async () => {
    s = startTestServer();
    await s.initialize();
    const uri = pathToFileURL(join(ROOT, 'growing.py')).toString();
    const text = readFileSync(KNOWN_BUGGY, 'utf8');
    await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
    assert.ok((await s.diagnostics((x) => x.uri === uri && x.version === 1)).diagnostics.length > 0);
    const lines = text.split('\n').length;
    const filler = '# generated\n'.repeat(450_000); // 5.4 M characters
    const grow = (version: number) => s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: { line: lines - 1, character: 0 }, end: { line: lines - 1, character: 0 } }, text: filler }] });
    const t0 = Date.now();
    await grow(2);
    const cleared = await s.diagnostics((x) => x.uri === uri && x.diagnostics.length === 0);
    assert.ok(cleared);
    // shrink back: analysed again
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
    assert.ok((await s.diagnostics((x) => x.uri === uri && x.version === 3)).diagnostics.some((d) => d.code === 'TL001'));
    // over again: cleared again, but the user is not told twice
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 4 }, contentChanges: [{ text: text + filler }] });
    await s.diagnostics((x) => x.uri === uri && x.diagnostics.length === 0);
    await stillAnswers(s, 'after_growth.py');
    assert.ok(Date.now() - t0 < 60000);
    assert.equal(s.messages.filter((m) => /more than a training script/.test(m)).length, 1, s.messages.join('\n'));
  });
});
