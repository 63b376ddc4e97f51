import { isConfigCall } from '../domain/trainers';
import { evaluateBool } from '../facts/values';
import { removeArgument } from './edits';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL304',
  name: 'fp16-and-bf16',
  severity: 'error',
  fix: 'safe',
  requires: ['fp16'],
  docs: `## What it does
Flags a \`TrainingArguments\`-style config that sets both \`fp16=True\` and \`bf16=True\`. A flag read from a variable
counts only when every assignment that may reach the call gives it True: flags set in exclusive branches
(\`use_fp16 = False\`, \`use_bf16 = False\`, then \`if precision == "bf16": use_bf16 = True\` /
\`elif precision == "fp16": use_fp16 = True\`, as in definitelynotrussellkirk-bit/TRAINING \`core/train.py\`) are never
both True.

## Why is this bad?
Only one mixed-precision mode can be active. \`TrainingArguments\` refuses the combination before anything is
loaded: \`ValueError: At most one of fp16 and bf16 can be True, but not both\`. The Unsloth notebooks avoid it
with \`fp16=not is_bfloat16_supported(), bf16=is_bfloat16_supported()\`.

## Example
\`\`\`python
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", fp16=True, bf16=True)
\`\`\`

## Use instead
\`\`\`python
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", bf16=True)
\`\`\`

## Fix safety
Removing \`fp16=True\` is safe: bf16 has the wider range (no overflow, no loss scaling) and the user asked for it.
On GPUs without bf16 support (T4, V100) training then fails with a clear error instead of silently using fp16.

## References
- unslothai/unsloth#2783; OptimalScale/LMFlow#251
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const fp16 = call.keywords.get('fp16');
      const bf16 = call.keywords.get('bf16');
      if (!fp16 || !bf16) continue;
      if (evaluateBool(ctx.facts, fp16.value) !== true || evaluateBool(ctx.facts, bf16.value) !== true) continue;
      const cls = call.calleeText.split('.').pop();
      ctx.report({
        node: fp16.node,
        message: `\`fp16=True\` and \`bf16=True\` are both set in ${cls}: it raises "ValueError: At most one of fp16 and bf16 can be True, but not both". Keep bf16.`,
        related: [{ node: bf16.node, message: 'bf16=True' }],
        fixes: [{ title: 'Remove fp16=True (keep bf16=True)', applicability: 'safe', edits: [removeArgument(ctx.source, call, fp16)] }],
      });
    }
  },
};
export default rule;
