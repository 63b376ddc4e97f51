/**
 * Token ids a collate function pads to one length itself, rather than through a tokenizer call's `padding=`:
 * `tokenizer.pad(features, …)` (transformers `tokenization_utils_base.py` `PreTrainedTokenizerBase.pad`: `padding=True`
 * by default, to the longest of the batch, with `pad_token_id`) and `torch.nn.utils.rnn.pad_sequence(…, padding_value=…)`
 * (PyTorch pads with `padding_value`, 0 by default). Labels copied from those ids hold pad ids at every padded position
 * (TL004), unless the function masks them.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import { inputIdsBase, resolveLocal } from './label-flow';

export interface BatchPadding {
  call: CallFact;
  /** How the message names the padding: "`tokenizer.pad(…)`", "`pad_sequence(…, padding_value=tokenizer.pad_token_id)`". */
  how: string;
}

/** A receiver that is a tokenizer or processor by its name (`tokenizer`, `self.tokenizer`, `processor.tokenizer`, `tok`). */
const TOKENIZER_RECEIVER = /(^|\.)(tokenizer|tok|processor|processing_class)$/i;

function isTokenizerPad(c: CallFact): boolean {
  return c.method === 'pad' && TOKENIZER_RECEIVER.test(c.receiver?.text ?? '');
}

function isPadSequence(c: CallFact): boolean {
  return /(^|\.)pad_sequence$/.test(c.qualified ?? c.calleeText);
}

/** `tokenizer.pad(…)` pads unless told not to (`padding=False`, `"do_not_pad"`). */
function tokenizerPadPads(facts: FileFacts, c: CallFact): boolean {
  if (c.hasSplat) return false;
  const p = c.keywords.get('padding');
  if (!p) return true;
  const v = evaluate(facts, p.value);
  return (v.kind === 'bool' && v.value) || (v.kind === 'str' && (v.value === 'longest' || v.value === 'max_length'));
}

/** `pad_sequence`'s `padding_value` is a token id (the pad id, an id literal, or the default 0), not an ignore index. */
function padsWithTokenId(facts: FileFacts, c: CallFact): string | undefined {
  if (c.hasSplat) return undefined;
  const arg = c.keywords.get('padding_value') ?? c.positional[2];
  if (!arg) return 'pad_sequence(…)';
  if (/(^|\.)(pad_token_id|pad_id|eos_token_id)$/.test(arg.value.text)) return `pad_sequence(…, padding_value=${arg.value.text})`;
  const v = evaluate(facts, arg.value);
  return v.kind === 'num' && Number.isInteger(v.value) && v.value >= 0 ? `pad_sequence(…, padding_value=${arg.value.text})` : undefined;
}

/**
 * The padding call a labels value is copied from: `batch["input_ids"]` of `batch = tokenizer.pad(…)`, or ids made by
 * `pad_sequence(…)`, through variables of the same function.
 */
export function batchPaddingOf(facts: FileFacts, byNode: Map<number, CallFact>, src: Node): BatchPadding | undefined {
  const base = inputIdsBase(facts, src);
  const made = base ? resolveLocal(facts, base) : src;
  if (made.type !== 'call') return undefined;
  const c = byNode.get(made.id);
  if (!c) return undefined;
  if (base && isTokenizerPad(c) && tokenizerPadPads(facts, c)) return { call: c, how: `${c.receiver!.text}.pad(…)` };
  if (!base && isPadSequence(c)) {
    const how = padsWithTokenId(facts, c);
    if (how) return { call: c, how };
  }
  return undefined;
}
