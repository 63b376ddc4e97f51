/**
 * Where a tree with syntax errors is broken, asked cheaply: each question first asks whether the node's tree has an
 * error at all (once per tree, kept on it), so a script without syntax errors pays one lookup and no walk.
 */
import type { Node, Tree } from 'web-tree-sitter';
import { KeptKey } from './kept-with';

const brokenTrees = new KeptKey<boolean>();

/** True when the tree `node` is in has a syntax error somewhere. */
export function inBrokenTree(node: Node): boolean {
  let broken = brokenTrees.get(node.tree);
  if (broken === undefined) brokenTrees.set(node.tree, (broken = node.tree.rootNode.hasError));
  return broken;
}

/**
 * True when `node` holds a syntax error. A notebook cell left open is closed after the cell
 * (`ScriptDocument.fromNotebook`), so a half-typed `ds = ds.map(f` takes the lines below it into its own right side.
 */
export function holdsSyntaxError(node: Node): boolean {
  return inBrokenTree(node) && node.hasError;
}

/** The named sibling after (or before) `n` that is not a comment. */
function sibling(n: Node, after: boolean): Node | null {
  let s = after ? n.nextNamedSibling : n.previousNamedSibling;
  while (s?.type === 'comment') s = after ? s.nextNamedSibling : s.previousNamedSibling;
  return s;
}

/**
 * True when `statement` (a child of the module or of a block) is not all of what was typed there: tree-sitter ended
 * it early. Typing `eval_dataset = raw_datasets[` parses as a complete `eval_dataset = raw_datasets` and an ERROR
 * holding `[` right after it on its line; typing `tokenized = dataset` above the indented lines of a call
 * (`    lambda x: f(x),` …) parses as `tokenized = dataset`, the lines below as statements of their own, indented
 * further than it. False, after one lookup, in a tree without syntax errors.
 */
export function cutShort(statement: Node): boolean {
  if (!inBrokenTree(statement)) return false;
  const next = sibling(statement, true);
  if (!next) return false;
  if (next.type === 'ERROR') return next.startPosition.row === statement.endPosition.row;
  return next.startPosition.row > statement.startPosition.row && next.startPosition.column > statement.startPosition.column;
}

/**
 * True when `statement` is indented further than the block (or module) it was parsed into: lines the recovery cut off
 * from what they belong to (the arguments of a call whose first line was cut short, or the body of a function or an
 * `if` whose header went into an ERROR, read at module level). Python has no such statement.
 */
export function misplaced(statement: Node): boolean {
  if (!inBrokenTree(statement) || statement.type === 'comment' || statement.type === 'ERROR') return false;
  const parent = statement.parent;
  if (parent?.type === 'module') return statement.startPosition.column > 0;
  let first = parent?.firstNamedChild ?? null;
  while (first && (first.type === 'comment' || first.type === 'ERROR')) first = first.nextNamedSibling;
  return !!first && statement.startPosition.column > first.startPosition.column;
}

/** Keywords that open a compound statement's header. */
const HEADER_KEYWORDS = new Set(['if', 'elif', 'else', 'for', 'while', 'with', 'try', 'except', 'finally', 'def', 'class', 'async', 'match', 'case']);

/** Rows `from` (inclusive) to `to` (exclusive). */
export interface RowRange { from: number; to: number }

const guardRows = new KeptKey<readonly RowRange[]>();
const NO_ROWS: readonly RowRange[] = [];

/**
 * The rows whose statements lie under a compound statement's header that tree-sitter's recovery swallowed into an
 * ERROR (`ds = load_dataset(` left open above `if tok.pad_token is None:`, or above the script's own `def`): the
 * statements indented below the header, up to the first one that is not. The parse puts them outside the `if` (or
 * the function) they belong to, so where they run, and under which condition, is not known. A header is a
 * compound statement's keyword that an ERROR holds as the first token of its line. Empty, without a walk, for a
 * tree without syntax errors; kept per tree.
 */
export function unknownGuardRows(tree: Tree): readonly RowRange[] {
  let rows = guardRows.get(tree);
  if (rows) return rows;
  rows = NO_ROWS;
  const root = tree.rootNode;
  if (root.hasError) {
    const headers: Array<{ row: number; column: number }> = [];
    for (const error of root.descendantsOfType('ERROR')) {
      if (!error) continue;
      let before = error.previousSibling;
      for (const c of error.children) {
        if (c && !c.isNamed && HEADER_KEYWORDS.has(c.type) && (!before || before.endPosition.row < c.startPosition.row)) headers.push(c.startPosition);
        before = c;
      }
    }
    if (headers.length) rows = headers.map((h) => ({ from: h.row + 1, to: dedentAfter(root, h.row, h.column) }));
  }
  guardRows.set(tree, rows);
  return rows;
}

/** The row of the first statement after `row` that starts at `column` or left of it (the end of the tree if none). */
function dedentAfter(root: Node, row: number, column: number): number {
  let found = root.endPosition.row + 1;
  const walk = (n: Node): boolean => {
    for (const c of n.namedChildren) {
      if (!c || c.endPosition.row <= row || c.type === 'comment') continue;
      if (c.startPosition.row > row && c.startPosition.row < found && c.type !== 'ERROR' && (n.type === 'module' || n.type === 'block' || n.type === 'ERROR') && c.startPosition.column <= column) {
        found = c.startPosition.row;
        return true;
      }
      if (c.namedChildCount && walk(c)) return true;
    }
    return false;
  };
  walk(root);
  return found;
}

/** True when `statement` lies under a header the recovery swallowed (`unknownGuardRows`). */
export function underSwallowedHeader(statement: Node): boolean {
  if (!inBrokenTree(statement)) return false;
  const row = statement.startPosition.row;
  return unknownGuardRows(statement.tree).some((r) => row >= r.from && row < r.to);
}
