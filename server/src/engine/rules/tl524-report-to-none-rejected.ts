import { isConfigCall } from '../domain/trainers';
import { withSpreadKeywords } from '../domain/spread-arguments';
import { callsWhere } from '../facts/selections';
import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluate } from '../facts/values';
import type { RuleContext } from './context';
import { replaceNode } from './edits';
import { driftVerdict, type DriftVerdict } from './drift';
import type { Rule } from './rule';

/** The first transformers release whose `TrainingArguments` keeps `report_to=None` as `[None]` (v5.0.0). */
const CHANGED = '5.0';

/** The error every transformers 5 release (5.0.0–5.18.0) raises when the trainer is built. */
const RAISED = '"ValueError: None is not supported, only azure_ml, comet_ml, mlflow, … are supported."';

const rule: Rule = {
  code: 'TL524',
  name: 'report-to-none-rejected',
  severity: 'error',
  fix: 'unsafe',
  requires: ['report_to'],
  docs: `## What it does
Flags \`report_to=None\` (Python's \`None\`, not the string \`"none"\`) given to \`TrainingArguments\`,
\`Seq2SeqTrainingArguments\` or a config built on it (\`SFTConfig\`, \`DPOConfig\`, \`GRPOConfig\`, …,
\`UnslothTrainingArguments\`), on transformers 5, where building the trainer with those arguments raises ValueError.
Also \`report_to="wandb" if use_wandb else None\` (tloen/alpaca-lora's \`finetune.py\` and its many copies): a warning, since
only the runs that take the \`None\` branch fail (with alpaca-lora's defaults, every run without a W&B project).

## Why is this bad?
transformers 4 treated \`report_to=None\` as its default: \`TrainingArguments.__post_init__\` turned it into \`"all"\`,
every installed integration (W&B, TensorBoard, MLflow, …), with a notice that the default would become "none" in v5.
transformers 5 made \`"none"\` the default and dropped that branch: \`None\` is neither \`"all"\` nor \`"none"\` and not a list,
so \`__post_init__\` wraps it into \`[None]\`, and \`Trainer.__init__\` hands that to
\`get_reporting_integration_callbacks\`, which rejects every entry it has no callback for:
${RAISED}. The script fails when the trainer is built, after the model and the data are loaded. Every transformers 5
release behaves so (5.0.0 to 5.18.0); the rule is silent on 4.x, where the call works (and reports to every installed
integration, which is rarely what \`None\` was meant to say).

TRL's and Unsloth's trainers build on \`Trainer.__init__\` and fail the same way; neither TRL's configs nor Unsloth's
patched copies of them read \`report_to\` (Unsloth only changes the default to \`"none"\`). Setting
\`args.report_to = None\` after the arguments are built is not flagged: \`__post_init__\` has run, and
\`get_reporting_integration_callbacks(None)\` returns no callbacks.

## Example
\`\`\`python
# pip install transformers==5.2.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", report_to=None)
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==5.2.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", report_to="none")
\`\`\`

## Fix safety
Two fixes, both unsafe, that replace the \`None\` (in a conditional, only its \`None\` branch): \`"none"\` (no reporting,
what \`None\` is usually meant to say and the transformers 5 default) and \`"all"\` (every installed integration, what
\`None\` did on transformers 4). Which one the script wants is its author's choice.

## References
- huggingface/transformers \`src/transformers/training_args.py\` at v5.0.0 (08810b1e27) and v5.15.0: \`report_to\` field
  \`default="none"\`, and in \`__post_init__\` only \`"all"\`, \`"none"\` and non-lists are handled (\`self.report_to =
  [self.report_to]\`); the same in the transformers 5.17.0 and 5.18.0 wheels; at v4.57.0 and in the 4.57.6 wheel:
  \`default=None\` and \`if self.report_to is None: … self.report_to = "all"\`
- \`src/transformers/integrations/integration_utils.py\` \`get_reporting_integration_callbacks\` at v5.0.0 (raises
  \`ValueError(f"{integration} is not supported, only … are supported.")\` for an entry not in
  \`INTEGRATION_TO_CALLBACK\`), called from \`Trainer.__init__\` (\`src/transformers/trainer.py\` at v5.0.0)
- huggingface/transformers PR #10100 (2021-02, v4.3: "all"/"none" values and the notice of the v5 default change)
- sii-research/tau-0-vla PR #12 (2026-08, transformers 5.5.4: a \`--report_to none\` coerced to Python \`None\` raises this
  ValueError from \`Trainer.__init__\`); the same error reported in setup notes for transformers 5.2.0 (a library passing
  \`report_to="wandb" if project else None\`) and for transformers 5.11.0 with TRL 1.5.1 (a notebook's
  \`SFTConfig(report_to=None)\`)
- unslothai/unsloth \`unsloth/models/rl.py\`@015bdef0 (\`"report_to": "none"\` among the default replacements of its patched
  TRL configs; the value given is passed on)
`,
  check(ctx) {
    for (const written of callsWhere(ctx.facts, isConfigCall)) {
      // `TrainingArguments(**cfg)` with `cfg = {"report_to": None, …}` too.
      const call = withSpreadKeywords(ctx.facts, ctx.a.callsByNode, written);
      const arg = call.keywords.get('report_to');
      if (!arg) continue;
      const none = evaluate(ctx.facts, arg.value).kind === 'none' ? arg.value : noneBranch(ctx, arg.value);
      if (!none) continue;
      const v = driftVerdict(ctx, 'transformers', CHANGED, undefined, call.node);
      if (v) report(ctx, call, arg, none, v);
    }
  },
};

/**
 * `"wandb" if use_wandb else None` (tloen/alpaca-lora's finetune.py and its many copies): the `None` branch, when the
 * condition is not known (a known one is evaluated) and the other branch is not `None` too.
 */
function noneBranch(ctx: RuleContext, value: Node): Node | undefined {
  let v: Node | null = value;
  while (v?.type === 'parenthesized_expression') v = v.namedChildren.find((c) => c?.type !== 'comment') ?? null;
  if (v?.type !== 'conditional_expression') return undefined;
  const [body, , other] = v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
  if (!body || !other) return undefined;
  const bodyNone = evaluate(ctx.facts, body).kind === 'none';
  const otherNone = evaluate(ctx.facts, other).kind === 'none';
  if (bodyNone === otherNone) return undefined;
  return bodyNone ? body : other;
}

/** The condition under which the conditional's `None` branch is taken, as the message says it. */
function whenTaken(value: Node, none: Node): string | undefined {
  if (none.id === value.id) return undefined;
  let v: Node | null = value;
  while (v?.type === 'parenthesized_expression') v = v.namedChildren.find((c) => c?.type !== 'comment') ?? null;
  const [body, cond] = v?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
  if (!body || !cond) return undefined;
  const text = cond.text.length > 60 ? 'its condition' : `\`${cond.text}\``;
  return body.id === none.id ? `when ${text} is true` : `when ${text} is false`;
}

function report(ctx: RuleContext, call: CallFact, arg: ArgFact, none: Node, v: DriftVerdict): void {
  const cls = call.calleeText.split('.').pop();
  const when = whenTaken(arg.value, none);
  // A conditional `None` fails only in the runs that take that branch: a warning, not an error.
  const severity: Severity = when && v.severity === 'error' ? 'warning' : v.severity;
  const subject = when ? `\`report_to=\` is \`None\` ${when}, which` : '`report_to=None`';
  const message = v.phase === 'removed'
    ? `${subject} makes building the trainer raise ${RAISED} on transformers 5${v.note}: ${cls} keeps it as \`[None]\` (transformers 4 read it as "all"); write \`"none"\` for no reporting.`
    : `${subject} makes building the trainer raise ValueError on transformers ≥ ${CHANGED} (${v.note.slice(2, -1)}), where ${cls} keeps it as \`[None]\`; on 4.x it means every installed integration ("all"); write \`"none"\` or \`"all"\`.`;
  ctx.report({
    node: arg.node,
    severity,
    message,
    fixes: [
      { title: 'Replace None with "none" (no reporting)', applicability: 'unsafe', edits: [replaceNode(ctx.source, none, '"none"')] },
      { title: 'Replace None with "all" (what None meant on transformers 4)', applicability: 'unsafe', edits: [replaceNode(ctx.source, none, '"all"')] },
    ],
  });
}

export default rule;
