/**
 * trainlint's table of known Hub datasets, its second card part (session 19, 2026-12-07; docs/corpus.md, "Known Hub
 * datasets, fifth extension"): ids the session-18 regression corpora load, read in their own dataset card (the
 * `dataset_info` YAML of README.md at the commit named) or in a printed load (`Dataset({features: […], num_rows: N})`
 * kept in a script, a code index file named by its id). Same rules as `known-hub-datasets.ts`: only what was read, each
 * entry saying where; a type only where the card gave it (`unknown` where a printed row only showed a value). The split
 * audit (`known-hub-splits.ts`) says which lists are complete. Counts in `uses.realScripts` are from the session-18
 * corpora (`bench/hub-coverage.ts`).
 */
import type { KnownColumn, KnownHubDataset } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });

export const CARD_HUB_DATASETS_2: readonly KnownHubDataset[] = ([
  {
    id: 'yizhongw/self_instruct',
    configs: {
      ...Object.fromEntries(['self_instruct', 'prompt_source', 'p3'].map((c) => [c, { columns: [str('prompt'), str('completion')], splits: { train: c === 'self_instruct' ? 82612 : 52657 } }])),
      super_natural_instructions: { columns: [str('prompt'), str('completion')], splits: { train: 50000, test: 11810 } },
      human_eval: { columns: [...['id', 'motivation_app', 'instruction'].map(str), { name: 'instances', type: 'struct<input: list<string>, output: list<string>>' }], splits: { train: 252 } },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/yizhongw/self_instruct README.md at 5a88b5b ("readme: add language tag"): configs self_instruct, human_eval, super_natural_instructions, prompt_source, p3 with their features and splits (session 19); no default config'],
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'Jiayi-Pan/Countdown-Tasks-3to4',
    configs: { default: { columns: [{ name: 'target', type: 'unknown' }, { name: 'nums', type: 'unknown' }], splits: { train: 490364 } } },
    evidence: [
      'printed load_dataset("Jiayi-Pan/Countdown-Tasks-3to4", split="train") kept in a comment of a GRPO script (code index file 3654168442): Dataset({features: [target, nums], num_rows: 490364}), a row {target: 98, nums: [44, 19, 35]} (session 19)',
      'file list of huggingface.co/datasets/Jiayi-Pan/Countdown-Tasks-3to4 at 408f70d: data/train-00000-of-00001.parquet only',
    ],
    uses: { realScripts: { calls: 5, repos: 3 } },
  },
  {
    id: 'HuggingFaceM4/ChartQA',
    configs: {
      default: {
        columns: [{ name: 'image', type: 'image' }, str('query'), { name: 'label', type: 'list<string>' }, { name: 'human_or_machine', type: 'class_label[human, machine]' }],
        splits: { train: 28299, val: 1920, test: 2500 },
      },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceM4/ChartQA README.md at b605b6e ("Update README.md"): image, query string, label list of string, human_or_machine ClassLabel [human, machine]; splits train 28299, val 1920, test 2500, each a data_files entry of the default config (earlier cards, f45816d and a10e544, listed only train, then train and val)'],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-07' }));
