/**
 * One computation of a project-module answer (`project-modules.ts`): resolving a module name as Python would
 * from the importing file, reading and parsing the files on the way (freed at the end), following a constant
 * through the modules' own imports (or a function that returns a model it loads: `domain/model-loader.ts`), and recording every path it looked at so the answer is computed again when
 * one changes.
 */
import { dirname, isAbsolute, join, sep } from 'node:path';
import { buildFacts } from '../facts/build';
import type { FileFacts } from '../facts/types';
import { evaluate, UNKNOWN, type PyValue } from '../facts/values';
import { assignmentsTo } from '../facts/reaching';
import { enclosingFunction } from '../facts/anchor';
import { subclassOf } from '../domain/trainer-subclass';
import { modelLoaderOf, modelWrapperOf } from '../domain/model-loader';
import type { ParsedScript } from '../syntax/parsed-script';
import { mayBeProjectModule } from './imported-ref';
import { ImporterScan, type ImportSummary, type ScanHost } from './importer-scan';
import type { ConfigAnswer, ImportedName, ImportOrder, ModuleProvider } from './types';
import { parseConfigText, type ConfigFormat } from './config-file';
import { classAttributeValue } from './class-attributes';
import { isLibraryTrainerName } from '../domain/trainers';
import type { ProjectModules } from './project-modules';
import { IMPORTS_MODAL, imagePinsIn } from '../env/modal-image';
import { exactPin } from '../env/requirements';

/** How many project modules a chain of imports is followed through (`a` imports from `b` imports from `c`). */
const MAX_IMPORT_DEPTH = 4;
const IDENTIFIER = /^[A-Za-z_]\w*$/;

interface ParsedModule { facts: FileFacts; text: string; script: ParsedScript }

/** One computation of an answer: the files it read and parsed (freed at the end), and the lookups on the way. */
export class LookupSession implements ModuleProvider, ScanHost {
  readonly deps = new Set<string>();
  listed?: string;
  private readonly parsed = new Map<string, ParsedModule | null>();
  private readonly stack: string[] = [];

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
    return this.m.rootFor(dir);
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

  /**
   * The config file `path` read from a script in `fromDir` (`ModuleProvider.configFile`): relative to the script's
   * folder, or to where Python runs (the script's folder or its project's root: none when both hold a file of that
   * name), or absolute; read as module files are (confined, size-capped) and parsed as `format`.
   */
  configAnswer(fromDir: string, path: string, base: 'script' | 'cwd', format: ConfigFormat): ConfigAnswer | null {
    const candidates = isAbsolute(path) ? [path] : base === 'script' ? [join(fromDir, path)] : [...new Set([join(fromDir, path), join(this.rootFor(fromDir), path)])];
    const found = candidates.filter((c) => this.exists(c));
    if (found.length !== 1) return null;
    const text = this.text(found[0]);
    const value = text === undefined ? undefined : parseConfigText(text, format);
    return value ? { path: found[0], value } : null;
  }

  configFile(fromPath: string, path: string, base: 'script' | 'cwd', format: ConfigFormat): ConfigAnswer | undefined {
    return this.configAnswer(dirname(fromPath), path, base, format) ?? undefined;
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
      if (!path) return this.classAttribute(fromDir, module, name);
      // A module whose text binds the name in none of the ways an answer comes from is not parsed.
      const text = this.text(path);
      if (text === undefined || !mayBind(text, name) || plainClassOnly(text, name)) return null;
      const mod = this.module(path);
      return path && mod ? definedIn(this, path, mod, name) : null;
    } finally {
      this.stack.pop();
    }
  }

  /**
   * `attr` of a class a module defines, when `module` names no file but its last part names that class in the module
   * before it (`config.Config` + `LEARNING_RATE` after `from config import Config`: `class-attributes.ts`).
   */
  private classAttribute(fromDir: string, module: string, attr: string): ImportedName | null {
    const m = /^(.*[^.])\.([A-Za-z_]\w*)$/.exec(module) ?? /^(\.+)([A-Za-z_]\w*)$/.exec(module);
    if (!m) return null;
    const [, parent, className] = m;
    const path = this.resolve(fromDir, parent);
    const text = path && this.text(path);
    if (!path || text === undefined || !text.includes(attr) || !new RegExp(`^[ \\t]*(?:class[ \\t]+${className}\\b|${className}[ \\t]*=)`, 'm').test(text)) return null;
    const mod = this.module(path);
    const value = mod && classAttributeValue(mod.facts, mod.text, className, attr);
    return value ? { path, value } : null;
  }
}

/**
 * Whether a module's text may bind `name` as an answer needs (an assignment, possibly annotated or unpacked; a
 * class; an import, also on a line of a parenthesized list): a superset, checked before the module is parsed.
 */
function mayBind(text: string, name: string): boolean {
  if (!text.includes(name)) return false;
  return new RegExp(`^[ \\t]*(?:(?:class|def)[ \\t]+${name}\\b|${name}[ \\t]*(?::[^\\n=]*)?=(?!=)|[\\w. \\t]*,[ \\t]*${name}\\b[^\\n=]*=(?!=)|(?:from|import)\\b[^\\n]*\\b${name}\\b|${name}[ \\t]*,?[ \\t]*(?:#.*)?$|\\(?[ \\t]*${name}[ \\t]*(?:,|\\)|$))`, 'm').test(text);
}

/**
 * The module binds `name` only as a class (`class Name(…)`), names no library trainer anywhere (every one of them,
 * and every alias import of one, spells `Trainer`) and imports nothing from its own project: the class can be no
 * trainer, and a class has no constant value, so the answer is none without parsing the module. Calls of the
 * project's own classes (models, datasets, configs) are asked about on every script that imports them.
 */
function plainClassOnly(text: string, name: string): boolean {
  if (text.includes('Trainer') || !new RegExp(`^[ \\t]*class[ \\t]+${name}\\b`, 'm').test(text)) return false;
  if (mayBind(text.replace(new RegExp(`^([ \\t]*)class([ \\t]+${name}\\b)`, 'gm'), '$1klass$2'), name)) return false;
  for (const m of text.matchAll(/^[ \t]*(?:from[ \t]+([.\w]+)[ \t]+import\b|import[ \t]+([^\n#;]+))/gm)) {
    const modules = m[1] !== undefined ? [m[1]] : m[2].split(',').map((x) => x.trim().split(/[ \t]/)[0]);
    if (modules.some((x) => x === '' || x === '(' || mayBeProjectModule(x))) return false;
  }
  return true;
}

/** Other ways a module binds a name than `name = …` (which would make a constant's value uncertain). */
function otherBindings(name: string): RegExp {
  return new RegExp(`\\b(?:global|nonlocal|del)\\b[^\\n]*\\b${name}\\b|\\bfor\\b[^\\n]*\\b${name}\\b[^\\n]*\\bin\\b|\\bas\\s+${name}\\b|\\b${name}\\s*:=|^[ \\t]*${name}\\s*(?:[-+*/%&|^@]|//|\\*\\*|<<|>>)=`, 'm');
}

/** `name` as module `mod` (at `path`) defines it at module level, when that is unambiguous. */
function definedIn(session: LookupSession, path: string, mod: ParsedModule, name: string): ImportedName | null {
  const { facts } = mod;
  const assigned = assignmentsTo(facts, name).filter((a) => a.scope === null && a.target === name);
  const imported = facts.imports.filter((i) => i.local === name && enclosingFunction(i.node) === null);
  const classes = facts.classes.filter((c) => c.name === name);
  const fn = facts.functions.get(name);
  const kinds = (assigned.length ? 1 : 0) + (imported.length ? 1 : 0) + (classes.length ? 1 : 0) + (fn ? 1 : 0);
  if (kinds !== 1 || otherBindings(name).test(mod.text)) return null;
  // A Modal image the module builds, assigned once or returned by a function (Shine1i/gec-grpo-training `modal_infra.py`).
  const image = assigned.length === 1 ? assigned[0].value : fn ? fn.node : undefined;
  if (image && IMPORTS_MODAL.test(mod.text) && /pip_install\s*\(/.test(image.text)) {
    const pins = imagePinsIn(image.text).map(({ req, line }) => ({ name: req.name, version: exactPin(req.specifier)!, line: image.startPosition.row + line }));
    return pins.length ? { path, modalImage: pins } : null;
  }
  if (assigned.length) {
    // Every assignment a statement of the module's own body (none under an `if`, a loop, a `try` or a `with`): the
    // module has run them all in order when it is imported, so the name holds what the last one assigns
    // (`PATH = ""` then `PATH = PATH if PATH else REPO_ID`, yongzhuo/gemma-sft `ft_gemma/config.py`), evaluated there.
    if (assigned.length > 1 && assigned.every((a) => a.unpackIndex === undefined && a.node.parent?.type === 'expression_statement' && a.node.parent.parent?.type === 'module')) {
      const last = assigned.reduce((x, y) => (y.node.startIndex > x.node.startIndex ? y : x));
      const v = evaluate(facts, last.value);
      return v.kind === 'unknown' ? null : { path, value: v };
    }
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
    const sub = subclassOf(facts, isLibraryTrainerName, name, () => mod.text.length);
    return sub ? { path, trainer: { base: sub.base, overrides: [...sub.overrides].sort(), consumes: [...sub.consumes].sort(), ...(sub.init ? { init: sub.init } : {}) } } : null;
  }
  // One `def` of the name (a second one is an assignment of sorts: `functions` keeps one of them).
  const defs = mod.text.match(new RegExp(`^[ \\t]*(?:async[ \\t]+)?def[ \\t]+${name}\\b`, 'gm'))?.length ?? 0;
  if (fn && defs === 1) {
    const loader = modelLoaderOf(facts, fn);
    if (loader) return { path, loader };
    const wrapper = modelWrapperOf(facts, fn);
    return wrapper ? { path, wrapper } : null;
  }
  return null;
}
