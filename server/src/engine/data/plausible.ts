/**
 * Sizes and counts that files declare about themselves (a Parquet footer's `num_rows`, Arrow
 * batch lengths, `dataset_info.json`'s `num_examples`) are claims, not facts: a corrupt or hostile
 * file can say anything. Only plausible ones are shown; the rest are "unknown".
 */

/** No single dataset split holds more rows than this (10^12; the largest public corpora are ~10^10). */
export const MAX_PLAUSIBLE_ROWS = 1e12;

/**
 * Rows per byte of file beyond which a count cannot be true. A Parquet or Arrow row of even one
 * all-null column costs at least a bit of validity or definition level per row before
 * compression; run-length encoding can do better only within one page of at most ~2^31 values,
 * so 2^20 rows per byte is already far beyond any file a writer produces.
 */
const MAX_ROWS_PER_BYTE = 2 ** 20;

/** A non-negative safe integer no larger than `MAX_PLAUSIBLE_ROWS`. */
export function plausibleCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= MAX_PLAUSIBLE_ROWS;
}

/** Whether `rows` is a believable row count for a file of `fileBytes` bytes. */
export function plausibleRowCount(rows: unknown, fileBytes: number): rows is number {
  return plausibleCount(rows) && rows <= Math.max(1, fileBytes) * MAX_ROWS_PER_BYTE;
}
