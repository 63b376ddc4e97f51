import { isConfigCall } from '../domain/trainers';
import { evaluateNumber } from '../facts/values';
import { removeArgument } from './edits';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL301',
  name: 'max-steps-overrides-epochs',
  severity: 'warning',
  fix: 'safe',
  requires: ['max_steps'],
  docs: `## What it does
Flags a \`TrainingArguments\`-style config (\`SFTConfig\`, \`DPOConfig\`, …) that sets both \`max_steps\` to a
positive number and \`num_train_epochs\`. A later assignment to the config's \`max_steps\` or \`num_train_epochs\`
(\`args.max_steps = -1\` once the epochs are known) replaces the value the trainer reads: not flagged.

## Why is this bad?
\`max_steps > 0\` overrides \`num_train_epochs\`: training silently stops after that many optimizer steps. The
Unsloth notebooks ship \`max_steps = 60\` for a quick demo; adding \`num_train_epochs = 3\` next to it still
trains 60 steps, and the run looks finished. Commented-out settings are not code and do not count.

## Example
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="outputs", num_train_epochs=3, max_steps=60)
\`\`\`

## Use instead
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="outputs", num_train_epochs=3)
\`\`\`

## Fix safety
Removing \`max_steps=\` is safe: the user asked for a number of epochs, and without \`max_steps\` that is what
the trainer runs.

## References
- unslothai/unsloth#594 ("just use num_train_epochs"); artidoro/qlora PR #87
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const steps = call.keywords.get('max_steps');
      const epochs = call.keywords.get('num_train_epochs');
      if (!steps || !epochs) continue;
      const n = evaluateNumber(ctx.facts, steps.value);
      if (n === undefined || n <= 0) continue;
      // `args.max_steps = -1` (or a new `num_train_epochs`) after the call: the value the trainer reads is that one.
      const names = ctx.facts.assignments.filter((a) => a.value.id === call.node.id && a.unpackIndex === undefined && !a.subscriptKey).map((a) => a.target);
      if (ctx.facts.assignments.some((a) => a.node.startIndex > call.node.endIndex && names.some((v) => a.target === `${v}.max_steps` || a.target === `${v}.num_train_epochs`))) continue;
      const cls = call.calleeText.split('.').pop();
      ctx.report({
        node: steps.node,
        message: `\`max_steps=${n}\` overrides \`num_train_epochs=${epochs.value.text}\` in ${cls}: training stops after ${n} step${n === 1 ? '' : 's'}, whatever the number of epochs.`,
        related: [{ node: epochs.node, message: 'num_train_epochs is ignored while max_steps > 0' }],
        fixes: [{ title: 'Remove max_steps= (train for num_train_epochs)', applicability: 'safe', edits: [removeArgument(ctx.source, call, steps)] }],
      });
    }
  },
};
export default rule;
