/**
 * `read-data-file`: the schema and first rows of one data file, whatever it turns out to contain.
 * The declared format is checked against the file's magic bytes first; every failure becomes a
 * `{ok: false}` result with a sentence naming the file.
 *
 * Parquet and Arrow are decoded by third-party code that can loop forever on a corrupt page
 * (found by fuzzing: hyparquet's RLE decoder), so those files are decoded in a worker thread
 * that is terminated past `timeoutMs` (see `isolated-decode.ts`). Text formats run in-process.
 */
import { resolve } from 'node:path';
import { decodeIsolated, isolationAvailable } from './isolated-decode';
import { withBoundedFile, type BoundedFile } from './bounded-file';
import { readCsvFile } from './csv-reader';
import { DataReadError, toFailure } from './failure';
import { readJsonFile } from './json-reader';
import { normalizeReadOptions, readBudget, type ReaderOptions } from './reader-options';
import { describeContent, formatOfContent, sniffContent, SNIFF_BYTES, type ContentKind } from './sniff';
import { readTextFile } from './text-reader';
import type { DataFormat, DataPreview, DataResult, ReadOptions } from './types';

const FORMAT_NAMES: Record<DataFormat, string> = {
  json: 'JSON',
  csv: 'CSV',
  parquet: 'Parquet',
  text: 'text',
  arrow: 'Arrow',
};

/**
 * Reads only the schema and the first `maxRows` rows of `path` (default 100) as `format`.
 * Never throws, never reads past `maxBytes` (+ small headers), and stops early on `signal`.
 */
export async function readDataFile(path: string, format: DataFormat, options?: ReadOptions): Promise<DataResult> {
  const file = resolve(path);
  const opts = normalizeReadOptions(options);
  if (opts.signal?.aborted) return { ok: false, code: 'cancelled', error: `Reading ${file} was cancelled.` };
  if (isolationAvailable() && (await isBinaryFormat(file, format, opts))) return decodeIsolated(file, format, opts);
  return readDataFileInProcess(file, format, options);
}

/** `read-data-file` without the worker: what the worker itself runs. */
export async function readDataFileInProcess(path: string, format: DataFormat, options?: ReadOptions): Promise<DataResult> {
  const file = resolve(path);
  const opts = normalizeReadOptions(options);
  if (opts.signal?.aborted) return { ok: false, code: 'cancelled', error: `Reading ${file} was cancelled.` };
  try {
    const preview = await withBoundedFile(file, readBudget(opts), opts.signal, (f) => readOpened(f, format, opts), opts.access);
    return { ok: true, preview };
  } catch (err) {
    return toFailure(file, err);
  }
}

/** Whether the file is (or claims to be) Parquet or Arrow: those are decoded in the worker. */
async function isBinaryFormat(file: string, declared: DataFormat, opts: ReaderOptions): Promise<boolean> {
  if (declared === 'parquet' || declared === 'arrow') return true;
  try {
    return await withBoundedFile(file, SNIFF_BYTES, undefined, async (f) => {
      return formatOfContent(sniffContent(await f.read(0, Math.min(8, f.size)))) !== undefined;
    }, opts.access);
  } catch {
    return false; // the in-process read will explain the problem
  }
}

async function readOpened(file: BoundedFile, declared: DataFormat, opts: ReaderOptions): Promise<DataPreview> {
  const head = await file.read(0, Math.min(SNIFF_BYTES, file.size));
  const kind = sniffContent(head);
  const actual = formatOfContent(kind);
  const warnings: string[] = [];
  let format = declared;
  if (actual && actual !== declared) {
    warnings.push(`${file.path} is ${describeContent(kind)}, not ${FORMAT_NAMES[declared]}; it was read as ${FORMAT_NAMES[actual]}.`);
    format = actual;
  } else if (!actual) {
    rejectContent(file.path, kind, head, declared);
  }
  const preview = await readAs(file, format, kind, head, opts);
  preview.warnings.unshift(...warnings);
  return preview;
}

/** Throws when the bytes cannot be `declared` (compressed, binary, LFS pointer, …). */
function rejectContent(path: string, kind: ContentKind, head: Buffer, declared: DataFormat): void {
  const name = FORMAT_NAMES[declared];
  if (kind === 'text' && head.subarray(0, 64).toString('latin1').startsWith('version https://git-lfs')) {
    throw new DataReadError('invalid', `${path} is a Git LFS pointer, not the data itself; fetch it with \`git lfs pull\`.`);
  }
  switch (kind) {
    case 'gzip':
    case 'zstd':
    case 'bzip2':
    case 'xz':
    case 'zip':
      throw new DataReadError('unsupported', `${path} is ${describeContent(kind)}; compressed data files are not previewed.`);
    case 'utf16':
      throw new DataReadError('unsupported', `${path} is UTF-16 text; only UTF-8 files are previewed (and \`datasets\` expects UTF-8).`);
    case 'empty':
      if (declared === 'parquet' || declared === 'arrow') throw new DataReadError('invalid', `${path} is empty, not a ${name} file.`);
      return;
    case 'binary':
      // Pre-0.15 Arrow streams have no magic; let the Arrow reader decide.
      if (declared === 'arrow') return;
      throw new DataReadError('invalid', `${path} is binary data, not ${name === 'JSON' ? 'JSON' : name}${declared === 'parquet' ? ' (it does not start with PAR1)' : ''}.`);
    case 'text':
      if (declared === 'parquet') throw new DataReadError('invalid', `${path} is not a Parquet file: it holds text (it does not start with PAR1).`);
      if (declared === 'arrow') throw new DataReadError('invalid', `${path} is not an Arrow file: it holds text.`);
      return;
    default:
      return;
  }
}

async function readAs(file: BoundedFile, format: DataFormat, kind: ContentKind, head: Buffer, opts: ReaderOptions): Promise<DataPreview> {
  switch (format) {
    // Required on first use: apache-arrow alone takes ~300 ms to load, and with the decode worker
    // the main thread never needs either library. (`require`, not `import()`: our own modules
    // are CommonJS, and `import()` of a .ts file fails under tsx's require hook in a worker.)
    case 'parquet':
      return (require('./parquet-reader') as typeof import('./parquet-reader')).readParquetFile(file, opts);
    case 'arrow':
      return (require('./arrow-reader') as typeof import('./arrow-reader')).readArrowFile(file, kind === 'arrow-file', opts);
    case 'csv':
      return readCsvFile(file, opts);
    case 'text':
      return readTextFile(file, opts);
    case 'json':
      return readJsonFile(file, head, opts);
  }
}
