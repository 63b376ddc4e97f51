/**
 * Rule documentation in the editor, from the text bundled with the server (offline): the page the
 * "Show documentation for TLxxx" action opens, and the hover on a code (or rule name) inside a
 * `# trainlint: disable=` / `# noqa:` comment.
 */
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { ALL_RULES } from '../engine/index';
import type { Rule } from '../engine/rules/rule';
import { ruleMarkdown, ruleSummary as summaryOf } from '../engine/rules/docs-text';
import type { SourceText } from '../engine/syntax/source-text';

const SEVERITY_LABEL: Record<string, string> = { error: 'Error', warning: 'Warning', information: 'Information', hint: 'Hint' };

/** A rule by its code (`TL001`, any case) or its name (`seq2seq-collator-without-labels`). */
export function findRule(codeOrName: string): Rule | undefined {
  const k = codeOrName.trim();
  return ALL_RULES.find((r) => r.code === k.toUpperCase() || r.name === k.toLowerCase());
}

/** The first sentence of "What it does" (the same summary as SARIF's). */
export const ruleSummary = summaryOf;

/** The rule's page: the same Markdown as `docs/rules/TLxxx.md` and `trainlint rule`. */
export const ruleDocsMarkdown = ruleMarkdown;

/** A suppression comment: trainlint's own directive or Ruff's `noqa`. */
const DIRECTIVE = /#\s*(?:trainlint:\s*(?:disable|disable-file|disable-next-line)\s*=|noqa\s*:)/i;
const WORD = /[A-Za-z0-9_-]/;

/**
 * The hover for a rule code or name under the cursor inside a suppression comment.
 * `isComment(offset)` says whether the syntax tree has a comment there (a `#` inside a string is not one).
 */
export function suppressionHover(source: SourceText, pos: Position, isComment: (offset: number) => boolean): Hover | null {
  const line = source.lineText(pos.line);
  const hash = line.indexOf('#');
  if (hash < 0 || pos.character < hash) return null;
  let start = pos.character;
  let end = pos.character;
  while (start > 0 && WORD.test(line[start - 1])) start--;
  while (end < line.length && WORD.test(line[end])) end++;
  if (start === end) return null;
  // The directive must come before the word, in the same comment.
  const before = line.slice(0, start);
  const directiveAt = before.search(DIRECTIVE);
  if (directiveAt < 0 || !isComment(source.offsetAt({ line: pos.line, character: start }))) return null;
  const rule = findRule(line.slice(start, end));
  if (!rule) return null;
  return {
    contents: {
      kind: MarkupKind.Markdown,
      value: `**${rule.code}** \`${rule.name}\` · ${SEVERITY_LABEL[rule.severity] ?? rule.severity}\n\n${ruleSummary(rule)}`,
    },
    range: { start: { line: pos.line, character: start }, end: { line: pos.line, character: end } },
  };
}
