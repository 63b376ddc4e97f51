import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { insideExpectedRaise } from '../domain/expected-raise';
import { conditionalAlternatives } from '../facts/reaching';
import { callsWhere } from '../facts/selections';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** Methods of `datasets.Dataset` that `DatasetDict` (a `dict` subclass with no `__getattr__`) does not have. */
const ROW_METHODS = new Set(['train_test_split', 'select', 'to_pandas', 'add_column']);

/** Selection test (`callsWhere`): a call of one of those methods on some receiver. */
const callsRowMethod = (c: CallFact): boolean => c.method !== undefined && ROW_METHODS.has(c.method) && c.receiver !== undefined;

/**
 * How the value is proven a DatasetDict, for the message; undefined when it is not proven. `load_dataset(…)` with no
 * `split=` (not passed positionally, no `**kwargs`) returns one, and `Dataset.train_test_split` makes one; the engine's
 * other ways to a dict (`load_from_disk`, which returns whichever was saved) are not proof.
 */
function provenDict(ctx: RuleContext, ds: DatasetState | undefined): string | undefined {
  if (!ds?.isDict) return undefined;
  if (ds.steps.some((s) => s.label === 'train_test_split')) return '`train_test_split` returns a DatasetDict ("train" and "test")';
  const load = ctx.datasets.callAt(ds.origin);
  // `load_from_disk` of the folder the script saved a proven DatasetDict to (datasets `load.py` at 5.0.1: a folder with
  // `dataset_dict.json` loads as a DatasetDict).
  const saved = ds.savedFrom && (load?.method === 'load_from_disk' || load?.calleeText === 'load_from_disk') ? provenDict(ctx, ds.savedFrom) : undefined;
  if (saved) return `\`${ds.originLabel}\` reads back what the script saved there, and ${saved}`;
  const isLoad = load && (load.method === 'load_dataset' || load.calleeText === 'load_dataset');
  if (!load || !isLoad || load.hasSplat || load.keywords.has('split') || load.positional.length > 4) return undefined;
  const splits = ds.splits?.length ? `, here ${ds.splits.map((s) => `"${s}"`).join(', ')}` : '';
  return `\`${ds.originLabel}\` without \`split=\` returns a DatasetDict keyed by split name${splits}`;
}

/**
 * A name read after branches that may each have assigned it (\`conditionalAlternatives\`) holds a DatasetDict only when
 * every one of them does: \`if isinstance(loaded, DatasetDict): ds = loaded[split] … else: ds = loaded\` leaves \`ds\` one
 * split, whichever way (malibayram/distil-trainer \`src/distil_trainer/data/datamodule.py\`, \`_load_dataset\`).
 */
function dictOnEveryPath(ctx: RuleContext, node: Node): boolean {
  if (node.type !== 'identifier') return true;
  const alternatives = conditionalAlternatives(ctx.facts, node);
  return !alternatives || alternatives.every((a) => a.unpackIndex === undefined && provenDict(ctx, ctx.datasets.at(a.value)) !== undefined);
}

/** The split to suggest: "train" when the DatasetDict has it or its splits are not known. */
function suggestedSplit(ds: DatasetState): string {
  return !ds.splits?.length || ds.splits.includes('train') ? 'train' : ds.splits[0];
}

function report(ctx: RuleContext, node: Node, ds: DatasetState, message: string): void {
  ctx.report({ node, message, related: [{ node: ds.origin, message: `DatasetDict created here (${ds.originLabel})` }] });
}

const rule: Rule = {
  code: 'TL116',
  name: 'dataset-dict-not-split',
  severity: 'error',
  fix: 'none',
  requires: ['load_dataset', 'train_test_split'],
  // The trainer's data loader and TRL's preparation are what index the rows: a subclass that builds its own stays quiet.
  overriddenBy: ['batches', 'preparation'],
  docs: `## What it does
Flags a \`DatasetDict\` (the splits of a dataset, keyed by name) used where one split of rows is needed: as a trainer's
\`train_dataset=\` (\`Trainer\`, \`Seq2SeqTrainer\`, TRL's and Unsloth's trainers), or as the receiver of a method only a
\`Dataset\` has (\`train_test_split\`, \`select\`, \`to_pandas\`, \`add_column\`). Only values proven to be a DatasetDict count:
\`load_dataset(…)\` with no \`split=\` (nor a \`split\` passed by position or through \`**kwargs\`), the result of
\`train_test_split\`, and \`load_from_disk(path)\` of a folder the script itself saved one of those to earlier
(\`X.save_to_disk(path)\`, the same literal path; any other \`load_from_disk\` returns whichever kind the folder holds). \`eval_dataset=\` is left alone: the trainers accept a dict of evaluation datasets and evaluate
each.

## Why is this bad?
\`load_dataset("json", data_files="train.jsonl")\` returns \`DatasetDict({"train": Dataset(…)})\`, not the rows.
\`DatasetDict\` is a \`dict\` subclass: asked for a row by number it raises "KeyError: Invalid key: 0. Please first
select a split" (datasets \`src/datasets/dataset_dict.py\`, \`DatasetDict.__getitem__\`, 2.0.0 through 5.0.1; a plain
\`KeyError: 0\` before). The Trainer removes unused columns only from a \`datasets.Dataset\` and hands anything else to
a \`DataLoader\` as it is (transformers \`trainer.py\`, \`get_train_dataloader\`), which asks for rows by number: the
first training step fails. TRL's trainers usually fail earlier, while preparing it: SFTTrainer at v0.13.0
(\`trl/trainer/sft_trainer.py\`, \`_prepare_dataset\`) passes \`dataset.column_names\`, a dict of split names, as the
columns to remove, and raises "Column to remove ['train'] not in the dataset" (huggingface/trl#2541).
\`DatasetDict\` has no \`train_test_split\`, \`select\`, \`to_pandas\` or \`add_column\` and no \`__getattr__\` (datasets 1.1.3
through 5.0.1; \`add_column\`: JH-lee95/continual-pre-training-rslora \`src/ipynbs/data_preprocessing.ipynb\`):
"AttributeError: 'DatasetDict' object has no attribute 'train_test_split'" (huggingface/datasets#1600).

## Example
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files="train.jsonl")
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", args=SFTConfig(output_dir="out"), train_dataset=dataset)
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from trl import SFTConfig, SFTTrainer

dataset = load_dataset("json", data_files="train.jsonl", split="train")
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", args=SFTConfig(output_dir="out"), train_dataset=dataset)
\`\`\`

## Fix safety
No automatic fix: which split to train on (or to split further) is the author's choice.

## References
- huggingface/trl#2541 (SFTTrainer given \`load_dataset('json', data_files=…)\`)
- huggingface/datasets#1600 (\`load_dataset('csv', data_files=…).train_test_split(…)\`)
- datasets \`src/datasets/dataset_dict.py\` at 1.1.3, 2.0.0, 3.0.0, 4.0.0 and 5.0.1 (921c2a7c): \`class DatasetDict(dict)\`,
  its \`__getitem__\`, and no \`train_test_split\`, \`select\`, \`to_pandas\` or \`__getattr__\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (insideExpectedRaise(t.call.node)) continue;
      const arg = t.call.keywords.get('train_dataset');
      const ds = ctx.datasets.at(arg?.value);
      const why = provenDict(ctx, ds);
      if (!arg || !ds || !why || !dictOnEveryPath(ctx, arg.value)) continue;
      const split = suggestedSplit(ds);
      const trl = t.kind !== 'Trainer' && t.kind !== 'Seq2SeqTrainer'
        ? `; TRL's trainers usually fail first while preparing it, e.g. "Column to remove ['${split}'] not in the dataset"` : '';
      report(ctx, arg.node, ds,
        `The train_dataset of ${t.kind} is a DatasetDict, not one split of rows: ${why}. The trainer reads rows by number, which a DatasetDict refuses ("KeyError: Invalid key: 0. Please first select a split"${trl}). Pass \`${arg.value.text}["${split}"]\`, or load with \`split="${split}"\`.`);
    }
    for (const c of callsWhere(ctx.facts, callsRowMethod)) {
      if (insideExpectedRaise(c.node)) continue;
      const ds = ctx.datasets.at(c.receiver);
      const why = provenDict(ctx, ds);
      if (!ds || !why || !dictOnEveryPath(ctx, c.receiver!)) continue;
      const split = suggestedSplit(ds);
      report(ctx, c.callee, ds,
        `\`${c.receiver!.text}\` is a DatasetDict: ${why}. A DatasetDict has no \`${c.method}\` ("AttributeError: 'DatasetDict' object has no attribute '${c.method}'"). Call it on one split: \`${c.receiver!.text}["${split}"].${c.method}(…)\`.`);
    }
  },
};
export default rule;
