/**
 * Trainer subclasses the script defines: `class SafeSaveTrainer(SFTTrainer)`, also through several
 * levels (`class B(A)`, `class A(Trainer)`) and local mixins. Such a class is its library trainer
 * for every rule, with the names it (or a class between it and the library) overrides, so a rule
 * about what `compute_loss` or the dataset preparation does can stay quiet where the script
 * replaced it. A class whose bases cannot all be followed (an imported mixin, `metaclass=`) or whose
 * `__init__` does more than pass its arguments on is not recognised: its arguments may mean
 * something else. An `__init__` that takes its own keywords out before passing the rest on
 * (`def __init__(self, *args, alpha=0.5, **kwargs)`, `kwargs.pop("alpha")`) is recognised, with those keywords,
 * unless one of them is a parameter of the trainer (the call's `train_dataset=` would not be the trainer's).
 */
import { namesParameter } from './trainer-signatures';
import type { Node } from 'web-tree-sitter';
import { qualifyLocal } from '../facts/imports';
import { importedRefOf } from '../modules/imported-ref';
import type { ClassFact, FileFacts } from '../facts/types';
import type { InitPasses } from '../facts/class-syntax';

export interface TrainerSubclass {
  /** The class the script instantiates. */
  name: string;
  /** Its definition (for related locations), when the script itself defines it. */
  node?: Node;
  /** The project file that defines it, when the script imports it from there (`modules/`). */
  module?: string;
  /** Qualified name of the library trainer it derives from (`trl.SFTTrainer`). */
  base: string;
  /** What the subclass and the classes between it and the library define (methods and attributes). */
  overrides: ReadonlySet<string>;
  /** The keywords their `__init__`s take for themselves: the library trainer never gets them. */
  consumes: ReadonlySet<string>;
  /**
   * The class's own `__init__` has explicit parameters it passes on unmodified (`facts/explicit-init.ts`): a call's
   * arguments are mapped onto the library trainer's (`domain/mapped-trainer-call.ts`), not read as written.
   */
  init?: InitPasses;
}

/** Bases that add nothing a rule reasons about. */
const NEUTRAL_BASE = /^((abc\.)?ABC|object|(typing\.)?Generic\[.*\])$/s;
const MAX_LEVELS = 8;

/** The definition of local class `name` in effect at offset `at` (the last one before it, else the only one). */
function classNamed(facts: FileFacts, name: string, at: number): ClassFact | undefined {
  let before: ClassFact | undefined;
  let count = 0;
  let only: ClassFact | undefined;
  for (const c of facts.classes) {
    if (c.name !== name) continue;
    count++;
    only = c;
    if (c.node.startIndex < at) before = c;
  }
  return before ?? (count === 1 ? only : undefined);
}

interface Resolved { base?: string; overrides: Set<string>; consumes: Set<string>; init?: InitPasses }

/** Is a qualified name a library trainer class? */
type IsTrainer = (qualified: string) => boolean;

/**
 * `anyInit`: accept a class whose `__init__` does more than pass its arguments on (a question about its methods, not
 * about what its constructor's arguments mean).
 */
function resolve(facts: FileFacts, isTrainer: IsTrainer, cls: ClassFact, depth: number, seen: Set<ClassFact>, anyInit = false): Resolved | undefined {
  if (depth > MAX_LEVELS || seen.has(cls) || cls.opaqueBases) return undefined;
  seen.add(cls);
  const overrides = new Set<string>();
  const consumes = new Set<string>();
  let init: InitPasses | undefined;
  for (const m of cls.members) {
    if (m.name === '__init__' && !m.forwardsInit && !anyInit) {
      // Explicit parameters passed on: only for the class called (its bases pass theirs on as they are).
      if (depth === 0 && m.passes) init = m.passes;
      else return undefined;
    }
    for (const k of m.consumes ?? []) consumes.add(k);
    overrides.add(m.name);
  }
  let base: string | undefined;
  for (const text of cls.bases) {
    if (NEUTRAL_BASE.test(text)) continue;
    if (!/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(text)) return undefined;
    const dot = text.indexOf('.');
    const head = dot < 0 ? text : text.slice(0, dot);
    const imported = qualifyLocal(facts, head);
    const q = imported && (dot < 0 ? imported : imported + text.slice(dot));
    let found: string | undefined;
    if (q && !isTrainer(q)) {
      // A class of another module of the project (`from .base import BaseTrainer`), as that module defines it.
      const inner = importedTrainerClass(facts, text.split('.'));
      if (!inner) return undefined; // an imported class we cannot see into
      if (inner.init && !anyInit) return undefined; // its own explicit `__init__` between: not followed
      for (const o of inner.overrides) overrides.add(o);
      for (const k of inner.consumes) consumes.add(k);
      found = inner.base;
    } else if (q) {
      found = q;
    } else {
      const local = dot < 0 ? classNamed(facts, text, cls.node.startIndex) : undefined;
      const inner = local && resolve(facts, isTrainer, local, depth + 1, seen, anyInit);
      if (!inner) return undefined;
      for (const o of inner.overrides) overrides.add(o);
      for (const k of inner.consumes) consumes.add(k);
      found = inner.base;
    }
    if (found) {
      if (base && base !== found) return undefined; // two trainers: which __init__ runs depends on more than we follow
      base = found;
    }
  }
  return { base, overrides, consumes, ...(init ? { init } : {}) };
}

/** A trainer class imported from a module of the script's project (`parts`: the name or attribute chain that names it). */
export function importedTrainerClass(facts: FileFacts, parts: readonly string[]): { base: string; overrides: string[]; consumes: string[]; init?: InitPasses; path: string } | undefined {
  const scope = facts.modules;
  const ref = scope && importedRefOf(facts, parts);
  const found = ref && scope.provider.lookup(scope.path, ref.module, ref.name);
  return found?.trainer && { ...found.trainer, path: found.path };
}

/** Does the script define a class `name` anywhere (a loop: asked for every call of a bare name, on every edit)? */
export function hasClassNamed(facts: FileFacts, name: string): boolean {
  for (const c of facts.classes) if (c.name === name) return true;
  return false;
}

/** The script's trainer subclass named `name`, as instantiated at offset `at()` (asked only for a class of that name). */
export function subclassOf(facts: FileFacts, isTrainer: IsTrainer, name: string, at: () => number): TrainerSubclass | undefined {
  if (!hasClassNamed(facts, name)) return undefined;
  const cls = classNamed(facts, name, at());
  if (!cls) return undefined;
  const r = resolve(facts, isTrainer, cls, 0, new Set());
  if (!r?.base || takesTrainerParameter(r.base, r.consumes)) return undefined;
  return { name, node: cls.node, base: r.base, overrides: r.overrides, consumes: r.consumes, ...(r.init ? { init: r.init } : {}) };
}

/** Does a subclass keep one of the trainer's own parameters from it (so the call's keyword means something else)? */
export function takesTrainerParameter(base: string, consumes: Iterable<string>): boolean {
  const kind = base.split('.').pop()!;
  for (const k of consumes) if (namesParameter(kind, k)) return true;
  return false;
}

/**
 * The library trainer a class the script defines derives from, whatever its `__init__` does, with the classes of this
 * file on the way (the class first) and every name they and the project's classes on the way define. For rules about
 * the signature of a method the library calls (TL508). Undefined when a base cannot be followed.
 */
export function trainerLineage(facts: FileFacts, isTrainer: IsTrainer, cls: ClassFact): { base: string; local: ClassFact[]; defines: ReadonlySet<string> } | undefined {
  const r = resolve(facts, isTrainer, cls, 0, new Set(), true);
  if (!r?.base) return undefined;
  const local: ClassFact[] = [];
  const visit = (c: ClassFact, depth: number): void => {
    if (depth > MAX_LEVELS || local.includes(c)) return;
    local.push(c);
    for (const text of c.bases) {
      const inner = /^[A-Za-z_]\w*$/.test(text) && !qualifyLocal(facts, text) ? classNamed(facts, text, c.node.startIndex) : undefined;
      if (inner) visit(inner, depth + 1);
    }
  };
  visit(cls, 0);
  return { base: r.base, local, defines: r.overrides };
}
