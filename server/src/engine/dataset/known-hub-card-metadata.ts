/**
 * trainlint's table of known Hub datasets, the part read in the datasets' own metadata (session 23, 2026-12-07;
 * docs/corpus.md, "Session 23 — hub23"): Hub ids the regression corpora (/tmp/corpora and /tmp/corpora21..31) load and
 * the table did not know, whose every column a public file of the dataset repository names with its type: the card's
 * `dataset_info` YAML (what `push_to_hub` writes), or the `dataset_infos.json` an older `push_to_hub` wrote beside the
 * data. The ids read only in printed outputs of a load are `known-hub-printed-outputs.ts`. Same rules as
 * `known-hub-datasets.ts`: every fact was read somewhere and each entry says where, with the date it was read.
 *
 * A split list is marked complete only where the whole list was read: the card's `configs`/`dataset_info` (one split
 * per `data_files` entry), or the Hub viewer's split list where the card's list was renamed since (reward-bench).
 * Counts in `uses.realScripts` are the session-23 count of `bench/hub-coverage.ts` over all those corpora (literal and
 * resolved ids).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const MESSAGES: KnownColumn = { name: 'messages', type: 'list<struct<content: string, role: string>>' };

/** When this part's evidence was read. */
const CHECKED = '2026-12-07';
const card = (where: string): SplitsComplete => ({ by: 'card', read: CHECKED, where });

/** The label names of jonathan-roberts1/EuroSAT, as its card's dataset_info lists them (0 … 9). */
const EUROSAT_LABELS = ['annual crop', 'forest', 'herbaceous vegetation', 'highway', 'industrial', 'pasture', 'permanent crop', 'residential', 'river', 'sea or lake'];

export const CARD_METADATA_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'Dahoas/rm-static',
    configs: {
      default: {
        columns: ['prompt', 'response', 'chosen', 'rejected'].map(str),
        splits: { train: 76256, test: 5103 },
        splitsComplete: card("the card's dataset_info at main (splits train and test)"),
      },
    },
    evidence: [
      'dataset card of Dahoas/rm-static (huggingface.co/datasets/Dahoas/rm-static/blob/main/README.md; blame at main: lines from d279c54, 64fd53c and bc8a549): dataset_info features prompt, response, chosen, rejected (all string); splits train 76,256, test 5,103; the dataset_infos.json beside it (at 7e68751 and 8e68859) gives the same four string features and split sizes',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 6, repos: 4 } },
  },
  {
    id: 'Dahoas/synthetic-instruct-gptj-pairwise',
    configs: {
      // The split list is that of dataset_infos.json, which is not the card: not marked complete.
      default: { columns: ['prompt', 'chosen', 'rejected'].map(str), splits: { train: 33143 } },
    },
    evidence: [
      'dataset_infos.json of Dahoas/synthetic-instruct-gptj-pairwise at main (huggingface.co/datasets/Dahoas/synthetic-instruct-gptj-pairwise/blame/main/dataset_infos.json, lines from cae9ebe, cc92d8d, 4788a16), written by push_to_hub: features prompt, chosen, rejected (Value string); split train 33,143 examples; its Russian translation d0rj/synthetic-instruct-gptj-pairwise-ru names it as source_datasets and has the same three features and 33,143 rows',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 8, repos: 4 } },
  },
  {
    id: 'allenai/reward-bench',
    configs: {
      default: {
        columns: [str('prompt'), str('chosen'), str('chosen_model'), str('rejected'), str('rejected_model'), str('subset'), { name: 'id', type: 'int64' }],
        // The card's dataset_info named the splits train and filtered; commit 01272f0 ("rename splits") made them raw and filtered.
        splits: { raw: 5123, filtered: 2985 },
        splitsComplete: { by: 'viewer', read: CHECKED, where: 'the Hub viewer of allenai/reward-bench (huggingface.co/datasets/allenai/reward-bench/viewer/default/raw): Subset (1) default, Split (2) raw 5.12k rows, filtered 2.99k rows' },
      },
    },
    evidence: [
      'dataset card of allenai/reward-bench (README.md at 8def74f, 52728ee and db36fd6): dataset_info features prompt, chosen, chosen_model, rejected, rejected_model, subset (string), id (int64); splits then train 5,123 and filtered 2,985; its "Dataset schema" section lists the same seven items (prompt, chosen, chosen_model, rejected, rejected_model, subset, id)',
      'split names at main: the Hub viewer (Split (2): raw 5.12k rows, filtered 2.99k rows) after commit 01272f0 "rename splits" (tree at 01272f0); the sizes are the dataset_info sizes of the same data; public code loads split="raw" and split="filtered" (code index files 30261223649, 14556797538, 11244798205), and a review note (code index file 55716181591) says a fallback to split "train" "does NOT exist — it will fail"',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 6, repos: 4 } },
  },
  {
    id: 'philschmid/finanical-rag-embedding-dataset',
    configs: {
      default: {
        columns: ['question', 'context'].map(str),
        splits: { train: 7000 },
        splitsComplete: card("the card's configs (default: data_files split train, data/train-*) and dataset_info"),
      },
    },
    evidence: [
      'dataset card of philschmid/finanical-rag-embedding-dataset (README.md at main, e0b1781; blame: dataset_info from f7addff): dataset_info features question, context (string); split train 7,000 examples; configs default with data_files split train (data/train-*); the Hub viewer shows one split, train (7k rows)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'HuggingFaceH4/aime_2024',
    configs: {
      default: {
        columns: [{ name: 'id', type: 'int64' }, ...['problem', 'solution', 'answer', 'url', 'year'].map(str)],
        splits: { train: 30 },
        splitsComplete: card("the card's configs (default: data_files split train, data/train-*) and dataset_info"),
      },
    },
    evidence: [
      'dataset card of HuggingFaceH4/aime_2024 (huggingface.co/datasets/HuggingFaceH4/aime_2024/blob/main/README.md, 2fe88a2): dataset_info features id (int64), problem, solution, answer, url, year (string); split train 30 examples; configs default with data_files split train (data/train-*)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'philschmid/dolly-15k-oai-style',
    configs: {
      default: {
        columns: [MESSAGES],
        splits: { train: 15011 },
        splitsComplete: card("the card's configs (default: data_files split train, data/train-*) and dataset_info"),
      },
    },
    evidence: [
      'dataset card of philschmid/dolly-15k-oai-style (README.md at main, 424e34f; the same at c57893c): dataset_info features messages (list of content string, role string); split train 15,011 examples; configs default with data_files split train (data/train-*)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'lmms-lab/ai2d',
    configs: {
      default: {
        columns: [str('question'), { name: 'options', type: 'list<string>' }, str('answer'), { name: 'image', type: 'image' }],
        splits: { test: 3088 },
        splitsComplete: card("the card's configs (default: data_files split test, data/test-*) and dataset_info"),
      },
    },
    evidence: [
      'dataset card of lmms-lab/ai2d (huggingface.co/datasets/lmms-lab/ai2d/blob/main/README.md, c83a9b9; dataset_info unchanged since 7f7fbf8): features question (string), options (sequence string), answer (string), image (Image); split test 3,088 examples; configs default with data_files split test (data/test-*); the viewer shows one split, test (3.09k rows)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 7, repos: 2 } },
  },
  {
    id: 'lmsys/toxic-chat',
    configs: {
      toxicchat0124: {
        columns: [...['conv_id', 'user_input', 'model_output'].map(str), { name: 'human_annotation', type: 'bool' },
          { name: 'toxicity', type: 'int64' }, { name: 'jailbreaking', type: 'int64' }, str('openai_moderation')],
        splits: { train: undefined, test: undefined },
        splitsComplete: card("the card's configs (toxicchat0124: data_files splits train and test, data/0124/toxic-chat_annotation_{train,test}.csv)"),
      },
      toxicchat1123: {
        columns: [...['conv_id', 'user_input', 'model_output'].map(str), { name: 'human_annotation', type: 'bool' },
          { name: 'toxicity', type: 'int64' }, { name: 'jailbreaking', type: 'int64' }, str('openai_moderation')],
        splits: { train: undefined, test: undefined },
        splitsComplete: card("the card's configs (toxicchat1123: data_files splits train and test, data/1123/toxic-chat_annotation_{train,test}.csv)"),
      },
    },
    evidence: [
      'dataset card of lmsys/toxic-chat (huggingface.co/datasets/lmsys/toxic-chat/blob/main/README.md; the same YAML at 3e03192, 0a60f9b, b8144ab): config_names toxicchat0124 and toxicchat1123, no default; dataset_info for each: conv_id, user_input, model_output (string), human_annotation (bool), toxicity, jailbreaking (int64), openai_moderation (string), without split sizes; configs give each config a train and a test CSV',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'sentence-transformers/stsb',
    configs: {
      default: {
        columns: [str('sentence1'), str('sentence2'), { name: 'score', type: 'float64' }],
        splits: { train: 5749, validation: 1500, test: 1379 },
        splitsComplete: card("the card's configs (default: data_files splits train, validation, test) and dataset_info"),
      },
    },
    evidence: [
      'dataset card of sentence-transformers/stsb (README.md at 2893004, "Upload dataset"): dataset_info features sentence1, sentence2 (string), score (float64); splits train 5,749, validation 1,500, test 1,379; configs default with data_files train, validation, test (data/<split>-*); the Hub viewer shows the same three splits (5.75k, 1.5k, 1.38k rows)',
      'sentence-transformers documentation, sbert.net examples/cross_encoder/training/sts/README (the entry until session 23): load_dataset("sentence-transformers/stsb", split="train") prints Dataset({features: [sentence1, sentence2, score], num_rows: 5749}); the scores normalized to 0–1',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 21, repos: 1 } },
  },
  {
    id: 'Dahoas/full-hh-rlhf',
    configs: {
      default: {
        columns: ['prompt', 'response', 'chosen', 'rejected'].map(str),
        splits: { train: 112052, test: 12451 },
        splitsComplete: card("the card's dataset_info at main (splits train and test)"),
      },
    },
    evidence: [
      'dataset card of Dahoas/full-hh-rlhf (huggingface.co/datasets/Dahoas/full-hh-rlhf/blob/main/README.md; blame at main: lines from 273ff2a and 75f72c3): dataset_info features prompt, response, chosen, rejected (all string); splits train 112,052, test 12,451; "Anthropic\'s HH dataset reformatted into prompt, chosen, rejected samples"; the dataset_infos.json beside it (at c72ea93 and 4fd9db5) gives the same features and split sizes',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 2 } },
  },
  {
    id: 'HuggingFaceM4/DocumentVQA',
    configs: {
      default: {
        columns: [{ name: 'questionId', type: 'int32' }, str('question'), { name: 'question_types', type: 'list<string>' }, { name: 'image', type: 'image' },
          { name: 'docId', type: 'int32' }, str('ucsf_document_id'), str('ucsf_document_page_no'), { name: 'answers', type: 'list<string>' }],
        splits: { train: 39463, validation: 5349, test: 5188 },
        splitsComplete: card("the card's configs at 695cc83 (default: data_files splits train, validation, test, data/<split>-*)"),
      },
    },
    evidence: [
      'dataset card of HuggingFaceM4/DocumentVQA (huggingface.co/datasets/HuggingFaceM4/DocumentVQA/blob/695cc83/README.md): dataset_info features questionId (int32), question (string), question_types (list string), image (Image), docId (int32), ucsf_document_id, ucsf_document_page_no (string), answers (list string); splits train 39,463, validation 5,349, test 5,188; configs default with data_files train, validation, test',
      'andimarafioti/florence2-finetuning (regression corpus) Fine_tune_Florence_2.ipynb, cell 2: saved output of load_dataset("HuggingFaceM4/DocumentVQA"): "Generating train split" 39,463, "Generating validation split" 5,349, "Generating test split" 5,188, the card\'s sizes',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 9, repos: 6 } },
  },
  {
    id: 'ybelkada/football-dataset',
    configs: {
      default: {
        columns: [{ name: 'image', type: 'image' }, str('text')],
        splits: { train: 6 },
        splitsComplete: card("the card's dataset_info at main (one split, train) and its one data file, data/train-00000-of-00001-fc7c825a21687306.parquet (tree at eb3a3f7)"),
      },
    },
    evidence: [
      'dataset card of ybelkada/football-dataset (huggingface.co/datasets/ybelkada/football-dataset/blame/main/README.md, lines from 174e1d1 and 7d02c47): dataset_info features image (Image), text (string); split train 6 examples; "Dummy dataset of 6 football players with a caption"',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 3 } },
  },
  // Session 24 (hub24): the Hub viewer's column header and a printed load, with the same dataset_info in a copy's card.
  {
    id: 'open-r1/Mixture-of-Thoughts',
    configs: {
      all: {
        columns: [MESSAGES, { name: 'num_tokens', type: 'int64' }, str('source')],
        splits: { train: 349317 },
      },
    },
    // The repository holds the folders all, code, math and science (tree at main); only "all" was printed.
    configsNotRead: ['code', 'math', 'science'],
    evidence: [
      'the Hub viewer of open-r1/Mixture-of-Thoughts (huggingface.co/datasets/open-r1/Mixture-of-Thoughts): columns messages (list), num_tokens (int64), source (string); the tree at main (e55fa28) has one folder per config: all, code, math, science',
      'Neelectric/open-r1_safety 8329331 (regression corpus) filtering_scripts/mixture-of-thoughts_tok_filters.ipynb, cells 1–4: mot_all = load_dataset("open-r1/Mixture-of-Thoughts", "all")[\'train\'], then the bare name prints Dataset({features: [messages, num_tokens, source], num_rows: 349317})',
      'the dataset_info of a copy (huggingface.co/yuccaaa/dataset, cot/README.md): config all with messages (list of content string, role string), num_tokens (int64), source (string) and train 349,317 examples, the printed size; its code, math and science configs have the same three features',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'merve/mobile-ui-design',
    configs: {
      // The viewer's column header gives the four columns and their types (objects: a dict whose fields were not all shown).
      // The config's name was not read: "default" is what answers the corpora's calls, which name none.
      default: {
        columns: [{ name: 'width', type: 'int64' }, { name: 'height', type: 'int64' }, { name: 'image', type: 'image' }, { name: 'objects', type: 'unknown' }],
        splits: { train: undefined },
      },
    },
    evidence: [
      'the Hub viewer of merve/mobile-ui-design (huggingface.co/datasets/merve/mobile-ui-design): columns width (int64), height (int64), image (image), objects (dict, its first rows holding a bbox list); the split list was not read',
      'huggingface/notebooks (regression corpus) transformers_doc/en/object_detection.ipynb: "The dataset is already has splits", ds = load_dataset("merve/mobile-ui-design"), then ds["train"] and example["objects"]["category"], example["objects"]["bbox"] read; the cell prints Categories (4): group, image, rectangle, text',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 8, repos: 2 } },
  },
  {
    id: 'jonathan-roberts1/EuroSAT',
    configs: {
      default: {
        columns: [{ name: 'image', type: 'image' }, { name: 'label', type: `class_label[${EUROSAT_LABELS.join(', ')}]` }],
        splits: { train: 27000 },
        splitsComplete: card("the card's dataset_info at f818fb1 (one split, train, written by push_to_hub)"),
      },
    },
    evidence: [
      'dataset card of jonathan-roberts1/EuroSAT (blob/f818fb1/README.md, "Upload README.md with huggingface_hub"): dataset_info features image (image), label (class_label, 0 annual crop … 9 sea or lake); split train 27,000 examples; the Hub viewer shows the same two columns (image 64 px, label with 10 classes)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'huggingface/cats-image',
    configs: {
      image: {
        columns: [{ name: 'image', type: 'image' }],
        splits: { test: 1 },
        splitsComplete: { by: 'script', read: CHECKED, where: 'cats-image.py at main (ccdec0a): one SplitGenerator, datasets.Split.TEST; the Hub viewer: Subset (1) image, Split (1) test, 1 row' },
      },
    },
    defaultConfig: 'image',
    evidence: [
      'the loading script of huggingface/cats-image (blob/main/cats-image.py, last changed in ccdec0a; the card is empty): BUILDER_CONFIGS one CatsImageConfig named "image", DEFAULT_CONFIG_NAME = "image", features {"image": datasets.Image()}, one split, TEST; the Hub viewer shows Subset (1) image and Split (1) test with 1 row',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  // Session 25 (hub25): read the same way, counted over /tmp/corpora and /tmp/corpora21..38.
  {
    id: 'argilla/ultrafeedback-binarized-preferences-cleaned',
    configs: {
      default: {
        columns: [str('source'), str('prompt'), { name: 'chosen', type: MESSAGES.type }, { name: 'chosen-rating', type: 'float64' }, str('chosen-model'),
          { name: 'rejected', type: MESSAGES.type }, { name: 'rejected-rating', type: 'float64' }, str('rejected-model')],
        splits: { train: 60917 },
        splitsComplete: card("the card's configs at 91376df (default: one data_files entry, split train, data/train-*); the Hub viewer: Subset (1) default, Split (1) train 60.9k rows"),
      },
    },
    evidence: [
      'dataset card of argilla/ultrafeedback-binarized-preferences-cleaned, commit 91376df ("Upload dataset", README.md +11 −11): dataset_info features from "- name: source" (line 12 of the new card) to the last "dtype: string" (line 35), split train 60,917 examples, configs default with one data_files entry (split train); the 24 lines between are not shown in the diff',
      'two copies whose cards say they take this dataset\'s train split whole (csarron/argilla-ultrafeedback-binarized-preferences-cleaned ab51c6b, "combines the train split of argilla/ultrafeedback-binarized-preferences-cleaned" and a test split; gp02-mcgill/ultrafeedback_binarised_rnd_max e77cc1a, 60,917 train rows) list the same 24 YAML lines: source, prompt (string), chosen (list of content, role), chosen-rating (float64), chosen-model (string), rejected (list of content, role), rejected-rating (float64), rejected-model (string)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'shawhin/shawgpt-youtube-comments',
    configs: {
      default: {
        columns: [str('example')],
        splits: { train: 50, test: 9 },
        splitsComplete: card("the card's configs at dbc8688 (default: data_files splits train and test, data/<split>-*)"),
      },
    },
    evidence: [
      'dataset card of shawhin/shawgpt-youtube-comments, commit dbc8688 ("Upload dataset": README.md +20, data/train-00000-of-00001.parquet and data/test-00000-of-00001.parquet added): dataset_info features example (string); splits train 50, test 9 examples; configs default with data_files train and test; the tree at main still has that data folder (the later commits change README.md only)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'HuggingFaceM4/the_cauldron',
    configs: {
      // Only ai2d was read (the first card, written when ai2d was the only config); its row count was re-uploaded since (8c817a0).
      ai2d: {
        columns: [{ name: 'images', type: 'list<image>' }, { name: 'texts', type: 'list<struct<user: string, assistant: string, source: string>>' }],
        splits: { train: undefined },
        splitsComplete: card("the card's configs at 032e6f1 (ai2d: one data_files entry, split train, ai2d/train-*)"),
      },
    },
    // About fifty configs, one per source dataset (ocrvqa, chartqa, …), whose columns were not read here.
    otherConfigs: true,
    evidence: [
      'dataset card of HuggingFaceM4/the_cauldron, commit 032e6f1 ("Upload README.md with huggingface_hub", blob at e26e020): dataset_info config_name ai2d, features images (sequence of image), texts (list of user, assistant, source: string); split train; configs ai2d with one data_files entry (split train, ai2d/train-*); the ai2d parquet file was replaced in 8c817a0, so the 2,445 examples given then are not written',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 4 } },
  },
  {
    id: 'ybelkada/common_voice_mr_11_0_copy',
    configs: {
      default: {
        columns: [str('client_id'), str('path'), { name: 'audio', type: 'audio' }, str('sentence'), { name: 'up_votes', type: 'int64' },
          { name: 'down_votes', type: 'int64' }, str('age'), str('gender'), str('accent'), str('locale'), str('segment')],
        splits: { train: 2245, validation: 1682, test: 1816, other: 2819, invalidated: 2237 },
        splitsComplete: card("the card's dataset_info at 26264dd (the five splits push_to_hub wrote)"),
      },
    },
    evidence: [
      'dataset card of ybelkada/common_voice_mr_11_0_copy (blob/26264dd/README.md, "Upload README.md with huggingface_hub"): dataset_info features client_id, path (string), audio (Audio, 48 kHz), sentence (string), up_votes, down_votes (int64), age, gender, accent, locale, segment (string); splits train 2,245, validation 1,682, test 1,816, other 2,819, invalidated 2,237 examples',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 4 } },
  },
];
