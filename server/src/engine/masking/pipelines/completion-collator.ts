/**
 * TRL `DataCollatorForCompletionOnlyLM` (TRL 0.4 – 0.19; masking-spec §2.3). It extends
 * transformers' language-modeling collator, so pad ids are masked first, then the templates
 * are searched over the *labels*: single-template mode masks everything up to the end of
 * the last response match; instruction mode pairs instruction starts with response ends.
 */
import { IGNORE_INDEX, allIndicesOfSequence, maskPadIds } from '../sequence';
import type { MaskingPipeline } from '../types';
import { planPadId, type MarkerPattern, type Pipeline, type PipelineContext } from './pipeline';
import { trlBehaviour, trlEncode } from './trl-encode';
import { TRL_DEFAULT_MAX_LENGTH } from './trl-sft';
import { UNSLOTH_DEFAULT_MAX_LENGTH, unslothEncode } from './unsloth';

/** Labels of one row after the collator (single-template or instruction mode). */
export function completionOnlyLabels(base: readonly number[], response: readonly number[], instruction?: readonly number[]): { labels: number[]; missing?: 'response' | 'instruction' } {
  const labels = [...base];
  const responseEnds = allIndicesOfSequence(labels, response).map((i) => i + response.length);
  if (!instruction) {
    if (responseEnds.length === 0) return { labels: labels.fill(IGNORE_INDEX), missing: 'response' };
    const last = responseEnds[responseEnds.length - 1];
    for (let i = 0; i < last; i++) labels[i] = IGNORE_INDEX;
    return { labels };
  }
  let missing: 'response' | 'instruction' | undefined;
  if (responseEnds.length === 0) { labels.fill(IGNORE_INDEX); missing = 'response'; }
  const starts = allIndicesOfSequence(labels, instruction);
  if (starts.length === 0) { labels.fill(IGNORE_INDEX); missing ??= 'instruction'; }
  if (starts.length > 0 && responseEnds.length > 0 && starts[0] > responseEnds[0]) starts.unshift(0);
  const pairs = Math.min(starts.length, responseEnds.length);
  for (let k = 0; k < pairs; k++) {
    for (let i = k === 0 ? 0 : starts[k]; i < responseEnds[k]; i++) labels[i] = IGNORE_INDEX;
  }
  if (responseEnds.length < starts.length) for (let i = starts[starts.length - 1]; i < labels.length; i++) labels[i] = IGNORE_INDEX;
  return { labels, missing };
}

/** The `completion-only-collator` pipeline. */
export function completionOnlyCollator(p: Extract<MaskingPipeline, { kind: 'completion-only-collator' }>, ctx: PipelineContext): Pipeline {
  const b = trlBehaviour(p.trlVersion ?? '0.19.1');
  const unsloth = ctx.plan.unsloth ?? false;
  const warnings: string[] = [];
  if (p.trlVersion && !b.hasCompletionOnlyCollator) {
    warnings.push(`DataCollatorForCompletionOnlyLM was removed in TRL 0.20 (installed ${p.trlVersion}): \`from trl import DataCollatorForCompletionOnlyLM\` fails; use completion_only_loss / assistant_only_loss`);
  }
  const toIds = (t: string | number[]): MarkerPattern => (typeof t === 'string'
    ? { text: t, ids: ctx.tok.encode(t, false).map((s) => s.id) }
    : { text: ctx.tok.describe(t).map((s) => s.text).join(''), ids: t });
  if (ctx.plan.packing) {
    warnings.push('You passed a `DataCollatorForCompletionOnlyLM` to the SFTTrainer. This is not compatible with the `packing` argument. (ValueError in TRL 0.8–0.14; packed rows break the template search later)');
  }
  const response = toIds(p.responseTemplate);
  const instruction = p.instructionTemplate !== undefined ? toIds(p.instructionTemplate) : undefined;
  const padId = planPadId(ctx, unsloth);
  if (instruction && padId !== undefined && padId === ctx.eosId) {
    warnings.push('The pad_token_id and eos_token_id values of this tokenizer are identical. If you are planning for multi-turn training, it can result in the model continuously generating questions and answers without eos token. To avoid this, set the pad_token_id to a different value.');
  }
  if (padId !== undefined && response.ids.includes(padId)) {
    warnings.push(`the response template contains the pad id ${padId}, which is masked before the search: it can never match`);
  }
  return {
    encode: (row) => (unsloth ? unslothEncode(row, ctx) : trlEncode(row, b, ctx)),
    label(_enc, ids) {
      return completionOnlyLabels(maskPadIds(ids, padId), response.ids, instruction?.ids).labels;
    },
    explainUntrained(enc, ids) {
      const { missing } = completionOnlyLabels(maskPadIds(ids, padId), response.ids, instruction?.ids);
      if (!missing) return undefined;
      const t = missing === 'response' ? response : instruction!;
      const context = typeof (missing === 'response' ? p.responseTemplate : p.instructionTemplate) === 'string' && enc.text?.includes(t.text)
        ? ' (the string is in the text, but its tokens differ in context: encode it with its left context and pass the ids)'
        : '';
      return `Could not find ${missing} key \`${t.text}\` in this instance: it is ignored in loss calculation${context}`;
    },
    maxLength: ctx.plan.maxLength ?? (unsloth ? UNSLOTH_DEFAULT_MAX_LENGTH : TRL_DEFAULT_MAX_LENGTH),
    padId,
    startPatterns: [response],
    endPatterns: instruction ? [instruction] : [],
    isSelective: () => true,
    warnings,
  };
}
