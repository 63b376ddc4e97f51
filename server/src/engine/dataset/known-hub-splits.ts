/**
 * The split audit of trainlint's table of known Hub datasets (session 18, 2026-12-07; docs/corpus.md, "Known Hub
 * datasets, fourth extension"): for each config whose split list is complete, which source showed every split
 * `load_dataset` makes for it without `split=`. A config not listed here has a split list that holds the splits read,
 * and others may exist (a split read with `split="train"` says nothing of the rest), so TL114 says nothing of it.
 *
 * What counts as showing the whole list:
 * - `card`: the dataset card's `dataset_info` / `configs` YAML (or its Data Splits table) for that config, at the
 *   commit named in the entry's evidence;
 * - `printed`: the printed result of loading the dataset whole (`load_dataset(id[, config])` without `split=`, a
 *   `DatasetDict({train: …, test: …})`), or the "Generating <split> split" lines of a first download in a notebook
 *   cell that loads only this dataset: `datasets` prepares every split of the config before it selects one, one line per
 *   split (unslothai/notebooks bdda2efc shows "Generating train split" and "Generating test split" for
 *   unsloth/Radiology_mini although the cell asks for "train");
 * - `script`: the loading script and `dataset_infos.json` of the datasets that lived in huggingface/datasets (2.5.2,
 *   c59cc34, `datasets/<name>/`), moved to the Hub under the same or a namespaced name with the same splits;
 * - `files`: the repository's data files, each named by its split as `datasets` infers splits (one
 *   `test.jsonl` is split "test"; a file named for no split is "train"), or the Parquet conversion's folders;
 * - `viewer`: the Hub viewer's "Split (N)" list.
 * A list built by a script (TRL's `examples/datasets/`) is not enough: `DatasetDict.push_to_hub` before datasets 4.8
 * deleted only the files of the splits it pushed (huggingface/datasets 3.0.0 and 4.7.0 `dataset_dict.py`; 4.8.0 removes
 * the other splits), and those scripts then push a README without the `configs` YAML, so a split pushed earlier may
 * remain in the data folder and load.
 */
import type { SplitsComplete } from './known-hub-lookup';

/** When this audit was made. */
const READ = '2026-12-07';
/** When the 2026-12-06 part of the table was read (its evidence is the entry's own). */
const READ_06 = '2026-12-06';

const card = (read = READ): SplitsComplete => ({ by: 'card', read });
const printed = (read = READ, where?: string): SplitsComplete => ({ by: 'printed', read, ...(where ? { where } : {}) });
const script = (where: string): SplitsComplete => ({ by: 'script', read: READ, where: `huggingface/datasets 2.5.2 datasets/${where}/dataset_infos.json` });
const files = (where: string, read = READ): SplitsComplete => ({ by: 'files', read, where });
const viewer = (where: string): SplitsComplete => ({ by: 'viewer', read: READ, where });

const UNSLOTH = 'unslothai/notebooks bdda2efc';
/** "Generating <split> split" lines of a first download, in a cell that loads only this dataset. */
const generating = (where: string) => printed(READ, `"Generating … split" lines in ${where}`);

/** Hub id → config → where its whole split list was read. */
export const SPLITS_COMPLETE: Readonly<Record<string, Readonly<Record<string, SplitsComplete>>>> = {
  // The 2026-12-06 part (known-hub-datasets.ts).
  'mlabonne/FineTome-100k': { default: card(READ_06) },
  'unsloth/OpenMathReasoning-mini': { default: generating(`${UNSLOTH} nb/Qwen3_(4B)-GRPO.ipynb (only "cot", 19252), with the one data file data/cot-00000-of-00001.parquet at 5ea611a`) },
  'unsloth/LaTeX_OCR': { default: card(READ_06) },
  'openai/gsm8k': { main: card(READ_06), socratic: card(READ_06) },
  'open-r1/DAPO-Math-17k-Processed': { en: generating(`${UNSLOTH} nb/Qwen3_(4B)-GRPO.ipynb (only "train", 14116)`) },
  'philschmid/guanaco-sharegpt-style': { default: card(READ_06) },
  'yahma/alpaca-cleaned': { default: printed(READ_06) },
  'trl-lib/Capybara': { default: files('the Parquet conversion of huggingface.co/datasets/trl-lib/Capybara, refs/convert/parquet/default (f5c00ee): folders test and train') },
  'trl-lib/kto-mix-14k': { default: card(READ_06) },
  'HuggingFaceH4/ultrafeedback_binarized': { default: card(READ_06) },
  'databricks/databricks-dolly-15k': { default: files('the one data file databricks-dolly-15k.jsonl (d8f5e5a), named for no split, so "train"', READ_06) },
  'HuggingFaceH4/Multilingual-Thinking': { default: generating(`${UNSLOTH} nb/gpt-oss-(20B)-Fine-tuning.ipynb (only "train", 1000)`) },
  'vicgalle/alpaca-gpt4': { default: generating(`${UNSLOTH} nb/Llama3_(8B)-Ollama.ipynb (only "train", 52002)`) },
  'HuggingFaceH4/ultrachat_200k': { default: card(READ_06) },
  'Abirate/english_quotes': { default: generating('huggingface/peft 5d602fdb examples/int8_training/Finetune_opt_bnb_peft.ipynb, load_dataset("Abirate/english_quotes") whole (only "train")') },
  'argilla/distilabel-capybara-dpo-7k-binarized': { default: card(READ_06) },
  'trl-lib/ultrafeedback_binarized': { default: viewer('huggingface.co/datasets/trl-lib/ultrafeedback_binarized/viewer: Subset (1) default, Split (2) train 62.1k, test 1k rows; data/ at 47124cb holds train-00000-of-00001.parquet and test-00000-of-00001.parquet') },
  'timdettmers/openassistant-guanaco': { default: printed(READ_06) },
  'tatsu-lab/alpaca': { default: printed(READ_06) },
  'HuggingFaceH4/no_robots': { default: card(READ_06) },
  'b-mc2/sql-create-context': { default: printed(READ_06) },
  'Open-Orca/SlimOrca': { default: printed(READ_06) },
  'argilla/distilabel-intel-orca-dpo-pairs': { default: printed(READ_06) },
  'HuggingFaceH4/orca_dpo_pairs': { default: card(READ_06) },
  gsm8k: { main: printed(READ_06) },
  'roneneldan/TinyStories': { default: generating(`${UNSLOTH} nb/Mistral_(7B)-Text_Completion.ipynb ("train" 2119719 and "validation" 21990)`) },
  'dair-ai/emotion': { split: printed(READ_06) },
  // The classic part (known-hub-classic.ts).
  glue: Object.fromEntries(['cola', 'sst2', 'mrpc', 'stsb', 'qqp', 'qnli', 'rte', 'mnli'].map((c) => [c, printed(READ_06)])),
  'nyu-mll/glue': { sst2: printed(READ_06), mrpc: script('glue') },
  rotten_tomatoes: { default: printed(READ_06) },
  'cornell-movie-review-data/rotten_tomatoes': { default: printed(READ_06) },
  wikitext: { 'wikitext-2-raw-v1': printed(READ_06), 'wikitext-103-raw-v1': printed(READ_06), 'wikitext-103-v1': printed(READ_06) },
  'Salesforce/wikitext': { 'wikitext-2-raw-v1': printed(READ_06) },
  conll2003: { default: printed(READ_06) },
  samsum: { default: printed(READ_06) },
  squad: { default: printed(READ_06) },
  'rajpurkar/squad': { default: printed(READ_06) },
  yelp_review_full: { default: printed(READ_06) },
  'Yelp/yelp_review_full': { default: printed(READ_06) },
  cnn_dailymail: { '3.0.0': printed(READ_06) },
  ag_news: { default: printed(READ_06) },
  xsum: { default: printed(READ_06) },
  wnut_17: { default: printed(READ_06) },
  food101: { default: printed(READ_06) },
  opus_books: { 'en-fr': script('opus_books') },
  'HuggingFaceH4/MATH-500': { default: files('huggingface.co/datasets/HuggingFaceH4/MATH-500 at ff5b202 (main): .gitattributes, README.md and the one data file test.jsonl') },
  financial_phrasebank: { sentences_allagree: script('financial_phrasebank') },
  'stanfordnlp/imdb': { plain_text: printed(READ_06) },
  imdb: { plain_text: printed(READ_06) },
  // The notebook part (known-hub-notebooks.ts).
  'unsloth/alpaca-cleaned': { default: generating(`${UNSLOTH} nb/Llama3_(8B)-Alpaca.ipynb and 36 more (only "train", 51760)`) },
  'Intel/orca_dpo_pairs': { default: printed(READ_06) },
  'HuggingFaceTB/smoltalk': { 'everyday-conversations': printed(READ_06) },
  'FreedomIntelligence/alpaca-gpt4-korean': { default: generating(`${UNSLOTH} nb/LFM2.5_(1.2B)-Translation.ipynb (only "train", 49969)`) },
  'Thytu/ChessInstruct': { default: generating(`${UNSLOTH} nb/Gemma3_(270M).ipynb ("train" 99000 and "test" 1000)`) },
  billsum: { default: script('billsum') },
  swag: { regular: script('swag') },
  eli5_category: { default: script('eli5_category') },
  'SetFit/sst2': { default: printed(READ_06) },
  'ought/raft': { twitter_complaints: printed(READ_06) },
  'cfilt/iitb-english-hindi': { default: printed(READ_06) },
  code_search_net: { python: script('code_search_net') },
  amazon_reviews_multi: { en: printed(READ_06) },
  'electroglyph/technical': { default: generating(`${UNSLOTH} nb/Qwen3_Embedding_(0_6B).ipynb (only "train", 106628)`) },
  'sentence-transformers/all-nli': { pair: generating(`${UNSLOTH} nb/All_MiniLM_L6_v2.ipynb ("train" 314315, "dev" 6808, "test" 6831)`) },
  'unsloth/Radiology_mini': { default: generating(`${UNSLOTH} nb/Llama3.2_(11B)-Vision.ipynb ("train" 1978 and "test" 327)`) },
  'unsloth/llava-instruct-mix-vsft-mini': { default: generating(`${UNSLOTH} nb/Pixtral_(12B)-Vision.ipynb ("train" 8552 and "test" 1364)`) },
  'nielsr/docvqa_1200_examples': { default: printed(READ_06) },
  'cppe-5': { default: printed(READ_06) },
  'lambdalabs/pokemon-blip-captions': { default: printed(READ_06) },
  'ethz/food101': { default: script('food101') },
  // The card part (known-hub-cards.ts, read 2026-12-07).
  'AI4Math/MathVista': { default: card() },
  'OpenAssistant/oasst1': { default: card() },
  'DigitalLearningGmbH/MATH-lighteval': { default: card(), algebra: card(), counting_and_probability: card() },
  squad_v2: { squad_v2: card() },
  'rajpurkar/squad_v2': { squad_v2: card() },
  allocine: { allocine: card() },
  'tblard/allocine': { allocine: card() },
  lj_speech: { main: card() },
  'trl-lib/tldr-preference': { default: files('huggingface.co/datasets/trl-lib/tldr-preference/tree/main/data (6f3679c): train-00000-of-00001.parquet and validation-00000-of-00001.parquet') },
  cifar10: { plain_text: card() },
  poem_sentiment: { default: card() },
  'allenai/ai2_arc': { 'ARC-Challenge': card(), 'ARC-Easy': card() },
  'ybelkada/english_quotes_copy': { default: card() },
  'OpenAssistant/oasst2': { default: card() },
  openai_humaneval: { openai_humaneval: card() },
  'openai/openai_humaneval': { openai_humaneval: card() },
  'cais/mmlu': { all: card(), abstract_algebra: card(), anatomy: card() },
  'mosaicml/dolly_hhrlhf': { default: card() },
  'nvidia/HelpSteer2': { default: card() },
  'Maxwell-Jia/AIME_2024': { default: printed() },
  'HuggingFaceH4/rlaif-v_formatted': { default: card() },
  'stanfordnlp/sst2': { default: card() },
  'naver-clova-ix/cord-v2': { default: printed() },
  'shawhin/phishing-site-classification': { default: printed() },
  emotion: { default: printed() },
  'nielsr/funsd': { default: printed() },
  super_glue: { copa: printed(), cb: printed() },
  'emre570/breastcancer-ultrasound-images': { default: printed() },
  'nielsr/rvl_cdip_10_examples_per_class_donut': { default: printed() },
  'yitingxie/rlhf-reward-datasets': { default: printed() },
  'lavita/AlpaCare-MedInstruct-52k': { default: printed() },
  jfleg: { default: script('jfleg') },
  'Vaibhaav/alignment-instructions': { default: printed() },
  app_reviews: { default: script('app_reviews') },
  sciq: { default: printed() },
  'nisaar/LLAMA2_Legal_Dataset_4.4k_Instructions': { default: printed() },
  'xlangai/spider': { default: script('spider') },
  // Session 19 (2026-12-07): two more lists completed from the corpora's notebook outputs.
  'kaxap/pg-wikiSQL-sql-instructions-80k': { default: generating('adityas2410/sql-instruct-qlora-llm 8e899d93 peft_qlora_llm_instruct.ipynb, a cell that loads only this dataset (split="train"): train 56312, validation 8411, test 15871, after downloading train.csv, dev.csv and test.csv') },
  'Amod/mental_health_counseling_conversations': { default: generating('google-gemini/gemma-cookbook e119e3d2 Gemma/[Gemma_3n]Finetuned_LoRA_Unsloth_on_Mental_Health_dataset.ipynb: the cell loads it and jkhedri/psychology-dataset, each with split="train", and prints two such lines only, both "train": 0/3512 (this dataset\'s size, as printed elsewhere) and 0/9846') },
  'Jiayi-Pan/Countdown-Tasks-3to4': { default: files('huggingface.co/datasets/Jiayi-Pan/Countdown-Tasks-3to4/tree/main/data (408f70d): train-00000-of-00001.parquet only, named for the split "train"') },
  'yizhongw/self_instruct': { self_instruct: card(), human_eval: card(), super_natural_instructions: card(), prompt_source: card(), p3: card() },
  'HuggingFaceM4/ChartQA': { default: card() },
};
