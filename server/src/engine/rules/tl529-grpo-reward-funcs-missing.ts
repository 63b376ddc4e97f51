import type { Severity } from '../diagnostics';
import { insideExpectedRaise } from '../domain/expected-raise';
import { isTrainer } from '../domain/trainers';
import type { Rule } from './rule';

/** The first TRL release whose `GRPOTrainer.__init__` gives `reward_funcs` a default (None), then refused without a reward source. */
const OPTIONAL_FROM = '1.8';

const TYPE_ERROR = '"TypeError: GRPOTrainer.__init__() missing 1 required positional argument: \'reward_funcs\'"';
const VALUE_ERROR = '"ValueError: No reward source provided. Pass `reward_funcs`, or an `environment_factory` whose environment defines a `get_reward` method."';

const rule: Rule = {
  code: 'TL529',
  name: 'grpo-reward-funcs-missing',
  severity: 'error',
  fix: 'none',
  requires: ['GRPOTrainer'],
  docs: `## What it does
Flags TRL's \`GRPOTrainer(…)\` built without \`reward_funcs\`: no \`reward_funcs=\` keyword, fewer than two positional
arguments (\`GRPOTrainer(model, reward_funcs, …)\`), no \`environment_factory=\`, and no \`*args\`/\`**kwargs\` that could
pass it.

## Why is this bad?
GRPO scores each group of completions with its reward functions; the trainer cannot be built without one. On TRL
0.14–1.7 \`reward_funcs\` is a required parameter of \`GRPOTrainer.__init__\`, so the call raises
"TypeError: GRPOTrainer.__init__() missing 1 required positional argument: 'reward_funcs'"; from TRL 1.8 it defaults to
None and \`__init__\` raises "ValueError: No reward source provided. Pass \`reward_funcs\`, or an \`environment_factory\`
whose environment defines a \`get_reward\` method." Every release with a \`GRPOTrainer\` fails, so the finding does not
depend on the installed version (the message names the one it knows; a keyword such as \`reward_function=\` is named as the
wrong spelling). A script ported from another RL trainer (a PPO
or a custom trainer that took a reward model, suraj-ranganath/StealthRL#6) reaches this after the model has loaded.

Not flagged: a subclass of \`GRPOTrainer\` the script defines (its own \`__init__\` may supply the rewards), a call with
\`environment_factory=\` (from TRL 1.8 an environment may own the reward), and a call with \`*args\` or \`**kwargs\`.
With Unsloth imported the finding is information: its patched \`GRPOTrainer\` is assumed to keep TRL's signature.

## Example
\`\`\`python
from trl import GRPOConfig, GRPOTrainer

trainer = GRPOTrainer(model=model, args=GRPOConfig(output_dir="out"), processing_class=tokenizer,
                      train_dataset=dataset)
\`\`\`

## Use instead
\`\`\`python
from trl import GRPOConfig, GRPOTrainer

trainer = GRPOTrainer(model=model, reward_funcs=[reward_fn], args=GRPOConfig(output_dir="out"),
                      processing_class=tokenizer, train_dataset=dataset)
\`\`\`

## Fix safety
No fix: the reward functions are the script's to write.

## References
- huggingface/trl \`trl/trainer/grpo_trainer.py\`: \`reward_funcs: Union[RewardFunc, list[RewardFunc]]\` without a default
  at v0.14.0, v0.17.0, v0.20.0, v0.23.1, v0.27.0, v1.0.0 and v1.7.0; \`reward_funcs: RewardFunc | list[RewardFunc] | None = None\`
  and \`if not self.reward_funcs: raise ValueError("No reward source provided. …")\` at v1.8.0, v1.9.0 and in the
  1.13.0 wheel (#6238, "Environment-owned reward")
- suraj-ranganath/StealthRL#6 (2026-02-19: \`GRPOTrainer(model=…, args=…, tokenizer=…)\` with no reward function)
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (!isTrainer(t, ['GRPOTrainer'], ['trl']) || t.subclass) continue;
      const call = t.call;
      if (call.hasSplat || call.positional.length >= 2 || insideExpectedRaise(call.node)) continue;
      if (call.keywords.has('reward_funcs') || call.keywords.has('environment_factory')) continue;
      const before = ctx.version('trl', { before: OPTIONAL_FROM });
      const outcome = before.gate === 'affected' ? `it raises ${TYPE_ERROR}`
        : before.gate === 'unaffected' ? `it raises ${VALUE_ERROR}`
        : `TRL 0.14–1.7 raise ${TYPE_ERROR}, and from 1.8 ${VALUE_ERROR}`;
      const version = before.gate === 'affected' ? before.note
        : before.gate === 'unaffected' ? ctx.version('trl', { from: OPTIONAL_FROM }).note : '';
      const severity: Severity = ctx.unsloth.patches ? 'information' : 'error';
      const assumed = ctx.unsloth.patches ? ' (Unsloth\'s patched GRPOTrainer is assumed to keep TRL\'s signature)' : '';
      // A script written for another trainer's API names its rewards otherwise (`reward_function=`, `reward_fn=`).
      const other = [...call.keywords.keys()].find((k) => /reward/i.test(k) && k !== 'reward_processing_classes');
      const hint = other ? ` \`${other}=\` is not GRPOTrainer's name for them.` : '';
      ctx.report({
        node: call.callee,
        severity,
        message: `\`GRPOTrainer(…)\` is built without \`reward_funcs\`${version}: ${outcome}${assumed}. `
          + `Pass the reward functions, \`reward_funcs=[…]\` (your own functions of \`completions\`, or a reward model id).${hint}`,
      });
    }
  },
};

export default rule;
