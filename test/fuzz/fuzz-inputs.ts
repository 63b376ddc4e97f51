/**
 * What the fuzzers and the corpus benchmarks share: a seeded random source (xorshift, so a run reproduces
 * from its seed) and the scripts and notebooks under a folder.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Random {
  /** Uniform in [0, 1). */
  next: () => number;
  /** An integer in [0, n). */
  below: (n: number) => number;
  pick: <T>(xs: readonly T[]) => T;
}

export function seededRandom(seed: number): Random {
  let s = seed >>> 0 || 1;
  const next = () => { s ^= s << 13; s ^= s >>> 17; s ^= s << 5; return (s >>> 0) / 4294967296; };
  const below = (n: number) => Math.floor(next() * n);
  return { next, below, pick: (xs) => xs[below(xs.length)] };
}

/** Every file under `dir` whose name matches `names` (default: `.py` and `.ipynb`) and is smaller than `maxBytes`. */
export function scriptFiles(dir: string, names: RegExp = /\.(py|ipynb)$/, maxBytes = 2_000_000): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) out.push(...scriptFiles(p, names, maxBytes));
    else if (st?.isFile() && names.test(name) && st.size < maxBytes) out.push(p);
  }
  return out;
}
