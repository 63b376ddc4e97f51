/**
 * trainlint's table of known Hub datasets, its card part: ids the real-script corpora and TRL's own code load that
 * were still missing, added in the table's fifth extension (session 17; docs/corpus.md, "Known Hub datasets, third
 * extension (2026-12-07)"). Same rules as `known-hub-datasets.ts`: every fact was read somewhere and each entry says
 * where. Most were read in the dataset's own card (the `dataset_info` YAML of its README.md, at the commit named, as
 * served by the Hub or a copy of the card), the rest in the script that built and pushed the dataset (TRL's
 * `examples/datasets/` and `scripts/`, huggingface/trl f2cd577). A column's type is written only when the card's
 * features or the building script gave it; a split's size only when the card gave it. Counts in `uses.realScripts`
 * are from the session-17 count over the regression corpora (`load_dataset("<id>"…)` in `.py` files and notebook
 * code cells); `uses.trl` from huggingface/trl f2cd577 (`load_dataset` and `--dataset_name` in `examples/`, `docs/`,
 * `trl/scripts/`).
 */
import type { KnownColumn, KnownHubDataset } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
const MESSAGES = 'list<struct<role: string, content: string>>';

/** huggingface/trl at f2cd577 (v1.9.0+26), whose `examples/datasets/` scripts build the trl-lib datasets. */
const TRL = 'huggingface/trl f2cd577';

const MATH_COLUMNS = ['problem', 'level', 'solution', 'type'].map(str);

const SQUAD_V2 = {
  squad_v2: {
    columns: [str('id'), str('title'), str('context'), str('question'), { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }],
    splits: { train: 130319, validation: 11873 },
  },
};

const ALLOCINE = { allocine: { columns: [str('review'), { name: 'label', type: 'class_label[neg, pos]' }], splits: { train: 160000, validation: 20000, test: 20000 } } };

/** trl-internal-testing/zen: each config TRL's generator pushes, with its columns (train_test_split(test_size=0.1)). */
const ZEN_CONFIGS: Record<string, string[]> = {
  standard_language_modeling: ['text'],
  standard_prompt_only: ['prompt'],
  standard_prompt_completion: ['prompt', 'completion'],
  standard_preference: ['prompt', 'chosen', 'rejected'],
  standard_implicit_prompt_preference: ['chosen', 'rejected'],
  standard_unpaired_preference: ['prompt', 'completion', 'label'],
  standard_stepwise_supervision: ['prompt', 'completions', 'labels'],
  conversational_language_modeling: ['messages'],
  conversational_prompt_only: ['prompt'],
  conversational_prompt_completion: ['prompt', 'completion'],
  conversational_preference: ['prompt', 'chosen', 'rejected'],
  conversational_implicit_prompt_preference: ['chosen', 'rejected'],
  conversational_unpaired_preference: ['prompt', 'completion', 'label'],
};

/** When the evidence of this part was read. */
const CHECKED = '2026-12-07';

/** OpenAssistant's message-tree columns (oasst1 and oasst2 cards). */
const OASST_COLUMNS: KnownColumn[] = [
  ...['message_id', 'parent_id', 'user_id', 'created_date', 'text', 'role', 'lang'].map(str), { name: 'review_count', type: 'int32' },
  { name: 'review_result', type: 'bool' }, { name: 'deleted', type: 'bool' }, { name: 'rank', type: 'int32' }, { name: 'synthetic', type: 'bool' },
  str('model_name'), unk('detoxify'), str('message_tree_id'), str('tree_state'),
  { name: 'emojis', type: 'struct<name: list<string>, count: list<int32>>' }, { name: 'labels', type: 'struct<name: list<string>, value: list<float64>, count: list<int32>>' },
];

const HUMANEVAL = { openai_humaneval: { columns: ['task_id', 'prompt', 'canonical_solution', 'test', 'entry_point'].map(str), splits: { test: 164 } } };

const MMLU_COLUMNS: KnownColumn[] = [str('question'), str('subject'), { name: 'choices', type: 'list<string>' }, { name: 'answer', type: 'class_label[A, B, C, D]' }];

export const CARD_HUB_DATASETS: readonly KnownHubDataset[] = ([
  {
    id: 'OpenAssistant/oasst1',
    configs: {
      default: { columns: OASST_COLUMNS, splits: { train: 84437, validation: 4401 } },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/OpenAssistant/oasst1 README.md at c267a21 (and the same features and splits at 670f5bc, 12c7304 and e667bbc): 18 features from message_id to labels, train 84437 and validation 4401 examples'],
    uses: { realScripts: { calls: 2, repos: 2 }, codeIndex: 7 },
  },
  {
    id: 'DigitalLearningGmbH/MATH-lighteval',
    configs: {
      default: { columns: MATH_COLUMNS, splits: { train: 7500, test: 5000 } },
      algebra: { columns: MATH_COLUMNS, splits: { train: 1744, test: 1187 } },
      counting_and_probability: { columns: MATH_COLUMNS, splits: { train: 771, test: 474 } },
    },
    otherConfigs: true,
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/DigitalLearningGmbH/MATH-lighteval README.md at 0530c78 (main, as served by a Hub mirror): configs algebra (train 1744, test 1187), counting_and_probability (771, 474), default (7500, 5000), geometry and more (not read), each with problem, level, solution, type strings'],
    uses: { realScripts: { calls: 15, repos: 1 } },
  },
  {
    id: 'squad_v2',
    configs: SQUAD_V2,
    evidence: [
      'TensorFlow Datasets community catalog, huggingface:squad_v2/squad_v2 (tensorflow.org/datasets/community_catalog/huggingface/squad_v2): features id, title, context, question Value string, answers Sequence of {text: string, answer_start: int32}; splits train 130319, validation 11873',
      'dataset card dataset_info YAML of rajpurkar/squad_v2 (its Hub name), README.md at d7df8e6: config squad_v2 (default: true), the same features and sizes',
    ],
    uses: { realScripts: { calls: 6, repos: 3 } },
  },
  {
    id: 'rajpurkar/squad_v2',
    configs: SQUAD_V2,
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/rajpurkar/squad_v2 README.md at d7df8e6: config squad_v2 (default: true), id, title, context, question strings, answers a sequence of {text: string, answer_start: int32}; train 130319, validation 11873'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'allocine',
    configs: ALLOCINE,
    evidence: ['dataset card dataset_info YAML as shown at huggingface.co/datasets/allocine/blob/main/README.md (a4654f4, "Convert dataset to Parquet"): config allocine (default: true), review string, label ClassLabel(neg, pos); train 160000, validation 20000, test 20000'],
    uses: { realScripts: { calls: 10, repos: 1 } },
  },
  {
    id: 'tblard/allocine',
    configs: ALLOCINE,
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/tblard/allocine README.md at a4654f4 (as served by a Hub mirror): config allocine (default: true), review string, label ClassLabel(neg, pos); train 160000, validation 20000, test 20000'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'trl-internal-testing/zen',
    configs: Object.fromEntries(Object.entries(ZEN_CONFIGS).map(([name, cols]) => [name, { columns: cols.map(unk), splits: { train: undefined, test: undefined } }])),
    evidence: [`the script that builds it, ${TRL} scripts/generate_zen_dataset.py: for each of 13 configs a Dataset.from_dict of the columns listed, train_test_split(test_size=0.1), push_to_hub(config_name=…)`],
    uses: { trl: 2, realScripts: { calls: 425, repos: 2 } },
  },
  {
    id: 'trl-lib/tldr-preference',
    configs: { default: { columns: [str('prompt'), unk('chosen'), unk('rejected')], splits: { train: undefined, validation: undefined } } },
    evidence: [
      `the script that builds it, ${TRL} examples/datasets/tldr_preference.py: openai/summarize_from_feedback "comparisons" mapped to {"prompt" (an f-string), "chosen", "rejected"} removing info, summaries, choice, worker, batch, split, extra; the model card it pushes lists those three columns`,
      'file list of huggingface.co/datasets/trl-lib/tldr-preference/tree/main/data (6f3679c): train-00000-of-00001.parquet and validation-00000-of-00001.parquet',
    ],
    uses: { realScripts: { calls: 1, repos: 1 }, codeIndex: 10 },
  },
  {
    id: 'trl-lib/ultrafeedback-gpt-3.5-turbo-helpfulness',
    configs: { default: { columns: [{ name: 'prompt', type: MESSAGES }, { name: 'completion', type: MESSAGES }, { name: 'label', type: 'bool' }], splits: { train: undefined, test: undefined } } },
    evidence: [`the script that builds it, ${TRL} examples/datasets/ultrafeedback.py: openbmb/UltraFeedback mapped to {"prompt": [{"role", "content"}], "completion": [{"role", "content"}], "label": score >= 5} removing the six source columns, then train_test_split(test_size=0.05)`],
    uses: { trl: 2 },
  },
  ...([
    ['trl-internal-testing/zen-image', 'generate_zen_image_dataset.py', 'image', 'image', 33, ['conversational_language_modeling', 'conversational_prompt_only', 'conversational_prompt_completion', 'conversational_preference', 'conversational_implicit_prompt_preference', 'conversational_unpaired_preference']],
    ['trl-internal-testing/zen-multi-image', 'generate_zen_multi_image_dataset.py', 'images', 'list<image>', 3, ['conversational_language_modeling', 'conversational_prompt_only', 'conversational_prompt_completion', 'conversational_preference', 'conversational_unpaired_preference']],
  ] as const).map(([id, script, imageColumn, imageType, calls, configs]): KnownHubDataset => ({
    id,
    configs: Object.fromEntries(configs.map((name) => [name, {
      columns: [...ZEN_CONFIGS[name].map((c) => (c === 'label' ? { name: c, type: 'bool' } : unk(c))), { name: imageColumn, type: imageType }],
      splits: { train: undefined, test: undefined },
    }])),
    evidence: [`the script that builds it, ${TRL} scripts/${script}: for each of its ${configs.length} configs a Dataset.from_dict with Features of the message columns, ${imageColumn === 'image' ? 'image=Image()' : 'images=List(Image())'} (and label=Value("bool") in the unpaired preference one), train_test_split(test_size=0.1), push_to_hub(config_name=…)`],
    uses: { realScripts: { calls, repos: 1 } },
  })),
  {
    id: 'trl-internal-testing/toolcall',
    configs: { language_modeling: { columns: ['messages', 'tools'].map(unk), splits: { train: undefined, test: undefined } }, preference: { columns: ['prompt', 'chosen', 'rejected', 'tools'].map(unk), splits: { train: undefined, test: undefined } } },
    evidence: [`the script that builds it, ${TRL} scripts/generate_toolcall_dataset.py: configs language_modeling (messages, tools) and preference (prompt, chosen, rejected, tools), each train_test_split(test_size=0.1) and pushed with config_name=…`],
    uses: { realScripts: { calls: 6, repos: 1 } },
  },
  {
    id: 'trl-internal-testing/harmony',
    configs: {
      language_modeling: { columns: ['messages', 'chat_template_kwargs'].map(unk), splits: { train: undefined, test: undefined } },
      prompt_completion: { columns: ['prompt', 'completion', 'chat_template_kwargs'].map(unk), splits: { train: undefined, test: undefined } },
      preference: { columns: ['prompt', 'chosen', 'rejected', 'chat_template_kwargs'].map(unk), splits: { train: undefined, test: undefined } },
    },
    evidence: [`the script that builds it, ${TRL} scripts/generate_harmony_dataset.py: configs language_modeling, prompt_completion and preference, each with its columns and chat_template_kwargs, train_test_split(test_size=0.1), pushed with config_name=…`],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'poem_sentiment',
    configs: { default: { columns: [unk('id'), str('verse_text'), unk('label')], splits: { train: 892, validation: 105, test: 104 } } },
    evidence: ['dataset card as shown at huggingface.co/datasets/poem_sentiment: Data Fields id, verse_text (the text of the verse), label (0 negative, 1 positive, 2 no impact, 3 mixed); an instance {"id": 0, "label": 2, "verse_text": "…"}; Data Splits train 892, validation 105, test 104'],
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'ybelkada/english_quotes_copy',
    configs: { default: { columns: [str('quote'), str('author'), { name: 'tags', type: 'list<string>' }], splits: { train: 2508 } } },
    evidence: ['dataset card dataset_info YAML of ybelkada/english_quotes_copy (c424633): quote, author string, tags sequence of string; train 2508 examples (read for the Abirate/english_quotes entry, 2026-12-06)'],
    uses: { realScripts: { calls: 19, repos: 4 } },
  },
  {
    id: 'OpenAssistant/oasst2',
    configs: { default: { columns: OASST_COLUMNS, splits: { train: 128575, validation: 6599 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/OpenAssistant/oasst2 README.md at 1e678c3 and 179dd21 (main): the 18 features of oasst1 (message_id … labels), train 128575 and validation 6599 examples'],
    uses: { codeIndex: 10 },
  },
  ...([
    ['openai_humaneval', 'dataset card dataset_info YAML as shown at huggingface.co/datasets/openai_humaneval/blob/main/README.md (7dce605, "Convert dataset to Parquet"): config openai_humaneval (default: true), task_id, prompt, canonical_solution, test, entry_point strings; test 164; the card prints load_dataset("openai_humaneval") as DatasetDict test with those features, num_rows 164', 9],
    ['openai/openai_humaneval', 'dataset card dataset_info YAML, huggingface.co/datasets/openai/openai_humaneval README.md at 7dce605 (as served by a Hub mirror) and d009b64: config openai_humaneval (default: true), the five string features, test 164', 10],
  ] as const).map(([id, evidence, files]): KnownHubDataset => ({ id, configs: HUMANEVAL, evidence: [evidence], uses: { ...(id === 'openai_humaneval' ? { realScripts: { calls: 1, repos: 1 } } : {}), codeIndex: files } })),
  {
    id: 'cais/mmlu',
    configs: {
      all: { columns: MMLU_COLUMNS, splits: { test: 14042, validation: 1531, dev: 285, auxiliary_train: 99842 } },
      abstract_algebra: { columns: MMLU_COLUMNS, splits: { test: 100, validation: 11, dev: 5 } },
      anatomy: { columns: MMLU_COLUMNS, splits: { test: 135, validation: 14, dev: 5 } },
    },
    otherConfigs: true,
    evidence: ['dataset card dataset_info YAML of cais/mmlu as quoted whole on a public page (japhmed2021.com/d6cc23a26f1b3eb5/cb98c327035c33f0.html): configs abstract_algebra (test 100, validation 11, dev 5), all (test 14042, validation 1531, dev 285, auxiliary_train 99842), anatomy (135, 14, 5) and the other subjects (not read), each question, subject strings, choices a sequence of strings, answer ClassLabel(A, B, C, D)'],
    uses: { realScripts: { calls: 8, repos: 4 }, codeIndex: 10 },
  },
  {
    id: 'mosaicml/dolly_hhrlhf',
    configs: { default: { columns: [str('prompt'), str('response')], splits: { train: 59310, test: 5129 } } },
    evidence: ['dataset card dataset_info YAML of mosaicml/dolly_hhrlhf as quoted on selectdataset.com (mosaicml/dolly_hhrlhf): prompt, response strings; train 59310, test 5129 examples; the card: 14,814 dolly rows and 44,496 filtered HH-RLHF rows in train'],
    uses: { realScripts: { calls: 1, repos: 1 }, codeIndex: 10 },
  },
  {
    id: 'nvidia/HelpSteer2',
    configs: { default: { columns: [str('prompt'), str('response'), ...['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'].map((name) => ({ name, type: 'int32' }))], splits: { train: 20324, validation: 1038 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/nvidia/HelpSteer2 README.md at 791f765 (main): prompt, response strings, helpfulness, correctness, coherence, complexity, verbosity int32; train 20324, validation 1038 (the card: load_dataset("nvidia/HelpSteer2"), len(train) = 20324, len(val) = 1038); the preference files load with data_dir="preference", which the table does not answer'],
    uses: { realScripts: { calls: 1, repos: 1 }, codeIndex: 10 },
  },
  {
    id: 'stanfordnlp/sst2',
    configs: { default: { columns: [{ name: 'idx', type: 'int32' }, str('sentence'), { name: 'label', type: 'class_label[negative, positive]' }], splits: { train: 67349, validation: 872, test: 1821 } } },
    evidence: ['dataset card dataset_info YAML of stanfordnlp/sst2 as quoted on selectdataset.com (updated 2024-01-04): idx int32, sentence string, label ClassLabel(negative, positive); train 67349, validation 872, test 1821 examples; config default with train, validation and test data files'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  // sentence-transformers/stsb moved to known-hub-card-metadata.ts (session 23: its card's dataset_info gives every split).
  // Read in the printed outputs of notebooks of the session-17 regression corpora (the repository at the commit named).
  {
    id: 'keivalya/MedQuad-MedicalQnADataset',
    configs: { default: { columns: ['qtype', 'Question', 'Answer'].map(str), splits: { train: 16407 } } },
    evidence: ['printed load_dataset("keivalya/MedQuad-MedicalQnADataset", split="train") and its first row in fayazhussain2821/llm-finetuning-medqa 5b99e812 (notebooks/original/Training.ipynb): features qtype, Question, Answer; num_rows 16407; each value a string (the same features in brevdev/notebooks e5f0cab2 biomistral-finetune.ipynb after a train_test_split)'],
    uses: { realScripts: { calls: 13, repos: 5 } },
  },
  {
    id: 'TokenBender/code_instructions_122k_alpaca_style',
    configs: { default: { columns: ['instruction', 'output', 'input', 'text'].map(unk), splits: { train: 121959 } } },
    evidence: ['printed load_dataset("TokenBender/code_instructions_122k_alpaca_style", split="train") in adithya-s-k/AI-Engineering.academy 098da380 (archives/Finetuning/Mixtral_finetuning_notebook.ipynb and Mistral_finetuning_notebook.ipynb): features instruction, output, input, text (in two orders: the repository was re-uploaded); num_rows 121959'],
    uses: { realScripts: { calls: 11, repos: 1 } },
  },
  {
    id: 'shawhin/phishing-site-classification',
    configs: { default: { columns: ['text', 'labels'].map(unk), splits: { train: 2100, validation: 450, test: 450 } } },
    evidence: ['printed load_dataset("shawhin/phishing-site-classification") in ShawhinT/YouTube-Blog 659a4a7a (LLMs/model-compression/0_train-teacher.ipynb, 2_quantize_model.ipynb): DatasetDict train 2100, validation 450, test 450, features text, labels'],
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'gem/viggo',
    configs: { default: { columns: ['gem_id', 'meaning_representation', 'target', 'references'].map(unk), splits: { train: 5103, validation: 714, test: 1083 } } },
    evidence: ["printed load_dataset('gem/viggo', split=…) for train, validation and test in brevdev/notebooks e5f0cab2 (phi2-finetune.ipynb and more): features gem_id, meaning_representation, target, references; num_rows 5103, 714, 1083"],
    uses: { realScripts: { calls: 12, repos: 1 } },
  },
  {
    id: 'dvgodoy/yoda_sentences',
    configs: { default: { columns: ['sentence', 'translation', 'translation_extra'].map(str), splits: { train: 720 } } },
    evidence: ['printed load_dataset("dvgodoy/yoda_sentences", split="train") and its first row in dvgodoy/FineTuningLLMs a4dd5125 (Chapter0.ipynb): features sentence, translation, translation_extra; num_rows 720; each value a string'],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'Salesforce/xlam-function-calling-60k',
    configs: { default: { columns: [str('answers'), unk('id'), str('query'), str('tools')], splits: { train: undefined } } },
    evidence: ['printed dataset["train"][0] of load_dataset("Salesforce/xlam-function-calling-60k") in NVIDIA/GenerativeAIExamples 401cb446 (nemo/data-flywheel/tool-calling/1_data_preparation.ipynb): the whole row {answers: a JSON string, id: 0, query: a string, tools: a JSON string}; split train (its size not printed)'],
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'emotion',
    // Read only as loaded without a config name, like dair-ai/emotion.
    configs: { default: { columns: [unk('text'), unk('label')], splits: { train: 16000, validation: 2000, test: 2000 } } },
    evidence: ["printed load_dataset('emotion') in rohan-paul/LLM-FineTuning-Large-Language-Models 545d5264 (Other-Language_Models_BERT_related/Text_Analytics_of_Tweet_Emotion_EDA_with_Plotly.ipynb): DatasetDict train 16000, validation 2000, test 2000, features text, label"],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'super_glue',
    configs: {
      copa: {
        columns: [...['premise', 'choice1', 'choice2', 'question'].map(str), { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[choice1, choice2]' }],
        splits: { train: 400, validation: 100, test: 500 },
      },
      cb: {
        columns: [str('premise'), str('hypothesis'), { name: 'idx', type: 'int32' }, { name: 'label', type: 'class_label[entailment, contradiction, neutral]' }],
        splits: { train: 250, validation: 56, test: 250 },
      },
    },
    otherConfigs: true,
    evidence: ['printed num_rows and train features of load_dataset("super_glue", "copa") and ("super_glue", "cb") in adapter-hub/adapters 88f18ebd (notebooks/04_Cross_Lingual_Transfer.ipynb, 03_Adapter_Fusion.ipynb): copa train 400, validation 100, test 500, premise, choice1, choice2, question Value(string), idx Value(int32), label ClassLabel(choice1, choice2); cb 250, 56, 250, premise, hypothesis, idx, label ClassLabel(entailment, contradiction, neutral); the other configs not read'],
    uses: { realScripts: { calls: 10, repos: 3 } },
  },
  {
    id: 'yitingxie/rlhf-reward-datasets',
    configs: { default: { columns: ['prompt', 'chosen', 'rejected'].map(unk), splits: { train: 76256, test: 5103 } } },
    evidence: ["printed load_dataset('yitingxie/rlhf-reward-datasets') in beyondguo/LLM-Tuning 73e6bd55 (RLHF/things.ipynb): DatasetDict train 76256, test 5103, features prompt, chosen, rejected"],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'Amod/mental_health_counseling_conversations',
    configs: { default: { columns: ['Context', 'Response'].map(unk), splits: { train: 3512 } } },
    evidence: ['printed load_dataset("Amod/mental_health_counseling_conversations", split="train") in andysingal/llm-course 192069e2 (llama_finetune/phi2 ft.ipynb): features Context, Response; num_rows 3512'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'CognitiveLab/hh-rlhf-formatted',
    configs: { default: { columns: ['chosen', 'rejected'].map(unk), splits: { train: 160800 } } },
    evidence: ['printed load_dataset("CognitiveLab/hh-rlhf-formatted", split="train") in adithya-s-k/AI-Engineering.academy 098da380 (archives/DataPrep/ambari/DPO_formate.ipynb): features chosen, rejected; num_rows 160800 (other splits not read)'],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'lavita/AlpaCare-MedInstruct-52k',
    configs: { default: { columns: ['output', 'input', 'instruction'].map(unk), splits: { train: 52002 } } },
    evidence: ['printed load_dataset("lavita/AlpaCare-MedInstruct-52k") in bhagyashree904/AlpaCare-Medical-Assistant 27d5acf4 (colab_finetune.ipynb): DatasetDict train 52002 only, features output, input, instruction'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'virattt/financial-qa-10K',
    configs: { default: { columns: ['question', 'answer', 'context', 'ticker', 'filing'].map(unk), splits: { train: 7000 } } },
    evidence: ['printed load_dataset("virattt/financial-qa-10K", split="train") in FlagOpen/FlagEmbedding 7ed43d67 (Tutorials/7_Fine-tuning/7.1.1_Data_preparation.ipynb, docs/source/tutorial/7_Finetuning/7.1.1.ipynb): features question, answer, context, ticker, filing; num_rows 7000'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'bigcode/self-oss-instruct-sc2-exec-filter-50k',
    configs: { default: { columns: ['fingerprint', 'sha1', 'seed', 'response', 'concepts', 'prompt', 'instruction', 'id'].map(unk), splits: { train: undefined } } },
    evidence: ['printed load_dataset("bigcode/self-oss-instruct-sc2-exec-filter-50k", split="train[:3]") in huggingface/cookbook ed2c6467 (notebooks/en/enterprise_cookbook_argilla.ipynb): features fingerprint, sha1, seed, response, concepts, prompt, instruction, id; num_rows 3 (the whole train size not printed)'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'kaxap/pg-wikiSQL-sql-instructions-80k',
    configs: { default: { columns: ['question', 'create_table_statement', 'sql_query', 'wiki_sql_table_id'].map(unk), splits: { train: 56312, validation: 8411, test: 15871 } } },
    evidence: ['printed load_dataset("kaxap/pg-wikiSQL-sql-instructions-80k", split="train") after a filter and select(range(1000)) (which keep the columns) in adityas2410/sql-instruct-qlora-llm 8e899d93 (peft_qlora_llm_instruct.ipynb): features question, create_table_statement, sql_query, wiki_sql_table_id', 'the same cell\'s download lines (session 19): "Generating train split: 0/56312", "Generating validation split: 0/8411", "Generating test split: 0/15871" after train.csv, dev.csv and test.csv'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'jfleg',
    configs: { default: { columns: ['sentence', 'corrections'].map(unk), splits: { validation: 755, test: 748 } } },
    evidence: ['printed load_dataset("jfleg", split="validation[:]") and split="test[:]" in meta-llama/llama-cookbook 0e003351 (src/llama_cookbook/datasets/grammar_dataset/grammar_dataset_process.ipynb): features sentence, corrections; num_rows 755 and 748'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'Vaibhaav/alignment-instructions',
    configs: { default: { columns: ['Accepted Response', 'Rejected Response', 'Instruction generated', 'Prompt'].map(str), splits: { train: 50001 } } },
    evidence: ['printed load_dataset("Vaibhaav/alignment-instructions"), its column_names and features in kapilw25/finetuning_evaluation 4c1df2be (Legacy_code/Finetuned_file.ipynb): DatasetDict train 50001 only; Accepted Response, Rejected Response, Instruction generated, Prompt, each Value(string)'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'SetFit/ag_news',
    configs: { default: { columns: [str('text'), { name: 'label', type: 'int64' }, str('label_text')], splits: { train: undefined } } },
    evidence: ['printed load_dataset("SetFit/ag_news", split="train").features in huggingface/notebooks 5068b114 (course/en/chapter10/section3.ipynb): text Value(string), label Value(int64), label_text Value(string) (the train size not printed)'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'app_reviews',
    configs: { default: { columns: ['package_name', 'review', 'date', 'star'].map(unk), splits: { train: 288065 } } },
    evidence: ["printed the train split of load_dataset('app_reviews') in andysingal/llm-course 192069e2 (transformers/classification/classification_bert.ipynb): features package_name, review, date, star; num_rows 288065"],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'sciq',
    configs: { default: { columns: ['question', 'distractor3', 'distractor1', 'distractor2', 'correct_answer', 'support'].map(unk), splits: { train: 11679, validation: 1000, test: 1000 } } },
    evidence: ['printed load_dataset("sciq") in andysingal/llm-course 192069e2 (RAG/Advanced_RAG (1).ipynb): DatasetDict train 11679, validation 1000, test 1000, features question, distractor3, distractor1, distractor2, correct_answer, support'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'nisaar/LLAMA2_Legal_Dataset_4.4k_Instructions',
    configs: { default: { columns: ['instruction', 'input', 'output', 'prompt', 'text'].map(str), splits: { train: 4394 } } },
    evidence: ['printed load_dataset("nisaar/LLAMA2_Legal_Dataset_4.4k_Instructions") and two rows in donwany/llm-ai-book b3da1319 (05/03_together_ai_finetune_law_example.ipynb): DatasetDict train 4394 only, features instruction, input, output, prompt, text; each value a string'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ronal999/finance-alpaca-demo',
    configs: { default: { columns: ['text', 'instruction', 'input', 'output', 'prompt'].map(unk), splits: { train: undefined } } },
    evidence: ['printed load_dataset("ronal999/finance-alpaca-demo", split=\'train\').shard(num_shards=6, index=0) in Crossme0809/frenzyTechAI 92144426 (autotrain notebook): features text, instruction, input, output, prompt (a shard keeps the columns; the train size not printed)'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'xlangai/spider',
    configs: { default: { columns: [str('db_id'), str('query'), str('question'), { name: 'query_toks', type: 'list<string>' }, { name: 'query_toks_no_value', type: 'list<string>' }, { name: 'question_toks', type: 'list<string>' }], splits: { train: 7000, validation: 1034 } } },
    evidence: ['splits: the spider loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/spider/, the dataset moved to the Hub as xlangai/spider): train 7000, validation 1034 (session 18)', 'printed data["train"][0] of load_dataset("xlangai/spider") in google-gemini/gemma-cookbook e119e3d2 (CodeGemma/[CodeGemma_1]Finetune_with_SQL.ipynb): the whole row, db_id, query, question strings and query_toks, query_toks_no_value, question_toks lists of strings (the other splits not printed)'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  // Session 18 (2026-12-07; docs/corpus.md, "Known Hub datasets, fourth extension").
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
] as KnownHubDataset[]).map((d) => ({ ...d, checked: CHECKED }));
