import type { Fix } from '../diagnostics';
import { trainerModelArg } from '../domain/models';
import { traceModel } from '../domain/model-trace';
import { peftConfigDeclaresLabels, unslothWrapText, wrapDeclaresLabels, type ModelWrap } from '../domain/peft-wraps';
import { evalStrategyArg, lookupArg, strategyValue } from '../domain/training-args';
import { isSftLike, type TrainerFact } from '../domain/trainers';
import type { ArgFact } from '../facts/types';
import { evaluate, evaluateBool } from '../facts/values';
import type { RuleContext } from './context';
import { addKeyword } from './edits';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL307',
  name: 'peft-eval-missing-label-names',
  severity: 'warning',
  fix: 'safe',
  overriddenBy: ['evaluation'],
  docs: `## What it does
Flags a trainer of a PEFT model (wrapped with \`get_peft_model\` / \`FastLanguageModel.get_peft_model\`, loaded
with \`PeftModel.from_pretrained\`, or wrapped by the trainer through \`peft_config=\`) that evaluates during
training (\`eval_strategy\` other than \`"no"\`) without \`label_names\` in its arguments.

## Why is this bad?
The Trainer reads the label argument names from the model's \`forward\` signature, which \`PeftModel\` hides.
It logs \`No label_names provided for model class PeftModelForCausalLM … empty label_names list will be used
instead\`, and evaluation then reports no \`eval_loss\`. With \`metric_for_best_model="eval_loss"\` or
\`load_best_model_at_end=True\` the run fails with a \`KeyError\` at the first evaluation or checkpoint.
The failure needs a plain \`PeftModel\`: \`get_peft_model\` returns one when the config has no \`task_type\`; with a task
type it returns the task's class (\`PeftModelForCausalLM\`…), whose \`forward\` declares \`labels\`, and transformers'
\`find_labels\` reads that signature (huggingface/peft \`src/peft/mapping_func.py\` and \`peft_model.py\` at v0.20.0+47
5d602fdb; transformers v4.50.0 \`trainer.py\` \`find_labels(self.model.__class__)\`). So a config without \`task_type\` is
the rule's severity, a config trainlint cannot read is information that says so, and a task type or Unsloth's
\`get_peft_model\` (always the causal-LM class) is not flagged: evaluation reports eval_loss there.
Only trainers whose evaluation loss comes from transformers' \`Trainer.prediction_step\` are affected (it
computes a loss only when the \`label_names\` columns are in the batch): \`Trainer\`, \`SFTTrainer\`, and
\`Seq2SeqTrainer\` without \`predict_with_generate=True\` (its generate path computes the loss whenever "labels" is
in the batch). TRL's preference and RL trainers override \`prediction_step\` and always compute their loss
(huggingface/trl \`trl/trainer/dpo_trainer.py\`, \`kto_trainer.py\`, \`grpo_trainer.py\`, \`rloo_trainer.py\` at v1.9.0+26
f2cd5771; \`reward_trainer.py\` empties \`label_names\` on purpose): not flagged.

## Example
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = get_peft_model(AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B"), LoraConfig(r=8))
args = TrainingArguments(output_dir="o", eval_strategy="steps", metric_for_best_model="eval_loss")
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = get_peft_model(AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B"), LoraConfig(r=8))
args = TrainingArguments(output_dir="o", eval_strategy="steps", metric_for_best_model="eval_loss",
                         label_names=["labels"])
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
\`\`\`

## Fix safety
Adding \`label_names=["labels"]\` is safe: \`labels\` is the argument every causal-LM and classification head
takes, and the name the collators produce.

## References
- huggingface/transformers#33420, #38130, PR #39265 (fixed in 4.54); huggingface/peft#1881, #2557;
  hiyouga/LlamaFactory#7769
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.call.hasSplat || !readsLabelNames(ctx, t)) continue;
      const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
      const peftConfig = t.call.keywords.get('peft_config');
      const viaConfig = peftConfig && evaluate(ctx.facts, peftConfig.value).kind !== 'none' ? peftConfig : undefined;
      const wrap = trace.wraps[0];
      if (!wrap && !viaConfig) continue;
      const strategyArg = evalStrategyArg((k) => lookupArg(ctx.facts, t, k).arg);
      const strategy = strategyArg && strategyValue(ctx.facts, strategyArg.value);
      if (!strategyArg || !strategy || strategy === 'no') continue;
      const names = lookupArg(ctx.facts, t, 'label_names');
      if (names.arg || names.unknown) continue;
      // transformers 4.54 reads the label names from the PEFT model's base model (PR #39265).
      const v = ctx.version('transformers', { before: '4.54' });
      if (!v.severity) continue;
      // A task-specific PEFT class declares the labels in its own forward, which transformers' `find_labels` reads
      // (transformers v4.50.0 `trainer.py`: `find_labels(self.model.__class__)`, `utils/generic.py`): eval_loss is
      // reported, nothing to say (session 22's audit: this information fired on 73 scripts to say so). Only a plain
      // PeftModel (no task_type) proves the failure; a config trainlint cannot read is information.
      const declares = peftClassDeclaresLabels(ctx, wrap, viaConfig);
      if (declares === true) continue;
      const severity = declares === false ? v.severity : 'information';
      const assumed = declares === undefined ? ' (assuming the PEFT model is a plain PeftModel, whose forward takes only *args and **kwargs)' : '';
      const fixes: Fix[] = t.config && !t.config.hasSplat
        ? [{ title: 'Add label_names=["labels"]', applicability: 'safe', edits: [addKeyword(ctx.source, t.config, 'label_names=["labels"]')] }]
        : [];
      ctx.report({
        node: t.config?.callee ?? strategyArg.node,
        severity,
        message: `${t.kind} evaluates a PEFT model (${strategyArg.name}="${strategy}") without \`label_names\`: PeftModel hides the \`labels\` argument, so evaluation reports no eval_loss (a KeyError with metric_for_best_model="eval_loss" or load_best_model_at_end)${v.note}${assumed}. Set \`label_names=["labels"]\`.`,
        related: [
          wrap ? { node: wrap.node, message: 'PEFT adapters added here' } : { node: viaConfig!.node, message: 'the trainer wraps the model with this PEFT config' },
          { node: strategyArg.node, message: 'evaluation enabled here' },
        ],
        fixes,
      });
    }
  },
};
/** Does the PEFT model's class declare \`labels\` in its forward (\`domain/peft-wraps.ts\`)? undefined when unknown. */
function peftClassDeclaresLabels(ctx: RuleContext, wrap: ModelWrap | undefined, viaConfig: ArgFact | undefined): boolean | undefined {
  if (wrap && unslothWrapText(wrap.calleeText)) return true;
  if (viaConfig) return peftConfigDeclaresLabels(ctx.facts, ctx.a.callsByNode, viaConfig);
  return wrap && wrapDeclaresLabels(ctx.facts, ctx.a.callsByNode, wrap);
}

/**
 * Trainers whose evaluation loss goes through transformers' \`Trainer.prediction_step\`, which computes a loss
 * only when the \`label_names\` columns are in the batch: Trainer, SFTTrainer (and Unsloth's), and
 * Seq2SeqTrainer unless it generates (its generate path computes the loss whenever "labels" is in the batch).
 * DPOTrainer, KTOTrainer, GRPOTrainer, RLOOTrainer… override \`prediction_step\` and always compute their loss.
 */
function readsLabelNames(ctx: RuleContext, t: TrainerFact): boolean {
  if (isSftLike(t) || t.kind === 'Trainer') return true;
  if (t.kind !== 'Seq2SeqTrainer') return false;
  const gen = lookupArg(ctx.facts, t, 'predict_with_generate');
  return !gen.unknown && (!gen.arg || evaluateBool(ctx.facts, gen.arg.value) === false);
}

export default rule;
