/**
 * The script's own classes as values flow into them: every construction `Collator(tok, …)` of a module-level class
 * and what it passes for a parameter of the class's `__init__` (`constructorArguments`). A collator written as a class
 * keeps its tokenizer as `self.tokenizer`; the construction sites say which tokenizer that is.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from './anchor';
import { classOfMethod } from './self-attributes';
import { parametersOf, parameterSlot } from './own-functions';
import type { CallFact, ClassFact, FileFacts } from './types';

/**
 * The calls that construct `cls`, when they are all there is: a module-level class that no class of the script derives
 * from, never handed on as a value (`partial(Collator, tok)`, `C = Collator`), constructed at least once and never with
 * `*args`/`**kwargs`. Undefined otherwise.
 */
export function constructionsOf(facts: FileFacts, cls: ClassFact): CallFact[] | undefined {
  const def = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : cls.node;
  if (def.parent?.type !== 'module' || cls.opaqueBases) return undefined;
  if (facts.classes.some((c) => c !== cls && (c.name === cls.name || c.bases.some((b) => b === cls.name)))) return undefined;
  if (facts.assignments.some((a) => a.target === cls.name || a.value.text === cls.name)) return undefined;
  const calls: CallFact[] = [];
  for (const c of facts.calls) {
    if (c.args.some((a) => a.value.text === cls.name)) return undefined;
    if (c.calleeText === cls.name) calls.push(c);
  }
  return calls.length && !calls.some((c) => c.hasSplat) ? calls : undefined;
}

/** The argument `call` (a construction) passes for `__init__`'s parameter `name` (`self` not counted), or its default. */
export function initArgument(init: Node, call: Node, name: string): Node | undefined {
  const slot = parameterSlot(init, name);
  if (!slot || parametersOf(init)[0]?.name === name) return undefined;
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
  for (const a of args) {
    if (a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === name) return a.childForFieldName('value') ?? undefined;
  }
  const given = args.filter((a) => a?.type !== 'keyword_argument');
  if (slot.index !== undefined && slot.index >= 1 && given[slot.index - 1]) return given[slot.index - 1] ?? undefined;
  return slot.default;
}

/** The class and method whose `__init__` parameter `param` is (an identifier in the `__init__` of the script's own class). */
export function initParameterOf(facts: FileFacts, param: Node): { cls: ClassFact; init: Node } | undefined {
  if (param.type !== 'identifier') return undefined;
  const fn = enclosingFunction(param);
  if (fn?.type !== 'function_definition' || fn.childForFieldName('name')?.text !== '__init__') return undefined;
  if (!parametersOf(fn).some((p, i) => i > 0 && p.kind === 'positional' && p.name === param.text) && !parametersOf(fn).some((p) => p.kind === 'keyword-only' && p.name === param.text)) return undefined;
  const cls = classOfMethod(facts, fn);
  return cls && { cls, init: fn };
}

/**
 * What every construction of `cls` passes for its `__init__`'s parameter `name`, one node per construction; undefined
 * when the constructions are not all known (`constructionsOf`) or one passes nothing that can be told.
 */
export function constructorArguments(facts: FileFacts, cls: ClassFact, init: Node, name: string): Node[] | undefined {
  const calls = constructionsOf(facts, cls);
  if (!calls) return undefined;
  const out: Node[] = [];
  for (const c of calls) {
    const arg = initArgument(init, c.node, name);
    if (!arg) return undefined;
    out.push(arg);
  }
  return out;
}
