import type { Severity } from '../diagnostics';
import { trainerNeverRuns } from '../domain/train-call';
import { evalStrategyArg, lookupArg, strategyValue } from '../domain/training-args';
import type { ArgFact } from '../facts/types';
import { evaluate, evaluateBool } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL303',
  name: 'eval-without-eval-dataset',
  severity: 'error',
  fix: 'none',
  docs: `## What it does
Flags a trainer whose arguments turn evaluation on (\`eval_strategy\` / \`evaluation_strategy\` other than
\`"no"\`) while the trainer gets no \`eval_dataset\`. \`do_eval=True\` or \`load_best_model_at_end=True\` without an
evaluation dataset is a warning when the script calls \`trainer.evaluate()\` (no dataset) on that trainer, and
information naming the assumption otherwise: neither schedules an evaluation, so nothing raises unless something
calls \`evaluate()\` (transformers \`TrainingArguments\` docs: \`do_eval\` "is not directly used by Trainer, it's
intended to be used by your training/evaluation scripts").

## Why is this bad?
The trainer refuses to start: \`ValueError: You have set args.eval_strategy to IntervalStrategy.STEPS but you
didn't pass an eval_dataset to Trainer. Either set args.eval_strategy to no or pass an eval_dataset.\` That check in
\`Trainer.__init__\` came in transformers 4.46 (huggingface/transformers PR #33743, "Validate the eval dataset in
advance"); before it, training runs until the first evaluation (\`eval_steps\`, or the end of the first epoch), where
\`get_eval_dataloader\` raises \`ValueError: Trainer: evaluation requires an eval_dataset.\`: still an error, and the
message says which of the two a pinned transformers gives.
\`do_eval=True\` alone does not schedule evaluation, but \`trainer.evaluate()\` then raises
\`Trainer: evaluation requires an eval_dataset\`.
A trainer the script never trains or evaluates (every other use of its name reads another attribute, as in a script
that builds a \`Seq2SeqTrainer\` only to call \`trainer.push_to_hub()\`) fails only on the check in \`__init__\`: an error
with transformers ≥ 4.46, silent on older versions, and information naming that range when the version is unknown.

## Example
\`\`\`python
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", eval_strategy="steps", eval_steps=100)
trainer = Trainer(model=model, args=args, train_dataset=train_ds)
\`\`\`

## Use instead
\`\`\`python
from transformers import Trainer, TrainingArguments

args = TrainingArguments(output_dir="out", eval_strategy="steps", eval_steps=100)
trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
\`\`\`

## Fix safety
No fix: either an evaluation split has to be chosen or evaluation turned off, and only the user knows which.

## References
- transformers \`Trainer.evaluate\` raises \`ValueError: Trainer: evaluation requires an eval_dataset.\`
`,
  check(ctx) {
    for (const t of ctx.trainers) {
      if (t.call.hasSplat) continue;
      const evalDs = t.call.keywords.get('eval_dataset');
      if (evalDs && evaluate(ctx.facts, evalDs.value).kind !== 'none') continue;
      if (!evalDs && t.call.positional.length > 4) continue;
      // A later `trainer.eval_dataset = …` or `trainer.evaluate(eval_dataset=…)`.
      if (t.variable && ctx.facts.assignments.some((a) => a.target === `${t.variable}.eval_dataset`)) continue;
      const get = (k: string) => lookupArg(ctx.facts, t, k).arg;
      const strategyArg = evalStrategyArg(get);
      let trigger: ArgFact | undefined;
      let severity: Severity = 'error';
      let what = '';
      const strategy = strategyArg ? strategyValue(ctx.facts, strategyArg.value) : undefined;
      if (strategyArg && strategy && strategy !== 'no') {
        trigger = strategyArg;
        what = `${strategyArg.name}="${strategy}" turns on evaluation`;
      } else if (!strategyArg || strategy === 'no') {
        for (const k of ['load_best_model_at_end', 'do_eval']) {
          const a = get(k);
          if (a && evaluateBool(ctx.facts, a.value) === true) {
            trigger = a; severity = 'warning';
            what = `${k}=True asks for evaluation`;
            break;
          }
        }
        if (trigger && evaluatedWithDataset(ctx, t.variable)) continue;
        // do_eval / load_best_model_at_end schedule no evaluation themselves: only a `trainer.evaluate()` raises. The
        // script calling it proves the failure; otherwise it assumes a caller the script does not show.
        if (trigger && !evaluatedWithoutDataset(ctx, t.variable)) severity = 'information';
      }
      if (!trigger) continue;
      // The check before training came in transformers 4.46 (huggingface/transformers PR #33743); before it, training
      // runs until the first evaluation, whose get_eval_dataloader raises.
      const upFront = ctx.env.gate('transformers', { from: '4.46' });
      // A trainer the script never trains or evaluates (built to call `push_to_hub()`): only the check in __init__
      // (transformers ≥ 4.46) raises; older versions never reach an evaluation.
      const neverRuns = severity === 'error' && trainerNeverRuns(ctx.source.text, t);
      if (neverRuns && upFront === 'unaffected') continue;
      if (neverRuns && upFront === 'unknown') {
        const v = ctx.version('transformers', { from: '4.46' });
        severity = v.severity ?? 'information';
        ctx.report({
          node: trigger.node,
          severity,
          message: `${what}, but ${t.kind} gets no eval_dataset: creating it raises "ValueError: You have set args.eval_strategy to … but you didn't pass an eval_dataset"${v.note}. This script never trains or evaluates \`${t.variable}\`, so on older versions nothing fails.`,
          related: [{ node: evalDs?.node ?? t.call.callee, message: evalDs ? 'eval_dataset is None' : `${t.kind} created without eval_dataset` }],
        });
        continue;
      }
      const late = '"ValueError: Trainer: evaluation requires an eval_dataset." at the first evaluation, after training that far';
      const message = severity === 'warning'
        ? `${what}, but ${t.kind} gets no eval_dataset: the script's \`${t.variable ?? 'trainer'}.evaluate()\` raises "evaluation requires an eval_dataset".`
        : severity === 'information'
          ? `${what}, but ${t.kind} gets no eval_dataset: \`trainer.evaluate()\` would raise "evaluation requires an eval_dataset". This assumes something calls it: this script does not (${trigger.name ?? "the flag"} alone schedules no evaluation).`
        : upFront === 'unaffected'
          ? `${what}, but ${t.kind} gets no eval_dataset: training starts and raises ${late} (${ctx.versionText('transformers')}; transformers checks this before training only from 4.46).`
          : upFront === 'affected'
            ? `${what}, but ${t.kind} gets no eval_dataset: it raises "ValueError: You have set args.eval_strategy to … but you didn't pass an eval_dataset" before training starts.`
            : `${what}, but ${t.kind} gets no eval_dataset: it raises "ValueError: You have set args.eval_strategy to … but you didn't pass an eval_dataset" before training starts${ctx.version('transformers', { from: '4.46' }).note}, and on older versions ${late}.`;
      ctx.report({
        node: trigger.node,
        severity,
        message,
        related: [{ node: evalDs?.node ?? t.call.callee, message: evalDs ? 'eval_dataset is None' : `${t.kind} created without eval_dataset` }],
      });
    }
  },
};

function evaluatedWithDataset(ctx: RuleContext, variable: string | undefined): boolean {
  return ctx.facts.calls.some((c) => c.method === 'evaluate' && c.args.length > 0 && (!variable || c.receiver?.text === variable));
}
/** `trainer.evaluate()` without a dataset: it evaluates on the trainer's own eval_dataset. */
function evaluatedWithoutDataset(ctx: RuleContext, variable: string | undefined): boolean {
  return ctx.facts.calls.some((c) => c.method === 'evaluate' && c.args.length === 0 && !c.hasSplat && (!variable || c.receiver?.text === variable));
}
export default rule;
