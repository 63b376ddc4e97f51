/**
 * Where a tokenizer value comes from: `AutoTokenizer.from_pretrained("id")`, the second value
 * of Unsloth's `FastLanguageModel.from_pretrained(...)`, through `get_chat_template(tok, "name")`.
 * Also what the script does to it: pad token set, chat template set.
 */
import type { Node } from 'web-tree-sitter';
import { isQualified } from '../facts/imports';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateString, reachingAssignment } from '../facts/values';
import { trainerArg, type TrainerFact } from './trainers';

export interface TokenizerOrigin {
  /** The load call. */
  load: CallFact;
  /** `auto`: transformers `*.from_pretrained`; `unsloth`: `FastLanguageModel.from_pretrained`. */
  kind: 'auto' | 'unsloth';
  /** The model id when it evaluates to a string. */
  modelId?: string;
  /** `get_chat_template(tok, chat_template="name")` applied on the way (innermost last). */
  templateName?: string;
  templateCall?: CallFact;
}

const UNSLOTH_LOADERS = ['FastLanguageModel', 'FastModel', 'FastVisionModel', 'FastQwen2Model', 'FastLlamaModel', 'FastMistralModel'];

export function isUnslothLoad(call: CallFact): boolean {
  if (call.method !== 'from_pretrained' || !call.receiver) return false;
  const recv = call.receiver.text.split('.').pop() ?? '';
  return UNSLOTH_LOADERS.includes(recv) && (!call.qualified || call.qualified.startsWith('unsloth'));
}

/** `AutoTokenizer.from_pretrained`, `LlamaTokenizer(Fast).from_pretrained`, `AutoProcessor.from_pretrained`. */
export function isTokenizerLoad(call: CallFact): boolean {
  if (call.method !== 'from_pretrained' || !call.receiver) return false;
  const recv = call.receiver.text.split('.').pop() ?? '';
  // A model's own processor class (`Qwen2_5_VLProcessor`, `PaliGemmaProcessor`) holds its tokenizer as AutoProcessor
  // does; image/video processors and feature extractors hold none.
  return /Tokenizer(Fast)?$|Processor$/.test(recv) && !/(Image|Video)Processor$/.test(recv);
}

/** The model id argument of a `from_pretrained` call, evaluated. */
export function modelIdOf(facts: FileFacts, call: CallFact): string | undefined {
  const arg = call.positional[0] ?? call.keywords.get('model_name') ?? call.keywords.get('pretrained_model_name_or_path');
  return evaluateString(facts, arg?.value);
}

export function isGetChatTemplate(call: CallFact): boolean {
  return isQualified(call.qualified, ['unsloth', 'unsloth_zoo'], 'get_chat_template') || call.calleeText === 'get_chat_template';
}

/** Follow a tokenizer expression back to its load. */
export function tokenizerOrigin(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): TokenizerOrigin | undefined {
  let n: Node | undefined = node;
  let templateName: string | undefined;
  let templateCall: CallFact | undefined;
  for (let depth = 0; n && depth < 16; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type === 'identifier') {
      const a = reachingAssignment(facts, n.text, n);
      if (!a) return undefined;
      if (a.unpackIndex !== undefined) {
        const call = byNode.get(a.value.id);
        if (call && isUnslothLoad(call) && a.unpackIndex === 1) {
          return { load: call, kind: 'unsloth', modelId: modelIdOf(facts, call), templateName, templateCall };
        }
        return undefined;
      }
      n = a.value;
      continue;
    }
    if (n.type !== 'call') return undefined;
    const call = byNode.get(n.id);
    if (!call) return undefined;
    if (isTokenizerLoad(call)) return { load: call, kind: 'auto', modelId: modelIdOf(facts, call), templateName, templateCall };
    if (isGetChatTemplate(call)) {
      if (!templateCall) {
        templateCall = call;
        templateName = evaluateString(facts, (call.keywords.get('chat_template') ?? call.positional[1])?.value);
      }
      n = (call.positional[0] ?? call.keywords.get('tokenizer'))?.value;
      continue;
    }
    return undefined;
  }
  return undefined;
}

/** The tokenizer expression a trainer receives (`processing_class=` or the legacy `tokenizer=`). */
export function trainerTokenizerArg(t: TrainerFact): Node | undefined {
  return (t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer'))?.value;
}

/** The tokenizer a collator call receives (`tokenizer=` or its first positional argument). */
export function collatorTokenizerArg(call: CallFact): Node | undefined {
  return (call.keywords.get('tokenizer') ?? call.positional[0])?.value;
}

/** Some statement sets a pad token on some tokenizer (attribute, `add_special_tokens`, load kwarg, TRL helpers). */
export function padTokenSetSomewhere(facts: FileFacts): boolean {
  if (facts.assignments.some((a) => /(^|\.)pad_token(_id)?$/.test(a.target) && !/\.config\.|generation_config/.test(a.target))) return true;
  return facts.calls.some((c) =>
    (c.method === 'add_special_tokens' && /pad_token/.test(c.node.text))
    || (c.method === 'from_pretrained' && c.keywords.has('pad_token'))
    || /(^|\.)(setup_chat_format|clone_chat_template)$/.test(c.calleeText)
    || (c.method === 'add_special_tokens' && c.hasSplat));
}

/** Some statement sets a chat template (Unsloth `get_chat_template`, `chat_template =`, TRL helpers, `chat_template=` kwargs). */
export function chatTemplateSetSomewhere(facts: FileFacts): boolean {
  if (facts.assignments.some((a) => /(^|\.)chat_template$/.test(a.target))) return true;
  return facts.calls.some((c) =>
    isGetChatTemplate(c)
    || /(^|\.)(setup_chat_format|clone_chat_template)$/.test(c.calleeText)
    || c.keywords.has('chat_template') || c.keywords.has('chat_template_path'));
}
