/**
 * The chat template in effect at a point of a script, from what the script itself sets:
 * Unsloth's `get_chat_template(tokenizer, chat_template="name" | (template, eos), mapping=…)` or a
 * literal `tokenizer.chat_template = "…"`. The tokenizer flow is followed loosely: the latest such
 * statement before the point wins. Undefined when the script sets none (or sets one we cannot read).
 */
import type { Node } from 'web-tree-sitter';
import { markersFor, markersForTemplateSource, type TemplateMarkers } from '../chat/markers';
import { bundledTemplate } from '../chat/templates/index';
import { renderChat, type ChatMessage } from '../chat/render';
import { isQualified } from '../facts/imports';
import { callsOwnFunction } from '../facts/own-functions';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';
import { assignmentsWhere, callsWhere } from '../facts/selections';
import { evaluate, type PyValue } from '../facts/values';

export interface ActiveTemplate {
  /** The `get_chat_template` name as written (`"qwen-2.5"`), absent for literal templates. */
  name?: string;
  /** Turn markers of the template's family, when known. */
  markers?: TemplateMarkers;
  /** Jinja source: bundled for a known name, or the script's literal. */
  source?: string;
  /** The call or assignment that set it. */
  node: Node;
  /** `mapping=` role renames (`user` → `human`, `assistant` → `gpt`): rendered role names come from the data. */
  roleNames: Record<string, string>;
}

function isGetChatTemplate(c: CallFact): boolean {
  return isQualified(c.qualified, ['unsloth', 'unsloth_zoo'], 'get_chat_template') || c.calleeText === 'get_chat_template';
}

/** `(template, eos)` or a template string: the Jinja source, when the value is literal. */
function literalSource(v: PyValue): string | undefined {
  if (v.kind === 'str') return v.value;
  if ((v.kind === 'tuple' || v.kind === 'list') && v.items[0]?.kind === 'str') return v.items[0].value;
  return undefined;
}

function fromCall(facts: FileFacts, c: CallFact): ActiveTemplate | 'unknown' {
  if (c.hasSplat) return 'unknown';
  const roleNames: Record<string, string> = {};
  const mappingArg = c.keywords.get('mapping');
  if (mappingArg) {
    const m = evaluate(facts, mappingArg.value);
    if (m.kind !== 'dict') return 'unknown';
    for (const [k, v] of m.entries) {
      if (v.kind !== 'str') return 'unknown';
      if (k === 'user' || k === 'assistant' || k === 'system') roleNames[k] = v.value;
    }
  }
  const arg = c.keywords.get('chat_template') ?? c.positional[1];
  if (!arg) {
    // Unsloth's default is "chatml".
    return { name: 'chatml', markers: markersFor('chatml'), source: bundledTemplate('chatml')?.source, node: c.node, roleNames };
  }
  const v = evaluate(facts, arg.value);
  if (v.kind === 'str') {
    const markers = markersFor(v.value);
    if (!markers) return 'unknown';
    return { name: v.value, markers, source: bundledTemplate(v.value)?.source, node: c.node, roleNames };
  }
  const source = literalSource(v);
  if (source === undefined) return 'unknown';
  return { markers: markersForTemplateSource(source), source, node: c.node, roleNames };
}

/** `x.chat_template = …` (not a subscript): a template set by assignment. */
/** `….chat_template = …` (a selection test for `assignmentsWhere`). */
export const setsChatTemplate = (a: AssignmentFact) => a.subscriptKey === undefined && a.target.endsWith('.chat_template');

/** The template set by the latest `get_chat_template(…)` or `….chat_template = …` before `at`. */
export function activeTemplateAt(facts: FileFacts, at: Node): ActiveTemplate | undefined {
  // Asked once per trainer: one pass for the latest setter before `at` (a call wins a tie), nothing allocated.
  const before = at.startIndex;
  let latestStart = -1;
  let call: CallFact | undefined;
  let assignment: AssignmentFact | undefined;
  for (const c of callsWhere(facts, isGetChatTemplate)) {
    // The script's own wrapper of that name (`def get_chat_template(tokenizer)` importing Unsloth's inside): its call
    // passes no `chat_template=`, yet sets what the wrapper's inner call sets (which is read in its place).
    if (callsOwnFunction(facts, c)) continue;
    if (c.node.endIndex <= before && c.node.startIndex > latestStart) { latestStart = c.node.startIndex; call = c; }
  }
  for (const a of assignmentsWhere(facts, setsChatTemplate)) {
    if (a.node.endIndex <= before && a.node.startIndex > latestStart) { latestStart = a.node.startIndex; assignment = a; call = undefined; }
  }
  const t = assignment ? fromAssignment(facts, assignment) : call ? fromCall(facts, call) : undefined;
  return t === 'unknown' ? undefined : t;
}

function fromAssignment(facts: FileFacts, a: AssignmentFact): ActiveTemplate | 'unknown' {
  const source = literalSource(evaluate(facts, a.value));
  return source === undefined ? 'unknown' : { markers: markersForTemplateSource(source), source, node: a.node, roleNames: {} };
}

const SAMPLE: ChatMessage[] = [
  { role: 'system', content: '\u27e6system\u27e7' },
  { role: 'user', content: '\u27e6user 1\u27e7' },
  { role: 'assistant', content: '\u27e6assistant 1\u27e7' },
  { role: 'user', content: '\u27e6user 2\u27e7' },
  { role: 'assistant', content: '\u27e6assistant 2\u27e7' },
];

/** The template rendered on a small multi-turn conversation (without the system turn if the template refuses it). */
export function renderSample(source: string, eosToken = '</s>'): string | undefined {
  for (const messages of [SAMPLE, SAMPLE.slice(1)]) {
    const r = renderChat(source, messages, { bosToken: '<s>', eosToken });
    if (r.ok) return r.text;
  }
  return undefined;
}

/** Special-token pieces of a marker: `<|im_start|>`, `<start_of_turn>`, `<|turn>`, `[INST]`, `</s>`… */
export function specialPieces(text: string): string[] {
  return text.match(/<\|[^<>|\s]*\|>|<\|[A-Za-z_]+>|<[A-Za-z_]+\|>|<\/?[A-Za-z_]+>|\[\/?INST\]/g) ?? [];
}
