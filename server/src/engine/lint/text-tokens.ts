/**
 * Which of a few fixed strings (the rules' `requires`) a script's text contains, answered per edit from
 * the previous text of the same document: the occurrences before the first changed character and after
 * the last are moved, and only the changed span (widened by a token's length) is searched again. The
 * first lint of a document searches as `includes` would; the second records every occurrence. A token with a
 * character triple the text does not have (most of them, in most scripts) is not searched at all.
 *
 * Exact: an occurrence in the new text lies wholly in the common prefix, wholly in the common suffix (both
 * the same characters as before), or overlaps the changed span, which is searched.
 */

interface Known {
  text: string;
  /** Every occurrence (start offset) of each token asked for, once the document has been linted twice. */
  occurrences?: Map<string, number[]>;
}

/** Per document path; a few at a time (an editor's open scripts; the CLI lints each file once). */
const known = new Map<string, Known>();
const KEEP = 8;

/**
 * Whether each of `tokens` occurs in `text` (the text of the document at `key`). The first time a document
 * is seen, each token is searched when asked for (as `text.includes`).
 */
export function tokensIn(key: string, text: string, tokens: readonly string[]): (token: string) => boolean {
  const before = known.get(key);
  known.delete(key);
  if (!before) {
    remember(key, { text });
    // Most tokens are absent from a script: the text's character triples rule them out without a scan each.
    const grams = gramsOf(text);
    return (t) => mayContain(grams, t) && text.includes(t);
  }
  const occurrences = new Map<string, number[]>();
  const { text: old } = before;
  const p = commonPrefix(old, text);
  const s = commonSuffix(old, text, Math.min(old.length, text.length) - p);
  let grams: Uint32Array | undefined;
  for (const t of tokens) {
    if (occurrences.has(t)) continue;
    const was = before.occurrences?.get(t);
    occurrences.set(t, was ? moved(was, t, old.length, text, p, s) : mayContain((grams ??= gramsOf(text)), t) ? allOf(text, t, 0, text.length) : []);
  }
  remember(key, { text, occurrences });
  return (t) => { const o = occurrences.get(t); return o ? o.length > 0 : text.includes(t); };
}

function remember(key: string, k: Known): void {
  known.set(key, k);
  if (known.size > KEEP) known.delete(known.keys().next().value!);
}

/** The occurrences of `t` in the new text, from those in the old one: prefix `p` and suffix `s` are unchanged. */
function moved(was: number[], t: string, oldLength: number, text: string, p: number, s: number): number[] {
  const len = t.length;
  const out: number[] = [];
  let i = 0;
  for (; i < was.length && was[i] + len <= p; i++) out.push(was[i]);
  // Those that overlap the changed span start after p - len and before the suffix.
  const suffixStart = text.length - s;
  for (const q of allOf(text, t, Math.max(0, p - len + 1), Math.min(text.length, suffixStart + len - 1))) out.push(q);
  const delta = text.length - oldLength;
  while (i < was.length && was[i] < oldLength - s) i++;
  for (; i < was.length; i++) out.push(was[i] + delta);
  return out;
}

/** Bits of the table of character triples (`gramsOf`): a few thousand triples in a script fill a few per cent of it. */
const GRAM_BITS = 1 << 16;

/** The hash of the triple ending with `c` (UTF-16 code units, as `includes` compares them). */
const gram = (a: number, b: number, c: number): number => Math.imul(((a << 16) | b) ^ Math.imul(c, 0x9e3779b1), 0x85ebca6b) >>> 16;

/** One bit per character triple of `text` (hashed): one pass over the text instead of one per absent token. */
function gramsOf(text: string): Uint32Array {
  const bits = new Uint32Array(GRAM_BITS >>> 5);
  let a = 0, b = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (i >= 2) { const h = gram(a, b, c); bits[h >>> 5] |= 1 << (h & 31); }
    a = b; b = c;
  }
  return bits;
}

/**
 * False only when `t` cannot occur in the text of `bits`: a triple of `t` that the text lacks. Exact in that direction
 * (every triple of an occurrence is one of the text's); tokens shorter than three characters are always searched.
 */
function mayContain(bits: Uint32Array, t: string): boolean {
  for (let i = 2; i < t.length; i++) {
    const h = gram(t.charCodeAt(i - 2), t.charCodeAt(i - 1), t.charCodeAt(i));
    if ((bits[h >>> 5] & (1 << (h & 31))) === 0) return false;
  }
  return true;
}

/** Every start of `t` in text[from, to) (whole occurrences only). */
function allOf(text: string, t: string, from: number, to: number): number[] {
  const out: number[] = [];
  const span = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let q = span.indexOf(t); q >= 0; q = span.indexOf(t, q + 1)) out.push(from + q);
  return out;
}

/** Length of the common prefix of a and b (binary search over slice comparisons: V8 compares them natively). */
function commonPrefix(a: string, b: string): number {
  let lo = 0;
  let hi = Math.min(a.length, b.length);
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.slice(lo, mid) === b.slice(lo, mid)) lo = mid; else hi = mid - 1;
  }
  return lo;
}

/** Length of the common suffix of a and b, at most `max`. */
function commonSuffix(a: string, b: string, max: number): number {
  let lo = 0;
  let hi = max;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (a.slice(a.length - mid, a.length - lo) === b.slice(b.length - mid, b.length - lo)) lo = mid; else hi = mid - 1;
  }
  return lo;
}
