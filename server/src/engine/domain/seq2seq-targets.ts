/**
 * Labels that are an encoder-decoder pipeline's tokenized target (T5, BART, Pegasus, Marian, …), not a copy of the
 * model's own inputs: `tokenizer(text_target=…)`, or `model_inputs["labels"] = targets["input_ids"]` beside inputs
 * that another call tokenized, in a script that names an encoder-decoder class. TL004 words its finding for them:
 * padding left in a target is trained after the target's end (the model's loss ignores only -100: transformers
 * 5.18.0 `models/t5/modeling_t5.py` `CrossEntropyLoss(ignore_index=-100)`, `models/bart/modeling_bart.py`
 * `CrossEntropyLoss()`), which is not the causal-LM story of a model that learns to stop early.
 */
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../rules/context';
import type { CallFact } from '../facts/types';
import { evaluateString } from '../facts/values';
import { inputIdsBase, masksIgnoreIndex, resolveLocal, tokenizesByName, type LabelWrite } from './label-flow';

/** Encoder-decoder text models (and `AutoModelForSeq2SeqLM`); not the vision-language `…ForConditionalGeneration`s. */
const SEQ2SEQ_CLASS = /^(AutoModelForSeq2SeqLM|(T5|MT5|UMT5|LongT5|Bart|MBart|PLBart|Pegasus|PegasusX|Marian|M2M100|NllbMoe|LED|Blenderbot|BlenderbotSmall|ProphetNet|FSMT|Whisper|Speech2Text|SpeechT5)ForConditionalGeneration|SpeechT5ForSpeechToText)$/;

/** The script names an encoder-decoder model class in code (an import, a call, a base class). */
export function namesSeq2SeqClass(ctx: RuleContext): boolean {
  const f = ctx.facts;
  const last = (s: string) => s.slice(s.lastIndexOf('.') + 1);
  return f.imports.some((i) => SEQ2SEQ_CLASS.test(last(i.name ?? '')) || SEQ2SEQ_CLASS.test(i.local))
    || f.calls.some((c) => SEQ2SEQ_CLASS.test(last(c.receiver?.text ?? '')) || SEQ2SEQ_CLASS.test(last(c.calleeText)))
    || f.classes.some((c) => c.bases.some((b) => SEQ2SEQ_CLASS.test(last(b))));
}

/** The object a label write stores into: `X` of `X["labels"] = …`. */
function writtenObject(w: LabelWrite): Node | undefined {
  const left = w.node.type === 'assignment' ? w.node.childForFieldName('left') : null;
  return left?.type === 'subscript' ? left.childForFieldName('value') ?? undefined : undefined;
}

/**
 * The model inputs beside a dict pair `"labels": …`: the base of the dict's `"input_ids"` value, or of a `**X` splat.
 * Undefined when the dict shows neither.
 */
function dictInputsBase(ctx: RuleContext, pair: Node): Node | undefined {
  const dict = pair.parent;
  if (dict?.type !== 'dictionary') return undefined;
  for (const item of dict.namedChildren) {
    if (!item) continue;
    if (item.type === 'dictionary_splat') return item.namedChildren[0] ?? undefined;
    if (item.type !== 'pair' || item.id === pair.id) continue;
    const key = item.childForFieldName('key');
    const value = item.childForFieldName('value');
    if (key?.type === 'string' && /^["']input_ids["']$/.test(key.text) && value) {
      return inputIdsBase(ctx.facts, resolveLocal(ctx.facts, value));
    }
  }
  return undefined;
}

/**
 * Are these padded `labels` a seq2seq target? `text_target=` on the tokenizer call says so; otherwise the labels must
 * come from another object than the one they are stored beside, in a script that names an encoder-decoder class.
 */
export function isSeq2SeqTarget(ctx: RuleContext, w: LabelWrite, base: Node, tokCall: CallFact): boolean {
  if (tokCall.keywords.has('text_target')) return true;
  const beside = writtenObject(w) ?? (w.node.type === 'pair' ? dictInputsBase(ctx, w.node) : undefined);
  if (!beside || base.type !== 'identifier' || beside.type !== 'identifier' || beside.text === base.text) return false;
  return namesSeq2SeqClass(ctx);
}

/**
 * `tokenizer(text, text_target=…, padding="max_length")`: the tokenizer pads the target like the inputs and stores its
 * ids as `labels` (transformers 5.18.0 `tokenization_utils_base.py` `__call__`: `encodings["labels"] =
 * target_encodings["input_ids"]`, both encoded with the same padding strategy), so the labels keep the pad id. Only
 * `"max_length"`, which pads every row whatever the batch; a function that masks to -100 or writes `labels` itself
 * is left alone (the write is what TL004 then reads).
 */
export function paddedTargetCalls(ctx: RuleContext, writes: readonly LabelWrite[]): CallFact[] {
  if (!ctx.a.text.includes('text_target')) return [];
  const out: CallFact[] = [];
  for (const c of ctx.facts.calls) {
    if (!c.keywords.has('text_target') || !(c.positional[0] ?? c.keywords.get('text'))) continue;
    const p = c.keywords.get('padding');
    if (!p || evaluateString(ctx.facts, p.value) !== 'max_length') continue;
    if (!tokenizesByName(c.calleeText)) continue;
    const scope = c.scope ?? null;
    if (masksIgnoreIndex(scope, ctx.a.text)) continue;
    if (writes.some((w) => (w.scope?.id ?? null) === (scope?.id ?? null))) continue;
    out.push(c);
  }
  return out;
}
