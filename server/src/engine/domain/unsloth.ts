/**
 * Unsloth's presence: when `unsloth` is imported before `trl`/`transformers`/`peft`, it patches
 * the trainers (legacy kwargs accepted, its own dataset preparation used). RULES.md policy.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts, ImportFact } from '../facts/types';
import { isEntryPoint } from '../modules/importer-scan';

/** Unsloth's model classes (`FastLanguageModel.from_pretrained`, `.get_peft_model`). */
export const UNSLOTH_MODEL_CLASSES = ['FastLanguageModel', 'FastModel', 'FastVisionModel'];

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
  /** Unsloth is loaded before this module by every project file that imports it (`unslothLoadedByImporters`). */
  byImporters?: boolean;
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

/** The import statement an import fact belongs to. */
function statementOf(imp: ImportFact): Node {
  const n = imp.node;
  return n.type === 'import_statement' || n.type === 'import_from_statement' ? n : n.parent ?? n;
}

/**
 * Every run of `later` (a statement inside function `fn`) has run `first` before it: `first` sits in a block of `fn`
 * (the function's body, or the body of an `if`, `try`, `with` or loop in it) that also holds `later` after it, however
 * deeply. Control can enter a block only at its start, so reaching `later` passes `first` (an exception in `first`
 * leaves the block before `later`). Under an `if` beside it, or in an `except` of its `try`, is not covered; after a
 * `try` whose handlers all leave the function, it is.
 */
function runsBefore(first: Node, later: Node, fn: Node): boolean {
  const block = first.parent;
  if (block?.type !== 'block' || enclosingFunction(first)?.id !== fn.id) return false;
  if (later.startIndex >= first.endIndex && later.endIndex <= block.endIndex) return true;
  // The dependency check (TaylorAmarelTech/gemma4_comp \`scripts/finetune_unsloth.py\`): \`try: from unsloth import …\`
  // whose every \`except\` leaves the function (\`return 1\`, \`raise\`, \`sys.exit(…)\`): what follows the \`try\` runs only
  // when the try body, the import among it, ran through.
  const tryStmt = block.parent;
  if (tryStmt?.type !== 'try_statement' || tryStmt.childForFieldName('body')?.id !== block.id) return false;
  const handlers = tryStmt.namedChildren.filter((c): c is Node => c?.type === 'except_clause' || c?.type === 'except_group_clause');
  return handlers.length > 0 && handlers.every(leavesFunction) && runsBefore(tryStmt, later, fn);
}

/** An \`except\` clause whose block ends by leaving the function: \`return\`, \`raise\`, \`sys.exit(…)\`, \`exit()\`. */
function leavesFunction(clause: Node): boolean {
  const block = clause.namedChildren.find((c) => c?.type === 'block');
  const last = block?.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment').pop();
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  return last.type === 'expression_statement' && /^(?:sys\.exit|exit|quit|os\._exit)\s*\(/.test(last.text);
}

function enclosingFunction(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition') return p;
  return undefined;
}

/**
 * Nothing imported at start-up decides it, but the script's function imports Unsloth first thing and TRL after it
 * (tungnguyenlam/unsloth-learning \`step_02_train.py\`: \`from unsloth import FastModel\` then \`from trl import
 * SFTTrainer\` inside \`main()\`): when that function runs, TRL's trainers are Unsloth's patched ones. Every TRL import
 * must be in such a function, after an Unsloth import that every path to it runs: the Unsloth import's own block holds
 * the TRL import (insane-group/staged-qwen3.5-scivqa \`cli/commands.py\`: \`from unsloth import FastVisionModel\` opens a
 * \`try:\` whose \`with\` block later runs \`from trl import SFTTrainer\`).
 */
function deferredUnsloth(facts: FileFacts, startup: ImportFact[]): UnslothInfo | undefined {
  if (startup.some((i) => root(i) === 'trl')) return undefined;
  const trl = facts.imports.filter((i) => root(i) === 'trl');
  if (trl.length === 0) return undefined;
  let first: Node | undefined;
  for (const t of trl) {
    const fn = enclosingFunction(t.node);
    if (!fn) return undefined;
    const u = facts.imports.find((i) => (root(i) === 'unsloth' || root(i) === 'unsloth_zoo')
      && runsBefore(statementOf(i), statementOf(t), fn));
    if (!u) return undefined;
    if (!first || u.node.startIndex < first.startIndex) first = u.node;
  }
  return { imported: true, patches: true, firstUnslothImport: first };
}

export function unslothInfo(facts: FileFacts): UnslothInfo {
  const marimo = facts.imports.some((i) => root(i) === 'marimo');
  const imports = facts.imports.filter((i) => runsAtStartup(i, marimo)).sort((a, b) => a.node.startIndex - b.node.startIndex);
  const first = imports.find((i) => root(i) === 'unsloth' || root(i) === 'unsloth_zoo');
  if (!first) return deferredUnsloth(facts, imports) ?? { imported: false, patches: false };
  const before = imports.find((i) => PATCHED_LIBRARIES.includes(root(i)) && i.node.startIndex < first.node.startIndex);
  const trlBefore = imports.some((i) => root(i) === 'trl' && i.node.startIndex < first.node.startIndex);
  return { imported: true, patches: !trlBefore, firstUnslothImport: first.node, firstPatchedImportBefore: before };
}

/**
 * A module that is not run itself (no `if __name__ == "__main__":`, not a notebook) whose every importer in the project
 * has loaded Unsloth (itself or through a project module) before importing it: at run time Unsloth comes first
 * (`main.py`: `from model.handler import Model`, whose module imports unsloth, then `from train.sft import SFTTrain`).
 * `'pending'` while an editor has not scanned the project yet (`modules/importer-scan.ts`).
 */
export function unslothLoadedByImporters(facts: FileFacts, notebook: boolean, text: string): boolean | 'pending' {
  if (notebook || !facts.modules?.provider.importOrder || isEntryPoint(text)) return false;
  const order = facts.modules.provider.importOrder(facts.modules.path);
  if (order === 'pending') return 'pending';
  return order?.unslothFirst === true;
}

/**
 * The script's Unsloth, with its project's importers: a module whose own imports leave TRL unpatched (no unsloth import,
 * or `trl` imported before it) but that every importer imports after loading Unsloth gets TRL's trainers as Unsloth
 * patched them, since its `from trl import …` runs after Unsloth replaced them (NotAdson/SFT-Python-Gemma3-1b
 * `src/train/sft.py`, imported by `src/main.py` after `model.handler`, which imports unsloth). Only a file importing TRL
 * asks (the question reads the project); an editor's first lint, before the scan, keeps the file's own answer.
 */
export function unslothWithImporters(facts: FileFacts, notebook: boolean, text: string): UnslothInfo {
  const own = unslothInfo(facts);
  if (own.patches || !facts.imports.some((i) => root(i) === 'trl')) return own;
  if (unslothLoadedByImporters(facts, notebook, text) !== true) return own;
  return { ...own, imported: true, patches: true, byImporters: true };
}
