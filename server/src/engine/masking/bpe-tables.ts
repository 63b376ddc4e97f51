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
import { isUtf8 } from 'node:buffer';

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

class Bail extends Error {}
const bail = (why: string): never => {
  throw new Bail(why);
};

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

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

function hashBytes(buf: Uint8Array, p: number, end: number, seed: number): number {
  let h = seed;
  for (; p < end; p++) h = Math.imul(h ^ buf[p], FNV_PRIME);
  return h;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const CLOSE_BRACKET = 0x5d;
const OPEN = hashUtf8('["', FNV_OFFSET);

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

/** A cursor over the file's bytes (throws `Bail` on anything unexpected). */
class Scan {
  pos = 0;
  /** Content range of the last string read by `str`, and whether it had an escape. */
  start = 0;
  end = 0;
  hadEscape = false;
  constructor(readonly buf: Buffer) {}

  ws(): number {
    const b = this.buf;
    let p = this.pos;
    while (p < b.length) {
      const c = b[p];
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
      else break;
    }
    this.pos = p;
    return p < b.length ? b[p] : -1;
  }

  expect(c: number): void {
    if (this.ws() !== c) bail(`expected ${String.fromCharCode(c)} at byte ${this.pos}`);
    this.pos++;
  }

  /** Read the string at `pos` (after whitespace): sets start/end/hadEscape. */
  str(): void {
    if (this.ws() !== QUOTE) bail(`expected a string at byte ${this.pos}`);
    const b = this.buf;
    let p = this.pos + 1;
    this.start = p;
    for (;;) {
      if (p >= b.length) bail('unterminated string');
      const c = b[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) return this.escapedString();
      if (c < 0x20) bail('control character in a string');
      p++;
    }
    this.end = p;
    this.pos = p + 1;
    this.hadEscape = false;
  }

  private escapedString(): void {
    const b = this.buf;
    let p = this.start;
    for (;;) {
      if (p >= b.length) bail('unterminated string');
      const c = b[p];
      if (c === QUOTE) break;
      if (c === BACKSLASH) p++;
      else if (c < 0x20) bail('control character in a string');
      p++;
    }
    this.end = p;
    this.pos = p + 1;
    this.hadEscape = true;
  }

  /** The string just read, decoded. */
  text(): string {
    const raw = this.buf.toString('utf8', this.start - 1, this.end + 1);
    if (!this.hadEscape) return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return bail('invalid escape');
    }
  }

  /** Skip any JSON value (it stays in the text `JSON.parse` reads, which checks it). */
  skipValue(): void {
    const c = this.ws();
    const b = this.buf;
    if (c === QUOTE) {
      this.str();
      return;
    }
    if (c === 0x7b || c === 0x5b) {
      let depth = 0;
      let p = this.pos;
      while (p < b.length) {
        const d = b[p];
        if (d === QUOTE) {
          this.pos = p;
          this.str();
          p = this.pos;
          continue;
        }
        if (d === 0x7b || d === 0x5b) depth++;
        else if (d === 0x7d || d === 0x5d) {
          depth--;
          if (depth === 0) {
            this.pos = p + 1;
            return;
          }
        }
        p++;
      }
      bail('unterminated value');
    }
    let p = this.pos;
    while (p < b.length) {
      const d = b[p];
      if (d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) break;
      p++;
    }
    if (p === this.pos) bail(`unexpected byte at ${p}`);
    this.pos = p;
  }

  /** After a member or element: true for `,` (another follows), false for the closing `close`. */
  next(close: number): boolean {
    const c = this.ws();
    this.pos++;
    if (c === 0x2c) return true;
    if (c === close) return false;
    return bail(`expected , or ${String.fromCharCode(close)} at byte ${this.pos - 1}`);
  }
}

/** `a` in a twice larger array (the lists below grow by hand: no call per element in the hot loops). */
function grow(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

function skipWs(b: Buffer, p: number): number {
  for (;;) {
    const c = b[p];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) p++;
    else return p;
  }
}

// The two loops below are written out in full (no calls per byte): they run over most of a 33 MB file once.

/** `model.vocab` at `s.pos`: `{"token": id, …}` → VocabTable. */
function scanVocab(s: Scan): VocabTable {
  const b = s.buf;
  let p = skipWs(b, s.pos);
  if (b[p] !== 0x7b) bail('vocabulary is not an object');
  // Per token written plainly: start, end, id, hash. Sized for the rest of the file at 16 bytes a token
  // (pages never written cost nothing; growing by copies cost ~50 ms for Gemma 3: fresh memory is slow to touch).
  let list: Int32Array = new Int32Array(4 * (((b.length - p) >> 4) + 1024));
  let n = 0;
  const escaped = new Map<string, number>();
  p++;
  for (;;) {
    p = skipWs(b, p);
    if (b[p] !== QUOTE) bail(`expected a token at byte ${p}`);
    const start = ++p;
    let h = FNV_OFFSET;
    let esc = false;
    let c: number | undefined;
    while ((c = b[p]) !== QUOTE) {
      if (c === BACKSLASH) {
        esc = true;
        p += 2;
        continue;
      }
      if (!(c >= 0x20)) bail('control character or end of file in a token');
      h = Math.imul(h ^ c, FNV_PRIME);
      p++;
    }
    const end = p;
    p = skipWs(b, p + 1);
    if (b[p] !== 0x3a) bail(`expected : at byte ${p}`);
    p = skipWs(b, p + 1);
    const digits = p;
    let id = 0;
    while ((c = b[p]) !== undefined && c >= 0x30 && c <= 0x39) {
      id = id * 10 + (c - 0x30);
      p++;
    }
    if (p === digits || (b[digits] === 0x30 && p - digits > 1) || id > 0x7fffffff) bail('a vocabulary value that is not an id');
    if (esc) {
      const token = JSON.parse(b.toString('utf8', start - 1, end + 1)) as string;
      if (escaped.has(token)) bail('a token listed twice');
      escaped.set(token, id);
    } else {
      if (n + 4 > list.length) list = grow(list);
      list[n++] = start;
      list[n++] = end;
      list[n++] = id;
      list[n++] = h;
    }
    p = skipWs(b, p);
    if (b[p] === COMMA) {
      p++;
      continue;
    }
    if (b[p] !== 0x7d) bail(`expected , or } at byte ${p}`);
    p++;
    break;
  }
  s.pos = p;
  return VocabTable.build(b, list.subarray(0, n), escaped);
}

/** `model.merges` at `s.pos`: `[["a", "b"], …]` or `["a b", …]` → MergeRanks (rank = index in the list). */
function scanMerges(s: Scan): MergeRanks {
  const b = s.buf;
  let p = skipWs(b, s.pos);
  if (b[p] !== 0x5b) bail('merges are not a list');
  p = skipWs(b, p + 1);
  const pairs = b[p] === 0x5b;
  if (!pairs && b[p] !== QUOTE) bail('merges of an unknown form');
  // Per merge written plainly: a start, a end, b start, b end, rank, hash (sized as in scanVocab).
  let list: Int32Array = new Int32Array(6 * (((b.length - p) >> 4) + 1024));
  let n = 0;
  const escaped = new Map<string, number>();
  let c: number | undefined;
  for (let rank = 0; ; rank++) {
    p = skipWs(b, p);
    const open = p;
    let esc = false;
    if (pairs) {
      if (b[p] !== 0x5b) bail('mixed merge forms');
      p = skipWs(b, p + 1);
      if (b[p] !== QUOTE) bail(`expected a string at byte ${p}`);
      const as = ++p;
      let h = OPEN;
      while ((c = b[p]) !== QUOTE) {
        if (c === BACKSLASH) {
          esc = true;
          p += 2;
          continue;
        }
        if (!(c >= 0x20)) bail('control character or end of file in a merge');
        h = Math.imul(h ^ c, FNV_PRIME);
        p++;
      }
      const ae = p;
      p = skipWs(b, p + 1);
      if (b[p] !== COMMA) bail(`expected , at byte ${p}`);
      p = skipWs(b, p + 1);
      if (b[p] !== QUOTE) bail(`expected a string at byte ${p}`);
      const bs = ++p;
      h = Math.imul(Math.imul(Math.imul(h ^ QUOTE, FNV_PRIME) ^ COMMA, FNV_PRIME) ^ QUOTE, FNV_PRIME); // ","
      while ((c = b[p]) !== QUOTE) {
        if (c === BACKSLASH) {
          esc = true;
          p += 2;
          continue;
        }
        if (!(c >= 0x20)) bail('control character or end of file in a merge');
        h = Math.imul(h ^ c, FNV_PRIME);
        p++;
      }
      const be = p;
      h = Math.imul(Math.imul(h ^ QUOTE, FNV_PRIME) ^ CLOSE_BRACKET, FNV_PRIME); // "]
      p = skipWs(b, p + 1);
      if (b[p] !== CLOSE_BRACKET) bail(`expected ] at byte ${p}`);
      p++;
      if (esc) {
        escaped.set(JSON.stringify(JSON.parse(b.toString('utf8', open, p))), rank);
      } else {
        if (n + 6 > list.length) list = grow(list);
        list[n++] = as;
        list[n++] = ae;
        list[n++] = bs;
        list[n++] = be;
        list[n++] = rank;
        list[n++] = h;
      }
    } else {
      if (b[p] !== QUOTE) bail('mixed merge forms');
      const start = ++p;
      let space1 = -1;
      let space2 = -1;
      while ((c = b[p]) !== QUOTE) {
        if (c === BACKSLASH) {
          esc = true;
          p += 2;
          continue;
        }
        if (!(c >= 0x20)) bail('control character or end of file in a merge');
        if (c === 0x20) {
          if (space1 < 0) space1 = p;
          else if (space2 < 0) space2 = p;
        }
        p++;
      }
      const end = p;
      p++;
      if (esc || space1 < 0) {
        // Also a merge without a space: the library's key is then a one-element list (that no lookup asks for).
        escaped.set(JSON.stringify((JSON.parse(b.toString('utf8', start - 1, p)) as string).split(' ', 2)), rank);
      } else {
        // x.split(' ', 2): a is up to the first space, b up to the next one.
        const be = space2 >= 0 ? space2 : end;
        let h = hashBytes(b, start, space1, OPEN);
        h = Math.imul(Math.imul(Math.imul(h ^ QUOTE, FNV_PRIME) ^ COMMA, FNV_PRIME) ^ QUOTE, FNV_PRIME); // ","
        h = hashBytes(b, space1 + 1, be, h);
        h = Math.imul(Math.imul(h ^ QUOTE, FNV_PRIME) ^ CLOSE_BRACKET, FNV_PRIME); // "]
        if (n + 6 > list.length) list = grow(list);
        list[n++] = start;
        list[n++] = space1;
        list[n++] = space1 + 1;
        list[n++] = be;
        list[n++] = rank;
        list[n++] = h;
      }
    }
    p = skipWs(b, p);
    if (b[p] === COMMA) {
      p++;
      continue;
    }
    if (b[p] !== CLOSE_BRACKET) bail(`expected , or ] at byte ${p}`);
    p++;
    break;
  }
  s.pos = p;
  return MergeRanks.build(b, list.subarray(0, n), escaped);
}

/**
 * Scan a `tokenizer.json`: its `model.vocab` and `model.merges` into tables, the rest through
 * `JSON.parse`. Undefined when the file is not a BPE tokenizer of the shape handled here (then load
 * it the plain way, which also gives the error of an invalid file).
 */
export function scanBpeJson(buf: Buffer): BpeJson | undefined {
  try {
    if (!isUtf8(buf)) return undefined;
    const s = new Scan(buf);
    let model: { start: number; end: number } | undefined;
    let vocab: { start: number; end: number; table: VocabTable } | undefined;
    let merges: { start: number; end: number; table: MergeRanks } | undefined;
    // The first bytes may be a BOM: JSON.parse would reject it; so do we.
    s.expect(0x7b);
    do {
      s.str();
      const key = s.text();
      s.expect(0x3a);
      if (key !== 'model') {
        s.skipValue();
        continue;
      }
      if (model) bail('two models');
      const start = s.ws() === 0x7b ? s.pos : bail('model is not an object');
      s.pos++;
      if (s.ws() !== 0x7d) {
        do {
          s.str();
          const name = s.text();
          s.expect(0x3a);
          const at = s.ws() >= 0 ? s.pos : bail('truncated');
          if (name === 'vocab') {
            if (vocab) bail('two vocabularies');
            const table = scanVocab(s);
            vocab = { start: at, end: s.pos, table };
          } else if (name === 'merges') {
            if (merges) bail('two merge lists');
            const table = scanMerges(s);
            merges = { start: at, end: s.pos, table };
          } else {
            s.skipValue();
          }
        } while (s.next(0x7d));
      } else {
        s.pos++;
      }
      model = { start, end: s.pos };
    } while (s.next(0x7d));
    if (s.ws() !== -1) bail('bytes after the JSON value');
    if (!vocab || !merges) return undefined;
    const [x, y] = vocab.start < merges.start ? [vocab, merges] : [merges, vocab];
    const blank = (part: typeof x) => (part === vocab ? '{}' : '[]');
    const restText = buf.toString('utf8', 0, x.start) + blank(x) + buf.toString('utf8', x.end, y.start) + blank(y) + buf.toString('utf8', y.end);
    const rest = JSON.parse(restText) as Record<string, unknown>;
    const m = rest.model as { type?: unknown } | undefined;
    if (m?.type !== 'BPE') return undefined;
    return { rest, restText, tables: { vocab: vocab.table, ranks: merges.table } };
  } catch (e) {
    if (e instanceof Bail || e instanceof SyntaxError) return undefined;
    throw e;
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
// Layout: MAGIC (8 bytes), header length (uint32 LE), header JSON, zero padding to a multiple of 4, then
// the body: vocabulary records, vocabulary slots, merge records, merge slots (int32 LE each), the token
// bytes the records point at, and a JSON text (the rest of tokenizer.json and the escaped entries). The
// header names the source (size, mtime), the section lengths and a checksum of the body.

const MAGIC = Buffer.from('TLBPE\0\0\x01', 'latin1');

interface CacheHeader {
  size: number;
  mtimeMs: number;
  lengths: [vocab: number, vocabSlots: number, merges: number, mergeSlots: number, bytes: number, json: number];
  checksum: number;
}

/** Source identity a cache entry is valid for. */
export interface BpeSource {
  size: number;
  mtimeMs: number;
}

function checksum(data: Uint8Array): number {
  const body = data.byteOffset % 4 === 0 ? data : Uint8Array.from(data);
  const words = new Int32Array(body.buffer, body.byteOffset, body.length >> 2);
  let h = FNV_OFFSET;
  for (let i = 0; i < words.length; i++) h = Math.imul(h ^ words[i], FNV_PRIME);
  for (let i = words.length << 2; i < body.length; i++) h = Math.imul(h ^ body[i], FNV_PRIME);
  return h;
}

/** The cache file's bytes for tables scanned from a file with identity `source`. */
export function serializeBpe(json: BpeJson, source: BpeSource): Buffer {
  const v = json.tables.vocab.parts();
  const m = json.tables.ranks.parts();
  const vocab = Int32Array.from(v.list);
  const merges = Int32Array.from(m.list);
  let total = 0;
  for (let r = 0; r < vocab.length; r += 4) total += vocab[r + 1] - vocab[r];
  for (let r = 0; r < merges.length; r += 6) total += merges[r + 1] - merges[r] + merges[r + 3] - merges[r + 2];
  // The token bytes, copied together (the records then point into this copy, not the 33 MB file).
  const bytes = Buffer.allocUnsafe(total);
  let at = 0;
  const move = (list: Int32Array, r: number) => {
    const src = v.buf;
    const start = at;
    for (let k = list[r]; k < list[r + 1]; k++) bytes[at++] = src[k];
    list[r] = start;
    list[r + 1] = at;
  };
  for (let r = 0; r < vocab.length; r += 4) move(vocab, r);
  for (let r = 0; r < merges.length; r += 6) {
    move(merges, r);
    move(merges, r + 2);
  }
  const extra = Buffer.from(JSON.stringify({ rest: json.restText, vocabEscaped: [...v.escaped], mergesEscaped: [...m.escaped] }));
  const ints = [vocab, v.slots, merges, m.slots];
  const body = Buffer.concat([...ints.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)), bytes, extra]);
  const header: CacheHeader = {
    size: source.size, mtimeMs: source.mtimeMs,
    lengths: [vocab.length, v.slots.length, merges.length, m.slots.length, bytes.length, extra.length], checksum: checksum(body),
  };
  const head = Buffer.from(JSON.stringify(header));
  const pad = (4 - ((MAGIC.length + 4 + head.length) % 4)) % 4;
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length + pad);
  return Buffer.concat([MAGIC, len, head, Buffer.alloc(pad, 0x20), body]);
}

/** The tables from a cache file's bytes; undefined when it is not one, is for another version of the source, or is damaged. */
export function deserializeBpe(file: Buffer, source: BpeSource): BpeJson | undefined {
  try {
    if (file.length < 12 || !file.subarray(0, 8).equals(MAGIC)) return undefined;
    const headLen = file.readUInt32LE(8);
    const start = 12 + headLen;
    if (start > file.length || (file.byteOffset + start) % 4 !== 0) return undefined;
    const h = JSON.parse(file.toString('utf8', 12, start)) as CacheHeader;
    if (h.size !== source.size || h.mtimeMs !== source.mtimeMs || !Array.isArray(h.lengths) || h.lengths.length !== 6) return undefined;
    const [nv, nvs, nm, nms, nb, nj] = h.lengths;
    if (![nv, nvs, nm, nms, nb, nj].every((n) => Number.isInteger(n) && n >= 0) || nv % 4 || nm % 6 || nvs & (nvs - 1) || nms & (nms - 1) || !nvs || !nms) return undefined;
    const body = file.subarray(start);
    if (body.length !== 4 * (nv + nvs + nm + nms) + nb + nj || checksum(body) !== h.checksum) return undefined;
    let at = body.byteOffset;
    const ints = (n: number) => {
      const a = new Int32Array(body.buffer, at, n);
      at += 4 * n;
      return a;
    };
    const vocab = ints(nv);
    const vocabSlots = ints(nvs);
    const merges = ints(nm);
    const mergeSlots = ints(nms);
    const off = at - body.byteOffset;
    const bytes = body.subarray(off, off + nb);
    const extra = JSON.parse(body.toString('utf8', off + nb, off + nb + nj)) as { rest: string; vocabEscaped: Array<[string, number]>; mergesEscaped: Array<[string, number]> };
    const rest = JSON.parse(extra.rest) as Record<string, unknown>;
    return {
      rest,
      restText: extra.rest,
      tables: {
        vocab: new VocabTable(bytes, vocab, vocabSlots, new Map(extra.vocabEscaped)),
        ranks: new MergeRanks(bytes, merges, mergeSlots, new Map(extra.mergesEscaped)),
      },
    };
  } catch {
    return undefined;
  }
}
