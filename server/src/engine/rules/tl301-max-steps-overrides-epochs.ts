import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { reachingAssignment } from '../facts/reaching';
import { evaluateNumber } from '../facts/values';
import { removeArgument } from './edits';
import { streamOrigin } from '../domain/streamed-dataset';
import { isConfigCall, trainerArg, type TrainerFact } from '../domain/trainers';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL301',
  name: 'max-steps-overrides-epochs',
  severity: 'warning',
  fix: 'unsafe',
  requires: ['max_steps'],
  docs: `## What it does
Flags a \`TrainingArguments\`-style config (\`SFTConfig\`, \`DPOConfig\`, …) that sets both \`max_steps\` to a
positive number and \`num_train_epochs\`. A later assignment to the config's \`max_steps\` or \`num_train_epochs\`
(\`args.max_steps = -1\` once the epochs are known) replaces the value the trainer reads: not flagged.
Nor is a \`max_steps\` computed from the very name passed as \`num_train_epochs\`
(\`max_steps = num_samples // batch_size // grad_accum * epochs\` with \`num_train_epochs=epochs\`): the script sets
that many epochs' worth of steps on purpose, and a new number of epochs changes both. Nor is a config whose trainer
trains on a stream (\`load_dataset(…, streaming=True)\`, \`.to_iterable_dataset()\`): an IterableDataset has no length,
so \`max_steps\` is what ends the run, and without it the trainer raises (TL119).

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
Removing \`max_steps=\` is unsafe: which of the two settings the user meant is not known, and a step cap is often
the one meant (a smoke test's \`max_steps=1\`, a demo's \`max_steps=100\` beside \`num_train_epochs=1\`, both in the
regression corpora). Without it the trainer runs every epoch: a run of minutes can become one of hours.
\`trainlint fix --unsafe-fixes\` applies it; \`trainlint fix\` leaves the choice to the user.

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
      // `max_steps = steps_per_epoch * epochs` beside `num_train_epochs=epochs`: epochs counted in steps on purpose.
      if (derivesFrom(ctx.facts, steps.value, epochs.value)) continue;
      // A trainer of this config trains on a stream (an IterableDataset has no length): max_steps is what ends the run,
      // and without it the trainer raises (TL119).
      if (ctx.trainers.some((t) => t.config === call && streamed(ctx, t))) continue;
      const cls = call.calleeText.split('.').pop();
      ctx.report({
        node: steps.node,
        message: `\`max_steps=${n}\` overrides \`num_train_epochs=${epochs.value.text}\` in ${cls}: training stops after ${n} step${n === 1 ? '' : 's'}, whatever the number of epochs.`,
        related: [{ node: epochs.node, message: 'num_train_epochs is ignored while max_steps > 0' }],
        fixes: [{ title: 'Remove max_steps= (train for num_train_epochs)', applicability: 'unsafe', edits: [removeArgument(ctx.source, call, steps)] }],
      });
    }
  },
};
function streamed(ctx: RuleContext, t: TrainerFact): boolean {
  const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
  return !!ds && !!streamOrigin(ctx, ds);
}

/**
 * Whether `value` (or what a name in it was last assigned, two steps back) reads the name or attribute that `epochs`
 * is (`epochs`, `cfg.epochs`).
 */
function derivesFrom(facts: FileFacts, value: Node, epochs: Node): boolean {
  if (epochs.type !== 'identifier' && epochs.type !== 'attribute') return false;
  const word = new RegExp(String.raw`(?<![\w.])${epochs.text.replace(/\./g, '\\.')}(?![\w])`);
  let frontier: Node[] = [value];
  for (let depth = 0; depth < 3 && frontier.length > 0; depth++) {
    const next: Node[] = [];
    for (const v of frontier) {
      if (v.text === epochs.text) continue; // max_steps = epochs: a number of epochs taken for steps, not derived
      if (word.test(v.text)) return true;
      for (const id of v.type === 'identifier' ? [v] : v.descendantsOfType('identifier')) {
        if (!id || id.parent?.type === 'attribute' && id.parent.childForFieldName('attribute')?.id === id.id) continue;
        const a = reachingAssignment(facts, id.text, v);
        if (a && a.unpackIndex === undefined) next.push(a.value);
      }
    }
    frontier = next;
  }
  return false;
}
export default rule;
