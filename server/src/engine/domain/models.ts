/**
 * Model loads and what happens to a model afterwards: `from_pretrained(...)` of transformers
 * model classes and Unsloth's `FastLanguageModel`/`FastModel`, their model id (constant-
 * propagated), quantization and `max_seq_length`; and tracing a `model=` expression back to its
 * load through PEFT wrapping (`get_peft_model`, `FastLanguageModel.get_peft_model`,
 * `PeftModel.from_pretrained`) and through the script's own functions that provably return it
 * (`def load(name=MODEL): … return model`, where the id is the argument the call passes, or the default), also when
 * that function is in another module of the project (`projectLoad`, from the summary `model-loader.ts` makes there).
 * Unknown stays unknown.
 */
import { KeptKey } from '../syntax/kept-with';
import { inExclusiveBranches } from './branches';
import { enclosingFunction } from '../facts/anchor';
import type { Node } from 'web-tree-sitter';
import { isQualified, qualifyExpression } from '../facts/imports';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { argumentForParameter, isParameterOf, returnedValue } from '../facts/own-functions';
import { evaluate, evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import { attributeOf } from '../facts/attributes';
import { assignmentsTo, conditionalAlternatives, reachingAssignment, resolveExpression } from '../facts/reaching';
import { dottedParts, importedRef } from '../modules/imported-ref';
import { familyOf, type ModelFamily } from './model-families';

export const UNSLOTH_MODEL_CLASSES = ['FastLanguageModel', 'FastModel', 'FastVisionModel'];
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
  // `from .modeling_qwen2 import Qwen2ForCausalLM`): transformers' `from_pretrained` on a copied class.
  return !OTHER_LIBRARIES.has(r.pkg) && VENDORED_MODEL_CLASS.test(r.cls);
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

/**
 * Every model load in the file, in source order: the load calls, and the assignments of a call of a project module's
 * function that returns a model it loads (`model = load_base_model_4bit()`; `projectLoad`).
 */
export function modelLoads(facts: FileFacts, byNode: Map<number, CallFact>): ModelLoad[] {
  const out: ModelLoad[] = [];
  for (const c of facts.calls) {
    const l = modelLoad(facts, byNode, c) ?? (facts.modules && c.node.parent?.type === 'assignment' && c.node.parent.childForFieldName('right')?.id === c.node.id
      ? projectLoad(facts, c.node, 'any') : undefined);
    if (l) out.push(l);
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** `get_peft_model` (PEFT), `FastLanguageModel.get_peft_model`, `PeftModel.from_pretrained`, `AutoPeftModel*.from_pretrained`. */
export function isPeftWrap(facts: FileFacts, call: CallFact): boolean {
  if (isQualified(call.qualified, ['peft'], 'get_peft_model')) return true;
  if (call.method === 'get_peft_model' && call.receiver) {
    const q = qualifyExpression(facts, call.receiver);
    return !!q && UNSLOTH_MODEL_CLASSES.some((c) => isQualified(q, ['unsloth'], c));
  }
  if (call.method === 'from_pretrained' && call.receiver) {
    const q = qualifyExpression(facts, call.receiver);
    return !!q && q.startsWith('peft.') && /^(PeftModel\w*|AutoPeftModel\w*)$/.test(q.split('.').pop() ?? '');
  }
  return false;
}

/**
 * Library helpers that build a PEFT config from command-line arguments, or None when the run does
 * not ask for PEFT: TRL's `get_peft_config(model_args)` returns `LoraConfig(...)` only when
 * `model_args.use_peft` (huggingface/trl trl/trainer/utils.py, v0.8 through main f2cd577), and the
 * alignment-handbook's helper of the same name does the same.
 */
const CONDITIONAL_PEFT_HELPERS = [{ packages: ['trl', 'alignment'], name: 'get_peft_config', when: '--use_peft' }];

/** For an expression that is such a helper's result (through variables): the helper and the flag it depends on. */
export function conditionalPeftConfig(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): { helper: string; when: string } | undefined {
  if (!node) return undefined;
  const expr = resolveExpression(facts, node);
  const call = expr.type === 'call' ? byNode.get(expr.id) : undefined;
  if (!call) return undefined;
  const h = CONDITIONAL_PEFT_HELPERS.find((x) => isQualified(call.qualified, x.packages, x.name));
  return h && { helper: h.name, when: h.when };
}

/** `FastLanguageModel.get_peft_model` and friends. */
export function isUnslothPeftWrap(facts: FileFacts, call: CallFact): boolean {
  return isPeftWrap(facts, call) && call.method === 'get_peft_model' && !isQualified(call.qualified, ['peft'], 'get_peft_model');
}

/** The model argument a wrapper wraps (`get_peft_model(model, cfg)` → `model`). */
export function wrappedModelArg(call: CallFact): ArgFact | undefined {
  return call.positional[0] ?? call.keywords.get('model');
}

const PASS_THROUGH = ['prepare_model_for_kbit_training', 'prepare_model_for_int8_training'];
const SAME_MODEL_METHODS = ['to', 'cuda', 'half', 'bfloat16', 'float', 'train', 'eval'];

export interface ModelTrace {
  /** The load the expression comes from. */
  load?: ModelLoad;
  /** A model id given directly as a string (`SFTTrainer(model="Qwen/…")`). */
  id?: string;
  /** PEFT wrappers on the way, outermost first. */
  wraps: CallFact[];
}

/** Traces by expression node, once per facts: a dozen rules trace each trainer's model (read-only results). */
const traces = new KeptKey<Map<number, ModelTrace>>();

/**
 * Follow a model expression back to its load (through variables, tuple unpacking of Unsloth loads, PEFT wrappers,
 * the script's own functions that provably return it: `sites`, the calls of those on the way).
 */
export function traceModel(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined, depth = 0, sites: readonly CallSite[] = []): ModelTrace {
  if (depth > 0 || !node || sites.length) return traceFrom(facts, byNode, node, depth, sites);
  let memo = traces.get(facts);
  if (!memo) traces.set(facts, (memo = new Map()));
  let trace = memo.get(node.id);
  if (!trace) memo.set(node.id, (trace = traceFrom(facts, byNode, node, 0, sites)));
  return trace;
}

function traceFrom(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined, depth: number, sites: readonly CallSite[]): ModelTrace {
  const none: ModelTrace = { wraps: [] };
  if (!node || depth > 24) return none;
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'identifier') {
    const a = reachingAssignment(facts, n.text, n);
    // A parameter of the script's own function the trace entered through a call (`def add_lora(m): return
    // get_peft_model(m, cfg)` called as `add_lora(model)`): the argument that call passes, traced where the call is.
    if (!a || shadowedByParameter(a, n)) {
      const fn = enclosingFunction(n);
      const site = fn && sites.find((s) => s.fn.id === fn.id);
      if (fn && site && isParameterOf(fn, n.text)) {
        const arg = argumentForParameter(fn, site.call, n.text);
        return arg ? traceModel(facts, byNode, arg, depth + 1, sites.filter((s) => s !== site)) : none;
      }
    }
    // The assignment found is in another branch of an `if` than the use: it never reaches it (the one that
    // does, before the `if`, is not followed).
    if (!a || inExclusiveBranches(a.node, n) || shadowedByParameter(a, n)) return none;
    let value = a.value;
    if (a.unpackIndex !== undefined) {
      if (value.type === 'call') {
        const c = byNode.get(value.id);
        // `model, tokenizer = FastLanguageModel.from_pretrained(...)`
        if (c && isModelLoad(facts, c)) return a.unpackIndex === 0 ? { load: modelLoad(facts, byNode, c, sites), wraps: [] } : none;
        // `model, tokenizer = load_model(…)`, the script's own function returning `model, tokenizer`
        const returned = returnedValue(facts, value, a.unpackIndex);
        if (returned) return traceModel(facts, byNode, returned.value, depth + 1, [...sites, { call: value, fn: returned.fn.node }]);
        // `model, tokenizer = load_model(…)`, a function of another module of the project
        const load = projectLoad(facts, value, a.unpackIndex);
        return load ? { load, wraps: [] } : none;
      }
      const item = value.type === 'expression_list' || value.type === 'tuple' || value.type === 'list' ? value.namedChildren[a.unpackIndex] : null;
      if (!item) return none;
      value = item;
    }
    return traceModel(facts, byNode, value, depth + 1, sites);
  }
  if (n.type === 'string') {
    const id = evaluate(facts, n);
    return id.kind === 'str' ? { id: id.value, wraps: [] } : none;
  }
  if (n.type !== 'call') return none;
  const c = byNode.get(n.id);
  if (!c) return none;
  if (isModelLoad(facts, c)) return { load: modelLoad(facts, byNode, c, sites), wraps: [] };
  if (isPeftWrap(facts, c)) {
    const inner = traceModel(facts, byNode, wrappedModelArg(c)?.value, depth + 1, sites);
    return { ...inner, wraps: [c, ...inner.wraps] };
  }
  if (PASS_THROUGH.some((p) => isQualified(c.qualified, ['peft'], p))) return traceModel(facts, byNode, wrappedModelArg(c)?.value, depth + 1, sites);
  if (c.method && SAME_MODEL_METHODS.includes(c.method) && c.receiver) return traceModel(facts, byNode, c.receiver, depth + 1, sites);
  const returned = returnedValue(facts, n);
  if (returned) return traceModel(facts, byNode, returned.value, depth + 1, [...sites, { call: n, fn: returned.fn.node }]);
  const load = projectLoad(facts, n);
  return load ? { load, wraps: [] } : none;
}

/**
 * The load a call of a function imported from a module of the script's project makes (`model = load_base_model_4bit()`
 * after `from src.models.models import load_base_model_4bit`), from that function's summary (`domain/model-loader.ts`,
 * answered by `modules/`): its id is the argument the call passes for the id parameter, else the parameter's default
 * as the defining module evaluates it. `item`: the call is unpacked (`model, tok = load()`) and this is the item read
 * ('any': the load the call makes, whichever item holds it).
 * Undefined when the script binds the name itself, when `*args`/`**kwargs` at the call hide what is passed, or when
 * the required id parameter is not passed.
 */
function projectLoad(facts: FileFacts, call: Node, item?: number | 'any'): ModelLoad | undefined {
  const scope = facts.modules;
  const callee = call.childForFieldName('function');
  if (!scope || !callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return undefined;
  const ref = importedRef(facts, callee);
  const parts = ref && dottedParts(callee);
  if (!ref || !parts) return undefined;
  const fn = enclosingFunction(call);
  if (facts.functions.has(parts[0]) || facts.classes.some((c) => c.name === parts[0]) || assignmentsTo(facts, parts[0]).length
    || (fn && isParameterOf(fn, parts[0])) || (parts.length > 1 && assignmentsTo(facts, parts.join('.')).length)) return undefined;
  const loader = scope.provider.lookup(scope.path, ref.module, ref.name)?.loader;
  if (!loader || (item !== 'any' && loader.item !== item)) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') as Node[] | undefined ?? [];
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  let id = loader.id;
  const p = loader.param;
  if (p) {
    const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === p.name);
    const given = keyword ? keyword.childForFieldName('value') ?? undefined
      : p.index !== undefined ? args.filter((a) => a.type !== 'keyword_argument')[p.index] : undefined;
    if (given && p.attr !== undefined) {
      const value = attributeOf(facts, given, p.attr);
      id = value && evaluateString(facts, value);
    } else if (given) id = evaluateString(facts, given);
    else if (p.hasDefault) id = p.defaultId;
    else return undefined;
  }
  const load: ModelLoad = {
    node: call, keywords: new Set(loader.keywords), unsloth: loader.unsloth, cls: loader.cls, id, family: familyOf(id, loader.unsloth),
    quantized: quantizedWith(loader.quantization, id),
  };
  if (loader.maxSeqLength !== undefined) load.maxSeqLength = { value: loader.maxSeqLength };
  return load;
}

/** A module-level assignment found for a name that, where it is used, is a parameter of the enclosing function. */
function shadowedByParameter(a: { scope: Node | null }, use: Node): boolean {
  if (a.scope !== null) return false;
  const fn = enclosingFunction(use);
  return fn?.type === 'function_definition' && isParameterOf(fn, use.text);
}

/** The `model=` argument of a trainer (`Trainer(model, args, …)` takes it positionally too). */
export function trainerModelArg(call: CallFact): ArgFact | undefined {
  return call.keywords.get('model') ?? call.positional[0];
}

/** The family of a traced model: its load's family, or the id's. */
export function traceFamily(t: ModelTrace): ModelFamily | undefined {
  return t.load?.family ?? familyOf(t.id);
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
