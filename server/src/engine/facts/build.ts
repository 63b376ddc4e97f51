/** Builds the facts index from a syntax tree in one walk (`descendantsOfType`, inside wasm). */
import type { Node, Tree } from 'web-tree-sitter';
import { importsOf, qualifyExpression, qualifyLocal } from './imports';
import type { ArgFact, AssignmentFact, CallFact, FileFacts, FunctionFact } from './types';

export function enclosingFunction(node: Node): Node | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'function_definition' || p.type === 'lambda') return p;
  return null;
}

function argumentsOf(call: Node): { args: ArgFact[]; hasSplat: boolean } {
  const list = call.childForFieldName('arguments');
  const args: ArgFact[] = [];
  let hasSplat = false;
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

/**
 * `call.keywords`: asking for a keyword the call's text does not even contain answers without
 * walking the arguments (rules probe every call for `trust_remote_code`, `fp16`, …).
 */
class KeywordView extends Map<string, ArgFact> {
  constructor(private readonly text: string, private readonly parse: () => Map<string, ArgFact>) { super(); }
  override get(k: string): ArgFact | undefined { return this.text.includes(k) ? this.parse().get(k) : undefined; }
  override has(k: string): boolean { return this.text.includes(k) && this.parse().has(k); }
  override get size(): number { return this.parse().size; }
  override keys() { return this.parse().keys(); }
  override values() { return this.parse().values(); }
  override entries() { return this.parse().entries(); }
  override [Symbol.iterator]() { return this.parse()[Symbol.iterator](); }
  override forEach(cb: (v: ArgFact, k: string, m: Map<string, ArgFact>) => void): void { this.parse().forEach(cb); }
}

/**
 * A call's details are computed on first use: most calls in a script are never asked about
 * (rules filter by callee name first), and walking arguments costs wasm round trips.
 */
class LazyCall implements CallFact {
  private parsed?: { args: ArgFact[]; positional: ArgFact[]; hasSplat: boolean; keywords: Map<string, ArgFact> };
  private scopeNode?: Node | null;
  readonly calleeText: string;
  readonly qualified?: string;
  readonly method?: string;
  private receiverNode?: Node | null;

  constructor(readonly node: Node, readonly callee: Node, facts: FileFacts) {
    this.calleeText = callee.text;
    if (DOTTED.test(this.calleeText)) {
      // Qualify from the dotted text (`tf.Trainer` → `transformers.Trainer`): no tree walk.
      const dot = this.calleeText.indexOf('.');
      const head = dot < 0 ? this.calleeText : this.calleeText.slice(0, dot);
      const q = qualifyLocal(facts, head) ?? (facts.starImports.length ? `${facts.starImports[0]}.${head}` : undefined);
      if (q) this.qualified = dot < 0 ? q : q + this.calleeText.slice(dot);
      if (dot >= 0) this.method = this.calleeText.slice(this.calleeText.lastIndexOf('.') + 1);
    } else if (callee.type === 'attribute') {
      this.qualified = qualifyExpression(facts, callee);
      this.method = callee.childForFieldName('attribute')?.text;
    }
  }

  /** For `obj.method(...)`: the object expression. */
  get receiver(): Node | undefined {
    if (this.receiverNode === undefined) {
      this.receiverNode = this.callee.type === 'attribute' ? this.callee.childForFieldName('object') : null;
    }
    return this.receiverNode ?? undefined;
  }

  private get p() {
    if (!this.parsed) {
      const { args, hasSplat } = argumentsOf(this.node);
      const keywords = new Map<string, ArgFact>();
      for (const a of args) if (a.name) keywords.set(a.name, a);
      this.parsed = { args, positional: args.filter((a) => !a.name), hasSplat, keywords };
    }
    return this.parsed;
  }

  get args(): ArgFact[] { return this.p.args; }
  get positional(): ArgFact[] { return this.p.positional; }
  get keywords(): Map<string, ArgFact> {
    return (this.keywordView ??= new KeywordView(this.node.text, () => this.p.keywords));
  }
  private keywordView?: KeywordView;
  get hasSplat(): boolean { return this.p.hasSplat; }
  get scope(): Node | null {
    if (this.scopeNode === undefined) this.scopeNode = enclosingFunction(this.node);
    return this.scopeNode;
  }
}

function callFact(facts: FileFacts, node: Node): CallFact | undefined {
  const callee = node.childForFieldName('function');
  return callee ? new LazyCall(node, callee, facts) : undefined;
}

const DOTTED = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;

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

function assignmentFacts(node: Node): AssignmentFact[] {
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left || !right) return [];
  // The enclosing function is looked up on first use: most assignments are never asked.
  let scopeNode: Node | null | undefined;
  const scopeOf = () => (scopeNode === undefined ? (scopeNode = enclosingFunction(node)) : scopeNode);
  // a = b = value: tree-sitter nests the inner assignment as the right side.
  let value = right;
  for (let inner = value; inner.type === 'assignment';) {
    const next = inner.childForFieldName('right');
    if (!next) break; // half-typed `a = b =`: keep what we have
    value = inner = next;
  }
  const out: AssignmentFact[] = [];
  const add = (t: Node, unpackIndex?: number) => {
    if (t.type === 'subscript') {
      const obj = t.childForFieldName('value');
      const key = stringKey(t.childForFieldName('subscript'));
      const base = obj && targetText(obj);
      if (base && key !== undefined) out.push(withScope({ target: base, subscriptKey: key, targetNode: t, value, node }, scopeOf));
      return;
    }
    const text = targetText(t);
    if (text) out.push(withScope({ target: text, targetNode: t, value, unpackIndex, node }, scopeOf));
  };
  if (left.type === 'pattern_list' || left.type === 'tuple_pattern' || left.type === 'list_pattern') {
    left.namedChildren.forEach((t, i) => t && add(t, i));
  } else {
    add(left);
  }
  return out;
}

function withScope(a: Omit<AssignmentFact, 'scope'>, scopeOf: () => Node | null): AssignmentFact {
  return Object.defineProperty(a, 'scope', { get: scopeOf, enumerable: true }) as AssignmentFact;
}

function returnsOf(fn: Node): Node[] {
  const out: Node[] = [];
  const walk = (n: Node) => {
    for (const c of n.namedChildren) {
      if (!c) continue;
      if (c.type === 'function_definition' || c.type === 'lambda' || c.type === 'class_definition') continue;
      if (c.type === 'return_statement') {
        const v = c.namedChildren.find((x) => x && x.type !== 'comment');
        if (v) out.push(v);
      } else walk(c);
    }
  };
  const body = fn.childForFieldName('body');
  if (body) walk(body);
  return out;
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

/** Name now; parameters, returns and scope on first use (walking bodies costs wasm round trips). */
function functionFact(node: Node): FunctionFact | undefined {
  const name = node.childForFieldName('name')?.text;
  if (!name) return undefined;
  let params: string[] | undefined;
  let returns: Node[] | undefined;
  let scope: Node | null | undefined;
  return {
    name, node,
    get params() { return (params ??= paramsOf(node)); },
    get returns() { return (returns ??= returnsOf(node)); },
    get scope() { return scope === undefined ? (scope = enclosingFunction(node)) : scope; },
  };
}

/** The node types the index is built from (one walk of the tree, in wasm). */
const FACT_TYPES = ['import_statement', 'import_from_statement', 'call', 'assignment', 'function_definition'];

export function buildFacts(tree: Tree): FileFacts {
  let comments: FileFacts['comments'] | undefined;
  const facts: FileFacts = {
    imports: [], calls: [], assignments: [], functions: new Map(), starImports: [],
    // Only suppression directives need comments, and most scripts have none: collected on demand.
    get comments() {
      return (comments ??= tree.rootNode.descendantsOfType('comment')
        .filter((n): n is Node => !!n)
        .map((node) => ({ node, text: node.text, line: node.startPosition.row })));
    },
  };
  // descendantsOfType walks the tree inside wasm and returns the nodes in document order; it is
  // ~35% faster than matching an equivalent query (measured on 2,000-line scripts), and this runs on
  // every keystroke.
  const nodes = tree.rootNode.descendantsOfType(FACT_TYPES);
  // Imports first: call qualification needs every binding (imports inside functions included).
  for (const node of nodes) {
    if (!node || (node.type !== 'import_statement' && node.type !== 'import_from_statement')) continue;
    const { imports, star } = importsOf(node);
    facts.imports.push(...imports);
    if (star) facts.starImports.push(star);
  }
  for (const node of nodes) {
    if (!node) continue;
    switch (node.type) {
      case 'call': { const c = callFact(facts, node); if (c) facts.calls.push(c); break; }
      case 'assignment': facts.assignments.push(...assignmentFacts(node)); break;
      case 'function_definition': { const f = functionFact(node); if (f) facts.functions.set(f.name, f); break; }
    }
  }
  return facts;
}

const callIndexes = new WeakMap<FileFacts, Map<number, CallFact>>();

/** Calls by their node id, built once per facts (the analysis, the dataset model and data lookups share it). */
export function callIndex(facts: FileFacts): Map<number, CallFact> {
  let index = callIndexes.get(facts);
  if (!index) {
    index = new Map(facts.calls.map((c) => [c.node.id, c]));
    callIndexes.set(facts, index);
  }
  return index;
}
