/** TL903 findings from the suppression comments after the rules ran (the rule file holds its docs). */
import type { Diagnostic } from '../diagnostics';
import { docsUrl, type Rule } from '../rules/rule';
import { ALL_RULES } from '../rules/index';
import type { SourceText } from '../syntax/source-text';
import { suppressionProblems, type Suppressions } from './suppression';

let spellings: string[] | undefined;

export function unusedSuppressions(s: Suppressions, ran: (code: string) => boolean, source: SourceText, rule: Rule): Diagnostic[] {
  spellings ??= ALL_RULES.flatMap((r) => [r.code, r.name]);
  return suppressionProblems(s, ran, source, spellings).map((p) => ({
    code: rule.code,
    name: rule.name,
    severity: rule.severity,
    message: p.message,
    range: p.entry.range,
    related: [],
    tags: p.entry.code ? ['unnecessary'] : [],
    fixes: [{ title: p.directive.entries.length > 1 || p.directive.foreign ? `Remove \`${p.entry.text}\` from the comment` : 'Remove the suppression comment', applicability: 'safe', edits: p.fix }],
    docsUrl: docsUrl(rule.code),
  }));
}
