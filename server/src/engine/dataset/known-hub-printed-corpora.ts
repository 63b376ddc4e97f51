/**
 * trainlint's table of known Hub datasets, the part read in printed outputs of session 26 (2026-12-07; docs/corpus.md,
 * "Session 26 — hub26"): Hub ids the regression corpora (/tmp/corpora and /tmp/corpora21..41) load and the table did not
 * know, read in the saved output of a load in a notebook of those corpora. Same rules as `known-hub-printed-outputs.ts`:
 * only an output that shows the dataset as loaded counts (a printed `Dataset(...)`/`DatasetDict(...)` repr, or a printed
 * row, whose keys are every column; `filter`, `shuffle` and `train_test_split` keep the columns, so an output after them is
 * taken for the column names only, and for the row count only where the parts add up to the whole); a repr gives names,
 * not types, so every column here is `unknown`. A split list is complete only when the whole DatasetDict was printed, or
 * the first download's "Generating <split> split" lines of a cell that loads only this dataset showed every split. A
 * config pushed by the notebook itself whose rows were not printed is `configsNotRead`. Each corpus is named by its
 * repository and the commit extracted (MANIFEST.tsv). Counts in `uses.realScripts` are the session-26 count of
 * `bench/hub-coverage.ts` over all those corpora.
 * Session 27 (2026-12-08; docs/corpus.md, "Session 27 — hub27") added the ids read the same way in /tmp/corpora42..47: a
 * DatasetDict printed per config (nvidia/OpenCodeReasoning), with its features' types (snorkelai/…), or after
 * `concatenate_datasets` of two configs' train splits (ylacombe/google-chilean-spanish: concatenating requires the same
 * features, so both configs have those columns) or after `shuffle`, `select` and `train_test_split` (ruslanmv/…), which keep
 * the columns: for the column names only; and merve/scene_parse_150, a row printed after `train_test_split` in /tmp/corpora's
 * huggingface/notebooks.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

/** When the outputs were read. */
const CHECKED = '2026-12-07';
const generating = (where: string): SplitsComplete => ({ by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${where}` });
/** When the session-27 outputs were read. */
const CHECKED_27 = '2026-12-08';
const printed27 = (where: string): SplitsComplete => ({ by: 'printed', read: CHECKED_27, where: `the whole DatasetDict printed by ${where}` });
const OCR_COLUMNS = ['id', 'input', 'output', 'source', 'license', 'dataset', 'split', 'difficulty', 'solution'];
const int64 = (name: string): KnownColumn => ({ name, type: 'int64' });
const str = (name: string): KnownColumn => ({ name, type: 'string' });

export const PRINTED_CORPORA_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'datastax/philosopher-quotes',
    configs: {
      default: {
        columns: ['author', 'quote', 'tags'].map(unk),
        splits: { train: 450 },
        splitsComplete: generating('andysingal/llm-course 192069e New-Models/RagStack.ipynb, cell 10 (one split, train, 0/450)'),
      },
    },
    evidence: [
      'andysingal/llm-course 192069e New-Models/RagStack.ipynb, cell 10: philo_dataset = load_dataset("datastax/philosopher-quotes")["train"], then print(philo_dataset[16]): "Generating train split: 0/450" and the row {\'author\': \'aristotle\', \'quote\': …, \'tags\': \'love;ethics\'} (its keys are the columns)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'mteb/askubuntudupquestions-reranking',
    configs: {
      default: {
        columns: ['query', 'positive', 'negative'].map(unk),
        splits: { test: 375 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the whole DatasetDict printed by gatmiry/sandbox2225-T4 6a1c81e mytests/openAI-embedding.ipynb, cell 30' },
      },
    },
    evidence: [
      'gatmiry/sandbox2225-T4 6a1c81e mytests/openAI-embedding.ipynb, cells 29–30: ds = load_dataset("mteb/askubuntudupquestions-reranking"), then ds printed bare: DatasetDict({test: Dataset({features: [query, positive, negative], num_rows: 375})})',
      'huggingface.co/datasets/mteb/askubuntudupquestions-reranking at 2000358 ("first commit"): one data file, test.jsonl.gz; the later commits add a README (4d853f9) and the Parquet conversion\'s default/test folder',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'Jooinjang/my_translate_300k_en-ko',
    configs: {
      // Only split="train" was loaded; the notebook pushed one Dataset (a train split), but the repository's split list was not read.
      default: { columns: ['en', 'ko'].map(unk), splits: { train: 296415 } },
    },
    evidence: [
      'jooinjang/on-device-LLM-demo 222eed7 scripts/dataset_ver1/2. check_batch.ipynb, cell 14: ds = load_dataset("Jooinjang/my_translate_300k_en-ko", split="train"); ds.train_test_split(test_size=0.1) printed: DatasetDict({train: [en, ko] 266,773 rows, test: [en, ko] 29,642 rows}), together the 296,415 rows of the split loaded',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'Neelectric/wildguardmix_reasoning_Llama-3.1-8B-Instruct_4096toks',
    configs: {
      default: {
        columns: ['wjb_prompt', 'model_response', 'guard_response', 'refusal_detected', 'messages'].map(unk),
        splits: { train: 86745 },
        splitsComplete: generating('Neelectric/open-r1_safety 8329331 filtering_scripts/replay_tok_filtering.ipynb, cell 17 (load_dataset(…, "default"): one split, train, 0/86745)'),
      },
    },
    // The notebook pushes a second config, refusals_only (cell 19), whose rows it does not print.
    configsNotRead: ['refusals_only'],
    evidence: [
      'Neelectric/open-r1_safety 8329331 filtering_scripts/replay_tok_filtering.ipynb: cell 17 loads config "default" ("Generating train split: 0/86745"); cell 22 loads the dataset without a config name and takes ["train"]; cell 23 prints its first row (keys wjb_prompt, model_response, guard_response, refusal_detected, messages); cell 24 prints "len replay before filtering for reasoning is 86745"; cell 25 prints Dataset({features: [wjb_prompt, model_response, guard_response, refusal_detected, messages], num_rows: 66634}) after a filter',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'nvidia/OpenCodeReasoning',
    configs: {
      // Each config's one split is named after it.
      split_0: { columns: OCR_COLUMNS.map(unk), splits: { split_0: 567850 }, splitsComplete: printed27('the EDA notebook, cell 9 (split_0)') },
      split_1: { columns: [...OCR_COLUMNS, 'index'].map(unk), splits: { split_1: 167405 }, splitsComplete: printed27('the EDA notebook, cell 9 (split_1)') },
    },
    // The card's config list was not read.
    otherConfigs: true,
    evidence: [
      'MarioCapodanno/Gwen2.5-3B-100Samples-SFT-GRPO 674d34b notebook_output/1_NLP_EDA.ipynb cell 9: print(load_dataset(…, "split_0")) shows DatasetDict({split_0: the nine columns, 567850 rows}); "split_1" the same and index, 167405 rows',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 9, repos: 2 } },
  },
  {
    id: 'snorkelai/Multi-Turn-Insurance-Underwriting',
    configs: {
      default: {
        columns: [int64('primary id'), int64('company task id'), str('assistant model name'), str('task'),
          { name: 'trace', type: 'list<struct<additional_kwargs: string, content: string, id: string, response_metadata: string, role: string, tool_calls: string, type: string, usage_metadata: string>>' },
          str('reference answer'), { name: 'correct', type: 'bool' }, str('company name'), int64('annual revenue'), int64('number of employees'), int64('total payroll'),
          int64('number of vehicles'), str('building construction'), str('state'), str('company description'), str('lob')],
        splits: { train: 380 },
        splitsComplete: printed27('the exploration notebook, cell 3'),
      },
    },
    evidence: [
      'cdrc1103/insurance-underwriting-llm a25c63f notebooks/01_data_exploration.ipynb: cell 3 prints DatasetDict({train: the 16 columns, 380 rows}); cell 6 prints .features (int64, string, bool; trace a List of eight string fields)',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ylacombe/google-chilean-spanish',
    configs: {
      // Only each config's train split was used; their other splits and sizes were not printed apart.
      female: { columns: ['audio', 'text', 'speaker_id'].map(unk), splits: { train: undefined } },
      male: { columns: ['audio', 'text', 'speaker_id'].map(unk), splits: { train: undefined } },
    },
    otherConfigs: true,
    evidence: [
      'DESM2025/Whisper-FineTune-Chilean 11fa9c9 Audio_a_texto.ipynb cell 10: configs female and male, concatenate_datasets of both train splits (equal features required), two train_test_split, then print: audio, text, speaker_id, 4,374 rows in all',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'ruslanmv/ai-medical-chatbot',
    configs: {
      // Only the train split was used (at least 100,000 rows: the notebook selects that many); others were not read.
      default: { columns: ['Description', 'Patient', 'Doctor'].map(unk), splits: { train: undefined } },
    },
    evidence: [
      'aadzz1862/Llama-Finetuning 62ac256 Llama_finetune_8B_Chatdoctor.ipynb: cell 0 takes ["train"], shuffles, selects 100,000 rows, splits 90/10; cell 1 prints Dataset({features: [Description, Patient, Doctor], num_rows: 90000})',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'merve/scene_parse_150',
    configs: {
      // Only train was loaded (train[:50]); its size and the other splits were not printed.
      default: { columns: ['image', 'annotation', 'scene_category'].map(unk), splits: { train: undefined } },
    },
    evidence: [
      'huggingface/notebooks 5068b11 transformers_doc/en/semantic_segmentation.ipynb (and copies): cell 25 loads split="train[:50]", cell 27 train_test_split, cell 29 prints train_ds[0]: image, annotation (PIL images), scene_category',
    ],
    checked: CHECKED_27,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
];
