/**
 * trainlint's table of known Hub datasets, its printed-vision part (session 20; docs/corpus.md, "Known Hub datasets,
 * session 20"): image, document, video and time-series datasets the regression corpora load, read in the printed
 * outputs of the corpora's own notebooks under the rules of `known-hub-printed-text.ts` (the dataset as loaded, column
 * names without types, a split list complete only when the whole DatasetDict was printed).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

/** When the outputs were read. */
const CHECKED = '2026-12-07';
/** The whole DatasetDict printed (`DatasetDict({train: …, test: …})`). */
const wholeDict: SplitsComplete = { by: 'printed', read: CHECKED };

const NIELS = 'NielsRogge/Transformers-Tutorials 1140198';
/** "printed `<name>` right after <name> = load_dataset(…) in NielsRogge/Transformers-Tutorials <notebook>: …" */
const niels = (call: string, notebook: string, shown: string) => `printed the dataset right after ${call} in ${NIELS} ${notebook}: ${shown}`;

const DOCVQA_COLUMNS = ['id', 'image', 'query', 'answers', 'words', 'bounding_boxes', 'answer'];

export const PRINTED_VISION_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'nielsr/funsd-layoutlmv3',
    configs: { default: { columns: ['id', 'tokens', 'bboxes', 'ner_tags', 'image'].map(unk), splits: { train: 149, test: 50 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("nielsr/funsd-layoutlmv3")', 'LayoutLMv3/Fine_tune_LayoutLMv3_on_FUNSD_(HuggingFace_Trainer).ipynb (and the LiLT and UDOP FUNSD notebooks, the same)', 'DatasetDict train 149, test 50, features id, tokens, bboxes, ner_tags, image')],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'nielsr/docvqa_1200_examples_donut',
    configs: { default: { columns: [...DOCVQA_COLUMNS, 'ground_truth'].map(unk), splits: { train: 1000, test: 200 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("nielsr/docvqa_1200_examples_donut")', 'Donut/DocVQA/Fine_tune_Donut_on_DocVQA.ipynb', 'DatasetDict test 200, train 1000, features id, image, query, answers, words, bounding_boxes, answer, ground_truth')],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'olemeyer/docvqa-en-de-fr-es-it',
    configs: { default: { columns: DOCVQA_COLUMNS.map(unk), splits: { train: 31004, test: 4055 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("olemeyer/docvqa-en-de-fr-es-it")', 'Donut/DocVQA/Creating_a_toy_DocVQA_dataset_for_Donut.ipynb', 'DatasetDict train 31004, test 4055, features id, image, query, answers, words, bounding_boxes, answer')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nielsr/rvl_cdip_10_examples_per_class',
    configs: { default: { columns: ['image', 'label'].map(unk), splits: { train: 160, test: 160 }, splitsComplete: wholeDict } },
    evidence: [niels('toy_dataset = load_dataset("nielsr/rvl_cdip_10_examples_per_class")', 'Donut/RVL-CDIP/Preparing_an_image_classification_dataset_for_Donut.ipynb', 'DatasetDict test 160, train 160, features image, label')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nielsr/XFUN',
    configs: { 'xfun.fr': { columns: ['id', 'input_ids', 'bbox', 'labels', 'image', 'original_image', 'entities', 'relations'].map(unk), splits: { train: 202, validation: 71 }, splitsComplete: wholeDict } },
    otherConfigs: true,
    evidence: [niels('dataset = load_dataset("nielsr/XFUN", "xfun.fr")', 'LayoutXLM/Fine_tune_LayoutXLM_on_XFUND_(relation_extraction).ipynb', 'DatasetDict train 202, validation 71, features id, input_ids, bbox, labels, image, original_image, entities, relations (the other configs not read)')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'jordyvl/DUDE_subset_100val',
    configs: { default: { columns: ['questionId', 'question', 'answer', 'images'].map(unk), splits: { train: 100 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("jordyvl/DUDE_subset_100val")', 'Idefics2/Fine_tune_Idefics2_for_multi_page_PDF_question_answering_on_DUDE.ipynb', 'DatasetDict train only, 100 rows, features questionId, question, answer, images')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'hf-internal-testing/example-documents',
    configs: { default: { columns: [unk('image')], splits: { test: 3 }, splitsComplete: { by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${NIELS} Donut/DocVQA/Batched_generation_with_Donut.ipynb (only "test", 3; one data file)` } } },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("hf-internal-testing/example-documents", split="test") in ${NIELS} Donut/DocVQA/Batched_generation_with_Donut.ipynb: one parquet data file, "Generating test split: 0/3" (no other split), features image; num_rows 3`],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'EduardoPacheco/FoodSeg103',
    configs: { default: { columns: ['image', 'label'].map(unk), splits: { train: 4983, validation: 2135 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("EduardoPacheco/FoodSeg103")', 'DINOv2/Train_a_linear_classifier_on_top_of_DINOv2_for_semantic_segmentation.ipynb', 'DatasetDict train 4983, validation 2135, features image, label')],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'nielsr/ade20k-panoptic-demo',
    configs: { default: { columns: ['image', 'label', 'segments_info'].map(unk), splits: { train: 10, validation: 10 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("nielsr/ade20k-panoptic-demo")', 'MaskFormer/Fine-tuning/Fine_tuning_MaskFormer_on_a_panoptic_dataset.ipynb', 'DatasetDict train 10, validation 10, features image, label, segments_info')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nielsr/breast-cancer',
    configs: { default: { columns: ['image', 'label'].map(unk), splits: { train: 130 } } },
    evidence: [niels('dataset = load_dataset("nielsr/breast-cancer", split="train")', 'SAM/Fine_tune_SAM_(segment_anything)_on_a_custom_dataset.ipynb', 'features image, label; num_rows 130')],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'timm/oxford-iiit-pet',
    configs: { default: { columns: ['image', 'label', 'image_id', 'label_cat_dog'].map(unk), splits: { train: 3680, test: 3669 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("timm/oxford-iiit-pet")', 'DINOv2/Fine_tune_DINOv2_for_image_classification_[minimal].ipynb', 'DatasetDict train 3680, test 3669, features image, label, image_id, label_cat_dog')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'huggingface/electricity-production',
    configs: { default: { columns: ['DATE', 'IPG2211A2N'].map(unk), splits: { train: 397 } } },
    evidence: [niels('dataset = load_dataset("huggingface/electricity-production", split="train")', "TimesFM/Quick_inference_with_Google'sTimesFM_on_a_CSV_file.ipynb (print(dataset))", 'features DATE, IPG2211A2N; num_rows 397')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ShareGPT4Video/ShareGPT4Video',
    // As loaded without a config name; configs a script names are not answered.
    configs: { default: { columns: ['video_id', 'video_path', 'timestamp', 'keyframe', 'captions'].map(unk), splits: { train: 40178 }, splitsComplete: wholeDict } },
    evidence: [niels('dataset = load_dataset("ShareGPT4Video/ShareGPT4Video")', 'LLaVA-NeXT-Video/Fine_tune_LLaVa_NeXT_Video_with_HFTrainer.ipynb', 'DatasetDict train only, 40178 rows, features video_id, video_path, timestamp, keyframe, captions')],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'merve/food',
    configs: { default: { columns: [unk('image')], splits: { train: 16 }, splitsComplete: wholeDict } },
    evidence: ['printed `ds` right after ds = load_dataset("merve/food") in merveenoyan/smol-vision 420d2af Image_Search_with_MetaCLIP2.ipynb: DatasetDict train only, 16 rows, features image'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'davanstrien/ufo-ColPali',
    // Printed after ds["train"].train_test_split(test_size=0.1): the columns as loaded, and "train" as the sum of the two parts.
    configs: {
      default: {
        columns: ['image', 'raw_queries', 'broad_topical_query', 'broad_topical_explanation', 'specific_detail_query', 'specific_detail_explanation', 'visual_element_query', 'visual_element_explanation', 'parsed_into_json'].map(unk),
        splits: { train: 2243 },
      },
    },
    evidence: ['printed `ds` after ds = load_dataset("davanstrien/ufo-ColPali") and ds["train"].train_test_split(test_size=0.1) in merveenoyan/smol-vision 420d2af Finetune_ColPali.ipynb: train 2018 and test 225 of the split-off parts (so "train" holds 2018 + 225 = 2243 rows), features image, raw_queries, broad_topical_query, broad_topical_explanation, specific_detail_query, specific_detail_explanation, visual_element_query, visual_element_explanation, parsed_into_json (a split keeps the columns)'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nielsr/funsd-iob-original',
    // A loading script whose builder config is "funsd" ("Downloading and preparing dataset funsd-iob-original/funsd").
    configs: {
      funsd: {
        columns: [
          { name: 'id', type: 'string' }, { name: 'words', type: 'list<string>' }, { name: 'bboxes', type: 'list<list<int64>>' },
          { name: 'original_bboxes', type: 'list<list<int64>>' },
          { name: 'ner_tags', type: 'list<class_label[O, B-HEADER, I-HEADER, B-QUESTION, I-QUESTION, B-ANSWER, I-ANSWER]>' }, { name: 'image', type: 'image' },
        ],
        splits: { train: undefined, test: undefined },
        splitsComplete: { by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${NIELS} LiLT/Fine_tune_LiLT_on_a_custom_dataset,_in_any_language.ipynb ("train" and "test")` },
      },
    },
    defaultConfig: 'funsd',
    evidence: [`printed dataset["train"].features after dataset = load_dataset("nielsr/funsd-iob-original") (first download: builder config funsd, "Generating train split", "Generating test split") in ${NIELS} LiLT/Fine_tune_LiLT_on_a_custom_dataset,_in_any_language.ipynb: id Value string, words Sequence of string, bboxes and original_bboxes Sequence of Sequence of int64, ner_tags Sequence of ClassLabel [O, B-HEADER, I-HEADER, B-QUESTION, I-QUESTION, B-ANSWER, I-ANSWER], image Image`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nielsr/rvlcdip-demo',
    configs: {
      default: {
        columns: [
          { name: 'image', type: 'image' },
          { name: 'label', type: 'class_label[letter, form, email, handwritten, advertisement, scientific report, scientific publication, specification, file folder, news article, budget, invoice, presentation, questionnaire, resume, memo]' },
        ],
        splits: { train: undefined },
      },
    },
    evidence: [`printed dataset['train'].features after dataset = load_dataset("nielsr/rvlcdip-demo") in ${NIELS} DiT/Inference_with_DiT_(Document_Image_Transformer)_for_document_image_classification.ipynb: image Image, label ClassLabel of 16 names (letter, form, email, handwritten, advertisement, scientific report, scientific publication, specification, file folder, news article, budget, invoice, presentation, questionnaire, resume, memo)`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
];
