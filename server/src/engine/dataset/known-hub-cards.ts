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
    uses: { realScripts: { calls: 33, repos: 1 } },
  },
  {
    id: 'OpenAssistant/oasst1',
    configs: {
      default: { columns: OASST_COLUMNS, splits: { train: 84437, validation: 4401 } },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/OpenAssistant/oasst1 README.md at c267a21 (and the same features and splits at 670f5bc, 12c7304 and e667bbc): 18 features from message_id to labels, train 84437 and validation 4401 examples'],
    uses: { realScripts: { calls: 1, repos: 1 }, codeIndex: 7 },
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
    uses: { realScripts: { calls: 20, repos: 4 } },
  },
  {
    id: 'squad_v2',
    configs: SQUAD_V2,
    evidence: [
      'TensorFlow Datasets community catalog, huggingface:squad_v2/squad_v2 (tensorflow.org/datasets/community_catalog/huggingface/squad_v2): features id, title, context, question Value string, answers Sequence of {text: string, answer_start: int32}; splits train 130319, validation 11873',
      'dataset card dataset_info YAML of rajpurkar/squad_v2 (its Hub name), README.md at d7df8e6: config squad_v2 (default: true), the same features and sizes',
    ],
    uses: { realScripts: { calls: 4, repos: 2 } },
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
    id: 'lj_speech',
    configs: { main: { columns: [str('id'), { name: 'audio', type: 'audio' }, str('file'), str('text'), str('normalized_text')], splits: { train: 13100 } } },
    evidence: [
      'dataset card dataset_info YAML of keithito/lj_speech (the Hub name of lj_speech), README.md at aa96d9a and 7611c36: config main (its only one), id string, audio Audio(22050), file, text, normalized_text strings; train 13100 examples',
      'the card as served at huggingface.co/datasets/lj_speech: "13,100 short audio clips", a data point with id, file, audio, text and normalized_text',
    ],
    uses: { realScripts: { calls: 28, repos: 1 } },
  },
  {
    id: 'trl-internal-testing/zen',
    configs: Object.fromEntries(Object.entries(ZEN_CONFIGS).map(([name, cols]) => [name, { columns: cols.map(unk), splits: { train: undefined, test: undefined } }])),
    evidence: [`the script that builds it, ${TRL} scripts/generate_zen_dataset.py: for each of 13 configs a Dataset.from_dict of the columns listed, train_test_split(test_size=0.1), push_to_hub(config_name=…)`],
    uses: { trl: 2, realScripts: { calls: 421, repos: 1 } },
  },
  {
    id: 'trl-lib/tldr-preference',
    configs: { default: { columns: [str('prompt'), unk('chosen'), unk('rejected')], splits: { train: undefined, validation: undefined } } },
    evidence: [
      `the script that builds it, ${TRL} examples/datasets/tldr_preference.py: openai/summarize_from_feedback "comparisons" mapped to {"prompt" (an f-string), "chosen", "rejected"} removing info, summaries, choice, worker, batch, split, extra; the model card it pushes lists those three columns`,
      'file list of huggingface.co/datasets/trl-lib/tldr-preference/tree/main/data (6f3679c): train-00000-of-00001.parquet and validation-00000-of-00001.parquet',
    ],
    uses: { codeIndex: 10 },
  },
  {
    id: 'trl-lib/ultrafeedback-gpt-3.5-turbo-helpfulness',
    configs: { default: { columns: [{ name: 'prompt', type: MESSAGES }, { name: 'completion', type: MESSAGES }, { name: 'label', type: 'bool' }], splits: { train: undefined, test: undefined } } },
    evidence: [`the script that builds it, ${TRL} examples/datasets/ultrafeedback.py: openbmb/UltraFeedback mapped to {"prompt": [{"role", "content"}], "completion": [{"role", "content"}], "label": score >= 5} removing the six source columns, then train_test_split(test_size=0.05)`],
    uses: { trl: 2 },
  },
  ...([
    ['trl-internal-testing/zen-image', 'generate_zen_image_dataset.py', 'image', 'image', ['conversational_language_modeling', 'conversational_prompt_only', 'conversational_prompt_completion', 'conversational_preference', 'conversational_implicit_prompt_preference', 'conversational_unpaired_preference']],
    ['trl-internal-testing/zen-multi-image', 'generate_zen_multi_image_dataset.py', 'images', 'list<image>', ['conversational_language_modeling', 'conversational_prompt_only', 'conversational_prompt_completion', 'conversational_preference', 'conversational_unpaired_preference']],
  ] as const).map(([id, script, imageColumn, imageType, configs]): KnownHubDataset => ({
    id,
    configs: Object.fromEntries(configs.map((name) => [name, {
      columns: [...ZEN_CONFIGS[name].map((c) => (c === 'label' ? { name: c, type: 'bool' } : unk(c))), { name: imageColumn, type: imageType }],
      splits: { train: undefined, test: undefined },
    }])),
    evidence: [`the script that builds it, ${TRL} scripts/${script}: for each of its ${configs.length} configs a Dataset.from_dict with Features of the message columns, ${imageColumn === 'image' ? 'image=Image()' : 'images=List(Image())'} (and label=Value("bool") in the unpaired preference one), train_test_split(test_size=0.1), push_to_hub(config_name=…)`],
    uses: { realScripts: { calls: 1, repos: 1 } },
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
    id: 'cifar10',
    configs: { plain_text: { columns: [{ name: 'img', type: 'image' }, { name: 'label', type: 'class_label[airplane, automobile, bird, cat, deer, dog, frog, horse, … (10)]' }], splits: { train: 50000, test: 10000 } } },
    evidence: ['dataset card dataset_info YAML as shown at huggingface.co/datasets/cifar10/blob/main/README.md (0b27149, "Convert dataset to Parquet"): config plain_text (default: true), img Image, label ClassLabel(airplane … truck, 10 names); train 50000, test 10000'],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'poem_sentiment',
    configs: { default: { columns: [unk('id'), str('verse_text'), unk('label')], splits: { train: 892, validation: 105, test: 104 } } },
    evidence: ['dataset card as shown at huggingface.co/datasets/poem_sentiment: Data Fields id, verse_text (the text of the verse), label (0 negative, 1 positive, 2 no impact, 3 mixed); an instance {"id": 0, "label": 2, "verse_text": "…"}; Data Splits train 892, validation 105, test 104'],
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'allenai/ai2_arc',
    configs: Object.fromEntries(([['ARC-Challenge', 1119, 1172, 299], ['ARC-Easy', 2251, 2376, 570]] as const).map(([name, train, test, validation]) => [name, {
      columns: [str('id'), str('question'), { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, str('answerKey')],
      splits: { train, test, validation },
    }])),
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/allenai/ai2_arc README.md at e41544f: configs ARC-Challenge (train 1119, test 1172, validation 299) and ARC-Easy (2251, 2376, 570), each id, question strings, choices a sequence of {text, label} strings, answerKey string'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'ybelkada/english_quotes_copy',
    configs: { default: { columns: [str('quote'), str('author'), { name: 'tags', type: 'list<string>' }], splits: { train: 2508 } } },
    evidence: ['dataset card dataset_info YAML of ybelkada/english_quotes_copy (c424633): quote, author string, tags sequence of string; train 2508 examples (read for the Abirate/english_quotes entry, 2026-12-06)'],
    uses: { realScripts: { calls: 11, repos: 2 } },
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
  ] as const).map(([id, evidence, files]): KnownHubDataset => ({ id, configs: HUMANEVAL, evidence: [evidence], uses: { codeIndex: files } })),
  {
    id: 'cais/mmlu',
    configs: {
      all: { columns: MMLU_COLUMNS, splits: { test: 14042, validation: 1531, dev: 285, auxiliary_train: 99842 } },
      abstract_algebra: { columns: MMLU_COLUMNS, splits: { test: 100, validation: 11, dev: 5 } },
      anatomy: { columns: MMLU_COLUMNS, splits: { test: 135, validation: 14, dev: 5 } },
    },
    otherConfigs: true,
    evidence: ['dataset card dataset_info YAML of cais/mmlu as quoted whole on a public page (japhmed2021.com/d6cc23a26f1b3eb5/cb98c327035c33f0.html): configs abstract_algebra (test 100, validation 11, dev 5), all (test 14042, validation 1531, dev 285, auxiliary_train 99842), anatomy (135, 14, 5) and the other subjects (not read), each question, subject strings, choices a sequence of strings, answer ClassLabel(A, B, C, D)'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'mosaicml/dolly_hhrlhf',
    configs: { default: { columns: [str('prompt'), str('response')], splits: { train: 59310, test: 5129 } } },
    evidence: ['dataset card dataset_info YAML of mosaicml/dolly_hhrlhf as quoted on selectdataset.com (mosaicml/dolly_hhrlhf): prompt, response strings; train 59310, test 5129 examples; the card: 14,814 dolly rows and 44,496 filtered HH-RLHF rows in train'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'nvidia/HelpSteer2',
    configs: { default: { columns: [str('prompt'), str('response'), ...['helpfulness', 'correctness', 'coherence', 'complexity', 'verbosity'].map((name) => ({ name, type: 'int32' }))], splits: { train: 20324, validation: 1038 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/nvidia/HelpSteer2 README.md at 791f765 (main): prompt, response strings, helpfulness, correctness, coherence, complexity, verbosity int32; train 20324, validation 1038 (the card: load_dataset("nvidia/HelpSteer2"), len(train) = 20324, len(val) = 1038); the preference files load with data_dir="preference", which the table does not answer'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'Maxwell-Jia/AIME_2024',
    configs: { default: { columns: [str('ID'), str('Problem'), str('Solution'), { name: 'Answer', type: 'int64' }], splits: { train: 30 } } },
    evidence: ['printed load_dataset("Maxwell-Jia/AIME_2024") and its features in anonx3247/math-reasoner (a notebook exported to its README, as stored): "Generating train split: 30 examples", train split size 30, ID, Problem, Solution Value(string), Answer Value(int64)'],
    uses: { codeIndex: 10 },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: CHECKED }));
