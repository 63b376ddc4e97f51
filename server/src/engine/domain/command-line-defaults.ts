/**
 * What a script holds when it is run with its command-line defaults: `args.model_name` after
 * `parser = argparse.ArgumentParser(…)`, `parser.add_argument("--model_name", default="codellama/CodeLlama-7b-hf")`
 * and `args = parser.parse_args()`, reached directly or through a parameter of the script's own function that every
 * call fills the same way (`load_and_tokenize_dataset(args.output_file, args.model_name)`). A finding that rests on
 * such a default names the flag: the command line may pass another value.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts } from '../facts/types';
import { enclosingFunction } from '../facts/build';
import { evaluateString } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { argumentForParameter, isParameterOf, returnedValue } from '../facts/own-functions';
import { modelIdArg } from './models';
import { runPassingFlag, type LaunchedRun } from '../env/launch-flags';

/** A string a script holds when run with the defaults of its command line, and the flag that would change it. */
export interface CommandLineValue {
  value: string;
  /** `--model_name` as the script declares it. */
  flag: string;
  /** The `add_argument(…)` call that gives the default. */
  declaration: Node;
}

const MAX_HOPS = 6;

/** The `add_argument(…)` call of `parser` that declares the attribute `attr` of the parsed namespace. */
function declarationOf(facts: FileFacts, parser: string, attr: string): { call: CallFact; flag: string } | 'ambiguous' | undefined {
  let found: { call: CallFact; flag: string } | undefined;
  for (const c of facts.calls) {
    if (c.method !== 'add_argument' || c.receiver?.type !== 'identifier' || c.receiver.text !== parser) continue;
    const names = c.positional.map((a) => evaluateString(facts, a.value));
    if (names.some((n) => n === undefined)) return 'ambiguous';
    const long = names.find((n) => n!.startsWith('--')) ?? names.find((n) => !n!.startsWith('-'));
    const explicit = c.keywords.get('dest');
    const dest = explicit ? evaluateString(facts, explicit.value) : long?.replace(/^--/, '').replace(/-/g, '_');
    if (dest === undefined) return 'ambiguous';
    if (dest !== attr) continue;
    if (found) return 'ambiguous';
    found = { call: c, flag: long ?? names[0]! };
  }
  return found;
}

/** `setattr(x, "name", …)` anywhere in the script, or a `setattr` whose name is not a literal. */
function setsAttribute(facts: FileFacts, attr: string): boolean {
  return facts.calls.some((c) => {
    if (c.calleeText !== 'setattr') return false;
    const name = c.positional[1] && evaluateString(facts, c.positional[1].value);
    return name === undefined || name === attr;
  });
}

/**
 * The `parser.parse_args()` call (no arguments: the command line) whose result the name `ns` holds: `args =
 * parser.parse_args()`; `args = parse_args()` where the script's own module-level function returns
 * `parser.parse_args()` on its one path (transformers `examples/scheduler/run_greedy.py`); or a parameter of the
 * script's own module-level function that every call (at least one, none with `*args`/`**kwargs`) fills with such a
 * name, the same call (`def main(args): …` with `main(parser.parse_args())` or `args = …; main(args)`).
 */
function parseArgsCall(facts: FileFacts, byNode: Map<number, CallFact>, ns: Node, depth: number): CallFact | undefined {
  if (depth > MAX_HOPS) return undefined;
  if (ns.type === 'call') {
    const direct = byNode.get(ns.id);
    if (direct?.method === 'parse_args' && direct.receiver) return direct.positional.length || direct.keywords.size ? undefined : direct;
    const returned = returnedValue(facts, ns);
    return returned && returned.returns.length === 1 ? parseArgsCall(facts, byNode, returned.value, depth + 1) : undefined;
  }
  if (ns.type !== 'identifier') return undefined;
  const local = reachingAssignment(facts, ns.text, ns);
  if (local) return local.unpackIndex === undefined ? parseArgsCall(facts, byNode, local.value, depth + 1) : undefined;
  return agreedOverCalls(facts, ns, (arg) => parseArgsCall(facts, byNode, arg, depth + 1), (a, b) => a.node.id === b.node.id);
}

/**
 * `param`, a parameter of the script's own module-level function: what `read` makes of the argument every call of it
 * (at least one, none with `*args`/`**kwargs`) passes, when all calls agree (`same`); undefined otherwise.
 */
function agreedOverCalls<T>(facts: FileFacts, param: Node, read: (arg: Node) => T | undefined, same: (a: T, b: T) => boolean): T | undefined {
  const fn = enclosingFunction(param);
  const name = fn?.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  const def = name ? facts.functions.get(name) : undefined;
  if (!fn || !def || def.node.id !== fn.id || def.scope !== null || !isParameterOf(fn, param.text)) return undefined;
  const calls = facts.calls.filter((c) => c.calleeText === name);
  if (!calls.length || calls.some((c) => c.hasSplat)) return undefined;
  let agreed: T | undefined;
  for (const c of calls) {
    const arg = argumentForParameter(fn, c.node, param.text);
    const v = arg && read(arg);
    if (v === undefined || (agreed !== undefined && !same(agreed, v))) return undefined;
    agreed = v;
  }
  return agreed;
}

/**
 * `args.name` where `args` holds `parser.parse_args()` (no arguments: the command line; `parseArgsCall`) and `parser` is an
 * `argparse.ArgumentParser` whose one `add_argument` for `name` has a string `default=` (not `required=True`).
 * Undefined when the script assigns `args.name`, calls `set_defaults`, or anything on the way is not exact.
 */
export function argparseDefault(facts: FileFacts, byNode: Map<number, CallFact>, node: Node): CommandLineValue | undefined {
  if (node.type !== 'attribute') return undefined;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  // The namespace may go by other names on its way (`def main(cfg)`): an assignment of `.name` to any of them counts.
  if (obj?.type !== 'identifier' || !attr || facts.assignments.some((a) => a.target.endsWith(`.${attr}`)) || setsAttribute(facts, attr)) return undefined;
  const parse = parseArgsCall(facts, byNode, obj, 0);
  if (!parse || parse.receiver?.type !== 'identifier') return undefined;
  const parser = parse.receiver.text;
  const made = reachingAssignment(facts, parser, parse.node);
  const ctor = made && made.unpackIndex === undefined ? byNode.get(made.value.id) : undefined;
  if (ctor?.qualified !== 'argparse.ArgumentParser') return undefined;
  if (facts.calls.some((c) => c.method === 'set_defaults' && c.receiver?.text === parser)) return undefined;
  const decl = declarationOf(facts, parser, attr);
  if (!decl || decl === 'ambiguous' || decl.call.hasSplat) return undefined;
  const required = decl.call.keywords.get('required');
  if (required && required.value.type !== 'false') return undefined;
  const def = decl.call.keywords.get('default');
  const value = def && evaluateString(facts, def.value);
  return value === undefined ? undefined : { value, flag: decl.flag, declaration: decl.call.node };
}

/**
 * The model id a `from_pretrained` load reads from the command line's defaults: its id argument is `args.x` (see
 * `argparseDefault`), or a parameter of the script's own module-level function that every call of it (at least one,
 * none with `*args`/`**kwargs`) fills with such a value, the same one. Not when a shell script of the project runs the
 * script with a command line that may pass the flag (`runs`, `env/launch-flags.ts`: kookeej/MIE1517-Detoxification's
 * `training.sh` runs `train.py --base_model_name $BASE_MODEL`): the default is then not what runs.
 */
export function commandLineModelId(facts: FileFacts, byNode: Map<number, CallFact>, load: CallFact, runs?: readonly LaunchedRun[]): CommandLineValue | undefined {
  const found = valueAt(facts, byNode, modelIdArg(load)?.value, 0);
  return found && runPassingFlag(runs, found.flag) ? undefined : found;
}

function valueAt(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined, depth: number): CommandLineValue | undefined {
  if (!node || depth > MAX_HOPS) return undefined;
  if (node.type === 'attribute') return argparseDefault(facts, byNode, node);
  if (node.type !== 'identifier') return undefined;
  const local = reachingAssignment(facts, node.text, node);
  if (local) return local.unpackIndex === undefined ? valueAt(facts, byNode, local.value, depth + 1) : undefined;
  return agreedOverCalls(facts, node, (arg) => valueAt(facts, byNode, arg, depth + 1), (a, b) => a.value === b.value && a.flag === b.flag);
}
