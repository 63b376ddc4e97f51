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
 * Counts in `uses.realScripts` are the session-23 count of `bench/hub-coverage.ts` over all those corpora. Session 24 (hub24,
 * docs/corpus.md "Session 24 — hub24") added the entries after `zeroshot/twitter-financial-news-sentiment`, read the same way in
 * the corpora /tmp/corpora and /tmp/corpora21..35 and counted there.
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

/** When the outputs were read. */
const CHECKED = '2026-12-07';
const generating = (where: string): SplitsComplete => ({ by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${where}` });

const NEELECTRIC = 'Neelectric/open-r1_safety 8329331';
/** The columns of a Common Voice 13.0 or 17.0 language config, as printed. */
/** The columns of the LibriSpeech test fixtures' config clean, as printed. */
const LIBRISPEECH_COLUMNS = ['file', 'audio', 'text', 'speaker_id', 'chapter_id', 'id'];
const CV13_COLUMNS = ['client_id', 'path', 'audio', 'sentence', 'up_votes', 'down_votes', 'age', 'gender', 'accent', 'locale', 'segment', 'variant'];

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
  // Session 24 (hub24): read in the saved outputs of the corpora /tmp/corpora and /tmp/corpora21..35.
  {
    id: 'ml6team/cnn_dailymail_nl',
    configs: {
      // The three splits loaded without error; only train's size was printed.
      default: { columns: ['article', 'highlights', 'id'].map(unk), splits: { train: 287113, validation: undefined, test: undefined } },
    },
    evidence: [
      'NielsRogge/Transformers-Tutorials 1140198 T5/Fine_tuning_Dutch_T5_base_on_CNN_Daily_Mail_for_summarization_(on_TPU_using_HuggingFace_Accelerate).ipynb, cells 4–5: train_ds, val_ds, test_ds = load_dataset("ml6team/cnn_dailymail_nl", split=[\'train\', \'validation\', \'test\']) (its output: "Downloading and preparing dataset cnn_dailymail_nl/default"), then train_ds printed bare: Dataset({features: [article, highlights, id], num_rows: 287113})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'mozilla-foundation/common_voice_13_0',
    configs: {
      // One config per language; train+validation were printed together, so only test's size is known.
      hi: { columns: CV13_COLUMNS.map(unk), splits: { train: undefined, validation: undefined, test: 2947 } },
      'pa-IN': { columns: CV13_COLUMNS.map(unk), splits: { train: undefined, validation: undefined, test: 459 } },
    },
    otherConfigs: true,
    evidence: [
      'Vaibhavs10/fast-whisper-finetuning 0515e11 Whisper_w_PEFT.ipynb, cells 14–16: dataset_name = "mozilla-foundation/common_voice_13_0", language_abbr = "hi"; common_voice["train"] = load_dataset(dataset_name, language_abbr, split="train+validation"), common_voice["test"] = load_dataset(dataset_name, language_abbr, split="test"), then print(common_voice): train 6,760 rows, test 2,947 rows, each with features [client_id, path, audio, sentence, up_votes, down_votes, age, gender, accent, locale, segment, variant]',
      'DrishtiShrrrma/whisper-finetuning-event-huggingface 4f7340b PEFT/Notebooks/whisper_large_v2_punjabi_100_steps_LoRA_v1.ipynb, cells 7–8: the same two loads with language_abbr = "pa-IN", printed: train (train+validation) 997 rows, test 459 rows, the same twelve features',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'mozilla-foundation/common_voice_17_0',
    configs: {
      or: {
        columns: CV13_COLUMNS.map(unk),
        splits: { train: 2048, validation: 0, test: 696, other: 5550, invalidated: 275, validated: 3161 },
        splitsComplete: generating('mohan696matlab/whisper-finetuning-youtube-serise 3f7a42c part_4_Low_resource_finetuning.ipynb, cell 4 (the first download of config "or": train 2,048, validation 0, test 696, other 5,550, invalidated 275, validated 3,161)'),
      },
    },
    otherConfigs: true,
    evidence: [
      'mohan696matlab/whisper-finetuning-youtube-serise 3f7a42c custom_pytorch_loop_whisper.ipynb, cells 2–3: language_abbr = "or"; load_dataset("mozilla-foundation/common_voice_17_0", language_abbr, split="train+validation") and split="test", then remove_columns(["accent", "age", "client_id", "down_votes", "gender", "locale", "path", "segment", "up_votes", "variant"]) (which raises on a missing column) and print: train 2,048 and test 696 rows, features [audio, sentence] left: the twelve columns client_id, path, audio, sentence, up_votes, down_votes, age, gender, accent, locale, segment, variant',
      'the same repository, part_4_Low_resource_finetuning.ipynb, cell 4: load_dataset("mozilla-foundation/common_voice_17_0", "or", split=["train", "other", "test"]) downloads or_{train,test,other,invalidated,validated}_0.tar and prints one "Generating … split" line per split with its "Reading metadata" count: train 2048, validation 0, test 696, other 5550, invalidated 275, validated 3161; cell 6 prints a train row with client_id, path, audio, sentence, …',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 5, repos: 1 } },
  },
  {
    id: 'open-r1/OpenR1-Math-220k',
    configs: {
      // Names from a filter of the extended config's train split (a filter keeps every column); its size was not read.
      extended: {
        columns: ['problem', 'solution', 'answer', 'problem_type', 'question_type', 'source', 'uuid', 'is_reasoning_complete', 'generations',
          'correctness_math_verify', 'correctness_llama', 'finish_reasons', 'correctness_count', 'messages'].map(unk),
        splits: { train: undefined },
      },
    },
    // The card's configs changed several times (default, extended, all); the default config's columns were not read.
    configsNotRead: ['default'],
    otherConfigs: true,
    evidence: [
      `${NEELECTRIC} filtering_scripts/math_open-r1_tok_filtering.ipynb, cells 5–9: math = load_dataset("open-r1/OpenR1-Math-220k", "extended")["train"], math_filtered = math.filter(filter_long_rows, num_proc=16), print(math_filtered): Dataset({features: [problem, solution, answer, problem_type, question_type, source, uuid, is_reasoning_complete, generations, correctness_math_verify, correctness_llama, finish_reasons, correctness_count, messages], num_rows: 86158}) (rows after the filter)`,
      'config "default": the corpora load it (SmallDoges/small-doge examples/utils/download_ft_datasets.py, and without a config name); no output of it was read, nor its columns',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 4, repos: 3 } },
  },
  {
    id: 'bitext/Bitext-travel-llm-chatbot-training-dataset',
    configs: {
      // Names from a Dataset built from whole rows of train (Dataset.from_list keeps each row's keys); size not read.
      default: { columns: ['instruction', 'intent', 'category', 'tags', 'response'].map(unk), splits: { train: undefined } },
    },
    evidence: [
      'DanniRodrJ/tinyllama_fine_tuning 4940e4b notebooks/development.ipynb, cells 4–5: ds = load_dataset(\'bitext/Bitext-travel-llm-chatbot-training-dataset\', split="train"), rows grouped by record["intent"] and sampled whole, travel_chat_ds = Dataset.from_list(balanced_subset[:50]), print(travel_chat_ds): Dataset({features: [instruction, intent, category, tags, response], num_rows: 50})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'sunhaozhepy/ag_news_keywords_embeddings',
    configs: {
      // train is the printed 112,400 + 7,600 rows of two selects that cover it; "validation is missing" per the notebook, but the
      // loaded DatasetDict itself was not printed, so the list is not marked complete.
      default: { columns: ['text', 'label', 'keywords', 'keywords_embeddings'].map(unk), splits: { train: 120000, test: 7600 } },
    },
    evidence: [
      'andysingal/llm-course 192069e transformers/datasets/process_huggingface_dataset.ipynb, cells 3–4: dataset = load_dataset("sunhaozhepy/ag_news_keywords_embeddings"); "Create a validate set (as it is missing in this dataset)": shuffled = dataset[\'train\'].shuffle(seed=42), validation = shuffled.select(range(7600)), train = shuffled.select(range(7600, len(shuffled))), test = dataset[\'test\'] (unchanged); the printed DatasetDict: train 112,400, validation 7,600, test 7,600 rows, each with features [text, label, keywords, keywords_embeddings]',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ronenlap/SetFitAbsa_FiQA',
    configs: {
      // train was printed; test exists (the notebook indexes it); its size was not read.
      default: { columns: ['sentence', 'aspect', 'polarity', 'ordinal'].map(unk), splits: { train: 670, test: undefined } },
    },
    evidence: [
      'huggingface/setfit 0f8e322 notebooks/setfit-absa-fiqa.ipynb, cells 14–15: dataset = load_dataset("ronenlap/SetFitAbsa_FiQA"), train_ds = dataset["train"], test_ds = dataset["test"], then train_ds printed bare: Dataset({features: [sentence, aspect, polarity, ordinal], num_rows: 670})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'hf-internal-testing/librispeech_asr_dummy',
    configs: {
      clean: {
        columns: LIBRISPEECH_COLUMNS.map(unk),
        splits: { validation: 73 },
        splitsComplete: { by: 'viewer', read: CHECKED, where: 'the Hub viewer of hf-internal-testing/librispeech_asr_dummy (huggingface.co/datasets/hf-internal-testing/librispeech_asr_dummy/viewer): Subset (1) clean, 73 rows; Split (1) validation, 73 rows' },
      },
    },
    evidence: [
      'the Hugging Face audio course (unit 5, "pre-trained models") as copied in code index files 32634420885, 1983938247, 6831539530 and 33353669388: dataset = load_dataset("hf-internal-testing/librispeech_asr_dummy", "clean", split="validation"), then the bare name prints Dataset({features: [file, audio, text, speaker_id, chapter_id, id], num_rows: 73})',
      'the Hub viewer: one subset, clean, and one split, validation (73 rows); the loading script librispeech_asr_dummy.py (commit adce8c1) declares file, audio (Audio, 16 kHz), text, speaker_id, chapter_id among its features',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 8, repos: 5 } },
  },
  {
    id: 'hf-internal-testing/librispeech_asr_demo',
    configs: {
      // Only validation of config clean was printed; other splits and configs were not read.
      clean: { columns: LIBRISPEECH_COLUMNS.map(unk), splits: { validation: 73 } },
    },
    otherConfigs: true,
    evidence: [
      'code index file 6779053314 (a walkthrough of Wav2Vec2 speech recognition): dataset = load_dataset("hf-internal-testing/librispeech_asr_demo", "clean", split="validation"), its output "Reusing dataset librispeech_asr (…/hf-internal-testing___librispeech_asr/clean/2.1.0/…)" and Dataset({features: [file, audio, text, speaker_id, chapter_id, id], num_rows: 73})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 20, repos: 2 } },
  },
  {
    id: 'derek-thomas/dataset-creator-reddit-bestofredditorupdates',
    configs: {
      // A dataset its creator re-scrapes on a schedule: the row count printed then is not written; other splits were not read.
      default: {
        columns: ['id', 'content', 'score', 'date_utc', 'title', 'flair', 'poster', 'permalink', 'new', 'updated'].map(unk),
        splits: { train: undefined },
      },
    },
    evidence: [
      'huggingface/cookbook (regression corpus) notebooks/en/automatic_embedding_tei_inference_endpoints.ipynb, cells 6 and 13: DATASET_IN = \'derek-thomas/dataset-creator-reddit-bestofredditorupdates\'; dataset = load_dataset(DATASET_IN), then dataset[\'train\'] prints Dataset({features: [id, content, score, date_utc, title, flair, poster, permalink, new, updated], num_rows: 10042}); the zh-CN copy of the notebook prints the same',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  // Session 25 (hub25): read the same way in the corpora /tmp/corpora and /tmp/corpora21..38, counted there.
  {
    id: 'nielsr/eurosat-demo',
    configs: {
      default: {
        columns: ['image', 'label'].map(unk),
        splits: { train: 27000 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the whole DatasetDict printed by NielsRogge/Transformers-Tutorials 1140198 (ConvNeXT notebook, cell 26)' },
      },
    },
    evidence: [
      'NielsRogge/Transformers-Tutorials 1140198 (regression corpus) ConvNeXT/Fine_tune_ConvNeXT_for_image_classification.ipynb: cell 19 dataset = load_dataset("nielsr/eurosat-demo"); cells 20–25 read a row and define transforms without applying them; cell 26 dataset prints DatasetDict({train: Dataset({features: [image, label], num_rows: 27000})})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'gaokerena/MF3QA',
    configs: {
      default: {
        columns: ['Question', 'Answer', 'Source'].map(unk),
        splits: { train: 20000, dev: 2000, test: 2000 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the whole DatasetDict printed by lbehradl/MedGemma_fa 5f39d0f8 (finetune/medgemma-finetune.ipynb, cell 1)' },
      },
    },
    evidence: [
      'lbehradl/MedGemma_fa 5f39d0f8 (regression corpus) finetune/medgemma-finetune.ipynb, cell 1: dataset = load_dataset("gaokerena/MF3QA"); print(dataset) prints DatasetDict({train: Dataset({features: [Question, Answer, Source], num_rows: 20000}), dev: … 2000, test: … 2000}), the same three features in each split',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nisaar/Articles_Constitution_3300_Instruction_Set',
    configs: {
      // Only split="train" was printed; other splits were not read.
      default: { columns: ['instruction', 'input', 'output', 'prompt'].map(unk), splits: { train: 3311 } },
    },
    evidence: [
      'ashishpatel26/LLM-Finetuning cf89e05 (regression corpus) 7.FineTune_LLAMA2_with_QLORA.ipynb, cells 6–8: dataset = load_dataset(\'nisaar/Articles_Constitution_3300_Instruction_Set\', split="train"); dataset[1]; print(dataset) prints Dataset({features: [instruction, input, output, prompt], num_rows: 3311})',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'deatos/fineweb-edu-mini-combined',
    configs: {
      // The two splits together hold 2,364,101 rows (the filter's progress bar); each one's size was not printed.
      default: {
        columns: ['text', 'id', 'dump', 'url', 'file_path', 'language', 'language_score', 'token_count', 'score', 'int_score'].map(unk),
        splits: { train: undefined, validation: undefined },
        splitsComplete: generating('JH-lee95/continual-pre-training-rslora bae5fd3 (src/ipynbs/data_preprocessing.ipynb, cell 36: train and validation)'),
      },
    },
    evidence: [
      'JH-lee95/continual-pre-training-rslora bae5fd3 (regression corpus) src/ipynbs/data_preprocessing.ipynb: cell 36 en_ds = load_dataset("deatos/fineweb-edu-mini-combined") prints "Generating train split" and "Generating validation split"; cells 37–40 concatenate the two splits (which needs the same features in both) and filter the result on token_count; cell 42 en_ds_filtered prints Dataset({features: [text, id, dump, url, file_path, language, language_score, token_count, score, int_score], num_rows: 2341329}) (a filter keeps the columns)',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'raquiba/Sarcasm_News_Headline',
    configs: {
      default: {
        columns: ['article_link', 'headline', 'is_sarcastic'].map(unk),
        splits: { train: 28619, test: 26709 },
        splitsComplete: { by: 'printed', read: CHECKED, where: 'the whole DatasetDict printed after a map (which keeps the rows) by andysingal/llm-course 192069e (transformers_2_practice.ipynb, cell 3)' },
      },
    },
    evidence: [
      'andysingal/llm-course 192069e (regression corpus) transformers/classification/transformers_2_practice.ipynb: cell 1 dataset = load_dataset("raquiba/Sarcasm_News_Headline") and pprint(dataset["train"][0]) prints a row of three fields, article_link, headline, is_sarcastic; cell 3 maps the whole DatasetDict to text and label with remove_columns=["headline", "article_link", "is_sarcastic"] and prints DatasetDict({train: Dataset({features: [text, label], num_rows: 28619}), test: … 26709}), so those three were every column',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
];
