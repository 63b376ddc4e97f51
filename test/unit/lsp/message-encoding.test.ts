/**
 * The stdio writer's JSON: a publishDiagnostics reuses each diagnostic's JSON, and must still say exactly what
 * the message says (a client parses it like any other).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { Message } from 'vscode-jsonrpc';
import { PassThrough } from 'node:stream';
import { StreamMessageReader } from 'vscode-jsonrpc/node';
import { FrameWriter, messageBytes } from '../../../server/src/lsp/message-encoding';

const messageJson = (m: Message) => messageBytes(m).toString('utf8');

const diagnostic = (line: number, message: string) => ({
  range: { start: { line, character: 0 }, end: { line, character: 4 } }, severity: 2, code: 'TL304', source: 'trainlint',
  message: `${message} "quoted" \\ and ünïcode`, tags: [], relatedInformation: [], data: { name: 'fp16-and-bf16', fixes: [{ title: 't', edits: [] }] },
});

describe('lsp: message encoding on stdio', () => {
  it('publishDiagnostics parses back to the message, with or without version, empty or not, diagnostics reused', () => {
    const a = diagnostic(1, 'first'), b = diagnostic(7, 'second');
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.py', version: 3, diagnostics: [a, b] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a%20b.py', version: 4, diagnostics: [b, a, b] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///c.py', diagnostics: [] } },
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { diagnostics: [a] } },
      { jsonrpc: '2.0', id: 5, result: { items: [a] } },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: 'x' } },
    ];
    for (const m of messages) assert.deepEqual(JSON.parse(messageJson(m as Message)), m);
    // anything but a publish is exactly JSON.stringify's text
    assert.equal(messageJson(messages[4] as Message), JSON.stringify(messages[4]));
  });

  it('on stdio, what a library prints with console.log goes to stderr, never into the protocol on stdout', () => {
    const transport = join(__dirname, '..', '..', '..', 'server', 'src', 'lsp', 'transport.ts');
    const code = `const { serverTransport } = require(${JSON.stringify(transport)}); serverTransport(['node', 'server', '--stdio']); console.log('from a library', 42); console.info('info'); process.exit(0);`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { encoding: 'utf8', input: '' });
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /from a library 42\ninfo\n/);
  });
  it('writes each message as one whole frame that a client reads back, non-ASCII text included', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const writer = new FrameWriter(out);
    const messages = [
      { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///ü.py', version: 2, diagnostics: [diagnostic(3, 'ünïcode')] } },
      { jsonrpc: '2.0', id: 1, result: null },
      { jsonrpc: '2.0', method: 'window/logMessage', params: { type: 3, message: '日本語' } },
    ] as unknown as Message[];
    for (const m of messages) await writer.write(m);
    assert.equal(chunks.length, messages.length, 'one write per message');
    for (const c of chunks) {
      const [head, body] = [c.subarray(0, c.indexOf('\r\n\r\n')).toString('ascii'), c.subarray(c.indexOf('\r\n\r\n') + 4)];
      assert.equal(head, `Content-Length: ${body.byteLength}`);
    }
    const reader = new StreamMessageReader(new PassThrough().end(Buffer.concat(chunks)));
    const read: Message[] = [];
    await new Promise<void>((resolve) => { reader.listen((m) => { read.push(m); if (read.length === messages.length) resolve(); }); });
    assert.deepEqual(read, messages);
  });
});
