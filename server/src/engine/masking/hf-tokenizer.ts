/**
 * `TextTokenizer` over a real `tokenizer.json` + `tokenizer_config.json`, using
 * @huggingface/tokenizers (pure JS; ids identical to the Rust tokenizers for the families we
 * test). Building one takes 0.2–0.5 s and 30–80 MB from BPE tables (bpe-tables.ts), 0.7–3.7 s and
 * 160–250 MB the plain way, so instances are made only by `TokenizerStore`, lazily, and cached there.
 */
import type { Tokenizer } from '@huggingface/tokenizers';
import { installBpeTables, type BpeTables } from './bpe-tables';
import { pieceSchemeOf, pieceTexts, type PieceScheme } from './piece-text';
import { addedTokenEntries, type AddedTokenJson } from './tokenizer-edit';
import type { AddedTokenSpec, TextTokenizer, TokenizerEdit, TokenSpan } from './types';

/** The parts of `tokenizer_config.json` the preview reads. */
export interface TokenizerConfigJson {
  bos_token?: unknown;
  eos_token?: unknown;
  pad_token?: unknown;
  unk_token?: unknown;
  chat_template?: unknown;
  [key: string]: unknown;
}

interface TokenizerJson {
  added_tokens?: AddedTokenJson[];
  decoder?: { type?: string } | null;
  pre_tokenizer?: { type?: string } | null;
  [key: string]: unknown;
}

/** A special token as `tokenizer_config.json` spells it: a string or an AddedToken dict. */
export function specialTokenText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { content?: unknown }).content === 'string') {
    return (value as { content: string }).content;
  }
  return undefined;
}

/** The default chat template of a config: a string, or the `default` entry of a named list. */
export function chatTemplateOf(config: TokenizerConfigJson): string | undefined {
  const t = config.chat_template;
  if (typeof t === 'string') return t;
  if (Array.isArray(t)) {
    const entries = t as Array<{ name?: string; template?: string }>;
    return (entries.find((e) => e.name === 'default') ?? entries[0])?.template;
  }
  return undefined;
}

export interface HfTokenizerFiles {
  tokenizerJson: unknown;
  config: TokenizerConfigJson;
  /** `special_tokens_map.json`, used when the config lacks a special token. */
  specialTokensMap?: Record<string, unknown>;
  /** `chat_template.jinja`, which wins over the config's template (newer models). */
  chatTemplateFile?: string;
  /**
   * The BPE vocabulary and merges as tables over the file's bytes (bpe-tables.ts); `tokenizerJson`
   * is then the rest of the file, without them.
   */
  bpeTables?: BpeTables;
  /** How the files were read: parsed (`json`), scanned into tables, or tables from the derived cache. */
  origin?: 'json' | 'bpe-scan' | 'bpe-cache';
}

const MAX_CACHED = 512;
const MAX_CACHED_CHARS = 65536;

export class HfTextTokenizer implements TextTokenizer {
  readonly approximate = false;
  readonly bosToken?: string;
  readonly eosToken?: string;
  readonly padToken?: string;
  readonly unkToken?: string;
  readonly chatTemplate?: string;
  /** How the tokenizer was loaded (HfTokenizerFiles.origin). */
  readonly origin: NonNullable<HfTokenizerFiles['origin']>;
  private readonly tokenizer: Tokenizer;
  private readonly scheme: PieceScheme;
  private readonly addedIds: Set<number>;
  /** Recent encodings: re-rendering a preview re-tokenizes the same rows and markers. */
  private readonly recent = new Map<string, TokenSpan[]>();
  /** The files it was built from (the library keeps the same JSON), for `withEdit`. */
  private readonly files: HfTokenizerFiles;
  /** Tokenizers made by `withEdit`, by edit (a preview re-renders with the same one). */
  private readonly edits = new Map<string, HfTextTokenizer>();

  /** Builds the tokenizer (slow: seconds for large vocabularies). Throws on invalid files. */
  constructor(readonly source: string, files: HfTokenizerFiles) {
    const json = files.tokenizerJson as TokenizerJson;
    if (!json || typeof json !== 'object' || !json.model) throw new Error('tokenizer.json has no "model" section');
    this.files = files;
    this.origin = files.origin ?? 'json';
    this.scheme = pieceSchemeOf(json);
    this.addedIds = new Set((json.added_tokens ?? []).map((t) => t.id));
    const pick = (key: string) => specialTokenText(files.config[key]) ?? specialTokenText(files.specialTokensMap?.[key]);
    this.bosToken = pick('bos_token');
    this.eosToken = pick('eos_token');
    this.padToken = pick('pad_token');
    this.unkToken = pick('unk_token');
    this.chatTemplate = files.chatTemplateFile ?? chatTemplateOf(files.config);
    const { Tokenizer: HfTokenizer } = require('@huggingface/tokenizers') as typeof import('@huggingface/tokenizers');
    this.tokenizer = new HfTokenizer(json, files.config);
    if (files.bpeTables) installBpeTables(this.tokenizer, files.bpeTables);
  }

  /** The @huggingface/tokenizers instance (its splitter and pre-tokenizer, for piece-cache.ts). */
  get library(): unknown {
    return this.tokenizer;
  }

  encode(text: string, addSpecialTokens: boolean): TokenSpan[] {
    const key = (addSpecialTokens ? '1' : '0') + text;
    const hit = this.recent.get(key);
    if (hit) {
      this.recent.delete(key);
      this.recent.set(key, hit);
      return hit.map((s) => ({ ...s }));
    }
    const enc = this.tokenizer.encode(text, { add_special_tokens: addSpecialTokens });
    const literal = enc.ids.map((id) => this.addedIds.has(id));
    const { texts } = pieceTexts(enc.tokens, literal, this.scheme, text);
    const spans = enc.ids.map((id, i) => ({ id, text: texts[i] }));
    if (text.length <= MAX_CACHED_CHARS) {
      this.recent.set(key, spans);
      if (this.recent.size > MAX_CACHED) this.recent.delete(this.recent.keys().next().value as string);
    }
    return spans.map((s) => ({ ...s }));
  }

  describe(ids: readonly number[]): TokenSpan[] {
    const pieces = ids.map((id) => this.tokenizer.id_to_token(id) ?? '');
    const { texts } = pieceTexts(pieces, ids.map((id) => this.addedIds.has(id)), this.scheme);
    return ids.map((id, i) => ({ id, text: texts[i] }));
  }

  tokenId(token: string): number | undefined {
    return this.tokenizer.token_to_id(token);
  }

  get addedTokens(): AddedTokenSpec[] {
    const json = this.files.tokenizerJson as TokenizerJson;
    return [...(json.added_tokens ?? [])].sort((x, y) => x.id - y.id).map((t) => ({
      content: t.content, special: !!t.special, lstrip: !!t.lstrip, rstrip: !!t.rstrip, singleWord: !!t.single_word, normalized: !!t.normalized,
    }));
  }

  /**
   * The tokenizer after `edit`: built again from the same files (the BPE tables are shared, so this costs little)
   * with the edit's tokens in tokenizer.json's `added_tokens`, where the library matches them as the Rust
   * tokenizers do, and the edit's special tokens and template in place of the config's.
   */
  withEdit(edit: TokenizerEdit): TextTokenizer {
    const key = JSON.stringify(edit);
    const hit = this.edits.get(key);
    if (hit) return hit;
    const json = this.files.tokenizerJson as TokenizerJson;
    const existing = json.added_tokens ?? [];
    const lib = this.tokenizer as unknown as { model?: { vocab?: unknown } };
    // The model's own vocabulary: the tables' count, else the library's id → token array.
    const modelSize = this.files.bpeTables?.vocab.size ?? (Array.isArray(lib.model?.vocab) ? lib.model.vocab.length : 0);
    const entries = addedTokenEntries(existing, edit, (t) => this.tokenId(t), modelSize).map((e) => ({
      id: e.id, content: e.content, single_word: !!e.singleWord, lstrip: !!e.lstrip, rstrip: !!e.rstrip, normalized: !!e.normalized, special: e.special,
    }));
    const config: TokenizerConfigJson = { ...this.files.config };
    if (edit.bosToken !== undefined) config.bos_token = edit.bosToken;
    if (edit.eosToken !== undefined) config.eos_token = edit.eosToken;
    if (edit.padToken !== undefined) config.pad_token = edit.padToken;
    const edited = new HfTextTokenizer(this.source, {
      ...this.files,
      tokenizerJson: { ...json, added_tokens: entries },
      config,
      chatTemplateFile: edit.chatTemplate ?? this.files.chatTemplateFile ?? chatTemplateOf(this.files.config),
    });
    if (this.edits.size >= 4) this.edits.delete(this.edits.keys().next().value as string);
    this.edits.set(key, edited);
    return edited;
  }
}
