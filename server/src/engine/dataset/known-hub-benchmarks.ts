/**
 * trainlint's table of known Hub datasets, the part for reasoning and evaluation sets read in their own cards (session 25,
 * 2026-12-07; docs/corpus.md, "Session 25 — hub25"): math and code problem sets that RL and SFT scripts of the regression
 * corpora (/tmp/corpora and /tmp/corpora21..38) load, and the table did not know, whose card's `dataset_info` YAML (what
 * `push_to_hub` writes) names every column with its type. Same rules as `known-hub-datasets.ts`: every fact was read somewhere
 * and each entry says where, with the date it was read. A split list is complete where the card's `configs` map every split
 * to its data files (one `data_files` entry per split). Counts in `uses.realScripts` are the session-25 count of
 * `bench/hub-coverage.ts` over all those corpora (literal and resolved ids).
 * Session 27 (2026-12-08; docs/corpus.md, "Session 27 — hub27") added the code problem sets the RL data scripts of the
 * corpora load (/tmp/corpora and /tmp/corpora21..47): codeparrot/apps and BAAI/TACO, whose cards print the DatasetDict a
 * load without a config gives (names only, `unknown` types, both splits: complete), their loading scripts' other
 * configs not read; and nvidia/OpenMathInstruct-2, read in its card's `dataset_info`.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });

/** When this part's evidence was read. */
const CHECKED = '2026-12-07';
const card = (where: string): SplitsComplete => ({ by: 'card', read: CHECKED, where });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
/** When the session-27 entries were read. */
const CHECKED_27 = '2026-12-08';
const card27 = (where: string): SplitsComplete => ({ by: 'card', read: CHECKED_27, where });

export const BENCHMARK_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'zwhe99/DeepMath-103K',
    configs: {
      default: {
        columns: [str('question'), str('final_answer'), { name: 'difficulty', type: 'float64' }, str('topic'),
          str('r1_solution_1'), str('r1_solution_2'), str('r1_solution_3')],
        splits: { train: 103110 },
        splitsComplete: card("the card's configs (default: one data_files entry, split train, data/train-*) at 0406dc9"),
      },
    },
    evidence: [
      'dataset card of zwhe99/DeepMath-103K (huggingface.co/datasets/zwhe99/DeepMath-103K/blob/0406dc9/README.md, "Update README.md"): dataset_info features question, final_answer (string), difficulty (float64), topic, r1_solution_1, r1_solution_2, r1_solution_3 (string); split train 103,110 examples; configs default with one data_files entry (split train)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'SynthLabsAI/Big-Math-RL-Verified',
    configs: {
      default: {
        columns: [str('problem'), str('answer'), str('source'), { name: 'domain', type: 'list<string>' }, { name: 'llama8b_solve_rate', type: 'float64' }],
        splits: { train: 251122 },
        splitsComplete: card("the card's configs (default: one data_files entry, split train, data/train-*) at ce48889"),
      },
    },
    evidence: [
      'dataset card of SynthLabsAI/Big-Math-RL-Verified (huggingface.co/datasets/SynthLabsAI/Big-Math-RL-Verified/blob/main/README.md at ce48889, "fix: link"): dataset_info features problem, answer, source (string), domain (sequence of string), llama8b_solve_rate (float64); split train 251,122 examples; configs default with one data_files entry (split train); the card\'s "Each problem includes" list names the same five fields',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'princeton-nlp/SWE-bench_Lite',
    configs: {
      default: {
        columns: ['repo', 'instance_id', 'base_commit', 'patch', 'test_patch', 'problem_statement', 'hints_text', 'created_at', 'version',
          'FAIL_TO_PASS', 'PASS_TO_PASS', 'environment_setup_commit'].map(str),
        splits: { dev: 23, test: 300 },
        splitsComplete: card("the card's configs (default: data_files splits dev and test, data/<split>-*) at main"),
      },
    },
    evidence: [
      'dataset card of princeton-nlp/SWE-bench_Lite (huggingface.co/datasets/princeton-nlp/SWE-bench_Lite/blob/main/README.md; the same twelve features at eaa94e3, f1b73e0, 81ad348 and 67cc82f, only the byte counts change): dataset_info features repo, instance_id, base_commit, patch, test_patch, problem_statement, hints_text, created_at, version, FAIL_TO_PASS, PASS_TO_PASS, environment_setup_commit (all string); splits dev 23, test 300 examples; configs default with data_files dev and test',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'codeparrot/apps',
    configs: {
      // The card's printed DatasetDict is what `load_dataset("codeparrot/apps")` gives: the script's `all` config (the viewer's
      // `all` subset has the same 5k + 5k rows; competition 1.36k, interview 5k, introductory 3.64k rows in all).
      all: {
        columns: ['problem_id', 'question', 'solutions', 'input_output', 'difficulty', 'url', 'starter_code'].map(unk),
        splits: { train: 5000, test: 5000 },
        splitsComplete: card27('the DatasetDict({train, test}) the card at 21e74dd prints for load_dataset("codeparrot/apps")'),
      },
    },
    defaultConfig: 'all',
    configsNotRead: ['competition', 'interview', 'introductory'],
    evidence: [
      'dataset card of codeparrot/apps at 21e74dd (the same block at d116289): load_dataset("codeparrot/apps") printed as DatasetDict({train, test}) of problem_id, question, solutions, input_output, difficulty, url, starter_code, 5,000 rows each',
      'the Hub viewer (viewer/all/train, as stored): Subset (4) all 10k rows, competition 1.36k, interview 5k, introductory 3.64k; Split (2) train 5k, test 5k',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 11, repos: 4 } },
  },
  {
    id: 'BAAI/TACO',
    configs: {
      // The card prints the DatasetDict of a load without a config name; the loading script's other configs were not read.
      default: {
        columns: ['question', 'solutions', 'starter_code', 'input_output', 'difficulty', 'raw_tags', 'name', 'source', 'tags', 'skill_types', 'url',
          'Expected Auxiliary Space', 'time_limit', 'date', 'picture_num', 'memory_limit', 'Expected Time Complexity'].map(unk),
        splits: { train: 25443, test: 1000 },
        splitsComplete: card27('the DatasetDict({train, test}) the card prints for load_dataset("BAAI/TACO")'),
      },
    },
    otherConfigs: true,
    evidence: [
      'dataset card of BAAI/TACO at fb34b11 (and two stored copies of the page): load_dataset("BAAI/TACO") printed as DatasetDict({train: 25,443 rows, test: 1,000 rows}) of the 17 columns written here',
      'MarioCapodanno/Gwen2.5-3B-100Samples-SFT-GRPO 674d34b notebook_output/1_NLP_EDA.ipynb cell 9: "Generating train split: 0/25443", "Generating test split: 0/1000"',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 7, repos: 2 } },
  },
  {
    id: 'nvidia/OpenMathInstruct-2',
    configs: {
      default: {
        columns: [str('problem'), str('generated_solution'), str('expected_answer'), str('problem_source')],
        splits: { train_1M: 1000000, train_2M: 2000000, train_5M: 5000000, train: 13972791 },
        splitsComplete: card27("the card's configs (default: data_files train, train_1M, train_2M, train_5M) at b5962b8"),
      },
    },
    evidence: [
      'dataset card of nvidia/OpenMathInstruct-2 at b5962b8 (a duplicate\'s card the same): dataset_info problem, generated_solution, expected_answer, problem_source (string); splits train_1M 1,000,000, train_2M 2,000,000, train_5M 5,000,000, train 13,972,791, each a data_files entry of config default',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
];
