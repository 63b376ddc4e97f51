/**
 * Suppression comments, checked centrally (rules never handle them):
 * `# trainlint: disable=TL001,seq2seq-collator-without-labels` on a line (or alone on the line above),
 * `# trainlint: disable-file=TL001` anywhere, and Ruff's `# noqa: TL001` on the line (codes of other
 * tools in the same `noqa` are left to them; after the closing quotes of a multi-line string it covers every line of
 * the string, as in Ruff). Each entry records whether it suppressed something, so
 * unknown and unused entries can be reported (TL903) with an edit that removes them.
 */
import type { Diagnostic, Range, TextEdit } from '../diagnostics';
import type { SourceText } from '../syntax/source-text';
import type { CommentFact } from '../facts/types';
import { ruleCodeOf } from './selectors';
import { closest } from './spelling';
import { lineEndBlocked, lineStartsInString, tripleQuotedLines } from '../syntax/python-strings';

const TRAINLINT = /#\s*trainlint:\s*(disable-file|disable)\s*=\s*/g;
const NOQA = /#\s*noqa\s*:\s*/gi;

export interface SuppressionEntry {
  /** As written. */
  text: string;
  /** The rule code it names (`ALL` for all), undefined when it names no rule. */
  code?: string;
  /** Where it is written (one line). */
  range: Range;
  used: boolean;
}

export interface Directive {
  kind: 'disable' | 'disable-file' | 'noqa';
  line: number;
  /** The directive's own text span (from its `#` to its last entry). */
  range: Range;
  /** The comment holding it (a comment may hold a trainlint directive and a noqa). */
  comment: Range;
  /** The comment is alone on its line. */
  ownLine: boolean;
  entries: SuppressionEntry[];
  /** Entries of other tools in a `noqa` (kept when ours are removed). */
  foreign: number;
}

export interface Suppressions {
  directives: Directive[];
  file: Map<string, SuppressionEntry[]>;
  /** line → code → entries covering it */
  lines: Map<number, Map<string, SuppressionEntry[]>>;
}

/** Comma-separated entries (a space also separates codes); parsing stops at the first word that is neither. */
function entriesAt(text: string, at: number, noqa: boolean): Array<{ text: string; start: number; end: number }> {
  const out: Array<{ text: string; start: number; end: number }> = [];
  const token = noqa ? /^[A-Za-z]+[0-9]+/ : /^[A-Za-z][A-Za-z0-9_-]*/;
  let i = at;
  for (;;) {
    const m = token.exec(text.slice(i));
    if (!m) break;
    out.push({ text: m[0], start: i, end: i + m[0].length });
    i += m[0].length;
    const sep = /^\s*,\s*/.exec(text.slice(i)) ?? (/^\s+(?=TL\d)/i.exec(text.slice(i)));
    if (!sep) break;
    if (noqa && !sep[0].includes(',') && !/^\s+[A-Z]+[0-9]+/.test(text.slice(i))) break;
    i += sep[0].length;
  }
  return out;
}

export function collectSuppressions(comments: CommentFact[], source: SourceText): Suppressions {
  const s: Suppressions = { directives: [], file: new Map(), lines: new Map() };
  const add = (map: Map<string, SuppressionEntry[]>, e: SuppressionEntry) => {
    const key = e.code ?? `?${e.text}`;
    map.set(key, [...(map.get(key) ?? []), e]);
  };
  let openers: Map<number, number> | undefined;
  const openerOf = (line: number) => (openers ??= tripleQuotedLines(Array.from({ length: source.lineCount }, (_, i) => source.lineText(i)))).get(line);
  for (const c of comments) {
    if (!c.text.includes('trainlint:') && !/noqa/i.test(c.text)) continue;
    const comment = source.nodeRange(c.node);
    if (comment.start.line !== comment.end.line) continue;
    const line = comment.start.line;
    const col0 = comment.start.character;
    const ownLine = source.lineText(line).slice(0, col0).trim() === '';
    for (const re of [TRAINLINT, NOQA]) {
      re.lastIndex = 0;
      for (let m = re.exec(c.text); m; m = re.exec(c.text)) {
        const noqa = re === NOQA;
        const raw = entriesAt(c.text, m.index + m[0].length, noqa);
        const ours = noqa ? raw.filter((e) => /^TL\d/i.test(e.text)) : raw;
        if (!ours.length) continue;
        const kind: Directive['kind'] = noqa ? 'noqa' : (m[1] as 'disable' | 'disable-file');
        const at = (ch: number) => ({ line, character: col0 + ch });
        const entries: SuppressionEntry[] = ours.map((e) => ({
          text: e.text, code: e.text.toUpperCase() === 'ALL' && !noqa ? 'ALL' : ruleCodeOf(e.text), range: { start: at(e.start), end: at(e.end) }, used: false,
        }));
        const end = raw.length ? raw[raw.length - 1].end : m.index + m[0].length;
        s.directives.push({ kind, line, range: { start: at(m.index), end: at(end) }, comment, ownLine, entries, foreign: raw.length - ours.length });
        for (const e of entries) {
          if (kind === 'disable-file') { add(s.file, e); continue; }
          // Ruff's rule for a multi-line string: a noqa after its closing quotes covers every line of it, the line it
          // opens on included (`prompt = f"""…` + newline + `…"""  # noqa: TL104`).
          const opener = kind === 'noqa' ? openerOf(line) : undefined;
          const covered = kind === 'disable' && ownLine ? [line, line + 1]
            : opener !== undefined ? Array.from({ length: line - opener + 1 }, (_, k) => opener + k) : [line];
          for (const l of covered) {
            const map = s.lines.get(l) ?? new Map<string, SuppressionEntry[]>();
            add(map, e);
            s.lines.set(l, map);
          }
        }
      }
    }
  }
  return s;
}

function take(map: Map<string, SuppressionEntry[]> | undefined, code: string): boolean {
  const hit = [...(map?.get(code) ?? []), ...(map?.get('ALL') ?? [])];
  for (const e of hit) e.used = true;
  return hit.length > 0;
}

/** Whether `d` is suppressed; the entries that suppress it are marked used. */
export function isSuppressed(s: Suppressions, d: Diagnostic): boolean {
  const byLine = take(s.lines.get(d.range.start.line), d.code);
  const byFile = take(s.file, d.code);
  return byLine || byFile;
}

/** A TL903 finding for an entry: what is wrong and the message. */
export interface SuppressionProblem { directive: Directive; entry: SuppressionEntry; message: string; fix: TextEdit[] }

/**
 * Entries that name no rule, and entries for rules that ran (`ran`) but suppressed nothing.
 * Each comes with the edit that removes it (the whole directive when it is the last of ours).
 */
export function suppressionProblems(s: Suppressions, ran: (code: string) => boolean, source: SourceText, names: readonly string[]): SuppressionProblem[] {
  const out: SuppressionProblem[] = [];
  for (const dir of s.directives) {
    const spelled = dir.kind === 'noqa' ? `# noqa: ${dir.entries.map((e) => e.text).join(', ')}` : `# trainlint: ${dir.kind}=${dir.entries.map((e) => e.text).join(',')}`;
    for (const entry of dir.entries) {
      let message: string | undefined;
      if (!entry.code) {
        const near = closest(entry.text, names);
        message = `\`${entry.text}\` in \`${spelled}\` is not a trainlint rule${near ? ` (did you mean \`${near}\`?)` : ''}: it suppresses nothing`;
      } else if (!entry.used && ran(entry.code)) {
        const where = dir.kind === 'disable-file' ? 'in this file' : dir.kind === 'disable' && dir.ownLine ? 'on this line or the next' : 'on this line';
        message = `Unused suppression: no ${entry.code === 'ALL' ? 'trainlint finding' : `${entry.code} finding`} ${where} for \`${entry.text}\` to silence`;
      }
      if (message) out.push({ directive: dir, entry, message, fix: removeEntry(dir, entry, source) });
    }
  }
  return out;
}

function removeEntry(dir: Directive, entry: SuppressionEntry, source: SourceText): TextEdit[] {
  const line = source.lineText(dir.line);
  const i = dir.entries.indexOf(entry);
  if (dir.entries.length > 1 || dir.foreign > 0) {
    // Drop the entry with the separator before it (after it for the first one).
    const all = dir.entries.map((e) => e.range);
    const prevEnd = i > 0 ? all[i - 1].end.character : undefined;
    const nextStart = i + 1 < all.length ? all[i + 1].start.character : undefined;
    if (prevEnd !== undefined) return [{ range: { start: { line: dir.line, character: prevEnd }, end: entry.range.end }, newText: '' }];
    if (nextStart !== undefined) return [{ range: { start: entry.range.start, end: { line: dir.line, character: nextStart } }, newText: '' }];
    // The only TL code of a noqa with other tools' codes: remove it and its separator.
    const after = /^\s*,\s*/.exec(line.slice(entry.range.end.character));
    if (after) return [{ range: { start: entry.range.start, end: { line: dir.line, character: entry.range.end.character + after[0].length } }, newText: '' }];
    const before = /,\s*$/.exec(line.slice(0, entry.range.start.character));
    const start = before ? entry.range.start.character - before[0].length : entry.range.start.character;
    return [{ range: { start: { line: dir.line, character: start }, end: entry.range.end }, newText: '' }];
  }
  // The directive goes; if nothing else is left in the comment, the comment goes (the line too when alone).
  const commentText = line.slice(dir.comment.start.character, dir.comment.end.character);
  const rest = (commentText.slice(0, dir.range.start.character - dir.comment.start.character) + commentText.slice(dir.range.end.character - dir.comment.start.character)).trim();
  if (rest && rest !== '#') {
    const start = dir.range.start.character;
    const trailing = /^\s*/.exec(line.slice(dir.range.end.character))![0].length;
    return [{ range: { start: { line: dir.line, character: start }, end: { line: dir.line, character: dir.range.end.character + trailing } }, newText: '' }];
  }
  if (dir.ownLine) {
    const next = dir.line + 1 < source.lineCount ? { line: dir.line + 1, character: 0 } : { line: dir.line, character: line.length };
    return [{ range: { start: { line: dir.line, character: 0 }, end: next }, newText: '' }];
  }
  const lead = /\s*$/.exec(line.slice(0, dir.comment.start.character))![0].length;
  return [{ range: { start: { line: dir.line, character: dir.comment.start.character - lead }, end: { line: dir.line, character: line.length } }, newText: '' }];
}

/**
 * The edit that disables `code` on `line`: extend an existing directive, or append one. A line that cannot end with a
 * comment (it ends inside a string that goes on, or with a backslash continuing it) gets the directive alone on the
 * line above, which covers the line below it; undefined when that cannot be written either (the line begins inside a
 * string, or the line above continues into it).
 */
export function disableForLineEdit(source: SourceText, line: number, code: string): TextEdit | undefined {
  const text = source.lineText(line);
  const lines = Array.from({ length: line + 1 }, (_, i) => source.lineText(i));
  if (!lineEndBlocked(lines, line)) {
    const m = DISABLE_LIST.exec(text);
    if (m) {
      const pos = { line, character: m.index + m[0].length };
      return { range: { start: pos, end: pos }, newText: `,${code}` };
    }
    const end = { line, character: text.length };
    return { range: { start: end, end }, newText: `  # trainlint: disable=${code}` };
  }
  if (lineStartsInString(lines, line) || (line > 0 && lineEndBlocked(lines, line - 1))) return undefined;
  // An own-line directive already above: it covers this line, extend it.
  const above = line > 0 ? new RegExp(`^\\s*${DISABLE_LIST.source}\\s*$`).exec(lines[line - 1]) : null;
  if (above) {
    const pos = { line: line - 1, character: above[0].trimEnd().length };
    return { range: { start: pos, end: pos }, newText: `,${code}` };
  }
  const start = { line, character: 0 };
  return { range: { start, end: start }, newText: `${/^[ \t]*/.exec(text)![0]}# trainlint: disable=${code}\n` };
}

const DISABLE_LIST = /#\s*trainlint:\s*disable\s*=\s*([A-Za-z0-9_-]+(\s*,\s*[A-Za-z0-9_-]+)*)/;

/** `--add-noqa`: the edit that makes `line` carry `# noqa:` for `codes` (extending a noqa already there). */
export function addNoqaEdit(source: SourceText, line: number, codes: string[]): TextEdit | undefined {
  const text = source.lineText(line);
  const m = /#\s*noqa\s*:\s*([A-Za-z]+[0-9]+(\s*,\s*[A-Za-z]+[0-9]+)*)/i.exec(text);
  if (m) {
    const have = new Set(m[1].split(/\s*,\s*/).map((x) => x.toUpperCase()));
    const missing = codes.filter((c) => !have.has(c));
    if (!missing.length) return undefined;
    const pos = { line, character: m.index + m[0].length };
    return { range: { start: pos, end: pos }, newText: `, ${missing.join(', ')}` };
  }
  const end = { line, character: text.replace(/\s+$/, '').length };
  return { range: { start: end, end: { line, character: text.length } }, newText: `  # noqa: ${codes.join(', ')}` };
}
