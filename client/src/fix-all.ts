/**
 * "trainlint: Fix all": applies `source.fixAll.trainlint` (the same action as the Source Action…
 * menu and `editor.codeActionsOnSave`) to the active script or notebook, and says so when there is
 * nothing to fix and why.
 */
import * as vscode from 'vscode';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('trainlint');

/** The document the command acts on: the active Python editor, or a cell of the active notebook. */
function activeDocument(): vscode.TextDocument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === 'python') return editor.document;
  return vscode.window.activeNotebookEditor?.notebook.getCells().find((c) => c.document.languageId === 'python')?.document;
}

export interface FixAllResult { applied: boolean; title?: string; reason?: string }

export function registerFixAll(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand('trainlint.fixAll', async (): Promise<FixAllResult> => {
    const doc = activeDocument();
    if (!doc) {
      const reason = 'open a Python script or notebook first';
      void vscode.window.showWarningMessage(`trainlint: Fix all needs a Python file: ${reason}, then run "trainlint: Fix all" again.`);
      return { applied: false, reason };
    }
    const whole = new vscode.Range(0, 0, doc.lineCount, 0);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, whole, FIX_ALL_KIND.value) ?? [];
    const action = actions.find((a) => a.kind && FIX_ALL_KIND.contains(a.kind) && a.edit);
    const name = vscode.workspace.asRelativePath(doc.uri.scheme === 'vscode-notebook-cell' ? vscode.window.activeNotebookEditor!.notebook.uri : doc.uri);
    if (!action) {
      const findings = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'trainlint').length;
      const unsafe = vscode.workspace.getConfiguration('trainlint', doc.uri).get<boolean>('unsafeFixes');
      const reason = findings === 0
        ? `no trainlint findings in ${name}`
        : `none of the ${findings} finding${findings === 1 ? '' : 's'} in ${name} has a ${unsafe ? '' : 'safe '}automatic fix`;
      const next = findings && !unsafe ? ' Use the quick-fix menu (Ctrl+.) for unsafe fixes one by one, or set trainlint.unsafeFixes.' : '';
      void vscode.window.showInformationMessage(`trainlint: nothing to fix: ${reason}.${next}`);
      return { applied: false, reason };
    }
    const ok = await vscode.workspace.applyEdit(action.edit!);
    if (!ok) {
      const reason = `${name} changed while the fixes were computed`;
      output.warn(`Fix all: ${reason}`);
      void vscode.window.showWarningMessage(`trainlint: the fixes were not applied: ${reason}. Run "trainlint: Fix all" again.`);
      return { applied: false, reason };
    }
    output.info(`Fix all in ${name}: ${action.title}`);
    return { applied: true, title: action.title };
  }));
}
