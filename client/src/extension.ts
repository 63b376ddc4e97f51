/**
 * The VS Code extension: starts the trainlint language server over IPC and adds the commands.
 * Everything about Python analysis lives in the server; this file only knows `vscode`.
 */
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification, LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { selectedInterpreter } from './python-interpreter';
import { registerPreviews } from './previews';
import { registerRuleDocs } from './rule-docs';
import { registerFixAll } from './fix-all';
import { StatusItem, type StatusSnapshot } from './status';
import { registerDatasetReport } from './report';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;
let status: StatusItem | undefined;

/** What the extension exports (for tests and other extensions). */
export interface TrainlintApi {
  status(): StatusSnapshot | undefined;
  /** Milliseconds from activation to the first trainlint diagnostics in any document, once they arrived. */
  firstDiagnosticsMs(): number | undefined;
}

/**
 * Laid over the extension host's environment for the server (the client copies the rest): no
 * NODE_EXTRA_CA_CERTS. The server never opens a network connection, and with that variable set Node
 * parses a certificate bundle before any script runs (~40 ms of every start, docs/benchmarks.md). An
 * undefined value leaves the variable out of the child's environment.
 */
const serverEnv = (): NodeJS.ProcessEnv => ({ NODE_EXTRA_CA_CERTS: undefined });

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { env: serverEnv() } },
    debug: { module, transport: TransportKind.ipc, options: { env: serverEnv(), execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Notebook cells: for code actions, hovers and inlay hints; their text comes through notebook sync.
    documentSelector: [{ scheme: 'file', language: 'python' }, { scheme: 'untitled', language: 'python' }, { notebook: '*', language: 'python' }],
    outputChannel: output,
    // Data files are read only in trusted workspaces (the server is restarted when trust is granted).
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    synchronize: {
      // Project files (versions, config; the Dockerfiles and shell scripts that install libraries), Python files (the
      // project modules scripts import from) and the YAML/JSON config files scripts read.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/{requirements*.txt,pyproject.toml,trainlint.toml,uv.lock,poetry.lock,pdm.lock,Pipfile,Pipfile.lock,setup.cfg,Dockerfile*,Containerfile*,*.dockerfile,*.sh}'),
        vscode.workspace.createFileSystemWatcher('**/*.py'),
        vscode.workspace.createFileSystemWatcher('**/*.{yaml,yml,json}'),
      ],
    },
    middleware: {
      workspace: {
        // Settings are pulled per file; fill the interpreter from the Python extension when unset.
        configuration: async (params, token, next) => {
          const result = await next(params, token);
          if (!Array.isArray(result)) return result;
          return Promise.all(result.map(async (value, i) => {
            const item = params.items[i];
            if (item.section !== 'trainlint' || !value || typeof value !== 'object') return value;
            if ((value as { pythonPath?: string }).pythonPath) return value;
            const scope = item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined;
            const pythonPath = await selectedInterpreter(scope, () => {
              // The Python extension is ready now: the server pulls the settings again (and re-lints).
              void client?.sendNotification(DidChangeConfigurationNotification.type, { settings: null });
            });
            return { ...value, pythonPath: pythonPath ?? '' };
          }));
        },
      },
    },
  };
  const c = new LanguageClient('trainlint', 'trainlint', serverOptions, clientOptions);
  status?.bind(c);
  return c;
}

/** Start (or restart) the client; a failure is logged and shown with the next step, never silent. */
async function startClient(c: LanguageClient): Promise<void> {
  try {
    await c.start();
  } catch (e) {
    const message = `the trainlint language server did not start: ${(e as Error)?.message ?? e}`;
    output?.error(message);
    void vscode.window.showErrorMessage(`trainlint: ${message}`, 'Show Output', 'Restart Server').then((pick) => {
      if (pick === 'Show Output') output?.show(true);
      if (pick === 'Restart Server') void vscode.commands.executeCommand('trainlint.restartServer');
    });
  }
}

/** Notes, in the output channel and for the API, how long the first diagnostics took after activation. */
function timeFirstDiagnostics(context: vscode.ExtensionContext): () => number | undefined {
  const activatedAt = Date.now();
  let ms: number | undefined;
  const sub = vscode.languages.onDidChangeDiagnostics((e) => {
    if (!e.uris.some((u) => vscode.languages.getDiagnostics(u).some((d) => d.source === 'trainlint'))) return;
    ms = Date.now() - activatedAt;
    output?.info(`first diagnostics ${ms} ms after activation`);
    sub.dispose();
  });
  context.subscriptions.push(sub);
  return () => ms;
}

export async function activate(context: vscode.ExtensionContext): Promise<TrainlintApi> {
  output = vscode.window.createOutputChannel('trainlint', { log: true });
  const version = String(context.extension.packageJSON.version ?? '?');
  status = new StatusItem(version);
  context.subscriptions.push(output, status);
  output.info(`trainlint ${version} in ${vscode.env.appName} ${vscode.version} (${vscode.env.appHost}); extension host Node ${process.version}; `
    + `workspace ${vscode.workspace.isTrusted ? 'trusted' : 'not trusted: data files are not read until it is trusted'}; `
    + `folders: ${vscode.workspace.workspaceFolders?.map((f) => f.uri.fsPath).join(', ') || 'none'}`);
  const firstDiagnosticsMs = timeFirstDiagnostics(context);
  client = createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('trainlint.restartServer', async () => {
      output?.info('Restarting the trainlint language server…');
      if (!client) return;
      try {
        await client.restart();
      } catch (e) {
        output?.error(`restart failed: ${(e as Error)?.message ?? e}`);
        await startClient(client);
      }
    }),
    vscode.commands.registerCommand('trainlint.showOutput', () => output?.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      output?.info('Workspace trusted: restarting the language server so it reads data files');
      await client?.stop();
      client = createClient(context);
      await startClient(client);
    }),
  );
  registerPreviews(context, () => client, output);
  registerRuleDocs(context, () => client, output);
  registerFixAll(context, output);
  registerDatasetReport(context, () => client);
  await startClient(client);
  return { status: () => status?.snapshot(), firstDiagnosticsMs };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
