/** Near-miss names: edit distance and the closest candidate (column names, keyword names). */

/** Levenshtein distance (insert, delete, substitute; each costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

export interface Closest {
  name: string;
  distance: number;
  /** Close enough to be the intended name (a typo, a case or separator slip), and the only such candidate. */
  confident: boolean;
}

function normalise(s: string): string {
  return s.toLowerCase().replace(/[-_\s]+/g, '');
}

/**
 * The candidate closest to `name` (case and `_`/`-` differences count as nothing), or undefined
 * when there are no candidates. `confident` only when the distance is small for the length
 * (at most 1 for short names, a third of the length otherwise) and no other candidate ties.
 */
export function closestName(name: string, candidates: readonly string[]): Closest | undefined {
  if (candidates.length === 0) return undefined;
  const scored = candidates.map((c) => ({ name: c, distance: editDistance(normalise(name), normalise(c)) }))
    .sort((x, y) => x.distance - y.distance);
  const best = scored[0];
  const limit = Math.max(1, Math.floor(Math.max(name.length, best.name.length) / 3));
  const tie = scored.length > 1 && scored[1].distance === best.distance;
  return { ...best, confident: best.distance <= limit && !tie };
}
