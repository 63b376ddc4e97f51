/**
 * "trainlint: Preview Dataset" and "trainlint: Preview Loss Masking": ask the server, show the
 * answer in a read-only webview beside the editor. Both commands return the server's answer, so
 * tests (and other extensions) can check what was shown. A command that cannot show a preview says
 * why in a notification with the next step, and logs it to the output channel.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DatasetPreviewRequest, MaskingPreviewRequest,
  type DatasetPreviewResult, type MaskingPreviewParams, type MaskingPreviewResult,
} from '../../server/src/lsp/protocol';
import { datasetHtml, maskingHtml } from './webview-html';

type Target = { uri: string; position: { line: number; character: number } };

/**
 * The document and position a command is about: code-lens arguments, else the active Python editor
 * (a notebook cell's editor included), else the selected cell of the active notebook.
 */
function target(uri?: string, position?: { line: number; character: number }): Target | undefined {
  if (uri && position) return { uri, position };
  const editor = vscode.window.activeTextEditor;
  if (editor && editor.document.languageId === 'python') return { uri: editor.document.uri.toString(), position: editor.selection.active };
  const nb = vscode.window.activeNotebookEditor;
  if (!nb) return undefined;
  const cells = nb.notebook.getCells();
  const cell = cells[nb.selection?.start ?? 0]?.document.languageId === 'python' ? cells[nb.selection.start] : cells.find((c) => c.document.languageId === 'python');
  return cell && { uri: cell.document.uri.toString(), position: { line: 0, character: 0 } };
}

type Say = (message: string, ...actions: Array<{ title: string; run: () => unknown }>) => void;

/** A warning with buttons, also written to the output channel. */
function sayer(output: vscode.LogOutputChannel): Say {
  return (message, ...actions) => {
    output.warn(message);
    const all = [...actions, { title: 'Show Output', run: () => output.show(true) }];
    void vscode.window.showWarningMessage(`trainlint: ${message}`, ...all.map((a) => a.title)).then((pick) => all.find((a) => a.title === pick)?.run());
  };
}

const NO_FILE = 'open a Python training script or notebook (or put the cursor in one), then run the command again.';

/** The client when it can answer; otherwise says why. */
function ready(client: LanguageClient | undefined, what: string, say: Say): LanguageClient | undefined {
  if (client?.isRunning()) return client;
  say(`${what} needs the trainlint language server, which is not running${client ? ' (it may still be starting)' : ''}.`,
    { title: 'Restart Server', run: () => vscode.commands.executeCommand('trainlint.restartServer') });
  return undefined;
}

/** The masking preview fell back to approximate tokens: say which model and which folders were searched. */
function tokenizerNotice(result: Extract<MaskingPreviewResult, { samples: unknown }>, say: Say): void {
  const missing = result.tokenizerMissing;
  if (!missing) return;
  const what = missing.modelId ? `The tokenizer of ${missing.modelId}` : missing.dir ? `The tokenizer folder ${missing.dir}` : 'No tokenizer';
  const searched = missing.searched.length ? ` Searched: ${missing.searched.join(', ')}.` : '';
  const reason = missing.modelId ? 'is not in the Hugging Face cache' : missing.dir ? `could not be loaded (${missing.message})` : `was found: ${missing.message}`;
  say(`${what} ${reason}.${searched} The preview shows approximate tokens. Download the tokenizer (huggingface-cli download <model> tokenizer.json tokenizer_config.json) or choose a folder with tokenizer.json.`,
    {
      title: 'Choose Tokenizer Folder…',
      run: async () => {
        const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, openLabel: 'Use this tokenizer' });
        if (!picked?.[0]) return;
        await vscode.workspace.getConfiguration('trainlint').update('masking.tokenizerPath', picked[0].fsPath, vscode.ConfigurationTarget.Workspace);
        await vscode.commands.executeCommand('trainlint.previewMasking');
      },
    });
}

const panels = new Map<string, vscode.WebviewPanel>();
function show(kind: string, title: string, html: string): void {
  let panel = panels.get(kind);
  if (!panel) {
    panel = vscode.window.createWebviewPanel(`trainlint.${kind}`, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: false });
    panel.onDidDispose(() => panels.delete(kind));
    panels.set(kind, panel);
  }
  panel.title = title;
  panel.webview.html = html;
  panel.reveal(vscode.ViewColumn.Beside, true);
}

/** A request that fails (server crashed, restarted) becomes an error result instead of a silent rejection. */
async function ask<R>(c: LanguageClient, method: string, params: unknown): Promise<R | { error: string }> {
  try {
    return await c.sendRequest<R>(method, params);
  } catch (e) {
    return { error: `the language server did not answer (${(e as Error)?.message ?? e}).` };
  }
}

export function registerPreviews(context: vscode.ExtensionContext, client: () => LanguageClient | undefined, output: vscode.LogOutputChannel): void {
  const say = sayer(output);
  context.subscriptions.push(
    vscode.commands.registerCommand('trainlint.previewDataset', async (uri?: string, position?: Target['position']) => {
      const t = target(uri, position);
      if (!t) { say(`Preview Dataset needs a file: ${NO_FILE}`); return undefined; }
      const c = ready(client(), 'Preview Dataset', say);
      if (!c) return undefined;
      const result = await ask<DatasetPreviewResult>(c, DatasetPreviewRequest, t);
      if ('error' in result) say(`Preview Dataset: ${result.error}`);
      else show('dataset', `Dataset: ${result.variable}`, datasetHtml(result));
      return result;
    }),
    // `startRow`: from that row of the dataset on (the dataset report's row links).
    vscode.commands.registerCommand('trainlint.previewMasking', async (uri?: string, position?: Target['position'], trainer?: number, startRow?: number) => {
      const t = target(uri, position);
      if (!t) { say(`Preview Loss Masking needs a file: ${NO_FILE}`); return undefined; }
      const c = ready(client(), 'Preview Loss Masking', say);
      if (!c) return undefined;
      // First paint: the template rendering and what is trained, on approximate tokens if the tokenizer is
      // still loading (a 33 MB tokenizer.json takes seconds); then the real tokens replace them.
      let params: MaskingPreviewParams = { ...t, trainer, firstPaint: true, ...(typeof startRow === 'number' ? { startRow } : {}) };
      const progress = { location: vscode.ProgressLocation.Window, title: 'trainlint: rendering the loss-masking preview' };
      let result = await vscode.window.withProgress(progress, () => ask<MaskingPreviewResult>(c, MaskingPreviewRequest, params));
      if ('choose' in result) {
        const pick = await vscode.window.showQuickPick(result.choose.map((x, i) => ({ label: x.label, description: x.where, index: i })), { placeHolder: 'Which trainer?' });
        if (!pick) { output.info('Preview Loss Masking: no trainer chosen'); return undefined; }
        params = { ...params, trainer: pick.index };
        result = await ask<MaskingPreviewResult>(c, MaskingPreviewRequest, params);
      }
      if ('samples' in result && result.tokensPending) {
        show('masking', result.title, maskingHtml(result, result.title));
        output.info(`Preview Loss Masking: approximate tokens shown while the tokenizer of ${result.tokensPending} loads`);
        const pending = result.tokensPending;
        result = await vscode.window.withProgress({ ...progress, title: `trainlint: loading the tokenizer of ${pending}` },
          () => ask<MaskingPreviewResult>(c, MaskingPreviewRequest, { ...params, firstPaint: false }));
      }
      if ('error' in result) say(`Preview Loss Masking: ${result.error}`);
      else if ('samples' in result) {
        show('masking', result.title, maskingHtml(result, result.title));
        if (!result.samples.length) say(`Preview Loss Masking: no sample could be rendered${result.warnings.length ? `: ${result.warnings.join('; ')}` : ''}.`);
        tokenizerNotice(result, say);
      }
      return result;
    }),
  );
}
