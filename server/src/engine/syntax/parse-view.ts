/**
 * The text tree-sitter parses: the script with the same length and line breaks, adjusted where
 * tree-sitter-python 0.25 would go wrong or slow, and nowhere else.
 *
 * - A lone `\r` is a line break in Python (PEP 278 universal newlines); the grammar's scanner only
 *   ends lines at `\n`, so a CR-only file parsed as one line. It becomes `\n` (one character for one).
 * - Its scanner looks ahead over every following comment line each time it meets a comment after a
 *   statement (to place INDENT/DEDENT), so a block of N comment lines costs N² (9,000 lines: 76 s).
 *   Comment lines in long blocks become spaces: comments never change Python's structure. Lines that
 *   hold quotes, backslashes or braces are kept (inside a string they could end it or start an
 *   f-string field), as are directives (`# trainlint:`, `# noqa`), which suppression reads from the tree.
 *
 * - A notebook Databricks exports as source (first line `# Databricks notebook source`) runs its cells in
 *   IPython, so `!deepspeed …` / `%pip install …` lines are magics there (databrickslabs/dolly `train_dolly.py`).
 *   Each such line, and the lines its trailing `\\` continues onto, reads as a comment: its first character
 *   (the `!` or `%`, or a continuation line's first character) becomes `#`.
 *
 * Trees parsed from a view read node text from the real script (`retext`), so only the blanked
 * comments are missing from them.
 */
import { stringStateAfter } from './python-strings';

/** Comment blocks shorter than this parse quickly and are left alone. */
export const LONG_COMMENT_BLOCK = 24;

const COMMENT_LINE = /^[ \t\f]*#/;
/** A comment line that, even inside a string, blanks to plain string content. */
const INERT = /^[ \t\f]*#[^'"\\{}\r\n]*$/;
const DIRECTIVE = /trainlint|noqa/i;

let lastText: string | undefined;
let lastView: string | undefined;

/** The text to parse for `text` (`text` itself when nothing needs adjusting, the common case). */
export function parseView(text: string): string {
  if (text === lastText) return lastView!;
  const view = computeView(text);
  lastText = text;
  lastView = view;
  return view;
}

/** The first line of a notebook Databricks exports as source (`.py`). */
const DATABRICKS_SOURCE = /^\uFEFF?# Databricks notebook source[ \t]*(\r?\n|$)/;

/** A Databricks source notebook's IPython magic lines as comments of the same length. */
function databricksMagicsAsComments(text: string): string {
  let continuing = false;
  return text.replace(/^.*$/gm, (line) => {
    const starts = /^[ \t]*[!%]/.test(line);
    if (!starts && !continuing) return line;
    const col = continuing ? 0 : line.search(/[!%]/);
    continuing = /\\[ \t]*$/.test(line);
    return line.length === 0 ? line : `${line.slice(0, col)}#${line.slice(col + 1)}`;
  });
}

function computeView(text: string): string {
  let fixed = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
  if (DATABRICKS_SOURCE.test(fixed)) fixed = databricksMagicsAsComments(fixed);
  if (!fixed.includes('#') || !mayHoldLongCommentBlock(fixed)) return fixed;
  // Long comment blocks: runs of comment lines (blank lines between them allowed).
  const out: string[] = [];
  let from = 0;
  let run: Array<[number, number]> = [];
  let quote = ''; // the string open at the start of the line (a light scan, see stringStateAfter)
  const endRun = () => {
    if (run.length >= LONG_COMMENT_BLOCK) {
      for (const [s, e] of run) { out.push(fixed.slice(from, s), ' '.repeat(e - s)); from = e; }
    }
    run = [];
  };
  for (let lineStart = 0; lineStart <= fixed.length;) {
    let lineEnd = fixed.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = fixed.length;
    const contentEnd = lineEnd > lineStart && fixed.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd;
    const line = fixed.slice(lineStart, contentEnd);
    if ((!quote && COMMENT_LINE.test(line)) || INERT.test(line)) {
      if (DIRECTIVE.test(line)) endRun(); else run.push([lineStart, contentEnd]);
    } else if (line.trim() !== '') {
      endRun();
      quote = stringStateAfter(line, quote);
    }
    lineStart = lineEnd + 1;
  }
  endRun();
  if (from === 0) return fixed;
  out.push(fixed.slice(from));
  return out.join('');
}

/**
 * False when no run of comment lines is long enough to blank, whatever the string state: a quick pass
 * over line starts that ignores strings. The exact pass below only shortens these runs (a comment line
 * inside a triple-quoted string ends a run there), so when none reaches LONG_COMMENT_BLOCK here, none
 * does there and the view is the text.
 */
function mayHoldLongCommentBlock(text: string): boolean {
  let run = 0;
  // Reads stay inside the text (a read past its end de-optimises this per-keystroke loop).
  for (let lineStart = 0; lineStart < text.length;) {
    let lineEnd = text.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = text.length;
    let i = lineStart;
    let c = -1;
    while (i < lineEnd && ((c = text.charCodeAt(i)) === 32 || c === 9 || c === 12)) i++;
    if (i < lineEnd && c === 35) { // '#': a comment line, unless it is a directive (which ends a run)
      if (DIRECTIVE.test(text.slice(i, lineEnd))) run = 0;
      else if (++run >= LONG_COMMENT_BLOCK) return true;
    } else if (i < lineEnd && ((c > 32 && c < 127) || text.slice(i, lineEnd).trim() !== '')) run = 0;
    lineStart = lineEnd + 1;
  }
  return false;
}

/** True when the view differs from the text (edits then re-parse the whole view). */
export function needsView(text: string): boolean {
  return parseView(text) !== text;
}
