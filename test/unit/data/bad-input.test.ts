import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, symlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readDataFile } from '../../../server/src/engine/data/read-data-file';
import type { DataFormat, DataResult } from '../../../server/src/engine/data/types';
import { PARQUET_DIR, chatTable, cleanup, jsonl, makeTmp, put, writeArrow } from './fixtures';

function failed(r: DataResult): { error: string; code?: string } {
  if (r.ok) assert.fail(`expected a failure, got ok with ${r.preview.rows.length} rows`);
  return r;
}

/** Deterministic pseudo-random bytes (xorshift), so failures reproduce. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

describe('data: bad input never throws or hangs', () => {
  let dir: string;
  before(() => {
    dir = makeTmp();
  });
  after(() => cleanup(dir));

  it('a missing file', async () => {
    const f = join(dir, 'nope.jsonl');
    const r = failed(await readDataFile(f, 'json'));
    assert.equal(r.code, 'not-found');
    assert.equal(r.error, `${f} does not exist.`);
  });

  it('a folder', async () => {
    const d = join(dir, 'folder.parquet');
    mkdirSync(d);
    const r = failed(await readDataFile(d, 'parquet'));
    assert.match(r.error, /is a folder, not a data file/);
  });

  it('a symlink loop', async () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    const r = failed(await readDataFile(join(dir, 'loop-a'), 'json'));
    assert.match(r.error, /loop/);
  });

  it('an unreadable file', async function () {
    this.timeout(60000);
    const f = put(dir, 'secret.jsonl', jsonl([{ a: 1 }]));
    chmodSync(f, 0o000);
    if (process.getuid?.() !== 0) {
      assert.match(failed(await readDataFile(f, 'json')).error, /permission denied/);
      return;
    }
    // Root reads everything (CI runs as root): read it as the unprivileged user `nobody` instead.
    chmodSync(dir, 0o755);
    const reader = join(__dirname, '..', '..', '..', 'server', 'src', 'engine', 'data', 'read-data-file.ts');
    const out = execFileSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--', process.execPath, '--import', 'tsx', '-e',
      `require(${JSON.stringify(reader)}).readDataFile(${JSON.stringify(f)}, 'json').then((r) => process.stdout.write(JSON.stringify(r)))`,
    ], { encoding: 'utf8', env: { ...process.env, HOME: '/tmp' } });
    assert.match(failed(JSON.parse(out) as DataResult).error, /permission denied/);
  });

  it('a FIFO does not block', async () => {
    const f = join(dir, 'pipe.jsonl');
    execFileSync('mkfifo', [f]); // no mkfifo: the test fails rather than passing untested
    const r = failed(await readDataFile(f, 'json'));
    assert.match(r.error, /not a regular file/);
  });

  it('empty files', async () => {
    const f = put(dir, 'empty.jsonl', '');
    const j = await readDataFile(f, 'json');
    assert.ok(j.ok && j.preview.rows.length === 0 && j.preview.warnings[0].includes('empty'));
    assert.match(failed(await readDataFile(put(dir, 'empty.parquet', ''), 'parquet')).error, /is empty, not a Parquet file/);
    assert.match(failed(await readDataFile(put(dir, 'empty.arrow', ''), 'arrow')).error, /is empty, not a Arrow file|is empty/);
  });

  it('binary junk in a .jsonl, .csv and .txt', async () => {
    const next = rng(7);
    const junk = Buffer.from(Array.from({ length: 10_000 }, () => Math.floor(next() * 256)));
    for (const [name, fmt] of [['junk.jsonl', 'json'], ['junk.csv', 'csv'], ['junk.txt', 'text']] as [string, DataFormat][]) {
      const r = failed(await readDataFile(put(dir, name, junk), fmt));
      assert.match(r.error, /is binary data/);
    }
  });

  it('compressed data, UTF-16 and Git LFS pointers are named as such', async () => {
    const gz = failed(await readDataFile(put(dir, 'train.jsonl', gzipSync(jsonl([{ a: 1 }]))), 'json'));
    assert.equal(gz.code, 'unsupported');
    assert.match(gz.error, /gzip-compressed/);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a":1}\n', 'utf16le')]);
    assert.match(failed(await readDataFile(put(dir, 'u16.jsonl', utf16), 'json')).error, /UTF-16/);
    const lfs = 'version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 123\n';
    assert.match(failed(await readDataFile(put(dir, 'lfs.parquet', lfs), 'parquet')).error, /Git LFS pointer/);
  });

  it('text where Parquet or Arrow is expected', async () => {
    assert.match(failed(await readDataFile(put(dir, 'html.parquet', '<html>404</html>'), 'parquet')).error, /not a Parquet file/);
    assert.match(failed(await readDataFile(put(dir, 'html.arrow', '<html>404</html>'), 'arrow')).error, /not an Arrow file/);
  });

  it('JSON Lines whose line 1 is not an object, or not JSON', async () => {
    assert.match(failed(await readDataFile(put(dir, 'nums.jsonl', '1\n2\n'), 'json')).error, /does not start with an object/);
    assert.match(failed(await readDataFile(put(dir, 'arrline.jsonl', '{"a": [1,\n'), 'json')).error, /neither JSON Lines nor a JSON document/);
  });

  it('a first line longer than maxLineBytes is refused after reading at most that much', async () => {
    const f = put(dir, 'longline.jsonl', Buffer.concat([Buffer.from('{"text":"'), Buffer.alloc(40 * 1024 * 1024, 'x'), Buffer.from('"}\n')]));
    const r = failed(await readDataFile(f, 'json', { maxLineBytes: 1024 * 1024 }));
    assert.equal(r.code, 'too-large');
    assert.match(r.error, /line 1 is longer than 1\.0 MB/);
  });

  it('a 10 GB (sparse) JSON Lines file: first rows only, quickly', async () => {
    const f = join(dir, 'huge.jsonl');
    const fd = openSync(f, 'w');
    writeSync(fd, jsonl(Array.from({ length: 200 }, (_, i) => ({ i, text: `row ${i}` }))));
    ftruncateSync(fd, 10 * 1024 * 1024 * 1024);
    closeSync(fd);
    const t = Date.now();
    const r = await readDataFile(f, 'json', { maxRows: 100 });
    assert.ok(r.ok);
    assert.equal(r.preview.rows.length, 100);
    assert.ok(Date.now() - t < 2000);
    // A huge JSON array document is refused instead of parsed.
    const g = join(dir, 'huge.json');
    const gd = openSync(g, 'w');
    writeSync(gd, `[${'{"a": 1},'.repeat(1000)}`);
    ftruncateSync(gd, 10 * 1024 * 1024 * 1024);
    closeSync(gd);
    assert.equal(failed(await readDataFile(g, 'json')).code, 'too-large');
  });

  it('truncated Parquet files', async () => {
    const bytes = readFileSync(join(PARQUET_DIR, 'struct_offset_index.parquet'));
    for (const cut of [4, 12, 100, bytes.length / 2, bytes.length - 9, bytes.length - 1]) {
      const f = put(dir, `cut-${cut}.parquet`, bytes.subarray(0, Math.floor(cut)));
      const r = failed(await readDataFile(f, 'parquet'));
      assert.match(r.error, /truncated|corrupt/, r.error);
      assert.ok(r.error.includes(f));
    }
  });

  it('a Parquet footer claiming more bytes than the file has', async () => {
    const bytes = Buffer.from(readFileSync(join(PARQUET_DIR, 'rowgroups.parquet')));
    bytes.writeUInt32LE(0x7fffffff, bytes.length - 8);
    assert.match(failed(await readDataFile(put(dir, 'hugefooter.parquet', bytes), 'parquet')).error, /footer claims/);
  });

  it('truncated Arrow streams: early cut fails, late cut keeps the rows and drops the count', async () => {
    const f = writeArrow(join(dir, 'whole.arrow'), chatTable(3000, 1000), 'stream');
    const bytes = readFileSync(f);
    assert.match(failed(await readDataFile(put(dir, 'arrow-cut-early.arrow', bytes.subarray(0, 20)), 'arrow')).error, /truncated|corrupt/);
    const late = await readDataFile(put(dir, 'arrow-cut-late.arrow', bytes.subarray(0, bytes.length - 500)), 'arrow', { maxRows: 5 });
    assert.ok(late.ok, !late.ok ? late.error : '');
    assert.equal(late.preview.rows.length, 5);
    assert.equal(late.preview.rowCount, undefined);
    assert.match(late.preview.warnings.join(' '), /truncated/);
  });

  it('an Arrow message header claiming gigabytes', async () => {
    const bytes = Buffer.from(readFileSync(writeArrow(join(dir, 'hdr.arrow'), chatTable(5), 'stream')));
    bytes.writeInt32LE(0x7ffffff0, 4);
    assert.match(failed(await readDataFile(put(dir, 'hdr-bad.arrow', bytes), 'arrow')).error, /corrupt|claims/);
  });

  it('a cancelled read', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = failed(await readDataFile(put(dir, 'c.jsonl', jsonl([{ a: 1 }])), 'json', { signal: ac.signal }));
    assert.equal(r.code, 'cancelled');
  });

  it('a Parquet file that makes the decoder loop forever is stopped by the worker deadline', async function () {
    this.timeout(20_000);
    const f = join(PARQUET_DIR, 'regression-rle-hang.parquet');
    const t = Date.now();
    const r = failed(await readDataFile(f, 'parquet', { timeoutMs: 1500 }));
    assert.ok(Date.now() - t < 6000);
    assert.equal(r.error, `${f} could not be decoded within 1.5 s; it may be corrupt.`);
    // The worker was replaced: the next file reads normally.
    const next = await readDataFile(join(PARQUET_DIR, 'rowgroups.parquet'), 'parquet');
    assert.ok(next.ok && next.preview.rowCount === 15);
  });

  it('a decode in the worker can be cancelled', async function () {
    this.timeout(20_000);
    const ac = new AbortController();
    const pending = readDataFile(join(PARQUET_DIR, 'regression-rle-hang.parquet'), 'parquet', { signal: ac.signal, timeoutMs: 15_000 });
    setTimeout(() => ac.abort(), 200);
    const t = Date.now();
    assert.equal(failed(await pending).code, 'cancelled');
    assert.ok(Date.now() - t < 3000);
  });

  it('fuzz: mutated Parquet and Arrow files always give a result', async function () {
    this.timeout(60_000);
    const next = rng(42);
    const sources: [Buffer, DataFormat][] = [
      [readFileSync(join(PARQUET_DIR, 'struct_offset_index.parquet')), 'parquet'],
      [readFileSync(join(PARQUET_DIR, 'datapage_v2.snappy.parquet')), 'parquet'],
      [readFileSync(join(PARQUET_DIR, 'delta_length_byte_array.parquet')), 'parquet'],
      [readFileSync(writeArrow(join(dir, 'fz.arrow'), chatTable(50, 20), 'stream')), 'arrow'],
      [readFileSync(writeArrow(join(dir, 'fzf.arrow'), chatTable(50, 20), 'file')), 'arrow'],
    ];
    let n = 0;
    for (const [src, fmt] of sources) {
      for (let k = 0; k < 60; k++) {
        const b = Buffer.from(src);
        const flips = 1 + Math.floor(next() * 8);
        for (let j = 0; j < flips; j++) b[Math.floor(next() * b.length)] = Math.floor(next() * 256);
        const f = put(dir, `fuzz-${n++}.${fmt}`, b);
        const r = await readDataFile(f, fmt, { maxBytes: 8 * 1024 * 1024, timeoutMs: 3000 });
        assert.ok(typeof r.ok === 'boolean');
        if (!r.ok) assert.ok(r.error.length > 0);
        else assert.doesNotThrow(() => JSON.stringify(r.preview));
      }
    }
  });
});
