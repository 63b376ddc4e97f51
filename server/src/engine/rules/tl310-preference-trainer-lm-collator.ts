import { insideExpectedRaise } from '../domain/expected-raise';
import { callName, isLibraryCall, trainerPackage, type TrainerFact } from '../domain/trainers';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import { removeArgument } from './edits';
import type { Rule } from './rule';

/**
 * The preference trainers and what their rows hold when they reach the collator (huggingface/trl): each tokenizes
 * into paired columns and no `input_ids` (`dpo_trainer.py` `tokenize_row` v0.12.0–v0.28.0, `prompt_ids`/`chosen_ids`/
 * `rejected_ids` from v0.29.0; ORPO/CPO `tokenize_row` into `chosen_input_ids`/`rejected_input_ids`…; KTO
 * `prompt_input_ids`/`completion_input_ids`, `prompt_ids`/`completion_ids` in v1.9.0; RewardTrainer
 * `input_ids_chosen`/`input_ids_rejected` up to v0.23.0, `chosen_input_ids`… in v0.24.0, `chosen_ids`… from v1.0.0).
 */
const PREFERENCE: Readonly<Record<string, string>> = {
  DPOTrainer: '`prompt_input_ids`, `chosen_input_ids`, `rejected_input_ids` (`prompt_ids`, `chosen_ids`, `rejected_ids` from TRL 0.29)',
  ORPOTrainer: '`prompt_input_ids`, `chosen_input_ids`, `rejected_input_ids` and their labels',
  CPOTrainer: '`prompt_input_ids`, `chosen_input_ids`, `rejected_input_ids` and their labels',
  KTOTrainer: '`prompt_input_ids`, `completion_input_ids` (`prompt_ids`, `completion_ids` in TRL 1.x)',
  RewardTrainer: '`input_ids_chosen`, `input_ids_rejected` (`chosen_ids`, `rejected_ids` in TRL 1.x)',
};

/** Collators that pad a batch with `tokenizer.pad` (which needs the model's main input, `input_ids`). */
const PAD_COLLATORS = ['DataCollatorForLanguageModeling', 'DataCollatorWithPadding', 'DataCollatorForSeq2Seq', 'DataCollatorForTokenClassification'];

/** The failure of a batch without `input_ids` in the collator `call`. */
function failure(call: CallFact): string | undefined {
  if (isLibraryCall(call, PAD_COLLATORS, ['transformers'])) {
    return 'pads each batch with `tokenizer.pad`, which raises "ValueError: You should supply an encoding or a list of encodings to this method that includes input_ids, but you provided [...]"';
  }
  // DataCollatorForCompletionOnlyLM (TRL ≤ 0.19) is transformers' LM collator underneath.
  if (isLibraryCall(call, ['DataCollatorForCompletionOnlyLM'], ['trl'])) {
    return 'pads each batch with transformers\' `DataCollatorForLanguageModeling`, whose `tokenizer.pad` raises "ValueError: You should supply an encoding or a list of encodings to this method that includes input_ids, but you provided [...]"';
  }
  // TRL's own LM collator (trl/trainer/sft_trainer.py from v0.19.0) reads `example["input_ids"]`.
  if (isLibraryCall(call, ['DataCollatorForLanguageModeling'], ['trl'])) return 'reads `example["input_ids"]` and raises "KeyError: \'input_ids\'"';
  return undefined;
}

function datasetHasInputIds(ctx: RuleContext, t: TrainerFact): boolean {
  const arg = t.call.keywords.get('train_dataset');
  const ds = arg ? ctx.datasets.at(arg.value) : undefined;
  return !!ds && (!!ds.columns?.includes('input_ids') || !!ds.known?.present.includes('input_ids'));
}

const rule: Rule = {
  code: 'TL310',
  name: 'preference-trainer-lm-collator',
  severity: 'error',
  fix: 'safe',
  requires: ['data_collator'],
  overriddenBy: ['loss', 'batches', 'preparation'],
  docs: `## What it does
Flags a language-modelling or padding collator (\`DataCollatorForLanguageModeling\`, \`DataCollatorWithPadding\`,
\`DataCollatorForSeq2Seq\`, \`DataCollatorForTokenClassification\`, TRL's \`DataCollatorForCompletionOnlyLM\` or its own
\`DataCollatorForLanguageModeling\`) passed as \`data_collator=\` to a preference trainer: \`DPOTrainer\`,
\`ORPOTrainer\`, \`CPOTrainer\`, \`KTOTrainer\` or \`RewardTrainer\`.

## Why is this bad?
A preference trainer tokenizes each row into paired columns (\`prompt_input_ids\`, \`chosen_input_ids\`,
\`rejected_input_ids\` for DPO, \`completion_input_ids\` for KTO, \`input_ids_chosen\`/\`input_ids_rejected\` for the
reward trainer; renamed \`…_ids\` in later releases) and has no \`input_ids\` column; only its own collator
(\`DataCollatorForPreference\`, \`DPODataCollatorWithPadding\`, \`RewardDataCollatorWithPadding\`) knows how to pad
them. A user collator replaces it, and the trainer uses it as given. The transformers collators pad with
\`tokenizer.pad\`, which refuses a batch without the model's main input: the first batch raises
\`ValueError: You should supply an encoding or a list of encodings to this method that includes input_ids, but you
provided ['prompt_input_ids', 'chosen_input_ids', 'rejected_input_ids']\`, after the model has loaded and the dataset
has been tokenized. TRL's own \`DataCollatorForLanguageModeling\` raises \`KeyError: 'input_ids'\`. In the trainers
that do not set their signature columns (ORPO, CPO, KTO before 1.x, DPO before 0.12, the reward trainer before 0.24),
\`remove_unused_columns=True\` drops every paired column first, and transformers raises \`ValueError: No columns in
the dataset match the model's forward method signature\` instead. Every release of these trainers behaves so; Unsloth
only swaps one of these collators for the other (\`unsloth/models/rl.py\`, "Check data collator if it's correct!"),
which pads the same way.

A training dataset known to have an \`input_ids\` column is left alone (it fails differently), as are trainer
subclasses that build their own batches or loss, and calls inside \`pytest.raises\`.

## Example
\`\`\`python
from transformers import DataCollatorForLanguageModeling
from trl import DPOConfig, DPOTrainer

collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="out"), train_dataset=ds,
                     processing_class=tokenizer, data_collator=collator)
\`\`\`

## Use instead
\`\`\`python
from transformers import DataCollatorForLanguageModeling
from trl import DPOConfig, DPOTrainer

collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
trainer = DPOTrainer(model=model, args=DPOConfig(output_dir="out"), train_dataset=ds,
                     processing_class=tokenizer)
\`\`\`

## Fix safety
Removing \`data_collator=\` is safe: without it every release uses the trainer's own preference collator (and the
releases before TRL 0.12 also turn \`remove_unused_columns\` off for it).

## References
- huggingface/trl \`trl/trainer/dpo_trainer.py\`: v0.11.0 (\`if data_collator is None: … DPODataCollatorWithPadding\`,
  \`use_dpo_data_collator = False\` otherwise), v0.12.0–v0.28.0 (\`DataCollatorForPreference\`, signature columns
  \`prompt_input_ids\`, \`chosen_input_ids\`, \`rejected_input_ids\`), v1.0.0 and v1.9.0 (\`prompt_ids\`, \`chosen_ids\`,
  \`rejected_ids\`)
- huggingface/trl \`trl/trainer/orpo_trainer.py\`, \`cpo_trainer.py\`, \`kto_trainer.py\` (v0.9.6–v0.24.0, then
  \`trl/experimental/…\`), \`reward_trainer.py\` (v0.9.6–v1.9.0)
- transformers \`tokenization_utils_base.py\` \`PreTrainedTokenizerBase.pad\`: "You should supply an encoding or a list
  of encodings to this method that includes {model_input_names[0]}"
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      const columns = PREFERENCE[t.kind];
      if (!columns) continue;
      const pkg = trainerPackage(t);
      if (pkg !== 'trl' && pkg !== 'unsloth') continue;
      if (insideExpectedRaise(t.call.node)) continue;
      const arg = t.call.keywords.get('data_collator');
      if (!arg) continue;
      const call = ctx.callOf(arg.value);
      if (!call) continue;
      const what = failure(call);
      if (!what || datasetHasInputIds(ctx, t)) continue;
      const name = callName(call);
      ctx.report({
        node: arg.node,
        message: `${t.kind} gets \`${name}\` as its collator, but it tokenizes each row into ${columns}, with no \`input_ids\`, and only its own preference collator pads those: \`${name}\` ${what} at the first batch, after the model has loaded (or, where \`remove_unused_columns=True\` drops those columns first, "ValueError: No columns in the dataset match the model's forward method signature"; every TRL release). Remove \`data_collator=\`: the trainer's default collator pads chosen and rejected.`,
        related: call.node.id !== arg.value.id ? [{ node: call.node, message: `the ${name}` }] : [],
        fixes: [{ title: 'Remove data_collator= (the trainer\'s own preference collator pads these rows)', applicability: 'safe', edits: [removeArgument(ctx.source, t.call, arg)] }],
      });
    }
  },
};
export default rule;
