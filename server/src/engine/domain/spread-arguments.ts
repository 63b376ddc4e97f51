/**
 * Keyword arguments that reach a trainer or config call through `**`, as far as they are exact:
 * `Trainer(**data_module)` where `data_module` is a dict literal, `dict(k=v, …)`, or the one dict
 * the script's own function returns (`return dict(train_dataset=…, eval_dataset=None, …)`, the
 * Stanford Alpaca `make_supervised_data_module` pattern), followed through variables, literal keys of an exact dict
 * literal (`**CONFIG["train"]`) and nested `**`. A dict that is changed after it is built (`d["k"] = …`, `d.update(…)`), a `*args`, or any
 * `**` that cannot be followed leaves the call as it is (`hasSplat`: absent keywords stay unknown).
 */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { subscriptTarget } from '../facts/config-values';
import { CallOverlay } from './call-overlay';

const MAX_DEPTH = 8;
const MUTATORS = new Set(['update', 'pop', 'popitem', 'setdefault', 'clear', '__setitem__', '__delitem__']);

/** A call with the keywords its `**` spreads add (explicit keywords first); `hasSplat` is false. */
class SpreadCall extends CallOverlay {
  readonly keywords: Map<string, ArgFact>;
  readonly hasSplat = false;
  constructor(base: CallFact, spread: ArgFact[]) {
    super(base);
    this.keywords = new Map(base.keywords);
    for (const a of spread) if (a.name && !this.keywords.has(a.name)) this.keywords.set(a.name, a);
  }
  get positional() { return this.base.positional; }
  /** The arguments written in the call itself (edits that add or remove one work on these). */
  get args() { return this.base.args; }
}

/** A name whose dict may change after it is built: `x["k"] = …`, `x.update(…)`. */
export function mutated(facts: FileFacts, name: string): boolean {
  if (facts.assignments.some((a) => a.target === name && a.subscriptKey !== undefined)) return true;
  return facts.calls.some((c) => c.method !== undefined && MUTATORS.has(c.method) && c.receiver?.text === name);
}

/** The keyword entries `node` spreads, or undefined when they are not exactly known. */
export function spreadEntries(facts: FileFacts, byNode: Map<number, CallFact>, node: Node, depth: number): ArgFact[] | undefined {
  if (depth > MAX_DEPTH) return undefined;
  let n = node;
  for (let i = 0; i < MAX_DEPTH; i++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    // `**CONFIG["train"]`: the entry of a dict literal nothing changes (`facts/config-values.ts`).
    if (n.type === 'subscript') {
      const target = subscriptTarget(facts, n);
      if (!target) return undefined;
      n = target;
      continue;
    }
    if (n.type !== 'identifier') break;
    if (mutated(facts, n.text)) return undefined;
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) return undefined;
    n = a.value;
  }
  if (n.type === 'dictionary') {
    const pairs = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const out: ArgFact[] = [];
    const siblings: ArgFact[] = [];
    for (const c of pairs) {
      if (c.type === 'dictionary_splat') {
        const inner = c.namedChildren[0] && spreadEntries(facts, byNode, c.namedChildren[0], depth + 1);
        if (!inner) return undefined;
        out.push(...inner);
        continue;
      }
      const k = c.type === 'pair' ? c.childForFieldName('key') : null;
      const v = c.type === 'pair' ? c.childForFieldName('value') : null;
      const key = k ? evaluate(facts, k) : undefined;
      if (!v || key?.kind !== 'str') return undefined;
      const arg: ArgFact = { name: key.value, value: v, node: c, index: -1, siblings };
      siblings.push(arg);
      out.push(arg);
    }
    return out;
  }
  if (n.type !== 'call') return undefined;
  const call = byNode.get(n.id);
  if (!call) return undefined;
  if (call.calleeText === 'dict') {
    if (call.hasSplat || call.positional.length) return undefined;
    return call.args.map((a) => ({ ...a, siblings: call.args }));
  }
  // The script's own function, with one `return`: what it returns, read where it is written.
  const fn = /^[A-Za-z_]\w*$/.test(call.calleeText) ? facts.functions.get(call.calleeText) : undefined;
  if (!fn || fn.scope !== null || fn.returns.length !== 1 || call.qualified) return undefined;
  return spreadEntries(facts, byNode, fn.returns[0], depth + 1);
}

const spreadCalls = new KeptKey<Map<CallFact, CallFact>>();

/**
 * `call` with the keywords of its `**` spreads when every spread is exactly known; otherwise `call`.
 * The same wrapper for the same call (rules compare configs by identity).
 */
export function withSpreadKeywords(facts: FileFacts, byNode: Map<number, CallFact>, call: CallFact): CallFact {
  if (!call.hasSplat) return call;
  let known = spreadCalls.get(facts);
  if (!known) spreadCalls.set(facts, (known = new Map()));
  const hit = known.get(call);
  if (hit) return hit;
  let out: CallFact = call;
  const list = call.node.childForFieldName('arguments');
  const spreads = list?.namedChildren.filter((c): c is Node => !!c && (c.type === 'dictionary_splat' || c.type === 'list_splat')) ?? [];
  // (No spread at all: the argument list does not parse, and what it lost stays unknown.)
  if (spreads.length && spreads.every((s) => s.type === 'dictionary_splat')) {
    const extra: ArgFact[] = [];
    let exact = true;
    for (const s of spreads) {
      const entries = s.namedChildren[0] && spreadEntries(facts, byNode, s.namedChildren[0], 0);
      if (!entries) { exact = false; break; }
      extra.push(...entries);
    }
    if (exact) out = new SpreadCall(call, extra);
  }
  known.set(call, out);
  return out;
}
