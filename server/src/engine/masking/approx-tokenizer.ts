/**
 * Piece-level stand-in for a tokenizer when no `tokenizer.json` is available offline.
 * Special tokens (`<|eot_id|>`, `<start_of_turn>`, `[INST]`, …) are single tokens; other text
 * is split with a Llama-3-style pre-tokenization regex (words with their leading space,
 * numbers, punctuation runs, newlines). Ids are invented and only stable within one instance.
 * Everything it produces is marked `approximate`: token boundaries, counts and
 * token-context effects on marker matching can differ from the real tokenizer.
 */
import type { TextTokenizer, TokenSpan } from './types';

interface FamilySpecials {
  bos?: string;
  eos?: string;
  pad?: string;
  /** Does `tokenizer(text)` prepend BOS? */
  addsBos: boolean;
}

const LLAMA3: FamilySpecials = { bos: '<|begin_of_text|>', eos: '<|eot_id|>', addsBos: true };
const QWEN: FamilySpecials = { eos: '<|im_end|>', pad: '<|endoftext|>', addsBos: false };
const GEMMA: FamilySpecials = { bos: '<bos>', eos: '<end_of_turn>', pad: '<pad>', addsBos: true };
const SENTENCEPIECE: FamilySpecials = { bos: '<s>', eos: '</s>', addsBos: true };

/** Typical special tokens per template family (canonical names of `chat/markers.ts`). */
const FAMILY_SPECIALS: Readonly<Record<string, FamilySpecials>> = {
  'llama-3.1': LLAMA3,
  'llama-3': LLAMA3,
  chatml: QWEN,
  'qwen-2.5': QWEN,
  qwen3: QWEN,
  'qwen3-instruct': QWEN,
  'qwen3-thinking': QWEN,
  'gemma-3': GEMMA,
  gemma: GEMMA,
  'gemma-4': { bos: '<bos>', eos: '<turn|>', pad: '<pad>', addsBos: true },
  'phi-4': { eos: '<|im_end|>', pad: '<|endoftext|>', addsBos: false },
  'phi-3': { bos: '<s>', eos: '<|endoftext|>', addsBos: false },
  mistral: SENTENCEPIECE,
  'llama-2': SENTENCEPIECE,
  zephyr: SENTENCEPIECE,
  alpaca: SENTENCEPIECE,
  'gpt-oss': { eos: '<|return|>', pad: '<|endoftext|>', addsBos: false },
};

const SPECIAL_SOURCE = String.raw`<\|[^\s<>|]{1,40}\|>|<\/?(?:s|bos|eos|pad|unk|start_of_turn|end_of_turn|start_of_image|think|tool_call|tool_response)>|<\|turn>|<turn\|>|\[\/?INST\]`;
const SPECIAL = new RegExp(SPECIAL_SOURCE, 'g');
const ONLY_SPECIAL = new RegExp(`^(?:${SPECIAL_SOURCE})$`);
const PIECE = /'(?:s|t|re|ve|m|ll|d)| ?\p{L}+| ?\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

class ApproximateTokenizer implements TextTokenizer {
  readonly approximate = true;
  readonly bosToken?: string;
  readonly eosToken?: string;
  readonly padToken?: string;
  readonly unkToken = undefined;
  private readonly addsBos: boolean;
  private readonly ids = new Map<string, number>();
  private readonly pieces: string[] = [];

  constructor(readonly source: string, specials: FamilySpecials, readonly chatTemplate?: string) {
    this.bosToken = specials.bos;
    this.eosToken = specials.eos;
    this.padToken = specials.pad;
    this.addsBos = specials.addsBos;
    for (const t of [specials.pad, specials.bos, specials.eos]) if (t) this.idOf(t);
  }

  private idOf(piece: string): number {
    let id = this.ids.get(piece);
    if (id === undefined) {
      id = this.pieces.length;
      this.ids.set(piece, id);
      this.pieces.push(piece);
    }
    return id;
  }

  encode(text: string, addSpecialTokens: boolean): TokenSpan[] {
    const out: TokenSpan[] = [];
    if (addSpecialTokens && this.addsBos && this.bosToken) out.push({ id: this.idOf(this.bosToken), text: this.bosToken });
    let last = 0;
    const plain = (chunk: string) => {
      for (const m of chunk.matchAll(PIECE)) out.push({ id: this.idOf(m[0]), text: m[0] });
    };
    for (const m of text.matchAll(SPECIAL)) {
      plain(text.slice(last, m.index));
      out.push({ id: this.idOf(m[0]), text: m[0] });
      last = m.index + m[0].length;
    }
    plain(text.slice(last));
    return out;
  }

  describe(ids: readonly number[]): TokenSpan[] {
    return ids.map((id) => ({ id, text: this.pieces[id] ?? `<${id}>` }));
  }

  tokenId(token: string): number | undefined {
    return ONLY_SPECIAL.test(token) || token === this.bosToken || token === this.eosToken || token === this.padToken ? this.idOf(token) : this.ids.get(token);
  }
}

/**
 * A piece-level approximation for a template family (canonical marker name, e.g. `llama-3.1`),
 * with that family's usual BOS/EOS/pad spellings.
 */
export function approximateTokenizer(family: string | undefined, source: string, chatTemplate?: string): TextTokenizer {
  const specials = (family && FAMILY_SPECIALS[family]) || { eos: '</s>', addsBos: false };
  return new ApproximateTokenizer(source, specials, chatTemplate);
}
