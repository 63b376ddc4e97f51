/**
 * The status bar item: the server's state and the trainlint findings in the active file (or
 * notebook); a click opens the output channel. `snapshot()` is what tests read.
 */
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';

type ServerState = 'starting' | 'running' | 'stopped';

export interface StatusSnapshot { text: string; tooltip: string; command: string | undefined; visible: boolean; state: ServerState; findings?: number }

function plural(n: number, word: string): string { return `${n} ${word}${n === 1 ? '' : 's'}`; }

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('trainlint.status', vscode.StatusBarAlignment.Right, 100);
  private state: ServerState = 'starting';
  private visible = false;
  private findings?: number;
  private clientListener?: vscode.Disposable;
  private readonly listeners: vscode.Disposable[];

  constructor(private readonly version: string) {
    this.item.name = 'trainlint';
    this.item.command = 'trainlint.showOutput';
    this.listeners = [
      vscode.languages.onDidChangeDiagnostics(() => this.update()),
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.update()),
    ];
    this.update();
  }

  /** Follow a (new) language client's state. */
  bind(client: LanguageClient): void {
    this.clientListener?.dispose();
    this.clientListener = client.onDidChangeState((e) => {
      this.state = e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped';
      this.update();
    });
  }

  /** The URIs whose diagnostics belong to the active file: a script, or every cell of a notebook. */
  private activeUris(): { label: string; uris: vscode.Uri[] } | undefined {
    const nb = vscode.window.activeNotebookEditor;
    const editor = vscode.window.activeTextEditor;
    if (nb && (!editor || editor.document.uri.scheme === 'vscode-notebook-cell')) {
      const cells = nb.notebook.getCells().filter((c) => c.document.languageId === 'python');
      return { label: nb.notebook.uri.path.split('/').pop() ?? 'notebook', uris: cells.map((c) => c.document.uri) };
    }
    if (editor && editor.document.languageId === 'python') return { label: editor.document.uri.path.split('/').pop() ?? 'file', uris: [editor.document.uri] };
    return undefined;
  }

  update(): void {
    const active = this.activeUris();
    const counts = { error: 0, warning: 0, other: 0 };
    for (const uri of active?.uris ?? []) {
      for (const d of vscode.languages.getDiagnostics(uri)) {
        if (d.source !== 'trainlint') continue;
        if (d.severity === vscode.DiagnosticSeverity.Error) counts.error++;
        else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warning++;
        else counts.other++;
      }
    }
    const total = counts.error + counts.warning + counts.other;
    this.findings = active ? total : undefined;
    const lines = [`trainlint ${this.version}: server ${this.state}`];
    if (this.state === 'stopped') {
      this.item.text = '$(error) trainlint';
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
      lines.push('The language server is not running. Click for the output; "trainlint: Restart Server" starts it again.');
    } else {
      this.item.backgroundColor = undefined;
      if (this.state === 'starting') this.item.text = '$(sync~spin) trainlint';
      else if (!active) this.item.text = 'trainlint';
      else this.item.text = total === 0 ? '$(check) trainlint' : `$(${counts.error ? 'error' : 'warning'}) trainlint: ${total}`;
      if (active) {
        const parts = [counts.error && plural(counts.error, 'error'), counts.warning && plural(counts.warning, 'warning'), counts.other && `${counts.other} other`].filter(Boolean);
        lines.push(total ? `${plural(total, 'finding')} in ${active.label} (${parts.join(', ')})` : `no findings in ${active.label}`);
      }
      lines.push('Click to show the trainlint output.');
    }
    this.item.tooltip = lines.join('\n');
    this.visible = !!active || this.state === 'stopped';
    if (this.visible) this.item.show(); else this.item.hide();
  }

  snapshot(): StatusSnapshot {
    const command = typeof this.item.command === 'string' ? this.item.command : this.item.command?.command;
    return { text: this.item.text, tooltip: String(this.item.tooltip ?? ''), command, visible: this.visible, state: this.state, findings: this.findings };
  }

  dispose(): void {
    this.clientListener?.dispose();
    for (const l of this.listeners) l.dispose();
    this.item.dispose();
  }
}
