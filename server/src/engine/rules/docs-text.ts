/**
 * A rule's documentation as users read it: the Markdown page (`trainlint rule`, docs/rules/TLxxx.md,
 * the editor's documentation view) and its one-sentence summary (SARIF, hovers).
 */
import type { Rule } from './rule';

const SEVERITY_WORD: Record<string, string> = { error: 'error', warning: 'warning', information: 'information', hint: 'hint' };
const FIX_WORD: Record<Rule['fix'], string> = {
  safe: 'a safe fix (applied by `trainlint fix` and *Fix all*)',
  unsafe: 'an unsafe fix (offered one by one; `trainlint fix --unsafe-fixes` applies it)',
  sometimes: 'a fix in some cases (see Fix safety)',
  none: 'no automatic fix',
};

/** The text under one `## Heading` of the docs, trimmed. */
export function docsSection(rule: Rule, heading: string): string {
  const at = rule.docs.indexOf(`## ${heading}`);
  if (at < 0) return '';
  const rest = rule.docs.slice(at + heading.length + 3);
  const next = rest.search(/^## /m);
  return (next < 0 ? rest : rest.slice(0, next)).trim();
}

/** The first sentence of "What it does", on one line. */
export function ruleSummary(rule: Rule): string {
  const what = docsSection(rule, 'What it does').replace(/\s+/g, ' ');
  const m = /^(.+?[.!?])(\s|$)/.exec(what);
  return (m ? m[1] : what) || rule.name.replace(/-/g, ' ');
}

/** The rule's page: title, severity and fix line, then its docs. */
export function ruleMarkdown(rule: Rule): string {
  return `# ${rule.code} ${rule.name}\n\nDefault severity: ${SEVERITY_WORD[rule.severity]}. Fix: ${FIX_WORD[rule.fix]}.\n\n${rule.docs.trim()}\n`;
}
