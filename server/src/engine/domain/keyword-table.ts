/**
 * Tables of the keywords a library class takes, by version, as the generators in `scripts/` write them
 * (`config-fields.py` for TRL's configs and `TrainingArguments`, `trainer-signatures.py` for the trainers' constructors
 * and `train()`), read as version ranges: where each keyword is accepted, where it is known not to be, and elsewhere
 * unknown.
 */
import { compareVersions, type Environment, type VersionRange } from '../env/versions';

/**
 * Per class: `exists`, the versions it was read in with a closed set of keywords (one never seen is rejected there);
 * `ta`, the versions where it also takes its transformers base's keywords (a TRL config built on `TrainingArguments`,
 * a TRL trainer whose `train` is `Trainer.train`); `open`, the versions where it takes any keyword (`**kwargs` kept);
 * and `"+ranges -ranges"` → the keywords accepted / rejected there. A range is `from-before`.
 */
export type KeywordTable = Readonly<Record<string, { exists: string; ta: string; open?: string; fields: Readonly<Record<string, string>> }>>;

/** Where a keyword is accepted (`plus`) and known not to be (`minus`); elsewhere unknown. */
export interface KeywordSpans { plus: VersionRange[]; minus: VersionRange[] }

export interface ClassKeywords {
  pkg: 'trl' | 'transformers' | 'peft';
  exists: VersionRange[];
  ta: VersionRange[];
  open: VersionRange[];
  fields: Map<string, KeywordSpans>;
}

export type Presence = 'accepted' | 'rejected' | 'unknown';

export function parseRanges(s: string | undefined): VersionRange[] {
  return s ? s.split(',').map((r) => { const [from, before] = r.split('-'); return { from, before }; }) : [];
}

const parsed = new WeakMap<KeywordTable, Map<string, ClassKeywords | null>>();

/** The class `cls` of `table` (parsed once), or undefined when the table does not have it. */
export function classKeywords(table: KeywordTable, cls: string, pkg: ClassKeywords['pkg']): ClassKeywords | undefined {
  let byClass = parsed.get(table);
  if (!byClass) parsed.set(table, byClass = new Map());
  let c = byClass.get(cls);
  if (c === undefined) {
    const t = Object.prototype.hasOwnProperty.call(table, cls) ? table[cls] : undefined;
    c = t ? { pkg, exists: parseRanges(t.exists), ta: parseRanges(t.ta), open: parseRanges(t.open), fields: new Map() } : null;
    if (t && c) {
      for (const [spans, names] of Object.entries(t.fields)) {
        const m = /^\+(\S*) -(\S*)$/.exec(spans);
        if (!m) continue;
        const f = { plus: parseRanges(m[1]), minus: parseRanges(m[2]) };
        for (const n of names.split(' ')) c.fields.set(n, f);
      }
    }
    byClass.set(cls, c);
  }
  return c ?? undefined;
}

/** Is the environment's version of `pkg` known to be inside one of `ranges`? */
export function inRanges(env: Environment, pkg: string, ranges: readonly VersionRange[]): boolean {
  for (const r of ranges) if (env.gate(pkg, r) === 'affected') return true;
  return false;
}

/** Does the class itself (not its transformers base) take `name` at the environment's version? */
export function ownPresence(env: Environment, c: ClassKeywords, name: string): Presence {
  if (inRanges(env, c.pkg, c.open)) return 'accepted';
  const f = c.fields.get(name);
  if (f) {
    if (inRanges(env, c.pkg, f.plus)) return 'accepted';
    if (inRanges(env, c.pkg, f.minus)) return 'rejected';
    return 'unknown';
  }
  // Never a keyword of the class in a release read: rejected wherever the class was read with a closed signature.
  return inRanges(env, c.pkg, c.exists) ? 'rejected' : 'unknown';
}

/** Accepted when one side is known to take it, rejected when every side is known not to, else unknown. */
export function combine(sides: readonly Presence[]): Presence {
  if (sides.includes('accepted')) return 'accepted';
  return sides.every((s) => s === 'rejected') ? 'rejected' : 'unknown';
}

/**
 * Where `name` left the class, when some release read had it and the releases read after its last one do not: `from`,
 * the first version without it (`"0.13"`), `exact` when the release before was read with it (otherwise it went
 * somewhere in the unread releases before `from`). Undefined for a keyword that is still there or came back.
 */
export function removal(c: ClassKeywords, name: string): { from: string; exact: boolean } | undefined {
  const f = c.fields.get(name);
  if (!f || f.plus.length === 0) return undefined;
  const lastPlus = f.plus[f.plus.length - 1];
  const after = f.minus.find((m) => !!m.from && (!lastPlus.before || compareVersions(m.from, lastPlus.before) >= 0));
  return after?.from ? { from: after.from, exact: after.from === lastPlus.before } : undefined;
}

/**
 * Where `name` came to the class after the environment's version: the first release of the first span that accepts it
 * and that the version is known to precede (`"4.41"` for `eval_strategy` on transformers 4.38.2). Undefined when the
 * version is not known to be older than a release that takes it.
 */
export function arrival(env: Environment, c: ClassKeywords, name: string): string | undefined {
  for (const p of c.fields.get(name)?.plus ?? []) if (p.from && env.gate(c.pkg, { before: p.from }) === 'affected') return p.from;
  return undefined;
}
