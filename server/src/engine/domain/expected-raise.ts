/**
 * Code written to fail: a statement inside `with pytest.raises(…):` or unittest's `with self.assertRaises(…):` /
 * `assertRaisesRegex(…)` is a test that passes only when it raises, so a finding that predicts how it fails
 * describes the test's intent rather than a bug (huggingface/trl's tests build trainers on datasets they know are
 * wrong inside such blocks, to reach an earlier check).
 */
import type { Node } from 'web-tree-sitter';

const EXPECTS_RAISE = /(^|\.)(raises|assertRaises|assertRaisesRegex|assertRaisesRegexp)$/;

/** Is `node` in the body of a `with` whose context manager expects an exception (in the same function)? */
export function insideExpectedRaise(node: Node): boolean {
  for (let n: Node | null = node.parent; n; n = n.parent) {
    if (n.type === 'function_definition' || n.type === 'lambda' || n.type === 'class_definition') return false;
    if (n.type !== 'with_statement') continue;
    const body = n.childForFieldName('body');
    if (!body || node.startIndex < body.startIndex) continue;
    const items = n.namedChildren.find((c) => c?.type === 'with_clause')?.namedChildren ?? [];
    for (const item of items) {
      let value = item?.namedChildren[0];
      if (value?.type === 'as_pattern') value = value.namedChildren[0];
      if (value?.type === 'call' && EXPECTS_RAISE.test(value.childForFieldName('function')?.text ?? '')) return true;
    }
  }
  return false;
}
