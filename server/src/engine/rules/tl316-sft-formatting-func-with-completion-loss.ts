import { hasAnyColumn } from '../dataset/columns';
import { columnsPhrase } from '../dataset/state';
import { insideExpectedRaise } from '../domain/expected-raise';
import { isTrainer, trainerArg } from '../domain/trainers';
import { lookupArg, preparationSkipped } from '../domain/training-args';
import { evaluate } from '../facts/values';
import type { Rule } from './rule';

/** First TRL whose `SFTTrainer.__init__` refuses the pair (huggingface/trl#3385, in v0.18.0). */
const REFUSED_FROM = '0.18';
/** First TRL whose default counts on a `completion` column too, not only `prompt` (v0.24.0 `sft_trainer.py`). */
const BOTH_COLUMNS_FROM = '0.24';

const rule: Rule = {
  code: 'TL316',
  name: 'sft-formatting-func-with-completion-loss',
  severity: 'error',
  fix: 'none',
  requires: ['formatting_func'],
  docs: `## What it does
Flags \`SFTTrainer(formatting_func=…)\` when completion-only loss is on: \`SFTConfig(completion_only_loss=True)\`, or the
option left at its default (\`None\`) with a training set that is prompt-completion (a \`prompt\` and a \`completion\`
column; a \`prompt\` column is enough on TRL 0.18–0.23). An error on TRL ≥ 0.18; on TRL 0.17 the default case is a
warning (the formatted text is computed and then not used); unknown TRL: information. Not flagged: dataset preparation
skipped (\`dataset_kwargs={"skip_prepare_dataset": True}\`, or a training set with an \`image\`/\`images\` column, which
TRL ≥ 0.24 does not prepare), \`completion_only_loss=False\`, a value or columns the script does not show, and a trainer
built inside \`pytest.raises\`/\`assertRaises\`.

## Why is this bad?
A formatting function turns each row into one text, which is a language-modeling row: there is no prompt left to mask.
From TRL 0.18 \`SFTTrainer.__init__\` refuses the pair before anything is prepared: "ValueError: A formatting function
was provided while \`completion_only_loss=True\`, which is incompatible. Using a formatter converts the dataset to a
language modeling type, conflicting with completion-only loss." (huggingface/trl#3385; \`trl/trainer/sft_trainer.py\` at
v0.18.0, v0.19.0, v0.23.0, v0.29.0, v1.0.0 and v1.9.0: \`if self.completion_only_loss and formatting_func: raise
ValueError\`, checked unless \`skip_prepare_dataset\`). When \`completion_only_loss\` is not set, \`self.completion_only_loss\`
is \`"prompt" in dataset_sample\` (v0.17.0–v0.23.0) and \`"prompt" in dataset_sample and "completion" in dataset_sample\`
(v0.24.0–v1.9.0), so a prompt-completion dataset turns it on by itself. TRL 0.17.0 had no check and its tokenizer
took the prompt-completion path whenever a \`prompt\` column exists: the function's "text" was written and never read
(huggingface/trl#3343, "formatting_func ignored.. with completion only loss").

## Example
\`\`\`python
from datasets import Dataset
from trl import SFTConfig, SFTTrainer

dataset = Dataset.from_list([{"prompt": "What is 2 + 2?", "completion": "4"}])

def to_text(example):
    return f"Question: {example['prompt']}\\nAnswer: {example['completion']}"

trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", train_dataset=dataset, formatting_func=to_text,
                     args=SFTConfig(output_dir="out", completion_only_loss=True))
\`\`\`

## Use instead
\`\`\`python
from datasets import Dataset
from trl import SFTConfig, SFTTrainer

dataset = Dataset.from_list([{"prompt": "Question: What is 2 + 2?\\nAnswer: ", "completion": "4"}])

trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", train_dataset=dataset,
                     args=SFTConfig(output_dir="out", completion_only_loss=True))
\`\`\`

Format the prompt into the \`prompt\` column before training (the loss stays on the completion), or keep the formatting
function and set \`completion_only_loss=False\` (the loss is then on the whole text).

## Fix safety
No fix: which of the two the author wants (loss on the completion, or on the formatted text) is theirs to choose.

## References
- huggingface/trl#3343 (TRL 0.17, the function's output ignored), #3385 (the ValueError), transformerlab/transformerlab-app#541
  (the ValueError on a prompt/completion dataset with a formatting template)
- huggingface/trl \`trl/trainer/sft_trainer.py\` \`SFTTrainer.__init__\` at v0.17.0, v0.18.0, v0.19.0, v0.23.0, v0.24.0,
  v0.29.0, v1.0.0, v1.9.0; \`_prepare_dataset\` at v0.17.0 (\`tokenize\`: \`if "prompt" in example\`)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!isTrainer(t, ['SFTTrainer'], ['trl', 'unsloth']) || insideExpectedRaise(t.call.node)) continue;
      const fn = t.call.keywords.get('formatting_func');
      if (!fn || fn.value.type === 'none') continue;
      if (preparationSkipped(ctx.facts, t) !== false) continue;
      const option = lookupArg(ctx.facts, t, 'completion_only_loss');
      if (option.unknown) continue;
      const value = option.arg ? evaluate(ctx.facts, option.arg.value) : undefined;
      if (option.arg && value?.kind !== 'bool' && value?.kind !== 'none') continue;
      if (value?.kind === 'bool' && !value.value) continue;
      const explicit = value?.kind === 'bool';
      const dataset = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      if (hasAnyColumn(dataset, ['image', 'images']).has !== false) {
        // Unknown columns: only an explicit `True` is still the pair, and only when no column can make TRL skip the step.
        if (!explicit || (dataset && hasAnyColumn(dataset, ['image', 'images']).has === true)) continue;
      }
      const fix = 'Format the prompt into the `prompt` column before training (the loss stays on the completion), or keep the function and set `completion_only_loss=False` (the loss is then on the whole text).';
      if (explicit) {
        const v = ctx.version('trl', { from: REFUSED_FROM });
        if (!v.severity) continue;
        ctx.report({
          node: fn.node,
          severity: v.severity,
          message: `\`formatting_func\` with \`completion_only_loss=True\`: a formatting function makes each row one text, with no prompt left to mask, and from TRL 0.18 SFTTrainer refuses the pair before training, "ValueError: A formatting function was provided while \`completion_only_loss=True\`, which is incompatible"${v.note}. ${fix}`,
          related: [{ node: option.arg!.node, message: 'completion-only loss turned on here' }],
        });
        continue;
      }
      // The default turns it on for a prompt-completion training set (a `prompt` column alone before TRL 0.24).
      if (!dataset || hasAnyColumn(dataset, ['prompt']).has !== true) continue;
      const completion = hasAnyColumn(dataset, ['completion']).has === true;
      const cols = columnsPhrase(dataset);
      const refused = ctx.version('trl', completion ? { from: REFUSED_FROM } : { from: REFUSED_FROM, before: BOTH_COLUMNS_FROM });
      if (refused.severity) {
        const need = completion ? '"prompt" and "completion" columns' : 'a "prompt" column (enough before TRL 0.24)';
        ctx.report({
          node: fn.node,
          severity: refused.severity,
          message: `\`formatting_func\` on a training set with ${need} (${cols}): \`completion_only_loss\` left at its default turns completion-only loss on for such a set, a formatting function makes each row one text with no prompt left to mask, and from TRL 0.18 SFTTrainer refuses the pair before training, "ValueError: A formatting function was provided while \`completion_only_loss=True\`, which is incompatible"${refused.note}. ${fix}`,
          related: [{ node: dataset.origin, message: `the training set (${dataset.originLabel})` }],
        });
        continue;
      }
      const ignored = ctx.version('trl', { from: '0.17', before: REFUSED_FROM }, 'warning');
      if (ignored.gate !== 'affected') continue;
      ctx.report({
        node: fn.node,
        severity: 'warning',
        message: `The training set has a "prompt" column (${cols}): TRL 0.17 tokenizes \`prompt\` + \`completion\` whenever a row has a "prompt", so the text \`${fn.value.text}\` builds is written and never trained on${ignored.note} (huggingface/trl#3343). Format the prompt into the \`prompt\` column instead and drop \`formatting_func\`.`,
        related: [{ node: dataset.origin, message: `the training set (${dataset.originLabel})` }],
      });
    }
  },
};
export default rule;
