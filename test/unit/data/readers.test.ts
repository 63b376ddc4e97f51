import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bool, Float64, Int64, Utf8 } from 'apache-arrow';
import { readDataFile } from '../../../server/src/engine/data/read-data-file';
import type { DataPreview, DataResult } from '../../../server/src/engine/data/types';
import { PARQUET_DIR, arrowTable, chatTable, cleanup, hfMetadata, jsonl, makeTmp, put, writeArrow } from './fixtures';

function ok(r: DataResult): DataPreview {
  if (!r.ok) assert.fail(`expected ok, got: ${r.error}`);
  return r.preview;
}
const types = (p: DataPreview) => Object.fromEntries(p.columns.map((c) => [c.name, c.type]));

describe('data: readDataFile', () => {
  let dir: string;
  before(() => {
    dir = makeTmp();
  });
  after(() => cleanup(dir));

  describe('JSON Lines', () => {
    it('reads columns, types and the first rows', async () => {
      const rows = Array.from({ length: 500 }, (_, i) => ({
        instruction: `q${i}`,
        output: `a${i}`,
        score: i % 2 ? 1.5 : 2,
        ok: true,
        messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'yo' }],
      }));
      const f = put(dir, 'chat.jsonl', jsonl(rows));
      const p = ok(await readDataFile(f, 'json', { maxRows: 10 }));
      assert.equal(p.rows.length, 10);
      assert.deepEqual(p.rows[3], rows[3]);
      assert.deepEqual(types(p), {
        instruction: 'string',
        output: 'string',
        score: 'float64',
        ok: 'bool',
        messages: 'list<struct<role: string, content: string>>',
      });
      assert.equal(p.rowCount, undefined, 'JSON Lines are never scanned for a count');
      assert.deepEqual(p.files, [f]);
    });

    it('unions keys across rows, unifies int64 with float64, and keeps null-only columns as null', async () => {
      const f = put(dir, 'mixed.jsonl', jsonl([{ a: 1, n: null }, { a: 2.5, b: 'x', n: null }, { a: null }]));
      const p = ok(await readDataFile(f, 'json'));
      assert.deepEqual(types(p), { a: 'float64', n: 'null', b: 'string' });
    });

    it('skips blank lines, handles CRLF and a BOM, and a last line without newline', async () => {
      const f = put(dir, 'crlf.jsonl', '\ufeff{"t":"a"}\r\n\r\n{"t":"b"}\r\n{"t":"c"}');
      const p = ok(await readDataFile(f, 'json'));
      assert.deepEqual(p.rows, [{ t: 'a' }, { t: 'b' }, { t: 'c' }]);
    });

    it('keeps long strings whole', async () => {
      const long = 'x'.repeat(200_000);
      const f = put(dir, 'long.jsonl', jsonl([{ text: long }]));
      const p = ok(await readDataFile(f, 'json'));
      assert.equal((p.rows[0].text as string).length, 200_000);
    });

    it('returns the rows before a bad line, with a warning naming the line', async () => {
      const f = put(dir, 'badline.jsonl', '{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n');
      const p = ok(await readDataFile(f, 'json'));
      assert.equal(p.rows.length, 2);
      assert.match(p.warnings.join(' '), /line 3 is not valid JSON/);
    });

    it('maxRows 0 gives columns and no rows', async () => {
      const f = put(dir, 'zero.jsonl', jsonl([{ a: 1 }, { a: 2 }]));
      const p = ok(await readDataFile(f, 'json', { maxRows: 0 }));
      assert.deepEqual(p.rows, []);
      assert.deepEqual(types(p), { a: 'int64' });
    });
  });

  describe('whole-file JSON', () => {
    it('reads an array of objects and knows its length', async () => {
      const rows = Array.from({ length: 250 }, (_, i) => ({ prompt: `p${i}`, chosen: 'c', rejected: 'r' }));
      const f = put(dir, 'arr.json', JSON.stringify(rows, null, 2));
      const p = ok(await readDataFile(f, 'json', { maxRows: 5 }));
      assert.equal(p.rows.length, 5);
      assert.equal(p.rowCount, 250);
      assert.deepEqual(p.columns.map((c) => c.name), ['prompt', 'chosen', 'rejected']);
    });

    it('reads {"data": [...]} with field=, and says field= is needed without it', async () => {
      const f = put(dir, 'squad.json', JSON.stringify({ data: [{ q: 'a' }, { q: 'b' }] }, null, 1));
      const withField = ok(await readDataFile(f, 'json', { field: 'data' }));
      assert.deepEqual(withField.rows, [{ q: 'a' }, { q: 'b' }]);
      const without = ok(await readDataFile(f, 'json'));
      assert.equal(without.rowCount, 2);
      assert.match(without.warnings.join(' '), /field="data"/);
    });

    it('reads a dict of columns the way datasets does', async () => {
      const f = put(dir, 'cols.json', JSON.stringify({ a: [1, 2, 3], b: ['x', 'y', 'z'] }, null, 1));
      const p = ok(await readDataFile(f, 'json'));
      assert.deepEqual(p.rows[1], { a: 2, b: 'y' });
      assert.equal(p.rowCount, 3);
    });

    it('refuses a document larger than maxBytes with a clear error', async () => {
      const f = put(dir, 'bigdoc.json', JSON.stringify(Array.from({ length: 2000 }, (_, i) => ({ i, pad: 'x'.repeat(50) }))));
      const r = await readDataFile(f, 'json', { maxBytes: 16 * 1024 });
      assert.equal(r.ok, false);
      assert.ok(!r.ok && r.code === 'too-large' && r.error.includes(f) && /JSON Lines/.test(r.error), !r.ok ? r.error : '');
    });
  });

  describe('CSV and text', () => {
    it('reads a header, pandas-like types and typed rows', async () => {
      const body = ['question,answer,score,flag', 'What?,"It, is",1,True', 'Why?,"multi\nline",2.5,False'];
      const f = put(dir, 'qa.csv', body.join('\n') + '\n' + Array.from({ length: 300 }, (_, i) => `q${i},a${i},${i},True`).join('\n'));
      const p = ok(await readDataFile(f, 'csv', { maxRows: 3 }));
      assert.deepEqual(types(p), { question: 'string', answer: 'string', score: 'float64', flag: 'bool' });
      assert.deepEqual(p.rows[0], { question: 'What?', answer: 'It, is', score: 1, flag: true });
      assert.equal(p.rows[1].answer, 'multi\nline');
      assert.equal(p.rows.length, 3);
    });

    it('uses tabs for .tsv and renames duplicate / empty headers like pandas', async () => {
      const f = put(dir, 'x.tsv', 'a\ta\t\n1\t2\t3\n');
      const p = ok(await readDataFile(f, 'csv'));
      assert.deepEqual(p.columns.map((c) => c.name), ['a', 'a.1', 'Unnamed: 2']);
      assert.deepEqual(p.rows[0], { a: 1, 'a.1': 2, 'Unnamed: 2': 3 });
    });

    it('reads text as one "text" column per line', async () => {
      const f = put(dir, 'corpus.txt', 'first line\n\nthird line\n');
      const p = ok(await readDataFile(f, 'text'));
      assert.deepEqual(p.columns, [{ name: 'text', type: 'string' }]);
      assert.deepEqual(p.rows, [{ text: 'first line' }, { text: '' }, { text: 'third line' }]);
    });
  });

  describe('Parquet (real files, see test/fixtures/data/parquet/PROVENANCE.md)', () => {
    it('reads a chat column as list<struct<role, content>> with the footer row count', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'struct_offset_index.parquet'), 'parquet', { maxRows: 3 }));
      assert.deepEqual(p.columns, [{ name: 'messages', type: 'list<struct<role: string, content: string>>' }]);
      assert.equal(p.rowCount, 20);
      assert.equal(p.rows.length, 3);
      const first = (p.rows[0].messages as { role: string }[])[0];
      assert.equal(first.role, 'user');
    });

    it('decompresses ZSTD (hyparquet-compressors)', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'delta_length_byte_array.parquet'), 'parquet', { maxRows: 2 }));
      assert.deepEqual(p.rows, [{ FRUIT: 'apple_banana_mango0' }, { FRUIT: 'apple_banana_mango1' }]);
      assert.equal(p.rowCount, 1000);
      assert.deepEqual(types(p), { FRUIT: 'string' });
    });

    it('maps physical and logical types, lists, and BigInt to numbers', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'datapage_v2.snappy.parquet'), 'parquet'));
      assert.deepEqual(types(p), { a: 'string', b: 'int32', c: 'float64', d: 'bool', e: 'list<int32>' });
      assert.deepEqual(p.rows[0], { a: 'abc', b: 1, c: 2, d: true, e: [1, 2, 3] });
      const q = ok(await readDataFile(join(PARQUET_DIR, 'rowgroups.parquet'), 'parquet'));
      assert.equal(q.rowCount, 15);
      assert.equal(q.rows.length, 15, 'rows come from both row groups when needed');
      assert.equal(typeof q.rows[0].numbers, 'number');
      assert.doesNotThrow(() => JSON.stringify(q));
    });

    it('reads the first rows of a multi-row-group file, and a file with zero rows', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'offset_indexed.parquet'), 'parquet', { maxRows: 5 }));
      assert.equal(p.rows.length, 5);
      assert.equal(p.rowCount, 200);
      assert.deepEqual(types(p), { id: 'int64', content: 'string' });
      const empty = ok(await readDataFile(join(PARQUET_DIR, 'issue97.parquet'), 'parquet'));
      assert.equal(empty.rowCount, 0);
      assert.deepEqual(empty.rows, []);
      assert.deepEqual(types(empty), { a: 'float64', b: 'bool' });
    });

    it('maxRows 0 reads only the footer', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'offset_indexed.parquet'), 'parquet', { maxRows: 0 }));
      assert.equal(p.rowCount, 200);
      assert.deepEqual(p.rows, []);
    });

    it('shows columns only when the first row group is over maxBytes', async () => {
      const p = ok(await readDataFile(join(PARQUET_DIR, 'offset_indexed.parquet'), 'parquet', { maxBytes: 1024 }));
      assert.equal(p.rowCount, 200);
      assert.equal(p.columns.length, 2);
      assert.deepEqual(p.rows, []);
      assert.match(p.warnings.join(' '), /too large to preview/);
    });
  });

  describe('Arrow IPC (written with apache-arrow)', () => {
    it('reads the datasets stream format with Features from the huggingface metadata', async () => {
      const f = writeArrow(join(dir, 'ds', 'data-00000-of-00001.arrow'), chatTable(2500, 1000), 'stream');
      const p = ok(await readDataFile(f, 'arrow', { maxRows: 3 }));
      assert.deepEqual(types(p), { messages: 'list<struct<role: string, content: string>>', id: 'int64' });
      assert.equal(p.rowCount, 2500, 'row count from record batch headers');
      assert.deepEqual(p.rows[2], {
        messages: [
          { role: 'user', content: 'question 2' },
          { role: 'assistant', content: 'answer 2' },
        ],
        id: 2,
      });
    });

    it('reads the IPC file format (footer) and gathers rows across small batches', async () => {
      const f = writeArrow(join(dir, 'file.arrow'), chatTable(95, 10), 'file');
      const p = ok(await readDataFile(f, 'arrow', { maxRows: 25 }));
      assert.equal(p.rows.length, 25);
      assert.equal(p.rows[24].id, 24);
      assert.equal(p.rowCount, 95);
    });

    it('prefers Features types (ClassLabel) over storage types', async () => {
      const table = arrowTable(
        { text: { type: new Utf8(), values: ['good', 'bad'] }, label: { type: new Int64(), values: [1n, 0n] } },
        { metadata: hfMetadata({ text: { dtype: 'string', _type: 'Value' }, label: { names: ['neg', 'pos'], _type: 'ClassLabel' } }) },
      );
      const p = ok(await readDataFile(writeArrow(join(dir, 'cls.arrow'), table), 'arrow'));
      assert.deepEqual(types(p), { text: 'string', label: 'class_label[neg, pos]' });
      assert.deepEqual(p.rows[0], { text: 'good', label: 1 });
    });

    it('types come from the Arrow schema without Features; unsafe BigInt becomes a string', async () => {
      const table = arrowTable({
        x: { type: new Float64(), values: [1.5, NaN] },
        b: { type: new Bool(), values: [true, null] },
        big: { type: new Int64(), values: [9007199254740993n, -3n] },
      });
      const p = ok(await readDataFile(writeArrow(join(dir, 'plain.arrow'), table), 'arrow'));
      assert.deepEqual(types(p), { x: 'float64', b: 'bool', big: 'int64' });
      assert.deepEqual(p.rows, [
        { x: 1.5, b: true, big: '9007199254740993' },
        { x: 'NaN', b: null, big: -3 },
      ]);
    });

    it('shows columns only when the first batch is over maxBytes', async () => {
      const f = writeArrow(join(dir, 'bigbatch.arrow'), chatTable(3000, 3000), 'stream');
      const p = ok(await readDataFile(f, 'arrow', { maxBytes: 2048 }));
      assert.equal(p.columns.length, 2);
      assert.deepEqual(p.rows, []);
      assert.equal(p.rowCount, 3000);
      assert.match(p.warnings.join(' '), /preview limit/);
    });
  });

  describe('content beats extension', () => {
    it('reads a Parquet file named .jsonl as Parquet, with a warning', async () => {
      const f = join(dir, 'actually.jsonl');
      copyFileSync(join(PARQUET_DIR, 'rowgroups.parquet'), f);
      const p = ok(await readDataFile(f, 'json'));
      assert.equal(p.rowCount, 15);
      assert.match(p.warnings[0], /is a Parquet file, not JSON; it was read as Parquet/);
    });

    it('reads an Arrow stream named .parquet as Arrow', async () => {
      const f = writeArrow(join(dir, 'actually.parquet'), chatTable(3), 'stream');
      const p = ok(await readDataFile(f, 'parquet'));
      assert.equal(p.rowCount, 3);
      assert.match(p.warnings[0], /Arrow IPC stream/);
    });
  });
});
