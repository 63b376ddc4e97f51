/**
 * How the labels rules (TL001, TL002) word and grade a `NoLabels` verdict: the same verdict the
 * masking preview shows (domain/label-source.ts). Proven → the rule's severity; a failure that
 * needs an unknown version or an unknown base dataset → at most a warning that names it.
 */
import { minSeverity, type Severity } from '../diagnostics';
import { noLabelsWhat, type NoLabels } from '../domain/label-source';
import type { RuleContext } from './context';

export interface Graded { severity: Severity; message: string }

export function gradeNoLabels(ctx: RuleContext, n: NoLabels, lead?: string): Graded {
  let severity = ctx.rule.severity;
  let notes = '';
  for (const g of n.gates) {
    const v = ctx.version(g.pkg, g.range, severity);
    severity = v.severity ?? severity;
    notes += v.note;
  }
  if (n.unlessBase) severity = minSeverity(severity, 'warning');
  const what = noLabelsWhat(n);
  const sentence = lead ? `${lead}; ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
  return { severity, message: `${sentence}: training will fail with "The model did not return a loss"${notes}. ${n.fix}` };
}
