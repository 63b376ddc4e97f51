/**
 * One language server (`dist/server.js --stdio`) per `describe`, driven by a plain JSON-RPC client:
 * what it published, the last diagnostics per URI (what an editor shows), and the settings the client
 * answers to `workspace/configuration`. Call `stdioSession()` inside a `describe`: it adds the hooks.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection, type MessageConnection } from 'vscode-jsonrpc/node';

export const ROOT = join(__dirname, '..', '..', '..');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface Published { uri: string; version?: number; diagnostics: any[] }

export interface StdioSession {
  /** Usable from the first test on (the server starts in the session's `before`). */
  readonly conn: MessageConnection;
  readonly published: Published[];
  readonly latest: Map<string, Published>;
  /** What the client answers to workspace/configuration (the server pulls `trainlint` settings). */
  settings: Record<string, unknown>;
  /** The `scopeUri` of every item the server asked settings for, in order. */
  readonly settingsScopes: string[];
  /** Resolves with the first published diagnostics matching `pred` (already received or upcoming), and consumes them. */
  nextDiagnostics(pred: (p: Published) => boolean): Promise<Published>;
}

export function stdioSession(): StdioSession {
  let proc: ChildProcess;
  let real: MessageConnection | undefined;
  const waiters = new Set<() => boolean>();
  const session = {
    // The connection exists once `before` ran; tests may take this handle at describe time.
    conn: new Proxy({} as MessageConnection, { get: (_, key) => { const v = (real as unknown as Record<PropertyKey, unknown>)[key]; return typeof v === 'function' ? v.bind(real) : v; } }),
    published: [] as Published[],
    latest: new Map<string, Published>(),
    settings: {} as Record<string, unknown>,
    settingsScopes: [] as string[],
    nextDiagnostics: (pred: (p: Published) => boolean): Promise<Published> => {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => { waiters.delete(check); reject(new Error('timed out waiting for diagnostics')); }, 10000);
        function check(): boolean {
          const hit = session.published.find(pred);
          if (!hit) return false;
          clearTimeout(timer);
          waiters.delete(check);
          session.published.splice(session.published.indexOf(hit), 1);
          resolve(hit);
          return true;
        }
        if (!check()) waiters.add(check);
      });
    },
  };

  before(async () => {
    proc = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const conn = createMessageConnection(new StreamMessageReader(proc.stdout!), new StreamMessageWriter(proc.stdin!));
    real = conn;
    conn.onNotification('textDocument/publishDiagnostics', (p: Published) => { session.published.push(p); session.latest.set(p.uri, p); for (const w of [...waiters]) w(); });
    conn.onRequest('workspace/configuration', (p: { items: Array<{ scopeUri?: string }> }) => p.items.map((item) => { session.settingsScopes.push(item.scopeUri ?? ''); return session.settings; }));
    conn.onRequest('client/registerCapability', () => null);
    conn.listen();
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const init: any = await conn.sendRequest('initialize', {
      processId: process.pid, rootUri: pathToFileURL(ROOT).toString(),
      capabilities: { workspace: { configuration: true } }, workspaceFolders: null,
    });
    assert.equal(init.capabilities.textDocumentSync.change, 2, 'incremental sync');
    await conn.sendNotification('initialized', {});
  });

  after(async () => {
    await real!.sendRequest('shutdown');
    await real!.sendNotification('exit');
    proc.kill();
  });

  return session;
}
