/**
 * Where a script writes `labels` itself and what they are made from: `out["labels"] = …`,
 * `{"labels": …}`, `dict(labels=…)`, followed through copies (`.copy()`, `list(…)`, `[:]`) and
 * variables of the same function back to `enc["input_ids"]` and the tokenizer call that made it.
 * Used by TL004 (labels copied from padded ids) and TL005 (labels shifted by hand).
 */
import type { SectionedTree } from '../syntax/sectioned-tree';
import type { Node } from 'web-tree-sitter';
import { enclosingFunction } from '../facts/build';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';

export interface LabelWrite {
  /** The expression stored as labels. */
  value: Node;
  /** Where to report: the assignment statement or the dict pair. */
  node: Node;
  /** Innermost function, or null at module level. */
  scope: Node | null;
}

function isLabelsKey(node: Node | null, facts: FileFacts): boolean {
  if (!node || node.type !== 'string') return false;
  const v = evaluate(facts, node);
  return v.kind === 'str' && v.value === 'labels';
}

/**
 * The dict entries keyed by a `"labels"` string literal, found from the text's occurrences of the word (few) rather
 * than by walking every tree for its dict entries (a tenth of the rules' time on a corpus run).
 */
function labelPairsOf(syntax: SectionedTree, text: string, facts: FileFacts): Node[] {
  const out: Node[] = [];
  for (let i = text.indexOf('labels'); i !== -1; i = text.indexOf('labels', i + 6)) {
    let n = syntax.descendantForIndex(i, i + 5);
    for (let up = 0; n && n.type !== 'string' && up < 2; up++) n = n.parent;
    const pair = n?.type === 'string' ? n.parent : null;
    const key = pair?.type === 'pair' ? pair.childForFieldName('key') : null;
    if (pair && key && key.startIndex === n!.startIndex && key.endIndex === n!.endIndex && isLabelsKey(key, facts)) out.push(pair);
  }
  return out;
}

/** Every place the script stores a `labels` value. */
export function labelWrites(facts: FileFacts, syntax: SectionedTree, text: string, whole: string): LabelWrite[] {
  const out: LabelWrite[] = [];
  for (const a of facts.assignments) {
    if (a.subscriptKey === 'labels' && a.unpackIndex === undefined) out.push({ value: a.value, node: a.node, scope: a.scope });
  }
  // `text` is the view's (a pipeline's statements joined); the offsets of `syntax` are the whole script's.
  for (const pair of text.includes('labels') ? labelPairsOf(syntax, whole, facts) : []) {
    const value = pair.childForFieldName('value');
    if (value) out.push({ value, node: pair, scope: enclosingFunction(pair) });
  }
  for (const c of facts.calls) {
    if (c.calleeText !== 'dict') continue;
    const l = c.keywords.get('labels');
    if (l) out.push({ value: l.value, node: l.node, scope: c.scope });
  }
  return out;
}

const COPY_METHODS = new Set(['copy', 'clone', 'tolist', 'detach', 'long']);
const COPY_FUNCTIONS = /^(list|copy\.deepcopy|copy\.copy|deepcopy|torch\.tensor|torch\.LongTensor|np\.array|numpy\.array)$/;

/** Strip copies: `x.copy()`, `list(x)`, `copy.deepcopy(x)`, `x[:]`, parentheses. */
export function stripCopies(node: Node): Node {
  let n = node;
  for (let i = 0; i < 8; i++) {
    if (n.type === 'parenthesized_expression' && n.namedChildren[0]) { n = n.namedChildren[0]; continue; }
    if (n.type === 'call') {
      const fn = n.childForFieldName('function');
      const args = n.childForFieldName('arguments')?.namedChildren.filter((c) => c && c.type !== 'comment') ?? [];
      if (fn?.type === 'attribute' && COPY_METHODS.has(fn.childForFieldName('attribute')?.text ?? '') && args.length === 0) {
        n = fn.childForFieldName('object')!; continue;
      }
      if (fn && COPY_FUNCTIONS.test(fn.text) && args.length === 1 && args[0]!.type !== 'keyword_argument') { n = args[0]!; continue; }
      return n;
    }
    if (n.type === 'subscript') {
      const sub = n.childForFieldName('subscript');
      if (sub?.type === 'slice' && sub.namedChildren.filter(Boolean).length === 0) { n = n.childForFieldName('value')!; continue; }
    }
    return n;
  }
  return n;
}

/** Follow a name to its value inside the same function (or module), through copies. */
export function resolveLocal(facts: FileFacts, node: Node): Node {
  let n = stripCopies(node);
  for (let i = 0; i < 8 && n.type === 'identifier'; i++) {
    const a = reachingAssignment(facts, n.text, n);
    if (!a || a.unpackIndex !== undefined || a.scope?.id !== enclosingFunction(n)?.id) return n;
    n = stripCopies(a.value);
  }
  return n;
}

/** `x["input_ids"]` / `x.input_ids` → `x`; otherwise undefined. */
export function inputIdsBase(facts: FileFacts, node: Node): Node | undefined {
  if (node.type === 'subscript') {
    const key = node.childForFieldName('subscript');
    const v = key ? evaluate(facts, key) : undefined;
    if (v?.kind === 'str' && v.value === 'input_ids') return node.childForFieldName('value') ?? undefined;
  }
  if (node.type === 'attribute' && node.childForFieldName('attribute')?.text === 'input_ids') return node.childForFieldName('object') ?? undefined;
  return undefined;
}

/**
 * A call that tokenizes, by its callee text: `tokenizer(...)`, `self.tokenizer(...)`,
 * `processing_class(...)`, `tok.encode_plus(...)`, `tok.batch_encode_plus(...)`.
 */
export function tokenizesByName(calleeText: string): boolean {
  const method = calleeText.slice(calleeText.lastIndexOf('.') + 1);
  if (method === 'encode_plus' || method === 'batch_encode_plus' || method === '__call__') return true;
  return /^(tokenizer|tok|processing_class|processor|tokenize|tokenize_fn)$/i.test(method);
}

/** A call that tokenizes (see `tokenizesByName`). */
export function isTokenizingCall(call: CallFact): boolean {
  return tokenizesByName(call.calleeText);
}

/** The tokenizer call a BatchEncoding expression comes from (through variables of the same function). */
export function tokenizerCallOf(facts: FileFacts, byNode: Map<number, CallFact>, node: Node): CallFact | undefined {
  const n = resolveLocal(facts, node);
  if (n.type !== 'call') return undefined;
  const c = byNode.get(n.id);
  return c && isTokenizingCall(c) ? c : undefined;
}

/** Does this scope (a function, or the whole file at module level) mask something to -100 / an ignore index? */
export function masksIgnoreIndex(scope: Node | null, scriptText: string): boolean {
  return /-\s*100\b|ignore_index|IGNORE_INDEX|IGNORE_TOKEN_ID|label_pad_token_id/i.test(scope ? scope.text : scriptText);
}
