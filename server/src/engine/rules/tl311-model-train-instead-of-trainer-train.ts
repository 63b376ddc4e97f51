import { trainerModelArg } from '../domain/models';
import type { CallFact } from '../facts/types';
import { replaceNode } from './edits';
import type { Rule } from './rule';

/** A training step the script writes itself. */
const OWN_LOOP = /\.backward\s*\(|\.step\s*\(/;

/** `name` as a whole word (not `my_trainer`, not `trainer2`). */
const wordOf = (name: string) => new RegExp(`(?<![\\w.])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?!\\w)`, 'g');

/**
 * Whether the script may train the trainer bound to `name` after `from`: a use that calls `.train(`, or one that passes,
 * returns, stores or rebinds it (what happens then is other code's). Only other method calls (`trainer.save_model(…)`,
 * `trainer.evaluate()`) are not. Read from the text, comments and strings included: a mention there counts as a use.
 */
function mayBeTrained(text: string, name: string, from: number): boolean {
  const re = wordOf(name);
  re.lastIndex = from;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const method = /^\s*\.\s*(\w+)/.exec(text.slice(m.index + name.length, m.index + name.length + 64));
    if (!method || method[1] === 'train') return true;
  }
  return false;
}

const rule: Rule = {
  code: 'TL311',
  name: 'model-train-instead-of-trainer-train',
  severity: 'warning',
  fix: 'unsafe',
  docs: `## What it does
Flags a script that builds a trainer, never calls its \`.train()\`, and calls \`.train()\` on the model it gave the
trainer instead (\`model.train()\` after \`trainer = Trainer(model=model, …)\`). Only a trainer bound to a name that
the script uses for nothing but method calls is checked: a trainer passed to a function, returned, stored or rebound
may be trained by other code, and is left alone. So is a script with a training loop of its own (\`loss.backward()\`,
\`optimizer.step()\`): the model's training mode is then for that loop, and the trainer may only evaluate or save.

## Why is this bad?
\`model.train()\` is PyTorch's \`nn.Module.train()\`: it only switches dropout and batch norm to training mode and
returns the model. No batch is read, no loss computed, no weight updated; the script goes on to evaluate or save the
model it loaded, and the run looks complete. The training loop is \`Trainer.train()\` (transformers
\`src/transformers/trainer.py\`, \`def train(self, resume_from_checkpoint=None, …)\`; TRL's trainers inherit it).

## Example
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = get_peft_model(AutoModelForCausalLM.from_pretrained("Qwen/Qwen3-0.6B"), LoraConfig(task_type="CAUSAL_LM"))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds)
model.train()
model.save_pretrained("out/adapter")
\`\`\`

## Use instead
\`\`\`python
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = get_peft_model(AutoModelForCausalLM.from_pretrained("Qwen/Qwen3-0.6B"), LoraConfig(task_type="CAUSAL_LM"))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds)
trainer.train()
model.save_pretrained("out/adapter")
\`\`\`

## Fix safety
The fix replaces \`model.train()\` with \`trainer.train()\`: unsafe, since it starts a training run where the script
ran none (hours of GPU time, files written to \`output_dir\`).

## References
- PyTorch \`torch/nn/modules/module.py\` \`Module.train(mode=True)\`: "Set the module in training mode"
- transformers \`src/transformers/trainer.py\` \`Trainer.train\`
- BigJonP/reddit-finance-Qwen3-sft \`src/lora/lora.py\` (regression corpus, 21st pass): \`trainer = Trainer(model=sft_model, …)\`
  then \`sft_model.train()\` and \`sft_model.save_pretrained(…)\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      const name = t.variable;
      const modelArg = trainerModelArg(t.call);
      if (!name || t.call.hasSplat || modelArg?.value.type !== 'identifier') continue;
      const model = modelArg.value.text;
      const after = t.call.node.endIndex;
      // The cheap question first: a `.train()` on the trainer's model after the trainer is built.
      const modelTrain = ctx.facts.calls.find((c: CallFact) => c.method === 'train' && c.receiver?.type === 'identifier'
        && c.receiver.text === model && c.node.startIndex > after && c.positional.length === 0 && c.keywords.size === 0 && !c.hasSplat);
      if (!modelTrain || modelTrain.scope !== t.call.scope) continue;
      // A training loop of the script's own (`loss.backward()`, `optimizer.step()`) trains the model in training mode;
      // the trainer may then be there only to evaluate or save.
      if (OWN_LOOP.test(ctx.a.source.text)) continue;
      if (mayBeTrained(ctx.a.source.text, name, after)) continue;
      ctx.report({
        node: modelTrain.node,
        message: `\`${model}.train()\` only switches the model to training mode (PyTorch's \`nn.Module.train\`): nothing trains. \`${name}\` (${t.kind}) is built with this model and its \`.train()\` is never called, so the model stays as it was loaded. Call \`${name}.train()\`.`,
        related: [{ node: t.call.callee, message: `${t.kind} built here, never trained` }],
        fixes: [{ title: `Call ${name}.train()`, applicability: 'unsafe', edits: [replaceNode(ctx.source, modelTrain.node, `${name}.train()`)] }],
      });
    }
  },
};
export default rule;
