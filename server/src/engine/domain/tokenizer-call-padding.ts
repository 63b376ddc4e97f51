// How many sequences a tokenizer call encodes, and the padding it asks for: what TL004 needs to know whether
// `padding=True` can write any pad position at all (a call that encodes one sequence pads nothing).
import type { Node } from 'web-tree-sitter';
import { reachingAssignment } from '../facts/reaching';
import { parameterAnnotation } from '../facts/own-functions';
import type { CallFact } from '../facts/types';
import { evaluate, evaluateBool } from '../facts/values';
import type { RuleContext } from '../rules/context';
import { resolveLocal } from './label-flow';

/** The padding a tokenizer call asks for, when it pads to a length ("max_length", True, "longest"). */
export function padsTo(ctx: RuleContext, call: CallFact): string | undefined {
  const p = call.keywords.get('padding');
  if (!p) return undefined;
  const v = evaluate(ctx.facts, p.value);
  if (v.kind === 'bool' && v.value) return 'padding=True';
  if (v.kind === 'str' && (v.value === 'max_length' || v.value === 'longest')) return `padding="${v.value}"`;
  return undefined;
}

/** Is the function `fn` mapped with `batched=True` (true), without it (false), or unknown/mixed (undefined)? */
export function mappedBatched(ctx: RuleContext, fn: Node | null): boolean | undefined {
  if (!fn) return undefined;
  const name = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  const maps = ctx.facts.calls.filter((c) => c.method === 'map' && (c.positional[0] ?? c.keywords.get('function'))?.value
    && (name ? (c.positional[0] ?? c.keywords.get('function'))!.value.text === name : (c.positional[0] ?? c.keywords.get('function'))!.value.id === fn.id));
  if (maps.length === 0) return undefined;
  const values = maps.map((m) => (m.keywords.has('batched') ? evaluateBool(ctx.facts, m.keywords.get('batched')!.value) : false));
  return values.every((v) => v === values[0]) ? values[0] : undefined;
}

/** A text built in place: a string or f-string, `"…" + x`, `"…".format(…)`. */
function stringShaped(n: Node | undefined): boolean {
  if (!n) return false;
  if (n.type === 'string' || n.type === 'concatenated_string') return true;
  if (n.type === 'binary_operator') return stringShaped(n.childForFieldName('left') ?? undefined) || stringShaped(n.childForFieldName('right') ?? undefined);
  const fn = n.type === 'call' ? n.childForFieldName('function') : null;
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format' && stringShaped(fn.childForFieldName('object') ?? undefined);
}

/**
 * The tokenizer call encodes one sequence, so `padding=True` / `"longest"` (pad to the longest sequence of the call)
 * adds nothing (transformers `_pad`: `if padding_strategy == PaddingStrategy.LONGEST: max_length = len(required_input)`).
 * Proven when the text is a list (or tuple) of one element (`tokenizer([text], padding=True)`), when the same function
 * appends one id to the result's `input_ids` (alpaca-lora's `tokenize`: `result["input_ids"].append(tokenizer.eos_token_id)`),
 * or when the function is mapped without `batched=True` and tokenizes a text it builds (an f-string, `"…" + x`,
 * `"…".format(…)`), or when the text is a parameter annotated `str`.
 */
export function encodesOneSequence(ctx: RuleContext, tokCall: CallFact, base: Node, scope: Node | null): boolean {
  const first = tokCall.positional[0]?.value ?? tokCall.keywords.get('text')?.value;
  if (tokCall.keywords.has('pad_to_multiple_of')) return false;
  // A batch written as a one-element list (`processor(text=[prompt], images=[[img]], padding=True)`,
  // dextercorley19/qwen2.5-structured-output-lora `lightweight_trainer.py`): the longest sequence of the call is its only one.
  if (first && (first.type === 'list' || first.type === 'tuple')) {
    const items = first.namedChildren.filter((c) => c.type !== 'comment');
    return items.length === 1 && !/splat/.test(items[0].type);
  }
  if (first && first.type === 'list_comprehension') return false;
  // A parameter annotated `str`, not rebound before the call: one text, one sequence (oKatanaaa/kolibrify
  // `core/data_utils.py`: `def tokenize(self, prompt: str)` calls `self.tokenizer(prompt, …, padding=True)`).
  if (first?.type === 'identifier' && scope?.type === 'function_definition' && parameterAnnotation(scope, first.text) === 'str'
    && !reachingAssignment(ctx.facts, first.text, first)) return true;
  const ids = new Set([`${base.text}["input_ids"]`, `${base.text}['input_ids']`, `${base.text}.input_ids`]);
  if (base.type === 'identifier' && ctx.facts.calls.some((c) => c.method === 'append' && c.positional.length === 1
    && (c.scope?.id ?? null) === (scope?.id ?? null) && ids.has(c.receiver?.text ?? ''))) return true;
  return mappedBatched(ctx, scope) === false && stringShaped(first ? resolveLocal(ctx.facts, first) : undefined);
}
