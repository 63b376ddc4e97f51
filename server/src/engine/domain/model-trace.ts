/**
 * Tracing a model expression (a trainer's `model=`) back to its load: through variables, tuple unpacking of Unsloth
 * loads, PEFT wrappers (`peft-wraps.ts`), the script's own functions that provably return it (`def load(name=MODEL): …
 * return model`, the id then the argument the call passes: `models.ts` `modelIdOf`; `def add_lora(m): return
 * get_peft_model(m, cfg)`, the model then the argument), and functions of other project modules that load or wrap it
 * (`project-models.ts`, from the summaries `model-loader.ts` makes there). Also every model load of a file
 * (`modelLoads`). Unknown stays unknown.
 */
import type { Node } from 'web-tree-sitter';
import { KeptKey } from '../syntax/kept-with';
import { enclosingFunction } from '../facts/anchor';
import { isQualified } from '../facts/imports';
import type { CallFact, FileFacts } from '../facts/types';
import { argumentForParameter, isParameterOf, returnedValue, soleCallArgument } from '../facts/own-functions';
import { evaluate } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { selfAttribute } from '../facts/self-attributes';
import { inExclusiveBranches } from './branches';
import { familyOf, type ModelFamily } from './model-families';
import { isModelLoad, modelLoad, type CallSite, type ModelLoad } from './models';
import { isPeftWrap, localWrap, PASS_THROUGH, wrappedModelArg, type ModelWrap } from './peft-wraps';
import { projectLoad, projectWrap } from './project-models';

/**
 * Every model load in the file, in source order: the load calls, and the assignments of a call of a project module's
 * function that returns a model it loads (`model = load_base_model_4bit()`; `projectLoad`).
 */
export function modelLoads(facts: FileFacts, byNode: Map<number, CallFact>): ModelLoad[] {
  const out: ModelLoad[] = [];
  for (const c of facts.calls) {
    const l = modelLoad(facts, byNode, c) ?? (facts.modules && c.node.parent?.type === 'assignment' && c.node.parent.childForFieldName('right')?.id === c.node.id
      ? projectLoad(facts, c.node, 'any')?.load : undefined);
    if (l) out.push(l);
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

const SAME_MODEL_METHODS = ['to', 'cuda', 'half', 'bfloat16', 'float', 'train', 'eval'];

export interface ModelTrace {
  /** The load the expression comes from. */
  load?: ModelLoad;
  /** A model id given directly as a string (`SFTTrainer(model="Qwen/…")`). */
  id?: string;
  /** PEFT wrappers on the way, outermost first. */
  wraps: ModelWrap[];
  /**
   * The trace ended at a parameter of a function it did not enter through a call (`def apply_lora(model): return
   * get_peft_model(model, cfg)`, traced from its `return`): what a project function's summary is made from.
   */
  param?: { fn: Node; name: string };
  /**
   * The trace ended at a call of the script's own function or method (`self.load_base_model()`) whose body loads no
   * model: the model is one it builds itself (`return MLP()`), so none of the file's loads is it.
   */
  builtBy?: Node;
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
  if (n.type === 'identifier' || n.type === 'attribute') {
    // A name, or `self.model` in a method of the script's own class (its one assignment: `self-attributes.ts`).
    const a = n.type === 'identifier' ? reachingAssignment(facts, n.text, n) : selfAttribute(facts, n)?.assignment;
    // A parameter of the script's own function the trace entered through a call (`def add_lora(m): return
    // get_peft_model(m, cfg)` called as `add_lora(model)`): the argument that call passes, traced where the call is.
    if (!a || shadowedByParameter(a, n)) {
      const fn = enclosingFunction(n);
      const site = fn && sites.find((s) => s.fn.id === fn.id);
      if (fn && site && isParameterOf(fn, n.text)) {
        const arg = argumentForParameter(fn, site.call, n.text);
        return arg ? traceModel(facts, byNode, arg, depth + 1, sites.filter((s) => s !== site)) : none;
      }
      if (fn?.type === 'function_definition' && !site && isParameterOf(fn, n.text)) {
        // The one call of the function fills it (cd-yang/continual-pretrain-qwen2.5-coder `train_model(model, …)`).
        const passed = soleCallArgument(facts, n);
        return passed ? traceModel(facts, byNode, passed, depth + 1, sites) : { wraps: [], param: { fn, name: n.text } };
      }
    }
    // The assignment found is in another branch of an `if` than the use: it never reaches it (the one that
    // does, before the `if`, is not followed).
    if (!a || inExclusiveBranches(a.node, n, facts) || shadowedByParameter(a, n)) return none;
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
        return projectLoad(facts, value, a.unpackIndex) ?? none;
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
    return { ...inner, wraps: [localWrap(c), ...inner.wraps] };
  }
  if (PASS_THROUGH.some((p) => isQualified(c.qualified, ['peft'], p))) return traceModel(facts, byNode, wrappedModelArg(c)?.value, depth + 1, sites);
  if (c.method && SAME_MODEL_METHODS.includes(c.method) && c.receiver) return traceModel(facts, byNode, c.receiver, depth + 1, sites);
  const returned = returnedValue(facts, n);
  if (returned) {
    const inner = traceModel(facts, byNode, returned.value, depth + 1, [...sites, { call: n, fn: returned.fn.node }]);
    return traced(inner) ? inner : withBuilder(facts, n, inner);
  }
  const built = withBuilder(facts, n, none);
  if (built.builtBy) return built;
  const loaded = projectLoad(facts, n);
  if (loaded) return loaded;
  // A project function that returns the model it is given (`model = apply_lora(model)`): the argument, traced here.
  const wrapped = projectWrap(facts, n);
  if (!wrapped) return none;
  const inner = traceModel(facts, byNode, wrapped.model, depth + 1, sites);
  return { ...inner, wraps: [...wrapped.wraps, ...inner.wraps] };
}

const traced = (t: ModelTrace): boolean => !!t.load || t.id !== undefined || !!t.param || !!t.builtBy;

/** `trace` (which found nothing) marked as built by the own function `call` calls, when that function loads no model. */
function withBuilder(facts: FileFacts, call: Node, trace: ModelTrace, def = ownDefinitionCalled(facts, call)): ModelTrace {
  if (!def) return trace;
  const loads = facts.calls.some((c) => c.node.startIndex >= def.startIndex && c.node.endIndex <= def.endIndex && isModelLoad(facts, c));
  return loads ? trace : { ...trace, builtBy: def };
}

/**
 * The definition a call of the script's own code runs: `name(…)` of a function the file defines, or `self.name(…)` /
 * `cls.name(…)` of a method of the class the call is written in. Undefined for anything else.
 */
function ownDefinitionCalled(facts: FileFacts, call: Node): Node | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type === 'identifier') {
    const fn = facts.functions.get(callee.text);
    // A module-level function, or one defined in a function the call is written in.
    return fn && (fn.scope === null || (call.startIndex >= fn.scope.startIndex && call.endIndex <= fn.scope.endIndex)) ? fn.node : undefined;
  }
  if (callee?.type !== 'attribute') return undefined;
  const receiver = callee.childForFieldName('object');
  const name = callee.childForFieldName('attribute')?.text;
  if (receiver?.type !== 'identifier' || (receiver.text !== 'self' && receiver.text !== 'cls') || !name) return undefined;
  const fn = enclosingFunction(call);
  let cls: Node | null = fn?.parent ?? null;
  while (cls && cls.type !== 'class_definition') cls = cls.type === 'block' || cls.type === 'decorated_definition' ? cls.parent : null;
  for (const member of cls?.childForFieldName('body')?.namedChildren ?? []) {
    const def = member?.type === 'decorated_definition' ? member.childForFieldName('definition') : member;
    if (def?.type === 'function_definition' && def.childForFieldName('name')?.text === name) return def;
  }
  return undefined;
}

/** A module-level assignment found for a name that, where it is used, is a parameter of the enclosing function. */
function shadowedByParameter(a: { scope: Node | null }, use: Node): boolean {
  if (a.scope !== null) return false;
  const fn = enclosingFunction(use);
  return fn?.type === 'function_definition' && isParameterOf(fn, use.text);
}

/** The family of a traced model: its load's family, or the id's. */
export function traceFamily(t: ModelTrace): ModelFamily | undefined {
  return t.load?.family ?? familyOf(t.id);
}
