/**
 * What a function that a dataset step calls with each row (a `map` / `filter` function, a `formatting_func`) reads of
 * its row: which function is passed (a `def` of the script, a lambda, `functools.partial` of one), and the keys it
 * reads on a path that always runs, before anything could add them or leave. Used by TL112 and TL122.
 */
import type { Node } from 'web-tree-sitter';
import { assignmentsTo, resolveExpression } from '../facts/reaching';
import type { FileFacts } from '../facts/types';

/** Statements and expressions whose part other than the listed field may not run when the function runs. */
const ALWAYS_RUN_FIELD: Record<string, string> = {
  if_statement: 'condition', while_statement: 'condition', for_statement: 'right', boolean_operator: 'left',
};
const NEVER_SURE = new Set(['try_statement', 'except_clause', 'except_group_clause', 'finally_clause', 'elif_clause', 'else_clause',
  'match_statement', 'case_clause', 'lambda', 'function_definition', 'class_definition', 'decorated_definition']);
const COMPREHENSIONS = new Set(['list_comprehension', 'set_comprehension', 'dictionary_comprehension', 'generator_expression']);

/** A function a dataset step calls with each row (or batch) as its first argument. */
export interface RowFunction {
  /** The `def` or `lambda`. */
  node: Node;
  /** Its row parameter. */
  param: string;
  /** Where to look for reads: the def's block, the lambda's body. */
  body: Node;
  /** The name it is passed by, when it is a `def` (for the fix's safety). */
  name?: string;
}

/** A read `row["col"]` that always runs when the function runs. */
export interface ColumnRead { column: string; key: Node }

export function unwrap(n: Node): Node {
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

export function literalString(n: Node | null | undefined): string | undefined {
  if (n?.type !== 'string' || n.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  const content = n.namedChildren.filter((c) => c?.type === 'string_content');
  const start = n.namedChildren.find((c) => c?.type === 'string_start')?.text ?? '';
  if (/[bBfF]/.test(start) || n.namedChildren.some((c) => c?.type === 'escape_sequence')) return undefined;
  return content.map((c) => c!.text).join('');
}

/** The name a parameter binds, when it is a plain one (`x`, `x: dict`, `x=None`); `*args` and `**kw` are not. */
function plainParameter(p: Node | null | undefined): string | undefined {
  if (!p) return undefined;
  if (p.type === 'identifier') return p.text;
  if (p.type === 'typed_parameter' || p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
    const id = p.childForFieldName('name') ?? p.namedChildren[0];
    return id?.type === 'identifier' ? id.text : undefined;
  }
  return undefined;
}

/**
 * Per text version (a SourceText is made anew by every edit), not per rule context: a script linted one pipeline at a
 * time gives each pipeline its own context, and these scan every section.
 */
const definitions = new WeakMap<object, Map<string, number>>();

/** How many `def NAME` the script holds (every section): a name defined twice (a notebook's cells, branches) is not followed. */
function definitionCount(source: { text: string }, name: string): number {
  let counts = definitions.get(source);
  if (!counts) {
    // One pass of the text, not of every section's tree (every keystroke makes a new text version).
    counts = new Map();
    for (const m of source.text.matchAll(/^[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)[ \t]*\(/gm)) counts.set(m[1], (counts.get(m[1]) ?? 0) + 1);
    definitions.set(source, counts);
  }
  return counts.get(name) ?? 0;
}

/**
 * The function a `map` / `filter` / `formatting_func=` argument passes: a lambda, a `def` of the script (one definition,
 * not decorated, not a generator), or `functools.partial` of one binding only keywords other than the row's.
 * Anything else (a method, an imported function, a name assigned elsewhere) is not followed.
 */
export function rowFunction(facts: FileFacts, source: { text: string }, arg: Node, depth = 0): RowFunction | undefined {
  if (depth > 2) return undefined;
  const n = unwrap(arg);
  if (n.type === 'lambda') return lambdaFunction(n);
  if (n.type === 'call') {
    const callee = n.childForFieldName('function');
    if (!callee || !/^(functools\.)?partial$/.test(callee.text)) return undefined;
    const args = (n.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
    if (args.length === 0 || args.slice(1).some((a) => a.type !== 'keyword_argument')) return undefined;
    const inner = rowFunction(facts, source, args[0], depth + 1);
    if (!inner || args.slice(1).some((a) => a.childForFieldName('name')?.text === inner.param)) return undefined;
    return { ...inner, name: undefined };
  }
  if (n.type !== 'identifier') return undefined;
  if (assignmentsTo(facts, n.text).length > 0) {
    const r = resolveExpression(facts, n);
    return r.type === 'lambda' && assignmentsTo(facts, n.text).length === 1 ? lambdaFunction(r) : undefined;
  }
  const fn = facts.functions.get(n.text);
  if (!fn || fn.node.parent?.type === 'decorated_definition') return undefined;
  if (definitionCount(source, n.text) !== 1) return undefined;
  const body = fn.node.childForFieldName('body');
  const params = fn.node.childForFieldName('parameters')?.namedChildren ?? [];
  const param = plainParameter(params[0]);
  if (!body || !param || params[0]?.type === 'comment') return undefined;
  if (body.descendantsOfType(['yield']).length > 0) return undefined;
  return { node: fn.node, param, body, name: n.text };
}

function lambdaFunction(n: Node): RowFunction | undefined {
  const param = plainParameter(n.childForFieldName('parameters')?.namedChildren[0]);
  const body = n.childForFieldName('body');
  return param && body ? { node: n, param, body } : undefined;
}

/** Nodes of `types` inside `fn`'s body, not inside a nested function, lambda or class. */
export function ownNodes(fn: RowFunction, types: string[]): Node[] {
  return fn.body.descendantsOfType(types).filter((d): d is Node => !!d && ownScope(d, fn));
}

function ownScope(n: Node, fn: RowFunction): boolean {
  for (let p = n.parent; p && p.id !== fn.node.id; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return true;
}

/** `n` runs whenever the function runs (and gets that far): no branch, loop body, handler or short circuit around it. */
export function alwaysRuns(n: Node, fn: RowFunction): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (p.id === fn.node.id || p.id === fn.body.id) return true;
    if (NEVER_SURE.has(p.type)) return false;
    const field = ALWAYS_RUN_FIELD[p.type];
    if (field !== undefined) {
      if (p.childForFieldName(field)?.id !== child.id) return false;
      continue;
    }
    if (p.type === 'conditional_expression') {
      if (p.namedChildren[1]?.id !== child.id) return false;
      continue;
    }
    if (p.type === 'for_in_clause') {
      // Only the first clause's iterable is evaluated whatever the rows hold.
      const comp = p.parent;
      const first = comp?.namedChildren.find((c) => c?.type === 'for_in_clause');
      if (p.childForFieldName('right')?.id !== child.id || first?.id !== p.id) return false;
      continue;
    }
    if (COMPREHENSIONS.has(p.type)) {
      if (child.type !== 'for_in_clause') return false;
      continue;
    }
  }
  return false;
}

/**
 * Before `at`, may the function leave, or change what its row parameter holds? A `return`, `raise` or `assert` before
 * it; the parameter rebound, written (`row["col"] = …`), or handed to a call or method that may add keys.
 */
export function changedBefore(fn: RowFunction, at: Node, column: string): boolean {
  const before = (n: Node) => n.endIndex <= at.startIndex;
  if (ownNodes(fn, ['return_statement', 'raise_statement', 'assert_statement']).some(before)) return true;
  for (const id of ownNodes(fn, ['identifier'])) {
    if (id.text !== fn.param || id.startIndex >= at.startIndex) continue;
    const parent = id.parent;
    if (!parent) continue;
    // `row["col"] = …` (or a computed key) before the read.
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === id.id) {
      if (!isAssignedTo(parent)) continue;
      const key = literalString(parent.childForFieldName('subscript'));
      if (key === undefined || key === column) return true;
      continue;
    }
    // `row = …`, `for row in …`, `row |= …`
    if (isAssignedTo(id)) return true;
    // `row.update(…)`, `row.setdefault(…)`; `helper(row)` may add the key too.
    if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === id.id) {
      const method = parent.childForFieldName('attribute')?.text ?? '';
      if (!['get', 'keys', 'items', 'values', 'copy'].includes(method)) return true;
    }
    if (parent.type === 'argument_list' || (parent.type === 'keyword_argument' && parent.childForFieldName('value')?.id === id.id)) return true;
  }
  return false;
}

/** `n` is the target (or part of it) of an assignment, augmented assignment, `for`, `with … as`, `del`. */
function isAssignedTo(n: Node): boolean {
  let child = n;
  for (let p = n.parent; p; child = p, p = p.parent) {
    if (p.type === 'assignment' || p.type === 'augmented_assignment') return p.childForFieldName('left')?.id === child.id;
    if (p.type === 'for_statement' || p.type === 'for_in_clause') return p.childForFieldName('left')?.id === child.id;
    if (p.type === 'named_expression') return p.childForFieldName('name')?.id === child.id;
    if (p.type === 'as_pattern_target' || p.type === 'delete_statement') return true;
    // Through unpacking targets only (`a, row = …`).
    if (!['pattern_list', 'tuple_pattern', 'list_pattern', 'expression_list', 'tuple', 'list', 'list_splat_pattern'].includes(p.type)) return false;
  }
  return false;
}

/** The function asks whether the row holds a key: `"col" in row`, `k not in row.keys()` (for `col`, or a computed key). */
export function testsMembership(fn: RowFunction, column: string): boolean {
  for (const c of ownNodes(fn, ['comparison_operator'])) {
    if (!/\b(not\s+)?in\b/.test(c.text)) continue;
    const right = c.namedChildren[c.namedChildren.length - 1];
    const container = right && unwrap(right);
    const holder = container?.type === 'call' ? container.childForFieldName('function')?.childForFieldName('object') : container;
    if (holder?.type !== 'identifier' || holder.text !== fn.param) continue;
    const key = literalString(c.namedChildren[0]);
    if (key === undefined || key === column) return true;
  }
  return false;
}

/** The columns the function reads from its row on a path that always runs, first read of each, in order. */
export function alwaysReadColumns(fn: RowFunction): ColumnRead[] {
  const out: ColumnRead[] = [];
  for (const s of ownNodes(fn, ['subscript'])) {
    const value = s.childForFieldName('value');
    if (value?.type !== 'identifier' || value.text !== fn.param) continue;
    const key = s.childForFieldName('subscript');
    const column = literalString(key);
    if (column === undefined || !key || out.some((r) => r.column === column)) continue;
    if (isAssignedTo(s) || !alwaysRuns(s, fn) || changedBefore(fn, s, column) || testsMembership(fn, column)) continue;
    out.push({ column, key });
  }
  return out;
}
