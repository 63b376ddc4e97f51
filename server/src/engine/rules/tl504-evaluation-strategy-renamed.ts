import type { Fix } from '../diagnostics';
import { isConfigCall } from '../domain/trainers';
import { removeArgument, renameKeyword } from './edits';
import { driftVerdict } from './drift';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL504',
  name: 'evaluation-strategy-renamed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['evaluation_strategy'],
  docs: `## What it does
Flags \`evaluation_strategy=\` in \`TrainingArguments\` and the configs built on it (\`Seq2SeqTrainingArguments\`,
\`SFTConfig\`, \`DPOConfig\`, …) on transformers versions that renamed it to \`eval_strategy=\`.

## Why is this bad?
transformers 4.41 renamed the argument and warned
\`FutureWarning: evaluation_strategy is deprecated and will be removed in version 4.46\`; from 4.46 on
\`TrainingArguments(evaluation_strategy=…)\` raises \`TypeError: … got an unexpected keyword argument
'evaluation_strategy'\`. On 4.41–4.45 the old name still works (information with the Deprecated tag);
before 4.41 it is the only name, so the rule is silent there.

## Example
\`\`\`python
# pip install transformers==4.56.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", evaluation_strategy="steps", eval_steps=100)
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==4.56.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", eval_strategy="steps", eval_steps=100)
\`\`\`

## Fix safety
Renaming to \`eval_strategy=\` is safe when the installed transformers is known to accept it (≥ 4.41).
With an unknown version it is offered as unsafe: transformers < 4.41 rejects \`eval_strategy=\`. When both names
are given, removing \`evaluation_strategy=\` is safe on versions that removed it; on 4.41–4.45 the old name
wins, so no fix is offered there.

## References
- huggingface/transformers PR #30190; huggingface/course#974; urchade/GLiNER#261
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const arg = call.keywords.get('evaluation_strategy');
      if (!arg) continue;
      const v = driftVerdict(ctx, 'transformers', '4.46', '4.41');
      if (!v) continue;
      const fixes: Fix[] = call.keywords.has('eval_strategy')
        ? (v.phase === 'removed' ? [{ title: 'Remove evaluation_strategy= (eval_strategy= is already given)', applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] }] : [])
        : [{ title: 'Rename evaluation_strategy= to eval_strategy=', applicability: v.phase === 'unknown' ? 'unsafe' : 'safe', edits: [renameKeyword(ctx.source, arg, 'eval_strategy')] }];
      const cls = call.calleeText.split('.').pop();
      const message = v.phase === 'removed'
        ? `\`evaluation_strategy=\` was removed from ${cls} in transformers 4.46${v.note}: it raises "unexpected keyword argument"; use \`eval_strategy=\`.`
        : v.phase === 'deprecated'
          ? `\`evaluation_strategy=\` is deprecated${v.note} and removed in transformers 4.46; use \`eval_strategy=\`.`
          : `\`evaluation_strategy=\` is rejected by ${cls} with transformers ≥ 4.46 (deprecated from 4.41; ${v.note.slice(2, -1)}); use \`eval_strategy=\` on those versions.`;
      ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
