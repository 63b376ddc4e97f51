/**
 * Turns a dataset row into token ids the way a training pipeline does before labels exist:
 * render conversations with the chat template, tokenize with or without special tokens,
 * and remember where each message's content and each `{% generation %}` block landed.
 */
import { renderChat, type CharRange, type ChatMessage } from '../chat/render';
import type { TemplateMarkers } from '../chat/markers';
import type { TextTokenizer } from './types';

/** Where a message's content sits in the rendered text. */
export interface ContentRange {
  role: string;
  /** Index of the message in the row's conversation. */
  index: number;
  start: number;
  end: number;
}

/** A row as token ids, before labels. */
export interface EncodedRow {
  ids: number[];
  texts: string[];
  /** Character offset of each token in `text` (tokens the tokenizer inserted get the offset they sit at). */
  starts: number[];
  /** The text that was tokenized, when there was one. */
  text?: string;
  /** Conversation rows: message contents in `text`. */
  contentRanges: ContentRange[];
  /** Characters emitted inside `{% generation %}` blocks. */
  generationRanges: CharRange[];
  hasGenerationBlock: boolean;
  /** Prompt-completion rows: tokens belonging to the prompt (completion_mask boundary). */
  promptTokens?: number;
  /** Role of the last message, for conversation rows. */
  lastRole?: string;
  /** Pre-computed labels carried by the row. */
  labels?: number[];
  /** Per-sample notes found while encoding. */
  notes: string[];
}

/** What the encoder needs: the tokenizer, the active template and the effective special tokens. */
export interface EncodeContext {
  tok: TextTokenizer;
  template?: { source: string; name?: string };
  markers?: TemplateMarkers;
  /** EOS after `get_chat_template` (may differ from the tokenizer's, e.g. chatml → `<|im_end|>`). */
  eosToken?: string;
  variables?: Record<string, unknown>;
}

/** Tokenize `text`, keeping each token's offset in it. */
export function encodeText(text: string, addSpecialTokens: boolean, ctx: EncodeContext): EncodedRow {
  const spans = ctx.tok.encode(text, addSpecialTokens);
  const starts: number[] = [];
  let pos = 0;
  for (const s of spans) {
    starts.push(pos);
    if (s.text && text.startsWith(s.text, pos)) pos += s.text.length;
  }
  return {
    ids: spans.map((s) => s.id),
    texts: spans.map((s) => s.text),
    starts,
    text,
    contentRanges: [],
    generationRanges: [],
    hasGenerationBlock: false,
    notes: [],
  };
}

/** Pre-tokenized ids, spelled out. */
export function encodeIds(ids: readonly number[], ctx: EncodeContext): EncodedRow {
  const spans = ctx.tok.describe(ids);
  const starts: number[] = [];
  let pos = 0;
  for (const s of spans) { starts.push(pos); pos += s.text.length; }
  return {
    ids: [...ids], texts: spans.map((s) => s.text), starts,
    contentRanges: [], generationRanges: [], hasGenerationBlock: false, notes: [],
  };
}

export type Rendered =
  | { ok: true; text: string; contentRanges: ContentRange[]; generationRanges: CharRange[]; hasGenerationBlock: boolean }
  | { ok: false; error: string };

/** Render a conversation with the active template (`apply_chat_template(tokenize=False)`). */
export function renderConversation(messages: readonly ChatMessage[], ctx: EncodeContext, addGenerationPrompt: boolean, tools?: unknown[]): Rendered {
  if (!ctx.template) return { ok: false, error: 'no chat template: the tokenizer has none and the script sets none' };
  const r = renderChat(ctx.template.source, messages, {
    bosToken: ctx.tok.bosToken,
    eosToken: ctx.eosToken ?? ctx.tok.eosToken,
    padToken: ctx.tok.padToken,
    unkToken: ctx.tok.unkToken,
    addGenerationPrompt,
    tools,
    variables: ctx.variables,
  });
  if (!r.ok) return { ok: false, error: r.error };
  return { ok: true, text: r.text, contentRanges: locateContents(r.text, messages), generationRanges: r.generationRanges, hasGenerationBlock: r.hasGenerationBlock };
}

/** Find each message's (trimmed) content in the rendered text, in order. */
function locateContents(text: string, messages: readonly ChatMessage[]): ContentRange[] {
  const out: ContentRange[] = [];
  let cursor = 0;
  messages.forEach((m, index) => {
    if (typeof m.content !== 'string') return;
    const needle = m.content.trim();
    if (!needle) return;
    const at = text.indexOf(needle, cursor);
    if (at < 0) return;
    out.push({ role: m.role, index, start: at, end: at + needle.length });
    cursor = at + needle.length;
  });
  return out;
}

/** Render then tokenize a conversation; `addSpecialTokens` may decide from the rendered text. */
export function encodeConversation(
  messages: readonly ChatMessage[],
  addSpecialTokens: boolean | ((rendered: string) => boolean),
  ctx: EncodeContext,
  tools?: unknown[],
): EncodedRow | { error: string } {
  const r = renderConversation(messages, ctx, false, tools);
  if (!r.ok) return { error: r.error };
  const add = typeof addSpecialTokens === 'function' ? addSpecialTokens(r.text) : addSpecialTokens;
  const enc = encodeText(r.text, add, ctx);
  enc.contentRanges = r.contentRanges;
  enc.generationRanges = r.generationRanges;
  enc.hasGenerationBlock = r.hasGenerationBlock;
  enc.lastRole = messages[messages.length - 1]?.role;
  return enc;
}

/** Append one token id (TRL 0.16 appends the EOS id when the row does not already end with it). */
export function appendIdIfMissing(enc: EncodedRow, id: number | undefined, text: string): void {
  if (id === undefined || enc.ids[enc.ids.length - 1] === id) return;
  enc.ids.push(id);
  enc.texts.push(text);
  enc.starts.push(enc.text?.length ?? 0);
}
