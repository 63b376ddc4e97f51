/**
 * The places trainlint relies on web-tree-sitter's handle layout (pinned in package.json), so
 * that an edit does not have to re-create what it did not change:
 *
 * - `moveNode`: a `Node` is a small handle — subtree id, tree, start index and start point — and
 *   every query (`type`, `text`, `children`, `parent`, …) is answered by wasm from those fields.
 *   When an edit before a section only shifted it (`Tree.edit`, no re-parse), a node of that section
 *   is the same handle with a shifted start.
 * - `retext` (parser.ts): a `Tree` reads node text through the callback it was parsed with; a shifted tree must
 *   read the new text.
 * - `type` is kept on the handle after its first read (below): it is a getter that asks wasm each time.
 *
 * `canMoveNodes()` checks both once against a real parse; callers fall back to re-parsing and
 * re-walking when it does not hold (a future web-tree-sitter).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { parsePython, retext, treeEdit } from './parser';

interface NodeHandle {
  0: number;
  id: number;
  tree: Tree;
  startIndex: number;
  startPosition: { row: number; column: number };
}

/** `node` moved by `dIndex` characters and `dRow` rows (its tree was edited only before it). */
export function moveNode(node: Node, dIndex: number, dRow: number): Node {
  const from = node as unknown as NodeHandle;
  // A handle the runtime made (its root node: one wasm call), overwritten: moved handles then have the runtime's own
  // shape, so its methods and the engine's reads see one kind of node. A handle made here (`Object.create`) had
  // another shape, and each edit that moved sections de-optimized web-tree-sitter's `marshalNode`,
  // `childForFieldId` and the engine's cached reads (docs/benchmarks.md, session 23).
  const moved = from.tree.rootNode as unknown as NodeHandle;
  moved[0] = from[0];
  moved.id = from.id;
  moved.tree = from.tree;
  moved.startIndex = from.startIndex + dIndex;
  moved.startPosition = { row: from.startPosition.row + dRow, column: from.startPosition.column };
  return moved as unknown as Node;
}


let verdict: boolean | undefined;

/** Whether moved handles and re-texted trees behave like fresh ones (checked once per process). */
export function canMoveNodes(): boolean {
  if (verdict !== undefined) return verdict;
  verdict = false;
  const text = 'x = 1\ny = f(a, b=2)\n';
  const tree = parsePython(text);
  const fresh = parsePython(`#\n\n${text}`);
  try {
    const call = tree.rootNode.descendantsOfType('call')[0];
    const real = fresh.rootNode.descendantsOfType('call')[0];
    if (!call || !real) return verdict;
    tree.edit(treeEdit({ startIndex: 0, oldEndIndex: 0, newEndIndex: 3, startPosition: { row: 0, column: 0 }, oldEndPosition: { row: 0, column: 0 }, newEndPosition: { row: 2, column: 0 } }));
    retext(tree, `#\n\n${text}`);
    const moved = moveNode(call, 3, 2);
    const first = tree.rootNode.children[0];
    verdict = moved.type === real.type && moved.text === real.text && moved.endIndex === real.endIndex &&
      moved.endPosition.row === real.endPosition.row && moved.parent?.type === real.parent?.type &&
      moved.childForFieldName('arguments')?.text === '(a, b=2)' && moved.namedChildren.length === real.namedChildren.length &&
      first?.startIndex === 3 && first.text === 'x = 1';
  } catch {
    verdict = false;
  } finally {
    tree.delete();
    fresh.delete();
  }
  return verdict;
}
