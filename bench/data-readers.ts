// Benchmark of the data readers on multi-gigabyte files: time to columns + first 100 rows, and
// process memory (RSS) before and after, each case in a fresh process.
//
//   node --import tsx bench/data-readers.ts            # all cases
//   BENCH_DIR=/tmp/x BENCH_JSONL_GB=2 node --import tsx bench/data-readers.ts
//
// Generated files are kept in BENCH_DIR (default: <tmp>/trainlint-bench) and reused when their
// size matches. Parquet: written with hyparquet-writer (a dev dependency), row group after row group,
// like a `datasets` export (chat messages as JSON text, a source string and an int64 id).
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Field, Int64, List, Struct, Utf8, tableFromArrays, tableToIPC, vectorFromArray } from 'apache-arrow';
import { DataSourceCache } from '../server/src/engine/data/cache';
import { readDataFile } from '../server/src/engine/data/read-data-file';
import { configureIsolation, shutdownIsolation, warmUpDecoder } from '../server/src/engine/data/isolated-decode';
import type { DataFormat } from '../server/src/engine/data/types';

const GB = 1024 ** 3;
const MB = 1024 ** 2;
const dir = process.env.BENCH_DIR ?? join(tmpdir(), 'trainlint-bench');
const jsonlBytes = Math.round(Number(process.env.BENCH_JSONL_GB ?? 2) * GB);
const csvBytes = Math.round(Number(process.env.BENCH_CSV_GB ?? 1) * GB);
const arrowBytes = Math.round(Number(process.env.BENCH_ARROW_GB ?? 1) * GB);
const parquetBytes = Math.round(Number(process.env.BENCH_PARQUET_GB ?? 1) * GB);

function chatRow(i: number): { messages: { role: string; content: string }[]; source: string; id: number } {
  const filler = 'lorem ipsum dolor sit amet '.repeat(12 + (i % 20));
  return {
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: `Question ${i}: ${filler}` },
      { role: 'assistant', content: `Answer ${i}: ${filler}` },
    ],
    source: i % 3 ? 'web' : 'books',
    id: i,
  };
}

/** Writes `target` bytes (at least) by repeating `chunk(i)`; skips when a file of that size exists. */
function generate(path: string, target: number, header: string, chunk: (i: number) => string | Uint8Array, footer?: Uint8Array): void {
  if (existsSync(path) && statSync(path).size >= target) return;
  process.stderr.write(`generating ${path} (${(target / GB).toFixed(1)} GB)…\n`);
  const fd = openSync(path, 'w');
  let written = writeSync(fd, header);
  let pending: Buffer[] = [];
  let pendingLen = 0;
  for (let i = 0; written + pendingLen < target; i++) {
    const c = chunk(i);
    const b = typeof c === 'string' ? Buffer.from(c) : Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    pending.push(b);
    pendingLen += b.length;
    if (pendingLen > 8 * MB) {
      written += writeSync(fd, Buffer.concat(pending));
      pending = [];
      pendingLen = 0;
    }
  }
  if (pendingLen) writeSync(fd, Buffer.concat(pending));
  if (footer) writeSync(fd, footer);
  closeSync(fd);
}

/** One Arrow IPC stream with the same 1,000-row batch repeated: schema, batches…, end marker. */
function generateArrow(path: string, target: number): void {
  const rows = Array.from({ length: 1000 }, (_, i) => chatRow(i));
  const msgType = new List(new Field('item', new Struct([new Field('role', new Utf8(), true), new Field('content', new Utf8(), true)]), true));
  const table = tableFromArrays({
    messages: vectorFromArray(rows.map((r) => r.messages), msgType),
    source: vectorFromArray(rows.map((r) => r.source), new Utf8()),
    id: vectorFromArray(rows.map((r) => BigInt(r.id)), new Int64()),
  } as never);
  const bytes = Buffer.from(tableToIPC(table, 'stream'));
  const schemaEnd = 8 + bytes.readInt32LE(4);
  const batch = bytes.subarray(schemaEnd, bytes.length - 8);
  generate(path, target, '', (i) => (i === 0 ? Buffer.concat([bytes.subarray(0, schemaEnd), batch]) : batch), bytes.subarray(bytes.length - 8));
}

/** A Parquet file of about `target` bytes, written in 20,000-row groups (reused when already there). */
async function generateParquet(path: string, target: number): Promise<void> {
  try { if (statSync(path).size >= target * 0.9) return; } catch { /* not there yet */ }
  const { ParquetWriter } = await import('hyparquet-writer');
  const { fileWriter } = await import('hyparquet-writer/src/node.js' as string) as { fileWriter: (f: string) => never };
  const writer = new ParquetWriter({
    writer: fileWriter(path),
    schema: [
      { name: 'root', num_children: 3 },
      { name: 'messages', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'source', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'id', type: 'INT64', repetition_type: 'OPTIONAL' },
    ],
    codec: 'UNCOMPRESSED', // the size on disk is the point; compression would only add write time
  } as never);
  const rows = 20_000;
  let written = 0;
  for (let g = 0; written < target; g++) {
    const batch = Array.from({ length: rows }, (_, i) => chatRow(g * rows + i));
    writer.write({
      columnData: [
        { name: 'messages', data: batch.map((r) => JSON.stringify(r.messages)) },
        { name: 'source', data: batch.map((r) => r.source) },
        { name: 'id', data: batch.map((r) => BigInt(r.id)) },
      ],
      rowGroupSize: rows,
    } as never);
    written = statSync(path).size;
  }
  writer.finish();
}

interface Measure {
  coldMs: number;
  prewarmedMs?: number;
  warmMs: number;
  cachedMs?: number;
  rssBeforeMB: number;
  rssAfterMB: number;
  rssPeakMB: number;
  rows: number;
  columns: string;
  rowCount?: number;
  sizeGB: number;
  error?: string;
}

async function measure(format: DataFormat, path: string, prewarm: boolean): Promise<Measure> {
  if (process.env.BENCH_WORKER) configureIsolation({ script: process.env.BENCH_WORKER });
  const rss = () => process.memoryUsage().rss / MB;
  if (prewarm) {
    warmUpDecoder();
    await new Promise((r) => setTimeout(r, 1500));
    const t0 = performance.now();
    await readDataFile(path, format, { maxRows: 100 });
    const prewarmedMs = performance.now() - t0;
    await shutdownIsolation();
    return { prewarmedMs } as Measure;
  }
  let peak = rss();
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 5);
  const rssBefore = rss();
  let t = performance.now();
  const cold = await readDataFile(path, format, { maxRows: 100 });
  const coldMs = performance.now() - t;
  t = performance.now();
  await readDataFile(path, format, { maxRows: 100 });
  const warmMs = performance.now() - t;
  const cache = new DataSourceCache();
  const spec = { kind: 'from_file' as const, format, path, cwd: process.cwd() };
  await cache.get(spec);
  t = performance.now();
  await cache.get(spec);
  const cachedMs = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, rss());
  const out: Measure = {
    coldMs,
    warmMs,
    cachedMs,
    rssBeforeMB: rssBefore,
    rssAfterMB: rss(),
    rssPeakMB: peak,
    rows: cold.ok ? cold.preview.rows.length : 0,
    columns: cold.ok ? cold.preview.columns.map((c) => `${c.name}: ${c.type}`).join('; ') : '',
    rowCount: cold.ok ? cold.preview.rowCount : undefined,
    sizeGB: statSync(path).size / GB,
    error: cold.ok ? undefined : cold.error,
  };
  await shutdownIsolation();
  return out;
}

async function main(): Promise<void> {
  if (process.argv[2] === '--measure') {
    const m = await measure(process.argv[3] as DataFormat, process.argv[4], process.argv[5] === 'prewarm');
    process.stdout.write(JSON.stringify(m));
    return;
  }
  mkdirSync(dir, { recursive: true });
  const jsonl = join(dir, 'chat.jsonl');
  const csv = join(dir, 'qa.csv');
  const arrow = join(dir, 'data-00000-of-00001.arrow');
  generate(jsonl, jsonlBytes, '', (i) => JSON.stringify(chatRow(i)) + '\n');
  generate(csv, csvBytes, 'question,answer,score\n', (i) => `"Question ${i}, ${'x'.repeat(200)}","Answer ${i}",${i % 5}\n`);
  generateArrow(arrow, arrowBytes);
  const parquet = join(dir, 'train-00000-of-00001.parquet');
  await generateParquet(parquet, parquetBytes);

  // The decode worker as a bundle would ship it (from sources, tsx compiles it in the worker).
  const worker = join(dir, 'decode-worker.js');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('esbuild') as typeof import('esbuild')).buildSync({
    entryPoints: [resolve(__dirname, '../server/src/engine/data/decode-worker.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile: worker,
    logLevel: 'warning',
  });
  const env = { ...process.env, BENCH_WORKER: worker };

  const cases: [string, DataFormat, string][] = [
    ['JSON Lines', 'json', jsonl],
    ['text (JSONL read as text)', 'text', jsonl],
    ['CSV', 'csv', csv],
    ['Arrow IPC stream', 'arrow', arrow],
    ['Parquet', 'parquet', parquet],
  ];
  const lines: string[] = [];
  lines.push('| case | size | cold (ms) | after warm-up (ms) | warm (ms) | cache hit (ms) | RSS before → after (peak) MB | rows | rowCount |');
  lines.push('|---|---|---|---|---|---|---|---|---|');
  for (const [name, format, path] of cases) {
    const run = (extra: string[]) => execFileSync(process.execPath, [...process.execArgv, __filename, '--measure', format, path, ...extra], { encoding: 'utf8', env });
    const m = JSON.parse(run([])) as Measure;
    const binary = format === 'parquet' || format === 'arrow';
    const pre = binary ? (JSON.parse(run(['prewarm'])) as Measure).prewarmedMs?.toFixed(1) : '—';
    const size = m.sizeGB >= 0.1 ? `${m.sizeGB.toFixed(2)} GB` : `${(m.sizeGB * 1024 * 1024).toFixed(0)} KB`;
    lines.push(
      `| ${name} | ${size} | ${m.coldMs.toFixed(1)} | ${pre} | ${m.warmMs.toFixed(1)} | ${m.cachedMs?.toFixed(2)} | ${m.rssBeforeMB.toFixed(0)} → ${m.rssAfterMB.toFixed(0)} (${m.rssPeakMB.toFixed(0)}) | ${m.rows} | ${m.rowCount ?? '—'} |` +
        (m.error ? ` ERROR: ${m.error}` : ''),
    );
  }
  process.stdout.write(lines.join('\n') + '\n');
  process.stdout.write(
    'cold = first read in a fresh process (Arrow/Parquet: includes starting the decode worker, bundled with esbuild as it would ship);\n' +
      'after warm-up = first read after warmUpDecoder() had 1.5 s; warm = second read; cache hit = DataSourceCache.get on an unchanged file.\n',
  );
}

void main();
