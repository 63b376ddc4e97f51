/**
 * TRL `SFTTrainer` labels with its default collator (masking-spec §2): everything trained
 * (minus pad ids up to 0.15), `completion_only_loss` (prompt masked), `assistant_only_loss`
 * (only `{% generation %}` text), truncation keep_start at `max_length` (default 1024).
 * With Unsloth imported, Unsloth's dataset preparation tokenizes instead (§3.5).
 */
import { markersFor } from '../../chat/markers';
import { hasGenerationBlock, type CharRange } from '../../chat/render';
import type { EncodedRow } from '../encode-row';
import { IGNORE_INDEX, maskPadIds, tokensInRanges } from '../sequence';
import type { MaskingPipeline } from '../types';
import { planPadId, type Pipeline, type PipelineContext } from './pipeline';
import { trlBehaviour, trlEncode, type TrlBehaviour } from './trl-encode';
import { UNSLOTH_DEFAULT_MAX_LENGTH, unslothEncode } from './unsloth';

/** TRL's default `max_length` (0.15+; min(model_max_length, 1024) before). */
export const TRL_DEFAULT_MAX_LENGTH = 1024;

/**
 * Assistant spans of TRL's bundled training templates (1.1+), by template family: training
 * starts after `start` and ends after `end`. Llama-3 and Qwen follow masking-spec §2.2;
 * Gemma and Phi-3 are our reading of the same pattern.
 */
const TRAINING_SPANS: Readonly<Record<string, { start: string; end: string }>> = {
  'llama-3.1': { start: '<|start_header_id|>assistant<|end_header_id|>\n\n', end: '<|eot_id|>' },
  'llama-3': { start: '<|start_header_id|>assistant<|end_header_id|>\n\n', end: '<|eot_id|>' },
  'qwen-2.5': { start: '<|im_start|>assistant', end: '<|im_end|>\n' },
  qwen3: { start: '<|im_start|>assistant', end: '<|im_end|>\n' },
  'qwen3-instruct': { start: '<|im_start|>assistant', end: '<|im_end|>\n' },
  'qwen3-thinking': { start: '<|im_start|>assistant', end: '<|im_end|>\n' },
  'gemma-3': { start: '<start_of_turn>model\n', end: '<end_of_turn>\n' },
  gemma: { start: '<start_of_turn>model\n', end: '<end_of_turn>\n' },
  'phi-3': { start: '<|assistant|>\n', end: '<|end|>\n' },
};

function emulatedRanges(text: string, span: { start: string; end: string }): CharRange[] {
  const out: CharRange[] = [];
  for (let at = text.indexOf(span.start); at >= 0; at = text.indexOf(span.start, at + 1)) {
    const from = at + span.start.length;
    const stop = text.indexOf(span.end, from);
    out.push([from, stop < 0 ? text.length : stop + span.end.length]);
  }
  return out;
}

/** Which training-template family applies: templates we reproduce from official ones, or the tokenizer's own. */
function trainingSpanFor(ctx: PipelineContext): { start: string; end: string } | undefined {
  const family = ctx.template?.name ? markersFor(ctx.template.name)?.name : ctx.markers?.name;
  return family ? TRAINING_SPANS[family] : undefined;
}

/** The `trl-sft` pipeline. */
export function trlSft(p: Extract<MaskingPipeline, { kind: 'trl-sft' }>, ctx: PipelineContext): Pipeline {
  const b: TrlBehaviour = trlBehaviour(p.trlVersion ?? p.assumedTrl?.version);
  const unsloth = ctx.plan.unsloth ?? false;
  // Unsloth (2026.3.4+) prepares prompt-completion rows like TRL 0.24+.
  const pc = unsloth ? trlBehaviour('0.24') : b;
  const warnings: string[] = [];
  if (!p.trlVersion) warnings.push(`TRL version unknown: showing TRL ${b.version} behaviour${p.assumedTrl ? ` (${p.assumedTrl.why})` : ''}`);
  if (p.completionOnlyLoss && !b.completionOnly) warnings.push(`completion_only_loss does not exist in TRL ${b.version} (added in 0.17): every token is trained`);
  if (p.assistantOnlyLoss && !b.assistantOnly) warnings.push(`assistant_only_loss does not exist in TRL ${b.version} (added in 0.19): every token is trained`);
  const masksDropped = !!ctx.plan.packing && b.packingDropsMasks && !unsloth;
  if (masksDropped && (p.assistantOnlyLoss || p.completionOnlyLoss !== false)) {
    warnings.push(`packing=True with TRL ${b.version} keeps only input_ids: completion and assistant masks are dropped, so every token is trained (fixed in 0.20)`);
  }
  const assistantOnly = !!p.assistantOnlyLoss && b.assistantOnly && !masksDropped;
  const templateHasGeneration = ctx.template ? hasGenerationBlock(ctx.template.source) : false;
  const swap = assistantOnly && b.trainingTemplateSwap && !templateHasGeneration ? trainingSpanFor(ctx) : undefined;
  if (assistantOnly && !templateHasGeneration) {
    if (swap) warnings.push('the chat template has no {% generation %} block: TRL swaps in its bundled training template (emulated from the template markers)');
    else if (b.trainingTemplateSwap) warnings.push('The chat template is not training-compatible (missing prefix-preservation or `{% generation %}` markers) and patching is not supported for this template (TRL raises ValueError)');
    else warnings.push("You're using `assistant_only_loss=True`, but at least one example has no assistant tokens: the chat template has no {% generation %} block (TRL raises RuntimeError)");
  }
  const padId = b.padMaskingById || unsloth ? planPadId(ctx, unsloth) : undefined;

  const completionOnly = (enc: EncodedRow) => !masksDropped && pc.completionOnly && enc.promptTokens !== undefined && (p.completionOnlyLoss ?? true);

  function assistantMask(enc: EncodedRow): boolean[] | undefined {
    if (!assistantOnly) return undefined;
    let ranges = enc.generationRanges;
    if (!enc.hasGenerationBlock && swap && enc.text !== undefined) ranges = emulatedRanges(enc.text, swap);
    return tokensInRanges(enc.starts, enc.texts, ranges);
  }

  return {
    encode(row) {
      const usePromptPath = row.prompt !== undefined && row.completion !== undefined && !row.inputIds;
      if (unsloth && !usePromptPath) return unslothEncode(row, ctx);
      // TRL ≥ 0.17 tokenizes `prompt + completion` for any row with a prompt (Unsloth only when both exist).
      if (!unsloth && b.promptNeedsCompletion && row.promptWithoutCompletion) {
        return { error: `KeyError: 'completion': TRL ${b.version} reads a row with a "prompt" column as prompt-completion data, and this row has no "completion"` };
      }
      if (assistantOnly && !row.messages && !(Array.isArray(row.prompt) && Array.isArray(row.completion))) {
        return { error: 'You set `assistant_only_loss=True`, but the dataset is not conversational (TRL raises ValueError)' };
      }
      return trlEncode(row, usePromptPath ? pc : b, ctx);
    },
    label(enc, ids) {
      // Unsloth routes rows with labels to DataCollatorForSeq2Seq; TRL ≥ 1.7 keeps a labels column as is.
      if (enc.labels && (unsloth || b.labelsVerbatim)) return ids.map((_, i) => enc.labels?.[i] ?? IGNORE_INDEX);
      const source = b.honoursLabels && enc.labels ? enc.labels : ids;
      const labels = padId !== undefined ? maskPadIds(ids, padId).map((l, i) => (l === IGNORE_INDEX ? l : source[i] ?? l)) : ids.map((id, i) => source[i] ?? id);
      if (completionOnly(enc) && enc.promptTokens !== undefined) for (let i = 0; i < Math.min(enc.promptTokens, labels.length); i++) labels[i] = IGNORE_INDEX;
      const mask = assistantMask(enc);
      if (mask) for (let i = 0; i < labels.length; i++) if (!mask[i]) labels[i] = IGNORE_INDEX;
      return labels;
    },
    explainUntrained(enc) {
      if (assistantOnly && !enc.hasGenerationBlock && !swap) return 'assistant_only_loss needs {% generation %} blocks in the chat template';
      if (b.dropsFullyMasked) return 'TRL ≥ 1.9 drops this row';
      return undefined;
    },
    maxLength: ctx.plan.maxLength ?? (unsloth ? UNSLOTH_DEFAULT_MAX_LENGTH : TRL_DEFAULT_MAX_LENGTH),
    padId,
    startPatterns: [],
    isSelective: (enc) => assistantOnly || completionOnly(enc),
    warnings,
  };
}
