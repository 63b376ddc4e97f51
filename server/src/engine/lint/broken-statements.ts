/**
 * Errors and warnings on a statement that does not parse are withheld. Tree-sitter recovers from a syntax error by
 * guessing: a half-typed line (`trainer = S`, `learn` on its way to `learning_rate=`) or a string left open makes it
 * read the lines below as more arguments of the call above, or drops a keyword, and a rule would report what the
 * parser guessed, not what the author wrote (a keyword "not an argument of SFTConfig" that belongs to the trainer
 * typed below it). TL000 names the syntax error; TL901 reads a token's text, which no recovery changes; information
 * findings stay. Only scripts with a syntax error pay.
 */
import type { Diagnostic } from '../diagnostics';
import { cutShort, misplaced, underSwallowedHeader } from '../syntax/syntax-errors';
import type { ParsedScript } from '../syntax/parsed-script';

/** Findings that rest on the text, not on what the parser recovered. */
const TEXTUAL = new Set(['TL000', 'TL901']);

export function withoutBrokenStatements(script: ParsedScript, diagnostics: Diagnostic[]): Diagnostic[] {
  if (!script.hasSyntaxErrors) return diagnostics;
  return diagnostics.filter((d) => TEXTUAL.has(d.code) || (d.severity !== 'error' && d.severity !== 'warning') || !inBrokenStatement(script, d));
}

/**
 * The innermost statement holding the finding's start (a child of the module or of a block) has a syntax error, or
 * the parser ended it early (`x = ds[` parsed as `x = ds`, then `[`), or it is a line cut off from what it belongs
 * to, or it lies under an `if`, `def`, `try`… header the recovery swallowed (its condition and scope are not known).
 */
function inBrokenStatement(script: ParsedScript, d: Diagnostic): boolean {
  let n = script.syntax.descendantForIndex(script.source.offsetAt(d.range.start));
  while (n?.parent && n.parent.type !== 'module' && n.parent.type !== 'block') n = n.parent;
  return !!n && (n.hasError || cutShort(n) || misplaced(n) || underSwallowedHeader(n));
}
