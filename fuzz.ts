import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDataFile } from './server/src/engine/data/readDataFile';
import { PARQUET_DIR, chatTable, writeArrow } from './test/unit/data/fixtures';
function rng(seed: number) { let x = seed >>> 0 || 1; return () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return (x >>> 0) / 0x100000000; }; }
(async () => {
  const next = rng(Number(process.argv[2] ?? 42));
  const sources: [Buffer, any][] = [
    [readFileSync(join(PARQUET_DIR, 'struct_offset_index.parquet')), 'parquet'],
    [readFileSync(join(PARQUET_DIR, 'datapage_v2.snappy.parquet')), 'parquet'],
    [readFileSync(join(PARQUET_DIR, 'delta_length_byte_array.parquet')), 'parquet'],
    [readFileSync(writeArrow('/tmp/fz/fz.arrow', chatTable(50, 20), 'stream')), 'arrow'],
    [readFileSync(writeArrow('/tmp/fz/fzf.arrow', chatTable(50, 20), 'file')), 'arrow'],
  ];
  let n = 0;
  for (const [src, fmt] of sources) for (let k = 0; k < 60; k++) {
    const b = Buffer.from(src);
    const flips = 1 + Math.floor(next() * 8);
    for (let j = 0; j < flips; j++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
    const f = `/tmp/fz/fuzz-${n++}.${fmt}`; writeFileSync(f, b);
    const t = performance.now();
    process.stdout.write(f + ' ');
    const r = await readDataFile(f, fmt, { maxBytes: 8 * 1024 * 1024 });
    console.log((performance.now() - t).toFixed(0), process.memoryUsage().heapUsed >> 20, r.ok ? 'ok' : r.error.slice(0, 150));
  }
})();
