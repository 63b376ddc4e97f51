/**
 * CSV/TSV the way `load_dataset("csv")` (pandas `read_csv`, header on line 1) reads them: the
 * parser pulls the file chunk by chunk and stops after the first rows, so file size does not matter.
 */
import { Readable } from 'node:stream';
import type * as CsvParse from 'csv-parse';
import type { BoundedFile } from './bounded-file';
import { BudgetExceededError, DataReadError, formatBytes } from './failure';
import { inferCsvColumns } from './infer-types';
import type { ReaderOptions } from './reader-options';
import type { ColumnInfo, DataPreview } from './types';

const CHUNK = 64 * 1024;

export async function readCsvFile(file: BoundedFile, opts: ReaderOptions): Promise<DataPreview> {
  const delimiter = opts.delimiter ?? (file.path.toLowerCase().match(/\.tsv(\.[a-z0-9]+)?$/) ? '\t' : ',');
  const records: string[][] = [];
  const warnings: string[] = [];
  const want = Math.max(1, opts.maxRows) + 1; // header + rows

  const source = Readable.from(chunks(file), { objectMode: false });
  const parser = (require('csv-parse') as typeof CsvParse).parse({
    delimiter,
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: opts.maxLineBytes,
  });
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  try {
    for await (const rec of parser as AsyncIterable<string[]>) {
      records.push(rec);
      if (records.length >= want) break;
    }
  } catch (err) {
    if (err instanceof BudgetExceededError && records.length > 1) {
      warnings.push(`${file.path}: stopped after ${records.length - 1} rows, at the ${formatBytes(file.budget)} preview limit.`);
    } else if (err instanceof DataReadError) {
      throw err;
    } else if ((err as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
      const msg = `${file.path}: row ${records.length + 1} is longer than ${formatBytes(opts.maxLineBytes)}; only shorter rows can be previewed.`;
      if (records.length <= 1) throw new DataReadError('too-large', msg);
      warnings.push(msg);
    } else {
      const detail = (err as Error).message;
      if (records.length <= 1) throw new DataReadError('invalid', `${file.path} is not valid CSV (${detail}).`);
      warnings.push(`${file.path}: row ${records.length} is not valid CSV (${detail}); \`datasets\` may fail to load this file.`);
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
  if (records.length === 0) {
    return { columns: [], rows: [], files: [file.path], warnings: [`${file.path} is empty.`], rowCount: 0 };
  }
  const header = pandasColumnNames(records[0]);
  const body = records.slice(1);
  const columns = inferCsvColumns(header, body);
  const rows = body.slice(0, opts.maxRows).map((rec) => toRow(columns, rec));
  if (body.length === 0) warnings.push(`${file.path} has a header but no rows.`);
  return { columns, rows, files: [file.path], warnings };
}

async function* chunks(file: BoundedFile): AsyncGenerator<Buffer> {
  let offset = 0;
  while (offset < file.size) {
    const chunk = await file.read(offset, Math.min(CHUNK, file.size - offset, Math.max(1, file.remaining)));
    if (chunk.length === 0) return;
    offset += chunk.length;
    yield chunk;
  }
}

/** pandas names: empty → "Unnamed: i", duplicates → "a.1", "a.2". */
function pandasColumnNames(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((name, i) => {
    let n = name.trim() === '' ? `Unnamed: ${i}` : name;
    const count = seen.get(n) ?? 0;
    seen.set(n, count + 1);
    if (count > 0) {
      n = `${n}.${count}`;
      seen.set(n, 1);
    }
    return n;
  });
}

function toRow(columns: ColumnInfo[], rec: readonly string[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((col, i) => {
    const cell = rec[i];
    row[col.name] = cell === undefined || cell === '' ? null : convert(col.type, cell);
  });
  return row;
}

function convert(type: string, cell: string): unknown {
  const s = cell.trim();
  if (type === 'int64') {
    const n = Number(s);
    return Number.isSafeInteger(n) ? n : s;
  }
  if (type === 'float64') {
    const n = Number(s);
    return Number.isFinite(n) ? n : s;
  }
  if (type === 'bool') return /^true$/i.test(s);
  return cell;
}
