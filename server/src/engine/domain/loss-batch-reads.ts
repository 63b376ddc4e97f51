/**
 * What a trainer subclass's own `compute_loss` takes from the batch it is given: `inputs["weight"]` and
 * `inputs.pop("weight")` (without a default), read from its batch parameter (`compute_loss(self, model, inputs, …)`).
 * These raise KeyError when the batch lacks the key. Left out: a key the method also tests (`"weight" in inputs`),
 * reads with a default (`inputs.get("weight")`, `inputs.pop("weight", None)`), a key the method writes
 * (`inputs["weight"] = …`), and every key when the method rebinds the parameter (`inputs = {…}`). Used by TL124.
 */
import type { Node } from 'web-tree-sitter';
import { methodDefinition } from '../facts/class-syntax';

export interface BatchRead {
  key: string;
  /** The first read of the key (`inputs["weight"]`, `inputs.pop("weight")`). */
  node: Node;
}

/** A plain string literal's text (no f-string). */
function literal(n: Node | null | undefined): string | undefined {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const text = n.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
  return text || undefined;
}

/** The batch parameter's name: the third of `compute_loss(self, model, inputs, …)`. */
function batchParameter(fn: Node): string | undefined {
  const ps = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter((p): p is Node => !!p && p.type !== 'comment');
  const p = ps[2];
  if (p?.type === 'identifier') return p.text;
  if (p?.type === 'typed_parameter' && p.namedChildren[0]?.type === 'identifier') return p.namedChildren[0].text;
  return undefined;
}

/** Does an assignment target bind `name` itself (`inputs = …`, `a, inputs = …`)? */
function binds(target: Node | null, name: string): boolean {
  if (!target) return false;
  if (target.type === 'identifier') return target.text === name;
  if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern') {
    return target.namedChildren.some((c) => binds(c, name));
  }
  return false;
}

/** The keys `cls`'s own `method` reads from its batch parameter and that raise when missing. */
export function lossBatchReads(cls: Node, method = 'compute_loss'): BatchRead[] {
  const fn = methodDefinition(cls, method);
  const body = fn?.childForFieldName('body');
  const param = fn && batchParameter(fn);
  if (!body || !param) return [];
  const isParam = (n: Node | null) => n?.type === 'identifier' && n.text === param;
  for (const a of [...body.descendantsOfType('assignment'), ...body.descendantsOfType('augmented_assignment'),
    ...body.descendantsOfType('named_expression'), ...body.descendantsOfType('for_statement')]) {
    if (binds(a.childForFieldName(a.type === 'named_expression' ? 'name' : 'left'), param)) return [];
  }
  const spared = new Set<string>();
  // `"weight" in inputs`, `"weight" not in inputs.keys()`: a tested key.
  for (const cmp of body.descendantsOfType('comparison_operator')) {
    const [left, right] = cmp.namedChildren;
    if (right && (isParam(right) || right.text === `${param}.keys()`)) {
      const k = literal(left);
      if (k) spared.add(k);
    }
  }
  const reads = new Map<string, Node>();
  for (const sub of body.descendantsOfType('subscript')) {
    if (!isParam(sub.childForFieldName('value'))) continue;
    const k = literal(sub.childForFieldName('subscript'));
    if (!k) continue;
    const parent = sub.parent;
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === sub.id) spared.add(k);
    else if (parent?.type === 'delete_statement' || parent?.type === 'augmented_assignment') continue;
    else if (!reads.has(k)) reads.set(k, sub);
  }
  for (const call of body.descendantsOfType('call')) {
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute' || !isParam(f.childForFieldName('object'))) continue;
    const name = f.childForFieldName('attribute')?.text;
    const args = call.childForFieldName('arguments')?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment') ?? [];
    const k = literal(args[0]);
    if (!k) continue;
    if (name === 'get' || (name === 'pop' && args.length > 1) || name === 'setdefault') spared.add(k);
    else if (name === 'pop' && args.length === 1 && !reads.has(k)) reads.set(k, call);
  }
  return [...reads].filter(([k]) => !spared.has(k)).map(([key, node]) => ({ key, node }))
    .sort((a, b) => a.node.startIndex - b.node.startIndex);
}
