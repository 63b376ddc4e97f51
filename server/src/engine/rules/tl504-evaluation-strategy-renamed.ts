import type { Fix } from '../diagnostics';
import { isConfigCall } from '../domain/trainers';
import { removeArgument, renameKeyword } from './edits';
import { driftVerdict } from './drift';
import { typeErrorHandled } from '../domain/version-guards';
import type { Rule } from './rule';

/** The first release without `evaluation_strategy` (not 4.46, which its deprecation warning named: see the docs). */
const REMOVED = '4.51';

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
\`FutureWarning: evaluation_strategy is deprecated and will be removed in version 4.46\`. The removal came
later than that message says: the field and its warning stayed through 4.50 (projects still logged the
"will be removed in version 4.46" warning in 2025, e.g. sillsdev/silnlp#741), and the first
\`TypeError: … got an unexpected keyword argument 'evaluation_strategy'\` reports date from April 2025, on 4.51
(yeyupiaoling/Whisper-Finetune#112, 2025-04-28, before 4.52 was released; huggingface/course#883); transformers
4.57.6's \`training_args.py\` has no \`evaluation_strategy\` at all. So from 4.51 on it is an error; on 4.41–4.50 the
old name still works (information with the Deprecated tag); before 4.41 it is the only name, so the rule is
silent there. A call inside a \`try:\` whose handler catches the TypeError (\`except TypeError:\`, or a broad handler
that does not raise again), or in that handler's fallback, is not reported: the script copes with either release.

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
are given, removing \`evaluation_strategy=\` is safe on versions that removed it; on 4.41–4.50 the old name
wins, so no fix is offered there.

## References
- huggingface/transformers PR #30190 (the deprecation); the removal, commit 2b550c47b208fc1a57feca46307349ab575cba2c
  (cited by huggingface/course#990); huggingface/course#974, #883; urchade/GLiNER#261; yeyupiaoling/Whisper-Finetune#112
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call)) continue;
      const arg = call.keywords.get('evaluation_strategy');
      // `try: …(evaluation_strategy=…) except TypeError: …` (or the handler's fallback): the script copes with either release.
      if (!arg || typeErrorHandled(call.node)) continue;
      const v = driftVerdict(ctx, 'transformers', REMOVED, '4.41', call.node);
      if (!v) continue;
      const fixes: Fix[] = call.keywords.has('eval_strategy')
        ? (v.phase === 'removed' ? [{ title: 'Remove evaluation_strategy= (eval_strategy= is already given)', applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] }] : [])
        : [{ title: 'Rename evaluation_strategy= to eval_strategy=', applicability: v.phase === 'unknown' ? 'unsafe' : 'safe', edits: [renameKeyword(ctx.source, arg, 'eval_strategy')] }];
      const cls = call.calleeText.split('.').pop();
      const message = v.phase === 'removed'
        ? `\`evaluation_strategy=\` was removed from ${cls} in transformers ${REMOVED}${v.note}: it raises "unexpected keyword argument"; use \`eval_strategy=\`.`
        : v.phase === 'deprecated'
          ? `\`evaluation_strategy=\` is deprecated${v.note} and removed in transformers ${REMOVED}; use \`eval_strategy=\`.`
          : `\`evaluation_strategy=\` is rejected by ${cls} with transformers ≥ ${REMOVED} (deprecated from 4.41; ${v.note.slice(2, -1)}); use \`eval_strategy=\` on those versions.`;
      ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
