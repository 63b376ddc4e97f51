import type { Fix } from '../diagnostics';
import { isLibraryCall } from '../domain/trainers';
import { removeArgument, renameKeyword } from './edits';
import { driftVerdict } from './drift';
import { typeErrorHandled } from '../domain/version-guards';
import type { Rule } from './rule';

const rule: Rule = {
  code: 'TL503',
  name: 'max-seq-length-renamed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['max_seq_length'],
  docs: `## What it does
Flags \`SFTConfig(max_seq_length=…)\` on TRL versions that renamed it to \`max_length=\`.

## Why is this bad?
TRL 0.16 renamed \`SFTConfig.max_seq_length\` to \`max_length\` (a DeprecationWarning copies the value over)
and TRL 0.20 removed it: \`TypeError: SFTConfig.__init__() got an unexpected keyword argument
'max_seq_length'\`. On 0.16–0.19 the old name still works (information with the Deprecated tag). When
\`unsloth\` is imported first, Unsloth's patched config accepts \`max_seq_length\`, so the rule is silent.
Trainer-level \`SFTTrainer(max_seq_length=…)\` is TL502. A call inside a \`try:\` whose handler catches the
TypeError (or a broad handler that does not raise again), or in that handler's fallback, is not reported: the script
copes with either release.

## Example
\`\`\`python
# pip install trl==0.21.0
from trl import SFTConfig

args = SFTConfig(output_dir="out", max_seq_length=2048)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.21.0
from trl import SFTConfig

args = SFTConfig(output_dir="out", max_length=2048)
\`\`\`

## Fix safety
Renaming to \`max_length=\` is safe when the installed TRL is known to accept it (≥ 0.16). With an unknown
version it is offered as unsafe (TRL < 0.16 has no \`max_length\` in \`SFTConfig\`). When both are given,
removing \`max_seq_length=\` is safe on TRL ≥ 0.20 (it cannot run anyway); on 0.16–0.19 the old value wins,
so no fix is offered.

## References
- huggingface/trl PR #3704; unslothai/unsloth#2904
`,
  check(ctx) {
    if (ctx.unsloth.patches) return;
    for (const call of ctx.facts.calls) {
      if (!isLibraryCall(call, ['SFTConfig'], ['trl'])) continue;
      const arg = call.keywords.get('max_seq_length');
      // `try: …(max_seq_length=…) except TypeError: …` (or the handler's fallback): the script copes with either release.
      if (!arg || typeErrorHandled(call.node)) continue;
      const v = driftVerdict(ctx, 'trl', '0.20', '0.16', call.node);
      if (!v) continue;
      const fixes: Fix[] = [];
      if (!call.keywords.has('max_length')) {
        fixes.push({ title: 'Rename max_seq_length= to max_length=', applicability: v.phase === 'unknown' ? 'unsafe' : 'safe', edits: [renameKeyword(ctx.source, arg, 'max_length')] });
      } else if (v.phase === 'removed') {
        fixes.push({ title: 'Remove max_seq_length= (max_length= is already given)', applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] });
      }
      const message = v.phase === 'removed'
        ? `\`max_seq_length=\` was removed from SFTConfig in TRL 0.20${v.note}: it raises "unexpected keyword argument 'max_seq_length'"; use \`max_length=\`.`
        : v.phase === 'deprecated'
          ? `\`max_seq_length=\` is deprecated in SFTConfig${v.note} and removed in TRL 0.20; use \`max_length=\`.`
          : `\`max_seq_length=\` is rejected by SFTConfig with TRL ≥ 0.20 (deprecated from 0.16; ${v.note.slice(2, -1)}); use \`max_length=\` on those versions.`;
      ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};
export default rule;
