import type { Node } from 'web-tree-sitter';
import { markersFor } from '../chat/markers';
import type { Fix } from '../diagnostics';
import { hasColumnNamed } from '../dataset/columns';
import { isTokenizingCall, resolveLocal } from '../domain/label-flow';
import { trainerArg } from '../domain/trainers';
import { lookupArg } from '../domain/training-args';
import { isOriginalCheckpointId, tokenizerFamily } from '../domain/tokenizer-families';
import { tokenizerOrigin } from '../domain/tokenizers';
import { enclosingFunction } from '../facts/build';
import type { CallFact } from '../facts/types';
import { evaluateBool, evaluateString } from '../facts/values';
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

/** Does the template of the tokenizer `render` uses emit BOS? true / false when known. */
function templateEmitsBos(ctx: RuleContext, render: CallFact, tokenizer: Node | undefined = render.receiver): boolean | undefined {
  if (render.keywords.has('chat_template')) return undefined;
  const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, tokenizer);
  if (!origin) return undefined;
  if (origin.templateName) return markersFor(origin.templateName)?.bosInTemplate;
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
own template. A tokenizer comes from \`AutoTokenizer\`, any \`*Tokenizer(Fast)\`, \`AutoProcessor\` or a model's own
processor class (\`Qwen2_5_VLProcessor\`).

TRL's \`SFTTrainer\` does the same to a text column: given a dataset whose \`text\` (or \`dataset_text_field\`) column a
\`.map()\` function fills with \`apply_chat_template(..., tokenize=False)\`, it tokenizes that column with the tokenizer's
special tokens (huggingface/trl v0.12.0–v0.14.0 \`_prepare_non_packed_dataloader(…, add_special_tokens=True)\` unless
\`dataset_kwargs\` turns it off or the dataset is in a chat format TRL renders itself; v0.15.0
\`processing_class(ex[args.dataset_text_field])\`; v0.16.0 \`tokenize\`: \`processing_class(text=example[dataset_text_field])\`;
f2cd577 (1.9) \`trl/data_utils.py\` \`_tokenize\`: \`processing_class(text=input)\` for a plain string). Not flagged with
\`dataset_kwargs=\` or \`formatting_func=\` (another path), a subclass, a dataset that already has \`input_ids\` (TRL does not
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
    const other = ['formatting_func', 'dataset_kwargs'].map((k) => lookupArg(ctx.facts, t, k));
    if (other.some((l) => l.arg || l.unknown)) continue;
    const fieldArg = lookupArg(ctx.facts, t, 'dataset_text_field');
    if (fieldArg.unknown) continue;
    const field = fieldArg.arg ? evaluateString(ctx.facts, fieldArg.arg.value) : 'text';
    if (!field) continue;
    const state = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value ?? t.call.positional[2]?.value);
    if (!state || hasColumnNamed(state, 'input_ids').has === true) continue;
    const render = renderedColumn(ctx, state.steps, field);
    if (!render) continue;
    // The trainer's own tokenizer, when the map function renders with the same name from an enclosing function (a
    // closure the facts do not follow): SFTTrainer tokenizes with it.
    const own = (trainerArg(t, 'processing_class') ?? trainerArg(t, 'tokenizer'))?.value;
    let bos = templateEmitsBos(ctx, render);
    if (bos === undefined && own && own.text === render.receiver?.text) bos = templateEmitsBos(ctx, render, own);
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

/** The `apply_chat_template(tokenize=False)` call of the last `.map()` step whose function returns `{field: …}`. */
function renderedColumn(ctx: RuleContext, steps: ReadonlyArray<{ node: Node }>, field: string): CallFact | undefined {
  for (let i = steps.length - 1; i >= 0; i--) {
    const call = ctx.callAt(steps[i].node);
    if (call?.method !== 'map') continue;
    const fnNode = call.positional[0]?.value ?? call.keywords.get('function')?.value;
    if (!fnNode) return undefined;
    let returns: Node[] = [];
    if (fnNode.type === 'lambda') {
      const body = fnNode.childForFieldName('body');
      if (body) returns = [body];
    } else if (fnNode.type === 'identifier') {
      returns = ctx.facts.functions.get(fnNode.text)?.returns ?? [];
    } else return undefined;
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
