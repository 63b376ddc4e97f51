import type { Node } from 'web-tree-sitter';
import type { ModelFamily } from '../domain/model-families';
import { soleFamily, trainerModelArg } from '../domain/models';
import { modelLoads, traceFamily, traceModel } from '../domain/model-trace';
import { isConfigCall } from '../domain/trainers';
import type { CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL403',
  name: 'fp16-on-bf16-native-model',
  severity: 'warning',
  fix: 'unsafe',
  requires: ['fp16'],
  docs: `## What it does
Flags a literal \`fp16=True\` in the training arguments of a model from a family trained in bfloat16
(Gemma, Gemma 3n, Llama 3, Qwen2.5, Qwen3, Qwen2-VL, Qwen2.5-VL, gpt-oss), with the family taken from the
model id of the trained model.

## Why is this bad?
These models' activations exceed fp16's range (65504). Mixed-precision fp16 training overflows a few steps in:
the loss (or the eval loss) becomes \`nan\`/\`inf\`, after the model and data are already loaded.
The Unsloth notebooks choose at run time with \`fp16=not is_bfloat16_supported()\`, which is not flagged.
Gemma 3, Gemma 3n, Gemma 4 and gpt-oss are not flagged when Unsloth is imported before TRL: Unsloth's trainers never train them in
fp16 (float32 on GPUs without bf16, an error on a bf16-loaded model).

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("google/gemma-2-9b")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", fp16=True), train_dataset=ds)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments

model = AutoModelForCausalLM.from_pretrained("google/gemma-2-9b")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", bf16=True), train_dataset=ds)
\`\`\`

## Fix safety
Switching to \`bf16=True\` is unsafe: GPUs before Ampere (T4, V100) have no bf16 and training then stops with
"Your setup doesn't support bf16/gpu"; there fp32 is the fallback.

## References
- arielnlee/Platypus#14; huggingface/transformers#25311; google/gemma_pytorch#24;
  unslothai/unsloth PR #5074
- Unsloth's float32 switch: unslothai/unsloth d0e0dad7 (2025.3.10, "Gemma 3 bug fixes") \`unsloth/models/vision.py\`
  \`FORCE_FLOAT32 = ["gemma3"]\` and \`unsloth/models/rl.py\` ("Switching to float32 training since model cannot work
  with float16", \`args.fp16 = False\`); at 015bdef0 \`unsloth/models/loader.py\` \`_FORCE_FLOAT32_FALLBACK\` lists
  "gemma3,", "gemma3n", "gemma4" and "gpt_oss".
- Qwen2-VL in fp16: huggingface/transformers#33294, #33312; Qwen2 "trained using bfloat16": QwenLM/Qwen3#868; Qwen2.5-VL
  with \`fp16=True\`: modelscope/ms-swift#5580, hiyouga/LlamaFactory#7531.
`,
  check(ctx) {
    const loads = modelLoads(ctx.facts, ctx.a.callsByNode);
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const fp16 = call.keywords.get('fp16');
      if (!fp16 || evaluateBool(ctx.facts, fp16.value) !== true) continue;
      const bf16 = call.keywords.get('bf16');
      if (bf16 && evaluateBool(ctx.facts, bf16.value) === true) continue; // TL304
      const found = familyForConfig(ctx, call);
      const family = found ? found.family : soleFamily(loads);
      if (!family?.bf16Native) continue;
      if (UNSLOTH_FLOAT32_FAMILIES.has(family.name) && ctx.unsloth.patches) continue;
      const origin = found?.origin ?? loads[0]?.node;
      const edits = bf16
        ? [replaceNode(ctx.source, fp16.value, 'False'), replaceNode(ctx.source, bf16.value, 'True')]
        : [replaceNode(ctx.source, fp16.node, 'bf16=True')];
      ctx.report({
        node: fp16.node,
        message: `\`fp16=True\` on a ${family.display} model, which was trained in bfloat16: fp16 activations overflow and the loss turns nan/inf. Use \`bf16=True\` (or fp32 on GPUs without bf16).`,
        related: origin ? [{ node: origin, message: `${family.display} model loaded here` }] : [],
        fixes: [{ title: 'Use bf16=True instead of fp16=True', applicability: 'unsafe', edits }],
      });
    }
  },
};

/**
 * Families Unsloth never trains in fp16 (its FORCE_FLOAT32 list: "gemma3," since 2025.3.10, the first release that
 * loads Gemma 3, d0e0dad7; "gemma4" later). With fp16 asked for, its patched TRL trainers switch to float32 where the
 * GPU has no bf16 ("Unsloth: Switching to float32 training since model cannot work with float16") and refuse fp16 on
 * a bf16-loaded model with a TypeError: no nan/inf either way (unslothai/unsloth `unsloth/models/rl.py`,
 * `unsloth/models/loader.py`). Gemma 3n and gpt-oss are on the same list (`_FORCE_FLOAT32_FALLBACK` at 015bdef0).
 */
const UNSLOTH_FLOAT32_FAMILIES = new Set(['gemma-3', 'gemma-4', 'gemma-3n', 'gpt-oss']);

/** The family of the models trained with this config (through the trainers that take it). */
function familyForConfig(ctx: RuleContext, config: CallFact): { family?: ModelFamily; origin?: Node } | undefined {
  const found: Array<{ family?: ModelFamily; origin?: Node }> = [];
  for (const t of ctx.trainers) {
    if (t.config?.node.id !== config.node.id) continue;
    const trace = traceModel(ctx.facts, ctx.a.callsByNode, trainerModelArg(t.call)?.value);
    // A model the script's own function builds without loading one: unknown family, not one of the file's loads.
    if (!trace.load && trace.id === undefined) { if (trace.builtBy) found.push({}); continue; }
    found.push({ family: traceFamily(trace), origin: trace.load?.node ?? trainerModelArg(t.call)?.node });
  }
  if (found.length === 0) return undefined;
  return new Set(found.map((f) => f.family?.name)).size === 1 ? found[0] : {};
}
export default rule;
