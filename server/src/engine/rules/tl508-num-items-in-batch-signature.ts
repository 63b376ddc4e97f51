import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import type { ClassFact } from '../facts/types';
import { isLibraryTrainerName } from '../domain/trainers';
import { trainerLineage } from '../domain/trainer-subclass';
import { insertAt } from './edits';
import { parametersOf, type Parameter } from '../facts/own-functions';
import { driftVerdict } from './drift';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** The first transformers release whose Trainer passes `num_items_in_batch` (huggingface/transformers#34198, v4.46.0). */
const FROM = '4.46';

/**
 * TRL's PPOTrainer runs its own loop: before TRL 0.12 it is no `transformers.Trainer` at all, and from 0.12 its
 * `train()` never calls `training_step` or `compute_loss`.
 */
const OWN_LOOP = /(^|\.)PPOTrainer$/;

/** The undecorated `def name` directly in a class body (a decorator may change what the method accepts). */
function methodDef(cls: ClassFact, name: string): Node | undefined {
  for (const c of cls.node.childForFieldName('body')?.namedChildren ?? []) {
    if (c?.type === 'function_definition' && c.childForFieldName('name')?.text === name) return c;
  }
  return undefined;
}

/** `compute_loss(…, num_items_in_batch=n)` works: a parameter of that name or `**kwargs`. */
const takesKeyword = (ps: Parameter[]) => ps.some((p) => p.kind === 'kwargs' || (p.name === 'num_items_in_batch' && p.kind !== 'args'));
/** `training_step(model, inputs, n)` works: three positional parameters after `self`, or `*args`. */
const takesThree = (ps: Parameter[]) => ps.some((p) => p.kind === 'args') || ps.filter((p) => p.kind === 'positional').length - 1 >= 3;

/**
 * Does the `training_step` the class inherits or defines still reach `compute_loss` with `num_items_in_batch`?
 * The library's does; one of the script's does when it calls the library's (`super().training_step(…)`) or passes the
 * keyword itself. Unknown (a project class defines it elsewhere): undefined.
 */
function stepPassesCount(local: readonly ClassFact[], defines: ReadonlySet<string>): boolean | undefined {
  if (!defines.has('training_step')) return true;
  for (const c of local) {
    const def = methodDef(c, 'training_step');
    if (def) return /\bsuper\(\s*\)\s*\.\s*training_step\s*\(|compute_loss\s*\([^)]*\bnum_items_in_batch\s*=/.test(def.text);
    if (c.members.some((m) => m.name === 'training_step')) return undefined; // decorated or assigned: not followed
  }
  return undefined;
}

/** `, num_items_in_batch=None` right after `after` (a parameter node). */
function addParameter(ctx: RuleContext, after: Node, method: string): Fix {
  return {
    title: `Add \`num_items_in_batch=None\` to ${method}'s parameters`,
    applicability: method === 'compute_loss' ? 'unsafe' : 'safe',
    edits: [insertAt(ctx.source, after.endIndex, ', num_items_in_batch=None')],
  };
}

const rule: Rule = {
  code: 'TL508',
  name: 'num-items-in-batch-signature',
  severity: 'error',
  fix: 'sometimes',
  requires: ['compute_loss', 'training_step'],
  docs: `## What it does
Flags a \`Trainer\` subclass (of transformers' \`Trainer\`/\`Seq2SeqTrainer\` or of a TRL trainer built on it, through the
script's own classes too) whose \`compute_loss\` cannot take the keyword \`num_items_in_batch\`, or whose
\`training_step\` cannot take a third argument, on transformers versions that pass them.

## Why is this bad?
transformers 4.46 changed how the Trainer calls the two methods a subclass most often overrides
(huggingface/transformers#34198, the gradient-accumulation loss fix): \`_inner_training_loop\` calls
\`self.training_step(model, inputs, num_items_in_batch)\`, and \`training_step\` calls
\`self.compute_loss(model, inputs, num_items_in_batch=num_items_in_batch)\`. An override written for 4.45 and
earlier, \`def compute_loss(self, model, inputs, return_outputs=False)\`, makes the first training step fail with
\`TypeError: CustomTrainer.compute_loss() got an unexpected keyword argument 'num_items_in_batch'\`
(huggingface/transformers#36331 on 4.49 and 4.50.dev0; sail-sg/closer-look-LLM-unlearning#1 on 4.46; still reported
in 2026, locuslab/open-unlearning#155). \`training_step(self, model, inputs)\` fails the same way ("takes 3
positional arguments but 4 were given"). Every transformers release since calls them so, 5.x included (its
\`training_step\` passes the keyword; Unsloth's patched \`training_step\` is built from that source and keeps the call;
TRL's trainers pass their \`training_step\` through to it). TRL's \`PPOTrainer\` runs its own loop and is not checked.

The rule stays quiet when the script's own \`training_step\` (in the class or one it derives from) calls
\`compute_loss\` without the keyword and never calls the library's, and when a method is decorated (the decorator
decides what it accepts). With no known transformers version it is information naming the range.

## Example
\`\`\`python
# pip install transformers==4.57.1
import torch
from transformers import Trainer

class WeightedTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        loss = torch.nn.functional.cross_entropy(outputs.logits, labels)
        return (loss, outputs) if return_outputs else loss
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==4.57.1
import torch
from transformers import Trainer

class WeightedTrainer(Trainer):
    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs.pop("labels")
        outputs = model(**inputs)
        loss = torch.nn.functional.cross_entropy(outputs.logits, labels)
        return (loss, outputs) if return_outputs else loss
\`\`\`

## Fix safety
Adding \`num_items_in_batch=None\` to \`training_step\` is safe: the override never used the third argument.
For \`compute_loss\` it is unsafe: the TypeError goes, but when the model's \`forward\` takes loss keywords and
\`gradient_accumulation_steps > 1\`, transformers no longer divides the loss your method returns by the number of
accumulation steps (it expects a loss already divided by \`num_items_in_batch\`). A \`compute_loss\` that returns a
mean over its own batch should then also divide by that count, or set \`self.model_accepts_loss_kwargs = False\` in
\`__init__\`, as TRL's and LLaMA-Factory's trainers do (huggingface/transformers#37766, #43595).

## References
- huggingface/transformers PR #34198 (v4.46.0: \`compute_loss(self, model, inputs, return_outputs=False,
  num_items_in_batch=None)\`; v4.45.2 has no such parameter), \`src/transformers/trainer.py\` \`training_step\`
- huggingface/transformers#36331, #35838 (the signature change between v4.45.2 and v4.46.0), #37766, #43595
- huggingface/trl \`trl/trainer/*_trainer.py\` at v1.9.0 (every \`compute_loss\` takes \`num_items_in_batch=None\`)
- unslothai/unsloth \`unsloth/models/_utils.py\` (\`_unsloth_training_step\`, built from transformers' source)
`,
  check(ctx) {
    for (const cls of ctx.facts.classes) {
      const hasLoss = cls.members.some((m) => m.name === 'compute_loss' && m.kind === 'method');
      const hasStep = cls.members.some((m) => m.name === 'training_step' && m.kind === 'method');
      if (!hasLoss && !hasStep) continue;
      const lineage = trainerLineage(ctx.facts, isLibraryTrainerName, cls);
      if (!lineage || OWN_LOOP.test(lineage.base)) continue;
      const step = hasStep ? methodDef(cls, 'training_step') : undefined;
      const stepParams = step && parametersOf(step);
      if (step && stepParams && !takesThree(stepParams)) {
        report(ctx, cls, step, 'training_step', stepParams);
      }
      const loss = hasLoss ? methodDef(cls, 'compute_loss') : undefined;
      const lossParams = loss && parametersOf(loss);
      if (loss && lossParams && !takesKeyword(lossParams) && stepPassesCount(lineage.local, lineage.defines)) {
        report(ctx, cls, loss, 'compute_loss', lossParams);
      }
    }
  },
};

function report(ctx: RuleContext, cls: ClassFact, def: Node, method: 'compute_loss' | 'training_step', params: Parameter[]): void {
  const v = driftVerdict(ctx, 'transformers', FROM, undefined, def);
  if (!v) return;
  const fixes: Fix[] = [];
  const positional = params.filter((p) => p.kind === 'positional');
  if (method === 'compute_loss') {
    const last = params[params.length - 1];
    if (last && positional.length >= 1) fixes.push(addParameter(ctx, last.node, method));
  } else if (positional.length === 3 && !params.some((p) => p.kind === 'args')) {
    fixes.push(addParameter(ctx, positional[2].node, method));
  }
  const call = method === 'compute_loss'
    ? '`compute_loss(model, inputs, num_items_in_batch=…)`'
    : '`training_step(model, inputs, num_items_in_batch)`';
  const error = method === 'compute_loss'
    ? `"TypeError: ${cls.name}.compute_loss() got an unexpected keyword argument 'num_items_in_batch'"`
    : `"TypeError: ${cls.name}.training_step() takes ${positional.length} positional arguments but 4 were given"`;
  const advice = method === 'compute_loss'
    ? 'Add `num_items_in_batch=None` (or `**kwargs`).'
    : 'Add a third parameter, `num_items_in_batch=None`.';
  const message = v.phase === 'removed'
    ? `${cls.name}.${method} cannot take \`num_items_in_batch\`: transformers ${FROM} and later call ${call}${v.note}, so training stops at the first step with ${error}. ${advice}`
    : `${cls.name}.${method} cannot take \`num_items_in_batch\`, which transformers ≥ ${FROM} passes as ${call}${v.note}: on those versions training stops with ${error}. ${advice}`;
  ctx.report({ node: def.childForFieldName('name') ?? def, severity: v.severity, tags: v.tags, message, fixes });
}

export default rule;
