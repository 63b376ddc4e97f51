/**
 * Splits: parsing `split=` expressions (`"train"`, `"train[:10%]"`, `"train[10:-5]+test"`),
 * applying their slices to row counts, and telling which split a file belongs to from its path,
 * the way `datasets` infers splits in a folder (`data/train-00000-of-00001.parquet`,
 * `test.jsonl`, `valid/part-1.csv`).
 */

/** One term of a split expression. Bounds are row numbers, or percents when `unit` is `%`. */
export interface SplitPart {
  split: string;
  from?: number;
  to?: number;
  unit: 'abs' | '%';
}

/** Parses a `split=` value; undefined when it is not a valid expression. */
export function parseSplitExpr(expr: string): SplitPart[] | undefined {
  const parts: SplitPart[] = [];
  for (const raw of expr.split('+')) {
    const term = raw.trim();
    const m = /^([\w.-]+)(?:\[\s*([+-]?\d+)?\s*(%)?\s*(?::\s*([+-]?\d+)?\s*(%)?\s*)?\])?$/.exec(term);
    if (!m) return undefined;
    const [, split, fromS, fromPct, toS, toPct] = m;
    const hasSlice = term.includes('[');
    const hasColon = term.includes(':');
    if (hasSlice && !hasColon) return undefined; // "train[5]" is not a slice
    if (fromPct && toS !== undefined && !toPct) return undefined; // mixed units
    if (toPct && fromS !== undefined && !fromPct) return undefined;
    const unit = fromPct || toPct ? '%' : 'abs';
    const part: SplitPart = { split, unit };
    if (fromS !== undefined) part.from = Number(fromS);
    if (toS !== undefined) part.to = Number(toS);
    if (unit === '%' && [part.from, part.to].some((v) => v !== undefined && Math.abs(v) > 100)) return undefined;
    parts.push(part);
  }
  return parts.length > 0 ? parts : undefined;
}

/**
 * `split="all"`: every split of the source, concatenated (huggingface/datasets 5.0.1 `builder.py`:
 * `_build_single_dataset` turns "all" into "+".join of the splits, and `as_streaming_dataset` takes `Split.ALL`).
 * Only the bare word: "all[:10%]" names a split "all", which datasets rejects.
 */
export function isAllSplits(parts: readonly SplitPart[]): boolean {
  return parts.length === 1 && parts[0].split === 'all' && parts[0].from === undefined && parts[0].to === undefined;
}

/** The parts, with `split="all"` spelled out as every one of `names` (unless the source has a split named "all"). */
export function expandAllSplits(parts: SplitPart[], names: readonly string[]): SplitPart[] {
  return isAllSplits(parts) && !names.includes('all') && names.length > 0 ? names.map((split) => ({ split, unit: 'abs' as const })) : parts;
}

/** The first term of a split expression naming a split not among `splits` (datasets raises "Unknown split" / "Bad split"). */
export function missingSplitPart(parts: readonly SplitPart[], splits: readonly string[]): SplitPart | undefined {
  if (isAllSplits(parts)) return undefined;
  return parts.find((p) => !splits.includes(p.split));
}

/** The [start, end) row range a part selects in a split of `n` rows (percent rounding: closest). */
export function sliceRange(part: SplitPart, n: number): [number, number] {
  const toRows = (v: number) => (part.unit === '%' ? Math.round((v * n) / 100) : v);
  const norm = (v: number) => {
    const r = toRows(v);
    return Math.min(n, Math.max(0, r < 0 ? n + r : r));
  };
  const start = part.from === undefined ? 0 : norm(part.from);
  const end = part.to === undefined ? n : norm(part.to);
  return [start, Math.max(start, end)];
}

/** Rows a part selects when the split has `n` rows. */
export function slicedCount(part: SplitPart, n: number): number {
  const [s, e] = sliceRange(part, n);
  return e - s;
}

/** Whether a part is a plain prefix (`[:N]`, `[:N%]` or no slice), so the first rows stay first. */
export function isPrefixSlice(part: SplitPart): boolean {
  return part.from === undefined || part.from === 0;
}

/** Rows a prefix slice keeps when the split size is unknown (absolute non-negative `to` only). */
export function prefixLimitWithoutCount(part: SplitPart): number | undefined {
  if (part.to === undefined || part.unit === '%' || part.to < 0) return undefined;
  return isPrefixSlice(part) ? part.to : undefined;
}

const SPLIT_KEYWORDS: [string, string[]][] = [
  ['train', ['train', 'training']],
  ['validation', ['validation', 'valid', 'dev', 'val']],
  ['test', ['test', 'testing', 'eval', 'evaluation']],
];
const SEP = '[-._ 0-9]';

const SHARDED = /(?:^|\/)data\/([^/]+?)-\d{5}-of-\d{5}[^/]*$/;
const SPLIT_DIR = /(?:^|\/)data\/([^/]+)\/[^/]+$/;

function keywordSplit(name: string, asDir: boolean): string | undefined {
  const lower = name.toLowerCase();
  for (const [split, words] of SPLIT_KEYWORDS) {
    for (const w of words) {
      const re = asDir
        ? new RegExp(`^(?:${w}|${w}${SEP}.*|.*${SEP}${w}|.*${SEP}${w}${SEP}.*)$`)
        : new RegExp(`^(?:${w}${SEP}.*|.*${SEP}${w}${SEP}.*)$`);
      if (re.test(lower)) return split;
    }
  }
  return undefined;
}

/**
 * Groups relative file paths (with `/`) into splits like `datasets` does for a folder without a
 * config: `data/<split>-NNNNN-of-NNNNN*` (any split name), then `data/<split>/…`, then keyword
 * folder names, then keyword file names; otherwise everything is `train`. Files that do not fit
 * the chosen rule are left out, as in `datasets`.
 */
export function inferSplitsFromPaths(relPaths: readonly string[]): Record<string, string[]> {
  const byRule = (assign: (p: string) => string | undefined): Record<string, string[]> | undefined => {
    const out: Record<string, string[]> = {};
    let any = false;
    for (const p of relPaths) {
      const s = assign(p);
      if (s === undefined) continue;
      (out[s] ??= []).push(p);
      any = true;
    }
    return any ? orderSplits(out) : undefined;
  };
  return (
    byRule((p) => SHARDED.exec(p)?.[1]) ??
    byRule((p) => SPLIT_DIR.exec(p)?.[1]) ??
    byRule((p) => {
      const dirs = p.split('/').slice(0, -1);
      for (const d of dirs) {
        const s = keywordSplit(d, true);
        if (s) return s;
      }
      return undefined;
    }) ??
    byRule((p) => keywordSplit(p.split('/').pop() ?? p, false)) ??
    (relPaths.length > 0 ? { train: [...relPaths] } : {})
  );
}

/** train, validation, test first, then the rest alphabetically. */
export function orderSplits<T>(splits: Record<string, T>): Record<string, T> {
  const rank = (s: string) => {
    const i = ['train', 'validation', 'test'].indexOf(s);
    return i < 0 ? 3 : i;
  };
  const keys = Object.keys(splits).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  return Object.fromEntries(keys.map((k) => [k, splits[k]]));
}
