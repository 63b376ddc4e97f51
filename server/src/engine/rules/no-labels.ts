/**
 * How the labels rules (TL001, TL002) word and grade a `NoLabels` verdict: the same verdict the
 * masking preview shows (domain/label-source.ts). Proven → the rule's severity; a failure that
 * needs an unknown version → information that names it; one that needs an unknown base dataset →
 * information that names it.
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
  // The base dataset's columns are unknown (a Hub dataset neither cached nor in the table): the failure is an
  // assumption the message names ("unless … already holds token-id labels"), not something the script proves.
  if (n.unlessBase) severity = minSeverity(severity, 'information');
  const what = noLabelsWhat(n);
  const sentence = lead ? `${lead}; ${what}` : what.charAt(0).toUpperCase() + what.slice(1);
  const fails = n.classIds ? 'training fails in the loss with "ValueError: Expected input batch_size (…) to match target batch_size (…)"' : 'training will fail with "The model did not return a loss"';
  return { severity, message: `${sentence}: ${fails}${notes}. ${n.fix}` };
}
