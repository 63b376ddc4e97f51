/**
 * Rebuilds each token's own characters from its vocabulary piece, because the JS tokenizers
 * return no offsets. Byte-level BPE pieces (GPT-2 table: `Ġ` = space, `Ċ` = newline, …),
 * SentencePiece pieces (`▁` = space, `<0xNN>` byte-fallback pieces) and added tokens (spelled
 * literally) are turned into bytes; the byte stream is decoded as UTF-8 and every character is
 * given to the token holding its first byte. When the original text is known, the pieces are
 * then aligned with it (prefix spaces the tokenizer added, whitespace absorbed by added tokens).
 */

/** How a vocabulary spells text: GPT-2 byte-level table, or SentencePiece `▁` / `<0xNN>`. */
export type PieceScheme = 'byte-level' | 'metaspace';

interface ComponentJson { type?: string; decoders?: ComponentJson[]; pretokenizers?: ComponentJson[] }

/** Detect the piece scheme from a parsed `tokenizer.json`. */
export function pieceSchemeOf(tokenizerJson: { decoder?: ComponentJson | null; pre_tokenizer?: ComponentJson | null }): PieceScheme {
  const hasByteLevel = (c: ComponentJson | null | undefined): boolean =>
    !!c && (c.type === 'ByteLevel' || (c.decoders ?? c.pretokenizers ?? []).some(hasByteLevel));
  return hasByteLevel(tokenizerJson.decoder) || hasByteLevel(tokenizerJson.pre_tokenizer) ? 'byte-level' : 'metaspace';
}

let byteOfChar: Map<number, number> | undefined;

/** Inverse of GPT-2's bytes_to_unicode: printable Latin-1 bytes stand for themselves, the rest are shifted past 255. */
function byteLevelTable(): Map<number, number> {
  if (byteOfChar) return byteOfChar;
  const table = new Map<number, number>();
  let shifted = 0;
  for (let b = 0; b < 256; b++) {
    const printable = (b >= 33 && b <= 126) || (b >= 161 && b <= 172) || (b >= 174 && b <= 255);
    table.set(printable ? b : 256 + shifted++, b);
  }
  byteOfChar = table;
  return table;
}

const utf8 = new TextEncoder();
const BYTE_PIECE = /^<0x([0-9A-Fa-f]{2})>$/;

/** The bytes a piece stands for. */
export function pieceBytes(piece: string, scheme: PieceScheme, literal: boolean): number[] {
  // Added tokens are spelled as is; SentencePiece vocabularies may add whitespace runs (`▁▁`), matched after normalization.
  if (literal) return [...utf8.encode(scheme === 'metaspace' ? piece.replace(/\u2581/g, ' ') : piece)];
  if (scheme === 'metaspace') {
    const m = BYTE_PIECE.exec(piece);
    if (m) return [parseInt(m[1], 16)];
    return [...utf8.encode(piece.replace(/\u2581/g, ' '))];
  }
  const table = byteLevelTable();
  const out: number[] = [];
  for (const ch of piece) {
    const code = ch.codePointAt(0)!;
    const b = table.get(code);
    if (b !== undefined) out.push(b);
    else out.push(...utf8.encode(ch));
  }
  return out;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

const isContinuation = (b: number) => (b & 0xc0) === 0x80;
const decoder = new TextDecoder('utf-8');

/** Length of the longest prefix of `bytes` that ends on a character boundary. */
function completePrefix(bytes: readonly number[]): number {
  let i = bytes.length - 1;
  let back = 0;
  while (i >= 0 && back < 3 && isContinuation(bytes[i])) { i--; back++; }
  if (i < 0) return bytes.length; // only stray continuation bytes: decode them as U+FFFD
  const need = sequenceLength(bytes[i]);
  return need > 1 && bytes.length - i < need ? i : bytes.length;
}

/**
 * Decode the concatenated bytes and hand each character to the token holding its first byte.
 * A character split over tokens (emoji in byte-level BPE, `<0xNN>` pieces) goes to the first;
 * the tokens holding only its continuation bytes get empty text.
 */
function decodeByOwner(perToken: number[][]): string[] {
  const texts = perToken.map(() => '');
  let pending: number[] = [];
  let pendingOwner = -1;
  perToken.forEach((own, i) => {
    let bytes = own;
    if (pending.length > 0) {
      const need = sequenceLength(pending[0]);
      let k = 0;
      while (pending.length < need && k < bytes.length && isContinuation(bytes[k])) pending.push(bytes[k++]);
      if (pending.length >= need || k < bytes.length) {
        texts[pendingOwner] += decoder.decode(Uint8Array.from(pending));
        pending = [];
      }
      bytes = bytes.slice(k);
    }
    if (bytes.length === 0) return;
    const cut = completePrefix(bytes);
    if (cut > 0) texts[i] += decoder.decode(Uint8Array.from(cut === bytes.length ? bytes : bytes.slice(0, cut)));
    if (cut < bytes.length) { pending = bytes.slice(cut); pendingOwner = i; }
  });
  if (pending.length > 0) texts[pendingOwner] += decoder.decode(Uint8Array.from(pending));
  return texts;
}

/** Token texts plus the character offset of each token in the aligned text. */
export interface PieceTexts {
  texts: string[];
  starts: number[];
  /** True when the texts concatenate to exactly the original text. */
  aligned: boolean;
}

/**
 * Own characters of each token.
 * @param pieces vocabulary strings of the tokens (`Ġworld`, `▁Hello`, `<|eot_id|>`)
 * @param literal per token: an added token, spelled as is
 * @param original the text that was tokenized, when known, to align against
 */
export function pieceTexts(pieces: readonly string[], literal: readonly boolean[], scheme: PieceScheme, original?: string): PieceTexts {
  const texts = decodeByOwner(pieces.map((p, i) => pieceBytes(p, scheme, literal[i])));
  if (original === undefined) return { texts, starts: cumulative(texts), aligned: false };
  return align(texts, literal, original);
}

function cumulative(texts: readonly string[]): number[] {
  const starts: number[] = [];
  let pos = 0;
  for (const t of texts) { starts.push(pos); pos += t.length; }
  return starts;
}

const SPACE = /\s/;

function align(texts: string[], literal: readonly boolean[], original: string): PieceTexts {
  const out = texts.slice();
  const starts: number[] = [];
  let pos = 0;
  for (let i = 0; i < out.length; i++) {
    const t = out[i];
    starts.push(pos);
    if (original.startsWith(t, pos)) { pos += t.length; continue; }
    if (t.startsWith(' ') && original.startsWith(t.slice(1), pos)) {
      out[i] = t.slice(1);
      pos += t.length - 1;
      continue;
    }
    let ws = pos;
    while (ws < original.length && SPACE.test(original[ws])) ws++;
    if (ws > pos && original.startsWith(t, ws)) {
      out[i] = original.slice(pos, ws) + t;
      pos = ws + t.length;
      continue;
    }
    if (literal[i]) continue; // added by the post-processor (BOS/EOS), not in the text
    // Lost the thread (a normalizer changed the text): keep the rebuilt pieces from here on.
    for (let k = i + 1; k < out.length; k++) starts.push(starts[k - 1] + out[k - 1].length);
    return { texts: out, starts, aligned: false };
  }
  if (pos < original.length && out.length > 0 && original.slice(pos).trim() === '') {
    out[out.length - 1] += original.slice(pos);
    pos = original.length;
  }
  return { texts: out, starts, aligned: pos === original.length };
}
