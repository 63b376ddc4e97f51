/**
 * A function of a project module that provably returns a model it loads, summarized where it is defined for the
 * scripts that import it (`modules/lookup-session.ts`): `def load_base_model_4bit(model_name=BASE_MODEL_NAME): model =
 * AutoModelForCausalLM.from_pretrained(model_name, …); … return model`. The summary says which load it is, whether its
 * id is a parameter (with the parameter's default, evaluated in that module) or a fixed value, and what the load's
 * other arguments tell, and the PEFT wraps the function adds before it returns the model. A function that returns the
 * model it is given (`def apply_lora(model): … return get_peft_model(model, cfg)`) is summarized too: the model
 * parameter and the wraps (`modelWrapperOf`). Anything uncertain gives no summary: a decorated function, several
 * `return`s, a load or wrap not made in the function itself, another argument of the load that reads a parameter.
 */
import type { Node } from 'web-tree-sitter';
import type { AssignmentFact, CallFact, FileFacts, FunctionFact } from '../facts/types';
import type { ModelLoader, ModelWrapper, WrapSummary } from '../modules/types';
import { isParameterOf, isReadableFunction, parameterSlot, returnedBy } from '../facts/own-functions';
import { assignmentsTo, reachingAssignment } from '../facts/reaching';
import { enclosingFunction } from '../facts/anchor';
import { evaluateNumber, evaluateString } from '../facts/values';
import { callIndex } from '../facts/selections';
import { attributeOf } from '../facts/attributes';
import { loadQuantization, modelIdArg, type LocalModelLoad } from './models';
import { traceModel } from './model-trace';
import { wrapDeclaresLabels, type ModelWrap } from './peft-wraps';

/** How many tuple items a returned `model, tokenizer, …` is searched for the model. */
const MAX_ITEMS = 4;

/** The summary of `fn` (a module-level function of `facts`) when it provably returns a model it loads; else null. */
export function modelLoaderOf(facts: FileFacts, fn: FunctionFact): ModelLoader | null {
  if (!isReadableFunction(fn) || fn.node.parent?.type === 'decorated_definition' || fn.returns.length !== 1) return null;
  const byNode = callIndex(facts);
  const loadOf = (value: Node): { load: LocalModelLoad; wraps: WrapSummary[] } | undefined => {
    const trace = traceModel(facts, byNode, value);
    const load = trace.load;
    const wraps = wrapsIn(facts, byNode, fn, trace.wraps);
    return load?.call && wraps && enclosingFunction(load.call.node)?.id === fn.node.id ? { load: load as LocalModelLoad, wraps } : undefined;
  };
  const ret = fn.returns[0];
  let found: { load: LocalModelLoad; wraps: WrapSummary[] } | undefined;
  let item: number | undefined;
  if (ret.type === 'expression_list' || ret.type === 'tuple') {
    for (let i = 0; i < MAX_ITEMS; i++) {
      const r = returnedBy(fn, i);
      const l = r && loadOf(r.value);
      if (!l) continue;
      if (found) return null;
      found = l;
      item = i;
    }
  } else {
    const r = returnedBy(fn);
    found = r && loadOf(r.value);
  }
  if (!found) return null;
  const { load } = found;
  const call = load.call;
  const idArg = modelIdArg(call);
  const args = call.node.childForFieldName('arguments')?.namedChildren ?? [];
  for (const a of args) {
    if (!a || a.type === 'comment' || a.id === idArg?.node.id) continue;
    const value = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
    if (value && readsParameter(facts, fn.node, value)) return null;
  }
  const out: ModelLoader = {
    unsloth: load.unsloth, cls: load.cls, quantization: loadQuantization(facts, byNode, call, load.unsloth),
    keywords: [...call.keywords.keys()].sort(),
  };
  if (item !== undefined) out.item = item;
  if (found.wraps.length) out.wraps = found.wraps;
  const msl = load.unsloth ? evaluateNumber(facts, call.keywords.get('max_seq_length')?.value) : undefined;
  if (msl !== undefined) out.maxSeqLength = msl;
  // The id: a parameter (followed through the function's own assignments), else a value read without one.
  // A name the function assigns more than once, or a parameter it assigns (`if name is None: name = DEFAULT`), has
  // more than one value there: the id is unknown.
  let v: Node | undefined = idArg?.value;
  for (let depth = 0; (v?.type === 'identifier' || v?.type === 'attribute') && depth < 8; depth++) {
    if (v.type === 'attribute') {
      // `cfg.model_name` of a parameter `cfg` the function neither reassigns nor sets the attribute of: the script's
      // call gives the object (`facts/attributes.ts` makes the attribute exact there, or not).
      const obj = v.childForFieldName('object');
      const attr = v.childForFieldName('attribute')?.text;
      if (obj?.type !== 'identifier' || !attr || !isParameterOf(fn.node, obj.text)) break;
      if (localAssignments(facts, fn.node, obj.text).length || assignmentsTo(facts, `${obj.text}.${attr}`).length) return out;
      const param = parameterSlot(fn.node, obj.text);
      if (!param) return null;
      out.param = { name: obj.text, attr, hasDefault: !!param.default };
      if (param.index !== undefined) out.param.index = param.index;
      const def = param.default && attributeOf(facts, param.default, attr);
      const defaultId = def && evaluateString(facts, def);
      if (defaultId !== undefined) out.param.defaultId = defaultId;
      return out;
    }
    const local = localAssignments(facts, fn.node, v.text);
    if (isParameterOf(fn.node, v.text) ? local.length > 0 : local.length > 1) return out;
    if (local.length === 1) {
      const a = reachingAssignment(facts, v.text, v);
      if (a !== local[0] || a.unpackIndex !== undefined) return out;
      v = a.value;
      continue;
    }
    if (isParameterOf(fn.node, v.text)) {
      const param = parameterSlot(fn.node, v.text);
      if (!param) return null;
      out.param = param.default ? { name: v.text, index: param.index, hasDefault: true, defaultId: evaluateString(facts, param.default) } : { name: v.text, index: param.index, hasDefault: false };
      if (out.param.index === undefined) delete out.param.index;
      if (out.param.defaultId === undefined) delete out.param.defaultId;
      return out;
    }
    break;
  }
  if (v && !readsParameter(facts, fn.node, v)) {
    const id = evaluateString(facts, v);
    if (id !== undefined) out.id = id;
  }
  return out;
}

/**
 * The summary of `fn` (a module-level function of `facts`) when it provably returns the model it is given, with PEFT
 * adapters added in the function itself or not (`def apply_lora(model): … return get_peft_model(model, cfg)`); else null.
 */
export function modelWrapperOf(facts: FileFacts, fn: FunctionFact): ModelWrapper | null {
  if (!isReadableFunction(fn) || fn.node.parent?.type === 'decorated_definition' || fn.returns.length !== 1) return null;
  const r = returnedBy(fn);
  if (!r) return null;
  const byNode = callIndex(facts);
  const trace = traceModel(facts, byNode, r.value);
  if (trace.load || trace.id !== undefined || trace.param?.fn.id !== fn.node.id) return null;
  const wraps = wrapsIn(facts, byNode, fn, trace.wraps);
  const slot = parameterSlot(fn.node, trace.param.name);
  if (!wraps || !slot) return null;
  const out: ModelWrapper = { param: { name: trace.param.name }, wraps };
  if (slot.index !== undefined) out.param.index = slot.index;
  return out;
}

/** The wraps of a trace as plain data, when every one is a call made in `fn` itself; else undefined. */
function wrapsIn(facts: FileFacts, byNode: Map<number, CallFact>, fn: FunctionFact, wraps: readonly ModelWrap[]): WrapSummary[] | undefined {
  const out: WrapSummary[] = [];
  for (const w of wraps) {
    if (!w.call || enclosingFunction(w.call.node)?.id !== fn.node.id) return undefined;
    const summary: WrapSummary = { calleeText: w.calleeText };
    const declares = wrapDeclaresLabels(facts, byNode, w);
    if (declares !== undefined) summary.declaresLabels = declares;
    out.push(summary);
  }
  return out;
}

/** The assignments to `name` in the body of `fn` itself. */
function localAssignments(facts: FileFacts, fn: Node, name: string): AssignmentFact[] {
  return assignmentsTo(facts, name).filter((a) => a.scope?.id === fn.id && a.target === name);
}

/** Whether `node` reads a parameter of `fn`, directly or through the function's own assignments (a few deep). */
function readsParameter(facts: FileFacts, fn: Node, node: Node, depth = 0): boolean {
  if (depth > 4) return true;
  const stack: Node[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'identifier') {
      if (isParameterOf(fn, n.text)) return true;
      // Every value the function gives the name (whichever reaches the read).
      for (const a of localAssignments(facts, fn, n.text)) {
        if (!(a.node.startIndex <= n.startIndex && n.endIndex <= a.node.endIndex) && readsParameter(facts, fn, a.value, depth + 1)) return true;
      }
      continue;
    }
    // The names in `x.name` and `f(name=…)` are not reads.
    if (n.type === 'attribute') { const o = n.childForFieldName('object'); if (o) stack.push(o); continue; }
    if (n.type === 'keyword_argument') { const v = n.childForFieldName('value'); if (v) stack.push(v); continue; }
    for (const c of n.namedChildren) if (c) stack.push(c);
  }
  return false;
}
