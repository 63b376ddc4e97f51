import type { Fix } from '../diagnostics';
import { isConfigCall } from '../domain/trainers';
import { evalStrategyArg, strategyValue } from '../domain/training-args';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluateBool, evaluateNumber } from '../facts/values';
import { addKeyword, replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL302',
  name: 'eval-save-strategy-mismatch',
  severity: 'error',
  fix: 'sometimes',
  requires: ['load_best_model_at_end'],
  docs: `## What it does
Flags \`load_best_model_at_end=True\` when the evaluation and save strategies differ, or when both are
\`"steps"\` and \`save_steps\` is not a multiple of \`eval_steps\`.

## Why is this bad?
To load the best checkpoint, every evaluation needs a matching checkpoint. \`TrainingArguments\` refuses the
combination at construction: \`ValueError: --load_best_model_at_end requires the save and eval strategy to
match\` (or that \`save_steps\` be a round multiple of \`eval_steps\`). The defaults are \`eval_strategy="no"\`
and \`save_strategy="steps"\`, so \`load_best_model_at_end=True\` alone already fails.
\`save_strategy="best"\` is exempt.

## Example
\`\`\`python
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", load_best_model_at_end=True,
                         eval_strategy="epoch", save_strategy="steps")
\`\`\`

## Use instead
\`\`\`python
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", load_best_model_at_end=True,
                         eval_strategy="epoch", save_strategy="epoch")
\`\`\`

## Fix safety
Setting \`save_strategy\` to the evaluation strategy is safe: it is what \`load_best_model_at_end\` needs and
keeps the user's evaluation schedule. Changing \`save_steps\` to a multiple of \`eval_steps\` is unsafe: it changes
how often checkpoints are written. When evaluation is off (\`eval_strategy="no"\`) no fix is offered: it needs
an evaluation dataset.

## References
- huggingface/transformers PR #12786, issue #12685; hiyouga/LlamaFactory#8133
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const best = call.keywords.get('load_best_model_at_end');
      if (!best || evaluateBool(ctx.facts, best.value) !== true) continue;
      const evalArg = evalStrategyArg((k) => call.keywords.get(k));
      const saveArg = call.keywords.get('save_strategy');
      if ((!evalArg || !saveArg) && call.hasSplat) continue;
      const evalS = evalArg ? strategyValue(ctx.facts, evalArg.value) : 'no';
      const saveS = saveArg ? strategyValue(ctx.facts, saveArg.value) : 'steps';
      if (!evalS || !saveS || saveS === 'best') continue;
      if (evalS !== saveS) reportMismatch(ctx, call, best, evalArg, saveArg, evalS, saveS);
      else if (evalS === 'steps') checkSteps(ctx, call);
    }
  },
};

function reportMismatch(ctx: RuleContext, call: CallFact, best: ArgFact, evalArg: ArgFact | undefined, saveArg: ArgFact | undefined, evalS: string, saveS: string) {
  const base = `\`load_best_model_at_end=True\` requires matching strategies, but eval_strategy is "${evalS}" and save_strategy is "${saveS}"${saveArg ? '' : ' (the default)'}`;
  if (evalS === 'no') {
    ctx.report({
      node: best.node,
      message: `${base}: TrainingArguments raises "ValueError: --load_best_model_at_end requires the save and eval strategy to match". Enable evaluation (eval_strategy= with an eval_dataset) or drop load_best_model_at_end.`,
      related: saveArg ? [{ node: saveArg.node, message: `save_strategy="${saveS}"` }] : [],
    });
    return;
  }
  const literal = evalArg && (evalArg.value.type === 'string' || evalArg.value.type === 'attribute') ? evalArg.value.text : `"${evalS}"`;
  const edit = saveArg ? replaceNode(ctx.source, saveArg.value, literal) : addKeyword(ctx.source, call, `save_strategy=${literal}`);
  ctx.report({
    node: saveArg?.node ?? best.node,
    message: `${base}: TrainingArguments raises "ValueError: --load_best_model_at_end requires the save and eval strategy to match". Set save_strategy="${evalS}".`,
    related: evalArg ? [{ node: evalArg.node, message: `evaluation strategy "${evalS}"` }] : [],
    fixes: [{ title: `Set save_strategy=${literal}`, applicability: 'safe', edits: [edit] }],
  });
}

function stepsOf(ctx: RuleContext, arg: ArgFact | undefined, fallback: number): number | undefined {
  return arg ? evaluateNumber(ctx.facts, arg.value) : fallback;
}

function checkSteps(ctx: RuleContext, call: CallFact) {
  const evalStepsArg = call.keywords.get('eval_steps');
  const saveStepsArg = call.keywords.get('save_steps');
  const loggingArg = call.keywords.get('logging_steps');
  if (call.hasSplat && !(evalStepsArg && saveStepsArg)) return;
  // eval_steps defaults to logging_steps (default 500); save_steps defaults to 500.
  const logging = stepsOf(ctx, loggingArg, 500);
  const evalSteps = evalStepsArg ? evaluateNumber(ctx.facts, evalStepsArg.value) : logging;
  const saveSteps = stepsOf(ctx, saveStepsArg, 500);
  if (evalSteps === undefined || saveSteps === undefined || evalSteps < 1 || saveSteps < 1) return;
  if (!Number.isInteger(evalSteps) || !Number.isInteger(saveSteps) || saveSteps % evalSteps === 0) return;
  const multiple = Math.max(1, Math.round(saveSteps / evalSteps)) * evalSteps;
  const fixes: Fix[] = [{
    title: `Set save_steps=${multiple} (a multiple of eval_steps=${evalSteps})`,
    applicability: 'unsafe',
    edits: [saveStepsArg ? replaceNode(ctx.source, saveStepsArg.value, String(multiple)) : addKeyword(ctx.source, call, `save_steps=${multiple}`)],
  }];
  const evalNote = evalStepsArg ? `eval_steps=${evalSteps}` : `eval_steps=${evalSteps} (from logging_steps)`;
  ctx.report({
    node: saveStepsArg?.node ?? evalStepsArg?.node ?? call.callee,
    message: `\`load_best_model_at_end=True\` with step strategies needs save_steps to be a multiple of eval_steps, but save_steps=${saveSteps} and ${evalNote}: TrainingArguments raises a ValueError.`,
    related: evalStepsArg ? [{ node: evalStepsArg.node, message: `eval_steps=${evalSteps}` }] : [],
    fixes,
  });
}
export default rule;
