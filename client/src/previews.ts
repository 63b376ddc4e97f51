/**
 * "trainlint: Preview Dataset" and "trainlint: Preview Loss Masking": ask the server, show the
 * answer in a read-only webview beside the editor. Both commands return the server's answer, so
 * tests (and other extensions) can check what was shown.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DatasetPreviewRequest, MaskingPreviewRequest,
  type DatasetPreviewResult, type MaskingPreviewParams, type MaskingPreviewResult,
} from '../../server/src/lsp/protocol';
import { datasetHtml, maskingHtml } from './webview-html';

type Target = { uri: string; position: { line: number; character: number } };

/** The document and position a command is about: code-lens arguments, else the active editor. */
function target(uri?: string, position?: { line: number; character: number }): Target | undefined {
  if (uri && position) return { uri, position };
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'python') return undefined;
  return { uri: editor.document.uri.toString(), position: editor.selection.active };
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

export function registerPreviews(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('trainlint.previewDataset', async (uri?: string, position?: Target['position']) => {
      const t = target(uri, position);
      const c = client();
      if (!t || !c) { void vscode.window.showWarningMessage('trainlint: open a Python training script first.'); return undefined; }
      const result = await c.sendRequest<DatasetPreviewResult>(DatasetPreviewRequest, t);
      if ('error' in result) void vscode.window.showWarningMessage(`trainlint: ${result.error}`);
      else show('dataset', `Dataset: ${result.variable}`, datasetHtml(result));
      return result;
    }),
    vscode.commands.registerCommand('trainlint.previewMasking', async (uri?: string, position?: Target['position'], trainer?: number) => {
      const t = target(uri, position);
      const c = client();
      if (!t || !c) { void vscode.window.showWarningMessage('trainlint: open a Python training script first.'); return undefined; }
      const params: MaskingPreviewParams = { ...t, trainer };
      let result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'trainlint: rendering the loss-masking preview' },
        () => c.sendRequest<MaskingPreviewResult>(MaskingPreviewRequest, params));
      if ('choose' in result) {
        const pick = await vscode.window.showQuickPick(result.choose.map((x, i) => ({ label: x.label, description: x.where, index: i })), { placeHolder: 'Which trainer?' });
        if (!pick) return undefined;
        result = await c.sendRequest<MaskingPreviewResult>(MaskingPreviewRequest, { ...params, trainer: pick.index });
      }
      if ('error' in result) void vscode.window.showWarningMessage(`trainlint: ${result.error}`);
      else if ('samples' in result) show('masking', result.title, maskingHtml(result, result.title));
      return result;
    }),
  );
}
