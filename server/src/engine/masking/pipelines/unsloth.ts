/**
 * Unsloth: its dataset preparation (which replaces TRL's when Unsloth is imported) and
 * `train_on_responses_only` (unsloth_zoo/dataset_utils.py), per masking-spec §3.2 and §3.5.
 * Labels are built on token ids: the trained span starts right after each response-marker
 * match and ends just before the next instruction-marker match, or at the end of the row.
 */
import { compareVersions } from '../../env/versions';
import { markersFor, markersForTemplateSource } from '../../chat/markers';
import { encodeConversation, encodeIds, encodeText, type EncodedRow } from '../encode-row';
import { IGNORE_INDEX, indexOfSequence } from '../sequence';
import type { MaskingPipeline, PlanRow } from '../types';
import type { Pipeline, PipelineContext } from './pipeline';

/** Unsloth's default `max_seq_length` of `FastLanguageModel.from_pretrained`. */
export const UNSLOTH_DEFAULT_MAX_LENGTH = 2048;

function zooAtLeast(ctx: PipelineContext, version: string): boolean {
  const v = ctx.plan.unslothZooVersion;
  return v === undefined || compareVersions(v, version) >= 0;
}

/**
 * Tokenize a row as Unsloth's `sft_prepare_dataset` does: text as is, no EOS appended, and
 * (zoo ≥ 2025.3.2) no added special tokens when the text already starts with BOS or the
 * template spells the BOS out — the double-BOS guard.
 */
export function unslothEncode(row: PlanRow, ctx: PipelineContext): EncodedRow | { error: string } {
  if (row.inputIds) return withLabels(encodeIds(row.inputIds, ctx), row);
  const bos = ctx.tok.bosToken;
  const guard = (text: string) => zooAtLeast(ctx, '2025.3.2') && !!bos && (text.startsWith(bos) || !!ctx.template?.source.includes(bos));
  let messages = row.messages;
  if (!messages && Array.isArray(row.prompt) && Array.isArray(row.completion)) messages = [...row.prompt, ...row.completion];
  if (messages) {
    const enc = encodeConversation(messages, (text) => ctx.plan.addSpecialTokens ?? !guard(text), ctx, row.tools);
    return 'error' in enc ? enc : withLabels(enc, row);
  }
  const text = row.text ?? (typeof row.prompt === 'string' ? row.prompt + (typeof row.completion === 'string' ? row.completion : '') : undefined);
  if (text === undefined) return { error: 'row has no text, messages, prompt/completion or input_ids' };
  return withLabels(encodeText(text, ctx.plan.addSpecialTokens ?? !guard(text), ctx), row);
}

function withLabels(enc: EncodedRow, row: PlanRow): EncodedRow {
  if (row.labels) enc.labels = row.labels;
  return enc;
}

/** A marker as a token pattern: a required core plus optional neighbours (force_match=False). */
interface Pattern {
  text: string;
  core: number[];
  left: number[];
  right: number[];
}

function longestCommonRun(variants: number[][]): [number, number] {
  const base = variants[0];
  for (let len = base.length; len > 0; len--) {
    for (let s = 0; s + len <= base.length; s++) {
      const run = base.slice(s, s + len);
      if (variants.every((v) => indexOfSequence(v, run) >= 0)) return [s, s + len];
    }
  }
  return [0, 0];
}

/**
 * force_match=True: the marker tokenized alone (add_special_tokens=False) is the exact pattern.
 * force_match=False: nine variants with 0–2 extra copies of the edge whitespace; their longest
 * common run is the core, the rest of the plain tokenization is optional.
 */
function patternOf(text: string, ctx: PipelineContext, forceMatch: boolean): Pattern {
  const ids = (t: string) => ctx.tok.encode(t, false).map((s) => s.id);
  const plain = ids(text);
  if (forceMatch) return { text, core: plain, left: [], right: [] };
  const lead = /^\s+/.exec(text)?.[0] ?? '\n';
  const trail = /\s+$/.exec(text)?.[0] ?? '\n';
  const variants = [plain];
  for (let l = 0; l < 3; l++) for (let r = 0; r < 3; r++) if (l || r) variants.push(ids(lead.repeat(l) + text + trail.repeat(r)));
  const [s, e] = longestCommonRun(variants);
  return { text, core: plain.slice(s, e), left: plain.slice(0, s), right: plain.slice(e) };
}

/** Unsloth `train_on_responses_only` labels for one row. */
export function responsesOnlyLabels(ids: readonly number[], source: readonly number[], instr: Pattern, resp: Pattern, lastOnly: boolean): number[] {
  const spans: Array<[number, number]> = [];
  let pos = 0;
  for (;;) {
    const r = indexOfSequence(ids, resp.core, pos);
    if (r < 0) break;
    let start = r + resp.core.length;
    for (const opt of resp.right) { if (ids[start] === opt) start++; else break; }
    const n = indexOfSequence(ids, instr.core, start);
    let end = n < 0 ? ids.length : n;
    for (let k = instr.left.length - 1; k >= 0 && end > start && ids[end - 1] === instr.left[k]; k--) end--;
    if (end > start) spans.push([start, end]);
    if (n < 0) break;
    pos = n;
  }
  const labels = new Array<number>(ids.length).fill(IGNORE_INDEX);
  for (const [s, e] of lastOnly ? spans.slice(-1) : spans) for (let i = s; i < e; i++) labels[i] = source[i] ?? ids[i];
  return labels;
}

/** The `unsloth-responses-only` pipeline. */
export function unslothResponsesOnly(p: Extract<MaskingPipeline, { kind: 'unsloth-responses-only' }>, ctx: PipelineContext): Pipeline {
  const warnings: string[] = [];
  let instructionPart = p.instructionPart;
  let responsePart = p.responsePart;
  if ((instructionPart === undefined) !== (responsePart === undefined)) {
    warnings.push(zooAtLeast(ctx, '2026.6.7')
      ? 'Unsloth: Give both instruction_part and response_part, or neither to auto-detect! (train_on_responses_only raises)'
      : 'Unsloth: instruction_part and response_part must be given! (train_on_responses_only raises)');
  }
  if (instructionPart === undefined || responsePart === undefined) {
    const auto = ctx.template?.name ? markersFor(ctx.template.name) : ctx.template ? markersForTemplateSource(ctx.template.source) : undefined;
    if (auto) {
      instructionPart ??= auto.instructionPart;
      responsePart ??= auto.responsePart;
      if (p.instructionPart === undefined && p.responsePart === undefined && !zooAtLeast(ctx, '2026.6.7')) {
        warnings.push('unsloth-zoo before 2026.6.7 requires instruction_part and response_part; the preview uses the template\'s markers');
      }
    } else {
      warnings.push('cannot tell the instruction/response markers of this chat template: no span is trained');
    }
  }
  const forceMatch = p.forceMatch ?? zooAtLeast(ctx, '2025.3.9');
  const instr = instructionPart !== undefined ? patternOf(instructionPart, ctx, forceMatch) : undefined;
  const resp = responsePart !== undefined ? patternOf(responsePart, ctx, forceMatch) : undefined;
  for (const pat of [instr, resp]) {
    if (pat && pat.core.length === 0) warnings.push(`marker ${JSON.stringify(pat.text)} has no stable token sequence (Unsloth ≥ 2026.8.2 raises)`);
  }
  return {
    encode: (row) => unslothEncode(row, ctx),
    label(enc, ids) {
      if (!instr || !resp || resp.core.length === 0) return ids.map(() => IGNORE_INDEX);
      return responsesOnlyLabels(ids, enc.labels ?? ids, instr, resp, p.lastResponseOnly ?? false);
    },
    explainUntrained(enc, ids) {
      if (!resp || resp.core.length === 0) return undefined;
      if (indexOfSequence(ids, resp.core) >= 0) return undefined;
      const inText = enc.text?.includes(resp.text) ?? false;
      return inText
        ? `response marker ${JSON.stringify(resp.text)} is in the text but its tokens differ in context (merged with neighbouring characters)`
        : `response marker ${JSON.stringify(resp.text)} not found: does it match the chat template?`;
    },
    maxLength: ctx.plan.maxLength ?? UNSLOTH_DEFAULT_MAX_LENGTH,
    startPatterns: resp ? [{ text: resp.text, ids: resp.core }] : [],
    endPatterns: instr ? [{ text: instr.text, ids: instr.core }] : [],
    isSelective: () => true,
    warnings,
  };
}
