import { collatorCode, exampleReads } from '../domain/collator-code';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import { preparationSkipped } from '../domain/training-args';
import { columnsPhrase } from '../dataset/state';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The chat columns TRL's SFT preparation turns into text and drops (`conversations` → `messages` → `text`). */
const CHAT_COLUMNS = ['messages', 'conversations'];
/** First TRL release whose preparation drops `messages` (v0.15.0 `_prepare_dataset`; v0.14.0 kept the column). */
const DROPS_FROM = '0.15';
/** First release that keeps `messages` (v0.19.0 applies the chat template inside `tokenize`, removing nothing). */
const KEEPS_FROM = '0.19';

const rule: Rule = {
  code: 'TL117',
  name: 'sft-collator-reads-prepared-column',
  severity: 'error',
  fix: 'none',
  requires: ['data_collator'],
  overriddenBy: ['preparation', 'batches'],
  docs: `## What it does
Flags a custom \`data_collator=\` of SFTTrainer (a function, lambda or class the script defines) that reads
\`example["messages"]\` (or \`"conversations"\`) from each example, while SFTTrainer prepares the dataset itself: no
\`dataset_kwargs={"skip_prepare_dataset": True}\`, a training dataset without \`input_ids\`, on TRL 0.15–0.18, whose
preparation removes that column. A \`.get("messages")\` read, or one the collator guards (\`if "messages" in example\`),
is left alone.

## Why is this bad?
SFTTrainer's \`_prepare_dataset\` renders each conversation with the chat template and tokenizes it, and it removes the
chat column on the way (\`conversations\` is converted to \`messages\`, \`messages\` is replaced by \`text\`). A collator
written for raw rows (typically a vision-language collator that calls \`processor.apply_chat_template(example["messages"])\`
and loads the images) then receives \`input_ids\`, \`attention_mask\` and \`text\` instead, and the first training step
raises \`KeyError: 'messages'\`. The fix is to tell SFTTrainer not to prepare the data:
\`SFTConfig(dataset_kwargs={"skip_prepare_dataset": True}, remove_unused_columns=False)\`.

Which releases drop the column: TRL 0.15 through 0.18. TRL 0.14 kept it (with \`remove_unused_columns=False\`), and
from 0.19 SFTTrainer applies the chat template inside its tokenization step without removing \`messages\` (and removes
\`conversations\` only for ShareGPT-style rows): those releases are left alone. An unknown TRL version is information
naming the range; so is a training dataset whose columns are not known (the message says it assumed the rows are not
already tokenized: TRL 0.16 on keeps the column of a tokenized dataset). Scripts that import Unsloth are left alone
(Unsloth replaces the preparation).

## Example
\`\`\`python
# pip install trl==0.16.1
from datasets import Dataset
from trl import SFTConfig, SFTTrainer

dataset = Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]]})

def collate_fn(examples):
    texts = [processor.apply_chat_template(example["messages"], tokenize=False) for example in examples]
    batch = processor(text=texts, return_tensors="pt", padding=True)
    batch["labels"] = batch["input_ids"].clone()
    return batch

trainer = SFTTrainer(model=model, args=SFTConfig(output_dir="out", remove_unused_columns=False),
                     train_dataset=dataset, data_collator=collate_fn, processing_class=processor.tokenizer)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.16.1
from datasets import Dataset
from trl import SFTConfig, SFTTrainer

dataset = Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]]})

def collate_fn(examples):
    texts = [processor.apply_chat_template(example["messages"], tokenize=False) for example in examples]
    batch = processor(text=texts, return_tensors="pt", padding=True)
    batch["labels"] = batch["input_ids"].clone()
    return batch

args = SFTConfig(output_dir="out", remove_unused_columns=False, dataset_kwargs={"skip_prepare_dataset": True})
trainer = SFTTrainer(model=model, args=args, train_dataset=dataset, data_collator=collate_fn,
                     processing_class=processor.tokenizer)
\`\`\`

## Fix safety
No automatic fix: skipping the preparation also skips its truncation, packing and EOS handling, which the collator then
has to do itself.

## References
- huggingface/trl#3268 and QwenLM/Qwen3-VL#1076 (TRL of 2025-04: the collator "receives input_ids and attention_mask",
  then \`KeyError: 'messages'\`; the maintainer's answer: \`dataset_kwargs={"skip_prepare_dataset": True}\`)
- huggingface/trl \`trl/trainer/sft_trainer.py\`: v0.14.0 has no \`remove_columns="messages"\`; v0.15.2 and v0.16.1
  \`_prepare_dataset\` map \`maybe_convert_to_chatml\` with \`remove_columns="conversations"\` and \`maybe_apply_chat_template\`
  with \`remove_columns="messages"\` ("renamed to \\"text\\"") unless \`dataset_kwargs["skip_prepare_dataset"]\`; v0.17.0 and
  v0.18.2 map \`apply_chat_template\` with \`remove_columns="messages"\` for a conversational first row; v0.19.1 (and later)
  removes \`messages\` only in the non-conversational \`add_eos\` map and \`conversations\` only under
  \`is_conversational_from_value\`
`,
  check(ctx) {
    if (ctx.unsloth.imported) return;
    for (const t of ctx.trainers) {
      if (t.kind !== 'SFTTrainer' || t.call.hasSplat) continue;
      const collatorArg = trainerArg(t, 'data_collator');
      const code = collatorArg && collatorCode(ctx, collatorArg.value);
      if (!code) continue;
      // A subscript raises KeyError; `.get("messages")` and a read the collator guards (`if "messages" in example`) do not.
      const read = [...exampleReads(code.fn, code.param)].find(([k, n]) => CHAT_COLUMNS.includes(k) && n.type === 'subscript'
        && !new RegExp(`["']${k}["']\\s+(not\\s+)?in\\b`).test(code.fn.text));
      if (!read || preparationSkipped(ctx.facts, t) !== false) continue;
      const trainArg = trainerArg(t, 'train_dataset');
      const ds = trainArg && ctx.datasets.at(trainArg.value);
      const cols = ds?.columns;
      // Rows already tokenized keep their chat column (v0.16 on), and a dataset without the column fails otherwise.
      if (cols && (cols.includes('input_ids') || !cols.includes(read[0]))) continue;
      const v = ctx.version('trl', { from: DROPS_FROM, before: KEEPS_FROM }, cols ? 'error' : 'information');
      if (!v.severity) continue;
      const data = !ds ? '' : cols ? ` (${columnsPhrase(ds)})` : ' (its columns are not known: this assumes its rows are not already tokenized)';
      ctx.report({
        node: read[1],
        severity: v.severity,
        message: `${code.label} reads \`${read[0]}\` from each example, but SFTTrainer prepares the training dataset${data} before collating: it applies the chat template, tokenizes, and removes the \`${read[0]}\` column (TRL 0.15–0.18)${v.note}. The rows the collator receives hold \`input_ids\`, \`attention_mask\` and \`text\` instead, and the first training step raises "KeyError: '${read[0]}'". Pass \`dataset_kwargs={"skip_prepare_dataset": True}\` in the SFTConfig (with \`remove_unused_columns=False\`) so the collator gets the raw rows.`,
        related: [{ node: collatorArg.node, message: 'the custom collator' }],
      });
    }
  },
};
export default rule;
