/**
 * The tokenizer cache file format (`bpe-cache.ts` reads and writes the files): the tables `bpe-tables.ts`
 * scans from a tokenizer.json, as flat int32 arrays and bytes, checked against the source and a checksum.
 */
import { FNV_OFFSET, FNV_PRIME, MergeRanks, VocabTable, type BpeJson } from './bpe-tables';

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
