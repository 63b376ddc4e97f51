import { bestMetricKeyError, exercisedBestMetric } from '../domain/best-metric';
import { isSftLike, type TrainerFact } from '../domain/trainers';
import { bothVerdicts, lookupVerdict, lookupWhen } from './best-metric-verdict';
import type { Rule } from './rule';

/**
 * What SFTTrainer logs by itself (`self._metrics[mode][…]` in huggingface/trl `trl/trainer/sft_trainer.py`), without
 * the "eval_" prefix, and the first release that logs it: `mean_token_accuracy` at v0.15.0, `num_tokens` at v0.16.0,
 * `entropy` at v0.22.0. (`aux_loss`, from v0.23.0, only for a model that returns a router loss: left out.)
 */
const SFT_METRICS: ReadonlyMap<string, string> = new Map([['mean_token_accuracy', '0.15'], ['num_tokens', '0.16'], ['entropy', '0.22']]);

/**
 * Where the metric misses the dict `evaluate()` returns: before 0.22 (`log()` builds a new dict, `logs = {**logs,
 * **metrics}`, v0.15.0–v0.21.0; or no such metric yet) and 0.27–1.4 (the new dict again, v0.27.0–v1.4.0). v0.22.0–v0.26.2
 * and v1.5.0 on update the dict in place (`logs.update(metrics)`, huggingface/trl#5811).
 */
const MISSING: ReadonlyArray<{ from?: string; before: string }> = [{ before: '0.22' }, { from: '0.27', before: '1.5' }];

const rule: Rule = {
  code: 'TL315',
  name: 'sft-best-metric-not-evaluated',
  severity: 'error',
  fix: 'none',
  requires: ['metric_for_best_model'],
  docs: `## What it does
Flags an \`SFTTrainer\` whose \`metric_for_best_model\` is one of the metrics SFTTrainer logs itself
(\`"mean_token_accuracy"\`, \`"num_tokens"\`, \`"entropy"\`, with or without \`"eval_"\`) when the best model is tracked
(\`load_best_model_at_end=True\` or \`save_strategy="best"\`), evaluation runs (\`eval_strategy\` "steps" or "epoch") and
the trainer gets an \`eval_dataset\`, on TRL before 0.22 or 0.27 through 1.4. An unknown TRL version is information
naming those ranges. Without the best model tracked it is flagged on transformers ≥ 4.47, which looks the metric up after
every evaluation (transformers \`trainer.py\` v4.47.0 and v5.15.0, \`_maybe_log_save_evaluate\` →
\`_determine_best_metric\`; v4.46.0 only at a save, \`_save_checkpoint\`), information when transformers is unknown. Not flagged: a trainer given \`compute_metrics=\` (it may return the metric itself), a subclass that
overrides \`log\`, a trainer built inside \`pytest.raises\`/\`assertRaises\`. GRPO's metrics are TL312.

## Why is this bad?
The Trainer picks the best checkpoint from the dict \`evaluate()\` returns. SFTTrainer adds its token accuracy, token
count and entropy in its own \`log()\`, which built a new dict (\`logs = {**logs, **metrics}\`, \`trl/trainer/sft_trainer.py\`
at v0.15.0 through v0.21.0 and v0.27.0 through v1.4.0), so the dict the Trainer checks never holds them, and before
they were logged at all (\`mean_token_accuracy\` from v0.15.0, \`num_tokens\` from v0.16.0, \`entropy\` from v0.22.0) it
cannot either. At the first evaluation the Trainer raises "KeyError: The \`metric_for_best_model\` training argument is
set to 'eval_mean_token_accuracy', which is not found in the evaluation metrics" (transformers \`trainer.py\`, the
best-metric check after evaluation) and training stops (huggingface/trl#5800, TRL 1.4). v0.22.0 through v0.26.2 and
v1.5.0 on update the dict in place (\`logs.update(metrics)\`; huggingface/trl#5811 for 1.5.0), and the metric can be chosen.

## Example
\`\`\`python
from trl import SFTConfig, SFTTrainer

args = SFTConfig(output_dir="out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                 metric_for_best_model="mean_token_accuracy")
trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", args=args, train_dataset=train_ds, eval_dataset=eval_ds)
\`\`\`

## Use instead
\`\`\`python
from trl import SFTConfig, SFTTrainer

args = SFTConfig(output_dir="out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True,
                 metric_for_best_model="eval_loss", greater_is_better=False)
trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", args=args, train_dataset=train_ds, eval_dataset=eval_ds)
\`\`\`

Or upgrade to TRL ≥ 1.5, where \`"mean_token_accuracy"\` reaches the check.

## Fix safety
No fix: which metric picks the best checkpoint is the author's choice.

## References
- huggingface/trl#5800 ("KeyError: 'eval_mean_token_accuracy'" with \`metric_for_best_model\`, TRL 1.4), fixed by
  huggingface/trl#5811
- huggingface/trl \`trl/trainer/sft_trainer.py\` \`log()\` at v0.15.0, v0.21.0, v0.27.0, v1.0.0, v1.4.0
  (\`logs = {**logs, **metrics}\`) and v0.22.0, v0.26.2, v1.5.0, v1.9.0 (\`logs.update(metrics)\`); \`compute_loss\`
  (\`self._metrics[mode]["mean_token_accuracy"]\`, \`["num_tokens"]\`, \`["entropy"]\`) at the same tags
- transformers \`trainer.py\`: "The \`metric_for_best_model\` training argument is set to … which is not found in the
  evaluation metrics" (KeyError)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!isSftLike(t)) continue;
      const choice = exercisedBestMetric(ctx.facts, t);
      const loggedFrom = choice && SFT_METRICS.get(choice.bare);
      if (!choice || !loggedFrom || mayComputeMetrics(t)) continue;
      const trl = ctx.version('trl', MISSING);
      const v = bothVerdicts(trl, lookupVerdict(ctx, choice));
      if (!v.severity) continue;
      const notLogged = ctx.env.gate('trl', { before: loggedFrom }) === 'affected';
      const why = notLogged
        ? `SFTTrainer does not log \`${choice.bare}\` before TRL ${loggedFrom}`
        : trl.gate === 'affected'
          ? 'it is a metric SFTTrainer logs itself, in a new dict its `log()` builds, so it never reaches the dict the Trainer checks for the best model'
          : `it is a metric SFTTrainer logs itself, which reaches the dict the Trainer checks for the best model only on TRL 0.22–0.26 and ≥ 1.5 (other releases' \`log()\` builds a new dict, or does not log it)`;
      ctx.report({
        node: choice.arg.node,
        severity: v.severity,
        message: `\`metric_for_best_model="${choice.metric}"\`: ${why}. ${capitalize(lookupWhen(choice))} raises ${bestMetricKeyError(choice)}${v.note}. Choose "eval_loss", or upgrade to TRL ≥ 1.5.`,
      });
    }
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** `compute_metrics=` (not None), or arguments the script does not show, may put the metric in `evaluate()`'s dict. */
function mayComputeMetrics(t: TrainerFact): boolean {
  if (t.call.hasSplat || t.call.positional.length >= 7) return true;
  const arg = t.call.keywords.get('compute_metrics');
  return !!arg && arg.value.type !== 'none';
}

export default rule;
