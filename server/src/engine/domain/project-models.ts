/**
 * What a call of a function imported from another module of the script's project does to a model, from that
 * function's summary (`domain/model-loader.ts`, answered by `modules/`): the load it makes (`model =
 * load_base_model_4bit()`: `projectLoad`) or the model it returns, given as an argument, with the PEFT wraps it adds
 * (`model = apply_lora(model)`: `projectWrap`). Everything is evaluated at the script's call, from plain data.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../facts/anchor';
import { attributeOf } from '../facts/attributes';
import { isParameterOf } from '../facts/own-functions';
import { assignmentsTo } from '../facts/reaching';
import type { FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import { dottedParts, importedRef } from '../modules/imported-ref';
import type { ImportedName, ModelWrapper, WrapSummary } from '../modules/types';
import { familyOf } from './model-families';
import { quantizedWith, type ModelLoad } from './models';
import type { ModelWrap } from './peft-wraps';

/**
 * The summary of the project function `call` calls, with the call's arguments. Undefined when the script binds the
 * name itself (a function, class, assignment or parameter of that name), or `*args`/`**kwargs` at the call hide what
 * is passed.
 */
function projectAnswer(facts: FileFacts, call: Node): { answer: ImportedName; args: Node[]; name: string } | undefined {
  const scope = facts.modules;
  const callee = call.childForFieldName('function');
  if (!scope || !callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) return undefined;
  const ref = importedRef(facts, callee);
  const parts = ref && dottedParts(callee);
  if (!ref || !parts) return undefined;
  const fn = enclosingFunction(call);
  if (facts.functions.has(parts[0]) || facts.classes.some((c) => c.name === parts[0]) || assignmentsTo(facts, parts[0]).length
    || (fn && isParameterOf(fn, parts[0])) || (parts.length > 1 && assignmentsTo(facts, parts.join('.')).length)) return undefined;
  const answer = scope.provider.lookup(scope.path, ref.module, ref.name);
  if (!answer?.loader && !answer?.wrapper) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') as Node[] | undefined ?? [];
  if (args.some((a) => a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  return { answer, args, name: callee.text };
}

/** The argument the call passes for the parameter (by keyword, else by position); undefined when none is. */
function givenFor(args: Node[], p: { name: string; index?: number }): Node | undefined {
  const keyword = args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === p.name);
  if (keyword) return keyword.childForFieldName('value') ?? undefined;
  return p.index !== undefined ? args.filter((a) => a.type !== 'keyword_argument')[p.index] : undefined;
}

/** The wraps a project function adds, as the script's trace records them: at the script's call. */
function wrapsAt(call: Node, name: string, wraps: readonly WrapSummary[] | undefined): ModelWrap[] {
  return (wraps ?? []).map((w) => {
    const wrap: ModelWrap = { node: call, calleeText: w.calleeText, via: name };
    if (w.declaresLabels !== undefined) wrap.declaresLabels = w.declaresLabels;
    return wrap;
  });
}

/**
 * The load a call of a function imported from a module of the script's project makes (`model = load_base_model_4bit()`
 * after `from src.models.models import load_base_model_4bit`), and the PEFT wraps that function adds to it: its id is
 * the argument the call passes for the id parameter (or that argument's attribute: `load_model(config)` reading
 * `cfg.model_name`), else the parameter's default as the defining module evaluates it. `item`: the call is unpacked
 * (`model, tok = load()`) and this is the item read ('any': the load the call makes, whichever item holds it).
 * Undefined as `projectAnswer`, or when the required id parameter is not passed.
 */
export function projectLoad(facts: FileFacts, call: Node, item?: number | 'any'): { load: ModelLoad; wraps: ModelWrap[] } | undefined {
  const found = projectAnswer(facts, call);
  const loader = found?.answer.loader;
  if (!found || !loader || (item !== 'any' && loader.item !== item)) return undefined;
  let id = loader.id;
  const p = loader.param;
  if (p) {
    const given = givenFor(found.args, p);
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
  return { load, wraps: wrapsAt(call, found.name, loader.wraps) };
}

/**
 * A call of a function imported from a project module that returns the model it is given (`def apply_lora(model): …
 * return get_peft_model(model, cfg)`): the argument passed for the model parameter, to trace on, and the wraps the
 * function adds (at the script's call). Undefined as `projectAnswer`, or when the model argument is not passed.
 */
export function projectWrap(facts: FileFacts, call: Node): { model: Node; wraps: ModelWrap[] } | undefined {
  const found = projectAnswer(facts, call);
  const wrapper: ModelWrapper | undefined = found?.answer.wrapper;
  if (!found || !wrapper) return undefined;
  const model = givenFor(found.args, wrapper.param);
  return model && { model, wraps: wrapsAt(call, found.name, wrapper.wraps) };
}
