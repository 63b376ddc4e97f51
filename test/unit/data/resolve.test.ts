import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolveDataFiles } from '../../../server/src/engine/data/resolve';
import { hfCachePaths } from '../../../server/src/engine/data/hf-cache';
import type { DataSourceSpec, ResolvedSource, ResolveResult } from '../../../server/src/engine/data/types';
import { PARQUET_DIR, chatTable, cleanup, jsonl, makeTmp, put, writeArrow } from './fixtures';

function ok(r: ResolveResult): ResolvedSource {
  if (!r.ok) assert.fail(`expected ok, got: ${r.error}`);
  return r.source;
}

/** Lays out a hub cache entry the way huggingface_hub does: blobs, a snapshot of symlinks, refs/main. */
function hubDataset(hubCache: string, id: string, files: Record<string, string>, commit = 'a'.repeat(40)): string {
  const repo = join(hubCache, `datasets--${id.replace('/', '--')}`);
  const snap = join(repo, 'snapshots', commit);
  let n = 0;
  for (const [rel, src] of Object.entries(files)) {
    const blob = join(repo, 'blobs', `blob${n++}`);
    mkdirSync(join(repo, 'blobs'), { recursive: true });
    copyFileSync(src, blob);
    mkdirSync(join(snap, rel, '..'), { recursive: true });
    symlinkSync(blob, join(snap, rel));
  }
  put(repo, 'refs/main', commit);
  return snap;
}

describe('data: resolveDataFiles', () => {
  let dir: string;
  const spec = (s: Omit<DataSourceSpec, 'cwd'>): DataSourceSpec => ({ cwd: dir, ...s });
  before(() => {
    dir = makeTmp();
    for (const name of ['data/train-0.jsonl', 'data/train-1.jsonl', 'data/test.jsonl', 'data/.hidden.jsonl', 'data/sub/deep.jsonl']) {
      put(dir, name, jsonl([{ text: name }]));
    }
  });
  after(() => cleanup(dir));

  describe('load_dataset with a packaged builder', () => {
    it('expands a glob relative to cwd, skipping hidden files', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'data/*.jsonl' })));
      assert.equal(s.format, 'json');
      assert.deepEqual(s.splits, { train: ['test.jsonl', 'train-0.jsonl', 'train-1.jsonl'].map((f) => join(dir, 'data', f)) });
    });

    it('takes a list, a dict of splits, ** and data_dir', async () => {
      const list = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataFiles: ['data/train-0.jsonl', 'data/test.jsonl'] })));
      assert.equal(list.splits.train.length, 2);
      const dict = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataDir: 'data', dataFiles: { train: 'train-*.jsonl', test: ['test.jsonl'] } })));
      assert.deepEqual(Object.keys(dict.splits), ['train', 'test']);
      assert.deepEqual(dict.splits.train, [join(dir, 'data', 'train-0.jsonl'), join(dir, 'data', 'train-1.jsonl')]);
      const deep = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'data/**/*.jsonl' })));
      assert.ok(deep.splits.train.includes(join(dir, 'data', 'sub', 'deep.jsonl')));
      assert.ok(deep.splits.train.includes(join(dir, 'data', 'test.jsonl')));
    });

    it('infers splits from data_dir alone', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataDir: 'data' })));
      assert.deepEqual(Object.keys(s.splits), ['train', 'test']);
    });

    it('explains what is missing', async () => {
      const none = await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'nothing/*.jsonl' }));
      assert.ok(!none.ok && none.code === 'not-found' && none.error.startsWith('No file matches'));
      const missing = await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'csv', dataFiles: 'gone.csv' }));
      assert.ok(!missing.ok && missing.error === `${join(dir, 'gone.csv')} does not exist.`);
      const bare = await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json' }));
      assert.ok(!bare.ok && /needs data_files= or data_dir=/.test(bare.error));
      const remote = await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'json', dataFiles: 'https://example.invalid/x.jsonl' }));
      assert.ok(!remote.ok && remote.code === 'unsupported');
    });
  });

  describe('a local folder as the dataset path', () => {
    it('picks the majority format and infers splits from file names', async () => {
      const root = join(dir, 'folder1');
      put(root, 'train.csv', 'a\n1\n');
      put(root, 'validation.csv', 'a\n1\n');
      put(root, 'test.csv', 'a\n1\n');
      put(root, 'notes.txt', 'hello');
      put(root, 'README.md', '# card');
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'folder1' })));
      assert.equal(s.format, 'csv');
      assert.deepEqual(Object.keys(s.splits), ['train', 'validation', 'test']);
      assert.deepEqual(s.splits.validation, [join(root, 'validation.csv')]);
    });

    it('understands the hub layout data/<split>-NNNNN-of-NNNNN with any split name', async () => {
      const root = join(dir, 'folder2');
      for (const f of ['data/train_sft-00000-of-00002.parquet', 'data/train_sft-00001-of-00002.parquet', 'data/test_sft-00000-of-00001.parquet']) {
        copyFileSync(join(PARQUET_DIR, 'rowgroups.parquet'), put(root, f, ''));
      }
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: join(dir, 'folder2') })));
      assert.equal(s.format, 'parquet');
      assert.deepEqual(Object.keys(s.splits), ['test_sft', 'train_sft']);
      assert.equal(s.splits.train_sft.length, 2);
    });

    it('uses split folder names, and puts everything in train when nothing names a split', async () => {
      put(dir, 'folder3/training/a.jsonl', '{}\n');
      put(dir, 'folder3/dev/b.jsonl', '{}\n');
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: './folder3' })));
      assert.deepEqual(s.splits, { train: [join(dir, 'folder3/training/a.jsonl')], validation: [join(dir, 'folder3/dev/b.jsonl')] });
      put(dir, 'folder4/part1.jsonl', '{}\n');
      put(dir, 'folder4/part2.jsonl', '{}\n');
      const t = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'folder4' })));
      assert.deepEqual(Object.keys(t.splits), ['train']);
      assert.equal(t.splits.train.length, 2);
    });

    it('a local path that does not exist is not mistaken for a hub id', async () => {
      const r = await resolveDataFiles(spec({ kind: 'load_dataset', builder: './nope' }));
      assert.ok(!r.ok && r.code === 'not-found');
    });
  });

  describe('load_from_disk', () => {
    it('reads a DatasetDict folder: dataset_dict.json, split folders, state.json, dataset_info.json', async () => {
      const root = join(dir, 'saved');
      put(root, 'dataset_dict.json', JSON.stringify({ splits: ['train', 'test'] }));
      for (const split of ['train', 'test']) {
        writeArrow(join(root, split, 'data-00000-of-00001.arrow'), chatTable(10));
        put(root, `${split}/state.json`, JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: split }));
        put(root, `${split}/dataset_info.json`, JSON.stringify({ features: { messages: [{ role: { dtype: 'string', _type: 'Value' } }], id: { dtype: 'int64', _type: 'Value' } } }));
      }
      const s = ok(await resolveDataFiles(spec({ kind: 'load_from_disk', path: 'saved' })));
      assert.equal(s.format, 'arrow');
      assert.deepEqual(s.splits.test, [join(root, 'test', 'data-00000-of-00001.arrow')]);
      assert.deepEqual(s.metadata?.columns?.map((c) => c.name), ['messages', 'id']);
    });

    it('a DatasetDict of one split is still a DatasetDict (datasets load.py: dataset_dict.json decides)', async () => {
      const root = join(dir, 'saved-one');
      put(root, 'dataset_dict.json', JSON.stringify({ splits: ['train'] }));
      writeArrow(join(root, 'train', 'data-00000-of-00001.arrow'), chatTable(4));
      put(root, 'train/state.json', JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: 'train' }));
      const s = ok(await resolveDataFiles(spec({ kind: 'load_from_disk', path: 'saved-one' })));
      assert.deepEqual(Object.keys(s.splits), ['train']);
      assert.equal(s.savedKind, 'dict');
    });

    it('reads a single Dataset folder and refuses an unrelated folder', async () => {
      const root = join(dir, 'saved1');
      writeArrow(join(root, 'data-00000-of-00001.arrow'), chatTable(3));
      put(root, 'state.json', JSON.stringify({ _data_files: [{ filename: 'data-00000-of-00001.arrow' }], _split: null }));
      const s = ok(await resolveDataFiles(spec({ kind: 'load_from_disk', path: root })));
      assert.deepEqual(Object.keys(s.splits), ['train']);
      assert.equal(s.savedKind, 'dataset');
      const r = await resolveDataFiles(spec({ kind: 'load_from_disk', path: 'data' }));
      assert.ok(!r.ok && /not a folder written by save_to_disk/.test(r.error));
    });
  });

  describe('Dataset.from_* and pandas', () => {
    it('use the given format and path', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'from_file', format: 'json', path: 'data/test.jsonl' })));
      assert.deepEqual(s, { format: 'json', splits: { train: [join(dir, 'data/test.jsonl')] }, origin: 'local', warnings: [] });
      const p = ok(await resolveDataFiles(spec({ kind: 'pandas', path: 'data/train-0.jsonl' })));
      assert.equal(p.format, 'json', 'format from the extension when not given');
    });
  });

  describe('the Hugging Face caches (offline)', () => {
    let hf: string;
    let env: Record<string, string>;
    before(() => {
      hf = join(dir, 'hfhome');
      env = { HF_HOME: hf };
      hubDataset(join(hf, 'hub'), 'yahma/alpaca-cleaned', {
        'data/train-00000-of-00001-a1b2.parquet': join(PARQUET_DIR, 'offset_indexed.parquet'),
        'README.md': join(PARQUET_DIR, 'PROVENANCE.md'),
      });
      hubDataset(join(hf, 'hub'), 'openai/gsm8k', {
        'main/train-00000-of-00001.parquet': join(PARQUET_DIR, 'rowgroups.parquet'),
        'main/test-00000-of-00001.parquet': join(PARQUET_DIR, 'rowgroups.parquet'),
        'socratic/train-00000-of-00001.parquet': join(PARQUET_DIR, 'datapage_v2.snappy.parquet'),
      });
      const cacheDir = join(hf, 'datasets', 'tatsu-lab___alpaca', 'default', '0.0.0', 'abc123');
      writeArrow(join(cacheDir, 'alpaca-train.arrow'), chatTable(7));
      writeFileSync(join(cacheDir, 'dataset_info.json'), JSON.stringify({
        features: { messages: [{ role: { dtype: 'string', _type: 'Value' }, content: { dtype: 'string', _type: 'Value' } }], id: { dtype: 'int64', _type: 'Value' } },
        splits: { train: { name: 'train', num_examples: 7 } },
      }));
    });

    it('finds cache folders from the environment with the libraries’ precedence', () => {
      assert.deepEqual(hfCachePaths({}, '/home/u'), { hubCache: '/home/u/.cache/huggingface/hub', datasetsCache: '/home/u/.cache/huggingface/datasets' });
      assert.deepEqual(hfCachePaths({ XDG_CACHE_HOME: '/x' }, '/h'), { hubCache: '/x/huggingface/hub', datasetsCache: '/x/huggingface/datasets' });
      assert.deepEqual(hfCachePaths({ HF_HOME: '~/hf', HUGGINGFACE_HUB_CACHE: '/old', HF_DATASETS_CACHE: '/d' }, '/h'), { hubCache: '/old', datasetsCache: '/d' });
      assert.equal(hfCachePaths({ HF_HUB_CACHE: '/new', HUGGINGFACE_HUB_CACHE: '/old' }, '/h').hubCache, '/new');
    });

    it('resolves a hub id to its snapshot (refs/main), with splits from file names', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'yahma/alpaca-cleaned' }), { env }));
      assert.equal(s.origin, 'hub-cache');
      assert.equal(s.format, 'parquet');
      assert.equal(s.splits.train.length, 1);
      assert.match(s.splits.train[0], /snapshots\/a{40}\/data\/train-00000-of-00001-a1b2\.parquet$/);
    });

    it('narrows to the config folder (load_dataset("openai/gsm8k", "main"))', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'openai/gsm8k', name: 'main' }), { env }));
      assert.deepEqual(Object.keys(s.splits), ['train', 'test']);
      assert.match(s.splits.test[0], /main\/test-00000-of-00001\.parquet$/);
    });

    it('falls back to the datasets Arrow cache with dataset_info.json', async () => {
      const s = ok(await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'tatsu-lab/alpaca' }), { env }));
      assert.equal(s.origin, 'datasets-cache');
      assert.equal(s.format, 'arrow');
      assert.deepEqual(s.metadata?.rowCounts, { train: 7 });
      assert.match(s.splits.train[0], /alpaca-train\.arrow$/);
    });

    it('says "not in the local cache" for anything else', async () => {
      const r = await resolveDataFiles(spec({ kind: 'load_dataset', builder: 'someone/unknown', name: 'cfg' }), { env });
      assert.ok(!r.ok);
      assert.equal(r.code, 'not-cached');
      assert.equal(r.error, '"someone/unknown" (config "cfg") is not in the local Hugging Face cache; columns unknown.');
    });
  });
});
