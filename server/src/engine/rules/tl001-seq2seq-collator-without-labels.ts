import { isSftLike } from '../domain/trainers';
import { noLabelsFor } from '../domain/label-source';
import { gradeNoLabels } from './no-labels';
import { removeArgument, replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { Fix } from '../diagnostics';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL001',
  name: 'seq2seq-collator-without-labels',
  severity: 'error',
  fix: 'sometimes',
  docs: `## What it does
Flags a trainer whose \`data_collator=\` only pads (\`DataCollatorForSeq2Seq\`, \`DataCollatorWithPadding\`,
\`default_data_collator\`) while the training dataset has no \`labels\` column and nothing creates one.

## Why is this bad?
These collators pad \`labels\` that already exist; they never create them. Without labels the model
returns no loss and training stops after the model has loaded with
\`ValueError: The model did not return a loss from the inputs, only the following keys: logits\`.
Unsloth's \`train_on_responses_only(trainer, …)\` writes \`labels\`, so the official notebooks that pair it
with \`DataCollatorForSeq2Seq\` are correct. TRL ≥ 1.7 builds \`labels\` itself (without Unsloth).

## Example
\`\`\`python
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq

dataset = Dataset.from_dict({"text": ["hello", "world"]})
trainer = SFTTrainer(model=model, train_dataset=dataset,
                     data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),
                     args=SFTConfig(output_dir="out"))
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig

dataset = Dataset.from_dict({"text": ["hello", "world"]})
trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="out"))
\`\`\`

## Fix safety
Removing \`data_collator=\` from an \`SFTTrainer\` is safe: its default collator builds labels from the
input ids. Replacing the collator with \`DataCollatorForLanguageModeling(tokenizer, mlm=False)\` is unsafe:
it trains on every token, including any padding that shares the pad id.

## References
- unslothai/unsloth#1899; huggingface/trl PR #6037 (TRL 1.7 builds labels)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      const n = noLabelsFor(ctx.a, t);
      if (!n?.collatorArg) continue; // no data_collator=: TL002's case
      const arg = n.collatorArg;
      const { severity, message } = gradeNoLabels(ctx, n);
      const fixes: Fix[] = [];
      if (isSftLike(t) && t.call.keywords.get('data_collator') === arg) {
        fixes.push({ title: 'Remove data_collator= (the default collator builds labels)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, arg)] });
      }
      const collator = n.collatorCall;
      const tok = collator?.keywords.get('tokenizer')?.value.text ?? collator?.positional[0]?.value.text ?? 'tokenizer';
      fixes.push({
        title: `Use DataCollatorForLanguageModeling(${tok}, mlm=False)`,
        applicability: 'unsafe',
        edits: [replaceNode(ctx.source, arg.value, `DataCollatorForLanguageModeling(${tok}, mlm=False)`),
          ...ensureImport(ctx, 'transformers', 'DataCollatorForLanguageModeling')],
      });
      ctx.report({
        node: arg.node,
        severity,
        message,
        related: [
          { node: n.dataset.origin, message: `dataset created here (${n.dataset.originLabel})` },
          ...n.dataset.steps.slice(-1).map((s) => ({ node: s.node, message: `last step: ${s.label}` })),
          ...(collator && collator.node.id !== arg.value.id ? [{ node: collator.node, message: `${n.collator} created here` }] : []),
        ],
        fixes,
      });
    }
  },
};
export default rule;
