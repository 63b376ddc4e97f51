/**
 * The version verdict of a best-metric finding (TL123, TL312, TL315). A tracked best model looks the metric up at every
 * save after an evaluation, in every transformers release; an untracked one only from transformers 4.47, where
 * `_maybe_log_save_evaluate` calls `_determine_best_metric` after every evaluation whenever `metric_for_best_model` is set
 * (transformers `trainer.py` v4.47.0, v5.0.0, v5.15.0; v4.46.0 looks it up only in `_save_checkpoint(…, metrics)`).
 */
import { minSeverity } from '../diagnostics';
import type { BestMetricChoice } from '../domain/best-metric';
import type { RuleContext, VersionVerdict } from './context';

/** The transformers release from which an untracked `metric_for_best_model` is looked up after every evaluation. */
export const UNTRACKED_LOOKUP_FROM = '4.47';

/** The transformers side of the verdict: always affected when tracked, `≥ 4.47` when not. */
export function lookupVerdict(ctx: RuleContext, choice: BestMetricChoice): VersionVerdict {
  if (choice.tracked) return { gate: 'affected', severity: ctx.rule.severity, note: '' };
  return ctx.version('transformers', { from: UNTRACKED_LOOKUP_FROM });
}

/** Both verdicts: silent when either is, the lower severity, both notes. */
export function bothVerdicts(a: VersionVerdict, b: VersionVerdict): VersionVerdict {
  if (!a.severity || !b.severity) return { gate: 'unaffected', note: '' };
  const gate = a.gate === 'affected' && b.gate === 'affected' ? 'affected' : (a.gate === 'affected' ? b.gate : a.gate);
  return { gate, severity: minSeverity(a.severity, b.severity), note: `${a.note}${b.note}` };
}

/** How the message says when the Trainer looks the metric up. */
export function lookupWhen(choice: BestMetricChoice): string {
  return choice.tracked
    ? 'the first evaluation'
    : `the first evaluation (from transformers ${UNTRACKED_LOOKUP_FROM} the Trainer looks \`metric_for_best_model\` up after every evaluation, even without \`load_best_model_at_end\`)`;
}
