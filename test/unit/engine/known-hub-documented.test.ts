/** The documented part of the table of known Hub datasets (session 22: columns documented by the card or by a repository describing the data). */
import assert from 'node:assert/strict';
import { lookupKnownHubDataset, type KnownLookup } from '../../../server/src/engine/dataset/known-hub-lookup';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { DOCUMENTED_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-documented';

const answer = (id: string, name?: string, split?: string) => lookupKnownHubDataset(id, name, split) as KnownLookup & { why?: string; missingSplit?: { split: string } };

describe('engine: the documented part of the known Hub table (session 22)', () => {
  it('10 ids (one of session 26, two of session 27), registered once each, each with where and when it was read and its count in the corpora', () => {
    assert.deepEqual(DOCUMENTED_HUB_DATASETS.map((d) => d.id),
      ['predibase/wordle-grpo', 'google/mobile-actions', 'microsoft/orca-math-word-problems-200k', 'Open-Orca/OpenOrca', 'akoksal/LongForm',
        'stingning/ultrachat', 'jmhessel/newyorker_caption_contest', 'merve/satellite-building-segmentation',
        'lavita/ChatDoctor-HealthCareMagic-100k', 'smangrul/hf-stack-v1']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of DOCUMENTED_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 80 && /README|card|dataset_info|DATA_GUIDE|saved output/.test(e)), d.id);
      assert.match(d.checked ?? '', /^2026-12-0[78]$/, d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      for (const c of Object.values(d.configs)) if (c.splitsComplete) assert.ok(c.splitsComplete.where, `${d.id}: where the split list was read`);
    }
  });

  it('answers the columns as documented; a type the source does not give stays unknown', () => {
    const wordle = answer('predibase/wordle-grpo', undefined, 'train');
    assert.deepEqual(wordle.columns.map((c) => c.name), ['prompt', 'word_list', 'past_guess_history', 'secret']);
    assert.equal(wordle.columns.find((c) => c.name === 'past_guess_history')?.type, 'string', 'stored as a string, parsed by the scripts');
    assert.equal(wordle.rowCount, 76);
    const mobile = answer('google/mobile-actions', undefined, 'train');
    assert.deepEqual(mobile.columns.map((c) => [c.name, c.type]), [['metadata', 'string'], ['tools', 'unknown'], ['messages', 'unknown']]);
    assert.deepEqual(answer('microsoft/orca-math-word-problems-200k', undefined, 'train[:10%]').columns.map((c) => c.name), ['question', 'answer']);
    assert.equal(answer('microsoft/orca-math-word-problems-200k', undefined, 'train[:10%]').rowCount, 20004);
    const orca = answer('Open-Orca/OpenOrca', undefined, 'train');
    assert.deepEqual(orca.columns.map((c) => c.name), ['id', 'system_prompt', 'question', 'response']);
    assert.equal(orca.rowCount, undefined, 'a size not read is not invented');
    assert.deepEqual(answer('akoksal/LongForm').columns.map((c) => c.name), ['input', 'output', 'source', 'subset']);
    assert.deepEqual(answer('stingning/ultrachat', undefined, 'train').columns.map((c) => [c.name, c.type]), [['id', 'string'], ['data', 'list<string>']]);
  });

  it('answers per config: a config read is answered, one a script loads but was not read is not, none named is refused', () => {
    const nyc = answer('jmhessel/newyorker_caption_contest', 'explanation', 'train');
    assert.equal(nyc.columns.length, 12);
    assert.equal(nyc.columns.find((c) => c.name === 'image')?.type, 'image');
    assert.equal(nyc.columns.find((c) => c.name === 'entities')?.type, 'list<string>');
    assert.equal(nyc.rowCount, 2340);
    assert.match(answer('jmhessel/newyorker_caption_contest', 'matching', 'train').why!, /columns of jmhessel\/newyorker_caption_contest config "matching" are not in/);
    assert.match(answer('jmhessel/newyorker_caption_contest', 'explanation_1', 'train').why!, /no config "explanation_1".*others not read/);
    assert.match(answer('jmhessel/newyorker_caption_contest', undefined, 'train').why!, /several configs .* none is named/);
    assert.equal(answer('jmhessel/newyorker_caption_contest', 'explanation', 'dev').missingSplit?.split, 'dev');
  });

  it('a split is known missing only where the whole list was read', () => {
    assert.equal(answer('microsoft/orca-math-word-problems-200k', undefined, 'test').missingSplit?.split, 'test');
    assert.match(answer('microsoft/orca-math-word-problems-200k', undefined, 'test').why!, /per the dataset card read 2026-12-07/);
    assert.equal(answer('google/mobile-actions', undefined, 'eval').missingSplit?.split, 'eval', 'train and eval rows are told apart by the metadata column, not by split');
    for (const [id, split] of [['predibase/wordle-grpo', 'test'], ['Open-Orca/OpenOrca', 'validation'], ['akoksal/LongForm', 'dev']]) {
      const a = answer(id, undefined, split);
      assert.equal(a.missingSplit, undefined, `${id}: the split list read is not the whole list`);
      assert.match(a.why!, /others may exist/);
    }
    assert.equal(answer('akoksal/LongForm', undefined, 'train+validation').rowCount, 23652 + 2042);
    assert.equal(answer('akoksal/LongForm').splits, undefined, 'no split list is claimed complete');
    // Session 26: merve/satellite-building-segmentation's test split exists (loaded by name), its size not read; no list is complete.
    const sat = answer('merve/satellite-building-segmentation', undefined, 'test');
    assert.deepEqual(sat.columns.map((c) => c.name), ['image', 'image_id', 'width', 'height', 'objects']);
    assert.equal(sat.rowCount, undefined);
    assert.equal(answer('merve/satellite-building-segmentation', undefined, 'train').rowCount, 6764);
    assert.equal(answer('merve/satellite-building-segmentation', undefined, 'valid').missingSplit, undefined);
  });

  it('session 27: two push_to_hub cards, typed; one split each, complete (the card\'s configs, the repository\'s one data file)', () => {
    const cd = answer('lavita/ChatDoctor-HealthCareMagic-100k', undefined, 'train[:1000]');
    assert.deepEqual(cd.columns.map((c) => [c.name, c.type]), [['instruction', 'string'], ['input', 'string'], ['output', 'string']]);
    assert.equal(cd.rowCount, 1000);
    assert.equal(answer('lavita/ChatDoctor-HealthCareMagic-100k', undefined, 'train').rowCount, 112165);
    assert.match(answer('lavita/ChatDoctor-HealthCareMagic-100k', undefined, 'test').why!, /no split "test" \(splits: train, per the dataset card read 2026-12-08/);
    const stack = answer('smangrul/hf-stack-v1');
    assert.deepEqual(stack.columns.map((c) => c.name), ['repo_id', 'file_path', 'content', '__index_level_0__']);
    assert.equal(stack.columns[3].type, 'int64');
    assert.deepEqual(stack.splits, ['train']);
    assert.match(stack.splitsSource!, /file list read 2026-12-08/);
  });
});
