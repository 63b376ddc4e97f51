import { bestMetricKeyError, exercisedBestMetric } from '../domain/best-metric';
import { metricProvablyAbsent } from '../domain/evaluation-metrics';
import type { TrainerFact } from '../domain/trainers';
import { bothVerdicts, lookupVerdict, lookupWhen } from './best-metric-verdict';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/**
 * Trainers whose evaluation dict is the Trainer's own (`evaluation_loop`, `compute_metrics`): transformers' `Trainer` and
 * `Seq2SeqTrainer`, and TRL's `SFTTrainer`, whose `log()` adds only its own metrics (TL315's). Other TRL trainers add
 * metrics in their `log()` or evaluation loop under names that change between releases, so they are left out.
 */
const EVAL_DICT_IS_TRAINERS = new Set(['Trainer', 'Seq2SeqTrainer', 'SFTTrainer']);
/** What SFTTrainer logs itself (huggingface/trl `trl/trainer/sft_trainer.py` v0.22.0, v1.5.0, v1.9.0, `self._metrics[mode][…]`). */
const SFT_LOGGED = new Set(['mean_token_accuracy', 'num_tokens', 'entropy', 'aux_loss']);
/** A subclass that overrides one of these may build the evaluation dict, or look the metric up, its own way. */
const EVAL_HOOKS = ['evaluate', '_evaluate', 'evaluation_loop', 'prediction_loop', 'prediction_step', 'log', 'compute_metrics',
  '_maybe_log_save_evaluate', '_determine_best_metric', '_save_checkpoint'];

function evaluationDictKnown(ctx: RuleContext, t: TrainerFact): boolean {
  if (!EVAL_DICT_IS_TRAINERS.has(t.kind) || !/^(transformers|trl)\./.test(t.qualified)) return false;
  if (t.subclass && EVAL_HOOKS.some((m) => t.subclass!.overrides.has(m))) return false;
  // Unsloth's import patches TRL's trainers (its own compiled SFTTrainer): left out.
  return !(t.kind === 'SFTTrainer' && ctx.unsloth.imported);
}

const rule: Rule = {
  code: 'TL123',
  name: 'best-metric-not-computed',
  severity: 'error',
  fix: 'none',
  requires: ['metric_for_best_model'],
  docs: `## What it does
Flags a \`metric_for_best_model\` that evaluation provably never computes, on a transformers \`Trainer\`/\`Seq2SeqTrainer\`
or TRL \`SFTTrainer\` that evaluates (\`eval_strategy\` "steps" or "epoch", an \`eval_dataset\`): the trainer has no
\`compute_metrics=\` and the metric is not one the Trainer computes itself (\`loss\`, \`runtime\`, \`samples_per_second\`,
\`steps_per_second\`), or its \`compute_metrics\` is a function of the script whose every \`return\` is a dict literal, and
none of its keys is the metric. With the best model tracked (\`load_best_model_at_end=True\`, \`save_strategy="best"\`)
any transformers release fails; without it, transformers ≥ 4.47 (information naming that assumption when transformers'
version is unknown, silent before). Not flagged: arguments the script does not show (\`**kwargs\`), a
\`compute_metrics\` that is imported, a lambda or builds its dict step by step, \`trainer.compute_metrics = …\`, a
callback's \`on_evaluate\` in the script, a subclass that overrides evaluation or \`log\`, other TRL trainers (they log
metrics of their own), SFTTrainer's own metrics (TL315), a trainer inside \`pytest.raises\`.

## Why is this bad?
The Trainer reads the metric from the dict \`evaluate()\` returns, which holds what \`compute_metrics\` returns (prefixed
with "eval_"), the loss and speed metrics (transformers \`trainer.py\` \`evaluation_loop\` and \`evaluate\`, v4.47.0 and
v5.15.0). A metric that is not there raises "KeyError: The \`metric_for_best_model\` training argument is set to
'eval_accuracy', which is not found in the evaluation metrics" (a bare \`KeyError: 'eval_accuracy'\` before 4.45) and
training stops at the first evaluation (transformers 4.47 on: after every evaluation, \`_maybe_log_save_evaluate\` →
\`_determine_best_metric\`, tracked or not; v4.46.0 and earlier: at a save that follows an evaluation,
\`_save_checkpoint(…, metrics)\`). Hours of training can be lost before the first evaluation step.

## Example
\`\`\`python
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                         metric_for_best_model="accuracy")
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds)
\`\`\`

## Use instead
\`\`\`python
from transformers import Trainer, TrainingArguments

def compute_metrics(eval_pred):
    logits, labels = eval_pred
    return {"accuracy": (logits.argmax(-1) == labels).mean()}

args = TrainingArguments(output_dir="out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                         metric_for_best_model="accuracy")
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=eval_ds, compute_metrics=compute_metrics)
\`\`\`

## Fix safety
No fix: whether to compute the metric or choose another is the author's decision.

## References
- transformers \`src/transformers/trainer.py\` \`_determine_best_metric\` and \`_maybe_log_save_evaluate\` (v4.47.0, v5.0.0,
  v5.15.0), \`_save_checkpoint\` (v4.46.0), \`evaluation_loop\` (metric keys prefixed with "eval_")
- huggingface/trl#5800 (the same KeyError for SFTTrainer's own metrics: TL315)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!evaluationDictKnown(ctx, t)) continue;
      const choice = exercisedBestMetric(ctx.facts, t);
      if (!choice || (t.kind === 'SFTTrainer' && SFT_LOGGED.has(choice.bare))) continue;
      const absent = metricProvablyAbsent(ctx.facts, t, choice.bare, ctx.a.text);
      if (!absent) continue;
      const always = { gate: 'affected' as const, severity: ctx.rule.severity, note: '' };
      const v = bothVerdicts(always, lookupVerdict(ctx, choice));
      if (!v.severity) continue;
      const why = absent.why === 'no-compute-metrics'
        ? `the trainer has no \`compute_metrics\`, so evaluation computes only the loss and speed metrics, not \`${choice.key}\``
        : `the \`compute_metrics\` given returns ${absent.keys.map((k) => `"${k}"`).join(', ')}, not "${choice.bare}"`;
      ctx.report({
        node: choice.arg.node,
        severity: v.severity,
        message: `\`metric_for_best_model="${choice.metric}"\`: ${why}. ${lookupWhen(choice).replace(/^t/, 'T')} raises ${bestMetricKeyError(choice)}${v.note}. Return the metric from \`compute_metrics\`, or choose "eval_loss" (with \`greater_is_better=False\`).`,
      });
    }
  },
};
export default rule;
