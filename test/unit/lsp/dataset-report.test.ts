/**
 * The dataset report through the language server over stdio: partial reports arrive as
 * notifications, the final report comes back, TL111 then appears on the trainer, and goes away
 * when the data file changes; the masking preview opens at a row the report links to.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';
import { fakeHfCache } from '../masking/fixtures';
import { jsonl, project, sftScript, words } from '../report/fixtures';

const ROOT = join(__dirname, '..', '..', '..');

describe('language server: dataset report', function () {
  this.timeout(240_000);
  const p = project();
  const rows = Array.from({ length: 120 }, (_, i) => ({
    prompt: [{ role: 'user', content: words(i, 3 + ((i * 7) % 60)) }],
    completion: [{ role: 'assistant', content: words(i + 9, 4) }],
  }));
  const data = p.write('rows.jsonl', jsonl(rows));
  const scriptPath = p.write('train.py', sftScript({ data: 'rows.jsonl', maxLength: 48 }));
  const uri = pathToFileURL(scriptPath).toString();
  let proc: ChildProcess;
  let conn: MessageConnection;
  const diagnostics: Array<{ uri: string; diagnostics: Array<{ code: string; message: string }> }> = [];

  const waitFor = async <T>(what: string, get: () => T | undefined, ms = 60_000): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = get();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const latestCodes = () => diagnostics.filter((d) => d.uri === uri).pop()?.diagnostics.map((d) => d.code) ?? [];

  before(async () => {
    proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, HF_HOME: fakeHfCache().home } });
    conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    conn.onNotification('textDocument/publishDiagnostics', (d) => { diagnostics.push(d); });
    conn.onRequest('workspace/configuration', (q: { items: unknown[] }) => q.items.map(() => ({})));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(p.dir).toString(), capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: pathToFileURL(p.dir).toString(), name: 'p' }] });
    await conn.sendNotification('initialized', {});
    await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: (await import('node:fs')).readFileSync(scriptPath, 'utf8') } });
    await waitFor('first diagnostics', () => (diagnostics.some((d) => d.uri === uri) ? true : undefined));
  });

  after(async () => {
    await conn.sendRequest('shutdown').catch(() => undefined);
    proc.kill();
  });

  it('reports every row with partial reports on the way, then TL111 shows on the trainer until the data changes', async () => {
    assert.ok(!latestCodes().includes('TL111'), 'no TL111 before a report ran');
    const progress: any[] = [];
    conn.onNotification('trainlint/datasetReportProgress', (n: any) => { progress.push(n); });
    const result: any = await conn.sendRequest('trainlint/datasetReport', { id: 7, uri, position: { line: 9, character: 0 } });
    assert.ok(result.report, JSON.stringify(result).slice(0, 500));
    const r = result.report;
    assert.equal(r.rows, 120);
    assert.ok(r.lostAllTrained.count > 0, 'the fixture has rows whose completion lies past max_length');
    assert.ok(progress.length >= 1 && progress.every((n) => n.id === 7));
    const tl111 = await waitFor('TL111', () => diagnostics.filter((d) => d.uri === uri).pop()?.diagnostics.find((d) => d.code === 'TL111'));
    assert.match(tl111.message, new RegExp(`of 120 rows, ${r.lostAllTrained.count} lose every trained token`));

    // A row link: the masking preview from that row on.
    const row = r.lostAllTrained.rows[0].row;
    const preview: any = await conn.sendRequest('trainlint/maskingPreview', { uri, position: { line: 9, character: 0 }, startRow: row, rows: 1 });
    assert.equal(preview.samples?.[0]?.row, row, JSON.stringify(preview).slice(0, 300));
    assert.equal(preview.samples[0].trained, 0);

    appendFileSync(data, jsonl([rows[0]]));
    await waitFor('TL111 to go away', () => (latestCodes().includes('TL111') ? undefined : true));
  });
});
