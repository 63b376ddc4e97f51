/**
 * trainlint's table of known Hub datasets, its classic part: the benchmark and course datasets (GLUE, wikitext,
 * IMDb's labels, SQuAD, CoNLL-2003, SAMSum, CNN/DailyMail, AG News, XSum, …) that plain-transformers fine-tuning
 * scripts load, added in the table's third extension (session 14; docs/corpus.md, "Hub table, second extension").
 * Same rules as `known-hub-datasets.ts`: every fact was read somewhere and each entry says where; counts in
 * `uses.realScripts` are from the session-14 copies of the real-script corpora. The last entries, reasoning benchmarks
 * read in their own cards (session 17), carry the date they were read (`checked`).
 */
import type { KnownColumn, KnownHubDataset } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });

export const CLASSIC_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'glue',
    configs: {
      cola: { columns: [str('sentence'), { name: 'label', type: 'class_label[unacceptable, acceptable]' }, unk('idx')], splits: { train: 8551, validation: 1043, test: 1063 } },
      sst2: { columns: [str('sentence'), { name: 'label', type: 'class_label[negative, positive]' }, { name: 'idx', type: 'int32' }], splits: { train: 67349, validation: 872, test: 1821 } },
      mrpc: { columns: [str('sentence1'), str('sentence2'), { name: 'label', type: 'class_label[not_equivalent, equivalent]' }, { name: 'idx', type: 'int32' }], splits: { train: 3668, validation: 408, test: 1725 } },
      stsb: { columns: ['sentence1', 'sentence2', 'label', 'idx'].map(unk), splits: { train: 5749, validation: 1500, test: 1379 } },
      qqp: { columns: ['question1', 'question2', 'label', 'idx'].map(unk), splits: { train: 363846, validation: 40430, test: 390965 } },
      qnli: { columns: ['question', 'sentence', 'label', 'idx'].map(unk), splits: { train: 104743, validation: 5463, test: 5463 } },
      rte: { columns: ['sentence1', 'sentence2', 'label', 'idx'].map(unk), splits: { train: 2490, validation: 277, test: 3000 } },
      mnli: {
        columns: ['premise', 'hypothesis', 'label', 'idx'].map(unk),
        splits: { train: 392702, validation_matched: 9815, validation_mismatched: 9832, test_matched: 9796, test_mismatched: 9847 },
      },
    },
    configsNotRead: ['wnli', 'ax'],
    evidence: [
      'printed load_dataset("glue", <config>) for cola, sst2, mrpc, stsb, qqp, qnli, rte and mnli in a GLUE format note (code index file 9892320104): each config\'s DatasetDict with features and num_rows per split',
      'mrpc: printed in huggingface/notebooks 5068b114 (course/en/chapter3/section2.ipynb and 21 more notebooks): train 3668, validation 408, test 1725; its raw_train_dataset.features: sentence1, sentence2 string, label ClassLabel, idx int32',
      'cola: printed with a row (sentence a string, label and idx integers) in code index files 13146054894, 32389452687, and its features (label ClassLabel unacceptable, acceptable) in 45300566051; sst2: printed in 49666398990, and its schema (sentence string, label int64, idx int32) in an early datasets document (177261016); sst2: label a ClassLabel(negative, positive) in a GLUE loader table giving load_dataset_args ("glue", "sst2") with its label feature and the split sizes 1821, 67349, 872 (code index files 4601124796, 5520073309; session 15)',
      'configs wnli and ax: scripts load them under the Hub name nyu-mll/glue (code index file 34149761474; "ax" in the corpora); their columns were not read, so a call naming them is not answered',
    ],
    uses: { realScripts: { calls: 155, repos: 10 } },
  },
  {
    id: 'nyu-mll/glue',
    configs: {
      sst2: { columns: ['sentence', 'label', 'idx'].map(unk), splits: { train: 67349, validation: 872, test: 1821 } },
      mrpc: { columns: ['sentence1', 'sentence2', 'label', 'idx'].map(unk), splits: { train: 3668, validation: undefined, test: undefined } },
    },
    configsNotRead: ['cola', 'stsb', 'qqp', 'qnli', 'rte', 'mnli', 'wnli', 'ax'],
    evidence: [
      'printed load_dataset("nyu-mll/glue", "sst2") in HuggingFaceDatasets.jl\'s docstring (code index file 56227180834): train 67349, validation 872, test 1821, features sentence, label, idx (the same output its older docstring prints for load_dataset("glue", "sst2"), 43413893516)',
      'printed load_dataset("nyu-mll/glue", "mrpc", split="train") in a tutorial script (code index file 11479387364): features sentence1, sentence2, label, idx; num_rows 3668; scripts load its validation and test splits (57460260842, 42912485208)',
      'the other configs: scripts load each of them under this id (code index file 34149761474, 53829696342); their columns were not read under this id',
      'mrpc\'s split list: the glue loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/glue/, the dataset the Hub moved to nyu-mll/glue): train, validation and test (session 18; the sizes are left to what was read under this id)',
    ],
    uses: { realScripts: { calls: 12, repos: 3 } },
  },
  ...([
    ['rotten_tomatoes', [
      'printed load_dataset("rotten_tomatoes") in HandsOnLLM/Hands-On-Large-Language-Models 6042517b (chapter04/Chapter 4 - Text Classification.ipynb): train 8530, validation 1066, test 1066, features text, label',
      'the same DatasetDict and a printed row (text a string, label an integer) in code index files 28398396100, 41901953934; huggingface/datasets arrow_dataset.py docstring (code index file 245869060): load_dataset("rotten_tomatoes", split="validation").features label ClassLabel(neg, pos), text string',
    ], { realScripts: { calls: 16, repos: 6 } }],
    ['cornell-movie-review-data/rotten_tomatoes', [
      'huggingface/datasets src/datasets/dataset_dict.py docstrings (code index file 108292400): load_dataset("cornell-movie-review-data/rotten_tomatoes") has features label ClassLabel(neg, pos) and text string, shape train (8530, 2), validation (1066, 2), test (1066, 2)',
    ], { realScripts: { calls: 8, repos: 1 } }],
  ] as const).map(([id, evidence, uses]): KnownHubDataset => ({
    id,
    configs: { default: { columns: [str('text'), { name: 'label', type: 'class_label[neg, pos]' }], splits: { train: 8530, validation: 1066, test: 1066 } } },
    evidence: [...evidence],
    uses,
  })),
  {
    id: 'wikitext',
    configs: {
      'wikitext-2-raw-v1': { columns: [str('text')], splits: { train: 36718, validation: 3760, test: 4358 } },
      'wikitext-103-raw-v1': { columns: [str('text')], splits: { train: 1801350, validation: 3760, test: 4358 } },
      'wikitext-103-v1': { columns: [unk('text')], splits: { train: 1801350, validation: 3760, test: 4358 } },
    },
    configsNotRead: ['wikitext-2-v1'],
    evidence: [
      'wikitext-2-raw-v1: printed load_dataset("wikitext", "wikitext-2-raw-v1") in code index files 9531361574, 13879309784, and with split="train" and its first rows (strings) in 45333348653: features text; train 36718, validation 3760, test 4358',
      'wikitext-103-raw-v1: printed "wikitext-103-raw-v1 : DatasetDict(…)" and its DatasetInfo (features text Value string; config_name wikitext-103-raw-v1) in code index file 23179543596: train 1801350, validation 3760, test 4358',
      'wikitext-103-v1: printed load_dataset(path="wikitext", name="wikitext-103-v1") kept in a comment after renaming validation to val (code index file 48664321310): text; train 1801350, val 3760, test 4358',
      'wikitext-2-v1: scripts load it (code index files 46375946403, 51784757043); its columns were not read',
    ],
    uses: { realScripts: { calls: 36, repos: 5 } },
  },
  {
    id: 'Salesforce/wikitext',
    configs: { 'wikitext-2-raw-v1': { columns: [unk('text')], splits: { train: 36718, validation: 3760, test: 4358 } } },
    configsNotRead: ['wikitext-2-v1', 'wikitext-103-raw-v1'],
    evidence: [
      'printed load_dataset("Salesforce/wikitext", "wikitext-2-raw-v1") in a notebook exported to markdown (code index file 63230988287) and in a comment (56384356188): features text; train 36718, validation 3760, test 4358',
      'configs wikitext-2-v1 and wikitext-103-raw-v1: scripts load them under this id (code index files 71514277863, 52949824171, 61040278906); their columns were not read under this id',
    ],
    uses: { codeIndex: 9 },
  },
  {
    id: 'conll2003',
    configs: { default: { columns: [unk('id'), { name: 'tokens', type: 'list<string>' }, unk('pos_tags'), unk('chunk_tags'), unk('ner_tags')], splits: { train: 14041, validation: 3250, test: 3453 } } },
    evidence: [
      'printed load_dataset("conll2003") in huggingface/peft 5d602fdb (examples/token_classification/peft_lora_ner.ipynb) and huggingface/notebooks 5068b114 (course/en/chapter7/section2_pt.ipynb and 7 more): features id, tokens, pos_tags, chunk_tags, ner_tags; train 14041, validation 3250, test 3453',
      'a printed row\'s tokens, a list of strings (code index files 24800909204, 11059496770)',
    ],
    uses: { realScripts: { calls: 17, repos: 5 } },
  },
  {
    id: 'samsum',
    configs: { default: { columns: [unk('id'), str('dialogue'), str('summary')], splits: { train: 14732, test: 819, validation: 818 } } },
    evidence: [
      'printed load_dataset("samsum") in andysingal/llm-course 192069e2 (transformers/notebooks/4 Summarization | NLP with HuggingFace Tutorial.ipynb) and in code index files 5111962570, 16127057709: features id, dialogue, summary; train 14732, test 819, validation 818',
      'printed dialogues and summaries (strings) after the same load in code index file 9770166389',
    ],
    uses: { realScripts: { calls: 15, repos: 5 } },
  },
  ...([
    ['squad', [
      'printed load_dataset("squad") in huggingface/notebooks 5068b114 (course/en/chapter7/section7_tf.ipynb and 7 more): features id, title, context, question, answers; train 87599, validation 10570',
      'its schema in an early datasets document (code index file 177261016): id, title, context, question string, answers struct<text: list<string>, answer_start: list<int32>>',
    ], { realScripts: { calls: 31, repos: 3 } }],
    ['rajpurkar/squad', [
      'huggingface/datasets src/datasets/dataset_dict.py docstrings (code index file 108292400): load_dataset("rajpurkar/squad") features answers Sequence({text: string, answer_start: int32}), context, id, question, title string; flatten() shows train 87599, validation 10570',
      'printed load_dataset("rajpurkar/squad", split="train") in a reference note (code index file 62114777536): features id, title, context, question, answers; num_rows 87599',
    ], { realScripts: { calls: 2, repos: 2 } }],
  ] as const).map(([id, evidence, uses]): KnownHubDataset => ({
    id,
    configs: {
      default: {
        columns: [str('id'), str('title'), str('context'), str('question'), { name: 'answers', type: 'struct<text: list<string>, answer_start: list<int32>>' }],
        splits: { train: 87599, validation: 10570 },
      },
    },
    evidence: [...evidence],
    uses,
  })),
  ...([
    ['yelp_review_full', [
      'printed load_dataset("yelp_review_full") and dataset["train"][333] in code index files 5933066088, 12130959731 (and as a comment in 7510157447): features label, text; train 650000, test 50000; label an integer, text a string',
    ], { realScripts: { calls: 27, repos: 2 } }, 'unknown'],
    ['Yelp/yelp_review_full', [
      'printed load_dataset("Yelp/yelp_review_full") in code index files 60899457817, 61205829245, 63425345894: features label, text; train 650000, test 50000 (label an integer 0–4, text the review, as the notes say)',
      'label: the printed ds["train"].features of load_dataset("Yelp/yelp_review_full") in a tutorial chapter (code index files 61164913000, 61101588883), label ClassLabel(names=[1 star, 2 star, 3 stars, 4 stars, 5 stars]), text Value string (session 15; not read under the name yelp_review_full)',
    ], { codeIndex: 10 }, 'class_label[1 star, 2 star, 3 stars, 4 stars, 5 stars]'],
  ] as const).map(([id, evidence, uses, label]): KnownHubDataset => ({
    id,
    configs: { default: { columns: [{ name: 'label', type: label }, str('text')], splits: { train: 650000, test: 50000 } } },
    evidence: [...evidence],
    uses,
  })),
  {
    id: 'cnn_dailymail',
    configs: { '3.0.0': { columns: [str('article'), unk('highlights'), unk('id')], splits: { train: 287113, validation: 13368, test: 11490 } } },
    configsNotRead: ['1.0.0'],
    evidence: [
      'printed load_dataset("cnn_dailymail", "3.0.0") in code index files 48774484956, 48160134146 and 5197997529 (name="3.0.0"): features article, highlights, id; train 287113, validation 13368, test 11490; a printed row\'s article a string (10532241182)',
      'config 1.0.0: scripts load it (code index files 23068089409, 26236171157); its columns were not read',
    ],
    uses: { realScripts: { calls: 3, repos: 2 } },
  },
  {
    id: 'ag_news',
    configs: { default: { columns: [unk('text'), { name: 'label', type: 'class_label[World, Sports, Business, Sci/Tech]' }], splits: { train: 120000, test: 7600 } } },
    evidence: [
      'printed load_dataset("ag_news") in andysingal/llm-course 192069e2 (transformers/classification/Hugging_Faces_Tip_Fine_Tune_for_Classification.ipynb) and in a docstring of a converter run on "ag_news" (code index file 21667348975): features text, label; train 120000, test 7600',
      'label: the printed dataset["test"].features["label"] of load_dataset("ag_news") in a converter\'s docstring, ClassLabel(num_classes=4, names=[World, Sports, Business, Sci/Tech]) (code index file 46613562907; session 15)',
    ],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'xsum',
    configs: { default: { columns: [str('document'), unk('summary'), unk('id')], splits: { train: 204045, validation: 11332, test: 11334 } } },
    evidence: ['printed load_dataset("xsum") in code index files 20548138489, 53963951135, 5089716836, and with split="train" and a printed row (document a string) in 2985872902: features document, summary, id; train 204045, validation 11332, test 11334'],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'wnut_17',
    configs: { default: { columns: ['id', 'tokens', 'ner_tags'].map(unk), splits: { train: 3394, validation: 1009, test: 1287 } } },
    evidence: ['printed load_dataset("wnut_17") in andysingal/llm-course 192069e2 (transformers/nlp1_tut.ipynb): features id, tokens, ner_tags; train 3394, validation 1009, test 1287'],
    uses: { realScripts: { calls: 16, repos: 2 } },
  },
  {
    id: 'food101',
    configs: { default: { columns: [{ name: 'image', type: 'image' }, unk('label')], splits: { train: 75750, validation: 25250 } } },
    evidence: ['printed load_dataset("food101") in a tutorial exported to markdown (code index file 49039053746): features image, label; train 75750, validation 25250; dataset["train"][0]["image"] shown as a picture; split="train" printed with 75750 rows in 28203764353'],
    uses: { realScripts: { calls: 9, repos: 4 } },
  },
  {
    id: 'opus_books',
    configs: { 'en-fr': { columns: ['id', 'translation'].map(unk), splits: { train: 127085 } } },
    configsNotRead: ['de-en'],
    evidence: [
      'printed load_dataset("opus_books", "en-fr", split="train") in a blog post (code index files 17646329405, 8152368119): features id, translation; num_rows 127085; a translation printed as {"en": …, "fr": …}',
      'config de-en: a script of the corpora loads it; its columns were not read',
    ],
    uses: { realScripts: { calls: 16, repos: 2 } },
  },
  {
    id: 'HuggingFaceH4/MATH-500',
    configs: { default: { columns: [...['problem', 'solution', 'answer', 'subject'].map(str), unk('level'), str('unique_id')], splits: { test: 500 } } },
    evidence: [
      'a dataset note quoting load_dataset("HuggingFaceH4/MATH-500", split="test") with its columns problem, solution, answer, subject, level, unique_id and a row (strings; level an integer) (code index file 37309998508); the same test columns in 51931726844',
      'a data registry listing math_500/test.jsonl, 500 rows, from HuggingFaceH4/MATH-500 (code index file 56246688216)',
    ],
    uses: { realScripts: { calls: 26, repos: 4 } },
  },
  {
    id: 'PolyAI/minds14',
    configs: { 'en-US': { columns: ['path', 'audio', 'transcription', 'english_transcription', 'intent_class', 'lang_id'].map(unk), splits: { train: 563 } } },
    configsNotRead: ['zh-CN', 'es-ES', 'it-IT'],
    evidence: [
      'printed in huggingface/notebooks 5068b114 (transformers_doc/en/audio_classification.ipynb): load_dataset("PolyAI/minds14", name="en-US", split="train") split by train_test_split(test_size=0.2) into 450 and 113 rows, features path, audio, transcription, english_transcription, intent_class, lang_id',
      'configs zh-CN, es-ES, it-IT: scripts of the corpora load them; their columns were not read',
    ],
    uses: { realScripts: { calls: 112, repos: 4 } },
  },
  {
    id: 'financial_phrasebank',
    configs: { sentences_allagree: { columns: [unk('sentence'), { name: 'label', type: 'class_label' }], splits: { train: 2264 } } },
    configsNotRead: ['sentences_50agree'],
    evidence: [
      'printed in the Hugging Face blog post on synthetic data (code index files 6880713431, 34659048007): load_dataset("financial_phrasebank", "sentences_allagree", split="train"), then a map adding label_text, prints features sentence, label, label_text; num_rows 2264 (label a ClassLabel: dataset.features["label"].names)',
      'config sentences_50agree: scripts load it (code index files 68303427533, 5945019947); its columns were not read',
    ],
    uses: { realScripts: { calls: 5, repos: 3 } },
  },
  {
    id: 'mozilla-foundation/common_voice_11_0',
    configs: {
      hi: {
        columns: ['client_id', 'path', 'audio', 'sentence', 'up_votes', 'down_votes', 'age', 'gender', 'accent', 'locale', 'segment'].map(unk),
        splits: { train: undefined, validation: undefined, test: 2894 },
      },
    },
    configsNotRead: ['sv-SE', 'en'],
    evidence: [
      'printed in sanchit-gandhi/codesnippets (twelfth-pass snapshot, .ipynb_checkpoints/fine-tune-whisper-checkpoint.ipynb): load_dataset("mozilla-foundation/common_voice_11_0", "hi", split="train+validation") 6540 rows and split="test" 2894 rows, features client_id, path, audio, sentence, up_votes, down_votes, age, gender, accent, locale, segment',
      'configs sv-SE and en: scripts of the corpora load them; their columns were not read',
    ],
    uses: { realScripts: { calls: 24, repos: 2 } },
  },
  ...(['stanfordnlp/imdb', 'imdb'] as const).map((id): KnownHubDataset => ({
    id,
    configs: { plain_text: { columns: [str('text'), { name: 'label', type: 'class_label[neg, pos]' }], splits: { train: 25000, test: 25000, unsupervised: 50000 } } },
    evidence: [
      'Hub viewer as quoted on huggingface.co/datasets/stanfordnlp/imdb/viewer/plain_text/train: subset (1) plain_text; splits train 25k, test 25k, unsupervised 50k rows',
      'printed load_dataset("imdb") in huggingface/notebooks 5068b11 (course/en/chapter7/section3_pt.ipynb): train, test, unsupervised with features text, label; num_rows 25000, 25000, 50000',
      'printed features of load_dataset("imdb") (session 14): text Value string, label ClassLabel(neg, pos) (code index files 55596655210, 59162284987, 36977595517)',
    ],
    uses: { realScripts: id === 'imdb' ? { calls: 17, repos: 2 } : { calls: 15, repos: 3 } },
  })),
  {
    id: 'allenai/ai2_arc',
    configs: Object.fromEntries(([['ARC-Challenge', 1119, 1172, 299], ['ARC-Easy', 2251, 2376, 570]] as const).map(([name, train, test, validation]) => [name, {
      columns: [str('id'), str('question'), { name: 'choices', type: 'struct<text: list<string>, label: list<string>>' }, str('answerKey')],
      splits: { train, test, validation },
    }])),
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/allenai/ai2_arc README.md at e41544f: configs ARC-Challenge (train 1119, test 1172, validation 299) and ARC-Easy (2251, 2376, 570), each id, question strings, choices a sequence of {text, label} strings, answerKey string'],
    uses: { realScripts: { calls: 4, repos: 2 }, codeIndex: 10 },
    checked: '2026-12-07',
  },
  {
    id: 'Maxwell-Jia/AIME_2024',
    configs: { default: { columns: [str('ID'), str('Problem'), str('Solution'), { name: 'Answer', type: 'int64' }], splits: { train: 30 } } },
    evidence: ['printed load_dataset("Maxwell-Jia/AIME_2024") and its features in anonx3247/math-reasoner (a notebook exported to its README, as stored): "Generating train split: 30 examples", train split size 30, ID, Problem, Solution Value(string), Answer Value(int64)'],
    uses: { codeIndex: 10 },
    checked: '2026-12-07',
  },
];
