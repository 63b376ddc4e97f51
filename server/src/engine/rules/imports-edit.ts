/** The edit that makes `name` importable from `module`, if the script does not import it yet. */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../diagnostics';
import { insertAt } from './edits';
import type { RuleContext } from './context';
import type { ImportFact } from '../facts/types';

/**
 * The script's top-level imports in source order, worked out once per lint (every finding with a fix
 * asks, and reading a node's parent is a call into wasm: per finding it made many-trainer scripts
 * quadratic).
 */
const topLevelCache = new WeakMap<readonly ImportFact[], ImportFact[]>();
function topLevelImports(imports: readonly ImportFact[]): ImportFact[] {
  let top = topLevelCache.get(imports);
  if (!top) {
    top = imports.filter((i) => i.node.parent?.type === 'module').sort((a, b) => a.node.endIndex - b.node.endIndex);
    topLevelCache.set(imports, top);
  }
  return top;
}

export function ensureImport(ctx: RuleContext, module: string, name: string): TextEdit[] {
  const facts = ctx.facts;
  if (facts.imports.some((i) => i.local === name)) return [];
  const last = topLevelImports(facts.imports).at(-1);
  const offset = last ? last.node.endIndex : 0;
  return [insertAt(ctx.source, offset, last ? `\nfrom ${module} import ${name}` : `from ${module} import ${name}\n`)];
}

/**
 * The edit that makes `import module` available before `at`: nothing when a top-level `import module`
 * precedes it; else after the last top-level import before `at`; else on its own line just above the
 * top-level statement containing `at` (never above a `from __future__` import or the module docstring).
 */
export function ensureModuleImport(ctx: RuleContext, module: string, at: Node): TextEdit[] {
  const top = topLevelImports(ctx.facts.imports);
  if (top.some((i) => i.module === module && i.name === undefined && i.local === module && i.node.startIndex < at.startIndex)) return [];
  const before = top.filter((i) => i.node.endIndex <= at.startIndex).pop();
  if (before) return [insertAt(ctx.source, before.node.endIndex, `\nimport ${module}`)];
  let stmt: Node = at;
  while (stmt.parent && stmt.parent.type !== 'module') stmt = stmt.parent;
  const line = ctx.source.positionAt(stmt.startIndex).line;
  return [insertAt(ctx.source, ctx.source.lineStarts[line], `import ${module}\n`)];
}
