/**
 * What a `.map(fn)` function adds to a dataset: the keys of the dict it returns,
 * `tokenizer(...)` outputs, keys written with `out["k"] = …`. Undefined when unknown.
 */
import { KeptKey } from '../syntax/kept-with';
import { holdsSyntaxError } from '../syntax/syntax-errors';
import type { Node } from 'web-tree-sitter';
import type { FileFacts, FunctionFact } from '../facts/types';
import { evaluate } from '../facts/values';
import { tokenizesByName } from '../domain/label-flow';

export interface MapOutputs {
  /** Keys the function's result has. */
  keys: string[];
  /** The result also keeps every input column (`return example`, `{**example, …}`). */
  keepsInput: boolean;
}

const TOKENIZER_OUTPUT = ['input_ids', 'attention_mask'];

/**
 * The keys of a tokenizer call's BatchEncoding. With both a text and `text_target=`, transformers puts the
 * target's ids under "labels" (`PreTrainedTokenizerBase.__call__`: `encodings["labels"] =
 * target_encodings["input_ids"]`, tokenization_utils_base.py since v4.22); `text_target=` alone encodes the
 * target as the input. The layout tokenizers and processors (LayoutLMv2/v3, LayoutXLM, UDOP) return "labels"
 * for `word_labels=` (their `__call__`, e.g. tokenization_layoutlmv3.py: `encoded_inputs["labels"] = labels`).
 */
function tokenizerOutput(call: Node): string[] {
  const args = call.childForFieldName('arguments')?.namedChildren ?? [];
  let text = false;
  let target = false;
  let positional = 0;
  let wordLabels = false;
  for (const a of args) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'keyword_argument') {
      const name = a.childForFieldName('name')?.text;
      const isNone = a.childForFieldName('value')?.type === 'none';
      if (name === 'text' && !isNone) text = true;
      if (name === 'text_target' && !isNone) target = true;
      // LayoutLM v2/v3, LayoutXLM, UDOP and their processors: `word_labels=` becomes "labels" (token classification).
      if (name === 'word_labels' && !isNone) wordLabels = true;
    } else if (a.type !== 'list_splat' && a.type !== 'dictionary_splat') {
      // (text, text_pair, text_target, …)
      if (positional === 0 && a.type !== 'none') text = true;
      if (positional === 2 && a.type !== 'none') target = true;
      positional++;
    }
  }
  return (text && target) || wordLabels ? [...TOKENIZER_OUTPUT, 'labels'] : [...TOKENIZER_OUTPUT];
}

/** A call that returns a BatchEncoding (`tokenizer(...)`, `self.tokenizer(...)`, …). */
function isTokenizerCall(node: Node): boolean {
  const callee = node.type === 'call' ? node.childForFieldName('function') : null;
  return !!callee && tokenizesByName(callee.text);
}

/** `name(` and `def name(` for each function the script defines, once per facts. */
const helperTexts = new KeptKey<Array<[string, string]>>();

function helperCalls(facts: FileFacts): Array<[string, string]> {
  let texts = helperTexts.get(facts);
  if (!texts) helperTexts.set(facts, (texts = [...facts.functions.keys()].map((n) => [`${n}(`, `def ${n}(`])));
  return texts;
}

function findFunction(facts: FileFacts, fnNode: Node): FunctionFact | Node | undefined {
  if (fnNode.type === 'lambda') return fnNode;
  if (fnNode.type === 'identifier') return facts.functions.get(fnNode.text);
  if (fnNode.type === 'call') {
    // functools.partial(fn, ...)
    const callee = fnNode.childForFieldName('function')?.text ?? '';
    const first = fnNode.childForFieldName('arguments')?.namedChildren[0];
    if (/partial$/.test(callee) && first) return findFunction(facts, first);
  }
  return undefined;
}

function subscriptKeysIn(facts: FileFacts, fn: FunctionFact, variable: string): string[] {
  return facts.assignments
    .filter((a) => a.target === variable && a.subscriptKey !== undefined && a.scope?.id === fn.node.id)
    .map((a) => a.subscriptKey!);
}

/** A string literal without interpolation: a key the facts record (`out["k"] = …`). */
function isLiteralKey(node: Node | null): boolean {
  return node?.type === 'string' && !node.namedChildren.some((c) => c?.type === 'interpolation');
}

/**
 * Does `fn` give `variable` keys that cannot be listed: `out[k] = …` with a key that is not a string literal (the
 * facts keep only literal keys), `out.update(…)`, `out.setdefault(…)` or `out |= …`? Then the result's keys are unknown.
 */
function writesUnlistedKeys(fn: FunctionFact, variable: string): boolean {
  for (const n of fn.node.descendantsOfType(['assignment', 'augmented_assignment', 'call'])) {
    if (!n) continue;
    if (n.type === 'call') {
      const callee = n.childForFieldName('function');
      if (callee?.type === 'attribute' && callee.childForFieldName('object')?.text === variable
        && /^(update|setdefault)$/.test(callee.childForFieldName('attribute')?.text ?? '')) return true;
      continue;
    }
    const left = n.childForFieldName('left');
    if (!left) continue;
    if (n.type === 'augmented_assignment' && left.text === variable) return true;
    const targets = left.type === 'subscript' ? [left] : left.namedChildren.filter((t) => t?.type === 'subscript');
    for (const t of targets) {
      if (t?.childForFieldName('value')?.text === variable && !isLiteralKey(t.childForFieldName('subscript'))) return true;
    }
  }
  return false;
}

/**
 * Keys `fn` removes from `variable`: `del variable["k"]`, `variable.pop("k")`; `*` when one is not a literal
 * (`pop(k)`, `popitem()`, `clear()`).
 */
function removedKeys(facts: FileFacts, fn: FunctionFact, variable: string): string[] {
  const literal = (key: Node | null | undefined): string => {
    const v = key && isLiteralKey(key) ? evaluate(facts, key) : undefined;
    return v?.kind === 'str' ? v.value : '*';
  };
  const out: string[] = [];
  for (const n of fn.node.descendantsOfType(['delete_statement', 'call'])) {
    if (!n) continue;
    if (n.type === 'call') {
      const callee = n.childForFieldName('function');
      if (callee?.type !== 'attribute' || callee.childForFieldName('object')?.text !== variable) continue;
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (method === 'popitem' || method === 'clear') out.push('*');
      if (method !== 'pop') continue;
      const key = n.childForFieldName('arguments')?.namedChildren[0] ?? null;
      out.push(literal(key));
      continue;
    }
    for (const t of n.namedChildren) {
      const targets = t?.type === 'expression_list' ? t.namedChildren : [t];
      for (const x of targets) {
        if (x?.type !== 'subscript' || x.childForFieldName('value')?.text !== variable) continue;
        const key = x.childForFieldName('subscript');
        out.push(literal(key));
      }
    }
  }
  return out;
}

function outputsOfExpression(facts: FileFacts, fn: FunctionFact | undefined, expr: Node, params: string[], depth = 0): MapOutputs | undefined {
  if (expr.type === 'dictionary') {
    const keys: string[] = [];
    let keepsInput = false;
    for (const c of expr.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'dictionary_splat') {
        const inner = c.namedChildren[0];
        if (inner?.type === 'identifier' && params.includes(inner.text)) { keepsInput = true; continue; }
        return undefined;
      }
      if (c.type !== 'pair') return undefined;
      const k = c.childForFieldName('key');
      const v = k ? evaluate(facts, k) : undefined;
      if (v?.kind !== 'str') return undefined;
      keys.push(v.value);
    }
    return { keys, keepsInput };
  }
  if (expr.type === 'call') {
    // A helper the script defines (`def tokenize(prompt): …` in alpaca-lora-style scripts): its own returns, even
    // when its name looks like a tokenizer's.
    const callee = expr.childForFieldName('function');
    const helper = callee?.type === 'identifier' ? facts.functions.get(callee.text) : undefined;
    if (helper && helper.node.id !== fn?.node.id) {
      if (depth >= 3) return undefined;
      const out = computeOutputs(facts, helper, depth + 1);
      if (!out?.keepsInput) return out;
      // It returns its first argument: the input columns are kept only if that argument is the example.
      const first = expr.childForFieldName('arguments')?.namedChildren[0];
      return first?.type === 'identifier' && params.includes(first.text) ? out : undefined;
    }
    if (isTokenizerCall(expr)) return { keys: tokenizerOutput(expr), keepsInput: false };
    if (callee?.text === 'dict') {
      const keys: string[] = [];
      for (const a of expr.childForFieldName('arguments')?.namedChildren ?? []) {
        if (a?.type !== 'keyword_argument') return undefined;
        keys.push(a.childForFieldName('name')!.text);
      }
      return { keys, keepsInput: false };
    }
    return undefined;
  }
  if (expr.type === 'identifier' && fn) {
    const name = expr.text;
    if (writesUnlistedKeys(fn, name)) return undefined;
    const extra = subscriptKeysIn(facts, fn, name);
    const removed = removedKeys(facts, fn, name);
    // `del example["x"]; return example`: datasets drops the column from an unformatted dataset's rows (its LazyDict
    // forgets the key, `Dataset.map`'s `prepare_outputs` merges what is left) but keeps it on a formatted one or with
    // `input_columns=` (huggingface/datasets arrow_dataset.py, 5.0.1): not followed.
    if (params.includes(name)) return removed.length ? undefined : { keys: extra, keepsInput: true };
    const assigned = facts.assignments.filter((a) => a.target === name && a.subscriptKey === undefined && a.scope?.id === fn.node.id);
    if (assigned.length === 0) return undefined;
    const base = outputsOfExpression(facts, fn, assigned[assigned.length - 1].value, params, depth);
    if (!base || (removed.length && base.keepsInput)) return undefined;
    // `out.pop("token_type_ids")`, `del out["attention_mask"]`: the returned dict lacks them.
    if (removed.includes('*')) return undefined;
    return { keys: [...new Set([...base.keys, ...extra])].filter((k) => !removed.includes(k)), keepsInput: base.keepsInput };
  }
  return undefined;
}

/**
 * Results by the function's source text (plus the names it reads at module level): typing
 * elsewhere in the script reuses them. Pure data, so they outlive the tree they came from.
 */
const cache = new Map<string, MapOutputs | undefined>();
const MAX_CACHED = 512;

/** Outputs of the function passed to `.map()`; undefined when it cannot be computed. */
export function mapOutputs(facts: FileFacts, fnNode: Node): MapOutputs | undefined {
  const fn = findFunction(facts, fnNode);
  if (!fn) return undefined;
  const node = 'type' in fn ? fn : fn.node;
  // A function that does not parse (a line of it half typed): what it returns is not known (the recovery may leave
  // its body empty, which would read as "returns nothing").
  if (holdsSyntaxError(node)) return undefined;
  // Dict keys may be module constants: only functions whose text has no such reference are cached.
  const key = 'type' in fn ? node.text : fn.text;
  // Nor are those that call a helper the script defines (its text is not in the key).
  const cacheable = !/\{\s*[A-Za-z_]\w*\s*:/.test(key) && !helperCalls(facts).some(([call, def]) => key.includes(call) && !key.startsWith(def));
  if (cacheable && cache.has(key)) return cache.get(key);
  const result = computeOutputs(facts, fn);
  if (cacheable) {
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(key, result);
  }
  return result;
}

function computeOutputs(facts: FileFacts, fn: FunctionFact | Node, depth = 0): MapOutputs | undefined {
  // (A helper it calls that does not parse: not known either.)
  if (depth > 0 && holdsSyntaxError('type' in fn ? fn : fn.node)) return undefined;
  if ('type' in fn) {
    const body = fn.childForFieldName('body');
    const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) => p?.text ?? '');
    return body ? outputsOfExpression(facts, undefined, body, params, depth) : undefined;
  }
  // A function that returns nothing leaves the dataset unchanged (datasets ignores in-place edits).
  if (fn.returns.length === 0) return { keys: [], keepsInput: true };
  let merged: MapOutputs | undefined;
  for (const r of fn.returns) {
    const o = outputsOfExpression(facts, fn, r, fn.params.slice(0, 1), depth);
    if (!o) return undefined;
    merged = merged
      ? { keys: [...new Set([...merged.keys, ...o.keys])], keepsInput: merged.keepsInput || o.keepsInput }
      : o;
  }
  return merged;
}
