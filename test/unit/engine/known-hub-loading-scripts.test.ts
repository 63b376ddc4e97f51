/**
 * The table's fourth extension (session 18): the loading-script part (beans, kde4, wmt16, … read in the
 * `dataset_infos.json` of huggingface/datasets 2.5.2), a config picked without a name (`defaultConfig`), a config named
 * by builder keywords (kde4's `lang1=`/`lang2=`), and the entries read in the corpora's notebooks and in a card.
 */
import assert from 'node:assert/strict';
import { fromKnownTable } from '../../../server/src/engine/dataset/cached-provider';
import { LOADING_SCRIPT_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-loading-scripts';
import { AUDIO_IMAGE_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-audio-image';
import { MOVED_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-moved';
import { CANONICAL_SCRIPT_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-canonical-scripts';
import { knownHubDataset, lookupKnownHubDataset } from '../../../server/src/engine/dataset/known-hub-lookup';
import type { DataSourceSpec } from '../../../server/src/engine/data/types';
import { initParser } from '../../../server/src/engine/syntax/parser';
import { cleanup, makeTmp } from '../data/fixtures';
import { lintThroughTable } from './hub-table-lint';

const spec = (builder: string, extra: Partial<DataSourceSpec> = {}): DataSourceSpec => ({ kind: 'load_dataset', cwd: '/tmp', builder, ...extra });

describe('engine: the loading-script part of the known Hub table (session 18)', () => {
  let home: string;
  before(async () => { await initParser(); home = makeTmp(); });
  after(() => cleanup(home));

  async function findings(text: string, codes: string[]): Promise<string[]> {
    const r = await lintThroughTable(home, text);
    try { return r.diagnostics.filter((d) => codes.includes(d.code)).map((d) => `${d.code} ${d.severity} ${d.message}`); } finally { r.dispose(); }
  }

  it('every entry says where it was read, is counted, is dated, and each config lists its whole split list', () => {
    assert.ok(LOADING_SCRIPT_HUB_DATASETS.length + AUDIO_IMAGE_HUB_DATASETS.length + MOVED_HUB_DATASETS.length >= 61);
    assert.ok(CANONICAL_SCRIPT_HUB_DATASETS.length >= 19);
    for (const d of [...LOADING_SCRIPT_HUB_DATASETS, ...AUDIO_IMAGE_HUB_DATASETS, ...MOVED_HUB_DATASETS, ...CANONICAL_SCRIPT_HUB_DATASETS]) {
      // Read on 2026-12-07 (sessions 18–26) or 2026-12-08 (session 27).
      assert.match(d.checked ?? '', /^2026-12-0[78]$/, d.id);
      assert.match(d.evidence[0], /loading script and its dataset_infos\.json in huggingface\/datasets 2\.5\.2/, d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      // A namespaced copy says where the Hub shows it is the canonical dataset.
      if (MOVED_HUB_DATASETS.includes(d)) assert.match(d.evidence[1] ?? '', /huggingface\.co\/datasets\//, d.id);
      for (const [name, c] of Object.entries(d.configs)) {
        assert.equal(c.splitsComplete?.by, 'script', `${d.id}/${name}`);
        assert.ok(Object.values(c.splits).every((n) => typeof n === 'number'), `${d.id}/${name}: sizes as read`);
      }
    }
  });

  it('a dataset of several configs answers an unnamed load with its default config, and only then', () => {
    const sp = lookupKnownHubDataset('scene_parse_150', undefined, 'train[:50]');
    assert.ok(sp && !('why' in sp));
    assert.equal(sp.config, 'scene_parsing');
    assert.deepEqual(sp.columns.map((c) => c.name), ['image', 'annotation', 'scene_category']);
    const inst = lookupKnownHubDataset('scene_parse_150', 'instance_segmentation', 'validation');
    assert.ok(inst && !('why' in inst) && inst.columns.length === 2 && inst.rowCount === 2000);
    // No default config: a dataset of several still needs one named.
    assert.match((lookupKnownHubDataset('wmt16', undefined, 'train') as { why: string }).why, /several configs/);
  });

  it('kde4: lang1/lang2 name the config its loading script builds; anything else passed to a builder is not answered', () => {
    const fr = fromKnownTable(spec('kde4', { split: 'train', configKwargs: ['lang1', 'lang2'], configKwargValues: { lang1: 'en', lang2: 'fr' } }));
    assert.deepEqual(fr?.columns, ['id', 'translation']);
    assert.equal(fr?.types?.translation, 'struct<en: string, fr: string>');
    assert.match(fromKnownTable(spec('kde4', { split: 'train', configKwargs: ['lang1', 'lang2'], configKwargValues: { lang1: 'en', lang2: 'de' } }))?.note ?? '', /no config "en-de"/);
    // A keyword computed at run time, one keyword more or less, a config name besides, or another builder: not answered.
    assert.equal(fromKnownTable(spec('kde4', { split: 'train', configKwargs: ['lang1', 'lang2'], configKwargValues: { lang1: 'en' } })), undefined);
    assert.equal(fromKnownTable(spec('kde4', { split: 'train', configKwargs: ['lang1'], configKwargValues: { lang1: 'en' } })), undefined);
    assert.equal(fromKnownTable(spec('kde4', { name: 'en-fr', split: 'train', configKwargs: ['lang1', 'lang2'], configKwargValues: { lang1: 'en', lang2: 'fr' } })), undefined);
    assert.equal(fromKnownTable(spec('opus_books', { split: 'train', configKwargs: ['lang1', 'lang2'], configKwargValues: { lang1: 'en', lang2: 'fr' } })), undefined);
    assert.equal(fromKnownTable(spec('kde4', { split: 'train', configKwargs: ['lang1', 'lang2', 'features'], configKwargValues: { lang1: 'en', lang2: 'fr' } })), undefined);
  });

  it('on scripts: a column the data lacks, a split it lacks, and their near misses', async () => {
    const sft = (load: string, field: string) => `# pip install trl==0.19.1
from datasets import load_dataset
from trl import SFTTrainer, SFTConfig
ds = ${load}
trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="${field}"))
`;
    const ptb = await findings(sft('load_dataset("ptb_text_only", "penn_treebank", split="train")', 'text'), ['TL106']);
    assert.equal(ptb.length, 1);
    assert.match(ptb[0], /^TL106 error .*"text".*ptb_text_only.*trainlint's table of known datasets, checked 2026-12-07.*sentence/);
    assert.deepEqual(await findings(sft('load_dataset("ptb_text_only", "penn_treebank", split="train")', 'sentence'), ['TL106']), []);
    // kde4 as the Hugging Face course loads it: rows of translation pairs, no text column.
    const kde = await findings(sft('load_dataset("kde4", lang1="en", lang2="fr", split="train")', 'text'), ['TL106']);
    assert.equal(kde.length, 1);
    assert.match(kde[0], /id, translation/);
    const split = await findings('from datasets import load_dataset\nb = load_dataset("beans", split="val")\nok = load_dataset("beans", split="validation")\n', ['TL114']);
    assert.equal(split.length, 1);
    assert.match(split[0], /^TL114 error There is no split "val": the data has the splits "train", "validation", "test" \(per the dataset's loading script read 2026-12-07/);
  });

  it('session 26: the canonical datasets per config, the default config only where the script names one', () => {
    const at = (id: string, name: string | undefined, split: string | undefined) => lookupKnownHubDataset(id, name, split);
    const names = (r: ReturnType<typeof at>) => (r && !('why' in r) ? r.columns.map((c) => c.name) : r?.why);
    // DEFAULT_CONFIG_NAME in the script: aqua_rat raw, conceptual_captions unlabeled, wikitablequestions random-split-1.
    assert.deepEqual(names(at('aqua_rat', undefined, 'train')), ['question', 'options', 'rationale', 'correct']);
    assert.equal((at('aqua_rat', undefined, 'test') as { rowCount: number }).rowCount, 254);
    assert.deepEqual(names(at('conceptual_captions', undefined, 'validation')), ['image_url', 'caption']);
    assert.deepEqual(names(at('conceptual_captions', 'labeled', 'train')), ['image_url', 'caption', 'labels', 'MIDs', 'confidence_scores']);
    const wtq = at('Stanford/wikitablequestions', undefined, undefined);
    assert.ok(wtq && !('why' in wtq) && wtq.config === 'random-split-1' && wtq.isDict);
    assert.deepEqual(wtq.splits, ['train', 'test', 'validation']);
    // No default: a dataset of several configs answers only a call that names one.
    for (const id of ['clinc_oos', 'fever', 'ms_marco', 'reddit_tifu', 'stsb_multi_mt', 'subjqa', 'tydiqa', 'xnli', 'cardiffnlp/tweet_eval']) {
      assert.match(names(at(id, undefined, 'train')) as string, /several configs/, id);
    }
    assert.deepEqual(names(at('clinc_oos', 'plus', 'train')), ['text', 'intent']);
    assert.deepEqual((names(at('subjqa', 'electronics', 'test')) as string[]).slice(-3), ['context', 'question', 'answers']);
    assert.deepEqual(names(at('tydiqa', 'secondary_task', 'validation')), ['id', 'title', 'context', 'question', 'answers']);
    assert.deepEqual(names(at('xnli', 'fr', 'validation')), ['premise', 'hypothesis', 'label']);
    assert.equal((at('hotpot_qa', 'fullwiki', 'test') as { rowCount: number }).rowCount, 7405);
    assert.equal((at('hotpot_qa', 'distractor', 'test') as { missingSplit?: { split: string } }).missingSplit?.split, 'test', 'distractor has no test split');
    assert.deepEqual(names(at('opus100', 'en-ur', 'train')), ['translation']);
    assert.match(names(at('opus100', 'de-en', 'train')) as string, /no config "de-en".*others not read/);
    assert.deepEqual(names(at('cardiffnlp/tweet_eval', 'sentiment', 'train')), ['text', 'label']);
    assert.deepEqual(names(at('google-research-datasets/mbpp', 'sanitized', 'test')), ['source_file', 'task_id', 'prompt', 'code', 'test_imports', 'test_list']);
    assert.deepEqual(names(at('google-research-datasets/mbpp', undefined, 'test')), ['task_id', 'text', 'code', 'test_list', 'test_setup_code', 'challenge_test_list']);
    assert.deepEqual(names(at('Samsung/samsum', undefined, 'validation')), ['id', 'dialogue', 'summary']);
    assert.equal((at('facebook/empathetic_dialogues', undefined, 'train') as { rowCount: number }).rowCount, 76673);
    assert.match(names(at('takala/financial_phrasebank', undefined, 'train')) as string, /several configs/);
    assert.equal((at('takala/financial_phrasebank', 'sentences_50agree', 'train') as { rowCount: number }).rowCount, 4846);
    // fever's splits are not train/validation/test: a split the script does not make is missing, with the list read.
    const dev = at('fever', 'v1.0', 'validation');
    assert.ok(dev && 'why' in dev && dev.missingSplit?.splits.includes('labelled_dev'));
    // A config the script does not build is not answered.
    assert.match(names(at('reddit_tifu', 'medium', 'train')) as string, /no config "medium"/);
  });

  it('session 26 on scripts: TL114 on a split a canonical dataset lacks; quiet on its own splits, a data_dir, data_files or revision', async () => {
    const split = await findings('from datasets import load_dataset\nh = load_dataset("hans", split="test")\nok = load_dataset("hans", split="validation")\n', ['TL114']);
    assert.equal(split.length, 1);
    assert.match(split[0], /^TL114 error There is no split "test": the data has the splits "train", "validation" \(per the dataset's loading script read 2026-12-07/);
    for (const args of ['"hans", split="validation"', '"hans", data_dir="x", split="test"', '"hans", data_files="x.json", split="test"', '"hans", revision="refs/pr/1", split="test"',
      '"stsb_multi_mt", name="en", split="dev"', '"uoft-cs/cifar10", split="test"']) {
      assert.deepEqual(await findings(`from datasets import load_dataset\nd = load_dataset(${args})\n`, ['TL114']), [], args);
    }
    assert.equal((await findings('from datasets import load_dataset\nd = load_dataset("stsb_multi_mt", name="en", split="validation")\n', ['TL114'])).length, 1);
  });

  it('session 27: the canonical and moved datasets per config; a config named only where the script has a default', () => {
    const at = (id: string, name: string | undefined, split: string | undefined) => lookupKnownHubDataset(id, name, split);
    const names = (r: ReturnType<typeof at>) => (r && !('why' in r) ? r.columns.map((c) => c.name) : r?.why);
    const rows = (r: ReturnType<typeof at>) => (r && !('why' in r) ? r.rowCount : r?.why);
    for (const id of ['ai2_arc', 'openwebtext', 'Skylion007/openwebtext', 'alexfabbri/multi_news', 'google-research-datasets/nq_open', 'mandarjoshi/trivia_qa',
      'qiaojin/PubMedQA', 'mutiyama/alt', 'facebook/mlqa']) assert.equal(knownHubDataset(id)?.checked, '2026-12-08', id);
    assert.deepEqual(names(at('ai2_arc', 'ARC-Challenge', 'test')), ['id', 'question', 'choices', 'answerKey']);
    assert.equal(rows(at('ai2_arc', 'ARC-Easy', 'validation')), 570);
    assert.match(names(at('ai2_arc', undefined, 'test')) as string, /several configs/);
    assert.equal(rows(at('Skylion007/openwebtext', undefined, 'train')), 8013769);
    assert.equal((at('openwebtext', undefined, 'test') as { missingSplit?: { split: string } }).missingSplit?.split, 'test');
    assert.deepEqual(names(at('alexfabbri/multi_news', undefined, 'validation')), ['document', 'summary']);
    assert.equal((at('google-research-datasets/nq_open', undefined, 'validation') as { columns: { type: string }[] }).columns[1].type, 'list<string>');
    assert.equal(rows(at('mandarjoshi/trivia_qa', 'rc.nocontext', 'validation')), 17944);
    // The four configs whose dataset_infos.json counted 0 rows are not answered; no config name, no answer (no default).
    assert.match(names(at('mandarjoshi/trivia_qa', 'unfiltered.web', 'train')) as string, /are not in trainlint's table/);
    assert.match(names(at('mandarjoshi/trivia_qa', undefined, 'train')) as string, /several configs/);
    assert.deepEqual(names(at('qiaojin/PubMedQA', 'pqa_labeled', 'train')), ['pubid', 'question', 'context', 'long_answer', 'final_decision']);
    assert.deepEqual(names(at('qiaojin/PubMedQA', 'pqa_unlabeled', 'train')), ['pubid', 'question', 'context', 'long_answer']);
    assert.match(names(at('qiaojin/PubMedQA', undefined, 'train')) as string, /several configs/);
    // alt's script sets DEFAULT_CONFIG_NAME = "alt-parallel".
    const alt = at('mutiyama/alt', undefined, 'test');
    assert.ok(alt && !('why' in alt) && alt.config === 'alt-parallel' && alt.rowCount === 1019);
    assert.equal(Object.keys(knownHubDataset('facebook/mlqa')!.configs).length, 61);
    assert.equal(rows(at('facebook/mlqa', 'mlqa.en.en', 'validation')), 1148);
    assert.equal((at('facebook/mlqa', 'mlqa-translate-test.de', 'validation') as { missingSplit?: { split: string } }).missingSplit?.split, 'validation');
  });

  it('session 27 on scripts: TL114 on a split a moved dataset lacks; quiet on its own splits, a data_dir, data_files, revision or a builder keyword', async () => {
    const load = (args: string) => `from datasets import load_dataset\nd = load_dataset(${args})\n`;
    const mlqa = await findings(load('"facebook/mlqa", "mlqa.en.en", split="train"'), ['TL114']);
    assert.equal(mlqa.length, 1);
    assert.match(mlqa[0], /^TL114 error There is no split "train": the data has the splits "test", "validation" \(per the dataset's loading script read 2026-12-08/);
    assert.equal((await findings(load('"ai2_arc", "ARC-Easy", split="dev"'), ['TL114'])).length, 1);
    for (const args of ['"facebook/mlqa", "mlqa.en.en", split="validation"', '"facebook/mlqa", "mlqa.en.en", split="train", data_dir="extra"',
      '"facebook/mlqa", "mlqa.en.en", split="train", data_files="train.json"', '"facebook/mlqa", "mlqa.en.en", split="train", revision="refs/convert/parquet"',
      '"ai2_arc", split="dev"', '"openwebtext", split="validation", files=["x.xz"]', '"mandarjoshi/trivia_qa", "unfiltered.web", split="dev"']) {
      assert.deepEqual(await findings(load(args), ['TL114']), [], args);
    }
  });

  it('the session-18 entries read elsewhere: a card (parsynth-ocr-200k) and whole loads printed in the corpora', () => {
    const ocr = lookupKnownHubDataset('hezarai/parsynth-ocr-200k', undefined, 'train[:2000]');
    assert.ok(ocr && !('why' in ocr) && ocr.rowCount === 2000);
    assert.deepEqual(ocr.columns, [{ name: 'image_path', type: 'image' }, { name: 'text', type: 'string' }]);
    assert.deepEqual(Object.keys(knownHubDataset('shawhin/imdb-truncated')!.configs.default.splits), ['train', 'validation']);
    for (const id of ['medalpaca/medical_meadow_medical_flashcards', 'MongoDB/embedded_movies', 'HumanLLMs/Human-Like-DPO-Dataset', 'shawhin/imdb-truncated']) {
      const d = knownHubDataset(id)!;
      assert.equal(d.checked, '2026-12-07', id);
      assert.equal(d.configs.default.splitsComplete?.by, 'printed', id);
    }
  });
});
