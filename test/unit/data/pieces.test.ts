import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describeFsError, toFailure } from '../../../server/src/engine/data/failure';
import { expandGlob, segmentToRegExp } from '../../../server/src/engine/data/glob';
import { columnsFromFeatures } from '../../../server/src/engine/data/hf-features';
import { inferColumns, inferCsvColumns } from '../../../server/src/engine/data/infer-types';
import { MAX_LIST_ITEMS, newJsonSafeContext, toJsonSafe } from '../../../server/src/engine/data/json-safe';
import { formatFromName, sniffContent } from '../../../server/src/engine/data/sniff';
import { inferSplitsFromPaths, parseSplitExpr, slicedCount } from '../../../server/src/engine/data/splits';
import { cleanup, makeTmp, put } from './fixtures';

describe('data: split expressions', () => {
  it('parses names, slices, percents and sums', () => {
    assert.deepEqual(parseSplitExpr('train'), [{ split: 'train', unit: 'abs' }]);
    assert.deepEqual(parseSplitExpr('train[:10%]'), [{ split: 'train', unit: '%', to: 10 }]);
    assert.deepEqual(parseSplitExpr('train[10:-5] + test'), [
      { split: 'train', unit: 'abs', from: 10, to: -5 },
      { split: 'test', unit: 'abs' },
    ]);
    assert.deepEqual(parseSplitExpr('validation[ 50% : ]'), [{ split: 'validation', unit: '%', from: 50 }]);
    for (const bad of ['', 'train[5]', 'train[:10%', 'train[::2]', 'train[:101%]', 'train[1%:5]', 'a b']) {
      assert.equal(parseSplitExpr(bad), undefined, bad);
    }
  });

  it('counts sliced rows like datasets (percent rounding to closest)', () => {
    const n = 1001;
    assert.equal(slicedCount({ split: 't', unit: 'abs', to: 10 }, n), 10);
    assert.equal(slicedCount({ split: 't', unit: '%', to: 10 }, n), 100);
    assert.equal(slicedCount({ split: 't', unit: 'abs', from: -100 }, n), 100);
    assert.equal(slicedCount({ split: 't', unit: 'abs', to: 5000 }, n), 1001);
    assert.equal(slicedCount({ split: 't', unit: 'abs', from: 10, to: 5 }, n), 0);
    assert.equal(slicedCount({ split: 't', unit: '%', from: 25, to: 75 }, 4), 2);
  });

  it('infers splits from paths in datasets order of rules', () => {
    assert.deepEqual(inferSplitsFromPaths(['data/train-00000-of-00002.parquet', 'data/train-00001-of-00002-xyz.parquet', 'README.md']), {
      train: ['data/train-00000-of-00002.parquet', 'data/train-00001-of-00002-xyz.parquet'],
    });
    assert.deepEqual(Object.keys(inferSplitsFromPaths(['my_test_file.csv', 'train_data.csv', 'contest.csv'])), ['train', 'test']);
    assert.deepEqual(inferSplitsFromPaths(['contest.csv', 'device.csv']), { train: ['contest.csv', 'device.csv'] });
    assert.deepEqual(Object.keys(inferSplitsFromPaths(['eval/x.jsonl', 'train/y.jsonl'])), ['train', 'test']);
  });
});

describe('data: glob', () => {
  let dir: string;
  before(() => {
    dir = makeTmp();
    for (const f of ['a/x1.json', 'a/x2.json', 'a/y.json', 'a/b/c/z.json', 'a/.h/q.json', 'a/__pycache__/p.json', 'a/[lit].json']) put(dir, f, '{}');
    mkdirSync(join(dir, 'loop'));
    symlinkSync(join(dir, 'loop'), join(dir, 'loop', 'self'));
    put(dir, 'loop/f.json', '{}');
  });
  after(() => cleanup(dir));

  it('matches *, ?, classes and **, skipping hidden entries unless named', async () => {
    const rel = async (p: string) => (await expandGlob(join(dir, p))).files.map((f) => f.slice(dir.length + 1));
    assert.deepEqual(await rel('a/x?.json'), ['a/x1.json', 'a/x2.json']);
    assert.deepEqual(await rel('a/[xy]*.json'), ['a/x1.json', 'a/x2.json', 'a/y.json']);
    assert.deepEqual(await rel('a/[!x]*.json'), ['a/[lit].json', 'a/y.json']);
    assert.deepEqual(await rel('a/**/*.json'), ['a/[lit].json', 'a/b/c/z.json', 'a/x1.json', 'a/x2.json', 'a/y.json']);
    assert.deepEqual(await rel('a/.h/*.json'), ['a/.h/q.json']);
    assert.deepEqual(await rel('a/**'), ['a/[lit].json', 'a/b/c/z.json', 'a/x1.json', 'a/x2.json', 'a/y.json']);
    assert.deepEqual(await rel('nothing/*.json'), []);
  });

  it('survives symlink loops and stops at its bounds', async () => {
    const r = await expandGlob(join(dir, 'loop/**/*.json'));
    assert.ok(r.files.length >= 1 && r.files.length < 100);
    const capped = await expandGlob(join(dir, 'a/**/*.json'), { maxResults: 2 });
    assert.equal(capped.truncated, true);
  });

  it('escapes regex characters in literal parts', () => {
    assert.ok(segmentToRegExp('a+b(1).json').test('a+b(1).json'));
    assert.ok(!segmentToRegExp('a.json').test('abjson'));
  });
});

describe('data: types', () => {
  it('infers nested JSON types', () => {
    assert.deepEqual(inferColumns([{ m: [{ role: 'u', content: 'x' }], l: [], n: 1 }, { m: [{ role: 'a', content: 'y', weight: 0.5 }], l: ['s'], n: 2.5 }]), [
      { name: 'm', type: 'list<struct<role: string, content: string, weight: float64>>' },
      { name: 'l', type: 'list<string>' },
      { name: 'n', type: 'float64' },
    ]);
    assert.deepEqual(inferColumns([{ x: 'a' }, { x: 1 }]), [{ name: 'x', type: 'unknown' }]);
  });

  it('infers CSV types like pandas', () => {
    assert.deepEqual(inferCsvColumns(['i', 'f', 'b', 's', 'e'], [['1', '1e3', 'True', 'x', ''], ['-2', 'nan', 'false', '3', '']]), [
      { name: 'i', type: 'int64' },
      { name: 'f', type: 'float64' },
      { name: 'b', type: 'bool' },
      { name: 's', type: 'string' },
      { name: 'e', type: 'null' },
    ]);
  });

  it('reads datasets Features (Value, ClassLabel, Sequence, List, Image, nested)', () => {
    assert.deepEqual(columnsFromFeatures({
      text: { dtype: 'string', _type: 'Value' },
      label: { names: ['neg', 'pos'], _type: 'ClassLabel' },
      ids: { feature: { dtype: 'int32', _type: 'Value' }, length: -1, _type: 'Sequence' },
      answers: { feature: { text: { dtype: 'string', _type: 'Value' }, start: { dtype: 'int32', _type: 'Value' } }, _type: 'Sequence' },
      conv: { _type: 'List', feature: { from: { dtype: 'string', _type: 'Value' }, value: { dtype: 'string', _type: 'Value' } } },
      img: { _type: 'Image' },
      meta: { source: { dtype: 'string', _type: 'Value' } },
    }), [
      { name: 'text', type: 'string' },
      { name: 'label', type: 'class_label[neg, pos]' },
      { name: 'ids', type: 'list<int32>' },
      { name: 'answers', type: 'struct<text: list<string>, start: list<int32>>' },
      { name: 'conv', type: 'list<struct<from: string, value: string>>' },
      { name: 'img', type: 'image' },
      { name: 'meta', type: 'struct<source: string>' },
    ]);
    assert.equal(columnsFromFeatures('nope'), undefined);
  });

  it('sniffs magic bytes and names', () => {
    assert.equal(sniffContent(Buffer.from('PAR1xxxx')), 'parquet');
    assert.equal(sniffContent(Buffer.from('ARROW1\0\0')), 'arrow-file');
    assert.equal(sniffContent(Buffer.from([0xff, 0xff, 0xff, 0xff, 0x10, 0, 0, 0])), 'arrow-stream');
    assert.equal(sniffContent(Buffer.from('{"a": "é"}\n')), 'text');
    assert.equal(sniffContent(Buffer.from([0x7b, 0xc3])), 'text', 'a UTF-8 sequence cut by the sample');
    assert.equal(sniffContent(Buffer.from([0x7b, 0xff, 0x41, 0x42])), 'binary');
    assert.equal(sniffContent(Buffer.alloc(0)), 'empty');
    assert.deepEqual(formatFromName('train.JSONL.gz'), { format: 'json', compressed: '.gz' });
    assert.deepEqual(formatFromName('x.tsv'), { format: 'csv', compressed: undefined });
  });

  it('turns fs errors and anything thrown into sentences naming the file', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    assert.deepEqual(describeFsError('/d/x.csv', err('EACCES')), { ok: false, code: 'io', error: '/d/x.csv cannot be read: permission denied.' });
    assert.equal(describeFsError('/d/x.csv', err('ENOENT'))?.code, 'not-found');
    assert.equal(describeFsError('/d/x.csv', err('EWHATEVER')), undefined);
    assert.deepEqual(toFailure('/d/x.csv', new TypeError('boom\n  at somewhere')), { ok: false, code: 'invalid', error: '/d/x.csv could not be read: boom at somewhere' });
  });

  it('makes values JSON-safe and bounds runaway lists', () => {
    const v = toJsonSafe({ a: 1n, b: 2n ** 70n, c: new Date(0), d: new Uint8Array(3), e: new Float32Array([1.5]), f: new Map([['k', NaN]]) });
    assert.deepEqual(v, { a: 1, b: '1180591620717411303424', c: '1970-01-01T00:00:00.000Z', d: '<3 bytes>', e: [1.5], f: { k: 'NaN' } });
    const ctx = newJsonSafeContext();
    const huge = { length: 4_000_000_000, get: (i: number) => i, data: [], type: {}, constructor: { name: 'Vector' } };
    const out = toJsonSafe(Object.assign(Object.create({ constructor: { name: 'Vector' } }), huge), ctx) as unknown[];
    assert.equal(out.length, MAX_LIST_ITEMS);
    assert.equal(ctx.truncated, true);
  });
});
