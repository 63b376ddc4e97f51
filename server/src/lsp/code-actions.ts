/**
 * Code actions, rebuilt from the diagnostics the client sends back (their `data` carries the
 * fixes): the quick fix(es), "Disable TLxxx for this line", and `source.fixAll.trainlint`.
 * Every edit is versioned, so a fix computed for an older text is refused by the client.
 */
import {
  CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic,
} from 'vscode-languageserver';
import { disableForLineEdit, fixAll, lintText, type Diagnostic, type Environment, type LintConfig } from '../engine/index';
import { SOURCE, isDiagnosticData, toLspEdit } from './convert';
import type { DataSourceProvider } from '../engine/dataset/state';
import type { OpenDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trainlint`;

function edit(doc: OpenDocument, edits: import('../engine/index').TextEdit[]) {
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits.map(toLspEdit))] };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

export function codeActions(
  params: CodeActionParams, doc: OpenDocument, lintAll: (text: string) => Diagnostic[], unsafeFixes: boolean,
): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wants(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics.filter((d: LspDiagnostic) => d.source === SOURCE);
    for (const d of ours) {
      if (isDiagnosticData(d.data)) {
        for (const fix of d.data.fixes) {
          actions.push({
            title: `trainlint (${d.code}): ${fix.title}${fix.applicability === 'unsafe' ? ' (unsafe)' : ''}`,
            kind: CodeActionKind.QuickFix,
            diagnostics: [d],
            isPreferred: fix.applicability === 'safe',
            edit: edit(doc, fix.edits),
          });
        }
      }
      actions.push({
        title: `Disable ${d.code} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: edit(doc, [disableForLineEdit(doc.script.source, d.range.start.line, String(d.code))]),
      });
    }
  }
  if (only && wants(only, FIX_ALL_KIND) && only.some((o) => o.startsWith(CodeActionKind.SourceFixAll))) {
    const text = doc.script.text;
    const result = fixAll(text, lintAll, unsafeFixes);
    if (result.applied > 0) {
      const end = doc.script.source.positionAt(text.length);
      actions.push({
        title: `Fix all trainlint problems (${result.applied} ${unsafeFixes ? '' : 'safe '}fixes)`,
        kind: FIX_ALL_KIND,
        edit: edit(doc, [{ range: { start: { line: 0, character: 0 }, end }, newText: result.text }]),
      });
    }
  }
  return actions;
}

/**
 * Lint a text version for fix-all rounds (a fresh parse: fix-all is rare and explicit), with the
 * same cached data as the diagnostics so data-dependent fixes are found too.
 */
export function textLinter(path: string, env: Environment, config: LintConfig, data?: () => DataSourceProvider) {
  return (text: string) => lintText(path, text, { env, config, data: data?.() }).diagnostics;
}
