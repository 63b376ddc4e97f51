import type { Node } from 'web-tree-sitter';
import { minSeverity } from '../diagnostics';
import { lookupArg } from '../domain/training-args';
import { isTrainer, trainerArg } from '../domain/trainers';
import { evaluateNumber } from '../facts/values';
import { streamOrigin } from '../domain/streamed-dataset';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** Trainers whose `__init__` is transformers' `Trainer.__init__` with the dataset as given (TRL's GRPO/RLOO refuse streams their own way). */
const TRAINERS = ['Trainer', 'Seq2SeqTrainer', 'SFTTrainer', 'DPOTrainer', 'KTOTrainer', 'ORPOTrainer', 'CPOTrainer', 'RewardTrainer'];

const rule: Rule = {
  code: 'TL119',
  name: 'iterable-dataset-without-max-steps',
  severity: 'error',
  fix: 'none',
  requires: ['streaming', 'to_iterable_dataset'],
  docs: `## What it does
Flags a trainer whose \`train_dataset\` is provably an \`IterableDataset\` — \`load_dataset(…, streaming=True)\` (a literal
True), or \`.to_iterable_dataset()\`, followed through \`map\`, \`filter\`, \`shuffle\`, \`take\` and the like, which keep it
one — while \`max_steps\` is not set (the default -1) or set to 0 or less. transformers' \`Trainer\`, \`Seq2SeqTrainer\`
and TRL's \`SFTTrainer\`, \`DPOTrainer\`, \`KTOTrainer\`, \`ORPOTrainer\`, \`CPOTrainer\` and \`RewardTrainer\` are checked.
A \`max_steps\` the script hides (\`**kwargs\`, a value from the command line) is information; a \`streaming=\` that is not a
literal is not flagged, nor are scripts that import Unsloth, whose trainers are patched.

## Why is this bad?
A stream has no length, so the Trainer cannot work out how many steps an epoch is: \`Trainer.__init__\` raises
\`ValueError: The train_dataset does not implement __len__, max_steps has to be specified\` before training starts,
after the model was loaded. \`num_train_epochs\` cannot stand in for it.

## Example
\`\`\`python
from datasets import load_dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("gpt2")
stream = load_dataset("HuggingFaceFW/fineweb", split="train", streaming=True)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", num_train_epochs=1), train_dataset=stream)
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("gpt2")
stream = load_dataset("HuggingFaceFW/fineweb", split="train", streaming=True)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", max_steps=10_000), train_dataset=stream)
\`\`\`

## Fix safety
No fix: how many steps to train is the author's choice.

## References
- huggingface/transformers#47155 (2026-07-08) and huggingface/trl#6323: "When train_dataset is an IterableDataset, it has
  no length, and Trainer raises \`ValueError: The train_dataset does not implement __len__, max_steps has to be
  specified.\` at initialization"
- transformers \`src/transformers/trainer.py\` \`Trainer.__init__\`: \`if train_dataset is not None and not
  has_length(train_dataset) and args.max_steps <= 0: raise ValueError(…)\` at v4.30.0, v4.46.0, v5.0.0 and v5.15.0
  (\`max_steps\` defaults to -1 in \`training_args.py\`); datasets' \`IterableDataset\` defines no \`__len__\`
`,
  check(ctx) {
    if (ctx.unsloth.imported) return;
    for (const t of ctx.trainers) {
      if (!isTrainer(t, TRAINERS, ['transformers', 'trl'])) continue;
      const dsArg = trainerArg(t, 'train_dataset');
      const ds = ctx.datasets.at(dsArg?.value);
      const stream = ds && streamOrigin(ctx, ds);
      if (!dsArg || !stream) continue;
      const found = lookupArg(ctx.facts, t, 'max_steps');
      let hidden = false;
      if (found.arg) {
        const v = evaluateNumber(ctx.facts, found.arg.value);
        if (v === undefined) hidden = true;
        else if (v > 0) continue;
      } else if (found.unknown) hidden = true;
      // The trainer's arguments parsed from the command line may set max_steps there.
      if (hidden && !found.arg && !t.config) continue;
      ctx.report({
        node: dsArg.node,
        severity: hidden ? minSeverity(ctx.rule.severity, 'information') : ctx.rule.severity,
        message: `This training dataset is an IterableDataset (${stream.label}), which has no length, and ${hidden ? 'the script does not show max_steps' : found.arg ? `max_steps=${found.arg.value.text}` : 'max_steps is not set'}: ${t.kind}.__init__ raises "ValueError: The train_dataset does not implement __len__, max_steps has to be specified"${hidden ? ' unless the max_steps the script does not show is above 0' : ''}. Set max_steps in the training arguments (num_train_epochs cannot count a stream's steps).`,
        related: [{ node: stream.node, message: 'the dataset is streamed from here' }],
      });
    }
  },
};

export default rule;
