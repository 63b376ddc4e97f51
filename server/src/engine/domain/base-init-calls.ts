/**
 * Calls of a library trainer's constructor made by the script's own subclass: `super().__init__(…)` (or
 * `super(MyTrainer, self).__init__(…)`) in the `__init__` of a class whose one base is a library trainer
 * (`class MySFT(SFTTrainer)`). Its keywords reach that trainer's `__init__` as written, whatever the subclass's own
 * parameters are, so the rules about trainer keywords (TL501, TL518) can read them. A class with more bases is left out:
 * `super()` may then be a mixin's constructor.
 */
import { qualifyLocal } from '../facts/imports';
import { callsWhere } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { isLibraryTrainerName, type TrainerFact } from './trainers';

export interface BaseInitCall {
  call: CallFact;
  /** The library trainer's class name (`SFTTrainer`) and qualified name (`trl.SFTTrainer`). */
  kind: string;
  qualified: string;
  /** The script's class whose `__init__` makes the call. */
  owner: string;
}

/** Bases that add no constructor of their own. */
const NEUTRAL_BASE = /^((abc\.)?ABC|object|(typing\.)?Generic\[.*\])$/s;

/** Selection test (`callsWhere`): `super().__init__(…)` / `super(Cls, self).__init__(…)`. */
const isSuperInit = (call: CallFact): boolean =>
  call.method === '__init__' && !!call.receiver && call.receiver.type === 'call' && /^super\s*\(/.test(call.receiver.text);

/** The script's `super().__init__(…)` calls that construct a library trainer. */
export function baseInitCalls(facts: FileFacts): BaseInitCall[] {
  const out: BaseInitCall[] = [];
  for (const call of callsWhere(facts, isSuperInit)) {
    const fn = call.scope;
    if (fn?.type !== 'function_definition' || fn.childForFieldName('name')?.text !== '__init__') continue;
    const clsNode = fn.parent?.type === 'block' ? fn.parent.parent : fn.parent?.parent?.parent;
    const cls = clsNode && facts.classes.find((c) => c.node.id === clsNode.id);
    if (!cls || cls.opaqueBases) continue;
    const bases = cls.bases.filter((b) => !NEUTRAL_BASE.test(b));
    if (bases.length !== 1 || !/^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(bases[0])) continue;
    const [head, ...rest] = bases[0].split('.');
    const imported = qualifyLocal(facts, head);
    const qualified = imported && [imported, ...rest].join('.');
    if (!qualified || !isLibraryTrainerName(qualified)) continue;
    out.push({ call, kind: qualified.split('.').pop()!, qualified, owner: cls.name });
  }
  return out;
}

/**
 * The same calls as trainer facts of their library trainer (no subclass: the call is the library's own `__init__`), for
 * a rule that reads a trainer call's keywords (TL501).
 */
export function baseInitTrainers(facts: FileFacts): TrainerFact[] {
  return baseInitCalls(facts).map((b) => ({ call: b.call, kind: b.kind, qualified: b.qualified }));
}
