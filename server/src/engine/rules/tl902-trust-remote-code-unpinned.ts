import { evaluateBool, evaluateString } from '../facts/values';
import type { Rule } from './rule';

const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;
const COMMIT = /^[0-9a-f]{40}$/i;

const rule: Rule = {
  code: 'TL902',
  name: 'trust-remote-code-unpinned',
  severity: 'information',
  fix: 'none',
  requires: ['trust_remote_code'],
  docs: `## What it does
Flags \`trust_remote_code=True\` for a Hub repository (\`from_pretrained\`, \`load_dataset\`, \`pipeline\`, …)
without \`revision=\` pinned to a commit hash.

## Why is this bad?
\`trust_remote_code=True\` runs Python code from the repository on your machine. Without a pinned revision, every
run downloads whatever the repository holds at that moment: a changed (or compromised) repository changes the
code you execute, and the run stops being reproducible. A branch or tag name (\`revision="main"\`) can move too.
Local paths are not flagged.

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
      const idArg = call.positional[0] ?? call.keywords.get('model') ?? call.keywords.get('model_name')
        ?? call.keywords.get('pretrained_model_name_or_path') ?? call.keywords.get('path');
      const id = evaluateString(ctx.facts, idArg?.value);
      if (!id || !HUB_ID.test(id)) continue;
      const rev = call.keywords.get('revision') ?? call.keywords.get('code_revision');
      let why = 'without `revision=`';
      if (rev) {
        const r = evaluateString(ctx.facts, rev.value);
        if (r === undefined || COMMIT.test(r)) continue;
        why = `with \`revision="${r}"\`, a branch or tag that can move`;
      }
      ctx.report({
        node: trc.node,
        message: `\`trust_remote_code=True\` for "${id}" ${why}: the repository's Python code runs as it is at download time. Pin \`revision=\` to a reviewed commit hash.`,
        related: rev ? [{ node: rev.node, message: 'not a commit hash' }] : [],
      });
    }
  },
};
export default rule;
