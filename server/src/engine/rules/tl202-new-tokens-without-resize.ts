import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { modelNameGuard } from '../domain/branches';
import { isModelLoad } from '../domain/models';
import { tokenizerFamily } from '../domain/tokenizer-families';
import { isUnslothLoad, tokenizerOrigin } from '../domain/tokenizers';
import type { CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { lookupArg } from '../domain/training-args';
import { trainerArg } from '../domain/trainers';
import { reachingAssignment } from '../facts/reaching';
import { insertAt } from './edits';
import { addsNewToken, ownTokens } from './added-tokens';
import type { Rule } from './rule';
import type { RuleContext } from './context';

/** The module-level statement containing `node`. */
function topStatement(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n && n.parent && n.parent.type !== 'module') n = n.parent;
  return n && n.parent?.type === 'module' ? n : undefined;
}

/** The innermost statement holding `node` (its parent is a block or the module). */
function statementOf(node: Node): Node | undefined {
  let n: Node | null = node;
  while (n?.parent && n.parent.type !== 'module' && n.parent.type !== 'block') n = n.parent;
  return n?.parent ? n : undefined;
}

/**
 * Where the resize goes: right after the later of the token addition and the model load, in that statement's own
 * block and indentation (it runs whenever that statement runs, after the other one). It went after
 * the whole top-level statement holding them, at column 0: below an `if __name__ == "__main__":` block that already
 * ran the model, where the name is not even bound when the file is imported (shiym2000/vlm-finetune dataset.py).
 */
function resizePlace(ctx: RuleContext, addition: Node, load: Node): { offset: number; indent: string } | undefined {
  const a = statementOf(addition), b = statementOf(load);
  if (!a || !b) return undefined;
  const late = a.endIndex > b.endIndex ? a : b;
  const start = ctx.source.positionAt(late.startIndex);
  const indent = /^[ \t]*/.exec(ctx.source.lineText(start.line))![0];
  if (start.character !== indent.length) return undefined;
  return { offset: ctx.source.lineEnd(ctx.source.positionAt(late.endIndex).line), indent };
}

/** The last module-level model variable (`model = AutoModelForCausalLM.from_pretrained(...)`, Unsloth's unpack). */
function modelVariable(ctx: RuleContext): { name: string; statement: Node; node: Node } | undefined {
  let best: { name: string; statement: Node; node: Node } | undefined;
  for (const a of ctx.facts.assignments) {
    if (a.subscriptKey !== undefined || a.target.includes('.') || a.scope !== null) continue;
    const call = ctx.callAt(a.value);
    if (!call || !isModelLoad(ctx.facts, call)) continue;
    if (a.unpackIndex !== (isUnslothLoad(call) ? 0 : undefined)) continue;
    const statement = topStatement(a.node);
    if (statement) best = { name: a.target, statement, node: a.node };
  }
  return best;
}

/**
 * Whether `name` is read after `node` (outside comments), or before it on an indented line or in a lambda (a
 * `tokenize` helper defined before the addition may run after it; a block may run in a loop). Text only: an editor
 * holds the script as several trees.
 */
/** `add_special_tokens({"pad_token": "<PAD>"})`: the only token added is the pad token. */
function addsOnlyPad(call: CallFact): boolean {
  const arg = call.positional[0] ?? call.keywords.get('special_tokens_dict');
  if (call.method !== 'add_special_tokens' || arg?.value.type !== 'dictionary') return false;
  const pairs = arg.value.namedChildren.filter((n) => n?.type !== 'comment');
  return pairs.length === 1 && pairs[0]?.type === 'pair' && /^["']pad_token["']$/.test(pairs[0].childForFieldName('key')?.text ?? '');
}

/**
 * Only a pad token is added, and the statements right after it, setting attributes of `tok` only, set `tok.pad_token`
 * (or `pad_token_id`) to another of its existing tokens (`tokenizer.pad_token = tokenizer.eos_token`) before anything
 * else runs: padding uses that one, so no batch holds the new id (nyutu-grace/llm-amharic `train/finetuning/finetuning.py`:
 * `add_special_tokens({'pad_token': '[PAD]'})` then `tokenizer.pad_token = tokenizer.eos_token`). A replacement after
 * other code (ashishpatel26/LLM-Finetuning pads with the new token for many cells first) is not one.
 */
function padReplacedAfter(call: CallFact, tok: string): boolean {
  if (call.receiver?.type !== 'identifier' || !addsOnlyPad(call)) return false;
  const stmt = call.node.parent;
  if (stmt?.type !== 'expression_statement') return false;
  for (let next = stmt.nextNamedSibling; next; next = next.nextNamedSibling) {
    if (next.type === 'comment') continue;
    const a = next.type === 'expression_statement' ? next.firstNamedChild : null;
    const left = a?.type === 'assignment' ? a.childForFieldName('left') : null;
    if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== tok) return false;
    if (!/^pad_token(_id)?$/.test(left.childForFieldName('attribute')?.text ?? '')) continue;
    const v = a!.childForFieldName('right');
    return v?.type === 'attribute' && v.childForFieldName('object')?.text === tok
      && /^(eos|bos|unk|sep|cls)_token(_id)?$/.test(v.childForFieldName('attribute')?.text ?? '');
  }
  return false;
}

/**
 * Every trainer given `tok` packs its rows (`packing=True`) and nothing else pads with this binding of `tok` (a
 * `tok(…, padding=…)` call, `tok.pad(…)`, a padding collator built on it): a new pad id then reaches no batch on
 * the TRL releases whose packing pads nothing (`ConstantLengthDataset` before 0.16, padding-free "ffd"/"bfd" from
 * 0.19); 0.16–0.18's packing pads a shorter last row.
 */
function packedOnly(ctx: RuleContext, call: CallFact, tok: string): boolean {
  const binding = reachingAssignment(ctx.facts, tok, call.node);
  const sameTokenizer = (n: Node) => reachingAssignment(ctx.facts, tok, n) === binding;
  const given = ctx.trainers.filter((t) => ['tokenizer', 'processing_class'].some((k) => trainerArg(t, k)?.value.text === tok));
  if (given.length === 0 || given.length !== ctx.trainers.length) return false;
  for (const t of given) {
    if (t.kind !== 'SFTTrainer' && t.kind !== 'UnslothTrainer') return false;
    const packing = lookupArg(ctx.facts, t, 'packing');
    if (packing.unknown || !packing.arg || evaluateBool(ctx.facts, packing.arg.value) !== true) return false;
    if (trainerArg(t, 'data_collator')) return false;
  }
  for (const c of ctx.facts.calls) {
    if (c.node.startIndex <= call.node.startIndex) continue;
    const onTok = c.calleeText === tok || (c.receiver?.text === tok && (c.method === 'pad' || c.method === '__call__'))
      || ([...c.keywords.values()].some((a) => a.value.text === tok) && /Collator/.test(c.calleeText))
      || c.positional.some((a) => a.value.text === tok) && /Collator/.test(c.calleeText);
    if (!onTok || !sameTokenizer(c.node)) continue;
    if (c.method === 'pad' || /Collator/.test(c.calleeText)) return false;
    const padding = c.keywords.get('padding');
    if (padding && evaluateBool(ctx.facts, padding.value) !== false) return false;
  }
  return true;
}

function usedLater(text: string, node: Node, name: string): boolean {
  const re = new RegExp(String.raw`(?<![\w.])${name}\b`, 'g');
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (at >= node.startIndex && at < node.endIndex) continue;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const before = text.slice(lineStart, at);
    if (before.includes('#')) continue;
    if (at >= node.endIndex) return true;
    if (/^[ \t]/.test(before) || /\blambda\b/.test(before)) return true;
  }
  return false;
}

/** `x.train()` where `x = SomethingTrainer(…)`. */
function trainsUnmodelledTrainer(ctx: RuleContext, c: CallFact): boolean {
  if (c.method !== 'train' || c.receiver?.type !== 'identifier') return false;
  const value = reachingAssignment(ctx.facts, c.receiver.text, c.node)?.value;
  const call = value && ctx.callOf(value);
  return !!call && /Trainer$/.test(call.calleeText);
}

/** Output and logging calls take `len(tokenizer)` without resizing anything. */
const LOGGING_CALLEE = /^(print|str|int|range|format|f|assert|min|max|sum|list|tuple|dict|set)$|(^|\.)(info|debug|warning|warn|error|log|print|write|append|format|add_scalar|update)$/;

/**
 * A call after `add` (or in a function) that passes `len(tok)` as an argument to something other than output or
 * logging: the script's own loader that resizes (`get_model(…, len(tokenizer))`), or a resize helper under another name.
 */
function passesNewSizeOn(ctx: RuleContext, add: CallFact, tok: string): boolean {
  const want = `len(${tok})`;
  if (!ctx.a.text.includes(want)) return false;
  return ctx.facts.calls.some((c) => (c.node.startIndex > add.node.startIndex || c.scope !== null)
    && c.calleeText !== 'len' && !LOGGING_CALLEE.test(c.calleeText)
    && c.args.some((a) => a.value.type === 'call' && a.value.text.replace(/\s+/g, '') === want));
}

/** A model config built for the tokenizer's full size (`GPT2Config(vocab_size=len(tokenizer))`, or
 *  `config.vocab_size = len(tokenizer)`): the model made from it has a row for every token, added ones included. */
function sizesConfigToTokenizer(ctx: RuleContext): boolean {
  if (!/vocab_size/.test(ctx.a.text)) return false;
  if (/\.vocab_size\s*=\s*len\(/.test(ctx.a.text)) return true;
  return ctx.facts.calls.some((c) => {
    const v = c.keywords.get('vocab_size')?.value;
    return v?.type === 'call' && /^len\(/.test(v.text);
  });
}

const rule: Rule = {
  code: 'TL202',
  name: 'new-tokens-without-resize',
  severity: 'error',
  fix: 'safe',
  requires: ['add_tokens', 'add_special_tokens'],
  docs: `## What it does
Flags \`tokenizer.add_tokens(...)\` and \`tokenizer.add_special_tokens({...})\` that add tokens to the
vocabulary when the script never calls \`model.resize_token_embeddings(...)\` afterwards.

Helpers that resize count as a resize: TRL's \`setup_chat_format\` / \`clone_chat_template\`, Unsloth's
\`add_new_tokens\`, and adapters' \`model.add_embeddings(name, tokenizer)\`, which builds an embedding of
\`len(tokenizer)\` rows (adapter-hub/adapters \`src/adapters/model_mixin.py\`). So does handing the new size on after the
addition, \`len(tokenizer)\` as an argument of a call that is not output or logging: the script's own model
loader that resizes in another module (FlagEmbedding \`research/llm_dense_retriever/finetune/run.py\`:
\`get_model(model_args, output_dir, resize, len(tokenizer))\`, whose \`load_model.py\` calls
\`model.resize_token_embeddings(resize_tokens)\`) is not seen from the script. A model config built for the
tokenizer's size, \`GPT2Config(vocab_size=len(tokenizer))\` or \`config.vocab_size = len(tokenizer)\`, makes a model
with a row for every token, added ones included (a model trained from scratch:
Yosef-Ali/amharic-llm-finetuning \`legacy/experiments/model_architecture_upgrade.py\`). Setting a
special token to one that already exists (\`{"pad_token": tokenizer.eos_token}\`) adds nothing and is
not flagged. Nor is a pad token replaced by an existing one in the statements right after it (\`add_special_tokens({"pad_token":
"[PAD]"})\` then \`tokenizer.pad_token = tokenizer.eos_token\`): padding uses that token, so no batch holds the new id. An error for families whose embedding matrix matches the vocabulary exactly (Llama,
Mistral, GPT-2, Gemma); information for families with spare rows (Qwen, Pythia, Phi, OPT); information
naming the assumption (no spare rows) when the model is unknown, since the script does not show which model it is
and many families have spare rows; and information when the call runs only for a model the script tests by name
(\`if "gemma" in args.model_name_or_path.lower():\`): such branches often add tokens that model's vocabulary
already holds (Gemma's \`<start_of_turn>\`), which adds nothing. A tokenizer that is not used after the addition (no trainer gets it, nothing is tokenized with it: \`SFTTrainer\` without
\`processing_class=\` loads its own from the model) makes no batch with a new id: information. A script that trains nothing (no trainer, no \`backward()\`: an inference or chat
demo that adds a pad token for \`generate\`) gets information: only a batch that holds a new id fails. One that also
loads no model (a dataset module, a tokenizer builder, a library's loader) is not flagged, whatever the tokenizer's
family: the model it feeds, and its resize, are in another module (jmcinern/Continued-PreTraining \`qwen_tokenizer.py\`
extends the Qwen3 tokenizer for the training script). \`.train()\` on
any \`…Trainer(…)\` the script builds counts as training, also one trainlint does not model (the RLOO blog post's
\`RLOOTrainer(config=…, policy=…)\`).

Tokens the model's own checkpoints hold though older tokenizer files did not list them are not new: Whisper's
timestamp tokens (\`<|0.00|>\` … \`<|30.00|>\`, rows 50364–51864 of the multilingual vocabulary) added with a
\`%.2f\` format to a Whisper tokenizer (huggingface/distil-whisper \`training/run_distillation.py\`) are not flagged;
Yuan 2.0's fifteen special tokens (\`<sep>\`, \`<pad>\`, \`<FIM_PREFIX>\`…), which its model card adds with
\`add_tokens\` and no resize (IEITYuan/Yuan2-2B-hf README; \`vocab_size=135040\`), are information naming the
assumption that the model id or path (\`…/Yuan2-2B-Mars-hf\`) is a Yuan 2.0 checkpoint.

A collator written as a class holds its tokenizer as \`self.tokenizer\`: the tokenizer every construction of the class
passes is the one it holds, whether the class assigns it (\`self.tokenizer = tok\` in its \`__init__\`) or a transformers
collator base does (\`class C(DataCollatorForLanguageModeling)\` with \`super().__init__(tokenizer, mlm=False)\`; the base's
first dataclass field is \`tokenizer\`, transformers \`src/transformers/data/data_collator.py\`). Constructions that pass
different tokenizers, a class handed on as a value or derived from, or any other object's \`.tokenizer = …\` leave it
unknown (huggingface/peft \`examples/cpt_finetuning/cpt_train_and_inference.ipynb\`: bigscience/bloom-1b7's, which has
spare rows).

## Why is this bad?
The new token ids are larger than the embedding matrix. The first batch that contains one fails with
\`IndexError: index out of range in self\` or \`CUDA error: device-side assert triggered\`, often after
the model has loaded and the dataset has been processed.

## Example
\`\`\`python
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.add_special_tokens({"additional_special_tokens": ["<|tool|>"]})
\`\`\`

## Use instead
\`\`\`python
from transformers import AutoModelForCausalLM, AutoTokenizer

tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.add_special_tokens({"additional_special_tokens": ["<|tool|>"]})
model.resize_token_embeddings(len(tokenizer))
\`\`\`

## Fix safety
Inserting \`model.resize_token_embeddings(len(tokenizer))\` after the later of the token addition and
the model load is safe: it only grows the embedding matrix to the vocabulary size. With LoRA, the new
rows stay untrained unless the embeddings are trainable (\`modules_to_save\` or \`trainable_token_indices\`).

## References
- huggingface/transformers#1983, #24698, #25554; huggingface/peft#1300
- A trainer without a tokenizer loads its own: huggingface/trl v0.7.4 \`trl/trainer/sft_trainer.py\` (\`if tokenizer is None:
  tokenizer = AutoTokenizer.from_pretrained(model.config._name_or_path)\`), v0.12.0 the same for \`processing_class\`
`,
  check(ctx) {
    // The failure needs a batch holding a new id. A script that never trains (no trainer, no backward pass: an
    // inference or chat demo that adds a pad token for generate) may never build one: information.
    // A trainer class trainlint does not model (TRL's RLOOTrainer, OnlineDPOTrainer…) trains when `.train()` is called on it.
    const trains = ctx.trainers.length > 0 || ctx.facts.calls.some((c) => c.method === 'backward' || trainsUnmodelledTrainer(ctx, c));
    // adapters' `model.add_embeddings(name, tokenizer)` builds an embedding of len(tokenizer) rows
    // (adapter-hub/adapters src/adapters/model_mixin.py: `nn.Embedding(len(tokenizer), embedding_size)`).
    // A file that trains nothing and loads no model (a dataset module, a tokenizer builder, a library's model loader)
    // feeds a model of another module, where its resize is too (NVlabs/DoRA VL-T5 `*_data.py` and its trainers,
    // DeepSpeed-VisualChat `utils/data/DST.py` and `modeling_dsvl.py`, huggingface/smollm `m4/training/utils.py`, which
    // pads the tokenizer up to the model's size): with the model unknown too, nothing here is known (session 22 audit).
    const loadsModel = ctx.facts.calls.some((c) => isModelLoad(ctx.facts, c));
    const resizes = ctx.facts.calls.filter((c) => c.method === 'resize_token_embeddings' || /(^|\.)(setup_chat_format|clone_chat_template|add_new_tokens)$/.test(c.calleeText)
      || (c.method === 'add_embeddings' && c.positional.length >= 2));
    for (const call of ctx.facts.calls) {
      if ((call.method !== 'add_tokens' && call.method !== 'add_special_tokens') || !call.receiver) continue;
      const origin = tokenizerOrigin(ctx.facts, ctx.a.callsByNode, call.receiver);
      if (!origin && !/tok|processor|processing_class/i.test(call.receiver.text)) continue;
      if (call.method === 'add_special_tokens' && addsNewToken(ctx, call) !== true) continue;
      if (call.method === 'add_tokens' && !call.positional[0] && !call.keywords.has('new_tokens')) continue;
      // A resize later in the file, or inside a function (called at some point), repairs it.
      if (resizes.some((r) => r.node.startIndex > call.node.startIndex || r.scope !== null)) continue;
      const tok = call.receiver.text;
      // The new size handed to the script's own model loader after the addition (FlagEmbedding's
      // `get_model(model_args, output_dir, resize, len(tokenizer))`, which resizes in another module): a resize
      // trainlint cannot see, so nothing is proved.
      if (passesNewSizeOn(ctx, call, tok)) continue;
      // A model built from a config sized to the tokenizer (a model trained from scratch) holds every new id.
      if (sizesConfigToTokenizer(ctx)) continue;
      // A pad token added, then replaced by an existing one right after: the new id pads nothing.
      if (padReplacedAfter(call, tok)) continue;
      const fixes: Fix[] = [];
      const model = modelVariable(ctx);
      const at = model && call.scope === null ? resizePlace(ctx, call.node, model.node) : undefined;
      if (model && at) {
        fixes.push({
          title: `Add ${model.name}.resize_token_embeddings(len(${tok}))`,
          applicability: 'safe',
          edits: [insertAt(ctx.source, at.offset, `\n${at.indent}${model.name}.resize_token_embeddings(len(${tok}))`)],
        });
      }
      const own = ownTokens(ctx, call, origin);
      if (own === 'own') continue;
      if (own === 'yuan') {
        ctx.report({
          node: call.node,
          severity: 'information',
          message: `\`${tok}.add_tokens(…)\` adds Yuan 2.0's own special tokens, and its model card adds them the same way with no resize: a Yuan 2.0 checkpoint's embedding matrix (135,040 rows) holds them. This assumes "${origin?.modelId}" is one; for another model, call \`model.resize_token_embeddings(len(${tok}))\`.`,
          // No fix: resizing to len(tokenizer) could shrink Yuan's 135,040 rows.
          fixes: [],
        });
        continue;
      }
      // Families whose embedding matrix has spare rows do not fail: the new ids hit untrained rows.
      const family = tokenizerFamily(origin?.modelId);
      if (!trains && !loadsModel) continue;
      const head = `\`${tok}.${call.method}(…)\` adds tokens to the vocabulary, but the model's embeddings are never resized`;
      const tail = `Call \`model.resize_token_embeddings(len(${tok}))\`.`;
      // A tokenizer the script never uses again (not given to a trainer, not used to tokenize) builds no batch here:
      // SFTTrainer without `processing_class=` loads its own tokenizer from the model.
      const unused = trains && call.receiver.type === 'identifier' && !usedLater(ctx.source.text, call.node, tok);
      const noTraining = unused
        ? ` (\`${tok}\` is not used after this line: no trainer gets it and nothing is tokenized with it, so no batch here holds a new id; this matters once it is)`
        : trains ? '' : ' (this script trains nothing, so this matters only once a batch holds a new id)';
      // Code run only for a model the script names by a fragment (`if 'gemma' in args.model_name.lower():`) adds
      // that model's own tokens as often as new ones (Firefly adds Gemma's `<start_of_turn>`): not known here.
      const guard = family ? undefined : modelNameGuard(call.node);
      // Only a pad token added, and every batch is packed: the new id is in no batch unless the release pads packed rows.
      const packed = trains && call.receiver.type === 'identifier' && addsOnlyPad(call) && packedOnly(ctx, call, tok);
      const padsPacked = packed ? ctx.env.gate('trl', { from: '0.16', before: '0.19' }) : 'affected';
      if (padsPacked === 'unaffected') continue;
      if (padsPacked === 'unknown') {
        ctx.report({
          node: call.node,
          severity: 'information',
          message: `\`${tok}.add_special_tokens(…)\` adds a new pad token, but the model's embeddings are never resized. Every trainer given \`${tok}\` packs its rows (\`packing=True\`) and nothing else pads with it, so the new id reaches a batch only on a TRL whose packing pads (0.16–0.18 pad a shorter last row; before 0.16 \`ConstantLengthDataset\` and from 0.19 padding-free packing do not); the version is not known here. ${tail}`,
          fixes,
        });
        continue;
      }
      const unknown = guard
        ? `${head}: this runs only for a model whose name matches "${guard}", and whether its vocabulary already holds these tokens is not known here; if it does not, and the embedding matrix has no spare rows, the first batch containing a new id fails with "index out of range" or a CUDA device-side assert. ${tail}`
        : `${head}: the model is not known here, so this assumes its embedding matrix has no spare rows; then the first batch containing a new id fails with "index out of range" or a CUDA device-side assert. ${tail}`;
      ctx.report({
        node: call.node,
        // An unknown model may have spare rows (Qwen, Pythia, Phi, OPT do): the failure is an assumption, information.
        severity: !family || family.embeddingPadded || !trains || guard || unused ? 'information' : ctx.rule.severity,
        message: (family?.embeddingPadded
          ? `${head}: ${family.name} checkpoints have spare embedding rows, so the new ids map to rows that were never trained. ${tail}`
          : family
            ? `${head}: the first batch containing a new id fails with "index out of range" or a CUDA device-side assert. ${tail}`
            : unknown)
          .replace(/\. Call `/, `${noTraining}. Call \``),
        fixes,
      });
    }
  },
};
export default rule;
