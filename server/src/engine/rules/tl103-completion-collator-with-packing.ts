import { isCompletionOnlyCollator } from '../domain/collators';
import { isSftLike, trainerArg } from '../domain/trainers';
import { evaluateBool } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL103',
  name: 'completion-collator-with-packing',
  severity: 'error',
  fix: 'safe',
  overriddenBy: ['batches', 'preparation'],
  requires: ['DataCollatorForCompletionOnlyLM'],
  docs: `## What it does
Flags an \`SFTTrainer\` that combines \`data_collator=DataCollatorForCompletionOnlyLM(...)\` with
\`packing=True\` (on the trainer or in its \`SFTConfig\`).

## Why is this bad?
The completion-only collator searches each row for the response template and masks everything
before it. Packed rows hold several samples, so it cannot work: TRL ≤ 0.14 raises
\`ValueError: You passed a DataCollatorForCompletionOnlyLM to the SFTTrainer. This is not compatible
with the packing argument.\`; TRL 0.15–0.19 pack anyway and the collator trains only what follows the
last response template of each packed row. The collator was removed in TRL 0.20 (see TL505), where
\`completion_only_loss=True\` works with packing.

## Example
\`\`\`python
from trl import SFTTrainer, SFTConfig, DataCollatorForCompletionOnlyLM

collator = DataCollatorForCompletionOnlyLM("### Answer:", tokenizer=tokenizer)
trainer = SFTTrainer(model=model, train_dataset=ds, data_collator=collator,
                     args=SFTConfig(output_dir="out", packing=True))
\`\`\`

## Use instead
\`\`\`python
from trl import SFTTrainer, SFTConfig, DataCollatorForCompletionOnlyLM

collator = DataCollatorForCompletionOnlyLM("### Answer:", tokenizer=tokenizer)
trainer = SFTTrainer(model=model, train_dataset=ds, data_collator=collator,
                     args=SFTConfig(output_dir="out", packing=False))
\`\`\`

## Fix safety
Setting \`packing=False\` is safe: it restores the only mode this collator supports. Training takes
longer on short samples.

## References
- huggingface/trl#1163, #772; unslothai/unsloth#109
- TRL source: the ValueError in \`SFTTrainer.__init__\` up to v0.14; the collator removed in v0.20
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!isSftLike(t)) continue;
      const collatorArg = trainerArg(t, 'data_collator');
      const collator = ctx.callOf(collatorArg?.value);
      if (!collator || !isCompletionOnlyCollator(collator)) continue;
      const packing = trainerArg(t, 'packing');
      if (!packing || evaluateBool(ctx.facts, packing.value) !== true) continue;
      const v = ctx.version('trl', { before: '0.20' });
      if (!v.severity) continue;
      ctx.report({
        node: packing.node,
        severity: v.severity,
        message: `\`packing=True\` cannot be combined with DataCollatorForCompletionOnlyLM: TRL ≤ 0.14 raises a ValueError, later versions pack several samples per row and train only after the last response template${v.note}. Set \`packing=False\`.`,
        related: [{ node: collator.node, message: 'DataCollatorForCompletionOnlyLM created here' }],
        fixes: [{ title: 'Set packing=False', applicability: 'safe', edits: [replaceNode(ctx.source, packing.value, 'False')] }],
      });
    }
  },
};
export default rule;
