import { insideExpectedRaise } from '../domain/expected-raise';
import { traceModel } from '../domain/model-trace';
import { trainerModelArg } from '../domain/models';
import { processorVerdict, VISION_ID } from '../domain/processors';
import { tokenizerOrigin } from '../domain/tokenizers';
import { isTrainer, type TrainerFact } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { evaluate } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** TRL's first release whose SFTTrainer refuses these options for a processor (huggingface/trl v0.22.0). */
const FROM = '0.22';
/**
 * The release after the last one read (v1.9.0; the snapshot's head of 2026-07-24 is the same): trl#6547 (merged
 * 2026-07-26) gates the checks on image rows instead, so later releases are not claimed.
 */
const BEFORE = '1.10';

/** The options TRL refuses for a vision-language model, with the ValueError each raises. */
const OPTIONS: ReadonlyArray<{ name: string; error: string }> = [
  { name: 'packing', error: 'Packing is not supported for vision-language models. Please set `packing=False` in the SFTConfig.' },
  { name: 'padding_free', error: 'Padding-free training is yet not supported for vision-language models. Please set `padding_free=False` in the `SFTConfig`.' },
  { name: 'assistant_only_loss', error: 'Assistant-only loss is not yet supported for vision-language models. Please set `assistant_only_loss=False` in the `SFTConfig`.' },
];

/** What makes the trainer's processing class a processor for certain, or undefined when the script does not prove it. */
function provenProcessor(ctx: RuleContext, t: TrainerFact): string | undefined {
  const arg = t.call.keywords.get('processing_class');
  if (arg) {
    const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, arg.value);
    const p = origin && origin.kind === 'auto' ? processorVerdict(origin) : undefined;
    return p?.proven ? `\`processing_class\` is ${p.what}` : undefined;
  }
  if (t.call.hasSplat) return undefined;
  // Without `processing_class`, SFTTrainer loads `AutoProcessor.from_pretrained(<the model's id>)`: a processor for a
  // vision-language checkpoint.
  const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
  if (trace.load?.unsloth) return undefined;
  const id = trace.id ?? trace.load?.id;
  if (!id || !VISION_ID.test(id.split('/').pop() ?? '')) return undefined;
  return `no \`processing_class\` is given, so SFTTrainer loads \`AutoProcessor.from_pretrained("${id}")\`, a vision-language model's processor`;
}

const rule: Rule = {
  code: 'TL319',
  name: 'sft-vlm-option-unsupported',
  severity: 'error',
  fix: 'none',
  requires: ['packing', 'padding_free', 'assistant_only_loss'],
  docs: `## What it does
Flags \`packing=True\`, \`padding_free=True\` or \`assistant_only_loss=True\` (literal values of the \`SFTConfig\`) on TRL's
\`SFTTrainer\` whose processing class is provably a vision-language model's processor: a model's own processor class
(\`Qwen2_5_VLProcessor.from_pretrained(…)\`), \`AutoProcessor.from_pretrained(…)\` of a model id that names a vision
model (\`…-VL-…\`, \`llava\`, \`paligemma\`, \`idefics\`, \`smolvlm\`, \`gemma-3-4b\`, …), or no \`processing_class\` at all
with such a model, for which the trainer loads that processor itself.

## Why is this bad?
From TRL 0.22, \`SFTTrainer.__init__\` decides that it trains a vision-language model when its processing class is a
\`ProcessorMixin\` (\`self._is_vlm\`), and then refuses these three options before anything is trained: "ValueError:
Packing is not supported for vision-language models", "Padding-free training is yet not supported for vision-language
models", "Assistant-only loss is not yet supported for vision-language models". It does so whatever the dataset holds,
text-only conversations included (huggingface/trl#6545). Pass the tokenizer (\`processor.tokenizer\`) for text-only
training, or leave the option off.

An unknown TRL version gives information naming the range. Silent: TRL before 0.22 (no such check), TRL from 1.10
(trl#6547, merged after v1.9.0, gates the checks on image rows instead; not read here), a tokenizer, \`AutoProcessor\` of a
text-only model (it returns the tokenizer), a model id the script does not fix, an option that is not a literal, and
scripts that import Unsloth (its patched SFTTrainer is not read here).

## Example
\`\`\`python
# pip install trl==0.23.0
from transformers import AutoProcessor
from trl import SFTConfig, SFTTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
trainer = SFTTrainer(model="Qwen/Qwen2.5-VL-3B-Instruct", args=SFTConfig(output_dir="out", packing=True),
                     train_dataset=dataset, processing_class=processor)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.23.0
from transformers import AutoProcessor
from trl import SFTConfig, SFTTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
trainer = SFTTrainer(model="Qwen/Qwen2.5-VL-3B-Instruct", args=SFTConfig(output_dir="out", packing=False),
                     train_dataset=dataset, processing_class=processor)
\`\`\`

## Fix safety
No fix: turning the option off and training text-only through the tokenizer are different choices.

## References
- huggingface/trl \`trl/trainer/sft_trainer.py\`: \`if processing_class is None: processing_class =
  AutoProcessor.from_pretrained(…)\`, \`self._is_vlm = True\` for a \`ProcessorMixin\`, and \`if self._is_vlm and
  args.packing\` / \`args.padding_free\` / \`args.assistant_only_loss\`: \`raise ValueError(…)\` at v0.22.0, v0.25.0, v1.0.0,
  v1.4.0 and v1.9.0; none of the three at v0.21.0
- huggingface/trl#6545 (2026-07-26: "Packing is refused for VLMs even on text-only datasets"), #6547 (the re-gating
  on image rows, after v1.9.0), #4339
`,
  check(ctx) {
    if (ctx.unsloth.imported) return;
    for (const t of ctx.trainers) {
      if (!isTrainer(t, ['SFTTrainer'], ['trl']) || t.subclass || insideExpectedRaise(t.call.node)) continue;
      const on = OPTIONS.map((o) => ({ o, arg: lookupArg(ctx.facts, t, o.name).arg }))
        .filter(({ arg }) => { const v = arg && evaluate(ctx.facts, arg.value); return v?.kind === 'bool' && v.value; });
      if (!on.length) continue;
      const why = provenProcessor(ctx, t);
      if (!why) continue;
      const v = ctx.version('trl', { from: FROM, before: BEFORE });
      if (!v.severity) continue;
      for (const { o, arg } of on) {
        ctx.report({
          node: arg!.node,
          severity: v.severity,
          message: `\`${o.name}=True\` on a vision-language SFTTrainer: ${why}; TRL refuses the option before training, `
            + `"ValueError: ${o.error}"${v.note}. Set \`${o.name}=False\`, or pass the tokenizer (\`processor.tokenizer\`) for text-only training.`,
        });
      }
    }
  },
};

export default rule;
