import { noLabelsFor } from '../domain/label-source';
import { untokenizedFor, untokenizedMessage } from '../domain/model-inputs';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import type { RuleContext } from './context';
import { gradeNoLabels } from './no-labels';
import type { Fix } from '../diagnostics';
import { addKeyword } from './edits';
import { ensureImport } from './imports-edit';
import type { Rule } from './rule';
import { datasetTrail } from '../dataset/state';
import type { Node } from 'web-tree-sitter';
import { padIsEos, padTokenSetSomewhere, tokenizerOrigin } from '../domain/tokenizers';
import { hubIdOfCachedSnapshot, shipsWithoutPadToken } from '../domain/tokenizer-families';

/**
 * `DataCollatorForLanguageModeling` pads with the tokenizer and sets every label equal to the pad id to -100: not added
 * for a tokenizer the script makes pad with its EOS (every EOS masked, TL006), or one with no pad token of its own that
 * the script never gives one (the first batch raises "Asking to pad…", TL203).
 */
function lmCollatorBreaks(ctx: RuleContext, tok: string, tokNode: Node | undefined): boolean {
  if (ctx.facts.assignments.some((a) => a.subscriptKey === undefined && padIsEos(a.target, a.value) === tok)) return true;
  if (padTokenSetSomewhere(ctx.facts)) return false;
  const node = tokNode ?? ctx.facts.assignments.filter((a) => a.target === tok && a.subscriptKey === undefined && a.unpackIndex === undefined).at(-1)?.value;
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, node);
  return origin?.kind === 'auto' && !!origin.modelId && !!shipsWithoutPadToken(hubIdOfCachedSnapshot(origin.modelId));
}

const rule: Rule = {
  code: 'TL002',
  name: 'missing-labels-column',
  severity: 'error',
  fix: 'unsafe',
  overriddenBy: ['loss', 'batches'],
  docs: `## What it does
Flags a transformers \`Trainer\` with no \`data_collator=\` whose tokenized training dataset has no labels
(\`labels\`, or \`label\` / \`label_ids\` for classification).

## Why is this bad?
Without \`data_collator=\`, the \`Trainer\` uses \`default_data_collator\` (or \`DataCollatorWithPadding\` when it
has a tokenizer). Neither creates labels: they only stack or pad the columns the dataset has. The model
then returns no loss and training stops once the model has loaded:
\`ValueError: The model did not return a loss from the inputs, only the following keys: logits. For reference,
the inputs it received are input_ids,attention_mask.\` Datasets for heads that take other targets
(\`start_positions\`/\`end_positions\` for question answering) and trainers with \`label_names=\` or
\`compute_loss_func=\` are not flagged.

It also flags a plain \`Trainer\` given rows it cannot use at all: a dataset whose known columns are all text
(\`text\`, \`instruction\`/\`output\`, \`messages\`…), none an input of the model's \`forward\`. The \`Trainer\` does
not tokenize; with \`remove_unused_columns\` at its default \`True\` it drops every column the forward does not take
and raises \`ValueError: No columns in the dataset match the model's forward method signature\` when none is left
(transformers \`trainer.py\`, \`Trainer._remove_unused_columns\`, checked on the stored snapshot 000945a of
huggingface/transformers; the same check and message are in the 4.x releases' tracebacks quoted in user reports).
This is reported only when every column is known (a local file, a literal, trainlint's table of known Hub
datasets, or a map that removes the rest), the model is loaded with a transformers class whose forward arguments
are known (\`AutoModelForCausalLM\`, \`…ForCausalLM\`, Unsloth's \`FastLanguageModel\`…), and
\`remove_unused_columns\` is not set to \`False\` or taken from the command line.
The data does not have to be readable: on a Hub dataset that is not cached, a map that tokenizes gives the
columns \`input_ids\` and \`attention_mask\` (a tokenizer call returns \`labels\` only with both a text and
\`text_target=\`: transformers \`tokenization_utils_base.py\`, \`PreTrainedTokenizerBase.__call__\`). If the map
removes every source column (\`remove_columns=ds.column_names\`) that proves there are no labels; if it keeps
some, the finding is only information that names the assumption ("unless roneneldan/TinyStories already holds
token-id labels"), and a classification head (\`…ForSequenceClassification\`), whose class ids the raw dataset
normally carries as \`label\`, is not flagged at all.
The message ends with what to do, and the masking preview says "No token is trained" first, from the same
verdict as TL001 (see its docs for the library sources).

A label column does not always mean token-id labels. When the rows' only label column holds one value per row (its
type is known: \`class_label[…]\` or a number, from a cached dataset's features or trainlint's table of known Hub
datasets, e.g. imdb's \`label\`, a ClassLabel) and the model is a causal LM (\`AutoModelForCausalLM\`,
\`…ForCausalLM\`, \`…LMHeadModel\`, Unsloth's \`FastLanguageModel\`), \`default_data_collator\` and
\`DataCollatorWithPadding\` hand it to the model as \`labels\` of shape [batch] (transformers
\`data/data_collator.py\`: \`torch_default_data_collator\` sets \`batch["labels"] = torch.tensor([f["label"] for f in
features])\`, \`DataCollatorWithPadding.__call__\` renames \`label\` to \`labels\`; the Trainer keeps \`label\` and
\`label_ids\` whatever the forward takes), and the causal LM loss flattens the logits to [batch × length, vocab]
against those [batch] targets (\`loss/loss_utils.py\`, \`ForCausalLMLoss\`): training fails with \`ValueError: Expected
input batch_size (…) to match target batch_size (…)\`. Checked on the stored huggingface/transformers files
\`src/transformers/data/data_collator.py\` (002786a) and \`src/transformers/loss/loss_utils.py\` (0114da0). A map that
writes the label column itself makes its type unknown, and nothing is said.

For a masked LM (\`…ForMaskedLM\`) the message says to pass \`DataCollatorForLanguageModeling(tokenizer)\`, which masks
tokens and builds the labels.

## Example
\`\`\`python
from datasets import Dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

ds = Dataset.from_dict({"text": ["hello", "world"]})
ds = ds.map(lambda b: tokenizer(b["text"], truncation=True), batched=True, remove_columns=["text"])
model = AutoModelForCausalLM.from_pretrained("gpt2")
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments, DataCollatorForLanguageModeling

ds = Dataset.from_dict({"text": ["hello", "world"]})
ds = ds.map(lambda b: tokenizer(b["text"], truncation=True), batched=True, remove_columns=["text"])
model = AutoModelForCausalLM.from_pretrained("gpt2")
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds,
                  data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
\`\`\`

## Fix safety
Adding \`data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False)\` is unsafe: it trains a causal
LM on every token (labels are the input ids, padding masked by pad id, so an EOS that doubles as the pad
token is not learned, TL006). It is not offered when the model is loaded with another task head
(classification, question answering…), where the dataset needs real labels instead, when the rows carry
class-id labels (the collator alone does not remove them), when no tokenizer variable is in sight, or when
the tokenizer pads with its EOS (\`tok.pad_token = tok.eos_token\`: every EOS would be masked, TL006) or has no pad
token of its own that the script never sets (GPT-2, Llama 3: the collator's first batch raises "Asking to pad but the
tokenizer does not have a padding token", TL203). Applied with TL203's \`pad_token = eos_token\`, the two made the
TL006 pattern (highlearn/Fine_Tuning, Regrant-Dev/AI_Trainer, session 25).

## References
- project-baize/baize-chatbot#62; princeton-nlp/MeZO#19; unslothai/unsloth#1102
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.kind !== 'Trainer' || t.call.keywords.has('data_collator') || trainerArg(t, 'data_collator')) continue;
      const n = noLabelsFor(ctx.a, t);
      if (!n) {
        reportUntokenized(ctx, t);
        continue;
      }
      if (n.collatorArg) continue;
      const fixes: Fix[] = [];
      const tokArg = t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer');
      const tok = tokArg?.value.text ?? (ctx.facts.assignments.some((a) => a.target === 'tokenizer' && a.subscriptKey === undefined) ? 'tokenizer' : undefined);
      if (!n.headClass && !n.classIds && tok && !lmCollatorBreaks(ctx, tok, tokArg?.value)) {
        fixes.push({
          title: `Add data_collator=DataCollatorForLanguageModeling(${tok}, mlm=False)`,
          applicability: 'unsafe',
          edits: [addKeyword(ctx.source, t.call, `data_collator=DataCollatorForLanguageModeling(${tok}, mlm=False)`),
            ...ensureImport(ctx, 'transformers', 'DataCollatorForLanguageModeling', t.call.node)],
        });
      }
      const { severity, message } = gradeNoLabels(ctx, n, `${t.kind} has no \`data_collator=\`, so it uses ${n.collator}`);
      ctx.report({
        node: t.call.callee,
        severity,
        message,
        related: datasetTrail(n.dataset),
        fixes,
      });
    }
  },
};
function reportUntokenized(ctx: RuleContext, t: TrainerFact): void {
  const u = untokenizedFor(ctx.a, t);
  if (!u) return;
  ctx.report({
    node: trainerArg(t, 'train_dataset')!.node,
    message: untokenizedMessage(u, t.kind),
    related: datasetTrail(u.dataset),
  });
}

export default rule;
