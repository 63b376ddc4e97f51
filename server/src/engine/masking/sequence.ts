/**
 * Token-id sequence operations shared by the pipelines: subsequence search (markers and
 * collator templates are matched on ids, never on characters), id-based pad masking and
 * character-range → token mapping.
 */

/** The label value every loss implementation skips. */
export const IGNORE_INDEX = -100;

/** First index `>= from` where `needle` occurs in `hay`, or -1 (an empty needle never matches). */
export function indexOfSequence(hay: readonly number[], needle: readonly number[], from = 0): number {
  if (needle.length === 0) return -1;
  const first = needle[0];
  outer: for (let i = Math.max(0, from); i + needle.length <= hay.length; i++) {
    if (hay[i] !== first) continue;
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Every start index of `needle` in `hay` (overlapping matches included, like TRL's scan). */
export function allIndicesOfSequence(hay: readonly number[], needle: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = indexOfSequence(hay, needle); i >= 0; i = indexOfSequence(hay, needle, i + 1)) out.push(i);
  return out;
}

/**
 * transformers `DataCollatorForLanguageModeling(mlm=False)`: labels are the ids, and every
 * position whose id equals the pad id becomes -100 — by id, so pad == eos masks every EOS.
 */
export function maskPadIds(ids: readonly number[], padId: number | undefined): number[] {
  return ids.map((id) => (padId !== undefined && id === padId ? IGNORE_INDEX : id));
}

/** Per token: does it overlap any of the character ranges? (transformers' char_to_token mapping.) */
export function tokensInRanges(starts: readonly number[], texts: readonly string[], ranges: ReadonlyArray<readonly [number, number]>): boolean[] {
  return starts.map((s, i) => {
    const e = s + Math.max(texts[i].length, 1);
    return ranges.some(([a, b]) => s < b && e > a);
  });
}
