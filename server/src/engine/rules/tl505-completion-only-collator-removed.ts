import type { Node } from 'web-tree-sitter';
import { importedNameNode, isQualified } from '../facts/imports';
import { driftVerdict } from './drift';
import { importFailureHandled } from '../domain/version-guards';
import type { Rule } from './rule';

const NAME = 'DataCollatorForCompletionOnlyLM';

const rule: Rule = {
  code: 'TL505',
  name: 'completion-only-collator-removed',
  severity: 'error',
  fix: 'none',
  requires: ['DataCollatorForCompletionOnlyLM'],
  docs: `## What it does
Flags \`DataCollatorForCompletionOnlyLM\` imported or used from \`trl\` on TRL versions that removed it.

## Why is this bad?
TRL deprecated the collator in 0.17 (a DeprecationWarning at construction: "This class is deprecated and
will be removed in version 0.20.0. To train on completion only, please use the parameter
completion_only_loss of SFTConfig instead.") and removed it in 0.20:
\`ImportError: cannot import name 'DataCollatorForCompletionOnlyLM' from 'trl'\`. On 0.17–0.19 it still works
(information with the Deprecated tag).

## Example
\`\`\`python
# pip install trl==0.21.0
from trl import SFTTrainer, DataCollatorForCompletionOnlyLM

collator = DataCollatorForCompletionOnlyLM("### Answer:", tokenizer=tokenizer)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.21.0
from trl import SFTTrainer, SFTConfig

# a prompt/completion dataset trains on the completion only (completion_only_loss defaults to on)
trainer = SFTTrainer(model=model, train_dataset=prompt_completion_ds,
                     args=SFTConfig(output_dir="out", completion_only_loss=True))
\`\`\`

## Fix safety
No automatic fix. The replacement depends on the dataset: a \`prompt\`/\`completion\` dataset with
\`SFTConfig(completion_only_loss=True)\`, a \`messages\` dataset with \`assistant_only_loss=True\` (the chat
template needs \`{% generation %}\` blocks, TL108), or pinning \`trl<0.20\`. Turning a text dataset with a
response template into one of these is a data change the linter cannot make for you.

## References
- huggingface/trl PR #3704; huggingface/trl#3827
`,
  check(ctx) {
    const sites: Array<{ node: Node; usedAt?: Node; attribute?: boolean }> = [];
    for (const imp of ctx.facts.imports) {
      if (imp.module.split('.')[0] !== 'trl' || imp.name !== NAME || importFailureHandled(imp.node)) continue;
      const node = importedNameNode(imp.node, NAME) ?? imp.node;
      const use = ctx.facts.calls.find((c) => c.calleeText === imp.local);
      sites.push({ node, usedAt: use?.node });
    }
    for (const c of ctx.facts.calls) {
      if (!isQualified(c.qualified, ['trl'], NAME)) continue;
      // Calls through a `from trl import DataCollatorForCompletionOnlyLM` binding are reported at the import.
      if (c.callee.type === 'identifier' && ctx.facts.imports.some((i) => i.local === c.calleeText)) continue;
      sites.push({ node: c.callee, attribute: c.callee.type === 'attribute' });
    }
    if (sites.length === 0) return;
    const advice = 'use a prompt/completion dataset with `SFTConfig(completion_only_loss=True)`, or `messages` with `assistant_only_loss=True`';
    for (const s of sites) {
      const v = driftVerdict(ctx, 'trl', '0.20', '0.17', s.node);
      if (!v) continue;
      const message = v.phase === 'removed'
        ? `\`${NAME}\` was removed from TRL in 0.20${v.note}: ${s.attribute ? 'the attribute lookup raises AttributeError' : 'the import raises ImportError'}; ${advice}.`
        : v.phase === 'deprecated'
          ? `\`${NAME}\` is deprecated${v.note} and removed in TRL 0.20; ${advice}.`
          : `\`${NAME}\` does not exist in TRL ≥ 0.20 (deprecated from 0.17; ${v.note.slice(2, -1)}); pin \`trl<0.20\` or ${advice}.`;
      ctx.report({
        node: s.node, severity: v.severity, tags: v.tags, message,
        related: s.usedAt ? [{ node: s.usedAt, message: 'the collator is created here' }] : [],
      });
    }
  },
};
export default rule;
