/** Import statements → local bindings, and qualified-name resolution of expressions. */
import type { Node } from 'web-tree-sitter';
import type { FileFacts, ImportFact } from './types';

export function importsOf(node: Node): { imports: ImportFact[]; star?: string } {
  const out: ImportFact[] = [];
  if (node.type === 'import_statement') {
    for (const n of node.childrenForFieldName('name')) {
      if (!n) continue;
      if (n.type === 'aliased_import') {
        const mod = n.childForFieldName('name')?.text ?? '';
        out.push({ module: mod, local: n.childForFieldName('alias')?.text ?? mod, node });
      } else {
        out.push({ module: n.text, local: n.text.split('.')[0], node });
      }
    }
    return { imports: out };
  }
  const module = node.childForFieldName('module_name')?.text ?? '';
  if (node.children.some((c) => c?.type === 'wildcard_import')) return { imports: out, star: module };
  for (const n of node.childrenForFieldName('name')) {
    if (!n) continue;
    if (n.type === 'aliased_import') {
      const name = n.childForFieldName('name')?.text ?? '';
      out.push({ module, name, local: n.childForFieldName('alias')?.text ?? name, node });
    } else {
      out.push({ module, name: n.text, local: n.text, node });
    }
  }
  return { imports: out };
}

/** Qualified name of the local binding `local`, if it comes from an import. */
export function qualifyLocal(facts: Pick<FileFacts, 'imports'>, local: string): string | undefined {
  for (let i = facts.imports.length - 1; i >= 0; i--) {
    const imp = facts.imports[i];
    if (imp.local !== local) continue;
    if (imp.name === undefined) return imp.local === imp.module.split('.')[0] ? imp.local : imp.module;
    return `${imp.module}.${imp.name}`;
  }
  return undefined;
}

/** Qualified name of a name or attribute chain (`tf.Trainer` → `transformers.Trainer`). */
export function qualifyExpression(facts: Pick<FileFacts, 'imports' | 'starImports'>, node: Node): string | undefined {
  if (node.type === 'identifier') {
    const q = qualifyLocal(facts, node.text);
    if (q) return q;
    return facts.starImports.length ? `${facts.starImports[0]}.${node.text}` : undefined;
  }
  if (node.type === 'attribute') {
    const obj = node.childForFieldName('object');
    const attr = node.childForFieldName('attribute');
    if (!obj || !attr) return undefined;
    const base = qualifyExpression(facts, obj);
    return base ? `${base}.${attr.text}` : undefined;
  }
  return undefined;
}

/**
 * Does a qualified name denote `name` exported by one of `packages`?
 * Re-exports are common (`trl.trainer.sft_trainer.SFTTrainer`), so only the root
 * package and the final name are compared.
 */
export function isQualified(qualified: string | undefined, packages: readonly string[], name: string): boolean {
  // Hot path (every rule filters calls with it): compare without splitting.
  if (!qualified || !qualified.endsWith(name)) return false;
  const lastDot = qualified.length - name.length - 1;
  if (lastDot >= 0 && qualified[lastDot] !== '.') return false;
  const firstDot = qualified.indexOf('.');
  return packages.includes(firstDot < 0 ? qualified : qualified.slice(0, firstDot));
}

/** The name a `from … import` entry imports (`X` of `X` or of `X as Y`). */
export function importedBareName(entry: Node): string | undefined {
  return (entry.type === 'aliased_import' ? entry.childForFieldName('name') : entry)?.text;
}

/** The entry (`X` or `X as Y`) of a `from … import` statement that imports `name`. */
export function importedNameNode(statement: Node, name: string): Node | undefined {
  for (const n of statement.childrenForFieldName('name')) if (n && importedBareName(n) === name) return n;
  return undefined;
}
