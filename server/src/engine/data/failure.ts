/**
 * Failures as values. Readers throw `DataReadError` internally; the public functions catch every
 * throw and turn it into `{ok: false, error, code}` with `toFailure`, so no caller ever sees one.
 */
import type { DataErrorCode } from './types';

/** An expected failure with a user-facing message (it already names the file). */
export class DataReadError extends Error {
  constructor(readonly code: DataErrorCode, message: string) {
    super(message);
    this.name = 'DataReadError';
  }
}

/** Thrown by a bounded read when it would go past its byte budget. */
export class BudgetExceededError extends DataReadError {
  constructor(message: string) {
    super('too-large', message);
  }
}

export interface Failure { ok: false; error: string; code?: DataErrorCode }

/** Megabytes, for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 * 1024) return `${(n / 1024 / 1024 / 1024).toFixed(1)} GB`;
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** A sentence for a Node fs error about `path`, or undefined when it is not one. */
export function describeFsError(path: string, err: unknown): Failure | undefined {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return { ok: false, code: 'not-found', error: `${path} does not exist.` };
    case 'EACCES':
    case 'EPERM':
      return { ok: false, code: 'io', error: `${path} cannot be read: permission denied.` };
    case 'EISDIR':
      return { ok: false, code: 'invalid', error: `${path} is a folder, not a data file.` };
    case 'ELOOP':
      return { ok: false, code: 'invalid', error: `${path} cannot be read: its symbolic links form a loop.` };
    case 'ENAMETOOLONG':
      return { ok: false, code: 'invalid', error: `${path} cannot be read: the path is too long.` };
    case 'EMFILE':
    case 'ENFILE':
      return { ok: false, code: 'io', error: `${path} cannot be read now: too many open files.` };
    case 'EIO':
      return { ok: false, code: 'io', error: `${path} cannot be read: input/output error.` };
    default:
      return undefined;
  }
}

/** Any thrown value → a failure whose message names `path`. */
export function toFailure(path: string, err: unknown, what = 'read'): Failure {
  if (err instanceof DataReadError) return { ok: false, code: err.code, error: err.message };
  if ((err as Error | undefined)?.name === 'AbortError') {
    return { ok: false, code: 'cancelled', error: `Reading ${path} was cancelled.` };
  }
  const fs = describeFsError(path, err);
  if (fs) return fs;
  const detail = err instanceof Error ? err.message : String(err);
  return { ok: false, code: 'invalid', error: `${path} could not be ${what}: ${oneLine(detail)}` };
}

/** Throws a cancellation error when `signal` is aborted. */
export function throwIfAborted(path: string, signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DataReadError('cancelled', `Reading ${path} was cancelled.`);
}

function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
