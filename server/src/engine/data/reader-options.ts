/** Defaults and normalisation of `ReadOptions`, shared by every reader. */
import type { AccessPolicy, ReadOptions } from './types';

export const DEFAULT_MAX_ROWS = 100;
export const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;
export const DEFAULT_MAX_LINE_BYTES = 32 * 1024 * 1024;
/** Hard ceiling on rows, whatever the caller asks: a preview is not an export. */
export const MAX_ROWS_CEILING = 10_000;

/** `ReadOptions` with every bound filled in. */
export interface ReaderOptions {
  maxRows: number;
  maxBytes: number;
  maxLineBytes: number;
  delimiter?: string;
  field?: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  access?: AccessPolicy;
}

export function normalizeReadOptions(opts: ReadOptions | undefined): ReaderOptions {
  const maxRows = clampInt(opts?.maxRows, DEFAULT_MAX_ROWS, 0, MAX_ROWS_CEILING);
  const maxBytes = clampInt(opts?.maxBytes, DEFAULT_MAX_BYTES, 1024, Number.MAX_SAFE_INTEGER);
  const maxLineBytes = clampInt(opts?.maxLineBytes, Math.min(maxBytes, DEFAULT_MAX_LINE_BYTES), 16, maxBytes);
  const timeoutMs = opts?.timeoutMs !== undefined ? clampInt(opts.timeoutMs, 20_000, 1, 600_000) : undefined;
  return { maxRows, maxBytes, maxLineBytes, delimiter: opts?.delimiter, field: opts?.field, signal: opts?.signal, timeoutMs, access: opts?.access };
}

/** The byte budget of one file read: the data limit plus room for the sniffed head and headers/footers. */
export function readBudget(opts: ReaderOptions): number {
  return opts.maxBytes + Math.min(1024 * 1024, Math.max(8 * 1024, opts.maxBytes));
}

function clampInt(v: number | undefined, dflt: number, min: number, max: number): number {
  if (v === undefined || !Number.isFinite(v)) return dflt;
  return Math.min(max, Math.max(min, Math.floor(v)));
}
