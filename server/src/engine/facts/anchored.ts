/**
 * The facts rules read, kept across edits: calls, assignments, function definitions and imports.
 * Names and texts are taken once; nodes are placed through their section's `Anchor` on first use
 * after each move, together with what was derived from them (arguments, scope, returns).
 */
import type { Node } from 'web-tree-sitter';
import { KEPT } from '../syntax/kept-with';
import { holdsSyntaxError } from '../syntax/syntax-errors';
import { type Anchor, enclosingFunction } from './anchor';
import { qualifyExpression, qualifyLocal } from './imports';
import type { RawClass } from './class-syntax';
import type { ArgFact, AssignmentFact, CallFact, ClassFact, ClassMember, FileFacts, FunctionFact, ImportFact } from './types';

function argumentsOf(call: Node): { args: ArgFact[]; hasSplat: boolean } {
  const list = call.childForFieldName('arguments');
  const args: ArgFact[] = [];
  // An argument list that does not parse (`train_dataset=` typed, `[` left open) may hold any keyword: the ones
  // read are not all there are (the recovery drops or swallows what follows).
  let hasSplat = !!list && holdsSyntaxError(list);
  if (!list) return { args, hasSplat };
  let index = 0;
  for (const child of list.namedChildren) {
    if (!child || child.type === 'comment') continue;
    if (child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) args.push({ name: name.text, value, node: child, index: -1 });
    } else if (child.type === 'list_splat' || child.type === 'dictionary_splat') {
      hasSplat = true;
    } else {
      args.push({ value: child, node: child, index: index++ });
    }
  }
  return { args, hasSplat };
}

const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
const ASCII_WORD = /^\w+$/;
/** Keyword names asked for (a few hundred constants in the rules) → made of ASCII word characters only. */
const asciiWords = new Map<string, boolean>();

/** `x` or `a.b.c` for names and attribute chains (read from the text: no tree walk). */
function targetText(node: Node): string | undefined {
  if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
  const text = node.text;
  return DOTTED.test(text) ? text : undefined;
}

function stringKey(node: Node | null): string | undefined {
  if (!node || node.type !== 'string') return undefined;
  if (node.namedChildren.some((c) => c?.type === 'interpolation')) return undefined;
  return node.namedChildren.filter((c) => c?.type === 'string_content').map((c) => c!.text).join('');
}

/** An assignment as found: its nodes at the position its section had then. */
export interface RawAssignment { target: string; subscriptKey?: string; unpackIndex?: number; targetNode: Node; value: Node; node: Node }

export function assignmentsOf(node: Node): RawAssignment[] {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return [];
  // a = b = value: tree-sitter nests the inner assignment as the right side.
  let value = right;
  for (let inner = value; inner.type === 'assignment';) {
    const next = inner.childForFieldName('right');
    if (!next) break; // half-typed `a = b =`: keep what we have
    value = inner = next;
  }
  const out: RawAssignment[] = [];
  const add = (t: Node, unpackIndex?: number) => {
    if (t.type === 'subscript') {
      const obj = t.childForFieldName('value');
      const key = stringKey(t.childForFieldName('subscript'));
      const base = obj && targetText(obj);
      if (base && key !== undefined) out.push({ target: base, subscriptKey: key, targetNode: t, value, node });
      return;
    }
    const text = targetText(t);
    if (text) out.push({ target: text, targetNode: t, value, unpackIndex, node });
  };
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
    left.namedChildren.forEach((t, i) => t && add(t, i));
  } else {
    add(left);
  }
  return out;
}
function returnsOf(fn: Node): Node[] {
  const out: Node[] = [];
  const body = fn.childForFieldName('body');
  if (!body) return out;
  // Every return under the body, found in wasm (no handle per node of the body); those of nested
  // definitions return from those and are dropped.
  for (const r of body.descendantsOfType('return_statement')) {
    if (!r || !returnsFrom(r, body)) continue;
    const v = r.namedChildren.find((x) => x && x.type !== 'comment');
    if (v) out.push(v);
  }
  return out;
}

/** Is `r` (under `body`) a return of the function `body` belongs to, not of a def, lambda or class inside it? */
function returnsFrom(r: Node, body: Node): boolean {
  for (let p = r.parent; p && p.id !== body.id; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'lambda' || p.type === 'class_definition') return false;
  }
  return true;
}

function paramsOf(node: Node): string[] {
  const params: string[] = [];
  for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) {
    if (!p) continue;
    const id = p.type === 'identifier' ? p : (p.childForFieldName('name') ?? p.namedChildren.find((c) => c?.type === 'identifier'));
    if (id) params.push(id.text);
  }
  return params;
}

/**
 * A fact whose nodes are placed where its section is now. What it derived from its nodes (arguments,
 * scope, …) is kept with them and dropped when the section moves.
 */
abstract class AnchoredFact<P extends { node: Node; scope?: Node | null }> {
  /**
   * The slot a KeptKey fills (`dataset/model.ts` keeps a loader call's label on it): declared, so the facts that carry
   * a kept value and those that do not share one shape, and the code reading many of them stays optimised.
   */
  [KEPT]: Map<object, unknown> | undefined = undefined;
  private placed?: P;
  private placedAt = -1;

  constructor(protected readonly anchor: Anchor) {}

  /** The fact's nodes placed through the anchor (called again after each move). */
  protected abstract place(): P;

  protected get at(): P {
    if (this.placedAt !== this.anchor.version || !this.placed) {
      this.placedAt = this.anchor.version;
      this.placed = this.place();
    }
    return this.placed;
  }

  get node(): Node { return this.at.node; }

  /** The enclosing function, looked up on first use: most facts are never asked. */
  get scope(): Node | null {
    const at = this.at;
    if (at.scope === undefined) at.scope = enclosingFunction(at.node);
    return at.scope;
  }
}

/**
 * `call.keywords`: asking for a keyword the call's text does not even contain answers without
 * walking the arguments (rules probe every call for `trust_remote_code`, `fp16`, …).
 */
class KeywordView extends Map<string, ArgFact> {
  /** The words of the call's text, once it has been probed often (the view lives as long as its section's tree). */
  private words?: Set<string>;
  private probes = 0;
  constructor(private readonly text: string, private readonly parse: () => Map<string, ArgFact>) { super(); }
  /**
   * Might the call have keyword `k`? A keyword's name is an identifier, so a name made of ASCII word
   * characters is a whole word of the text: the set of words answers as `includes` would for it.
   */
  private mentions(k: string): boolean {
    if (!this.words) {
      if (++this.probes <= 8) return this.text.includes(k);
      this.words = new Set(this.text.match(/\w+/g));
    }
    let word = asciiWords.get(k);
    if (word === undefined) { word = ASCII_WORD.test(k); if (asciiWords.size < 4096) asciiWords.set(k, word); }
    return word ? this.words.has(k) : this.text.includes(k);
  }
  override get(k: string): ArgFact | undefined { return this.mentions(k) ? this.parse().get(k) : undefined; }
  override has(k: string): boolean { return this.mentions(k) && this.parse().has(k); }
  override get size(): number { return this.parse().size; }
  override keys() { return this.parse().keys(); }
  override values() { return this.parse().values(); }
  override entries() { return this.parse().entries(); }
  override [Symbol.iterator]() { return this.parse()[Symbol.iterator](); }
  override forEach(cb: (v: ArgFact, k: string, m: Map<string, ArgFact>) => void): void { this.parse().forEach(cb); }
}

interface PlacedCall {
  node: Node;
  callee: Node;
  parsed?: { args: ArgFact[]; positional: ArgFact[]; hasSplat: boolean; keywords: Map<string, ArgFact> };
  scope?: Node | null;
  receiver?: Node | null;
}

/** A call's arguments as first found (nodes unplaced): walked once, re-placed after each move. */
interface RawArguments { args: ArgFact[]; hasSplat: boolean; receiver: Node | null }

/**
 * A call's details are computed on first use: most calls in a script are never asked about
 * (rules filter by callee name first), and walking arguments costs wasm round trips. Names and
 * texts do not depend on where the call is; nodes are placed through the section's anchor.
 */
export class LazyCall extends AnchoredFact<PlacedCall> implements CallFact {
  readonly calleeText: string;
  qualified?: string;
  method?: string;
  private callText?: string;
  private keywordView?: KeywordView;

  constructor(private readonly rawNode: Node, private readonly rawCallee: Node, anchor: Anchor, calleeText: string) {
    super(anchor);
    this.calleeText = calleeText;
  }

  protected place(): PlacedCall {
    return { node: this.anchor.place(this.rawNode), callee: this.anchor.place(this.rawCallee) };
  }

  private qualifiedFor?: string;

  /** Resolves the callee through the script's imports (`importKey` names them: again when they change). */
  qualify(facts: FileFacts, importKey: string): void {
    if (this.qualifiedFor === importKey) return;
    this.qualifiedFor = importKey;
    this.qualified = undefined;
    this.method = undefined;
    if (DOTTED.test(this.calleeText)) {
      // Qualify from the dotted text (`tf.Trainer` → `transformers.Trainer`): no tree walk.
      const dot = this.calleeText.indexOf('.');
      const head = dot < 0 ? this.calleeText : this.calleeText.slice(0, dot);
      const q = qualifyLocal(facts, head) ?? (facts.starImports.length ? `${facts.starImports[0]}.${head}` : undefined);
      if (q) this.qualified = dot < 0 ? q : q + this.calleeText.slice(dot);
      if (dot >= 0) this.method = this.calleeText.slice(this.calleeText.lastIndexOf('.') + 1);
    } else if (this.rawCallee.type === 'attribute') {
      this.qualified = qualifyExpression(facts, this.callee);
      this.method = this.callee.childForFieldName('attribute')?.text;
    }
  }

  /** The call node's id (the same wherever the section moved): indexes need no placed node. */
  get id(): number { return this.rawNode.id; }

  get callee(): Node { return this.at.callee; }
  get text(): string { return (this.callText ??= this.node.text); }

  private rawArguments?: RawArguments;

  /** Arguments and receiver in first-walk coordinates (the tree is walked once per call). */
  private get raw(): RawArguments {
    if (!this.rawArguments) {
      const at = this.at;
      const { args, hasSplat } = argumentsOf(at.node);
      const receiver = at.callee.type === 'attribute' ? at.callee.childForFieldName('object') : null;
      const un = (n: Node) => this.anchor.unplace(n);
      this.rawArguments = {
        args: args.map((a) => ({ ...a, value: un(a.value), node: un(a.node) })),
        hasSplat,
        receiver: receiver && un(receiver),
      };
    }
    return this.rawArguments;
  }

  /** For `obj.method(...)`: the object expression. */
  get receiver(): Node | undefined {
    const at = this.at;
    if (at.receiver === undefined) { const r = this.raw.receiver; at.receiver = r && this.anchor.place(r); }
    return at.receiver ?? undefined;
  }

  private get p() {
    const at = this.at;
    if (!at.parsed) {
      const raw = this.raw;
      const args = raw.args.map((a) => ({ ...a, value: this.anchor.place(a.value), node: this.anchor.place(a.node) }));
      const keywords = new Map<string, ArgFact>();
      for (const a of args) if (a.name) keywords.set(a.name, a);
      at.parsed = { args, positional: args.filter((a) => !a.name), hasSplat: raw.hasSplat, keywords };
    }
    return at.parsed;
  }

  get args(): ArgFact[] { return this.p.args; }
  get positional(): ArgFact[] { return this.p.positional; }
  get keywords(): Map<string, ArgFact> {
    return (this.keywordView ??= new KeywordView((this.callText ??= this.node.text), () => this.p.keywords));
  }
  get hasSplat(): boolean { return this.p.hasSplat; }
}

/** An assignment fact whose nodes are placed through its section's anchor. */
export class AnchoredAssignment extends AnchoredFact<{ targetNode: Node; value: Node; node: Node; scope?: Node | null }> implements AssignmentFact {
  readonly target: string;
  readonly subscriptKey?: string;
  readonly unpackIndex?: number;
  private texts?: { value?: string; node?: string };

  constructor(private readonly raw: RawAssignment, anchor: Anchor) {
    super(anchor);
    this.target = raw.target;
    if (raw.subscriptKey !== undefined) this.subscriptKey = raw.subscriptKey;
    if (raw.unpackIndex !== undefined) this.unpackIndex = raw.unpackIndex;
  }

  protected place() {
    const { targetNode, value, node } = this.raw;
    return { targetNode: this.anchor.place(targetNode), value: this.anchor.place(value), node: this.anchor.place(node) };
  }

  get targetNode(): Node { return this.at.targetNode; }
  get value(): Node { return this.at.value; }
  /** The value node's id (the same wherever the section moved): indexes need no placed node. */
  get valueId(): number { return this.raw.value.id; }
  // The section's text does not change while its tree is kept: texts outlive moves.
  get valueText(): string { const t = (this.texts ??= {}); return (t.value ??= this.value.text); }
  get text(): string { const t = (this.texts ??= {}); return (t.node ??= this.node.text); }
}

/** A function definition: name now; node, parameters, returns and scope on first use. */
export class AnchoredFunction extends AnchoredFact<{ node: Node; returns?: Node[]; scope?: Node | null }> implements FunctionFact {
  private paramNames?: string[];

  constructor(readonly name: string, private readonly rawNode: Node, anchor: Anchor) {
    super(anchor);
  }

  protected place() { return { node: this.anchor.place(this.rawNode) }; }

  private rawReturns?: Node[];

  private ownText?: string;
  get text(): string { return (this.ownText ??= this.node.text); }
  get params(): string[] { return (this.paramNames ??= paramsOf(this.node)); }
  /** Walked once (first-walk coordinates kept), re-placed after each move. */
  get returns(): Node[] {
    const at = this.at;
    this.rawReturns ??= returnsOf(at.node).map((n) => this.anchor.unplace(n));
    return (at.returns ??= this.rawReturns.map((n) => this.anchor.place(n)));
  }
}

/** An import: names now, its node placed through the anchor. */
export class AnchoredImport implements ImportFact {
  readonly module: string;
  readonly name?: string;
  readonly local: string;
  constructor(raw: ImportFact, private readonly rawNode: Node, private readonly anchor: Anchor) {
    this.module = raw.module;
    if (raw.name !== undefined) this.name = raw.name;
    this.local = raw.local;
  }
  get node(): Node { return this.anchor.place(this.rawNode); }
}

/** A class definition: names and texts now; its node and member values placed through the anchor. */
export class AnchoredClass extends AnchoredFact<{ node: Node; members?: ClassMember[] }> implements ClassFact {
  readonly name: string;
  readonly bases: string[];
  readonly opaqueBases: boolean;
  readonly decorators: string[];

  constructor(private readonly raw: RawClass, private readonly rawNode: Node, anchor: Anchor) {
    super(anchor);
    this.name = raw.name;
    this.bases = raw.bases;
    this.opaqueBases = raw.opaqueBases;
    this.decorators = raw.decorators;
  }

  protected place() { return { node: this.anchor.place(this.rawNode) }; }

  get members(): ClassMember[] {
    const at = this.at;
    return (at.members ??= this.raw.members.map((m) => (m.value ? { ...m, value: this.anchor.place(m.value) } : { ...m })));
  }
}
