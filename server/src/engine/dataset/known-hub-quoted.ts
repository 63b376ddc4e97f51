/**
 * trainlint's table of known Hub datasets, its quoted part (session 21; docs/corpus.md, "Session 21 — hub21"):
 * tutorial datasets the regression corpora (/tmp/corpora, 260 repositories) load and the table did not know, whose
 * schema was read as the Hub serves it, quoted in a public file, or in the dataset's own card. Same rules as
 * `known-hub-datasets.ts`: every fact was read somewhere and each entry says where.
 *
 * Most schemas were read in dataset screening notes stored in the code index (files named by their id, their
 * repository not shown): each quotes the Hub's datasets-server for one dataset, its `/info` (every column with its
 * dtype, per config) and `/size` (every config and split with its row count), with the endpoint's URL and the date it
 * was fetched (2026-08). The column names and dtypes are written as quoted, in the data layer's spelling; a column
 * whose quoted dtype was not a plain one (a list of structs with nested structs) is `unknown`. Where the dataset's own
 * card or file list was read as well (a Hub page stored in the docs corpus), the entry names it. A split list is
 * complete (`splitsComplete`) when the Hub viewer's "Split (N)" list was read, or datasets-server's `/size` as quoted
 * (the viewer's own source, every split of every config), or the repository's data files. Counts in `uses.realScripts`
 * are the session-21 count of `bench/hub-coverage.ts` over the corpora (literal and resolved ids).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
const MESSAGES = 'list<struct<content: string, role: string>>';

/** When this part's evidence was read. */
const CHECKED = '2026-12-07';
const viewer = (where: string): SplitsComplete => ({ by: 'viewer', read: CHECKED, where });
const files = (where: string): SplitsComplete => ({ by: 'files', read: CHECKED, where });

/** A code-index file quoting datasets-server for `id`: its `/info` and `/size` URLs and when they were fetched. */
const quoted = (file: string, id: string, fetched: string): string =>
  `datasets-server /info and /size for ${id} (https://datasets-server.huggingface.co/info?dataset=${encodeURIComponent(id)}), as quoted, fetched ${fetched}, in code index file ${file}`;

export const QUOTED_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'mlabonne/orpo-dpo-mix-40k',
    configs: {
      default: {
        columns: [str('source'), { name: 'chosen', type: MESSAGES }, { name: 'rejected', type: MESSAGES }, str('prompt'), str('question')],
        splits: { train: 44245 },
        splitsComplete: viewer('huggingface.co/datasets/mlabonne/orpo-dpo-mix-40k/viewer/default/train: Subset (1) default 44.2k rows, Split (1) train'),
      },
    },
    evidence: [
      `${quoted('68371897005', 'mlabonne/orpo-dpo-mix-40k', '2026-08-12 (main at 0f72511)')}: one config default; columns source string, chosen and rejected list<struct<content: string, role: string>>, prompt string, question string; split train 44,245 rows`,
      'Hub viewer, huggingface.co/datasets/mlabonne/orpo-dpo-mix-40k/viewer/default/train: one subset (default, 44.2k rows), one split (train)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 10, repos: 5 } },
  },
  {
    id: 'AI-MO/NuminaMath-CoT',
    configs: {
      default: {
        columns: [str('source'), str('problem'), str('solution'), { name: 'messages', type: MESSAGES }],
        splits: { train: 859494, test: 100 },
        splitsComplete: viewer('huggingface.co/datasets/AI-MO/NuminaMath-CoT/viewer/default/test: Subset (1) default, Split (2) train 859k rows, test 100 rows'),
      },
    },
    evidence: [
      `${quoted('68682150282', 'AI-MO/NuminaMath-CoT', '2026-08-11')}, matching the card's dataset_info (huggingface.co/datasets/AI-MO/NuminaMath-CoT README.md at 9d8d210) as the same file quotes it: one config default; columns source, problem, solution string, messages list<struct<content: string, role: string>>; splits train 859,494 and test 100`,
      'Hub viewer, huggingface.co/datasets/AI-MO/NuminaMath-CoT/viewer/default/test: one subset (default), two splits (train 859k rows, test 100 rows)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 6, repos: 3 } },
  },
  {
    id: 'meta-math/MetaMathQA',
    configs: {
      default: {
        columns: ['type', 'query', 'original_question', 'response'].map(str),
        splits: { train: 395000 },
        splitsComplete: viewer('datasets-server /size as quoted in code index file 68352279087: one config default, one split train (395,000 rows)'),
      },
    },
    evidence: [
      `${quoted('68352279087', 'meta-math/MetaMathQA', '2026-08-11 (main at aa4f34d)')}: one config default; columns type, query, original_question, response, all string; split train 395,000 rows`,
      'file list of huggingface.co/datasets/meta-math/MetaMathQA at caec220: MetaMathQA-395K.json, README.md, .gitattributes',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 3 } },
  },
  {
    id: 'garage-bAInd/Open-Platypus',
    configs: {
      default: {
        columns: ['input', 'output', 'instruction', 'data_source'].map(str),
        splits: { train: 24926 },
        splitsComplete: files('huggingface.co/datasets/garage-bAInd/Open-Platypus/tree/37141ed/data: one file, train-00000-of-00001-4fe2df04669d1669.parquet'),
      },
    },
    evidence: [
      `${quoted('68300173223', 'garage-bAInd/Open-Platypus', '2026-08-11 (main at 37141ed)')}: one config default; columns input, output, instruction, data_source, all string; split train 24,926 rows`,
      'dataset card dataset_info YAML as first pushed (huggingface.co/datasets/garage-bAInd/Open-Platypus commit b3da51a): input, output, instruction string, split train 24,926; the data file was replaced at d3be6ed (train-00000-of-00001-4fe2df04669d1669.parquet), which the quoted /info shows with data_source added',
      'file list of huggingface.co/datasets/garage-bAInd/Open-Platypus/tree/37141ed/data: train-00000-of-00001-4fe2df04669d1669.parquet',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 2 } },
  },
  {
    id: 'math-ai/aime25',
    configs: {
      default: {
        columns: ['problem', 'answer', 'id'].map(str),
        splits: { test: 30 },
        splitsComplete: viewer('datasets-server /size as quoted in code index file 68483557036: one config default, one split test (30 rows); the Hub tree it quotes holds one data file, test.jsonl'),
      },
    },
    evidence: [`${quoted('68483557036', 'math-ai/aime25', '2026-08-11 (main at 563bb84)')}: one config default; columns problem, answer, id, all string; split test 30 rows`],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'openbmb/UltraFeedback',
    configs: {
      default: {
        columns: [str('source'), str('instruction'), { name: 'models', type: 'list<string>' }, unk('completions'),
          { name: 'correct_answers', type: 'list<string>' }, { name: 'incorrect_answers', type: 'list<string>' }],
        splits: { train: 63967 },
        splitsComplete: viewer('datasets-server /size at revision 40b4365 as quoted in code index file 68434642967: one config default, one split train (63,967 rows)'),
      },
    },
    evidence: [`${quoted('68434642967', 'openbmb/UltraFeedback', '2026-08-11, pinned to 40b4365')}: one config default; columns source, instruction string, models list<string>, completions a list of structs (model, principle, custom_system_prompt, response, critique, overall_score, fine-grained_score, annotations), correct_answers and incorrect_answers list<string>; split train 63,967 rows`],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'bespokelabs/Bespoke-Stratos-17k',
    configs: {
      default: {
        columns: [unk('system'), unk('conversations')],
        splits: { train: 16710 },
        splitsComplete: viewer('datasets-server /size for bespokelabs/Bespoke-Stratos-17k as quoted in code index file 68450268358: a single train split, 16,710 rows'),
      },
    },
    evidence: [`datasets-server /info and /size for bespokelabs/Bespoke-Stratos-17k, as quoted (fetched 2026-08-11) in code index file 68450268358, the screening note of its mirror HuggingFaceH4/Bespoke-Stratos-17k: single train split, 16,710 rows, two columns (system, conversations); their dtypes are not quoted`],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'stanfordnlp/SHP',
    configs: {
      default: {
        columns: [str('post_id'), str('domain'), { name: 'upvote_ratio', type: 'float64' }, str('history'), str('c_root_id_A'), str('c_root_id_B'),
          ...['created_at_utc_A', 'created_at_utc_B', 'score_A', 'score_B'].map((name) => ({ name, type: 'int64' })), str('human_ref_A'), str('human_ref_B'),
          { name: 'labels', type: 'int64' }, { name: 'seconds_difference', type: 'float64' }, { name: 'score_ratio', type: 'float64' }],
        splits: { train: 348718, validation: 18436, test: 18409 },
        splitsComplete: viewer('datasets-server /size as quoted in code index file 68514523235: one config default, splits train, validation, test'),
      },
    },
    evidence: [`${quoted('68514523235', 'stanfordnlp/SHP', '2026-08-11 (main at e94b5f3)')}: one config default, 15 columns (post_id, domain string, upvote_ratio float64, history, c_root_id_A, c_root_id_B string, created_at_utc_A/B, score_A/B int64, human_ref_A/B string, labels int64, seconds_difference, score_ratio float64); splits train 348,718, validation 18,436, test 18,409`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'derek-thomas/ScienceQA',
    configs: {
      default: {
        columns: [{ name: 'image', type: 'image' }, str('question'), { name: 'choices', type: 'list<string>' }, { name: 'answer', type: 'int8' },
          ...['hint', 'task', 'grade', 'subject', 'topic', 'category', 'skill', 'lecture', 'solution'].map(str)],
        splits: { train: 12726, validation: 4241, test: 4241 },
        splitsComplete: viewer('datasets-server /size as quoted in code index file 68561117694: one config default, splits train, validation, test'),
      },
    },
    evidence: [`${quoted('68561117694', 'derek-thomas/ScienceQA', '2026-08-11')}, matching the card's dataset_info as the same file quotes it: one config default, 13 columns (image Image, question string, choices sequence<string>, answer int8, hint, task, grade, subject, topic, category, skill, lecture, solution string); splits train 12,726, validation 4,241, test 4,241`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
];
