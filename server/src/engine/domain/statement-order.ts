/**
 * Which statement runs before which: the order Python's control flow guarantees between two statements of one function
 * (or of the module), read from the syntax tree alone.
 */
import type { Node } from 'web-tree-sitter';

/**
 * Every run of `later` (a statement inside function `fn`, or at module level when `fn` is undefined) has run `first`
 * before it: `first` sits in a block of `fn` (the function's body, or the body of an `if`, `try`, `with` or loop in
 * it; the module itself at module level) that also holds `later` after it, however deeply. Control can enter a block
 * only at its start, so reaching `later` passes `first` (an exception in `first` leaves the block before `later`).
 * Under an `if` beside it, or in an `except` of its `try`, is not covered; after a `try` whose handlers all leave the
 * function, it is.
 */
export function runsBefore(first: Node, later: Node, fn: Node | undefined): boolean {
  const block = first.parent;
  if ((block?.type !== 'block' && block?.type !== 'module') || enclosingFunction(first)?.id !== fn?.id) return false;
  if (later.startIndex >= first.endIndex && later.endIndex <= block.endIndex) return true;
  // The dependency check (TaylorAmarelTech/gemma4_comp \`scripts/finetune_unsloth.py\`): \`try: from unsloth import …\`
  // whose every \`except\` leaves the function (\`return 1\`, \`raise\`, \`sys.exit(…)\`): what follows the \`try\` runs only
  // when the try body, the import among it, ran through.
  const tryStmt = block.parent;
  if (tryStmt?.type !== 'try_statement' || tryStmt.childForFieldName('body')?.id !== block.id) return false;
  const handlers = tryStmt.namedChildren.filter((c): c is Node => c?.type === 'except_clause' || c?.type === 'except_group_clause');
  return handlers.length > 0 && handlers.every(leavesFunction) && runsBefore(tryStmt, later, fn);
}

/** An \`except\` clause whose block ends by leaving the function: \`return\`, \`raise\`, \`sys.exit(…)\`, \`exit()\`. */
export function leavesFunction(clause: Node): boolean {
  const block = clause.namedChildren.find((c) => c?.type === 'block');
  const last = block?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').pop();
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  return last.type === 'expression_statement' && /^(?:sys\.exit|exit|quit|os\._exit)\s*\(/.test(last.text);
}

/** The innermost function definition holding `node`, if any. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/** The statement `node` belongs to: its ancestor (or itself) whose parent is a block or the module. */
export function statementAt(node: Node): Node {
  let n = node;
  while (n.parent && n.parent.type !== 'block' && n.parent.type !== 'module') n = n.parent;
  return n;
}
