/**
 * Where a script can be cut into sections: at the start of a top-level statement (column 0, not
 * inside brackets, a string or a continued line, not a clause like `else:` or the line after a
 * decorator). Cut there, each section parses into exactly the nodes the whole script would have.
 *
 * `textualCuts` finds them from the text alone, so opening a script parses it once. It is a light
 * scan, not Python's tokenizer: a wrong cut leaves a syntax error at a section's edge (an unclosed
 * string or bracket, a dangling decorator or clause), and the caller then falls back to cuts read
 * from a whole parse (`treeCuts`).
 */
import type { Node } from 'web-tree-sitter';

/** Clauses that continue the statement before them (never a section start). */
const CONTINUATIONS = /^(else|elif|except|finally)\b/;

/** Offsets of top-level statement starts, at least `minLines` lines apart, from the text alone. */
export function textualCuts(text: string, minLines: number): number[] {
  const cuts: number[] = [];
  let depth = 0; // open brackets
  let quote = ''; // the open string's delimiter: ', ", ''' or """
  let continued = false; // the line ended with a backslash
  let line = 0;
  let lastCutLine = 0;
  let lastCodeLineIsDecorator = false;
  let atLineStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (atLineStart && !quote) {
      atLineStart = false;
      if (depth === 0 && !continued && line - lastCutLine >= minLines && /[A-Za-z_]/.test(c)
        && !lastCodeLineIsDecorator && !CONTINUATIONS.test(text.slice(i, i + 8))) {
        cuts.push(i);
        lastCutLine = line;
      }
      if (depth === 0 && !continued && c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '#') lastCodeLineIsDecorator = c === '@';
    }
    if (quote) {
      if (c === '\\') { i++; continue; }
      if (c === '\n') { line++; atLineStart = true; if (quote.length === 1) quote = ''; continue; } // unterminated: Python would stop here
      if (text.startsWith(quote, i)) { i += quote.length - 1; quote = ''; }
      continue;
    }
    switch (c) {
      case '#': while (i + 1 < text.length && text[i + 1] !== '\n') i++; break;
      case '"': case "'": quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c; i += quote.length - 1; break;
      case '(': case '[': case '{': depth++; break;
      case ')': case ']': case '}': depth = Math.max(0, depth - 1); break;
      case '\\': if (text[i + 1] === '\n' || (text[i + 1] === '\r' && text[i + 2] === '\n')) { continued = true; i += text[i + 1] === '\r' ? 2 : 1; line++; atLineStart = true; continue; } break;
      case '\n': line++; atLineStart = true; continued = false; break;
    }
    if (c !== '\n' && c !== '\\') continued = false;
  }
  return cuts;
}

/** The same from a parse: top-level statements (column 0, not comments or errors) `minLines` apart. */
export function treeCuts(children: (Node | null)[], firstRow: number, minLines: number): number[] {
  const cuts: number[] = [];
  let last = firstRow;
  for (const c of children) {
    if (!c || c.type === 'comment' || c.type === 'ERROR' || c.startPosition.column !== 0) continue;
    if (c.startPosition.row - last >= minLines) {
      cuts.push(c.startIndex);
      last = c.startPosition.row;
    }
  }
  return cuts;
}
