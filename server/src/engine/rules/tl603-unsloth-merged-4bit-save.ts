import { inDeadBranch } from '../domain/dead-code';
import { evaluateString } from '../facts/values';
import type { Rule } from './rule';

const SAVE_METHODS = ['save_pretrained_merged', 'push_to_hub_merged'];

const rule: Rule = {
  code: 'TL603',
  name: 'unsloth-merged-4bit-save',
  severity: 'warning',
  fix: 'none',
  requires: ['merged_4bit'],
  docs: `## What it does
Flags Unsloth's \`save_pretrained_merged(…)\` / \`push_to_hub_merged(…)\` with \`save_method="merged_4bit"\`
(not inside the notebooks' disabled \`if False:\` cells).

## Why is this bad?
Unsloth refuses it, and only after the whole training run, when the model is saved: \`RuntimeError: Unsloth:
Merging into 4bit will cause your model to lose accuracy if you plan to merge to GGUF or others later on…
If you are certain, change save_method to merged_4bit_forced.\`

## Example
\`\`\`python
model.save_pretrained_merged("model", tokenizer, save_method="merged_4bit")
\`\`\`

## Use instead
\`\`\`python
model.save_pretrained_merged("model", tokenizer, save_method="merged_16bit")
\`\`\`

## Fix safety
No fix: \`"merged_16bit"\`, \`"lora"\` and a deliberate \`"merged_4bit_forced"\` produce different artifacts.

## References
- \`unsloth/save.py\`; unslothai/unsloth#527
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!call.method || !SAVE_METHODS.includes(call.method)) continue;
      const sm = call.keywords.get('save_method');
      if (!sm || evaluateString(ctx.facts, sm.value) !== 'merged_4bit' || inDeadBranch(ctx.facts, call.node)) continue;
      ctx.report({
        node: sm.node,
        message: `\`save_method="merged_4bit"\` makes ${call.method} raise "Unsloth: Merging into 4bit will cause your model to lose accuracy…" after training has finished. Use "merged_16bit" or "lora" (or "merged_4bit_forced" deliberately).`,
      });
    }
  },
};
export default rule;
