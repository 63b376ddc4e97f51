/**
 * The language server's helper threads (V8's background compiling and GC marking, libuv's file reads, the data and
 * preview threads) run below the thread that computes diagnostics, so on a small machine they do not take its core.
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { getPriority } from 'node:os';
import { pathToFileURL } from 'node:url';
import { KNOWN_BUGGY, startTestServer, type TestServer } from './lsp-client';

/** Each thread's nice value (field 19 of /proc/PID/task/TID/stat), by thread id. */
function niceOf(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const t of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      out.set(Number(t), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]));
    } catch { /* the thread ended */ }
  }
  return out;
}

async function linted(server: TestServer): Promise<void> {
  await server.initialize();
  const text = readFileSync(KNOWN_BUGGY, 'utf8');
  const uri = pathToFileURL(KNOWN_BUGGY).toString();
  await server.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  await server.diagnostics((p) => p.uri === uri);
}

(process.platform === 'linux' ? describe : describe.skip)('thread priority (Linux)', function () {
  this.timeout(30000);

  it('runs every thread but the one answering the editor at nice 10, and leaves them with TRAINLINT_KEEP_THREAD_PRIORITY', async () => {
    const server = startTestServer();
    try {
      await linted(server);
      const pid = server.proc.pid!;
      const nice = niceOf(pid);
      const main = nice.get(pid)!;
      assert.equal(main, getPriority(), 'the main thread keeps the priority it was started with');
      const helpers = [...nice].filter(([tid]) => tid !== pid);
      assert.ok(helpers.length >= 4, `V8's and libuv's threads are there (${helpers.length})`);
      assert.deepEqual(helpers.filter(([, n]) => n !== Math.min(19, main + 10)), [], 'every helper thread runs 10 below it');
    } finally { await server.stop(); }

    const kept = startTestServer({ TRAINLINT_KEEP_THREAD_PRIORITY: '1' });
    try {
      await linted(kept);
      assert.deepEqual([...niceOf(kept.proc.pid!).values()].filter((n) => n !== getPriority()), [], 'opted out: every thread as started');
    } finally { await kept.stop(); }
  });
});
