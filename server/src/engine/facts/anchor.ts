/**
 * Where a section's facts are now, and the scopes (function definitions, lambdas) it recorded.
 * Facts keep the nodes they were found with; when an edit before a section only shifted it, an
 * `Anchor` places them where they are now, and scope lookups answer from recorded extents instead
 * of `node.parent` walks (tree-sitter answers those by descending from the root).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { moveNode } from '../syntax/tree-handles';
import { KeptKey } from '../syntax/kept-with';

/**
 * Where a section's facts are now. Facts keep the nodes they were found with; when an edit before
 * the section moved it (`Tree.edit`, same tree), `place` gives the node at its new position. Facts
 * re-place their nodes, and drop what they derived from them, when `version` changes.
 */
export class Anchor {
  dIndex = 0;
  private dRow = 0;
  version = 0;
  constructor(private readonly start: number, private readonly row: number) {}

  /** Lines the section moved since its facts were found. */
  get rowShift(): number { return this.dRow; }

  moveTo(start: number, row: number): void {
    const dIndex = start - this.start, dRow = row - this.row;
    if (dIndex === this.dIndex && dRow === this.dRow) return;
    this.dIndex = dIndex;
    this.dRow = dRow;
    this.version++;
  }

  /** A node found when the section was first walked, at its current place. */
  place(node: Node): Node {
    return this.dIndex === 0 && this.dRow === 0 ? node : moveNode(node, this.dIndex, this.dRow);
  }

  /** The inverse of `place`: a node of the section as it is now, as it was when first walked. */
  unplace(node: Node): Node {
    return this.dIndex === 0 && this.dRow === 0 ? node : moveNode(node, -this.dIndex, -this.dRow);
  }
}

/** A function definition or lambda: its extent when found. */
interface Scope { start: number; end: number; id: number; node: Node }

/** The tokens a function definition or lambda can start with. */
const FIRST_TOKENS = new Set(['def', 'async', 'lambda']);

/** A section's function definitions and lambdas in document order (by start), extents as found. */
export class ScopeIndex {
  private readonly scopes: Scope[] = [];

  constructor(private readonly anchor: Anchor) {}

  /** Records a scope (in document order) found in the section's current tree. */
  add(node: Node): void { this.scopes.push({ start: node.startIndex, end: node.endIndex, id: node.id, node }); }

  /** The innermost scope strictly around `node`, placed where the section is now. */
  around(node: Node): Node | null {
    const at = node.startIndex - this.anchor.dIndex;
    const scopes = this.scopes;
    let lo = 0, hi = scopes.length - 1, last = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (scopes[mid].start <= at) { last = mid; lo = mid + 1; } else hi = mid - 1;
    }
    for (let i = last; i >= 0; i--) {
      const f = scopes[i];
      if (at >= f.end) continue;
      if (at > f.start) return this.anchor.place(f.node);
      // Same start: `node` is the scope itself, or an ancestor starting there (outside it), or its first token (inside).
      if (f.id !== node.id && FIRST_TOKENS.has(node.type)) return this.anchor.place(f.node);
    }
    return null;
  }
}

/** The scope index of each section's tree. */
const scopeIndexes = new KeptKey<ScopeIndex>();

export function registerScopes(tree: Tree, index: ScopeIndex): void { scopeIndexes.set(tree, index); }

/**
 * The innermost function definition or lambda around `node` (not `node` itself), or null at module
 * level. Answered from the scopes its section's facts recorded (`node.parent` costs a walk from the
 * root in wasm); nodes of trees without facts walk their parents.
 */
export function enclosingFunction(node: Node): Node | null {
  const index = scopeIndexes.get(node.tree);
  if (index) return index.around(node);
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return null;
}
