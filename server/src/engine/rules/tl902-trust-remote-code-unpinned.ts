import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { alternativeValues, evaluateBool, evaluateString } from '../facts/values';
import type { Rule } from './rule';
import { isLoadDataset, remoteCodeIgnored, SCRIPTS_REMOVED } from './tl520-dataset-loading-script-unsupported';

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const COMMIT = /^[0-9a-f]{40}$/i;

/**
 * The Hub id the call loads: its one value, or the first of the values the branches that set it give
 * (`model_name = "a/x"` under `if`, `"b/y"` under `else`) when every one of them is a Hub id.
 */
function hubIdOf(facts: FileFacts, node: Node | undefined): { id: string; branches: boolean } | undefined {
  const id = evaluateString(facts, node);
  if (id !== undefined) return HUB_ID.test(id) ? { id, branches: false } : undefined;
  if (node?.type !== 'identifier') return undefined;
  const values = alternativeValues(facts, node)?.map((v) => (v.kind === 'str' ? v.value : undefined));
  if (!values?.length || !values.every((v) => v !== undefined && HUB_ID.test(v))) return undefined;
  return { id: values[values.length - 1]!, branches: new Set(values).size > 1 };
}

const rule: Rule = {
  code: 'TL902',
  name: 'trust-remote-code-unpinned',
  severity: 'information',
  fix: 'none',
  requires: ['trust_remote_code'],
  docs: `## What it does
Flags \`trust_remote_code=True\` for a Hub repository (\`from_pretrained\`, \`load_dataset\`, \`pipeline\`, …)
without \`revision=\` pinned to a commit hash. A repository id the script sets in branches (\`if …: model_name = "a/x"\`
\`else: model_name = "b/y"\`) counts when every branch names a Hub repository; a local folder in any branch does not.

## Why is this bad?
\`trust_remote_code=True\` runs the Python code the repository holds on your machine (a model transformers
implements itself, such as Gemma or Llama, usually ships none: then nothing runs until a commit adds some). Without a pinned revision, every
run downloads whatever the repository holds at that moment: a changed (or compromised) repository changes the
code you execute, and the run stops being reproducible. A branch or tag name (\`revision="main"\`) can move too.
Local paths are not flagged, nor \`load_dataset\` on a known datasets ≥ 4.0, which ignores the keyword and runs no
repository code (TL520 reports that).

## Example
\`\`\`python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("microsoft/Phi-3-small-8k-instruct", trust_remote_code=True)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM

model = AutoModelForCausalLM.from_pretrained("microsoft/Phi-3-small-8k-instruct", trust_remote_code=True,
                                             revision="69caae1f2acea34b26f535fecb1f2abb9a304695")
\`\`\`

## Fix safety
No fix: the commit to pin is the one the user has reviewed, which the linter cannot know.

## References
- Hugging Face docs, "Using custom models" (\`trust_remote_code\` and pinning a \`revision\`)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      const trc = call.keywords.get('trust_remote_code');
      if (!trc || evaluateBool(ctx.facts, trc.value) !== true || call.hasSplat) continue;
      // datasets ≥ 4.0 drops the keyword: no repository code runs (TL520 reports the dead keyword).
      if (remoteCodeIgnored(ctx, call)) continue;
      const idArg = call.positional[0] ?? call.keywords.get('model') ?? call.keywords.get('model_name')
        ?? call.keywords.get('pretrained_model_name_or_path') ?? call.keywords.get('path');
      const hub = hubIdOf(ctx.facts, idArg?.value);
      if (!hub) continue;
      const what = hub.branches ? `"${hub.id}" (or another Hub repository, as the script's branches set it)` : `"${hub.id}"`;
      const rev = call.keywords.get('revision') ?? call.keywords.get('code_revision');
      let why = 'without `revision=`';
      if (rev) {
        const r = evaluateString(ctx.facts, rev.value);
        if (r === undefined || COMMIT.test(r)) continue;
        why = `with \`revision="${r}"\`, a branch or tag that can move`;
      }
      // A dataset's loading script runs only on datasets < 4.0 (4.0 ignores the keyword): said when the version is unknown.
      const dataset = isLoadDataset(call);
      const v = dataset ? ctx.version('datasets', { before: SCRIPTS_REMOVED }) : undefined;
      // One parenthesis for both: the version it assumes, then what a repository without custom code runs.
      const when = v?.gate === 'unknown' ? `${v.note.trim().slice(0, -1)}; datasets ≥ ${SCRIPTS_REMOVED} ignores the keyword and runs none)` : '';
      ctx.report({
        node: trc.node,
        message: `\`trust_remote_code=True\` for ${what} ${why}: whatever Python code the repository holds at download time runs on this machine ${when ? `${when.slice(0, -1)}; none` : '(none'} while it holds no custom code, but a later commit can add some). Pin \`revision=\` to a reviewed commit hash, or drop \`trust_remote_code\` if the ${dataset ? 'dataset needs no loading script' : 'model needs no custom code'}.`,
        related: rev ? [{ node: rev.node, message: 'not a commit hash' }] : [],
      });
    }
  },
};
export default rule;
