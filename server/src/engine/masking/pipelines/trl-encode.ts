/**
 * How TRL's `SFTTrainer` turns rows into token ids, by version (masking-spec §2.1): which
 * rows get special tokens (double BOS in 0.8 and 0.15–0.16), EOS appending (id in 0.16,
 * string for non-conversational rows from 0.17), and the prompt/completion boundary.
 */
import { compareVersions } from '../../env/versions';
import type { ChatMessage } from '../../chat/render';
import { appendIdIfMissing, encodeConversation, encodeIds, encodeText, renderConversation, type EncodedRow } from '../encode-row';
import { indexOfSequence } from '../sequence';
import type { PlanRow } from '../types';
import type { PipelineContext } from './pipeline';

/** The newest TRL behaviour modelled; used when the version is unknown. */
export const LATEST_TRL = '1.9.0';

/** Version-dependent facts of TRL's SFT data path. */
export interface TrlBehaviour {
  version: string;
  /** Conversations rendered to text, then tokenized with special tokens (double BOS). */
  chatWithSpecialTokens: boolean;
  /** EOS appended to non-conversational text/completions: none, the id (0.16), or the string (0.17+). */
  textEos: 'none' | 'id' | 'string';
  /** 0.16 appends the EOS id to every tokenized row (conversational ones too). */
  appendsEosId: boolean;
  /** ≤ 0.15: transformers collator masks by pad id; 0.16+: by position (harmless for single rows). */
  padMaskingById: boolean;
  /** A `labels` column is used (0.19+); before, it is ignored or overwritten. */
  honoursLabels: boolean;
  /** 1.7+: a supplied `labels` column is kept as is (no masks applied on top). */
  labelsVerbatim: boolean;
  /** `completion_only_loss` exists (0.17+). */
  completionOnly: boolean;
  /** 0.17+: any row with `prompt` takes the prompt-completion path and reads `completion` (KeyError without it). */
  promptNeedsCompletion: boolean;
  /** ≤ 0.16: prompt-completion rows are concatenated and trained in full. */
  promptCompletionInFull: boolean;
  /** The conversational prompt is rendered with `add_generation_prompt=True` (0.17–0.18, 0.24+). */
  promptWithGenerationPrompt: boolean;
  /** `assistant_only_loss` exists (0.19+). */
  assistantOnly: boolean;
  /** 1.1+: a bundled training template is swapped in when generation markers are missing. */
  trainingTemplateSwap: boolean;
  /** 1.9+: rows whose labels are all -100 are dropped after truncation. */
  dropsFullyMasked: boolean;
  /** 0.17–0.19: `packing=True` keeps only `input_ids`, silently dropping completion/assistant masks. */
  packingDropsMasks: boolean;
  /** `DataCollatorForCompletionOnlyLM` still exists (< 0.20). */
  hasCompletionOnlyCollator: boolean;
}

/** TRL's behaviour at `version` (unknown → the newest we model). */
export function trlBehaviour(version: string | undefined): TrlBehaviour {
  const v = version ?? LATEST_TRL;
  const ge = (x: string) => compareVersions(v, x) >= 0;
  return {
    version: v,
    chatWithSpecialTokens: !ge('0.9') || (ge('0.15') && !ge('0.17')),
    textEos: ge('0.17') ? 'string' : ge('0.16') ? 'id' : 'none',
    appendsEosId: ge('0.16') && !ge('0.17'),
    padMaskingById: !ge('0.16'),
    honoursLabels: ge('0.19'),
    labelsVerbatim: ge('1.7'),
    completionOnly: ge('0.17'),
    promptNeedsCompletion: ge('0.17'),
    promptCompletionInFull: !ge('0.17'),
    promptWithGenerationPrompt: (ge('0.17') && !ge('0.19')) || ge('0.24'),
    assistantOnly: ge('0.19'),
    trainingTemplateSwap: ge('1.1'),
    dropsFullyMasked: ge('1.9'),
    packingDropsMasks: ge('0.17') && !ge('0.20'),
    hasCompletionOnlyCollator: !ge('0.20'),
  };
}

function appendEosString(text: string, eos: string | undefined): string {
  return eos && !text.endsWith(eos) ? text + eos : text;
}

function isConversation(x: unknown): x is ChatMessage[] {
  return Array.isArray(x);
}

/** Tokenize a prompt-completion row and record the prompt boundary (TRL 0.17+). */
function encodePromptCompletion(row: PlanRow, b: TrlBehaviour, ctx: PipelineContext): EncodedRow | { error: string } {
  const { prompt, completion } = row;
  if (isConversation(prompt) && isConversation(completion)) {
    const p = renderConversation(prompt, ctx, b.promptWithGenerationPrompt, row.tools);
    if (!p.ok) return { error: p.error };
    const full = encodeConversation([...prompt, ...completion], false, ctx, row.tools);
    if ('error' in full) return full;
    return withBoundary(full, encodeText(p.text, false, ctx).ids);
  }
  if (typeof prompt === 'string' && typeof completion === 'string') {
    const eos = ctx.eosToken ?? ctx.tok.eosToken;
    const full = encodeText(prompt + appendEosString(completion, eos), true, ctx);
    return withBoundary(full, encodeText(prompt, true, ctx).ids);
  }
  return { error: 'prompt and completion must both be strings or both be message lists' };
}

function withBoundary(full: EncodedRow, promptIds: number[]): EncodedRow {
  full.promptTokens = promptIds.length;
  if (indexOfSequence(full.ids, promptIds) !== 0) {
    full.notes.push('Mismatch between tokenized prompt and the start of tokenized prompt+completion (TRL warns; the completion mask starts at the prompt length anyway)');
  }
  return full;
}

/** Tokenize a row as `SFTTrainer` of the given behaviour does (without Unsloth). */
export function trlEncode(row: PlanRow, b: TrlBehaviour, ctx: PipelineContext): EncodedRow | { error: string } {
  const eos = ctx.eosToken ?? ctx.tok.eosToken;
  let enc: EncodedRow | { error: string };
  if (row.inputIds) {
    enc = encodeIds(row.inputIds, ctx);
  } else if (row.prompt !== undefined && row.completion !== undefined) {
    if (!b.promptCompletionInFull) {
      enc = encodePromptCompletion(row, b, ctx);
    } else if (isConversation(row.prompt) && isConversation(row.completion)) {
      enc = encodeConversation([...row.prompt, ...row.completion], b.chatWithSpecialTokens, ctx, row.tools);
    } else {
      enc = encodeText(String(row.prompt) + String(row.completion), true, ctx);
    }
  } else if (row.messages) {
    enc = encodeConversation(row.messages, ctx.plan.addSpecialTokens ?? b.chatWithSpecialTokens, ctx, row.tools);
  } else if (row.text !== undefined) {
    const text = b.textEos === 'string' ? appendEosString(row.text, eos) : row.text;
    enc = encodeText(text, ctx.plan.addSpecialTokens ?? true, ctx);
  } else {
    return { error: 'row has no text, messages, prompt/completion or input_ids' };
  }
  if ('error' in enc) return enc;
  // 0.16 appends the EOS id to every tokenized example that does not already end with it.
  if (b.appendsEosId && !row.inputIds) appendIdIfMissing(enc, ctx.eosId, eos ?? '');
  if (row.labels) enc.labels = row.labels;
  return enc;
}
