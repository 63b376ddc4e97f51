/**
 * A tokenizer after a call of the script changed it: tokens added to the vocabulary (each becomes one token, with
 * the id the tokenizers library gives it), new BOS/EOS/pad tokens, a new chat template (TRL's
 * `setup_chat_format` and `clone_chat_template`: tokenizer-setup.ts).
 *
 * A real tokenizer (hf-tokenizer.ts) is built again with the tokens in tokenizer.json's `added_tokens`, so
 * @huggingface/tokenizers splits the text at them exactly as it does at the file's own added tokens. Any other
 * tokenizer (the piece-level approximation) is wrapped: the text is split at the added tokens (leftmost, longest
 * first, as the library's `AddedVocabulary` does), each piece is tokenized alone without special tokens, and the
 * special tokens the tokenizer adds around a text (its post-processor: BOS before, sometimes EOS after) are put
 * around the whole.
 */
import type { AddedTokenSpec, TextTokenizer, TokenizerEdit, TokenSpan } from './types';

/** An added token with its id. */
export type AddedTokenEntry = AddedTokenSpec & { id: number };

/** An `added_tokens` entry of tokenizer.json (its spelling of the flags). */
export interface AddedTokenJson {
  id: number;
  content: string;
  special?: boolean;
  lstrip?: boolean;
  rstrip?: boolean;
  single_word?: boolean;
  normalized?: boolean;
}

/**
 * The added tokens after `edit`, with ids as huggingface/tokenizers `AddedVocabulary::add_tokens` gives them
 * (tokenizers/src/tokenizer/added_vocabulary.rs): a text the tokenizer already knows (an added token or a
 * vocabulary entry) keeps its id, the added entry taking the new flags; a new text gets the model's vocabulary size,
 * or one more than the largest added id when that is already past it. `modelSize` is the model's own vocabulary
 * (without the added tokens), ids assumed contiguous from 0.
 */
export function addedTokenEntries(existing: readonly AddedTokenJson[], edit: TokenizerEdit, tokenId: (token: string) => number | undefined, modelSize: number): AddedTokenEntry[] {
  const out: AddedTokenEntry[] = existing.map((e) => ({
    id: e.id, content: e.content, special: !!e.special, lstrip: !!e.lstrip, rstrip: !!e.rstrip, singleWord: !!e.single_word, normalized: !!e.normalized,
  }));
  const index = new Map(out.map((e, i) => [e.content, i]));
  let next = modelSize;
  for (const e of out) if (e.id + 1 > next) next = e.id + 1;
  for (const t of edit.addedTokens) {
    if (!t.content) continue;
    const i = index.get(t.content);
    const known = i !== undefined ? out[i].id : tokenId(t.content);
    if (known !== undefined && edit.skipKnown) continue;
    const entry: AddedTokenEntry = { ...t, id: known ?? next++ };
    if (i !== undefined) out[i] = entry;
    else { index.set(t.content, out.length); out.push(entry); }
  }
  return out;
}

/** `tok` after `edit` (never throws: a failed rebuild falls back to splitting the text at the added tokens). */
export function editTokenizer(tok: TextTokenizer, edit: TokenizerEdit): TextTokenizer {
  if (tok.withEdit) {
    try {
      return tok.withEdit(edit);
    } catch {
      // e.g. a tokenizer.json the library builds only once: split instead
    }
  }
  return new SplitEditedTokenizer(tok, edit);
}

/**
 * What `tok` adds around a text with `add_special_tokens=True` (its post-processor, e.g. TemplateProcessing: BOS
 * before, sometimes EOS after), measured on a probe text.
 */
export function specialTokensAround(tok: Pick<TextTokenizer, 'encode'>): { prefix: TokenSpan[]; suffix: TokenSpan[] } {
  const bare = tok.encode('x', false).map((s) => s.id);
  const full = tok.encode('x', true);
  const at = full.findIndex((_, i) => bare.every((id, k) => full[i + k]?.id === id));
  return { prefix: at >= 0 ? full.slice(0, at) : [], suffix: at >= 0 ? full.slice(at + bare.length) : [] };
}

/** First id given to an added token of a tokenizer whose vocabulary size is unknown (the approximation's ids are its own). */
const SYNTHETIC_IDS = 1_000_000_000;

const WORD = /[\p{L}\p{N}_]/u;

interface Section { text: string; token?: AddedTokenEntry }

/** The edit over any tokenizer, by splitting the text at the added tokens (see the file comment). */
class SplitEditedTokenizer implements TextTokenizer {
  readonly approximate: boolean;
  readonly source: string;
  readonly bosToken?: string;
  readonly eosToken?: string;
  readonly padToken?: string;
  readonly unkToken?: string;
  readonly chatTemplate?: string;
  readonly addedTokens: readonly AddedTokenSpec[];
  private readonly added: AddedTokenEntry[];
  private readonly byContent: Map<string, AddedTokenEntry>;
  private readonly byId: Map<number, AddedTokenEntry>;
  /** Longest first: at one position the longest match wins. */
  private readonly longestFirst: AddedTokenEntry[];
  private around?: { prefix: TokenSpan[]; suffix: TokenSpan[] };

  constructor(private readonly base: TextTokenizer, edit: TokenizerEdit) {
    this.approximate = base.approximate;
    this.source = base.source;
    this.bosToken = edit.bosToken ?? base.bosToken;
    this.eosToken = edit.eosToken ?? base.eosToken;
    this.padToken = edit.padToken ?? base.padToken;
    this.unkToken = base.unkToken;
    this.chatTemplate = edit.chatTemplate ?? base.chatTemplate;
    this.added = addedTokenEntries([], edit, (t) => base.tokenId(t), SYNTHETIC_IDS);
    this.byContent = new Map(this.added.map((t) => [t.content, t]));
    this.byId = new Map(this.added.map((t) => [t.id, t]));
    this.longestFirst = [...this.added].sort((x, y) => y.content.length - x.content.length);
    this.addedTokens = [...(base.addedTokens ?? []), ...this.added];
  }

  /** The text cut at the added tokens, each keeping (or not) the whitespace beside it as its flags say. */
  private sections(text: string): Section[] {
    const out: Section[] = [];
    let from = 0;
    for (let i = 0; i < text.length;) {
      const hit = this.longestFirst.find((t) => text.startsWith(t.content, i) && this.wordOk(t, text, i));
      if (!hit) { i++; continue; }
      if (from < i) out.push({ text: text.slice(from, i) });
      out.push({ text: hit.content, token: hit });
      i += hit.content.length;
      from = i;
    }
    if (from < text.length) out.push({ text: text.slice(from) });
    // lstrip / rstrip take the whitespace beside the token (the library trims the neighbouring pieces).
    out.forEach((s, i) => {
      if (!s.token) return;
      const prev = out[i - 1];
      const next = out[i + 1];
      if (s.token.lstrip && prev && !prev.token) { const t = prev.text.trimEnd(); s.text = prev.text.slice(t.length) + s.text; prev.text = t; }
      if (s.token.rstrip && next && !next.token) { const t = next.text.trimStart(); s.text += next.text.slice(0, next.text.length - t.length); next.text = t; }
    });
    return out.filter((s) => s.text.length > 0);
  }

  private wordOk(t: AddedTokenEntry, text: string, at: number): boolean {
    if (!t.singleWord) return true;
    const before = at > 0 && WORD.test(text[at - 1]);
    const after = at + t.content.length < text.length && WORD.test(text[at + t.content.length]);
    return !before && !after;
  }

  private specialsAround(): { prefix: TokenSpan[]; suffix: TokenSpan[] } {
    this.around ??= specialTokensAround(this.base);
    return this.around;
  }

  encode(text: string, addSpecialTokens: boolean): TokenSpan[] {
    const sections = this.sections(text);
    if (!sections.some((s) => s.token)) return this.base.encode(text, addSpecialTokens);
    const out: TokenSpan[] = [];
    const around = addSpecialTokens ? this.specialsAround() : undefined;
    if (around) out.push(...around.prefix.map((s) => ({ ...s })));
    for (const s of sections) {
      if (s.token) out.push({ id: s.token.id, text: s.text });
      else out.push(...this.base.encode(s.text, false));
    }
    if (around) out.push(...around.suffix.map((s) => ({ ...s })));
    return out;
  }

  describe(ids: readonly number[]): TokenSpan[] {
    const out: TokenSpan[] = [];
    let run: number[] = [];
    const flush = () => { if (run.length) out.push(...this.base.describe(run)); run = []; };
    for (const id of ids) {
      const t = this.byId.get(id);
      if (!t) { run.push(id); continue; }
      flush();
      out.push({ id, text: t.content });
    }
    flush();
    return out;
  }

  tokenId(token: string): number | undefined {
    return this.byContent.get(token)?.id ?? this.base.tokenId(token);
  }

  withEdit(edit: TokenizerEdit): TextTokenizer {
    return new SplitEditedTokenizer(this, edit);
  }
}
