/**
 * trainlint's table of known Hub datasets, its printed-text part (session 20; docs/corpus.md, "Known Hub datasets,
 * session 20"): text, chat and instruction datasets that the regression corpora (/tmp/corpora, 260 repositories) load
 * and the table did not know, read in the printed outputs of the corpora's own notebooks (one,
 * lemon-mint/korean_parallel_sentences_v1.1, in an output a script pasted into its docstring). Same rules as
 * `known-hub-datasets.ts`: every fact was read and each entry says where.
 *
 * Only an output that shows the dataset as loaded counts: the cell that calls `load_dataset` does nothing else to it
 * before it is printed (no `map`, `filter`, column change or pandas round trip; indexing a split is fine), or the next
 * cell prints it bare. A printed `Dataset({features: […], num_rows: N})` gives the column names, not their types, so
 * every column here is `unknown`. A split list is complete (`splitsComplete`) only when the whole DatasetDict was
 * printed, or the first download's "Generating <split> split" lines of a cell that loads only this dataset showed
 * every split (`datasets` prepares them all before it selects one). A config loaded by name is the only config
 * written, and the entry has `otherConfigs`. Counts in `uses.realScripts` are the session-20 count of
 * `bench/hub-coverage.ts` over the corpora. Each corpus is named by its repository and the commit extracted
 * (/tmp/corpora/MANIFEST.tsv).
 */
import type { KnownColumn, KnownHubDataset, SplitsComplete } from './known-hub-lookup';

const unk = (name: string): KnownColumn => ({ name, type: 'unknown' });
/** A column a printed row showed as a Python string. */
const str = (name: string): KnownColumn => ({ name, type: 'string' });

/** When the outputs were read. */
const CHECKED = '2026-12-07';
/** The whole DatasetDict printed (`DatasetDict({train: …, test: …})`). */
const wholeDict: SplitsComplete = { by: 'printed', read: CHECKED };
/** Every split's "Generating <split> split" line of a first download, in a cell that loads only this dataset. */
const generating = (where: string): SplitsComplete => ({ by: 'printed', read: CHECKED, where: `"Generating … split" lines in ${where}` });

const ANDY = 'andysingal/llm-course 192069e';
const ADITHYA = 'adithya-s-k/AI-Engineering.academy 098da38';
const GEMMA = 'google-gemini/gemma-cookbook e119e3d';
const FLAG = 'FlagOpen/FlagEmbedding 7ed43d6';
/** A retrieval query row (MLDR, MIRACL): id and query strings, then the passage lists (their element type not written). */
const QUERY_ROW = [str('query_id'), str('query'), unk('positive_passages'), unk('negative_passages')];

export const PRINTED_TEXT_HUB_DATASETS: readonly KnownHubDataset[] = [
  {
    id: 'bitext/Bitext-customer-support-llm-chatbot-training-dataset',
    configs: { default: { columns: ['flags', 'instruction', 'category', 'intent', 'response'].map(unk), splits: { train: 26872 } } },
    evidence: [`printed \`data\` right after data = load_dataset(DATASET_ID, split='train') with DATASET_ID = "bitext/Bitext-customer-support-llm-chatbot-training-dataset", in ${ANDY} RAG/FineTuning_Zephyr_7B_for_Coustomer_Service_Chatbot.ipynb: features flags, instruction, category, intent, response; num_rows 26872`],
    checked: CHECKED,
    uses: { realScripts: { calls: 8, repos: 3 } },
  },
  {
    id: 'hieunguyenminh/roleplay',
    configs: { default: { columns: ['name', 'description', 'text'].map(unk), splits: { train: 5755 } } },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("hieunguyenminh/roleplay", split="train") in ${GEMMA} Gemma/[Gemma_2]Finetune_with_Torch_XLA.ipynb: "Generating train split: 5755", then features name, description, text; num_rows 5755`],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'bebechien/HongGildongJeon',
    configs: { default: { columns: ['original', 'modern translation'].map(unk), splits: { train: 447 } } },
    evidence: [`print(ds) right after ds = load_dataset("bebechien/HongGildongJeon", split="train") in ${GEMMA} Gemma/[Gemma_2]Translator_of_Old_Korean_Literature.ipynb and Gemma/[Gemma_3]In-context_Learning.ipynb: features original, modern translation; num_rows 447`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'bebechien/korean_cake_boss',
    configs: {
      default: {
        columns: ['input', 'output'].map(unk), splits: { train: 20 },
        splitsComplete: generating(`${GEMMA} Demos/spoken-language-tasks/k-gemma-it/spoken_language_tasks_with_gemma.ipynb (only "train", 20; the one data file train.csv)`),
      },
    },
    evidence: [`print(ds) right after ds = load_dataset("bebechien/korean_cake_boss", split="train") in ${GEMMA} Demos/spoken-language-tasks/k-gemma-it/spoken_language_tasks_with_gemma.ipynb: features input, output; num_rows 20`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'HuggingFaceTB/smoltalk2',
    configs: {
      SFT: {
        columns: ['messages', 'chat_template_kwargs', 'source'].map(unk),
        splits: {
          LongAlign_64k_Qwen3_32B_yarn_131k_think: 7526, 'OpenThoughts3_1.2M_think': 1133524, aya_dataset_Qwen3_32B_think: 15222,
          multi_turn_reasoning_if_think: 28217, 's1k_1.1_think': 835, smolagents_toolcalling_traces_think: 9079,
          smoltalk_everyday_convs_reasoning_Qwen3_32B_think: 2057, smoltalk_multilingual8_Qwen3_32B_think: 244736,
          smoltalk_systemchats_Qwen3_32B_think: 27436, table_gpt_Qwen3_32B_think: 13201,
          LongAlign_64k_context_lang_annotated_lang_6_no_think: 6249, Mixture_of_Thoughts_science_no_think: 86110,
          'OpenHermes_2.5_no_think': 384900, 'OpenThoughts3_1.2M_no_think_no_think': 435193, hermes_function_calling_v1_no_think: 8961,
          smoltalk_multilingual_8languages_lang_5_no_think: 254047, smoltalk_smollm3_everyday_conversations_no_think: 2260,
          smoltalk_smollm3_explore_instruct_rewriting_no_think: 30391, smoltalk_smollm3_smol_magpie_ultra_no_think: 406843,
          smoltalk_smollm3_smol_rewrite_no_think: 53262, smoltalk_smollm3_smol_summarize_no_think: 96061,
          smoltalk_smollm3_systemchats_30k_no_think: 33997, table_gpt_no_think: 13203,
          tulu_3_sft_personas_instruction_following_no_think: 29970, xlam_traces_no_think: 59962,
        },
        splitsComplete: wholeDict,
      },
    },
    otherConfigs: true,
    evidence: ['printed load_dataset("HuggingFaceTB/smoltalk2", "SFT") whole in huggingface/smol-course 32dde01 notebooks/1/4.ipynb: "Total splits: 25", each split\'s Dataset with features messages, chat_template_kwargs, source and its num_rows (3383242 in all); the other configs not read'],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'sarvamai/samvaad-hi-v1',
    configs: { default: { columns: [unk('messages')], splits: { train: 101476 } } },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("sarvamai/samvaad-hi-v1", split="train") in ${ADITHYA} archives/DataPrep/samvad/dataprep.ipynb: features messages; num_rows 101476`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'CognitiveLab/Aarogya_Medical_Dataset',
    configs: { default: { columns: [unk('completion_text')], splits: { train: 54335 }, splitsComplete: wholeDict } },
    evidence: [`printed \`dataset\` right after dataset = load_dataset("CognitiveLab/Aarogya_Medical_Dataset") in ${ADITHYA} archives/DataPrep/aarogya/formatting.ipynb: DatasetDict train only, features completion_text; num_rows 54335`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'CognitiveLab/English_Instruction_Combined',
    configs: { default: { columns: ['instruction', 'output'].map(unk), splits: { train: 417314 }, splitsComplete: wholeDict } },
    evidence: [`printed \`dataset\` right after dataset = load_dataset("CognitiveLab/English_Instruction_Combined") in ${ADITHYA} archives/DataPrep/ambari/translate_inference_single.ipynb: DatasetDict train only, features instruction, output; num_rows 417314`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'CognitiveLab/image-prompts-raw',
    configs: { default: { columns: ['negativePrompt', 'steps', 'id', 'sampler', 'imageUrl', 'cfgScale', 'clipSkip', 'url', 'model', 'prompt', 'seed'].map(unk), splits: { train: 12683 } } },
    evidence: [`printed image_dataset["train"] right after image_dataset = load_dataset("CognitiveLab/image-prompts-raw") in ${ADITHYA} archives/DataPrep/llava/image_prep_dataset.ipynb: features negativePrompt, steps, id, sampler, imageUrl, cfgScale, clipSkip, url, model, prompt, seed; num_rows 12683 (the other splits, if any, not printed)`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'HuggingFaceH4/testing_self_instruct_small',
    configs: {
      default: {
        columns: ['prompt', 'completion'].map(unk), splits: { train: 100, test: 100 },
        splitsComplete: generating('adityas2410/sql-instruct-qlora-llm 8e899d9 peft_qlora_llm_instruct.ipynb ("train", 100, and "test", 100)'),
      },
    },
    evidence: ['printed `data` in the cell of data = load_dataset("HuggingFaceH4/testing_self_instruct_small", split="train") in adityas2410/sql-instruct-qlora-llm 8e899d9 peft_qlora_llm_instruct.ipynb: two parquet files, "Generating train split: 0/100" and "Generating test split: 0/100", then features prompt, completion; num_rows 100'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'ilsilfverskiold/tech-keywords-topics-summary',
    configs: {
      default: {
        columns: ['id', 'source', 'text', 'timestamp', 'reactions', 'engagement', 'url', 'text_length', 'keywords', 'topic', 'summary', '__index_level_0__'].map(unk),
        splits: { train: 7196, validation: 635, test: 635 }, splitsComplete: wholeDict,
      },
    },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("ilsilfverskiold/tech-keywords-topics-summary") in ${ANDY} llama_finetune/finetune_tech_keywords.ipynb: DatasetDict train 7196, validation 635, test 635, each with features id, source, text, timestamp, reactions, engagement, url, text_length, keywords, topic, summary, __index_level_0__`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'bananabot/TrumpSpeeches',
    // 7440 rows printed for split="train[1:]", so "train" holds 7441.
    configs: { default: { columns: [unk('text')], splits: { train: 7441 }, splitsComplete: generating(`${ANDY} llama_finetune/Mistral_Trump_Edition.ipynb (only "train")`) } },
    evidence: [`printed \`data\` in the cell of data = load_dataset("bananabot/TrumpSpeeches", split = 'train[1:]') in ${ANDY} llama_finetune/Mistral_Trump_Edition.ipynb: "Generating train split" (no other split), then features text; num_rows 7440`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'Tasfiul/Agricultural-dataset',
    configs: { default: { columns: ['questions', 'answers'].map(unk), splits: { train: 174994 }, splitsComplete: generating(`${ANDY} RAG/RAG_for_Agriculture.ipynb (only "train")`) } },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("Tasfiul/Agricultural-dataset", split="train") in ${ANDY} RAG/RAG_for_Agriculture.ipynb: "Generating train split" (no other split), then features questions, answers; num_rows 174994`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'alfredodeza/wine-ratings',
    configs: { default: { columns: ['name', 'region', 'variety', 'rating', 'notes'].map(unk), splits: { train: 32780, validation: 200, test: 200 }, splitsComplete: wholeDict } },
    evidence: [`printed wine_dataset right after wine_dataset = load_dataset("alfredodeza/wine-ratings") in ${ANDY} openai-experiments/openai.ipynb: DatasetDict train 32780, validation 200, test 200, features name, region, variety, rating, notes`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'm-newhauser/senator-tweets',
    configs: { default: { columns: ['date', 'id', 'username', 'text', 'party', 'labels', 'embeddings'].map(unk), splits: { train: 79754, test: 19939 }, splitsComplete: wholeDict } },
    evidence: [`printed \`dataset\` right after dataset = load_dataset("m-newhauser/senator-tweets") in ${ANDY} transformers/Qdrant_Huggingface.ipynb: DatasetDict train 79754, test 19939, features date, id, username, text, party, labels, embeddings`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'infoslack/mistral-7b-arxiv-paper-chunked',
    configs: {
      default: {
        columns: ['doi', 'chunk-id', 'chunk', 'id', 'title', 'summary', 'source', 'authors', 'categories', 'comment', 'journal_ref', 'primary_category', 'published', 'updated', 'references'].map(unk),
        splits: { train: 25 },
      },
    },
    evidence: [`printed \`dataset\` in the cell of dataset = load_dataset("infoslack/mistral-7b-arxiv-paper-chunked", split="train") in ${ANDY} RAG/notebooks/rag_chatbot_qdrant.ipynb: features doi, chunk-id, chunk, id, title, summary, source, authors, categories, comment, journal_ref, primary_category, published, updated, references; num_rows 25`],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'jamescalam/ai-arxiv2-semantic-chunks',
    // Printed for split="train[:10000]": the columns, and that "train" exists; not its size.
    configs: { default: { columns: ['id', 'title', 'content', 'prechunk_id', 'postchunk_id', 'arxiv_id', 'references'].map(unk), splits: { train: undefined } } },
    evidence: ['printed `data` in the cell of data = load_dataset("jamescalam/ai-arxiv2-semantic-chunks", split="train[:10000]") in mistralai/cookbook 1cf863b third_party/Pinecone/pinecone_rag.ipynb: features id, title, content, prechunk_id, postchunk_id, arxiv_id, references; num_rows 10000'],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'explodinggradients/fiqa',
    configs: { ragas_eval: { columns: ['question', 'ground_truths', 'answer', 'contexts'].map(unk), splits: { baseline: 30 }, splitsComplete: wholeDict } },
    otherConfigs: true,
    evidence: ['printed fiqa_eval in the cell of fiqa_eval = load_dataset("explodinggradients/fiqa", "ragas_eval") in donwany/llm-ai-book b3da131 12/ragas_quickstart.ipynb: DatasetDict baseline only, features question, ground_truths, answer, contexts; num_rows 30 (the other configs not read)'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'Salesforce/dialogstudio',
    configs: {
      TweetSumm: {
        columns: ['original dialog id', 'new dialog id', 'dialog index', 'original dialog info', 'log', 'prompt'].map(unk),
        splits: { train: 879, validation: 110, test: 110 }, splitsComplete: wholeDict,
      },
    },
    otherConfigs: true,
    evidence: ['printed `dataset` in the cell of dataset = load_dataset("Salesforce/dialogstudio", "TweetSumm") in ashishpatel26/LLM-Finetuning cf89e05 12_Fine_tuning_Microsoft_Phi_1_5b_on_custom_dataset(dialogstudio).ipynb: DatasetDict train 879, validation 110, test 110, features original dialog id, new dialog id, dialog index, original dialog info, log, prompt (the other configs not read)'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'shibing624/nli_zh',
    configs: { ATEC: { columns: ['sentence1', 'sentence2', 'label'].map(unk), splits: { train: 62477, validation: 20000, test: 20000 }, splitsComplete: wholeDict } },
    otherConfigs: true,
    evidence: ['printed `dataset` in the cell of dataset = load_dataset("shibing624/nli_zh", "ATEC") in adapter-hub/adapters 88f18eb notebooks/Adapter_With_Embeddings.ipynb: DatasetDict train 62477, validation 20000, test 20000, features sentence1, sentence2, label (the other configs not read)'],
    checked: CHECKED,
    uses: { realScripts: { calls: 1, repos: 1 } },
  },
  {
    id: 'Shitao/MLDR',
    // A loading script: configs per language ("en", …) and their corpora ("corpus-en", …); only these two read.
    configs: { en: { columns: QUERY_ROW, splits: { dev: undefined } }, 'corpus-en': { columns: [str('docid'), str('text')], splits: { corpus: undefined } } },
    otherConfigs: true,
    evidence: [
      `printed dataset['dev'][0] right after lang = "en"; dataset = load_dataset('Shitao/MLDR', lang, trust_remote_code=True) in ${FLAG} Tutorials/4_Evaluation/4.5.2_MLDR.ipynb (and docs/source/tutorial/4_Evaluation/4.5.2.ipynb): the whole row, query_id and query strings, positive_passages and negative_passages lists of {docid, text}`,
      'printed corpus[0] right after corpus = load_dataset(\'Shitao/MLDR\', f"corpus-{lang}", trust_remote_code=True)[\'corpus\'] in the same notebooks: the whole row, docid and text strings',
    ],
    checked: CHECKED,
    uses: { realScripts: { calls: 17, repos: 1 } },
  },
  {
    id: 'miracl/miracl',
    configs: { en: { columns: QUERY_ROW, splits: { dev: undefined } } },
    otherConfigs: true,
    evidence: [`printed dev[0] right after lang = "en"; dev = load_dataset('miracl/miracl', lang, trust_remote_code=True)['dev'] in ${FLAG} Tutorials/4_Evaluation/4.5.1_MIRACL.ipynb: the whole row, query_id and query strings, positive_passages and negative_passages lists of {docid, text, title}`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'miracl/miracl-corpus',
    configs: { en: { columns: ['docid', 'title', 'text'].map(str), splits: { train: undefined } } },
    otherConfigs: true,
    evidence: [`printed corpus[0] right after lang = "en"; corpus = load_dataset("miracl/miracl-corpus", lang, trust_remote_code=True)['train'] in ${FLAG} Tutorials/4_Evaluation/4.5.1_MIRACL.ipynb: the whole row, docid, title and text strings`],
    checked: CHECKED,
    uses: { realScripts: { calls: 3, repos: 1 } },
  },
  {
    id: 'BeIR/scifact-qrels',
    configs: { default: { columns: ['query-id', 'corpus-id', 'score'].map(unk), splits: { train: undefined } } },
    evidence: [`printed qrels[0] in the cell of qrels = load_dataset("BeIR/scifact-qrels")["train"] in ${FLAG} Tutorials/7_Fine-tuning/7.2.1_Hard_Negative_Mining.ipynb: the whole row {'query-id': 0, 'corpus-id': 31715818, 'score': 1} (integers whose width was not shown)`],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'lucasmccabe-lmi/openai_humaneval_alpaca_style',
    configs: {
      default: {
        columns: ['instruction', 'input', 'output'].map(str), splits: { train: 164 },
        splitsComplete: generating('Bihan/tpu-examples dffc112 SFTTrainer_mac.ipynb ("train", 164/164, and no other split)'),
      },
    },
    evidence: ['full_dataset = load_dataset("lucasmccabe-lmi/openai_humaneval_alpaca_style", split="train") in Bihan/tpu-examples dffc112 SFTTrainer_mac.ipynb: "Generating train split: 164/164", and full_dataset[0] printed in the next cell, the whole row, instruction, input and output strings'],
    checked: CHECKED,
    uses: { realScripts: { calls: 2, repos: 1 } },
  },
  {
    id: 'lemon-mint/korean_parallel_sentences_v1.1',
    configs: { default: { columns: ['korean', 'english'].map(unk), splits: { train: 492564 }, splitsComplete: wholeDict } },
    evidence: ['the output pasted in a docstring after raw_dataset = load_dataset("lemon-mint/korean_parallel_sentences_v1.1"); print(raw_dataset) in sayouzone/gemma3-sft a37b9b4 m4/load_dataset.py: one data file data/train-00000-of-00001.parquet, "Generating train split: 492564/492564", DatasetDict train only, features korean, english; num_rows 492564'],
    checked: CHECKED,
    uses: { realScripts: { calls: 8, repos: 1 } },
  },
];
