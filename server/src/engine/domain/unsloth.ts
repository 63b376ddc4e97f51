/**
 * Unsloth's presence: when `unsloth` is imported before `trl`/`transformers`/`peft`, it patches
 * the trainers (legacy kwargs accepted, its own dataset preparation used). RULES.md policy.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts, ImportFact } from '../facts/types';

export interface UnslothInfo {
  /** `unsloth` (or a submodule) is imported somewhere. */
  imported: boolean;
  /**
   * …and before every `trl` import, so the trainer classes the script uses are Unsloth's patched
   * ones (legacy kwargs, its own dataset preparation). Importing `transformers` first only costs
   * some of its optimisations (TL601), not the trainer patches.
   */
  patches: boolean;
  /** The first unsloth import, and the first patched-library import before it (for TL601). */
  firstUnslothImport?: Node;
  firstPatchedImportBefore?: ImportFact;
}

export const PATCHED_LIBRARIES = ['trl', 'transformers', 'peft'];

function root(imp: ImportFact): string {
  return imp.module.split('.')[0];
}

/**
 * A marimo notebook's cell: a module-level function decorated with `@app.cell`. marimo runs every cell when the
 * notebook runs (in dependency order, which for imports is the file's order), so its imports run at start-up.
 */
function isMarimoCell(fn: Node): boolean {
  const dec = fn.parent;
  if (dec?.type !== 'decorated_definition' || dec.parent?.type !== 'module') return false;
  return dec.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*[A-Za-z_]\w*\.cell\b/.test(d.text));
}

/** Imports that run when the script starts: not those inside functions or classes (marimo cells excepted). */
function runsAtStartup(imp: ImportFact, marimo: boolean): boolean {
  for (let p = imp.node.parent; p; p = p.parent) {
    if (p.type === 'class_definition') return false;
    if (p.type === 'function_definition' && !(marimo && isMarimoCell(p))) return false;
  }
  return true;
}

export function unslothInfo(facts: FileFacts): UnslothInfo {
  const marimo = facts.imports.some((i) => root(i) === 'marimo');
  const imports = facts.imports.filter((i) => runsAtStartup(i, marimo)).sort((a, b) => a.node.startIndex - b.node.startIndex);
  const first = imports.find((i) => root(i) === 'unsloth' || root(i) === 'unsloth_zoo');
  if (!first) return { imported: false, patches: false };
  const before = imports.find((i) => PATCHED_LIBRARIES.includes(root(i)) && i.node.startIndex < first.node.startIndex);
  const trlBefore = imports.some((i) => root(i) === 'trl' && i.node.startIndex < first.node.startIndex);
  return { imported: true, patches: !trlBefore, firstUnslothImport: first.node, firstPatchedImportBefore: before };
}
