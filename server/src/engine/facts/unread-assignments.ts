/**
 * Assignments the parser could not read. tree-sitter's recovery puts a broken statement
 * (`en_ds = datasets.concatenate_datasets([a, b)`, a half-typed `ds = load_dataset(`) into an ERROR node,
 * and often the lines after it too: the assignment is lost from the facts while the calls inside the ERROR
 * are still collected, so a later use of the name would resolve to an older binding the author has replaced.
 * A target (`name` or `a.b`) followed by a bare `=` in an ERROR, at statement level (not inside brackets:
 * a keyword argument), makes that name unknown from there on in its scope (`reachingAssignment`).
 * So does an assignment under an `if`, `def`, `try`… header the recovery swallowed (whether and where it runs is
 * not known), one the parser ended early (`eval_dataset = raw_datasets[` parses as `eval_dataset = raw_datasets`
 * and an ERROR `[`) and one cut off from the statement it belongs to (`syntax/syntax-errors.ts`).
 * Only trees whose root has an error are scanned, once per section tree.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { cutShort, inBrokenTree, misplaced, type RowRange, unknownGuardRows } from '../syntax/syntax-errors';
import { KeptKey } from '../syntax/kept-with';
import type { Anchor } from './anchor';
import { enclosingFunction, sectionFactsOf } from './build';
import type { FileFacts } from './types';

/** An unread assignment as found in its section's tree: where its `=` ends (as its anchor's facts were found), and its scope's node id. */
interface Unread { name: string; at: number; scopeId: number | null }

/** An unread assignment where it is now. */
export interface UnreadAssignment { at: number; scopeId: number | null }

const OPEN = new Set(['(', '[', '{']);
const CLOSE = new Set([')', ']', '}']);
/** Nodes inside which a `name =` is not an assignment statement (keyword arguments, defaults, …). */
const BRACKETED = new Set([
  'argument_list', 'parameters', 'lambda_parameters', 'parenthesized_expression', 'list', 'tuple', 'dictionary', 'set',
  'subscript', 'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'keyword_argument', 'call',
]);

const perTree = new KeptKey<Unread[]>();
const perFacts = new KeptKey<Map<string, UnreadAssignment[]>>();

/** The unread assignments of a section's tree (none, without a walk, when its root has no error). */
function unreadIn(tree: Tree, anchor: Anchor): Unread[] {
  let found = perTree.get(tree);
  if (found) return found;
  found = [];
  const root = tree.rootNode;
  if (root.hasError) {
    for (const error of root.descendantsOfType('ERROR')) {
      if (!error || error.parent?.type === 'ERROR') continue;
      // Inside brackets a `name =` is a keyword argument, unless its line starts at the column of the statement the
      // brackets are in: a string or bracket left open above (a notebook cell's, the cells below joined to it) took in
      // the statements after it.
      if (insideBrackets(error)) collect(error, { depth: 1, column: statementColumn(error), row: -1, orLeft: true }, anchor, found);
      else collect(error, { depth: 0, column: error.startPosition.column, row: -1 }, anchor, found);
    }
    cutOff(root, anchor, found);
    const guarded = unknownGuardRows(tree);
    if (guarded.length) underUnknownGuards(root, guarded, anchor, found);
  }
  perTree.set(tree, found);
  return found;
}

/**
 * The function a target in an ERROR assigns in: the innermost one around it that starts left of it (a line the
 * recovery put inside a function's brackets, at the module's column, assigns at module level).
 */
function scopeAtColumn(t: Node): number | null {
  let f = enclosingFunction(t);
  while (f && f.startPosition.column >= t.startPosition.column) f = enclosingFunction(f);
  return f?.id ?? null;
}

/** The column of the statement `node` is in (a child of the module or of a block). */
function statementColumn(node: Node): number {
  let n = node;
  while (n.parent && n.parent.type !== 'module' && n.parent.type !== 'block') n = n.parent;
  return n.startPosition.column;
}

function insideBrackets(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (BRACKETED.has(p.type)) return true;
  return false;
}

/**
 * The assignments under a header the recovery swallowed (`syntax/syntax-errors.ts`, `unknownGuardRows`): whether
 * they run, and in which scope, is not known, so each makes its targets unknown from there on.
 */
function underUnknownGuards(root: Node, rows: readonly RowRange[], anchor: Anchor, out: Unread[]): void {
  for (const a of root.descendantsOfType('assignment')) {
    if (!a || a.parent?.type !== 'expression_statement') continue;
    const row = a.startPosition.row;
    if (!rows.some((r) => row >= r.from && row < r.to)) continue;
    const right = a.childForFieldName('right');
    pushTargets(a.childForFieldName('left'), (right ?? a).startIndex - anchor.dIndex, out);
  }
}

/** `name`, `a.b` and each of `a, b` as unknown from `at`. */
function pushTargets(left: Node | null, at: number, out: Unread[]): void {
  const targets = left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : [left];
  for (const t of targets) {
    if (t && (t.type === 'identifier' || t.type === 'attribute')) out.push({ name: t.text, at, scopeId: enclosingFunction(t)?.id ?? null });
  }
}

/** What may hold statements: blocks, compound statements and their clauses, definitions. */
const HOLDS_STATEMENTS = /^block$|_statement$|_clause$|_definition$/;
/** Statements that hold none. */
const SIMPLE_STATEMENTS = new Set(['expression_statement', 'return_statement', 'import_statement', 'import_from_statement', 'comment', 'pass_statement', 'print_statement', 'assert_statement', 'raise_statement', 'global_statement', 'nonlocal_statement', 'delete_statement', 'break_statement', 'continue_statement']);

/**
 * The assignments the parser ended early, and those cut off from the statement they belong to (indented further than
 * their block: `syntax/syntax-errors.ts`): their targets are unknown from where the right side starts.
 */
function cutOff(n: Node, anchor: Anchor, out: Unread[]): void {
  for (const c of n.namedChildren) {
    if (!c || c.type === 'ERROR' || c.type === 'comment') continue;
    if (n.type === 'module' || n.type === 'block') {
      const assignment = c.type === 'expression_statement' ? c.firstNamedChild : null;
      if ((assignment?.type === 'assignment' || assignment?.type === 'augmented_assignment') && (cutShort(c) || misplaced(c))) {
        pushTargets(assignment.childForFieldName('left'), (assignment.childForFieldName('right') ?? assignment).startIndex - anchor.dIndex, out);
      }
    }
    if (HOLDS_STATEMENTS.test(c.type) && !SIMPLE_STATEMENTS.has(c.type)) cutOff(c, anchor, out);
  }
}

/**
 * Where a scan of an ERROR is: the brackets its loose tokens left open, the column its statement starts at, and the
 * row the last token ended on; `orLeft`: a line starting left of that column starts a statement too (an ERROR inside
 * brackets, where a `return {` left open in a function takes in the module-level lines below it).
 */
interface Scan { depth: number; column: number; row: number; orLeft?: boolean }

/**
 * The loose tokens of an ERROR (and of the ERRORs nested in it) in order, counting the brackets they leave open.
 * A line that starts at the statement's own column starts a new statement, whatever is left open above it: Python
 * would read it as part of the call (`trainer = Trainer(model=m,` then a half-typed `ds = load_dataset(`), but that
 * is the author typing, not a keyword argument (continuation lines are indented further).
 */
function collect(error: Node, open: Scan, anchor: Anchor, out: Unread[]): void {
  const children = error.children;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!c) continue;
    const start = c.startPosition;
    if (start.row > open.row && (start.column === open.column || (open.orLeft && start.column < open.column))) open.depth = 0;
    if (c.type === 'ERROR') { collect(c, open, anchor, out); continue; }
    open.row = c.endPosition.row;
    if (!c.isNamed) {
      if (OPEN.has(c.type)) open.depth++;
      else if (CLOSE.has(c.type) && open.depth > 0) open.depth--;
      continue;
    }
    const next = children[i + 1];
    if (open.depth > 0 || !next || next.isNamed || next.type !== '=') continue;
    // `a, b = …`: every target of the list before the `=`.
    for (let j = i; j >= 0; j -= 2) {
      const t = children[j];
      if (!t || (t.type !== 'identifier' && t.type !== 'attribute')) break;
      out.push({ name: t.text, at: next.endIndex - anchor.dIndex, scopeId: scopeAtColumn(t) });
      if (children[j - 1]?.type !== ',') break;
    }
  }
}

/** The unread assignments to `name` in the script, where they are now (empty for a script without syntax errors). */
export function unreadAssignmentsTo(facts: FileFacts, name: string): readonly UnreadAssignment[] {
  let byName = perFacts.get(facts);
  if (!byName) {
    byName = new Map();
    for (const part of sectionFactsOf(facts) ?? []) {
      const unread = unreadIn(part.tree, part.anchor);
      if (unread.length) add(byName, unread, part.anchor);
    }
    perFacts.set(facts, byName);
  }
  return byName.get(name) ?? NONE;
}

const NONE: readonly UnreadAssignment[] = [];

function add(byName: Map<string, UnreadAssignment[]>, unread: Unread[], anchor: Anchor): void {
  for (const u of unread) {
    const placed = { at: u.at + anchor.dIndex, scopeId: u.scopeId };
    const list = byName.get(u.name);
    if (list) list.push(placed); else byName.set(u.name, [placed]);
  }
}

const brokenTexts = new KeptKey<string[]>();

/** The texts the parser could not place in a section's tree: its ERRORs and the statements cut off from theirs. */
function brokenTextsOf(tree: Tree): string[] {
  let texts = brokenTexts.get(tree);
  if (texts) return texts;
  texts = [];
  const root = tree.rootNode;
  for (const error of root.descendantsOfType('ERROR')) if (error && error.parent?.type !== 'ERROR') texts.push(error.text);
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'ERROR' || c.type === 'comment') continue;
      if ((n.type === 'module' || n.type === 'block') && misplaced(c)) texts!.push(c.text);
      else if (HOLDS_STATEMENTS.test(c.type) && !SIMPLE_STATEMENTS.has(c.type)) walk(c);
    }
  };
  walk(root);
  brokenTexts.set(tree, texts);
  return texts;
}

/**
 * True when text the parser could not place (an ERROR, a line cut off from its statement) matches `pattern`: a
 * half-typed `tokenizer.pad_token =`, or one the recovery read as an annotation, may set what no fact shows. A claim
 * that the script never does something rests on the facts only where this is false. False, with no walk, for a
 * script without syntax errors.
 */
export function brokenTextMatches(facts: FileFacts, pattern: RegExp): boolean {
  for (const part of sectionFactsOf(facts) ?? []) {
    if (inBrokenTree(part.tree.rootNode) && brokenTextsOf(part.tree).some((t) => pattern.test(t))) return true;
  }
  return false;
}
