/**
 * Where a tokenizer value comes from: `AutoTokenizer.from_pretrained("id")`, the second value
 * of Unsloth's `FastLanguageModel.from_pretrained(...)`, through `get_chat_template(tok, "name")`.
 * Also what the script does to it: pad token set, chat template set. A tokenizer the script's own function returns
 * (`def load(): tok = AutoTokenizer.from_pretrained(…); return tok`, or `return model, tok` unpacked at the call) is
 * followed into the function when it provably returns it (`returnedValue`), and the names it is held under on the
 * way (`tokenizerHolders`) tell the rules which statements act on it.
 */
import type { Node } from 'web-tree-sitter';
import { KeptKey } from '../syntax/kept-with';
import { enclosingFunction } from '../facts/build';
import { callsWhere } from '../facts/selections';
import { isQualified } from '../facts/imports';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';
import { argumentForParameter, callsOwnFunction, isParameterOf, returnedValue } from '../facts/own-functions';
import { evaluateString } from '../facts/values';
import { assignmentsTo, mayNotRunWith, reachingAssignment } from '../facts/reaching';
import { selfAttribute, type SelfAttribute } from '../facts/self-attributes';
import { brokenTextMatches } from '../facts/unread-assignments';
import { constructedTokenizers } from './collator-tokenizers';
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

/**
 * The class a tokenizer load names when the value is a tokenizer, not a processor: `AutoTokenizer`,
 * `BertTokenizerFast` (from `X.from_pretrained`), or `FastLanguageModel` for Unsloth's text loader.
 */
export function loadedTokenizerClass(origin: TokenizerOrigin): string | undefined {
  const cls = origin.load.receiver?.text.split('.').pop() ?? '';
  if (origin.kind === 'unsloth') return cls === 'FastLanguageModel' ? cls : undefined;
  return /Tokenizer(Fast)?$/.test(cls) ? cls : undefined;
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
    if (n.type === 'identifier' || n.type === 'attribute') {
      // A name, or `self.tokenizer` in a method of the script's own class (its one assignment: `self-attributes.ts`).
      const a = n.type === 'identifier' ? reachingAssignment(facts, n.text, n) : selfAttribute(facts, n)?.assignment;
      // A parameter of the script's own function the walk entered through a call (`def get_chat_template(tokenizer)`
      // wrapping Unsloth's, called as `get_chat_template(tokenizer)`): the argument that call passes for it.
      const site = !a && n.type === 'identifier' ? sites[sites.length - 1] : undefined;
      if (site && enclosingFunction(n)?.id === site.fn.id && isParameterOf(site.fn, n.text)) {
        n = argumentForParameter(site.fn, site.call, n.text);
        sites.pop();
        continue;
      }
      if (!a) return templateCall || sites.length ? undefined : constructedOrigin(facts, byNode, n);
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
    if (isGetChatTemplate(call) && !callsOwnFunction(facts, call)) {
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

let constructedDepth = 0;

/**
 * A collator class's tokenizer (`__init__`'s parameter, or `self.tokenizer` its transformers base holds): the one origin
 * of what every construction passes (`collator-tokenizers.ts`).
 */
function constructedOrigin(facts: FileFacts, byNode: Map<number, CallFact>, n: Node): TokenizerOrigin | undefined {
  if (constructedDepth > 2) return undefined;
  const passed = constructedTokenizers(facts, n);
  if (!passed) return undefined;
  constructedDepth++;
  try {
    let agreed: TokenizerOrigin | undefined;
    for (const arg of passed) {
      const o = tokenizerOrigin(facts, byNode, arg);
      if (!o || (agreed && (agreed.load !== o.load || agreed.modelId !== o.modelId || agreed.templateName !== o.templateName))) return undefined;
      agreed = o;
    }
    return agreed;
  } finally {
    constructedDepth--;
  }
}

/** A name a tokenizer is held under on its way to a use. */
export interface TokenizerHolder {
  /** The variable (or `self.attr`). */
  name: string;
  /** The script's own function (or method) the name is local to (its node id); undefined for the use's own name. */
  fnId?: number;
  /** A statement on the name in that function acts on the returned tokenizer when it starts before here (its first `return`). */
  end: number;
  /** A statement from `end` to here runs on some return paths only (the function has several `return`s). */
  uncertainEnd: number;
  /** Where the tokenizer is bound to the next outer name (`tok = load()`): statements on that name before it act on an older value. */
  boundAt: number;
  /** Statements on the name count from here on (where it gets the tokenizer: earlier ones act on another object). */
  from?: number;
  /**
   * A statement on the name between `start` and `end` that this holder does not count, outside the functions
   * `allowed` (the method that reads `self.attr`), runs at a time trainlint cannot place: the statements are unknown.
   */
  exclusive?: { start: number; end: number; allowed: number[] };
}

/** `self.name(…)`: a call of a method of the instance (or of a callable attribute). */
function isSelfCall(c: CallFact): boolean { return c.calleeText.startsWith('self.'); }

/**
 * Where statements in `method` after `after` stop being sure to run before another method of the class reads the
 * attribute: the first `return` after it, or the first call of a method of the class (`self.train()`, which may read it).
 */
function methodStop(facts: FileFacts, attr: SelfAttribute, after: number): number {
  let memo = methodStops.get(facts);
  if (!memo) methodStops.set(facts, (memo = new Map()));
  const key = `${attr.method.id}:${after}`;
  let stop = memo.get(key);
  if (stop === undefined) memo.set(key, (stop = findMethodStop(facts, attr, after)));
  return stop;
}

const methodStops = new KeptKey<Map<string, number>>();

function findMethodStop(facts: FileFacts, attr: SelfAttribute, after: number): number {
  const { method, cls } = attr;
  let stop = method.endIndex;
  const methods = new Set(cls.members.filter((m) => m.kind === 'method').map((m) => m.name));
  for (const c of callsWhere(facts, isSelfCall)) {
    if (!methods.has(c.calleeText.slice(5))) continue;
    const at = c.node.startIndex;
    if (at > after && at < stop && at < method.endIndex) stop = at;
  }
  for (const r of method.descendantsOfType('return_statement')) {
    if (r && r.startIndex > after && r.startIndex < stop && enclosingFunction(r)?.id === method.id) stop = r.startIndex;
  }
  return stop;
}

/**
 * The names the tokenizer at `use` was held under inside the script's own functions that returned it, innermost
 * last: `tokenizer = load_tokenizer()` with `def load_tokenizer(): tok = …; return tok` gives `tok` in
 * `load_tokenizer`; `model, tokenizer = build()` with `return model, tok` the same. A `self.tokenizer` read in a
 * method of the script's own class other than the one that assigns it (`self-attributes.ts`) is held under
 * `self.tokenizer` in that method from its assignment on (and under `tok` there for `self.tokenizer = tok`). Empty when
 * the use's value does not come from such a function (or the function does not provably return it: `returnedValue`).
 */
export function tokenizerHolders(facts: FileFacts, use: Node | undefined): TokenizerHolder[] {
  const out: TokenizerHolder[] = [];
  let n: Node | undefined = use;
  for (let depth = 0; n && depth < 8; depth++) {
    while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
    let a: AssignmentFact | undefined;
    if (n.type === 'identifier') a = reachingAssignment(facts, n.text, n);
    else if (n.type === 'attribute' && depth === 0) {
      const attr = selfAttribute(facts, n);
      // Assigned in the method that uses it: the use's own statements.
      if (!attr || attr.method.id === attr.reader.id) break;
      a = attr.assignment;
      const from = a.node.startIndex;
      const stop = methodStop(facts, attr, from);
      const cls = attr.cls.node;
      out.push({ name: n.text, fnId: attr.method.id, from, end: stop, uncertainEnd: attr.method.endIndex, boundAt: -1,
        exclusive: { start: cls.startIndex, end: cls.endIndex, allowed: [attr.reader.id] } });
      let value = a.value;
      while (value.type === 'parenthesized_expression' && value.namedChildren[0]) value = value.namedChildren[0];
      if (a.unpackIndex === undefined && value.type === 'identifier') {
        // `self.tokenizer = tok`: statements on `tok` in the method act on the same tokenizer, before and after, until
        // `tok` is bound again. A `tok` the method neither binds nor takes as a parameter is the module's: statements
        // on it anywhere else may run before or after.
        const method = attr.method;
        const bound = reachingAssignment(facts, value.text, value);
        const local = bound?.scope?.id === method.id || isParameterOf(method, value.text);
        const again = assignmentsTo(facts, value.text).find((b) => b.scope?.id === method.id && b.node.startIndex > from);
        out.push({ name: value.text, fnId: method.id, from: bound?.scope?.id === method.id ? bound.node.startIndex : undefined,
          end: Math.min(stop, again?.node.startIndex ?? stop), uncertainEnd: again?.node.startIndex ?? method.endIndex, boundAt: from,
          ...(local ? {} : { exclusive: { start: 0, end: Infinity, allowed: [] } }) });
        n = value;
        continue;
      }
    }
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
 * some return paths only, or, for `self.tokenizer`, in a method of the class whose turn trainlint cannot tell.
 */
export function statementsOnTokenizer<T extends TokenizerStatement>(facts: FileFacts, use: Node | undefined, items: T[], own: (item: T) => boolean): T[] | undefined {
  const holders = tokenizerHolders(facts, use);
  const out: T[] = [];
  for (let i = holders.length - 1; i >= 0; i--) {
    const h = holders[i];
    const since = holders[i + 1]?.boundAt ?? -1;
    const from = h.from ?? -1;
    const ex = h.exclusive;
    if (ex && onVariable(items, h.name).some((x) => x.offset >= ex.start && x.offset < ex.end
      && !(x.scope !== undefined && ex.allowed.includes(x.scope)) && !(x.scope === h.fnId && x.offset >= from))) return undefined;
    const inner = onVariable(items, h.name).filter((x) => x.scope === h.fnId && x.offset > since && x.offset >= from && x.offset < h.uncertainEnd);
    if (inner.some((x) => x.offset >= h.end)) return undefined;
    out.push(...inner.sort((x, y) => x.offset - y.offset));
  }
  const since = holders[0]?.boundAt ?? -1;
  out.push(...items.filter((x) => own(x) && x.offset >= since).sort((x, y) => x.offset - y.offset));
  return out;
}

/** The items on `variable`, grouped once per items list (a rule asks once per trainer with the same list). */
function onVariable<T extends TokenizerStatement>(items: T[], variable: string): T[] {
  let byVariable = itemsByVariable.get(items) as Map<string, T[]> | undefined;
  if (!byVariable) {
    byVariable = new Map();
    for (const x of items) { const l = byVariable.get(x.variable); if (l) l.push(x); else byVariable.set(x.variable, [x]); }
    itemsByVariable.set(items, byVariable);
  }
  return byVariable.get(variable) ?? [];
}

const itemsByVariable = new KeptKey<Map<string, TokenizerStatement[]>>();

/** The tokenizer expression a trainer receives (`processing_class=` or the legacy `tokenizer=`). */
export function trainerTokenizerArg(t: TrainerFact): Node | undefined {
  return (t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer'))?.value;
}

/** The tokenizer a collator call receives (`tokenizer=` or its first positional argument). */
export function collatorTokenizerArg(call: CallFact): Node | undefined {
  return (call.keywords.get('tokenizer') ?? call.positional[0])?.value;
}

/** Some statement sets a pad token on some tokenizer (attribute, `add_special_tokens`, load kwarg, TRL helpers). */
export function padTokenSetSomewhere(facts: FileFacts, ignore?: (a: AssignmentFact) => boolean): boolean {
  if (facts.assignments.some((a) => /(^|\.)pad_token(_id)?$/.test(a.target) && !/\.config\.|generation_config/.test(a.target) && !ignore?.(a))) return true;
  // (A line that does not parse may be the one setting it: `tokenizer.pad_token =` being typed.)
  if (brokenTextMatches(facts, /\bpad_token(_id)?\s*=(?!=)/)) return true;
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

/** Does the script give `tokVar` an EOS token before `offset` (`tok.eos_token = …`, `tok.add_special_tokens({"eos_token": …})`)? */
export function eosSetBefore(facts: FileFacts, tokVar: string, offset: number): boolean {
  return facts.assignments.some((a) => a.node.startIndex < offset && (a.target === `${tokVar}.eos_token` || a.target === `${tokVar}.eos_token_id`))
    || facts.calls.some((c) => c.node.startIndex < offset && c.method === 'add_special_tokens' && c.receiver?.text === tokVar && c.node.text.includes('eos_token'));
}

/**
 * A statement after `site` and before `before` that gives `tokVar` another pad token whenever `site` runs, in the same
 * function: `tok.pad_token = tok.unk_token` (any value but the EOS token), `tok.add_special_tokens({"pad_token": …})`,
 * or TRL's `setup_chat_format(model, tok)`, which sets the EOS and pad tokens anew (both `<|im_end|>`). After it the
 * pad token `site` set is gone: `tok.pad_token = tok.eos_token` followed by `setup_chat_format` (ANYANTUDRE/Fine-tuning-LLMs
 * `Finetuning_Llama_2_Financial_News.ipynb`) trains with the pad token the call set. One inside an `if`, a loop or an
 * `except` that does not also hold `site` may not run, and does not count.
 */
export function padTokenSetAgain(facts: FileFacts, tokVar: string, site: Node, before: number): Node | undefined {
  const scope = enclosingFunction(site)?.id;
  const later = (n: Node) => n.startIndex >= site.endIndex && n.startIndex < before && enclosingFunction(n)?.id === scope && !mayNotRunWith(n, site);
  const assigned = facts.assignments.find((a) => (a.target === `${tokVar}.pad_token` || a.target === `${tokVar}.pad_token_id`)
    && a.subscriptKey === undefined && !padIsEos(a.target, a.value) && later(a.node));
  if (assigned) return assigned.node;
  return facts.calls.find((c) => later(c.node) && (
    (c.method === 'add_special_tokens' && c.receiver?.text === tokVar && /pad_token/.test(c.node.text))
    || (isQualified(c.qualified, ['trl'], 'setup_chat_format') && (c.keywords.get('tokenizer') ?? c.positional[1])?.value.text === tokVar)))?.node;
}

/** `tok.pad_token = tok.eos_token` / `tok.pad_token_id = tok.eos_token_id`: the tokenizer variable, or undefined. */
export function padIsEos(target: string, value: Node): string | undefined {
  const m = /^(.+)\.pad_token(_id)?$/.exec(target);
  if (!m || /\.config$|generation_config/.test(m[1])) return undefined;
  const want = m[2] ? /\.eos_token_id$/ : /\.eos_token$/;
  return want.test(value.text) ? m[1] : undefined;
}
