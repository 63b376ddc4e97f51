/** The quoted part of the table of known Hub datasets (session 21: schemas read as datasets-server serves them, quoted in public files). */
import assert from 'node:assert/strict';
import { lookupKnownHubDataset, type KnownLookup } from '../../../server/src/engine/dataset/known-hub-lookup';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { QUOTED_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-quoted';

const answer = (id: string, name?: string, split?: string) => lookupKnownHubDataset(id, name, split) as KnownLookup & { why?: string; missingSplit?: { split: string } };

describe('engine: the quoted part of the known Hub table (session 21)', () => {
  it('9 ids, none already in the table, each with where it was read, when, and its count in the corpora', () => {
    assert.equal(QUOTED_HUB_DATASETS.length, 9);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of QUOTED_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 60 && /datasets-server|viewer|dataset_info|file list/.test(e)), d.id);
      assert.equal(d.checked, '2026-12-07', d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      for (const c of Object.values(d.configs)) assert.ok(c.splitsComplete && ['viewer', 'files'].includes(c.splitsComplete.by) && c.splitsComplete.where, d.id);
    }
  });

  it('answers the columns and types as quoted, and a type not quoted stays unknown', () => {
    const orpo = answer('mlabonne/orpo-dpo-mix-40k', undefined, 'train[:1000]');
    assert.deepEqual(orpo.columns.map((c) => c.name), ['source', 'chosen', 'rejected', 'prompt', 'question']);
    assert.equal(orpo.columns[1].type, 'list<struct<content: string, role: string>>');
    assert.equal(orpo.rowCount, 1000);
    assert.deepEqual(answer('meta-math/MetaMathQA', undefined, 'train').columns.map((c) => c.name), ['type', 'query', 'original_question', 'response']);
    assert.ok(answer('garage-bAInd/Open-Platypus', undefined, 'train').columns.some((c) => c.name === 'data_source'), 'the column the replaced data file added');
    assert.equal(answer('openbmb/UltraFeedback', undefined, 'train').columns.find((c) => c.name === 'completions')?.type, 'unknown');
    assert.ok(answer('bespokelabs/Bespoke-Stratos-17k', undefined, 'train').columns.every((c) => c.type === 'unknown'));
    assert.equal(answer('AI-MO/NuminaMath-CoT', undefined, 'train+test').rowCount, 859494 + 100);
  });

  it('a split outside a list read in the viewer, datasets-server or the file list is known missing', () => {
    assert.equal(answer('meta-math/MetaMathQA', undefined, 'test').missingSplit?.split, 'test');
    assert.equal(answer('math-ai/aime25', undefined, 'train').missingSplit?.split, 'train');
    assert.match(answer('math-ai/aime25', undefined, 'train').why!, /per the Hub viewer's split list read 2026-12-07/);
    assert.match(answer('garage-bAInd/Open-Platypus', undefined, 'validation').why!, /per the dataset's file list read 2026-12-07/);
    assert.ok(!answer('stanfordnlp/SHP', undefined, 'validation').why);
    assert.deepEqual(answer('derek-thomas/ScienceQA').splits, ['train', 'validation', 'test']);
    assert.match(answer('derek-thomas/ScienceQA', 'other', 'train').why!, /no config "other"/);
  });
});
