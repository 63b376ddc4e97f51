/**
 * The parser's wasm memory only grows, and an out-of-memory abort kills its module. The language
 * server renews the parser (a fresh module and memory) after a large document closes and after an
 * abort, re-parses what is open, and keeps answering.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KNOWN_BUGGY, ROOT, startTestServer, type TestServer } from './lsp-client';

const buggy = readFileSync(KNOWN_BUGGY, 'utf8');
const uriOf = (name: string) => pathToFileURL(join(ROOT, name)).toString();
/** Valid Python of about `chars` characters that is heavy to parse and light to lint (no trainers). */
function longScript(chars: number): string {
  const parts: string[] = [];
  for (let i = 0, n = 0; n < chars; i++) {
    const def = `def helper_${i}(rows, scale=${i}):\n    return [{"text": r["text"] * scale, "id": (r["id"], ${i})} for r in rows if r.get("keep", True)]\n\n`;
    parts.push(def);
    n += def.length;
  }
  return parts.join('');
}
const rssMB = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() - t0 > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function open(s: TestServer, name: string, text: string, version = 1): Promise<void> {
  await s.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uriOf(name), languageId: 'python', version, text } });
}

describe('robustness: parser renewal (memory returned, aborts survived)', function () {
  this.timeout(180_000);
  let s: TestServer | undefined;
  afterEach(async () => { await s?.stop(); s = undefined; });
  const started = (env?: Record<string, string>): TestServer => (s = startTestServer(env));

  it('gives the parser memory back after a large document is closed, with a long script still open', async () => {
    const s = started();
    await s.initialize();
    // ~20 k characters stay open (a long training script): the closed document's sections were each far
    // shorter than that, but together they took hundreds of MB.
    const kept = buggy + '\n' + longScript(20_000);
    await open(s, 'small.py', kept);
    await s.diagnostics((p) => p.uri === uriOf('small.py'));
    // Typing first: the lint's code gets hot and optimised, which kept the old generation alive once.
    const end = { line: kept.split('\n').length - 1, character: 0 };
    for (let v = 2; v < 152; v++) {
      const change = v % 2 === 0 ? { range: { start: end, end }, text: '#' } : { range: { start: end, end: { ...end, character: 1 } }, text: '' };
      await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('small.py'), version: v }, contentChanges: [change] });
      await s.diagnostics((p) => p.uri === uriOf('small.py') && p.version === v);
    }
    const before = rssMB(s.proc.pid!);
    await open(s, 'large.py', longScript(4_500_000));
    await s.diagnostics((p) => p.uri === uriOf('large.py'), 120_000);
    const peak = rssMB(s.proc.pid!);
    await s.conn.sendNotification('textDocument/didClose', { textDocument: { uri: uriOf('large.py') } });
    const line = await until('the renewal', () => s.logs.find((l) => /parser was renewed/.test(l)));
    assert.match(line, /grew for a document that is closed.*memory now 32 MB/);
    // The old module's memory is garbage once nothing holds it: RSS comes down by most of what the parse took.
    const after = await until('RSS to fall', () => { const r = rssMB(s.proc.pid!); return r < peak - 0.5 * (peak - before) ? r : undefined; }, 30_000);
    assert.ok(after < peak, `RSS ${before.toFixed(0)} → ${peak.toFixed(0)} → ${after.toFixed(0)} MB`);
    // The document still open was parsed again by the new parser, and edits to it still work.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('small.py'), version: 200 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '# edited\n' }] });
    const edited = await s.diagnostics((p) => p.uri === uriOf('small.py') && p.version === 200);
    assert.ok(edited.diagnostics.some((d) => d.code === 'TL001'));
  });

  it('survives the parser running out of memory: tells the user, drops that document, keeps analysing the others', async () => {
    // A 64 MB parser memory makes a real abort cheap to reach (a ~4 M character script needs more).
    const s = started({ TRAINLINT_PARSER_MEMORY_MB: '64' });
    await s.initialize();
    await open(s, 'small.py', buggy);
    await s.diagnostics((p) => p.uri === uriOf('small.py'));
    await open(s, 'huge.py', longScript(4_000_000));
    await until('the out-of-memory message', () => s.messages.find((m) => /parser ran out of memory on huge\.py/.test(m))).catch((e) => { throw new Error(`${e.message}; messages: ${s.messages.join(' / ')}; logs: ${s.logs.slice(-3).join(' / ')}; stderr: ${s.stderr().slice(-400)}`); });
    await until('the renewal', () => s.logs.find((l) => /parser was renewed because it ran out of memory/.test(l)));
    // The other document was parsed again with the fresh parser and re-published.
    const again = await s.diagnostics((p) => p.uri === uriOf('small.py'));
    assert.ok(again.diagnostics.some((d) => d.code === 'TL001'));
    // Edits to the dropped document that keep it as long do not parse it again (no second abort).
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('huge.py'), version: 2 }, contentChanges: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '#' }] });
    // Cut down to a normal script, it is analysed again.
    await s.conn.sendNotification('textDocument/didChange', { textDocument: { uri: uriOf('huge.py'), version: 3 }, contentChanges: [{ text: buggy }] });
    const back = await s.diagnostics((p) => p.uri === uriOf('huge.py') && p.version === 3);
    assert.ok(back.diagnostics.some((d) => d.code === 'TL001'));
    assert.equal(s.messages.filter((m) => /ran out of memory/.test(m)).length, 1, 'told once');
    assert.equal(s.proc.exitCode, null, 'the server is still running');
  });

  it('the CLI skips, in plain words, a file the parser runs out of memory on and checks the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-oom-'));
    try {
      writeFileSync(join(dir, 'a_huge.py'), longScript(4_000_000));
      writeFileSync(join(dir, 'b_buggy.py'), buggy);
      const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.js'), 'check', dir, '--jobs', '1'], { encoding: 'utf8', env: { ...process.env, TRAINLINT_PARSER_MEMORY_MB: '64' } });
      assert.match(r.stdout + r.stderr, /a_huge\.py.*parser ran out of memory/);
      assert.match(r.stdout, /b_buggy\.py:\d+:\d+: TL001 /);
      assert.doesNotMatch(r.stdout + r.stderr, /All checks passed/);
      assert.equal(r.status, 2, 'a file not checked is an error of the run, not a pass');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
