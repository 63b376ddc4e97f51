/**
 * Model loads: `from_pretrained(...)` of transformers model classes and Unsloth's `FastLanguageModel`/`FastModel`,
 * their model id (constant-propagated; inside the script's own loader reached through a call, a parameter is the
 * argument the call passes, or its default, and `cfg.model_name` the attribute of the config object passed: `modelIdOf`),
 * quantization and `max_seq_length`. Tracing a model expression to its load is `model-trace.ts`. Unknown stays unknown.
 */
import { enclosingFunction } from '../facts/anchor';
import type { Node } from 'web-tree-sitter';
import { qualifyExpression } from '../facts/imports';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { argumentForParameter, isParameterOf } from '../facts/own-functions';
import { evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import { attributeOf } from '../facts/attributes';
import { assignmentsTo, conditionalAlternatives, reachingAssignment } from '../facts/reaching';
import { familyOf, type ModelFamily } from './model-families';
import { UNSLOTH_MODEL_CLASSES } from './unsloth';
import { isLocalPath, isOriginalCheckpointId } from './tokenizer-families';

export { UNSLOTH_MODEL_CLASSES };
const NOT_MODELS = /Tokenizer|Processor|Config|FeatureExtractor|ImageProcessor|GenerationConfig/;
/** Names that only transformers-style causal / multimodal LM classes have. */
const VENDORED_MODEL_CLASS = /^[A-Z]\w*(ForCausalLM|ForConditionalGeneration|LMHeadModel)$/;
/** Libraries whose `from_pretrained` is not transformers' (adapters, inference engines, other frameworks). */
const OTHER_LIBRARIES = new Set(['peft', 'unsloth', 'trl', 'vllm', 'optimum', 'auto_gptq', 'awq', 'mlx_lm', 'sentence_transformers', 'diffusers', 'keras_nlp', 'keras_hub', 'tensorflow', 'flax', 'jax', 'paddlenlp', 'modelscope']);
const MODEL_CLASS = /^(Auto\w*Model\w*|\w+For\w+|\w+Model|\w+LMHeadModel)$/;

export interface ModelLoad {
  /**
   * The load call, when it is in this file. A load made by a function of another module of the project (`modules/`)
   * has none: what is known of that call is summarized (`keywords`, `quantized`, …) and `node` is the script's call.
   */
  call?: CallFact;
  /** Where the model is loaded, as the script shows it: the load call, or the script's call of the project function that makes it. */
  node: Node;
  /** The names of the load call's keyword arguments. */
  keywords: ReadonlySet<string>;
  /** `FastLanguageModel.from_pretrained` (Unsloth) rather than a transformers class. */
  unsloth: boolean;
  /** The receiver class name (`AutoModelForCausalLM`, `FastLanguageModel`). */
  cls: string;
  /** The model id argument and its value when it evaluates to a string. */
  idArg?: ArgFact;
  id?: string;
  family?: ModelFamily;
  /** true / false when known from the arguments, undefined when not. */
  quantized?: boolean;
  /** Unsloth's `max_seq_length=` (evaluated), with its argument when the load is in this file. */
  maxSeqLength?: { value: number; arg?: ArgFact };
}

/** A load in this file (`modelLoads`, `modelLoad`). */
export type LocalModelLoad = ModelLoad & { call: CallFact };

/**
 * Whether a load quantizes, from its own arguments: `value`, except that an id naming a pre-quantized checkpoint
 * (`…-bnb-4bit`) makes it quantized when `byId`.
 */
export interface LoadQuantization { value?: boolean; byId: boolean }

export function quantizedWith(q: LoadQuantization, id: string | undefined): boolean | undefined {
  return q.byId && id !== undefined && PREQUANTIZED.test(id) ? true : q.value;
}

function receiverInfo(facts: FileFacts, call: CallFact): { pkg: string; cls: string } | undefined {
  if (call.method !== 'from_pretrained' || !call.receiver) return undefined;
  const q = qualifyExpression(facts, call.receiver);
  if (!q) return undefined;
  const parts = q.split('.');
  return { pkg: parts[0], cls: parts[parts.length - 1] };
}

/** Is this `X.from_pretrained(...)` loading a model (not a tokenizer/config) from transformers or Unsloth? */
export function isModelLoad(facts: FileFacts, call: CallFact): boolean {
  const r = receiverInfo(facts, call);
  if (!r) return false;
  if (r.pkg === 'unsloth') return UNSLOTH_MODEL_CLASSES.includes(r.cls);
  if (r.pkg === 'transformers') return MODEL_CLASS.test(r.cls) && !NOT_MODELS.test(r.cls);
  // A model class vendored into the script's own package (`from llava.model import LlavaLlamaForCausalLM`,
  // `from .modeling_qwen2 import Qwen2ForCausalLM`): transformers' `from_pretrained` on a copied class. An `Auto…`
  // class is a factory, not a model class one copies: from another package it is that package's own loader
  // (`from ipex_llm.transformers import AutoModelForCausalLM` pops `torch_dtype` and implements `load_in_4bit` itself,
  // intel-analytics/ipex-llm `python/llm/src/ipex_llm/transformers/model.py`), so its keywords are not transformers'.
  // From a relative module (`from .config import *`, PhoebusSi/Alpaca-CoT `utils/tools.py`) it is the project
  // re-exporting transformers' class.
  const otherLoader = r.cls.startsWith('Auto') && r.pkg !== '';
  return !OTHER_LIBRARIES.has(r.pkg) && VENDORED_MODEL_CLASS.test(r.cls) && !otherLoader;
}

/** The model id argument of a load: first positional, `model_name=` or `pretrained_model_name_or_path=`. */
export function modelIdArg(call: CallFact): ArgFact | undefined {
  return call.positional[0] ?? call.keywords.get('model_name') ?? call.keywords.get('pretrained_model_name_or_path');
}

function quantizationConfigQuantizes(facts: FileFacts, byNode: Map<number, CallFact>, arg: ArgFact): boolean | undefined {
  let n: Node = arg.value;
  for (let i = 0; i < 8 && n.type === 'identifier'; i++) {
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return undefined;
    n = a.value;
  }
  if (n.type === 'none') return false;
  const c = n.type === 'call' ? byNode.get(n.id) : undefined;
  if (!c) return undefined;
  const name = c.calleeText.split('.').pop() ?? '';
  if (name === 'BitsAndBytesConfig') {
    const four = evaluateBool(facts, c.keywords.get('load_in_4bit')?.value);
    const eight = evaluateBool(facts, c.keywords.get('load_in_8bit')?.value);
    if (four === true || eight === true) return true;
    if (c.hasSplat) return undefined;
    return (four === undefined && c.keywords.has('load_in_4bit')) || (eight === undefined && c.keywords.has('load_in_8bit')) ? undefined : false;
  }
  if (/^(GPTQConfig|AwqConfig|HqqConfig|QuantoConfig|TorchAoConfig|EetqConfig|FbgemmFp8Config|CompressedTensorsConfig)$/.test(name)) return true;
  return undefined;
}

const PREQUANTIZED = /bnb-4bit|bnb-8bit|-4bit\b|-gptq|-awq|int4|int8/i;

/**
 * Namespaces that publish base and instruction checkpoints (full weights), beside the tokenizer table's
 * ORIGINAL_NAMESPACES: a repo under one of them is no one's saved LoRA adapter.
 */
const BASE_PUBLISHERS = new Set(['deepseek-ai', 'allenai', 'nvidia', 'ibm-granite', 'openai', 'bigcode', 'stabilityai', '01-ai',
  'internlm', 'thudm', 'zai-org', 'openbmb', 'baichuan-inc', 'coherelabs', 'cohereforai', 'mistral-community', 'llava-hf']);

/**
 * A model id that names a published checkpoint of full weights rather than a folder or repository a training run
 * saved (which may hold only a LoRA adapter, `adapter_config.json`, loaded with its adapters): a legacy bare id or a
 * repo of a publisher's namespace, or a pre-quantized upload (`…-bnb-4bit`).
 */
export function isPublishedCheckpointId(id: string): boolean {
  if (isLocalPath(id)) return false;
  const slash = id.indexOf('/');
  return isOriginalCheckpointId(id) || (slash > 0 && BASE_PUBLISHERS.has(id.slice(0, slash).toLowerCase())) || (slash > 0 && PREQUANTIZED.test(id));
}

/** A call of the script's own function a value was returned through, and that function's definition. */
export interface CallSite { call: Node; fn: Node }

/**
 * The model id argument of a `from_pretrained` call, evaluated. Inside the script's own function reached through
 * `sites` (`def load(name): … from_pretrained(name)` called as `load("org/model")`), a parameter is the argument
 * the call passes for it, or its default.
 */
export function modelIdOf(facts: FileFacts, call: CallFact, sites: readonly CallSite[] = []): string | undefined {
  let value: Node | undefined = modelIdArg(call)?.value;
  for (let depth = 0; depth < 8; depth++) {
    if (value?.type === 'attribute') {
      const through = attributeThroughParameter(facts, value, sites);
      if (through === null) return undefined;
      if (!through) break;
      value = through.value;
      continue;
    }
    if (value?.type !== 'identifier') break;
    const fn = enclosingFunction(value);
    const site = fn && sites.find((s) => s.fn.id === fn.id);
    if (!fn || !site) break;
    const local = reachingAssignment(facts, value.text, value);
    // `name = cfg.model_name` in the function: followed when it is the one assignment that reaches the read.
    if (local) {
      if (local.scope?.id !== fn.id || local.unpackIndex !== undefined || conditionalAlternatives(facts, value)) break;
      value = local.value;
      continue;
    }
    if (!isParameterOf(fn, value.text)) break;
    value = argumentForParameter(fn, site.call, value.text);
  }
  return evaluateString(facts, value);
}

/**
 * `cfg.model_name` inside the script's own function reached through `sites`, where `cfg` is a parameter the function
 * does not reassign and no statement sets `cfg.model_name`: the attribute of the object the call passes for it (or the
 * parameter's default) when the script makes it exact (`facts/attributes.ts`: a class constant, an instance of a plain
 * class, a `SimpleNamespace`, a local dataclass). `null` when the object is such a parameter but the attribute is not
 * exact; undefined when `node` does not read a parameter of a function on the way.
 */
function attributeThroughParameter(facts: FileFacts, node: Node, sites: readonly CallSite[]): { value?: Node } | null | undefined {
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  if (obj?.type !== 'identifier' || !attr) return undefined;
  const fn = enclosingFunction(node);
  const site = fn && sites.find((s) => s.fn.id === fn.id);
  if (!fn || !site || !isParameterOf(fn, obj.text)) return undefined;
  if (reachingAssignment(facts, obj.text, obj) || assignmentsTo(facts, `${obj.text}.${attr}`).length) return null;
  const given = argumentForParameter(fn, site.call, obj.text);
  const value = given && attributeOf(facts, given, attr);
  return value ? { value } : null;
}

/**
 * The load `call` makes; reached through `sites` (the script's own functions that return the model), its id is
 * read through their parameters (`modelIdOf`). Everything else about it is read where it is written: a parameter
 * there (`load_in_4bit=quantize`) stays unknown.
 */
export function modelLoad(facts: FileFacts, byNode: Map<number, CallFact>, call: CallFact, sites: readonly CallSite[] = []): LocalModelLoad | undefined {
  if (!isModelLoad(facts, call)) return undefined;
  const r = receiverInfo(facts, call)!;
  const unsloth = r.pkg === 'unsloth';
  const idArg = modelIdArg(call);
  const id = sites.length ? modelIdOf(facts, call, sites) : evaluateString(facts, idArg?.value);
  const load: LocalModelLoad = { call, node: call.node, keywords: new Set(call.keywords.keys()), unsloth, cls: r.cls, idArg, id, family: familyOf(id, unsloth) };
  load.quantized = quantizedWith(loadQuantization(facts, byNode, call, unsloth), id);
  const msl = unsloth ? call.keywords.get('max_seq_length') : undefined;
  const v = evaluateNumber(facts, msl?.value);
  if (msl && v !== undefined) load.maxSeqLength = { value: v, arg: msl };
  return load;
}

/** Whether a model load `call` quantizes, as its arguments (not its id) tell. */
export function loadQuantization(facts: FileFacts, byNode: Map<number, CallFact>, call: CallFact, unsloth: boolean): LoadQuantization {
  const kw = (k: string) => call.keywords.get(k);
  const four = kw('load_in_4bit') ? evaluateBool(facts, kw('load_in_4bit')!.value) : undefined;
  const eight = kw('load_in_8bit') ? evaluateBool(facts, kw('load_in_8bit')!.value) : undefined;
  if (unsloth) {
    const full = evaluateBool(facts, kw('full_finetuning')?.value);
    const unknownArg = (kw('full_finetuning') && full === undefined) || (kw('load_in_4bit') && four === undefined)
      || (kw('load_in_8bit') && eight === undefined);
    if (full === true) return { value: false, byId: false };
    if (four === true || eight === true) return { value: true, byId: false };
    if (unknownArg || call.hasSplat) return { value: undefined, byId: false };
    // Unsloth's default is load_in_4bit=True.
    if (!kw('load_in_4bit')) return { value: true, byId: false };
    return { value: false, byId: true };
  }
  const qc = kw('quantization_config');
  if (four === true || eight === true) return { value: true, byId: false };
  if (qc) return { value: quantizationConfigQuantizes(facts, byNode, qc), byId: false };
  const clean = !call.hasSplat && !(kw('load_in_4bit') && four === undefined) && !(kw('load_in_8bit') && eight === undefined);
  return { value: clean ? false : undefined, byId: true };
}

/** The `model=` argument of a trainer (`Trainer(model, args, …)` takes it positionally too). */
export function trainerModelArg(call: CallFact): ArgFact | undefined {
  return call.keywords.get('model') ?? call.positional[0];
}

/**
 * The model family a config in this file is about when data flow cannot tell: the single
 * family shared by every model load (all loads must have a known family).
 */
export function soleFamily(loads: ModelLoad[]): ModelFamily | undefined {
  if (loads.length === 0 || loads.some((l) => !l.family)) return undefined;
  const names = new Set(loads.map((l) => l.family!.name));
  return names.size === 1 ? loads[0].family : undefined;
}
