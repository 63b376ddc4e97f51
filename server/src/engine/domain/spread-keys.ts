/**
 * Keys a `**` spread provably holds (not necessarily all of them), for "keyword given twice" (TL410):
 * - an exactly known dict (`spread-arguments.ts`: a dict literal, `dict(k=…)`, the one dict the script's own function
 *   returns, followed through names nothing changes);
 * - the attributes of an object: `x.__dict__`, `vars(x)`, `dataclasses.asdict(x)`, where `x` is, where the spread is
 *   read, the one instance the reaching assignment built:
 *   - of a library training config (`TrainingArguments`, TRL's `*Config`, `UnslothTrainingArguments`) or PEFT's
 *     `LoraConfig`: all dataclasses, whose generated `__init__` stores every field it is given, so each keyword written
 *     in the constructor call is an attribute (if the call accepts it at all; when it does not, it raises first);
 *   - of the script's own `@dataclass` (no base, no `__init__`, `__slots__`, `__getattr__` or `slots=True` of its own):
 *     every annotated field that is not `ClassVar`/`InitVar`/`field(init=False…)`.
 * The object must not lose an attribute anywhere in the script (`del x.k`, `delattr`, `x.__dict__.pop(…)`).
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, ClassFact, FileFacts } from '../facts/types';
import { conditionalAlternatives, reachingAssignment } from '../facts/reaching';
import { isLibraryCall, TRAINER_CONFIGS } from './trainers';
import { mutated, spreadEntries } from './spread-arguments';

/**
 * What a spread holds: the keys, and where they come from: a dict the script writes, the keywords a library config was
 * given (`cls`, built at `built`), or the fields of the script's dataclass `cls` (defined at `defined`).
 */
export interface SpreadKeys {
  keys: Set<string>;
  kind: 'dict' | 'config' | 'dataclass';
  /** `cfg.__dict__`, `vars(cfg)`, `asdict(cfg)`. */
  spread?: string;
  cls?: string;
  built?: Node;
  defined?: Node;
}

/** Library training configs, all dataclasses: the modelled trainers' configs and TRL's other trainers' configs. */
const TRAINING_CONFIGS = [...TRAINER_CONFIGS, 'PPOConfig', 'RLOOConfig', 'OnlineDPOConfig', 'GKDConfig', 'PRMConfig', 'XPOConfig',
  'NashMDConfig', 'BCOConfig'];

const MAX_STEPS = 6;
const DATACLASS = /^(dataclasses\.)?dataclass(\(|$)/;

/** The keys `node` (the expression after `**`) provably holds, or undefined. */
export function spreadKeys(facts: FileFacts, byNode: Map<number, CallFact>, node: Node, source: { text: string }): SpreadKeys | undefined {
  const exact = spreadEntries(facts, byNode, node, 0);
  if (exact) return { keys: new Set(exact.map((a) => a.name!).filter(Boolean)), kind: 'dict' };
  let n = node;
  for (let i = 0; i < MAX_STEPS && n.type === 'identifier'; i++) {
    if (mutated(facts, n.text) || conditionalAlternatives(facts, n)) return undefined;
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return undefined;
    n = a.value;
  }
  const object = attributesOf(facts, byNode, n);
  return object ? instanceKeys(facts, byNode, object.target, object.how, source.text) : undefined;
}

/** `x.__dict__`, `vars(x)`, `dataclasses.asdict(x)`: the object whose attributes are spread. */
function attributesOf(facts: FileFacts, byNode: Map<number, CallFact>, n: Node): { target: Node; how: 'dict' | 'vars' | 'asdict' } | undefined {
  if (n.type === 'attribute' && n.childForFieldName('attribute')?.text === '__dict__') {
    const target = n.childForFieldName('object');
    return target?.type === 'identifier' ? { target, how: 'dict' } : undefined;
  }
  if (n.type !== 'call') return undefined;
  const call = byNode.get(n.id);
  if (!call || call.hasSplat || call.positional.length !== 1 || call.keywords.size) return undefined;
  const target = call.positional[0].value;
  if (target.type !== 'identifier') return undefined;
  if (call.calleeText === 'vars' && !call.qualified && !facts.functions.has('vars')) return { target, how: 'vars' };
  if (call.qualified === 'dataclasses.asdict') return { target, how: 'asdict' };
  return undefined;
}

/** The keys of the instance `target` names where it is read, when it is one the script built in a way that proves them. */
function instanceKeys(facts: FileFacts, byNode: Map<number, CallFact>, target: Node, how: 'dict' | 'vars' | 'asdict', text: string): SpreadKeys | undefined {
  const name = target.text;
  if (conditionalAlternatives(facts, target) || losesAttributes(text, name)) return undefined;
  const a = reachingAssignment(facts, name, target);
  if (!a || a.unpackIndex !== undefined || a.value.type !== 'call') return undefined;
  const built = byNode.get(a.value.id);
  if (!built) return undefined;
  const spread = how === 'dict' ? `${name}.__dict__` : how === 'vars' ? `vars(${name})` : `asdict(${name})`;
  if (isLibraryCall(built, TRAINING_CONFIGS) || isLibraryCall(built, ['LoraConfig'], ['peft'])) {
    const keys = new Set([...built.keywords.keys()]);
    const cls = built.qualified!.split('.').pop();
    return keys.size ? { keys, kind: 'config', spread, cls, built: built.node } : undefined;
  }
  const cls = /^[A-Za-z_]\w*$/.test(built.calleeText) && !built.qualified ? ownDataclass(facts, built.calleeText) : undefined;
  if (!cls || (how !== 'asdict' && slotted(cls))) return undefined;
  const keys = dataclassFields(cls);
  return keys?.size ? { keys, kind: 'dataclass', spread, cls: cls.name, built: built.node, defined: cls.node } : undefined;
}

/** The script's one module-level class `name`, when it is a plain `@dataclass` (nothing else shapes its instances). */
function ownDataclass(facts: FileFacts, name: string): ClassFact | undefined {
  const all = facts.classes.filter((c) => c.name === name);
  if (all.length !== 1 || facts.functions.has(name) || facts.imports.some((i) => i.local === name)) return undefined;
  const c = all[0];
  if (c.node.parent?.type !== 'module' && !(c.node.parent?.type === 'decorated_definition' && c.node.parent.parent?.type === 'module')) return undefined;
  if (c.bases.some((b) => b !== 'object') || c.opaqueBases) return undefined;
  if (c.decorators.length !== 1 || !DATACLASS.test(c.decorators[0]) || /init\s*=\s*False/.test(c.decorators[0])) return undefined;
  if (c.members.some((m) => ['__init__', '__slots__', '__getattr__', '__getattribute__', '__setattr__', '__delattr__', '__new__'].includes(m.name))) return undefined;
  return c;
}

const slotted = (c: ClassFact) => /slots\s*=\s*True/.test(c.decorators[0]);

/** The dataclass's init fields, read from its body: `name: T` or `name: T = default`, not ClassVar/InitVar/`init=False`. */
function dataclassFields(c: ClassFact): Set<string> | undefined {
  const body = c.node.childForFieldName('body');
  if (!body) return undefined;
  const out = new Set<string>();
  for (const st of body.namedChildren) {
    if (st?.type !== 'expression_statement') continue;
    const a = st.namedChildren[0];
    if (a?.type !== 'assignment') continue;
    const type = a.childForFieldName('type');
    const left = a.childForFieldName('left');
    if (!type || left?.type !== 'identifier') continue;
    if (/\b(ClassVar|InitVar|KW_ONLY)\b/.test(type.text)) continue;
    const right = a.childForFieldName('right');
    if (right && /\binit\s*=\s*False\b/.test(right.text)) continue;
    out.add(left.text);
  }
  return out;
}

/**
 * Anything in the script (its whole text: an editor parses it in sections) that may remove an attribute of `name`'s
 * object: `del name.k`, `delattr(…)`, `name.__dict__.pop(…)`.
 */
function losesAttributes(text: string, name: string): boolean {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return /\bdelattr\s*\(/.test(text) || new RegExp(`\\bdel\\s+[^\\n]*\\b${esc}\\.`).test(text)
    || new RegExp(`\\b${esc}\\.__dict__\\s*\\.\\s*(pop|clear|popitem|update|setdefault)\\b|\\bvars\\(\\s*${esc}\\s*\\)\\s*\\.\\s*(pop|clear|popitem|update|setdefault)\\b|\\b${esc}\\.__dict__\\s*\\[`).test(text);
}
