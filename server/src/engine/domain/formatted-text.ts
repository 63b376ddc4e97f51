/**
 * Training text a formatting function builds by hand: f-strings, `"…".format(…)`, `%` and `+`
 * concatenation, found through the function's returned dict / string / list (comprehensions and
 * `texts.append(…)`), `example["text"] = …`, and the text handed to `tokenizer(…)`.
 * Used by TL104 (no EOS appended) and TL120 (`.format` values without a field).
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../facts/build';
import { callsWhere } from '../facts/selections';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate, evaluateString } from '../facts/values';
import { isTokenizingCall, resolveLocal } from './label-flow';
import { isSftLike, trainerArg, type TrainerFact } from './trainers';
import type { DatasetModel } from '../dataset/model';
import type { DatasetState } from '../dataset/state';

export interface FormattingFunction {
  /** `function_definition` or `lambda`. */
  node: Node;
  name: string;
}

/** The function a `.map()` / `formatting_func=` argument names, when it is defined in the file. */
export function formattingFunction(facts: FileFacts, arg: Node | undefined): FormattingFunction | undefined {
  if (!arg) return undefined;
  if (arg.type === 'lambda') return { node: arg, name: 'lambda' };
  if (arg.type === 'identifier') {
    const f = facts.functions.get(arg.text);
    return f ? { node: f.node, name: f.name } : undefined;
  }
  return undefined;
}

/**
 * The dataset column a trainer trains on as text: an SFT-like trainer's `dataset_text_field` (`"text"` when absent,
 * undefined when given but not evaluable), `"text"` for the others.
 */
export function trainingTextField(facts: FileFacts, t: TrainerFact): string | undefined {
  if (!isSftLike(t)) return 'text';
  const arg = trainerArg(t, 'dataset_text_field');
  return arg ? evaluateString(facts, arg.value) : 'text';
}

/**
 * The functions that build a trainer's training text: its `formatting_func` (SFT-like trainers), then each `.map()`
 * function of its train dataset's chain (`steps`), in order. `formattingFunc`: the function returns the text itself.
 */
export function trainingTextFunctions(facts: FileFacts, datasets: DatasetModel, t: TrainerFact, steps: DatasetState['steps']):
  Array<{ fn: FormattingFunction; formattingFunc: boolean }> {
  const out: Array<{ fn: FormattingFunction; formattingFunc: boolean }> = [];
  const ff = isSftLike(t) ? formattingFunction(facts, trainerArg(t, 'formatting_func')?.value) : undefined;
  if (ff) out.push({ fn: ff, formattingFunc: true });
  for (const s of steps) {
    const call = datasets.callAt(s.node);
    if (call?.method !== 'map') continue;
    const fn = formattingFunction(facts, (call.positional[0] ?? call.keywords.get('function'))?.value);
    if (fn) out.push({ fn, formattingFunc: false });
  }
  return out;
}

function returnsOf(facts: FileFacts, fn: Node): Node[] {
  if (fn.type === 'lambda') {
    const body = fn.childForFieldName('body');
    return body ? [body] : [];
  }
  const f = facts.functions.get(fn.childForFieldName('name')?.text ?? '');
  return f && f.node.id === fn.id ? f.returns : [];
}

/** `.append(x)` calls on `list` inside `fn`. */
function appended(facts: FileFacts, fn: Node, list: string): Node[] {
  return facts.calls
    .filter((c) => c.method === 'append' && c.receiver?.text === list && c.scope?.id === fn.id && c.positional[0])
    .map((c) => c.positional[0].value);
}

/** Expressions a value stands for: a list comprehension's body, a list's appended items, a literal list's items. */
function expand(facts: FileFacts, fn: Node, node: Node): Node[] {
  if (node.type === 'list_comprehension' || node.type === 'generator_expression') {
    const body = node.childForFieldName('body');
    return body ? expand(facts, fn, body) : [];
  }
  if (node.type === 'identifier') {
    const resolved = resolveLocal(facts, node);
    if (resolved.type === 'list' && resolved.namedChildren.length === 0) return appended(facts, fn, node.text).flatMap((x) => expand(facts, fn, x));
    if (resolved.id !== node.id) return expand(facts, fn, resolved);
    return [node];
  }
  return [resolveLocal(facts, node)];
}

/** Every text `fn` returns, when each one is built by hand (undefined when any is not, or there is none). */
export function returnedTexts(facts: FileFacts, fn: Node): Node[] | undefined {
  const all = returnsOf(facts, fn).flatMap((r) => expand(facts, fn, r));
  return all.length > 0 && all.every((n) => formattedKind(facts, n) !== undefined) ? all : undefined;
}

/**
 * The hand-built text values of `fn`: for `keys`, the values stored under those keys (returned dict,
 * `ex[key] = …`); `returnsText`: the function returns the text itself (`formatting_func`);
 * `tokenized`: text passed to a tokenizer call inside the function. Only texts built by hand, unless `anyExpression`.
 */
export function builtTexts(facts: FileFacts, byNode: Map<number, CallFact>, fn: Node,
  opts: { keys?: string[]; returnsText?: boolean; tokenized?: boolean; anyExpression?: boolean }): Node[] {
  const out: Node[] = [];
  const keys = opts.keys ?? [];
  for (const r of returnsOf(facts, fn)) {
    const value = resolveLocal(facts, r);
    if (value.type === 'dictionary') {
      for (const pair of value.namedChildren) {
        if (pair?.type !== 'pair') continue;
        const k = pair.childForFieldName('key');
        const v = pair.childForFieldName('value');
        const key = k ? evaluate(facts, k) : undefined;
        if (v && key?.kind === 'str' && keys.includes(key.value)) out.push(...expand(facts, fn, v));
      }
    } else if (opts.returnsText) {
      out.push(...expand(facts, fn, r));
    }
  }
  for (const a of facts.assignments) {
    if (a.subscriptKey !== undefined && keys.includes(a.subscriptKey) && a.scope?.id === fn.id) out.push(...expand(facts, fn, a.value));
  }
  if (opts.tokenized) {
    for (const c of callsWhere(facts, isTokenizingCall)) {
      if (enclosingFunction(c.node)?.id !== fn.id) continue;
      const text = c.keywords.get('text') ?? c.positional[0];
      if (text) out.push(...expand(facts, fn, text.value));
    }
  }
  return opts.anyExpression ? out : out.filter((n) => formattedKind(facts, n) !== undefined);
}

function isFString(node: Node): boolean {
  return node.type === 'string' && /^[a-z]*f/i.test(node.child(0)?.text ?? '') && node.namedChildren.some((c) => c?.type === 'interpolation');
}

/** How a text expression is built by hand, or undefined when it is not. */
export function formattedKind(facts: FileFacts, node: Node): 'fstring' | 'format' | 'concat' | 'percent' | undefined {
  if (isFString(node)) return 'fstring';
  if (node.type === 'concatenated_string' && node.namedChildren.some((c) => c && isFString(c))) return 'concat';
  if (node.type === 'call') {
    const fn = node.childForFieldName('function');
    const obj = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && obj
      && (obj.type === 'string' || obj.type === 'concatenated_string' || evaluateString(facts, obj) !== undefined)) return 'format';
    return undefined;
  }
  if (node.type === 'binary_operator') {
    const op = node.childForFieldName('operator')?.text;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return undefined;
    if (op === '%' && (left.type === 'string' || evaluateString(facts, left) !== undefined)) return 'percent';
    if (op === '+') {
      const leaf = (n: Node): boolean => n.type === 'string' || n.type === 'concatenated_string' || formattedKind(facts, n) !== undefined;
      if (leaf(left) || leaf(right)) return 'concat';
    }
  }
  return undefined;
}

/** The literal template text of an expression (f-string parts, `.format`/`%` templates), for EOS-literal checks. */
export function templateText(facts: FileFacts, node: Node): string {
  let text = node.text;
  for (const id of node.descendantsOfType('identifier')) {
    const v = evaluateString(facts, id);
    if (v) text += `\n${v}`;
  }
  return text;
}
