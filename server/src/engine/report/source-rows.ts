/**
 * Every row of a trainer's dataset source, streamed in batches: JSON Lines line by line, Parquet
 * row group by row group, Arrow record batch by batch, CSV record by record; whole JSON documents
 * (bounded by the data size limit) and literal rows at once. Split expressions (`train[:10%]`,
 * `train+test`) select the rows `datasets` would. Memory stays flat: only one batch is held.
 *
 * Before streaming, the first file goes through the dataset preview's reader, so a corrupt file
 * gives the same message as the preview. Rows are numbered from 0 in the selected split(s).
 */
import { Readable } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import { checkReadAccess } from '../data/access';
import { BoundedFile } from '../data/bounded-file';
import { readLines } from '../data/line-reader';
import { readDataFile } from '../data/read-data-file';
import { resolveDataFiles } from '../data/resolve';
import { newJsonSafeContext, rowToJsonSafe } from '../data/json-safe';
import { plausibleRowCount } from '../data/plausible';
import { expandAllSplits, parseSplitExpr, sliceRange, type SplitPart } from '../data/splits';
import type { AccessPolicy, DataFormat, DataSourceSpec } from '../data/types';

/** One source row: a JSON Lines row stays text (parsed by whoever measures it), others are objects. */
export interface SourceRow {
  index: number;
  line?: string;
  row?: Record<string, unknown>;
}

export interface SourceFiles {
  format: DataFormat;
  /** Per split part: its files and the [start, end) row range to keep (end undefined = to the end). */
  parts: Array<{ split: string; files: string[]; start: number; end?: number }>;
  field?: string;
  delimiter?: string;
  /** Every file, for change watching and messages. */
  files: string[];
  warnings: string[];
  /** Every file is opened and then checked against this policy (see `data/confined-open.ts`). */
  access?: AccessPolicy;
}

export type ReportSource =
  | { kind: 'literal'; rows: Array<Record<string, unknown>> }
  | ({ kind: 'files' } & SourceFiles);

const MAX_DOCUMENT_BYTES = 256 * 1024 * 1024;
const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Resolves a data-source spec to the files and row ranges a report streams. Never throws. */
export async function resolveReportSource(spec: DataSourceSpec, access: AccessPolicy, signal?: AbortSignal): Promise<ReportSource | { error: string }> {
  if (!access.trusted) return { error: 'Data files are not read in an untrusted workspace.' };
  const resolved = await resolveDataFiles(spec, { access });
  if (!resolved.ok) return { error: resolved.error };
  const source = resolved.source;
  const names = Object.keys(source.splits);
  let parts: SplitPart[] | undefined;
  if (spec.split === undefined || spec.split.trim() === '') {
    const s = names.includes('train') ? 'train' : names[0];
    if (s === undefined) return { error: 'The data source has no splits.' };
    parts = [{ split: s, unit: 'abs' }];
  } else {
    parts = parseSplitExpr(spec.split);
    if (!parts) return { error: `split="${spec.split}" is not a valid split expression (e.g. "train", "train[:10%]", "train+test").` };
    parts = expandAllSplits(parts, names);
  }
  const missing = parts.find((p) => !source.splits[p.split]);
  if (missing) return { error: `Unknown split "${missing.split}"; the source has ${names.map((n) => `"${n}"`).join(', ') || 'no splits'}.` };
  const files = parts.flatMap((p) => source.splits[p.split]);
  if (!files.length) return { error: `No data files for split "${parts[0].split}".` };
  for (const f of files) {
    const d = await checkReadAccess(f, access);
    if (!d.allowed) return { error: d.reason ?? `${f} is not read.` };
  }
  // The preview's reader on the first file: a corrupt file says what it says in the preview.
  const first = await readDataFile(files[0], source.format, { maxRows: 1, field: spec.field, delimiter: spec.delimiter, signal, access });
  if (!first.ok) return { error: first.error };
  const out: SourceFiles = { format: source.format, parts: [], field: spec.field, delimiter: spec.delimiter, files, warnings: [...source.warnings], access };
  for (const p of parts) {
    const pfiles = source.splits[p.split];
    if (p.from === undefined && p.to === undefined) { out.parts.push({ split: p.split, files: pfiles, start: 0 }); continue; }
    const simple = p.unit === 'abs' && (p.from ?? 0) >= 0 && (p.to === undefined || p.to >= 0);
    if (simple) { out.parts.push({ split: p.split, files: pfiles, start: p.from ?? 0, end: p.to }); continue; }
    // Percent or negative bounds need the split's size: count its rows (a fast pass).
    let n = source.metadata?.rowCounts?.[p.split];
    if (n === undefined) {
      n = 0;
      for await (const batch of streamFiles({ ...out, parts: [{ split: p.split, files: pfiles, start: 0 }] }, signal, 4096)) n += batch.length;
    }
    const [start, end] = sliceRange(p, n);
    out.parts.push({ split: p.split, files: pfiles, start, end });
  }
  return { kind: 'files', ...out };
}

/** The rows of a source in batches of about `batchSize`, numbered in order. Throws Error with a clear message on a read failure. */
export async function* streamSourceRows(source: ReportSource, signal?: AbortSignal, batchSize = 256): AsyncGenerator<SourceRow[]> {
  if (source.kind === 'literal') {
    for (let i = 0; i < source.rows.length; i += batchSize) yield source.rows.slice(i, i + batchSize).map((row, k) => ({ index: i + k, row }));
    return;
  }
  yield* streamFiles(source, signal, batchSize);
}

async function* streamFiles(source: SourceFiles, signal: AbortSignal | undefined, batchSize: number): AsyncGenerator<SourceRow[]> {
  let index = 0;
  for (const part of source.parts) {
    let inPart = 0;
    let batch: SourceRow[] = [];
    for (const file of part.files) {
      for await (const raw of fileRows(file, source, signal)) {
        if (signal?.aborted) throw new Error('cancelled');
        const here = inPart++;
        if (here < part.start) continue;
        if (part.end !== undefined && here >= part.end) break;
        batch.push(typeof raw === 'string' ? { index: index++, line: raw } : { index: index++, row: raw });
        if (batch.length >= batchSize) { yield batch; batch = []; }
      }
      if (part.end !== undefined && inPart >= part.end) break;
    }
    if (batch.length) yield batch;
  }
}

type RawRow = string | Record<string, unknown>;

function fileRows(path: string, source: SourceFiles, signal?: AbortSignal): AsyncGenerator<RawRow> {
  const open = () => BoundedFile.open(path, Number.MAX_SAFE_INTEGER, signal, source.access);
  switch (source.format) {
    case 'json': return jsonRows(open, path, source.field);
    case 'csv': return csvRows(open, path, source.delimiter);
    case 'parquet': return parquetRows(open);
    case 'arrow': return arrowRows(open);
    case 'text': return textRows(open);
  }
}

/** JSON Lines rows as their text; a whole JSON document (array, or `field=`) as objects. */
type Opener = () => Promise<BoundedFile>;

async function* jsonRows(open: Opener, path: string, field: string | undefined): AsyncGenerator<RawRow> {
  const file = await open();
  try {
    const head = (await file.read(0, Math.min(4096, file.size))).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (field !== undefined || head.startsWith('[')) {
      if (file.size > MAX_DOCUMENT_BYTES) throw new Error(`${path} is a single JSON document of ${Math.round(file.size / 1e6)} MB; the report reads documents up to ${MAX_DOCUMENT_BYTES / 1e6} MB (JSON Lines files have no such limit).`);
      const doc = JSON.parse((await file.read(0, file.size)).toString('utf8').replace(/^\uFEFF/, '')) as unknown;
      const rows = field !== undefined ? (doc as Record<string, unknown>)?.[field] : doc;
      if (!Array.isArray(rows)) throw new Error(`${path} has no list of rows${field ? ` under "${field}"` : ''}.`);
      for (const r of rows) yield r as Record<string, unknown>;
      return;
    }
    for await (const { text } of readLines(file, MAX_LINE_BYTES)) if (text.trim() !== '') yield text;
  } finally {
    await file.close();
  }
}

async function* textRows(open: Opener): AsyncGenerator<RawRow> {
  const file = await open();
  try {
    for await (const { text } of readLines(file, MAX_LINE_BYTES)) yield { text };
  } finally {
    await file.close();
  }
}

async function* csvRows(open: Opener, path: string, delimiter?: string): AsyncGenerator<RawRow> {
  const file = await open();
  // csv-parse is loaded on first use.
  const parser = (require('csv-parse') as typeof CsvParse).parse({ delimiter: delimiter ?? (/\.tsv$/i.test(path) ? '\t' : ','), bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true });
  const input = file.stream();
  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  let header: string[] | undefined;
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      if (!header) { header = rec; continue; }
      yield Object.fromEntries(header.map((h, i) => [h, rec[i] ?? null]));
    }
  } finally {
    input.destroy();
    parser.destroy();
    await file.close();
  }
}

async function* parquetRows(open: Opener): AsyncGenerator<RawRow> {
  const [hp, hc] = await Promise.all([import('hyparquet'), import('hyparquet-compressors')]);
  const file = await open();
  try {
    const buffer = file.asAsyncBuffer();
    const metadata = await hp.parquetMetadataAsync(buffer);
    let start = 0;
    for (const group of metadata.row_groups) {
      const end = start + Number(group.num_rows);
      const rows = await hp.parquetReadObjects({ file: buffer, metadata, rowStart: start, rowEnd: end, rowFormat: 'object', compressors: hc.compressors as import('hyparquet').Compressors });
      const ctx = newJsonSafeContext();
      for (const r of rows) { ctx.nodes = 0; ctx.chars = 0; yield rowToJsonSafe(r as Record<string, unknown>, ctx); }
      start = end;
    }
  } finally {
    await file.close();
  }
}

async function* arrowRows(open: Opener): AsyncGenerator<RawRow> {
  const { RecordBatchReader } = await import('apache-arrow');
  const file = await open();
  try {
    const reader = await RecordBatchReader.from(Readable.toWeb(file.stream() as Readable) as unknown as AsyncIterable<Uint8Array>);
    const ctx = newJsonSafeContext();
    for await (const batch of reader) {
      for (const r of batch) { ctx.nodes = 0; ctx.chars = 0; yield rowToJsonSafe(r as unknown as Record<string, unknown>, ctx); }
    }
  } finally {
    await file.close();
  }
}

/**
 * Rows the source will yield, when cheap to know (for progress only): literal rows, Parquet footers,
 * JSON Lines by counting non-blank lines. Undefined otherwise.
 */
export async function countRows(source: ReportSource, signal?: AbortSignal): Promise<number | undefined> {
  if (source.kind === 'literal') return source.rows.length;
  let total = 0;
  for (const part of source.parts) {
    let n = 0;
    for (const f of part.files) {
      const c = await countFileRows(f, source, signal).catch(() => undefined);
      if (c === undefined) return undefined;
      n += c;
    }
    total += Math.max(0, Math.min(n, part.end ?? n) - Math.min(part.start, n));
  }
  return total;
}

async function countFileRows(path: string, source: SourceFiles, signal?: AbortSignal): Promise<number | undefined> {
  const format = source.format;
  if (format === 'parquet') {
    const hp = await import('hyparquet');
    const file = await BoundedFile.open(path, Number.MAX_SAFE_INTEGER, signal, source.access);
    try {
      const n = Number((await hp.parquetMetadataAsync(file.asAsyncBuffer())).num_rows);
      return plausibleRowCount(n, file.size) ? n : undefined;
    } finally { await file.close(); }
  }
  if (format !== 'json' && format !== 'text') return undefined;
  const file = await BoundedFile.open(path, Number.MAX_SAFE_INTEGER, signal, source.access);
  try {
    const head = (await file.read(0, Math.min(64, file.size))).toString('utf8').replace(/^\uFEFF/, '').trimStart();
    if (format === 'json' && head.startsWith('[')) return undefined;
    let n = 0;
    let blank = true;
    for (let off = 0; off < file.size; off += 1 << 20) {
      const chunk = await file.read(off, Math.min(1 << 20, file.size - off));
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (c === 0x0a) { if (!blank || format === 'text') n++; blank = true; } else if (c !== 0x20 && c !== 0x0d && c !== 0x09) blank = false;
      }
    }
    if (!blank) n++;
    return n;
  } finally {
    await file.close();
  }
}
