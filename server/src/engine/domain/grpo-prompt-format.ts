/**
 * Whether the `prompt` column a GRPO train set reaches the trainer with is provably conversational (a list of
 * messages) or provably text, read from the script: the last `map` that writes `prompt` (a lambda or the script's own
 * `def` returning a dict literal), or the rows of a literal dataset. GRPOTrainer passes reward functions each completion
 * as `[{"role": "assistant", "content": …}]` when the prompt is conversational and as a string otherwise
 * (`is_conversational(inputs[0])`, huggingface/trl `trl/trainer/grpo_trainer.py` v0.14.0 through v1.9.0).
 */
import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { mapOutputs } from '../dataset/map-outputs';
import type { FileFacts } from '../facts/types';
import { literalString, rowFunction, unwrap } from './row-functions';

export type PromptKind = 'conversational' | 'text';

export interface PromptFormat {
  kind: PromptKind;
  /** The value that decides it (the `prompt` entry of the map's dict, or the dataset's origin for literal rows). */
  node: Node;
}

/** Steps that keep every row's `prompt` as it was (or drop rows). Any other step (a rename, an unknown method) stops the reading. */
const KEEPS_PROMPT = new Set(['filter', 'shuffle', 'select', 'take', 'skip', 'train_test_split', 'sort', 'flatten_indices', 'with_format', 'set_format']);

export function trainPromptFormat(facts: FileFacts, source: { text: string }, ds: DatasetState): PromptFormat | undefined {
  if (ds.isDict) return undefined;
  for (let i = ds.steps.length - 1; i >= 0; i--) {
    const step = ds.steps[i];
    if (step.label === 'map' || step.label.startsWith('map(')) {
      const found = mapPrompt(facts, source, step.node);
      if (found === 'unknown') return undefined;
      if (found) return found;
      continue;
    }
    if (step.label === 'remove_columns' || step.label === 'select_columns') {
      // The column stays or goes; either way the rows that reach the trainer hold what earlier steps wrote.
      continue;
    }
    if (!KEEPS_PROMPT.has(step.label)) return undefined;
  }
  return literalRows(ds);
}

/** The format a `map` step gives `prompt`; undefined when it provably leaves `prompt` alone, 'unknown' when not provable. */
function mapPrompt(facts: FileFacts, source: { text: string }, call: Node): PromptFormat | 'unknown' | undefined {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((a): a is Node => !!a && a.type !== 'comment') ?? [];
  const kw = (name: string) => args.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === name)?.childForFieldName('value');
  const batched = kw('batched');
  if (batched && batched.type !== 'false') return 'unknown';
  const fnArg = kw('function') ?? args.find((a) => a.type !== 'keyword_argument');
  if (!fnArg) return 'unknown';
  const fn = rowFunction(facts, source, fnArg);
  if (!fn) return 'unknown';
  const dicts = returnedDicts(fn.node, fn.body);
  if (!dicts) {
    // Not a dict literal: provably silent on `prompt` only when the function's output keys are known and exclude it.
    const outs = fn.node.type === 'function_definition' ? mapOutputs(facts, fn.node) : undefined;
    return outs && !outs.keepsInput && !outs.keys.includes('prompt') ? undefined : 'unknown';
  }
  let format: PromptFormat | undefined;
  let without = 0;
  for (const d of dicts) {
    if (d.namedChildren.some((c) => c?.type === 'dictionary_splat')) return 'unknown';
    const pair = d.namedChildren.find((c) => c?.type === 'pair' && literalString(c.childForFieldName('key')) === 'prompt');
    const value = pair?.childForFieldName('value');
    if (!value) { without++; continue; }
    const kind = valueKind(value);
    if (!kind || (format && format.kind !== kind)) return 'unknown';
    format = { kind, node: value };
  }
  // A map whose every dict leaves `prompt` out keeps the column as it was; one that writes it on some paths only is not read.
  if (without === dicts.length) return undefined;
  return without === 0 ? format : 'unknown';
}

/** The dict literals a lambda's body or a def's every `return` gives (undefined when any return is something else). */
function returnedDicts(fn: Node, body: Node): Node[] | undefined {
  if (fn.type === 'lambda') {
    const b = unwrap(body);
    return b.type === 'dictionary' ? [b] : undefined;
  }
  const returns = body.descendantsOfType('return_statement').filter((r): r is Node => !!r && ownFunction(r)?.id === fn.id);
  if (returns.length === 0) return undefined;
  const out: Node[] = [];
  for (const r of returns) {
    const v = r.namedChildren[0] ? unwrap(r.namedChildren[0]) : undefined;
    if (v?.type !== 'dictionary') return undefined;
    out.push(v);
  }
  return out;
}

function ownFunction(n: Node): Node | undefined {
  for (let p = n.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return undefined;
}

/** A list literal of message dicts (each with a literal "role" key) is conversational; a string expression is text. */
function valueKind(value: Node): PromptKind | undefined {
  const v = unwrap(value);
  if (v.type === 'list') {
    const items = v.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
    const messages = items.length > 0 && items.every((m) => m.type === 'dictionary'
      && m.namedChildren.some((p) => p?.type === 'pair' && literalString(p.childForFieldName('key')) === 'role'));
    return messages ? 'conversational' : undefined;
  }
  return isText(v) ? 'text' : undefined;
}

function isText(v: Node): boolean {
  if (v.type === 'string' || v.type === 'concatenated_string') return true;
  if (v.type === 'binary_operator' && v.childForFieldName('operator')?.text === '+') {
    const l = v.childForFieldName('left'), r = v.childForFieldName('right');
    return (!!l && isText(unwrap(l))) || (!!r && isText(unwrap(r)));
  }
  if (v.type !== 'call') return false;
  const callee = v.childForFieldName('function');
  if (callee?.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text;
  const obj = callee.childForFieldName('object');
  // `"…".format(…)`, `"\n".join(…)` on a string literal.
  if ((method === 'format' || method === 'join') && obj && (obj.type === 'string' || obj.type === 'concatenated_string')) return true;
  // `tokenizer.apply_chat_template(…, tokenize=False)` renders text.
  if (method === 'apply_chat_template') {
    const tokenize = v.childForFieldName('arguments')?.namedChildren.find((a) => a?.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'tokenize');
    return tokenize?.childForFieldName('value')?.type === 'false';
  }
  return false;
}

/** Literal rows (`Dataset.from_list([...])`, `from_dict`): every row's `prompt` of one format. */
function literalRows(ds: DatasetState): PromptFormat | undefined {
  const rows = ds.rows;
  if (!rows || rows.length === 0) return undefined;
  let kind: PromptKind | undefined;
  for (const r of rows) {
    const p = r.prompt;
    const k: PromptKind | undefined = typeof p === 'string' ? 'text'
      : Array.isArray(p) && p.length > 0 && p.every((m) => !!m && typeof m === 'object' && 'role' in (m as object)) ? 'conversational' : undefined;
    if (!k || (kind && kind !== k)) return undefined;
    kind = k;
  }
  return kind ? { kind, node: ds.origin } : undefined;
}
