/**
 * A fast load of a BPE `tokenizer.json` (Llama 3, Qwen, Gemma 3, …) for @huggingface/tokenizers.
 *
 * Where the time went with Gemma 3's 33 MB file (262 k tokens, 515 k merges; one core): decoding the
 * file into a string ~0.3 s, `JSON.parse` ~0.8 s, then the library's BPE constructor ~1–1.5 s
 * (`Object.entries` of the vocabulary into a Map, `JSON.stringify` of every merge pair as the key
 * of a second Map, and the garbage of both). Here the two large sections, `model.vocab` and
 * `model.merges`, never become JS objects: one pass over the file's bytes records where each token
 * and merge is and hashes it into an open-addressing table. The library is built from the rest
 * of the file with an empty vocabulary and no merges, then given lookups with the same answers as
 * the Maps it would have built (`installBpeTables`):
 * - `model.tokens_to_ids` (token → id; the added tokens the constructor set stay on top),
 * - `model.vocab` (id → token, a real array, made on first use),
 * - `model.bpe_ranks` (`JSON.stringify([a, b])` → rank; a pair listed twice keeps the later rank,
 *   as `new Map(entries)` does).
 * A key whose JSON text has an escape (`\n`, `\u…`) is decoded by `JSON.parse` and kept in a small
 * Map. Anything this does not expect (not UTF-8, a vocabulary value that is not an integer, a
 * token listed twice, mixed merge forms, …) answers `undefined` and the caller loads the plain way.
 * The library's internals used here are checked when installing (`installBpeTables` throws when
 * they are not the expected Maps and array), and the tests compare every entry with the library's
 * own Maps for the real tokenizers. The tables can be kept on disk (`serializeBpe` / `deserializeBpe`,
 * used by bpe-cache.ts) so a later load does not scan the file again.
 */

/** The file without its two large sections, plus tables over those sections (in the file's bytes). */
export interface BpeJson {
  /** `tokenizer.json` with `model.vocab` = `{}` and `model.merges` = `[]`. */
  rest: Record<string, unknown>;
  /** Its JSON text (what a derived cache keeps). */
  restText: string;
  tables: BpeTables;
}

export interface BpeTables {
  vocab: VocabTable;
  ranks: MergeRanks;
}

export class Bail extends Error {}
export const bail = (why: string): never => {
  throw new Bail(why);
};

export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/** FNV-1a over the UTF-8 bytes of `s` from `seed` (lone surrogates as their 3-byte form; a valid UTF-8 file never has them). */
function hashUtf8(s: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      h = Math.imul(h ^ c, FNV_PRIME);
      continue;
    }
    if (c < 0x800) {
      h = Math.imul(h ^ (0xc0 | (c >> 6)), FNV_PRIME);
      h = Math.imul(h ^ (0x80 | (c & 63)), FNV_PRIME);
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        i++;
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        h = Math.imul(h ^ (0xf0 | (c >> 18)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((c >> 12) & 63)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), FNV_PRIME);
        h = Math.imul(h ^ (0x80 | (c & 63)), FNV_PRIME);
        continue;
      }
    }
    h = Math.imul(h ^ (0xe0 | (c >> 12)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | ((c >> 6) & 63)), FNV_PRIME);
    h = Math.imul(h ^ (0x80 | (c & 63)), FNV_PRIME);
  }
  return h;
}

/**
 * Match the UTF-8 bytes `buf[p, end)` against `s` from index `i`: the index in `s` just after them, or -1.
 * (Same encoding as `hashUtf8`.)
 */
function matchUtf8(s: string, i: number, buf: Uint8Array, p: number, end: number): number {
  while (p < end) {
    if (i >= s.length) return -1;
    let c = s.charCodeAt(i++);
    if (c < 0x80) {
      if (buf[p++] !== c) return -1;
      continue;
    }
    if (c < 0x800) {
      if (p + 2 > end || buf[p] !== (0xc0 | (c >> 6)) || buf[p + 1] !== (0x80 | (c & 63))) return -1;
      p += 2;
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i < s.length) {
      const d = s.charCodeAt(i);
      if (d >= 0xdc00 && d < 0xe000) {
        i++;
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        if (p + 4 > end || buf[p] !== (0xf0 | (c >> 18)) || buf[p + 1] !== (0x80 | ((c >> 12) & 63))
          || buf[p + 2] !== (0x80 | ((c >> 6) & 63)) || buf[p + 3] !== (0x80 | (c & 63))) return -1;
        p += 4;
        continue;
      }
    }
    if (p + 3 > end || buf[p] !== (0xe0 | (c >> 12)) || buf[p + 1] !== (0x80 | ((c >> 6) & 63)) || buf[p + 2] !== (0x80 | (c & 63))) return -1;
    p += 3;
  }
  return i;
}

export function hashBytes(buf: Uint8Array, p: number, end: number, seed: number): number {
  let h = seed;
  for (; p < end; p++) h = Math.imul(h ^ buf[p], FNV_PRIME);
  return h;
}

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COMMA = 0x2c;
export const CLOSE_BRACKET = 0x5d;
export const OPEN = hashUtf8('["', FNV_OFFSET);

function slotsFor(n: number): Int32Array {
  let cap = 1024;
  while (cap < n * 2) cap *= 2;
  return new Int32Array(cap);
}

/** token → id over the vocabulary's bytes, and id → token (`tokens`). */
export class VocabTable {
  private readonly mask: number;
  readonly size: number;
  constructor(
    private readonly buf: Buffer,
    /** Per token written plainly: start, end (of its bytes), id, hash. */
    private readonly list: Int32Array,
    /** Slot → record index + 1 (0: empty). */
    private readonly slots: Int32Array,
    /** Tokens whose JSON text has an escape, decoded. */
    private readonly escaped: Map<string, number>,
  ) {
    this.mask = slots.length - 1;
    this.size = list.length / 4 + escaped.size;
  }

  get(token: string): number | undefined {
    const id = this.getPlain(token);
    return id === undefined && this.escaped.size ? this.escaped.get(token) : id;
  }

  /** The id of a token written without escapes. */
  private getPlain(token: string): number | undefined {
    const h = hashUtf8(token, FNV_OFFSET);
    const list = this.list;
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const s = this.slots[i];
      if (s === 0) return undefined;
      const r = 4 * (s - 1);
      if (list[r + 3] === h && matchUtf8(token, 0, this.buf, list[r], list[r + 1]) === token.length) return list[r + 2];
    }
  }

  /** What `serializeBpe` writes. */
  parts(): { buf: Buffer; list: Int32Array; slots: Int32Array; escaped: Map<string, number> } {
    return { buf: this.buf, list: this.list, slots: this.slots, escaped: this.escaped };
  }

  /** id → token, as the library builds it (`new Array(size)`, then one write per token). */
  tokens(): string[] {
    const out = new Array<string>(this.size);
    const { buf, list } = this;
    for (let r = 0; r < list.length; r += 4) out[list[r + 2]] = buf.toString('utf8', list[r], list[r + 1]);
    for (const [token, id] of this.escaped) out[id] = token;
    return out;
  }

  static build(buf: Buffer, list: Int32Array, escaped: Map<string, number>): VocabTable {
    const n = list.length / 4;
    const slots = slotsFor(n);
    const mask = slots.length - 1;
    let maxId = 0;
    for (let r = 2; r < list.length; r += 4) if (list[r] > maxId) maxId = list[r];
    for (const id of escaped.values()) if (id > maxId) maxId = id;
    const seen = new Uint8Array(maxId + 1);
    for (const id of escaped.values()) {
      if (seen[id]) bail('two tokens share an id');
      seen[id] = 1;
    }
    for (let e = 0; e < n; e++) {
      const r = 4 * e;
      if (seen[list[r + 2]]) bail('two tokens share an id');
      seen[list[r + 2]] = 1;
      const h = list[r + 3];
      let i = h & mask;
      for (; slots[i] !== 0; i = (i + 1) & mask) {
        const o = 4 * (slots[i] - 1);
        if (list[o + 3] === h && sameBytes(buf, list[o], list[o + 1], list[r], list[r + 1])) bail('a token listed twice');
      }
      slots[i] = e + 1;
    }
    const table = new VocabTable(buf, list, slots, escaped);
    for (const token of escaped.keys()) {
      // An escaped spelling of a token that is also listed plainly: JSON.parse would keep one of them.
      if (table.getPlain(token) !== undefined) bail('a token listed twice');
    }
    return table;
  }
}

function sameBytes(buf: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let k = 0; k < e1 - s1; k++) if (buf[s1 + k] !== buf[s2 + k]) return false;
  return true;
}

/** `JSON.stringify([a, b])` → rank over the merges' bytes (the later rank for a pair listed twice). */
export class MergeRanks {
  private readonly mask: number;
  constructor(
    private readonly buf: Buffer,
    /** Per merge written plainly: a start, a end, b start, b end, rank, hash. */
    private readonly list: Int32Array,
    /** Slot → record index + 1 (0: empty). */
    private readonly slots: Int32Array,
    /** Keys (`JSON.stringify` of the parsed pair) of the merges written with an escape, or as a string without a space. */
    private readonly escaped: Map<string, number>,
  ) {
    this.mask = slots.length - 1;
  }

  get(key: string): number | undefined {
    const fromEscaped = this.escaped.size ? this.escaped.get(key) : undefined;
    let found: number | undefined;
    if (key.charCodeAt(0) === 0x5b && key.charCodeAt(1) === 0x22) {
      const h = hashUtf8(key, FNV_OFFSET);
      for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
        const s = this.slots[i];
        if (s === 0) break;
        const r = 6 * (s - 1);
        if (this.list[r + 5] === h && this.matches(key, r)) {
          found = this.list[r + 4];
          break;
        }
      }
    }
    if (fromEscaped === undefined) return found;
    return found === undefined || fromEscaped > found ? fromEscaped : found;
  }

  /** What `serializeBpe` writes. */
  parts(): { buf: Buffer; list: Int32Array; slots: Int32Array; escaped: Map<string, number> } {
    return { buf: this.buf, list: this.list, slots: this.slots, escaped: this.escaped };
  }

  private matches(key: string, r: number): boolean {
    const list = this.list;
    let j = matchUtf8(key, 2, this.buf, list[r], list[r + 1]);
    if (j < 0 || key.charCodeAt(j) !== 0x22 || key.charCodeAt(j + 1) !== 0x2c || key.charCodeAt(j + 2) !== 0x22) return false;
    j = matchUtf8(key, j + 3, this.buf, list[r + 2], list[r + 3]);
    return j >= 0 && j + 2 === key.length && key.charCodeAt(j) === 0x22 && key.charCodeAt(j + 1) === 0x5d;
  }

  static build(buf: Buffer, list: Int32Array, escaped: Map<string, number>): MergeRanks {
    const n = list.length / 6;
    const slots = slotsFor(n);
    const mask = slots.length - 1;
    for (let e = 0; e < n; e++) {
      const r = 6 * e;
      const h = list[r + 5];
      let i = h & mask;
      for (; slots[i] !== 0; i = (i + 1) & mask) {
        const o = 6 * (slots[i] - 1);
        // The same pair again: the later rank wins (new Map(entries) keeps the last value).
        if (list[o + 5] === h && sameBytes(buf, list[o], list[o + 1], list[r], list[r + 1]) && sameBytes(buf, list[o + 2], list[o + 3], list[r + 2], list[r + 3])) break;
      }
      slots[i] = e + 1;
    }
    return new MergeRanks(buf, list, slots, escaped);
  }
}

/**
 * token → id as the library reads it: the added tokens (set by its constructor) over the vocabulary.
 * Answers are kept in a Map (hashing a string in JS costs more than a Map lookup, and encoding asks
 * for the same tokens over and over); cleared when it holds more than `MEMO_MAX` strings.
 */
class TokenIds {
  private readonly memo = new Map<string, number>();
  constructor(private readonly added: Map<string, number>, private readonly vocab: VocabTable) {}
  get(token: string): number | undefined {
    const a = this.added.get(token);
    if (a !== undefined) return a;
    let id = this.memo.get(token);
    if (id === undefined) {
      id = this.vocab.get(token) ?? -1;
      if (this.memo.size >= MEMO_MAX) this.memo.clear();
      this.memo.set(token, id);
    }
    return id < 0 ? undefined : id;
  }
  has(token: string): boolean {
    return this.get(token) !== undefined;
  }
  set(token: string, id: number): this {
    this.added.set(token, id);
    return this;
  }
  get size(): number {
    let n = this.vocab.size;
    for (const token of this.added.keys()) if (this.vocab.get(token) === undefined) n++;
    return n;
  }
}

const MEMO_MAX = 1 << 18;

interface LibraryShape {
  model?: {
    tokens_to_ids?: unknown;
    vocab?: unknown;
    bpe_ranks?: unknown;
    merges?: unknown;
    unk_token_id?: unknown;
    unk_token?: unknown;
  };
  added_tokens?: Array<{ id: number; content: string }>;
}

/**
 * Give a library tokenizer built from `rest` (empty vocabulary, no merges) the tables' lookups. Throws
 * when its model is not what @huggingface/tokenizers 0.2's BPE constructor leaves.
 */
export function installBpeTables(tokenizer: unknown, tables: BpeTables): void {
  const lib = tokenizer as LibraryShape;
  const model = lib.model;
  if (!model || !(model.tokens_to_ids instanceof Map) || !(model.bpe_ranks instanceof Map) || model.bpe_ranks.size !== 0
    || !Array.isArray(model.vocab) || !Array.isArray(model.merges) || !Array.isArray(lib.added_tokens)) {
    throw new Error('unexpected @huggingface/tokenizers BPE model');
  }
  const added = model.tokens_to_ids as Map<string, number>;
  const addedTokens = lib.added_tokens;
  model.tokens_to_ids = new TokenIds(added, tables.vocab);
  // The library reads the unknown token's id before the added tokens are set: from the vocabulary alone.
  model.unk_token_id = typeof model.unk_token === 'string' ? tables.vocab.get(model.unk_token) : undefined;
  model.bpe_ranks = tables.ranks;
  // id → token is read only to spell out ids (decode, id_to_token), not to encode: made on first use
  // (262 k strings, ~60 ms for Gemma 3).
  let vocab: string[] | undefined;
  Object.defineProperty(model, 'vocab', {
    configurable: true,
    enumerable: true,
    get: () => {
      if (!vocab) {
        vocab = tables.vocab.tokens();
        for (const t of addedTokens) vocab[t.id] = t.content;
      }
      return vocab;
    },
    set: (v: string[]) => {
      vocab = v;
    },
  });
}

// ---- A derived cache of the tables (bpe-cache.ts keeps it on disk) ----
//
