/**
 * trainlint's table of known Hub datasets, the canonical datasets of session 26 (2026-12-07; docs/corpus.md, "Session 26 —
 * hub26"): datasets without a namespace that the regression corpora (/tmp/corpora and /tmp/corpora21..41) load and the table
 * did not know, whose loading script and `dataset_infos.json` lived in huggingface/datasets until 2.5.2 (c59cc34), read
 * there as `known-hub-loading-scripts.ts` reads them: every config's features and split sizes, the split list complete
 * (the script's split generators). A dataset of several configs holds them all (opus100: only en-ur of 114, `otherConfigs`), so a call
 * naming any is answered, and a call naming none is answered only where the script sets `DEFAULT_CONFIG_NAME` (aqua_rat,
 * conceptual_captions); otherwise datasets asks for a config and the table stays silent. A type the data layer does not
 * spell (xnli's all_languages hypothesis, a `TranslationVariableLanguages`) is `unknown`. Counts in `uses.realScripts` are
 * the session-26 count of `bench/hub-coverage.ts` over all those corpora (hotpot_qa and opus100: over /tmp/corpora42..44). cifar100 is here although an image dataset
 * (`known-hub-audio-image.ts` holds the others of this source): its moved copy uoft-cs/cifar100 is `known-hub-moved.ts`.
 * Session 27 (2026-12-08) added ai2_arc (no default config: a call must name ARC-Challenge or ARC-Easy) and openwebtext.
 */
import type { KnownConfig, KnownHubDataset } from './known-hub-lookup';
import { DATASETS, SCRIPT } from './known-hub-loading-scripts';

const CANONICAL_BEFORE_27: readonly KnownHubDataset[] = ([
  {
    id: 'aeslc',
    configs: {
      default: { columns: [{ name: 'email_body', type: 'string' }, { name: 'subject_line', type: 'string' }], splits: { test: 1906, train: 14436, validation: 1960 }, splitsComplete: SCRIPT },
    },
    evidence: [`the aeslc loading script and its dataset_infos.json in ${DATASETS} (datasets/aeslc/): 1 config; config default: email_body, subject_line; test 1906, train 14436, validation 1960`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'aqua_rat',
    configs: {
      raw: { columns: [{ name: 'question', type: 'string' }, { name: 'options', type: 'list<string>' }, { name: 'rationale', type: 'string' }, { name: 'correct', type: 'string' }], splits: { train: 97467, test: 254, validation: 254 }, splitsComplete: SCRIPT },
      tokenized: { columns: [{ name: 'question', type: 'string' }, { name: 'options', type: 'list<string>' }, { name: 'rationale', type: 'string' }, { name: 'correct', type: 'string' }], splits: { train: 97467, test: 254, validation: 254 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'raw',
    evidence: [`the aqua_rat loading script and its dataset_infos.json in ${DATASETS} (datasets/aqua_rat/): 2 configs; config raw: question, options, rationale, correct; train 97467, test 254, validation 254; config tokenized: question, options, rationale, correct; train 97467, test 254, validation 254`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'boolq',
    configs: {
      default: { columns: [{ name: 'question', type: 'string' }, { name: 'answer', type: 'bool' }, { name: 'passage', type: 'string' }], splits: { train: 9427, validation: 3270 }, splitsComplete: SCRIPT },
    },
    evidence: [`the boolq loading script and its dataset_infos.json in ${DATASETS} (datasets/boolq/): 1 config; config default: question, answer, passage; train 9427, validation 3270`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'hans',
    configs: {
      plain_text: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, non-entailment]' }, { name: 'parse_premise', type: 'string' }, { name: 'parse_hypothesis', type: 'string' }, { name: 'binary_parse_premise', type: 'string' }, { name: 'binary_parse_hypothesis', type: 'string' }, { name: 'heuristic', type: 'string' }, { name: 'subcase', type: 'string' }, { name: 'template', type: 'string' }], splits: { train: 30000, validation: 30000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the hans loading script and its dataset_infos.json in ${DATASETS} (datasets/hans/): 1 config; config plain_text: premise, hypothesis, label, parse_premise, parse_hypothesis, binary_parse_premise, binary_parse_hypothesis, heuristic, subcase, template; train 30000, validation 30000`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'liar',
    configs: {
      default: { columns: [{ name: 'id', type: 'string' }, { name: 'label', type: 'class_label[false, half-true, mostly-true, true, barely-true, pants-fire]' }, { name: 'statement', type: 'string' }, { name: 'subject', type: 'string' }, { name: 'speaker', type: 'string' }, { name: 'job_title', type: 'string' }, { name: 'state_info', type: 'string' }, { name: 'party_affiliation', type: 'string' }, { name: 'barely_true_counts', type: 'float32' }, { name: 'false_counts', type: 'float32' }, { name: 'half_true_counts', type: 'float32' }, { name: 'mostly_true_counts', type: 'float32' }, { name: 'pants_on_fire_counts', type: 'float32' }, { name: 'context', type: 'string' }], splits: { train: 10269, test: 1283, validation: 1284 }, splitsComplete: SCRIPT },
    },
    evidence: [`the liar loading script and its dataset_infos.json in ${DATASETS} (datasets/liar/): 1 config; config default: id, label, statement, subject, speaker, job_title, state_info, party_affiliation, barely_true_counts, false_counts, half_true_counts, mostly_true_counts, pants_on_fire_counts, context; train 10269, test 1283, validation 1284`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'tiny_shakespeare',
    configs: {
      default: { columns: [{ name: 'text', type: 'string' }], splits: { test: 1, train: 1, validation: 1 }, splitsComplete: SCRIPT },
    },
    evidence: [`the tiny_shakespeare loading script and its dataset_infos.json in ${DATASETS} (datasets/tiny_shakespeare/): 1 config; config default: text; test 1, train 1, validation 1`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'clinc_oos',
    configs: {
      small: { columns: [{ name: 'text', type: 'string' }, { name: 'intent', type: 'class_label[restaurant_reviews, nutrition_info, account_blocked, oil_change_how, time, weather, redeem_rewards, interest_rate, … (151)]' }], splits: { train: 7600, validation: 3100, test: 5500 }, splitsComplete: SCRIPT },
      imbalanced: { columns: [{ name: 'text', type: 'string' }, { name: 'intent', type: 'class_label[restaurant_reviews, nutrition_info, account_blocked, oil_change_how, time, weather, redeem_rewards, interest_rate, … (151)]' }], splits: { train: 10625, validation: 3100, test: 5500 }, splitsComplete: SCRIPT },
      plus: { columns: [{ name: 'text', type: 'string' }, { name: 'intent', type: 'class_label[restaurant_reviews, nutrition_info, account_blocked, oil_change_how, time, weather, redeem_rewards, interest_rate, … (151)]' }], splits: { train: 15250, validation: 3100, test: 5500 }, splitsComplete: SCRIPT },
    },
    evidence: [`the clinc_oos loading script and its dataset_infos.json in ${DATASETS} (datasets/clinc_oos/): 3 configs; config small: text, intent; train 7600, validation 3100, test 5500; config imbalanced: text, intent; train 10625, validation 3100, test 5500; config plus: text, intent; train 15250, validation 3100, test 5500`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'fever',
    configs: {
      'v1.0': { columns: [{ name: 'id', type: 'int32' }, { name: 'label', type: 'string' }, { name: 'claim', type: 'string' }, { name: 'evidence_annotation_id', type: 'int32' }, { name: 'evidence_id', type: 'int32' }, { name: 'evidence_wiki_url', type: 'string' }, { name: 'evidence_sentence_id', type: 'int32' }], splits: { train: 311431, labelled_dev: 37566, unlabelled_dev: 19998, unlabelled_test: 19998, paper_dev: 18999, paper_test: 18567 }, splitsComplete: SCRIPT },
      'v2.0': { columns: [{ name: 'id', type: 'int32' }, { name: 'label', type: 'string' }, { name: 'claim', type: 'string' }, { name: 'evidence_annotation_id', type: 'int32' }, { name: 'evidence_id', type: 'int32' }, { name: 'evidence_wiki_url', type: 'string' }, { name: 'evidence_sentence_id', type: 'int32' }], splits: { validation: 2384 }, splitsComplete: SCRIPT },
      wiki_pages: { columns: [{ name: 'id', type: 'string' }, { name: 'text', type: 'string' }, { name: 'lines', type: 'string' }], splits: { wikipedia_pages: 5416537 }, splitsComplete: SCRIPT },
    },
    evidence: [`the fever loading script and its dataset_infos.json in ${DATASETS} (datasets/fever/): 3 configs; config v1.0: id, label, claim, evidence_annotation_id, evidence_id, evidence_wiki_url, evidence_sentence_id; train 311431, labelled_dev 37566, unlabelled_dev 19998, unlabelled_test 19998, paper_dev 18999, paper_test 18567; config v2.0: id, label, claim, evidence_annotation_id, evidence_id, evidence_wiki_url, evidence_sentence_id; validation 2384; config wiki_pages: id, text, lines; wikipedia_pages 5416537`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ms_marco',
    configs: {
      'v1.1': { columns: [{ name: 'answers', type: 'list<string>' }, { name: 'passages', type: 'struct<is_selected: list<int32>, passage_text: list<string>, url: list<string>>' }, { name: 'query', type: 'string' }, { name: 'query_id', type: 'int32' }, { name: 'query_type', type: 'string' }, { name: 'wellFormedAnswers', type: 'list<string>' }], splits: { validation: 10047, train: 82326, test: 9650 }, splitsComplete: SCRIPT },
      'v2.1': { columns: [{ name: 'answers', type: 'list<string>' }, { name: 'passages', type: 'struct<is_selected: list<int32>, passage_text: list<string>, url: list<string>>' }, { name: 'query', type: 'string' }, { name: 'query_id', type: 'int32' }, { name: 'query_type', type: 'string' }, { name: 'wellFormedAnswers', type: 'list<string>' }], splits: { validation: 101093, train: 808731, test: 101092 }, splitsComplete: SCRIPT },
    },
    evidence: [`the ms_marco loading script and its dataset_infos.json in ${DATASETS} (datasets/ms_marco/): 2 configs; config v1.1: answers, passages, query, query_id, query_type, wellFormedAnswers; validation 10047, train 82326, test 9650; config v2.1: answers, passages, query, query_id, query_type, wellFormedAnswers; validation 101093, train 808731, test 101092`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'narrativeqa',
    configs: {
      default: { columns: [{ name: 'document', type: 'struct<id: string, kind: string, url: string, file_size: int32, word_count: int32, start: string, end: string, summary: struct<text: string, tokens: list<string>, url: string, title: string>, text: string>' }, { name: 'question', type: 'struct<text: string, tokens: list<string>>' }, { name: 'answers', type: 'list<struct<text: string, tokens: list<string>>>' }], splits: { train: 32747, test: 10557, validation: 3461 }, splitsComplete: SCRIPT },
    },
    evidence: [`the narrativeqa loading script and its dataset_infos.json in ${DATASETS} (datasets/narrativeqa/): 1 config; config default: document, question, answers; train 32747, test 10557, validation 3461`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'reddit_tifu',
    configs: {
      short: { columns: [{ name: 'ups', type: 'float32' }, { name: 'num_comments', type: 'float32' }, { name: 'upvote_ratio', type: 'float32' }, { name: 'score', type: 'float32' }, { name: 'documents', type: 'string' }, { name: 'tldr', type: 'string' }, { name: 'title', type: 'string' }], splits: { train: 79740 }, splitsComplete: SCRIPT },
      long: { columns: [{ name: 'ups', type: 'float32' }, { name: 'num_comments', type: 'float32' }, { name: 'upvote_ratio', type: 'float32' }, { name: 'score', type: 'float32' }, { name: 'documents', type: 'string' }, { name: 'tldr', type: 'string' }, { name: 'title', type: 'string' }], splits: { train: 42139 }, splitsComplete: SCRIPT },
    },
    evidence: [`the reddit_tifu loading script and its dataset_infos.json in ${DATASETS} (datasets/reddit_tifu/): 2 configs; config short: ups, num_comments, upvote_ratio, score, documents, tldr, title; train 79740; config long: ups, num_comments, upvote_ratio, score, documents, tldr, title; train 42139`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'stsb_multi_mt',
    configs: {
      en: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      de: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      es: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      fr: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      it: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      nl: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      pl: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      pt: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      ru: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
      zh: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'similarity_score', type: 'float32' }], splits: { train: 5749, test: 1379, dev: 1500 }, splitsComplete: SCRIPT },
    },
    evidence: [`the stsb_multi_mt loading script and its dataset_infos.json in ${DATASETS} (datasets/stsb_multi_mt/): 10 configs; config en: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config de: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config es: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config fr: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config it: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config nl: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config pl: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config pt: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config ru: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500; config zh: sentence1, sentence2, similarity_score; train 5749, test 1379, dev 1500`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'subjqa',
    configs: {
      books: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1314, test: 345, validation: 256 }, splitsComplete: SCRIPT },
      electronics: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1295, test: 358, validation: 255 }, splitsComplete: SCRIPT },
      grocery: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1124, test: 591, validation: 218 }, splitsComplete: SCRIPT },
      movies: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1369, test: 291, validation: 261 }, splitsComplete: SCRIPT },
      restaurants: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1400, test: 266, validation: 267 }, splitsComplete: SCRIPT },
      tripadvisor: { columns: [{ name: 'domain', type: 'string' }, { name: 'nn_mod', type: 'string' }, { name: 'nn_asp', type: 'string' }, { name: 'query_mod', type: 'string' }, { name: 'query_asp', type: 'string' }, { name: 'q_reviews_id', type: 'string' }, { name: 'question_subj_level', type: 'int64' }, { name: 'ques_subj_score', type: 'float32' }, { name: 'is_ques_subjective', type: 'bool' }, { name: 'review_id', type: 'string' }, { name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>, answer_subj_level: list<int64>, ans_subj_score: list<float32>, is_ans_subjective: list<bool>>' }], splits: { train: 1165, test: 512, validation: 230 }, splitsComplete: SCRIPT },
    },
    evidence: [`the subjqa loading script and its dataset_infos.json in ${DATASETS} (datasets/subjqa/): 6 configs; config books: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1314, test 345, validation 256; config electronics: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1295, test 358, validation 255; config grocery: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1124, test 591, validation 218; config movies: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1369, test 291, validation 261; config restaurants: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1400, test 266, validation 267; config tripadvisor: domain, nn_mod, nn_asp, query_mod, query_asp, q_reviews_id, question_subj_level, ques_subj_score, is_ques_subjective, review_id, id, title, context, question, answers; train 1165, test 512, validation 230`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'tydiqa',
    configs: {
      primary_task: { columns: [{ name: 'passage_answer_candidates', type: 'struct<plaintext_start_byte: list<int32>, plaintext_end_byte: list<int32>>' }, { name: 'question_text', type: 'string' }, { name: 'document_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'annotations', type: 'struct<passage_answer_candidate_index: list<int32>, minimal_answers_start_byte: list<int32>, minimal_answers_end_byte: list<int32>, yes_no_answer: list<string>>' }, { name: 'document_plaintext', type: 'string' }, { name: 'document_url', type: 'string' }], splits: { train: 166916, validation: 18670 }, splitsComplete: SCRIPT },
      secondary_task: { columns: [{ name: 'id', type: 'string' }, { name: 'title', type: 'string' }, { name: 'context', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }], splits: { train: 49881, validation: 5077 }, splitsComplete: SCRIPT },
    },
    evidence: [`the tydiqa loading script and its dataset_infos.json in ${DATASETS} (datasets/tydiqa/): 2 configs; config primary_task: passage_answer_candidates, question_text, document_title, language, annotations, document_plaintext, document_url; train 166916, validation 18670; config secondary_task: id, title, context, question, answers; train 49881, validation 5077`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'xnli',
    configs: {
      ar: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      bg: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      de: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      el: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      en: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      es: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      fr: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      hi: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      ru: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      sw: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      th: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      tr: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      ur: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      vi: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      zh: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
      all_languages: { columns: [{ name: 'premise', type: 'struct<ar: string, bg: string, de: string, el: string, en: string, es: string, fr: string, hi: string, ru: string, sw: string, th: string, tr: string, ur: string, vi: string, zh: string>' }, { name: 'hypothesis', type: 'unknown' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }], splits: { train: 392702, test: 5010, validation: 2490 }, splitsComplete: SCRIPT },
    },
    evidence: [`the xnli loading script and its dataset_infos.json in ${DATASETS} (datasets/xnli/): 16 configs; config ar: premise, hypothesis, label; train 392702, test 5010, validation 2490; config bg: premise, hypothesis, label; train 392702, test 5010, validation 2490; config de: premise, hypothesis, label; train 392702, test 5010, validation 2490; config el: premise, hypothesis, label; train 392702, test 5010, validation 2490; config en: premise, hypothesis, label; train 392702, test 5010, validation 2490; config es: premise, hypothesis, label; train 392702, test 5010, validation 2490; config fr: premise, hypothesis, label; train 392702, test 5010, validation 2490; config hi: premise, hypothesis, label; train 392702, test 5010, validation 2490; config ru: premise, hypothesis, label; train 392702, test 5010, validation 2490; config sw: premise, hypothesis, label; train 392702, test 5010, validation 2490; config th: premise, hypothesis, label; train 392702, test 5010, validation 2490; config tr: premise, hypothesis, label; train 392702, test 5010, validation 2490; config ur: premise, hypothesis, label; train 392702, test 5010, validation 2490; config vi: premise, hypothesis, label; train 392702, test 5010, validation 2490; config zh: premise, hypothesis, label; train 392702, test 5010, validation 2490; config all_languages: premise, hypothesis, label; train 392702, test 5010, validation 2490`],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'conceptual_captions',
    configs: {
      unlabeled: { columns: [{ name: 'image_url', type: 'string' }, { name: 'caption', type: 'string' }], splits: { train: 3318333, validation: 15840 }, splitsComplete: SCRIPT },
      labeled: { columns: [{ name: 'image_url', type: 'string' }, { name: 'caption', type: 'string' }, { name: 'labels', type: 'list<string>' }, { name: 'MIDs', type: 'list<string>' }, { name: 'confidence_scores', type: 'list<float64>' }], splits: { train: 2007090 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'unlabeled',
    evidence: [`the conceptual_captions loading script and its dataset_infos.json in ${DATASETS} (datasets/conceptual_captions/): 2 configs; config unlabeled: image_url, caption; train 3318333, validation 15840; config labeled: image_url, caption, labels, MIDs, confidence_scores; train 2007090`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'cifar100',
    configs: {
      cifar100: { columns: [{ name: 'img', type: 'image' }, { name: 'fine_label', type: 'class_label[apple, aquarium_fish, baby, bear, beaver, bed, bee, beetle, … (100)]' }, { name: 'coarse_label', type: 'class_label[aquatic_mammals, fish, flowers, food_containers, fruit_and_vegetables, household_electrical_devices, household_furniture, insects, … (20)]' }], splits: { train: 50000, test: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the cifar100 loading script and its dataset_infos.json in ${DATASETS} (datasets/cifar100/): 1 config; config cifar100: img, fine_label, coarse_label; train 50000, test 10000`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'hotpot_qa',
    configs: {
      distractor: { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answer', type: 'string' }, { name: 'type', type: 'string' }, { name: 'level', type: 'string' }, { name: 'supporting_facts', type: 'struct<title: list<string>, sent_id: list<int32>>' }, { name: 'context', type: 'struct<title: list<string>, sentences: list<list<string>>>' }], splits: { train: 90447, validation: 7405 }, splitsComplete: SCRIPT },
      fullwiki: { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answer', type: 'string' }, { name: 'type', type: 'string' }, { name: 'level', type: 'string' }, { name: 'supporting_facts', type: 'struct<title: list<string>, sent_id: list<int32>>' }, { name: 'context', type: 'struct<title: list<string>, sentences: list<list<string>>>' }], splits: { train: 90447, validation: 7405, test: 7405 }, splitsComplete: SCRIPT },
    },
    evidence: [`the hotpot_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/hotpot_qa/): 2 configs; config distractor: id, question, answer, type, level, supporting_facts, context; train 90447, validation 7405; config fullwiki: id, question, answer, type, level, supporting_facts, context; train 90447, validation 7405, test 7405`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'opus100',
    configs: {
      'en-ur': { columns: [{ name: 'translation', type: 'struct<en: string, ur: string>' }], splits: { test: 2000, train: 753913, validation: 2000 }, splitsComplete: SCRIPT },
    },
    otherConfigs: true,
    evidence: [`the opus100 loading script and its dataset_infos.json in ${DATASETS} (datasets/opus100/): 114 configs; config en-ur: translation; test 2000, train 753913, validation 2000`],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-07' }));

/** The session-27 additions (docs/corpus.md "Session 27 — hub27"), read 2026-12-08 in the same files; loaded in /tmp/corpora45..47. */
const SCRIPT_27 = { ...SCRIPT, read: '2026-12-08' };

const CANONICAL_IN_27: readonly KnownHubDataset[] = ([
  {
    id: 'ai2_arc',
    configs: {
      'ARC-Challenge': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, { name: 'answerKey', type: 'string' }], splits: { test: 1172, train: 1119, validation: 299 }, splitsComplete: SCRIPT_27 },
      'ARC-Easy': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, { name: 'answerKey', type: 'string' }], splits: { test: 2376, train: 2251, validation: 570 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the ai2_arc loading script and its dataset_infos.json in ${DATASETS} (datasets/ai2_arc/): 2 configs; config ARC-Challenge: id, question, choices, answerKey; test 1172, train 1119, validation 299; config ARC-Easy: id, question, choices, answerKey; test 2376, train 2251, validation 570`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'openwebtext',
    configs: {
      plain_text: { columns: [{ name: 'text', type: 'string' }], splits: { train: 8013769 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the openwebtext loading script and its dataset_infos.json in ${DATASETS} (datasets/openwebtext/): 1 config; config plain_text: text; train 8013769`],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-08' }));

export const CANONICAL_SCRIPT_HUB_DATASETS: readonly KnownHubDataset[] = [...CANONICAL_BEFORE_27, ...CANONICAL_IN_27];

/**
 * Configs of datasets already in the table (read elsewhere: printed loads, a card), completed from the same 2.5.2 loading
 * scripts (session 26, the brief's per-config check): glue's wnli, ax and the two mnli evaluation configs, wikitext's
 * wikitext-2-v1 (both had them in `configsNotRead`), and super_glue's nine configs besides copa and cb (`otherConfigs`).
 * `known-hub-datasets.ts` merges them into the entry: each config leaves `configsNotRead`, and `allConfigs` (every config the
 * script builds is now listed) drops `otherConfigs`, so a config the script does not build is answered "no config".
 * Session 27 (2026-12-08) added the configs the corpora name that were still missing: financial_phrasebank's and
 * amazon_reviews_multi's others (all of them now), oscar's unshuffled_deduplicated_is, wikiann's gn, opus_books' de-en, and
 * for two moved copies the configs their scripts build (nyu-mll/glue mnli, Salesforce/wikitext wikitext-2-v1 and -103-raw-v1).
 */
export interface ScriptConfigsAdded { configs: Record<string, KnownConfig>; allConfigs?: boolean; evidence: string }

export const SCRIPT_CONFIGS_ADDED: Readonly<Record<string, ScriptConfigsAdded>> = {
  'glue': {
    configs: {
      wnli: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'label', type: 'class_label[not_entailment, entailment]' }, { name: 'idx', type: 'int32' }], splits: { test: 146, train: 635, validation: 71 }, splitsComplete: SCRIPT },
      ax: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }, { name: 'idx', type: 'int32' }], splits: { test: 1104 }, splitsComplete: SCRIPT },
      mnli_matched: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }, { name: 'idx', type: 'int32' }], splits: { test: 9796, validation: 9815 }, splitsComplete: SCRIPT },
      mnli_mismatched: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }, { name: 'idx', type: 'int32' }], splits: { test: 9847, validation: 9832 }, splitsComplete: SCRIPT },
    },
    evidence: `configs wnli, ax, mnli_matched, mnli_mismatched: the glue loading script and its dataset_infos.json in ${DATASETS} (datasets/glue/, 12 configs); config wnli: sentence1, sentence2, label, idx; test 146, train 635, validation 71; config ax: premise, hypothesis, label, idx; test 1104; config mnli_matched: premise, hypothesis, label, idx; test 9796, validation 9815; config mnli_mismatched: premise, hypothesis, label, idx; test 9847, validation 9832`,
  },
  'wikitext': {
    configs: {
      'wikitext-2-v1': { columns: [{ name: 'text', type: 'string' }], splits: { test: 4358, train: 36718, validation: 3760 }, splitsComplete: SCRIPT },
    },
    allConfigs: true,
    evidence: `configs wikitext-2-v1: the wikitext loading script and its dataset_infos.json in ${DATASETS} (datasets/wikitext/, 4 configs); config wikitext-2-v1: text; test 4358, train 36718, validation 3760`,
  },
  'super_glue': {
    configs: {
      boolq: { columns: [{ name: 'question', type: 'string' }, { name: 'passage', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[False, True]' }], splits: { test: 3245, train: 9427, validation: 3270 }, splitsComplete: SCRIPT },
      multirc: { columns: [{ name: 'paragraph', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answer', type: 'string' }, { name: 'idx', type: 'struct<paragraph: int32, question: int32, answer: int32>' }, { name: 'label', type: 'class_label[False, True]' }], splits: { test: 9693, train: 27243, validation: 4848 }, splitsComplete: SCRIPT },
      record: { columns: [{ name: 'passage', type: 'string' }, { name: 'query', type: 'string' }, { name: 'entities', type: 'list<string>' }, { name: 'entity_spans', type: 'struct<text: list<string>, start: list<int32>, end: list<int32>>' }, { name: 'answers', type: 'list<string>' }, { name: 'idx', type: 'struct<passage: int32, query: int32>' }], splits: { train: 100730, validation: 10000, test: 10000 }, splitsComplete: SCRIPT },
      rte: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[entailment, not_entailment]' }], splits: { test: 3000, train: 2490, validation: 277 }, splitsComplete: SCRIPT },
      wic: { columns: [{ name: 'word', type: 'string' }, { name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'start1', type: 'int32' }, { name: 'start2', type: 'int32' }, { name: 'end1', type: 'int32' }, { name: 'end2', type: 'int32' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[False, True]' }], splits: { test: 1400, train: 5428, validation: 638 }, splitsComplete: SCRIPT },
      wsc: { columns: [{ name: 'text', type: 'string' }, { name: 'span1_index', type: 'int32' }, { name: 'span2_index', type: 'int32' }, { name: 'span1_text', type: 'string' }, { name: 'span2_text', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[False, True]' }], splits: { test: 146, train: 554, validation: 104 }, splitsComplete: SCRIPT },
      'wsc.fixed': { columns: [{ name: 'text', type: 'string' }, { name: 'span1_index', type: 'int32' }, { name: 'span2_index', type: 'int32' }, { name: 'span1_text', type: 'string' }, { name: 'span2_text', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[False, True]' }], splits: { test: 146, train: 554, validation: 104 }, splitsComplete: SCRIPT },
      axb: { columns: [{ name: 'sentence1', type: 'string' }, { name: 'sentence2', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[entailment, not_entailment]' }], splits: { test: 1104 }, splitsComplete: SCRIPT },
      axg: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[entailment, not_entailment]' }], splits: { test: 356 }, splitsComplete: SCRIPT },
    },
    allConfigs: true,
    evidence: `configs boolq, multirc, record, rte, wic, wsc, wsc.fixed, axb, axg: the super_glue loading script and its dataset_infos.json in ${DATASETS} (datasets/super_glue/, 11 configs; copa and cb there as printed); config boolq: question, passage, idx, label; test 3245, train 9427, validation 3270; config multirc: paragraph, question, answer, idx, label; test 9693, train 27243, validation 4848; config record: passage, query, entities, entity_spans, answers, idx; train 100730, validation 10000, test 10000; config rte: premise, hypothesis, idx, label; test 3000, train 2490, validation 277; config wic: word, sentence1, sentence2, start1, start2, end1, end2, idx, label; test 1400, train 5428, validation 638; config wsc: text, span1_index, span2_index, span1_text, span2_text, idx, label; test 146, train 554, validation 104; config wsc.fixed: text, span1_index, span2_index, span1_text, span2_text, idx, label; test 146, train 554, validation 104; config axb: sentence1, sentence2, idx, label; test 1104; config axg: premise, hypothesis, idx, label; test 356`,
  },
  'financial_phrasebank': {
    configs: {
      sentences_75agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 3453 }, splitsComplete: SCRIPT_27 },
      sentences_66agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 4217 }, splitsComplete: SCRIPT_27 },
      sentences_50agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 4846 }, splitsComplete: SCRIPT_27 },
    },
    allConfigs: true,
    evidence: `configs sentences_75agree, sentences_66agree, sentences_50agree: the financial_phrasebank loading script and its dataset_infos.json in ${DATASETS} (4 configs, read 2026-12-08): sentence, label; train 3453 / 4217 / 4846`,
  },
  'amazon_reviews_multi': {
    configs: {
      all_languages: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 1200000, validation: 30000, test: 30000 }, splitsComplete: SCRIPT_27 },
      de: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 200000, validation: 5000, test: 5000 }, splitsComplete: SCRIPT_27 },
      es: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 200000, validation: 5000, test: 5000 }, splitsComplete: SCRIPT_27 },
      fr: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 200000, validation: 5000, test: 5000 }, splitsComplete: SCRIPT_27 },
      ja: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 200000, validation: 5000, test: 5000 }, splitsComplete: SCRIPT_27 },
      zh: { columns: [{ name: 'review_id', type: 'string' }, { name: 'product_id', type: 'string' }, { name: 'reviewer_id', type: 'string' }, { name: 'stars', type: 'int32' }, { name: 'review_body', type: 'string' }, { name: 'review_title', type: 'string' }, { name: 'language', type: 'string' }, { name: 'product_category', type: 'string' }], splits: { train: 200000, validation: 5000, test: 5000 }, splitsComplete: SCRIPT_27 },
    },
    allConfigs: true,
    evidence: `configs all_languages, de, es, fr, ja, zh: the amazon_reviews_multi loading script and its dataset_infos.json in ${DATASETS} (datasets/amazon_reviews_multi/, 7 configs, read 2026-12-08; en there as printed): each review_id, product_id, reviewer_id, stars, review_body, review_title, language, product_category; train 200000, validation 5000, test 5000 (all_languages 1200000 / 30000 / 30000)`,
  },
  'oscar': {
    configs: {
      unshuffled_deduplicated_is: { columns: [{ name: 'id', type: 'int64' }, { name: 'text', type: 'string' }], splits: { train: 389515 }, splitsComplete: SCRIPT_27 },
    },
    evidence: `configs unshuffled_deduplicated_is: the oscar loading script and its dataset_infos.json in ${DATASETS} (datasets/oscar/, 332 configs), read 2026-12-08; config unshuffled_deduplicated_is: id, text; train 389515`,
  },
  'wikiann': {
    configs: {
      gn: { columns: [{ name: 'tokens', type: 'list<string>' }, { name: 'ner_tags', type: 'list<class_label[O, B-PER, I-PER, B-ORG, I-ORG, B-LOC, I-LOC]>' }, { name: 'langs', type: 'list<string>' }, { name: 'spans', type: 'list<string>' }], splits: { validation: 100, test: 100, train: 100 }, splitsComplete: SCRIPT_27 },
    },
    evidence: `configs gn: the wikiann loading script and its dataset_infos.json in ${DATASETS} (datasets/wikiann/, 176 configs), read 2026-12-08; config gn: tokens, ner_tags, langs, spans; validation 100, test 100, train 100`,
  },
  'opus_books': {
    configs: {
      'de-en': { columns: [{ name: 'id', type: 'string' }, { name: 'translation', type: 'struct<de: string, en: string>' }], splits: { train: 51467 }, splitsComplete: SCRIPT_27 },
    },
    evidence: `configs de-en: the opus_books loading script and its dataset_infos.json in ${DATASETS} (datasets/opus_books/, 62 configs), read 2026-12-08; config de-en: id, translation; train 51467`,
  },
  'nyu-mll/glue': {
    configs: {
      mnli: { columns: [{ name: 'premise', type: 'string' }, { name: 'hypothesis', type: 'string' }, { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }, { name: 'idx', type: 'int32' }], splits: { test_matched: 9796, test_mismatched: 9847, train: 392702, validation_matched: 9815, validation_mismatched: 9832 }, splitsComplete: SCRIPT_27 },
    },
    evidence: `config mnli: the glue loading script and its dataset_infos.json in ${DATASETS} (read 2026-12-08): premise, hypothesis, label, idx; train 392702, validation_/test_matched 9815 / 9796, validation_/test_mismatched 9832 / 9847; nyu-mll/glue is glue moved (its commit 70f1014 "Update files from the datasets library (from 1.18.0)")`,
  },
  'Salesforce/wikitext': {
    configs: {
      'wikitext-2-v1': { columns: [{ name: 'text', type: 'string' }], splits: { test: 4358, train: 36718, validation: 3760 }, splitsComplete: SCRIPT_27 },
      'wikitext-103-raw-v1': { columns: [{ name: 'text', type: 'string' }], splits: { test: 4358, train: 1801350, validation: 3760 }, splitsComplete: SCRIPT_27 },
    },
    evidence: `configs wikitext-2-v1, wikitext-103-raw-v1: the wikitext loading script and its dataset_infos.json in ${DATASETS} (read 2026-12-08): text; train 36718 / 1801350, validation 3760, test 4358; Salesforce/wikitext is wikitext moved (wikitext.py history f180f01, 3541efa, 3a4a873 "Update files from the datasets library")`,
  },
};
