/**
 * "trainlint: Dataset Report" (also the code lens on a trainer): asks the server for the report
 * of the trainer's whole dataset, with a cancellable progress notification, and shows it in a
 * webview that fills in while it runs. Without a cached tokenizer it offers the approximate report
 * (labelled as such) or stops. Returns the final answer, so tests can check what was shown.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  DatasetReportProgressNotification, DatasetReportRequest,
  type DatasetReportParams, type DatasetReportProgress, type DatasetReportResult,
} from '../../server/src/lsp/protocol';
import { reportHtml, type ReportLinks } from './report-html';

type Position = { line: number; character: number };

let panel: vscode.WebviewPanel | undefined;
let nextId = 1;

function showReport(html: string, title: string): void {
  if (!panel) {
    // Scripts stay off; command links may only open the masking preview.
    panel = vscode.window.createWebviewPanel('trainlint.datasetReport', title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: ['trainlint.previewMasking'], retainContextWhenHidden: true });
    panel.onDidDispose(() => { panel = undefined; });
  }
  panel.title = title;
  panel.webview.html = html;
}

export function registerDatasetReport(context: vscode.ExtensionContext, client: () => LanguageClient | undefined): void {
  context.subscriptions.push(vscode.commands.registerCommand('trainlint.datasetReport', async (uri?: string, position?: Position, trainer?: number, approximate?: boolean) => {
    const editor = vscode.window.activeTextEditor;
    const target = uri && position ? { uri, position }
      : editor && editor.document.languageId === 'python' ? { uri: editor.document.uri.toString(), position: editor.selection.active } : undefined;
    const c = client();
    if (!target || !c) { void vscode.window.showWarningMessage('trainlint: open a Python training script first.'); return undefined; }
    const run = (params: Omit<DatasetReportParams, 'id'>) => vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'trainlint: dataset report', cancellable: true },
      async (progress, token) => {
        const id = nextId++;
        const links: ReportLinks = { uri: target.uri, position: target.position, trainer: params.trainer ?? 0 };
        let shown = 0;
        const sub = c.onNotification(DatasetReportProgressNotification, (p: DatasetReportProgress) => {
          if (p.id !== id || token.isCancellationRequested) return;
          const { rows, total } = p.report.progress;
          const pct = total ? Math.min(100, (100 * rows) / total) : undefined;
          progress.report({ message: `${rows.toLocaleString('en-US')}${total ? ` of ${total.toLocaleString('en-US')}` : ''} rows`, ...(pct !== undefined ? { increment: pct - shown } : {}) });
          if (pct !== undefined) shown = pct;
          showReport(reportHtml(p.report, links), 'Dataset Report');
        });
        try {
          return await c.sendRequest<DatasetReportResult>(DatasetReportRequest, { ...params, id }, token);
        } catch (e) {
          if (token.isCancellationRequested) return { error: 'cancelled' } as DatasetReportResult;
          throw e;
        } finally {
          sub.dispose();
        }
      });
    let result = await run({ ...target, trainer, approximate });
    if ('choose' in result) {
      const pick = await vscode.window.showQuickPick(result.choose.map((x, i) => ({ label: x.label, description: x.where, index: i })), { placeHolder: 'Which trainer?' });
      if (!pick) return undefined;
      trainer = pick.index;
      result = await run({ ...target, trainer, approximate });
    }
    if ('noTokenizer' in result) {
      const choice = await vscode.window.showWarningMessage(`trainlint: ${result.noTokenizer}`, 'Approximate Report', 'Stop');
      if (choice !== 'Approximate Report') return result;
      result = await run({ ...target, trainer, approximate: true });
    }
    if ('error' in result) {
      if (result.error !== 'cancelled') void vscode.window.showWarningMessage(`trainlint: ${result.error}`);
      return result;
    }
    if ('report' in result) showReport(reportHtml(result.report, { uri: target.uri, position: target.position, trainer: result.report.trainer.index }), 'Dataset Report');
    return result;
  }));
}
