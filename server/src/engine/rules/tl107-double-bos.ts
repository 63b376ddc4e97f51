import type { Node } from 'web-tree-sitter';
import { markersFor } from '../chat/markers';
import type { Fix } from '../diagnostics';
import { hasColumnNamed } from '../dataset/columns';
import type { DatasetState } from '../dataset/state';
import { isTokenizingCall, resolveLocal } from '../domain/label-flow';
import { trainerArg, type TrainerFact } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { isOriginalCheckpointId, tokenizerFamily } from '../domain/tokenizer-families';
import { tokenizerOrigin } from '../domain/tokenizers';
import { enclosingFunction } from '../facts/build';
import type { CallFact, FunctionFact } from '../facts/types';
import { evaluateBool, evaluateString } from '../facts/values';
import { isParameterOf } from '../facts/own-functions';
import { reachingAssignment } from '../facts/reaching';
import { addKeyword, replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** `tok.apply_chat_template(..., tokenize=False)` that `node` evaluates to (directly or per item of a list comprehension). */
function renderedTemplate(ctx: RuleContext, node: Node): CallFact | undefined {
  let n = resolveLocal(ctx.facts, node);
  if (n.type === 'list_comprehension') {
    const body = n.childForFieldName('body');
    if (!body) return undefined;
    n = resolveLocal(ctx.facts, body);
  }
  if (n.type !== 'call') return undefined;
  const c = ctx.callAt(n);
  if (c?.method !== 'apply_chat_template') return undefined;
  const tokenize = c.keywords.get('tokenize');
  return tokenize && evaluateBool(ctx.facts, tokenize.value) === false ? c : undefined;
}

/** What names BOS in a template's text: the variable, or a BOS token spelled out (Llama 3, Llama 2/Mistral, Gemma). */
const BOS_IN_TEMPLATE = /bos_token|<\|begin_of_text\|>|<s>|<bos>/;

/** The templates the script assigns to any `….chat_template` (undefined: not a literal string); undefined if none. */
function scriptTemplates(ctx: RuleContext): Array<string | undefined> | undefined {
  const sets = ctx.facts.assignments.filter((a) => a.subscriptKey === undefined && a.target.endsWith('.chat_template'));
  return sets.length ? sets.map((a) => evaluateString(ctx.facts, a.value)) : undefined;
}

/** Does the template of the tokenizer `render` uses emit BOS? true / false when known. */
function templateEmitsBos(ctx: RuleContext, render: CallFact, tokenizer: Node | undefined = render.receiver): boolean | undefined {
  if (render.keywords.has('chat_template')) return undefined;
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokenizer);
  if (!origin) return undefined;
  if (origin.templateName) return markersFor(origin.templateName)?.bosInTemplate;
  // A template the script sets itself (`tokenizer.chat_template = "…"`, accelerate `examples/finetune_lm_tpu.py`) is not
  // the family's: one whose text names no BOS renders none; any other is not read here.
  const own = scriptTemplates(ctx);
  if (own) return own.every((t) => t !== undefined && !BOS_IN_TEMPLATE.test(t)) ? false : undefined;
  // Only an original checkpoint's template is its family's: a conversion or fine-tune under another namespace
  // (`llava-hf/llava-v1.6-mistral-7b-hf`, a ChatML fine-tune of Mistral) or a local folder may render no BOS.
  if (!origin.modelId || !isOriginalCheckpointId(origin.modelId)) return undefined;
  return tokenizerFamily(origin.modelId)?.bosTwice;
}

/**
 * Is `call` part of training-data preparation: inside a function given to `.map()` /
 * `formatting_func=` / `data_collator=`, or a collator class's `__call__`? Inference code
 * (`model.generate(**tokenizer(text))`) is out of scope.
 */
function inTrainingDataCode(ctx: RuleContext, call: CallFact): boolean {
  const fn = enclosingFunction(call.node);
  if (!fn) return false;
  if (fn.type === 'lambda') {
    const owner = fn.parent?.type === 'keyword_argument' ? fn.parent.parent?.parent : fn.parent?.parent;
    const c = owner?.type === 'call' ? ctx.callAt(owner) : undefined;
    return !!c && (c.method === 'map' || fn.parent?.type === 'keyword_argument');
  }
  const name = fn.childForFieldName('name')?.text;
  // A predictor's `__call__` that generates (phi3-vision-finetuning `inference.py`: `Phi3VisionPredictor.__call__`
  // renders, tokenizes, then `self.model.generate(**inputs)`) is inference, not a collator.
  if (name === '__call__') return !ctx.facts.calls.some((c) => c.method === 'generate' && enclosingFunction(c.node) === fn);
  return !!name && ctx.facts.calls.some((c) => c.args.some((a) => a.value.type === 'identifier' && a.value.text === name
    && (c.method === 'map' || a.name === 'formatting_func' || a.name === 'data_collator' || a.name === 'collate_fn')));
}

/** `len(node)`, `len(node["input_ids"])` or `len(node.input_ids)`: the ids are only counted. */
function measuredByLen(node: Node): boolean {
  let n = node;
  while (n.parent && (n.parent.type === 'subscript' || n.parent.type === 'attribute') && n.parent.firstNamedChild?.id === n.id) n = n.parent;
  const args = n.parent;
  const call = args?.type === 'argument_list' ? args.parent : undefined;
  return call?.type === 'call' && call.childForFieldName('function')?.text === 'len' && args?.namedChildCount === 1;
}

/**
 * The tokenized ids only measure the text (lmassaron/Gemma-3-1B-Function-Calling: `tokens = tokenizer.encode(text)`,
 * then `if len(tokens) <= max_length: return {"text": text}`): nothing of them reaches the rows, only a count one
 * token too high. Either the call sits in `len(…)`, or it is assigned to a name that its function only uses in `len(…)`.
 */
function onlyMeasured(call: CallFact): boolean {
  if (measuredByLen(call.node)) return true;
  const assign = call.node.parent;
  if (assign?.type !== 'assignment' || assign.childForFieldName('right')?.id !== call.node.id) return false;
  const target = assign.childForFieldName('left');
  const fn = enclosingFunction(call.node);
  if (target?.type !== 'identifier' || !fn) return false;
  const uses = fn.descendantsOfType('identifier').filter((i) => i?.text === target.text && i.id !== target.id);
  return uses.length > 0 && uses.every((i) => !!i && measuredByLen(i));
}

const rule: Rule = {
  code: 'TL107',
  name: 'double-bos',
  severity: 'warning',
  fix: 'safe',
  // Every finding follows text rendered by a call of this method in the script.
  requires: ['apply_chat_template'],
  docs: `## What it does
Flags text rendered with \`apply_chat_template(..., tokenize=False)\` that is tokenized again with
\`tokenizer(text)\` / \`tokenizer.encode(text)\` without \`add_special_tokens=False\`, following variables
inside the same function, in training-data code (a function given to \`.map()\`, \`formatting_func=\` or
\`data_collator=\`, or a class's \`__call__\` that does not call \`.generate(\`: a predictor that renders, tokenizes and
generates is inference, edwardpwtsoi/phi3-vision-finetuning \`inference.py\`). Ids that are only counted (\`len(…)\` of
the result, or of a name the function uses nowhere else: a length filter) are not flagged. Templates known not to emit BOS (ChatML, Qwen, Phi) are not flagged; when the
template is unknown the finding is informational. A template is known by the \`get_chat_template\` name, or by the
family of an original checkpoint (\`meta-llama/…\`, \`google/gemma-…\`, \`Qwen/…\`): a conversion or fine-tune under
another namespace (\`llava-hf/llava-v1.6-mistral-7b-hf\`, a ChatML fine-tune of Mistral) or a local folder ships its
own template. A template the script assigns itself (\`tokenizer.chat_template = "…"\`) replaces the family's: when every
such literal names no BOS (no \`bos_token\`, \`<|begin_of_text|>\`, \`<s>\` or \`<bos>\`) nothing is reported, otherwise the
finding is information (whether a rendered text starts with BOS depends on the messages: accelerate
\`examples/finetune_lm_tpu.py\` spells \`<|begin_of_text|>\` in its system branch only). A tokenizer comes from \`AutoTokenizer\`, any \`*Tokenizer(Fast)\`, \`AutoProcessor\` or a model's own
processor class (\`Qwen2_5_VLProcessor\`).

TRL's \`SFTTrainer\` does the same to a text column: given a dataset whose \`text\` (or \`dataset_text_field\`) column a
\`.map()\` function fills with \`apply_chat_template(..., tokenize=False)\`, it tokenizes that column with the tokenizer's
special tokens (huggingface/trl v0.12.0–v0.14.0 \`_prepare_non_packed_dataloader(…, add_special_tokens=True)\` unless
\`dataset_kwargs\` turns it off or the dataset is in a chat format TRL renders itself; v0.15.0
\`processing_class(ex[args.dataset_text_field])\`; v0.16.0 \`tokenize\`: \`processing_class(text=example[dataset_text_field])\`;
f2cd577 (1.9) \`trl/data_utils.py\` \`_tokenize\`: \`processing_class(text=input)\` for a plain string; no release checks
whether the text already starts with BOS). The map function may also write the column in place
(\`example["text"] = tokenizer.apply_chat_template(…, tokenize=False)\` then \`return example\`, the one write of the
column, not in a branch). A \`formatting_func=\` that returns the rendered text is tokenized the same way, with the
tokenizer's special tokens, and how depends on TRL's version: one text per example is stored as the \`text\` column and
tokenized from TRL 0.15 on (v0.15.0 \`_prepare_dataset\`: \`{"text": formatting_func(example)}\`, then
\`processing_class(ex[args.dataset_text_field])\`; v0.16.0 to 1.9 the same through \`tokenize\`/\`_tokenize\`), while before 0.15
SFTTrainer raises without packing ("The \`formatting_func\` should return a list of processed strings"); a list per batch
(\`[tokenizer.apply_chat_template(c, tokenize=False) for c in examples["messages"]]\`) is tokenized with
\`add_special_tokens=True\` before 0.15 (v0.8.0–v0.14.0 \`_prepare_non_packed_dataloader\`, and \`ConstantLengthDataset\` when
packing), while from 0.15 on TRL calls the function on single examples. So one text per example is a warning with TRL ≥
0.15, a list with TRL < 0.15, and information naming that range when the version is unknown; with another
\`dataset_text_field\` TRL ≥ 0.15 tokenizes that column instead, and nothing is reported. A dataset that keeps a
conversation or prompt column (\`messages\`, \`conversations\`, \`prompt\`, \`completion\`, \`chosen\`, \`rejected\`: the dataset
model knows it, or the rendering function reads \`example["messages"]\` and nothing removes it) is not tokenized from the
text: TRL ≤ 0.14 formats a chat dataset itself with \`add_special_tokens=False\` (\`get_formatting_func_from_dataset\`),
TRL 0.17–0.18 render it and tokenize with \`add_special_tokens = False\` (v0.17.0 \`_prepare_dataset\`), TRL ≥ 0.19 tokenize
\`example["messages"]\` with \`apply_chat_template\` (v1.9.0 \`tokenize_fn\`), and a \`prompt\` column takes the
prompt-completion path. The text column is then not reported; a \`formatting_func\` text only for TRL 0.15–0.16, which
render the conversation themselves and tokenize it with the special tokens. Not flagged with
\`dataset_kwargs=\`, a subclass, a dataset that already has \`input_ids\` (TRL does not
tokenize it again), or in a script that imports Unsloth at all: it rewrites SFTTrainer's preparation on the class to add
no special tokens to a text that starts with BOS (unslothai/unsloth 015bdef0 \`unsloth/tokenizer_utils.py\`
\`patch_sft_trainer_tokenizer\`: \`has_bos_token_already = …\`, then \`trl.trainer.sft_trainer.SFTTrainer.{function_name} =
…\`), so even a trainer imported before Unsloth is guarded. The finding points at the \`apply_chat_template\` call; the fix is to give SFTTrainer the
conversation (\`messages\`) to render itself, or to drop the leading BOS from the rendered text.

## Why is this bad?
Templates such as Llama-2/3, Gemma and Mistral already start with \`{{ bos_token }}\`, and the tokenizer
adds another one by default. Training sequences then start \`[bos, bos, …]\`, which does not match
inference: a silent quality loss.

## Example
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")

def tokenize(example):
    text = tokenizer.apply_chat_template(example["messages"], tokenize=False)
    return tokenizer(text, truncation=True, max_length=2048)

ds = ds.map(tokenize)
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")

def tokenize(example):
    text = tokenizer.apply_chat_template(example["messages"], tokenize=False)
    return tokenizer(text, truncation=True, max_length=2048, add_special_tokens=False)

ds = ds.map(tokenize)
\`\`\`

## Fix safety
Adding \`add_special_tokens=False\` is safe: the rendered text already carries every special token the
template wants (BOS included); it only stops the tokenizer from adding them a second time.

## References
- huggingface/trl#1400 (PR #1114); OpenRLHF/OpenRLHF#393; unslothai/unsloth#2648
- transformers \`apply_chat_template(tokenize=True)\` adds no special tokens beyond the template's own
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      const encodes = call.method === 'encode' && !!call.receiver && /tok|processing_class/i.test(call.receiver.text);
      if (!encodes && !isTokenizingCall(call)) continue;
      if (call.hasSplat || !inTrainingDataCode(ctx, call) || onlyMeasured(call)) continue;
      const ast = call.keywords.get('add_special_tokens');
      if (ast && evaluateBool(ctx.facts, ast.value) !== true) continue;
      const textArg = call.keywords.get('text') ?? call.positional[0];
      if (!textArg) continue;
      const render = renderedTemplate(ctx, textArg.value);
      if (!render) continue;
      const bos = templateEmitsBos(ctx, render);
      if (bos === false) continue;
      const fixes: Fix[] = [{
        title: 'Add add_special_tokens=False',
        applicability: 'safe',
        edits: [ast ? replaceNode(ctx.source, ast.value, 'False') : addKeyword(ctx.source, call, 'add_special_tokens=False')],
      }];
      const what = `${call.calleeText}(…)`;
      ctx.report({
        node: ast?.node ?? call.node,
        severity: bos ? ctx.rule.severity : 'information',
        message: bos
          ? `\`${what}\` re-tokenizes text rendered by \`apply_chat_template(tokenize=False)\` and adds special tokens again: the template already starts with BOS, so sequences start with two BOS tokens. Pass \`add_special_tokens=False\`.`
          : `\`${what}\` re-tokenizes text rendered by \`apply_chat_template(tokenize=False)\` and adds special tokens again: if the template renders \`bos_token\` (Llama, Gemma, Mistral), sequences start with two BOS tokens. Pass \`add_special_tokens=False\`.`,
        related: [{ node: render.node, message: 'rendered here with tokenize=False' }],
        fixes,
      });
    }
    trainerTokenizesRenderedText(ctx);
  },
};

/**
 * An SFTTrainer whose text column a `.map()` function filled with `apply_chat_template(..., tokenize=False)`: TRL
 * tokenizes that column with the tokenizer's special tokens, a second BOS when the template renders one.
 */
function trainerTokenizesRenderedText(ctx: RuleContext): void {
  // Unsloth rewrites SFTTrainer's preparation on the class itself (unsloth/tokenizer_utils.py patch_sft_trainer_tokenizer:
  // `has_bos_token_already` … `trl.trainer.sft_trainer.SFTTrainer.{function_name} = …`; rl_replacements.py the same for
  // its own trainers), so a trainer imported before Unsloth is guarded too.
  if (ctx.unsloth.imported) return;
  for (const t of ctx.trainers) {
    if (t.kind !== 'SFTTrainer' || t.subclass || t.call.hasSplat) continue;
    const kwargs = lookupArg(ctx.facts, t, 'dataset_kwargs');
    const formatting = lookupArg(ctx.facts, t, 'formatting_func');
    if (kwargs.arg || kwargs.unknown || formatting.unknown) continue;
    const fieldArg = lookupArg(ctx.facts, t, 'dataset_text_field');
    if (fieldArg.unknown) continue;
    const field = fieldArg.arg ? evaluateString(ctx.facts, fieldArg.arg.value) : 'text';
    if (!field) continue;
    const state = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value ?? t.call.positional[2]?.value);
    if (!state || hasColumnNamed(state, 'input_ids').has === true) continue;
    if (formatting.arg) {
      // TRL ≥ 0.15 writes what formatting_func returns to a `text` column and tokenizes `dataset_text_field`.
      if (field === 'text') formattedByTrainer(ctx, t, formatting.arg.value, state);
      continue;
    }
    const render = renderedColumn(ctx, state.steps, field);
    // A dataset that keeps a conversation (or prompt) column is not tokenized from the text column (see CONVERSATIONAL).
    if (!render || keepsConversation(state, enclosingFunction(render.node))) continue;
    const bos = trainerTemplateBos(ctx, t, render);
    if (bos === false) continue;
    ctx.report({
      node: render.node,
      severity: bos ? ctx.rule.severity : 'information',
      message: bos
        ? `${t.kind} tokenizes the \`${field}\` column rendered here by \`apply_chat_template(tokenize=False)\` with the tokenizer's special tokens: the template already starts with BOS, so sequences start with two BOS tokens. Give ${t.kind} the conversation to render itself, or drop the leading BOS from the rendered text.`
        : `${t.kind} tokenizes the \`${field}\` column rendered here by \`apply_chat_template(tokenize=False)\` with the tokenizer's special tokens: if the template renders \`bos_token\` (Llama, Gemma, Mistral), sequences start with two BOS tokens. Give ${t.kind} the conversation to render itself, or drop the leading BOS from the rendered text.`,
      related: [{ node: t.call.callee, message: `${t.kind} tokenizes the \`${field}\` column` }],
    });
  }
}

/**
 * Whether the template `render` uses starts with BOS; also through the trainer's own tokenizer, when the function
 * renders with the same name from an enclosing function (a closure the facts do not follow): SFTTrainer tokenizes
 * with it.
 */
function trainerTemplateBos(ctx: RuleContext, t: TrainerFact, render: CallFact): boolean | undefined {
  const own = (trainerArg(t, 'processing_class') ?? trainerArg(t, 'tokenizer'))?.value;
  const bos = templateEmitsBos(ctx, render);
  return bos === undefined && own && own.text === render.receiver?.text ? templateEmitsBos(ctx, render, own) : bos;
}

/**
 * `SFTTrainer(formatting_func=f)` where `f` returns `apply_chat_template(..., tokenize=False)`. One text per example:
 * TRL ≥ 0.15 stores it as the `text` column and tokenizes that with the tokenizer's special tokens (v0.15.0
 * `processing_class(ex[args.dataset_text_field])`; v0.16.0 `processing_class(text=example[dataset_text_field])`; v1.0.0
 * on `trl/data_utils.py` `_tokenize`: `processing_class(text=input)`), while TRL < 0.15 raises without packing ("The
 * `formatting_func` should return a list"). A list per batch (`[… for c in examples["messages"]]`): TRL < 0.15
 * tokenizes it with `add_special_tokens=True` (v0.8.0–v0.14.0 `_prepare_non_packed_dataloader`, `ConstantLengthDataset`),
 * TRL ≥ 0.15 calls the function on single examples.
 */
/**
 * What a function passed by value returns: a lambda's body, or the `return` values of the script's function of that
 * name (module-level, or defined in the function where it is passed: `def main(): … def fmt(ex): …`) when nothing
 * rebinds the name. Undefined for anything else.
 */
function functionReturns(ctx: RuleContext, fnNode: Node): { returns: Node[]; fn?: FunctionFact } | undefined {
  if (fnNode.type === 'lambda') {
    const body = fnNode.childForFieldName('body');
    return { returns: body ? [body] : [] };
  }
  if (fnNode.type !== 'identifier') return undefined;
  const fn = ctx.facts.functions.get(fnNode.text);
  const here = enclosingFunction(fnNode);
  if (!fn || !(fn.scope === null || fn.scope.id === here?.id) || reachingAssignment(ctx.facts, fnNode.text, fnNode)) return undefined;
  return { returns: fn.returns, fn };
}

function formattedByTrainer(ctx: RuleContext, t: TrainerFact, fnNode: Node, state: DatasetState): void {
  const returns = functionReturns(ctx, fnNode)?.returns ?? [];
  if (returns.length !== 1) return;
  const render = renderedTemplate(ctx, returns[0]);
  if (!render) return;
  const batched = resolveLocal(ctx.facts, returns[0]).type === 'list_comprehension';
  // From TRL 0.17 a dataset that keeps its conversation is rendered (and tokenized) by TRL instead of the text.
  const v = ctx.version('trl', batched ? { before: '0.15' } : keepsConversation(state, enclosingFunction(render.node)) ? { from: '0.15', before: '0.17' } : { from: '0.15' });
  if (!v.severity) return;
  const bos = trainerTemplateBos(ctx, t, render);
  if (bos === false) return;
  const what = batched ? 'the texts `formatting_func` returns' : 'the text `formatting_func` returns';
  ctx.report({
    node: render.node,
    severity: bos ? v.severity : 'information',
    message: bos
      ? `${t.kind} tokenizes ${what}, rendered here by \`apply_chat_template(tokenize=False)\`, with the tokenizer's special tokens${v.note}: the template already starts with BOS, so sequences start with two BOS tokens. Give ${t.kind} the conversation to render itself, or drop the leading BOS from the rendered text.`
      : `${t.kind} tokenizes ${what}, rendered here by \`apply_chat_template(tokenize=False)\`, with the tokenizer's special tokens${v.note}: if the template renders \`bos_token\` (Llama, Gemma, Mistral), sequences start with two BOS tokens. Give ${t.kind} the conversation to render itself, or drop the leading BOS from the rendered text.`,
    related: [{ node: fnNode, message: `${t.kind} tokenizes what this function returns` }],
  });
}

/**
 * Columns that make SFTTrainer tokenize something else than the text column: a conversation (`messages`, `conversations`,
 * `chosen`/`rejected`) or a prompt-completion pair. TRL 0.17–0.18 render a conversational dataset themselves and tokenize
 * with \`add_special_tokens = False\` (v0.17.0 \`_prepare_dataset\`: "Subsequent tokenization won't add special tokens"),
 * TRL ≥ 0.19 tokenize \`example["messages"]\` with \`apply_chat_template\` (v1.9.0 \`tokenize_fn\`), TRL ≤ 0.14 format a
 * chat dataset with \`add_special_tokens=False\` (\`get_formatting_func_from_dataset\`), and a \`prompt\` column takes the
 * prompt-completion path.
 */
const CONVERSATIONAL = ['messages', 'conversations', 'prompt', 'completion', 'chosen', 'rejected'];
const READS_CONVERSATIONAL = /\[\s*(['"])(messages|conversations|prompt|completion|chosen|rejected)\1\s*\]/g;

/**
 * The dataset keeps such a column, as far as the script shows: the dataset model knows it, or the function `fn` that
 * renders reads one (`example["messages"]`) that the dataset model does not know to be gone.
 */
function keepsConversation(state: DatasetState, fn: Node | null | undefined): boolean {
  if (CONVERSATIONAL.some((k) => hasColumnNamed(state, k).has === true)) return true;
  for (const m of fn?.text.matchAll(READS_CONVERSATIONAL) ?? []) if (hasColumnNamed(state, m[2]).has !== false) return true;
  return false;
}

/**
 * `example["text"] = tok.apply_chat_template(…, tokenize=False)` then `return example`, in the map function `fn` whose
 * parameter `ret` returns: the render, when that is the one write of the column, made in the function's body itself
 * (not in a branch or loop).
 */
function renderedInPlace(ctx: RuleContext, fn: Node, ret: Node, field: string): CallFact | undefined {
  const body = fn.childForFieldName('body');
  if (ret.type !== 'identifier' || !body || !isParameterOf(fn, ret.text) || reachingAssignment(ctx.facts, ret.text, ret)) return undefined;
  const writes = ctx.facts.assignments.filter((a) => a.target === ret.text && a.subscriptKey === field && a.scope?.id === fn.id);
  const w = writes.length === 1 ? writes[0] : undefined;
  if (!w || w.node.parent?.parent?.id !== body.id) return undefined;
  return renderedTemplate(ctx, w.value);
}

/** The `apply_chat_template(tokenize=False)` call of the last `.map()` step whose function returns `{field: …}`. */
function renderedColumn(ctx: RuleContext, steps: ReadonlyArray<{ node: Node }>, field: string): CallFact | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const call = ctx.callAt(steps[i].node);
    if (call?.method !== 'map') continue;
    const fnNode = call.positional[0]?.value ?? call.keywords.get('function')?.value;
    if (!fnNode) return undefined;
    if (fnNode.type !== 'lambda' && fnNode.type !== 'identifier') return undefined;
    const { returns, fn } = functionReturns(ctx, fnNode) ?? { returns: [] };
    // `example["text"] = tok.apply_chat_template(…); return example`
    if (fn && returns.length === 1 && returns[0].type === 'identifier') return renderedInPlace(ctx, fn.node, returns[0], field);
    let writes = false;
    for (const r of returns) {
      if (r.type !== 'dictionary') continue;
      for (const pair of r.namedChildren) {
        if (pair?.type !== 'pair') continue;
        const key = pair.childForFieldName('key');
        if (!key || evaluateString(ctx.facts, key) !== field) continue;
        writes = true;
        const value = pair.childForFieldName('value');
        const render = value ? renderedTemplate(ctx, value) : undefined;
        if (render) return render;
      }
    }
    // The latest map that writes the column decides; one that returns something else may still write it.
    if (writes || returns.some((r) => r.type !== 'dictionary')) return undefined;
  }
  return undefined;
}
export default rule;
