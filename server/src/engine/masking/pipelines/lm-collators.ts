/**
 * Collators that do not look at markers: transformers `DataCollatorForLanguageModeling`
 * (labels = ids, pad **ids** masked — pad == eos masks every EOS; masking-spec §1.1) and
 * pre-computed `labels` kept as they are (`DataCollatorForSeq2Seq`, `default_data_collator`).
 */
import { encodeConversation, encodeIds, encodeText, type EncodedRow } from '../encode-row';
import { IGNORE_INDEX, maskPadIds } from '../sequence';
import type { MaskingPipeline, PlanRow } from '../types';
import { planPadId, type Pipeline, type PipelineContext } from './pipeline';
import { trlBehaviour, trlEncode } from './trl-encode';
import { TRL_DEFAULT_MAX_LENGTH } from './trl-sft';
import { UNSLOTH_DEFAULT_MAX_LENGTH, unslothEncode } from './unsloth';

/** Tokenize as a plain script does: `tokenizer(text)` with its defaults; chats rendered then tokenized the same way. */
function plainEncode(row: PlanRow, ctx: PipelineContext): EncodedRow | { error: string } {
  const add = ctx.plan.addSpecialTokens ?? true;
  let enc: EncodedRow | { error: string };
  if (row.inputIds) enc = encodeIds(row.inputIds, ctx);
  else if (row.messages) enc = encodeConversation(row.messages, add, ctx, row.tools);
  else if (row.text !== undefined) enc = encodeText(row.text, add, ctx);
  else if (typeof row.prompt === 'string' && typeof row.completion === 'string') enc = encodeText(row.prompt + row.completion, add, ctx);
  else return { error: 'row has no text, messages or input_ids' };
  if (!('error' in enc) && row.labels) enc.labels = row.labels;
  return enc;
}

function encoderFor(trlVersion: string | undefined, ctx: PipelineContext): (row: PlanRow) => EncodedRow | { error: string } {
  if (ctx.plan.unsloth && trlVersion) return (row) => unslothEncode(row, ctx);
  if (trlVersion) {
    const b = trlBehaviour(trlVersion);
    return (row) => trlEncode(row, b, ctx);
  }
  return (row) => plainEncode(row, ctx);
}

/** The `transformers-lm` pipeline. */
export function transformersLm(p: Extract<MaskingPipeline, { kind: 'transformers-lm' }>, ctx: PipelineContext): Pipeline {
  const warnings: string[] = [];
  const padId = planPadId(ctx, !!ctx.plan.unsloth && !!p.trlVersion);
  if (padId !== undefined && padId === ctx.eosId) {
    warnings.push('pad token == EOS: DataCollatorForLanguageModeling masks labels by pad id, so every real EOS is masked too and the model never learns to stop');
  } else if (padId === undefined && !ctx.tok.padToken && !ctx.plan.padToken && !ctx.plan.padTokenSet) {
    warnings.push('the tokenizer has no pad token: DataCollatorForLanguageModeling raises when a batch needs padding');
  }
  return {
    encode: encoderFor(p.trlVersion, ctx),
    label: (_enc, ids) => maskPadIds(ids, padId),
    maxLength: ctx.plan.maxLength ?? (p.trlVersion ? (ctx.plan.unsloth ? UNSLOTH_DEFAULT_MAX_LENGTH : TRL_DEFAULT_MAX_LENGTH) : undefined),
    padId,
    startPatterns: [],
    isSelective: () => false,
    warnings,
  };
}

/** The `no-labels` pipeline: rows tokenized as the trainer would, no token trained (the run has no loss). */
export function noLabels(p: Extract<MaskingPipeline, { kind: 'no-labels' }>, ctx: PipelineContext): Pipeline {
  return {
    encode: encoderFor(p.trlVersion, ctx),
    label: (_enc, ids) => ids.map(() => IGNORE_INDEX),
    maxLength: ctx.plan.maxLength,
    startPatterns: [],
    isSelective: () => false,
    warnings: [],
    noLabels: true,
  };
}

/** The `precomputed-labels` pipeline: the row's labels, aligned to its ids. */
export function precomputedLabels(ctx: PipelineContext): Pipeline {
  return {
    encode(row) {
      const enc = plainEncode(row, ctx);
      if ('error' in enc) return enc;
      if (!row.labels) enc.notes.push('row has no labels: the model returns no loss ("The model did not return a loss from the inputs")');
      else if (row.labels.length !== enc.ids.length) enc.notes.push(`labels have ${row.labels.length} entries but the row has ${enc.ids.length} tokens`);
      return enc;
    },
    label: (enc, ids) => ids.map((_, i) => enc.labels?.[i] ?? IGNORE_INDEX),
    maxLength: ctx.plan.maxLength,
    padId: planPadId(ctx, false),
    startPatterns: [],
    isSelective: () => true,
    warnings: [],
  };
}
