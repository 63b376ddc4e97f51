/**
 * trainlint's table of known Hub datasets, its loading-script part (session 18, 2026-12-07; docs/corpus.md, "Known Hub
 * datasets, fourth extension"): the datasets without a namespace (`beans`, `kde4`, `wmt16`, …) that real scripts load
 * and whose loading scripts lived in huggingface/datasets until 2.5.2 (c59cc34, `datasets/<name>/<name>.py` and its
 * `dataset_infos.json`: every config's features and split sizes), before the Hub took them over (most now under a
 * namespace, `load_dataset("beans")` redirected there, converted to Parquet with the same features and splits). Each
 * entry holds only the configs scripts load (or all, when there are few), its columns and types as that
 * `dataset_infos.json` gives them (a type the data layer does not spell, or a class list with commas or quotes in its
 * names, is `unknown`), every split with its size, and the split list marked complete (the loading script's split
 * generators). `allenai/c4` is where the Hub redirects `c4`. Counts in `uses.realScripts` are from the session-18
 * regression corpora (`load_dataset("<id>"…)` in `.py` files and notebook code cells).
 * Session 19 (2026-12-07, docs/corpus.md "Known Hub datasets, fifth extension") added the text datasets of the same
 * source that the session-18 corpora load (banking77, mbpp, oscar's unshuffled_deduplicated_en, trivia_qa's rc, …); the
 * audio and image datasets of this source are `known-hub-audio-image.ts`, and the ones the Hub moved under a namespace
 * (google/boolq, …) `known-hub-moved.ts`.
 * Left out although their script was read: `eli5` (the Hub disabled it), `competition_math` (taken down), `superb`
 * (its audio column was added after 2.5.2), `wikipedia` and `common_voice` (configs built at run time),
 * `imagenet-1k` (gated, its files behind terms).
 */
import type { KnownHubDataset, SplitsComplete } from './known-hub-lookup';

export const DATASETS = 'huggingface/datasets 2.5.2';
export const SCRIPT: SplitsComplete = { by: 'script', read: '2026-12-07', where: `${DATASETS} datasets/<name>/dataset_infos.json` };

export const LOADING_SCRIPT_HUB_DATASETS: readonly KnownHubDataset[] = ([
  {
    id: 'kde4',
    configs: {
      'en-fr': { columns: [{ name: 'id', type: 'string' }, { name: 'translation', type: 'struct<en: string, fr: string>' }], splits: { train: 210173 }, splitsComplete: SCRIPT },
    },
    configFromKeywords: { keywords: ['lang1', 'lang2'], join: '-' },
    otherConfigs: true,
    evidence: [`the kde4 loading script and its dataset_infos.json in ${DATASETS} (datasets/kde4/; its Kde4Config names a config f"{lang1}-{lang2}", so load_dataset("kde4", lang1="en", lang2="fr") is config en-fr): 5 configs; config en-fr: id, translation; train 210173`],
    uses: { realScripts: { calls: 11, repos: 1 } },
  },
  {
    id: 'ptb_text_only',
    configs: {
      penn_treebank: { columns: [{ name: 'sentence', type: 'string' }], splits: { train: 42068, test: 3761, validation: 3370 }, splitsComplete: SCRIPT },
    },
    evidence: [`the ptb_text_only loading script and its dataset_infos.json in ${DATASETS} (datasets/ptb_text_only/): 1 config; config penn_treebank: sentence; train 42068, test 3761, validation 3370`],
    uses: { realScripts: { calls: 9, repos: 4 } },
  },
  {
    id: 'sst2',
    configs: {
      default: { columns: [{ name: 'idx', type: 'int32' }, { name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, positive]' }], splits: { train: 67349, validation: 872, test: 1821 }, splitsComplete: SCRIPT },
    },
    evidence: [`the sst2 loading script and its dataset_infos.json in ${DATASETS} (datasets/sst2/): 1 config; config default: idx, sentence, label; train 67349, validation 872, test 1821`],
    uses: { realScripts: { calls: 5, repos: 4 } },
  },
  {
    id: 'wmt16',
    configs: {
      'ro-en': { columns: [{ name: 'translation', type: 'struct<ro: string, en: string>' }], splits: { train: 610320, validation: 1999, test: 1999 }, splitsComplete: SCRIPT },
      'de-en': { columns: [{ name: 'translation', type: 'struct<de: string, en: string>' }], splits: { train: 4548885, validation: 2169, test: 2999 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the wmt16 loading script and its dataset_infos.json in ${DATASETS} (datasets/wmt16/): 6 configs; config ro-en: translation; train 610320, validation 1999, test 1999; config de-en: translation; train 4548885, validation 2169, test 2999`],
    uses: { realScripts: { calls: 5, repos: 2 } },
  },
  {
    id: 'bookcorpus',
    configs: {
      plain_text: { columns: [{ name: 'text', type: 'string' }], splits: { train: 74004228 }, splitsComplete: SCRIPT },
    },
    evidence: [`the bookcorpus loading script and its dataset_infos.json in ${DATASETS} (datasets/bookcorpus/): 1 config; config plain_text: text; train 74004228`],
    uses: { realScripts: { calls: 5, repos: 2 } },
  },
  {
    id: 'paws-x',
    configs: {
      fr: { columns: [{ name: 'id', type: 'int32' }, { name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'label', type: 'class_label[0, 1]' }], splits: { train: 49401, test: 2000, validation: 2000 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the paws-x loading script and its dataset_infos.json in ${DATASETS} (datasets/paws-x/): 7 configs; config fr: id, sentence1, sentence2, label; train 49401, test 2000, validation 2000`],
    uses: { realScripts: { calls: 5, repos: 1 } },
  },
  {
    id: 'piaf',
    configs: {
      plain_text: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }], splits: { train: 3835 }, splitsComplete: SCRIPT },
    },
    evidence: [`the piaf loading script and its dataset_infos.json in ${DATASETS} (datasets/piaf/): 1 config; config plain_text: id, title, context, question, answers; train 3835`],
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'yelp_polarity',
    configs: {
      plain_text: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[1, 2]' }], splits: { train: 560000, test: 38000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the yelp_polarity loading script and its dataset_infos.json in ${DATASETS} (datasets/yelp_polarity/): 1 config; config plain_text: text, label; train 560000, test 38000`],
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'wikiann',
    configs: {
      fr: { columns: [{ name: 'tokens', type: 'list<string>' }, { name: 'ner_tags', type: 'list<class_label[O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC]>' }, { name: 'langs', type: 'list<string>' }, { name: 'spans', type: 'list<string>' }], splits: { validation: 10000, test: 10000, train: 20000 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the wikiann loading script and its dataset_infos.json in ${DATASETS} (datasets/wikiann/): 176 configs; config fr: tokens, ner_tags, langs, spans; validation 10000, test 10000, train 20000`],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'c4',
    configs: {
      en: { columns: [{ name: 'text', type: 'string' }, { name: 'timestamp', type: 'string' }, { name: 'url', type: 'string' }], splits: { train: 364868892, validation: 364608 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the c4 loading script and its dataset_infos.json in ${DATASETS} (datasets/c4/): 4 configs; config en: text, timestamp, url; train 364868892, validation 364608`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'allenai/c4',
    configs: {
      en: { columns: [{ name: 'text', type: 'string' }, { name: 'timestamp', type: 'string' }, { name: 'url', type: 'string' }], splits: { train: 364868892, validation: 364608 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the c4 loading script and its dataset_infos.json in ${DATASETS} (datasets/c4/) (the dataset the Hub redirects c4 to): 4 configs; config en: text, timestamp, url; train 364868892, validation 364608`],
    uses: { realScripts: { calls: 22, repos: 11 } },
  },
  {
    id: 'hellaswag',
    configs: {
      default: { columns: [{ name: 'ind', type: 'int32' }, { name: 'activity_label', type: 'string' }, { name: 'ctx_a', type: 'string' }, { name: 'ctx_b', type: 'string' }, { name: 'ctx', type: 'string' }, { name: 'endings', type: 'list<string>' }, { name: 'source_id', type: 'string' }, { name: 'split', type: 'string' }, { name: 'split_type', type: 'string' }, { name: 'label', type: 'string' }], splits: { train: 39905, test: 10003, validation: 10042 }, splitsComplete: SCRIPT },
    },
    evidence: [`the hellaswag loading script and its dataset_infos.json in ${DATASETS} (datasets/hellaswag/): 1 config; config default: ind, activity_label, ctx_a, ctx_b, ctx, endings, source_id, split, split_type, label; train 39905, test 10003, validation 10042`],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'yahoo_answers_topics',
    configs: {
      yahoo_answers_topics: { columns: [{ name: 'id', type: 'int32' }, { name: 'topic', type: 'class_label[Society & Culture, Science & Mathematics, Health, Education & Reference, Computers & Internet, Sports, Business & Finance, Entertainment & Music, … (10)]' }, { name: 'question_title', type: 'string' }, { name: 'question_content', type: 'string' }, { name: 'best_answer', type: 'string' }], splits: { train: 1400000, test: 60000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the yahoo_answers_topics loading script and its dataset_infos.json in ${DATASETS} (datasets/yahoo_answers_topics/): 1 config; config yahoo_answers_topics: id, topic, question_title, question_content, best_answer; train 1400000, test 60000`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'squad_it',
    configs: {
      default: { columns: [{ name: 'id', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }], splits: { train: 54159, test: 7609 }, splitsComplete: SCRIPT },
    },
    evidence: [`the squad_it loading script and its dataset_infos.json in ${DATASETS} (datasets/squad_it/): 1 config; config default: id, context, question, answers; train 54159, test 7609`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'ethos',
    configs: {
      multilabel: { columns: [{ name: 'text', type: 'string' }, { name: 'violence', type: 'class_label[not_violent, violent]' }, { name: 'directed_vs_generalized', type: 'class_label[generalied, directed]' }, { name: 'gender', type: 'class_label[false, true]' }, { name: 'race', type: 'class_label[false, true]' }, { name: 'national_origin', type: 'class_label[false, true]' }, { name: 'disability', type: 'class_label[false, true]' }, { name: 'religion', type: 'class_label[false, true]' }, { name: 'sexual_orientation', type: 'class_label[false, true]' }], splits: { train: 433 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the ethos loading script and its dataset_infos.json in ${DATASETS} (datasets/ethos/): 2 configs; config multilabel: text, violence, directed_vs_generalized, gender, race, national_origin, disability, religion, sexual_orientation; train 433`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'xtreme',
    configs: {
      'PAN-X.de': { columns: [{ name: 'tokens', type: 'list<string>' }, { name: 'ner_tags', type: 'list<class_label[O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC]>' }, { name: 'langs', type: 'list<string>' }], splits: { validation: 10000, test: 10000, train: 20000 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the xtreme loading script and its dataset_infos.json in ${DATASETS} (datasets/xtreme/): 183 configs; config PAN-X.de: tokens, ner_tags, langs; validation 10000, test 10000, train 20000`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'code_x_glue_ct_code_to_text',
    configs: {
      ruby: { columns: [{ name: 'id', type: 'int32' }, { name: 'repo', type: 'string' }, { name: 'path', type: 'string' }, { name: 'func_name', type: 'string' }, { name: 'original_string', type: 'string' }, { name: 'language', type: 'string' }, { name: 'code', type: 'string' }, { name: 'code_tokens', type: 'list<string>' }, { name: 'docstring', type: 'string' }, { name: 'docstring_tokens', type: 'list<string>' }, { name: 'sha', type: 'string' }, { name: 'url', type: 'string' }], splits: { train: 24927, validation: 1400, test: 1261 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the code_x_glue_ct_code_to_text loading script and its dataset_infos.json in ${DATASETS} (datasets/code_x_glue_ct_code_to_text/): 6 configs; config ruby: id, repo, path, func_name, original_string, language, code, code_tokens, docstring, docstring_tokens, sha, url; train 24927, validation 1400, test 1261`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'mkqa',
    configs: {
      mkqa: { columns: [{ name: 'example_id', type: 'string' }, { name: 'queries', type: 'unknown' }, { name: 'query', type: 'string' }, { name: 'answers', type: 'unknown' }], splits: { train: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the mkqa loading script and its dataset_infos.json in ${DATASETS} (datasets/mkqa/): 1 config; config mkqa: example_id, queries, query, answers; train 10000`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'amazon_polarity',
    configs: {
      amazon_polarity: { columns: [{ name: 'label', type: 'class_label[negative, positive]' }, { name: 'title', type: 'string' }, { name: 'content', type: 'string' }], splits: { train: 3600000, test: 400000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the amazon_polarity loading script and its dataset_infos.json in ${DATASETS} (datasets/amazon_polarity/): 1 config; config amazon_polarity: label, title, content; train 3600000, test 400000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'math_qa',
    configs: {
      default: { columns: [{ name: 'Problem', type: 'string' }, { name: 'Rationale', type: 'string' }, { name: 'options', type: 'string' }, { name: 'correct', type: 'string' }, { name: 'annotated_formula', type: 'string' }, { name: 'linear_formula', type: 'string' }, { name: 'category', type: 'string' }], splits: { test: 2985, train: 29837, validation: 4475 }, splitsComplete: SCRIPT },
    },
    evidence: [`the math_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/math_qa/): 1 config; config default: Problem, Rationale, options, correct, annotated_formula, linear_formula, category; test 2985, train 29837, validation 4475`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'conllpp',
    configs: {
      conllpp: { columns: [{ name: 'id', type: 'string' }, { name: 'tokens', type: 'list<string>' }, { name: 'pos_tags', type: 'unknown' }, { name: 'chunk_tags', type: 'list<class_label[O, B-ADJP, I-ADJP, B-ADVP, I-ADVP, B-CONJP, I-CONJP, B-INTJ, … (23)]>' }, { name: 'ner_tags', type: 'list<class_label[O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC, B-MISC, … (9)]>' }], splits: { train: 14041, validation: 3250, test: 3453 }, splitsComplete: SCRIPT },
    },
    evidence: [`the conllpp loading script and its dataset_infos.json in ${DATASETS} (datasets/conllpp/): 1 config; config conllpp: id, tokens, pos_tags, chunk_tags, ner_tags; train 14041, validation 3250, test 3453`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'xcopa',
    configs: {
      zh: { columns: [{ name: 'premise', type: 'string' }, { name: 'choice1', type: 'string' }, { name: 'choice2', type: 'string' }, { name: 'question', type: 'string' }, { name: 'label', type: 'int32' }, { name: 'idx', type: 'int32' }, { name: 'changed', type: 'bool' }], splits: { validation: 100, test: 500 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the xcopa loading script and its dataset_infos.json in ${DATASETS} (datasets/xcopa/): 21 configs; config zh: premise, choice1, choice2, question, label, idx, changed; validation 100, test 500`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'tab_fact',
    configs: {
      tab_fact: { columns: [{ name: 'id', type: 'int32' }, { name: 'table_id', type: 'string' }, { name: 'table_text', type: 'string' }, { name: 'table_caption', type: 'string' }, { name: 'statement', type: 'string' }, { name: 'label', type: 'class_label[refuted, entailed]' }], splits: { train: 92283, validation: 12792, test: 12779 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the tab_fact loading script and its dataset_infos.json in ${DATASETS} (datasets/tab_fact/): 2 configs; config tab_fact: id, table_id, table_text, table_caption, statement, label; train 92283, validation 12792, test 12779`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'monash_tsf',
    configs: {
      tourism_monthly: { columns: [{ name: 'start', type: 'unknown' }, { name: 'target', type: 'list<float32>' }, { name: 'feat_static_cat', type: 'list<uint64>' }, { name: 'feat_dynamic_real', type: 'list<list<float32>>' }, { name: 'item_id', type: 'string' }], splits: { train: 366, test: 366, validation: 366 }, splitsComplete: SCRIPT },
      traffic_hourly: { columns: [{ name: 'start', type: 'unknown' }, { name: 'target', type: 'list<float32>' }, { name: 'feat_static_cat', type: 'list<uint64>' }, { name: 'feat_dynamic_real', type: 'list<list<float32>>' }, { name: 'item_id', type: 'string' }], splits: { train: 862, test: 862, validation: 862 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the monash_tsf loading script and its dataset_infos.json in ${DATASETS} (datasets/monash_tsf/): 32 configs; config tourism_monthly: start, target, feat_static_cat, feat_dynamic_real, item_id; train 366, test 366, validation 366; config traffic_hourly: start, target, feat_static_cat, feat_dynamic_real, item_id; train 862, test 862, validation 862`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'sem_eval_2018_task_1',
    configs: {
      'subtask5.english': { columns: [{ name: 'ID', type: 'string' }, { name: 'Tweet', type: 'string' }, { name: 'anger', type: 'bool' }, { name: 'anticipation', type: 'bool' }, { name: 'disgust', type: 'bool' }, { name: 'fear', type: 'bool' }, { name: 'joy', type: 'bool' }, { name: 'love', type: 'bool' }, { name: 'optimism', type: 'bool' }, { name: 'pessimism', type: 'bool' }, { name: 'sadness', type: 'bool' }, { name: 'surprise', type: 'bool' }, { name: 'trust', type: 'bool' }], splits: { train: 6838, test: 3259, validation: 886 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the sem_eval_2018_task_1 loading script and its dataset_infos.json in ${DATASETS} (datasets/sem_eval_2018_task_1/): 3 configs; config subtask5.english: ID, Tweet, anger, anticipation, disgust, fear, joy, love, optimism, pessimism, sadness, surprise, trust; train 6838, test 3259, validation 886`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'multi_nli',
    configs: {
      default: { columns: [{ name: 'promptID', type: 'int32' }, { name: 'pairID', type: 'string' }, { name: 'premise', type: 'string' }, { name: 'premise_binary_parse', type: 'string' }, { name: 'premise_parse', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'hypothesis_binary_parse', type: 'string' }, { name: 'hypothesis_parse', type: 'string' }, { name: 'genre', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, validation_matched: 9815, validation_mismatched: 9832 }, splitsComplete: SCRIPT },
    },
    evidence: [`the multi_nli loading script and its dataset_infos.json in ${DATASETS} (datasets/multi_nli/): 1 config; config default: promptID, pairID, premise, premise_binary_parse, premise_parse, hypothesis, hypothesis_binary_parse, hypothesis_parse, genre, label; train 392702, validation_matched 9815, validation_mismatched 9832`],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'spider',
    configs: {
      spider: { columns: [{ name: 'db_id', type: 'string' }, { name: 'query', type: 'string' }, { name: 'question', type: 'string' }, { name: 'query_toks', type: 'list<string>' }, { name: 'query_toks_no_value', type: 'list<string>' }, { name: 'question_toks', type: 'list<string>' }], splits: { train: 7000, validation: 1034 }, splitsComplete: SCRIPT },
    },
    evidence: [`the spider loading script and its dataset_infos.json in ${DATASETS} (datasets/spider/): 1 config; config spider: db_id, query, question, query_toks, query_toks_no_value, question_toks; train 7000, validation 1034`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  // Session 19 (2026-12-07): docs/corpus.md, "Known Hub datasets, fifth extension".
  {
    id: 'banking77',
    configs: {
      default: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[activate_my_card, age_limit, apple_pay_or_google_pay, atm_support, automatic_top_up, balance_not_updated_after_bank_transfer, balance_not_updated_after_cheque_or_cash_deposit, beneficiary_not_allowed, … (77)]' }], splits: { train: 10003, test: 3080 }, splitsComplete: SCRIPT },
    },
    evidence: [`the banking77 loading script and its dataset_infos.json in ${DATASETS} (datasets/banking77/): 1 config; config default: text, label; train 10003, test 3080`],
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'adversarial_qa',
    configs: {
      adversarialQA: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }, { name: 'metadata', type: 'struct<split: string, model_in_the_loop: string>' }], splits: { train: 30000, validation: 3000, test: 3000 }, splitsComplete: SCRIPT },
      dbidaf: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }, { name: 'metadata', type: 'struct<split: string, model_in_the_loop: string>' }], splits: { train: 10000, validation: 1000, test: 1000 }, splitsComplete: SCRIPT },
      dbert: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }, { name: 'metadata', type: 'struct<split: string, model_in_the_loop: string>' }], splits: { train: 10000, validation: 1000, test: 1000 }, splitsComplete: SCRIPT },
      droberta: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }, { name: 'metadata', type: 'struct<split: string, model_in_the_loop: string>' }], splits: { train: 10000, validation: 1000, test: 1000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the adversarial_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/adversarial_qa/): 4 configs; config adversarialQA: id, title, context, question, answers, metadata; train 30000, validation 3000, test 3000; config dbidaf: id, title, context, question, answers, metadata; train 10000, validation 1000, test 1000; config dbert: id, title, context, question, answers, metadata; train 10000, validation 1000, test 1000; config droberta: id, title, context, question, answers, metadata; train 10000, validation 1000, test 1000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'mbpp',
    configs: {
      full: { columns: [{ name: 'task_id', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'code', type: 'string' }, { name: 'test_list', type: 'list<string>' }, { name: 'test_setup_code', type: 'string' }, { name: 'challenge_test_list', type: 'list<string>' }], splits: { train: 374, test: 500, validation: 90, prompt: 10 }, splitsComplete: SCRIPT },
      sanitized: { columns: [{ name: 'source_file', type: 'string' }, { name: 'task_id', type: 'int32' }, { name: 'prompt', type: 'string' }, { name: 'code', type: 'string' }, { name: 'test_imports', type: 'list<string>' }, { name: 'test_list', type: 'list<string>' }], splits: { train: 120, test: 257, validation: 43, prompt: 7 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'full',
    evidence: [`the mbpp loading script and its dataset_infos.json in ${DATASETS} (datasets/mbpp/): 2 configs; config full: task_id, text, code, test_list, test_setup_code, challenge_test_list; train 374, test 500, validation 90, prompt 10; config sanitized: source_file, task_id, prompt, code, test_imports, test_list; train 120, test 257, validation 43, prompt 7`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'multi_news',
    configs: {
      default: { columns: [{ name: 'document', type: 'string' }, { name: 'summary', type: 'string' }], splits: { train: 44972, validation: 5622, test: 5622 }, splitsComplete: SCRIPT },
    },
    evidence: [`the multi_news loading script and its dataset_infos.json in ${DATASETS} (datasets/multi_news/): 1 config; config default: document, summary; train 44972, validation 5622, test 5622`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nq_open',
    configs: {
      nq_open: { columns: [{ name: 'question', type: 'string' }, { name: 'answer', type: 'list<string>' }], splits: { train: 87925, validation: 3610 }, splitsComplete: SCRIPT },
    },
    evidence: [`the nq_open loading script and its dataset_infos.json in ${DATASETS} (datasets/nq_open/): 1 config; config nq_open: question, answer; train 87925, validation 3610`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'pubmed_qa',
    configs: {
      pqa_labeled: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>, reasoning_required_pred: list<string>, reasoning_free_pred: list<string>>' }, { name: 'long_answer', type: 'string' }, { name: 'final_decision', type: 'string' }], splits: { train: 1000 }, splitsComplete: SCRIPT },
      pqa_unlabeled: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>>' }, { name: 'long_answer', type: 'string' }], splits: { train: 61249 }, splitsComplete: SCRIPT },
      pqa_artificial: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>>' }, { name: 'long_answer', type: 'string' }, { name: 'final_decision', type: 'string' }], splits: { train: 211269 }, splitsComplete: SCRIPT },
    },
    evidence: [`the pubmed_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/pubmed_qa/): 3 configs; config pqa_labeled: pubid, question, context, long_answer, final_decision; train 1000; config pqa_unlabeled: pubid, question, context, long_answer; train 61249; config pqa_artificial: pubid, question, context, long_answer, final_decision; train 211269`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'trivia_qa',
    configs: {
      rc: { columns: [{ name: 'question', type: 'string' }, { name: 'question_id', type: 'string' }, { name: 'question_source', type: 'string' }, { name: 'entity_pages', type: 'struct<doc_source: list<string>, filename: list<string>, title: list<string>, wiki_context: list<string>>' }, { name: 'search_results', type: 'struct<description: list<string>, filename: list<string>, rank: list<int32>, title: list<string>, url: list<string>, search_context: list<string>>' }, { name: 'answer', type: 'struct<aliases: list<string>, normalized_aliases: list<string>, matched_wiki_entity_name: string, normalized_matched_wiki_entity_name: string, normalized_value: string, type: string, value: string>' }], splits: { train: 138384, validation: 17944, test: 17210 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the trivia_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/trivia_qa/): 12 configs; config rc: question, question_id, question_source, entity_pages, search_results, answer; train 138384, validation 17944, test 17210`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'tweet_eval',
    configs: {
      emotion: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[anger, joy, optimism, sadness]' }], splits: { train: 3257, test: 1421, validation: 374 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the tweet_eval loading script and its dataset_infos.json in ${DATASETS} (datasets/tweet_eval/): 11 configs; config emotion: text, label; train 3257, test 1421, validation 374`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'wiki_snippets',
    configs: {
      'wiki40b_en_100_0': { columns: [{ name: '_id', type: 'string' }, { name: 'datasets_id', type: 'int32' }, { name: 'wiki_id', type: 'string' }, { name: 'start_paragraph', type: 'int32' }, { name: 'start_character', type: 'int32' }, { name: 'end_paragraph', type: 'int32' }, { name: 'end_character', type: 'int32' }, { name: 'article_title', type: 'string' }, { name: 'section_title', type: 'string' }, { name: 'passage_text', type: 'string' }], splits: { train: 17553713 }, splitsComplete: SCRIPT },
      'wikipedia_en_100_0': { columns: [{ name: '_id', type: 'string' }, { name: 'datasets_id', type: 'int32' }, { name: 'wiki_id', type: 'string' }, { name: 'start_paragraph', type: 'int32' }, { name: 'start_character', type: 'int32' }, { name: 'end_paragraph', type: 'int32' }, { name: 'end_character', type: 'int32' }, { name: 'article_title', type: 'string' }, { name: 'section_title', type: 'string' }, { name: 'passage_text', type: 'string' }], splits: { train: 33849898 }, splitsComplete: SCRIPT },
    },
    evidence: [`the wiki_snippets loading script and its dataset_infos.json in ${DATASETS} (datasets/wiki_snippets/): 2 configs; config wiki40b_en_100_0: _id, datasets_id, wiki_id, start_paragraph, start_character, end_paragraph, end_character, article_title, section_title, passage_text; train 17553713; config wikipedia_en_100_0: _id, datasets_id, wiki_id, start_paragraph, start_character, end_paragraph, end_character, article_title, section_title, passage_text; train 33849898`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'swiss_judgment_prediction',
    configs: {
      de: { columns: [{ name: 'id', type: 'int32' }, { name: 'year', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'label', type: 'class_label[dismissal, approval]' }, { name: 'language', type: 'string' }, { name: 'region', type: 'string' }, { name: 'canton', type: 'string' }, { name: 'legal area', type: 'string' }], splits: { train: 35458, test: 9725, validation: 4705 }, splitsComplete: SCRIPT },
      fr: { columns: [{ name: 'id', type: 'int32' }, { name: 'year', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'label', type: 'class_label[dismissal, approval]' }, { name: 'language', type: 'string' }, { name: 'region', type: 'string' }, { name: 'canton', type: 'string' }, { name: 'legal area', type: 'string' }], splits: { train: 21179, test: 6820, validation: 3095 }, splitsComplete: SCRIPT },
      it: { columns: [{ name: 'id', type: 'int32' }, { name: 'year', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'label', type: 'class_label[dismissal, approval]' }, { name: 'language', type: 'string' }, { name: 'region', type: 'string' }, { name: 'canton', type: 'string' }, { name: 'legal area', type: 'string' }], splits: { train: 3072, test: 812, validation: 408 }, splitsComplete: SCRIPT },
      all_languages: { columns: [{ name: 'id', type: 'int32' }, { name: 'year', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'label', type: 'class_label[dismissal, approval]' }, { name: 'language', type: 'string' }, { name: 'region', type: 'string' }, { name: 'canton', type: 'string' }, { name: 'legal area', type: 'string' }], splits: { train: 59709, test: 17357, validation: 8208 }, splitsComplete: SCRIPT },
    },
    evidence: [`the swiss_judgment_prediction loading script and its dataset_infos.json in ${DATASETS} (datasets/swiss_judgment_prediction/): 4 configs; config de: id, year, text, label, language, region, canton, legal area; train 35458, test 9725, validation 4705; config fr: id, year, text, label, language, region, canton, legal area; train 21179, test 6820, validation 3095; config it: id, year, text, label, language, region, canton, legal area; train 3072, test 812, validation 408; config all_languages: id, year, text, label, language, region, canton, legal area; train 59709, test 17357, validation 8208`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'oscar',
    configs: {
      unshuffled_deduplicated_en: { columns: [{ name: 'id', type: 'int64' }, { name: 'text', type: 'string' }], splits: { train: 304230423 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the oscar loading script and its dataset_infos.json in ${DATASETS} (datasets/oscar/): 332 configs; config unshuffled_deduplicated_en: id, text; train 304230423`],
    uses: { realScripts: { calls: 7, repos: 2 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-07' }));
