/**
 * The script's own code behind a trainer's `data_collator=` (a function, a lambda, `partial(fn, …)`, or a class's
 * `__call__`) and which columns it reads from each example (`example["text"]`, `features[0]["image"]`, `ex.get("x")`).
 * Shared by the rules that ask what a custom collator expects to receive (TL007: columns the Trainer drops; TL117:
 * columns SFTTrainer's dataset preparation removes).
 */
import type { Node } from 'web-tree-sitter';
import type { SectionedTree } from '../syntax/sectioned-tree';
import { reachingAssignment } from '../facts/reaching';
import type { RuleContext } from '../rules/context';

export interface CollatorCode {
  /** The function that receives the features (a `def`, a lambda, or a class's `__call__`). */
  fn: Node;
  /** The parameter holding the list of examples. */
  param: string;
  /** What to name in messages (`MyCollator`, `collate_fn`). */
  label: string;
  /** The definition (a related location). */
  definition: Node;
}

/** Names of the classes a script defines, read from its text once per text (most collators are library classes). */
const classNamesByText = new WeakMap<object, { text: string; names: Set<string> }>();

function classNamed(syntax: SectionedTree, text: string, name: string): Node | undefined {
  let known = classNamesByText.get(syntax);
  if (known?.text !== text) {
    known = { text, names: new Set([...text.matchAll(/\bclass\s+([A-Za-z_]\w*)/g)].map((m) => m[1])) };
    classNamesByText.set(syntax, known);
  }
  if (!known.names.has(name)) return undefined; // skip the walk for library classes
  return syntax.descendantsOfType('class_definition').find((c) => c.childForFieldName('name')?.text === name);
}

function paramsOf(fn: Node): string[] {
  return (fn.childForFieldName('parameters')?.namedChildren ?? [])
    .map((p) => (p?.type === 'identifier' ? p.text : p?.childForFieldName('name')?.text ?? p?.namedChildren.find((c) => c?.type === 'identifier')?.text))
    .filter((x): x is string => !!x);
}

/** The user code a `data_collator=` expression runs: `MyCollator(...)`, `collate_fn`, `lambda batch: …`, `partial(fn, …)`. */
export function collatorCode(ctx: RuleContext, node: Node): CollatorCode | undefined {
  let n = node;
  for (let i = 0; i < 8 && n.type === 'identifier'; i++) {
    const fn = ctx.facts.functions.get(n.text);
    if (fn && fn.scope === null) {
      const ps = paramsOf(fn.node);
      return ps[0] ? { fn: fn.node, param: ps[0], label: fn.name, definition: fn.node } : undefined;
    }
    const a = reachingAssignment(ctx.facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return undefined;
    n = a.value;
  }
  if (n.type === 'lambda') {
    const ps = paramsOf(n);
    return ps[0] ? { fn: n, param: ps[0], label: 'the lambda', definition: n } : undefined;
  }
  if (n.type !== 'call') return undefined;
  const callee = n.childForFieldName('function');
  const args = n.childForFieldName('arguments')?.namedChildren ?? [];
  if (callee && /(^|\.)partial$/.test(callee.text) && args[0]) return collatorCode(ctx, args[0]);
  if (callee?.type !== 'identifier') return undefined;
  const cls = classNamed(ctx.a.syntax, ctx.source.text, callee.text);
  const call = cls?.childForFieldName('body')?.namedChildren
    .map((c) => (c?.type === 'decorated_definition' ? c.childForFieldName('definition') : c))
    .find((c) => c?.type === 'function_definition' && c.childForFieldName('name')?.text === '__call__');
  if (!cls || !call) return undefined;
  const ps = paramsOf(call);
  return ps[1] ? { fn: call, param: ps[1], label: callee.text, definition: cls } : undefined;
}

/** Names that stand for one example: loop/comprehension variables over the features, `features[i]`. */
export function exampleReads(fn: Node, param: string): Map<string, Node> {
  const vars = new Set<string>();
  const rootOf = (n: Node | null): string | undefined => {
    let x = n;
    while (x && (x.type === 'subscript' || x.type === 'attribute' || x.type === 'call')) {
      x = x.type === 'call' ? x.childForFieldName('function') : x.childForFieldName(x.type === 'subscript' ? 'value' : 'object');
    }
    return x?.type === 'identifier' ? x.text : undefined;
  };
  for (const loop of [...fn.descendantsOfType('for_in_clause'), ...fn.descendantsOfType('for_statement')]) {
    const right = loop.childForFieldName('right');
    const left = loop.childForFieldName('left');
    const over = right?.type === 'call' && /^(enumerate|zip)$/.test(right.childForFieldName('function')?.text ?? '')
      ? right.childForFieldName('arguments')?.namedChildren.map(rootOf) : [rootOf(right)];
    if (!left || !over?.some((r) => r === param || (r && vars.has(r)))) continue;
    for (const id of left.type === 'identifier' ? [left] : left.descendantsOfType('identifier')) vars.add(id.text);
  }
  const reads = new Map<string, Node>();
  const isExample = (obj: Node | null): boolean => {
    if (!obj) return false;
    if (obj.type === 'identifier') return vars.has(obj.text);
    // features[0]["text"]
    return obj.type === 'subscript' && obj.childForFieldName('value')?.text === param;
  };
  for (const sub of fn.descendantsOfType('subscript')) {
    if (sub.parent?.type === 'assignment' && sub.parent.childForFieldName('left')?.id === sub.id) continue;
    const key = sub.childForFieldName('subscript');
    if (key?.type !== 'string' || !isExample(sub.childForFieldName('value'))) continue;
    const k = key.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    if (k && !reads.has(k)) reads.set(k, sub);
  }
  for (const call of fn.descendantsOfType('call')) {
    const f = call.childForFieldName('function');
    const first = call.childForFieldName('arguments')?.namedChildren[0];
    if (f?.type !== 'attribute' || f.childForFieldName('attribute')?.text !== 'get' || first?.type !== 'string') continue;
    if (!isExample(f.childForFieldName('object'))) continue;
    const k = first.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
    if (k && !reads.has(k)) reads.set(k, call);
  }
  return reads;
}
