/**
 * trainlint's table of known Hub datasets, the part for reasoning and evaluation sets read in their own cards (session 25,
 * 2026-12-07; docs/corpus.md, "Session 25 — hub25"): math and code problem sets that RL and SFT scripts of the regression
 * corpora (/tmp/corpora and /tmp/corpora21..38) load, and the table did not know, whose card's `dataset_info` YAML (what
 * `push_to_hub` writes) names every column with its type. Same rules as `known-hub-datasets.ts`: every fact was read somewhere
 * and each entry says where, with the date it was read. A split list is complete where the card's `configs` map every split
 * to its data files (one `data_files` entry per split). Counts in `uses.realScripts` are the session-25 count of
 * `bench/hub-coverage.ts` over all those corpora (literal and resolved ids).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });

/** When this part's evidence was read. */
const CHECKED = '2026-12-07';
const card = (where: string): SplitsComplete => ({ by: 'card', read: CHECKED, where });

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
];
