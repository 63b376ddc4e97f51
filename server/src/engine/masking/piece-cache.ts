/**
 * A faster `encode` for byte-level BPE tokenizers (Llama 3, Qwen, GPT-style) when many rows are
 * tokenized (the dataset report): the text is cut exactly where @huggingface/tokenizers cuts it —
 * its own added-token splitter, then the `Split` pre-tokenizer's regex — and each piece's tokens
 * come from a cache, filled by tokenizing the piece alone. That is the library's own result: BPE
 * and the byte-level mapping work on each pre-token independently, so the tokens of a text are
 * the tokens of its pieces in order. Used only when the tokenizer has exactly that shape (checked
 * from tokenizer.json): no normalizer, or NFC on text that is already NFC; no lstrip/rstrip or
 * normalized added tokens; `Sequence[Split(Isolated), ByteLevel(use_regex=false)]`.
 * Anything else, or a piece that does not split to itself, goes through the full `encode`; the first
 * 64 texts are also encoded in full and any difference switches the cache off.
 */
import type { HfTextTokenizer } from './hf-tokenizer';
import { editTokenizer, specialTokensAround } from './tokenizer-edit';
import type { AddedTokenSpec, TextTokenizer, TokenizerEdit, TokenSpan } from './types';

interface Library {
  splitter_unnormalized: { split(text: string): string[] };
  added_tokens_map: Map<string, { id: number; content: string; lstrip?: boolean; rstrip?: boolean; normalized?: boolean }>;
  normalizer: unknown;
  pre_tokenizer: { tokenizers?: Array<{ pattern?: RegExp | null; config?: { type?: string; behavior?: string; invert?: boolean; use_regex?: boolean } }> } | null;
  remove_space?: boolean;
  do_lowercase_and_remove_accent?: boolean;
}

/** Same as the library's `regex_split` (isolated matches and the text between them). */
function regexSplit(text: string, regex: RegExp): string[] {
  const out: string[] = [];
  let prev = 0;
  for (const m of text.matchAll(regex)) {
    if (prev < m.index!) out.push(text.slice(prev, m.index));
    if (m[0].length > 0) out.push(m[0]);
    prev = m.index! + m[0].length;
  }
  if (prev < text.length) out.push(text.slice(prev));
  return out;
}

const MAX_PIECES = 200_000;

export class PieceCachedTokenizer implements TextTokenizer {
  readonly approximate = false;
  readonly source: string;
  readonly bosToken?: string;
  readonly eosToken?: string;
  readonly padToken?: string;
  readonly unkToken?: string;
  readonly chatTemplate?: string;
  private readonly pieces = new Map<string, TokenSpan[]>();
  private readonly prefix: TokenSpan[];
  private readonly suffix: TokenSpan[];

  private constructor(private readonly inner: HfTextTokenizer, private readonly lib: Library, private readonly pattern: RegExp, private readonly nfc: boolean) {
    this.source = inner.source;
    this.bosToken = inner.bosToken;
    this.eosToken = inner.eosToken;
    this.padToken = inner.padToken;
    this.unkToken = inner.unkToken;
    this.chatTemplate = inner.chatTemplate;
    ({ prefix: this.prefix, suffix: this.suffix } = specialTokensAround(inner));
  }

  /** The cached encoder for `tok`, or `tok` itself when its shape is not the one this handles. */
  static wrap(tok: TextTokenizer): TextTokenizer {
    const lib = (tok as Partial<HfTextTokenizer>).library as Library | undefined;
    if (!lib) return tok;
    const seq = lib.pre_tokenizer?.tokenizers;
    const split = seq?.[0];
    const byteLevel = seq?.[1];
    const nfc = lib.normalizer !== null && (lib.normalizer as { config?: { type?: string } })?.config?.type === 'NFC';
    const shapeOk = seq?.length === 2 && split?.config?.type === 'Split' && split.config.behavior === 'Isolated' && split.config.invert === false
      && split.pattern instanceof RegExp && split.pattern.global && byteLevel?.config?.type === 'ByteLevel' && byteLevel.config.use_regex === false
      && (lib.normalizer === null || nfc) && !lib.remove_space && !lib.do_lowercase_and_remove_accent
      && [...lib.added_tokens_map.values()].every((t) => !t.lstrip && !t.rstrip && !(t.normalized && lib.normalizer !== null));
    if (!shapeOk) return tok;
    return new PieceCachedTokenizer(tok as HfTextTokenizer, lib, split.pattern as RegExp, nfc);
  }

  /** Encodes left to check against the full encode (self-check; any difference switches the cache off). */
  private checks = 64;
  private off = false;

  encode(text: string, addSpecialTokens: boolean): TokenSpan[] {
    if (this.off) return this.inner.encode(text, addSpecialTokens);
    const fast = this.encodeByPieces(text, addSpecialTokens);
    if (this.checks > 0) {
      this.checks--;
      const full = this.inner.encode(text, addSpecialTokens);
      if (full.length !== fast.length || full.some((s, i) => s.id !== fast[i].id || s.text !== fast[i].text)) { this.off = true; return full; }
    }
    return fast;
  }

  private encodeByPieces(text: string, addSpecialTokens: boolean): TokenSpan[] {
    const out: TokenSpan[] = addSpecialTokens ? this.prefix.map((s) => ({ ...s })) : [];
    for (const section of this.lib.splitter_unnormalized.split(text)) {
      if (!section) continue;
      const added = this.lib.added_tokens_map.get(section);
      if (added) { out.push({ id: added.id, text: section }); continue; }
      if (this.nfc && section.normalize('NFC') !== section) return this.inner.encode(text, addSpecialTokens);
      for (const piece of regexSplit(section, this.pattern)) {
        let spans = this.pieces.get(piece);
        if (!spans) {
          if (regexSplit(piece, this.pattern).length !== 1) return this.inner.encode(text, addSpecialTokens);
          spans = this.inner.encode(piece, false);
          if (this.pieces.size >= MAX_PIECES) this.pieces.clear();
          this.pieces.set(piece, spans);
        }
        for (const s of spans) out.push({ id: s.id, text: s.text });
      }
    }
    if (addSpecialTokens) for (const s of this.suffix) out.push({ ...s });
    return out;
  }

  describe(ids: readonly number[]): TokenSpan[] {
    return this.inner.describe(ids);
  }

  tokenId(token: string): number | undefined {
    return this.inner.tokenId(token);
  }

  get addedTokens(): readonly AddedTokenSpec[] | undefined {
    return this.inner.addedTokens;
  }

  /** The edited tokenizer, cached by pieces again when its shape allows (its added tokens are the library's). */
  withEdit(edit: TokenizerEdit): TextTokenizer {
    return PieceCachedTokenizer.wrap(editTokenizer(this.inner, edit));
  }
}
