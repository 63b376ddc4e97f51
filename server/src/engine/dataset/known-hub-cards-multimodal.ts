/**
 * trainlint's table of known Hub datasets, its card part for vision, document and audio datasets (the VLM, OCR and
 * speech fine-tuning recipes): entries read in each dataset's own card (the `dataset_info` YAML of its README.md at the
 * commit named) or in a printed load, as in `known-hub-cards.ts`, whose rules they follow (every fact read somewhere,
 * each entry saying where; a column's type only where the card or the building script gave it). Moved here from the
 * two card files of sessions 17 and 19 unchanged.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
const CHECKED = '2026-12-07';
/** linxy/LaTeX_OCR: every config read has these two features (session 25). */
const LATEX_OCR: KnownColumn[] = [{ name: 'image', type: 'image' }, { name: 'text', type: 'string' }];
const LATEX_OCR_CARD: SplitsComplete = { by: 'card', read: CHECKED, where: "the card's dataset_info and configs (one data_files entry per split) at main, 89aa6e4" };

export const MULTIMODAL_CARD_HUB_DATASETS: readonly KnownHubDataset[] = ([
  {
    id: 'AI4Math/MathVista',
    configs: {
      default: {
        columns: [
          str('pid'), str('question'), str('image'), { name: 'decoded_image', type: 'image' }, { name: 'choices', type: 'list<string>' }, str('unit'),
          { name: 'precision', type: 'float64' }, str('answer'), str('question_type'), str('answer_type'), unk('metadata'), str('query'),
        ],
        splits: { testmini: 1000, test: 5141 },
      },
    },
    evidence: [
      'dataset card dataset_info YAML, huggingface.co/datasets/AI4Math/MathVista README.md at 2b6ad69 (main) as shown by the Hub: features pid … metadata, data files testmini and test',
      'the same card copied whole into wesley7137/math_vista_finetune_llava README.md (2401366): the twelve features to query, splits testmini 1000 and test 5141 examples',
    ],
    uses: { realScripts: { calls: 35, repos: 2 } },
  },
  {
    id: 'lj_speech',
    configs: { main: { columns: [str('id'), { name: 'audio', type: 'audio' }, str('file'), str('text'), str('normalized_text')], splits: { train: 13100 } } },
    evidence: [
      'dataset card dataset_info YAML of keithito/lj_speech (the Hub name of lj_speech), README.md at aa96d9a and 7611c36: config main (its only one), id string, audio Audio(22050), file, text, normalized_text strings; train 13100 examples',
      'the card as served at huggingface.co/datasets/lj_speech: "13,100 short audio clips", a data point with id, file, audio, text and normalized_text',
    ],
    uses: { realScripts: { calls: 28, repos: 1 } },
  },
  {
    id: 'cifar10',
    configs: { plain_text: { columns: [{ name: 'img', type: 'image' }, { name: 'label', type: 'class_label[airplane, automobile, bird, cat, deer, dog, frog, horse, … (10)]' }], splits: { train: 50000, test: 10000 } } },
    evidence: ['dataset card dataset_info YAML as shown at huggingface.co/datasets/cifar10/blob/main/README.md (0b27149, "Convert dataset to Parquet"): config plain_text (default: true), img Image, label ClassLabel(airplane … truck, 10 names); train 50000, test 10000'],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'HuggingFaceH4/rlaif-v_formatted',
    configs: { default: { columns: ['chosen', 'rejected', 'images', 'prompt'].map(unk), splits: { train: 78975, test: 4157 } } },
    evidence: ['the dataset card\'s dataset_info as summarized on selectdataset.com (HuggingFaceH4/rlaif-v_formatted, updated 2024-07-02): features chosen, rejected (lists of {content: [{text, type}], role}), images (a sequence of images), prompt; train 78975, test 4157 examples; data files for train and test'],
    uses: { realScripts: { calls: 1, repos: 1 }, trl: 4 },
  },
  {
    id: 'naver-clova-ix/cord-v2',
    configs: { default: { columns: ['image', 'ground_truth'].map(unk), splits: { train: 800, validation: 100, test: 100 } } },
    evidence: ['printed load_dataset("naver-clova-ix/cord-v2") in NielsRogge/Transformers-Tutorials 1140198d (LLaVa/Fine_tune_LLaVa_on_a_custom_dataset_(with_PyTorch_Lightning).ipynb, the LLaVa-NeXT one): DatasetDict train 800, validation 100, test 100, features image, ground_truth'],
    uses: { realScripts: { calls: 7, repos: 2 } },
  },
  {
    id: 'nielsr/funsd',
    configs: {
      default: {
        columns: [str('id'), { name: 'words', type: 'list<string>' }, { name: 'bboxes', type: 'list<list<int64>>' }, { name: 'ner_tags', type: 'list<class_label[O, B-HEADER, I-HEADER, B-QUESTION, I-QUESTION, B-ANSWER, I-ANSWER]>' }, str('image_path')],
        splits: { train: 149, test: 50 },
      },
    },
    evidence: ['printed load_dataset("nielsr/funsd") and its train features in NielsRogge/Transformers-Tutorials 1140198d (LiLT/Fine_tune_LiltForTokenClassification_on_FUNSD_(nielsr_funsd).ipynb, LayoutLMv2/FUNSD/…Trainer.ipynb): train 149, test 50; id Value(string), words Sequence(string), bboxes Sequence(Sequence(int64)), ner_tags Sequence(ClassLabel(O, B-HEADER, I-HEADER, B-QUESTION, I-QUESTION, B-ANSWER, I-ANSWER)), image_path Value(string)'],
    uses: { realScripts: { calls: 6, repos: 1 } },
  },
  {
    id: 'emre570/breastcancer-ultrasound-images',
    configs: { default: { columns: ['image', 'label'].map(unk), splits: { train: 624, test: 156 } } },
    evidence: ['printed load_dataset("emre570/breastcancer-ultrasound-images") in huggingface/cookbook ed2c6467 (notebooks/en/fine_tuning_vit_custom_dataset.ipynb and its ko copy): DatasetDict train 624, test 156, features image, label'],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'nielsr/rvl_cdip_10_examples_per_class_donut',
    configs: { default: { columns: ['image', 'label', 'ground_truth'].map(unk), splits: { test: 160, train: 160 } } },
    evidence: ['printed load_dataset("nielsr/rvl_cdip_10_examples_per_class_donut") in NielsRogge/Transformers-Tutorials 1140198d (Donut/RVL-CDIP/Preparing_an_image_classification_dataset_for_Donut.ipynb): DatasetDict test 160, train 160, features image, label, ground_truth'],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'openbmb/RLAIF-V-Dataset',
    configs: { default: { columns: ['ds_name', 'image', 'question', 'chosen', 'rejected', 'origin_dataset', 'origin_split', 'idx', 'image_path'].map(unk), splits: { train: undefined } } },
    evidence: ['printed load_dataset("openbmb/RLAIF-V-Dataset", split="train[:10]") in huggingface/cookbook ed2c6467 (notebooks/en/structured_generation_vision_language_models.ipynb): features ds_name, image, question, chosen, rejected, origin_dataset, origin_split, idx, image_path; num_rows 10 (the whole train size not printed)'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'hezarai/parsynth-ocr-200k',
    configs: { default: { columns: [{ name: 'image_path', type: 'image' }, str('text')], splits: { train: 179999, test: 20000 }, splitsComplete: { by: 'card', read: CHECKED } } },
    evidence: [
      'dataset card dataset_info YAML, huggingface.co/datasets/hezarai/parsynth-ocr-200k README.md at 5898878 (main): image_path Image, text string; train 179999, test 20000 examples; configs default with data files data/train-* and data/test-* (the Hub viewer: Subset (1), Split (2) train and test)',
      'unslothai/notebooks bdda2efc original_template/Deepseek_OCR_(3B).ipynb: "Generating train split: 0/179999" and "Generating test split: 0/20000"; dataset[1523]["image_path"] a PIL image, dataset[1523]["text"] a string',
    ],
    uses: { realScripts: { calls: 64, repos: 1 } },
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
  // Session 25 (hub25): read in the card at the commit named, counted over /tmp/corpora and /tmp/corpora21..38.
  {
    id: 'HuggingFaceH4/llava-instruct-mix-vsft',
    configs: {
      default: {
        columns: [{ name: 'messages', type: 'list<struct<content: list<struct<index: int64, text: string, type: string>>, role: string>>' },
          { name: 'images', type: 'list<image>' }],
        splits: { train: 259155, test: 13640 },
        splitsComplete: { by: 'card', read: CHECKED, where: "the card's configs at main (default: data_files splits train and test, data/<split>-*)" },
      },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceH4/llava-instruct-mix-vsft README.md at main (4c04c83, "Update README.md"): messages, a list of {content: list of {index int64, text string, type string}, role string}, and images, a sequence of image; splits train 259,155, test 13,640; configs default with data_files train and test; "theblackcat102/llava-instruct-mix reformated for VSFT with TRL\'s SFT Trainer"'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'linxy/LaTeX_OCR',
    configs: {
      default: { columns: LATEX_OCR, splits: { train: 76318 }, splitsComplete: LATEX_OCR_CARD },
      // The train size differs between two renderings of the card at main (76,319 and 76,318): not written.
      full: { columns: LATEX_OCR, splits: { train: undefined, validation: 8475, test: 9443 }, splitsComplete: LATEX_OCR_CARD },
      human_handwrite: { columns: LATEX_OCR, splits: { train: 1200, validation: 68, test: 70 }, splitsComplete: LATEX_OCR_CARD },
      small: { columns: LATEX_OCR, splits: { train: 50, validation: 30, test: 30 }, splitsComplete: LATEX_OCR_CARD },
    },
    // Listed in the card and the viewer (Subset (6)); their features were not shown where they were read.
    configsNotRead: ['human_handwrite_print', 'synthetic_handwrite'],
    evidence: [
      'dataset card dataset_info YAML, huggingface.co/datasets/linxy/LaTeX_OCR README.md at main (89aa6e4, "Upload dataset"): configs default (image: image, text: string; train 76,318), full (the same two features; train, validation 8,475, test 9,443) and human_handwrite (the same; train 1,200, validation 68, test 70); small at a23162c and e626ae6 (the same features; train 50, validation 30, test 30); configs human_handwrite and small map train, validation and test to their data files (e626ae6)',
      'the Hub viewer: Subset (6) default, full, human_handwrite, human_handwrite_print, small, synthetic_handwrite; commit da5b068 gives synthetic_handwrite train, validation 9,565 and test 9,593 files, but its features were not shown, so it and human_handwrite_print are not answered',
    ],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: CHECKED }));
