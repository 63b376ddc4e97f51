/**
 * Where a tokenizer value comes from: `AutoTokenizer.from_pretrained("id")`, the second value
 * of Unsloth's `FastLanguageModel.from_pretrained(...)`, through `get_chat_template(tok, "name")`.
 * Also what the script does to it: pad token set, chat template set. A tokenizer the script's own function returns
 * (`def load(): tok = AutoTokenizer.from_pretrained(…); return tok`, or `return model, tok` unpacked at the call) is
 * followed into the function when it provably returns it (`returnedValue`), and the names it is held under on the
 * way (`tokenizerHolders`) tell the rules which statements act on it.
 */
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../facts/build';
import { isQualified } from '../facts/imports';
import type { CallFact, FileFacts } from '../facts/types';
import { returnedValue } from '../facts/own-functions';
import { evaluateString } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { modelIdOf, type CallSite } from './models';
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

export function isGetChatTemplate(call: CallFact): boolean {
  return isQualified(call.qualified, ['unsloth', 'unsloth_zoo'], 'get_chat_template') || call.calleeText === 'get_chat_template';
}

/** Follow a tokenizer expression back to its load (into the script's own functions that return it). */
export function tokenizerOrigin(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): TokenizerOrigin | undefined {
  let n: Node | undefined = node;
  let templateName: string | undefined;
  let templateCall: CallFact | undefined;
  const sites: CallSite[] = [];
  for (let depth = 0; n && depth < 16; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type === 'identifier') {
      const a = reachingAssignment(facts, n.text, n);
      if (!a) return undefined;
      if (a.unpackIndex !== undefined) {
        const call = byNode.get(a.value.id);
        if (call && isUnslothLoad(call) && a.unpackIndex === 1) {
          return { load: call, kind: 'unsloth', modelId: modelIdOf(facts, call, sites), templateName, templateCall };
        }
        const returned = returnedValue(facts, a.value, a.unpackIndex);
        if (!returned) return undefined;
        sites.push({ call: a.value, fn: returned.fn.node });
        n = returned.value;
        continue;
      }
      n = a.value;
      continue;
    }
    if (n.type !== 'call') return undefined;
    const call = byNode.get(n.id);
    if (!call) return undefined;
    if (isTokenizerLoad(call)) return { load: call, kind: 'auto', modelId: modelIdOf(facts, call, sites), templateName, templateCall };
    if (isGetChatTemplate(call)) {
      if (!templateCall) {
        templateCall = call;
        templateName = evaluateString(facts, (call.keywords.get('chat_template') ?? call.positional[1])?.value);
      }
      n = (call.positional[0] ?? call.keywords.get('tokenizer'))?.value;
      continue;
    }
    const returned = returnedValue(facts, n);
    if (!returned) return undefined;
    sites.push({ call: n, fn: returned.fn.node });
    n = returned.value;
  }
  return undefined;
}

/** A name a tokenizer is held under on its way to a use. */
export interface TokenizerHolder {
  /** The variable. */
  name: string;
  /** The script's own function the name is local to (its node id); undefined for the use's own name. */
  fnId?: number;
  /** A statement on the name in that function acts on the returned tokenizer when it starts before here (its first `return`). */
  end: number;
  /** A statement from `end` to here runs on some return paths only (the function has several `return`s). */
  uncertainEnd: number;
  /** Where the tokenizer is bound to the next outer name (`tok = load()`): statements on that name before it act on an older value. */
  boundAt: number;
}

/**
 * The names the tokenizer at `use` was held under inside the script's own functions that returned it, innermost
 * last: `tokenizer = load_tokenizer()` with `def load_tokenizer(): tok = …; return tok` gives `tok` in
 * `load_tokenizer`; `model, tokenizer = build()` with `return model, tok` the same. Empty when the use's value does
 * not come from such a function (or the function does not provably return it: `returnedValue`).
 */
export function tokenizerHolders(facts: FileFacts, use: Node | undefined): TokenizerHolder[] {
  const out: TokenizerHolder[] = [];
  let n: Node | undefined = use;
  for (let depth = 0; n && depth < 8; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    if (n.type !== 'identifier') break;
    const a = reachingAssignment(facts, n.text, n);
    if (!a) break;
    let value = a.value;
    while (value.type === 'parenthesized_expression' && value.namedChildren[0]) value = value.namedChildren[0];
    const returned = value.type === 'call' ? returnedValue(facts, value, a.unpackIndex) : undefined;
    if (!returned || returned.value.type !== 'identifier') break;
    out.push({
      name: returned.value.text,
      fnId: returned.fn.node.id,
      end: returned.returns[0].startIndex,
      uncertainEnd: returned.returns[returned.returns.length - 1].startIndex,
      boundAt: a.node.startIndex,
    });
    n = returned.value;
  }
  return out;
}

/** A statement that acts on a tokenizer variable (sets its padding side, pad token, …). */
export interface TokenizerStatement { variable: string; offset: number; scope?: number }

/**
 * The statements among `items` that act on the tokenizer `use` reads, in the order they run (the last is in
 * effect): those inside the script's own functions that returned it (on the name it had there, before the `return`),
 * then those `own` accepts on the use's own name after the call that returned it. Undefined when one of them runs on
 * some return paths only.
 */
export function statementsOnTokenizer<T extends TokenizerStatement>(facts: FileFacts, use: Node | undefined, items: T[], own: (item: T) => boolean): T[] | undefined {
  const holders = tokenizerHolders(facts, use);
  const out: T[] = [];
  for (let i = holders.length - 1; i >= 0; i--) {
    const h = holders[i];
    const since = holders[i + 1]?.boundAt ?? -1;
    const inner = items.filter((x) => x.variable === h.name && x.scope === h.fnId && x.offset > since && x.offset < h.uncertainEnd);
    if (inner.some((x) => x.offset >= h.end)) return undefined;
    out.push(...inner.sort((x, y) => x.offset - y.offset));
  }
  const since = holders[0]?.boundAt ?? -1;
  out.push(...items.filter((x) => own(x) && x.offset >= since).sort((x, y) => x.offset - y.offset));
  return out;
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
