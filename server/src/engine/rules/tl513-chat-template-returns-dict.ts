import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics';
import type { CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { addKeyword } from './edits';
import { driftVerdict } from './drift';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** transformers 5.0 made `return_dict=True` the default of `apply_chat_template` (PR #41626). */
const CHANGED = '5.0';

/** What the script does with the result that only a list of ids (or a tensor) supports. */
interface ListUse { node: Node; what: string; severity: Severity }

const rule: Rule = {
  code: 'TL513',
  name: 'chat-template-returns-dict',
  severity: 'error',
  fix: 'sometimes',
  requires: ['apply_chat_template'],
  docs: `## What it does
Flags \`tokenizer.apply_chat_template(messages)\` (tokenizing, the default) whose result the script then uses as a list of
token ids or a tensor (\`len(ids)\`, \`ids + [eos_id]\`, \`ids[:n]\`, \`torch.tensor(ids)\`, \`tokenizer.decode(ids)\`,
\`model.generate(ids)\`, \`ids.shape\`, \`ids.squeeze(0)\`), on transformers 5, where the call returns a \`BatchEncoding\` dict instead.

## Why is this bad?
Up to transformers 4.x \`apply_chat_template(..., tokenize=True)\` returned the token ids (a tensor with
\`return_tensors="pt"\`) and only \`return_dict=True\` gave a dict. transformers 5 changed the default to
\`return_dict=True\`: the same call now returns \`{"input_ids": …, "attention_mask": …}\`. Code written for the list
breaks: \`ids + [eos_id]\` raises TypeError, \`model.generate(inputs)\` fails on \`.shape\`, \`torch.tensor(ids)\` and
\`tokenizer.decode(ids)\` reject a dict, a list or tensor member (\`.tolist()\`, \`.squeeze(0)\`, \`.size()\`, \`.clone()\`, \`.view\`,
…) raises AttributeError (\`BatchEncoding.__getattr__\` answers only its keys; \`.to(device)\` is a method of it and
passes: huggingface/transformers v5.0.0 \`src/transformers/tokenization_utils_base.py\`), and \`len(ids)\` silently counts the dict's keys (2) instead of the tokens, so a
length filter keeps everything (a warning). An unpinned \`pip install transformers\` gets transformers 5; on 4.x the
rule is silent. transformers gave no deprecation warning before the change.

Importing Unsloth changes this: unsloth_zoo 2026.4.1 and later patch \`PreTrainedTokenizerBase.apply_chat_template\` on
import so that a tokenizing call without \`return_dict=\` gets \`return_dict=False\` again (the 4.x list), so the rule is
silent there; with an unknown unsloth_zoo (or Unsloth) version it is information naming that. Older Unsloth's fast
\`generate\` already unpacked a dict passed as \`input_ids=\` (unslothai/unsloth 3fc6cfd3, 2026-02-25), so that use is not
flagged when Unsloth is imported.

## Example
\`\`\`python
# pip install transformers==5.2.0
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")

def tokenize(example):
    ids = tokenizer.apply_chat_template(example["messages"])
    return {"input_ids": ids + [tokenizer.eos_token_id]}
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==5.2.0
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")

def tokenize(example):
    ids = tokenizer.apply_chat_template(example["messages"], return_dict=False)
    return {"input_ids": ids + [tokenizer.eos_token_id]}
\`\`\`

## Fix safety
Adding \`return_dict=False\` restores the 4.x result exactly and is safe on a known transformers ≥ 5; with an unknown
version it is unsafe (very old releases pass an unknown keyword on to the template). No fix when the call already
spreads \`**kwargs\`.

## References
- huggingface/transformers MIGRATION_GUIDE_V5.md@048bd927cf5b0ea0614cb56aff7f97f1941a6775 ("\`apply_chat_template\`
  returns \`BatchEncoding\`": "Previously, \`apply_chat_template\` returned \`input_ids\` for backward compatibility.
  Starting with v5, it now consistently returns a \`BatchEncoding\` dict"; linked issue #40938, PRs #40936, #41626)
- the transformers wheels: \`tokenization_utils_base.py\` \`apply_chat_template(..., return_dict: bool = False, ...)\` in
  4.57.6, \`return_dict: bool = True\` in 5.18.0; \`BatchEncoding.__getitem__\` (an integer gives a \`tokenizers.Encoding\`,
  a slice a dict) and \`generation/utils.py\` (no dict handling of \`inputs\`) in 5.18.0
- unslothai/unsloth-zoo \`unsloth_zoo/temporary_patches/misc.py\` \`patch_apply_chat_template_return_dict\` ("Restore pre-5.0
  return type for apply_chat_template(tokenize=True)"), added in ce0a852c (#572, 2026-04-01; \`__version__\` 2026.4.1 from
  30fd6758, 2026-04-02), still there at ce232d6c (2026.8.13)
- unslothai/unsloth \`unsloth/models/llama.py\` \`unsloth_fast_generate\` at 015bdef0 ("Unpack BatchEncoding passed as
  input_ids … v5 generate() calls .shape on it and crashes", added in 3fc6cfd3, 2026-02-25)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (call.method !== 'apply_chat_template' || !call.receiver || /processor/i.test(call.receiver.text)) continue;
      if (call.keywords.has('return_dict') || call.hasSplat) continue;
      const tokenize = call.keywords.get('tokenize');
      if (tokenize && evaluateBool(ctx.facts, tokenize.value) !== true) continue;
      const use = firstListUse(ctx, call);
      if (!use) continue;
      const v = driftVerdict(ctx, 'transformers', CHANGED, undefined, call.node);
      if (!v) continue;
      // unsloth_zoo ≥ 2026.4.1 puts `return_dict=False` back into every tokenizer's apply_chat_template on import.
      const restored = ctx.unsloth.imported ? unslothRestores(ctx) : 'unaffected';
      if (restored === 'affected') continue;
      const severity: Severity = v.phase === 'unknown' || restored === 'unknown' ? 'information' : use.severity;
      const unslothNote = restored === 'unknown' ? ` unless unsloth_zoo ≥ ${ZOO_RESTORES} (${ctx.unsloth.byImporters ? "loaded by this module's importers" : 'imported here'}) restores the list` : '';
      const message = v.phase === 'removed'
        ? `\`${call.receiver.text}.apply_chat_template(…)\` returns a BatchEncoding dict on transformers 5${v.note}${unslothNote}, not a list of ids, and ${use.what}; pass \`return_dict=False\` for the ids (or read \`["input_ids"]\`).`
        : `\`${call.receiver.text}.apply_chat_template(…)\` returns a BatchEncoding dict on transformers ≥ 5.0 (${v.note.slice(2, -1)})${unslothNote}, where ${use.what}; pass \`return_dict=False\` to keep the list of ids.`;
      ctx.report({
        node: call.node,
        severity,
        message,
        related: [{ node: use.node, message: 'used as a list of token ids here' }],
        fixes: [{ title: 'Add return_dict=False', applicability: v.phase === 'unknown' ? 'unsafe' : 'safe', edits: [addKeyword(ctx.source, call, 'return_dict=False')] }],
      });
    }
  },
};

/** The unsloth_zoo release that restores `return_dict=False` (unslothai/unsloth-zoo ce0a852c, #572, 2026-04-01). */
const ZOO_RESTORES = '2026.4.1';

/** Whether the imported Unsloth restores the list: unsloth_zoo's version, or Unsloth's when only that is known (as TL105 reads it). */
function unslothRestores(ctx: RuleContext): 'affected' | 'unaffected' | 'unknown' {
  const pkg = ctx.env.get('unsloth-zoo') || !ctx.env.get('unsloth') ? 'unsloth-zoo' : 'unsloth';
  return ctx.env.gate(pkg, { from: ZOO_RESTORES });
}

/** The first place the call's result (directly, or through a variable assigned it) is used as a list of ids or a tensor. */
function firstListUse(ctx: RuleContext, call: CallFact): ListUse | undefined {
  let value: Node = call.node;
  // `.to("cuda")` keeps the kind: a tensor's gives a tensor, a BatchEncoding's a BatchEncoding.
  const up = value.parent;
  if (up?.type === 'attribute' && up.childForFieldName('attribute')?.text === 'to' && up.parent?.type === 'call') value = up.parent;
  const direct = classify(ctx, value);
  if (direct) return direct;
  const stmt = value.parent;
  if (stmt?.type !== 'assignment' || stmt.childForFieldName('right')?.id !== value.id) return undefined;
  const target = stmt.childForFieldName('left');
  if (target?.type !== 'identifier') return undefined;
  const scope = enclosingScope(stmt);
  const uses: Node[] = [];
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== target.text || id.startIndex <= stmt.endIndex) continue;
    const a = reachingAssignment(ctx.facts, target.text, id);
    if (a?.node.id !== stmt.parent?.id && a?.node.id !== stmt.id) continue;
    // The script reads it as a dict too (`x["input_ids"]`, `isinstance(x, list)`): it copes with both results.
    if (readsAsDict(id)) return undefined;
    uses.push(id);
  }
  for (const id of uses) {
    const use = classify(ctx, id);
    if (use) return use;
  }
  return undefined;
}

/** `x["input_ids"]`, `isinstance(x, …)`, `hasattr(x, …)`, `"input_ids" in x`, `x.keys()`, `x.get(…)`. */
function readsAsDict(id: Node): boolean {
  const p = id.parent;
  if (!p) return false;
  if (p.type === 'subscript' && p.childForFieldName('value')?.id === id.id) return p.childForFieldName('subscript')?.type === 'string';
  if (p.type === 'argument_list' && p.namedChildren[0]?.id === id.id) return /^(isinstance|hasattr|type)$/.test(p.parent?.childForFieldName('function')?.text ?? '');
  if (p.type === 'comparison_operator') return /\bin\b/.test(p.text) && p.namedChildren[p.namedChildren.length - 1]?.id === id.id;
  if (p.type === 'attribute' && p.childForFieldName('object')?.id === id.id) return /^(keys|get|items|data|input_ids)$/.test(p.childForFieldName('attribute')?.text ?? '');
  return false;
}

function enclosingScope(node: Node): Node {
  for (let n: Node | null = node; n; n = n.parent) if (n.type === 'function_definition' || n.type === 'module') return n;
  return node;
}

const LIST_OR_TENSOR_MEMBERS = new Set(['append', 'extend', 'shape', 'tolist', 'squeeze', 'unsqueeze', 'size', 'numel', 'clone', 'long', 'view', 'flatten', 'dim']);

const TENSOR_BUILDERS = /^(?:torch\.(?:tensor|as_tensor|LongTensor|IntTensor)|np\.(?:array|asarray)|numpy\.(?:array|asarray))$/;

/** How `node` (the result) is used by its parent, when only a list or a tensor supports that use. */
function classify(ctx: RuleContext, node: Node): ListUse | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'argument_list') {
    const callNode = parent.parent;
    const fn = callNode?.childForFieldName('function');
    const fnText = fn?.text ?? '';
    const first = parent.namedChildren[0]?.id === node.id;
    if (fnText === 'len' && first) return { node, what: '`len()` of it counts its keys, not the tokens', severity: 'warning' };
    if (TENSOR_BUILDERS.test(fnText) && first) return { node, what: `\`${fnText}()\` cannot build a tensor from a dict`, severity: 'error' };
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if ((method === 'decode' || method === 'batch_decode') && first) return { node, what: `\`${method}()\` cannot decode a dict`, severity: 'error' };
    if (method === 'generate' && first) return { node, what: '`generate()` fails on it (`.shape` of a dict)', severity: 'error' };
    return undefined;
  }
  if (parent.type === 'keyword_argument' && parent.childForFieldName('value')?.id === node.id && parent.childForFieldName('name')?.text === 'input_ids') {
    const fn = parent.parent?.parent?.childForFieldName('function');
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'generate' && !ctx.unsloth.patches) {
      return { node, what: '`generate(input_ids=…)` fails on it (`.shape` of a dict)', severity: 'error' };
    }
    return undefined;
  }
  if (parent.type === 'binary_operator' && parent.childForFieldName('operator')?.text === '+') {
    const other = parent.childForFieldName('left')?.id === node.id ? parent.childForFieldName('right') : parent.childForFieldName('left');
    if (other?.type === 'list' || other?.type === 'list_comprehension') return { node, what: 'adding a list to it raises TypeError', severity: 'error' };
    return undefined;
  }
  if (parent.type === 'augmented_assignment' && parent.childForFieldName('left')?.id === node.id && parent.childForFieldName('operator')?.text === '+=') {
    return { node, what: '`+=` a list raises TypeError', severity: 'error' };
  }
  if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === node.id) {
    const index = parent.childForFieldName('subscript');
    if (index?.type === 'slice') return { node, what: 'slicing it gives a dict of slices, not ids', severity: 'error' };
    if (index?.type === 'integer' || (index?.type === 'unary_operator' && index.namedChildren[0]?.type === 'integer')) {
      return { node, what: 'an integer index gives a tokenizers `Encoding`, not a token id', severity: 'error' };
    }
    return undefined;
  }
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === node.id) {
    const attr = parent.childForFieldName('attribute')?.text;
    // List and tensor members a BatchEncoding lacks (its `__getattr__` answers only its keys): `.squeeze(0)` on
    // `apply_chat_template(…, return_tensors="pt")` (HyramXie/dmirxyh `train_llm/data/mintrec_dataset.py`). Not `.to`,
    // which BatchEncoding has.
    if (attr !== undefined && LIST_OR_TENSOR_MEMBERS.has(attr)) {
      return { node, what: `\`.${attr}\` does not exist on it (AttributeError)`, severity: 'error' };
    }
  }
  return undefined;
}

export default rule;
