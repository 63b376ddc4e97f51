/**
 * TL601's question about a project file: which files of its project import it, and whether each has loaded Unsloth
 * (itself, or through a project module) before it does. Text tests first (a file that never names the module, or a
 * chain of imports that never mentions Unsloth, is not parsed), then each candidate's module-level imports in order,
 * up two levels of importers for a module that is not run itself. Bounded: past the parse budget, the listing's
 * size or depth, the answer is unknown and TL601 reports as it would on one file.
 */
import { readdirSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { buildFacts } from '../facts/build';
import type { FileFacts, ImportFact } from '../facts/types';
import { ParsedScript } from '../syntax/parsed-script';
import { mayBeProjectModule } from './imported-ref';
import type { ImportOrder } from './types';

/** A project folder listed for the importers of a file: at most this many Python files, this deep. */
const MAX_LISTED_FILES = 4000;
const MAX_LISTED_DEPTH = 8;
/** Characters of Python parsed for the importers of one file (beyond it the answer is unknown: TL601 reports as before). */
const MAX_SCAN_CHARS = 1_500_000;
/** Folders that hold no project module a script imports. */
const SKIPPED_FOLDERS = new Set(['node_modules', '__pycache__', 'venv', 'env', 'site-packages', 'dist', 'build', 'wandb', 'outputs', 'checkpoints']);
const UNSLOTH_ROOTS = new Set(['unsloth', 'unsloth_zoo']);
const rootOf = (module: string) => module.split('.')[0];
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/**
 * What the importers' scan needs of a file: its module-level imports in order, whether it is run itself, and its
 * imports inside a function or class body (`deferred`), each with the number of module-level imports that come before
 * the module-level definition holding it: that definition, and so any call of it, runs after those imports.
 */
export interface ImportSummary {
  imports: Array<{ module: string; name?: string }>;
  entry: boolean;
  deferred: Array<{ module: string; name?: string; after: number }>;
}

const named = (i: ImportFact) => (i.name === undefined ? { module: i.module } : { module: i.module, name: i.name });

/** A file's module-level imports, from a parse that is freed at once. */
export function summarize(text: string): ImportSummary {
  const script = ParsedScript.parse(text);
  try {
    const facts = buildFacts(script.syntax);
    const top = moduleLevelImports(facts);
    const deferred = facts.imports.flatMap((i) => {
      const def = outermostDefinition(i.node);
      return def ? [{ ...named(i), after: top.filter((t) => t.node.startIndex < def.startIndex).length }] : [];
    });
    return { imports: top.map(named), entry: isEntryPoint(text), deferred };
  } finally {
    script.dispose();
  }
}

/** The module-level function or class definition (with its decorators) holding a node, if any. */
function outermostDefinition(node: Node): Node | undefined {
  let def: Node | undefined;
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') def = p;
  return def?.parent?.type === 'decorated_definition' ? def.parent : def;
}

/** What the scan asks of the answer being computed: the texts it read, modules resolved as Python would. */
export interface ScanHost {
  text(path: string): string | undefined;
  resolve(fromDir: string, module: string): string | undefined;
  rootFor(dir: string): string;
  /** The import summary of `path` holding `text` (kept by text; `spend` is told before a parse). */
  summaryOf(path: string, text: string, spend: () => void): ImportSummary;
  /** The project folder the scan listed (a file added there changes the answer). */
  noteListed(root: string): void;
}

/** One scan, for one file's importers. */
export class ImporterScan {
  constructor(private readonly host: ScanHost) {}

  /** Who imports `path` in its project, and whether each has loaded Unsloth by then. */
  answer(path: string): ImportOrder | null {
    const stem = basename(path).replace(/\.py$/, '');
    if (!path.endsWith('.py') || stem === '__init__' || !IDENTIFIER.test(stem)) return null;
    const root = this.host.rootFor(dirname(path));
    this.host.noteListed(root);
    const files = listPython(root);
    const found = this.importersOf(path, files, 0, new Set([path]));
    if (!found.length) return null;
    return { importers: found.map((f) => f.path), unslothFirst: found.every((f) => f.ok) };
  }

  /** The module-level imports of a file (kept by the file's text: a rescan parses only what changed). */
  private importsOf(path: string): ImportSummary | undefined {
    const text = this.host.text(path);
    return text === undefined ? undefined : this.host.summaryOf(path, text, () => this.spend(text.length));
  }

  /** Parsing for the importers of a file is bounded: past the budget the answer is unknown. */
  private scanned = 0;
  private spend(chars: number): void {
    this.scanned += chars;
    if (this.scanned > MAX_SCAN_CHARS) throw new Error('scan budget');
  }

  private importersOf(target: string, files: readonly string[], depth: number, seen: Set<string>): Array<{ path: string; ok: boolean }> {
    const stem = basename(target) === '__init__.py' ? basename(dirname(target)) : basename(target).replace(/\.py$/, '');
    // Every import statement that names the module (as a module or a name, on continued or parenthesized lines).
    const importing = new RegExp(`^[ \\t]*(?:from|import)\\b(?:[^\\n(]|\\\\\\n)*(?:\\([^)]*)?\\b${stem}\\b`, 'm');
    const out: Array<{ path: string; ok: boolean }> = [];
    const pkg = basename(target) === '__init__.py' ? dirname(target) : undefined;
    for (const f of files) {
      if (seen.has(f)) continue;
      const text = this.host.text(f);
      if (text === undefined || !text.includes(stem) || !importing.test(text)) continue;
      // A module of the package itself runs only once the package has started: it imports nothing first.
      if (pkg !== undefined && (f + sep).startsWith(pkg + sep) && !isEntryPoint(text)) continue;
      if (!this.mayReachUnsloth(f, 0, new Set([target]))) {
        // Nothing it imports can load Unsloth (not parsed): an importer that does not load it first, unless the
        // files importing it do, or those importing its package.
        const up = depth < 2 && !isEntryPoint(text) ? this.importersOf(f, files, depth + 1, new Set([...seen, f])) : [];
        const ok = (up.length > 0 && up.every((u) => u.ok)) || (!isEntryPoint(text) && this.loadedThroughPackage(f, files, depth, seen));
        out.push({ path: f, ok });
        if (!out[out.length - 1].ok) return out; // one importer that does not load Unsloth first decides
        continue;
      }
      const summary = this.importsOf(f);
      if (!summary) continue;
      const dir = dirname(f);
      const imports = summary.imports;
      // Only a module path ending in the target's name (or a bare `.`/`..`, the package itself) can resolve to it: the
      // others are not resolved (each resolution probes the disk; every import of every candidate importer was).
      const names = (m: string) => m.slice(m.lastIndexOf('.') + 1) === stem || /^\.+$/.test(m);
      // Importing `pkg.sub.mod` runs `pkg/__init__.py` and `pkg/sub/__init__.py` first: for a package, its name inside
      // a longer module path imports it too (vanquang-lutech/coin_vlm_finetune `scripts/train.py`: `import unsloth`,
      // then `from src.training.factory import get_trainer`, which runs `src/training/__init__.py`).
      const resolves = (i: { module: string; name?: string }) => (names(i.module) && this.host.resolve(dir, i.module) === target)
        || (i.name !== undefined && names(joinName(i.module, i.name)) && this.host.resolve(dir, joinName(i.module, i.name)) === target)
        || (pkg !== undefined && packagePrefixes(i.module, stem).some((p) => this.host.resolve(dir, p) === target));
      // Imported at module level, or else inside a function or class (a function's `from pkg.mod import …`, run when
      // it is called): then after the module-level imports that precede that definition (SunHao-AI/gemma4-ft
      // `train_distributed.py`: `import unsloth` at the top, `from …gpu_monitor import GPUMonitor` in `main()`).
      let at = imports.findIndex(resolves);
      if (at < 0) at = summary.deferred.find(resolves)?.after ?? -1;
      if (at < 0) continue;
      const unsloth = imports.findIndex((i, k) => k < at && (UNSLOTH_ROOTS.has(rootOf(i.module)) || (mayBeProjectModule(i.module) && this.loadsUnsloth(dir, i, 0, new Set([target])))));
      let ok = unsloth >= 0;
      if (!ok && depth < 2 && !summary.entry) {
        // A module that is not run itself: Unsloth may be loaded by each file that imports it.
        const up = this.importersOf(f, files, depth + 1, new Set([...seen, f]));
        ok = up.length > 0 && up.every((u) => u.ok);
      }
      if (!ok && !summary.entry) ok = this.loadedThroughPackage(f, files, depth, seen);
      out.push({ path: f, ok });
      if (!ok) return out;
    }
    return out;
  }

  /**
   * A module of a package (a folder with `__init__.py`) runs only after its package started, so after whatever each
   * importer of the package ran before importing it: when every one of them has loaded Unsloth, so has this module's
   * importer (vanquang-lutech/coin_vlm_finetune `src/training/base.py`, imported by its siblings, which
   * `src/training/__init__.py` imports, which `scripts/train.py` runs after `import unsloth`). Not when the package's
   * folder holds a script run itself: run as `python pkg/x.py`, it imports its siblings as top-level modules.
   */
  private loadedThroughPackage(f: string, files: readonly string[], depth: number, seen: Set<string>): boolean {
    if (depth >= 2 || basename(f) === '__init__.py') return false;
    const dir = dirname(f);
    const init = join(dir, '__init__.py');
    if (seen.has(init) || !files.includes(init)) return false;
    if (files.some((g) => dirname(g) === dir && isEntryPoint(this.host.text(g) ?? ''))) return false;
    const up = this.importersOf(init, files, depth + 1, new Set([...seen, f]));
    return up.length > 0 && up.every((u) => u.ok);
  }

  /**
   * Does importing `i` (from a file in `dir`) load Unsloth: a project module that imports it at module level, itself or
   * through another. `from pkg import sub` runs `pkg/__init__.py` and then, when `sub` is a submodule, `pkg/sub.py`
   * (michelebanfi/finetune-gemma-4 `tikz/model.py`: `from common import modeling`, whose `common/modeling.py`
   * imports unsloth): either may load it.
   */
  private loadsUnsloth(dir: string, i: { module: string; name?: string }, depth: number, seen: Set<string>): boolean {
    if (depth > 3) return false;
    const paths = [this.host.resolve(dir, i.module), i.name !== undefined ? this.host.resolve(dir, joinName(i.module, i.name)) : undefined];
    return paths.some((p) => p !== undefined && this.fileLoadsUnsloth(p, depth, seen));
  }

  /** Does running the project module at `path` load Unsloth (its module-level imports, followed through the project). */
  private fileLoadsUnsloth(path: string, depth: number, seen: Set<string>): boolean {
    if (seen.has(path)) return false;
    seen.add(path);
    // Only a chain of project modules that ends in one mentioning Unsloth can load it: the others are not parsed.
    if (!this.mayReachUnsloth(path, 0, new Set())) return false;
    const summary = this.importsOf(path);
    if (!summary) return false;
    const d = dirname(path);
    return summary.imports.some((j) => UNSLOTH_ROOTS.has(rootOf(j.module)) || (mayBeProjectModule(j.module) && this.loadsUnsloth(d, j, depth + 1, seen)));
  }

  /** A superset of the project modules that may load Unsloth, from their texts alone (no parse). */
  private mayReachUnsloth(path: string, depth: number, seen: Set<string>): boolean {
    if (depth > 3 || seen.has(path)) return false;
    seen.add(path);
    const text = this.host.text(path);
    if (text === undefined) return false;
    if (text.includes('unsloth')) return true;
    const d = dirname(path);
    for (const m of text.matchAll(IMPORT_LINE)) {
      const module = m[1] ?? m[3];
      if (!mayBeProjectModule(module)) continue;
      const next = this.host.resolve(d, module);
      if (next && this.mayReachUnsloth(next, depth + 1, seen)) return true;
      // `from pkg import sub`: the submodules it may name
      if (m[1] && m[2]) for (const n of m[2].split(/[\s,()]+/)) {
        const sub = IDENTIFIER.test(n) ? this.host.resolve(d, joinName(module, n)) : undefined;
        if (sub && this.mayReachUnsloth(sub, depth + 1, seen)) return true;
      }
    }
    return false;
  }
}

/** An import statement's start, for `mayReachUnsloth` (any indentation: a superset). */
const IMPORT_LINE = /^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import[ \t]+([^\n#]*)|import[ \t]+([.\w]+))/gm;

/** The packages a module path runs on the way (`.a.b.c` → `.a`, `.a.b`), those named `stem` only. */
function packagePrefixes(module: string, stem: string): string[] {
  const m = /^(\.*)(.*)$/.exec(module)!;
  const parts = m[2] ? m[2].split('.') : [];
  const out: string[] = [];
  for (let k = 1; k < parts.length; k++) if (parts[k - 1] === stem) out.push(m[1] + parts.slice(0, k).join('.'));
  return out;
}

export function joinName(module: string, name: string): string {
  return /^\.*$/.test(module) ? module + name : `${module}.${name}`;
}

/** Imports that run when the module is imported (not inside a function or class body), in order. */
function moduleLevelImports(facts: FileFacts): ImportFact[] {
  return facts.imports.filter((i) => {
    for (let p = i.node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'class_definition') return false;
    return true;
  }).sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** A file that is run itself (`if __name__ == "__main__":`). */
export function isEntryPoint(text: string): boolean {
  return /__name__\s*==\s*["']__main__["']|["']__main__["']\s*==\s*__name__/.test(text);
}

/** The Python files under `root` (not in hidden, virtual-environment or output folders; bounded). */
function listPython(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > MAX_LISTED_DEPTH || out.length >= MAX_LISTED_FILES) return;
    let entries: import('node:fs').Dirent[];
    try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (out.length >= MAX_LISTED_FILES) return;
      if (e.name.startsWith('.')) continue;
      if (e.isDirectory()) { if (!SKIPPED_FOLDERS.has(e.name)) walk(join(dir, e.name), depth + 1); } else if (e.isFile() && e.name.endsWith('.py')) out.push(join(dir, e.name));
    }
  };
  walk(root, 0);
  return out;
}
