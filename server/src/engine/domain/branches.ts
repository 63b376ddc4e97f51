/**
 * Mutually exclusive branches: `if …: A` / `elif …: B` / `else: C` never run both A and B in one pass. A
 * model wrapped in one branch and wrapped again in another was wrapped once (PEFT examples choose the
 * adapter method with `if method == "lora": … elif …:`).
 */
import type { Node } from 'web-tree-sitter';

const BRANCH_TYPES = new Set(['block', 'elif_clause', 'else_clause']);

/** For each enclosing `if_statement` (by id), the branch of it that holds `node` (by the branch node's id). */
function branchesOf(node: Node): Map<number, number> {
  const out = new Map<number, number>();
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    // The consequence is the `block` child; elif/else are clauses. The condition is no branch.
    if (BRANCH_TYPES.has(child.type) && child.id !== p.childForFieldName('condition')?.id) out.set(p.id, child.id);
  }
  return out;
}

/** True when `a` and `b` sit in different branches of the same `if` statement. */
export function inExclusiveBranches(a: Node, b: Node): boolean {
  const ours = branchesOf(a);
  if (ours.size === 0) return false;
  for (const [ifId, branch] of branchesOf(b)) {
    const mine = ours.get(ifId);
    if (mine !== undefined && mine !== branch) return true;
  }
  return false;
}
