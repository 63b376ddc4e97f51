/** The edit that makes `name` importable from `module`, if the script does not import it yet. */
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../diagnostics';
import { insertAt } from './edits';
import type { RuleContext } from './context';

export function ensureImport(ctx: RuleContext, module: string, name: string): TextEdit[] {
  const facts = ctx.facts;
  if (facts.imports.some((i) => i.local === name)) return [];
  const topLevel = facts.imports.filter((i) => i.node.parent?.type === 'module');
  const last = topLevel.sort((a, b) => a.node.endIndex - b.node.endIndex).pop();
  const offset = last ? last.node.endIndex : 0;
  return [insertAt(ctx.source, offset, last ? `\nfrom ${module} import ${name}` : `from ${module} import ${name}\n`)];
}

/**
 * The edit that makes `import module` available before `at`: nothing when a top-level `import module`
 * precedes it; else after the last top-level import before `at`; else on its own line just above the
 * top-level statement containing `at` (never above a `from __future__` import or the module docstring).
 */
export function ensureModuleImport(ctx: RuleContext, module: string, at: Node): TextEdit[] {
  const top = ctx.facts.imports.filter((i) => i.node.parent?.type === 'module');
  if (top.some((i) => i.module === module && i.name === undefined && i.local === module && i.node.startIndex < at.startIndex)) return [];
  const before = top.filter((i) => i.node.endIndex <= at.startIndex).sort((a, b) => a.node.endIndex - b.node.endIndex).pop();
  if (before) return [insertAt(ctx.source, before.node.endIndex, `\nimport ${module}`)];
  let stmt: Node = at;
  while (stmt.parent && stmt.parent.type !== 'module') stmt = stmt.parent;
  const line = ctx.source.positionAt(stmt.startIndex).line;
  return [insertAt(ctx.source, ctx.source.lineStarts[line], `import ${module}\n`)];
}
