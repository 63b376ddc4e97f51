/**
 * Applying fixes to text: one fix, or every applicable fix until the text stops changing
 * (fixes of one round that overlap are deferred to the next round).
 */
import { comparePositions, type Diagnostic, type Fix, type TextEdit } from '../diagnostics';
import { ScriptDocument, type NotebookCell } from '../syntax/script-document';
import { SourceText } from '../syntax/source-text';

/** The line break a text uses (its first one): CRLF, a lone CR, or LF. */
export function lineBreakOf(text: string): string {
  const i = text.search(/[\r\n]/);
  if (i < 0 || text[i] === '\n') return '\n';
  return text[i + 1] === '\n' ? '\r\n' : '\r';
}

/** Applies edits; line breaks in their new text become the text's own (fixes write `\n`). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const source = new SourceText(text);
  const eol = lineBreakOf(text);
  const spans = edits
    .map((e) => ({ start: source.offsetAt(e.range.start), end: source.offsetAt(e.range.end), text: eol === '\n' ? e.newText : e.newText.replace(/\r\n|\r|\n/g, eol) }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function overlaps(a: TextEdit, b: TextEdit): boolean {
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0
    || comparePositions(a.range.start, b.range.start) === 0;
}

/** The first fix of each diagnostic allowed by `unsafe`, skipping fixes that overlap an earlier pick. */
export function selectFixes(diagnostics: Diagnostic[], unsafe: boolean, codes?: string[]): Fix[] {
  const picked: Fix[] = [];
  const edits: TextEdit[] = [];
  for (const d of diagnostics) {
    const fix = d.fixes.find((f) => f.applicability === 'safe' || unsafe);
    if (!fix) continue;
    if (fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
    picked.push(fix);
    codes?.push(d.code);
    edits.push(...fix.edits);
  }
  return picked;
}

export interface FixAllResult { text: string; applied: number; rounds: number; /** The code of each fix applied. */ codes: string[] }

/** Lint, apply, repeat until nothing changes (at most `maxRounds`). */
export function fixAll(text: string, lintText: (text: string) => Diagnostic[], unsafe: boolean, maxRounds = 8): FixAllResult {
  let current = text;
  let applied = 0;
  let rounds = 0;
  const codes: string[] = [];
  for (; rounds < maxRounds; rounds++) {
    const picked: string[] = [];
    const fixes = selectFixes(lintText(current), unsafe, picked);
    if (fixes.length === 0) break;
    const next = applyEdits(current, fixes.flatMap((f) => f.edits));
    if (next === current) break;
    applied += fixes.length;
    codes.push(...picked);
    current = next;
  }
  return { text: current, applied, rounds, codes };
}

export interface NotebookFixResult { cells: NotebookCell[]; applied: number; rounds: number; codes: string[] }

/**
 * `fixAll` for a notebook: each round lints the joined code cells and applies every selected fix to
 * the cells its edits fall in (a fix spanning two cells is left alone), until nothing changes.
 */
export function fixAllNotebook(
  path: string, cells: NotebookCell[], lintDoc: (doc: ScriptDocument) => Diagnostic[], unsafe: boolean, maxRounds = 8,
): NotebookFixResult {
  let current = cells;
  let applied = 0;
  let rounds = 0;
  const codes: string[] = [];
  for (; rounds < maxRounds; rounds++) {
    const doc = ScriptDocument.fromNotebook(path, current);
    const inCells = lintDoc(doc).map((d) => ({ ...d, fixes: d.fixes.filter((f) => f.edits.every((e) => doc.cellRangeOf(e.range))) }));
    const picked: string[] = [];
    const fixes = selectFixes(inCells, unsafe, picked);
    if (fixes.length === 0) break;
    const byCell = new Map<number, TextEdit[]>();
    for (const e of fixes.flatMap((f) => f.edits)) {
      const at = doc.cellRangeOf(e.range)!;
      byCell.set(at.cell.cellIndex, [...(byCell.get(at.cell.cellIndex) ?? []), { range: at.range, newText: e.newText }]);
    }
    const next = current.map((c, i) => (byCell.has(i) ? { ...c, text: applyEdits(c.text, byCell.get(i)!) } : c));
    if (next.every((c, i) => c.text === current[i].text)) break;
    applied += fixes.length;
    codes.push(...picked);
    current = next;
  }
  return { cells: current, applied, rounds, codes };
}
