/**
 * Where Python strings are open across lines, by a light scan of the text (no parse): `#` comments, escapes and
 * one-line strings respected. Used where a tree is not at hand or not yet trusted: the parse view (parse-view.ts) and
 * the `pip install` lines of a script (env/script-installs.ts).
 */

/**
 * The string still open after `line`, given the one open before it: a triple quote, or ''.
 * Comments and backslash escapes are respected; a one-quote string ends with its line unless a
 * backslash continues it.
 */
export function stringStateAfter(line: string, open: string): string {
  return lineEndState(line, open).open;
}

/**
 * How `line` ends, given the string open before it: the string still open after it (as `stringStateAfter`), and
 * whether its last character is in a comment (a line whose code ends in `\` outside a string and a comment is
 * continued by that backslash).
 */
export function lineEndState(line: string, open: string): { open: string; comment: boolean } {
  let quote = open;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') { i++; continue; }
      if (line.startsWith(quote, i)) { i += quote.length - 1; quote = ''; }
      continue;
    }
    if (c === '#') return { open: '', comment: true };
    if (c === '"' || c === "'") {
      quote = line.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
      i += quote.length - 1;
    }
  }
  return { open: quote.length === 3 || (quote && line.endsWith('\\')) ? quote : '', comment: false };
}

/**
 * Why a comment cannot be appended to `lines[line]`: the line ends inside a string that goes on (the comment would
 * become part of the string), or it ends with a backslash that continues it (`\  # noqa` is a syntax error).
 */
export function lineEndBlocked(lines: readonly string[], line: number): 'string' | 'continuation' | undefined {
  let open = '';
  for (let i = 0; i < line; i++) open = stringStateAfter(lines[i], open);
  const end = lineEndState(lines[line], open);
  if (end.open) return 'string';
  return !end.comment && lines[line].endsWith('\\') ? 'continuation' : undefined;
}

/** Whether `lines[line]` begins inside a string opened on an earlier line. */
export function lineStartsInString(lines: readonly string[], line: number): boolean {
  let open = '';
  for (let i = 0; i < line; i++) open = stringStateAfter(lines[i], open);
  return open !== '';
}

/**
 * Lines of a script that begin inside a triple-quoted string (a docstring, a usage text: `"""… Requirements:\n    pip
 * install transformers>=4.51.0 peft …"""`, nirjhar17/functiongemma-openshift-commands `finetune_functiongemma.py`),
 * each with the line whose triple quote opened that string. Lines `skip` names (a notebook's shell and magic lines)
 * are not Python.
 */
export function tripleQuotedLines(lines: readonly string[], skip?: (line: number) => boolean): Map<number, number> {
  const openerOf = new Map<number, number>();
  let open = '';
  let opener = -1;
  lines.forEach((line, i) => {
    if (skip?.(i)) return;
    if (open.length === 3) openerOf.set(i, opener);
    const after = stringStateAfter(line, open);
    if (after.length === 3 && open.length !== 3) opener = i;
    open = after;
  });
  return openerOf;
}
