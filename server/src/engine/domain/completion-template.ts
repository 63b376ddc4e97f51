/**
 * `DataCollatorForCompletionOnlyLM` templates checked against the text a trainer's formatting function builds by
 * hand: a template that occurs in none of its literal text can only match when the data itself spells it.
 * Used by TL101.
 */
import type { Node } from 'web-tree-sitter';
import type { ArgFact } from '../facts/types';
import { evaluateString } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import type { RuleContext } from '../rules/context';
import { isCompletionOnlyCollator } from './collators';
import { formattingFunction, returnedTexts, templateText } from './formatted-text';
import { isSftLike, trainerArg, type TrainerFact } from './trainers';

export interface UnwrittenTemplate {
  arg: ArgFact;
  param: 'response_template' | 'instruction_template';
  value: string;
  fn: string;
  trainer: TrainerFact;
}

/** Template text compared as the source spells it: no escapes, quotes or braces, something left after trimming. */
const PLAIN = /^[^\\"'{}\n\t]*\S[^\\"'{}\n\t]*$/;
const TOKEN_ATTRIBUTES = new Set(['eos_token', 'bos_token', 'pad_token', 'unk_token', 'sep_token']);

/**
 * Could the text hold arbitrary words besides its literal parts? Data fields (`example["q"][i]`), token attributes
 * (`tokenizer.eos_token`), names that evaluate to strings and `.format` keywords are known; any other name is not.
 */
function hasOpenParts(ctx: RuleContext, text: Node): boolean {
  for (const id of text.descendantsOfType('identifier')) {
    if (!id) continue;
    if (evaluateString(ctx.facts, id) !== undefined) continue;
    const parent = id.parent;
    if (!parent) return true;
    if (parent.type === 'subscript') continue;
    if (parent.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
    if (parent.type === 'attribute') {
      const attr = parent.childForFieldName('attribute');
      if (attr?.id === id.id) continue;
      if (attr && TOKEN_ATTRIBUTES.has(attr.text)) continue;
      if (attr?.text === 'format' && parent.parent?.type === 'call') continue;
      return true;
    }
    return true;
  }
  return false;
}

/** The collator call the trainer's `data_collator=` names (directly or through a variable). */
function collatorNode(ctx: RuleContext, t: TrainerFact): Node | undefined {
  const v = trainerArg(t, 'data_collator')?.value;
  if (!v) return undefined;
  if (v.type === 'identifier') return reachingAssignment(ctx.facts, v.text, t.call.node)?.value;
  return v;
}

export function completionTemplatesNotWritten(ctx: RuleContext): UnwrittenTemplate[] {
  const out: UnwrittenTemplate[] = [];
  for (const t of ctx.trainers) {
    if (!isSftLike(t) || t.call.hasSplat) continue;
    const node = collatorNode(ctx, t);
    const call = node && ctx.callOf(node);
    if (!call || !isCompletionOnlyCollator(call) || call.hasSplat) continue;
    const ff = formattingFunction(ctx.facts, trainerArg(t, 'formatting_func')?.value);
    const texts = ff && returnedTexts(ctx.facts, ff.node);
    if (!ff || !texts || texts.some((x) => hasOpenParts(ctx, x))) continue;
    const written = texts.map((x) => templateText(ctx.facts, x));
    const params = [['response_template', call.keywords.get('response_template') ?? call.positional[0]],
      ['instruction_template', call.keywords.get('instruction_template')]] as const;
    for (const [param, arg] of params) {
      const value = arg && evaluateString(ctx.facts, arg.value);
      if (!arg || value === undefined || !PLAIN.test(value)) continue;
      if (written.some((w) => w.includes(value.trim()))) continue;
      out.push({ arg, param, value, fn: ff.name, trainer: t });
    }
  }
  return out;
}
