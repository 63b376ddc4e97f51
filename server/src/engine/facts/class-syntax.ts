/**
 * What a class definition says about itself, read from its syntax once per section walk: name, bases,
 * decorators and members (methods, and attributes with their value nodes, unplaced), and whether its
 * `__init__` forwards every argument to the base unchanged. `anchored.ts` keeps it across edits.
 */
import type { Node } from 'web-tree-sitter';
import { explicitInit } from './explicit-init';

/** A class member as first found (its value node unplaced). */
export interface RawMember {
  name: string; kind: 'method' | 'attribute'; value?: Node; annotated: boolean;
  forwardsInit?: boolean;
  /** A forwarding `__init__`'s own keywords, which the base never gets (`extra=None`, `kwargs.pop("extra")`). */
  consumes?: string[];
  /** An `__init__` with explicit parameters that passes them on to the base unmodified (`explicitInit`). */
  passes?: InitPasses;
}

/** A parameter of an explicit `__init__` (after `self`). */
export interface InitParam { name: string; positional: boolean; hasDefault: boolean }

/**
 * How an explicit `__init__` passes its parameters to `super().__init__(…)`, as plain data (project modules keep it):
 * which parameter each of the base's arguments is, and what is unknown. A parameter used before the call (reassigned,
 * mutated, read into something) is `touched`: the argument it gives is unknown.
 */
export interface InitPasses {
  params: InitParam[];
  /** `*args`, `**kwargs` of the `__init__`. */
  star?: string;
  stars?: string;
  /** The base's positional arguments: a parameter, `*` for `*args` passed on, null for anything else. */
  positional: Array<string | null>;
  /** The base's keywords: keyword → the parameter passed as it, or null (anything else: unknown). */
  keywords: Array<[string, string | null]>;
  /** `**kwargs` passed on. */
  spreads: boolean;
  /** Another splat in the call (`*extra`, `**other`): more arguments may reach the base. */
  opaque: boolean;
  /** `kwargs.pop("k")` before the call: the base never gets `k`. */
  pops: string[];
  /** `kwargs["new"] = kwargs.pop("old")` before the call: `old` reaches the base as `new`. */
  renames: Array<[string, string]>;
  /** Keys of `kwargs` set, or changed under a condition, before the call: unknown. */
  unknownKeys: string[];
  /** Parameters used before the call (their argument is unknown). */
  touched: string[];
  /** `self.x = …` after the call: the trainer's `x` is not what it was given. */
  reassigned: string[];
}

/** `*args`, `**kwargs`, also annotated (`**kwargs: Any`): the splat pattern. */
function splatOf(p: Node): Node | undefined {
  const q = p.type === 'typed_parameter' ? p.namedChildren[0] : p;
  return q && (q.type === 'list_splat_pattern' || q.type === 'dictionary_splat_pattern') ? q : undefined;
}

const STRING_KEY = /^(['"])([A-Za-z_]\w*)\1$/;

/**
 * `def __init__(self, *args, extra=None, **kwargs): …; super().__init__(*args, **kwargs)`: the
 * arguments reach the base unchanged, less the subclass's own keywords: parameters with defaults, and
 * `kwargs.pop("extra", …)` before the base's `__init__` (`kwargs.get("x")` and `"x" in kwargs` only read).
 * `args` and `kwargs` are used nowhere else. Anything else may change what an argument means: undefined.
 */
export function forwardingInit(fn: Node): { consumes: string[] } | undefined {
  let star: string | undefined, stars: string | undefined, keywordOnly = false, positionalDefaults = false;
  const consumes: string[] = [];
  const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p) => p && p.type !== 'comment') as Node[];
  for (const p of params.slice(1)) { // params[0] is self
    const splat = splatOf(p);
    if (splat?.type === 'list_splat_pattern') { star = splat.namedChildren[0]?.text; keywordOnly = true; }
    else if (splat) stars = splat.namedChildren[0]?.text;
    else if (p.type === 'keyword_separator') keywordOnly = true;
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      if (!keywordOnly) positionalDefaults = true;
      const name = p.childForFieldName('name')?.text;
      if (name) consumes.push(name);
    } else if (keywordOnly && (p.type === 'identifier' || p.type === 'typed_parameter')) {
      // A keyword-only parameter without a default (`*args, corpus: Dataset, **kwargs`): the caller names it.
      const name = p.type === 'identifier' ? p.text : p.namedChildren[0]?.type === 'identifier' ? p.namedChildren[0].text : undefined;
      if (!name) return undefined;
      consumes.push(name);
    } else return undefined; // a positional parameter the base does not get would shift the positional arguments

  }
  if (positionalDefaults && star) return undefined;
  if (!stars) return undefined;
  const block = fn.childForFieldName('body');
  const body = block?.text ?? '';
  const forwarded = star ? `\\*\\s*${star}\\s*,\\s*\\*\\*\\s*${stars}` : `\\*\\*\\s*${stars}`;
  const call = new RegExp(`super\\s*\\([^)]*\\)\\s*\\.\\s*__init__\\s*\\(\\s*${forwarded}\\s*,?\\s*\\)`);
  const found = call.exec(body);
  if (!found || !block) return undefined;
  const callAt = block.startIndex + found.index;
  // Names used as code (comments and strings that mention `kwargs` do not count).
  const names = block.descendantsOfType('identifier').filter((n) => {
    const p = n?.parent;
    // `self.args`, `f(args=…)`: an attribute or keyword name, not the variable.
    return !!n && !(p && ((p.type === 'attribute' && p.childForFieldName('attribute')?.id === n.id)
      || (p.type === 'keyword_argument' && p.childForFieldName('name')?.id === n.id)));
  }) as Node[];
  if (star && names.filter((m) => m.text === star).length !== 1) return undefined;
  let forwards = 0;
  for (const n of names) {
    if (n.text !== stars) continue;
    const read = keywordRead(n);
    if (!read) return undefined;
    if (read === 'forward') { if (++forwards > 1) return undefined; continue; }
    if (read.pop) {
      if (n.startIndex > callAt) return undefined; // taken out after the base got it
      consumes.push(read.key);
    }
  }
  if (forwards !== 1) return undefined;
  return { consumes };
}

/**
 * What a use of the `**kwargs` name does: passes it on (`**kwargs` in a call), takes a key out (`kwargs.pop("k", …)`),
 * reads one (`kwargs.get("k", …)`, `"k" in kwargs`), or something else (undefined).
 */
function keywordRead(n: Node): 'forward' | { key: string; pop: boolean } | undefined {
  const p = n.parent;
  if (p?.type === 'dictionary_splat') return 'forward';
  if (p?.type === 'comparison_operator' && p.namedChildren.length === 2 && p.namedChildren[1]?.id === n.id) {
    const key = STRING_KEY.exec(p.namedChildren[0]?.text ?? '');
    return key ? { key: key[2], pop: false } : undefined;
  }
  if (p?.type !== 'attribute' || p.childForFieldName('object')?.id !== n.id) return undefined;
  const method = p.childForFieldName('attribute')?.text;
  const callNode = p.parent;
  if ((method !== 'pop' && method !== 'get') || callNode?.type !== 'call' || callNode.childForFieldName('function')?.id !== p.id) return undefined;
  const args = (callNode.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
  const key = args.length >= 1 && args.length <= 2 ? STRING_KEY.exec(args[0].text) : null;
  if (!key || args.some((a) => a.type === 'keyword_argument' || a.type === 'list_splat' || a.type === 'dictionary_splat')) return undefined;
  return { key: key[2], pop: method === 'pop' };
}

/** The `def name` of a class's body (decorated or not; the last one), if any. */
export function methodDefinition(cls: Node, name: string): Node | undefined {
  let found: Node | undefined;
  for (let c of cls.childForFieldName('body')?.namedChildren ?? []) {
    if (c?.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    if (c?.type === 'function_definition' && c.childForFieldName('name')?.text === name) found = c;
  }
  return found;
}

/** What a class definition says about itself: read once, as texts and first-walk nodes. */
export interface RawClass { name: string; bases: string[]; opaqueBases: boolean; decorators: string[]; members: RawMember[] }

export function classOf(node: Node): RawClass | undefined {
  const name = node.childForFieldName('name')?.text;
  if (!name) return undefined;
  const bases: string[] = [];
  let opaqueBases = false;
  for (const b of node.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (!b || b.type === 'comment') continue;
    if (b.type === 'keyword_argument' || b.type === 'list_splat' || b.type === 'dictionary_splat') opaqueBases = true;
    else bases.push(b.text);
  }
  const decorators: string[] = [];
  const parent = node.parent;
  if (parent?.type === 'decorated_definition') {
    for (const d of parent.namedChildren) if (d?.type === 'decorator') decorators.push(d.text.replace(/^@\s*/, ''));
  }
  const members: RawMember[] = [];
  for (let c of node.childForFieldName('body')?.namedChildren ?? []) {
    if (!c) continue;
    if (c.type === 'decorated_definition') c = c.childForFieldName('definition') ?? c;
    if (c.type === 'function_definition' || c.type === 'class_definition') {
      const n = c.childForFieldName('name')?.text;
      const forwarding = n === '__init__' && c.type === 'function_definition' ? forwardingInit(c) : undefined;
      const passes = n === '__init__' && c.type === 'function_definition' && !forwarding ? explicitInit(c, bases) : undefined;
      if (n) {
        members.push({ name: n, kind: 'method', annotated: false, ...(forwarding ? { forwardsInit: true, consumes: forwarding.consumes } : {}),
          ...(passes ? { passes } : {}) });
      }
    } else if (c.type === 'expression_statement') {
      const a = c.namedChildren[0];
      if (a?.type !== 'assignment') continue;
      const left = a.childForFieldName('left');
      const annotated = !!a.childForFieldName('type');
      let value = a.childForFieldName('right') ?? undefined;
      while (value?.type === 'assignment') value = value.childForFieldName('right') ?? undefined;
      const targets = left?.type === 'identifier' ? [left] : left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : [];
      for (const t of targets) {
        // `a, b = 1, 2`: each name has a value, but not one node: recorded without it.
        if (t?.type === 'identifier') members.push({ name: t.text, kind: 'attribute', value: targets.length === 1 ? value : undefined, annotated });
      }
    }
  }
  return { name, bases, opaqueBases, decorators, members };
}
