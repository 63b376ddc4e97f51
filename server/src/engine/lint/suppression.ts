/**
 * `# trainlint: disable=TL001,TL002` on a line (or alone on the line above) and
 * `# trainlint: disable-file=TL001` anywhere. Checked centrally: rules never handle it.
 */
import type { Diagnostic, TextEdit } from '../diagnostics';
import type { SourceText } from '../syntax/source-text';
import type { CommentFact } from '../facts/types';

const DIRECTIVE = /#\s*trainlint:\s*(disable|disable-file)\s*=\s*([A-Za-z0-9_,\s]+)/;

export interface Suppressions {
  file: Set<string>;
  /** line → codes disabled on it */
  lines: Map<number, Set<string>>;
}

export function collectSuppressions(comments: CommentFact[], source: SourceText): Suppressions {
  const s: Suppressions = { file: new Set(), lines: new Map() };
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.text);
    if (!m) continue;
    const codes = m[2].split(/[,\s]+/).filter(Boolean).map((x) => x.toUpperCase());
    if (m[1] === 'disable-file') { codes.forEach((x) => s.file.add(x)); continue; }
    const add = (line: number) => {
      const set = s.lines.get(line) ?? new Set<string>();
      codes.forEach((x) => set.add(x));
      s.lines.set(line, set);
    };
    add(c.line);
    // A directive alone on its line covers the next line.
    if (source.lineText(c.line).trim().startsWith('#')) add(c.line + 1);
  }
  return s;
}

function matches(set: Set<string> | undefined, code: string): boolean {
  return !!set && (set.has(code) || set.has('ALL'));
}

export function isSuppressed(s: Suppressions, d: Diagnostic): boolean {
  return matches(s.file, d.code) || matches(s.lines.get(d.range.start.line), d.code);
}

/** The edit that disables `code` on `line`: extend an existing directive, or append one. */
export function disableForLineEdit(source: SourceText, line: number, code: string): TextEdit {
  const text = source.lineText(line);
  const m = /#\s*trainlint:\s*disable\s*=\s*([A-Za-z0-9_, ]+)/.exec(text);
  if (m) {
    const start = m.index + m[0].trimEnd().length;
    const pos = { line, character: start };
    return { range: { start: pos, end: pos }, newText: `,${code}` };
  }
  const end = { line, character: text.length };
  return { range: { start: end, end }, newText: `  # trainlint: disable=${code}` };
}
