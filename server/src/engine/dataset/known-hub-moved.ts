/**
 * trainlint's table of known Hub datasets, its part for the canonical datasets the Hub moved under a namespace (session
 * 19, 2026-12-07; docs/corpus.md, "Known Hub datasets, fifth extension"): `load_dataset("google/boolq")` is the boolq
 * whose loading script and `dataset_infos.json` lived in huggingface/datasets until 2.5.2, as `known-hub-loading-scripts.ts`
 * reads them. Each entry's features, split sizes and whole split list come from that `dataset_infos.json`, and its second
 * piece of evidence is the Hub page that shows the namespaced repository is that dataset: the datasets library's own
 * "Update files from the datasets library (from 1.x)" commits in its history, files of the same size, or the viewer's
 * configs and split sizes. A config the Hub copy may default to is not written unless read (allenai/openbookqa).
 * Counts in `uses.realScripts` are from the session-18 regression corpora. Session 26 (2026-12-07, docs/corpus.md "Session 26 —
 * hub26") added Stanford/wikitablequestions, uoft-cs/cifar10, cardiffnlp/tweet_eval, google-research-datasets/mbpp,
 * facebook/empathetic_dialogues, Samsung/samsum and takala/financial_phrasebank, counted
 * in the session-26 corpora (/tmp/corpora and /tmp/corpora21..41). Session 27 (2026-12-08, docs/corpus.md "Session 27 — hub27")
 * added Skylion007/openwebtext, alexfabbri/multi_news, google-research-datasets/nq_open, mandarjoshi/trivia_qa,
 * qiaojin/PubMedQA, mutiyama/alt and facebook/mlqa, counted in /tmp/corpora and /tmp/corpora21..47.
 */
import type { KnownColumn, KnownConfig, KnownHubDataset } from './known-hub-lookup';
import { DATASETS, SCRIPT } from './known-hub-loading-scripts';

const MOVED_BEFORE_27: readonly KnownHubDataset[] = ([
  {
    id: 'google/boolq',
    configs: {
      default: { columns: [{ name: 'question', type: 'string' }, { name: 'answer', type: 'bool' }, { name: 'passage', type: 'string' }], splits: { train: 9427, validation: 3270 }, splitsComplete: SCRIPT },
    },
    evidence: [`the boolq loading script and its dataset_infos.json in ${DATASETS} (datasets/boolq/): 1 config; config default: question, answer, passage; train 9427, validation 3270`,
      'huggingface.co/datasets/google/boolq is that dataset moved under a namespace: its commit history holds the canonical boolq\'s commits (a78586b "Update files from the datasets library (from 1.4.0)", also listed under huggingface.co/datasets/boolq; c612159 "… (from 1.2.0)" changing boolq.py and dataset_infos.json)'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'abisee/cnn_dailymail',
    configs: {
      '3.0.0': { columns: [{ name: 'article', type: 'string' }, { name: 'highlights', type: 'string' }, { name: 'id', type: 'string' }], splits: { train: 287113, validation: 13368, test: 11490 }, splitsComplete: SCRIPT },
      '1.0.0': { columns: [{ name: 'article', type: 'string' }, { name: 'highlights', type: 'string' }, { name: 'id', type: 'string' }], splits: { train: 287113, validation: 13368, test: 11490 }, splitsComplete: SCRIPT },
      '2.0.0': { columns: [{ name: 'article', type: 'string' }, { name: 'highlights', type: 'string' }, { name: 'id', type: 'string' }], splits: { train: 287113, validation: 13368, test: 11490 }, splitsComplete: SCRIPT },
    },
    evidence: [`the cnn_dailymail loading script and its dataset_infos.json in ${DATASETS} (datasets/cnn_dailymail/): 3 configs; config 3.0.0: article, highlights, id; train 287113, validation 13368, test 11490; config 1.0.0: article, highlights, id; train 287113, validation 13368, test 11490; config 2.0.0: article, highlights, id; train 287113, validation 13368, test 11490`,
      'the Hub viewer of huggingface.co/datasets/abisee/cnn_dailymail (viewer/3.0.0/train, as stored): Subset (3) 1.0.0, 2.0.0, 3.0.0, 312k rows each; Split (3) train 287k, validation 13.4k, test 11.5k rows: the configs and split sizes of cnn_dailymail\'s dataset_infos.json'],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'PolyAI/banking77',
    configs: {
      default: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[activate_my_card, age_limit, apple_pay_or_google_pay, atm_support, automatic_top_up, balance_not_updated_after_bank_transfer, balance_not_updated_after_cheque_or_cash_deposit, beneficiary_not_allowed, … (77)]' }], splits: { train: 10003, test: 3080 }, splitsComplete: SCRIPT },
    },
    evidence: [`the banking77 loading script and its dataset_infos.json in ${DATASETS} (datasets/banking77/): 1 config; config default: text, label; train 10003, test 3080`,
      'the same files under this id: huggingface.co/datasets/PolyAI/banking77 at 96a234b holds banking77.py (7.31 kB) and dataset_infos.json (5.89 kB, unchanged since "Add dataset"), the sizes of datasets/banking77/ at 2.5.2 (7,306 and 5,892 bytes); 90d4e2e later removed the deprecated task templates from banking77.py only'],
    uses: { realScripts: { calls: 4, repos: 1 } },
  },
  {
    id: 'Rowan/hellaswag',
    configs: {
      default: { columns: [{ name: 'ind', type: 'int32' }, { name: 'activity_label', type: 'string' }, { name: 'ctx_a', type: 'string' }, { name: 'ctx_b', type: 'string' }, { name: 'ctx', type: 'string' }, { name: 'endings', type: 'list<string>' }, { name: 'source_id', type: 'string' }, { name: 'split', type: 'string' }, { name: 'split_type', type: 'string' }, { name: 'label', type: 'string' }], splits: { train: 39905, test: 10003, validation: 10042 }, splitsComplete: SCRIPT },
    },
    evidence: [`the hellaswag loading script and its dataset_infos.json in ${DATASETS} (datasets/hellaswag/): 1 config; config default: ind, activity_label, ctx_a, ctx_b, ctx, endings, source_id, split, split_type, label; train 39905, test 10003, validation 10042`,
      'huggingface.co/datasets/Rowan/hellaswag is the canonical hellaswag moved under a namespace: its history holds the datasets library\'s commits (e6c5a6d "Update files from the datasets library (from 1.0.0)", e85e623 "… (from 1.4.0)", e93e042 "… (from 1.8.0)"); later commits support streaming, reorder the split names and fix metadata'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'allenai/winogrande',
    configs: {
      winogrande_xs: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 160, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
      winogrande_s: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 640, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
      winogrande_m: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 2558, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
      winogrande_l: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 10234, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
      winogrande_xl: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 40398, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
      winogrande_debiased: { columns: [{ name: 'sentence', type: 'string' }, { name: 'option1', type: 'string' }, { name: 'option2', type: 'string' }, { name: 'answer', type: 'string' }], splits: { train: 9248, test: 1767, validation: 1267 }, splitsComplete: SCRIPT },
    },
    evidence: [`the winogrande loading script and its dataset_infos.json in ${DATASETS} (datasets/winogrande/): 6 configs; config winogrande_xs: sentence, option1, option2, answer; train 160, test 1767, validation 1267; config winogrande_s: sentence, option1, option2, answer; train 640, test 1767, validation 1267; config winogrande_m: sentence, option1, option2, answer; train 2558, test 1767, validation 1267; config winogrande_l: sentence, option1, option2, answer; train 10234, test 1767, validation 1267; config winogrande_xl: sentence, option1, option2, answer; train 40398, test 1767, validation 1267; config winogrande_debiased: sentence, option1, option2, answer; train 9248, test 1767, validation 1267`,
      'huggingface.co/datasets/allenai/winogrande is the canonical winogrande moved: its history holds the datasets library\'s commits (76cbf96 "Update files from the datasets library (from 1.1.0)", 40192e8 "… (from 1.16.0)"); its card\'s dataset_info YAML (as served under huggingface.co/datasets/winogrande): sentence, option1, option2, answer strings per config; its Parquet files at df8eb8f winogrande_xl/{train,validation,test}'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'allenai/openbookqa',
    configs: {
      main: { columns: [{ name: 'id', type: 'string' }, { name: 'question_stem', type: 'string' }, { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, { name: 'answerKey', type: 'string' }], splits: { train: 4957, validation: 500, test: 500 }, splitsComplete: SCRIPT },
      additional: { columns: [{ name: 'id', type: 'string' }, { name: 'question_stem', type: 'string' }, { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, { name: 'answerKey', type: 'string' }, { name: 'fact1', type: 'string' }, { name: 'humanScore', type: 'float32' }, { name: 'clarity', type: 'float32' }, { name: 'turkIdAnonymized', type: 'string' }], splits: { train: 4957, validation: 500, test: 500 }, splitsComplete: SCRIPT },
    },
    evidence: [`the openbookqa loading script and its dataset_infos.json in ${DATASETS} (datasets/openbookqa/): 2 configs; config main: id, question_stem, choices, answerKey; train 4957, validation 500, test 500; config additional: id, question_stem, choices, answerKey, fact1, humanScore, clarity, turkIdAnonymized; train 4957, validation 500, test 500`,
      'huggingface.co/datasets/allenai/openbookqa is the canonical openbookqa moved: its history holds the datasets library\'s commits (f73fd1a "Update files from the datasets library (from 1.0.0)", 430c4bf "… (from 1.4.0)", 480f43a "… (from 1.6.0)", and 4ebd011, the choices-label fix of datasets #4259, before 2.5.2); its Parquet conversion (refs/convert/parquet) has an `additional` folder. Its default config is not written here: a load without a config name is not answered'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'tau/commonsense_qa',
    configs: {
      default: { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'question_concept', type: 'string' }, { name: 'choices', type: 'struct<label: list<string>, text: list<string>>' }, { name: 'answerKey', type: 'string' }], splits: { train: 9741, validation: 1221, test: 1140 }, splitsComplete: SCRIPT },
    },
    evidence: [`the commonsense_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/commonsense_qa/): 1 config; config default: id, question, question_concept, choices, answerKey; train 9741, validation 1221, test 1140`,
      'huggingface.co/datasets/tau/commonsense_qa is the canonical commonsense_qa moved: its history holds the datasets library\'s commits (6b0e17b "Update files from the datasets library (from 1.18.0)")'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'google/civil_comments',
    configs: {
      default: { columns: [{ name: 'text', type: 'string' }, { name: 'toxicity', type: 'float32' }, { name: 'severe_toxicity', type: 'float32' }, { name: 'obscene', type: 'float32' }, { name: 'threat', type: 'float32' }, { name: 'insult', type: 'float32' }, { name: 'identity_attack', type: 'float32' }, { name: 'sexual_explicit', type: 'float32' }], splits: { test: 97320, train: 1804874, validation: 97320 }, splitsComplete: SCRIPT },
    },
    evidence: [`the civil_comments loading script and its dataset_infos.json in ${DATASETS} (datasets/civil_comments/): 1 config; config default: text, toxicity, severe_toxicity, obscene, threat, insult, identity_attack, sexual_explicit; test 97320, train 1804874, validation 97320`,
      'huggingface.co/datasets/google/civil_comments is the canonical civil_comments moved: the history of its civil_comments.py holds the datasets library\'s commits (5539069 "Update files from the datasets library (from 1.0.0)", e05c624 "… (from 1.6.0)", the latter also listed under huggingface.co/datasets/civil_comments)'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'AI-Lab-Makerere/beans',
    configs: {
      default: { columns: [{ name: 'image_file_path', type: 'string' }, { name: 'image', type: 'image' }, { name: 'labels', type: 'class_label[angular_leaf_spot, bean_rust, healthy]' }], splits: { train: 1034, validation: 133, test: 128 }, splitsComplete: SCRIPT },
    },
    evidence: [`the beans loading script and its dataset_infos.json in ${DATASETS} (datasets/beans/): 1 config; config default: image_file_path, image, labels; train 1034, validation 133, test 128`,
      'huggingface.co/datasets/beans/tree/main is served as AI-Lab-Makerere/beans (the canonical beans moved); its dataset_infos.json at b21d907: image_file_path, image, labels [angular_leaf_spot, bean_rust, healthy]; its viewer: Split (3) train 1.03k, validation 133, test 128 rows'],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'uoft-cs/cifar100',
    configs: {
      'cifar100': { columns: [{ name: 'img', type: 'image' }, { name: 'fine_label', type: 'class_label[apple, aquarium_fish, baby, bear, beaver, bed, bee, beetle, … (100)]' }, { name: 'coarse_label', type: 'class_label[aquatic_mammals, fish, flowers, food_containers, fruit_and_vegetables, household_electrical_devices, household_furniture, insects, … (20)]' }], splits: { train: 50000, test: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the cifar100 loading script and its dataset_infos.json in ${DATASETS} (datasets/cifar100/): 1 config; config cifar100: img, fine_label, coarse_label; train 50000, test 10000`,
      'huggingface.co/datasets/uoft-cs/cifar100 is the canonical cifar100 moved: its README.md at 8b6fcfb is the datasets library\'s commit "Update files from the datasets library (from 1.17.0)", with a train row {img, fine_label, coarse_label}'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'Stanford/wikitablequestions',
    configs: {
      'random-split-1': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'table', type: 'struct<header: list<string>, rows: list<list<string>>, name: string>' }], splits: { train: 11321, test: 4344, validation: 2831 }, splitsComplete: SCRIPT },
      'random-split-2': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'table', type: 'struct<header: list<string>, rows: list<list<string>>, name: string>' }], splits: { train: 11314, test: 4344, validation: 2838 }, splitsComplete: SCRIPT },
      'random-split-3': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'table', type: 'struct<header: list<string>, rows: list<list<string>>, name: string>' }], splits: { train: 11314, test: 4344, validation: 2838 }, splitsComplete: SCRIPT },
      'random-split-4': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'table', type: 'struct<header: list<string>, rows: list<list<string>>, name: string>' }], splits: { train: 11321, test: 4344, validation: 2831 }, splitsComplete: SCRIPT },
      'random-split-5': { columns: [{ name: 'id', type: 'string' }, { name: 'question', type: 'string' }, { name: 'answers', type: 'list<string>' }, { name: 'table', type: 'struct<header: list<string>, rows: list<list<string>>, name: string>' }], splits: { train: 11316, test: 4344, validation: 2836 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'random-split-1',
    evidence: [`the wikitablequestions loading script and its dataset_infos.json in ${DATASETS} (datasets/wikitablequestions/): 5 configs; config random-split-1: id, question, answers, table; train 11321, test 4344, validation 2831; config random-split-2: id, question, answers, table; train 11314, test 4344, validation 2838; config random-split-3: id, question, answers, table; train 11314, test 4344, validation 2838; config random-split-4: id, question, answers, table; train 11321, test 4344, validation 2831; config random-split-5: id, question, answers, table; train 11316, test 4344, validation 2836`,
      'huggingface.co/datasets/wikitablequestions/tree/main shows that repository as Stanford/wikitablequestions, holding wikitablequestions.py from the datasets library\'s commit "Add wikitablequestions dataset (#3870)" (b2af98c in huggingface/datasets, whose script sets DEFAULT_CONFIG_NAME random-split-1); its Parquet conversion has the folders random-split-1 … random-split-5'],
    uses: { realScripts: { calls: 7, repos: 1 } },
  },
  {
    id: 'uoft-cs/cifar10',
    configs: {
      plain_text: { columns: [{ name: 'img', type: 'image' }, { name: 'label', type: 'class_label[airplane, automobile, bird, cat, deer, dog, frog, horse, … (10)]' }], splits: { train: 50000, test: 10000 }, splitsComplete: SCRIPT },
    },
    evidence: [`the cifar10 loading script and its dataset_infos.json in ${DATASETS} (datasets/cifar10/): 1 config; config plain_text: img, label; train 50000, test 10000`,
      'huggingface.co/datasets/uoft-cs/cifar10 is the canonical cifar10 moved: its history is the datasets library\'s commits (9fd6b98 "Update files from the datasets library (from 1.2.0)" … d35751b "(from 1.18.0)") of cifar10.py and dataset_infos.json'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'cardiffnlp/tweet_eval',
    configs: {
      emoji: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[❤, 😍, 😂, 💕, 🔥, 😊, 😎, ✨, … (20)]' }], splits: { train: 45000, test: 50000, validation: 5000 }, splitsComplete: SCRIPT },
      emotion: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[anger, joy, optimism, sadness]' }], splits: { train: 3257, test: 1421, validation: 374 }, splitsComplete: SCRIPT },
      hate: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[non-hate, hate]' }], splits: { train: 9000, test: 2970, validation: 1000 }, splitsComplete: SCRIPT },
      irony: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[non_irony, irony]' }], splits: { train: 2862, test: 784, validation: 955 }, splitsComplete: SCRIPT },
      offensive: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[non-offensive, offensive]' }], splits: { train: 11916, test: 860, validation: 1324 }, splitsComplete: SCRIPT },
      sentiment: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 45615, test: 12284, validation: 2000 }, splitsComplete: SCRIPT },
      stance_abortion: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[none, against, favor]' }], splits: { train: 587, test: 280, validation: 66 }, splitsComplete: SCRIPT },
      stance_atheism: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[none, against, favor]' }], splits: { train: 461, test: 220, validation: 52 }, splitsComplete: SCRIPT },
      stance_climate: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[none, against, favor]' }], splits: { train: 355, test: 169, validation: 40 }, splitsComplete: SCRIPT },
      stance_feminist: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[none, against, favor]' }], splits: { train: 597, test: 285, validation: 67 }, splitsComplete: SCRIPT },
      stance_hillary: { columns: [{ name: 'text', type: 'string' }, { name: 'label', type: 'class_label[none, against, favor]' }], splits: { train: 620, test: 295, validation: 69 }, splitsComplete: SCRIPT },
    },
    evidence: [`the tweet_eval loading script and its dataset_infos.json in ${DATASETS} (datasets/tweet_eval/): 11 configs; config emoji: text, label; train 45000, test 50000, validation 5000; config emotion: text, label; train 3257, test 1421, validation 374; config hate: text, label; train 9000, test 2970, validation 1000; config irony: text, label; train 2862, test 784, validation 955; config offensive: text, label; train 11916, test 860, validation 1324; config sentiment: text, label; train 45615, test 12284, validation 2000; config stance_abortion: text, label; train 587, test 280, validation 66; config stance_atheism: text, label; train 461, test 220, validation 52; config stance_climate: text, label; train 355, test 169, validation 40; config stance_feminist: text, label; train 597, test 285, validation 67; config stance_hillary: text, label; train 620, test 295, validation 69`,
      'huggingface.co/datasets/cardiffnlp/tweet_eval (tree at c460af4) is the canonical tweet_eval moved: tweet_eval.py and .gitattributes from the datasets library\'s commits "Update files from the datasets library (from 1.6.1)" and "(from 1.3.0)", and the eleven config folders emoji … stance_hillary of its conversion to Parquet'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'google-research-datasets/mbpp',
    configs: {
      full: { columns: [{ name: 'task_id', type: 'int32' }, { name: 'text', type: 'string' }, { name: 'code', type: 'string' }, { name: 'test_list', type: 'list<string>' }, { name: 'test_setup_code', type: 'string' }, { name: 'challenge_test_list', type: 'list<string>' }], splits: { train: 374, test: 500, validation: 90, prompt: 10 }, splitsComplete: SCRIPT },
      sanitized: { columns: [{ name: 'source_file', type: 'string' }, { name: 'task_id', type: 'int32' }, { name: 'prompt', type: 'string' }, { name: 'code', type: 'string' }, { name: 'test_imports', type: 'list<string>' }, { name: 'test_list', type: 'list<string>' }], splits: { train: 120, test: 257, validation: 43, prompt: 7 }, splitsComplete: SCRIPT },
    },
    defaultConfig: 'full',
    evidence: [`the mbpp loading script and its dataset_infos.json in ${DATASETS} (datasets/mbpp/): 2 configs; config full: task_id, text, code, test_list, test_setup_code, challenge_test_list; train 374, test 500, validation 90, prompt 10; config sanitized: source_file, task_id, prompt, code, test_imports, test_list; train 120, test 257, validation 43, prompt 7`,
      'the Hub viewer of huggingface.co/datasets/google-research-datasets/mbpp (viewer/sanitized/train): Subset (2) full 974 rows (374 + 500 + 90 + 10), sanitized 427; Split (4) train 120, test 257, validation 43, prompt 7; its commit 9f0faf1 "Add splits to MBPP dataset (#4943)" is huggingface.co/datasets/mbpp\'s too; the card\'s configs mark full `default: true` (5388f01)'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'facebook/empathetic_dialogues',
    configs: {
      default: { columns: [{ name: 'conv_id', type: 'string' }, { name: 'utterance_idx', type: 'int32' }, { name: 'context', type: 'string' }, { name: 'prompt', type: 'string' }, { name: 'speaker_idx', type: 'int32' }, { name: 'utterance', type: 'string' }, { name: 'selfeval', type: 'string' }, { name: 'tags', type: 'string' }], splits: { test: 10943, train: 76673, validation: 12030 }, splitsComplete: SCRIPT },
    },
    evidence: [`the empathetic_dialogues loading script and its dataset_infos.json in ${DATASETS} (datasets/empathetic_dialogues/): 1 config; config default: conv_id, utterance_idx, context, prompt, speaker_idx, utterance, selfeval, tags; test 10943, train 76673, validation 12030`,
      'huggingface.co/datasets/facebook/empathetic_dialogues is the canonical empathetic_dialogues moved: its history is the datasets library\'s commits (e8e2129 "Update files from the datasets library (from 1.0.0)", 04573f3 "(from 1.6.0)", 9999447 "(from 1.16.0)"), and its tree at caefc99 holds empathetic_dialogues.py and dataset_infos.json'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'Samsung/samsum',
    configs: {
      samsum: { columns: [{ name: 'id', type: 'string' }, { name: 'dialogue', type: 'string' }, { name: 'summary', type: 'string' }], splits: { train: 14732, test: 819, validation: 818 }, splitsComplete: SCRIPT },
    },
    evidence: [`the samsum loading script and its dataset_infos.json in ${DATASETS} (datasets/samsum/): 1 config; config samsum: id, dialogue, summary; train 14732, test 819, validation 818`,
      'huggingface.co/datasets/Samsung/samsum is the canonical samsum moved: its tree at 62e902b holds samsum.py and dataset_infos.json from "Update files from the datasets library (from 1.7.0)" (a6ebbbc "(from 1.2.0)" … 8cb709b "(from 1.6.1)"), and its conversion to Parquet (a3e27aa) writes one config folder, samsum'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'takala/financial_phrasebank',
    configs: {
      sentences_allagree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 2264 }, splitsComplete: SCRIPT },
      sentences_75agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 3453 }, splitsComplete: SCRIPT },
      sentences_66agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 4217 }, splitsComplete: SCRIPT },
      sentences_50agree: { columns: [{ name: 'sentence', type: 'string' }, { name: 'label', type: 'class_label[negative, neutral, positive]' }], splits: { train: 4846 }, splitsComplete: SCRIPT },
    },
    evidence: [`the financial_phrasebank loading script and its dataset_infos.json in ${DATASETS} (datasets/financial_phrasebank/): 4 configs; config sentences_allagree: sentence, label; train 2264; config sentences_75agree: sentence, label; train 3453; config sentences_66agree: sentence, label; train 4217; config sentences_50agree: sentence, label; train 4846`,
      'huggingface.co/datasets/takala/financial_phrasebank is the canonical financial_phrasebank moved: its commit b9d86c7 "Update files from the datasets library (from 1.6.0)" changes financial_phrasebank.py, and its dummy data at 21e7efb (985fbdf "(from 1.4.0)") has the four configs sentences_50agree, sentences_66agree, sentences_75agree, sentences_allagree'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-07' }));

/** The session-27 entries' split lists, read 2026-12-08 in the same dataset_infos.json files. */
const SCRIPT_27 = { ...SCRIPT, read: '2026-12-08' };

/** mlqa's four columns, the same in all 61 configs of its dataset_infos.json at 2.5.2. */
const MLQA_COLUMNS: KnownColumn[] = [{ name: 'context', type: 'string' }, { name: 'question', type: 'string' },
  { name: 'answers', type: 'struct<answer_start: list<int32>, text: list<string>>' }, { name: 'id', type: 'string' }];
/** mlqa's configs and their split sizes (datasets/mlqa/dataset_infos.json at 2.5.2). */
const MLQA_SPLITS: Record<string, Record<string, number>> = {
  'mlqa-translate-train.ar': { train: 78058, validation: 9512 },
  'mlqa-translate-train.de': { train: 80069, validation: 9927 },
  'mlqa-translate-train.vi': { train: 84816, validation: 10356 },
  'mlqa-translate-train.zh': { train: 76285, validation: 9568 },
  'mlqa-translate-train.es': { train: 81810, validation: 10123 },
  'mlqa-translate-train.hi': { train: 82451, validation: 10253 }, 'mlqa-translate-test.ar': { test: 5335 },
  'mlqa-translate-test.de': { test: 4517 }, 'mlqa-translate-test.vi': { test: 5495 },
  'mlqa-translate-test.zh': { test: 5137 }, 'mlqa-translate-test.es': { test: 5253 },
  'mlqa-translate-test.hi': { test: 4918 }, 'mlqa.ar.ar': { test: 5335, validation: 517 },
  'mlqa.ar.de': { test: 1649, validation: 207 }, 'mlqa.ar.vi': { test: 2047, validation: 163 },
  'mlqa.ar.zh': { test: 1912, validation: 188 }, 'mlqa.ar.en': { test: 5335, validation: 517 },
  'mlqa.ar.es': { test: 1978, validation: 161 }, 'mlqa.ar.hi': { test: 1831, validation: 186 },
  'mlqa.de.ar': { test: 1649, validation: 207 }, 'mlqa.de.de': { test: 4517, validation: 512 },
  'mlqa.de.vi': { test: 1675, validation: 182 }, 'mlqa.de.zh': { test: 1621, validation: 190 },
  'mlqa.de.en': { test: 4517, validation: 512 }, 'mlqa.de.es': { test: 1776, validation: 196 },
  'mlqa.de.hi': { test: 1430, validation: 163 }, 'mlqa.vi.ar': { test: 2047, validation: 163 },
  'mlqa.vi.de': { test: 1675, validation: 182 }, 'mlqa.vi.vi': { test: 5495, validation: 511 },
  'mlqa.vi.zh': { test: 1943, validation: 184 }, 'mlqa.vi.en': { test: 5495, validation: 511 },
  'mlqa.vi.es': { test: 2018, validation: 189 }, 'mlqa.vi.hi': { test: 1947, validation: 177 },
  'mlqa.zh.ar': { test: 1912, validation: 188 }, 'mlqa.zh.de': { test: 1621, validation: 190 },
  'mlqa.zh.vi': { test: 1943, validation: 184 }, 'mlqa.zh.zh': { test: 5137, validation: 504 },
  'mlqa.zh.en': { test: 5137, validation: 504 }, 'mlqa.zh.es': { test: 1947, validation: 161 },
  'mlqa.zh.hi': { test: 1767, validation: 189 }, 'mlqa.en.ar': { test: 5335, validation: 517 },
  'mlqa.en.de': { test: 4517, validation: 512 }, 'mlqa.en.vi': { test: 5495, validation: 511 },
  'mlqa.en.zh': { test: 5137, validation: 504 }, 'mlqa.en.en': { test: 11590, validation: 1148 },
  'mlqa.en.es': { test: 5253, validation: 500 }, 'mlqa.en.hi': { test: 4918, validation: 507 },
  'mlqa.es.ar': { test: 1978, validation: 161 }, 'mlqa.es.de': { test: 1776, validation: 196 },
  'mlqa.es.vi': { test: 2018, validation: 189 }, 'mlqa.es.zh': { test: 1947, validation: 161 },
  'mlqa.es.en': { test: 5253, validation: 500 }, 'mlqa.es.es': { test: 5253, validation: 500 },
  'mlqa.es.hi': { test: 1723, validation: 187 }, 'mlqa.hi.ar': { test: 1831, validation: 186 },
  'mlqa.hi.de': { test: 1430, validation: 163 }, 'mlqa.hi.vi': { test: 1947, validation: 177 },
  'mlqa.hi.zh': { test: 1767, validation: 189 }, 'mlqa.hi.en': { test: 4918, validation: 507 },
  'mlqa.hi.es': { test: 1723, validation: 187 }, 'mlqa.hi.hi': { test: 4918, validation: 507 },
};

/** trivia_qa's six columns, the same in every config of its dataset_infos.json at 2.5.2. */
const TRIVIA_COLUMNS: KnownColumn[] = [{ name: 'question', type: 'string' }, { name: 'question_id', type: 'string' }, { name: 'question_source', type: 'string' }, { name: 'entity_pages', type: 'struct<doc_source: list<string>, filename: list<string>, title: list<string>, wiki_context: list<string>>' }, { name: 'search_results', type: 'struct<description: list<string>, filename: list<string>, rank: list<int32>, title: list<string>, url: list<string>, search_context: list<string>>' }, { name: 'answer', type: 'struct<aliases: list<string>, normalized_aliases: list<string>, matched_wiki_entity_name: string, normalized_matched_wiki_entity_name: string, normalized_value: string, type: string, value: string>' }];
/** trivia_qa's configs with rows, and their split sizes (datasets/trivia_qa/dataset_infos.json at 2.5.2). */
const TRIVIA_SPLITS: Record<string, Record<string, number>> = {
  'rc': { train: 138384, validation: 17944, test: 17210 },
  'rc.nocontext': { train: 138384, validation: 17944, test: 17210 },
  'unfiltered': { train: 87622, validation: 11313, test: 10832 },
  'unfiltered.nocontext': { train: 87622, validation: 11313, test: 10832 },
  'rc.web': { train: 76496, validation: 9951, test: 9509 },
  'rc.web.nocontext': { train: 76496, validation: 9951, test: 9509 },
  'rc.wikipedia': { train: 61888, validation: 7993, test: 7701 },
  'rc.wikipedia.nocontext': { train: 61888, validation: 7993, test: 7701 },
};

const MOVED_IN_27: readonly KnownHubDataset[] = ([
  {
    id: 'Skylion007/openwebtext',
    configs: {
      plain_text: { columns: [{ name: 'text', type: 'string' }], splits: { train: 8013769 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the openwebtext loading script and its dataset_infos.json in ${DATASETS} (datasets/openwebtext/): 1 config; config plain_text: text; train 8013769`,
      'huggingface.co/datasets/Skylion007/openwebtext is openwebtext moved: its history holds the datasets library\'s commits 499cebb "Update files from the datasets library (from 1.1.0)" … d34526f "(from 1.8.0)", b6c9f2a, 9159a62'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'alexfabbri/multi_news',
    configs: {
      default: { columns: [{ name: 'document', type: 'string' }, { name: 'summary', type: 'string' }], splits: { train: 44972, validation: 5622, test: 5622 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the multi_news loading script and its dataset_infos.json in ${DATASETS} (datasets/multi_news/): 1 config; config default: document, summary; train 44972, validation 5622, test 5622`,
      'huggingface.co/datasets/alexfabbri/multi_news is multi_news moved: its history holds the library\'s commits cda863e "Update files from the datasets library (from 1.0.0)" … 91a0169, then #4164, #4353, #4451, #4585 (all before 2.5.2)'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'google-research-datasets/nq_open',
    configs: {
      nq_open: { columns: [{ name: 'question', type: 'string' }, { name: 'answer', type: 'list<string>' }], splits: { train: 87925, validation: 3610 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the nq_open loading script and its dataset_infos.json in ${DATASETS} (datasets/nq_open/): 1 config; config nq_open: question, answer; train 87925, validation 3610`,
      'huggingface.co/datasets/google-research-datasets/nq_open is nq_open moved: its commit abceb48 "Update files from the datasets library (from 1.5.0)" changes nq_open.py'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'mandarjoshi/trivia_qa',
    configs: Object.fromEntries(Object.entries(TRIVIA_SPLITS).map(([name, splits]): [string, KnownConfig] => [name, { columns: TRIVIA_COLUMNS, splits, splitsComplete: SCRIPT_27 }])),
    configsNotRead: ['unfiltered.web', 'unfiltered.web.nocontext', 'unfiltered.wikipedia', 'unfiltered.wikipedia.nocontext'],
    evidence: [`the trivia_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/trivia_qa/): 12 configs, each with question, question_id, question_source, entity_pages, search_results, answer; rc and rc.nocontext train 138384, validation 17944, test 17210 (each config's sizes as read there)`,
      'huggingface.co/datasets/mandarjoshi/trivia_qa is trivia_qa moved: its trivia_qa.py history holds 667f81c "Update files from the datasets library (from 1.0.0)" … 5153029 "(from 1.13.0)", then fed7a66. The four unfiltered.web/.wikipedia configs (0 rows there) are not written'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'qiaojin/PubMedQA',
    configs: {
      pqa_labeled: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>, reasoning_required_pred: list<string>, reasoning_free_pred: list<string>>' }, { name: 'long_answer', type: 'string' }, { name: 'final_decision', type: 'string' }], splits: { train: 1000 }, splitsComplete: SCRIPT_27 },
      pqa_unlabeled: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>>' }, { name: 'long_answer', type: 'string' }], splits: { train: 61249 }, splitsComplete: SCRIPT_27 },
      pqa_artificial: { columns: [{ name: 'pubid', type: 'int32' }, { name: 'question', type: 'string' }, { name: 'context', type: 'struct<contexts: list<string>, labels: list<string>, meshes: list<string>>' }, { name: 'long_answer', type: 'string' }, { name: 'final_decision', type: 'string' }], splits: { train: 211269 }, splitsComplete: SCRIPT_27 },
    },
    evidence: [`the pubmed_qa loading script and its dataset_infos.json in ${DATASETS} (datasets/pubmed_qa/): 3 configs; config pqa_labeled: pubid, question, context, long_answer, final_decision; train 1000; config pqa_unlabeled: pubid, question, context, long_answer; train 61249; config pqa_artificial: pubid, question, context, long_answer, final_decision; train 211269`,
      'huggingface.co/datasets/qiaojin/PubMedQA is pubmed_qa moved: its history holds 91ea39d "Update files from the datasets library (from 1.2.0)" … c3c5af7 "(from 1.18.0)", b65505f (#4255), then Parquet per config and e1bd6e2'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'mutiyama/alt',
    configs: {
      'alt-parallel': { columns: [{ name: 'SNT.URLID', type: 'string' }, { name: 'SNT.URLID.SNTID', type: 'string' }, { name: 'url', type: 'string' }, { name: 'translation', type: 'struct<bg: string, en: string, en_tok: string, fil: string, hi: string, id: string, ja: string, khm: string, lo: string, ms: string, my: string, th: string, vi: string, zh: string>' }], splits: { train: 18094, validation: 1004, test: 1019 }, splitsComplete: SCRIPT_27 },
      'alt-en': { columns: [{ name: 'SNT.URLID', type: 'string' }, { name: 'SNT.URLID.SNTID', type: 'string' }, { name: 'url', type: 'string' }, { name: 'status', type: 'string' }, { name: 'value', type: 'string' }], splits: { train: 17889, validation: 988, test: 1017 }, splitsComplete: SCRIPT_27 },
      'alt-jp': { columns: [{ name: 'SNT.URLID', type: 'string' }, { name: 'SNT.URLID.SNTID', type: 'string' }, { name: 'url', type: 'string' }, { name: 'status', type: 'string' }, { name: 'value', type: 'string' }, { name: 'word_alignment', type: 'string' }, { name: 'jp_tokenized', type: 'string' }, { name: 'en_tokenized', type: 'string' }], splits: { train: 17202, validation: 953, test: 931 }, splitsComplete: SCRIPT_27 },
      'alt-my': { columns: [{ name: 'SNT.URLID', type: 'string' }, { name: 'SNT.URLID.SNTID', type: 'string' }, { name: 'url', type: 'string' }, { name: 'value', type: 'string' }], splits: { train: 18088, validation: 1000, test: 1018 }, splitsComplete: SCRIPT_27 },
      'alt-km': { columns: [{ name: 'SNT.URLID', type: 'string' }, { name: 'SNT.URLID.SNTID', type: 'string' }, { name: 'url', type: 'string' }, { name: 'km_pos_tag', type: 'string' }, { name: 'km_tokenized', type: 'string' }], splits: { train: 18088, validation: 1000, test: 1018 }, splitsComplete: SCRIPT_27 },
      'alt-my-transliteration': { columns: [{ name: 'en', type: 'string' }, { name: 'my', type: 'list<string>' }], splits: { train: 84022 }, splitsComplete: SCRIPT_27 },
      'alt-my-west-transliteration': { columns: [{ name: 'en', type: 'string' }, { name: 'my', type: 'list<string>' }], splits: { train: 107121 }, splitsComplete: SCRIPT_27 },
    },
    defaultConfig: 'alt-parallel',
    evidence: [`the alt loading script and its dataset_infos.json in ${DATASETS} (datasets/alt/): 7 configs, DEFAULT_CONFIG_NAME alt-parallel; alt-parallel: SNT.URLID, SNT.URLID.SNTID, url, translation; train 18094, validation 1004, test 1019`,
      'huggingface.co/datasets/mutiyama/alt is alt moved: its alt.py history holds e0f2365 "Update files from the datasets library (from 1.2.0)" … 6cd9a76 "(from 1.6.0)", then fixes #4, #8, #9'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'facebook/mlqa',
    configs: Object.fromEntries(Object.entries(MLQA_SPLITS).map(([name, splits]): [string, KnownConfig] => [name, { columns: MLQA_COLUMNS, splits, splitsComplete: SCRIPT_27 }])),
    evidence: [`the mlqa loading script and its dataset_infos.json in ${DATASETS} (datasets/mlqa/): 61 configs (mlqa-translate-train.<lang>: train and validation; mlqa-translate-test.<lang>: test; mlqa.<context lang>.<question lang>: test and validation), each with the features context, question, answers, id; mlqa.en.en test 11590, validation 1148`,
      'huggingface.co/datasets/facebook/mlqa is mlqa moved: its README.md history holds 1a5c71d "Update files from the datasets library (from 1.3.0)" … 58040f3 "(from 1.16.0)"'],
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
] as KnownHubDataset[]).map((d) => ({ ...d, checked: '2026-12-08' }));

export const MOVED_HUB_DATASETS: readonly KnownHubDataset[] = [...MOVED_BEFORE_27, ...MOVED_IN_27];
