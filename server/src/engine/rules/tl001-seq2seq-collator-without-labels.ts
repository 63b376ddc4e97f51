import { isSftLike } from '../domain/trainers';
import { noLabelsFor } from '../domain/label-source';
import { gradeNoLabels } from './no-labels';
import { removeArgument, replaceNode } from './edits';
import { ensureImport } from './imports-edit';
import type { Fix } from '../diagnostics';
import type { Rule } from './rule';
import { datasetTrail } from '../dataset/state';

const rule: Rule = {
  code: 'TL001',
  name: 'seq2seq-collator-without-labels',
  severity: 'error',
  fix: 'sometimes',
  overriddenBy: ['loss', 'batches', 'preparation'],
  docs: `## What it does
Flags a trainer whose \`data_collator=\` only pads (\`DataCollatorForSeq2Seq\`, \`DataCollatorWithPadding\`,
\`default_data_collator\`) when nothing creates \`labels\`: neither the dataset, nor the trainer's own dataset
preparation, nor a later \`train_on_responses_only(trainer, …)\`. The data does not have to be readable: a Hub
dataset that is not in the local cache still has the columns the script's own maps give it (a tokenizer call
returns \`input_ids\` and \`attention_mask\`, never \`labels\`), and the trainer's preparation is known per
library and version; a tokenizer call gives \`labels\` too when it has both a text and \`text_target=\` (the
seq2seq idiom: transformers \`src/transformers/tokenization_utils_base.py\`, \`PreTrainedTokenizerBase.__call__\`
sets \`encodings["labels"] = target_encodings["input_ids"]\`, v4.22.0 onwards). When the verdict depends on an
unknown installed version it is information that names it ("with TRL < 1.7"); when it depends on an unknown base
dataset (the script tokenizes a Hub dataset whose columns are not known and keeps them) it is information that
names the assumption ("unless yahma/alpaca-cleaned already holds token-id labels"). The same holds when an SFTTrainer
is told which column to tokenize (\`dataset_text_field=\`) of a dataset whose columns are unknown: it tokenizes that
column and creates no labels, and only a dataset that already holds \`input_ids\` and \`labels\` is kept as it is
(huggingface/trl v0.12.0 \`trl/trainer/sft_trainer.py\` \`_prepare_dataset\`: \`if column_names and "input_ids" in
column_names\` returns the dataset untouched; unsloth-zoo \`sft_prepare_dataset\` at ce232d6c: "Skip tokenization if
already tokenized"), so that is information naming the dataset (unslothai/unsloth#455). Without \`dataset_text_field=\`
nothing says the dataset is text, and nothing fires. A task head
(\`…ForSequenceClassification\`), whose class ids such a dataset normally carries as \`label\`, is not flagged. When the
model is not known either (a parameter of the function that builds the trainer, as in fxl271/turbo-broccoli
\`frontEnd/TrainApp.py\`'s \`get_trainer(model, …)\`), the note does not call the missing labels token ids: it says they
would be token ids for a language model, or the class ids of a \`label\` column if the model is a classifier.
Nor are TRL's preference, reward, GRPO and PPO trainers, whose losses read no \`labels\` (PPOTrainer's batches are
padded prompts it generates from: huggingface/trl v0.12.0 \`trl/trainer/ppo_trainer.py\`, \`queries = data["input_ids"]\`).

## Why is this bad?
These collators pad \`labels\` that already exist; they never create them. Without labels the model
returns no loss and training stops after the model has loaded with
\`ValueError: The model did not return a loss from the inputs, only the following keys: logits\`.
What the trainers do, read in the libraries' source:
- SFTTrainer before TRL 1.7 tokenizes the text field, formatting function or messages into \`input_ids\`
  (TRL 0.12: \`input_ids\` + \`attention_mask\`, every source column removed) and builds labels only in its own
  collator (huggingface/trl \`trl/trainer/sft_trainer.py\`, \`_prepare_dataset\` at v1.6.0 dbbe7365,
  \`_prepare_non_packed_dataloader\` at v0.12.0 80cf468a). From TRL 1.7 \`_prepare_dataset\` adds a \`labels\`
  column (PR #6037, v1.7.0 e3ebcf41), so a padding collator works there: not flagged without Unsloth.
- Unsloth replaces that preparation with unsloth-zoo's \`sft_prepare_dataset\`
  (\`unsloth_zoo/dataset_utils.py\` at ce232d6c): it calls the tokenizer on the text field or formatting function
  with \`remove_columns\` set to every source column, so only \`input_ids\`, \`attention_mask\` (and
  \`token_type_ids\` for some models) remain, never \`labels\`.
- Since Unsloth 2025.3.10 its SFTTrainer swaps a \`DataCollatorForSeq2Seq\` for
  \`DataCollatorForLanguageModeling(mlm=False)\` when the training dataset has no \`labels\` column
  (unslothai/unsloth \`unsloth/models/rl.py\`, "Check data collator if it's correct!", added in b97ac4e7, still
  at 015bdef0): that run trains on every token instead of failing, so \`DataCollatorForSeq2Seq\` under Unsloth
  is flagged only for older releases. \`DataCollatorWithPadding\` is never swapped.
- Unsloth's \`train_on_responses_only(trainer, …)\` writes \`labels\`, so the official notebooks that pair it
  with \`DataCollatorForSeq2Seq\` are correct. A trainer subclass that overrides \`compute_loss\` is not checked.

The message ends with what to do; the masking preview of the same trainer says "No token is trained" first,
from the same verdict.

\`DataCollatorWithPadding\` (and \`default_data_collator\`) on rows whose only label column holds one class id per
row (its type known: \`class_label[…]\` or a number, e.g. rotten_tomatoes' or imdb's \`label\` from trainlint's table of
known Hub datasets) for a causal LM is reported too: the collator renames \`label\` to \`labels\` of shape [batch] and
the causal LM loss fails with \`ValueError: Expected input batch_size (…) to match target batch_size (…)\` (see TL002
for the transformers source). No collator swap is offered then: the class ids would still reach the model.

## Example
\`\`\`python
# pip install unsloth==2025.2.15 trl==0.15.2
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
- unslothai/unsloth#1102, #1899, #455; huggingface/trl PR #6037 (TRL 1.7 builds labels)
- huggingface/trl \`trl/trainer/sft_trainer.py\` at v0.12.0 (80cf468ab0d164e904ce7917b502fd7181c0b76d),
  v1.6.0 (dbbe7365a2521f216521da78ead414da27288066), v1.7.0 (e3ebcf413c1b49203f702c59954cc6b19fceb7b3)
- unslothai/unsloth-zoo \`unsloth_zoo/dataset_utils.py\` \`sft_prepare_dataset\` at ce232d6cef9cb8cd34cd3727906131622177436b
- unslothai/unsloth \`unsloth/models/rl.py\` collator check: b97ac4e76f92a0667372cd6fe71a54b3c4568adf (first released in
  2025.3.10, f35d5977d6), unchanged in substance at 015bdef0d94a241bcd94eec7a405b1700632180d
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
      // Class-id labels stay in the rows whatever the collator: swapping it alone does not fix the run.
      if (!n.classIds) fixes.push({
        title: `Use DataCollatorForLanguageModeling(${tok}, mlm=False)`,
        applicability: 'unsafe',
        edits: [replaceNode(ctx.source, arg.value, `DataCollatorForLanguageModeling(${tok}, mlm=False)`),
          ...ensureImport(ctx, 'transformers', 'DataCollatorForLanguageModeling', arg.value)],
      });
      ctx.report({
        node: arg.node,
        severity,
        message,
        related: [
          ...datasetTrail(n.dataset),
          ...(collator && collator.node.id !== arg.value.id ? [{ node: collator.node, message: `${n.collator} created here` }] : []),
        ],
        fixes,
      });
    }
  },
};
export default rule;
