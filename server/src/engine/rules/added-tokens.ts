/**
 * Which tokens an `add_special_tokens` / `add_tokens` call adds that the vocabulary lacks (TL202): tokens every
 * vocabulary that uses them already holds, and the families whose checkpoints hold tokens their tokenizer files
 * do not list (Whisper's timestamps, Yuan 2.0's specials).
 */
import type { Node } from 'web-tree-sitter';
import type { TokenizerOrigin } from '../domain/tokenizers';
import { reachingAssignment } from '../facts/reaching';
import type { CallFact } from '../facts/types';
import { evaluate, evaluateStringList, type PyValue } from '../facts/values';
import type { RuleContext } from './context';

/** Tokens that already exist in the vocabularies that use them (setting pad to one adds nothing). */
const EXISTING = /^(<unk>|<s>|<\/s>|<pad>|<eos>|<bos>|<\|endoftext\|>|<\|im_end\|>|<\|eot_id\|>|<\|end_of_text\|>|<\|finetune_right_pad_id\|>|<\|reserved_special_token_\d+\|>|<end_of_turn>|<\|end\|>|<\|pad\|>)$/;

/** Does `add_special_tokens({...})` add a token that is not already in the vocabulary? undefined = cannot tell. */
export function addsNewToken(ctx: RuleContext, call: CallFact): boolean | undefined {
  const arg = call.positional[0] ?? call.keywords.get('special_tokens_dict');
  if (!arg) return undefined;
  if (arg.value.type !== 'dictionary') {
    const v = evaluate(ctx.facts, arg.value);
    return v.kind === 'dict' ? v.entries.some(([, x]) => isNew(x)) : undefined;
  }
  let unknown = false;
  for (const pair of arg.value.namedChildren) {
    if (pair?.type !== 'pair') { unknown = true; continue; }
    const value = pair.childForFieldName('value');
    if (!value) continue;
    // tok.eos_token / tok.unk_token: an existing token.
    if (value.type === 'attribute' && /_token$/.test(value.childForFieldName('attribute')?.text ?? '')) continue;
    const v = evaluate(ctx.facts, value);
    if (v.kind === 'unknown') { unknown = true; continue; }
    if (isNew(v)) return true;
  }
  return unknown ? undefined : false;
}

function isNew(v: PyValue): boolean {
  if (v.kind === 'str') return !EXISTING.test(v.value);
  if (v.kind === 'list' || v.kind === 'tuple') return v.items.some(isNew);
  return v.kind !== 'none';
}

/**
 * Yuan 2.0's special tokens: its model card loads the tokenizer and adds exactly these with \`add_tokens(…,
 * special_tokens=True)\` and no resize before generating (IEITYuan/Yuan2-2B-hf README, "Code Usage"; IEIT-Yuan/Yuan-2.0
 * README): the checkpoint's 135,040 embedding rows (config \`vocab_size\`) hold them.
 */
const YUAN_TOKENS = new Set(['<sep>', '<pad>', '<mask>', '<predict>', '<FIM_SUFFIX>', '<FIM_PREFIX>', '<FIM_MIDDLE>', '<commit_before>',
  '<commit_msg>', '<commit_after>', '<jupyter_start>', '<jupyter_text>', '<jupyter_code>', '<jupyter_output>', '<empty_output>']);

/** Whisper's timestamp tokens `<|0.00|>` … `<|30.00|>`, built with a `%.2f` / `:.2f` format. */
const WHISPER_TIMESTAMP = /<\|%\.2f\|>|:\.2f\}\|>/;

/** The source text of a call argument, or of the assignment an identifier argument reads. */
function argumentSource(ctx: RuleContext, node: Node): string {
  if (node.type !== 'identifier') return node.text;
  return reachingAssignment(ctx.facts, node.text, node)?.value.text ?? node.text;
}

/**
 * Tokens the model's own checkpoints already hold, though its tokenizer files do not list them: 'own' (nothing to
 * resize), 'yuan' (a Yuan 2.0 model by its id or path: its special tokens), undefined otherwise.
 */
export function ownTokens(ctx: RuleContext, call: CallFact, origin: TokenizerOrigin | undefined): 'own' | 'yuan' | undefined {
  const arg = call.positional[0] ?? call.keywords.get('new_tokens');
  if (call.method !== 'add_tokens' || !arg) return undefined;
  // Whisper's vocabulary rows 50364–51864 (multilingual) are its 1,501 timestamp tokens; older tokenizer files did not
  // list them, so scripts add them (huggingface/distil-whisper training/run_distillation.py, "override timestamp
  // tokens until tokenizer issues are fixed in transformers"): the ids land on those rows, or are already known.
  const whisper = /whisper/i.test(origin?.load.receiver?.text ?? '') || /whisper/i.test(origin?.modelId ?? '');
  if (whisper && WHISPER_TIMESTAMP.test(argumentSource(ctx, arg.value))) return 'own';
  const names = evaluateStringList(ctx.facts, arg.value);
  if (/yuan/i.test(origin?.modelId ?? '') && names?.length && names.every((n) => YUAN_TOKENS.has(n))) return 'yuan';
  return undefined;
}
