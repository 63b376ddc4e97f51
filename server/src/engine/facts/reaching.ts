/**
 * Which assignment gives a name its value at a place: the plain assignments to a name, the one in effect
 * at a node (its own function first, then module level), the expression a name was last assigned, and the
 * earlier assignments that may still hold when the nearest one sits in a branch. Indexed once per facts.
 */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from './build';
import { isParameterOf, ownFunctionReturn } from './own-functions';
import { selfAttribute } from './self-attributes';
import type { AssignmentFact, FileFacts } from './types';
import { holdsSyntaxError } from '../syntax/syntax-errors';
import { type UnreadAssignment, unreadAssignmentsTo } from './unread-assignments';

/** How deep a name is followed through assignments and the script's own functions' returns. */
export const MAX_DEPTH = 24;

/** The script's assignments grouped by `keyOf` (undefined: left out), built once per facts and kept with them. */
function grouped<K>(kept: KeptKey<Map<K, AssignmentFact[]>>, facts: FileFacts, keyOf: (a: AssignmentFact) => K | undefined): Map<K, AssignmentFact[]> {
  let index = kept.get(facts);
  if (!index) {
    index = new Map();
    for (const a of facts.assignments) {
      const k = keyOf(a);
      if (k === undefined) continue;
      const list = index.get(k);
      if (list) list.push(a); else index.set(k, [a]);
    }
    kept.set(facts, index);
  }
  return index;
}

const byTarget = new KeptKey<Map<string, AssignmentFact[]>>();
const targetOf = (a: AssignmentFact) => (a.subscriptKey !== undefined ? undefined : a.target);

/** Plain assignments to `name` (no subscripts), in document order. */
export function assignmentsTo(facts: FileFacts, name: string): AssignmentFact[] {
  return grouped(byTarget, facts, targetOf).get(name) ?? [];
}

const byValue = new KeptKey<Map<number, AssignmentFact[]>>();
const valueIdOf = (a: AssignmentFact) => ('valueId' in a ? (a.valueId as number) : a.value.id);

/** The assignments whose right side is `value` (`trainer = SFTTrainer(…)` for the call), in document order. */
export function assignmentsWithValue(facts: FileFacts, value: Node): AssignmentFact[] {
  return grouped(byValue, facts, valueIdOf).get(value.id) ?? [];
}

/**
 * The assignment to `name` that is in effect at `at` (same function first, then module level); none when an
 * assignment to the name that the parser could not read stands between them (`unread-assignments.ts`).
 */
export function reachingAssignment(facts: FileFacts, name: string, at: Node): AssignmentFact | undefined {
  const a = reachingParsed(facts, name, at);
  if (!a) return undefined;
  const unread = unreadAssignmentsTo(facts, name);
  return unread.length && unread.some((u) => replaces(u, a, at)) ? undefined : a;
}

/**
 * True when the name `at` reads would reach an assignment but for one the parser could not read (a syntax error made
 * its value unknown, not absent): a rule that takes an unresolved argument for a missing one must not here.
 */
export function lostToSyntaxError(facts: FileFacts, at: Node): boolean {
  if (at.type !== 'identifier' && at.type !== 'attribute') return false;
  const unread = unreadAssignmentsTo(facts, at.text);
  if (!unread.length) return false;
  const a = reachingParsed(facts, at.text, at);
  if (a) return unread.some((u) => replaces(u, a, at));
  // No assignment parsed: one the parser could not read before it, in its scope or at module level, is its binding.
  const scope = enclosingFunction(at)?.id ?? null;
  return unread.some((u) => u.at <= at.startIndex && (u.scopeId === scope || u.scopeId === null));
}

/** True when the unread assignment `u` may have replaced `a` by the time `at` runs. */
function replaces(u: UnreadAssignment, a: AssignmentFact, at: Node): boolean {
  const scopeAt = enclosingFunction(at)?.id ?? null, scopeA = a.scope?.id ?? null;
  // In `at`'s own scope, before it: after `a`, or over a binding of an outer scope.
  if (u.scopeId === scopeAt) return u.at <= at.startIndex && (scopeA !== scopeAt || u.at > a.node.startIndex);
  // In the outer scope `a` is read from, after `a`: before `at`, or `a` itself comes after the function that reads it.
  return u.scopeId === scopeA && u.at > a.node.startIndex && (u.at <= at.startIndex || a.node.startIndex > at.startIndex);
}

function reachingParsed(facts: FileFacts, name: string, at: Node): AssignmentFact | undefined {
  const candidates = assignmentsTo(facts, name);
  if (candidates.length === 0) return undefined;
  const scope = enclosingFunction(at);
  let best: AssignmentFact | undefined;
  let bestModule: AssignmentFact | undefined;
  for (const a of candidates) {
    // An assignment whose own right side contains `at` is not in effect yet (x = f(x)); when that right side does
    // not parse, what it holds (lines typed below a bracket left open) is not known to be read before the binding.
    if (at.startIndex >= a.node.startIndex && at.endIndex <= a.node.endIndex) {
      if (holdsSyntaxError(a.value)) return undefined;
      continue;
    }
    if (leavesBefore(a, at) || otherBranch(a.node, at)) continue;
    if (a.scope === null) {
      if (a.node.startIndex < at.startIndex || scope) {
        if (!bestModule || (a.node.startIndex < at.startIndex && a.node.startIndex > bestModule.node.startIndex)) bestModule = a;
      }
    } else if (scope && a.scope.id === scope.id && a.node.startIndex < at.startIndex) {
      if (!best || a.node.startIndex > best.node.startIndex) best = a;
    }
  }
  if (best) return best;
  // A name the function (or lambda) never binds, read where it is nested in another function: Python reads the
  // enclosing function's variable, not the module's (a `def tokenize(ex): return tokenizer(ex["text"], …)` inside
  // the function that loads `tokenizer`, ayminovitch/fine-tune-codebase `load_and_tokenize_dataset`).
  if (scope && !name.includes('.') && !isParameterOf(scope, name) && !candidates.some((a) => a.scope?.id === scope.id)) {
    for (let outer = enclosingFunction(scope); outer; outer = enclosingFunction(outer)) {
      const own = candidates.filter((a) => a.scope?.id === outer!.id);
      // One binding there is the value the closure reads; several (or a parameter of that name) leave it unknown.
      if (isParameterOf(outer, name)) return undefined;
      if (own.length === 1) return own[0];
      if (own.length > 1) return undefined;
    }
  }
  // A parameter of the enclosing function is local there: the module-level binding of the same name never reaches
  // the use (charent/ChatLM-mini-Chinese `def train_dpo(config, peft_config=None)` under a module-level `peft_config = LoraConfig(…)`).
  if (bestModule && scope && isParameterOf(scope, name.split('.')[0])) return undefined;
  return bestModule;
}

/** Top-level resolutions by node, once per facts: rules resolve every argument of every call (TL402 once per config). */
const resolved = new KeptKey<Map<number, Node>>();

/** Follow a name to the expression it was last assigned (through tuple unpacking only when literal). */
export function resolveExpression(facts: FileFacts, node: Node, depth = 0): Node {
  if (depth > 0) return resolveFrom(facts, node, depth);
  let memo = resolved.get(facts);
  if (!memo) resolved.set(facts, (memo = new Map()));
  let n = memo.get(node.id);
  if (!n) memo.set(node.id, (n = resolveFrom(facts, node, 0)));
  return n;
}

function resolveFrom(facts: FileFacts, node: Node, depth: number): Node {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (depth > MAX_DEPTH) return n;
  if (n.type === 'call') {
    const returned = ownFunctionReturn(facts, n);
    return returned ? resolveExpression(facts, returned, depth + 1) : n;
  }
  // `self.attr` in a method of the script's own class: the class's one assignment to it (`self-attributes.ts`).
  const a = n.type === 'identifier' ? reachingAssignment(facts, n.text, n) : n.type === 'attribute' ? selfAttribute(facts, n)?.assignment : undefined;
  if (!a) return n;
  let value = a.value;
  if (a.unpackIndex !== undefined) {
    if (value.type !== 'expression_list' && value.type !== 'tuple' && value.type !== 'list') return n;
    const item = value.namedChildren[a.unpackIndex];
    if (!item) return n;
    value = item;
  }
  return resolveExpression(facts, value, depth + 1);
}

/** Statements after which the rest of their block never runs, nor what follows it in the function (or script). */
const EXITS = new Set(['return_statement', 'raise_statement']);

/** A `return` or `raise`, or an `if` with an `else` whose every branch ends in one. */
function alwaysLeaves(stmt: Node, depth = 0): boolean {
  if (EXITS.has(stmt.type)) return true;
  if (stmt.type !== 'if_statement' || depth > 8) return false;
  const branches: (Node | null)[] = [stmt.childForFieldName('consequence')];
  let hasElse = false;
  for (const c of stmt.namedChildren) {
    if (c.type === 'elif_clause') branches.push(c.childForFieldName('consequence'));
    else if (c.type === 'else_clause') { branches.push(c.childForFieldName('body')); hasElse = true; }
  }
  return hasElse && branches.every((b) => !!b && b.namedChildren.some((x) => alwaysLeaves(x, depth + 1)));
}

/**
 * True when `a` sits in a block, not holding `at`, that goes on after it to a `return` or `raise`
 * (`if args.tuning_strategy == "qlora": model = get_peft_model(model, cfg); return model`, then the other strategies
 * below): the flow that reaches `at` never passed it. Not when `at` is in a handler or `finally` of a `try` whose body
 * holds `a` (what runs between the assignment and the exit may raise into it).
 */
function leavesBefore(a: AssignmentFact, at: Node): boolean {
  const path: Node[] = [];
  for (let p = a.node.parent; p; p = p.parent) {
    if (at.startIndex >= p.startIndex && at.endIndex <= p.endIndex) {
      if (p.type === 'try_statement') return false;
      break;
    }
    if (p.type === 'module' || p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
    path.push(p);
  }
  let stmt: Node = a.node;
  for (const p of path) {
    if (p.type === 'block' && p.parent?.type !== 'try_statement') {
      for (const s of p.namedChildren) if (s.startIndex >= stmt.endIndex && alwaysLeaves(s)) return true;
    }
    stmt = p;
  }
  return false;
}

/** Loops: a branch taken on one pass may be followed by the other branch on the next. */
const LOOPS = new Set(['for_statement', 'while_statement']);

/**
 * True when `stmt` and `at` sit in different branches of one `if` (its body, an `elif`, the `else`) and no loop in their
 * function repeats that `if`: the flow that runs `at` never ran `stmt` (`if n > 0: ds = ds.train_test_split(…)` /
 * `else: train = ds`, where the `else` reads the rows before the split, jooinjang/on-device-LLM-demo `scripts/train.py`).
 */
function otherBranch(stmt: Node, at: Node): boolean {
  let child = stmt;
  for (let p = stmt.parent; p; child = p, p = p.parent) {
    if (at.startIndex < p.startIndex || at.endIndex > p.endIndex) continue;
    if (p.type !== 'if_statement') return false;
    const atClause = p.namedChildren.find((c) => at.startIndex >= c.startIndex && at.endIndex <= c.endIndex);
    if (!atClause || atClause.id === child.id || atClause.id === p.childForFieldName('condition')?.id) return false;
    for (let q = p.parent; q; q = q.parent) {
      if (LOOPS.has(q.type)) return false;
      if (q.type === 'function_definition' || q.type === 'lambda' || q.type === 'module') break;
    }
    return true;
  }
  return false;
}

/** Statements whose body may not run, or runs instead of another: an assignment inside one is conditional. */
const CONDITIONAL = new Set(['if_statement', 'for_statement', 'while_statement', 'except_clause', 'case_clause', 'match_statement']);

/** Where `at` runs, the assignment `a` may not have happened (`mayNotRunWith`). */
function conditionalAt(a: AssignmentFact, at: Node): boolean {
  return mayNotRunWith(a.node, at);
}

/**
 * True when `stmt` sits inside an `if`/`elif`/`else`, a loop body, an `except` handler or a `case` that does not also
 * hold `at`: where `at` runs, `stmt` may not run (a later `tok.pad_token = …` inside `if …:` need not undo an earlier one).
 */
export function mayNotRunWith(stmt: Node, at: Node): boolean {
  for (let p = stmt.parent; p; p = p.parent) {
    if (p.type === 'module' || p.type === 'function_definition' || p.type === 'lambda') return false;
    if (at.startIndex >= p.startIndex && at.endIndex <= p.endIndex) return false;
    if (CONDITIONAL.has(p.type)) return true;
  }
  return false;
}

/**
 * The assignments that may give `name` its value at `at` when the nearest one is conditional (`use_bf16 = False`, then
 * `if …: use_bf16 = True` / `else: use_bf16 = True`, read after the `if`): that one and the earlier ones back to the
 * first that always runs. Undefined when the nearest assignment always runs (its value is the value) or is the only one.
 */
export function conditionalAlternatives(facts: FileFacts, at: Node): AssignmentFact[] | undefined {
  const candidates = assignmentsTo(facts, at.text);
  if (candidates.length < 2) return undefined;
  const nearest = reachingAssignment(facts, at.text, at);
  if (!nearest || !conditionalAt(nearest, at)) return undefined;
  const sameScope = candidates
    .filter((a) => (a.scope?.id ?? null) === (nearest.scope?.id ?? null) && a.node.startIndex <= nearest.node.startIndex
      && !(at.startIndex >= a.node.startIndex && at.endIndex <= a.node.endIndex) && !leavesBefore(a, at))
    .sort((x, y) => y.node.startIndex - x.node.startIndex);
  const out: AssignmentFact[] = [];
  for (const a of sameScope) {
    out.push(a);
    if (!conditionalAt(a, at)) break;
  }
  return out.length > 1 ? out : undefined;
}
