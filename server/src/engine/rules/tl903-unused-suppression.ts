import type { Rule } from './rule';

/**
 * Found centrally after every other rule ran (lint/unused-suppressions.ts): only then is it known
 * which suppression comments silenced something. This file holds the rule's identity and docs.
 */
const rule: Rule = {
  code: 'TL903',
  name: 'unused-suppression',
  severity: 'warning',
  fix: 'safe',
  docs: `## What it does
Flags an entry of a suppression comment (\`# trainlint: disable=…\`, \`# trainlint: disable-file=…\` or
\`# noqa: TL…\`) that names no trainlint rule, or that silences nothing where it stands.

## Why is this bad?
A misspelt code or rule name silences nothing, so the finding the author meant to accept still shows, or
worse, the author believes a rule is off when it is not. A suppression that no longer matches a finding
(the bug was fixed, the code moved) hides the next real finding of that rule on the same line.
Entries for rules that did not run (not selected, or ignored in the configuration) are not reported.

## Example
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="out")  # trainlint: disable=seq2seq-collator-witout-labels
\`\`\`

## Use instead
\`\`\`python
from trl import SFTConfig

args = SFTConfig(output_dir="out")
\`\`\`

## Fix safety
Removing the entry (or the whole comment when it was the only one) is safe: it silenced nothing, so no
finding changes. Codes of other tools in the same \`# noqa:\` are kept.

## References
- Ruff's \`unused-noqa\` (RUF100), whose \`# noqa:\` spelling trainlint accepts
`,
  check() {
    // Reported by lint/unused-suppressions.ts once all rules have run.
  },
};

export default rule;
