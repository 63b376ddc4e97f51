// Shared by the extension-host suites: event-driven waits on diagnostics and code-action helpers.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const RULE = 'TL001';
export const WAIT_MS = 60_000;

export type Action = vscode.CodeAction | vscode.Command;

export function codeValue(d: vscode.Diagnostic): string {
  const c = d.code;
  return typeof c === 'object' && c !== null ? String(c.value) : String(c ?? '');
}
export const isRule = (d: vscode.Diagnostic) => d.source === 'trainlint' && codeValue(d) === RULE;
export const hasRule = (ds: readonly vscode.Diagnostic[]) => ds.some(isRule);
export const describe = (ds: readonly vscode.Diagnostic[]) =>
  ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} [${codeValue(d)}] ${d.message}`).join('; ') || '(none)';

/**
 * Resolves with the diagnostics of `uri` once `accept` holds for them. Subscribes first, then runs `action`
 * (if any), so a change caused by the action cannot be missed. With `afterEvent`, the current state alone is
 * not enough: a change event for `uri` must arrive after the action started.
 */
export function diagnosticsWhen(
  uri: vscode.Uri,
  accept: (ds: readonly vscode.Diagnostic[]) => boolean,
  what: string,
  opts: { action?: () => Thenable<unknown>; afterEvent?: boolean; timeoutMs?: number } = {},
): Promise<vscode.Diagnostic[]> {
  const timeoutMs = opts.timeoutMs ?? WAIT_MS;
  return new Promise((resolve, reject) => {
    let settled = false;
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sub.dispose();
      if (err) reject(err);
      else resolve(vscode.languages.getDiagnostics(uri));
    };
    const check = () => accept(vscode.languages.getDiagnostics(uri)) && done();
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(
      () => done(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; diagnostics now: ${describe(vscode.languages.getDiagnostics(uri))}`)),
      timeoutMs,
    );
    Promise.resolve(opts.action?.()).then(() => opts.afterEvent || check(), (e) => done(e instanceof Error ? e : new Error(String(e))));
  });
}

export async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<Action[]> {
  // The 4th argument resolves lazy actions (codeAction/resolve) so `edit` is filled in.
  const actions = await vscode.commands.executeCommand<Action[]>('vscode.executeCodeActionProvider', uri, range, kind, 50);
  return actions ?? [];
}

export async function apply(action: Action): Promise<void> {
  if ('edit' in action && action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `applyEdit failed for "${action.title}"`);
  const command = 'command' in action && action.command;
  if (typeof command === 'string') await vscode.commands.executeCommand(command, ...((action as vscode.Command).arguments ?? []));
  else if (command) await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
}

