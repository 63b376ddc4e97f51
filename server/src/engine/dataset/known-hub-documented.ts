/**
 * trainlint's table of known Hub datasets, its documented part (session 22; docs/corpus.md, "Session 22 — hub22"):
 * fine-tuning datasets the regression corpora (/tmp/corpora, 260 repositories) load and the table did not know, whose
 * columns a public page or repository documents: the dataset card (its `dataset_info` YAML, or its own list of the fields
 * each row holds), or a repository that describes the schema of the data it downloaded. Same rules as
 * `known-hub-datasets.ts`: every fact was read somewhere and each entry says where, with the date it was read.
 *
 * A column whose type the source does not give (a card that lists field names in prose, a nested list of tool calls) is
 * `unknown`. A split list is marked complete only where the whole list was read (the card's `configs`/`dataset_info`, or
 * the printed "Generating <split> split" lines of a first download); elsewhere the splits read are listed and others may
 * exist, so a split not listed is not reported missing. Counts in `uses.realScripts` are the session-22 count of
 * `bench/hub-coverage.ts` over the corpora (literal and resolved ids). Session 26 (docs/corpus.md "Session 26 — hub26") added
 * merve/satellite-building-segmentation, documented by its author's own guide, counted over /tmp/corpora and /tmp/corpora21..41.
 * Session 27 (docs/corpus.md "Session 27 — hub27", read 2026-12-08) added two cards that `push_to_hub` wrote, whose
 * `dataset_info` names every column with its type, counted over /tmp/corpora and /tmp/corpora21..47.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

/** When this part's evidence was read. */
const CHECKED = '2026-12-07';

export const DOCUMENTED_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'predibase/wordle-grpo',
    configs: {
      // Only the train split was read; the guide counts 76 rows in it.
      default: { columns: ['prompt', 'word_list', 'past_guess_history', 'secret'].map(str), splits: { train: 76 } },
    },
    evidence: [
      'alexchilton/CAS_NLP_MODULE4_GRPO docs/DATA_GUIDE.md at 9ff7ede (code index file 45453128318), written from its download of the dataset (load_dataset("predibase/wordle-grpo") then dataset["train"]): "GRPO Training Dataset … Total examples: 76 … Columns: prompt, word_list, past_guess_history, secret"; its example row gives secret, word_list and prompt as strings, and "Past Guess History: Stored as string in dataset"',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 21, repos: 1 } },
  },
  {
    id: 'google/mobile-actions',
    configs: {
      default: {
        columns: [str('metadata'), unk('tools'), unk('messages')],
        splits: { train: 9654 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'unslothai/notebooks (regression corpus) nb/FunctionGemma_(270M)-Mobile-Actions.ipynb, the saved output of load_dataset("google/mobile-actions", split = "train"): one data file dataset.jsonl, one "Generating train split" line (9,654 rows)' },
      },
    },
    evidence: [
      'dataset card of google/mobile-actions (huggingface.co/datasets/google/mobile-actions/blob/main/README.md, as added in commit e920309): one JSONL file; "Each JSON object in the file contains the following fields": metadata ("train" or "eval", the card\'s own split marker), tools (a list of functions with name, description, parameters), messages (role, content, tool_calls); the card gives no dtypes, so tools and messages are unknown',
      'unslothai/notebooks (regression corpus) nb/FunctionGemma_(270M)-Mobile-Actions.ipynb: the saved output of the load (dataset.jsonl, "Generating train split" 9,654 rows) and of dataset[0]["messages"] (role, content, tool_calls, with roles developer, user, assistant)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 1 } },
  },
  {
    id: 'microsoft/orca-math-word-problems-200k',
    configs: {
      default: {
        columns: ['question', 'answer'].map(str),
        splits: { train: 200035 },
        splitsComplete: { by: 'card', read: CHECKED, where: "the card's configs (default: data_files split train, data/train-*) and dataset_info (one split, train)" },
      },
    },
    evidence: [
      'dataset card of microsoft/orca-math-word-problems-200k (huggingface.co/datasets/microsoft/orca-math-word-problems-200k/blame/main/README.md; dataset_info from commit c38ff66, unchanged by f426e7b and 29255d1): dataset_info features question string, answer string; split train 200,035 examples; configs default with data_files split train (data/train-*)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'Open-Orca/OpenOrca',
    configs: {
      // The card has no configs or dataset_info: the two parquet files load as one train split; its size was not read.
      default: { columns: ['id', 'system_prompt', 'question', 'response'].map(str), splits: { train: undefined } },
    },
    evidence: [
      "dataset card of Open-Orca/OpenOrca (huggingface.co/datasets/Open-Orca/OpenOrca README.md at 3f94996, read in part; its Dataset Structure section as reproduced verbatim in the card of lchakkei/OpenOrca-Traditional-Chinese): \"Data Fields — The fields are: 1) 'id' … 2) 'system_prompt' … 3) 'question' … 4) 'response'\"; that translation's own dataset_info gives all four as string",
      'split train: datasets-server rows URLs for Open-Orca/OpenOrca with config=default&split=train in public code (code index file 16073819466, the OPEN_ORCA_URL of an LLM input generator), and 1M-GPT4-Augmented.parquet named as one of its files by the card of kobprof/skolegpt-instruct; the card names no other split',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'akoksal/LongForm',
    configs: {
      default: {
        columns: ['input', 'output', 'source', 'subset'].map(str),
        // Sizes as the card's dataset_info and the authors' dataset README give them; not marked complete (the card at main no longer carries dataset_info).
        splits: { train: 23652, validation: 2042, test: 2045 },
      },
    },
    evidence: [
      "the LongForm card's dataset_info (features input, output, source, subset, all string; splits train 23,652, validation 2,042, test 2,045), as copied with the card's text into huggingface.co/spaces/sehunnnn/asd README.md; the card at main (huggingface.co/datasets/akoksal/LongForm/blame/main/README.md) keeps the same text without dataset_info",
      'akoksal/LongForm dataset/README.md at dcd1ec5 (GitHub, code index file 22939487888), the authors\' description of the dataset: Train 23,652, Validation 2,042, Test 2,045 (27,739 examples)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'stingning/ultrachat',
    configs: {
      // The train split was read (a whole load, then ["train"]); its size and any other split were not.
      default: { columns: [str('id'), { name: 'data', type: 'list<string>' }], splits: { train: undefined } },
    },
    evidence: [
      'dataset card of stingning/ultrachat (huggingface.co/datasets/stingning/ultrachat/blob/main/README.md at f220fe7), Dataset Structure: "Each line in the downloaded data file is a json dict containing the data id and dialogue data in a list format", example {"id": "0", "data": ["How can cross training benefit …", "Cross training can benefit …", …]}; the authors\' repository documents the same format (thunlp/UltraChat README.md at 006aeee, code index file 6769630784, "Data Format")',
      'split train: the saved output of pacman100/LLM-Workshop (regression corpus) chat_assistant/sft/dataset_generation/Chat Assistant Data Preparation V2.ipynb, cell 7: load_dataset("stingning/ultrachat") then ultrachat["train"], mapped over the data column',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'jmhessel/newyorker_caption_contest',
    configs: {
      explanation: {
        columns: [{ name: 'image', type: 'image' }, { name: 'contest_number', type: 'int32' }, ...['image_location', 'image_description', 'image_uncanny_description'].map(str),
          { name: 'entities', type: 'list<string>' }, { name: 'questions', type: 'list<string>' }, ...['caption_choices', 'from_description', 'label'].map(str),
          { name: 'n_tokens_label', type: 'int32' }, str('instance_id')],
        splits: { train: 2340, validation: 130, test: 131 },
        splitsComplete: { by: 'card', read: CHECKED, where: "the card's dataset_info for config explanation (splits train, validation, test)" },
      },
    },
    // The scripts also load matching and ranking, whose features were not read; the card lists more configs (explanation_1 …).
    configsNotRead: ['matching', 'ranking'],
    otherConfigs: true,
    evidence: [
      "dataset card of jmhessel/newyorker_caption_contest (README.md at main, 40,231 bytes, last changed in a1b7cdb per huggingface.co/datasets/jmhessel/newyorker_caption_contest/blame/main/README.md; its YAML read through a mirror of the resolve/main URL): dataset_info config explanation: image Image, contest_number int32, image_location, image_description, image_uncanny_description string, entities and questions sequence<string>, caption_choices, from_description, label string, n_tokens_label int32, instance_id string; splits train 2,340, validation 130, test 131; further configs explanation_1 … follow",
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 6, repos: 2 } },
  },
  {
    id: 'merve/satellite-building-segmentation',
    configs: {
      // train and validation counted by the saved output; test loaded by name (split="test"), its size not printed; others not read.
      default: { columns: ['image', 'image_id', 'width', 'height', 'objects'].map(unk), splits: { train: 6764, validation: 1934, test: undefined } },
    },
    evidence: [
      'merveenoyan/smol-vision 420d2af instance_segmentation.ipynb (the dataset\'s author\'s own guide), cell 7: "The satellite-building-segmentation dataset is in native Hugging Face Datasets format … Each row contains: image (the satellite image, PIL), image_id, width / height, objects (a dict of per-instance annotations with id, category, bbox, area, segmentation, iscrowd)"; cell 8 loads it whole, and its saved output reads "Train: 6764 images, Valid: 1934 images" for ds["train"] and ds["validation"]; cell 26 loads split="test"',
      'huggingface/notebooks 5068b11 transformers_doc/en/instance_segmentation.ipynb, cells 5–6 and 36: the same field list and the same loads, without a saved output; the row counts match keremberke/satellite-building-segmentation\'s split_name_to_num_samples.json (train 6764, valid 1934, test 967), the Roboflow export it was converted from, which is not written here',
    ],
    checked: '2026-12-07',
    uses: { realScripts: { calls: 10, repos: 2 } },
  },
  {
    id: 'lavita/ChatDoctor-HealthCareMagic-100k',
    configs: {
      default: {
        columns: ['instruction', 'input', 'output'].map(str),
        splits: { train: 112165 },
        splitsComplete: { by: 'card', read: '2026-12-08', where: "the card's configs (default: one data_files entry, split train) at 505443e" },
      },
    },
    evidence: [
      'dataset card of lavita/ChatDoctor-HealthCareMagic-100k at 505443e (542 bytes): configs default, one data_files entry (train); dataset_info instruction, input, output (string); train 112,165',
      'saved outputs of huggingface/cookbook medical_rag_and_reasoning.ipynb cell 4 and of an Unsloth notebook: "Generating train split: 0/112165"',
    ],
    checked: '2026-12-08',
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'smangrul/hf-stack-v1',
    configs: {
      default: {
        columns: [str('repo_id'), str('file_path'), str('content'), { name: '__index_level_0__', type: 'int64' }],
        splits: { train: 5905 },
        splitsComplete: { by: 'files', read: '2026-12-08', where: 'the tree at main: one data file, a train parquet' },
      },
    },
    evidence: [
      'dataset card of smangrul/hf-stack-v1 at b0c56f4 (478 bytes): dataset_info repo_id, file_path, content (string), __index_level_0__ (int64); train 5,905; no configs block, one data file data/train-00000-of-00001-31e9377455e783e7.parquet',
    ],
    checked: '2026-12-08',
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
];
