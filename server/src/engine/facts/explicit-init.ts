/**
 * An `__init__` with explicit parameters that hands them to its base (`def __init__(self, model, args, teacher=None,
 * **kwargs): …; super().__init__(model=model, args=args, **kwargs)`): which parameter each of the base's arguments is,
 * read from the syntax once per walk. Only what is proven counts: the one `super().__init__(…)` (or `Base.__init__(self,
 * …)`) must be a statement of the body itself, not under a condition, a loop or a `try`; a parameter used before it
 * (reassigned, mutated, read into something) gives an unknown argument, as does any argument that is not a parameter
 * as it came. `kwargs.pop("k")` before the call takes `k` out, `kwargs["new"] = kwargs.pop("old")` renames it (the
 * LLaMA-Factory shape), anything else done to `kwargs` before the call (or under a condition), and a value read out of
 * it (`kwargs.get("args")`, `kwargs["args"].x = …`: the object may be changed), leaves that key unknown.
 * `domain/trainer-subclass.ts` maps an instantiation onto the library trainer's arguments with it.
 */
import type { Node } from 'web-tree-sitter';
import type { InitParam, InitPasses } from './class-syntax';

const STRING_KEY = /^(['"])([A-Za-z_]\w*)\1$/;

function named(n: Node | null | undefined): Node[] {
  return (n?.namedChildren ?? []).filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The name a parameter node binds (`x`, `x: T`, `x=1`, `x: T = 1`). */
function paramName(p: Node): string | undefined {
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter') return p.namedChildren[0]?.type === 'identifier' ? p.namedChildren[0].text : undefined;
  if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') return p.childForFieldName('name')?.text;
  return undefined;
}

function splatOf(p: Node): Node | undefined {
  const q = p.type === 'typed_parameter' ? p.namedChildren[0] : p;
  return q && (q.type === 'list_splat_pattern' || q.type === 'dictionary_splat_pattern') ? q : undefined;
}

/** `super().__init__(…)`, `super(Cls, self).__init__(…)` or `Base.__init__(self, …)` (the class's one base). */
function isBaseInit(call: Node, bases: readonly string[]): 'super' | 'base' | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== '__init__') return undefined;
  const obj = fn.childForFieldName('object');
  if (obj?.type === 'call' && obj.childForFieldName('function')?.text === 'super') return 'super';
  if (obj && bases.length === 1 && obj.text === bases[0]) return 'base';
  return undefined;
}

/** The default value node of parameter `name` of an `__init__` definition (for a call that omits it). */
export function parameterDefault(fn: Node, name: string): Node | undefined {
  for (const p of named(fn.childForFieldName('parameters'))) {
    if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && p.childForFieldName('name')?.text === name) {
      return p.childForFieldName('value') ?? undefined;
    }
  }
  return undefined;
}

export function explicitInit(fn: Node, bases: readonly string[]): InitPasses | undefined {
  const params: InitParam[] = [];
  let star: string | undefined, stars: string | undefined, keywordOnly = false;
  const all = named(fn.childForFieldName('parameters'));
  for (const p of all.slice(1)) { // all[0] is self
    const splat = splatOf(p);
    if (splat?.type === 'list_splat_pattern') { star = splat.namedChildren[0]?.text; keywordOnly = true; continue; }
    if (splat) { stars = splat.namedChildren[0]?.text; continue; }
    if (p.type === 'keyword_separator') { keywordOnly = true; continue; }
    if (p.type === 'positional_separator') continue;
    const name = paramName(p);
    if (!name) return undefined;
    params.push({ name, positional: !keywordOnly, hasDefault: p.type === 'default_parameter' || p.type === 'typed_default_parameter' });
  }
  if (!all.length || all[0].type !== 'identifier') return undefined;
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  // The one call of the base's `__init__`, a statement of the body itself.
  const inits = body.descendantsOfType('call').filter((c): c is Node => !!c && !!isBaseInit(c, bases));
  if (inits.length !== 1) return undefined;
  const init = inits[0];
  const statement = init.parent;
  if (statement?.type !== 'expression_statement' || statement.parent?.id !== body.id) return undefined;
  const how = isBaseInit(init, bases)!;
  const paramNames = new Set(params.map((p) => p.name));
  const positional: Array<string | null> = [];
  const keywords: Array<[string, string | null]> = [];
  let spreads = false, opaque = false;
  const passedNodes = new Set<number>();
  let args = named(init.childForFieldName('arguments'));
  if (how === 'base') {
    if (args[0]?.type !== 'identifier' || args[0].text !== all[0].text) return undefined;
    args = args.slice(1);
  }
  for (const a of args) {
    if (a.type === 'keyword_argument') {
      const k = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (!k || !v) return undefined;
      const p = v.type === 'identifier' && paramNames.has(v.text) ? v.text : null;
      if (p) passedNodes.add(v.id);
      keywords.push([k, p]);
    } else if (a.type === 'list_splat') {
      const v = a.namedChildren[0];
      if (v?.type === 'identifier' && v.text === star && !keywords.length) { positional.push('*'); passedNodes.add(v.id); } else opaque = true;
    } else if (a.type === 'dictionary_splat') {
      const v = a.namedChildren[0];
      if (v?.type === 'identifier' && v.text === stars && !spreads) { spreads = true; passedNodes.add(v.id); } else opaque = true;
    } else {
      if (positional.includes('*')) { opaque = true; continue; }
      const p = a.type === 'identifier' && paramNames.has(a.text) ? a.text : null;
      if (p) passedNodes.add(a.id);
      positional.push(p);
    }
  }
  // What happens before the call: uses of parameters, and of `kwargs`.
  const touched = new Set<string>();
  const pops: string[] = [];
  const renames: Array<[string, string]> = [];
  const unknownKeys = new Set<string>();
  const reassigned = new Set<string>();
  for (const n of body.descendantsOfType('identifier')) {
    if (!n || passedNodes.has(n.id)) continue;
    const parent = n.parent;
    if (parent && ((parent.type === 'attribute' && parent.childForFieldName('attribute')?.id === n.id)
      || (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === n.id))) continue;
    const before = n.startIndex < init.endIndex;
    if (n.text === stars && spreads) {
      if (!before) continue;
      const use = kwargsUse(n, body);
      if (!use) return undefined;
      if (use.kind === 'read') continue;
      if (!use.direct) { for (const k of [...use.keys, ...(use.popped ? [use.popped] : [])]) unknownKeys.add(k); continue; }
      if (use.popped) pops.push(use.popped);
      if (use.kind === 'pop') pops.push(use.keys[0]);
      else if (use.kind === 'rename') renames.push([use.keys[0], use.keys[1]]);
      else unknownKeys.add(use.keys[0]);
      continue;
    }
    if (n.text === star && before && positional.includes('*')) return undefined;
    if (paramNames.has(n.text) && before) touched.add(n.text);
  }
  // `self.x = …` after the call: the trainer holds something else than its argument.
  const self = all[0].text;
  for (const a of body.descendantsOfType(['assignment', 'augmented_assignment'])) {
    const left = a?.childForFieldName('left');
    if (!a || !left || a.startIndex < init.endIndex) continue;
    for (const t of left.type === 'pattern_list' || left.type === 'tuple_pattern' ? named(left) : [left]) {
      if (t.type === 'attribute' && t.childForFieldName('object')?.text === self) reassigned.add(t.childForFieldName('attribute')?.text ?? '');
    }
  }
  if (body.descendantsOfType('call').some((c) => c?.childForFieldName('function')?.text === 'setattr')) opaque = true;
  // A `kwargs.pop("k")` key is gone, except where it is renamed.
  const renamedFrom = new Set(renames.map((r) => r[1]));
  return {
    params, ...(star ? { star } : {}), ...(stars ? { stars } : {}), positional, keywords, spreads, opaque,
    pops: pops.filter((k) => !renamedFrom.has(k)), renames, unknownKeys: [...unknownKeys], touched: [...touched], reassigned: [...reassigned],
  };
}

type KwargsUse = { kind: 'read' } | { kind: 'pop' | 'rename' | 'set'; keys: string[]; direct: boolean; popped?: string };

/**
 * A use of the `**kwargs` name before the base gets it: a read (`kwargs.get("k")`, `"k" in kwargs`), a pop
 * (`kwargs.pop("k"[, d])`), a rename (`kwargs["new"] = kwargs.pop("old")`: the `pop` inside is part of it) or a set
 * (`kwargs["k"] = …`). `direct`: in a statement of the body itself (not under a condition). Anything else: undefined.
 */
function kwargsUse(n: Node, body: Node): KwargsUse | undefined {
  const p = n.parent;
  const statementIsDirect = (x: Node): boolean => {
    let s: Node | null = x;
    while (s && s.parent && s.parent.id !== body.id) s = s.parent;
    return !!s && s.parent?.id === body.id && (s.type === 'expression_statement');
  };
  if (p?.type === 'comparison_operator' && p.namedChildren.length === 2 && p.namedChildren[1]?.id === n.id && STRING_KEY.test(p.namedChildren[0]?.text ?? '')) {
    return { kind: 'read' };
  }
  if (p?.type === 'subscript' && p.childForFieldName('value')?.id === n.id) {
    const key = STRING_KEY.exec(p.childForFieldName('subscript')?.text ?? '');
    const assign = p.parent;
    if (!key) return undefined;
    if (assign?.type === 'assignment' && assign.childForFieldName('left')?.id === p.id) {
      const right = assign.childForFieldName('right');
      const popped = right && popOf(right, n.text);
      const direct = statementIsDirect(assign) && assign.parent?.type === 'expression_statement';
      if (popped && popped.args === 1) return { kind: 'rename', keys: [key[2], popped.key], direct };
      // `kwargs["new"] = kwargs.pop("old", d)`: `new` is unknown (`old` or the default), `old` is gone.
      return popped ? { kind: 'set', keys: [key[2]], direct, popped: popped.key } : { kind: 'set', keys: [key[2]], direct };
    }
    // `kwargs["k"]` read: the object may be changed through it (`kwargs["args"].remove_unused_columns = False`).
    return { kind: 'set', keys: [key[2]], direct: false };
  }
  if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return undefined;
  const call = p.parent;
  const method = p.childForFieldName('attribute')?.text;
  if (call?.type !== 'call' || call.childForFieldName('function')?.id !== p.id) return undefined;
  const args = named(call.childForFieldName('arguments'));
  const key = args.length >= 1 && args.length <= 2 ? STRING_KEY.exec(args[0].text) : null;
  if (!key || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  // `kwargs.get("args")`: what is read may be changed through the name it is kept under; `k` is unknown.
  if (method === 'get') return { kind: 'set', keys: [key[2]], direct: false };
  if (method !== 'pop') return undefined;
  // The `pop` of a rename is counted with the rename (its subscript assignment).
  const assign = call.parent;
  if (assign?.type === 'assignment' && assign.childForFieldName('right')?.id === call.id && assign.childForFieldName('left')?.type === 'subscript'
    && assign.childForFieldName('left')?.childForFieldName('value')?.text === n.text) return { kind: 'read' };
  return { kind: 'pop', keys: [key[2]], direct: statementIsDirect(call) };
}

/** `kwargs.pop("k")` (args: how many arguments the pop has). */
function popOf(node: Node, kwargs: string): { key: string; args: number } | undefined {
  if (node.type !== 'call') return undefined;
  const fn = node.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('object')?.text !== kwargs || fn.childForFieldName('attribute')?.text !== 'pop') return undefined;
  const args = named(node.childForFieldName('arguments'));
  const key = args.length >= 1 ? STRING_KEY.exec(args[0].text) : null;
  return key ? { key: key[2], args: args.length } : undefined;
}
