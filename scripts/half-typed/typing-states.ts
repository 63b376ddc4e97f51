/**
 * The states a script passes through while it is typed, made from its finished text: each is the text with one
 * statement (of a script, or of one notebook cell) not finished yet, the rest of the file as it is. Every state keeps
 * the line count (what a state removes is kept as its line breaks), so a finding of the state and one of the finished
 * text are the same finding when code, severity, message and line agree.
 *
 * Kinds: `halfLine` (a line cut at its middle), `typed` (a few lines typed a character at a time: every prefix),
 * `unclosed(` / `unclosed[` / `unclosed{` / `unclosedString` / `unclosedTriple` (a statement left open after its
 * bracket or quote, the rest of the statement not typed), `halfKeyword` (`learning_rate=` typed into a call whose other
 * arguments are there), `emptyBlock` (`if x:` typed on a blank line above a statement at its indentation, the body not
 * written yet), `halfCell` (a notebook cell typed up to its middle line, cut in half; the cells below are there).
 */
import type { Node } from 'web-tree-sitter';
import { ParsedScript } from '../../server/src/engine/index';
import type { Random } from '../../test/fuzz/fuzz-inputs';

export interface TypingState {
  kind: string;
  /** The unit changed (0 for a script, a notebook's cell index) and its text in this state. */
  unit: number;
  text: string;
  /** The 1-based line (of the unit) where the typing is. */
  line: number;
  /** What is typed at that line (for the report). */
  typed: string;
}

export const KINDS = ['halfLine', 'typed', 'unclosed(', 'unclosed[', 'unclosed{', 'unclosedString', 'unclosedTriple', 'halfKeyword', 'emptyBlock', 'halfCell'] as const;

const HEADERS = ['if x:', 'for x in y:', 'with open(p) as f:', 'def f():', 'try:', 'while True:', 'class A:', 'elif x:', 'else:'];

/** The text with `start..end` replaced by `insert`, the removed line breaks kept. */
function splice(text: string, start: number, end: number, insert: string): string {
  const removed = text.slice(start, end);
  const breaks = removed.split('\n').length - 1;
  return text.slice(0, start) + insert + '\n'.repeat(breaks) + text.slice(end);
}

const lineOf = (text: string, at: number) => text.slice(0, at).split('\n').length;

/** The statements of a tree, every depth (children of the module and of blocks). */
function statements(root: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (n.type === 'module' || n.type === 'block') out.push(c);
      if (c.namedChildCount) walk(c);
    }
  };
  walk(root);
  return out;
}

function sample<T>(xs: T[], count: number, r: Random): T[] {
  const pool = [...xs];
  const out: T[] = [];
  while (out.length < count && pool.length) out.push(...pool.splice(r.below(pool.length), 1));
  return out;
}

/** A simple statement's node (not a compound one: its header is not what is typed here). */
const SIMPLE = new Set(['expression_statement', 'return_statement', 'assert_statement', 'import_from_statement', 'import_statement']);

/** Each kind's states of one unit's text, at most `perKind` of each (a `typed` line gives all its prefixes). */
export function typingStates(text: string, unit: number, perKind: number, r: Random, notebook: boolean): TypingState[] {
  const out: TypingState[] = [];
  const lines = text.split('\n');
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const code = lines.map((l, i) => i).filter((i) => lines[i].trim() && !lines[i].trim().startsWith('#'));
  for (const i of sample(code, perKind, r)) {
    const l = lines[i];
    const cut = l.slice(0, Math.ceil(l.length / 2));
    out.push({ kind: 'halfLine', unit, line: i + 1, typed: cut.trim(), text: splice(text, starts[i], starts[i] + l.length, cut) });
  }
  const typedLines = code.filter((i) => /[=(]/.test(lines[i]) && lines[i].trim().length > 4);
  for (const i of sample(typedLines, Math.max(1, Math.round(perKind / 10)), r)) {
    const l = lines[i];
    const indent = l.length - l.trimStart().length;
    for (let k = indent + 1; k < l.length; k++) {
      out.push({ kind: 'typed', unit, line: i + 1, typed: l.slice(0, k).trim(), text: splice(text, starts[i], starts[i] + l.length, l.slice(0, k)) });
    }
  }
  const script = ParsedScript.parse(text);
  try {
    const [root] = script.syntax.roots;
    const stmts = statements(root).filter((s) => !s.hasError);
    const simple = stmts.filter((s) => SIMPLE.has(s.type));
    // unclosed brackets: the statement cut right after one of its openers
    for (const [kind, open] of [['unclosed(', '('], ['unclosed[', '['], ['unclosed{', '{']] as const) {
      const places: Array<{ s: Node; at: number }> = [];
      for (const s of simple) {
        for (const b of s.descendantsOfType(open)) if (b && b.parent?.type !== 'string' && !b.parent?.type.startsWith('string')) places.push({ s, at: b.endIndex });
      }
      for (const { s, at } of sample(places, perKind, r)) {
        out.push({ kind, unit, line: lineOf(text, at), typed: text.slice(s.startIndex, at).split('\n').pop()!.trim(), text: splice(text, at, s.endIndex, '') });
      }
    }
    // an unclosed string: cut right after its opening quote (not a triple quote, not an f-string's braces)
    const strings: Array<{ s: Node; at: number }> = [];
    for (const s of simple) {
      for (const str of s.descendantsOfType('string_start')) {
        if (str && !/"""|'''/.test(str.text)) strings.push({ s, at: str.endIndex });
      }
    }
    for (const { s, at } of sample(strings, perKind, r)) {
      out.push({ kind: 'unclosedString', unit, line: lineOf(text, at), typed: text.slice(s.startIndex, at).split('\n').pop()!.trim(), text: splice(text, at, s.endIndex, '') });
    }
    // an unclosed triple quote: an assignment's right side begun as `"""`
    const assignments = simple.filter((s) => s.firstNamedChild?.type === 'assignment' && s.firstNamedChild.childForFieldName('right'));
    for (const s of sample(assignments, perKind, r)) {
      const right = s.firstNamedChild!.childForFieldName('right')!;
      out.push({ kind: 'unclosedTriple', unit, line: lineOf(text, right.startIndex), typed: `${text.slice(s.startIndex, right.startIndex).trim()} """`, text: splice(text, right.startIndex, s.endIndex, '"""') });
    }
    // a keyword argument half typed: its value not yet there, the call's other arguments are
    const keywords: Node[] = [];
    for (const s of stmts) for (const k of s.descendantsOfType('keyword_argument')) if (k && k.parent?.type === 'argument_list') keywords.push(k);
    const uniqueKeywords = [...new Map(keywords.map((k) => [k.startIndex, k])).values()];
    for (const k of sample(uniqueKeywords, perKind, r)) {
      const name = k.childForFieldName('name')!;
      const comma = k.nextSibling?.type === ',' ? k.nextSibling.endIndex : k.endIndex;
      out.push({ kind: 'halfKeyword', unit, line: lineOf(text, k.startIndex), typed: `${name.text}=`, text: splice(text, name.endIndex + 1, comma, '') });
    }
    // a block header typed on a blank line above a statement, at its indentation, its body not written yet
    const blanks: Array<{ row: number; column: number }> = [];
    for (const s of stmts) {
      const row = s.startPosition.row;
      const prev = s.previousSibling;
      if (row > 0 && !lines[row - 1].trim() && (!prev || prev.endPosition.row < row - 1)) blanks.push({ row: row - 1, column: s.startPosition.column });
    }
    const uniqueBlanks = [...new Map(blanks.map((b) => [b.row, b])).values()];
    for (const b of sample(uniqueBlanks, perKind, r)) {
      const header = r.pick(HEADERS);
      const at = starts[b.row];
      out.push({ kind: 'emptyBlock', unit, line: b.row + 1, typed: header, text: splice(text, at, at + lines[b.row].length, ' '.repeat(b.column) + header) });
    }
  } finally { script.dispose(); }
  // a notebook cell typed up to its middle: the line there cut in half, the lines below it not typed yet
  if (notebook && code.length >= 2) {
    const i = code[Math.floor(code.length / 2)];
    const l = lines[i];
    const cut = l.slice(0, Math.ceil(l.length / 2));
    out.push({ kind: 'halfCell', unit, line: i + 1, typed: cut.trim(), text: splice(text, starts[i], text.length, cut) });
  }
  return out;
}
