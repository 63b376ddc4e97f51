/**
 * Model families keyed by model-id patterns: each family's module names (what LoRA
 * `target_modules` can name), whether it was trained in bf16 (fp16 overflows), and whether
 * its original tokenizer ships a pad token. Only families we are sure of are listed; anything
 * else is unknown and rules stay quiet. Sources: bug catalog entries 11 and 16, the models'
 * `modeling_*.py` in transformers and their `config.json` / `tokenizer_config.json`.
 * Used by TL402 (target modules) and TL403 (fp16 on a bf16-native family).
 * (Tokenizer details for the chat/pad rules live in tokenizer-families.ts.)
 */

import { isLocalPath } from './tokenizer-families';

export interface ModelFamily {
  /** `llama-3`, `qwen2`, `gpt2`, … */
  name: string;
  /** Display name for messages (`Llama 3`, `GPT-2`). */
  display: string;
  /**
   * The linear layers of the decoder/encoder blocks (the names the PEFT docs and the official
   * examples target). Undefined when we do not know them: target_modules checks stay quiet.
   */
  linear?: readonly string[];
  /** Other modules a LoRA config may legitimately target (embeddings, heads, vision tower, routers). */
  other?: readonly string[];
  /** Trained in bf16: fp16 mixed precision overflows activations (nan/inf loss). */
  bf16Native: boolean;
  /** The original checkpoints' tokenizer sets a pad token. */
  padToken: boolean;
}

const LLAMA_LINEAR = ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'] as const;
const LLAMA_OTHER = ['embed_tokens', 'lm_head', 'score'] as const;
/** SigLIP/CLIP vision towers of multimodal checkpoints (Gemma 3 4B+, Llama 3.2 Vision, …). */
const VISION_TOWER = ['out_proj', 'fc1', 'fc2', 'patch_embedding', 'multi_modal_projector', 'linear_1', 'linear_2'] as const;
const NEOX_LINEAR = ['query_key_value', 'dense', 'dense_h_to_4h', 'dense_4h_to_h'] as const;
const BERT_LINEAR = ['query', 'key', 'value', 'dense'] as const;
const BERT_OTHER = ['word_embeddings', 'position_embeddings', 'classifier', 'pooler', 'decoder', 'qa_outputs'] as const;

function llamaLike(name: string, display: string, bf16Native: boolean, padToken: boolean, extra: readonly string[] = []): ModelFamily {
  return { name, display, linear: LLAMA_LINEAR, other: [...LLAMA_OTHER, ...extra], bf16Native, padToken };
}

/**
 * Gemma 4 ids (`google/gemma-4-E4B-it`, `unsloth/gemma-4-31B-it`, `gemma4_comp`): `gemma-4`/`gemma4` not followed by a
 * size, so that MedGemma 4B (`google/medgemma-4b-it`, a Gemma 3) and a folder named after a Gemma 3 4B (`gemma-4b-it`)
 * are not Gemma 4. Shared with the chat markers' guess from a model id.
 */
export const GEMMA_4_ID = /gemma-?4(?![\d.]*b)/i;

/** First match wins: specific patterns before general ones. Patterns run on the whole model id. */
const FAMILIES: Array<[RegExp, ModelFamily]> = [
  // bf16-native families whose module names are not listed (TL402 stays quiet on them; TL403 reads bf16Native):
  // - Qwen2-VL: fp16 overflows in its language model ("Qwen2-VL FP16 inference results in errors or gibberish output",
  //   huggingface/transformers#33294, the clamp of #33312 covers inference only); Qwen's answer for Qwen2 itself: "As the
  //   original model was trained using bfloat16, changing to float16 may cause numerical instabilities" (QwenLM/Qwen3#868).
  // - Qwen2.5-VL: its language model is Qwen2.5, listed below; fp16 training reports: modelscope/ms-swift#5580
  //   (`fp16=True`, eval_loss always nan), hiyouga/LlamaFactory#7531 (nan without bf16).
  // - Gemma 3n and gpt-oss: Unsloth loads them for float32 when float16 is asked (unslothai/unsloth
  //   `unsloth/models/loader.py` `_FORCE_FLOAT32_FALLBACK` at 015bdef0: "gemma3n", "gpt_oss"; unslothai/unsloth-zoo#866:
  //   float16 "silently NaN" unless handled "the same as gpt_oss / qwen3_5 / gemma3").
  // Not listed (no read source of an fp16 failure): Qwen3-VL (Unsloth, which forces float32 for qwen3_moe and qwen3_5,
  // does not for it, and TRL's own `grpo_qwen3_vl.ipynb` trains it with `fp16=True` on a free Colab GPU), Llama 4,
  // SmolVLM (SmolLM2, bf16Native false below), Phi-4 (Phi-3's row).
  [/qwen-?2[-_]?vl/i, { name: 'qwen2-vl', display: 'Qwen2-VL', bf16Native: true, padToken: true }],
  [/qwen-?2\.5[-_]?vl|qwen2_5[-_]?vl/i, { name: 'qwen2.5-vl', display: 'Qwen2.5-VL', bf16Native: true, padToken: true }],
  [/gemma-?3n/i, { name: 'gemma-3n', display: 'Gemma 3n', bf16Native: true, padToken: true }],
  [/gpt-?oss/i, { name: 'gpt-oss', display: 'gpt-oss', bf16Native: true, padToken: true }],
  // Multimodal / MoE / remote-code variants whose module names differ: unknown names, quiet.
  [/-vl\b|-vl-|vision|llava|pixtral|-mm\b|multimodal|phi-3-small|phi-3\.5-moe|phi-3-vision|deepseek-v[23]|llama-?4|albert|modernbert|recurrentgemma|paligemma|t5gemma/i,
    { name: 'unknown-variant', display: 'this model', bf16Native: false, padToken: false }],
  // Gemma 1/2/3 (Gemma 3 4B+ carry a SigLIP vision tower). FunctionGemma (`google/functiongemma-270m-it`) is Gemma 3
  // 270M with another chat format: its config is `Gemma3ForCausalLM`, `gemma3_text` (the model card: "Built on the Gemma 3
  // 270M model … has the same architecture as Gemma 3, but uses a different chat format"). MedGemma
  // (`google/medgemma-4b-it`, `-4b-pt`, `-27b-it`, `-27b-text-it`, `medgemma-1.5-4b-it`) is Gemma 3 too: the 4B and 27B
  // multimodal checkpoints are `Gemma3ForConditionalGeneration` with Gemma 3's SigLIP encoder, the 27B text one
  // `Gemma3ForCausalLM` (the model card: "MedGemma is a collection of Gemma 3 variants").
  [/gemma-?3|functiongemma|medgemma/i, llamaLike('gemma-3', 'Gemma 3', true, true, VISION_TOWER)],
  [GEMMA_4_ID, { name: 'gemma-4', display: 'Gemma 4', bf16Native: true, padToken: true }],
  [/gemma/i, llamaLike('gemma', 'Gemma', true, true)],
  // DeepSeek R1 distills are Qwen2.5 / Llama 3 checkpoints.
  [/deepseek-r1-distill-qwen/i, llamaLike('qwen2.5', 'Qwen2.5', true, true)],
  [/deepseek-r1-distill-llama/i, llamaLike('llama-3', 'Llama 3', true, false)],
  // Llama family.
  [/llama-?3(?![0-9])/i, llamaLike('llama-3', 'Llama 3', true, false)],
  [/llama-?2|codellama|code-llama|tinyllama|vicuna/i, llamaLike('llama-2', 'Llama 2', false, false)],
  [/(^|\/)llama-(7|13|30|33|65)b|huggyllama|open_llama|openllama/i, llamaLike('llama', 'Llama', false, false)],
  // Fine-tunes whose id does not name their base, each read in its model card (config `LlamaForCausalLM` /
  // `MistralForCausalLM`): Meditron 7B/70B (`epfl-llm/meditron-7b`: "Continue-pretrained from model: Llama-2-7B";
  // Meditron3 is another line, on Llama 3.1, Gemma 2 or Qwen2.5, and is not matched), SOLAR 10.7B (`upstage/SOLAR-10.7B-v1.0`:
  // depth up-scaled Llama 2 architecture with Mistral 7B weights), Yi (`01-ai/Yi-6B`, `Yi-34B`, `Yi-1.5-9B`: "Yi's
  // adoption of LLaMA architecture"; Yi-VL is caught above), Starling-LM 7B (`Nexusflow/Starling-LM-7B-beta`:
  // "Finetuned from model: Openchat-3.5-0106 (based on Mistral-7B-v0.1)", alpha from OpenChat 3.5). Their module
  // names are Llama's; bf16Native stays false (not read for them), so TL403 is silent. Unsloth maps `unsloth/yi-6b` to
  // 01-ai/Yi-6B and `unsloth/solar-10.7b` to upstage/SOLAR-10.7B-v1.0 (`unsloth/models/mapper.py` at 015bdef0). WizardLM
  // (Llama 1, Llama 2, Mistral or Mixtral by release), Dolphin and the Hermes lines are left to the base their ids name.
  [/(^|[\\/_-])meditron-(7|70)b/i, llamaLike('llama-2', 'Llama 2 (Meditron)', false, false)],
  [/(^|[\\/_-])solar-10\.7b/i, llamaLike('solar', 'SOLAR 10.7B (Llama layout)', false, false)],
  [/(^|[\\/_-])yi-(1\.5-)?\d+b/i, llamaLike('yi', 'Yi (Llama layout)', false, false)],
  [/(^|[\\/_-])starling-lm-7b/i, llamaLike('mistral', 'Mistral (Starling-LM)', false, false)],
  // Mistral / Mixtral (Mixtral experts: w1 w2 w3, router: gate).
  [/mixtral/i, llamaLike('mixtral', 'Mixtral', false, false, ['w1', 'w2', 'w3', 'gate', 'experts'])],
  // Unsloth's `unsloth/zephyr-sft` is HuggingFaceH4/mistral-7b-sft-beta (unsloth `unsloth/models/mapper.py` at 015bdef0).
  [/mistral|ministral|zephyr-7b|unsloth\/zephyr-sft/i, llamaLike('mistral', 'Mistral', false, false)],
  // Qwen: v1 uses GPT-2 style names; 1.5/2/2.5/3 are Llama-like (MoE adds routers and shared experts).
  [/qwen-?3|qwq/i, llamaLike('qwen3', 'Qwen3', true, true, ['gate', 'experts', 'shared_expert', 'shared_expert_gate'])],
  [/qwen-?2\.5|qwen2_5/i, llamaLike('qwen2.5', 'Qwen2.5', true, true, ['gate', 'experts', 'shared_expert', 'shared_expert_gate'])],
  [/qwen-?2|qwen1\.5|qwen-?1_5/i, llamaLike('qwen2', 'Qwen2', false, true, ['gate', 'experts', 'shared_expert', 'shared_expert_gate'])],
  [/(^|\/)qwen-(1_8|7|14|72)b/i, { name: 'qwen', display: 'Qwen (v1)', linear: ['c_attn', 'c_proj', 'w1', 'w2'], other: ['wte', 'lm_head'], bf16Native: false, padToken: false }],
  // Phi: Phi-2 (and 1.5) native transformers names, with the old remote-code names tolerated;
  // Phi-3/3.5/4 fused projections. Unsloth's uploads of Phi-3/4 are "llamafied" (see familyOf).
  [/phi-?3|phi-?4/i, { name: 'phi-3', display: 'Phi-3/Phi-4', linear: ['qkv_proj', 'o_proj', 'gate_up_proj', 'down_proj'], other: ['embed_tokens', 'lm_head'], bf16Native: false, padToken: true }],
  [/phi-?2|phi-?1_5|phi-?1\.5/i, { name: 'phi-2', display: 'Phi-2', linear: ['q_proj', 'k_proj', 'v_proj', 'dense', 'fc1', 'fc2'], other: ['embed_tokens', 'lm_head', 'Wqkv', 'out_proj', 'mixer', 'mlp'], bf16Native: false, padToken: false }],
  // GPT-2 and its descendants (DialoGPT, distilgpt2); StarCoder 1 / SantaCoder (GPTBigCode) use the same names.
  [/(^|\/)(distil)?gpt2|dialogpt/i, { name: 'gpt2', display: 'GPT-2', linear: ['c_attn', 'c_proj', 'c_fc'], other: ['wte', 'wpe', 'lm_head', 'score'], bf16Native: false, padToken: false }],
  [/starcoder2/i, { name: 'starcoder2', display: 'StarCoder2', linear: ['q_proj', 'k_proj', 'v_proj', 'o_proj', 'c_fc', 'c_proj'], other: ['embed_tokens', 'lm_head'], bf16Native: false, padToken: false }],
  [/starcoder|santacoder|gpt_bigcode/i, { name: 'gpt_bigcode', display: 'StarCoder', linear: ['c_attn', 'c_proj', 'c_fc', 'q_attn'], other: ['wte', 'wpe', 'lm_head'], bf16Native: false, padToken: false }],
  // GPT-NeoX / Pythia / Dolly v2 / StableLM-alpha.
  [/pythia|gpt-neox|dolly-v2|stablelm-(base|tuned)-alpha/i, { name: 'gpt_neox', display: 'GPT-NeoX', linear: NEOX_LINEAR, other: ['embed_in', 'embed_out'], bf16Native: false, padToken: false }],
  [/gpt-j|gptj/i, { name: 'gptj', display: 'GPT-J', linear: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc_in', 'fc_out'], other: ['wte', 'lm_head'], bf16Native: false, padToken: false }],
  [/gpt-neo\b|gpt-neo-/i, { name: 'gpt_neo', display: 'GPT-Neo', linear: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'c_fc', 'c_proj'], other: ['wte', 'wpe', 'lm_head'], bf16Native: false, padToken: false }],
  // Falcon 1/2 (Falcon3 is Llama-like; Mamba/H1 hybrids unknown).
  [/falcon-?mamba|falcon-h1/i, { name: 'unknown-variant', display: 'this model', bf16Native: false, padToken: false }],
  [/falcon-?3/i, llamaLike('falcon3', 'Falcon3', false, false)],
  [/falcon/i, { name: 'falcon', display: 'Falcon', linear: NEOX_LINEAR, other: ['word_embeddings', 'lm_head'], bf16Native: false, padToken: false }],
  [/bloom/i, { name: 'bloom', display: 'BLOOM', linear: NEOX_LINEAR, other: ['word_embeddings', 'lm_head'], bf16Native: false, padToken: true }],
  [/chatglm/i, { name: 'chatglm', display: 'ChatGLM', linear: NEOX_LINEAR, other: ['word_embeddings', 'output_layer'], bf16Native: false, padToken: true }],
  [/baichuan/i, { name: 'baichuan', display: 'Baichuan', linear: ['W_pack', 'o_proj', 'gate_proj', 'up_proj', 'down_proj'], other: ['embed_tokens', 'lm_head'], bf16Native: false, padToken: true }],
  [/(^|\/)opt-\d/i, { name: 'opt', display: 'OPT', linear: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2'], other: ['embed_tokens', 'embed_positions', 'lm_head', 'project_in', 'project_out'], bf16Native: false, padToken: true }],
  // Encoder-decoder and encoder families.
  [/(^|\/)(flan-)?(m|by)?t5|t5-v1_1|t5_v1_1/i, { name: 't5', display: 'T5', linear: ['q', 'k', 'v', 'o', 'wi', 'wo', 'wi_0', 'wi_1'], other: ['shared', 'embed_tokens', 'lm_head', 'relative_attention_bias'], bf16Native: false, padToken: true }],
  [/(^|\/)(m)?bart-/i, { name: 'bart', display: 'BART', linear: ['q_proj', 'k_proj', 'v_proj', 'out_proj', 'fc1', 'fc2'], other: ['embed_tokens', 'embed_positions', 'lm_head', 'shared', 'dense', 'out_proj'], bf16Native: false, padToken: true }],
  [/deberta-v[23]/i, { name: 'deberta-v2', display: 'DeBERTa-v2/v3', linear: ['query_proj', 'key_proj', 'value_proj', 'dense'], other: ['word_embeddings', 'classifier', 'pooler', 'pos_key_proj', 'pos_query_proj'], bf16Native: false, padToken: true }],
  [/distilbert/i, { name: 'distilbert', display: 'DistilBERT', linear: ['q_lin', 'k_lin', 'v_lin', 'out_lin', 'lin1', 'lin2'], other: ['word_embeddings', 'pre_classifier', 'classifier', 'vocab_transform', 'vocab_projector'], bf16Native: false, padToken: true }],
  // ViT image classifiers (google/vit-base-patch16-224, …): BERT-style names. transformers
  // models/vit/modeling_vit.py (at 005db820): ViTSelfAttention query/key/value, ViTSelfOutput, ViTIntermediate,
  // ViTOutput and ViTPooler dense, ViTPatchEmbeddings projection (a Conv2d), ViTForImageClassification classifier.
  [/(^|\/)vit-(tiny|small|base|large|huge)-patch\d/i,
    { name: 'vit', display: 'ViT', linear: ['query', 'key', 'value', 'dense'], other: ['projection', 'pooler'], bf16Native: false, padToken: true }],
  // RoBERTa, XLM-RoBERTa, CamemBERT and ELECTRA: BERT's blocks, but their sequence-classification head is a module of
  // its own with `dense` and `out_proj` (transformers models/roberta/modeling_roberta.py at 000824f1:
  // RobertaClassificationHead; XLM-RoBERTa and CamemBERT copy it; models/electra/modeling_electra.py
  // ElectraClassificationHead), so `target_modules=["dense", "out_proj"]` on roberta-base adapts `classifier.out_proj`.
  [/(^|\/)(roberta|xlm-roberta|electra|camembert)-|FacebookAI\/(xlm-)?roberta/i,
    { name: 'roberta', display: 'RoBERTa/ELECTRA', linear: BERT_LINEAR, other: [...BERT_OTHER, 'out_proj'], bf16Native: false, padToken: true }],
  [/(^|\/)bert-|google-bert\/|bert-base|bert-large/i,
    { name: 'bert', display: 'BERT', linear: BERT_LINEAR, other: BERT_OTHER, bf16Native: false, padToken: true }],
  // Other Llama-architecture checkpoints.
  [/smollm/i, llamaLike('smollm', 'SmolLM', false, true)],
];

/** Heads that any causal-LM / classification wrapper may add on top of the family's blocks. */
export const HEAD_MODULES = ['lm_head', 'score', 'classifier', 'qa_outputs'] as const;

/** A local copy kept under its publisher's folder: Microsoft's, or ModelScope's mirror of it (`LLM-Research`). */
const MICROSOFT_COPY = /(^|[\\/])(microsoft|LLM-Research)[\\/][^\\/]*phi/i;

/** Unsloth's uploads of Phi-3/Phi-4 are converted to the Llama architecture (split projections). */
function isUnslothLlamafied(modelId: string): boolean {
  return /^unsloth\//i.test(modelId) && /phi-?3|phi-?4/i.test(modelId);
}

/**
 * The family of a model id (a Hub id or a local path containing it), or undefined when unknown.
 * `viaUnsloth`: loaded through `FastLanguageModel`, which maps Phi-3/4 to its llamafied uploads.
 */
export function familyOf(modelId: string | undefined, viaUnsloth = false): ModelFamily | undefined {
  if (!modelId) return undefined;
  // Mixture-of-experts checkpoints (`-A3B`, `MoE`) and the hybrid-attention Qwen3.5/3.6 line name
  // their expert and linear-attention layers differently (`gate_up_proj`, `out_proj`): unknown.
  if (/-a\d+(\.\d+)?b\b|moe|qwen-?3[._]?[56]/i.test(modelId)) return undefined;
  const f = FAMILIES.find(([re]) => re.test(modelId))?.[1];
  if (!f || f.name === 'unknown-variant') return undefined;
  if (f.name === 'phi-3' && (viaUnsloth || isUnslothLlamafied(modelId))) {
    return { ...f, name: 'phi-3-llamafied', display: 'Phi-3/Phi-4 (Unsloth, Llama layout)', linear: [...LLAMA_LINEAR, ...f.linear!] };
  }
  // A local copy named after Phi-3/Phi-4 may hold Microsoft's checkpoint (fused `qkv_proj`, `gate_up_proj`) or one of
  // Unsloth's llamafied uploads (split `q_proj` … `up_proj`): hanaguro/phi-4-finetuning loads `./Phi-4` with
  // `# model_name="unsloth/Phi-4"` just above it. Either layout's names may exist, unless the path keeps the
  // publisher's folder: `microsoft/…`, or ModelScope's mirror of Microsoft's checkpoints, `LLM-Research/…`
  // (datawhalechina/self-llm `/root/autodl-tmp/LLM-Research/Phi-3-mini-4k-instruct`, from `snapshot_download`).
  if (f.name === 'phi-3' && isLocalPath(modelId) && !MICROSOFT_COPY.test(modelId)) {
    return { ...f, name: 'phi-3-local', display: 'Phi-3/Phi-4 (a local copy, fused or Llama layout)', linear: [...LLAMA_LINEAR, ...f.linear!] };
  }
  return f;
}

let allNames: Set<string> | undefined;

/** The module names of every family of the table (`q_proj`, `c_attn`, `query_key_value`, `lm_head`, …). */
export function anyFamilysModuleNames(): ReadonlySet<string> {
  return (allNames ??= new Set(FAMILIES.flatMap(([, f]) => [...(knownModuleNames(f) ?? [])])));
}

/** Every module name a target_modules entry may match for this family (undefined: unknown). */
export function knownModuleNames(f: ModelFamily): Set<string> | undefined {
  if (!f.linear) return undefined;
  return new Set([...f.linear, ...(f.other ?? []), ...HEAD_MODULES]);
}

/**
 * The family's module name that a `modules_to_save` entry misspells (`"embed_token"` for Qwen2's `embed_tokens`), or
 * undefined when the entry may match a module or is not plainly a misspelling. PEFT wraps every module whose path ends
 * with the entry (`key.endswith(target_key)`, peft `src/peft/utils/other.py` `_set_trainable`, v0.3.0 … v0.20.0), so
 * an entry that ends one of the family's names matches; a dotted entry must end with a whole module name. The table
 * lists linear layers, embeddings and heads but not every module (norms, containers such as BERT's `encoder`), so
 * an entry counts as wrong only when it is a near-spelling of a listed name: the name with up to two characters
 * added or dropped at the end (`embed_token`, `lm_heads`, `word_embedding`), or one edit away from a name of eight
 * characters or more (`classifer`).
 */
export function misspelledModuleName(entry: string, f: ModelFamily, distance: (a: string, b: string) => number): string | undefined {
  const known = knownModuleNames(f);
  if (!known || !/^[A-Za-z0-9_.]+$/.test(entry)) return undefined;
  const last = entry.split('.').pop() ?? entry;
  if (!last || /^\d+$/.test(last)) return undefined;
  const names = [...known];
  if (entry.includes('.') ? known.has(last) : names.some((n) => n.endsWith(entry))) return undefined;
  for (const n of names) {
    if (Math.min(n.length, last.length) < 5) continue;
    const ends = (n.startsWith(last) || last.startsWith(n)) && Math.abs(n.length - last.length) <= 2;
    if (ends || (n.length >= 8 && distance(last, n) === 1)) return n;
  }
  return undefined;
}
