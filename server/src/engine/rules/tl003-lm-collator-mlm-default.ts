import { isLibraryCall } from '../domain/trainers';
import { addKeyword } from './edits';
import type { Rule } from './rule';

/** Names that show the script trains a masked LM (then `mlm=True` is intended). */
const MASKED_LM = /(ForMaskedLM|ForPreTraining)$/;
/** Names that show a causal LM / SFT pipeline. */
const CAUSAL_LM = /(ForCausalLM|^FastLanguageModel|^FastModel|^SFTTrainer|^SFTConfig)$/;

const rule: Rule = {
  code: 'TL003',
  name: 'lm-collator-mlm-default',
  severity: 'error',
  fix: 'sometimes',
  requires: ['DataCollatorForLanguageModeling'],
  docs: `## What it does
Flags transformers' \`DataCollatorForLanguageModeling(...)\` created without \`mlm=\` in a script that trains a
causal language model.

## Why is this bad?
The collator's \`mlm\` parameter defaults to \`True\` (masked language modeling). With a causal LM tokenizer
that has no mask token, construction fails with \`ValueError: This tokenizer does not have a mask token which
is necessary for masked language modeling. You should pass mlm=False to train on causal language modeling
instead.\` When the tokenizer does have a mask token, training silently corrupts 15% of the input tokens
BERT-style. TRL's own \`trl.DataCollatorForLanguageModeling\` has a different signature and is not flagged;
neither are scripts that train a masked LM (\`AutoModelForMaskedLM\`, \`…ForMaskedLM\`). When the script
shows no model kind at all, the finding is information.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, DataCollatorForLanguageModeling

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
collator = DataCollatorForLanguageModeling(tokenizer)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM, DataCollatorForLanguageModeling

model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
collator = DataCollatorForLanguageModeling(tokenizer, mlm=False)
\`\`\`

## Fix safety
Adding \`mlm=False\` is safe when the script shows a causal LM (\`…ForCausalLM\`, Unsloth's
\`FastLanguageModel\`, TRL's SFT classes): it is the only setting that works there. When the script shows no
model kind, the fix is offered as unsafe.

## References
- huggingface/transformers#38522; tloen/alpaca-lora#412; unslothai/unsloth PR #2647
`,
  check(ctx) {
    const calls = ctx.facts.calls.filter((call) => isLibraryCall(call, ['DataCollatorForLanguageModeling'], ['transformers'])
      // `mlm=` given, or `mlm_probability=` (masked LM intended)
      && !(call.hasSplat || call.keywords.has('mlm') || call.positional.length >= 2 || call.keywords.has('mlm_probability')));
    if (calls.length === 0) return;
    const names = [...ctx.facts.imports.map((i) => i.name ?? i.module), ...ctx.facts.calls.map((c) => c.qualified ?? c.calleeText)]
      .map((n) => n.split('.'));
    if (names.some((parts) => parts.some((p) => MASKED_LM.test(p)))) return;
    const causal = names.some((parts) => parts.some((p) => CAUSAL_LM.test(p)));
    for (const call of calls) {
      ctx.report({
        node: call.callee,
        severity: causal ? 'error' : 'information',
        message: causal
          ? '`DataCollatorForLanguageModeling` defaults to `mlm=True` (masked LM): with a causal LM tokenizer it raises "This tokenizer does not have a mask token", otherwise it masks 15% of the inputs; pass `mlm=False`.'
          : '`DataCollatorForLanguageModeling` defaults to `mlm=True` (masked LM); if this trains a causal LM, pass `mlm=False`.',
        fixes: [{ title: 'Add mlm=False', applicability: causal ? 'safe' : 'unsafe', edits: [addKeyword(ctx.source, call, 'mlm=False')] }],
      });
    }
  },
};
export default rule;
