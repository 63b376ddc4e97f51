/** The edit that makes `name` importable from `module`, if the script does not import it yet. */
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
