import type { Severity } from '../diagnostics';
import { processorVerdict } from '../domain/processors';
import { tokenizerOrigin } from '../domain/tokenizers';
import type { TrainerFact } from '../domain/trainers';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The first TRL release whose `GRPOTrainer` takes a processor (`ProcessorMixin`) as `processing_class`. */
const ACCEPTED = '0.20';
/** From TRL 0.17 `GRPOTrainer.__init__` reads `processing_class.pad_token` outside any branch (v0.17.0, v0.18.0, v0.19.1). */
const UNCONDITIONAL_READ = '0.17';

const rule: Rule = {
  code: 'TL526',
  name: 'grpo-processor-before-vision',
  severity: 'error',
  fix: 'none',
  requires: ['processing_class'],
  docs: `## What it does
Flags \`GRPOTrainer(processing_class=<processor>)\` on TRL before 0.20: a vision-language model's processor
(\`Qwen2_5_VLProcessor.from_pretrained(…)\`, or \`AutoProcessor.from_pretrained(…)\` of a model id that names a
vision model) where the installed TRL's GRPOTrainer takes only a tokenizer.

## Why is this bad?
Before TRL 0.20, \`GRPOTrainer.__init__\` treats \`processing_class\` as a tokenizer: it reads
\`processing_class.pad_token\` (0.16–0.19) or \`processing_class.pad_token_id\` (0.14–0.15) while the trainer is built.
A transformers processor (\`ProcessorMixin\`) holds its tokenizer as \`processor.tokenizer\` and does not forward those
attributes to it, so building the trainer raises
\`AttributeError: 'Qwen2_5_VLProcessor' object has no attribute 'pad_token_id'\` (unslothai/unsloth#1776), after the
model has loaded. TRL 0.20 added vision-language GRPO: the trainer takes a tokenizer or a processor and reads the pad
token from \`processing_class.tokenizer\`. The rule is silent on TRL ≥ 0.20.

The severity follows what the script shows. An error needs both a TRL pin below 0.20 and a value that is a processor
for certain: a model's own processor class, or \`AutoProcessor\` of a model id that names a vision model
(\`…-VL-…\`, \`llava\`, \`paligemma\`, \`idefics\`, \`smolvlm\`, \`gemma-3-4b\`, …); \`AutoProcessor\` of a text-only model
returns its tokenizer, which works, so that is silent. With the TRL version unknown the finding is information; with a TRL pin
below 0.20 it is information too when the value is only perhaps a processor (\`AutoProcessor\` of a model id the script
does not fix) or when Unsloth is imported (its \`FastVisionModel.from_pretrained\` returns the processor of a vision
model only when the checkpoint's config names a vision architecture, and before TRL 0.17 the read sits in the
\`else\` of \`if self.use_vllm:\`, which Unsloth's patched trainer skips when the model carries a vLLM engine). With
Unsloth, a processor for certain and a TRL pin from 0.17 to 0.19 it is an error: those releases read
\`processing_class.pad_token\` in \`__init__\` outside any branch, and Unsloth's patch of \`GRPOTrainer.__init__\` (the
PEFT and vLLM blocks) leaves that line as TRL wrote it at every release read (unslothai/unsloth \`unsloth/models/rl.py\`
\`patch_functions\` and \`rl_replacements.py\` at the 2025-02-v2, 2025-03, May-2025, June-2025, July-2025 and
August-2025 tags and at 015bdef0: its processor-aware pad-token fallback is for the ORPO and CPO trainers only). Both unknown at once (the TRL version and the processor, or the TRL version with Unsloth) is silent: an
unpinned install takes the newest TRL, and Unsloth's own vision GRPO notebooks install no TRL pin.

## Example
\`\`\`python
# pip install trl==0.19.1 transformers==4.53.0
from transformers import AutoProcessor
from trl import GRPOConfig, GRPOTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
trainer = GRPOTrainer(model="Qwen/Qwen2.5-VL-3B-Instruct", reward_funcs=[reward_len],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds, processing_class=processor)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.20.0 transformers==4.53.0
from transformers import AutoProcessor
from trl import GRPOConfig, GRPOTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
trainer = GRPOTrainer(model="Qwen/Qwen2.5-VL-3B-Instruct", reward_funcs=[reward_len],
                      args=GRPOConfig(output_dir="out"), train_dataset=ds, processing_class=processor)
\`\`\`
(or, for text-only GRPO on the older TRL, \`processing_class=processor.tokenizer\`).

## Fix safety
No fix: upgrading TRL and passing \`processor.tokenizer\` (which drops the images) are different choices.

## References
- huggingface/trl \`trl/trainer/grpo_trainer.py\`: at v0.15.1 \`processing_class: Optional[PreTrainedTokenizerBase]\`
  and \`pad_token_id=processing_class.pad_token_id\` in \`__init__\`; at v0.19.0 and v0.19.1
  \`if processing_class.pad_token is None:\` and \`"pad_token_id": processing_class.pad_token_id\`; at v0.20.0
  \`processing_class: Optional[Union[PreTrainedTokenizerBase, ProcessorMixin]]\`, \`tokenizer = processing_class.tokenizer\`
  for a \`ProcessorMixin\`, and \`AutoProcessor.from_pretrained\` as the default
- huggingface/transformers \`src/transformers/processing_utils.py\` at v4.49.0, v4.53.0 and v4.57.0: \`ProcessorMixin\`
  defines no \`__getattr__\` that forwards to its tokenizer
- unslothai/unsloth#1776 (2025-02: the GRPO notebook with Qwen2.5-VL on TRL 0.15.1); unslothai/unsloth
  \`unsloth/models/rl_replacements.py\`@015bdef0 (\`getattr(self.processing_class, "tokenizer", self.processing_class)\`
  replacements)
`,
  check(ctx) {
    for (const t of ctx.trainers as readonly TrainerFact[]) {
      if (t.kind !== 'GRPOTrainer') continue;
      const arg = t.call.keywords.get('processing_class');
      if (!arg) continue;
      const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, arg.value);
      const p = origin && processorVerdict(origin);
      if (!p) continue;
      const v = ctx.version('trl', { before: ACCEPTED });
      if (v.gate === 'unaffected') continue;
      const unsloth = ctx.unsloth.patches || origin.kind === 'unsloth';
      // Two guesses stacked (the version and the processor, or Unsloth's patches) say nothing: an unpinned install takes
      // the newest TRL (Unsloth's vision GRPO notebooks, huggingface/trl's own tests).
      if (v.gate === 'unknown' && (!p.proven || unsloth)) continue;
      // TRL 0.17–0.19 read `processing_class.pad_token` unconditionally in `__init__`, and Unsloth's patch leaves that
      // line as TRL wrote it: a proven processor fails with Unsloth too. Before 0.17 the read sits in the branch without
      // vLLM, which Unsloth takes only when the model has no vLLM engine: not proven.
      const unslothKeeps = unsloth && p.proven && ctx.version('trl', { from: UNCONDITIONAL_READ, before: ACCEPTED }).gate === 'affected';
      const severity: Severity = p.proven && (!unsloth || unslothKeeps) ? v.severity! : 'information';
      const assumed = unslothKeeps ? '; Unsloth\'s patched GRPOTrainer keeps that `__init__` line as TRL wrote it'
        : unsloth ? '; Unsloth\'s patched GRPOTrainer is assumed to keep those reads' : '';
      ctx.report({
        node: arg.node,
        severity,
        message: `\`processing_class=\` is a processor, ${p.what}, and GRPOTrainer takes only a tokenizer before TRL ${ACCEPTED}${v.note}: `
          + `its \`__init__\` reads \`processing_class.pad_token\`/\`pad_token_id\`, which a processor does not have (AttributeError${assumed}); `
          + `use TRL ≥ ${ACCEPTED} (vision-language GRPO), or pass \`processor.tokenizer\` for text-only training.`,
      });
    }
  },
};

export default rule;
