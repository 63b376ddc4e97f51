/**
 * Code that never runs in the same pass: two branches of one `if` (`if …: A` / `elif …: B` / `else: C`), or
 * two blocks whose guards contradict (`if resume is not None: A` … `if train and resume is None: B`), or a block under a
 * flag that a statement beside the other sets the other way (`A; loaded = True` … `if not loaded: B`). A model
 * wrapped in one and wrapped again in the other was wrapped once (PEFT examples choose the adapter method with
 * `if method == "lora": … elif …:`; QLoRA and LLaMA-Factory load a checkpoint's adapter or create a new one).
 * Only syntax is compared: the guard's text, `not`, `is None` / `is not None` and `and` are understood.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { evaluateBool } from '../facts/values';

const BRANCH_TYPES = new Set(['block', 'elif_clause', 'else_clause']);

/** A guard known to hold at a node: a condition's normalized text, whether it is true there, and the condition. */
export interface Guard { text: string; holds: boolean; node: Node }

function stripParens(n: Node): Node {
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  return n;
}

/** The atomic guards a condition with this truth value implies (`a and b` true → both; `not a` → a flipped). */
function guardsOf(cond: Node, holds: boolean, out: Guard[]): void {
  const c = stripParens(cond);
  if (c.type === 'not_operator') {
    const arg = c.childForFieldName('argument');
    if (arg) guardsOf(arg, !holds, out);
    return;
  }
  if (c.type === 'boolean_operator' && holds && c.childForFieldName('operator')?.text === 'and') {
    for (const side of [c.childForFieldName('left'), c.childForFieldName('right')]) if (side) guardsOf(side, true, out);
    return;
  }
  if (c.type === 'boolean_operator' && !holds && c.childForFieldName('operator')?.text === 'or') {
    for (const side of [c.childForFieldName('left'), c.childForFieldName('right')]) if (side) guardsOf(side, false, out);
    return;
  }
  // `x == None` / `x != None` mean what `is` says for the values scripts test (tokens, configs, paths).
  const text = c.text.replace(/\s+/g, ' ').replace(/ == None$/, ' is None').replace(/ != None$/, ' is not None');
  const isNot = /^(.+) is not None$/.exec(text);
  if (isNot) { out.push({ text: `${isNot[1]} is None`, holds: !holds, node: c }); return; }
  out.push({ text, holds, node: c });
}

/** The guards that hold at `node`, and for each enclosing `if` the branch holding it. */
function context(node: Node): { guards: Guard[]; branches: Map<number, number> } {
  const guards: Guard[] = [];
  const branches = new Map<number, number>();
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    if (!BRANCH_TYPES.has(child.type) || child.id === cond?.id) continue;
    branches.set(p.id, child.id);
    if (!cond) continue;
    if (child.type === 'block') { guardsOf(cond, true, guards); continue; }
    // elif / else: the `if` condition and every earlier elif condition are false; an elif's own holds.
    guardsOf(cond, false, guards);
    for (const alt of p.childrenForFieldName('alternative')) {
      if (!alt || alt.id === child.id) break;
      const c = alt.childForFieldName('condition');
      if (c) guardsOf(c, false, guards);
    }
    const own = child.type === 'elif_clause' ? child.childForFieldName('condition') : null;
    if (own) guardsOf(own, true, guards);
  }
  return { guards, branches };
}

/** The conditions known true or false where `node` runs (every enclosing `if`/`elif`/`else`, `not`, `and`, `is None`). */
export function guardsAt(node: Node): readonly Guard[] {
  return context(node).guards;
}

/**
 * `a` is (in) the last statement of a `try` body and `b` is in one of its `except` clauses: a handler runs only when
 * the body raised, so that statement never completed (autotrain's `try: model = PeftModel.from_pretrained(…)`
 * `except RuntimeError: …; model = PeftModel.from_pretrained(model, …)` retries the load). Statements after it that
 * only report (`print(…)`, `model.print_trainable_parameters()`, `logger.info(…)`) count as nothing: they do not raise
 * the error a handler catches (roclee2692/Chinese-LLM-LoRA-Finetuning `working_qwen_training.py` retries
 * `get_peft_model` with other target modules under `except ValueError`, after `model.print_trainable_parameters()`).
 */
function lastOfTryBeforeHandler(a: Node, b: Node): boolean {
  for (let stmt: Node | null = a; stmt?.parent; stmt = stmt.parent) {
    // In a loop, an earlier pass may have completed it.
    if (stmt.type === 'for_statement' || stmt.type === 'while_statement') return false;
    const block = stmt.parent;
    if (block.type !== 'block' || block.parent?.type !== 'try_statement' || block.parent.childForFieldName('body')?.id !== block.id) continue;
    for (let next = stmt.nextNamedSibling; next; next = next.nextNamedSibling) if (!onlyReports(next)) return false;
    const tryStmt = block.parent;
    for (let p: Node | null = b.parent; p && p.id !== tryStmt.id; p = p.parent) {
      if (p.type === 'except_clause' && p.parent?.id === tryStmt.id) return true;
    }
    return false;
  }
  return false;
}

/** A statement that only prints or logs (or a comment): nothing a handler catches comes from it. */
function onlyReports(stmt: Node): boolean {
  if (stmt.type === 'comment') return true;
  if (stmt.type !== 'expression_statement') return false;
  const e = stmt.firstNamedChild;
  if (e?.type === 'string') return true;
  if (e?.type !== 'call') return false;
  const callee = e.childForFieldName('function')?.text ?? '';
  return callee === 'print' || /\.print_trainable_parameters$/.test(callee)
    || /^(logger|logging|log)\.(debug|info|warning|warn|error)$/.test(callee);
}

/**
 * True when `a` and `b` can never both run: different branches of one `if`, contradicting guards, or the end of a
 * `try` body and its handler (`lastOfTryBeforeHandler`).
 */
export function inExclusiveBranches(a: Node, b: Node, facts?: FileFacts): boolean {
  if (lastOfTryBeforeHandler(a, b)) return true;
  const x = context(a);
  const y = context(b);
  if (x.branches.size === 0) return y.guards.some((h) => flagSetBeside(a, b, h, facts));
  for (const [ifId, branch] of y.branches) {
    const mine = x.branches.get(ifId);
    if (mine !== undefined && mine !== branch) return true;
  }
  if (x.guards.some((g) => y.guards.some((h) => (h.text === g.text && h.holds !== g.holds)
    || (h.holds === g.holds && negatedComparison(g.text) === h.text)))) return true;
  return y.guards.some((h) => flagSetBeside(a, b, h, facts));
}

/**
 * `b` runs under a flag (`if not loaded:`) that a statement beside `a` sets to the other value (`loaded = True`) and
 * nothing sets again before `b`: once `a` ran, `b` does not (Arnie016/Law_Qwen `scripts/grpo/grpo_legal_training.py`:
 * `model = PeftModel.from_pretrained(…)` then `checkpoint_loaded = True`, and `if not checkpoint_loaded:` around
 * `FastLanguageModel.get_peft_model`).
 */
function flagSetBeside(a: Node, b: Node, h: Guard, facts?: FileFacts): boolean {
  if (!/^[A-Za-z_]\w*$/.test(h.text)) return false;
  const fn = enclosingDef(b);
  for (let stmt: Node | null = a; stmt?.parent; stmt = stmt.parent) {
    const block = stmt.parent;
    if (block.type !== 'block' && block.type !== 'module') continue;
    if (b.startIndex >= block.startIndex && b.endIndex <= block.endIndex) return false;
    const set = block.namedChildren.find((n) => n && flagValue(n, h.text) === !h.holds);
    if (!set) continue;
    if (enclosingDef(set)?.id !== fn?.id) return false;
    // Set again between there and `b`: no conclusion. The file's facts see every section of an editor's document; a
    // tree only its own.
    const between = (n: Node) => n.startIndex > set.endIndex && n.startIndex < b.startIndex;
    const roots = [block.tree.rootNode, b.tree.rootNode];
    if (roots.some((r) => r.descendantsOfType('augmented_assignment').some((x) => x?.childForFieldName('left')?.text === h.text))) return false;
    if (facts) return !facts.assignments.some((x) => x.target === h.text && between(x.node));
    return !roots[0].descendantsOfType('assignment').some((x) => !!x && x.childForFieldName('left')?.text === h.text && between(x));
  }
  return false;
}

/** `name = True` / `name = False` as a statement: the value, else undefined. */
function flagValue(stmt: Node, name: string): boolean | undefined {
  const e = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
  if (e?.type !== 'assignment' || e.childForFieldName('left')?.text !== name) return undefined;
  const v = e.childForFieldName('right')?.type;
  return v === 'true' ? true : v === 'false' ? false : undefined;
}

function enclosingDef(n: Node): Node | null {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return null;
}

/**
 * `a == b` for `a != b` and the reverse (one comparison, as a guard's normalized text has it), else undefined:
 * `if args.adapter != "full":` and `if args.adapter == "full":` never both hold (peft's `train_dreambooth.py` wraps the
 * text encoder under one and turns its checkpointing on under the other).
 */
function negatedComparison(text: string): string | undefined {
  const eq = text.split(' == '), ne = text.split(' != ');
  if (eq.length === 2 && ne.length === 1) return `${eq[0]} != ${eq[1]}`;
  if (ne.length === 2 && eq.length === 1) return `${ne[0]} == ${ne[1]}`;
  return undefined;
}

const NAMEISH = String.raw`[\w.]*(?:model|name|path|base|arch|checkpoint)[\w.]*(?:\(\))?(?:\.lower\(\)|\.casefold\(\))?`;
const MODEL_NAME_TESTS = [
  // 'gemma' in args.model_name_or_path.lower()
  new RegExp(String.raw`(['"])([^'"\n]{2,60})\1\s+in\s+${NAMEISH}`, 'i'),
  // args.base_model == 'qwen'
  new RegExp(String.raw`${NAMEISH}\s*==\s*(['"])([^'"\n]{2,60})\1`, 'i'),
  // model_name.startswith('google/gemma')
  new RegExp(String.raw`${NAMEISH}\.(?:startswith|endswith)\(\s*(['"])([^'"\n]{2,60})\1`, 'i'),
];

/**
 * When `node` runs only under an `if`/`elif` that tests a model's name (`if 'gemma' in args.model_name.lower():`),
 * the string tested: the script adapts that code to a model it names only by a fragment. Undefined otherwise.
 */
export function modelNameGuard(node: Node): string | undefined {
  let child: Node = node;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    if (n.type !== 'if_statement' && n.type !== 'elif_clause') continue;
    if (n.childForFieldName('consequence')?.id !== child.id) continue;
    const cond = n.childForFieldName('condition')?.text ?? '';
    // `tokenizer.__class__.__name__ == "GPTNeoXTokenizerFast"` tests a class, not a model's name.
    if (/__class__|__name__|type\(/.test(cond)) continue;
    for (const re of MODEL_NAME_TESTS) {
      const m = re.exec(cond);
      if (m) return m[2];
    }
  }
  return undefined;
}

/**
 * The guards at `node` that `ref` (a trainer call) does not share, less those `skip` takes: false when one is known not
 * to hold (`node` never runs), the first unknown one's text when the script does not decide it, undefined when every
 * one holds (or there is none).
 */
export function unsharedCondition(facts: FileFacts, node: Node, ref: Node, skip?: (g: Guard) => boolean): string | false | undefined {
  const shared = guardsAt(ref);
  let unknown: string | undefined;
  for (const g of guardsAt(node)) {
    if (shared.some((h) => h.text === g.text && h.holds === g.holds) || skip?.(g)) continue;
    const v = evaluateBool(facts, g.node);
    // A guard is kept as `x is None` with `holds` flipped for the `x is not None` it was written as.
    const nodeHolds = /\s(is\s+not|!=)\s*None$/.test(g.node.text) ? !g.holds : g.holds;
    if (v === undefined) unknown ??= g.holds ? g.text : /^(.+) is None$/.exec(g.text)?.[1].concat(' is not None') ?? `not ${g.text}`;
    else if (v !== nodeHolds) return false;
  }
  return unknown;
}

/**
 * Why `node` may run other than once before `ref`: inside a loop, or an `except` handler, that `ref` is not in; or
 * `try` when it is in the body of a `try` that `ref` is not in (it runs, unless it raises). Undefined otherwise.
 */
export function enclosingFlow(node: Node, ref: Node): 'loop' | 'handler' | 'try' | undefined {
  let found: 'try' | undefined;
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ref.startIndex >= p.startIndex && ref.endIndex <= p.endIndex) break;
    if ((p.type === 'for_statement' || p.type === 'while_statement') && p.childForFieldName('body')?.id === child.id) return 'loop';
    if (p.type === 'except_clause') return 'handler';
    if (p.type === 'try_statement' && p.childForFieldName('body')?.id === child.id) found = 'try';
  }
  return found;
}
