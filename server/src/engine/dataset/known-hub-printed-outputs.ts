/**
 * trainlint's table of known Hub datasets, the part read in printed outputs (session 23, 2026-12-07; docs/corpus.md,
 * "Session 23 — hub23"): Hub ids the regression corpora (/tmp/corpora and /tmp/corpora21..31) load and the table did
 * not know, whose card names no columns (or was not found), read in the saved output of a load in a notebook of those
 * corpora or in a public file quoting one. Same rules as `known-hub-printed-text.ts`: only an output that shows the
 * dataset as loaded counts (the cell does nothing else to it before it is printed, or the next cell prints it bare;
 * indexing a split, `shuffle` and `train_test_split` keep the columns, so they are taken for the column names only);
 * a printed `Dataset({features: […], num_rows: N})` gives names, not types, so every column here is `unknown`. A split
 * list is complete only when the whole DatasetDict was printed, or the first download's "Generating <split> split"
 * lines of a cell that loads only this dataset showed every split. A config loaded by name is the only config written,
 * and the entry has `otherConfigs`. Each corpus is named by its repository and the commit extracted (MANIFEST.tsv).
 * Counts in `uses.realScripts` are the session-23 count of `bench/hub-coverage.ts` over all those corpora.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

/** When the outputs were read. */
const CHECKED = '2026-12-07';
const generating = (where: string): SplitsComplete => ({ by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${where}` });

const NEELECTRIC = 'Neelectric/open-r1_safety 8329331';

export const PRINTED_OUTPUT_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'neil-code/dialogsum-test',
    configs: {
      default: {
        columns: ['id', 'dialogue', 'summary', 'topic'].map(unk),
        splits: { train: 1999, validation: 499, test: 499 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the whole DatasetDict printed by SHIVITG/FineTune-Phi-2-LLM-using-PEFT-QLora e60b2cd and andysingal/llm-course 192069e' },
      },
    },
    evidence: [
      'SHIVITG/FineTune-Phi-2-LLM-using-PEFT-QLora e60b2cd finetune-phi-2-llm-using-qlora.ipynb, cell 13: dataset = load_dataset("neil-code/dialogsum-test") then dataset printed bare: "Generating train/validation/test split" lines and DatasetDict({train: 1999, validation: 499, test: 499 rows, each with features [id, dialogue, summary, topic]})',
      'andysingal/llm-course 192069e llama_finetune/Phi_2_+_QLoRA+dialogsum.ipynb, cell 3: the same load and the same printed DatasetDict',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'open-r1/codeforces-cots',
    configs: {
      // Only the train split of config "solutions" was printed; the split list and the other configs were not read.
      solutions: {
        columns: ['id', 'aliases', 'contest_id', 'contest_name', 'contest_type', 'contest_start', 'contest_start_year', 'index', 'time_limit',
          'memory_limit', 'title', 'description', 'input_format', 'output_format', 'examples', 'note', 'editorial', 'prompt', 'generation',
          'finish_reason', 'api_metadata', 'interaction_format', 'messages'].map(unk),
        splits: { train: 47780 },
      },
    },
    // The corpora also load solutions_decontaminated and the dataset without a config name; those stay unanswered.
    otherConfigs: true,
    evidence: [
      `${NEELECTRIC} filtering_scripts/code_open-r1_tok_filters.ipynb, cells 1–2: code = load_dataset("open-r1/codeforces-cots", "solutions")["train"], then print(code): Dataset({features: [id, aliases, contest_id, contest_name, contest_type, contest_start, contest_start_year, index, time_limit, memory_limit, title, description, input_format, output_format, examples, note, editorial, prompt, generation, finish_reason, api_metadata, interaction_format, messages], num_rows: 47780}) and its first row`,
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 12, repos: 4 } },
  },
  {
    id: 'bebechien/SimpleToolCalling',
    configs: {
      // The train split was printed; whether others exist was not read.
      default: { columns: ['user_content', 'tool_name', 'tool_arguments'].map(unk), splits: { train: 40 } },
    },
    evidence: [
      'huggingface/trl (regression corpus) examples/notebooks/sft_tool_calling.ipynb, cells 9–10: dataset_name = "bebechien/SimpleToolCalling"; dataset = load_dataset(dataset_name, split="train"), then dataset printed bare: Dataset({features: [user_content, tool_name, tool_arguments], num_rows: 40})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'lmms-lab/multimodal-open-r1-8k-verified',
    configs: {
      default: {
        // Names from a printed part of a train_test_split of train[:5%] (the split keeps every column); size not read exactly.
        columns: ['image', 'problem', 'solution', 'original_question', 'original_answer'].map(unk),
        splits: { train: undefined },
        splitsComplete: { by: 'viewer', read: CHECKED, where: 'the Hub viewer of lmms-lab/multimodal-open-r1-8k-verified (Subset (1) default, Split (1) train, 7.69k rows) and its one data file, data/train-00000-of-00001.parquet' },
      },
    },
    evidence: [
      'huggingface/cookbook ed2c646 notebooks/en/fine_tuning_vlm_grpo_trl.ipynb, cells 7–9: dataset = load_dataset("lmms-lab/multimodal-open-r1-8k-verified", split="train[:5%]"), split_dataset = dataset.train_test_split(test_size=0.2, seed=42), print(split_dataset["train"]): Dataset({features: [image, problem, solution, original_question, original_answer], num_rows: 307})',
      'the Hub viewer (huggingface.co/datasets/lmms-lab/multimodal-open-r1-8k-verified/viewer): one subset, default, and one split, train (7.69k rows); tree/main/data holds train-00000-of-00001.parquet only',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 9, repos: 2 } },
  },
  {
    id: 'wikimedia/wikipedia',
    configs: {
      '20231101.eu': {
        columns: ['id', 'url', 'title', 'text'].map(unk),
        splits: { train: 416347 },
        splitsComplete: generating(`${NEELECTRIC} filtering_scripts/english_basque_wikipedia.ipynb, cell 1 (one split, train, 416,347 examples)`),
      },
    },
    // One config per dump date and language; the corpora load 20231101.ko, .ur and .en too, which stay unanswered.
    otherConfigs: true,
    evidence: [
      `${NEELECTRIC} filtering_scripts/english_basque_wikipedia.ipynb, cells 1–2: basque = load_dataset("wikimedia/wikipedia", "20231101.eu", split="train"), then basque.shuffle(seed=42) (rows reordered, nothing else), printed bare: Dataset({features: [id, url, title, text], num_rows: 416347}); the load's output shows the files 20231101.eu/train-0000{0,1}-of-00002.parquet and one "Generating train split" line (416,347)`,
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 19, repos: 5 } },
  },
  {
    id: 'zeroshot/twitter-financial-news-sentiment',
    configs: {
      default: {
        // The printed reprs give names, not types: both unknown (the card describes the labels as 0 Bearish, 1 Bullish, 2 Neutral).
        columns: [{ name: 'text', type: 'unknown' }, { name: 'label', type: 'unknown' }],
        splits: { train: 9543, validation: 2388 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the printed DatasetDict of load_dataset("zeroshot/twitter-financial-news-sentiment") in code index file 13098952746 (train and validation), and the two "Generating train split" (9,543) / "Generating validation split" (2,388) lines of the same load in AI4Finance-Foundation/FinGPT (regression corpus) FinGPT_ Training with LoRA and Meta-Llama-3-8B.ipynb' },
      },
    },
    evidence: [
      'code index file 13098952746 (a course report on classifying financial tweets): "Se utilizó el dataset zeroshot/twitter-financial-news-sentiment de Hugging Face … train (9543 registros) y validation (2388 registros)" with the printed DatasetDict({train: Dataset({features: [\'text\', \'label\'], num_rows: 9543}), validation: Dataset({features: [\'text\', \'label\'], num_rows: 2388})}) and label counts 2: 6178, 1: 1923, 0: 1442',
      'AI4Finance-Foundation/FinGPT (regression corpus) FinGPT_ Training with LoRA and Meta-Llama-3-8B.ipynb, cell 11: saved output of tfns = load_dataset(\'zeroshot/twitter-financial-news-sentiment\'): "Generating train split" 0/9543 and "Generating validation split" 0/2388, then tfns[\'train\'] read through its label column',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 12, repos: 2 } },
  },
];
