import { insideExpectedRaise } from '../domain/expected-raise';
import { callOf, trainerArg } from '../domain/trainers';
import type { CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { addKeyword, replaceNode } from './edits';
import type { Rule } from './rule';

/** `PeftModel.from_pretrained`, `PeftModelForCausalLM.from_pretrained`, `AutoPeftModelForCausalLM.from_pretrained`, … from peft. */
const LOADER = /^peft\.(PeftModel\w*|AutoPeftModel\w*)\.from_pretrained$/;

/**
 * What makes the loaded adapter trainable again, anywhere in the script: PEFT's `set_adapter` (which marks the active
 * adapter trainable), `set_requires_grad`, a `requires_grad` the script sets, or a new adapter (`get_peft_model`).
 */
const UNFREEZES = /requires_grad\s*=\s*True|requires_grad_\s*\(|set_requires_grad\s*\(|\.set_adapter\s*\(|get_peft_model\s*\(|enable_adapter_layers\s*\(/;

/** The load leaves the adapter frozen: no `is_trainable=`, or `is_trainable=False`; undefined when it cannot tell. */
function loadsFrozen(facts: Parameters<typeof evaluateBool>[0], load: CallFact): boolean {
  if (load.hasSplat || load.positional.length > 3) return false;
  const arg = load.keywords.get('is_trainable');
  return !arg || evaluateBool(facts, arg.value) === false;
}

const rule: Rule = {
  code: 'TL408',
  name: 'adapter-loaded-frozen',
  severity: 'error',
  fix: 'safe',
  // Every loader LOADER names (`PeftModel…`, `AutoPeftModel…`) is spelled with this in the script, aliased or not.
  requires: ['PeftModel'],
  docs: `## What it does
Flags a trainer that trains a model whose only adapter was loaded with PEFT's \`PeftModel.from_pretrained\` (or an
\`AutoPeftModelFor….from_pretrained\`) without \`is_trainable=True\`, when the trainer is given no \`peft_config=\`, the
script calls its \`train()\`, no DPO-style \`ref_adapter_name=\`/\`model_adapter_name=\` is configured (the trainer
then switches adapters with \`set_adapter\`), and nothing in the script makes the adapter trainable again (\`set_adapter\`,
\`set_requires_grad\`, a \`requires_grad\` it sets, a new adapter with \`get_peft_model\`). On PEFT < 0.3, which had
no \`is_trainable\`, nothing is reported; an unknown PEFT version is information.

## Why is this bad?
\`from_pretrained(model, model_id, is_trainable=False)\` is PEFT's default: it loads the adapter for inference
(\`config.inference_mode = not is_trainable\`), and an adapter in inference mode has every parameter frozen
(\`requires_grad = False\`; peft \`src/peft/peft_model.py\` and \`tuners/lora.py\` at v0.3.0, \`peft_model.py\` and
\`tuners/tuners_utils.py\` at v0.18.0), while the base model under it is frozen too. The trainer then has nothing to
train: the backward pass raises "element 0 of tensors does not require grad and does not have a grad_fn", or, with
gradient checkpointing's input gradients, the run finishes and the saved adapter is the one loaded
(huggingface/peft#282; huggingface/trl#6700, where the maintainers point to \`is_trainable=True\`). TRL's trainers
change nothing here without a \`peft_config\` (\`trl/models/utils.py\` \`prepare_peft_model\` at v0.24.0; GRPOTrainer
wraps only when given one).

## Example
\`\`\`python
from peft import PeftModel
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

base = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
model = PeftModel.from_pretrained(base, "./sft-adapter")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=train_ds)
trainer.train()
\`\`\`

## Use instead
\`\`\`python
from peft import PeftModel
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

base = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
model = PeftModel.from_pretrained(base, "./sft-adapter", is_trainable=True)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=train_ds)
trainer.train()
\`\`\`

## Fix safety
The fix adds \`is_trainable=True\` to the load (or sets it where it is \`False\`): safe, since the script trains the model
and a frozen adapter cannot train.

## References
- peft \`src/peft/peft_model.py\` \`PeftModel.from_pretrained(…, is_trainable=False)\` at v0.3.0 and v0.18.0;
  \`_freeze_adapter\` (v0.3.0 \`tuners/lora.py\`), \`inference_mode\` in \`tuners/tuners_utils.py\` (v0.18.0)
- huggingface/peft#282, huggingface/trl#6700, huggingface/trl#3031
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    let unfreezes: boolean | undefined; // the whole text searched once, and only for a frozen load a trainer trains
    const seen = new Set<number>();
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node) || t.call.hasSplat || t.call.keywords.has('peft_config') || t.subclass?.overrides.has('__init__')) continue;
      // DPO's two-adapter setup: the trainer switches adapters with `set_adapter` (TRL v0.9.6–v0.24.0 `dpo_trainer.py`,
      // `null_ref_context`), which marks the active one trainable.
      if (trainerArg(t, 'ref_adapter_name') || trainerArg(t, 'model_adapter_name')) continue;
      const modelArg = t.call.keywords.get('model') ?? t.call.positional[0];
      const load = modelArg && callOf(ctx.facts, ctx.a.callsByNode, modelArg.value);
      if (!modelArg || !load?.qualified || !LOADER.test(load.qualified) || seen.has(load.node.id) || !loadsFrozen(ctx.facts, load)) continue;
      const name = t.variable;
      const trains = !!name && ctx.facts.calls.some((c) => c.method === 'train' && c.receiver?.text === name && c.node.startIndex > t.call.node.startIndex);
      if (!trains || (unfreezes ??= UNFREEZES.test(ctx.a.source.text))) continue;
      const v = ctx.version('peft', { from: '0.3' });
      if (!v.severity) continue;
      seen.add(load.node.id);
      const given = load.keywords.get('is_trainable');
      const fixes = [{
        title: 'Load the adapter with is_trainable=True',
        applicability: 'safe' as const,
        edits: [given ? replaceNode(ctx.source, given.value, 'True') : addKeyword(ctx.source, load, 'is_trainable=True')],
      }];
      ctx.report({
        node: load.node,
        severity: v.severity,
        message: `\`${load.calleeText}(…)\` loads the adapter frozen (\`is_trainable\` defaults to False: inference mode, every adapter parameter has requires_grad=False) and ${t.kind} trains this model with no \`peft_config\`: nothing is trainable, so the backward pass raises "element 0 of tensors does not require grad" (or, with gradient checkpointing's input gradients, training runs and the adapter never changes)${v.note}. Pass \`is_trainable=True\`.`,
        related: [{ node: t.call.node, message: `${t.kind} trains it here` }],
        fixes,
      });
    }
  },
};
export default rule;
