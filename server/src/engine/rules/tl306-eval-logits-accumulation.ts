import { trainerModelArg } from '../domain/models';
import { traceModel } from '../domain/model-trace';
import { isSftLike } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { evaluate, evaluateBool } from '../facts/values';
import { addKeyword } from './edits';
import type { Rule } from './rule';

const PREPROCESS = 'preprocess_logits_for_metrics=lambda logits, labels: (logits[0] if isinstance(logits, tuple) else logits).argmax(-1)';

const rule: Rule = {
  code: 'TL306',
  name: 'eval-logits-accumulation',
  severity: 'warning',
  fix: 'unsafe',
  overriddenBy: ['evaluation'],
  requires: ['compute_metrics'],
  docs: `## What it does
Flags a \`Trainer\`/\`SFTTrainer\` of a causal language model that gets \`compute_metrics=\` and an
\`eval_dataset\` but no \`preprocess_logits_for_metrics=\` (and no \`eval_accumulation_steps\`).
Silent with \`prediction_loss_only=True\` (or a value trainlint cannot evaluate): \`Trainer.evaluate\` passes
\`None\` when \`compute_metrics\` is set, so the loop takes \`args.prediction_loss_only\`, and \`prediction_step\` then returns
\`(loss, None, None)\`: no logits are kept and \`compute_metrics\` is never called (huggingface/transformers
\`src/transformers/trainer.py\` at v4.20.0, v4.36.0, v4.53.0, v5.0.0 and v5.15.0; jmcinern/Continued-PreTraining
\`mini_CPT_new.py\`).

## Why is this bad?
To call \`compute_metrics\`, the trainer keeps the full logits of the whole evaluation set, shaped
\`[examples, sequence, vocabulary]\`: 1000 × 512 tokens × 32k vocabulary is already over 14 GB. The first
evaluation, possibly hours into training, runs out of GPU or host memory or crawls.
\`preprocess_logits_for_metrics\` reduces each batch (usually to \`argmax\` token ids) before it is kept.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", eval_strategy="steps"),
                  train_dataset=train_ds, eval_dataset=val_ds, compute_metrics=compute_metrics)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", eval_strategy="steps"),
                  train_dataset=train_ds, eval_dataset=val_ds, compute_metrics=compute_metrics,
                  preprocess_logits_for_metrics=lambda logits, labels: logits.argmax(-1))
\`\`\`

## Fix safety
Adding an argmax \`preprocess_logits_for_metrics\` is unsafe: \`compute_metrics\` then receives token ids instead
of logits, so a metric that needs probabilities (perplexity from logits, calibration) must be rewritten.

## References
- huggingface/transformers#15466, #12878, #26474, #22602
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.call.hasSplat || !(t.kind === 'Trainer' || isSftLike(t))) continue;
      const cm = t.call.keywords.get('compute_metrics');
      if (!cm || evaluate(ctx.facts, cm.value).kind === 'none') continue;
      if (t.call.keywords.has('preprocess_logits_for_metrics')) continue;
      const evalDs = t.call.keywords.get('eval_dataset');
      if (!evalDs || evaluate(ctx.facts, evalDs.value).kind === 'none') continue;
      const acc = lookupArg(ctx.facts, t, 'eval_accumulation_steps');
      if (acc.arg || acc.unknown) continue;
      // prediction_loss_only=True: the evaluation loop keeps no logits (and never calls compute_metrics).
      const lossOnly = lookupArg(ctx.facts, t, 'prediction_loss_only');
      if (lossOnly.unknown || (lossOnly.arg && evaluateBool(ctx.facts, lossOnly.arg.value) !== false)) continue;
      const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
      const classification = /SequenceClassification|TokenClassification|QuestionAnswering|MultipleChoice/.test(ctx.a.text)
        || (trace.load?.keywords.has('num_labels') ?? false);
      const causal = !classification && (isSftLike(t) || (trace.load && (trace.load.unsloth || /CausalLM$/.test(trace.load.cls))));
      if (!causal) continue;
      ctx.report({
        node: cm.node,
        message: `\`compute_metrics\` on a causal LM without \`preprocess_logits_for_metrics\`: ${t.kind} keeps the full [examples × tokens × vocabulary] logits of the evaluation set and can run out of memory at the first evaluation. Reduce them per batch (e.g. argmax).`,
        related: trace.load ? [{ node: trace.load.node, message: 'causal language model loaded here' }] : [],
        fixes: [{ title: 'Add an argmax preprocess_logits_for_metrics', applicability: 'unsafe', edits: [addKeyword(ctx.source, t.call, PREPROCESS)] }],
      });
    }
  },
};
export default rule;
