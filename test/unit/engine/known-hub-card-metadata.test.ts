/** The card-metadata part of the known Hub table (session 23: columns from the card's dataset_info or dataset_infos.json). */
import assert from 'node:assert/strict';
import { lookupKnownHubDataset, type KnownLookup } from '../../../server/src/engine/dataset/known-hub-lookup';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { CARD_METADATA_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-card-metadata';
import { EMBEDDING_PAIR_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-embedding-pairs';
import { BENCHMARK_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-benchmarks';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

const answer = (id: string, name?: string, split?: string) => lookupKnownHubDataset(id, name, split) as KnownLookup & { why?: string; missingSplit?: { split: string } };

describe('engine: the card-metadata part of the known Hub table (session 23)', () => {
  it('20 ids (4 of session 24, 4 of session 25), registered once each, each with where and when it was read and its count in the corpora', () => {
    assert.deepEqual(CARD_METADATA_HUB_DATASETS.map((d) => d.id),
      ['Dahoas/rm-static', 'Dahoas/synthetic-instruct-gptj-pairwise', 'allenai/reward-bench', 'philschmid/finanical-rag-embedding-dataset',
        'HuggingFaceH4/aime_2024', 'philschmid/dolly-15k-oai-style', 'lmms-lab/ai2d', 'lmsys/toxic-chat', 'sentence-transformers/stsb',
        'Dahoas/full-hh-rlhf', 'HuggingFaceM4/DocumentVQA', 'ybelkada/football-dataset', 'open-r1/Mixture-of-Thoughts', 'merve/mobile-ui-design',
        'jonathan-roberts1/EuroSAT', 'huggingface/cats-image', 'argilla/ultrafeedback-binarized-preferences-cleaned',
        'shawhin/shawgpt-youtube-comments', 'HuggingFaceM4/the_cauldron', 'ybelkada/common_voice_mr_11_0_copy']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of CARD_METADATA_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 80 && /card|dataset_info|viewer|prints/.test(e)), d.id);
      assert.equal(d.checked, '2026-12-07', d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      for (const c of Object.values(d.configs)) if (c.splitsComplete) assert.ok(c.splitsComplete.where, `${d.id}: where the split list was read`);
    }
  });

  it('answers the columns and types as the card gives them', () => {
    assert.deepEqual(answer('Dahoas/rm-static', undefined, 'test').columns.map((c) => c.name), ['prompt', 'response', 'chosen', 'rejected']);
    assert.equal(answer('Dahoas/rm-static', undefined, 'test').rowCount, 5103);
    assert.deepEqual(answer('Dahoas/rm-static').splits, ['train', 'test']);
    assert.deepEqual(answer('Dahoas/synthetic-instruct-gptj-pairwise', undefined, 'train').columns.map((c) => c.name), ['prompt', 'chosen', 'rejected']);
    const rb = answer('allenai/reward-bench', undefined, 'filtered');
    assert.equal(rb.columns.find((c) => c.name === 'id')?.type, 'int64');
    assert.equal(rb.rowCount, 2985);
    assert.deepEqual(answer('philschmid/finanical-rag-embedding-dataset', undefined, 'train').columns.map((c) => c.name), ['question', 'context']);
    assert.equal(answer('HuggingFaceH4/aime_2024', undefined, 'train').rowCount, 30);
    assert.deepEqual(answer('philschmid/dolly-15k-oai-style', undefined, 'train').columns.map((c) => [c.name, c.type]),
      [['messages', 'list<struct<content: string, role: string>>']]);
    const ai2d = answer('lmms-lab/ai2d', undefined, 'test');
    assert.deepEqual(ai2d.columns.map((c) => [c.name, c.type]), [['question', 'string'], ['options', 'list<string>'], ['answer', 'string'], ['image', 'image']]);
    assert.equal(ai2d.rowCount, 3088);
    const stsb = answer('sentence-transformers/stsb', undefined, 'validation');
    assert.deepEqual(stsb.columns.map((c) => [c.name, c.type]), [['sentence1', 'string'], ['sentence2', 'string'], ['score', 'float64']]);
    assert.equal(stsb.rowCount, 1500, 'the validation and test splits are answered since session 23');
    assert.equal(answer('sentence-transformers/stsb', undefined, 'test').rowCount, 1379);
    assert.equal(answer('Dahoas/full-hh-rlhf', undefined, 'train').rowCount, 112052);
    const dvqa = answer('HuggingFaceM4/DocumentVQA', undefined, 'validation');
    assert.deepEqual(dvqa.columns.filter((c) => c.type !== 'string').map((c) => [c.name, c.type]),
      [['questionId', 'int32'], ['question_types', 'list<string>'], ['image', 'image'], ['docId', 'int32'], ['answers', 'list<string>']]);
    assert.equal(dvqa.rowCount, 5349);
    assert.deepEqual(answer('ybelkada/football-dataset', undefined, 'train').columns.map((c) => [c.name, c.type]), [['image', 'image'], ['text', 'string']]);
  });

  it('a config must be named where the card has several and no default; sizes the card does not give stay unknown', () => {
    const tc = answer('lmsys/toxic-chat', 'toxicchat0124', 'train');
    assert.equal(tc.columns.length, 7);
    assert.equal(tc.columns.find((c) => c.name === 'human_annotation')?.type, 'bool');
    assert.equal(tc.rowCount, undefined);
    assert.match(answer('lmsys/toxic-chat', undefined, 'train').why!, /several configs .* none is named/);
  });

  it('a split is known missing only where the whole list was read', () => {
    assert.equal(answer('allenai/reward-bench', undefined, 'train').missingSplit?.split, 'train', 'renamed to raw (viewer)');
    assert.match(answer('allenai/reward-bench', undefined, 'train').why!, /the Hub viewer's split list read 2026-12-07/);
    assert.equal(answer('lmms-lab/ai2d', undefined, 'train').missingSplit?.split, 'train');
    assert.equal(answer('lmsys/toxic-chat', 'toxicchat1123', 'validation').missingSplit?.split, 'validation');
    const pairwise = answer('Dahoas/synthetic-instruct-gptj-pairwise', undefined, 'test');
    assert.equal(pairwise.missingSplit, undefined, 'dataset_infos.json is not taken as the whole split list');
    assert.match(pairwise.why!, /others may exist/);
  });

  it('session 24: Mixture-of-Thoughts answers its "all" config only', () => {
    const mot = answer('open-r1/Mixture-of-Thoughts', 'all', 'train');
    assert.deepEqual(mot.columns.map((c) => [c.name, c.type]),
      [['messages', 'list<struct<content: string, role: string>>'], ['num_tokens', 'int64'], ['source', 'string']]);
    assert.equal(mot.rowCount, 349317);
    assert.match(answer('open-r1/Mixture-of-Thoughts', 'science', 'train').why!, /config "science" are not in/);
    assert.match(answer('open-r1/Mixture-of-Thoughts', undefined, 'train').why!, /several configs .* none is named/);
  });

  it('session 24: merve/mobile-ui-design answers the viewer\'s four columns; its split list is not complete', () => {
    const ui = answer('merve/mobile-ui-design', undefined, 'train');
    assert.deepEqual(ui.columns.map((c) => [c.name, c.type]), [['width', 'int64'], ['height', 'int64'], ['image', 'image'], ['objects', 'unknown']]);
    assert.equal(answer('merve/mobile-ui-design', undefined, 'test').missingSplit, undefined);
  });

  it('session 24: EuroSAT\'s label is a class label of its ten names; cats-image has one config, image, and one split, test', () => {
    const eurosat = answer('jonathan-roberts1/EuroSAT');
    assert.deepEqual(eurosat.splits, ['train']);
    assert.match(eurosat.columns[1].type, /^class_label\[annual crop, forest, .* sea or lake\]$/);
    assert.equal(answer('jonathan-roberts1/EuroSAT', undefined, 'validation').missingSplit?.split, 'validation');
    const cats = answer('huggingface/cats-image');
    assert.equal(cats.config, 'image');
    assert.deepEqual(cats.splits, ['test']);
    assert.match(answer('huggingface/cats-image', undefined, 'train').why!, /loading script read 2026-12-07/);
  });
});

describe('engine: the sentence-transformers pair datasets of the known Hub table (session 24)', () => {
  it('7 ids, registered once each, each read in its card, with a complete train-only split list per config', () => {
    assert.deepEqual(EMBEDDING_PAIR_HUB_DATASETS.map((d) => d.id),
      ['sentence-transformers/quora-duplicates', 'sentence-transformers/simple-wiki', 'sentence-transformers/altlex',
        'sentence-transformers/flickr30k-captions', 'sentence-transformers/coco-captions', 'sentence-transformers/sentence-compression',
        'sentence-transformers/stackexchange-duplicates']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    for (const d of EMBEDDING_PAIR_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.every((e) => /dataset card of sentence-transformers\//.test(e)), d.id);
      assert.equal(d.checked, '2026-12-07', d.id);
      for (const [name, c] of Object.entries(d.configs)) {
        assert.deepEqual(Object.keys(c.splits), ['train'], `${d.id} ${name}`);
        assert.equal(c.splitsComplete?.by, 'card', `${d.id} ${name}`);
      }
    }
  });

  it('a single config answers a call that names none; several need the config named', () => {
    const wiki = answer('sentence-transformers/simple-wiki', undefined, 'train');
    assert.equal(wiki.config, 'pair');
    assert.deepEqual(wiki.columns.map((c) => [c.name, c.type]), [['text', 'string'], ['simplified', 'string']]);
    assert.equal(wiki.rowCount, 102225);
    assert.equal(answer('sentence-transformers/altlex', undefined, 'train').rowCount, undefined, 'the size was not shown');
    assert.deepEqual(answer('sentence-transformers/coco-captions', undefined, 'train').columns.map((c) => c.name), ['caption1', 'caption2']);
    const q = answer('sentence-transformers/quora-duplicates', 'triplet', 'train');
    assert.deepEqual(q.columns.map((c) => c.name), ['anchor', 'positive', 'negative']);
    assert.equal(q.rowCount, 101762);
    assert.equal(answer('sentence-transformers/quora-duplicates', 'pair-class', 'train').columns[2].type, 'class_label[different, duplicate]');
    assert.match(answer('sentence-transformers/quora-duplicates', undefined, 'train').why!, /several configs .* none is named/);
    assert.deepEqual(answer('sentence-transformers/stackexchange-duplicates', 'title-title-pair', 'train').columns.map((c) => c.name), ['title1', 'title2']);
  });

  it('a split other than train is known missing', () => {
    assert.equal(answer('sentence-transformers/simple-wiki', undefined, 'test').missingSplit?.split, 'test');
    assert.match(answer('sentence-transformers/flickr30k-captions', undefined, 'validation').why!, /the dataset card read 2026-12-07/);
    assert.equal(answer('sentence-transformers/quora-duplicates', 'triplet', 'dev').missingSplit?.split, 'dev');
  });
});

describe('engine: the session-25 entries read in cards (known-hub-benchmarks.ts and known-hub-card-metadata.ts)', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));

  async function errorsAndWarnings(text: string, codes: string[]): Promise<string[]> {
    const r = await lintThroughTable(home, text);
    try {
      return r.diagnostics.filter((d) => (d.severity === 'error' || d.severity === 'warning') && codes.includes(d.code))
        .map((d) => `${d.range.start.line}:${d.code} ${d.severity}`).sort();
    } finally { r.dispose(); }
  }

  it('the benchmark part: 6 ids (3 of session 27), registered once each, read in the card at a commit and counted in the corpora', () => {
    assert.deepEqual(BENCHMARK_HUB_DATASETS.map((d) => d.id), ['zwhe99/DeepMath-103K', 'SynthLabsAI/Big-Math-RL-Verified', 'princeton-nlp/SWE-bench_Lite',
      'codeparrot/apps', 'BAAI/TACO', 'nvidia/OpenMathInstruct-2']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of BENCHMARK_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      // The session-25 cards name every column in dataset_info; apps and TACO print the DatasetDict of a whole load.
      assert.ok(/^dataset card of /.test(d.evidence[0]) && /dataset_info|DatasetDict/.test(d.evidence[0]), d.id);
      assert.match(d.checked ?? '', /^2026-12-0[78]$/, d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      for (const c of Object.values(d.configs)) assert.equal(c.splitsComplete?.by, 'card', d.id);
    }
  });

  it('answers the columns, types and sizes the cards give', () => {
    const dm = answer('zwhe99/DeepMath-103K', undefined, 'train');
    assert.deepEqual(dm.columns.map((c) => c.name), ['question', 'final_answer', 'difficulty', 'topic', 'r1_solution_1', 'r1_solution_2', 'r1_solution_3']);
    assert.equal(dm.columns[2].type, 'float64');
    assert.equal(dm.rowCount, 103110);
    assert.equal(answer('SynthLabsAI/Big-Math-RL-Verified', undefined, 'train').columns.find((c) => c.name === 'domain')?.type, 'list<string>');
    const swe = answer('princeton-nlp/SWE-bench_Lite', undefined, 'test');
    assert.equal(swe.columns.length, 12);
    assert.equal(swe.rowCount, 300);
    assert.deepEqual(answer('princeton-nlp/SWE-bench_Lite').splits, ['dev', 'test']);
    const uf = answer('argilla/ultrafeedback-binarized-preferences-cleaned', undefined, 'train[:1000]');
    assert.deepEqual(uf.columns.map((c) => [c.name, c.type]), [['source', 'string'], ['prompt', 'string'],
      ['chosen', 'list<struct<content: string, role: string>>'], ['chosen-rating', 'float64'], ['chosen-model', 'string'],
      ['rejected', 'list<struct<content: string, role: string>>'], ['rejected-rating', 'float64'], ['rejected-model', 'string']]);
    assert.equal(uf.rowCount, 1000);
    assert.deepEqual(answer('shawhin/shawgpt-youtube-comments').splits, ['train', 'test']);
    const mr = answer('ybelkada/common_voice_mr_11_0_copy', undefined, 'train+validation');
    assert.equal(mr.rowCount, 2245 + 1682);
    assert.equal(mr.columns.find((c) => c.name === 'audio')?.type, 'audio');
  });

  it('per config: the_cauldron answers the config read (ai2d), not another config, not a call naming none', () => {
    const ai2d = answer('HuggingFaceM4/the_cauldron', 'ai2d', 'train');
    assert.deepEqual(ai2d.columns.map((c) => [c.name, c.type]), [['images', 'list<image>'], ['texts', 'list<struct<user: string, assistant: string, source: string>>']]);
    assert.equal(ai2d.rowCount, undefined, 'the size given then was re-uploaded since');
    assert.equal(answer('HuggingFaceM4/the_cauldron', 'ai2d', 'test').missingSplit?.split, 'test');
    assert.match(answer('HuggingFaceM4/the_cauldron', 'ocrvqa', 'train').why!, /no config "ocrvqa" .*and others not read/);
    assert.match(answer('HuggingFaceM4/the_cauldron', undefined, 'train').why!, /several configs \(ai2d, …\) and none is named/);
  });

  it('VLM cards (known-hub-cards-multimodal.ts): llava-instruct-mix-vsft whole; LaTeX_OCR per config, silent on the two configs not read', () => {
    const vsft = answer('HuggingFaceH4/llava-instruct-mix-vsft');
    assert.deepEqual(vsft.splits, ['train', 'test']);
    assert.deepEqual(vsft.columns.map((c) => c.name), ['messages', 'images']);
    assert.equal(answer('HuggingFaceH4/llava-instruct-mix-vsft', undefined, 'test').rowCount, 13640);
    assert.equal(answer('linxy/LaTeX_OCR', undefined, 'train').config, 'default');
    assert.equal(answer('linxy/LaTeX_OCR', undefined, 'train').rowCount, 76318);
    assert.equal(answer('linxy/LaTeX_OCR', undefined, 'test').missingSplit?.split, 'test', 'the default config has one split');
    assert.equal(answer('linxy/LaTeX_OCR', 'full', 'train').rowCount, undefined, 'two renderings disagree on it');
    assert.equal(answer('linxy/LaTeX_OCR', 'human_handwrite', 'validation').rowCount, 68);
    assert.deepEqual(answer('linxy/LaTeX_OCR', 'small').splits, ['train', 'validation', 'test']);
    assert.match(answer('linxy/LaTeX_OCR', 'synthetic_handwrite', 'train').why!, /the columns of linxy\/LaTeX_OCR config "synthetic_handwrite" are not in/);
    assert.match(answer('linxy/LaTeX_OCR', 'human_handwrite_print', 'train').why!, /are not in/);
  });

  it('session 27: the code problem sets per config (apps by its default `all`, TACO unnamed only) and OpenMathInstruct-2 with types', () => {
    const apps = answer('codeparrot/apps');
    assert.equal(apps.config, 'all');
    assert.deepEqual(apps.splits, ['train', 'test']);
    assert.deepEqual(apps.columns.map((c) => c.name), ['problem_id', 'question', 'solutions', 'input_output', 'difficulty', 'url', 'starter_code']);
    assert.ok(apps.columns.every((c) => c.type === 'unknown'), 'a printed repr gives names, not types');
    assert.equal(answer('codeparrot/apps', 'all', 'test').rowCount, 5000);
    // The difficulty configs exist (the viewer lists them) but their columns were not read: silent.
    for (const c of ['competition', 'interview', 'introductory']) assert.match(answer('codeparrot/apps', c, 'train').why!, /are not in trainlint's table/, c);
    const taco = answer('BAAI/TACO', undefined, 'train');
    assert.equal(taco.columns.length, 17);
    assert.equal(taco.rowCount, 25443);
    assert.deepEqual(answer('BAAI/TACO').splits, ['train', 'test']);
    assert.match(answer('BAAI/TACO', 'ALL', 'train').why!, /no config "ALL" .*others not read/);
    const omi = answer('nvidia/OpenMathInstruct-2', undefined, 'train_1M');
    assert.deepEqual(omi.columns.map((c) => [c.name, c.type]), [['problem', 'string'], ['generated_solution', 'string'], ['expected_answer', 'string'], ['problem_source', 'string']]);
    assert.equal(omi.rowCount, 1000000);
    assert.deepEqual(answer('nvidia/OpenMathInstruct-2').splits, ['train_1M', 'train_2M', 'train_5M', 'train']);
  });

  it('TL114 on a split the card does not list; quiet on a listed split, a data_dir, a data_files, a revision or a config not read', async () => {
    const load = (args: string) => `from datasets import load_dataset\nds = load_dataset(${args})\n`;
    assert.deepEqual(await errorsAndWarnings(load('"princeton-nlp/SWE-bench_Lite", split="train"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await errorsAndWarnings(load('"zwhe99/DeepMath-103K", split="test"'), ['TL114']), ['1:TL114 error']);
    for (const args of [
      '"princeton-nlp/SWE-bench_Lite", split="test"',
      '"princeton-nlp/SWE-bench_Lite", split="train", data_dir="data"', // another folder may be other data
      '"zwhe99/DeepMath-103K", split="test", data_files={"test": "extra.parquet"}',
      '"zwhe99/DeepMath-103K", split="test", revision="refs/pr/1"',
      '"HuggingFaceM4/the_cauldron", "ocrvqa", split="test"', // a config whose split list was not read
      '"BAAI/TACO", split="test"', '"BAAI/TACO", split="validation", data_dir="ALL"', '"BAAI/TACO", "ALL", split="validation"',
      '"codeparrot/apps", "competition", split="validation"', '"codeparrot/apps", split="validation", difficulties=["competition"]',
      '"nvidia/OpenMathInstruct-2", split="train_5M"',
    ]) assert.deepEqual(await errorsAndWarnings(load(args), ['TL114']), [], args);
    // Session 27: the split lists the cards print or map.
    assert.deepEqual(await errorsAndWarnings(load('"BAAI/TACO", split="validation"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await errorsAndWarnings(load('"codeparrot/apps", split="validation"'), ['TL114']), ['1:TL114 error']);
    assert.deepEqual(await errorsAndWarnings(load('"nvidia/OpenMathInstruct-2", split="test"'), ['TL114']), ['1:TL114 error']);
  });
});
