/**
 * `trainlint check --add-noqa`: a `# noqa: CODE` on each line where a finding starts, so a project can
 * adopt trainlint and fix its findings over time. Lines that end inside a multi-line string, or with a
 * backslash that continues them (`\  # noqa` is a syntax error), cannot carry a comment; they are counted as skipped.
 */
import type { Diagnostic, TextEdit } from '../diagnostics';
import { ParsedScript } from '../syntax/parsed-script';
import { applyEdits } from './apply-fixes';
import { addNoqaEdit } from './suppression';
import { lineEndBlocked } from '../syntax/python-strings';

/** Findings a noqa cannot or should not silence. */
const NEVER = new Set(['TL000', 'TL903']);

export function addNoqa(text: string, diagnostics: Diagnostic[]): { text: string; added: number; skipped: number } {
  const byLine = new Map<number, string[]>();
  for (const d of diagnostics) {
    if (NEVER.has(d.code)) continue;
    const codes = byLine.get(d.range.start.line) ?? [];
    if (!codes.includes(d.code)) codes.push(d.code);
    byLine.set(d.range.start.line, codes);
  }
  if (!byLine.size) return { text, added: 0, skipped: 0 };
  const script = ParsedScript.parse(text);
  try {
    const edits: TextEdit[] = [];
    let skipped = 0;
    let lines: string[] | undefined;
    for (const [line, codes] of byLine) {
      const end = script.source.offsetAt({ line, character: script.source.lineText(line).length });
      let inString = false;
      for (let n = script.syntax.descendantForIndex(Math.max(0, end - 1), end); n; n = n.parent) {
        // Between the pieces of a concatenation running over lines (only possible in brackets, or after a backslash,
        // checked below) a comment can go: only a string piece that goes on blocks it.
        if (n.type === 'string' && n.endIndex > end) { inString = true; break; }
      }
      if (inString) { skipped++; continue; }
      if (script.source.lineText(line).endsWith('\\')) {
        lines ??= Array.from({ length: script.source.lineCount }, (_, i) => script.source.lineText(i));
        if (lineEndBlocked(lines, line) === 'continuation') { skipped++; continue; }
      }
      const e = addNoqaEdit(script.source, line, codes.sort());
      if (e) edits.push(e);
    }
    return { text: edits.length ? applyEdits(text, edits) : text, added: edits.length, skipped };
  } finally {
    script.dispose();
  }
}
