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
trainers call \`for_training\` when they are created, so a trainer built after \`for_inference\` is not flagged.) The
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
      ctx.report({
        node: fi.node,
        message: `${fi.calleeText}(…) puts the model in inference mode, and ${train.calleeText}() runs later without FastLanguageModel.for_training(model) in between: training runs on the inference path (slower, more memory, or failing). Call for_training before training.`,
        related: [{ node: train.node, message: 'training starts here' }],
      });
    }
  },
};

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
