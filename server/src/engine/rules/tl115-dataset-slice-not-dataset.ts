import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { insideExpectedRaise } from '../domain/expected-raise';
import { resolveExpression } from '../facts/reaching';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** A receiver the fix may write twice (`ds`, `data["train"]`, `self.ds`): no call, nothing evaluated with effects. */
const PLAIN_RECEIVER = /^[A-Za-z_][\w.]*(\[(['"])[^'"\n]*\2\])*$/;

/**
 * The rows `node` slices, when they are proven to be one `datasets.Dataset`: not a DatasetDict, not a list of splits
 * (`split=["train", "test"]`), not streamed (an `IterableDataset` cannot be indexed at all), not `load_from_disk`
 * (which returns whichever kind was saved).
 */
function slicedDataset(ctx: RuleContext, slice: Node): DatasetState | undefined {
  const ds = ctx.datasets.at(slice.childForFieldName('value') ?? undefined);
  if (!ds || ds.isDict) return undefined;
  const origin = ctx.datasets.callAt(ds.origin);
  if (!origin || origin.hasSplat || origin.method === 'load_from_disk' || origin.calleeText.endsWith('load_from_disk')) return undefined;
  const streaming = origin.keywords.get('streaming');
  if (streaming && streaming.value.type !== 'false') return undefined;
  const split = origin.keywords.get('split');
  if (split && split.value.type !== 'string') return undefined;
  return ds;
}

const rule: Rule = {
  code: 'TL115',
  name: 'dataset-slice-not-dataset',
  severity: 'error',
  fix: 'unsafe',
  requires: ['_dataset'],
  // The trainer's data loader and TRL's preparation are what read the rows: a subclass that builds its own stays quiet.
  overriddenBy: ['batches', 'preparation'],
  docs: `## What it does
Flags a slice of a \`datasets.Dataset\` (\`ds[:1000]\`, \`tokenized["train"][20:]\`) given to a trainer as its
\`train_dataset=\`, directly or through a name. Only rows proven to be one \`Dataset\` count: a \`load_dataset(…, split=…)\`
with one split, \`Dataset.from_*\`, a split of a DatasetDict, and what \`map\`, \`filter\`, \`select\` and the like make of
them. A streamed dataset, \`load_from_disk\` (either kind) and anything the engine cannot follow are left alone.

## Why is this bad?
Slicing a \`Dataset\` does not make a smaller \`Dataset\`: it reads those rows as one batch, a \`dict\` of column lists
(\`{"input_ids": [[…], …], "labels": […]}\`; datasets \`src/datasets/arrow_dataset.py\`, \`Dataset.__getitem__\`, typed
\`(key: slice) -> dict\` at 2.0.0, 4.0.0 and 5.0.1). The Trainer only removes unused columns from a \`datasets.Dataset\`
and hands anything else to a \`DataLoader\` as it is (transformers \`trainer.py\`, \`get_train_dataloader\`); the sampler
counts the dict's keys (its columns) and asks for row 0: "KeyError: 0" at the first step, after the model has loaded.
TRL's trainers fail earlier, while preparing it (SFTTrainer's \`_prepare_dataset\` reads its column names and calls
\`map\` on it, which a \`dict\` does not have).

## Example
\`\`\`python
from datasets import load_dataset
from transformers import Trainer, TrainingArguments

tokenized = load_dataset("imdb").map(lambda b: tokenizer(b["text"], truncation=True), batched=True)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=tokenized["train"][:2000])
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from transformers import Trainer, TrainingArguments

tokenized = load_dataset("imdb").map(lambda b: tokenizer(b["text"], truncation=True), batched=True)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=tokenized["train"].select(range(2000)))
\`\`\`

## Fix safety
Unsafe: the fix writes \`X.select(range(len(X))[a:b])\`, the same rows as the slice (a \`range\` sliced as a list is,
negative bounds, steps and bounds past the end included; \`select(range(2000))\` raises IndexError on fewer rows) but as
a \`Dataset\`; where the slice was kept under a name, the script's other
uses of that name now get a \`Dataset\` too. Offered only when \`X\` is a name or a chain of literal keys.

## References
- datasets \`src/datasets/arrow_dataset.py\` at 2.0.0, 4.0.0 and 5.0.1: \`Dataset.__getitem__\` (a slice gives a batch,
  a \`dict\`; a formatted dataset a table or DataFrame), \`Dataset.select\`
- transformers \`src/transformers/trainer.py\`: \`get_train_dataloader\`, \`_get_train_sampler\`
- trl \`trl/trainer/sft_trainer.py\` at v1.9.0: \`SFTTrainer._prepare_dataset\`
- NJUxlj's reward-model notebook (corpus pass 25): \`train_dataset=tokenized_data["train"][20:]\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node)) continue;
      const arg = t.call.keywords.get('train_dataset');
      if (!arg) continue;
      const expr = resolveExpression(ctx.facts, arg.value);
      if (expr.type !== 'subscript' || expr.childForFieldName('subscript')?.type !== 'slice') continue;
      const ds = slicedDataset(ctx, expr);
      if (!ds) continue;
      const receiver = expr.childForFieldName('value')!;
      const bounds = expr.childForFieldName('subscript')!.text;
      const plain = PLAIN_RECEIVER.test(receiver.text);
      const select = `${receiver.text}.select(range(len(${receiver.text}))[${bounds}])`;
      // A receiver with calls in it is kept under a name first: written twice it would run twice (a shuffle, a split).
      const instead = plain ? `\`${select}\` (the same rows, as a Dataset)` : `keep \`${receiver.text}\` as \`ds\` and pass \`ds.select(range(len(ds))[${bounds}])\` (the same rows, as a Dataset)`;
      const written = expr.id === arg.value.id ? '' : ` (\`${arg.value.text}\` is \`${expr.text}\`)`;
      const tail = t.kind === 'Trainer' || t.kind === 'Seq2SeqTrainer' ? 'the first step fails with "KeyError: 0", after the model has loaded' : `${t.kind} fails while preparing it`;
      ctx.report({
        node: arg.node,
        message: `The train_dataset of ${t.kind} is a slice of a Dataset${written}: \`${expr.text}\` reads those rows as one batch, a dict of column lists, not a Dataset, and ${tail}. Select the rows instead: ${instead}.`,
        related: [{ node: ds.origin, message: `the Dataset (${ds.originLabel})` }],
        ...(plain
          ? { fixes: [{ title: `Select the rows: ${select}`, applicability: 'unsafe' as const, edits: [replaceNode(ctx.source, expr, select)] }] } : {}),
      });
    }
  },
};
export default rule;
