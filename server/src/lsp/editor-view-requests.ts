/**
 * The editor views' requests (inlay hints, hovers, code lenses, the dataset preview, rule pages) for
 * scripts and notebook cells: a cell asks about its notebook's analysis, and what comes back is placed
 * in the cell.
 */
import type { Connection } from 'vscode-languageserver';
import type { Analysis } from '../engine/lint/analysis';
import { codeLenses, datasetPreview, hover, inlayHints } from './editor-views';
import { DatasetPreviewRequest, RuleDocsRequest, type DatasetPreviewResult, type PositionParams, type RuleDocsResult } from './protocol';
import { cellRange, type AnalysedNotebook } from './notebooks';
import { findRule, ruleDocsMarkdown, suppressionHover } from './rule-docs';

type Guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...a: A) => R | Promise<R>) => (...a: A) => Promise<R>;

/** The hover on a rule code or name inside a suppression comment (`# trainlint: disable=…`, `# noqa: …`). */
function directiveHover(a: Analysis, pos: { line: number; character: number }) {
  return suppressionHover(a.source, pos, (offset) => a.syntax.descendantForIndex(offset, offset)?.type === 'comment');
}

export function registerEditorViewRequests(
  connection: Connection,
  guard: Guard,
  cellAnalysisOf: (cellUri: string) => Promise<(AnalysedNotebook & { analysis: Analysis }) | undefined>,
  analysisOf: (uri: string) => Promise<Analysis | undefined>,
): void {
  connection.languages.inlayHint.on(guard('inlayHint', [], async (p) => {
    const cell = await cellAnalysisOf(p.textDocument.uri);
    if (cell) {
      // The cell's lines in the script; hints placed back in the cell.
      const start = cell.doc.fromCellPosition(p.textDocument.uri, p.range.start);
      const end = cell.doc.fromCellPosition(p.textDocument.uri, { line: p.range.end.line, character: p.range.end.character });
      if (!start) return [];
      return inlayHints(cell.analysis, { start, end: end ?? { line: start.line + (p.range.end.line - p.range.start.line), character: 0 } })
        .flatMap((h) => { const at = cellRange(cell.doc, { start: h.position, end: h.position }); return at?.uri === p.textDocument.uri ? [{ ...h, position: at.range.start }] : []; });
    }
    const a = await analysisOf(p.textDocument.uri);
    return a ? inlayHints(a, p.range) : [];
  }));

  connection.onHover(guard('hover', null, async (p) => {
    const cell = await cellAnalysisOf(p.textDocument.uri);
    if (cell) {
      const at = cell.doc.fromCellPosition(p.textDocument.uri, p.position);
      // A hover opens above its line: on a cell's first line it would cover the code lens above the cell
      // (the only way to its preview), so that line gets none when it has a lens; its inlay hint says the same.
      if (at && p.position.line === 0 && codeLenses(cell.analysis, p.textDocument.uri).some((l) => l.range.start.line === at.line)) return null;
      const h = at && (directiveHover(cell.analysis, at) ?? hover(cell.analysis, at));
      if (!h) return null;
      const range = h.range && cellRange(cell.doc, h.range);
      return { contents: h.contents, ...(range?.uri === p.textDocument.uri ? { range: range.range } : {}) };
    }
    const a = await analysisOf(p.textDocument.uri);
    return a ? directiveHover(a, p.position) ?? hover(a, p.position) : null;
  }));

  connection.onCodeLens(guard('codeLens', [], async (p) => {
    const cell = await cellAnalysisOf(p.textDocument.uri);
    if (cell) {
      // The notebook's lenses that fall in this cell, placed (and their command positions) in the cell.
      return codeLenses(cell.analysis, p.textDocument.uri).flatMap((lens) => {
        const at = cellRange(cell.doc, lens.range);
        if (at?.uri !== p.textDocument.uri || !lens.command) return [];
        return [{ range: at.range, command: { ...lens.command, arguments: [p.textDocument.uri, at.range.start] } }];
      });
    }
    const a = await analysisOf(p.textDocument.uri);
    return a ? codeLenses(a, p.textDocument.uri) : [];
  }));

  connection.onRequest(RuleDocsRequest, guard('ruleDocs', { error: 'internal error, see the trainlint output' } as RuleDocsResult, (p: { code: string }): RuleDocsResult => {
    const rule = findRule(String(p?.code ?? ''));
    return rule ? { code: rule.code, name: rule.name, markdown: ruleDocsMarkdown(rule) } : { error: `No trainlint rule is called ${p?.code}.` };
  }));

  connection.onRequest(DatasetPreviewRequest, guard('datasetPreview', { error: 'internal error, see the trainlint output' } as DatasetPreviewResult,
    async (p: PositionParams): Promise<DatasetPreviewResult> => {
      const cell = await cellAnalysisOf(p.uri);
      const a = cell?.analysis ?? await analysisOf(p.uri);
      const position = cell ? cell.doc.fromCellPosition(p.uri, p.position) : p.position;
      if (!a || !position) return { error: 'Open a Python script or notebook first.' };
      const preview = datasetPreview(a, position);
      return preview ? { ...preview, uri: p.uri } : { error: 'No dataset at the cursor: put it on a dataset variable or a line that assigns one.' };
    }));
}
