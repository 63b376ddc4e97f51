/**
 * What a model id's tokenizer ships with, per family: a pad token, a chat template on the
 * base checkpoints, SentencePiece's leading-space prefix, BOS in the chat template.
 * Only families we are sure of are listed; anything else is unknown (rules stay quiet).
 * Sources: bug catalog entries 1, 5, 8, 37 and the checkpoints' tokenizer_config.json.
 * Used by TL102 (SentencePiece context), TL107 (BOS in the template), TL109 (base model
 * without a template) and TL203 (no pad token).
 */

export interface TokenizerFamily {
  /** `llama-2`, `llama-3`, `mistral`, `gpt2`, … */
  name: string;
  /** The original checkpoints' tokenizer_config sets a pad token; undefined when it varies (unknown). */
  hasPadToken: boolean | undefined;
  /** Base (non-instruct) checkpoints ship a chat template; undefined when it varies. */
  baseHasChatTemplate?: boolean;
  /**
   * SentencePiece with a dummy prefix: a string tokenizes differently at the start of a text
   * than after other text (`"### Assistant:"` vs `"\n### Assistant:"`).
   */
  sentencePiecePrefix: boolean;
  /** Both the chat template and `tokenizer(text)` add BOS (so template text re-tokenized doubles it). */
  bosTwice?: boolean;
  /** The pad token to suggest: an attribute of the tokenizer (`unk_token`) or a token literal. */
  padSuggestion?: { attribute: string } | { token: string };
  /**
   * The embedding matrix has spare rows beyond the tokenizer's vocabulary (Qwen 151936 vs 151665,
   * Pythia 50304 vs 50277): a few added tokens index existing (untrained) rows instead of failing.
   */
  embeddingPadded?: boolean;
  /** False when the tokenizer sets no EOS token at all (`tokenizer.eos_token` is None). */
  hasEosToken?: boolean;
}

const FAMILIES: Array<[RegExp, TokenizerFamily]> = [
  // Llama 3.2 Vision (Mllama): the conversion gives its tokenizer `pad_token="<|finetune_right_pad_id|>"` and the
  // config `pad_token_id=128004` (transformers models/mllama/convert_mllama_weights_to_hf.py, configuration_mllama.py);
  // its text embeddings have 8 spare rows (modeling_mllama.py: `nn.Embedding(config.vocab_size + 8, …)`).
  [/llama-?3[._]2-(11|90)b-vision/i, { name: 'llama-3.2-vision', hasPadToken: true, sentencePiecePrefix: false, bosTwice: true, embeddingPadded: true }],
  // Llama 3.1+ reserve a dedicated pad token; Llama 3.0 does not.
  [/llama-?3[._][1-9]/i, { name: 'llama-3', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false, bosTwice: true,
    padSuggestion: { token: '<|finetune_right_pad_id|>' } }],
  [/llama-?3/i, { name: 'llama-3', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false, bosTwice: true,
    padSuggestion: { attribute: 'eos_token' } }],
  [/codellama|code-llama/i, { name: 'llama-2', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: true,
    padSuggestion: { attribute: 'unk_token' } }],
  // TinyLlama: Llama 2's tokenizer, but its chat models' templates render no `bos_token` (TinyLlama-1.1B-Chat-v1.0:
  // `{{ '<|user|>\n' + message['content'] + eos_token }}` …, printed in fayazhussain2821/llm-finetuning-medqa
  // `notebooks/original/Training.ipynb`, whose rendered row starts "<|user|>\n"; v0.x used ChatML): one BOS, from the tokenizer.
  // TinyLlama-1.1B-Chat-v1.0 ships `pad_token` "</s>" (= EOS): its `special_tokens_map` printed right after
  // `AutoTokenizer.from_pretrained("TinyLlama/TinyLlama-1.1B-Chat-v1.0")` in tathagatoroy/Controllable_Summarization_Experiments
  // `experiments/notebooks/test_tinyllama.ipynb` reads `{'bos_token': '<s>', 'eos_token': '</s>', 'unk_token': '<unk>',
  // 'pad_token': '</s>'}` (huggingface/accelerate `examples/alst_ulysses_sequence_parallelism/sp-alst.py` pads with it).
  // The earlier chat releases (v0.1–v0.6) were not read: their pad token is unknown.
  [/tinyllama.*chat-v1\.0/i, { name: 'llama-2', hasPadToken: true, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: false,
    padSuggestion: { attribute: 'unk_token' } }],
  [/tinyllama.*chat/i, { name: 'llama-2', hasPadToken: undefined, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: false,
    padSuggestion: { attribute: 'unk_token' } }],
  [/tinyllama/i, { name: 'llama-2', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: false,
    padSuggestion: { attribute: 'unk_token' } }],
  [/llama-?2|llama-7b|llama-13b|llama-30b|llama-65b/i, { name: 'llama-2', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: true,
    padSuggestion: { attribute: 'unk_token' } }],
  [/mistral-7b-v0\.1|mistral-7b-v0\.2/i, { name: 'mistral', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: true, bosTwice: true,
    padSuggestion: { attribute: 'unk_token' } }],
  [/mistral|mixtral/i, { name: 'mistral', hasPadToken: false, sentencePiecePrefix: true, bosTwice: true,
    padSuggestion: { attribute: 'unk_token' } }],
  [/(^|\/)(distil)?gpt2/i, { name: 'gpt2', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false,
    padSuggestion: { attribute: 'eos_token' } }],
  [/falcon-(7b|40b|180b|rw)/i, { name: 'falcon', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false,
    padSuggestion: { attribute: 'eos_token' } }],
  [/pythia|gpt-neox|gpt-neo\b|gpt-j/i, { name: 'gpt-neox', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false, embeddingPadded: true,
    padSuggestion: { attribute: 'eos_token' } }],
  [/phi-2\b/i, { name: 'phi-2', hasPadToken: false, baseHasChatTemplate: false, sentencePiecePrefix: false, embeddingPadded: true,
    padSuggestion: { attribute: 'eos_token' } }],
  [/(^|\/)opt-\d/i, { name: 'opt', hasPadToken: true, baseHasChatTemplate: false, sentencePiecePrefix: false, embeddingPadded: true }],
  [/bloom/i, { name: 'bloom', hasPadToken: true, baseHasChatTemplate: false, sentencePiecePrefix: false, embeddingPadded: true }],
  // Qwen (v1: Qwen-1_8B/7B/14B/72B, -Chat, Qwen-VL, Qwen-Audio): `QWenTokenizer` (tiktoken, remote code) sets no special
  // token attribute (`__init__(self, vocab_file, errors="replace", **kwargs)`, `super().__init__(**kwargs)`) and the
  // checkpoints' tokenizer_config.json names none (`model_max_length`, `tokenizer_class`, `auto_map` only): no pad and no
  // EOS token, `<|endoftext|>` is `tokenizer.eod_id`; the chat models end turns with `<|im_end|>` by their own `make_context`.
  [/(^|\/)qwen-((1_8|7|14|72)b|vl|audio)\b/i, { name: 'qwen-v1', hasPadToken: false, hasEosToken: false, sentencePiecePrefix: false, bosTwice: false, embeddingPadded: true }],
  [/qwen/i, { name: 'qwen', hasPadToken: true, sentencePiecePrefix: false, bosTwice: false, embeddingPadded: true }],
  [/gemma/i, { name: 'gemma', hasPadToken: true, sentencePiecePrefix: false, bosTwice: true }],
  [/phi-?3|phi-?4/i, { name: 'phi', hasPadToken: true, sentencePiecePrefix: false, bosTwice: false, embeddingPadded: true }],
  [/smollm/i, { name: 'smollm', hasPadToken: true, sentencePiecePrefix: false, bosTwice: false }],
];

/**
 * Mistral's later models (Mistral NeMo, Ministral, Pixtral, Mistral Small 3, Devstral, Magistral) ship Tekken, a
 * tiktoken-style byte-level BPE (\`tekken.json\`), not the SentencePiece tokenizer of Mistral 7B / Mixtral: what
 * "mistral" in the id says of the tokenizer does not hold for them, so their family is unknown.
 */
const TEKKEN = /mistral-?nemo|ministral|pixtral|devstral|magistral|mistral-small-(24b|3)/i;

/** The family of a model id, or undefined when unknown. */
export function tokenizerFamily(modelId: string | undefined): TokenizerFamily | undefined {
  if (!modelId || TEKKEN.test(modelId)) return undefined;
  return FAMILIES.find(([re]) => re.test(modelId))?.[1];
}

/**
 * The Hub id of a snapshot in the Hub cache (`cache/models--Qwen--Qwen-1_8B-Chat/snapshots/<commit>` →
 * `Qwen/Qwen-1_8B-Chat`): huggingface_hub's folder names (`repo_folder_name`: `"--".join(["models", *repo_id.split("/")])`)
 * hold the repository's files as downloaded. Anything else is returned as it is.
 */
export function hubIdOfCachedSnapshot(modelId: string): string {
  const m = /(?:^|[\\/])models--([^\\/]+?)--([^\\/]+)[\\/]snapshots(?:[\\/][^\\/]*)?[\\/]?$/.exec(modelId);
  return m ? `${m[1]}/${m[2]}` : modelId;
}

/** An original checkpoint (or its Hub-cache snapshot) whose tokenizer sets no EOS token: its family, else undefined. */
export function shipsWithoutEosToken(modelId: string | undefined): TokenizerFamily | undefined {
  if (!modelId) return undefined;
  const id = hubIdOfCachedSnapshot(modelId);
  if (isLocalPath(id) || !isOriginalCheckpointId(id)) return undefined;
  const f = tokenizerFamily(id);
  return f?.hasEosToken === false ? f : undefined;
}

/** Unsloth's uploads (`unsloth/…`) fix the pad token (`fix_pad_token`): never pad-less. */
export function isUnslothUpload(modelId: string): boolean {
  return /^unsloth\//i.test(modelId);
}

const CHAT_TUNED = /instruct|chat|[-_.]it\b|[-_]it[-_]|sft|dpo|rlhf|hermes|zephyr|vicuna|alpaca|tulu|openchat|orca|assistant|conversational/i;

/**
 * Qwen3's own checkpoints name the post-trained (chat) model with the bare size (`Qwen/Qwen3-0.6B`,
 * `Qwen3-30B-A3B`, their `-FP8` uploads and Unsloth's re-uploads) and the pretrained one with `-Base`
 * (`Qwen/Qwen3-0.6B-Base`): the bare ids ship Qwen3's chat template (the one QwenLM/Qwen3#1522 printed, with no
 * `{% generation %}` block; TRL's docs copy it with `chat_template_path="Qwen/Qwen3-0.6B"` and train DPO on the model).
 */
const QWEN3_POST_TRAINED = /(^|\/)qwen3-\d+(\.\d+)?b(-a\d+(\.\d+)?b)?(-fp8|-(unsloth-)?bnb-4bit)?$/i;

/** A model id that names an instruction/chat-tuned checkpoint (which ships a chat template). */
export function isChatTunedModelId(modelId: string): boolean {
  return CHAT_TUNED.test(modelId) || QWEN3_POST_TRAINED.test(modelId);
}

/** A local checkpoint (`./out`, `/models/x`, `~/ckpt`): saved by someone, so its tokenizer settings are unknown. */
export function isLocalPath(modelId: string): boolean {
  return /^(\.{1,2}[\\/]|[\\/~]|[a-z]:[\\/])/i.test(modelId) || modelId.includes('\\');
}

/** Does the tokenizer of a model id ship without a pad token (original checkpoints only)? */
export function shipsWithoutPadToken(modelId: string): TokenizerFamily | undefined {
  // A conversion or fine-tune under another namespace (`llava-hf/llava-v1.6-mistral-7b-hf`) often sets one.
  if (isUnslothUpload(modelId) || isLocalPath(modelId) || !isOriginalCheckpointId(modelId)) return undefined;
  const f = tokenizerFamily(modelId);
  return f?.hasPadToken === false ? f : undefined;
}

/**
 * Where the original checkpoints (and faithful re-uploads) of the families above live. A repo under any other
 * namespace is someone's fine-tune or adapter (`smangrul/tinyllama_lora_norobots`): its tokenizer was saved by
 * a training run and may well carry a chat template, so what the family's base tokenizer ships says nothing.
 */
const ORIGINAL_NAMESPACES = new Set(['meta-llama', 'tinyllama', 'mistralai', 'openai-community', 'eleutherai', 'tiiuae', 'microsoft',
  'facebook', 'bigscience', 'huggyllama', 'nousresearch', 'codellama', 'qwen', 'google', 'huggingfacetb', 'unsloth']);

/**
 * The Hub's legacy ids without a namespace (models uploaded before namespaces, since moved to `openai-community/gpt2`,
 * `google-bert/bert-base-uncased`, … and still resolved). Any other bare name is no Hub repository: a folder in the
 * working directory, or a name from another tool (`base_model = "llama3.2"` given to both Ollama and
 * `AutoTokenizer.from_pretrained`, adwaiths05/finetuning-llama3.2-using-LoRA `chatbot.py`).
 */
const LEGACY_BARE_ID = /^((distil)?gpt2(-(medium|large|xl))?|openai-gpt|ctrl|transfo-xl-wt103|(bert|distilbert|roberta|distilroberta|albert|t5|xlnet|xlm|camembert|flaubert|bart|electra|longformer|mt5|deberta)(-[\w.-]+)?)$/i;

/** An id of an original checkpoint: a legacy bare id (`gpt2`) or a repo under a namespace of ORIGINAL_NAMESPACES. */
export function isOriginalCheckpointId(modelId: string): boolean {
  const slash = modelId.indexOf('/');
  return slash < 0 ? !isLocalPath(modelId) && LEGACY_BARE_ID.test(modelId) : ORIGINAL_NAMESPACES.has(modelId.slice(0, slash).toLowerCase());
}

/** A base checkpoint of a family whose base tokenizers ship no chat template. */
export function baseWithoutChatTemplate(modelId: string): TokenizerFamily | undefined {
  if (isChatTunedModelId(modelId) || isLocalPath(modelId) || !isOriginalCheckpointId(modelId)) return undefined;
  const f = tokenizerFamily(modelId);
  return f && f.baseHasChatTemplate === false ? f : undefined;
}

/**
 * Families whose chat-tuned original checkpoints ship a chat template in `tokenizer_config.json` (Llama 2 chat and
 * Code Llama Instruct, Llama 3.x Instruct, Mistral/Mixtral Instruct, Qwen Instruct and Qwen3, Gemma `-it`, Phi-3/4
 * instruct, SmolLM Instruct, TinyLlama Chat). Falcon, OPT, BLOOM and GPT-2 are left out: their instruction-tuned
 * uploads predate chat templates and not all of them gained one.
 */
const CHAT_MODELS_SHIP_TEMPLATE = new Set(['llama-2', 'llama-3', 'mistral', 'qwen', 'gemma', 'phi', 'smollm']);

/** An original chat/instruct checkpoint whose tokenizer ships a chat template; undefined when not sure. */
export function chatCheckpointWithTemplate(modelId: string): TokenizerFamily | undefined {
  if (isLocalPath(modelId) || !isOriginalCheckpointId(modelId) || !isChatTunedModelId(modelId)) return undefined;
  const f = tokenizerFamily(modelId);
  return f && CHAT_MODELS_SHIP_TEMPLATE.has(f.name) ? f : undefined;
}
