import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReadAccess, isReadAllowed } from '../../../server/src/engine/data/access';
import { DataSourceCache, specKey } from '../../../server/src/engine/data/cache';
import { loadDataSource } from '../../../server/src/engine/data/data-source';
import type { AccessPolicy, DataPreview, DataResult, DataSourceSpec } from '../../../server/src/engine/data/types';
import { PARQUET_DIR, chatTable, cleanup, jsonl, makeTmp, put, writeArrow } from './fixtures';

function ok(r: DataResult): DataPreview {
  if (!r.ok) assert.fail(`expected ok, got: ${r.error}`);
  return r.preview;
}

describe('data: loadDataSource', () => {
  let dir: string;
  const spec = (s: Omit<DataSourceSpec, 'cwd'>): DataSourceSpec => ({ cwd: dir, ...s });
  before(() => {
    dir = makeTmp();
    // Two parquet shards of 200 rows for train, one of 15 for test.
    mkdirSync(join(dir, 'pq/data'), { recursive: true });
    copyFileSync(join(PARQUET_DIR, 'offset_indexed.parquet'), join(dir, 'pq/data/train-00000-of-00002.parquet'));
    copyFileSync(join(PARQUET_DIR, 'offset_indexed.parquet'), join(dir, 'pq/data/train-00001-of-00002.parquet'));
    copyFileSync(join(PARQUET_DIR, 'rowgroups.parquet'), join(dir, 'pq/data/test-00000-of-00001.parquet'));
    put(dir, 'chat.jsonl', jsonl(Array.from({ length: 300 }, (_, i) => ({ messages: [{ role: 'user', content: `m${i}` }] }))));
  });
  after(() => cleanup(dir));

  it('reads the train split by default, counts rows over all shards, and says only one file was read', async () => {
    const p = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq' }), { maxRows: 5 }));
    assert.equal(p.split, 'train');
    assert.deepEqual(p.splits, ['train', 'test']);
    assert.equal(p.rowCount, 400);
    assert.equal(p.rows.length, 5);
    assert.match(p.warnings.join(' '), /Only the first file of 2 was read/);
    assert.deepEqual(p.columns.map((c) => c.name), ['id', 'content']);
  });

  it('applies [:N] and [:N%] slices to rows and row count', async () => {
    const a = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'train[:3]' })));
    assert.equal(a.rowCount, 3);
    assert.equal(a.rows.length, 3);
    const b = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'train[:10%]' })));
    assert.equal(b.rowCount, 40);
    assert.equal(b.rows.length, 40);
    const c = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'train[-10:]' })));
    assert.equal(c.rowCount, 10);
    assert.match(c.warnings.join(' '), /not those of the slice/);
    const d = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'train[:50%]+test' })));
    assert.equal(d.rowCount, 215);
    assert.equal(d.split, 'train+test');
  });

  it('slices rows of a JSON Lines file without knowing its size', async () => {
    const p = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'chat.jsonl', split: 'train[:7]' })));
    assert.equal(p.rows.length, 7);
    assert.equal(p.rowCount, undefined, 'a JSON Lines file is not counted');
    const q = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'chat.jsonl', split: 'train[:10%]' })));
    assert.equal(q.rows.length, 100, 'a percentage of an unknown size cannot cut rows');
  });

  it('rejects unknown splits and bad split expressions with the available names', async () => {
    const r = await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'validation' }));
    assert.ok(!r.ok);
    assert.match(r.error, /Unknown split "validation".*"train", "test"/);
    const bad = await loadDataSource(spec({ kind: 'load_dataset', builder: 'pq', split: 'train[::2]' }));
    assert.ok(!bad.ok && /not a valid split expression/.test(bad.error));
  });

  it('uses dataset_info.json counts and Features from the datasets cache', async () => {
    const cacheDir = join(dir, 'hf/datasets/org___ds/default/0.0.0/h1');
    writeArrow(join(cacheDir, 'ds-train.arrow'), chatTable(5, 5, false));
    writeFileSync(join(cacheDir, 'dataset_info.json'), JSON.stringify({
      features: { messages: [{ role: { dtype: 'string', _type: 'Value' }, content: { dtype: 'string', _type: 'Value' } }], id: { names: ['a', 'b'], _type: 'ClassLabel' } },
      splits: { train: { num_examples: 123 } },
    }));
    const p = ok(await loadDataSource(spec({ kind: 'load_dataset', builder: 'org/ds' }), { env: { HF_HOME: join(dir, 'hf') } }));
    assert.equal(p.rowCount, 123);
    assert.deepEqual(p.columns, [
      { name: 'messages', type: 'list<struct<role: string, content: string>>' },
      { name: 'id', type: 'class_label[a, b]' },
    ]);
  });

  it('never throws on nonsense specs, and lists nothing outside the workspace', async () => {
    for (const s of [
      spec({ kind: 'load_dataset' }),
      spec({ kind: 'load_from_disk' }),
      spec({ kind: 'pandas' }),
      spec({ kind: 'load_dataset', builder: 'imagefolder', dataDir: 'x' }),
      spec({ kind: 'load_dataset', builder: 'json', dataFiles: { train: [] } }),
      { kind: 'load_dataset', builder: '../../../../etc', cwd: '/nonexistent' } as DataSourceSpec,
      spec({ kind: 'load_dataset', builder: 'json', dataFiles: '../../**/*.json' }),
    ]) {
      const r = await loadDataSource(s, { access: { workspaceRoots: [dir], hfCacheRoots: [], trusted: true } });
      assert.equal(r.ok, false, JSON.stringify(s));
    }
    const etc = await loadDataSource({ kind: 'load_dataset', builder: '/etc', cwd: dir }, { access: { workspaceRoots: [dir], hfCacheRoots: [], trusted: true } });
    assert.ok(!etc.ok && etc.code === 'not-allowed');
  });
});

describe('data: access policy', () => {
  let dir: string;
  let ws: string;
  let outside: string;
  let policy: AccessPolicy;
  before(() => {
    dir = makeTmp();
    ws = join(dir, 'ws');
    outside = join(dir, 'outside');
    put(ws, 'in.jsonl', jsonl([{ a: 1 }]));
    put(outside, 'secret.jsonl', jsonl([{ key: 'x' }]));
    symlinkSync(join(outside, 'secret.jsonl'), join(ws, 'escape.jsonl'));
    symlinkSync(outside, join(ws, 'escape-dir'));
    policy = { workspaceRoots: [ws], hfCacheRoots: [join(dir, 'hf')], trusted: true };
  });
  after(() => cleanup(dir));

  it('allows the workspace, refuses outside it and symlink escapes', async () => {
    assert.equal(await isReadAllowed(join(ws, 'in.jsonl'), policy), true);
    assert.equal(await isReadAllowed(join(outside, 'secret.jsonl'), policy), false);
    assert.equal(await isReadAllowed(join(ws, 'escape.jsonl'), policy), false);
    assert.equal(await isReadAllowed(join(ws, 'escape-dir', 'secret.jsonl'), policy), false);
    assert.equal(await isReadAllowed(join(ws, '..', 'outside', 'secret.jsonl'), policy), false);
    const d = await checkReadAccess(join(ws, 'escape.jsonl'), policy);
    assert.match(d.reason ?? '', /outside the workspace folders and the Hugging Face cache/);
  });

  it('refuses everything when untrusted', async () => {
    assert.equal(await isReadAllowed(join(ws, 'in.jsonl'), { ...policy, trusted: false }), false);
  });

  it('is enforced by loadDataSource', async () => {
    const inside = await loadDataSource({ kind: 'from_file', format: 'json', path: 'in.jsonl', cwd: ws }, { access: policy });
    assert.ok(inside.ok);
    const esc = await loadDataSource({ kind: 'from_file', format: 'json', path: 'escape.jsonl', cwd: ws }, { access: policy });
    assert.ok(!esc.ok && esc.code === 'not-allowed');
    const untrusted = await loadDataSource({ kind: 'from_file', format: 'json', path: 'in.jsonl', cwd: ws }, { access: { ...policy, trusted: false } });
    assert.ok(!untrusted.ok && untrusted.code === 'not-allowed');
  });
});

describe('data: DataSourceCache', () => {
  let dir: string;
  before(() => {
    dir = makeTmp();
  });
  after(() => cleanup(dir));

  it('peek is empty until get completes, then returns the same result', async () => {
    put(dir, 'a.jsonl', jsonl([{ a: 1 }]));
    const cache = new DataSourceCache();
    const s: DataSourceSpec = { kind: 'from_file', format: 'json', path: 'a.jsonl', cwd: dir };
    assert.equal(cache.peek(s), undefined);
    const pending = cache.get(s);
    assert.equal(cache.peek(s), undefined, 'peek never waits for a read in flight');
    const r = await pending;
    assert.equal(cache.peek(s), r);
    assert.equal(cache.peek({ cwd: dir, path: 'a.jsonl', format: 'json', kind: 'from_file' }), r, 'key ignores field order');
  });

  it('re-reads only when size or mtime changes, and tells when the result changed', async () => {
    const f = put(dir, 'b.jsonl', jsonl([{ a: 1 }]));
    const changes: DataResult[] = [];
    const cache = new DataSourceCache({ onDidChange: (_s, r) => changes.push(r) });
    const s: DataSourceSpec = { kind: 'from_file', format: 'json', path: f, cwd: dir };
    await cache.get(s);
    const reads = cache.diskReads;
    await cache.get(s);
    await cache.get(s);
    assert.equal(cache.diskReads, reads, 'an unchanged file is not read again');
    assert.equal(changes.length, 1);
    writeFileSync(f, jsonl([{ a: 1, b: 'new column' }]));
    utimesSync(f, new Date(), new Date(Date.now() + 5000));
    const r = ok(await cache.get(s));
    assert.equal(cache.diskReads, reads + 1);
    assert.deepEqual(r.columns.map((c) => c.name), ['a', 'b']);
    assert.equal(changes.length, 2);
  });

  it('shares one read between concurrent gets', async () => {
    put(dir, 'c.jsonl', jsonl([{ a: 1 }]));
    const cache = new DataSourceCache();
    const s: DataSourceSpec = { kind: 'from_file', format: 'json', path: 'c.jsonl', cwd: dir };
    const [x, y] = await Promise.all([cache.get(s), cache.get(s)]);
    assert.equal(x, y);
    assert.equal(cache.diskReads, 1);
  });

  it('is LRU-bounded', async () => {
    const cache = new DataSourceCache({ maxEntries: 2 });
    const specs = ['d1', 'd2', 'd3'].map((n) => {
      put(dir, `${n}.jsonl`, jsonl([{ n }]));
      return { kind: 'from_file', format: 'json', path: `${n}.jsonl`, cwd: dir } as DataSourceSpec;
    });
    for (const s of specs) await cache.get(s);
    assert.equal(cache.peek(specs[0]), undefined);
    assert.ok(cache.peek(specs[2]));
    assert.notEqual(specKey(specs[0]), specKey(specs[1]));
  });

  it('keeps failures too (a missing dataset is not re-resolved on the diagnostics path)', async () => {
    const cache = new DataSourceCache();
    const s: DataSourceSpec = { kind: 'load_dataset', builder: 'nobody/nothing', cwd: dir };
    const r = await cache.get(s);
    assert.ok(!r.ok);
    assert.equal(cache.peek(s), r);
  });
});
