/**
 * Code actions, rebuilt from the diagnostics the client sends back (their `data` carries the
 * fixes): the quick fix(es), "Disable TLxxx for this line", "Show documentation for TLxxx"
 * (ESLint's convention; the client opens the bundled docs), and `source.fixAll.trainlint`
 * (also listed in the Source Action… menu).
 * Every edit is versioned, so a fix computed for an older text is refused by the client.
 */
import type { ModuleProvider } from '../engine/modules/types';
import {
  CodeActionKind, TextDocumentEdit, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type WorkspaceEdit,
} from 'vscode-languageserver';
import { disableForLineEdit, fixAll, lineBreakOf, lintText, type Diagnostic, type Environment, type LintConfig, type TextEdit } from '../engine/index';
import { SourceText } from '../engine/syntax/source-text';
import { SOURCE, isDiagnosticData, toLspEdit } from './convert';
import type { DataSourceProvider } from '../engine/dataset/state';
import type { OpenDocument } from './documents';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.trainlint`;
/** Client command that opens a rule's documentation (argument: the code). */
export const SHOW_DOCS_COMMAND = 'trainlint.showRuleDocumentation';

/** Which optional actions to offer (settings `trainlint.codeAction.*`). */
export interface ActionOptions { disableRuleComment: boolean; showDocumentation: boolean; unsafeFixes: boolean }

/** "1 safe fix", "3 fixes". */
export function countFixes(n: number, safeOnly: boolean): string {
  return `${n} ${safeOnly ? 'safe ' : ''}fix${n === 1 ? '' : 'es'}`;
}

/** Fix-all is computed only when asked for by kind: `source`, `source.fixAll` or ours (never for the light bulb). */
export function wantsFixAll(only: string[] | undefined): boolean {
  return !!only && wants(only, FIX_ALL_KIND);
}

/**
 * A versioned edit of the document. Fixes write `\n`; a client applies new text as it is (VS Code normalises line
 * breaks, other editors do not), so they become the document's own, as `trainlint fix` writes them.
 */
function edit(doc: OpenDocument, edits: TextEdit[]): WorkspaceEdit {
  const eol = lineBreakOf(doc.script.text);
  const own = (e: TextEdit): TextEdit => (eol === '\n' ? e : { range: e.range, newText: e.newText.replace(/\r\n|\r|\n/g, eol) });
  return { documentChanges: [TextDocumentEdit.create({ uri: doc.uri, version: doc.version }, edits.map(own).map(toLspEdit))] };
}

function wants(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((o) => kind === o || kind.startsWith(`${o}.`));
}

/** Quick fixes and "Disable TLxxx for this line" for the trainlint diagnostics in `params`. */
function quickFixes(
  params: CodeActionParams,
  fixEdit: (edits: Array<TextEdit & { uri?: string }>) => WorkspaceEdit,
  disableEdit: (line: number, code: string) => WorkspaceEdit | undefined,
  options: ActionOptions,
): CodeAction[] {
  const actions: CodeAction[] = [];
  if (!wants(params.context.only, CodeActionKind.QuickFix)) return actions;
  const docs: CodeAction[] = [];
  for (const d of params.context.diagnostics.filter((x: LspDiagnostic) => x.source === SOURCE)) {
    if (isDiagnosticData(d.data)) {
      for (const fix of d.data.fixes) {
        actions.push({
          title: `trainlint (${d.code}): ${fix.title}${fix.applicability === 'unsafe' ? ' (unsafe)' : ''}`,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.applicability === 'safe',
          edit: fixEdit(fix.edits),
        });
      }
    }
    // Not offered where no comment can be written (a line inside a string and continued from the line above).
    const disable = options.disableRuleComment ? disableEdit(d.range.start.line, String(d.code)) : undefined;
    if (disable) actions.push({ title: `Disable ${d.code} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: disable });
    const title = `Show documentation for ${d.code}`;
    if (options.showDocumentation && !docs.some((a) => a.title === title)) {
      docs.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], command: { title, command: SHOW_DOCS_COMMAND, arguments: [String(d.code)] } });
    }
  }
  return [...actions, ...docs];
}

/**
 * Code actions in a notebook cell. Fix edits name the cells they change (a fix may add an import to
 * the first cell); each cell edit is versioned with that cell's version. Fix-all (`fixAll`: the
 * notebook's cells after every applicable fix) replaces the text of each cell it changed.
 */
export function cellCodeActions(
  params: CodeActionParams, cellSource: SourceText, versionOf: (uri: string) => number | undefined,
  options: ActionOptions,
  fixAll?: () => { applied: number; cells: Array<{ uri: string; before: string; after: string }> },
): CodeAction[] {
  const cellEdits = (edits: Array<TextEdit & { uri?: string }>): WorkspaceEdit => {
    const byCell = new Map<string, TextEdit[]>();
    for (const e of edits) {
      const uri = e.uri ?? params.textDocument.uri;
      byCell.set(uri, [...(byCell.get(uri) ?? []), e]);
    }
    return { documentChanges: [...byCell].map(([uri, es]) => TextDocumentEdit.create({ uri, version: versionOf(uri) ?? null }, es.map(toLspEdit))) };
  };
  const actions = quickFixes(params, cellEdits, (line, code) => {
    const e = disableForLineEdit(cellSource, line, code);
    return e && cellEdits([e]);
  }, options);
  if (fixAll && wantsFixAll(params.context.only)) {
    const result = fixAll();
    const changed = result.cells.filter((c) => c.before !== c.after);
    if (result.applied > 0 && changed.length > 0) {
      actions.push({
        title: `Fix all trainlint problems (${countFixes(result.applied, !options.unsafeFixes)})`,
        kind: FIX_ALL_KIND,
        edit: cellEdits(changed.map((c) => ({ uri: c.uri, range: { start: { line: 0, character: 0 }, end: new SourceText(c.before).positionAt(c.before.length) }, newText: c.after }))),
      });
    }
  }
  return actions;
}

export function codeActions(
  params: CodeActionParams, doc: OpenDocument, lintAll: (text: string) => Diagnostic[], options: ActionOptions,
): CodeAction[] {
  const actions = quickFixes(params, (edits) => edit(doc, edits), (line, code) => {
    const e = disableForLineEdit(doc.script.source, line, code);
    return e && edit(doc, [e]);
  }, options);
  if (wantsFixAll(params.context.only)) {
    const text = doc.script.text;
    const result = fixAll(text, lintAll, options.unsafeFixes);
    if (result.applied > 0) {
      const end = doc.script.source.positionAt(text.length);
      actions.push({
        title: `Fix all trainlint problems (${countFixes(result.applied, !options.unsafeFixes)})`,
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
export function textLinter(path: string, env: Environment, config: LintConfig, data?: () => DataSourceProvider, modules?: () => ModuleProvider | undefined) {
  return (text: string) => lintText(path, text, { env, config, data: data?.(), modules: modules?.() }).diagnostics;
}
