/**
 * What every pipeline provides to the preview: how a row is tokenized, how labels are
 * derived from (possibly truncated) ids, and the facts the per-sample checks need.
 */
import type { EncodeContext, EncodedRow } from '../encode-row';
import type { MaskingPlan, PlanRow } from '../types';

export interface PipelineContext extends EncodeContext {
  plan: MaskingPlan;
  bosId?: number;
  eosId?: number;
}

/** A token pattern whose match starts a trained span (Unsloth response part, collator response template). */
export interface MarkerPattern {
  text: string;
  ids: number[];
}

export interface Pipeline {
  /** Tokenize a row as this pipeline does (rendering, special tokens, EOS appending). */
  encode(row: PlanRow): EncodedRow | { error: string };
  /** Labels (-100 = masked) for the ids of an encoded row, possibly truncated (keep_start). */
  label(enc: EncodedRow, ids: readonly number[]): number[];
  /** Why a row got no trained token, when the pipeline can tell. */
  explainUntrained?(enc: EncodedRow, ids: readonly number[]): string | undefined;
  /** Effective max length; undefined = no truncation. */
  maxLength?: number;
  /** The id a collator masks by value (transformers DataCollatorForLanguageModeling). */
  padId?: number;
  /** Patterns whose matches start trained spans. */
  startPatterns: MarkerPattern[];
  /** Patterns whose matches end trained spans (instruction markers). */
  endPatterns?: MarkerPattern[];
  /** True when only parts of this row are meant to be trained (assistant turns, completions). */
  isSelective(enc: EncodedRow): boolean;
  /** Warnings about the whole run. */
  warnings: string[];
  /** Nothing creates labels: the run fails before training, so per-sample findings do not apply. */
  noLabels?: boolean;
}

/** The pad id the plan implies: eos when `pad = eos`, an explicit pad token, else the tokenizer's. */
export function planPadId(ctx: PipelineContext, unslothFixesPad: boolean): number | undefined {
  const { plan, tok } = ctx;
  if (plan.padEqualsEos) return ctx.eosId;
  if (plan.padToken) return tok.tokenId(plan.padToken);
  const pad = tok.padToken ? tok.tokenId(tok.padToken) : undefined;
  // Unsloth's fix_pad_token swaps a pad that equals EOS for a reserved token.
  if (unslothFixesPad && (pad === undefined || pad === ctx.eosId)) return undefined;
  return pad;
}
