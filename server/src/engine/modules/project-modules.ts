/**
 * The other Python files of a script's project, as far as a lint needs them, read without running anything:
 *
 * - what a name imported from a project module is (`from src.training.config import MODEL_NAME`,
 *   `from .trainer import LLaVATrainer`, `import cfg` … `cfg.DATA_PATH`): a module-level constant whose every
 *   assignment evaluates to the same value (`facts/values.ts`, the module's own imports followed a few levels),
 *   or a class that is a library trainer through its bases (`domain/trainer-subclass.ts`);
 * - which project files import a file, and whether each has loaded Unsloth by then (TL601: `importer-scan.ts`);
 * - the value of a YAML or JSON config file a script reads (`config-file.ts`).
 *
 * A module is found as Python finds it from the importing file: `.`-relative imports from its package, absolute
 * ones in its folder and then each parent up to the project root (the nearest folder with `pyproject.toml`,
 * `setup.py`, `setup.cfg`, `.git` or `trainlint.toml`, not above the workspace folder). Two candidate files
 * (in two folders, or `x.py` beside `x/__init__.py`) are ambiguous: no answer. Files are read through
 * `module-file.ts` (confined to the allowed roots, size-capped), an editor's unsaved text first; their texts are
 * cached by path, size and mtime. Every answer is computed once, kept with the paths it read (and, for the
 * importers of a file, the project folder it listed), and computed again when one of those changes
 * (`refresh`); one computation is a `LookupSession` (`lookup-session.ts`). The diagnostics path only peeks
 * (`CachedModuleProvider`).
 */
import { dirname, resolve, sep } from 'node:path';
import { ParsedScript } from '../syntax/parsed-script';
import { parserGeneration } from '../syntax/parser';
import { summarize, type ImportSummary } from './importer-scan';
import { LookupSession } from './lookup-session';
import { projectRoot, readModuleText, stampOf, type ModuleAccess } from './module-file';
import type { ConfigAnswer, ImportedName, ImportOrder } from './types';
import type { ConfigFormat } from './config-file';

/** Answers kept (the oldest go first). */
const MAX_ANSWERS = 2000;
/** Texts kept. */
const MAX_TEXTS = 256;
/** Module parses kept between answers: at most this many, this much text. */
const MAX_PARSED_MODULES = 24;
const MAX_PARSED_CHARS = 3_000_000;
/** Import summaries kept. */
const MAX_SUMMARIES = 4000;

/** A name's key: answers depend on the importing file's folder, not on the file. */
export function nameKey(fromPath: string, module: string, name: string): string {
  return `n\0${dirname(resolve(fromPath))}\0${module}\0${name}`;
}
/** A config file's key: what it is read as, from the script's folder. */
export function configKey(fromPath: string, path: string, base: 'script' | 'cwd', format: ConfigFormat): string {
  return `c\0${dirname(resolve(fromPath))}\0${path}\0${base}\0${format}`;
}
export function orderKey(path: string): string {
  return `o\0${resolve(path)}`;
}

/** What a kept answer is: `null` when there is none (not a project module, ambiguous, not a constant). */
export type ModuleAnswer = ImportedName | ImportOrder | ConfigAnswer | null;

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
    this.roots.clear(); // a marker file (pyproject.toml, .git, …) may have come or gone
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
    this.roots.clear();
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
    const [kind, a, b, c, d] = key.split('\0');
    if (!this.options.access().trusted) return { answer: null, deps: [] }; // nothing is read in an untrusted workspace
    const session = new LookupSession(this);
    try {
      const answer = kind === 'n' ? session.nameAnswer(a, b, c) : kind === 'c' ? session.configAnswer(a, b, c as 'script' | 'cwd', d as ConfigFormat) : session.orderAnswer(a);
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

  /** Project roots by folder, shared by every answer (forgotten on `refresh` and `clear`). */
  private readonly roots = new Map<string, string>();

  rootFor(dir: string): string {
    let r = this.roots.get(dir);
    if (r === undefined) {
      r = projectRoot(dir, this.options.access().roots);
      if (this.roots.size >= MAX_TEXTS * 4) this.roots.clear();
      this.roots.set(dir, r);
    }
    return r;
  }

  exists(path: string): boolean {
    return this.options.overlay?.(path) !== undefined || stampOf(path) !== undefined;
  }
}
