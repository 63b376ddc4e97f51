import { hasAnyColumn } from '../dataset/columns';
import { insideExpectedRaise } from '../domain/expected-raise';
import { isTrainer, trainerArg } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { evaluate } from '../facts/values';
import type { Rule } from './rule';

/** `SFTConfig.max_length`'s default from TRL 1.0 (huggingface/trl v1.0.0 and v1.9.0 `trl/trainer/sft_config.py`). */
const DEFAULT_MAX_LENGTH = 1024;

const rule: Rule = {
  code: 'TL314',
  name: 'sft-padding-free-without-packing',
  severity: 'error',
  fix: 'none',
  requires: ['padding_free'],
  docs: `## What it does
Flags \`padding_free=True\` on TRL's \`SFTTrainer\` (its \`SFTConfig\`) without \`packing=True\` while \`max_length\` is not
None (set to a number, or left at its default of 1024), on TRL ≥ 1.0. An unknown TRL version is information naming
that range; TRL before 1.0 is silent. Not flagged: \`packing\` or \`max_length\` that the script does not show as literal
values (an expression, \`**kwargs\`, a later \`args.packing = …\`), a custom \`data_collator=\` (TRL refuses that with
padding-free for its own reason), a training set known to hold \`image\`/\`images\` columns (that check exempts it; the
vision-language checks before it refuse padding-free their own way), Unsloth, whose patched trainer sets padding-free up
itself, and a trainer built inside \`pytest.raises\`/\`assertRaises\` (a test that expects the ValueError).

## Why is this bad?
Padding-free batches are flattened into one sequence, so TRL's collator cannot cut them to \`max_length\` (it is built
with \`max_length=None\` when padding-free). From TRL 1.0 (huggingface/trl#5359) \`SFTTrainer.__init__\` refuses the
combination instead of ignoring \`max_length\`: "ValueError: When \`padding_free=True\` without packing, \`max_length\` is not
enforced. Either enable packing (e.g., \`packing=True, packing_strategy='bfd'\`), provide already truncated inputs, or
set \`max_length=None\`." (\`trl/trainer/sft_trainer.py\` at v1.0.0, v1.4.0, v1.5.0 and v1.9.0: \`if self.padding_free and
not args.packing and args.max_length is not None and not self._is_vision_dataset: raise ValueError\`; absent at v0.29.1
and v1.0.0rc1). The default \`max_length\` is 1024 (\`trl/trainer/sft_config.py\` v1.0.0), so \`SFTConfig(padding_free=True)\`
alone fails before training starts (TRL's own test hit it: huggingface/trl#5923).

## Example
\`\`\`python
from trl import SFTConfig, SFTTrainer

args = SFTConfig(output_dir="out", padding_free=True, per_device_train_batch_size=4)
trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", args=args, train_dataset=dataset)
\`\`\`

## Use instead
\`\`\`python
from trl import SFTConfig, SFTTrainer

args = SFTConfig(output_dir="out", padding_free=True, packing=True, per_device_train_batch_size=4)
trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", args=args, train_dataset=dataset)
\`\`\`

Or keep padding-free without packing and set \`max_length=None\` after truncating the data yourself.

## Fix safety
No fix: packing changes what a batch holds, and \`max_length=None\` stops truncation; which one is the author's choice.

## References
- huggingface/trl#5923 (TRL's \`test_train_padding_free\` built \`SFTConfig(padding_free=True)\` without packing), the
  guard from huggingface/trl#5359
- huggingface/trl \`trl/trainer/sft_trainer.py\` \`SFTTrainer.__init__\` at v1.0.0, v1.4.0, v1.5.0, v1.9.0 (the ValueError
  above) and v0.29.1 (no such check); \`trl/trainer/sft_config.py\` v1.0.0 (\`max_length\` 1024, \`packing\` False,
  \`padding_free\` False)
`,
  check(ctx) {
    if (ctx.unsloth.imported) return;
    for (const t of ctx.trainers) {
      if (!isTrainer(t, ['SFTTrainer'], ['trl']) || t.call.keywords.has('data_collator') || insideExpectedRaise(t.call.node)) continue;
      const free = lookupArg(ctx.facts, t, 'padding_free').arg;
      const freeValue = free && evaluate(ctx.facts, free.value);
      if (!free || freeValue?.kind !== 'bool' || !freeValue.value) continue;
      const packing = lookupArg(ctx.facts, t, 'packing');
      if (packing.unknown) continue;
      if (packing.arg) {
        const p = evaluate(ctx.facts, packing.arg.value);
        if (p.kind !== 'bool' || p.value) continue;
      }
      if (lookupArg(ctx.facts, t, 'max_seq_length').arg) continue;
      const length = lookupArg(ctx.facts, t, 'max_length');
      if (length.unknown) continue;
      const lengthValue = length.arg ? evaluate(ctx.facts, length.arg.value) : undefined;
      if (length.arg && lengthValue?.kind !== 'num') continue;
      const lengthText = lengthValue?.kind === 'num' ? `\`max_length=${lengthValue.value}\`` : `\`max_length\` at its default ${DEFAULT_MAX_LENGTH}`;
      const dataset = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      if (hasAnyColumn(dataset, ['image', 'images']).has === true) continue;
      const v = ctx.version('trl', { from: '1.0' });
      if (!v.severity) continue;
      ctx.report({
        node: free.node,
        severity: v.severity,
        message: `\`padding_free=True\` without packing and with ${lengthText}: from TRL 1.0 SFTTrainer refuses it before training, "ValueError: When \`padding_free=True\` without packing, \`max_length\` is not enforced"${v.note}. Set \`packing=True\`, or \`max_length=None\` with inputs already truncated.`,
      });
    }
  },
};
export default rule;
