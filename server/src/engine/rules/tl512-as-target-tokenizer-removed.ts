import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import type { CallFact } from '../facts/types';
import { driftVerdict } from './drift';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** First transformers release that warns (huggingface/transformers PR #18325, in v4.22.0) and has `text_target=`. */
const DEPRECATED = '4.22';
/** transformers 5.0 removed both context managers from the tokenizer and processor base classes. */
const REMOVED = '5.0';

const METHODS: Record<string, string> = {
  as_target_tokenizer: 'tokenize the labels with `tokenizer(text_target=…)`',
  as_target_processor: 'pass the labels to the processor call itself (`processor(…, text=…)`) or to its tokenizer with `text_target=`',
};

const rule: Rule = {
  code: 'TL512',
  name: 'as-target-tokenizer-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['as_target_tokenizer', 'as_target_processor'],
  docs: `## What it does
Flags \`with tokenizer.as_target_tokenizer():\` (and a processor's \`as_target_processor()\`), the context manager
sequence-to-sequence scripts used to tokenize labels, on transformers versions that removed it.

## Why is this bad?
transformers 4.22 replaced the context manager with the \`text_target=\` argument of the tokenizer call and deprecated
it ("\`as_target_tokenizer\` is deprecated and will be removed in v5 of Transformers. You can tokenize your labels by
using the argument \`text_target\` of the regular \`__call__\` method"); transformers 5 removed it from the tokenizer
and processor base classes, so the preprocessing function fails with
\`AttributeError: … has no attribute 'as_target_tokenizer'\` (inside \`dataset.map\`, before training starts). Summarization
and translation notebooks written for transformers 4 still use it, and an unpinned \`pip install transformers\` gets
transformers 5. On 4.22–4.x it still works with a warning (information with the Deprecated tag); before 4.22 it is the
only way and the rule is silent.

## Example
\`\`\`python
# pip install transformers==5.2.0
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("t5-small")

def preprocess(batch):
    model_inputs = tokenizer(batch["document"], max_length=512, truncation=True)
    with tokenizer.as_target_tokenizer():
        labels = tokenizer(batch["summary"], max_length=128, truncation=True)
    model_inputs["labels"] = labels["input_ids"]
    return model_inputs
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==5.2.0
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("t5-small")

def preprocess(batch):
    model_inputs = tokenizer(batch["document"], max_length=512, truncation=True)
    labels = tokenizer(text_target=batch["summary"], max_length=128, truncation=True)
    model_inputs["labels"] = labels["input_ids"]
    return model_inputs
\`\`\`

## Fix safety
When the \`with\` block holds one statement that calls the same tokenizer with the labels as its first argument
(\`labels = tokenizer(targets, …)\`), the block becomes \`labels = tokenizer(text_target=targets, …)\`: the tokenizer
switches to target mode for that call and returns the same encoding, so the fix is safe on a known transformers ≥
4.22 and unsafe when the version is unknown (older releases have no \`text_target=\`). Other blocks (several
statements, a processor) get no fix.

## References
- huggingface/transformers PR #18325 ("Replace \`as_target\` context managers by direct calls", 2022-07-27, in v4.22.0;
  huggingface/course PR #316, 2022-09-16: "With the release of transformers v4.22.0, the \`as_target_tokenizer\`
  context managers have been deprecated")
- huggingface/transformers MIGRATION_GUIDE_V5.md@048bd927cf5b0ea0614cb56aff7f97f1941a6775 ("Removed Methods:
  \`_switch_to_input_mode()\`, \`_switch_to_target_mode()\`, \`as_target_tokenizer()\`: Removed from base class. Use
  \`__call__()\` with \`text_target\` parameter instead.")
- the transformers 4.57.6 wheel (\`tokenization_utils_base.py\`: \`as_target_tokenizer\` with the deprecation warning;
  \`as_target_processor\` in the Wav2Vec2, Speech2Text, TrOCR and Donut processors) against 5.18.0 (neither method
  anywhere under \`src/transformers\`)
`,
  check(ctx) {
    if (!ctx.facts.imports.some((i) => /^(transformers|trl|unsloth)(\.|$)/.test(i.module))) return;
    for (const call of ctx.facts.calls) {
      const advice = call.method ? METHODS[call.method] : undefined;
      if (!advice || !call.receiver || call.positional.length || call.keywords.size) continue;
      const v = driftVerdict(ctx, 'transformers', REMOVED, DEPRECATED, call.node);
      if (!v) continue;
      const name = `${call.receiver.text}.${call.method}()`;
      const fixes = call.method === 'as_target_tokenizer' ? textTargetFix(ctx, call, v.phase === 'unknown') : [];
      const message = v.phase === 'removed'
        ? `\`${name}\` was removed in transformers 5${v.note}: it raises AttributeError; ${advice}.`
        : v.phase === 'deprecated'
          ? `\`${name}\` is deprecated${v.note} and removed in transformers 5; ${advice}.`
          : `\`${name}\` does not exist in transformers ≥ 5.0 (deprecated from 4.22; ${v.note.slice(2, -1)}); ${advice}, or pin \`transformers<5\`.`;
      ctx.report({ node: call.node, severity: v.severity, tags: v.tags, message, fixes });
    }
  },
};

/**
 * `with tok.as_target_tokenizer():` whose body is one `x = tok(targets, …)` (or a bare `tok(targets, …)`): the whole
 * `with` becomes `x = tok(text_target=targets, …)`, at the `with`'s own indentation.
 */
function textTargetFix(ctx: RuleContext, call: CallFact, unknown: boolean): Fix[] {
  const withStmt = enclosingWith(call.node);
  if (!withStmt) return [];
  const items = withStmt.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? [];
  if (items.length !== 1 || items[0]?.namedChildren[0]?.id !== call.node.id) return [];
  const body = withStmt.childForFieldName('body');
  const stmts = body?.namedChildren.filter((c) => c?.type !== 'comment') ?? [];
  if (stmts.length !== 1 || stmts[0]?.type !== 'expression_statement') return [];
  const expr = stmts[0].namedChildren[0];
  const inner = expr?.type === 'assignment' ? expr.childForFieldName('right') : expr;
  if (!inner || inner.type !== 'call' || inner.childForFieldName('function')?.text !== call.receiver!.text) return [];
  const args = inner.childForFieldName('arguments');
  const first = args?.namedChildren[0];
  if (!args || !first || first.type === 'keyword_argument' || first.type === 'list_splat' || first.type === 'dictionary_splat') return [];
  const positional = args.namedChildren.filter((a) => a && a.type !== 'keyword_argument' && a.type !== 'comment');
  if (positional.length !== 1 || args.namedChildren.some((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'text_target')) return [];
  const stmt = stmts[0].text;
  const at = first.startIndex - stmts[0].startIndex;
  const rewritten = stmt.slice(0, at) + 'text_target=' + stmt.slice(at);
  return [{
    title: `Use ${call.receiver!.text}(text_target=…) instead of the with block`,
    applicability: unknown ? 'unsafe' : 'safe',
    edits: [replaceNode(ctx.source, withStmt, rewritten)],
  }];
}

function enclosingWith(node: Node): Node | undefined {
  // call → with_item → with_clause → with_statement
  const stmt = node.parent?.parent?.parent;
  return stmt?.type === 'with_statement' ? stmt : undefined;
}

export default rule;
