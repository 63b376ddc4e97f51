/**
 * The script's own functions as values flow through them: a call of a module-level function the script defines, what
 * it provably returns (`returnedValue`), which argument a call passes for a parameter (`argumentForParameter`).
 * Used by the value resolution (`values.ts`) and by the rules that follow tokenizers into the script's own loaders.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts, FunctionFact } from './types';
import { enclosingFunction } from './anchor';

/** `name` is one of the parameters of `fn` (a function definition or lambda; `*args`, `**kw`, defaults, annotations). */
export function isParameterOf(fn: Node, name: string): boolean {
  const params = fn.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => !!p && parameterName(p) === name);
}

/** The annotation written on the parameter `name` of `fn` (`prompt: str` → `str`), when there is one. */
export function parameterAnnotation(fn: Node, name: string): string | undefined {
  const p = parametersOf(fn).find((x) => x.name === name);
  return p && (p.node.type === 'typed_parameter' || p.node.type === 'typed_default_parameter') ? p.node.childForFieldName('type')?.text : undefined;
}

/** The name a parameter binds (`x`, `x=1`, `x: int`, `*args`, `**kw`). */
function parameterName(p: Node): string | undefined {
  const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier');
  return id?.text;
}

/**
 * A bare-name call that reaches the script's own module-level `def NAME`, not an import of the same name: the name is
 * imported neither at module level nor in the function the call is in. Imports are resolved without scopes, so a
 * function-local `from unsloth.chat_templates import get_chat_template` inside the script's own
 * `def get_chat_template(tokenizer)` also qualifies the calls of that wrapper elsewhere (thewh1teagle/gemma3-g2p
 * `src/train.py`).
 */
export function callsOwnFunction(facts: FileFacts, c: CallFact): boolean {
  if (c.callee.type !== 'identifier') return false;
  const fn = facts.functions.get(c.callee.text);
  if (!fn || fn.scope !== null) return false;
  const at = enclosingFunction(c.node);
  return !facts.imports.some((i) => {
    if (i.local !== c.callee.text) return false;
    const scope = enclosingFunction(i.node);
    return scope === null || scope.id === at?.id;
  });
}

/**
 * The script's own module-level function `call` calls by name, when what it returns can be read: not a method, nested
 * function, generator or coroutine. Its parameters stay unknown.
 */
function ownFunctionCalled(facts: FileFacts, call: Node): FunctionFact | undefined {
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'identifier') return undefined;
  const fn = facts.functions.get(callee.text);
  return fn && isReadableFunction(fn) ? fn : undefined;
}

/** A module-level function whose returns can be read: not a method, nested function, generator or coroutine. */
export function isReadableFunction(fn: FunctionFact): boolean {
  if (fn.scope !== null || fn.returns.length === 0) return false;
  const def = fn.node;
  const parent = def.parent?.type === 'decorated_definition' ? def.parent.parent : def.parent;
  return parent?.type === 'module' && !def.text.startsWith('async') && !/\byield\b/.test(def.childForFieldName('body')?.text ?? '');
}

/**
 * `make_args()` where the script defines `def make_args(...)` at module level with a single `return`:
 * the returned expression, read inside the function (names there resolve in its scope; its parameters
 * stay unknown). Methods, nested functions, generators and coroutines are not followed.
 */
export function ownFunctionReturn(facts: FileFacts, call: Node): Node | undefined {
  const fn = ownFunctionCalled(facts, call);
  return fn && fn.returns.length === 1 ? fn.returns[0] : undefined;
}

/** What a call of the script's own function returns, read where it is written (see `returnedValue`). */
export interface ReturnedValue {
  fn: FunctionFact;
  /** The returned expression (the `unpackIndex`th item of a returned tuple), in the first `return`. */
  value: Node;
  /** Every `return` statement of the function (one per path that returns), in document order. */
  returns: Node[];
}

/**
 * What `call` of the script's own function returns, or its `unpackIndex`th item when the call site unpacks a tuple
 * (`model, tok = load()` with `return model, tok`). Only when the function provably returns it: a single `return`, or
 * every `return` giving the same name (`return tok` on each path). A bare `return` (None) or a path that returns
 * something else gives undefined.
 */
export function returnedValue(facts: FileFacts, call: Node, unpackIndex?: number): ReturnedValue | undefined {
  const fn = ownFunctionCalled(facts, call);
  return fn && returnedBy(fn, unpackIndex);
}

/** What the readable module-level function `fn` provably returns (`returnedValue`, without a call). */
export function returnedBy(fn: FunctionFact, unpackIndex?: number): ReturnedValue | undefined {
  const items: Node[] = [];
  for (const r of fn.returns) {
    let item: Node | null | undefined = r;
    if (unpackIndex !== undefined) {
      if (r.type !== 'expression_list' && r.type !== 'tuple') return undefined;
      const parts = r.namedChildren.filter((c) => c && c.type !== 'comment');
      if (parts.some((c) => c?.type === 'list_splat')) return undefined;
      item = parts[unpackIndex];
    }
    if (!item) return undefined;
    items.push(item);
  }
  if (items.length > 1 && !items.every((i) => i.type === 'identifier' && i.text === items[0].text)) return undefined;
  // A bare `return` gives None on that path.
  const returns = items.map((i) => i.parent?.type === 'return_statement' ? i.parent : i.parent?.parent ?? i);
  const body = fn.node.childForFieldName('body');
  if (/^[ \t]*return[ \t]*(#.*)?$/m.test(body?.text ?? '')) return undefined;
  // A path that runs off the end returns None: the body must end in a `return` (or a `raise`).
  const last = body?.namedChildren.filter((c) => c && c.type !== 'comment').pop();
  if (last?.type !== 'return_statement' && last?.type !== 'raise_statement') return undefined;
  return { fn, value: items[0], returns };
}

/**
 * The argument `call` passes for parameter `name` of the function `fn` defines (by keyword, by position, or the
 * parameter's default), or undefined when it cannot be told (`*args` at the call, a `*`/`**` parameter).
 */
export function argumentForParameter(fn: Node, call: Node, name: string): Node | undefined {
  const slot = parameterSlot(fn, name);
  if (!slot) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  if (args.some((a) => a?.type === 'list_splat' || a?.type === 'dictionary_splat')) return undefined;
  for (const a of args) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  }
  const given = args.filter((a) => a?.type !== 'keyword_argument');
  if (slot.index !== undefined && given[slot.index]) return given[slot.index] ?? undefined;
  return slot.default;
}

/**
 * What every call of the script's own module-level function `fn` passes for its parameter `name` (by keyword, position
 * or the default), read with `read`; undefined when a call's argument cannot be told, when two calls disagree, or when
 * nothing calls the function. `load_config()` with `def load_config(path="config.yaml")`: the default.
 */
export function agreedArgument<T>(facts: FileFacts, fn: FunctionFact, name: string, read: (arg: Node) => T | undefined, same: (a: T, b: T) => boolean): T | undefined {
  if (!isReadableFunction(fn) || !parameterSlot(fn.node, name)) return undefined;
  let agreed: T | undefined;
  let calls = 0;
  for (const c of facts.calls) {
    if (c.callee.type !== 'identifier' || c.callee.text !== fn.name || ownFunctionCalled(facts, c.node) !== fn) continue;
    const arg = argumentForParameter(fn.node, c.node, name);
    const v = arg && read(arg);
    if (v === undefined || (agreed !== undefined && !same(agreed, v))) return undefined;
    agreed = v;
    calls++;
  }
  return calls ? agreed : undefined;
}

/** One parameter of a `def`: what it can receive. `*` and `/` markers are not parameters. */
export interface Parameter { node: Node; name: string; kind: 'positional' | 'keyword-only' | 'args' | 'kwargs' }

/** The parameters of a `def`, in order (`*args: T` and `**kw: T` annotated too). */
export function parametersOf(fn: Node): Parameter[] {
  const out: Parameter[] = [];
  let keywordOnly = false;
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p || p.type === 'comment' || p.type === 'positional_separator') continue;
    if (p.type === 'keyword_separator') { keywordOnly = true; continue; }
    const inner = p.type === 'typed_parameter' ? p.namedChildren[0] ?? p : p;
    if (inner.type === 'list_splat_pattern') { keywordOnly = true; out.push({ node: p, name: inner.text.replace(/^\*/, ''), kind: 'args' }); continue; }
    if (inner.type === 'dictionary_splat_pattern') { out.push({ node: p, name: inner.text.replace(/^\*\*/, ''), kind: 'kwargs' }); continue; }
    out.push({ node: p, name: parameterName(p) ?? p.text, kind: keywordOnly ? 'keyword-only' : 'positional' });
  }
  return out;
}

/**
 * A plain parameter `name` of `fn`: its position when it can be passed positionally, and its default; undefined when
 * `fn` has no such parameter (`*args` and `**kw` are not plain).
 */
export function parameterSlot(fn: Node, name: string): { index?: number; default?: Node } | undefined {
  let index = 0;
  for (const p of parametersOf(fn)) {
    if (p.kind === 'args' || p.kind === 'kwargs') continue;
    if (p.name === name) return { index: p.kind === 'positional' ? index : undefined, default: p.node.childForFieldName('value') ?? undefined };
    if (p.kind === 'positional') index++;
  }
  return undefined;
}

/**
 * What the one call of the script's own module-level function passes for the parameter `param` (an identifier in its
 * body, not rebound before it: the caller checks): `def train_model(model, tok, train_dataset, out): …` with the one
 * call `train_model(model, tokenizer, data["train"], out)`. Undefined when the function is called more than once or
 * not at all, with `*args`/`**kwargs`, or handed on as a value (an argument, an assigned value or a returned one), or
 * nested or a method.
 */
export function soleCallArgument(facts: FileFacts, param: Node): Node | undefined {
  if (param.type !== 'identifier') return undefined;
  let fn: Node | null = param.parent;
  while (fn && fn.type !== 'function_definition' && fn.type !== 'lambda') fn = fn.parent;
  const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  const def = name ? facts.functions.get(name) : undefined;
  if (!fn || !name || !def || def.node.id !== fn.id || def.scope !== null || !isParameterOf(fn, param.text)) return undefined;
  const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  if (parent?.type !== 'module' || fn.parent?.type === 'decorated_definition') return undefined;
  if (facts.assignments.some((a) => a.target === name || a.value.text === name)) return undefined;
  // Rebound anywhere in the function (also where the reaching definition is ambiguous): not the call's argument alone.
  const body = fn;
  if (facts.assignments.some((a) => a.target === param.text && a.node.startIndex >= body.startIndex && a.node.endIndex <= body.endIndex)) return undefined;
  const calls = facts.calls.filter((c) => c.calleeText === name);
  if (calls.length !== 1 || calls[0].hasSplat) return undefined;
  // The name handed on as a value (a callback, a list of steps, `return train_model`): it may be called another way.
  // Read from the facts, not the tree: an editor's sections each have their own tree.
  const word = new RegExp(`\\b${name}\\b`);
  if (facts.calls.some((c) => c.args.some((a) => word.test(a.value.text))) || facts.assignments.some((a) => word.test(a.value.text))
    || [...facts.functions.values()].some((f) => f.returns.some((r) => word.test(r.text)))) return undefined;
  return argumentForParameter(fn, calls[0].node, param.text);
}
