/**
 * Code that never runs: the body of `if False:` / `if 0:` (the Unsloth notebooks keep optional save and
 * export cells behind `if False:`). Rules about calls that only matter when executed skip these.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';

export function inDeadBranch(facts: FileFacts, node: Node): boolean {
  let child: Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type !== 'if_statement') continue;
    const cond = p.childForFieldName('condition');
    const body = p.childForFieldName('consequence');
    if (!cond || !body || body.id !== child.id) continue;
    const v = evaluate(facts, cond);
    if ((v.kind === 'bool' && !v.value) || (v.kind === 'num' && v.value === 0) || v.kind === 'none') return true;
  }
  return false;
}
