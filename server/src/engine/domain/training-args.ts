/**
 * Reading `TrainingArguments`-style settings of a trainer: whether an argument is given, absent
 * (library default) or unknowable (`**kwargs`, an unresolved `args=`, a later attribute
 * assignment), and the interval strategies (`"steps"`, `IntervalStrategy.EPOCH`, …).
 */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { enclosingFunction } from '../facts/build';
import { evaluate, evaluateString } from '../facts/values';
import { assignmentsWithValue, reachingAssignment, resolveExpression } from '../facts/reaching';
import type { TrainerFact } from './trainers';
import { dataclassFieldDefault } from '../facts/attributes';

export interface ArgLookup {
  /** The argument, on the trainer or its config call. */
  arg?: ArgFact;
  /** true when it may be set where we cannot see (then `arg` is undefined). */
  unknown: boolean;
}

/** The `args=` expression of a trainer, if any. */
export function argsExpression(t: TrainerFact): Node | undefined {
  return t.call.keywords.get('args')?.value;
}

/** An argument of the trainer or its config; `unknown` when its absence cannot be trusted. */
export function lookupArg(facts: FileFacts, t: TrainerFact, name: string): ArgLookup {
  const arg = t.call.keywords.get(name) ?? t.config?.keywords.get(name);
  if (arg) return { arg, unknown: false };
  if (t.call.hasSplat) return { unknown: true };
  const argsNode = argsExpression(t);
  if (!argsNode) return { unknown: t.call.positional.length >= 2 };
  if (!t.config || t.config.hasSplat) return { unknown: true };
  return { unknown: assignedLater(facts, argsNode, name) };
}

/** A config call's own argument; `unknown` when `**kwargs` or a later `cfg.name = …` may set it. */
export function lookupConfigArg(facts: FileFacts, config: CallFact, name: string): ArgLookup {
  const arg = config.keywords.get(name);
  if (arg) return { arg, unknown: false };
  if (config.hasSplat) return { unknown: true };
  return { unknown: configAttributeSet(facts, config, name) };
}

/** `args.name = …` on the variable the config call is assigned to (`args = TrainingArguments(…)`): the value changes. */
export function configAttributeSet(facts: FileFacts, config: CallFact, name: string): boolean {
  const assigned = assignmentsWithValue(facts, config.node).find((a) => a.subscriptKey === undefined);
  return !!assigned && assignmentTargets(facts).has(`${assigned.target}.${name}`);
}

const targetSets = new KeptKey<Set<string>>();

/** Every assignment target of the script (`cfg.packing`, `x`), collected once per facts. */
function assignmentTargets(facts: FileFacts): Set<string> {
  let set = targetSets.get(facts);
  if (!set) {
    set = new Set(facts.assignments.map((a) => a.target));
    targetSets.set(facts, set);
  }
  return set;
}

function assignedLater(facts: FileFacts, argsNode: Node, name: string): boolean {
  if (argsNode.type !== 'identifier') return false;
  return assignmentTargets(facts).has(`${argsNode.text}.${name}`);
}

/** `"steps"`, `IntervalStrategy.STEPS`, `"EPOCH"` → lower-case strategy name; undefined when unknown. */
export function strategyValue(facts: FileFacts, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const s = evaluateString(facts, node);
  if (s !== undefined) return s.toLowerCase();
  const expr = resolveExpression(facts, node);
  if (expr.type === 'attribute') {
    const attr = expr.childForFieldName('attribute')?.text ?? '';
    if (/^(NO|STEPS|EPOCH|BEST)$/i.test(attr)) return attr.toLowerCase();
  }
  if (expr.type === 'none') return 'no';
  return undefined;
}

/** The evaluation strategy argument (`eval_strategy=` or the old `evaluation_strategy=`). */
export function evalStrategyArg(get: (name: string) => ArgFact | undefined): ArgFact | undefined {
  return get('eval_strategy') ?? get('evaluation_strategy');
}

const COMMAND_LINE_PARSES = new Set(['parse_args_and_config', 'parse_args_into_dataclasses']);
const MAX_HOPS = 6;

/** The parser object of `parser.parse_args_into_dataclasses()` / `parser.parse_args_and_config()`; undefined for any other value. */
function commandLineParser(value: Node | null | undefined): Node | undefined {
  if (value?.type !== 'call') return undefined;
  const callee = value.childForFieldName('function');
  if (callee?.type !== 'attribute' || !COMMAND_LINE_PARSES.has(callee.childForFieldName('attribute')?.text ?? '')) return undefined;
  return callee.childForFieldName('object') ?? undefined;
}

/**
 * Does `node` hold dataclasses parsed from the command line (`parser.parse_args_and_config()` of
 * TRL's `TrlParser`, `HfArgumentParser.parse_args_into_dataclasses()`), directly or through a
 * parameter of the script's own function that every call fills that way (TRL's example scripts:
 * `main(script_args, training_args, model_args)`)? Their fields hold the class defaults unless the
 * command line sets them.
 */
export function fromCommandLine(facts: FileFacts, node: Node | undefined, depth = 0): boolean {
  if (!node || node.type !== 'identifier' || depth > MAX_HOPS) return false;
  const a = reachingAssignment(facts, node.text, node);
  if (a) return !!commandLineParser(a.value);
  // A parameter: every call of the function must pass such a value there.
  const fn = enclosingFunction(node);
  const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  const def = name ? facts.functions.get(name) : undefined;
  if (!def || def.node.id !== fn!.id) return false;
  const index = def.params.indexOf(node.text);
  if (index < 0) return false;
  const calls = facts.calls.filter((c) => c.calleeText === name);
  return calls.length > 0 && calls.every((c) => {
    if (c.hasSplat) return false;
    const arg = c.keywords.get(node.text) ?? c.positional[index];
    return !!arg && fromCommandLine(facts, arg.value, depth + 1);
  });
}

const ARGUMENT_PARSERS = /^((transformers|trl)\.)?(HfArgumentParser|TrlParser)$/;

/**
 * The default a field of a dataclass parsed from the command line holds when the command line does not set it:
 * `args.use_peft` after `parser = HfArgumentParser(ScriptArguments)` and `args = parser.parse_args_into_dataclasses()[0]`
 * (or `a, b = parser.parse_args_into_dataclasses()` with `HfArgumentParser((A, B))`), where the script's own
 * `@dataclass ScriptArguments` gives `use_peft: bool = field(default=True)`. Undefined when any step is not exact
 * or the script assigns the field itself.
 */
export function commandLineDefault(facts: FileFacts, node: Node | undefined): Node | undefined {
  if (node?.type !== 'attribute') return undefined;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  if (obj?.type !== 'identifier' || !attr || facts.assignments.some((a) => a.target === `${obj.text}.${attr}`)) return undefined;
  const a = reachingAssignment(facts, obj.text, node);
  if (!a) return undefined;
  let parsed: Node | null = a.value;
  let index = a.unpackIndex;
  if (parsed.type === 'subscript' && index === undefined) {
    const sub = parsed.childForFieldName('subscript');
    if (sub?.type !== 'integer') return undefined;
    index = Number(sub.text);
    parsed = parsed.childForFieldName('value');
  }
  const parser = index === undefined ? undefined : commandLineParser(parsed);
  if (!parsed || index === undefined || parser?.type !== 'identifier') return undefined;
  const made = reachingAssignment(facts, parser.text, parsed)?.value;
  if (made?.type !== 'call' || !ARGUMENT_PARSERS.test(made.childForFieldName('function')?.text ?? '')) return undefined;
  let classes = made.childForFieldName('arguments')?.namedChildren.filter((c) => !!c && c.type !== 'comment') ?? [];
  if (classes.length !== 1) return undefined;
  if (classes[0]!.type === 'tuple' || classes[0]!.type === 'list') classes = classes[0]!.namedChildren.filter((c) => !!c && c.type !== 'comment');
  const cls = classes[index];
  return cls?.type === 'identifier' ? dataclassFieldDefault(facts, cls.text, attr) : undefined;
}

/**
 * Whether TRL's dataset preparation is skipped (`dataset_kwargs={"skip_prepare_dataset": True}`, on the trainer or
 * its config): `true` also when the kwargs are not a literal dict, `undefined` when they may be set where the script
 * does not show (`**kwargs`, arguments from the command line, a later `args.dataset_kwargs = …`).
 */
export function preparationSkipped(facts: FileFacts, t: TrainerFact): boolean | undefined {
  const found = lookupArg(facts, t, 'dataset_kwargs');
  if (!found.arg) return found.unknown ? undefined : false;
  const v = evaluate(facts, found.arg.value);
  if (v.kind !== 'dict') return true;
  return v.entries.some(([k, x]) => k === 'skip_prepare_dataset' && !(x.kind === 'bool' && x.value === false));
}
