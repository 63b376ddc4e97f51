/**
 * Which `trl.experimental` modules, and which names in them, each TRL release has: the table
 * `scripts/trl-experimental-modules.py` reads from every release tag of huggingface/trl (and a newer wheel), asked by
 * version. A module is a "class" of `keyword-table.ts` and the names its top level binds are its "keywords", so a
 * name is looked up with the same ranges and the same policy (known present, known absent, else unknown).
 */
import type { Environment, VersionRange } from '../env/versions';
import { classKeywords, inRanges, ownPresence, parseRanges, type KeywordTable, type Presence } from './keyword-table';
type ExperimentalModule = typeof import('./trl-experimental.generated');
let experimentalLoaded: ExperimentalModule | undefined;
/** The generated table, read on its first use: a run that never asks (most one-file checks) neither builds nor compiles it (docs/benchmarks.md, session 27). */
const experimental = (): ExperimentalModule => (experimentalLoaded ??= require('./trl-experimental.generated') as ExperimentalModule);

/** The releases the table was read from (`READ`, "0.2.0–1.13.0") and the last tag read (`TAGS_READ_THROUGH`). */
export function experimentalTableRead(): Pick<ExperimentalModule, 'READ' | 'TAGS_READ_THROUGH'> {
  return experimental();
}

/** Per module: a `KeywordTable` entry (`exists`, `open`, names), and `absent`: the releases read that have no such module. */
export type ModuleTable = Readonly<Record<string, KeywordTable[string] & { absent: string }>>;

export const EXPERIMENTAL = 'trl.experimental';

/** `trl.experimental` or a module under it. */
export function isExperimentalModule(module: string): boolean {
  return module === EXPERIMENTAL || module.startsWith(`${EXPERIMENTAL}.`);
}

/** The module is in the table (some release read has it, or a release read lacks it). */
function known(module: string): boolean {
  return Object.hasOwn(experimental().TRL_EXPERIMENTAL_MODULES, module);
}

const absentRanges = new Map<string, VersionRange[]>();

/** The environment's TRL is known to be a release without `module`. */
function moduleAbsent(env: Environment, module: string): boolean {
  if (!known(module)) return false;
  let r = absentRanges.get(module);
  if (!r) absentRanges.set(module, (r = parseRanges(experimental().TRL_EXPERIMENTAL_MODULES[module].absent)));
  return inRanges(env, 'trl', r);
}

/** A module's presence at the environment's TRL: `accepted` (known to exist), `rejected` (known not to), `unknown`. */
export function modulePresence(env: Environment, module: string): Presence {
  if (!known(module)) return 'unknown';
  if (moduleAbsent(env, module)) return 'rejected';
  const c = classKeywords(experimental().TRL_EXPERIMENTAL_MODULES, module, 'trl')!;
  return inRanges(env, 'trl', c.exists) ? 'accepted' : 'unknown';
}

/**
 * The first module of `trl.experimental.a.b…` (from `trl.experimental` down) that the environment's TRL is known not to
 * have: importing any module below it raises `ModuleNotFoundError: No module named '<it>'`.
 */
export function missingModule(env: Environment, module: string): string | undefined {
  const parts = module.split('.');
  for (let i = 2; i <= parts.length; i++) {
    const m = parts.slice(0, i).join('.');
    if (modulePresence(env, m) === 'rejected') return m;
  }
  return undefined;
}

/**
 * `from <module> import <name>` at the environment's TRL, the module being known to exist there: `accepted` when the
 * module binds the name or has a submodule of that name, `rejected` when it is known to do neither, else `unknown`.
 */
export function namePresence(env: Environment, module: string, name: string): Presence {
  if (modulePresence(env, module) !== 'accepted') return 'unknown';
  const sub = modulePresence(env, `${module}.${name}`);
  if (sub === 'accepted') return 'accepted';
  const own = ownPresence(env, classKeywords(experimental().TRL_EXPERIMENTAL_MODULES, module, 'trl')!, name);
  return own === 'rejected' && sub === 'unknown' && known(`${module}.${name}`) ? 'unknown' : own;
}

/**
 * The releases whose `module` binds `name` (or has it as a submodule), as `from-before` ranges, for messages: the first
 * is where it came in.
 */
export function nameReleases(module: string, name: string): VersionRange[] {
  const sub = `${module}.${name}`;
  if (known(sub)) return classKeywords(experimental().TRL_EXPERIMENTAL_MODULES, sub, 'trl')!.exists;
  if (!known(module)) return [];
  return classKeywords(experimental().TRL_EXPERIMENTAL_MODULES, module, 'trl')!.fields.get(name)?.plus ?? [];
}

/** The releases that have `module`, for messages. */
export function moduleReleases(module: string): VersionRange[] {
  return known(module) ? classKeywords(experimental().TRL_EXPERIMENTAL_MODULES, module, 'trl')!.exists : [];
}
