/**
 * The VS Code extension: starts the trainlint language server over IPC and adds the commands.
 * Everything about Python analysis lives in the server; this file only knows `vscode`.
 */
import * as vscode from 'vscode';
import {
  LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions,
} from 'vscode-languageclient/node';
import { selectedInterpreter } from './python-interpreter';
import { registerPreviews } from './previews';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // Notebook cells: for code actions, hovers and inlay hints; their text comes through notebook sync.
    documentSelector: [{ scheme: 'file', language: 'python' }, { scheme: 'untitled', language: 'python' }, { notebook: '*', language: 'python' }],
    outputChannel: output,
    // Data files are read only in trusted workspaces (the server is restarted when trust is granted).
    initializationOptions: { trusted: vscode.workspace.isTrusted },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{requirements*.txt,pyproject.toml,uv.lock,poetry.lock}'),
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
            return { ...value, pythonPath: (await selectedInterpreter(scope)) ?? '' };
          }));
        },
      },
    },
  };
  return new LanguageClient('trainlint', 'trainlint', serverOptions, clientOptions);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('trainlint', { log: true });
  context.subscriptions.push(output);
  client = createClient(context);
  context.subscriptions.push(
    vscode.commands.registerCommand('trainlint.restartServer', async () => {
      output?.info('Restarting the trainlint language server…');
      await client?.restart();
    }),
    vscode.commands.registerCommand('trainlint.showOutput', () => output?.show(true)),
    vscode.workspace.onDidGrantWorkspaceTrust(async () => {
      await client?.stop();
      client = createClient(context);
      await client.start();
    }),
  );
  registerPreviews(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
