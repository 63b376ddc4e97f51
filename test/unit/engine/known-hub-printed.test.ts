/** The printed part of the table of known Hub datasets (session 20: ids read in the corpora's notebook outputs). */
import assert from 'node:assert/strict';
import { lookupKnownHubDataset, type KnownLookup } from '../../../server/src/engine/dataset/known-hub-lookup';
import { fromKnownTable } from '../../../server/src/engine/dataset/cached-provider';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { PRINTED_TEXT_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-printed-text';
import { PRINTED_VISION_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-printed-vision';
import type { DataSourceSpec } from '../../../server/src/engine/data/types';

const PRINTED = [...PRINTED_TEXT_HUB_DATASETS, ...PRINTED_VISION_HUB_DATASETS];
const answer = (id: string, name?: string, split?: string) => lookupKnownHubDataset(id, name, split) as KnownLookup & { why?: string };

describe('engine: the printed part of the known Hub table (session 20)', () => {
  it('43 ids, none already in the table, each with where it was read, when, and its count in the corpora', () => {
    assert.equal(PRINTED.length, 43);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of PRINTED) {
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 60 && /printed|print\(/.test(e)), d.id);
      assert.equal(d.checked, '2026-12-07', d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
    }
  });

  it('a type is written only where a printed row or `features` showed it; a complete split list only from a printed whole load', () => {
    const typed = new Set(['Shitao/MLDR', 'miracl/miracl', 'miracl/miracl-corpus', 'lucasmccabe-lmi/openai_humaneval_alpaca_style', 'nielsr/funsd-iob-original', 'nielsr/rvlcdip-demo']);
    for (const d of PRINTED) {
      for (const c of Object.values(d.configs)) {
        if (!typed.has(d.id)) assert.ok(c.columns.every((col) => col.type === 'unknown'), d.id);
        if (c.splitsComplete) assert.equal(c.splitsComplete.by, 'printed', d.id);
      }
    }
    assert.equal(answer('nielsr/rvlcdip-demo', undefined, 'train').columns.find((c) => c.name === 'label')?.type.split(',').length, 16);
    // The default config of a loading script that names it (funsd), asked for with and without its name.
    assert.equal(answer('nielsr/funsd-iob-original', undefined, 'train').config, 'funsd');
    assert.ok(!answer('nielsr/funsd-iob-original', 'funsd', 'test').why);
  });

  it('split slicing counts from the rows read: bananabot/TrumpSpeeches "train[1:]" is the 7440 rows its notebook printed', () => {
    assert.equal(answer('bananabot/TrumpSpeeches', undefined, 'train[1:]').rowCount, 7440);
    assert.equal(answer('alfredodeza/wine-ratings', undefined, 'train[:10%]').rowCount, 3278);
    assert.equal(answer('jamescalam/ai-arxiv2-semantic-chunks', undefined, 'train[:10000]').rowCount, undefined);
    assert.equal(answer('HuggingFaceTB/smoltalk2', 'SFT', 's1k_1.1_think').rowCount, 835);
  });

  it('a config read by name is the only one answered; another config, or none named, is not', () => {
    assert.match(answer('HuggingFaceTB/smoltalk2', undefined, 'train').why!, /no config "default"|several configs/);
    assert.match(answer('HuggingFaceTB/smoltalk2', 'Preference').why!, /no config "Preference" .*and others not read/);
    assert.match(answer('nielsr/XFUN', 'xfun.de', 'train').why!, /no config "xfun.de"/);
    assert.match(answer('Shitao/MLDR', 'fr').why!, /no config "fr"/);
    assert.deepEqual(answer('Shitao/MLDR', 'corpus-en', 'corpus').columns.map((c) => c.name), ['docid', 'text']);
    // Loaded without a name, ShareGPT4Video is its default load; a named config is not answered.
    assert.match(answer('ShareGPT4Video/ShareGPT4Video', 'zip_folder').why!, /no config "zip_folder"/);
  });

  it('a split missing from a printed whole load is known missing; from a list of the splits read, not', () => {
    const missing = (id: string, name: string | undefined, split: string) => (lookupKnownHubDataset(id, name, split) as { missingSplit?: { split: string } }).missingSplit?.split;
    assert.equal(missing('nielsr/XFUN', 'xfun.fr', 'test'), 'test');
    assert.equal(missing('HuggingFaceTB/smoltalk2', 'SFT', 'train'), 'train');
    assert.equal(missing('alfredodeza/wine-ratings', undefined, 'dev'), 'dev');
    for (const [id, split] of [['nielsr/breast-cancer', 'test'], ['jamescalam/ai-arxiv2-semantic-chunks', 'test'], ['Shitao/MLDR', 'test']] as const) {
      const r = lookupKnownHubDataset(id, id === 'Shitao/MLDR' ? 'en' : undefined, split) as { why?: string; missingSplit?: unknown };
      assert.ok(r.why && !r.missingSplit, id);
    }
  });

  it('revision, data_dir and data_files are other data: the table does not answer them', () => {
    const spec = (extra: Partial<DataSourceSpec>): DataSourceSpec => ({ kind: 'load_dataset', cwd: '/', builder: 'alfredodeza/wine-ratings', split: 'train', ...extra } as DataSourceSpec);
    assert.deepEqual(fromKnownTable(spec({}))?.columns, ['name', 'region', 'variety', 'rating', 'notes']);
    assert.deepEqual(fromKnownTable(spec({ revision: 'main' }))?.columns, ['name', 'region', 'variety', 'rating', 'notes']);
    assert.equal(fromKnownTable(spec({ revision: 'refs/convert/parquet' })), undefined);
    assert.equal(fromKnownTable(spec({ dataDir: 'data' })), undefined);
    assert.equal(fromKnownTable(spec({ dataFiles: { train: ['a.csv'] } } as Partial<DataSourceSpec>)), undefined);
  });
});
