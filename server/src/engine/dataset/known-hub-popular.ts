/**
 * The first extensions of the known Hub datasets (see `known-hub-datasets.ts` for how each was chosen and read): the
 * ids the official Unsloth notebooks and TRL's examples load most, and those the real-script corpora load most
 * (2026-12-06, and session 14's third extension).
 */
import type { KnownColumn, KnownHubDataset } from './known-hub-lookup';

const str = (name: string): KnownColumn => ({ name, type: 'string' });
const SHAREGPT = 'list<struct<from: string, value: string>>';
const MESSAGES = 'list<struct<content: string, role: string>>';

export const POPULAR_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'mlabonne/FineTome-100k',
    configs: { default: { columns: [{ name: 'conversations', type: SHAREGPT }, str('source'), { name: 'score', type: 'float64' }], splits: { train: 100000 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/mlabonne/FineTome-100k README.md at fce49a4 and 164a006'],
    uses: { unslothNotebooks: 65, unslothTemplates: 16 },
  },
  {
    id: 'unsloth/OpenMathReasoning-mini',
    configs: {
      default: {
        columns: ['expected_answer', 'problem_type', 'problem_source', 'generation_model', 'pass_rate_72b_tir', 'problem', 'generated_solution', 'inference_mode'].map(str),
        splits: { cot: 19252 },
      },
    },
    evidence: [
      'dataset card dataset_info YAML of dipanjanS/OpenMathReasoning-mini, a Hub duplicate of this repository ("Duplicate from unsloth/OpenMathReasoning-mini", 0a3b777)',
      'file list of huggingface.co/datasets/unsloth/OpenMathReasoning-mini at 5ea611a: data/cot-00000-of-00001.parquet',
    ],
    uses: { unslothNotebooks: 51, unslothTemplates: 10 },
  },
  {
    id: 'unsloth/LaTeX_OCR',
    configs: { default: { columns: [{ name: 'image', type: 'image' }, str('text')], splits: { train: 68686, test: 7632 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/unsloth/LaTeX_OCR README.md at f07065d (main, 4da395c)'],
    uses: { unslothNotebooks: 45, unslothTemplates: 10 },
  },
  {
    id: 'openai/gsm8k',
    configs: {
      main: { columns: [str('question'), str('answer')], splits: { train: 7473, test: 1319 } },
      socratic: { columns: [str('question'), str('answer')], splits: { train: 7473, test: 1319 } },
    },
    evidence: ['dataset card dataset_info YAML (configs main and socratic), huggingface.co/datasets/openai/gsm8k README.md as of e53f048 (shown in commit 24cabd4)'],
    uses: { unslothNotebooks: 28, unslothTemplates: 7, trl: 4 },
  },
  {
    id: 'open-r1/DAPO-Math-17k-Processed',
    configs: Object.fromEntries(['all', 'en', 'cn'].map((c) => [c, {
      columns: ['prompt', 'solution', 'data_source', 'source_prompt', 'ability', 'reward_model', 'extra_info'].map((name) => ({ name, type: 'unknown' })),
      splits: { train: c === 'en' ? 14116 : undefined },
    }])),
    evidence: [
      'create_dataset.py in huggingface.co/datasets/open-r1/DAPO-Math-17k-Processed at 866c0f0: select_columns([prompt, solution, data_source, source_prompt, ability, reward_model, extra_info]), pushed as configs all, en and cn',
      'file list at 532386f: all/train-00000-of-00001.parquet',
      'config en: "Generating train split: 0/14116" and nothing else on loading it in unslothai/notebooks bdda2efc nb/Qwen3_(4B)-GRPO.ipynb, which prints Dataset({…, num_rows: 14116}) (session 18)',
    ],
    uses: { unslothNotebooks: 18, unslothTemplates: 4 },
  },
  {
    id: 'philschmid/guanaco-sharegpt-style',
    configs: { default: { columns: [{ name: 'conversations', type: SHAREGPT }], splits: { train: 9033 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/philschmid/guanaco-sharegpt-style README.md at 69bfddb'],
    uses: { unslothNotebooks: 15, unslothTemplates: 5 },
  },
  {
    id: 'yahma/alpaca-cleaned',
    configs: { default: { columns: [str('output'), str('input'), str('instruction')], splits: { train: 51760 } } },
    evidence: [
      'dataset card (README.md at ddb5c8c): records with "instruction", "input", "output"; the repository holds alpaca_data_cleaned.json',
      'Hub viewer as quoted on huggingface.co/datasets/yahma/alpaca-cleaned/viewer/default/train: subset default, split train, 51.8k rows',
      'printed load_dataset("yahma/alpaca-cleaned") kept in a script\'s comment (code index file 49043971122, and three copies): DatasetDict train, features output, input, instruction; num_rows 51760',
    ],
    uses: { unslothNotebooks: 1, unslothTemplates: 12 },
  },
  {
    id: 'trl-lib/Capybara',
    configs: { default: { columns: [str('source'), { name: 'messages', type: MESSAGES }, { name: 'num_turns', type: 'int64' }], splits: { train: 15806, test: 200 } } },
    evidence: ['dataset card dataset_info YAML of Nanthasit/Capybara, a Hub duplicate of this repository ("Duplicate from trl-lib/Capybara", b19587e)'],
    uses: { trl: 23 },
  },
  {
    id: 'trl-lib/DeepMath-103K',
    configs: { default: { columns: [{ name: 'prompt', type: 'list<struct<role: string, content: string>>' }, str('solution')], splits: { train: undefined, test: undefined } } },
    evidence: ['the script that builds it, huggingface/trl examples/datasets/deepmath_103k.py (f2cd577): map to {"prompt": [{"role", "content"}], "solution"} removing every other column, then train_test_split'],
    uses: { trl: 11 },
  },
  {
    id: 'trl-lib/tldr',
    configs: { default: { columns: [str('prompt'), str('completion')], splits: { train: undefined, validation: undefined, test: undefined } } },
    evidence: ['the script that builds it, huggingface/trl examples/datasets/tldr.py (f2cd577): train/validation/test mapped to {"prompt", "completion"} removing id, subreddit, title, post, summary'],
    uses: { trl: 14 },
  },
  {
    id: 'trl-lib/kto-mix-14k',
    configs: { default: { columns: [{ name: 'prompt', type: MESSAGES }, { name: 'completion', type: MESSAGES }, { name: 'label', type: 'bool' }], splits: { train: 13500, test: 1500 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/trl-lib/kto-mix-14k README.md at 4470f03 (main)'],
    uses: { trl: 13 },
  },
  {
    id: 'trl-lib/ultrafeedback-prompt',
    configs: { default: { columns: [{ name: 'prompt', type: 'list<struct<role: string, content: string>>' }], splits: { train: undefined, test: undefined } } },
    evidence: ['the script that builds it, huggingface/trl examples/datasets/ultrafeedback-prompt.py (f2cd577): map to {"prompt": [{"role", "content"}]} removing every other column, then train_test_split'],
    uses: { trl: 10 },
  },
  {
    id: 'HuggingFaceH4/ultrafeedback_binarized',
    configs: {
      default: {
        columns: [str('prompt'), str('prompt_id'), { name: 'chosen', type: MESSAGES }, { name: 'rejected', type: MESSAGES }, { name: 'messages', type: MESSAGES }, { name: 'score_chosen', type: 'float64' }, { name: 'score_rejected', type: 'float64' }],
        splits: { train_prefs: 61135, train_sft: 61135, test_prefs: 2000, test_sft: 1000, train_gen: 61135, test_gen: 1000 },
      },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceH4/ultrafeedback_binarized README.md at daee4cf (main) and 2a3fb93'],
    uses: { realScripts: { calls: 6, repos: 6 } },
  },
  {
    id: 'databricks/databricks-dolly-15k',
    configs: { default: { columns: [str('instruction'), str('context'), str('response'), str('category')], splits: { train: undefined } } },
    evidence: [
      'dataset_info YAML of agie-ai/databricks-databricks-dolly-15k, a Hub copy (README.md e4f0d36): instruction, context, response, category (string), split train',
      'TensorFlow Datasets catalog entry databricks_dolly (the same records): features category, context, instruction, response',
      'file list of huggingface.co/datasets/databricks/databricks-dolly-15k: one databricks-dolly-15k.jsonl (d8f5e5a), so the single split is train',
    ],
    uses: { realScripts: { calls: 12, repos: 5 } },
  },
  {
    id: 'HuggingFaceH4/Multilingual-Thinking',
    configs: {
      default: {
        columns: [...['reasoning_language', 'developer', 'user', 'analysis', 'final'].map(str), { name: 'messages', type: 'unknown' }],
        splits: { train: 1000 },
      },
    },
    evidence: [
      'printed load_dataset("HuggingFaceH4/Multilingual-Thinking", split="train") in unslothai/notebooks bdda2ef (nb/gpt-oss-(20B)-Fine-tuning.ipynb) and huggingface/trl f2cd577 (examples/notebooks/sft_trl_lora_qlora.ipynb): features reasoning_language, developer, user, analysis, final, messages; num_rows 1000',
      'dataset_info YAML in huggingface.co/datasets/HuggingFaceH4/Multilingual-Thinking README.md at refs/pr/6 (9b3fbf4): the five first columns string, split train 1000 examples',
    ],
    uses: { realScripts: { calls: 22, repos: 4 } },
  },
  {
    id: 'vicgalle/alpaca-gpt4',
    configs: { default: { columns: [str('instruction'), str('input'), str('output'), str('text')], splits: { train: 52002 } } },
    evidence: [
      'printed load_dataset("vicgalle/alpaca-gpt4", split="train").column_names in patchy631/ai-engineering-hub DeepSeek-finetuning/Fine_tune_DeepSeek.ipynb: [instruction, input, output, text], "Generating train split: 0/52002"',
      'dataset card as quoted on atyun.com/datasets/info/vicgalle/alpaca-gpt4: instruction, input, output, text, each str',
      'file list of huggingface.co/datasets/vicgalle/alpaca-gpt4 at 48bb140: data/train-00000-of-00001-6ef3991c06080e14.parquet',
    ],
    uses: { realScripts: { calls: 11, repos: 4 } },
  },
  {
    id: 'Anthropic/hh-rlhf',
    configs: { default: { columns: [str('chosen'), str('rejected')], splits: { train: 160800, test: 8552 } } },
    evidence: [
      'the script that builds trl-lib/hh-rlhf-helpful-base, huggingface/trl examples/datasets/hh-rlhf-helpful-base.py (f2cd577): reads example["chosen"] and example["rejected"] as strings and returns {prompt, chosen, rejected} without removing columns',
      'dataset_info YAML of trl-internal-testing/hh-rlhf-trl-style, built from the whole dataset that way: chosen, rejected, prompt; train 160800, test 8552 (as in Baidicoot/anthropic-hh-rlhf and psyche/anthropic-hh-rlhf)',
    ],
    uses: { realScripts: { calls: 4, repos: 4 } },
  },
  {
    id: 'HuggingFaceH4/ultrachat_200k',
    configs: {
      default: {
        columns: [str('prompt'), str('prompt_id'), { name: 'messages', type: MESSAGES }],
        splits: { train_sft: 207865, test_sft: 23110, train_gen: 256032, test_gen: 28304 },
      },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceH4/ultrachat_200k README.md at 8049631 (main)'],
    uses: { realScripts: { calls: 3, repos: 3 } },
  },
  {
    id: 'Abirate/english_quotes',
    configs: { default: { columns: [str('quote'), str('author'), { name: 'tags', type: 'list<string>' }], splits: { train: 2508 } } },
    evidence: [
      'dataset card Data Fields, huggingface.co/datasets/Abirate/english_quotes README.md (f76e410, main): author, quote, tags (a list of tags)',
      'Hub viewer as quoted on huggingface.co/datasets/Abirate/english_quotes/viewer: subset default, split train, 2.51k rows',
      'dataset_info YAML of ybelkada/english_quotes_copy (c424633): quote, author string, tags sequence of string; train 2508 examples',
    ],
    uses: { realScripts: { calls: 12, repos: 5 } },
  },
  {
    id: 'argilla/distilabel-capybara-dpo-7k-binarized',
    configs: {
      default: {
        columns: [
          str('source'), { name: 'conversation', type: 'list<struct<input: string, output: string>>' }, str('original_response'),
          { name: 'generation_prompt', type: 'list<string>' }, { name: 'raw_generation_responses', type: 'list<string>' }, { name: 'new_generations', type: 'list<string>' },
          str('prompt'), { name: 'chosen', type: MESSAGES }, { name: 'rejected', type: MESSAGES },
          { name: 'rating_chosen', type: 'int64' }, { name: 'rating_rejected', type: 'int64' }, str('chosen_model'), str('rejected_model'),
        ],
        splits: { train: 7563 },
      },
    },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/argilla/distilabel-capybara-dpo-7k-binarized README.md at e84b88a (as served by a Hub mirror, phind.xodi.top)'],
    uses: { realScripts: { calls: 7, repos: 2 } },
  },
  {
    id: 'mlabonne/guanaco-llama2-1k',
    configs: { default: { columns: [str('text')], splits: { train: 1000 } } },
    evidence: ['dataset_info YAML of same-named Hub copies (abishekcodes/guanaco-llama2-1k ee2ebc8, tara-jew/guanaco-llama2-1k c38d8ae, weege007/guanaco-llama2-1k f28f52b): text string; train 1000 examples and the same num_bytes (1654448) in each'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  // Second extension (2026-12-06): see docs/corpus.md, "Known Hub datasets, second extension".
  {
    id: 'trl-lib/ultrafeedback_binarized',
    configs: { default: { columns: ['chosen', 'rejected', 'score_chosen', 'score_rejected'].map((name) => ({ name, type: 'unknown' })), splits: { train: 62135, test: undefined } } },
    evidence: [
      'printed load_dataset("trl-lib/ultrafeedback_binarized", split="train") kept in a RewardTrainer script (code index file 42070569876): features chosen, rejected, score_chosen, score_rejected; num_rows 62135 (types not read)',
      'the Hub viewer of huggingface.co/datasets/trl-lib/ultrafeedback_binarized (session 18): Subset (1) default, Split (2) train 62.1k and test 1k rows; its data/ folder at 47124cb: train-00000-of-00001.parquet and test-00000-of-00001.parquet',
    ],
    uses: { trl: 24, realScripts: { calls: 18, repos: 6 } },
  },
  {
    id: 'timdettmers/openassistant-guanaco',
    configs: { default: { columns: [str('text')], splits: { train: 9846, test: 518 } } },
    evidence: [
      'printed load_dataset in InternLM/xtuner configs/_base_/datasets/oasst1.py ("Dataset Meta Info (after load_dataset)"): DatasetDict train 9846, test 518, features text',
      'printed ds["train"] and ds["train"][0]["text"] (a "### Human: … ### Assistant: …" string) in xtuner\'s dataset docs (code index file 630041531)',
      'dataset_info YAML of gpjt/openassistant-guanaco-llama2-format ("timdettmers/openassistant-guanaco converted … otherwise unchanged", f795301): text string; train 9846, test 518',
    ],
    uses: { realScripts: { calls: 8, repos: 4 } },
  },
  {
    id: 'tatsu-lab/alpaca',
    configs: { default: { columns: ['instruction', 'input', 'output', 'text'].map(str), splits: { train: 52002 } } },
    evidence: [
      'printed load_dataset("tatsu-lab/alpaca") then print(dataset) in a notebook exported to a blog post (code index file 13223535822): DatasetDict train, features instruction, input, output, text; num_rows 52002; a printed row with each a string',
      'the same DatasetDict printed in xtuner\'s dataset docs (code index files 154874145, 19907328732)',
    ],
    uses: { realScripts: { calls: 4, repos: 3 } },
  },
  {
    id: 'HuggingFaceH4/no_robots',
    configs: { default: { columns: [str('prompt'), str('prompt_id'), { name: 'messages', type: 'list<struct<content: string, role: string>>' }, str('category')], splits: { train: 9500, test: undefined } } },
    evidence: [
      'dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceH4/no_robots README.md (its blame view at main, as stored): prompt, prompt_id string, messages list of {content, role} strings, category string; configs data_files train and test; train 9500 examples',
      'printed load_dataset("HuggingFaceH4/no_robots", split="train") in a tutorial (code index file 70094117574): Dataset({features: [prompt, prompt_id, messages, category], num_rows: 9500})',
    ],
    uses: { codeIndex: 10 },
  },
  {
    id: 'b-mc2/sql-create-context',
    configs: { default: { columns: ['answer', 'context', 'question'].map(str), splits: { train: 78577 } } },
    evidence: [
      'dataset card as quoted on atyun.com/datasets/info/b-mc2/sql-create-context: 78,577 examples of question, context (CREATE TABLE statements) and answer (SQL), sample records of strings',
      'a docstring quoting the printed dataset (code index file 32554600290): DatasetDict train, features answer, context, question; num_rows 78577, with the card\'s first record',
      'brej-29/analytics-copilot-text2sql docs/dataset.md: the dataset ships a single train split',
    ],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'iamtarun/python_code_instructions_18k_alpaca',
    configs: { default: { columns: ['instruction', 'input', 'output', 'prompt'].map((name) => ({ name, type: 'unknown' })), splits: { train: 18612 } } },
    evidence: ['printed Dataset({features: [instruction, input, output, prompt], num_rows: 18612}) kept in a comment above load_dataset("iamtarun/python_code_instructions_18k_alpaca")["train"] (code index file 28469029600)'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'Open-Orca/SlimOrca',
    configs: { default: { columns: [{ name: 'conversations', type: 'unknown' }], splits: { train: 517982 } } },
    evidence: ['printed load_dataset("Open-Orca/SlimOrca") kept in a script\'s comments (code index file 2219428115): DatasetDict train, features conversations; num_rows 517982; rows are lists of {from, value, weight}'],
    uses: { codeIndex: 10 },
  },
  {
    id: 'AI-MO/NuminaMath-TIR',
    configs: { default: { columns: ['problem', 'solution', 'messages'].map((name) => ({ name, type: 'unknown' })), splits: { train: undefined, test: undefined } } },
    evidence: ['printed load_dataset("AI-MO/NuminaMath-TIR", split=["train[:5%]", "test[:5%]"]) in a GRPO notebook exported to markdown (code index file 8170384555): features problem, solution, messages; both splits load (3622 rows in 5% of train; the whole sizes not read)'],
    uses: { trl: 5, realScripts: { calls: 5, repos: 1 } },
  },
  {
    id: 'argilla/distilabel-intel-orca-dpo-pairs',
    configs: {
      default: {
        columns: ['system', 'input', 'chosen', 'rejected', 'generations', 'order', 'labelling_model', 'labelling_prompt', 'raw_labelling_response', 'rating', 'rationale', 'status', 'original_chosen', 'original_rejected', 'chosen_score', 'in_gsm8k_train'].map((name) => ({ name, type: 'unknown' })),
        splits: { train: 12859 },
      },
    },
    evidence: ['printed load_dataset("argilla/distilabel-intel-orca-dpo-pairs") in a blog post (code index file 59384033091): DatasetDict train, 16 features from system to in_gsm8k_train; num_rows 12859'],
    uses: { realScripts: { calls: 2, repos: 2 } },
  },
  {
    id: 'HuggingFaceH4/orca_dpo_pairs',
    configs: { default: { columns: [{ name: 'chosen', type: MESSAGES }, { name: 'rejected', type: MESSAGES }, str('prompt')], splits: { train_prefs: 12359, test_prefs: 500 } } },
    evidence: ['dataset card dataset_info YAML, huggingface.co/datasets/HuggingFaceH4/orca_dpo_pairs README.md at 31c9da6 (main): chosen and rejected lists of {content, role} strings, prompt string; train_prefs 12359, test_prefs 500'],
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'gsm8k',
    configs: { main: { columns: [str('question'), str('answer')], splits: { train: 7473, test: 1319 } } },
    configsNotRead: ['socratic'],
    evidence: [
      'printed load_dataset("gsm8k", "main") in a docstring (code index file 9479023345) and in commented-out output of the same call on a local copy (6798242510): DatasetDict train 7473, test 1319, features question, answer',
      'config socratic: scripts load load_dataset("gsm8k", "socratic") (code index files 13731617513, 27231328712); its columns were not read under this id',
    ],
    uses: { realScripts: { calls: 4, repos: 3 } },
  },
  {
    id: 'trl-lib/math_shepherd',
    configs: { default: { columns: ['prompt', 'completions', 'labels'].map((name) => ({ name, type: 'unknown' })), splits: { train: undefined, test: undefined } } },
    evidence: ['the script that builds it, huggingface/trl examples/datasets/math_shepherd.py (f2cd577): peiyi9979/Math-Shepherd mapped to {"prompt", "completions", "labels"} removing input, label, task, then train_test_split(test_size=0.05); the model card it pushes lists those three columns'],
    uses: { trl: 3, realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'trl-lib/prm800k',
    configs: { default: { columns: ['prompt', 'completions', 'labels'].map((name) => ({ name, type: 'unknown' })), splits: { train: undefined, test: undefined } } },
    evidence: ['the script that builds it, huggingface/trl examples/datasets/prm800k.py (f2cd577): phase1 train and test JSON files mapped to rows of {"prompt", "completions", "labels"} removing the seven source columns; the model card it pushes lists those three columns'],
    uses: { trl: 3, realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'trl-lib/hh-rlhf-helpful-base',
    configs: {
      default: {
        columns: [{ name: 'chosen', type: 'list<struct<role: string, content: string>>' }, { name: 'rejected', type: 'list<struct<role: string, content: string>>' }, { name: 'prompt', type: 'list<struct<role: string, content: string>>' }],
        splits: { train: undefined, test: undefined },
      },
    },
    evidence: [
      'the script that builds it, huggingface/trl examples/datasets/hh-rlhf-helpful-base.py (f2cd577): load_dataset("Anthropic/hh-rlhf", data_dir="helpful-base") mapped to {"prompt", "chosen", "rejected"} as lists of {"role", "content"} (the source\'s own two columns are chosen and rejected, so nothing else remains: dataset_info YAML of tasksource/hh-rlhf, config helpful-base: chosen, rejected strings, splits train and test)',
      'the source files helpful-base/train.jsonl.gz and helpful-base/test.jsonl.gz (anthropics/hh-rlhf, as listed on deepwiki.com/anthropics/hh-rlhf), so splits train and test',
    ],
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'roneneldan/TinyStories',
    configs: { default: { columns: [str('text')], splits: { train: 2119719, validation: 21990 } } },
    evidence: [
      'printed load_dataset("roneneldan/TinyStories", split="train") and split="validation" in an exported notebook (code index file 56765143135): features text, num_rows 2119719 and 21990, a printed row of each a string',
      'the same two Dataset reprs in project notes (code index files 63186664779, 11055947879)',
    ],
    uses: { realScripts: { calls: 14, repos: 2 } },
  },
  {
    id: 'dair-ai/emotion',
    // Session 25: the load without a config name is config "split" (the viewer's only subset of 16k/2k/2k rows), so it is
    // written under that name and is the default; "unsplit" (one train split of 417k rows) was not read.
    configs: { split: { columns: [str('text'), { name: 'label', type: 'unknown' }], splits: { train: 16000, validation: 2000, test: 2000 } } },
    defaultConfig: 'split',
    configsNotRead: ['unsplit'],
    evidence: ['printed load_dataset("dair-ai/emotion") (no config name) in a tutorial (code index file 29325394929): DatasetDict train 16000, validation 2000, test 2000, features text, label; printed rows with lowercased text strings and integer labels',
      'the Hub viewer of dair-ai/emotion (huggingface.co/datasets/dair-ai/emotion/viewer/split/train, read 2026-12-07): Subset (2) split (20k rows) and unsplit (417k rows); split has Split (3) train 16k, validation 2k, test 2k rows, the sizes of the load above, which is therefore config split; the tree has unsplit/train-00000-of-00001.parquet ("Add \'unsplit\' config data files")'],
    uses: { realScripts: { calls: 14, repos: 2 } },
  },
];
