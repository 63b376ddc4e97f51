/**
 * Per-sample findings of the masking preview (masking-spec §5 and §6.7): zero trained
 * tokens, final EOS / end-of-turn not trained, double BOS, a marker matched inside user
 * text, non-assistant text trained, assistant header trained, responses cut by truncation,
 * trained pad tokens.
 */
import type { TemplateMarkers } from '../chat/markers';
import type { EncodedRow } from './encode-row';
import type { Pipeline } from './pipelines/pipeline';
import { IGNORE_INDEX, allIndicesOfSequence, indexOfSequence } from './sequence';

export interface SampleFacts {
  enc: EncodedRow;
  /** Ids after truncation and their effective labels (position 0 already -100). */
  ids: readonly number[];
  labels: readonly number[];
  /** Effective labels of the untruncated row (same as `labels` when not truncated). */
  fullLabels: readonly number[];
  truncated: boolean;
  maxLength?: number;
  pipeline: Pipeline;
  markers?: TemplateMarkers;
  bosId?: number;
  eosId?: number;
  /** Ids that end a turn: EOS and the template's end-of-turn token. */
  stopIds: ReadonlySet<number>;
  /** The pad id of the run (the collator's, else the tokenizer's). */
  padId?: number;
  /** The template's assistant header as ids (for the header-trained check). */
  responseIds?: readonly number[];
}

const trainedCount = (labels: readonly number[]) => labels.filter((l) => l !== IGNORE_INDEX).length;

function show(text: string): string {
  return JSON.stringify(text);
}

/** Warnings for one previewed sample. */
export function sampleWarnings(f: SampleFacts): string[] {
  const out: string[] = [...f.enc.notes];
  const { ids, labels, enc } = f;
  const trained = trainedCount(labels);
  const fullTrained = trainedCount(f.fullLabels);

  if (trained === 0) {
    const why = fullTrained > 0 ? `truncation at max_length ${f.maxLength} removed every trained token` : f.pipeline.explainUntrained?.(enc, ids);
    out.push(`no trained tokens: this sample adds nothing to the loss (0, or NaN if the whole batch is masked)${why ? `; ${why}` : ''}`);
  } else if (f.truncated && fullTrained > trained) {
    out.push(`response cut by truncation at max_length ${f.maxLength} (row has ${enc.ids.length} tokens): ${fullTrained - trained} trained tokens lost`);
  }

  if (f.bosId !== undefined && ids.length > 1 && ids[0] === f.bosId && ids[1] === f.bosId) {
    out.push(`double BOS: ${show(enc.texts[0])} at positions 0 and 1 (rendered text that already has BOS was tokenized with add_special_tokens=True)`);
  }

  const endsWithAssistant = enc.lastRole === undefined || enc.lastRole === 'assistant' || enc.lastRole === 'model';
  if (trained > 0 && endsWithAssistant) {
    let last = -1;
    for (let i = ids.length - 1; i >= 0 && last < 0; i--) if (f.stopIds.has(ids[i])) last = i;
    if (last >= 0 && labels[last] === IGNORE_INDEX) {
      out.push(`final end-of-turn ${show(enc.texts[last])} (position ${last}) is not trained: the model may not learn to stop`);
    } else if (last < 0 && !f.truncated) {
      out.push('no EOS or end-of-turn token in this sample: the model never sees where a response ends');
    }
  }

  const flagged = new Set<number>();
  for (const pattern of f.pipeline.startPatterns) {
    for (const at of allIndicesOfSequence(ids, pattern.ids)) {
      const pos = enc.starts[at];
      const range = enc.contentRanges.find((r) => r.role !== 'assistant' && pos >= r.start && pos < r.end);
      if (range && !flagged.has(range.index)) {
        flagged.add(range.index);
        out.push(`marker ${show(pattern.text)} found inside the ${range.role} message #${range.index}: a trained span starts there`);
      }
    }
  }

  for (const pattern of f.pipeline.endPatterns ?? []) {
    for (const at of allIndicesOfSequence(ids, pattern.ids)) {
      const pos = enc.starts[at];
      const range = enc.contentRanges.find((r) => r.role === 'assistant' && pos >= r.start && pos < r.end);
      if (range && !flagged.has(range.index)) {
        flagged.add(range.index);
        out.push(`marker ${show(pattern.text)} found inside the assistant message #${range.index}: its trained span ends there`);
      }
    }
  }

  if (f.pipeline.isSelective(enc)) {
    for (const r of enc.contentRanges) {
      if (r.role === 'assistant' || flagged.has(r.index)) continue;
      const hit = ids.some((_, i) => labels[i] !== IGNORE_INDEX && enc.starts[i] < r.end && enc.starts[i] + enc.texts[i].length > r.start);
      if (hit) out.push(`text of the ${r.role} message #${r.index} is trained`);
    }
    if (f.responseIds && f.responseIds.length > 0) {
      const at = indexOfSequence(ids, f.responseIds);
      if (at > 0 && f.responseIds.every((_, k) => labels[at + k] !== IGNORE_INDEX)) {
        out.push(`the assistant header ${show(f.markers?.responsePart ?? '')} is trained`);
      }
    }
  }

  const padId = f.padId;
  if (padId !== undefined) {
    let start = ids.length;
    while (start > 0 && ids[start - 1] === padId) start--;
    if (padId === f.eosId && start < ids.length) start++; // the first one is the real EOS
    let count = 0;
    for (let i = start; i < ids.length; i++) if (labels[i] !== IGNORE_INDEX) count++;
    if (count > 0) out.push(`${count} trailing pad tokens are trained`);
  }
  return out;
}
