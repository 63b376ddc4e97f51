import { isLibraryCall, isSftLike, trainerArg } from '../domain/trainers';
import { datasetHasLossInputs, labelsWrittenLater, lossMaskingEnabled } from '../domain/labels';
import { removeArgument, replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { Fix } from '../diagnostics';
import type { Rule } from './rule';
import { columnsPhrase } from '../dataset/state';

const PADDING_ONLY = ['DataCollatorForSeq2Seq', 'DataCollatorWithPadding', 'default_data_collator', 'DefaultDataCollator'];

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
      const arg = trainerArg(t, 'data_collator');
      if (!arg) continue;
      const collator = ctx.callOf(arg.value);
      const collatorName = collator
        ? (isLibraryCall(collator, PADDING_ONLY, ['transformers']) ? collator.calleeText.split('.').pop() : undefined)
        : (/^(transformers\.)?default_data_collator$/.test(arg.value.text) ? 'default_data_collator' : undefined);
      if (!collatorName) continue;
      const dsArg = trainerArg(t, 'train_dataset');
      const ds = ctx.datasets.at(dsArg?.value);
      if (datasetHasLossInputs(ds) !== false) continue;
      if (labelsWrittenLater(ctx.facts, t) || lossMaskingEnabled(ctx.facts, t)) continue;
      // TRL ≥ 1.7 SFTTrainer builds labels in dataset preparation, unless Unsloth replaced it.
      let severity = ctx.rule.severity;
      let note = '';
      if (isSftLike(t) && !ctx.unsloth.patches) {
        const v = ctx.version('trl', { before: '1.7' });
        if (!v.severity) continue;
        severity = v.severity;
        note = v.note;
      }
      const fixes: Fix[] = [];
      if (isSftLike(t) && t.call.keywords.get('data_collator') === arg) {
        fixes.push({ title: 'Remove data_collator= (the default collator builds labels)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, arg)] });
      }
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
        message: `${collatorName} only pads labels, but the training dataset has no "labels" column (${columnsPhrase(ds!)}) and nothing creates one: training will fail with "The model did not return a loss"${note}.`,
        related: [
          { node: ds!.origin, message: `dataset created here (${ds!.originLabel})` },
          ...(collator && collator.node.id !== arg.value.id ? [{ node: collator.node, message: `${collatorName} created here` }] : []),
        ],
        fixes,
      });
    }
  },
};
export default rule;
