/**
 * The other Python files of a script's project, as far as a lint needs them, read without running anything:
 *
 * - what a name imported from a project module is (`from src.training.config import MODEL_NAME`,
 *   `from .trainer import LLaVATrainer`, `import cfg` … `cfg.DATA_PATH`): a module-level constant whose every
 *   assignment evaluates to the same value (`facts/values.ts`, the module's own imports followed a few levels),
 *   or a class that is a library trainer through its bases (`domain/trainer-subclass.ts`);
 * - which project files import a file, and whether each has loaded Unsloth by then (TL601: `importer-scan.ts`).
 *
 * A module is found as Python finds it from the importing file: `.`-relative imports from its package, absolute
 * ones in its folder and then each parent up to the project root (the nearest folder with `pyproject.toml`,
 * `setup.py`, `setup.cfg`, `.git` or `trainlint.toml`, not above the workspace folder). Two candidate files
 * (in two folders, or `x.py` beside `x/__init__.py`) are ambiguous: no answer. Files are read through
 * `module-file.ts` (confined to the allowed roots, size-capped), an editor's unsaved text first; their texts are
 * cached by path, size and mtime. Every answer is computed once, kept with the paths it read (and, for the
 * importers of a file, the project folder it listed), and computed again when one of those changes
 * (`refresh`). The diagnostics path only peeks (`CachedModuleProvider`).
 */
import { dirname, join, resolve, sep } from 'node:path';
import { buildFacts } from '../facts/build';
import { isQualified } from '../facts/imports';
import type { FileFacts } from '../facts/types';
import { assignmentsTo, evaluate, UNKNOWN, type PyValue } from '../facts/values';
import { enclosingFunction } from '../facts/anchor';
import { subclassOf } from '../domain/trainer-subclass';
import { TRAINER_PACKAGES, TRAINERS } from '../domain/trainers';
import { ParsedScript } from '../syntax/parsed-script';
import { parserGeneration } from '../syntax/parser';
import { mayBeProjectModule } from './imported-ref';
import { ImporterScan, summarize, type ImportSummary, type ScanHost } from './importer-scan';
import { projectRoot, readModuleText, stampOf, type ModuleAccess } from './module-file';
import type { ImportedName, ImportOrder, ModuleProvider } from './types';

/** How many project modules a chain of imports is followed through (`a` imports from `b` imports from `c`). */
export const MAX_IMPORT_DEPTH = 4;
/** Answers kept (the oldest go first). */
const MAX_ANSWERS = 2000;
/** Texts kept. */
const MAX_TEXTS = 256;
/** Module parses kept between answers: at most this many, this much text. */
const MAX_PARSED_MODULES = 24;
const MAX_PARSED_CHARS = 3_000_000;
/** Import summaries kept. */
const MAX_SUMMARIES = 4000;

const isLibraryTrainer = (q: string) => TRAINERS.some((n) => isQualified(q, TRAINER_PACKAGES, n));
const IDENTIFIER = /^[A-Za-z_]\w*$/;

/** A name's key: answers depend on the importing file's folder, not on the file. */
export function nameKey(fromPath: string, module: string, name: string): string {
  return `n\0${dirname(resolve(fromPath))}\0${module}\0${name}`;
}
export function orderKey(path: string): string {
  return `o\0${resolve(path)}`;
}

/** What a kept answer is: `null` when there is none (not a project module, ambiguous, not a constant). */
export type ModuleAnswer = ImportedName | ImportOrder | null;

interface Entry {
  answer: ModuleAnswer;
  /** The files (and candidate paths) it read. */
  deps: readonly string[];
  /** For the importers of a file: the project folder listed (any Python file under it may change the answer). */
  listed?: string;
}

export interface ProjectModulesOptions {
  /** Where module files may be read from (the workspace folders; the CLI's folder and the projects of the files it checks). */
  access: () => ModuleAccess;
  /** An editor's unsaved text of a file, which wins over the disk. */
  overlay?: (path: string) => string | undefined;
}

export class ProjectModules {
  private readonly answers = new Map<string, Entry>();
  /** Keys by the path they read. */
  private readonly byDep = new Map<string, Set<string>>();
  /** The answers that listed a project folder: key → [folder, the file whose importers were asked]. */
  private readonly listings = new Map<string, [string, string]>();
  private readonly texts = new Map<string, { size: number; mtimeMs: number; text: string | undefined }>();
  /** Module files parsed (tests, logs). */
  parses = 0;
  /** Module parses kept for the next answers about the same module (the oldest freed first). */
  private readonly modules = new Map<string, { text: string; script: ParsedScript; generation: number }>();
  private moduleChars = 0;
  /** Per file, the import summary of the text it was made from. */
  private readonly summaries = new Map<string, { text: string; summary: ImportSummary }>();

  constructor(readonly options: ProjectModulesOptions) {}

  /** The parse of module `path` holding `text`, kept while it is among the last few used. */
  parsedModule(path: string, text: string): ParsedScript {
    const known = this.modules.get(path);
    if (known) {
      this.modules.delete(path);
      if (known.text === text && known.generation === parserGeneration()) {
        this.modules.set(path, known);
        return known.script;
      }
      this.drop(known);
    }
    const script = ParsedScript.parse(text);
    this.parses++;
    this.modules.set(path, { text, script, generation: parserGeneration() });
    this.moduleChars += text.length;
    while (this.modules.size > 1 && (this.modules.size > MAX_PARSED_MODULES || this.moduleChars > MAX_PARSED_CHARS)) {
      const oldest = this.modules.keys().next().value as string;
      this.drop(this.modules.get(oldest)!);
      this.modules.delete(oldest);
    }
    return script;
  }

  private drop(entry: { text: string; script: ParsedScript }): void {
    this.moduleChars -= entry.text.length;
    try { entry.script.dispose(); } catch { /* a tree of a renewed parser */ }
  }

  /** The import summary of `path` holding `text` (made once per text; `spend` is told before a parse). */
  summaryOf(path: string, text: string, spend: () => void): ImportSummary {
    const known = this.summaries.get(path);
    if (known && known.text === text) return known.summary;
    spend();
    this.parses++;
    const summary = summarize(text);
    this.summaries.delete(path);
    this.summaries.set(path, { text, summary });
    while (this.summaries.size > MAX_SUMMARIES) this.summaries.delete(this.summaries.keys().next().value as string);
    return summary;
  }

  /** The kept answer for `key`: undefined when not computed yet, null when there is none. No I/O. */
  peek(key: string): ModuleAnswer | undefined {
    return this.answers.get(key)?.answer;
  }

  /** The answer for `key`, computed (and kept) when not known yet. Reads and parses files: off the diagnostics path. */
  get(key: string): ModuleAnswer {
    const known = this.answers.get(key);
    if (known) return known.answer;
    const entry = this.compute(key);
    this.store(key, entry);
    return entry.answer;
  }

  /** Whether some kept answer read `path` (or listed a folder holding it). */
  dependsOn(path: string): boolean {
    return this.keysReading(path).length > 0;
  }

  /**
   * `paths` changed (an editor's text, a file saved, created or deleted): the answers that read them are
   * computed again. Returns the keys whose answer changed (an unchanged answer keeps its object).
   */
  refresh(paths: readonly string[]): string[] {
    const keys = new Set(paths.flatMap((p) => this.keysReading(p)));
    const changed: string[] = [];
    for (const key of keys) {
      const before = this.answers.get(key);
      const entry = this.compute(key);
      if (before && JSON.stringify(before.answer) === JSON.stringify(entry.answer)) entry.answer = before.answer;
      else changed.push(key);
      this.store(key, entry);
    }
    return changed;
  }

  /** Forgets everything (settings or trust changed). */
  clear(): void {
    this.answers.clear();
    this.byDep.clear();
    this.listings.clear();
    this.summaries.clear();
    for (const e of this.modules.values()) this.drop(e);
    this.modules.clear();
    this.texts.clear();
  }

  private keysReading(path: string): string[] {
    const out = [...(this.byDep.get(path) ?? [])];
    // A file's own text does not change who imports it.
    if (path.endsWith('.py')) for (const [key, [root, target]] of this.listings) if (path !== target && path.startsWith(root + sep) && !out.includes(key)) out.push(key);
    return out;
  }

  private store(key: string, entry: Entry): void {
    const old = this.answers.get(key);
    if (old) for (const d of old.deps) this.byDep.get(d)?.delete(key);
    this.answers.delete(key);
    this.answers.set(key, entry);
    if (entry.listed) this.listings.set(key, [entry.listed, key.split('\0')[1]]); else this.listings.delete(key);
    for (const d of entry.deps) {
      let s = this.byDep.get(d);
      if (!s) this.byDep.set(d, (s = new Set()));
      s.add(key);
    }
    while (this.answers.size > MAX_ANSWERS) {
      const [oldest, e] = this.answers.entries().next().value as [string, Entry];
      for (const d of e.deps) this.byDep.get(d)?.delete(oldest);
      this.answers.delete(oldest);
      this.listings.delete(oldest);
    }
  }

  private compute(key: string): Entry {
    const [kind, a, b, c] = key.split('\0');
    if (!this.options.access().trusted) return { answer: null, deps: [] }; // nothing is read in an untrusted workspace
    const session = new Session(this);
    try {
      const answer = kind === 'n' ? session.nameAnswer(a, b, c) : session.orderAnswer(a);
      // The importers of a file depend on every Python file of the folder listed (`listed`), not on the file itself.
      return { answer, deps: session.listed ? [] : [...session.deps], listed: session.listed };
    } catch {
      return { answer: null, deps: session.listed ? [] : [...session.deps], listed: session.listed };
    } finally {
      session.dispose();
    }
  }

  /** A file's text: the editor's unsaved text, else the disk's (cached by size and mtime). */
  textOf(path: string): string | undefined {
    const open = this.options.overlay?.(path);
    if (open !== undefined) return open;
    const stamp = stampOf(path);
    if (!stamp) return undefined;
    const known = this.texts.get(path);
    if (known && known.size === stamp.size && known.mtimeMs === stamp.mtimeMs) return known.text;
    const text = readModuleText(path, this.options.access());
    this.texts.delete(path);
    this.texts.set(path, { size: stamp.size, mtimeMs: stamp.mtimeMs, text });
    while (this.texts.size > MAX_TEXTS) this.texts.delete(this.texts.keys().next().value as string);
    return text;
  }

  exists(path: string): boolean {
    return this.options.overlay?.(path) !== undefined || stampOf(path) !== undefined;
  }
}

interface ParsedModule { facts: FileFacts; text: string; script: ParsedScript }

/** One computation of an answer: the files it read and parsed (freed at the end), and the lookups on the way. */
class Session implements ModuleProvider, ScanHost {
  readonly deps = new Set<string>();
  listed?: string;
  private readonly parsed = new Map<string, ParsedModule | null>();
  private readonly stack: string[] = [];
  private readonly roots = new Map<string, string>();

  constructor(private readonly m: ProjectModules) {}

  dispose(): void {
    this.parsed.clear();
  }

  private readonly existing = new Map<string, boolean>();
  private exists(path: string): boolean {
    this.deps.add(path);
    let e = this.existing.get(path);
    if (e === undefined) this.existing.set(path, (e = this.m.exists(path)));
    return e;
  }

  private readonly texts = new Map<string, string | undefined>();
  text(path: string): string | undefined {
    this.deps.add(path);
    if (!this.texts.has(path)) this.texts.set(path, this.m.textOf(path));
    return this.texts.get(path);
  }

  private module(path: string): ParsedModule | undefined {
    let p = this.parsed.get(path);
    if (p === undefined) {
      const text = this.text(path);
      p = null;
      if (text !== undefined) {
        const script = this.m.parsedModule(path, text);
        // Facts of this session's own (their evaluations depend on what this session reads of other modules).
        const facts = buildFacts(script.syntax);
        facts.modules = { path, provider: this };
        p = { facts, text, script };
      }
      this.parsed.set(path, p);
    }
    return p ?? undefined;
  }

  rootFor(dir: string): string {
    let r = this.roots.get(dir);
    if (!r) this.roots.set(dir, (r = projectRoot(dir, this.m.options.access().roots)));
    return r;
  }

  /** The one file `module` names from a file in `fromDir`, or undefined (none, ambiguous, not a module path). */
  resolve(fromDir: string, module: string): string | undefined {
    const m = /^(\.*)(.*)$/.exec(module)!;
    const dots = m[1].length;
    const rest = m[2] ? m[2].split('.') : [];
    if (rest.some((r) => !IDENTIFIER.test(r)) || (!dots && !rest.length)) return undefined;
    const bases: string[] = [];
    if (dots) {
      let d = fromDir;
      for (let i = 1; i < dots; i++) d = dirname(d);
      bases.push(d);
    } else {
      const root = this.rootFor(fromDir);
      for (let d = fromDir; ; d = dirname(d)) {
        bases.push(d);
        if (d === root || dirname(d) === d || !(d + sep).startsWith(root + sep)) break;
      }
    }
    const found: string[] = [];
    for (const base of bases) {
      const candidates = rest.length ? [join(base, ...rest) + '.py', join(base, ...rest, '__init__.py')] : [join(base, '__init__.py')];
      for (const c of candidates) if (this.exists(c)) found.push(c);
      if (found.length > 1) return undefined;
    }
    return found.length === 1 ? found[0] : undefined;
  }

  summaryOf(path: string, text: string, spend: () => void): ImportSummary {
    return this.m.summaryOf(path, text, spend);
  }

  noteListed(root: string): void {
    this.listed = root;
  }

  /** Who imports `path` in its project, and whether each has loaded Unsloth by then (`importer-scan.ts`). */
  orderAnswer(path: string): ImportOrder | null {
    return new ImporterScan(this).answer(path);
  }

  lookup(fromPath: string, module: string, name: string): ImportedName | undefined {
    return this.nameAnswer(dirname(fromPath), module, name) ?? undefined;
  }

  /** `name` as the module `module` imported from a file in `fromDir` defines it. */
  nameAnswer(fromDir: string, module: string, name: string): ImportedName | null {
    const key = `${fromDir}\0${module}\0${name}`;
    if (this.stack.includes(key) || this.stack.length >= MAX_IMPORT_DEPTH || !IDENTIFIER.test(name)) return null;
    this.stack.push(key);
    try {
      const path = this.resolve(fromDir, module);
      // A module whose text binds the name in none of the ways an answer comes from is not parsed.
      const text = path && this.text(path);
      if (!path || text === undefined || !mayBind(text, name)) return null;
      const mod = this.module(path);
      return path && mod ? definedIn(this, path, mod, name) : null;
    } finally {
      this.stack.pop();
    }
  }
}

/**
 * Whether a module's text may bind `name` as an answer needs (an assignment, possibly annotated or unpacked; a
 * class; an import, also on a line of a parenthesized list): a superset, checked before the module is parsed.
 */
export function mayBind(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  return new RegExp(`^[ \\t]*(?:class[ \\t]+${name}\\b|${name}[ \\t]*(?::[^\\n=]*)?=(?!=)|[\\w. \\t]*,[ \\t]*${name}\\b[^\\n=]*=(?!=)|(?:from|import)\\b[^\\n]*\\b${name}\\b|${name}[ \\t]*,?[ \\t]*(?:#.*)?$|\\(?[ \\t]*${name}[ \\t]*(?:,|\\)|$))`, 'm').test(text);
}

/** Other ways a module binds a name than `name = …` (which would make a constant's value uncertain). */
function otherBindings(name: string): RegExp {
  return new RegExp(`\\b(?:global|nonlocal|del)\\b[^\\n]*\\b${name}\\b|\\bfor\\b[^\\n]*\\b${name}\\b[^\\n]*\\bin\\b|\\bas\\s+${name}\\b|\\b${name}\\s*:=|^[ \\t]*${name}\\s*(?:[-+*/%&|^@]|//|\\*\\*|<<|>>)=`, 'm');
}

/** `name` as module `mod` (at `path`) defines it at module level, when that is unambiguous. */
function definedIn(session: Session, path: string, mod: ParsedModule, name: string): ImportedName | null {
  const { facts } = mod;
  const assigned = assignmentsTo(facts, name).filter((a) => a.scope === null && a.target === name);
  const imported = facts.imports.filter((i) => i.local === name && enclosingFunction(i.node) === null);
  const classes = facts.classes.filter((c) => c.name === name);
  const fn = facts.functions.get(name);
  const kinds = (assigned.length ? 1 : 0) + (imported.length ? 1 : 0) + (classes.length ? 1 : 0) + (fn ? 1 : 0);
  if (kinds !== 1 || otherBindings(name).test(mod.text)) return null;
  if (assigned.length) {
    let agreed: PyValue | undefined;
    for (const a of assigned) {
      let node = a.value;
      if (a.unpackIndex !== undefined) {
        const item = node.type === 'expression_list' || node.type === 'tuple' || node.type === 'list' ? node.namedChildren[a.unpackIndex] : undefined;
        if (!item) return null;
        node = item;
      }
      const v = evaluate(facts, node);
      if (v.kind === 'unknown' || (agreed && JSON.stringify(agreed) !== JSON.stringify(v))) return null;
      agreed = v;
    }
    return agreed && agreed !== UNKNOWN ? { path, value: agreed } : null;
  }
  if (imported.length) {
    const i = imported[0];
    if (imported.length > 1 || i.name === undefined || !mayBeProjectModule(i.module)) return null;
    return session.nameAnswer(dirname(path), i.module, i.name);
  }
  if (classes.length === 1) {
    const sub = subclassOf(facts, isLibraryTrainer, name, () => mod.text.length);
    return sub ? { path, trainer: { base: sub.base, overrides: [...sub.overrides].sort() } } : null;
  }
  return null;
}
