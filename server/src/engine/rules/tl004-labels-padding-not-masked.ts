import type { Node } from 'web-tree-sitter';
import type { Fix } from '../diagnostics';
import { isCompletionOnlyCollator } from '../domain/collators';
import { batchPaddingOf } from '../domain/batch-padding';
import { inputIdsBase, isTokenizingCall, labelWrites, masksIgnoreIndex, resolveLocal, tokenizerCallOf, type LabelWrite } from '../domain/label-flow';
import { dataLoaderBatchSizes, lossMaskedByAttention, loopLabels } from '../domain/loop-labels';
import { lookupArg } from '../domain/training-args';
import { encodesOneSequence, mappedBatched, padsTo } from '../domain/tokenizer-call-padding';
import { isSeq2SeqTarget, paddedTargetCalls } from '../domain/seq2seq-targets';
import { isLibraryCall, overridden, trainerArg, trainerClassDefining, TRAINER_HOOKS } from '../domain/trainers';
import { callsWhere } from '../facts/selections';
import { lostToSyntaxError } from '../facts/reaching';
import type { CallFact } from '../facts/types';
import { evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import { replaceNode } from './edits';
import type { RuleContext } from './context';
import type { Rule } from './rule';

/** A plotting library's call (`plt.pie(sizes, labels=labels)`): its `labels=` are a chart's, not the model's. */
const PLOTTING = /^(matplotlib|seaborn|plotly)\b/;

/** Some call takes the labels: a `labels=` keyword, a `**` spread (`model(**batch)`), or an argument naming them. */
function labelsHandedOn(ctx: RuleContext): boolean {
  return ctx.facts.calls.some((c) => !PLOTTING.test(c.qualified ?? '')
    && (c.hasSplat || c.args.some((a) => a.name === 'labels' || /\blabels\b/.test(a.value.text))));
}

/**
 * `IGNORE_TOKEN_ID = tokenizer.pad_token_id`: a name meant as the loss's ignore id holding the pad id. The model's loss
 * ignores only -100, so every position "ignored" with it is trained (unless the script's own loss takes that id as
 * `ignore_index=`).
 */
function ignoreIdIsPad(ctx: RuleContext, trainsHere: boolean, ownText: () => string): void {
  const text = ctx.a.text;
  if (!/\blabels\b/.test(text) || !/ignore/i.test(text)) return;
  if (ctx.facts.calls.some((c) => c.keywords.has('ignore_index'))) return;
  // The pad ids are turned into -100 afterwards (`labels[labels == tokenizer.pad_token_id] = -100`,
  // `-100 if t == pad_id else t`, `masked_fill(… == pad, -100)`): the pad id was only a placeholder.
  if (text.split('\n').some((raw) => { const line = raw.replace(/#.*/, ''); return /pad/i.test(line) && /-100\b/.test(line); })) return;
  for (const a of ctx.facts.assignments) {
    if (a.subscriptKey !== undefined || a.unpackIndex !== undefined || !/^\w*ignore\w*$/i.test(a.target)) continue;
    if (!/^[\w.]+\.pad_token_id$/.test(a.value.text)) continue;
    const uses = text.match(new RegExp(`\\b${a.target}\\b`, 'g'))?.length ?? 0;
    if (uses < 2) continue;
    const own = ownText();
    ctx.report({
      node: a.node,
      ...(trainsHere && !own ? {} : { severity: 'information' as const }),
      message: `\`${a.target}\` is the pad token's id, not -100: the label positions set to it (prompt, padding) are trained, because the model's loss ignores only -100${trainsHere ? '' : ' (this file trains nothing, so this assumes the labels built here reach that loss)'}${own}. Use -100.`,
      fixes: [{ title: `Set ${a.target} = -100`, applicability: 'unsafe', edits: [replaceNode(ctx.source, a.value, '-100')] }],
    });
  }
}

/**
 * A trainer of the script whose subclass computes the loss or builds the batches itself (`compute_loss`,
 * `get_train_dataloader`): what reaches the loss is its code's, so a finding rests on an assumption, which this names.
 */
function ownLoss(ctx: RuleContext): string {
  const methods = [...TRAINER_HOOKS.loss, ...TRAINER_HOOKS.batches];
  for (const t of ctx.a.trainers) {
    const m = overridden(t, methods);
    if (m) return ` (assuming \`${t.subclass!.name}.${m}\`, the script's own, keeps the labels as given)`;
  }
  // A class of the script's that no rule takes for its trainer (its `__init__` does more than pass arguments on).
  const c = trainerClassDefining(ctx.facts, methods);
  return c ? ` (assuming \`${c.name}.${c.method}\`, the script's own, keeps the labels as given)` : '';
}

/**
 * Selection tests for `callsWhere`: a call given `data_collator=` or a `DataLoader(…, collate_fn=…)` (a loop of the
 * script's own batches with that collator: sparklerz/multigpu-llm-finetuning `pytorch-ddp/multigpu_torchrun.py`),
 * `<trainer>.train()`, `<loss>.backward()`.
 */
const passesCollator = (c: CallFact): boolean => c.keywords.has('data_collator') || (c.keywords.has('collate_fn') && /(^|\.)DataLoader$/.test(c.calleeText));
const collatorOf = (c: CallFact) => c.keywords.get('data_collator') ?? c.keywords.get('collate_fn');
const isTrainerTrain = (c: CallFact): boolean => c.method === 'train' && c.positional.length === 0 && /trainer/i.test(c.receiver?.text ?? '');
const isBackward = (c: CallFact): boolean => c.method === 'backward';
/** transformers' collators that set `labels` themselves, whatever the dataset holds (WholeWordMask is a subclass). */
const LM_COLLATORS = ['DataCollatorForLanguageModeling', 'DataCollatorForWholeWordMask'];

const rule: Rule = {
  code: 'TL004',
  name: 'labels-padding-not-masked',
  severity: 'warning',
  fix: 'unsafe',
  docs: `## What it does
Flags \`labels\` copied from \`input_ids\` produced by a tokenizer call that pads
(\`padding="max_length"\`, \`padding=True\`, \`padding="longest"\`), when the function never replaces the
pad positions with -100. A file with no trainer and no training step (a dataset transform another program imports)
gets information: the collator that batches its rows is not seen. A script that trains in its own loop (a
\`backward()\`, no trainer) is flagged only if it hands the labels on (\`labels=\`, \`model(**batch)\`, an argument
naming them; a plotting call's \`labels=\` is none): a distillation loop whose loss compares the teacher's and the
student's logits never reads the padded labels, and a loss with \`reduction="none"\` multiplied by the attention mask
(wahabzh/lora-smollm-finetuning) never trains the pad positions. A script whose trainer subclass computes the loss or builds the batches itself (\`compute_loss\`,
\`training_step\`, \`get_train_dataloader\`, …, in the script or a module of its project, whatever its \`__init__\`)
gets information naming that method: its code may mask the padding.

A collate function that pads the batch itself and copies the padded ids to \`labels\` is flagged the same way:
\`batch = tokenizer.pad(features, …)\` then \`batch["labels"] = batch["input_ids"].clone()\` (\`tokenizer.pad\` pads to
the longest row with the pad id unless \`padding=False\`: transformers \`tokenization_utils_base.py\`
\`PreTrainedTokenizerBase.pad\`), or \`pad_sequence(ids, padding_value=tokenizer.pad_token_id)\` (or a non-negative id,
or PyTorch's default 0) then \`labels = input_ids.clone()\`, in a function (or a collator class's \`__call__\`) the script
passes on or calls, unless the function sets something to -100 or the script has its own loss (\`ignore_index=\`) or
\`forward(…, labels)\`; silent when every batch is one row
(\`per_device_train_batch_size=1\`, or every \`DataLoader\` with \`batch_size=1\`), information naming the assumption when
a batch size is not known (\`batch_size=args.batch_size\`).

Also flags an "ignore" label id that is the pad id (\`IGNORE_TOKEN_ID = tokenizer.pad_token_id\`, datawhalechina/happy-llm
\`docs/chapter6/code/finetune.py\`): the prompt and padding positions filled with it are trained, unless the script's
own loss ignores that id (\`ignore_index=…\`) or it turns pad ids into -100 afterwards.

\`padding=True\` / \`"longest"\` pads to the longest sequence of the call, so a call that encodes one text pads
nothing: the rule is silent when the text is a list of one element (\`processor(text=[prompt], padding=True)\` in a
loop that trains one example at a time), when the same function appends an id to the result's \`input_ids\` (alpaca-lora's
\`tokenize\`: \`result["input_ids"].append(tokenizer.eos_token_id)\`, Chenghr/FedPETuning
\`llama_lora_rte/train_model.py\`), or when the function is mapped without \`batched=True\` and tokenizes a text it
builds (an f-string, \`"…" + x\`, \`"…".format(…)\`), or when the text is a parameter annotated \`str\` that nothing rebinds
before the call (oKatanaaa/kolibrify \`core/data_utils.py\`: \`def tokenize(self, prompt: str)\`). Not with \`pad_to_multiple_of=\`, which pads one sequence too
(huggingface/transformers@0021ee07 \`src/transformers/tokenization_utils_base.py\`, \`_pad\`: \`if padding_strategy ==
PaddingStrategy.LONGEST: max_length = len(required_input)\`, then rounded up to \`pad_to_multiple_of\`).

A hand-written loop that hands the \`input_ids\` of a padding tokenizer call straight to the model
(\`labels = processor.tokenizer(text=answers, padding=True, return_tensors="pt").input_ids\` then
\`model(…, labels=labels)\` in a loop that calls \`backward()\`, the Florence-2 fine-tuning tutorial's code) is flagged
there: a warning when every \`DataLoader\` of the file batches more than one row (or with \`padding="max_length"\`),
information naming the assumption when a batch size is not known; silent with batches of one, under \`torch.no_grad()\`,
in a loop without \`backward()\`, or when the script has its own loss (\`ignore_index=\`) or its own \`forward(…, labels)\`.
Florence-2's language model computes \`CrossEntropyLoss()\` over the labels as given (Hub microsoft/Florence-2-large
\`modeling_florence2.py\` at 484465f, \`Florence2LanguageForConditionalGeneration.forward\`), and its pad id (1) is no -100.

## Why is this bad?
Causal-LM losses do not skip padding: only -100 is ignored. Every pad position becomes a training
target, the loss is dominated by padding and falls quickly but meaninglessly, and the model learns to
emit pad/EOS (answers come out truncated or empty). \`DataCollatorForSeq2Seq\` and
\`default_data_collator\` keep the labels as given, so they do not repair it (\`DataCollatorForSeq2Seq\` writes
\`label_pad_token_id\`, -100, only in the positions it pads itself: transformers 5.18.0 \`data/data_collator.py\`).
\`DataCollatorForLanguageModeling\` sets \`labels\` itself in every batch: from \`input_ids\` with pad ids set to -100
(\`mlm=False\`), or from its own masking (\`mlm=True\`, the default, and \`DataCollatorForWholeWordMask\`; transformers
4.57.6 and 5.18.0 \`DataCollatorForLanguageModeling.torch_call\`), and TRL's \`DataCollatorForCompletionOnlyLM\` (its
subclass) rebuilds them the first way, so the rule is silent when one of them is a \`data_collator=\`, or the
\`collate_fn=\` of a \`DataLoader\` (trl v0.19.1 \`trl/trainer/utils.py\`).

An encoder-decoder target (T5, BART, Pegasus, Marian, …) tokenized with padding, \`labels = tokenizer(text_target=…,
padding="max_length")["input_ids"]\` or a second tokenizer call's ids stored beside the inputs of the first, is the same
mistake with another consequence: the model's loss ignores only -100 (transformers 5.18.0 \`models/t5/modeling_t5.py\`
\`CrossEntropyLoss(ignore_index=-100)\`, \`models/bart/modeling_bart.py\` \`CrossEntropyLoss()\`), so every pad position
after the end of each target is trained as a token to predict. The message says so for those labels, rather than the
causal-LM story. \`tokenizer(text, text_target=…, padding="max_length")\` is flagged at the call: the tokenizer pads the
target like the inputs and returns its ids as \`labels\` (transformers 5.18.0 \`tokenization_utils_base.py\`,
\`encodings["labels"] = target_encodings["input_ids"]\`), unless the function masks to -100 or writes \`labels\` itself.

## Example
\`\`\`python
def tokenize(example):
    enc = tokenizer(example["text"], padding="max_length", max_length=512, truncation=True)
    enc["labels"] = enc["input_ids"].copy()
    return enc

ds = ds.map(tokenize)
\`\`\`

## Use instead
\`\`\`python
def tokenize(example):
    enc = tokenizer(example["text"], padding="max_length", max_length=512, truncation=True)
    enc["labels"] = [t if m else -100 for t, m in zip(enc["input_ids"], enc["attention_mask"])]
    return enc

ds = ds.map(tokenize)
\`\`\`

## Fix safety
The fix masks every position whose attention mask is 0 (by position, so a real EOS that shares the pad
id stays trained). It is unsafe: it assumes the attention mask marks exactly the padding. Better still,
drop \`padding=\` and pad dynamically with \`DataCollatorForSeq2Seq(tokenizer, label_pad_token_id=-100)\`.

## References
- huggingface/transformers#32832, #1713; meta-llama/llama-cookbook#73
- The loss ignores only -100: huggingface/transformers@0114da07 \`src/transformers/loss/loss_utils.py\`
  (\`ForCausalLMLoss(…, ignore_index: int = -100)\`, passed to \`nn.functional.cross_entropy\`)
`,
  check(ctx) {
    // transformers' LM collator rebuilds labels from input_ids (pad ids → -100): labels written here are discarded.
    // So does TRL's DataCollatorForCompletionOnlyLM, its subclass (mlm=False by default; torch_call calls
    // super().torch_call: trl v0.19.1 trl/trainer/utils.py).
    // Any `data_collator=` counts: a trainer of another library (adapters' AdapterTrainer) collates the same way.
    // With `mlm=True` (the default) it rebuilds them too, from its own masking (transformers 4.57.6 and 5.18.0
    // `data/data_collator.py` `DataCollatorForLanguageModeling.torch_call`: `batch["labels"]` is set in both branches).
    const rebuildsCall = (c: CallFact | undefined) => !!c && (isLibraryCall(c, LM_COLLATORS, ['transformers'])
      || (isCompletionOnlyCollator(c) && evaluateBool(ctx.facts, c.keywords.get('mlm')?.value) !== true));
    // A collator whose assignment a syntax error made unknown (a line above it being typed) may be one that rebuilds.
    const rebuilds = (value: Node | undefined) => rebuildsCall(ctx.callOf(value)) || (!!value && lostToSyntaxError(ctx.facts, value));
    if (ctx.trainers.some((t) => rebuilds(trainerArg(t, 'data_collator')?.value))
      || callsWhere(ctx.facts, passesCollator).some((call) => rebuilds(collatorOf(call)?.value))) return;
    // No trainer and no training step in this file (a dataset transform another program imports, such as an axolotl
    // plugin): the collator that batches these rows is unseen and may rebuild or mask the labels.
    const trainerRuns = ctx.a.trainers.length > 0 || callsWhere(ctx.facts, isTrainerTrain).length > 0;
    const trainsHere = trainerRuns || callsWhere(ctx.facts, isBackward).length > 0;
    // A trainer that trains but whose construction does not parse (`trainer = Trainer(` being typed): its collator is not known.
    if (trainerRuns && ctx.a.trainers.length === 0 && ctx.a.syntax.hasError
      && callsWhere(ctx.facts, isTrainerTrain).some((c) => !!c.receiver && lostToSyntaxError(ctx.facts, c.receiver))) return;
    // The script's own loop (no trainer) uses the labels only if it hands them on: `model(…, labels=…)`, `model(**batch)`,
    // or a loss that takes them (`F.cross_entropy(logits, labels)`). A distillation loop whose loss is KL between
    // logits reads `batch['labels']` and never uses them (peremartra/Large-Language-Model-Notebooks-Course
    // `6-PRUNING/7_1_knowledge_distillation_Llama.ipynb`): the padded labels train nothing.
    if (!trainerRuns && trainsHere && !labelsHandedOn(ctx)) return;
    if (!trainerRuns && trainsHere && lossMaskedByAttention(ctx.facts, ctx.a.text)) return; // its loss skips the padding
    let ownCached: string | undefined;
    const ownText = () => (ownCached ??= ownLoss(ctx));
    ignoreIdIsPad(ctx, trainsHere, ownText);
    const writes = labelWrites(ctx.facts, ctx.a.syntax, ctx.a.text, ctx.a.source.text);
    for (const c of paddedTargetCalls(ctx, writes)) {
      const own = ownText();
      ctx.report({
        node: c.node,
        ...(trainsHere && !own ? {} : { severity: 'information' as const }),
        message: `\`text_target=\` with \`padding="max_length"\` pads the target like the inputs and returns it as \`labels\`, with the pad id in every pad position, never -100${trainsHere ? '' : ' (this file trains nothing, so this assumes the collator that batches these rows keeps the labels as given)'}: the model's loss ignores only -100, so every pad position after the end of each target is trained as a token to predict${own}. Drop \`padding=\` and pad with \`DataCollatorForSeq2Seq\`, which pads the labels with -100.`,
      });
    }
    for (const w of writes) {
      const src = resolveLocal(ctx.facts, w.value);
      const base = inputIdsBase(ctx.facts, src);
      const tokCall = base && tokenizerCallOf(ctx.facts, ctx.a.callsByNode, base);
      if (!base || !tokCall) {
        collatePadded(ctx, w, src, trainsHere, ownText);
        continue;
      }
      const padding = padsTo(ctx, tokCall);
      if (!padding || masksIgnoreIndex(w.scope, ctx.a.text)) continue;
      if (padding !== 'padding="max_length"' && encodesOneSequence(ctx, tokCall, base, w.scope)) continue;
      const fixes: Fix[] = [];
      const own = ownText();
      const baseText = base.type === 'identifier' ? base.text : undefined;
      if (baseText && !tokCall.hasSplat && evaluateBool(ctx.facts, tokCall.keywords.get('return_attention_mask')?.value) !== false) {
        const ids = `${baseText}["input_ids"]`, mask = `${baseText}["attention_mask"]`;
        const tensors = evaluateString(ctx.facts, tokCall.keywords.get('return_tensors')?.value);
        const batched = mappedBatched(ctx, w.scope);
        let text: string | undefined;
        if (tensors === 'pt') text = `${ids}.masked_fill(${mask} == 0, -100)`;
        else if (!tokCall.keywords.has('return_tensors') && batched === false) text = `[t if m else -100 for t, m in zip(${ids}, ${mask})]`;
        else if (!tokCall.keywords.has('return_tensors') && batched === true) text = `[[t if m else -100 for t, m in zip(ids, mask)] for ids, mask in zip(${ids}, ${mask})]`;
        if (text) fixes.push({ title: 'Mask the padding positions with -100', applicability: 'unsafe', edits: [replaceNode(ctx.source, w.value, text)] });
      }
      const target = isSeq2SeqTarget(ctx, w, base, tokCall);
      const what = target ? `the \`input_ids\` of the target tokenization, padded with \`${padding}\`,` : `copied from \`input_ids\` padded with \`${padding}\``;
      const harm = target
        ? 'the model\'s loss ignores only -100, so every pad position after the end of each target is trained as a token to predict'
        : 'the loss trains on padding and the model learns to emit pad/EOS';
      ctx.report({
        node: w.node,
        ...(trainsHere && !own ? {} : { severity: 'information' as const }),
        message: trainsHere
          ? `\`labels\` are ${what} and the pad positions are never set to -100: ${harm}${own}.${target ? ' `DataCollatorForSeq2Seq` writes -100 only where it pads itself.' : ''}`
          : `\`labels\` are ${what} and the pad positions are never set to -100. This file trains nothing, so this assumes the collator that batches these rows keeps the labels as given (DataCollatorForLanguageModeling would rebuild them with the padding masked): otherwise ${harm}.`,
        related: [{ node: tokCall.node, message: `${padding} pads here` }],
        fixes,
      });
    }
    if (!trainerRuns && trainsHere) loopLabelsPadded(ctx);
  },
};

/**
 * A collate function that pads the batch itself (`batch = tokenizer.pad(features, …)`, `pad_sequence(ids,
 * padding_value=tokenizer.pad_token_id)`) and copies the padded ids to `labels` without setting the pad positions to
 * -100 (Messydrawing/llm-test2 `test9/src/training/sft_trainer.py`, `SFTDataCollator`). Silent when every batch is of
 * one row (each trainer's `per_device_train_batch_size`, or every `DataLoader`'s `batch_size`, is 1).
 */
function collatePadded(ctx: RuleContext, w: LabelWrite, src: Node, trainsHere: boolean, ownText: () => string): void {
  const p = batchPaddingOf(ctx.facts, ctx.a.callsByNode, src);
  const rows = p && w.scope && collateUsed(ctx, w.scope) && !masksIgnoreIndex(w.scope, ctx.a.text) ? batchRows(ctx) : 'one';
  if (!p || rows === 'one') return;
  // The script's own loss (`ignore_index=`, which may be the pad id) or its own model (`def forward(self, …, labels)`).
  if (ctx.facts.calls.some((c) => c.keywords.has('ignore_index')) || /\bdef\s+forward\s*\([^)]*\blabels/.test(ctx.a.text)) return;
  const own = ownText();
  const assumed = rows === 'unknown' ? ' (assuming batches of more than one row: the batch size is not known)' : '';
  // `labels = pad_sequence(labels_list, padding_value=pad_id)` pads the label lists themselves (shiym2000/vlm-finetune
  // `custom/src/dataset.py`): they are not a copy of the input ids.
  const ownLists = /label/i.test(p.call.positional[0]?.value.text ?? '');
  const padded = ownLists ? `\`labels\` are padded by \`${p.how}\` with a token id` : `\`labels\` are a copy of the ids \`${p.how}\` pads`;
  const advice = ownLists ? 'Pad the labels with -100 (`padding_value=-100`).' : 'Set the positions where the `attention_mask` is 0 to -100.';
  ctx.report({
    node: w.node,
    ...(trainsHere && !own && !assumed ? {} : { severity: 'information' as const }),
    message: trainsHere
      ? `${padded}, and the pad positions are never set to -100: the model's loss ignores only -100, so it trains on padding and the model learns to emit pad/EOS${own}${assumed}. ${advice}`
      : `${padded}, and the pad positions are never set to -100. This file trains nothing, so this assumes the batches built here reach a loss that ignores only -100: otherwise the loss trains on padding.`,
    related: [{ node: p.call.node, message: `${p.how} pads here` }],
  });
}

/** The function (or, for `__call__`, its class) is named elsewhere in the script: passed on, called or instantiated. */
function collateUsed(ctx: RuleContext, fn: Node): boolean {
  let name = fn.childForFieldName('name')?.text;
  if (name === '__call__') {
    let c: Node | null = fn.parent;
    while (c && c.type !== 'class_definition') c = c.parent;
    name = c?.childForFieldName('name')?.text;
  }
  if (!name || !/^\w+$/.test(name)) return false;
  return (ctx.a.text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0) >= 2;
}

/**
 * How many rows a batch holds: "one" when each trainer's `per_device_train_batch_size` (8 when not set) is 1, or (no
 * trainer) every `DataLoader`'s `batch_size`; "many" when each is above 1; "unknown" when one is hidden or they differ.
 */
function batchRows(ctx: RuleContext): 'one' | 'many' | 'unknown' {
  const sizes: Array<number | undefined> = ctx.a.trainers.length
    ? ctx.a.trainers.map((t) => {
      const found = lookupArg(ctx.facts, t, 'per_device_train_batch_size');
      return found.arg ? evaluateNumber(ctx.facts, found.arg.value) : found.unknown ? undefined : 8;
    })
    : dataLoaderBatchSizes(ctx.facts) ?? [undefined];
  if (sizes.every((n) => n === 1)) return 'one';
  return sizes.every((n) => n !== undefined && n > 1) ? 'many' : 'unknown';
}

/**
 * A hand-written loop's `model(…, labels=tok(texts, padding=True).input_ids)` (the Florence-2 fine-tuning tutorial:
 * andimarafioti/florence2-finetuning `train.py`). A warning when the padding is provable: `"max_length"`, or every
 * `DataLoader` of the file batches more than one row; information naming the assumption otherwise.
 */
function loopLabelsPadded(ctx: RuleContext): void {
  // The script's own loss (`ignore_index=`) or its own model (`def forward(self, …, labels…)`) may skip the padding.
  if (ctx.facts.calls.some((c) => c.keywords.has('ignore_index'))) return;
  if (/\bdef\s+forward\s*\([^)]*\blabels/.test(ctx.a.text)) return;
  for (const l of loopLabels(ctx.facts)) {
    const tokCall = ctx.callAt(l.base);
    if (!tokCall || !isTokenizingCall(tokCall)) continue;
    const padding = padsTo(ctx, tokCall);
    if (!padding || masksIgnoreIndex(l.scope, ctx.a.text)) continue;
    const toLength = padding === 'padding="max_length"';
    if (!toLength && encodesOneSequence(ctx, tokCall, l.base, l.scope)) continue;
    const sizes = dataLoaderBatchSizes(ctx.facts);
    if (!toLength && sizes?.every((n) => n === 1)) continue;
    const proven = toLength || (!!sizes && sizes.every((n) => n > 1));
    ctx.report({
      node: l.arg,
      ...(proven ? {} : { severity: 'information' as const }),
      message: `The \`labels\` given to the model are the \`input_ids\` of a call padded with \`${padding}\`, and the pad positions are never set to -100: the model's loss ignores only -100, so it trains on padding and the model learns to emit pad/EOS${proven ? '' : " (assuming batches of more than one text: the DataLoader's batch size is not known)"}. Set the positions where the call's \`attention_mask\` is 0 to -100.`,
      related: [{ node: tokCall.node, message: `${padding} pads here` }],
    });
  }
}
export default rule;
