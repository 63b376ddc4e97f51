/**
 * Bounded line streaming. Unlike `readline`, a line is never buffered past `maxLineBytes`, so a
 * 500 MB first line (or a binary file with no newline) costs at most that much memory, and the
 * whole read never passes the file's byte budget.
 */
import type { BoundedFile } from './bounded-file';
import { DataReadError, formatBytes } from './failure';

export interface Line {
  /** 1-based line number in the file. */
  lineNo: number;
  /** The line without its `\n` / `\r\n` (and without a UTF-8 BOM on line 1). */
  text: string;
}

const CHUNK = 64 * 1024;

/**
 * Yields the lines of `file` from the start. Throws `DataReadError('too-large')` for a line longer
 * than `maxLineBytes`, and lets the file's `BudgetExceededError` through when the budget runs out.
 */
export async function* readLines(file: BoundedFile, maxLineBytes: number): AsyncGenerator<Line> {
  const decoder = new TextDecoder('utf-8');
  let offset = 0;
  let lineNo = 0;
  let pending: Buffer[] = [];
  let pendingLen = 0;

  const finish = (tail: Buffer): Line => {
    const bytes = pending.length === 0 ? tail : Buffer.concat([...pending, tail], pendingLen + tail.length);
    pending = [];
    pendingLen = 0;
    lineNo++;
    let text = decoder.decode(bytes);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    if (lineNo === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { lineNo, text };
  };
  const tooLong = (): never => {
    throw new DataReadError(
      'too-large',
      `${file.path}: line ${lineNo + 1} is longer than ${formatBytes(maxLineBytes)}; only shorter lines can be previewed.`,
    );
  };

  while (offset < file.size) {
    const want = Math.min(CHUNK, file.size - offset, Math.max(1, file.remaining));
    const chunk = await file.read(offset, want);
    if (chunk.length === 0) break;
    offset += chunk.length;
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(0x0a, start);
      if (nl < 0) break;
      if (pendingLen + (nl - start) > maxLineBytes) tooLong();
      yield finish(chunk.subarray(start, nl));
      start = nl + 1;
    }
    if (start < chunk.length) {
      const rest = chunk.subarray(start);
      if (pendingLen + rest.length > maxLineBytes) tooLong();
      pending.push(rest);
      pendingLen += rest.length;
    }
  }
  if (pendingLen > 0) yield finish(Buffer.alloc(0));
}
