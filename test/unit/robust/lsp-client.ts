/** A bare language server over stdio for robustness tests: raw bytes in, every message out. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = join(__dirname, '..', '..', '..');

export interface TestServer {
  proc: ChildProcess;
  conn: MessageConnection;
  stderr: () => string;
  /** Every publishDiagnostics and window/showMessage received, in order. */
  published: Array<{ uri: string; version?: number; diagnostics: any[] }>;
  messages: string[];
  /** Every window/logMessage text, in order. */
  logs: string[];
  /** Resolves with the first published diagnostics matching `pred` (received or upcoming). */
  diagnostics(pred: (p: { uri: string; version?: number; diagnostics: any[] }) => boolean, ms?: number): Promise<{ uri: string; version?: number; diagnostics: any[] }>;
  initialize(): Promise<void>;
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startTestServer(env: Record<string, string> = {}): TestServer {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let err = '';
  proc.stderr!.on('data', (d) => { err += d; });
  const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
  const published: TestServer['published'] = [];
  const messages: string[] = [];
  const logs: string[] = [];
  const waiters = new Set<() => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p) => { published.push(p); for (const w of [...waiters]) w(); });
  conn.onNotification('window/showMessage', (p: { message: string }) => { messages.push(p.message); });
  conn.onNotification('window/logMessage', (p: { message: string }) => { logs.push(p.message); });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onError(() => undefined);
  conn.listen();
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc, conn, published, messages, logs, exited,
    stderr: () => err,
    diagnostics(pred, ms = 20000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error('timed out waiting for diagnostics')); }, ms);
        function check() {
          const hit = published.find(pred);
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(check);
          published.splice(published.indexOf(hit), 1);
          resolve(hit);
        }
        waiters.add(check);
        check();
      });
    },
    async initialize() {
      await conn.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(ROOT).toString(), capabilities: { workspace: { configuration: true } } });
      await conn.sendNotification('initialized', {});
    },
    async stop() {
      if (proc.exitCode === null) {
        await Promise.race([conn.sendRequest('shutdown').catch(() => undefined), new Promise((r) => setTimeout(r, 3000))]);
        await conn.sendNotification('exit').catch(() => undefined);
      }
      conn.dispose();
      proc.kill();
    },
  };
}

/** A script with known findings (TL001 on line 15): the server must still answer it after anything. */
export const KNOWN_BUGGY = join(ROOT, 'test', 'fixtures', 'rules', 'TL001', 'sft_text_only.py');
