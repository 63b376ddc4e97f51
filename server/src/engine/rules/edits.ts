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

/**
 * The comment ending the argument's last line (`b=1,  # why` → `# why`), or undefined. Only a comment
 * that follows the argument (and its comma) directly counts: it describes that argument.
 */
export function argumentComment(source: SourceText, arg: ArgFact): string | undefined {
  const text = source.text;
  let j = arg.node.endIndex;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === ',') j++;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  return /^#[^\r\n]*/.exec(text.slice(j))?.[0];
}

/**
 * Remove one argument and exactly one neighbouring comma, so `f(a, b=1, c)` → `f(a, c)`.
 * Comments outside the argument's own text are never lost (Ruff's fix-safety rule: a safe fix removes a
 * comment only with the whole statement or expression holding it): a comment ending the argument's line is
 * kept on that line (alone on its line, the comment keeps the line at the argument's indent) unless the caller
 * `take`s it to write it elsewhere (a moved keyword); comments on the lines between the argument and its
 * neighbour stay where they are.
 */
export function removeArgument(source: SourceText, call: CallFact, arg: ArgFact, commentMode: 'keep' | 'take' = 'keep'): TextEdit {
  const text = source.text;
  const list = arg.siblings ?? call.args; // a keyword spread in through `**` is removed where it is written
  const i = list.indexOf(arg);
  const next = list[i + 1];
  const prev = list[i - 1];
  // An argument alone on its line(s): remove those lines (with its comma and trailing comment).
  const lineStart = lineStartOf(text, arg.node.startIndex);
  let j = arg.node.endIndex;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  const ownComma = text[j] === ',' ? j : -1;
  if (text[j] === ',') j++;
  const afterComma = j;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  if (text[j] === '#') while (j < text.length && text[j] !== '\n' && text[j] !== '\r') j++;
  const comment = argumentComment(source, arg);
  const commentAt = comment ? text.indexOf(comment, arg.node.endIndex) : -1;
  if (/^[ \t]*$/.test(text.slice(lineStart, arg.node.startIndex)) && (text[j] === '\n' || text[j] === '\r')) {
    // The comment keeps its own line, at the argument's indent.
    if (comment && commentMode === 'keep') return { range: source.rangeOf(lineStart, j), newText: text.slice(lineStart, arg.node.startIndex) + comment };
    if (text[j] === '\r' && text[j + 1] === '\n') j++;
    return { range: source.rangeOf(lineStart, j + 1), newText: '' };
  }
  let start = arg.node.startIndex;
  let end = arg.node.endIndex;
  if (next) {
    end = next.node.startIndex;
    if (ownComma >= 0 && comment && commentMode === 'keep') {
      // `f(a, b=1,  # why` + newline + `c)`: the removal stops at the comment, two spaces before it.
      const spaces = /[ \t]*$/.exec(text.slice(0, start))![0].length;
      const opener = /[([{,]$/.test(text.slice(0, start - spaces));
      return { range: source.rangeOf(start, commentAt), newText: opener ? ' '.repeat(Math.max(0, 2 - spaces)) : '' };
    }
    const from = comment && commentMode === 'take' ? commentAt + comment.length : afterComma;
    if (ownComma >= 0 && text.slice(from, end).includes('#')) {
      // Comments on the lines before the next argument are about it: they stay. The argument (with what it
      // took) goes, and the spaces before it: `f(x, b=1,` + newline → `f(x,` + newline.
      end = from;
      while (/[ \t]/.test(text[end] ?? '')) end++;
      if (text[end] !== '\n' && text[end] !== '\r') end = from;
      while (start > 0 && /[ \t]/.test(text[start - 1])) start--;
      if (/[([{]$/.test(text.slice(0, start)) || start === lineStartOf(text, start)) start = arg.node.startIndex;
    }
  } else if (prev) {
    start = prev.node.endIndex;
    const between = text.slice(start, arg.node.startIndex);
    if (between.includes('#')) {
      // `f(a=1,  # about a` + newline + `b=2)`: the comment after the argument before stays.
      if (ownComma >= 0) return { range: source.rangeOf(arg.node.startIndex, afterComma), newText: '' };
      let comma = 0;
      for (; comma < between.length && between[comma] !== ','; comma++) if (between[comma] === '#') while (comma < between.length && !/[\r\n]/.test(between[comma])) comma++;
      return { range: source.rangeOf(start, arg.node.endIndex), newText: (between.slice(0, comma) + between.slice(comma + 1)).replace(/[ \t]+$/, '') };
    }
  } else {
    let k = end;
    while (k < text.length && /[ \t\r\n]/.test(text[k])) k++;
    if (text[k] === ',') end = k + 1;
  }
  if (comment && commentMode === 'take') end = Math.max(end, commentAt + comment.length);
  return { range: source.rangeOf(start, end), newText: '' };
}

/**
 * Add `name=value` to a call, after its last argument, matching one-line or one-per-line layout.
 * A comment after the last argument stays on its line: it describes that argument.
 */
export function addKeyword(source: SourceText, call: CallFact, keywords: string | string[]): TextEdit {
  return addCommentedKeywords(source, call, keywords, [])!;
}

/**
 * `addKeyword` with a comment after some keywords (`comments[i]` ends keyword i's line). Comments need
 * the one-per-line layout and the rest of the insertion line blank: otherwise undefined (the caller then
 * leaves them where they were).
 */
function addCommentedKeywords(source: SourceText, call: CallFact, keywords: string | string[], comments: ReadonlyArray<string | undefined>): TextEdit | undefined {
  const commented = comments.some((c) => c);
  const list = call.node.childForFieldName('arguments');
  const text = source.text;
  let keyword = typeof keywords === 'string' ? keywords : keywords.join(', ');
  if (!list) return commented ? undefined : insertAt(source, call.node.endIndex, `(${keyword})`);
  const last = call.args[call.args.length - 1] ?? null;
  const close = list.endIndex - 1; // the ')'
  if (!last) return commented ? undefined : insertAt(source, close, keyword);
  // trailing comma after the last argument?
  let j = last.node.endIndex;
  while (j < close && /[ \t\r\n]/.test(text[j])) j++;
  const hasTrailingComma = text[j] === ',';
  const multiLine = /[\r\n]/.test(text.slice(list.startIndex, close));
  if (multiLine) {
    const lineStart = lineStartOf(text, last.node.startIndex);
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const kws = typeof keywords === 'string' ? [keywords] : keywords;
    // Keyword i with its comma (all but a last one without a trailing comma) and its comment.
    const line = (k: string, i: number) => `${k}${i < kws.length - 1 || hasTrailingComma ? ',' : ''}${comments[i] ? `  ${comments[i]}` : ''}`;
    keyword = kws.map(line).join(`\n${indent}`);
    const after = hasTrailingComma ? j + 1 : last.node.endIndex;
    // `last=1,  # why` (or `last=1  # why`): the new line goes after the comment.
    const rest = /^[ \t]*#[^\r\n]*/.exec(text.slice(after, close))?.[0];
    if (rest) {
      const lineEnd = after + rest.length;
      return { range: source.rangeOf(last.node.endIndex, lineEnd), newText: `${hasTrailingComma ? text.slice(last.node.endIndex, after) : ','}${rest}\n${indent}${keyword}` };
    }
    // A comment would swallow what follows on the insertion line (`last=1)`).
    const from = hasTrailingComma ? j + 1 : last.node.endIndex;
    if (commented && !/^[ \t]*(\r|\n)/.test(text.slice(from))) return undefined;
    if (hasTrailingComma) return insertAt(source, j + 1, `\n${indent}${keyword}`);
    return insertAt(source, last.node.endIndex, `,\n${indent}${keyword}`);
  }
  if (commented) return undefined;
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
export function removeArguments(source: SourceText, call: CallFact, args: ArgFact[], commentMode?: 'keep' | 'take'): TextEdit[] {
  const order = [...args].sort((x, y) => y.node.startIndex - x.node.startIndex);
  let remaining = call.args;
  const spans: Array<[number, number, string]> = [];
  for (const arg of order) {
    const e = removeArgument(source, { ...call, args: remaining }, arg, commentMode);
    spans.push([source.offsetAt(e.range.start), source.offsetAt(e.range.end), e.newText]);
    remaining = remaining.filter((x) => x !== arg);
  }
  spans.sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number, string]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    // Kept comments (the only new text) stay, in order, when two removals overlap.
    if (last && s[0] < last[1]) { last[1] = Math.max(last[1], s[1]); last[2] += s[2]; } else merged.push([...s]);
  }
  return merged.map(([a, b, t]) => ({ range: source.rangeOf(a, b), newText: t }));
}

/** Add several `name=value` keywords to a call in one edit, in order, with the call's layout. */
export function addKeywords(source: SourceText, call: CallFact, keywords: string[]): TextEdit;
export function addKeywords(source: SourceText, call: CallFact, keywords: string[], comments: ReadonlyArray<string | undefined>): TextEdit | undefined;
export function addKeywords(source: SourceText, call: CallFact, keywords: string[], comments: ReadonlyArray<string | undefined> = []): TextEdit | undefined {
  return addCommentedKeywords(source, call, keywords, comments);
}
