/** Plain text the way `load_dataset("text")` reads it: one row per line, one `text` column. */
import type { BoundedFile } from './bounded-file';
import { BudgetExceededError, formatBytes } from './failure';
import { readLines } from './line-reader';
import type { ReaderOptions } from './reader-options';
import type { DataPreview } from './types';

export async function readTextFile(file: BoundedFile, opts: ReaderOptions): Promise<DataPreview> {
  const rows: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  try {
    if (opts.maxRows > 0) {
      for await (const { text } of readLines(file, opts.maxLineBytes)) {
        rows.push({ text });
        if (rows.length >= opts.maxRows) break;
      }
    }
  } catch (err) {
    if (!(err instanceof BudgetExceededError) || rows.length === 0) throw err;
    warnings.push(`${file.path}: stopped after ${rows.length} lines, at the ${formatBytes(file.budget)} preview limit.`);
  }
  if (file.size === 0) warnings.push(`${file.path} is empty.`);
  return {
    columns: [{ name: 'text', type: 'string' }],
    rows,
    files: [file.path],
    warnings,
    ...(file.size === 0 ? { rowCount: 0 } : {}),
  };
}
