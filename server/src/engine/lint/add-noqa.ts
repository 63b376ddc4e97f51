/**
 * `trainlint check --add-noqa`: a `# noqa: CODE` on each line where a finding starts, so a project can
 * adopt trainlint and fix its findings over time. A line that ends inside a multi-line string gets it after the
 * string's closing quotes (as Ruff places it; the suppression reads it there for every line of the string). Lines
 * continued by a backslash (`\  # noqa` is a syntax error) cannot carry a comment; they are counted as skipped.
 */
import type { Diagnostic, TextEdit } from '../diagnostics';
import { ParsedScript } from '../syntax/parsed-script';
import { applyEdits } from './apply-fixes';
import { addNoqaEdit } from './suppression';
import { lineEndBlocked } from '../syntax/python-strings';

/** Findings a noqa cannot or should not silence. */
const NEVER = new Set(['TL000', 'TL903']);

export function addNoqa(text: string, diagnostics: Diagnostic[]): { text: string; added: number; skipped: number } {
  const starts = new Map<number, string[]>();
  for (const d of diagnostics) {
    if (NEVER.has(d.code)) continue;
    const codes = starts.get(d.range.start.line) ?? [];
    if (!codes.includes(d.code)) codes.push(d.code);
    starts.set(d.range.start.line, codes);
  }
  if (!starts.size) return { text, added: 0, skipped: 0 };
  const script = ParsedScript.parse(text);
  try {
    const edits: TextEdit[] = [];
    let skipped = 0;
    let lines: string[] | undefined;
    /** The string a line ends inside (a piece of a concatenation running over lines does not count), if any. */
    const openStringAt = (line: number) => {
      const end = script.source.offsetAt({ line, character: script.source.lineText(line).length });
      for (let n = script.syntax.descendantForIndex(Math.max(0, end - 1), end); n; n = n.parent) if (n.type === 'string' && n.endIndex > end) return n;
      return undefined;
    };
    // A line ending inside a multi-line string gets its noqa after the string's closing quotes (Ruff's place; the
    // suppression reads it there for every line of the string).
    const byLine = new Map<number, string[]>();
    for (const [line, codes] of starts) {
      const str = openStringAt(line);
      const at = str ? script.source.positionAt(str.endIndex).line : line;
      if (str && (openStringAt(at) || !/^("""|\'\'\')/.test(script.source.text.slice(str.endIndex - 3, str.endIndex)))) { skipped++; continue; }
      const list = byLine.get(at) ?? [];
      for (const c of codes) if (!list.includes(c)) list.push(c);
      byLine.set(at, list);
    }
    for (const [line, codes] of byLine) {
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
