// Helpers for the data-reader tests: temp folders, and real Arrow IPC files written with
// apache-arrow's own writer. Parquet fixtures are real files shipped in test/fixtures/data/parquet
// (see PROVENANCE.md there): nothing here hand-crafts a binary format.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  Field,
  Int64,
  List,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  tableFromArrays,
  tableToIPC,
  vectorFromArray,
  type DataType,
} from 'apache-arrow';

export const PARQUET_DIR = resolve(__dirname, '../../fixtures/data/parquet');

/** A fresh temp folder; remove it with `cleanup`. */
export function makeTmp(prefix = 'trainlint-data-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function cleanup(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Writes `content` at `dir/rel`, creating folders. Returns the absolute path. */
export function put(dir: string, rel: string, content: string | Uint8Array): string {
  const p = join(dir, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  return p;
}

export const jsonl = (rows: unknown[]): string => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

export const MESSAGES_TYPE = new List(
  new Field('item', new Struct([new Field('role', new Utf8(), true), new Field('content', new Utf8(), true)]), true),
);

export interface ArrowColumn {
  type: DataType;
  values: unknown[];
}

/** A table whose columns have explicit types, cut into batches of `batchSize` rows. */
export function arrowTable(columns: Record<string, ArrowColumn>, opts: { metadata?: Record<string, string>; batchSize?: number } = {}): Table {
  const names = Object.keys(columns);
  const n = columns[names[0]].values.length;
  const size = opts.batchSize ?? n;
  const batches: RecordBatch[] = [];
  let schema: Schema | undefined;
  for (let start = 0; start < Math.max(n, 1); start += Math.max(size, 1)) {
    const vectors = Object.fromEntries(
      names.map((name) => [name, vectorFromArray(columns[name].values.slice(start, start + size) as never[], columns[name].type)]),
    );
    const t = tableFromArrays(vectors as never);
    schema ??= new Schema(t.schema.fields, new Map(Object.entries(opts.metadata ?? {})));
    for (const b of t.batches) batches.push(new RecordBatch(schema, b.data));
  }
  return new Table(schema!, batches);
}

/** Writes `table` as an Arrow IPC stream (the `datasets` format) or file (`ARROW1`). */
export function writeArrow(path: string, table: Table, format: 'stream' | 'file' = 'stream'): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, tableToIPC(table, format));
  return path;
}

/** The `huggingface` schema metadata `datasets` writes, for a Features dict. */
export function hfMetadata(features: unknown): Record<string, string> {
  return { huggingface: JSON.stringify({ info: { features } }) };
}

/** A chat dataset: `messages` (list<struct<role, content>>) and `id` (int64), in batches. */
export function chatTable(rows: number, batchSize = rows, withFeatures = true): Table {
  const features = {
    messages: [{ role: { dtype: 'string', _type: 'Value' }, content: { dtype: 'string', _type: 'Value' } }],
    id: { dtype: 'int64', _type: 'Value' },
  };
  return arrowTable(
    {
      messages: {
        type: MESSAGES_TYPE,
        values: Array.from({ length: rows }, (_, i) => [
          { role: 'user', content: `question ${i}` },
          { role: 'assistant', content: `answer ${i}` },
        ]),
      },
      id: { type: new Int64(), values: Array.from({ length: rows }, (_, i) => BigInt(i)) },
    },
    { metadata: withFeatures ? hfMetadata(features) : undefined, batchSize },
  );
}
