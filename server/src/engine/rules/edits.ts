/**
 * Text edits rules use for their fixes: replace a node, remove a call argument with its
 * comma, add a keyword argument keeping the call's layout. Every edit keeps the file parseable.
 */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../diagnostics';
import type { ArgFact, CallFact } from '../facts/types';
import type { SourceText } from '../syntax/source-text';

/** Offset of the start of the line holding `at` (a line ends at LF, CRLF or a lone CR). */
function lineStartOf(text: string, at: number): number {
  const lf = text.lastIndexOf('\n', at - 1);
  // A lone CR is looked for only after that LF (searching the whole text for one is O(text) per fix).
  for (let i = at - 1; i > lf; i--) if (text.charCodeAt(i) === 13) return i + 1;
  return lf + 1;
}

export function replaceNode(source: SourceText, node: Node, text: string): TextEdit {
  return { range: source.nodeRange(node), newText: text };
}

export function insertAt(source: SourceText, offset: number, text: string): TextEdit {
  const p = source.positionAt(offset);
  return { range: { start: p, end: p }, newText: text };
}

/** Remove one argument and exactly one neighbouring comma, so `f(a, b=1, c)` → `f(a, c)`. */
export function removeArgument(source: SourceText, call: CallFact, arg: ArgFact): TextEdit {
  const text = source.text;
  const list = arg.siblings ?? call.args; // a keyword spread in through `**` is removed where it is written
  const i = list.indexOf(arg);
  const next = list[i + 1];
  const prev = list[i - 1];
  // An argument alone on its line(s): remove those lines (with its comma and trailing comment).
  const lineStart = lineStartOf(text, arg.node.startIndex);
  let j = arg.node.endIndex;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ',') j++;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === '#') while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  if (/^[ \t]*$/.test(text.slice(lineStart, arg.node.startIndex)) && (text[j] === '\n' || text[j] === '\r')) {
    if (text[j] === '\r' && text[j + 1] === '\n') j++;
    return { range: source.rangeOf(lineStart, j + 1), newText: '' };
  }
  let start = arg.node.startIndex;
  let end = arg.node.endIndex;
  if (next) {
    end = next.node.startIndex;
  } else if (prev) {
    start = prev.node.endIndex;
  } else {
    let k = end;
    while (k < text.length && /[ \t\r\n]/.test(text[k])) k++;
    if (text[k] === ',') end = k + 1;
  }
  return { range: source.rangeOf(start, end), newText: '' };
}

/**
 * Add `name=value` to a call, after its last argument, matching one-line or one-per-line layout.
 * A comment after the last argument stays on its line: it describes that argument.
 */
export function addKeyword(source: SourceText, call: CallFact, keywords: string | string[]): TextEdit {
  const list = call.node.childForFieldName('arguments');
  const text = source.text;
  let keyword = typeof keywords === 'string' ? keywords : keywords.join(', ');
  if (!list) return insertAt(source, call.node.endIndex, `(${keyword})`);
  const last = call.args[call.args.length - 1] ?? null;
  const close = list.endIndex - 1; // the ')'
  if (!last) return insertAt(source, close, keyword);
  // trailing comma after the last argument?
  let j = last.node.endIndex;
  while (j < close && /[ \t\r\n]/.test(text[j])) j++;
  const hasTrailingComma = text[j] === ',';
  const multiLine = /[\r\n]/.test(text.slice(list.startIndex, close));
  if (multiLine) {
    const lineStart = lineStartOf(text, last.node.startIndex);
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    if (typeof keywords !== 'string') keyword = keywords.join(`,\n${indent}`);
    const after = hasTrailingComma ? j + 1 : last.node.endIndex;
    // `last=1,  # why` (or `last=1  # why`): the new line goes after the comment.
    const rest = /^[ \t]*#[^\r\n]*/.exec(text.slice(after, close))?.[0];
    if (rest) {
      const lineEnd = after + rest.length;
      return { range: source.rangeOf(last.node.endIndex, lineEnd), newText: `${hasTrailingComma ? text.slice(last.node.endIndex, after) : ','}${rest}\n${indent}${keyword}${hasTrailingComma ? ',' : ''}` };
    }
    if (hasTrailingComma) return insertAt(source, j + 1, `\n${indent}${keyword},`);
    return insertAt(source, last.node.endIndex, `,\n${indent}${keyword}`);
  }
  if (hasTrailingComma) return insertAt(source, j + 1, ` ${keyword}`);
  return insertAt(source, last.node.endIndex, `, ${keyword}`);
}

/** Rename a keyword argument's name (`max_seq_length=` → `max_length=`). */
export function renameKeyword(source: SourceText, arg: ArgFact, newName: string): TextEdit {
  if (arg.node.type === 'pair') return replaceNode(source, arg.node.childForFieldName('key')!, JSON.stringify(newName));
  const name = arg.node.childForFieldName('name')!;
  return replaceNode(source, name, newName);
}

/**
 * Remove several arguments of one call in one edit set: each removal is computed against the
 * arguments still left (last first), and overlapping ranges are merged, so `f(a, b=1, c=2)`
 * minus `b`, `c` gives `f(a)`.
 */
export function removeArguments(source: SourceText, call: CallFact, args: ArgFact[]): TextEdit[] {
  const order = [...args].sort((x, y) => y.node.startIndex - x.node.startIndex);
  let remaining = call.args;
  const spans: Array<[number, number]> = [];
  for (const arg of order) {
    const e = removeArgument(source, { ...call, args: remaining }, arg);
    spans.push([source.offsetAt(e.range.start), source.offsetAt(e.range.end)]);
    remaining = remaining.filter((x) => x !== arg);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] < last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([...s]);
  }
  return merged.map(([a, b]) => ({ range: source.rangeOf(a, b), newText: '' }));
}

/** Add several `name=value` keywords to a call in one edit, in order, with the call's layout. */
export function addKeywords(source: SourceText, call: CallFact, keywords: string[]): TextEdit {
  return addKeyword(source, call, keywords);
}
