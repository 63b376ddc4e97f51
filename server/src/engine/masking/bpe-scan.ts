/**
 * The scan of a BPE tokenizer.json over its bytes: the vocabulary and merges become `bpe-tables.ts` tables,
 * the rest of the file goes through JSON.parse; anything unexpected throws `Bail` (the caller loads the plain way).
 */
import { isUtf8 } from 'node:buffer';
import { BACKSLASH, Bail, bail, CLOSE_BRACKET, COMMA, FNV_OFFSET, FNV_PRIME, hashBytes, MergeRanks, OPEN, QUOTE, VocabTable, type BpeJson } from './bpe-tables';

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

