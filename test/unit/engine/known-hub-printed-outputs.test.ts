/** The printed-outputs part of the known Hub table (session 23: column names read in the saved output of a load). */
import assert from 'node:assert/strict';
import { lookupKnownHubDataset, type KnownLookup } from '../../../server/src/engine/dataset/known-hub-lookup';
import { KNOWN_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-datasets';
import { PRINTED_OUTPUT_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-printed-outputs';
import { PRINTED_CORPORA_HUB_DATASETS } from '../../../server/src/engine/dataset/known-hub-printed-corpora';

const answer = (id: string, name?: string, split?: string) => lookupKnownHubDataset(id, name, split) as KnownLookup & { why?: string; missingSplit?: { split: string } };

describe('engine: the printed-outputs part of the known Hub table (session 23)', () => {
  it('21 ids (10 of session 24, 5 of session 25), registered once each, each with where and when it was read and its count in the corpora', () => {
    assert.deepEqual(PRINTED_OUTPUT_HUB_DATASETS.map((d) => d.id),
      ['neil-code/dialogsum-test', 'open-r1/codeforces-cots', 'bebechien/SimpleToolCalling', 'lmms-lab/multimodal-open-r1-8k-verified',
        'wikimedia/wikipedia', 'zeroshot/twitter-financial-news-sentiment',
        'ml6team/cnn_dailymail_nl', 'mozilla-foundation/common_voice_13_0', 'mozilla-foundation/common_voice_17_0', 'open-r1/OpenR1-Math-220k',
        'bitext/Bitext-travel-llm-chatbot-training-dataset', 'sunhaozhepy/ag_news_keywords_embeddings', 'ronenlap/SetFitAbsa_FiQA',
        'hf-internal-testing/librispeech_asr_dummy', 'hf-internal-testing/librispeech_asr_demo',
        'derek-thomas/dataset-creator-reddit-bestofredditorupdates', 'nielsr/eurosat-demo', 'gaokerena/MF3QA',
        'nisaar/Articles_Constitution_3300_Instruction_Set', 'deatos/fineweb-edu-mini-combined', 'raquiba/Sarcasm_News_Headline']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    assert.equal(new Set(ids).size, ids.length, 'an id is in the table twice');
    for (const d of PRINTED_OUTPUT_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.length > 0 && d.evidence.every((e) => e.length > 80 && /print|output|viewer|Generating/.test(e)), d.id);
      assert.equal(d.checked, '2026-12-07', d.id);
      assert.ok((d.uses.realScripts?.calls ?? 0) > 0, d.id);
      for (const c of Object.values(d.configs)) {
        assert.ok(c.columns.every((col) => col.type === 'unknown'), `${d.id}: a printed repr gives names, not types`);
        if (c.splitsComplete) assert.ok(c.splitsComplete.where, `${d.id}: where the split list was read`);
      }
    }
  });

  it('answers the printed column names and sizes', () => {
    const ds = answer('neil-code/dialogsum-test', undefined, 'validation');
    assert.deepEqual(ds.columns.map((c) => c.name), ['id', 'dialogue', 'summary', 'topic']);
    assert.equal(ds.rowCount, 499);
    assert.deepEqual(answer('neil-code/dialogsum-test').splits, ['train', 'validation', 'test']);
    assert.equal(answer('open-r1/codeforces-cots', 'solutions', 'train').columns.length, 23);
    assert.equal(answer('open-r1/codeforces-cots', 'solutions', 'train').rowCount, 47780);
    assert.deepEqual(answer('bebechien/SimpleToolCalling', undefined, 'train').columns.map((c) => c.name), ['user_content', 'tool_name', 'tool_arguments']);
    const mm = answer('lmms-lab/multimodal-open-r1-8k-verified', undefined, 'train');
    assert.deepEqual(mm.columns.map((c) => c.name), ['image', 'problem', 'solution', 'original_question', 'original_answer']);
    assert.equal(mm.rowCount, undefined, 'the size was not read exactly');
    assert.equal(answer('wikimedia/wikipedia', '20231101.eu', 'train').rowCount, 416347);
    const tw = answer('zeroshot/twitter-financial-news-sentiment', undefined, 'train');
    assert.deepEqual(tw.columns.map((c) => c.name), ['text', 'label']);
    assert.equal(tw.rowCount, 9543);
  });

  it('a config loaded by name is the only one answered; the others stay unanswered', () => {
    assert.match(answer('open-r1/codeforces-cots', 'solutions_decontaminated', 'train').why!, /no config "solutions_decontaminated".*others not read/);
    assert.match(answer('open-r1/codeforces-cots', undefined, 'train').why!, /several configs .* none is named/);
    assert.match(answer('wikimedia/wikipedia', '20231101.ko', 'train').why!, /no config "20231101.ko"/);
  });

  it('a split is known missing only where the whole list was read', () => {
    assert.equal(answer('zeroshot/twitter-financial-news-sentiment', undefined, 'test').missingSplit?.split, 'test');
    assert.match(answer('zeroshot/twitter-financial-news-sentiment', undefined, 'test').why!, /the printed output of a whole load read 2026-12-07/);
    assert.equal(answer('lmms-lab/multimodal-open-r1-8k-verified', undefined, 'test').missingSplit?.split, 'test');
    assert.equal(answer('neil-code/dialogsum-test', undefined, 'dev').missingSplit?.split, 'dev');
    for (const [id, name] of [['bebechien/SimpleToolCalling', undefined], ['open-r1/codeforces-cots', 'solutions']]) {
      const a = answer(id!, name, 'test');
      assert.equal(a.missingSplit, undefined, `${id}: only the train split was printed`);
      assert.match(a.why!, /others may exist/);
    }
  });

  it('session 24: answers the printed names per config and split, and says what was not read', () => {
    const cnn = answer('ml6team/cnn_dailymail_nl', undefined, 'train');
    assert.deepEqual(cnn.columns.map((c) => c.name), ['article', 'highlights', 'id']);
    assert.equal(cnn.rowCount, 287113);
    assert.equal(answer('ml6team/cnn_dailymail_nl', undefined, 'validation').rowCount, undefined, 'its size was not printed');
    const cv13 = ['client_id', 'path', 'audio', 'sentence', 'up_votes', 'down_votes', 'age', 'gender', 'accent', 'locale', 'segment', 'variant'];
    assert.deepEqual(answer('mozilla-foundation/common_voice_13_0', 'hi', 'train+validation').columns.map((c) => c.name), cv13);
    assert.equal(answer('mozilla-foundation/common_voice_13_0', 'pa-IN', 'test').rowCount, 459);
    assert.match(answer('mozilla-foundation/common_voice_13_0', 'ta', 'test').why!, /no config "ta".*others not read/);
    const cv17 = answer('mozilla-foundation/common_voice_17_0', 'or', 'train+validation');
    assert.deepEqual(cv17.columns.map((c) => c.name), cv13);
    assert.equal(cv17.rowCount, 2048);
    assert.deepEqual(answer('mozilla-foundation/common_voice_17_0', 'or').splits, ['train', 'validation', 'test', 'other', 'invalidated', 'validated']);
    assert.equal(answer('mozilla-foundation/common_voice_17_0', 'or', 'dev').missingSplit?.split, 'dev', 'the first download listed every split');
    assert.equal(answer('open-r1/OpenR1-Math-220k', 'extended', 'train').columns.length, 14);
    assert.match(answer('open-r1/OpenR1-Math-220k', 'default', 'train').why!, /config "default" are not in/);
    assert.match(answer('open-r1/OpenR1-Math-220k', undefined, 'train').why!, /several configs/);
    assert.deepEqual(answer('bitext/Bitext-travel-llm-chatbot-training-dataset', undefined, 'train').columns.map((c) => c.name),
      ['instruction', 'intent', 'category', 'tags', 'response']);
    assert.equal(answer('sunhaozhepy/ag_news_keywords_embeddings', undefined, 'train').rowCount, 120000);
    const ag = answer('sunhaozhepy/ag_news_keywords_embeddings', undefined, 'validation');
    assert.equal(ag.missingSplit, undefined, 'the loaded DatasetDict was not printed: the list is not complete');
    assert.match(ag.why!, /others may exist/);
    assert.equal(answer('ronenlap/SetFitAbsa_FiQA', undefined, 'train').rowCount, 670);
    const libri = ['file', 'audio', 'text', 'speaker_id', 'chapter_id', 'id'];
    const dummy = answer('hf-internal-testing/librispeech_asr_dummy', 'clean', 'validation');
    assert.deepEqual(dummy.columns.map((c) => c.name), libri);
    assert.equal(dummy.rowCount, 73);
    assert.equal(answer('hf-internal-testing/librispeech_asr_dummy', 'clean', 'test').missingSplit?.split, 'test', 'the viewer lists one split');
    assert.deepEqual(answer('hf-internal-testing/librispeech_asr_demo', 'clean', 'validation').columns.map((c) => c.name), libri);
    assert.match(answer('hf-internal-testing/librispeech_asr_demo', 'clean', 'test').why!, /others may exist/);
    assert.match(answer('hf-internal-testing/librispeech_asr_demo', undefined, 'validation').why!, /none is named/);
    const reddit = answer('derek-thomas/dataset-creator-reddit-bestofredditorupdates', undefined, 'train');
    assert.equal(reddit.columns.length, 10);
    assert.equal(reddit.rowCount, undefined, 'a re-scraped dataset: the printed count is not written');
  });
});

describe('engine: the session-25 entries of the printed-outputs part', () => {
  it('a whole DatasetDict printed gives a complete split list; a split="train" print gives that split only', () => {
    assert.deepEqual(answer('nielsr/eurosat-demo').splits, ['train']);
    assert.equal(answer('nielsr/eurosat-demo', undefined, 'test').missingSplit?.split, 'test');
    const mf = answer('gaokerena/MF3QA', undefined, 'dev');
    assert.deepEqual(mf.columns.map((c) => c.name), ['Question', 'Answer', 'Source']);
    assert.equal(mf.rowCount, 2000);
    assert.equal(answer('gaokerena/MF3QA', undefined, 'validation').missingSplit?.split, 'validation');
    const art = answer('nisaar/Articles_Constitution_3300_Instruction_Set', undefined, 'train');
    assert.deepEqual(art.columns.map((c) => c.name), ['instruction', 'input', 'output', 'prompt']);
    assert.equal(art.rowCount, 3311);
    const artTest = answer('nisaar/Articles_Constitution_3300_Instruction_Set', undefined, 'test');
    assert.ok(artTest.why && !artTest.missingSplit, 'only split="train" was printed: others may exist');
  });

  it('columns read from what a later cell removes; split lists from "Generating" lines, with sizes not printed left unknown', () => {
    assert.deepEqual(answer('raquiba/Sarcasm_News_Headline', undefined, 'test').columns.map((c) => c.name), ['article_link', 'headline', 'is_sarcastic']);
    assert.equal(answer('raquiba/Sarcasm_News_Headline', undefined, 'test').rowCount, 26709);
    const fw = answer('deatos/fineweb-edu-mini-combined', undefined, 'validation');
    assert.equal(fw.columns.length, 10);
    assert.equal(fw.rowCount, undefined);
    assert.deepEqual(answer('deatos/fineweb-edu-mini-combined').splits, ['train', 'validation']);
    assert.equal(answer('deatos/fineweb-edu-mini-combined', undefined, 'test').missingSplit?.split, 'test');
  });
});

describe('engine: the printed outputs of the session-26 corpora (known-hub-printed-corpora.ts)', () => {
  it('nine ids (five of session 27), registered, each with where and when it was read; names only, no types, but where the features were printed', () => {
    assert.deepEqual(PRINTED_CORPORA_HUB_DATASETS.map((d) => d.id), ['datastax/philosopher-quotes', 'mteb/askubuntudupquestions-reranking',
      'Jooinjang/my_translate_300k_en-ko', 'Neelectric/wildguardmix_reasoning_Llama-3.1-8B-Instruct_4096toks',
      'nvidia/OpenCodeReasoning', 'snorkelai/Multi-Turn-Insurance-Underwriting', 'ylacombe/google-chilean-spanish', 'ruslanmv/ai-medical-chatbot',
      'merve/scene_parse_150']);
    const ids = KNOWN_HUB_DATASETS.map((d) => d.id);
    for (const d of PRINTED_CORPORA_HUB_DATASETS) {
      assert.ok(ids.includes(d.id), `${d.id} is registered`);
      assert.ok(d.evidence.every((e) => e.length > 80) && /print|Generating/.test(d.evidence[0]), d.id);
      assert.match(d.checked ?? '', /^2026-12-0[78]$/, d.id);
      // snorkelai's notebook printed `.features` too: its types are read; elsewhere a repr gives names only.
      if (d.id !== 'snorkelai/Multi-Turn-Insurance-Underwriting') for (const c of Object.values(d.configs)) assert.ok(c.columns.every((col) => col.type === 'unknown'), d.id);
    }
  });

  it('session 27: a DatasetDict printed per config; features printed with types; columns kept through concatenate/select/split, sizes not', () => {
    const ocr = answer('nvidia/OpenCodeReasoning', 'split_1', 'split_1');
    assert.equal(ocr.columns.length, 10);
    assert.equal(ocr.rowCount, 167405);
    assert.deepEqual(answer('nvidia/OpenCodeReasoning', 'split_0').splits, ['split_0']);
    assert.equal(answer('nvidia/OpenCodeReasoning', 'split_0', 'train').missingSplit?.split, 'train', 'a config\'s one split is named after it');
    assert.match(answer('nvidia/OpenCodeReasoning', undefined, 'split_0').why ?? '', /several configs/);
    const ins = answer('snorkelai/Multi-Turn-Insurance-Underwriting', undefined, 'train');
    assert.equal(ins.columns.length, 16);
    assert.deepEqual(ins.columns.filter((c) => c.type !== 'string').map((c) => [c.name, c.type.replace(/<.*/, '')]), [['primary id', 'int64'], ['company task id', 'int64'],
      ['trace', 'list'], ['correct', 'bool'], ['annual revenue', 'int64'], ['number of employees', 'int64'], ['total payroll', 'int64'], ['number of vehicles', 'int64']]);
    assert.equal(answer('snorkelai/Multi-Turn-Insurance-Underwriting', undefined, 'test').missingSplit?.split, 'test');
    for (const cfg of ['female', 'male']) assert.deepEqual(answer('ylacombe/google-chilean-spanish', cfg, 'train').columns.map((c) => c.name), ['audio', 'text', 'speaker_id'], cfg);
    const chile = answer('ylacombe/google-chilean-spanish', 'female', 'test');
    assert.ok(chile.why && !chile.missingSplit, 'the configs\' other splits were not read');
    assert.equal(answer('ylacombe/google-chilean-spanish', 'female', 'train').rowCount, undefined);
    const med = answer('ruslanmv/ai-medical-chatbot', undefined, 'train');
    assert.deepEqual(med.columns.map((c) => c.name), ['Description', 'Patient', 'Doctor']);
    assert.equal(med.rowCount, undefined, 'the 90,000 printed are a part of train');
    const scene = answer('merve/scene_parse_150', undefined, 'train[:50]');
    assert.deepEqual(scene.columns.map((c) => c.name), ['image', 'annotation', 'scene_category']);
    assert.ok(answer('merve/scene_parse_150', undefined, 'validation').why && !answer('merve/scene_parse_150', undefined, 'validation').missingSplit);
  });

  it('answers what was printed; a split list only where the whole load showed it; a config the notebook pushed but did not print stays silent', () => {
    assert.deepEqual(answer('datastax/philosopher-quotes', undefined, 'train').columns.map((c) => c.name), ['author', 'quote', 'tags']);
    assert.equal(answer('datastax/philosopher-quotes', undefined, 'test').missingSplit?.split, 'test');
    assert.deepEqual(answer('mteb/askubuntudupquestions-reranking').splits, ['test']);
    assert.equal(answer('mteb/askubuntudupquestions-reranking', undefined, 'test').rowCount, 375);
    // Jooinjang's split list was not read whole: another split is not known to be missing.
    assert.equal(answer('Jooinjang/my_translate_300k_en-ko', undefined, 'train').rowCount, 296415);
    const other = answer('Jooinjang/my_translate_300k_en-ko', undefined, 'test');
    assert.ok(other.why && !other.missingSplit);
    const wgm = answer('Neelectric/wildguardmix_reasoning_Llama-3.1-8B-Instruct_4096toks', undefined, 'train');
    assert.equal(wgm.config, 'default');
    assert.deepEqual(wgm.columns.map((c) => c.name), ['wjb_prompt', 'model_response', 'guard_response', 'refusal_detected', 'messages']);
    assert.match(answer('Neelectric/wildguardmix_reasoning_Llama-3.1-8B-Instruct_4096toks', 'refusals_only', 'train').why ?? '', /not in trainlint's table/);
  });
});
