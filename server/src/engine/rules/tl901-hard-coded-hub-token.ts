import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { evaluate } from '../facts/values';
import { replaceNode } from './edits';
import { ensureModuleImport } from './imports-edit';
import type { RuleContext } from './context';
import type { Rule } from './rule';

const TOKEN = /hf_[A-Za-z0-9]{30,}/;

const rule: Rule = {
  code: 'TL901',
  name: 'hard-coded-hub-token',
  severity: 'warning',
  fix: 'safe',
  docs: `## What it does
Flags a string literal that contains a Hugging Face access token (\`hf_\` followed by 30 or more letters and
digits) anywhere in the code. The message shows only a masked form of the token.

## Why is this bad?
Scripts and notebooks get committed, pasted into issues and shared. A token in the source gives anyone who reads
it the owner's Hub access (private models and datasets, pushes). Read it from the environment or log in once
with \`huggingface-cli login\`.

## Example
\`\`\`python
from huggingface_hub import login

login(token="hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234567890")
\`\`\`

## Use instead
\`\`\`python
import os
from huggingface_hub import login

login(token=os.environ["HF_TOKEN"])
\`\`\`

## Fix safety
Replacing the literal with \`os.environ["HF_TOKEN"]\` (adding \`import os\` when needed) is safe: the script keeps
working once \`HF_TOKEN\` is set, and it fails loudly (\`KeyError: 'HF_TOKEN'\`) instead of leaking a credential.
The token itself must still be revoked on the Hub, since it is already in the file's history. No fix is offered
when the token is only part of a longer string, or inside a docstring.

## References
- Hugging Face docs, "User access tokens" (keep tokens out of code)
`,
  check(ctx) {
    if (!TOKEN.test(ctx.a.text)) return; // cheap prefilter: most scripts (and pipelines) hold no token
    for (const node of ctx.a.syntax.descendantsOfType('string')) {
      if (!node) continue;
      const m = TOKEN.exec(node.text);
      if (!m || isPlaceholder(m[0])) continue;
      const token = m[0];
      const masked = `hf_${token.slice(3, 5)}…${token.slice(-2)}`;
      ctx.report({
        node,
        message: `A Hugging Face access token (${masked}, ${token.length} characters) is hard-coded in the script: anyone who sees the file can use it. Read it from the environment (os.environ["HF_TOKEN"]) and revoke this token.`,
        fixes: fixFor(ctx, node, token),
      });
    }
  },
};

/**
 * `hf_xxxxxxxx…` and similar placeholders are not tokens, nor are strings typed to look like one: a run of 8 or more
 * letters in alphabetical order (`hf_AbCdEfGhIjKlMnOpQrStUvWxYz012345`, a test's fake credential), or camel-case
 * words (`hf_staleTokenFromAnEarlierSession`). A real token's 34 random letters hold neither (odds below one in a
 * million).
 */
function isPlaceholder(token: string): boolean {
  const body = token.slice(3);
  return new Set(body).size < 10 || alphabeticalRun(body) >= 8 || camelCaseWords(body);
}

/** The longest run of letters each one after the previous in the alphabet, case ignored ("AbCd" is 4). */
function alphabeticalRun(text: string): number {
  const s = text.toLowerCase();
  let best = 0;
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const letter = s[i] >= 'a' && s[i] <= 'z';
    run = letter && i > 0 && s.charCodeAt(i) === s.charCodeAt(i - 1) + 1 ? run + 1 : letter ? 1 : 0;
    best = Math.max(best, run);
  }
  return best;
}

/** Four or more camel-case words, each with a vowel: English, not 34 random letters. */
function camelCaseWords(text: string): boolean {
  if (!/^[a-z]+(?:[A-Z][a-z]+){3,}$/.test(text)) return false;
  return text.split(/(?=[A-Z])/).every((w) => /[aeiouy]/i.test(w));
}

function fixFor(ctx: RuleContext, node: Node, token: string): Fix[] {
  const v = evaluate(ctx.facts, node);
  const prefix = node.text.slice(0, Math.max(0, node.text.search(/["']/)));
  if (v.kind !== 'str' || v.value !== token || /[fb]/i.test(prefix)) return [];
  const parent = node.parent;
  if (!parent || parent.type === 'expression_statement' || parent.type === 'concatenated_string') return [];
  if (parent.type === 'assignment' && /^os\.environ\b/.test(parent.childForFieldName('left')?.text ?? '')) return [];
  return [{
    title: 'Read the token from os.environ["HF_TOKEN"]',
    applicability: 'safe',
    edits: [replaceNode(ctx.source, node, 'os.environ["HF_TOKEN"]'), ...ensureModuleImport(ctx, 'os', node)],
  }];
}

export default rule;
