/** The edit that makes `name` importable from `module`, if the script does not import it yet. */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import type { TextEdit } from '../diagnostics';
import { insertAt } from './edits';
import type { RuleContext } from './context';
import type { ImportFact } from '../facts/types';
import { importedBareName } from '../facts/imports';

/**
 * The script's top-level imports in source order, worked out once per lint (every finding with a fix
 * asks, and reading a node's parent is a call into wasm: per finding it made many-trainer scripts
 * quadratic).
 */
const topLevelCache = new KeptKey<ImportFact[]>();
function topLevelImports(imports: readonly ImportFact[]): ImportFact[] {
  let top = topLevelCache.get(imports);
  if (!top) {
    top = imports.filter((i) => i.node.parent?.type === 'module').sort((a, b) => a.node.endIndex - b.node.endIndex);
    topLevelCache.set(imports, top);
  }
  return top;
}

/**
 * The first line new code may go on: below a shebang and a PEP 263 coding cookie (comment lines among
 * the first two). Python reads the cookie on line 2 only below a comment line: code inserted above it
 * would change how the whole file is decoded.
 */
export function firstCodeLine(source: RuleContext['source']): number {
  let line = 0;
  while (line < 2 && line < source.lineStarts.length) {
    const start = source.lineStarts[line];
    const end = source.lineStarts[line + 1] ?? source.text.length;
    if (!/^[ \t\f]*#/.test(source.text.slice(start, end))) break;
    line++;
  }
  return line;
}

/**
 * The edit that makes `name` (from `module`) bound where `at` runs: nothing when an import of it already binds it there;
 * else below the function's own import from `module` when `at` is in a function that has one; else after the last
 * top-level import above `at`'s top-level statement; else on its own line just above that statement. The import is never put below the code that uses it (a script that imports `os` at its end got
 * `from transformers import BitsAndBytesConfig` after the load that calls it: a NameError).
 */
export function ensureImport(ctx: RuleContext, module: string, name: string, at: Node): TextEdit[] {
  const top = topStatementOf(at);
  const inFunction = enclosingFunction(at);
  // A top-level import binds the name for code at top level below it, and for a function body whenever it runs
  // (the module is imported before anything calls it); an import in the same function above `at` binds it too.
  const bound = ctx.facts.imports.some((i) => i.local === name && (i.node.parent?.type === 'module'
    ? inFunction !== undefined || i.node.startIndex < top.startIndex
    : inFunction !== undefined && enclosingFunction(i.node)?.id === inFunction.id && i.node.endIndex <= at.startIndex));
  if (bound) return [];
  // A function that imports the module itself (lazily, after an Unsloth import or an install): the new name joins
  // that import, on a line of its own below it. At the top it would import the library before all that
  // (TaylorAmarelTech/gemma4_comp kaggle kernels: a new TL601, and an import before the script installs the library).
  const local = inFunction && ctx.facts.imports.filter((i) => i.module === module && i.node.parent?.type !== 'module'
    && enclosingFunction(i.node)?.id === inFunction.id && i.node.endIndex <= at.startIndex).at(-1);
  if (local) {
    const start = ctx.source.positionAt(local.node.startIndex);
    const indent = /^[ \t]*/.exec(ctx.source.lineText(start.line))![0];
    if (start.character === indent.length) return [insertAt(ctx.source, local.node.endIndex, `\n${indent}from ${module} import ${name}`)];
  }
  const last = topLevelImports(ctx.facts.imports).filter((i) => i.node.endIndex <= top.startIndex).at(-1);
  if (last) return [insertAt(ctx.source, last.node.endIndex, `\nfrom ${module} import ${name}`)];
  const line = Math.max(ctx.source.positionAt(top.startIndex).line, firstCodeLine(ctx.source));
  return [insertLine(ctx, line, `from ${module} import ${name}`)];
}

function topStatementOf(node: Node): Node {
  let stmt = node;
  while (stmt.parent && stmt.parent.type !== 'module') stmt = stmt.parent;
  return stmt;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition' || n.type === 'lambda') return n;
  return undefined;
}

/** `text` as a line of its own at the start of `line` (after the last line when there is no such line). */
function insertLine(ctx: RuleContext, line: number, text: string): TextEdit {
  const start = ctx.source.lineStarts[line];
  return start === undefined ? insertAt(ctx.source, ctx.source.text.length, `\n${text}\n`) : insertAt(ctx.source, start, `${text}\n`);
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
  const line = Math.max(ctx.source.positionAt(topStatementOf(at).startIndex).line, firstCodeLine(ctx.source));
  return [insertLine(ctx, line, `import ${module}`)];
}

/**
 * `from old import a, b, c` rewritten so that the names `destination` gives another module are imported from it: the
 * names that stay keep the statement's own line, each new module gets a line, at the statement's indentation
 * (`from trl import SFTTrainer` / `from trl.experimental.orpo import ORPOTrainer`). Undefined when the statement does
 * not start its line (`x = 1; from trl import …`).
 */
export function regroupedImport(ctx: RuleContext, statement: Node, destination: (bareName: string) => string | undefined): string | undefined {
  const text = ctx.source.text;
  const lineStart = text.lastIndexOf('\n', statement.startIndex - 1) + 1;
  const indent = text.slice(lineStart, statement.startIndex);
  if (!/^[ \t]*$/.test(indent)) return undefined;
  const module = statement.childForFieldName('module_name')?.text ?? 'trl';
  const stay: string[] = [];
  const byModule = new Map<string, string[]>();
  for (const n of statement.childrenForFieldName('name')) {
    if (!n) continue;
    const to = destination(importedBareName(n) ?? '');
    if (!to) { stay.push(n.text); continue; }
    byModule.set(to, [...(byModule.get(to) ?? []), n.text]);
  }
  const lines = stay.length ? [`from ${module} import ${stay.join(', ')}`] : [];
  for (const [to, names] of byModule) lines.push(`from ${to} import ${names.join(', ')}`);
  return lines.join(`\n${indent}`);
}
