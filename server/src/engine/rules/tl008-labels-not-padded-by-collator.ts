import type { Node } from 'web-tree-sitter';
import { minSeverity } from '../diagnostics';
import { labelsWrittenLater } from '../domain/labels';
import { inputIdsBase, labelWrites, resolveLocal, type LabelWrite } from '../domain/label-flow';
import { rowFunction } from '../domain/row-functions';
import { lookupArg } from '../domain/training-args';
import { isLibraryCall, isTrainer, trainerArg, type TrainerFact } from '../domain/trainers';
import { evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** transformers collators that batch with `tokenizer.pad`, which pads `input_ids`/`attention_mask` and not `labels`. */
const PADS_INPUTS_ONLY = ['DataCollatorForLanguageModeling', 'DataCollatorWithPadding'];

/** The function pads or cuts its rows to one length itself (`labels += [-100] * (max_len - len(labels))`). */
const PADS_BY_HAND = /\b(?:max_len\w*|max_length|max_seq_len\w*|max_source_length|max_target_length|block_size|seq_len\w*|MAX_\w+)\s*-\s*len\s*\(|\.pad\s*\(|pad_sequence|padding\s*=\s*["']max_length["']/;

const rule: Rule = {
  code: 'TL008',
  name: 'labels-not-padded-by-collator',
  severity: 'error',
  fix: 'none',
  requires: ['labels'],
  overriddenBy: ['batches'],
  docs: `## What it does
Flags token-id \`labels\` of one length per row (built in a \`dataset.map\` function from a tokenizer call without
\`padding="max_length"\`, or from prompt and answer ids joined by hand) given to a trainer whose collator pads with
\`tokenizer.pad\`: transformers' \`DataCollatorForLanguageModeling\` and \`DataCollatorWithPadding\`, passed as
\`data_collator=\` or the \`Trainer\`'s default when it is given a tokenizer (\`processing_class=\`/\`tokenizer=\`).
\`tokenizer.pad\` pads \`input_ids\`, \`attention_mask\`, \`token_type_ids\` and \`special_tokens_mask\` and leaves every
other key as it is, then makes tensors of all of them.

A function that pads or cuts its rows to one length itself (\`max_length - len(…)\`, \`.pad(…)\`, \`pad_sequence\`,
\`padding="max_length"\`), a tokenizer call with \`padding=True\` (a batched map pads each of its batches), labels a later
map writes again, a per-device batch size of 1, and Unsloth's \`train_on_responses_only\` (which swaps the collator for
\`DataCollatorForSeq2Seq\`) are not flagged, nor are TRL's trainers (they prepare the rows themselves) and subclasses
that override how batches are built. A batch size the script does not show is information.

## Why is this bad?
The first batch whose rows differ in length stops training: \`ValueError: Unable to create tensor, you should probably
activate truncation and/or padding with 'padding=True' 'truncation=True' to have batched tensors with the same length.
Perhaps your features (\`labels\` in this case) have excessive nesting\`. Rows of real text tokenize to different lengths.
\`DataCollatorForLanguageModeling\` would then replace the labels with a copy of \`input_ids\` anyway (its \`mlm=False\`
path), so a prompt masked with -100 is trained on. \`DataCollatorForSeq2Seq\` pads \`labels\` with -100 and keeps them.

## Example
\`\`\`python
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")


def tokenize(row):
    prompt = tokenizer(row["prompt"])["input_ids"]
    answer = tokenizer(row["answer"])["input_ids"]
    return {"input_ids": prompt + answer, "labels": [-100] * len(prompt) + answer}


ds = load_dataset("json", data_files="train.jsonl", split="train").map(tokenize)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds,
                  data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
\`\`\`

## Use instead
\`\`\`python
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForSeq2Seq, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")


def tokenize(row):
    prompt = tokenizer(row["prompt"])["input_ids"]
    answer = tokenizer(row["answer"])["input_ids"]
    return {"input_ids": prompt + answer, "labels": [-100] * len(prompt) + answer}


ds = load_dataset("json", data_files="train.jsonl", split="train").map(tokenize)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="out"), train_dataset=ds,
                  data_collator=DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=-100))
\`\`\`

## Fix safety
No fix: which collator, and whether to pad in the map instead, is the script's choice.

## References
- huggingface/transformers#39266 (2025-07-08): "DataCollatorForLanguageModeling seems to only pad input ids and ignore
  labels", "expected sequence of length 15757 at dim 1 (got 16242)"
- transformers \`src/transformers/tokenization_utils_base.py\` \`_pad\` (pads the first model input, \`attention_mask\`,
  \`token_type_ids\`, \`special_tokens_mask\`; nothing else) and \`BatchEncoding.convert_to_tensors\` ("Unable to create
  tensor … excessive nesting"), \`src/transformers/data/data_collator.py\` \`DataCollatorForLanguageModeling.torch_call\`
  (\`pad_without_fast_tokenizer_warning(self.tokenizer, examples, return_tensors="pt", …)\`, then \`labels =
  batch["input_ids"].clone()\` when \`mlm=False\`) and \`DataCollatorWithPadding.__call__\`, at v4.40.0, v4.53.0,
  v4.57.0, v5.0.0 and v5.15.0; \`src/transformers/trainer.py\` (\`DataCollatorWithPadding(processing_class)\` is the
  default collator when the processing class is a tokenizer, v4.40.0 and v5.15.0)
`,
  check(ctx) {
    let writes: LabelWrite[] | undefined;
    for (const t of ctx.trainers) {
      // transformers' Trainer and its subclasses: TRL's trainers prepare the rows themselves.
      if (!isTrainer(t, ['Trainer', 'Seq2SeqTrainer'], ['transformers'])) continue;
      const collator = inputsOnlyCollator(ctx, t);
      if (!collator) continue;
      // Unsloth's train_on_responses_only puts DataCollatorForSeq2Seq in (unsloth-zoo `dataset_utils.py`).
      if (ctx.unsloth.imported && labelsWrittenLater(ctx.facts, t)) continue;
      const batch = batchSize(ctx, t);
      if (batch === 1) continue;
      const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
      if (!ds || ds.known?.absent.includes('labels') || (ds.columns && !ds.columns.includes('labels'))) continue;
      writes ??= labelWrites(ctx.facts, ctx.a.syntax, ctx.a.text, ctx.a.source.text);
      // The last map that writes labels decides them.
      let found: { write: LabelWrite; fn: string } | undefined;
      for (const s of ds.steps) {
        const call = ctx.callAt(s.node);
        if (call?.method !== 'map') continue;
        const arg = (call.positional[0] ?? call.keywords.get('function'))?.value;
        const fn = arg && rowFunction(ctx.facts, ctx.a.source, arg);
        if (!fn || fn.node.type !== 'function_definition') continue;
        const own = writes.filter((w) => w.scope?.id === fn.node.id);
        if (own.length === 0) continue;
        found = undefined;
        if (PADS_BY_HAND.test(fn.node.text) || own.length > 1) continue;
        if (varyingTokens(ctx, own[0].value, fn.node)) found = { write: own[0], fn: fn.name ?? 'the map function' };
      }
      if (!found) continue;
      const unknownBatch = batch === undefined;
      ctx.report({
        node: found.write.node,
        severity: unknownBatch ? minSeverity(ctx.rule.severity, 'information') : ctx.rule.severity,
        message: `These labels have one length per row, but ${collator.name} pads with tokenizer.pad, which pads input_ids and attention_mask and not labels: the first batch of rows of different lengths raises "ValueError: Unable to create tensor … (\`labels\` in this case) have excessive nesting"${unknownBatch ? ' (assuming a per-device batch size above 1; the script does not show it)' : ''}.${collator.rebuilds ? ' It would then replace them with a copy of input_ids anyway, so a masked prompt is trained on.' : ''} Use DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=-100), which pads labels with -100.`,
        related: [
          ...(collator.node ? [{ node: collator.node, message: `${collator.name} is the collator here` }] : []),
          { node: t.call.callee, message: `the trainer that batches ${found.fn}'s rows` },
        ],
      });
    }
  },
};

interface InputsOnlyCollator { name: string; node?: Node; rebuilds: boolean }

/** The trainer's collator when it pads with `tokenizer.pad` only. */
function inputsOnlyCollator(ctx: RuleContext, t: TrainerFact): InputsOnlyCollator | undefined {
  const arg = trainerArg(t, 'data_collator');
  if (arg) {
    const call = ctx.callOf(arg.value);
    if (!call || !isLibraryCall(call, PADS_INPUTS_ONLY, ['transformers'])) return undefined;
    const name = call.calleeText.split('.').pop()!;
    const mlm = call.keywords.get('mlm') ?? call.positional[1];
    return { name, node: call.node, rebuilds: name === 'DataCollatorForLanguageModeling' && mlm !== undefined && evaluateBool(ctx.facts, mlm.value) === false };
  }
  // transformers' Trainer: `DataCollatorWithPadding(processing_class)` when it is given a tokenizer.
  if (t.call.hasSplat) return undefined;
  const tok = t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer');
  if (!tok || !isTokenizer(ctx, tok.value)) return undefined;
  return { name: "DataCollatorWithPadding (the Trainer's default with a tokenizer)", rebuilds: false };
}

/** An expression holding a tokenizer (`AutoTokenizer.from_pretrained(…)` through names), not a processor. */
function isTokenizer(ctx: RuleContext, node: Node): boolean {
  const call = ctx.callOf(node);
  return !!call && call.method === 'from_pretrained' && /Tokenizer(Fast)?$/.test(call.calleeText.split('.').slice(-2, -1)[0] ?? '');
}

/** `per_device_train_batch_size`: its value, 8 (the default) when not set, undefined when the script hides it. */
function batchSize(ctx: RuleContext, t: TrainerFact): number | undefined {
  if (!t.config && !trainerArg(t, 'args')) return 8;
  const found = lookupArg(ctx.facts, t, 'per_device_train_batch_size');
  if (found.arg) return evaluateNumber(ctx.facts, found.arg.value);
  return found.unknown ? undefined : 8;
}

/**
 * Token ids whose count depends on the row: a tokenizer call's `input_ids` without padding, `tokenizer.encode(…)`,
 * `apply_chat_template(…)` tokenizing, a slice of those, or a `+` of such lists (`[-100] * len(p) + ids[len(p):]`).
 * A name built with `.append(…)` in the function is followed to what it appends.
 */
function varyingTokens(ctx: RuleContext, value: Node, fn: Node, depth = 0): boolean {
  if (depth > 6) return false;
  const n = resolveLocal(ctx.facts, value);
  // `labels = []` (or `input_ids, labels = [], []`) filled by `labels.append(…)`.
  if (value.type === 'identifier' && ((n.type === 'list' && n.namedChildren.length === 0) || n.type === 'identifier')) {
    const appended = appendedTo(ctx, value.text, fn);
    return appended.length === 1 && varyingTokens(ctx, appended[0], fn, depth + 1);
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.text === '+') {
    const l = n.childForFieldName('left'), r = n.childForFieldName('right');
    return !!l && !!r && (varyingTokens(ctx, l, fn, depth + 1) || varyingTokens(ctx, r, fn, depth + 1));
  }
  if (n.type === 'subscript' && n.childForFieldName('subscript')?.type === 'slice') {
    const inner = n.childForFieldName('value');
    return !!inner && varyingTokens(ctx, inner, fn, depth + 1);
  }
  const base = inputIdsBase(ctx.facts, n);
  const call = ctx.callAt(base ? resolveLocal(ctx.facts, base) : n);
  return !!call && unpaddedTokenizing(ctx, call, !!base);
}

/** A call that returns token ids of the row's own length. */
function unpaddedTokenizing(ctx: RuleContext, call: CallFact, indexed: boolean): boolean {
  if (call.hasSplat || call.keywords.has('return_tensors')) return false;
  const padding = call.keywords.get('padding');
  if (padding && (evaluateBool(ctx.facts, padding.value) !== false && evaluateString(ctx.facts, padding.value) !== 'do_not_pad')) return false;
  const method = call.calleeText.split('.').pop()!;
  if (method === 'apply_chat_template') {
    const tok = call.keywords.get('tokenize');
    return !indexed && (!tok || evaluateBool(ctx.facts, tok.value) === true) && !call.keywords.has('return_dict');
  }
  if (method === 'encode') return !indexed;
  return indexed && /^(tokenizer|tok|processing_class)$/i.test(method) && call.keywords.size + call.positional.length > 0;
}

/** What `NAME.append(x)` adds inside `fn`. */
function appendedTo(ctx: RuleContext, name: string, fn: Node): Node[] {
  const out: Node[] = [];
  for (const c of ctx.facts.calls) {
    if (c.method !== 'append' || c.receiver?.text !== name || c.positional.length !== 1) continue;
    if (c.node.startIndex < fn.startIndex || c.node.endIndex > fn.endIndex) continue;
    out.push(c.positional[0].value);
  }
  return out;
}

export default rule;
