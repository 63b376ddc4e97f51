import { trainerCollator } from '../domain/collators';
import { lossBatchReads } from '../domain/loss-batch-reads';
import { KNOWN_FORWARD, MODEL_INPUTS, removesUnusedColumns, trainerModelClass } from '../domain/model-inputs';
import { trainerLineage } from '../domain/trainer-subclass';
import { isLibraryTrainerName, trainerArg, type TrainerFact } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { methodDefinition } from '../facts/class-syntax';
import { provenanceNote } from '../dataset/state';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** Library collators that batch the features they are given and add no key but `labels` (transformers' LM collator). */
const PASS_THROUGH = new Set(['pads-on-side', 'no-padding', 'lm-by-pad-id']);

/** The script's class (the subclass or a class of this file between it and the library) whose `compute_loss` runs. */
function lossOwner(ctx: RuleContext, t: TrainerFact) {
  const node = t.subclass?.node;
  const cls = node && ctx.facts.classes.find((c) => c.node.id === node.id);
  const lineage = cls && trainerLineage(ctx.facts, isLibraryTrainerName, cls);
  // A `compute_loss` defined in a project module (or a base we cannot read) is not read: `defines` has it, `local` not.
  const owner = lineage?.local.find((c) => c.members.some((m) => m.name === 'compute_loss'));
  return owner && methodDefinition(owner.node, 'compute_loss') ? owner : undefined;
}

const rule: Rule = {
  code: 'TL124',
  name: 'loss-reads-removed-column',
  severity: 'error',
  fix: 'none',
  requires: ['compute_loss'],
  overriddenBy: ['batches'],
  docs: `## What it does
Flags a trainer subclass of the script whose own \`compute_loss\` reads a key of its batch (\`inputs["weight"]\`,
\`inputs.pop("weight")\`) that the Trainer removes before collating: a column of the training dataset that the model's
\`forward\` does not take, on a transformers \`Trainer\`/\`Seq2SeqTrainer\` with \`remove_unused_columns\` left at True (its
default) and a library collator (none given, \`DataCollatorWithPadding\`, \`DataCollatorForSeq2Seq\`,
\`DataCollatorForLanguageModeling\`, \`default_data_collator\`). Also \`inputs["labels"]\` when the model is a bare
\`AutoModel\` (no head: its \`forward\` takes no labels, so \`labels\` is not a label name either) and the dataset has a
\`labels\` column (a \`label\` column is kept and renamed by the collators).

Only when the script shows it all: the dataset's columns, the model class (one whose \`forward\` trainlint knows), the
collator and the training arguments (no \`label_names=\`, which keeps the columns it names). Not flagged: reads with a
default (\`inputs.get(…)\`, \`inputs.pop(…, None)\`), a key the method tests (\`if "weight" in inputs\`) or writes, a
method that rebinds its batch parameter, a subclass that overrides how batches are built (\`get_train_dataloader\`,
\`_remove_unused_columns\`, \`_set_signature_columns_if_needed\`, …) or \`training_step\`, a \`compute_loss\` defined in
another module, a custom collator (it may add the key), TRL's trainers (their dataset preparation keeps other columns).

## Why is this bad?
Before collating, the Trainer keeps only the columns that are arguments of \`model.forward\` or label names
(\`"label"\`, \`"label_ids"\` and \`label_names\`, which default to the model's own label arguments) and drops the rest:
\`_remove_unused_columns\` for a \`datasets.Dataset\`, a \`RemoveColumnsCollator\` around the collator for any other
dataset (huggingface/transformers \`src/transformers/trainer.py\` \`_set_signature_columns_if_needed\`,
\`_remove_unused_columns\`, \`_get_collator_with_removed_columns\`, \`_get_dataloader\`, at 000945a9; the same logic in
\`get_train_dataloader\` since transformers 4.x). The subclass's \`compute_loss\` then gets a batch without the
column, and the first training step stops with \`KeyError: 'weight'\`. The usual case is a per-example weight or a
second target next to \`labels\`.

## Example
\`\`\`python
import torch
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments


class WeightedTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        labels = inputs.pop("labels")
        weights = inputs.pop("weight")
        outputs = model(**inputs)
        losses = torch.nn.functional.cross_entropy(outputs.logits, labels, reduction="none")
        loss = (losses * weights).mean()
        return (loss, outputs) if return_outputs else loss


model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
ds = Dataset.from_dict({"input_ids": [[101, 102]], "labels": [1], "weight": [2.0]})
trainer = WeightedTrainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
import torch
from datasets import Dataset
from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments


class WeightedTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, **kwargs):
        labels = inputs.pop("labels")
        weights = inputs.pop("weight")
        outputs = model(**inputs)
        losses = torch.nn.functional.cross_entropy(outputs.logits, labels, reduction="none")
        loss = (losses * weights).mean()
        return (loss, outputs) if return_outputs else loss


model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
ds = Dataset.from_dict({"input_ids": [[101, 102]], "labels": [1], "weight": [2.0]})
args = TrainingArguments(output_dir="out", remove_unused_columns=False)
trainer = WeightedTrainer(model=model, args=args, train_dataset=ds)
\`\`\`

## Fix safety
No fix: with \`remove_unused_columns=False\` the collator gets every column, so columns it cannot batch (raw text)
have to be removed from the dataset first; that choice is the script's.

## References
- huggingface/transformers \`src/transformers/trainer.py\` (000945a9): \`_set_signature_columns_if_needed\`,
  \`_remove_unused_columns\`, \`_get_collator_with_removed_columns\`; \`remove_unused_columns\` in \`training_args.py\`
- huggingface/transformers#15505, #25054 (columns dropped before a custom loss or collator reads them)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if ((t.kind !== 'Trainer' && t.kind !== 'Seq2SeqTrainer') || !t.qualified.startsWith('transformers.') || t.call.hasSplat) continue;
      if (!t.subclass || t.subclass.overrides.has('training_step')) continue;
      const owner = lossOwner(ctx, t);
      const reads = owner ? lossBatchReads(owner.node) : [];
      if (!owner || reads.length === 0) continue;
      const removes = removesUnusedColumns(ctx.facts, t);
      if (removes !== true && removes !== 'command line') continue;
      const given = !!lookupArg(ctx.facts, t, 'remove_unused_columns').arg;
      if (lookupArg(ctx.facts, t, 'label_names').arg) continue;
      const collator = trainerCollator(ctx, t);
      if (!PASS_THROUGH.has(collator.kind)) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      const cols = ds?.columns;
      if (!ds || ds.isDict || !cols?.length) continue;
      const modelClass = trainerModelClass(ctx.facts, ctx.a.callsByNode, t);
      if (!modelClass || !KNOWN_FORWARD.test(modelClass)) continue;
      // `labels` is kept whenever the model takes it; a bare AutoModel takes none, and a `label` column is renamed to it.
      const bareLabels = modelClass === 'AutoModel' && collator.kind !== 'lm-by-pad-id' && !cols.includes('label') && !cols.includes('label_ids');
      const dropped = reads.filter((r) => cols.includes(r.key) && (r.key === 'labels' ? bareLabels : !MODEL_INPUTS.has(r.key)));
      if (dropped.length === 0) continue;
      const first = dropped[0];
      const names = dropped.map((r) => `"${r.key}"`).join(', ');
      const many = dropped.length > 1;
      const why = first.key === 'labels'
        ? `AutoModel's forward (a model without a head) takes no labels, so \`labels\` is not one of its label names either`
        : `${modelClass}'s forward does not take ${many ? 'them' : 'it'} and ${many ? 'they are' : 'it is'} not a label name`;
      ctx.report({
        node: first.node,
        message: `${owner!.name}.compute_loss reads ${names} from the batch, but the Trainer removes ${many ? 'these columns' : 'the column'} of the training dataset${provenanceNote(ds)} before collating: \`remove_unused_columns\` ${removes === 'command line' ? 'defaults to True (unless the command line passes --remove_unused_columns False)' : given ? 'is True' : 'is True (its default)'} and ${why}. The first training step raises "KeyError: '${first.key}'". Set \`remove_unused_columns=False\` in the training arguments (then remove the columns ${collator.name ?? 'the collator'} cannot batch, such as raw text, from the dataset first).`,
        related: [{ node: t.call.node, message: `${t.subclass.name} trains here with ${collator.name ?? 'the default collator'}` }],
      });
    }
  },
};
export default rule;
