import { bestMetricKeyError, exercisedBestMetric } from '../domain/best-metric';
import { bothVerdicts, lookupVerdict, lookupWhen } from './best-metric-verdict';
import type { Rule } from './rule';

/**
 * What GRPOTrainer logs by itself, not what `evaluate()` returns (huggingface/trl `trl/trainer/grpo_trainer.py`,
 * `self._metrics[mode][…]` at v0.14.0, v0.16.1 and v1.4.0), without the "eval_" prefix.
 */
const GRPO_METRICS = new Set(['reward', 'reward_std', 'kl', 'completion_length', 'num_tokens', 'clip_ratio', 'entropy', 'frac_reward_zero_std']);
const GRPO_METRIC_PREFIXES = ['rewards/', 'completions/', 'clip_ratio/', 'sampling/', 'tools/'];

function grpoMetric(bare: string): boolean {
  return GRPO_METRICS.has(bare) || GRPO_METRIC_PREFIXES.some((p) => bare.startsWith(p));
}

const rule: Rule = {
  code: 'TL312',
  name: 'grpo-best-metric-not-evaluated',
  severity: 'error',
  fix: 'none',
  requires: ['metric_for_best_model'],
  docs: `## What it does
Flags a \`GRPOConfig\` whose \`metric_for_best_model\` is one of the metrics GRPOTrainer logs itself (\`"reward"\`,
\`"eval_reward"\`, \`"rewards/<func>/mean"\`, \`"completions/mean_length"\`, \`"kl"\`, …) when the best model is
tracked (\`load_best_model_at_end=True\` or \`save_strategy="best"\`), evaluation runs (\`eval_strategy\` "steps" or
"epoch") and the trainer gets an \`eval_dataset\`, on TRL 0.14 through 1.4. An unknown TRL version is information
naming that range. Without the best model tracked it is flagged on transformers ≥ 4.47, which looks the metric up after
every evaluation (transformers \`trainer.py\` v4.47.0 and v5.15.0, \`_maybe_log_save_evaluate\` →
\`_determine_best_metric\`; v4.46.0 only at a save, \`_save_checkpoint\`), information when transformers is unknown.

## Why is this bad?
The Trainer picks the best checkpoint from the dict \`evaluate()\` returns. GRPOTrainer adds its reward metrics in
its own \`log()\`, which before TRL 1.5 built a new dict (\`logs = {**logs, **metrics}\`, \`trl/trainer/grpo_trainer.py\`
at v0.14.0, v0.16.1 and v1.4.0), so the dict the Trainer checks never holds them. At the first evaluation the
Trainer raises "KeyError: The \`metric_for_best_model\` training argument is set to 'eval_reward', which is not found in
the evaluation metrics" (transformers \`trainer.py\`, the best-metric check after evaluation) and training stops
(huggingface/trl#3384, on TRL 0.16.1; huggingface/trl#3008). TRL 1.5.0 updates the dict in place
(\`logs.update(metrics)\`, huggingface/trl#5811), and the reward can be chosen from then on.

## Example
\`\`\`python
from trl import GRPOConfig, GRPOTrainer

args = GRPOConfig(output_dir="out", eval_strategy="steps", eval_steps=50, save_strategy="steps", save_steps=50,
                  load_best_model_at_end=True, metric_for_best_model="eval_reward")
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=reward_len, args=args,
                      train_dataset=train_ds, eval_dataset=eval_ds)
\`\`\`

## Use instead
\`\`\`python
from trl import GRPOConfig, GRPOTrainer

args = GRPOConfig(output_dir="out", eval_strategy="steps", eval_steps=50, save_strategy="steps", save_steps=50,
                  load_best_model_at_end=True, metric_for_best_model="eval_loss", greater_is_better=False)
trainer = GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", reward_funcs=reward_len, args=args,
                      train_dataset=train_ds, eval_dataset=eval_ds)
\`\`\`

Or upgrade to TRL ≥ 1.5, where \`"eval_reward"\` reaches the check.

## Fix safety
No fix: which metric picks the best checkpoint is the author's choice.

## References
- huggingface/trl#3384 ("GRPO Trainer cannot use rewards as best metric to save best model", TRL 0.16.1),
  huggingface/trl#3008
- huggingface/trl \`trl/trainer/grpo_trainer.py\` \`log()\` at v0.14.0, v0.16.1, v1.4.0 (\`logs = {**logs, **metrics}\`)
  and v1.5.0 (\`logs.update(metrics)\`)
- transformers \`trainer.py\`: "The \`metric_for_best_model\` training argument is set to … which is not found in the
  evaluation metrics" (KeyError)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.kind !== 'GRPOTrainer') continue;
      const choice = exercisedBestMetric(ctx.facts, t);
      if (!choice || !grpoMetric(choice.bare)) continue;
      const v = bothVerdicts(ctx.version('trl', { from: '0.14', before: '1.5' }), lookupVerdict(ctx, choice));
      if (!v.severity) continue;
      ctx.report({
        node: choice.arg.node,
        severity: v.severity,
        message: `\`metric_for_best_model="${choice.metric}"\` is a metric GRPOTrainer logs itself, which never reaches the dict the Trainer checks for the best model before TRL 1.5 (GRPO's \`log()\` builds a new dict): ${lookupWhen(choice)} raises ${bestMetricKeyError(choice)}${v.note}. Choose "eval_loss", or upgrade to TRL ≥ 1.5.`,
      });
    }
  },
};
export default rule;
