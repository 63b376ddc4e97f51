import { UNSLOTH_MODEL_CLASSES } from '../domain/models';
import { isQualified, qualifyExpression } from '../facts/imports';
import { reachingAssignment } from '../facts/reaching';
import type { CallFact } from '../facts/types';
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL604',
  name: 'inference-mode-before-training',
  severity: 'warning',
  fix: 'none',
  requires: ['for_inference'],
  docs: `## What it does
Flags \`FastLanguageModel.for_inference(model)\` that comes before \`trainer.train()\` (in the same scope) with no
\`FastLanguageModel.for_training(model)\` in between.

## Why is this bad?
\`for_inference\` switches the Unsloth model to its generation path (KV cache on, training-only patches off).
Training in that state runs with the wrong kernels and gradient-checkpointing setup: it is slower, uses more
memory, or fails. A quick generation test before training must be followed by \`for_training\`. (Recent Unsloth
trainers call \`for_training\` when they are created, so a trainer built after \`for_inference\` is not flagged. From
Unsloth 2025.9.8 the TRL trainers it patches also call it when \`train()\` starts (\`prepare_for_training_mode\`,
unsloth/models/rl.py, unslothai/unsloth 61da0d32): there a TRL trainer is not flagged, and with the Unsloth version
unknown the finding is information naming that assumption; a transformers \`Trainer\` is still flagged.) The
\`.train()\` must be a library trainer's where it is called: a name bound there to the script's own training loop
(\`trainer = RolloutLoop(model)\`, whose \`train()\` sets the model's modes itself) is not flagged, while
\`trainer = train_on_responses_only(trainer, …)\` still holds the trainer.

## Example
\`\`\`python
from unsloth import FastLanguageModel
from trl import SFTTrainer

trainer = SFTTrainer(model=model, train_dataset=ds, args=args)
FastLanguageModel.for_inference(model)
print(model.generate(**inputs))
trainer.train()
\`\`\`

## Use instead
\`\`\`python
from unsloth import FastLanguageModel
from trl import SFTTrainer

trainer = SFTTrainer(model=model, train_dataset=ds, args=args)
FastLanguageModel.for_inference(model)
print(model.generate(**inputs))
FastLanguageModel.for_training(model)
trainer.train()
\`\`\`

## Fix safety
No fix is offered: where inference ends and training starts is the user's layout.

## References
- unslothai/unsloth#725, #818
`,
  check(ctx) {
    const unslothCall = (c: CallFact, method: string) => c.method === method && !!c.receiver
      && UNSLOTH_MODEL_CLASSES.some((k) => isQualified(qualifyExpression(ctx.facts, c.receiver!), ['unsloth'], k));
    const inference = ctx.facts.calls.filter((c) => unslothCall(c, 'for_inference'));
    if (inference.length === 0) return;
    const resets = ctx.facts.calls.filter((c) => c.method === 'for_training'
      || (ctx.unsloth.patches && ctx.trainers.some((t) => t.call.node.id === c.node.id)));
    const trains = trainCalls(ctx);
    for (const fi of inference) {
      const train = trains.find((tc) => tc.node.startIndex > fi.node.endIndex && sameScope(tc, fi));
      if (!train) continue;
      if (resets.some((r) => r.node.startIndex > fi.node.endIndex && r.node.startIndex < train.node.startIndex)) continue;
      // A TRL trainer Unsloth patches switches the model back itself when its train() starts, from Unsloth 2025.9.8.
      const v = ctx.unsloth.patches && trainsTrlTrainer(ctx, train)
        ? ctx.version('unsloth', { before: UNSLOTH_TRAIN_SETS_TRAINING }, 'warning') : undefined;
      if (v && !v.severity) continue;
      const later = `from Unsloth ${UNSLOTH_TRAIN_SETS_TRAINING} the TRL trainers it patches call for_training when train() starts`;
      const older = !v ? '' : v.gate === 'affected' ? ` with Unsloth before ${UNSLOTH_TRAIN_SETS_TRAINING}${v.note}, whose TRL trainers do not call for_training when train() starts`
        : `${v.note.replace(/\)$/, '')}: ${later})`;
      ctx.report({
        node: fi.node,
        severity: v?.severity,
        message: `${fi.calleeText}(…) puts the model in inference mode, and ${train.calleeText}() runs later without FastLanguageModel.for_training(model) in between${older}: training runs on the inference path (slower, more memory, or failing). Call for_training before training.`,
        related: [{ node: train.node, message: 'training starts here' }],
      });
    }
  },
};

/**
 * First Unsloth release whose patched TRL trainers wrap `train()` so that it calls `self.model.for_training(…)` first
 * (`prepare_for_training_mode`, unsloth/models/rl.py, added in unslothai/unsloth 61da0d32, "GPT OSS RL (#3362)", which
 * set `__version__` to 2025.9.8).
 */
const UNSLOTH_TRAIN_SETS_TRAINING = '2025.9.8';

/**
 * The trainer a train call trains is a TRL trainer (the ones Unsloth patches) wherever the name can have been bound: the
 * receiver of `trainer.train()`, or `unsloth_train(trainer)`'s argument. A transformers `Trainer` keeps the warning.
 */
function trainsTrlTrainer(ctx: RuleContext, train: CallFact): boolean {
  const name = train.method === 'train' ? train.receiver?.text : train.args.find((a) => !a.name)?.value.text;
  const bound = ctx.trainers.filter((t) => t.variable === name);
  return bound.length > 0 && bound.every((t) => t.qualified.startsWith('trl.'));
}

/**
 * `trainer.train()` on a trainer variable, and Unsloth's `unsloth_train(trainer)`. The name must hold a library
 * trainer where it is called: a `trainer = RolloutLoop(…)` of the script's own (its `train()` sets the model's
 * modes itself) that shares the name with a library trainer built elsewhere is not one (zhenweiwang1990/rl-trl).
 */
function trainCalls(ctx: RuleContext): CallFact[] {
  const vars = new Set(ctx.trainers.map((t) => t.variable).filter((v): v is string => !!v));
  const built = new Set(ctx.trainers.map((t) => t.call.node.id));
  // `trainer = train_on_responses_only(trainer, …)` hands the same trainer back: a call given the name still holds it.
  const holdsTrainer = (name: string, at: Node, depth = 0): boolean => {
    const bound = reachingAssignment(ctx.facts, name, at);
    if (!bound || built.has(bound.value.id)) return true;
    const passed = bound.value.type === 'call' && (bound.value.childForFieldName('arguments')?.namedChildren ?? [])
      .some((a) => a?.type === 'identifier' && a.text === name);
    return passed && depth < 8 && holdsTrainer(name, bound.node, depth + 1);
  };
  return ctx.facts.calls.filter((c) => (c.method === 'train' && c.receiver && vars.has(c.receiver.text) && holdsTrainer(c.receiver.text, c.node))
    || isQualified(c.qualified, ['unsloth'], 'unsloth_train'))
    .sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function sameScope(a: CallFact, b: CallFact): boolean {
  return (a.scope?.id ?? -1) === (b.scope?.id ?? -1);
}
export default rule;
