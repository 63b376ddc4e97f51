/**
 * Rule selectors as users write them (`select`, `ignore`, `--select`, suppression comments): a code
 * (`TL001`), a code prefix (`TL0`, `TL10`), a rule name (`seq2seq-collator-without-labels`) or `ALL`.
 * A selector that matches no rule is an error naming the closest valid spelling.
 */
import { ALL_RULES } from '../rules/index';
import { closest } from './spelling';

let known: { codes: Set<string>; prefixes: Set<string>; names: Map<string, string>; spellings: string[] } | undefined;

function table() {
  if (known) return known;
  const codes = new Set(ALL_RULES.map((r) => r.code));
  const prefixes = new Set<string>();
  for (const c of codes) for (let n = 2; n < c.length; n++) prefixes.add(c.slice(0, n));
  const names = new Map(ALL_RULES.map((r) => [r.name, r.code]));
  known = { codes, prefixes, names, spellings: ['ALL', ...codes, ...prefixes, ...names.keys()] };
  return known;
}

/** The code or prefix a selector stands for (a rule name becomes its code), or undefined if it matches no rule. */
export function resolveSelector(selector: string): string | undefined {
  const t = table();
  const s = selector.trim();
  if (s.toUpperCase() === 'ALL') return 'ALL';
  const up = s.toUpperCase();
  if (t.codes.has(up) || t.prefixes.has(up)) return up;
  return t.names.get(s.toLowerCase());
}

/** One message per selector that matches no rule, with the closest valid spelling. */
export function checkSelectors(selectors: readonly string[]): string[] {
  const problems: string[] = [];
  for (const s of selectors) {
    if (resolveSelector(s) !== undefined) continue;
    const near = closest(s, table().spellings);
    problems.push(`"${s}" matches no rule${near ? ` (did you mean ${near}?)` : ''}`);
  }
  return problems;
}

/** A rule's code from its code or name (suppression comments), or undefined. */
export function ruleCodeOf(codeOrName: string): string | undefined {
  const t = table();
  const up = codeOrName.toUpperCase();
  return t.codes.has(up) ? up : t.names.get(codeOrName.toLowerCase());
}
