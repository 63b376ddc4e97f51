/**
 * What a file really is, from its first bytes (magic numbers) and, failing that, its name.
 * Extensions lie (a `.jsonl` that is Parquet, a `.parquet` that is an HTML error page); bytes don't.
 */
import type { DataFormat } from './types';

export type ContentKind =
  | 'parquet'
  | 'arrow-file'
  | 'arrow-stream'
  | 'gzip'
  | 'zstd'
  | 'bzip2'
  | 'xz'
  | 'zip'
  | 'utf16'
  | 'binary'
  | 'text'
  | 'empty';

/** Bytes needed by `sniffContent` to decide. */
export const SNIFF_BYTES = 4096;

/** Classifies the first bytes of a file. */
export function sniffContent(head: Uint8Array): ContentKind {
  if (head.length === 0) return 'empty';
  const b = head;
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x50, 0x41, 0x52, 0x31)) return 'parquet'; // PAR1
  if (starts(0x41, 0x52, 0x52, 0x4f, 0x57, 0x31)) return 'arrow-file'; // ARROW1
  if (b.length >= 8 && starts(0xff, 0xff, 0xff, 0xff)) {
    const len = Buffer.from(b.buffer, b.byteOffset, b.byteLength).readInt32LE(4);
    if (len > 0 && len < 1 << 28) return 'arrow-stream';
  }
  if (starts(0x1f, 0x8b)) return 'gzip';
  if (starts(0x28, 0xb5, 0x2f, 0xfd)) return 'zstd';
  if (starts(0x42, 0x5a, 0x68)) return 'bzip2';
  if (starts(0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00)) return 'xz';
  if (starts(0x50, 0x4b, 0x03, 0x04)) return 'zip';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'utf16';
  return looksLikeText(b) ? 'text' : 'binary';
}

/** No NUL byte and valid UTF-8 (a sequence cut at the end of the sample is fine). */
export function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, SNIFF_BYTES);
  let i = 0;
  let control = 0;
  while (i < n) {
    const c = b[i];
    if (c === 0) return false;
    if (c < 0x80) {
      if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) control++;
      i++;
      continue;
    }
    const extra = c >= 0xf0 && c <= 0xf4 ? 3 : c >= 0xe0 ? 2 : c >= 0xc2 && c < 0xe0 ? 1 : -1;
    if (extra < 0) return false;
    if (i + extra >= n) break; // cut by the sample
    for (let k = 1; k <= extra; k++) if ((b[i + k] & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return control <= n / 100;
}

/** The readable format a content kind implies, if any. */
export function formatOfContent(kind: ContentKind): DataFormat | undefined {
  if (kind === 'parquet') return 'parquet';
  if (kind === 'arrow-file' || kind === 'arrow-stream') return 'arrow';
  return undefined;
}

const COMPRESSION_SUFFIXES = ['.gz', '.zst', '.zstd', '.bz2', '.xz', '.zip', '.lz4', '.tar'];

/** `train.jsonl.gz` → `{format: 'json', compressed: '.gz'}`; unknown extension → no format. */
export function formatFromName(path: string): { format?: DataFormat; compressed?: string } {
  let name = path.toLowerCase();
  let compressed: string | undefined;
  for (const suffix of COMPRESSION_SUFFIXES) {
    if (name.endsWith(suffix)) {
      compressed = suffix;
      name = name.slice(0, -suffix.length);
      break;
    }
  }
  const dot = name.lastIndexOf('.');
  const ext = dot >= 0 ? name.slice(dot) : '';
  const format = EXTENSION_FORMATS[ext];
  return { format, compressed };
}

const EXTENSION_FORMATS: Record<string, DataFormat | undefined> = {
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.feather': 'arrow',
  '.txt': 'text',
  '.text': 'text',
};

/** A human name for a content kind, for messages. */
export function describeContent(kind: ContentKind): string {
  switch (kind) {
    case 'parquet': return 'a Parquet file';
    case 'arrow-file': return 'an Arrow IPC file';
    case 'arrow-stream': return 'an Arrow IPC stream';
    case 'gzip': return 'gzip-compressed';
    case 'zstd': return 'zstd-compressed';
    case 'bzip2': return 'bzip2-compressed';
    case 'xz': return 'xz-compressed';
    case 'zip': return 'a zip archive';
    case 'utf16': return 'UTF-16 text';
    case 'binary': return 'binary data';
    case 'text': return 'text';
    case 'empty': return 'empty';
  }
}
