import { isUnslothPeftWrap } from '../domain/peft-wraps';
import { evaluateNumber, evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL602',
  name: 'unsloth-lora-slow-path',
  severity: 'information',
  fix: 'unsafe',
  requires: ['lora_dropout', 'bias'],
  docs: `## What it does
Flags \`FastLanguageModel.get_peft_model(...)\` with \`lora_dropout\` other than 0 or \`bias\` other than \`"none"\`.

## Why is this bad?
Unsloth's fast LoRA kernels support only dropout 0 and no bias. Otherwise it prints \`Unsloth: Dropout = 0 is
supported for fast patching. You are using dropout = 0.05. Unsloth will patch all other layers, except LoRA
matrices, causing a performance hit.\` (and the same for \`bias\`): training runs, but slower and with more memory.

## Example
\`\`\`python
from unsloth import FastLanguageModel

model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16, lora_dropout=0.05, bias="all")
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel

model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16, lora_dropout=0, bias="none")
\`\`\`

## Fix safety
Setting \`lora_dropout=0\` and \`bias="none"\` is unsafe: they are Unsloth's defaults and what its notebooks use,
but they change the run's hyperparameters (dropout regularizes the adapter; \`bias="all"\` trains the biases too),
and so what the trained model is, for a speed-up. \`trainlint fix --unsafe-fixes\` applies them.

## References
- unslothai/unsloth \`unsloth/models/llama.py\` (the warnings it prints)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isUnslothPeftWrap(ctx.facts, call)) continue;
      const cls = call.calleeText;
      const dropout = call.keywords.get('lora_dropout');
      const d = evaluateNumber(ctx.facts, dropout?.value);
      if (dropout && d !== undefined && d !== 0) {
        ctx.report({
          node: dropout.node,
          message: `\`lora_dropout=${d}\` in ${cls}: Unsloth's fast LoRA path needs dropout 0 ("Unsloth will patch all other layers, except LoRA matrices, causing a performance hit"). Use \`lora_dropout=0\`.`,
          fixes: [{ title: 'Set lora_dropout=0', applicability: 'unsafe', edits: [replaceNode(ctx.source, dropout.value, '0')] }],
        });
      }
      const bias = call.keywords.get('bias');
      const b = evaluateString(ctx.facts, bias?.value);
      if (bias && b !== undefined && b !== 'none') {
        ctx.report({
          node: bias.node,
          message: `\`bias="${b}"\` in ${cls}: Unsloth's fast LoRA path needs bias="none" and patches the layers the slow way otherwise. Use \`bias="none"\`.`,
          fixes: [{ title: 'Set bias="none"', applicability: 'unsafe', edits: [replaceNode(ctx.source, bias.value, '"none"')] }],
        });
      }
    }
  },
};
export default rule;
