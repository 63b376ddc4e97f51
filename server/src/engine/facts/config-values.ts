/**
 * Values read out of configuration dicts, as far as the script makes them exact:
 *
 * - a dict literal read with literal keys (`CONFIG["model"]["id"]`, `cfg.get("lr", 2e-4)`), also through `**`
 *   (`TrainingArguments(**CONFIG["train"])`: `subscriptTarget`);
 * - a YAML or JSON config file the script reads from a literal path (`yaml.safe_load(open("config.yaml"))`,
 *   `with open(…) as f: json.load(f)`, `OmegaConf.load(Path(__file__).parent / "conf.yaml")`), whose value the
 *   project modules answer (`ModuleProvider.configFile`, read off the diagnostics path); OmegaConf's configs are read
 *   by attribute too (`cfg.model.name`).
 *
 * A dict's entry is exact only while nothing can change it: any write under the name (`cfg["lr"] = …`, `cfg["model"]["id"] =
 * …`, `cfg.model.name = …`, `+=`, `del`), a mutating method (`update`, `setdefault`, `pop`, …), a `for` over its dicts
 * or lists (`for k, v in cfg.items()` over strings and numbers changes nothing), a
 * `global`, the name or a dict/list inside it passed to a call that may keep or change it (anything but printing,
 * logging, serializing and deep copies), or an alias that does any of these, makes every read under the key it
 * changes unknown, and every read when it is on the name itself (`changedKeys`: `CONFIG["output_dir"] = …` leaves
 * `CONFIG["model_name"]` exact). A missing key is unknown (a `KeyError` when run, not a value); `.get` with a missing key is its default.
 */
import type { Node } from 'web-tree-sitter';
import { KeptKey } from '../syntax/kept-with';
import { sectionFactsOf } from './build';
import { assignmentsTo, conditionalAlternatives, reachingAssignment, resolveExpression } from './reaching';
import type { FileFacts } from './types';
import { evaluate, UNKNOWN, type PyValue } from './values';
import { ownFunctionReturn } from './own-functions';
import { LOADERS, loadValue, positionalArgs } from './config-file-reads';

const MAX_ALIAS_DEPTH = 3;

/** `x[...]`, `x.attr` or `x.get(...)` down to the name (or call) the chain starts from. */
function chainRoot(node: Node): Node {
  let n = node;
  for (let i = 0; i < 32; i++) {
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    else if (n.type === 'subscript') n = n.childForFieldName('value') ?? n;
    else if (n.type === 'attribute') n = n.childForFieldName('object') ?? n;
    else if (n.type === 'call' && isGetCall(n)) n = n.childForFieldName('function')!.childForFieldName('object')!;
    else break;
  }
  return n;
}

function isGetCall(n: Node): boolean {
  const f = n.childForFieldName('function');
  return f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get' && !!f.childForFieldName('object');
}

/** The literal key of `x[key]`: a string or an integer, one of them. */
function subscriptKey(facts: FileFacts, node: Node, depth: number): PyValue {
  const keys = node.childrenForFieldName('subscript').filter((k): k is Node => !!k && k.type !== 'comment');
  if (keys.length !== 1 || keys[0].type === 'slice') return UNKNOWN;
  return evaluate(facts, keys[0], depth + 1);
}

function entry(v: PyValue, key: PyValue): PyValue | undefined {
  if (v.kind === 'dict' && key.kind === 'str') return v.entries.find(([k]) => k === key.value)?.[1];
  if ((v.kind === 'list' || v.kind === 'tuple') && key.kind === 'num' && Number.isInteger(key.value)) {
    return v.items[key.value < 0 ? v.items.length + key.value : key.value];
  }
  return undefined;
}

/** `x["k"]`, `x[0]`: the entry of the exact dict (list) `x` is. */
export function subscriptValue(facts: FileFacts, node: Node, depth: number): PyValue {
  const obj = node.childForFieldName('value');
  const key = subscriptKey(facts, node, depth);
  if (!obj) return UNKNOWN;
  // The value first: most subscripts are of datasets and tensors, and whether a dict may change is a scan of the script.
  const v = evaluate(facts, obj, depth + 1);
  if (v.kind !== 'dict' && v.kind !== 'list' && v.kind !== 'tuple') return UNKNOWN;
  if (!exactRoot(facts, obj, key)) return UNKNOWN;
  return entry(v, key) ?? UNKNOWN;
}

/** `x.attr` on an OmegaConf config (`cfg.model.name`): its entry. Undefined when `x` is not one. */
export function configAttributeValue(facts: FileFacts, node: Node, depth: number): PyValue | undefined {
  if (!facts.imports.some((i) => i.module === 'omegaconf')) return undefined;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  if (!obj || !attr) return undefined;
  const v = evaluate(facts, obj, depth + 1);
  if (v.kind !== 'dict' || !v.attributes || !exactRoot(facts, obj, { kind: 'str', value: attr })) return undefined;
  return v.entries.find(([k]) => k === attr)?.[1] ?? UNKNOWN;
}

/** The value of a call when it reads a config: `x.get("k"[, default])` on an exact dict, or a config file load. */
export function configCallValue(facts: FileFacts, node: Node, depth: number): PyValue {
  const callee = node.childForFieldName('function');
  if (callee?.type !== 'attribute') return UNKNOWN;
  const method = callee.childForFieldName('attribute')?.text;
  if (method === 'get') return getValue(facts, node, callee, depth);
  if (method && LOADERS.has(method)) return loadValue(facts, node, callee, depth);
  return UNKNOWN;
}

function getValue(facts: FileFacts, node: Node, callee: Node, depth: number): PyValue {
  const obj = callee.childForFieldName('object')!;
  const args = positionalArgs(node);
  const key = args?.[0] ? evaluate(facts, args[0], depth + 1) : UNKNOWN;
  if (!args || args.length < 1 || args.length > 2) return UNKNOWN;
  const v = evaluate(facts, obj, depth + 1);
  if (v.kind !== 'dict' || !exactRoot(facts, obj, key)) return UNKNOWN;
  if (key.kind !== 'str') return UNKNOWN;
  const found = v.entries.find(([k]) => k === key.value);
  if (found) return found[1];
  return args[1] ? evaluate(facts, args[1], depth + 1) : { kind: 'none' };
}

/**
 * Whether the dict a read chain starts from is exact for this read: a name nothing changes, or whose changes are to
 * other top-level keys than the one read (`CONFIG["output_dir"] = …` leaves `CONFIG["model_name"]`), or a call read
 * where it is. `key`: the key read when `obj` is the name itself.
 */
function exactRoot(facts: FileFacts, obj: Node, key?: PyValue): boolean {
  const root = chainRoot(obj);
  if (root.type === 'call') return true;
  if (root.type !== 'identifier') return false;
  const first = root === obj ? key : firstKey(facts, obj, root);
  // Every name the dict is held under on its way here (`cfg = load()` with `def load(): c = {…}; return c`).
  for (const name of holders(facts, root)) {
    const changed = changedKeys(facts, name, 0);
    if (changed === 'all') return false;
    if (changed.size && (first?.kind !== 'str' || changed.has(first.value))) return false;
  }
  return true;
}

/** The names a value read through `name` was assigned to on the way from where it is built (`resolveExpression`'s path). */
function holders(facts: FileFacts, name: Node): string[] {
  const out = [name.text];
  let n: Node = name;
  for (let i = 0; i < 12; i++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type === 'call') {
      const returned = ownFunctionReturn(facts, n);
      if (!returned) break;
      n = returned;
      continue;
    }
    if (n.type !== 'identifier') break;
    if (n !== name) out.push(n.text);
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined) break;
    n = a.value;
  }
  return out;
}

/** The key the accessor right above `root` in the chain `obj` reads (`["k"]`, `.get("k")`, `.k`). */
function firstKey(facts: FileFacts, obj: Node, root: Node): PyValue | undefined {
  let n = obj;
  for (let i = 0; i < 32; i++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    const inner = n.type === 'subscript' ? n.childForFieldName('value') : n.type === 'attribute' ? n.childForFieldName('object')
      : n.type === 'call' && isGetCall(n) ? n.childForFieldName('function')!.childForFieldName('object') : null;
    if (!inner) return undefined;
    if (inner.id === root.id) {
      if (n.type === 'subscript') return subscriptKey(facts, n, 0);
      if (n.type === 'attribute') return { kind: 'str', value: n.childForFieldName('attribute')!.text };
      const args = positionalArgs(n);
      return args?.[0] ? evaluate(facts, args[0]) : undefined;
    }
    n = inner;
  }
  return undefined;
}

const changes = new KeptKey<Map<string, 'all' | Set<string>>>();
const scriptTexts = new KeptKey<string>();

/** The whole script's text (every section), once per facts; undefined for facts not built from sections. */
function scriptText(facts: FileFacts): string | undefined {
  let text = scriptTexts.get(facts);
  if (text === undefined) {
    const parts = sectionFactsOf(facts);
    if (!parts) return undefined;
    text = parts.map((p) => p.text).join('\n');
    scriptTexts.set(facts, text);
  }
  return text;
}

const CHAIN = String.raw`(?:\s*(?:\[[^\]\n]*\]|\.\s*[A-Za-z_]\w*))*`;
/** The first accessor of a chain (group 1): a literal string key (group 2 or 3) or an attribute (group 4); any other subscript is any key. */
const FIRST = String.raw`(\s*\[\s*"([^"\]\n]*)"\s*\]|\s*\[\s*'([^'\]\n]*)'\s*\]|\s*\.\s*([A-Za-z_]\w*)|\s*\[[^\]\n]*\])`;
const AUGMENTED = String.raw`(?:[-+*/%&|^@]|//|\*\*|<<|>>)=`;
const MUTATORS = 'update|setdefault|pop|popitem|clear|append|extend|insert|remove|sort|reverse|__setitem__|__delitem__|merge_with|set_struct|set_readonly';
/** Calls that read what they are given and keep nothing of it. */
const READERS = /^(print|len|str|repr|isinstance|type|id|hash|pprint(\.pprint)?|json\.dumps?|yaml\.(safe_)?dump|copy\.deepcopy|deepcopy|OmegaConf\.to_yaml|OmegaConf\.to_container|(logging|logger|log|LOGGER|LOG)\.\w+|wandb\.init)$/;

/**
 * The top-level keys of the dict named `name` that may change after it is built, or `'all'` (see the file's comment):
 * a write, `del`, mutating method, alias, `for` or call argument under `name["k"]` changes key `k`; one on the name
 * itself or under a key that is not a literal string changes every key. Conservative: any such statement anywhere in
 * the script, in any function, counts.
 */
export function changedKeys(facts: FileFacts, name: string, depth: number): 'all' | Set<string> {
  let memo = changes.get(facts);
  if (!memo) changes.set(facts, (memo = new Map()));
  const known = memo.get(name);
  if (known !== undefined) return known;
  memo.set(name, 'all'); // a cycle of aliases: not exact
  const result = depth > MAX_ALIAS_DEPTH ? 'all' : computeChanged(facts, name, depth);
  memo.set(name, result);
  return result;
}

/** Whether the dict named `name` may change anywhere (any of its keys). */
export function escapes(facts: FileFacts, name: string, depth: number): boolean {
  const c = changedKeys(facts, name, depth);
  return c === 'all' || c.size > 0;
}

function computeChanged(facts: FileFacts, name: string, depth: number): 'all' | Set<string> {
  const text = scriptText(facts);
  if (text === undefined) return 'all';
  const changed = new Set<string>();
  let all = false;
  /** Changes under the chain that starts with `first` (a match of FIRST; undefined: on the name itself). */
  const under = (m: RegExpMatchArray | undefined, at: number) => {
    const key = m?.[at + 1] ?? m?.[at + 2] ?? m?.[at + 3];
    if (key === undefined) all = true; else changed.add(key);
  };
  const n = name.replace(/[$]/g, '\\$&');
  const at = String.raw`(?<![\w.])${n}\b`;
  // A write under the name (`cfg["lr"] = …`, `cfg["model"]["id"] = …`, `cfg.model.name = …`, `+=`).
  for (const m of text.matchAll(new RegExp(`${at}${FIRST}${CHAIN}\\s*(?:=(?!=)|${AUGMENTED})`, 'g'))) under(m, 1);
  if (new RegExp(`${at}\\s*${AUGMENTED}`).test(text)) all = true; // `cfg |= {…}`
  for (const m of text.matchAll(new RegExp(String.raw`\bdel\b[^\n]*${at}(?:${FIRST})?`, 'g'))) under(m[1] ? m : undefined, 1);
  if (new RegExp(String.raw`\b(?:global|nonlocal)\b[^\n]*${at}`).test(text)) all = true;
  for (const m of text.matchAll(new RegExp(`${at}(?:${FIRST})?${CHAIN}\\s*\\.\\s*(?:${MUTATORS})\\s*\\(`, 'g'))) under(m[1] ? m : undefined, 1);
  if (all) return 'all';
  // A `for` over it binds its items to a name: exact only when they are strings or numbers (nothing to change through them).
  for (const m of text.matchAll(new RegExp(String.raw`\bfor\b[^\n]*\bin\s+${n}((?:\s*\[[^\]\n]*\])*)\s*(?:\.\s*(items|values|keys)\s*\(\s*\))?`, 'g'))) {
    if (m[2] === 'keys') continue;
    const v = textChainValue(facts, name, m[1]);
    const items = v?.kind === 'dict' ? v.entries.map((e) => e[1]) : v?.kind === 'list' || v?.kind === 'tuple' ? v.items : undefined;
    if (v?.kind === 'dict' && !m[2]) continue; // `for k in cfg`: its keys, strings
    if (!items || items.some((x) => x.kind === 'dict' || x.kind === 'list' || x.kind === 'tuple' || x.kind === 'unknown')) {
      const key = /^\s*\[\s*(["'])([^"'\]]*)\1\s*\]/.exec(m[1]);
      if (key) changed.add(key[2]); else return 'all';
    }
  }
  // Aliases: `model_cfg = CONFIG["model"]` changes CONFIG["model"] when it changes.
  for (const m of text.matchAll(new RegExp(String.raw`(?:^|[\n;])[ \t]*([A-Za-z_]\w*)[ \t]*(?::[^\n=]*)?=[ \t]*${n}\b(${CHAIN})[ \t]*(?=$|[\n;#])`, 'g'))) {
    if (m[1] === name) continue;
    // An alias of a string or a number (`MODEL = cfg["model_name"]`) changes nothing.
    const values = assignmentsTo(facts, m[1]).map((a) => a.value).filter((v) => readsName(v, name));
    if (values.length && values.every((v) => scalarAt(facts, v))) continue;
    if (!escapes(facts, m[1], depth + 1)) continue;
    const key = /^\s*(?:\[\s*(["'])([^"'\]]*)\1\s*\]|\.\s*([A-Za-z_]\w*))/.exec(m[2]);
    if (key) changed.add(key[2] ?? key[3]); else return 'all';
  }
  // Passed to a call that may keep or change it.
  for (const c of facts.calls) {
    for (const a of c.node.childForFieldName('arguments')?.namedChildren ?? []) {
      if (!a || a.type === 'comment' || a.type === 'dictionary_splat' || a.type === 'list_splat') continue;
      const v = a.type === 'keyword_argument' ? a.childForFieldName('value') : a;
      if (!v || !readsName(v, name)) continue;
      if (READERS.test(c.calleeText) || READERS.test(c.qualified ?? '')) continue;
      if (scalarAt(facts, v)) continue;
      const root = chainRoot(v);
      const key = root === v ? undefined : firstKey(facts, v, root);
      if (key?.kind === 'str') changed.add(key.value); else return 'all';
    }
  }
  return changed;
}

/** The value of `name` followed by literal subscripts written as text (`["model"][0]`), undefined when any is not literal. */
function textChainValue(facts: FileFacts, name: string, chain: string): PyValue | undefined {
  const a = assignmentsTo(facts, name);
  if (a.length !== 1 || a[0].unpackIndex !== undefined) return undefined;
  let v: PyValue | undefined = rawChain(facts, a[0].value, 0) ?? evaluate(facts, a[0].value);
  for (const seg of chain.matchAll(/\[\s*(?:(["'])([^"'\]]*)\1|(-?\d+))\s*\]|(\S)/g)) {
    if (seg[4] !== undefined || !v) return undefined;
    v = entry(v, seg[3] !== undefined ? { kind: 'num', value: Number(seg[3]) } : { kind: 'str', value: seg[2] });
  }
  return v;
}

/** `v` is `name` or a subscript, attribute or `.get` chain on it. */
function readsName(v: Node, name: string): boolean {
  const n = chainRoot(v);
  return n.type === 'identifier' && n.text === name;
}

/** The chain reads a string, a number, a bool or None (passing it on cannot change the dict). */
function scalarAt(facts: FileFacts, v: Node): boolean {
  const value = rawChain(facts, v, 0);
  return value?.kind === 'str' || value?.kind === 'num' || value?.kind === 'bool' || value?.kind === 'none';
}

/** What a read chain on a name reads, without asking whether the dict is exact (`escapes` asks this). */
function rawChain(facts: FileFacts, n: Node, depth: number): PyValue | undefined {
  if (depth > 32) return undefined;
  if (n.type === 'parenthesized_expression' && n.namedChildren[0]) return rawChain(facts, n.namedChildren[0], depth + 1);
  if (n.type === 'identifier') {
    const target = resolveExpression(facts, n);
    return target !== n && (target.type === 'subscript' || target.type === 'attribute' || (target.type === 'call' && isGetCall(target)))
      ? rawChain(facts, target, depth + 1) : evaluate(facts, n);
  }
  if (n.type === 'subscript') {
    const obj = n.childForFieldName('value');
    const v = obj ? rawChain(facts, obj, depth + 1) : undefined;
    return v && entry(v, subscriptKey(facts, n, 0));
  }
  if (n.type === 'call' && isGetCall(n)) {
    const args = positionalArgs(n);
    const v = rawChain(facts, n.childForFieldName('function')!.childForFieldName('object')!, depth + 1);
    const key = args?.[0] && evaluate(facts, args[0]);
    if (!args || args.length > 2 || v?.kind !== 'dict' || key?.kind !== 'str') return undefined;
    return v.entries.find(([k]) => k === key.value)?.[1] ?? (args[1] ? evaluate(facts, args[1]) : { kind: 'none' });
  }
  if (n.type === 'attribute') {
    const obj = n.childForFieldName('object');
    const v = obj ? rawChain(facts, obj, depth + 1) : undefined;
    return v?.kind === 'dict' && v.attributes ? v.entries.find(([k]) => k === n.childForFieldName('attribute')?.text)?.[1] : undefined;
  }
  return undefined;
}

/**
 * The expression an entry of a dict literal is written as (`CONFIG["train"]` → the `{…}` under `"train"`), read through
 * names and literal keys, when the dict is exact (`escapes`). For `**CONFIG["train"]` (`domain/spread-arguments.ts`).
 */
export function subscriptTarget(facts: FileFacts, node: Node, depth = 0): Node | undefined {
  if (depth > 12) return undefined;
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'identifier') {
    if (conditionalAlternatives(facts, n)) return undefined;
    const a = reachingAssignment(facts, n.text, n);
    return a && a.unpackIndex === undefined ? subscriptTarget(facts, a.value, depth + 1) ?? a.value : undefined;
  }
  if (n.type !== 'subscript') return n;
  const obj = n.childForFieldName('value');
  const key = subscriptKey(facts, n, 0);
  if (!obj || !exactRoot(facts, obj, key)) return undefined;
  const dict = subscriptTarget(facts, obj, depth + 1);
  if (dict?.type !== 'dictionary' || key.kind !== 'str') return undefined;
  let found: Node | undefined;
  for (const c of dict.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.type !== 'pair') return undefined; // `**other` inside: the entry may come from it
    const k = c.childForFieldName('key');
    const kv = k ? evaluate(facts, k) : UNKNOWN;
    if (kv.kind !== 'str') return undefined;
    if (kv.value === key.value) found = c.childForFieldName('value') ?? undefined; // the last one wins, as in Python
  }
  return found && (subscriptTarget(facts, found, depth + 1) ?? found);
}
