/**
 * The collator a trainer trains with: the `data_collator=` argument (resolved through
 * variables) or the trainer's default, and what it does with padding and labels
 * (masking-spec §1, §2.1, §3.5):
 * - transformers `DataCollatorForLanguageModeling(mlm=False)` and TRL's
 *   `DataCollatorForCompletionOnlyLM` mask labels by pad *id* and pad on `tokenizer.padding_side`;
 * - `DataCollatorForSeq2Seq` / `DataCollatorWithPadding` pad on `padding_side`, never mask by id;
 * - TRL's own collators (SFTTrainer default from 0.17) pad right and pad labels with -100;
 * - SFTTrainer's default up to 0.16 is the transformers LM collator;
 * - with Unsloth, `train_on_responses_only` swaps in `DataCollatorForSeq2Seq`; a text dataset keeps
 *   TRL's default (Unsloth's own collator choice applies only to pre-tokenized datasets, and TRL's
 *   `Trainer.__init__` may overwrite it, so those stay unknown).
 */
import type { ArgFact, CallFact } from '../facts/types';
import { evaluateBool } from '../facts/values';
import type { RuleContext } from '../rules/context';
import { labelsWrittenLater } from './labels';
import { callName, isLibraryCall, isSftLike, trainerArg, type TrainerFact } from './trainers';

export type CollatorKind =
  /** masks labels where id == pad id; pads on tokenizer.padding_side */
  | 'lm-by-pad-id'
  /** pads (labels with -100) on tokenizer.padding_side; never masks by id */
  | 'pads-on-side'
  /** no padding at all */
  | 'no-padding'
  /** TRL's own collator: right padding, labels padded with -100 */
  | 'trl'
  /** SFTTrainer default: `lm-by-pad-id` before TRL 0.17, `trl` from 0.17 */
  | 'sft-default'
  /** user code or something we do not know */
  | 'unknown';

export interface TrainerCollator {
  kind: CollatorKind;
  /** Short class name (`DataCollatorForLanguageModeling`), when known. */
  name?: string;
  /** The `data_collator=` argument, absent for the trainer's default. */
  arg?: ArgFact;
  /** The collator construction, when it is a call. */
  call?: CallFact;
}

const PADS_ON_SIDE = ['DataCollatorForSeq2Seq', 'DataCollatorWithPadding'];

/** transformers' LM collator with `mlm=False` (the causal LM collator that masks pad ids). */
export function isCausalLmCollator(ctx: RuleContext, call: CallFact): boolean {
  if (!isLibraryCall(call, ['DataCollatorForLanguageModeling'], ['transformers'])) return false;
  const mlm = call.keywords.get('mlm') ?? call.positional[1];
  return evaluateBool(ctx.facts, mlm?.value) === false;
}

export function isCompletionOnlyCollator(call: CallFact): boolean {
  return isLibraryCall(call, ['DataCollatorForCompletionOnlyLM'], ['trl']);
}

/** Classify one collator expression. */
export function classifyCollator(ctx: RuleContext, arg: ArgFact): TrainerCollator {
  const call = ctx.callOf(arg.value);
  if (!call) {
    if (/^(transformers\.)?default_data_collator$/.test(arg.value.text)) return { kind: 'no-padding', name: 'default_data_collator', arg };
    return { kind: 'unknown', arg };
  }
  const name = callName(call);
  if (isCausalLmCollator(ctx, call) || isCompletionOnlyCollator(call)) return { kind: 'lm-by-pad-id', name, arg, call };
  if (isLibraryCall(call, PADS_ON_SIDE, ['transformers'])) return { kind: 'pads-on-side', name, arg, call };
  if (isLibraryCall(call, ['DefaultDataCollator'], ['transformers'])) return { kind: 'no-padding', name, arg, call };
  if (isLibraryCall(call, ['DataCollatorForLanguageModeling', 'DataCollatorForPreference', 'DataCollatorForChatML'], ['trl'])) return { kind: 'trl', name, arg, call };
  return { kind: 'unknown', name, arg, call };
}

/**
 * The collator `t` trains with. For an SFT-like trainer without `data_collator=`:
 * with Unsloth patching, `train_on_responses_only` → `DataCollatorForSeq2Seq`, a pre-tokenized
 * dataset (`input_ids`/`labels`, or columns unknown) → unknown; otherwise `sft-default`.
 * A plain Trainer without a collator uses `DataCollatorWithPadding` when it has a tokenizer.
 * `columns`: the training dataset's columns when known.
 */
export function trainerCollator(ctx: RuleContext, t: TrainerFact, columns?: string[]): TrainerCollator {
  const arg = trainerArg(t, 'data_collator');
  if (arg) {
    const c = classifyCollator(ctx, arg);
    // Unsloth's train_on_responses_only swaps any non-Seq2Seq collator for DataCollatorForSeq2Seq, whether or not
    // Unsloth was imported early enough to patch the trainer: the swap is the function's own (unsloth-zoo
    // `unsloth_zoo/dataset_utils.py` `train_on_responses_only`, from 0389d45e, 2025-03-05: "Edit data collator as well
    // if not DataCollatorForSeq2Seq"; still so at ce232d6c, 2026-08-20).
    if (ctx.unsloth.imported && labelsWrittenLater(ctx.facts, t)) return { kind: 'pads-on-side', name: 'DataCollatorForSeq2Seq', arg };
    return c;
  }
  if (t.call.hasSplat) return { kind: 'unknown' };
  if (isSftLike(t)) {
    if (ctx.unsloth.imported && labelsWrittenLater(ctx.facts, t)) return { kind: 'pads-on-side', name: 'DataCollatorForSeq2Seq' };
    if (ctx.unsloth.patches) {
      if (!columns || columns.includes('input_ids') || columns.includes('labels')) return { kind: 'unknown' };
    }
    return { kind: 'sft-default', name: 'the SFTTrainer default collator' };
  }
  if (t.kind === 'Trainer' || t.kind === 'Seq2SeqTrainer') {
    const hasTokenizer = t.call.keywords.has('processing_class') || t.call.keywords.has('tokenizer');
    return hasTokenizer ? { kind: 'pads-on-side', name: 'DataCollatorWithPadding' } : { kind: 'no-padding', name: 'default_data_collator' };
  }
  return { kind: 'unknown' };
}
