/**
 * TRL's chat-format helpers in a script: `setup_chat_format(model, tokenizer)` (TRL 0.7.10–0.25) and
 * `clone_chat_template(model, tokenizer, source)` (0.19+) change the tokenizer they are given in place (and return
 * it). For one trainer: which of these calls run on the tokenizer it gets, before it is built, and which do not
 * provably (another tokenizer, a branch the script does not decide, a loop, a handler): the masking preview applies the
 * first and names the second. What each call does is in masking/tokenizer-setup.ts.
 */
import type { Node } from 'web-tree-sitter';
import { callsWhere, assignmentsWhere } from '../facts/selections';
import { isQualified } from '../facts/imports';
import { reachingAssignment } from '../facts/reaching';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import { setsChatTemplate } from './active-template';
import { enclosingFlow, unsharedCondition, type Guard } from './branches';
import { inDeadBranch } from './dead-code';
import { statementsOnTokenizer, tokenizerOrigin } from './tokenizers';
import type { TrainerFact } from './trainers';

export type ChatSetupHelper = 'setup_chat_format' | 'clone_chat_template';

/** Which helper a call is (imported from `trl`, `trl.models`, `trl.models.utils`, `trl.chat_template_utils`). */
export function chatSetupHelper(c: CallFact): ChatSetupHelper | undefined {
  if (isQualified(c.qualified, ['trl'], 'setup_chat_format')) return 'setup_chat_format';
  if (isQualified(c.qualified, ['trl'], 'clone_chat_template')) return 'clone_chat_template';
  return undefined;
}

/** A selection test for `callsWhere` (module level: it is the selection's cache key). */
const isChatSetup = (c: CallFact) => chatSetupHelper(c) !== undefined;

/** Every call of TRL's chat-format helpers in the script, in document order. */
export function chatSetupCalls(facts: FileFacts): CallFact[] {
  return callsWhere(facts, isChatSetup);
}

/** The tokenizer a helper call changes: `tokenizer=` or its second positional argument. */
export function chatSetupTokenizerArg(c: CallFact): Node | undefined {
  return (c.keywords.get('tokenizer') ?? c.positional[1])?.value;
}

/** `clone_chat_template`'s source: `source_tokenizer_path=` or its third positional argument. */
export function cloneSourceArg(c: CallFact): Node | undefined {
  return (c.keywords.get('source_tokenizer_path') ?? c.positional[2])?.value;
}

export interface AppliedChatSetup {
  call: CallFact;
  helper: ChatSetupHelper;
  /** In the body of a `try:` the trainer is not in: what it raises may be handled. */
  inTry: boolean;
  /**
   * The script assigns `tokenizer.chat_template` before the call (`None`: `none`), or gave it a template with Unsloth's
   * `get_chat_template` (`set`); `unknown` when that assignment runs under a condition the script does not decide.
   */
  templateBefore?: 'none' | 'set' | 'unknown';
  /**
   * The call runs only when the tokenizer has no chat template (`if tokenizer.chat_template is None:`, TRL's own
   * examples): whether it runs is the tokenizer's to say.
   */
  ifNoTemplate: boolean;
}

export interface SkippedChatSetup {
  call: CallFact;
  helper: ChatSetupHelper;
  /** Why it is not taken to change the trainer's tokenizer (a clause: "it runs only if `args.chatml`"). */
  why: string;
}

export interface TrainerChatSetups {
  /** The calls that run on the trainer's tokenizer before the trainer is built, in the order they run. */
  applied: AppliedChatSetup[];
  /** The other calls before the trainer that may change it, but not provably. */
  skipped: SkippedChatSetup[];
}

const NONE: TrainerChatSetups = { applied: [], skipped: [] };

/** A helper call as a statement on a tokenizer variable (`statementsOnTokenizer`). */
interface SetupStatement { variable: string; offset: number; scope?: number; call: CallFact }

/**
 * The helper calls that change the tokenizer `tokNode` (the trainer's `processing_class`, or its collator's
 * tokenizer) before the trainer call `t`. A call counts when it is on that tokenizer's name (or the name an earlier
 * call's result was unpacked into: `model, tokenizer = setup_chat_format(model, tokenizer)`), after the name got that
 * tokenizer, in the trainer's function or at module level, or inside the script's own function that returns it; and
 * when it runs whenever the trainer is built (no guard the trainer does not share that the script leaves open, not in
 * a loop or an `except` the trainer is not in).
 */
export function trainerChatSetups(facts: FileFacts, callsByNode: Map<number, CallFact>, t: TrainerFact, tokNode: Node | undefined): TrainerChatSetups {
  const all = callsWhere(facts, isChatSetup);
  if (!all.length) return NONE;
  const start = t.call.node.startIndex;
  const candidates = all.filter((c) => c.node.startIndex < start && !inDeadBranch(facts, c.node));
  if (!candidates.length) return NONE;
  const helper = (c: CallFact) => chatSetupHelper(c) as ChatSetupHelper;
  const skipped: SkippedChatSetup[] = [];
  if (!tokNode) {
    for (const c of candidates) skipped.push({ call: c, helper: helper(c), why: `the trainer is given no tokenizer, so it does not use the one \`${chatSetupTokenizerArg(c)?.text ?? '?'}\` this changes` });
    return { applied: [], skipped };
  }

  // The names the trainer's tokenizer had, back through helper results unpacked into a name, and where it got it.
  const names = new Set<string>([tokNode.text]);
  let bound = -1;
  for (let n: Node | undefined = tokNode, depth = 0; n?.type === 'identifier' && depth < 8; depth++) {
    const r: AssignmentFact | undefined = reachingAssignment(facts, n.text, n);
    if (!r) break;
    const call = r.unpackIndex === 1 ? callsByNode.get(r.value.id) : undefined;
    const arg = call && chatSetupHelper(call) ? chatSetupTokenizerArg(call) : undefined;
    if (!arg || arg.type !== 'identifier') { bound = r.node.startIndex; break; }
    names.add(arg.text);
    n = arg;
  }

  const items: SetupStatement[] = candidates.map((c) => ({ variable: chatSetupTokenizerArg(c)?.text ?? '', offset: c.node.startIndex, scope: c.scope?.id, call: c }));
  const trainerScope = t.call.scope?.id;
  const ordered = statementsOnTokenizer(facts, tokNode, items, (x) => names.has(x.variable) && x.offset >= bound && x.offset < start
    && (x.scope === undefined || x.scope === trainerScope));
  if (!ordered) {
    for (const x of items) skipped.push({ call: x.call, helper: helper(x.call), why: 'trainlint cannot tell whether it runs on the trainer\'s tokenizer before the trainer is built' });
    return { applied: [], skipped };
  }
  const taken = new Set(ordered.map((x) => x.call.node.id));
  for (const x of items) {
    if (taken.has(x.call.node.id)) continue;
    if (x.call.hasSplat && !chatSetupTokenizerArg(x.call)) skipped.push({ call: x.call, helper: helper(x.call), why: 'its tokenizer argument is not known' });
    else if (!names.has(x.variable)) skipped.push({ call: x.call, helper: helper(x.call), why: `it changes \`${x.variable || '?'}\`, not \`${tokNode.text}\`, the tokenizer the trainer gets` });
    else if (x.scope !== undefined && x.scope !== trainerScope) skipped.push({ call: x.call, helper: helper(x.call), why: 'it is inside a function trainlint does not follow to the trainer\'s tokenizer' });
    // else: on an earlier object of the same name (before the name got the trainer's tokenizer)
  }

  const applied: AppliedChatSetup[] = [];
  for (const x of ordered) {
    const c = x.call;
    // `if tokenizer.chat_template is None:` / `if not tokenizer.chat_template:` on this tokenizer: the preview decides it.
    let ifNoTemplate = false;
    const noTemplateTest = (g: Guard) => {
      const m = /^(.+)\.chat_template( is None)?$/.exec(g.text);
      const hit = !!m && (names.has(m[1]) || m[1] === x.variable) && g.holds === !!m[2];
      if (hit) ifNoTemplate = true;
      return hit;
    };
    const cond = unsharedCondition(facts, c.node, t.call.node, noTemplateTest);
    if (cond === false) continue;
    if (cond) { skipped.push({ call: c, helper: helper(c), why: `it runs only if \`${cond}\`` }); continue; }
    const flow = enclosingFlow(c.node, t.call.node);
    if (flow === 'loop') { skipped.push({ call: c, helper: helper(c), why: 'it is in a loop the trainer is not in' }); continue; }
    if (flow === 'handler') { skipped.push({ call: c, helper: helper(c), why: 'it is in an `except` handler' }); continue; }
    // Inside the script's own loader the tokenizer has that function's name for it.
    const here = c.scope?.id === trainerScope || !c.scope ? names : new Set([x.variable]);
    applied.push({ call: c, helper: helper(c), inTry: flow === 'try', templateBefore: templateBefore(facts, callsByNode, c, here, here === names ? bound : -1), ifNoTemplate });
  }
  return { applied, skipped };
}

/**
 * A template the script gives the tokenizer before the call: its last `….chat_template = …` on one of the names
 * (`None` or a template), or Unsloth's `get_chat_template` on the way from the load. An assignment under a guard the
 * call does not share and the script does not decide makes it `unknown`; guards on the template itself
 * (`if tokenizer.chat_template is not None: tokenizer.chat_template = None`) leave the same template either way.
 */
function templateBefore(facts: FileFacts, callsByNode: Map<number, CallFact>, c: CallFact, names: ReadonlySet<string>, bound: number): 'none' | 'set' | 'unknown' | undefined {
  const at = c.node.startIndex;
  let latest = -1;
  let found: 'none' | 'set' | 'unknown' | undefined;
  const aboutTemplate = (g: Guard) => {
    const m = /^(.+)\.chat_template( is None)?$/.exec(g.text) ?? /^hasattr\((\w+(?:\.\w+)*), ["']chat_template["']\)$/.exec(g.text);
    return !!m && names.has(m[1]);
  };
  for (const a of assignmentsWhere(facts, setsChatTemplate)) {
    const start = a.node.startIndex;
    if (start < bound || a.node.endIndex > at || start < latest || !names.has(a.target.slice(0, -'.chat_template'.length))) continue;
    if (a.scope?.id !== c.scope?.id && (a.scope !== null || c.scope)) continue;
    const cond = unsharedCondition(facts, a.node, c.node, aboutTemplate);
    if (cond === false) continue;
    latest = start;
    found = cond ? 'unknown' : evaluate(facts, a.value).kind === 'none' ? 'none' : 'set';
  }
  const origin = tokenizerOrigin(facts, callsByNode, chatSetupTokenizerArg(c));
  if (origin?.templateCall && origin.templateCall.node.startIndex > latest && origin.templateCall.node.endIndex <= at) return 'set';
  return found;
}
