import type { Fix } from '../diagnostics';
import { KNOWN_FORWARD, MODEL_INPUTS, removesUnusedColumns, trainerModelClass } from '../domain/model-inputs';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import { collatorCode, exampleReads } from '../domain/collator-code';
import { addKeyword, replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';
import { provenanceNote } from '../dataset/state';

/** The trainer's model is loaded (traced) with a class whose forward trainlint does not know. */
function forwardUnmodelled(ctx: RuleContext, t: TrainerFact): boolean {
  const cls = trainerModelClass(ctx.facts, ctx.a.callsByNode, t);
  return !!cls && !KNOWN_FORWARD.test(cls);
}

const TRAINERS_THAT_DROP = ['Trainer', 'Seq2SeqTrainer', 'SFTTrainer', 'UnslothTrainer'];
/** SFTTrainer keeps these for vision datasets (TRL's `_set_signature_columns_if_needed`): never flagged there. */
const SFT_VISION_KEEPS = new Set(['messages', 'prompt', 'completion', 'image', 'images']);

const rule: Rule = {
  code: 'TL007',
  name: 'remove-unused-columns-drops-needed',
  severity: 'warning',
  fix: 'safe',
  overriddenBy: ['batches'],
  docs: `## What it does
Flags a custom \`data_collator=\` (a class defined in the script, a function or a lambda) that reads
dataset columns the model's \`forward\` does not take (\`example["text"]\`, \`example["image"]\`) while
\`remove_unused_columns\` is left at its default \`True\`, and the training dataset is known to have
those columns. With Unsloth imported first, its \`SFTTrainer\` also tokenizes a text dataset before training and
keeps only the tokenized columns (unsloth-zoo \`dataset_utils.py\` \`sft_prepare_dataset\`), so the message then asks
for \`dataset_kwargs={"skip_prepare_dataset": True}\` as well, and the fix writes both into the config (none when there is
no config call to write them to).

## Why is this bad?
Before collating, the Trainer drops every column that is not an argument of \`model.forward\` (when the model is
loaded with a class whose forward trainlint does not model, such as \`SpeechT5ForTextToSpeech\` which takes
\`speaker_embeddings\`, the rule is silent). The
collator then gets examples without the column: \`KeyError\`, empty batches, or \`ValueError: No columns
in the dataset match the model's forward method signature\`, at the first training step.

## Example
\`\`\`python
from datasets import Dataset
from transformers import Trainer, TrainingArguments

class TextCollator:
    def __call__(self, features):
        texts = [f["text"] for f in features]
        return tokenizer(texts, padding=True, return_tensors="pt")

ds = Dataset.from_dict({"text": ["a", "b"]})
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds, data_collator=TextCollator())
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from transformers import Trainer, TrainingArguments

class TextCollator:
    def __call__(self, features):
        texts = [f["text"] for f in features]
        return tokenizer(texts, padding=True, return_tensors="pt")

ds = Dataset.from_dict({"text": ["a", "b"]})
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out", remove_unused_columns=False),
                  train_dataset=ds, data_collator=TextCollator())
\`\`\`

## Fix safety
Setting \`remove_unused_columns=False\` in the training arguments is safe: the collator receives the
columns it reads. It must then build every tensor the model needs itself, which a collator reading raw
columns already does.

## References
- huggingface/transformers#25054, #15505, #7823; TIGER-AI-Lab/VLM2Vec#42, #43 (training
  arguments from the command line: the fix is \`--remove_unused_columns False\`); arcee-ai/DistillKit PR #1
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!TRAINERS_THAT_DROP.includes(t.kind) || t.call.hasSplat) continue;
      const collatorArg = trainerArg(t, 'data_collator');
      if (!collatorArg) continue;
      const removes = removesUnusedColumns(ctx.facts, t);
      // Arguments parsed from the command line keep the default (True) unless it is passed there.
      if (removes !== true && removes !== 'command line') continue;
      const fromCli = removes === 'command line';
      const remove = trainerArg(t, 'remove_unused_columns');
      const code = collatorCode(ctx, collatorArg.value);
      if (!code) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      // Known columns, or those the script provably added to a dataset whose base is unknown (an uncached Hub id).
      const cols = ds?.columns ?? ds?.known?.present;
      if (!ds || !cols?.length) continue;
      const sft = t.kind === 'SFTTrainer' || t.kind === 'UnslothTrainer';
      const dropped = [...exampleReads(code.fn, code.param)]
        .filter(([k]) => !MODEL_INPUTS.has(k) && !(sft && SFT_VISION_KEEPS.has(k)) && cols.includes(k));
      if (dropped.length === 0 || forwardUnmodelled(ctx, t)) continue;
      const names = dropped.map(([k]) => `"${k}"`).join(', ');
      // Unsloth's SFTTrainer (imported first, patching TRL's) tokenizes a text dataset and drops every other column
      // (unsloth-zoo `dataset_utils.py` `sft_prepare_dataset`: `remove_columns = list(column_names)`) unless told to skip.
      const unslothPrepares = sft && ctx.unsloth.patches && !trainerArg(t, 'dataset_kwargs') && !cols.includes('input_ids');
      const fixes: Fix[] = [];
      // Where Unsloth prepares the dataset, `remove_unused_columns=False` alone still loses the column: the fix also
      // writes `dataset_kwargs={"skip_prepare_dataset": True}` into the config, and without a config to write it to
      // there is no fix (audit27: RC-CHN/gemma-3n-unsloth-lora `train_gemma3n.py`).
      const skip = 'dataset_kwargs={"skip_prepare_dataset": True}';
      const editable = t.config && !t.config.hasSplat && !t.config.keywords.has('dataset_kwargs') ? t.config : undefined;
      const title = unslothPrepares ? `Set remove_unused_columns=False and ${skip}` : 'Set remove_unused_columns=False';
      if (unslothPrepares && !editable) { /* the fix would leave the column dropped */ }
      else if (remove) fixes.push({ title, applicability: 'safe', edits: [replaceNode(ctx.source, remove.value, 'False'), ...(unslothPrepares ? [addKeyword(ctx.source, editable!, skip)] : [])] });
      else if (editable) fixes.push({ title, applicability: 'safe', edits: [addKeyword(ctx.source, editable, unslothPrepares ? `remove_unused_columns=False, ${skip}` : 'remove_unused_columns=False')] });
      ctx.report({
        node: collatorArg.node,
        message: `${code.label} reads ${names}${provenanceNote(ds)}, which the Trainer drops before collating because \`remove_unused_columns\` ${remove ? 'is True' : fromCli ? 'defaults to True (unless the command line passes --remove_unused_columns False)' : 'defaults to True'} and the model's forward does not take ${dropped.length > 1 ? 'them' : 'it'}: the collator gets examples without ${dropped.length > 1 ? 'these columns' : 'the column'}. Set \`remove_unused_columns=False\`${unslothPrepares ? ', and `dataset_kwargs={"skip_prepare_dataset": True}`: Unsloth\'s SFTTrainer also tokenizes the dataset first and keeps only the tokenized columns (unsloth-zoo `sft_prepare_dataset`)' : ''}.`,
        related: [
          { node: dropped[0][1], message: `reads ${JSON.stringify(dropped[0][0])}` },
          ...(remove ? [{ node: remove.node, message: 'set here' }] : []),
        ],
        fixes,
      });
    }
  },
};
export default rule;
