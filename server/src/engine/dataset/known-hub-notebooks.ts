/**
 * trainlint's table of known Hub datasets, its notebook part: the datasets the real-script corpora load that were
 * still missing, added in the table's fourth extension (session 15; docs/corpus.md, "Hub table, third extension").
 * Same rules as `known-hub-datasets.ts`: every fact was read somewhere and each entry says where. Most were read in
 * the printed outputs of notebooks of the corpora themselves (`Dataset({features: […], num_rows: N})`, a printed
 * row, a printed `features`); a column's type is written only when a printed row or `features` showed it.
 * Counts in `uses.realScripts` are from the session-15 count over corpus6–14, the older corpus, the tutorials and
 * the recall sets (`load_dataset` calls as trainlint resolves them, in `.py` files and notebook code cells).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

/** Where the split lists of all-nli's pair-class, pair-score and triplet configs were read (session 25). */
const ALL_NLI_CARD: SplitsComplete = { by: 'card', read: '2026-12-07', where: "the card's dataset_info at main (splits train, dev, test per config) and the Hub viewer (Split (3))" };
const str = (name: string): KnownColumn => ({ name, type: 'string' });
const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
const SHAREGPT = 'list<struct<from: string, value: string>>';

/** huggingface/notebooks at 5068b114 (the older corpus). */
const HF_NB = 'huggingface/notebooks 5068b114';
/** unslothai/notebooks at bdda2efc (the older corpus). */
const UNSLOTH_NB = 'unslothai/notebooks bdda2efc';

export const NOTEBOOK_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'unsloth/alpaca-cleaned',
    configs: { default: { columns: ['instruction', 'input', 'output'].map(unk), splits: { train: 51760 } } },
    evidence: [
      `the outputs of load_dataset("unsloth/alpaca-cleaned", split="train") in ${UNSLOTH_NB} (nb/Qwen3_(14B)-Alpaca.ipynb, nb/Mistral_Small_(22B)-Alpaca.ipynb and 35 more notebooks of nb/): the one data file alpaca_data_cleaned.json (44.3M), "Generating train split: 51760", then the formatting map over 51760 rows reading examples["instruction"], ["input"], ["output"]`,
      'a download script\'s docstring for this id (code index file 56884978198): "Schema : instruction, input, output"',
      'the same data file name, size and row count as yahma/alpaca-cleaned (whose printed features are output, input, instruction)',
    ],
    uses: { realScripts: { calls: 86, repos: 1 } },
  },
  {
    id: 'Intel/orca_dpo_pairs',
    configs: { default: { columns: ['system', 'question', 'chosen', 'rejected'].map(str), splits: { train: 12859 } } },
    evidence: ['printed load_dataset("Intel/orca_dpo_pairs") and its first row in SamanehTaebi/LLM-DPO-FineTuning DPO.ipynb (fourteenth-pass snapshot): DatasetDict train, features system, question, chosen, rejected; num_rows 12859; each value a string'],
    uses: { realScripts: { calls: 4, repos: 4 } },
  },
  {
    id: 'HuggingFaceTB/smoltalk',
    configs: { 'everyday-conversations': { columns: [unk('full_topic'), unk('messages')], splits: { train: 2260, test: 119 } } },
    otherConfigs: true,
    evidence: [`printed load_dataset(path="HuggingFaceTB/smoltalk", name="everyday-conversations") in ${HF_NB} (course/en/chapter11/section4.ipynb): train 2260, test 119, features full_topic, messages (the other configs not read)`],
    uses: { realScripts: { calls: 5, repos: 3 } },
  },
  {
    id: 'FreedomIntelligence/alpaca-gpt4-korean',
    configs: { default: { columns: [{ name: 'conversations', type: SHAREGPT }], splits: { train: 49969 } } },
    evidence: [`"Generating train split: 0/49969", and no other split, on loading it in ${UNSLOTH_NB} nb/LFM2.5_(1.2B)-Translation.ipynb (session 18)`, `printed print(alpaca_dataset[0]) right after load_dataset("FreedomIntelligence/alpaca-gpt4-korean", split="train") in ${UNSLOTH_NB} (nb/LFM2.5_(1.2B)-Translation.ipynb, nb/AMD-LFM2.5_(1.2B)-Translation.ipynb): the whole row is {"conversations": [{"from": "human", "value": …}, {"from": "gpt", "value": …}]}`],
    uses: { realScripts: { calls: 14, repos: 2 } },
  },
  {
    id: 'FreedomIntelligence/medical-o1-reasoning-SFT',
    configs: { en: { columns: ['Question', 'Complex_CoT', 'Response'].map(str), splits: { train: undefined } } },
    otherConfigs: true,
    evidence: ['printed rows of load_dataset("FreedomIntelligence/medical-o1-reasoning-SFT", "en", split="train") after a map that adds conversations, in hashvibe007/gemma-3-270m-medical finetune.ipynb (ninth-pass snapshot): Question, Complex_CoT, Response strings, then the added conversations'],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'Thytu/ChessInstruct',
    configs: { default: { columns: ['task', 'input', 'expected_output', 'KIND'].map(str), splits: { train: 99000, test: 1000 } } },
    evidence: [`"Generating train split: 0/99000" and "Generating test split: 0/1000" on loading it in ${UNSLOTH_NB} nb/Gemma3_(270M).ipynb (session 18)`, `printed dataset[100] of load_dataset("Thytu/ChessInstruct", split="train[:10000]") after a map that adds conversations, in ${UNSLOTH_NB} (original_template/Gemma3_(270M).ipynb, nb/Kaggle-Gemma3_(270M).ipynb): task, input, expected_output, KIND strings, then the added conversations`],
    uses: { realScripts: { calls: 8, repos: 1 } },
  },
  {
    id: 'billsum',
    configs: { default: { columns: ['summary', 'text', 'title'].map(str), splits: { train: 18949, test: 3269, ca_test: 1237 } } },
    evidence: [
      `printed billsum["train"][0] after load_dataset("billsum", split="ca_test").train_test_split(test_size=0.2) in ${HF_NB} (transformers_doc/en/summarization.ipynb and its tensorflow copy): summary, text, title strings`,
      'splits: the billsum loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/billsum/): train 18949, test 3269, ca_test 1237 (session 18)',
    ],
    uses: { realScripts: { calls: 15, repos: 1 } },
  },
  {
    id: 'swag',
    configs: {
      regular: {
        columns: [...['ending0', 'ending1', 'ending2', 'ending3'].map(str), unk('fold-ind'), unk('gold-source'), unk('label'), ...['sent1', 'sent2', 'startphrase'].map(str), unk('video-id')],
        splits: { train: 73546, validation: 20006, test: 20005 },
      },
    },
    otherConfigs: true,
    // The 2.5.2 script sets DEFAULT_CONFIG_NAME = "regular" (read in session 27): a load without a config name is this config.
    defaultConfig: 'regular',
    evidence: [
      `printed swag["train"][0] of load_dataset("swag", "regular") in ${HF_NB} (transformers_doc/en/multiple_choice.ipynb and its tensorflow copy): ending0–3, fold-ind, gold-source, label, sent1, sent2, startphrase, video-id (the endings and sentences strings)`,
      'splits: the swag loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/swag/): config regular train 73546, validation 20006, test 20005 (config full: train and validation) (session 18); its DEFAULT_CONFIG_NAME is "regular" (session 27, 2026-12-08)',
    ],
    uses: { realScripts: { calls: 14, repos: 1 } },
  },
  ...(['eli5_category', 'dany0407/eli5_category'] as const).map((id): KnownHubDataset => ({
    id,
    configs: { default: { columns: [...['q_id', 'title', 'selftext', 'category', 'subreddit'].map(str), unk('answers'), unk('title_urls'), unk('selftext_urls')], splits: id === 'eli5_category' ? { train: 91772, validation1: 5446, validation2: 2375, test: 5411 } : { train: undefined } } },
    evidence: [
      id === 'eli5_category'
        ? `printed eli5["train"][0] of load_dataset("eli5_category", split="train[:5000]").train_test_split(…) in ${HF_NB} (transformers_doc/en/masked_language_modeling.ipynb): q_id, title, selftext, category, subreddit strings, answers (a struct of lists a_id, text, score, text_urls), title_urls, selftext_urls`
        : `printed eli5["train"][0] of load_dataset("dany0407/eli5_category", split="train[:5000]").train_test_split(…) in ${HF_NB} (transformers_doc/en/language_modeling.ipynb): the same row and columns as eli5_category's`,
      ...(id === 'eli5_category' ? ['splits: the eli5_category loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/eli5_category/): train 91772, validation1 5446, validation2 2375, test 5411 (session 18)'] : []),
    ],
    uses: id === 'eli5_category' ? { realScripts: { calls: 11, repos: 3 } } : { realScripts: { calls: 3, repos: 1 } },
  })),
  {
    id: 'SetFit/sst2',
    configs: { default: { columns: [unk('text'), unk('label'), unk('label_text')], splits: { train: 6920, validation: 872, test: 1821 } } },
    evidence: [`printed load_dataset("SetFit/sst2") in ${HF_NB} (setfit_doc/en/quickstart.ipynb): train 6920, test 1821, validation 872, features text, label, label_text`],
    uses: { realScripts: { calls: 12, repos: 1 } },
  },
  {
    id: 'ought/raft',
    configs: { twitter_complaints: { columns: [unk('Tweet text'), unk('ID'), { name: 'Label', type: 'class_label[Unlabeled, complaint, no complaint]' }], splits: { train: 50, test: 3399 } } },
    otherConfigs: true,
    evidence: ['printed in andysingal/llm-course 192069e2 (Quantization/prefix_tuning_clm.ipynb): load_dataset("ought/raft", "twitter_complaints"), dataset["train"].features["Label"].names = [Unlabeled, complaint, no complaint], then a map adding text_label: train 50, test 3399, features Tweet text, ID, Label, text_label; a row with Label an integer (also grasool/Prompt-Tuning prompt-tuning-hf-twitter.ipynb)'],
    uses: { realScripts: { calls: 7, repos: 3 } },
  },
  {
    id: 'cfilt/iitb-english-hindi',
    configs: { default: { columns: [unk('translation')], splits: { train: 1659083, validation: 520, test: 2507 } } },
    evidence: ['printed load_dataset("cfilt/iitb-english-hindi") and a row in andysingal/llm-course 192069e2 (transformers/projects/langgpt-pretrained/model-training.ipynb): train 1659083, validation 520, test 2507, features translation ({en, hi} strings)'],
    uses: { realScripts: { calls: 4, repos: 2 } },
  },
  {
    id: 'code_search_net',
    configs: {
      python: {
        columns: ['repository_name', 'func_path_in_repository', 'func_name', 'whole_func_string', 'language', 'func_code_string', 'func_code_tokens', 'func_documentation_string', 'func_documentation_tokens', 'split_name', 'func_code_url'].map(unk),
        splits: { train: 412178, test: 22176, validation: 23107 },
      },
    },
    otherConfigs: true,
    evidence: [
      `printed load_dataset("code_search_net", "python")["train"] in ${HF_NB} (course/en/chapter6/section2.ipynb): features repository_name … func_code_url (11); num_rows 412178 (the other configs not read)`,
      'splits: the code_search_net loading script and dataset_infos.json in huggingface/datasets 2.5.2 (datasets/code_search_net/): config python train 412178, test 22176, validation 23107 (session 18)',
    ],
    uses: { realScripts: { calls: 8, repos: 1 } },
  },
  {
    id: 'lewtun/github-issues',
    configs: {
      default: {
        columns: ['url', 'repository_url', 'labels_url', 'comments_url', 'events_url', 'html_url', 'id', 'node_id', 'number', 'title', 'user', 'labels', 'state', 'locked', 'assignee', 'assignees', 'milestone', 'comments', 'created_at', 'updated_at', 'closed_at', 'author_association', 'active_lock_reason', 'pull_request', 'body', 'performed_via_github_app', 'is_pull_request'].map(unk),
        splits: { train: 2855 },
      },
    },
    evidence: [`printed load_dataset("lewtun/github-issues", split="train") in ${HF_NB} (course/en/chapter5/section5.ipynb, section6_pt.ipynb): 27 features from url to is_pull_request; num_rows 2855`],
    uses: { realScripts: { calls: 9, repos: 1 } },
  },
  ...([['huggingface-course/codeparrot-ds-train', 'train', 606720], ['huggingface-course/codeparrot-ds-valid', 'validation', 3322]] as const).map(([id, split, rows]): KnownHubDataset => ({
    id,
    configs: { default: { columns: ['repo_name', 'path', 'copies', 'size', 'content', 'license'].map(unk), splits: { [split]: rows } } },
    evidence: [`printed in ${HF_NB} (course/en/chapter7/section6_pt.ipynb): load_dataset("huggingface-course/codeparrot-ds-train", split="train") and load_dataset("huggingface-course/codeparrot-ds-valid", split="validation") as a DatasetDict train 606720, valid 3322, features repo_name, path, copies, size, content, license`],
    uses: { realScripts: { calls: 11, repos: 1 } },
  })),
  {
    id: 'amazon_reviews_multi',
    configs: {
      en: {
        columns: ['review_id', 'product_id', 'reviewer_id', 'stars', 'review_body', 'review_title', 'language', 'product_category'].map(unk),
        splits: { train: 200000, validation: 5000, test: 5000 },
      },
    },
    configsNotRead: ['es', 'fr'],
    evidence: [
      `printed load_dataset("amazon_reviews_multi", "en") in ${HF_NB} (course/en/chapter7/section5_pt.ipynb): train 200000, validation 5000, test 5000, features review_id, product_id, reviewer_id, stars, review_body, review_title, language, product_category`,
      'configs es and fr: scripts of the corpora load them; their columns were not printed',
    ],
    uses: { realScripts: { calls: 20, repos: 1 } },
  },
  {
    id: 'electroglyph/technical',
    configs: { default: { columns: [str('anchor'), str('positive')], splits: { train: 106628 } } },
    evidence: [`"Generating train split: 0/106628", and no other split, on loading it in ${UNSLOTH_NB} nb/Qwen3_Embedding_(0_6B).ipynb (session 18)`, `printed dataset[0..5] of load_dataset("electroglyph/technical", split="train") in ${UNSLOTH_NB} (original_template/Qwen3_Embedding_(0_6B).ipynb) and osamaaltaf-pk/LLMs-Unsloth ModernBert/ModernBert.ipynb: rows {"anchor": …, "positive": …} of strings`],
    uses: { realScripts: { calls: 33, repos: 2 } },
  },
  {
    id: 'sentence-transformers/all-nli',
    configs: {
      pair: { columns: [str('anchor'), str('positive')], splits: { train: 314315, dev: 6808, test: 6831 } },
      // Session 25: the other three configs, read in the card's dataset_info at main (its last evidence line).
      'pair-class': { columns: [str('premise'), str('hypothesis'), { name: 'label', type: 'class_label[entailment, neutral, contradiction]' }],
        splits: { train: 942069, dev: 19657, test: 19656 }, splitsComplete: ALL_NLI_CARD },
      'pair-score': { columns: [str('sentence1'), str('sentence2'), { name: 'score', type: 'float64' }],
        splits: { train: 942069, dev: 19657, test: 19656 }, splitsComplete: ALL_NLI_CARD },
      triplet: { columns: [str('anchor'), str('positive'), str('negative')], splits: { train: 557850, dev: 6584, test: undefined }, splitsComplete: ALL_NLI_CARD },
    },
    evidence: [`"Generating train split: 0/314315", "Generating dev split: 0/6808" and "Generating test split: 0/6831" on loading config pair in ${UNSLOTH_NB} nb/All_MiniLM_L6_v2.ipynb (session 18)`, `printed dataset[0..5] of load_dataset("sentence-transformers/all-nli", "pair", split="train[:100000]") in ${UNSLOTH_NB} (nb/All_MiniLM_L6_v2.ipynb, original_template/All_MiniLM_L6_v2.ipynb): rows {"anchor": …, "positive": …} of strings`,
      'dataset card of sentence-transformers/all-nli at main (huggingface.co/datasets/sentence-transformers/all-nli/blob/main/README.md, read 2026-12-07; session 25): dataset_info of four configs, pair (anchor, positive; train 314,315, dev 6,808, test 6,831), pair-class (premise, hypothesis string, label class_label entailment, neutral, contradiction; 942,069 / 19,657 / 19,656), pair-score (sentence1, sentence2 string, score float64; 942,069 / 19,657 / 19,656) and triplet (anchor, positive, negative string; train 557,850, dev 6,584, the test size cut off where it was read); the Hub viewer shows Subset (4) pair, pair-class, pair-score, triplet and Split (3) train, dev, test (earlier cards, e.g. 4f787f9 and 9908ea2, had other pair-score columns and a doubled triplet: the entry is the card at main)'],
    uses: { realScripts: { calls: 8, repos: 1 } },
  },
  {
    id: 'tomaarsen/miriad-4.4M-split',
    configs: { default: { columns: [str('question'), str('passage_text')], splits: { train: undefined, eval: undefined } } },
    evidence: [`printed the first row of list(load_dataset("tomaarsen/miriad-4.4M-split", split="train", streaming=True).take(10000)) in ${UNSLOTH_NB} (original_template/EmbeddingGemma_(300M).ipynb): {"question": …, "passage_text": …} strings; split="eval" read the same way`],
    uses: { realScripts: { calls: 16, repos: 1 } },
  },
  {
    id: 'unsloth/Radiology_mini',
    configs: { default: { columns: ['image', 'image_id', 'caption', 'cui'].map(unk), splits: { train: 1978, test: 327 } } },
    evidence: [`"Generating train split: 0/1978" and "Generating test split: 0/327" on loading it with split="train" in ${UNSLOTH_NB} nb/Llama3.2_(11B)-Vision.ipynb (session 18)`, `printed load_dataset("unsloth/Radiology_mini", split="train") in ${UNSLOTH_NB} (original_template/Llama3.2_(11B)-Vision.ipynb) and andysingal/llm-course 192069e2 (UnSlothAI/Llama_3_2_Vision_Finetuning_Unsloth_Radiography.ipynb): features image, image_id, caption, cui; num_rows 1978`],
    uses: { realScripts: { calls: 10, repos: 3 } },
  },
  {
    id: 'unsloth/llava-instruct-mix-vsft-mini',
    configs: { default: { columns: [unk('messages'), unk('images')], splits: { train: 8552, test: 1364 } } },
    evidence: [`"Generating train split: 0/8552" and "Generating test split: 0/1364" on loading it with split="train" in ${UNSLOTH_NB} nb/Pixtral_(12B)-Vision.ipynb (session 18)`, `printed load_dataset("unsloth/llava-instruct-mix-vsft-mini", split="train") in ${UNSLOTH_NB} (original_template/Pixtral_(12B)-Vision.ipynb): features messages, images; num_rows 8552 (a message's content is a list of {type, text, index} parts, not a string)`],
    uses: { realScripts: { calls: 8, repos: 1 } },
  },
  {
    id: 'nielsr/docvqa_1200_examples',
    configs: { default: { columns: ['id', 'image', 'query', 'answers', 'words', 'bounding_boxes', 'answer'].map(unk), splits: { train: 1000, test: 200 } } },
    evidence: [`printed load_dataset("nielsr/docvqa_1200_examples") in ${HF_NB} (transformers_doc/en/document_question_answering.ipynb): train 1000, test 200, features id, image, query, answers, words, bounding_boxes, answer`],
    uses: { realScripts: { calls: 9, repos: 1 } },
  },
  {
    id: 'cppe-5',
    configs: { default: { columns: ['image_id', 'image', 'width', 'height', 'objects'].map(unk), splits: { train: 1000, test: 29 } } },
    evidence: [`printed load_dataset("cppe-5") in ${HF_NB} (transformers_doc/ja/object_detection.ipynb): train 1000, test 29, features image_id, image, width, height, objects`],
    uses: { realScripts: { calls: 6, repos: 1 } },
  },
  {
    id: 'merve/vqav2-small',
    configs: { default: { columns: ['multiple_choice_answer', 'question', 'image'].map(unk), splits: { validation: undefined } } },
    evidence: ['printed in KalyanChakravarthyKodela/smol-vision-fine-tuned (eighth-pass snapshot): load_dataset("merve/vqav2-small", split="validation") (Fine_tune_PaliGemma.ipynb) and its ["validation"] (Idefics_FT.ipynb, Smol_VLM_FT.ipynb), each after train_test_split, printed with features multiple_choice_answer, question, image (the parts have 19292, 4287 and 10717 rows; the whole size is not written)'],
    uses: { realScripts: { calls: 6, repos: 1 } },
  },
  {
    id: 'Graphcore/vqa',
    configs: { default: { columns: ['question', 'question_type', 'question_id', 'image_id', 'answer_type', 'label'].map(unk), splits: { validation: undefined } } },
    evidence: [`printed load_dataset("Graphcore/vqa", split="validation[:200]") in ${HF_NB} (transformers_doc/en/visual_question_answering.ipynb): features question, question_type, question_id, image_id, answer_type, label; num_rows 200 (the whole size and the other splits not read)`],
    uses: { realScripts: { calls: 9, repos: 1 } },
  },
  {
    id: 'lambdalabs/pokemon-blip-captions',
    configs: { default: { columns: [unk('image'), unk('text')], splits: { train: 833 } } },
    evidence: ['printed load_dataset("lambdalabs/pokemon-blip-captions") in the transformers image-captioning guide (code index file 6182550): DatasetDict train, features image, text; num_rows 833 ("The dataset has two features, image and text")'],
    uses: { realScripts: { calls: 12, repos: 1 } },
  },
  {
    id: 'ethz/food101',
    configs: { default: { columns: [unk('image'), unk('label')], splits: { train: undefined, validation: undefined } } },
    evidence: [`printed food["train"][0] of load_dataset("ethz/food101", split="train[:5000]").train_test_split(…) in ${HF_NB} (transformers_doc/en/image_classification.ipynb): the row's keys image (a PIL image) and label; the same notebook loads split="validation[:10]"`],
    uses: { realScripts: { calls: 40, repos: 2 } },
  },
  // Session 18 (2026-12-07; docs/corpus.md, "Known Hub datasets, fourth extension"): the whole load printed in a notebook of
  // the session-18 regression corpora (the repository at the commit named), so the split list is complete too.
  ...([
    {
      id: 'medalpaca/medical_meadow_medical_flashcards',
      configs: { default: { columns: ['input', 'output', 'instruction'].map(str), splits: { train: 33955 } } },
      evidence: ['printed load_dataset("medalpaca/medical_meadow_medical_flashcards") and its first row in hazemzidan4545/medical-qa-fine-tuning-phi-3-5-mini 82130db7 (NLP.ipynb): DatasetDict train only, features input, output, instruction; num_rows 33955; each value a string'],
      uses: { realScripts: { calls: 2, repos: 2 } },
    },
    {
      id: 'MongoDB/embedded_movies',
      configs: { default: { columns: ['plot', 'fullplot', 'languages', 'writers', 'num_mflix_comments', 'genres', 'title', 'type', 'rated', 'cast', 'imdb', 'metacritic', 'awards', 'runtime', 'poster', 'countries', 'directors', 'plot_embedding'].map(unk), splits: { train: 1500 } } },
      evidence: ['printed load_dataset("MongoDB/embedded_movies") in huggingface/cookbook ed2c6467 (notebooks/en/rag_with_hugging_face_gemma_elasticsearch.ipynb): DatasetDict train only, 18 features from plot to plot_embedding; num_rows 1500'],
      uses: { realScripts: { calls: 2, repos: 1 } },
    },
    {
      id: 'HumanLLMs/Human-Like-DPO-Dataset',
      configs: { default: { columns: ['prompt', 'chosen', 'rejected'].map(unk), splits: { train: 10884 } } },
      evidence: ['printed load_dataset("HumanLLMs/Human-Like-DPO-Dataset") in luke-griggs/small-talk 9f79c2c4 (training_.ipynb): DatasetDict train only, features prompt, chosen, rejected; num_rows 10884'],
      uses: { realScripts: { calls: 1, repos: 1 } },
    },
    {
      id: 'shawhin/imdb-truncated',
      configs: { default: { columns: ['label', 'text'].map(unk), splits: { train: 1000, validation: 1000 } } },
      evidence: ['printed load_dataset("shawhin/imdb-truncated") in ShawhinT/YouTube-Blog 659a4a7a (LLMs/fine-tuning/ft-example.ipynb): DatasetDict train 1000, validation 1000, features label, text'],
      uses: { realScripts: { calls: 1, repos: 1 } },
    },
  ] as KnownHubDataset[]).map((d) => ({
    ...d,
    checked: '2026-12-07',
    configs: Object.fromEntries(Object.entries(d.configs).map(([name, c]) => [name, { ...c, splitsComplete: { by: 'printed' as const, read: '2026-12-07' } }])),
  })),
];
