/**
 * An instantiation of a trainer subclass whose `__init__` has explicit parameters (`facts/explicit-init.ts`), mapped
 * onto the library trainer's arguments: `DistilTrainer(student, ta, teacher=t, train_ds=ds)` with
 * `super().__init__(model=model, args=args, train_dataset=train_ds)` is the trainer's `model=student, args=ta,
 * train_dataset=ds`. Each keyword of the result is an argument of the call (or the literal default of the parameter the
 * call omits) the library provably gets as it is; every other argument the library gets is unknown, and the call says
 * so as a call with a splat does (`hasSplat`: absent keywords may still be passed). The subclass's own parameters (not
 * passed on) are not among them. The result has no positional arguments (each is a keyword under the library's name)
 * and its arguments are not where the call writes them: fixes that would edit it are dropped (`rules/context.ts`).
 */
import type { Node } from 'web-tree-sitter';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { methodDefinition, type InitPasses } from '../facts/class-syntax';
import { parameterDefault } from '../facts/explicit-init';
import { namesParameter } from './trainer-signatures';
import type { TrainerSubclass } from './trainer-subclass';
import { CallOverlay } from './call-overlay';

const LEADING = ['model', 'args', 'data_collator', 'train_dataset', 'eval_dataset'] as const;

/**
 * The library trainers' leading positional parameters, the same in every release read: transformers `Trainer` and
 * `Seq2SeqTrainer` 4.0.0–5.15.0 (`trainer.py`, `trainer_seq2seq.py`), TRL v0.5.0–v1.9.0 (`trl/trainer/*_trainer.py`):
 * `DPOTrainer`'s third was `beta` before v0.13.0, `KTOTrainer`'s fourth changed in v1.8.0. Beyond these a positional
 * argument is unknown.
 */
const POSITIONAL: Record<string, readonly string[]> = {
  Trainer: LEADING, Seq2SeqTrainer: LEADING, SFTTrainer: LEADING, RewardTrainer: LEADING, ORPOTrainer: LEADING, CPOTrainer: LEADING,
  DPOTrainer: ['model', 'ref_model'], KTOTrainer: ['model', 'ref_model', 'args'],
  GRPOTrainer: ['model', 'reward_funcs', 'args', 'train_dataset', 'eval_dataset'],
};

/** A call's arguments as the library trainer gets them (see the file's comment). */
class MappedCall extends CallOverlay {
  readonly positional: ArgFact[] = [];
  readonly args: ArgFact[];
  /**
   * `readonly asWritten`: the keywords the library gets under the name the call writes them with (through `**kwargs`, not
   * renamed): a rule about how such a keyword is spelled, or an edit of it, is as right here as on the trainer itself.
   */
  constructor(base: CallFact, readonly keywords: Map<string, ArgFact>, readonly hasSplat: boolean, readonly asWritten: ReadonlySet<string>) {
    super(base);
    this.args = [...keywords.values()];
  }
}

/** Is this call's argument list mapped through a subclass's `__init__` (`mapTrainerCall`)? */
export function isMappedCall(call: CallFact): boolean {
  return call instanceof MappedCall;
}

/**
 * Does the library get keyword `name` of `call` as the call writes it? Always for a call that is not mapped; for a
 * mapped one, only a keyword passed on through `**kwargs` under its own name.
 */
export function keywordAsWritten(call: CallFact, name: string): boolean {
  return !(call instanceof MappedCall) || call.asWritten.has(name);
}

/** A default that means the same wherever it is read: `None`, `True`, a number, a plain string. */
function isLiteral(n: Node): boolean {
  if (['none', 'true', 'false', 'integer', 'float'].includes(n.type)) return true;
  if (n.type === 'string') return !n.namedChildren.some((c) => c?.type === 'interpolation');
  return n.type === 'unary_operator' && (n.namedChildren[0]?.type === 'integer' || n.namedChildren[0]?.type === 'float');
}

type Value = ArgFact | 'unknown';

/**
 * `call` (its `**` spreads already followed) as the library trainer `kind` gets it through `sub`'s explicit `__init__`;
 * undefined when the call cannot be bound (a `*` splat, a keyword the `__init__` does not take, a required parameter
 * missing: Python's error, not the trainer's) or binds one keyword twice.
 */
export function mapTrainerCall(_facts: FileFacts, call: CallFact, sub: TrainerSubclass, kind: string): CallFact | undefined {
  const init: InitPasses | undefined = sub.init;
  if (!init) return undefined;
  const list = call.node.childForFieldName('arguments');
  if (list?.namedChildren.some((c) => c?.type === 'list_splat')) return undefined;
  const open = call.hasSplat; // a `**` not followed: any parameter it could bind is unknown
  const names = new Set(init.params.map((p) => p.name));
  const bound = new Map<string, ArgFact>();
  const positionalParams = init.params.filter((p) => p.positional);
  const extra: ArgFact[] = [];
  call.positional.forEach((a, i) => { if (i < positionalParams.length) bound.set(positionalParams[i].name, a); else extra.push(a); });
  if (extra.length && !init.star) return undefined;
  const rest = new Map<string, ArgFact>();
  for (const [k, a] of call.keywords) {
    if (names.has(k)) {
      if (bound.has(k)) return undefined;
      bound.set(k, a);
    } else if (init.stars) rest.set(k, a);
    else return undefined;
  }
  const fn = sub.node ? methodDefinition(sub.node, '__init__') : undefined;
  const valueOf = (name: string): Value | undefined => {
    if (init.touched.includes(name)) return 'unknown';
    const given = bound.get(name);
    if (given) return given;
    if (open) return 'unknown';
    const param = init.params.find((p) => p.name === name);
    if (!param?.hasDefault) return undefined; // a required parameter missing: the call raises
    const d = fn && parameterDefault(fn, name);
    return d && isLiteral(d) ? { value: d, node: d.parent ?? d, index: -1 } : 'unknown';
  };
  const out = new Map<string, ArgFact>();
  const unknownNames = new Set<string>();
  let unknown = init.opaque || (open && init.spreads);
  const put = (lib: string, v: Value | undefined): boolean => {
    if (v === undefined) return false;
    if (out.has(lib) || unknownNames.has(lib)) return false; // one keyword twice: TypeError
    if (v === 'unknown') { unknown = true; unknownNames.add(lib); return true; }
    out.set(lib, { ...v, name: lib, index: -1 });
    return true;
  };
  const order = POSITIONAL[kind] ?? [];
  let i = 0;
  for (const p of init.positional) {
    const values: Array<Value | undefined> = p === '*' ? extra : [p === null ? 'unknown' : valueOf(p)];
    for (const v of values) {
      const lib = order[i++];
      if (!lib) { unknown = true; continue; }
      if (!put(lib, v)) return undefined;
    }
  }
  for (const [k, p] of init.keywords) if (!put(k, p === null ? 'unknown' : valueOf(p))) return undefined;
  const asWritten = new Set<string>();
  const renamedTo = new Set(init.renames.map((r) => r[0]));
  if (init.spreads) {
    for (const k of init.pops) rest.delete(k);
    for (const [to, from] of init.renames) {
      const a = rest.get(from);
      rest.delete(from);
      if (a) rest.set(to, a);
      else if (open) { rest.delete(to); if (!put(to, 'unknown')) return undefined; }
      else return undefined; // `kwargs.pop("tokenizer")` of a keyword the call does not give: KeyError
    }
    for (const k of init.unknownKeys) { rest.delete(k); if (!unknownNames.has(k) && !put(k, 'unknown')) return undefined; }
    for (const [k, a] of rest) {
      if (!put(k, a)) return undefined;
      if (!renamedTo.has(k) && a.name === k && a.node.type === 'keyword_argument') asWritten.add(k);
    }
  }
  // Keywords a subclass on the way takes for itself (`*args, alpha=0.5, **kwargs`) never reach the library.
  for (const k of sub.consumes) out.delete(k);
  // `self.train_dataset = …` after the base got it: the trainer holds something else.
  for (const k of init.reassigned) {
    const same = k === 'tokenizer' || k === 'processing_class' ? ['tokenizer', 'processing_class'] : [k];
    for (const s of same) {
      if (!out.has(s) && !namesParameter(kind, s)) continue;
      out.delete(s);
      asWritten.delete(s);
      unknown = true;
    }
  }
  for (const k of sub.consumes) asWritten.delete(k);
  return new MappedCall(call, out, unknown, asWritten);
}
