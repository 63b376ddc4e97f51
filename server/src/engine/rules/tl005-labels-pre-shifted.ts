import type { Node } from 'web-tree-sitter';
import { inputIdsBase, labelWrites, resolveLocal } from '../domain/label-flow';
import { namesCausalLmClass } from '../domain/training-eos';
import { overrides, TRAINER_HOOKS } from '../domain/trainers';
import type { FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** `x[1:]` (start 1, any stop): the sliced expression, else undefined. */
function slicedFromOne(facts: FileFacts, node: Node): Node | undefined {
  if (node.type !== 'subscript') return undefined;
  const slice = node.childForFieldName('subscript');
  if (slice?.type !== 'slice') return undefined;
  // tree-sitter: slice children are [start?] ':' [stop?] (':' [step?])
  const first = slice.child(0);
  if (!first || first.type === ':') return undefined;
  const start = evaluate(facts, first);
  if (start.kind !== 'num' || start.value !== 1) return undefined;
  if (slice.children.filter((c) => c?.type === ':').length > 1) return undefined;
  return node.childForFieldName('value') ?? undefined;
}

/** Is `node` token ids of the sample: `enc["input_ids"]`, `tokenizer(...)["input_ids"]`, `tokenizer.encode(...)`, or a variable holding them? */
function isTokenIds(ctx: RuleContext, node: Node): boolean {
  const n = resolveLocal(ctx.facts, node);
  const base = inputIdsBase(ctx.facts, n);
  if (base) return true;
  if (n.type === 'call') {
    const c = ctx.callAt(n);
    return c?.method === 'encode' && !!c.receiver && /tok|processing_class/i.test(c.receiver.text);
  }
  return n.type === 'identifier' && /^(input_ids|token_ids)$/.test(n.text) && isParamOrLoopVar(n);
}

/** A name bound by a for/comprehension over something (`for input_ids in batch["input_ids"]`), not an opaque global. */
function isParamOrLoopVar(n: Node): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'list_comprehension' || p.type === 'generator_expression' || p.type === 'for_statement') return true;
    if (p.type === 'function_definition') return false;
  }
  return false;
}

/** `[ids[1:] for ids in enc["input_ids"]]`: the comprehension body's slice over its loop variable of token ids. */
function shiftedComprehension(ctx: RuleContext, node: Node): boolean {
  if (node.type !== 'list_comprehension') return false;
  const body = node.childForFieldName('body');
  const clause = node.namedChildren.find((c) => c?.type === 'for_in_clause');
  const left = clause?.childForFieldName('left');
  const right = clause?.childForFieldName('right');
  if (!body || !left || !right || left.type !== 'identifier') return false;
  const sliced = slicedFromOne(ctx.facts, body);
  return !!sliced && sliced.type === 'identifier' && sliced.text === left.text && isTokenIds(ctx, right);
}

const rule: Rule = {
  code: 'TL005',
  name: 'labels-pre-shifted',
  severity: 'warning',
  fix: 'none',
  docs: `## What it does
Flags \`labels\` built as \`input_ids[1:]\` (the ids shifted by one) in a script that trains a
Hugging Face causal LM, which shifts labels internally: the script builds a trainer, or names a \`…ForCausalLM\`
class, \`FastLanguageModel\` or \`FastModel\` in code (a comment or string that mentions one does not count).
Quiet where the script computes the loss itself (a cross-entropy or NLL loss, a \`compute_loss\` of its own, or a
trainer subclass imported from its project that overrides \`compute_loss\` or another loss method): shifted labels are
right for a loss that compares logits with labels position by position.

## Why is this bad?
\`*ForCausalLM\` models compute the loss of position *i* against label *i + 1* themselves. Labels that
are already shifted make the model learn next-next-token prediction: nothing errors (lengths are
truncated to match or the loss is computed on the overlap), the loss plateaus high and generations
degrade.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer

def tokenize(example):
    ids = tokenizer(example["text"])["input_ids"]
    return {"input_ids": ids[:-1], "labels": ids[1:]}
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM, Trainer

def tokenize(example):
    ids = tokenizer(example["text"])["input_ids"]
    return {"input_ids": ids, "labels": list(ids)}
\`\`\`

## Fix safety
No automatic fix: the input side (\`ids[:-1]\`) usually needs changing too. Use the same ids for
\`input_ids\` and \`labels\`.

## References
- huggingface/transformers PR #44642, issue #32944
`,
  check(ctx) {
    const text = ctx.a.text;
    // Custom training loops compute their own loss (where pre-shifting is right).
    if (/cross_entropy|CrossEntropyLoss|nll_loss|NLLLoss|def compute_loss/.test(text)) return;
    // So does a trainer subclass the script imports from its project with its own `compute_loss`.
    if (ctx.a.trainers.some((t) => overrides(t, TRAINER_HOOKS.loss))) return;
    const causal = ctx.trainers.length > 0 || namesCausalLmClass(ctx);
    if (!causal || /Seq2SeqLM|ForConditionalGeneration|Seq2SeqTrainer/.test(text)) return;
    for (const w of labelWrites(ctx.facts, ctx.a.syntax, ctx.a.text, ctx.a.source.text)) {
      const v = resolveLocal(ctx.facts, w.value);
      const sliced = slicedFromOne(ctx.facts, v);
      if (!(sliced && isTokenIds(ctx, sliced)) && !shiftedComprehension(ctx, v)) continue;
      ctx.report({
        node: w.node,
        message: `\`labels\` are the token ids shifted by one (\`${v.text}\`), but causal LMs shift labels internally: this trains next-next-token prediction. Use the same ids as \`input_ids\`.`,
      });
    }
  },
};
export default rule;
