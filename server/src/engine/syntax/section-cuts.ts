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

/** What the scan knows at a line start outside strings. */
interface LineStart {
  /** Offset of the line's first character. */
  at: number;
  line: number;
  /** A statement can start here: outside brackets, not a continued line, not after a decorator, not a clause. */
  topLevel: boolean;
}

/**
 * Scans `text` from `from` (a top-level statement start, or 0), calling `visit` at each line start outside a
 * string; `visit` returning true stops the scan. Returns whether the text ends outside strings and brackets
 * (a scan that was stopped: undefined).
 */
function scanLines(text: string, from: number, visit: (start: LineStart) => boolean | void): boolean | undefined {
  let depth = 0; // open brackets
  let quote = ''; // the open string's delimiter: ', ", ''' or """
  let continued = false; // the line ended with a backslash
  let line = 0;
  let lastCodeLineIsDecorator = false;
  let atLineStart = true;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (atLineStart && !quote) {
      atLineStart = false;
      const topLevel = depth === 0 && !continued && !lastCodeLineIsDecorator && !CONTINUATIONS.test(text.slice(i, i + 8));
      if (visit({ at: i, line, topLevel })) return undefined;
      if (depth === 0 && !continued && c !== ' ' && c !== '\t' && c !== '\n' && c !== '\r' && c !== '#') lastCodeLineIsDecorator = c === '@';
    }
    if (quote) {
      if (c === '\\') { i++; continue; }
      if (c === '\n') { line++; atLineStart = true; if (quote.length === 1) quote = ''; continue; } // unterminated: Python would stop here
      if (text.startsWith(quote, i)) { i += quote.length - 1; quote = ''; atLineStart = false; } // what follows is on the closing line
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
  return depth === 0 && quote.length !== 3 && !continued;
}

/** Offsets of top-level statement starts, at least `minLines` lines apart, from the text alone. */
export function textualCuts(text: string, minLines: number): number[] {
  const cuts: number[] = [];
  let lastCutLine = 0;
  scanLines(text, 0, ({ at, line, topLevel }) => {
    if (topLevel && line - lastCutLine >= minLines && /[A-Za-z_]/.test(text[at])) {
      cuts.push(at);
      lastCutLine = line;
    }
  });
  return cuts;
}

/**
 * After an edit, which of a sectioned script's cuts must go: `cuts` (ascending, after `from`, a top-level
 * statement start before the first edited section) that are no longer top-level statement starts by the text (the
 * edit opened a string or a bracket, continued or decorated the line before), where the text closes them again
 * further down: a later cut, or the end of the text, is top-level again. (Then the text may parse whole while the
 * sections do not: a triple-quoted string typed around a block of code.) A cut left inside a string or bracket that
 * never closes is kept (`open`): the text is broken anyway, and the error stays in its section; a later edit that
 * closes it scans from before it. The scan stops at the first top-level cut at or after `settled` (the end of the
 * last edited section: after it the text and its cuts are unchanged), or at `limit` (what is left open there is
 * `open`); `checked` is how far it went.
 */
export function cutsToDrop(text: string, from: number, cuts: readonly number[], settled: number, limit = Infinity): { drop: number[]; open: number[]; checked: number } {
  const drop: number[] = [];
  let pending: number[] = [];
  let k = 0;
  let checked = text.length;
  const endsClean = scanLines(text, from, ({ at, topLevel }) => {
    while (k < cuts.length && cuts[k] < at) pending.push(cuts[k++]); // passed inside a string
    if (at >= limit) { checked = at - 1; return true; }
    if (k >= cuts.length || cuts[k] !== at) return false;
    k++;
    if (!topLevel) { pending.push(at); return false; }
    drop.push(...pending);
    pending = [];
    if (at < settled) return false;
    checked = at;
    return true;
  });
  pending.push(...cuts.slice(k).filter((c) => c <= checked));
  if (endsClean) return { drop: [...drop, ...pending], open: [], checked };
  return { drop, open: pending, checked };
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
