/**
 * Evaluates a script's formatting function on real rows, statically: the small subset of Python
 * that dataset formatting is written in (f-strings, `str.format`, `+`, `zip`, for-loops with
 * `.append`, list comprehensions, `tokenizer.apply_chat_template(..., tokenize=False)`,
 * `tokenizer.eos_token`). Anything else makes the evaluation give up (undefined) — it never guesses.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from './types';
import { evaluate, unescape } from './values';
import { reachingAssignment } from './reaching';

/** `tokenizer.apply_chat_template(conversation, tokenize=False)`: rendered later, with the real template. */
export interface ChatRender {
  chat: unknown;
  addGenerationPrompt: boolean;
  /** The tokenizer whose `apply_chat_template` made it, as the script writes it (`tokenizer`, `self.tok`). */
  tokenizer?: string;
}

export interface EvalContext {
  facts: FileFacts;
  eosToken?: string;
  bosToken?: string;
}

class GiveUp extends Error {}
const give = (why: string): never => { throw new GiveUp(why); };
const MAX_STEPS = 200_000;

type Scope = Map<string, unknown>;

function isChat(v: unknown): v is ChatRender {
  return !!v && typeof v === 'object' && 'chat' in (v as object) && 'addGenerationPrompt' in (v as object);
}

function pyFormat(template: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return template.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const name = (field ?? '').split(/[!:]/)[0];
    const v = name === '' ? args[auto++] : /^\d+$/.test(name) ? args[Number(name)] : kwargs[name];
    if (v === undefined) give(`format field {${name}}`);
    return str(v);
  });
}

function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return v === true ? 'True' : v === false ? 'False' : String(v);
  if (v === null) return 'None';
  return give('str() of a non-scalar');
}

class Interpreter {
  private steps = 0;
  constructor(private readonly ctx: EvalContext) {}

  private tick(): void { if (++this.steps > MAX_STEPS) give('too many steps'); }

  private name(id: string, node: Node, scope: Scope): unknown {
    if (scope.has(id)) return scope.get(id);
    const a = reachingAssignment(this.ctx.facts, id, node);
    if (a && a.unpackIndex === undefined) return this.expr(a.value, new Map());
    return give(`unknown name ${id}`);
  }

  expr(node: Node, scope: Scope): unknown {
    this.tick();
    switch (node.type) {
      case 'string': {
        const prefix = node.child(0)?.text ?? '';
        let out = '';
        for (const c of node.namedChildren) {
          if (!c) continue;
          if (c.type === 'interpolation') {
            const e = c.childForFieldName('expression');
            out += str(e ? this.expr(e, scope) : give('empty interpolation'));
          } else if (c.type === 'string_content' || c.type === 'escape_sequence') {
            out += unescape(c.text, c.type === 'escape_sequence' ? '' : prefix);
          }
        }
        return out;
      }
      case 'concatenated_string': return node.namedChildren.map((c) => str(this.expr(c!, scope))).join('');
      case 'integer': case 'float': case 'true': case 'false': case 'none': {
        const v = evaluate(this.ctx.facts, node);
        return v.kind === 'none' ? null : 'value' in v ? v.value : give('literal');
      }
      case 'parenthesized_expression': return this.expr(node.namedChildren[0] ?? give('()'), scope);
      case 'identifier': return this.name(node.text, node, scope);
      case 'attribute': {
        const attr = node.childForFieldName('attribute')?.text;
        if (attr === 'eos_token') return this.ctx.eosToken ?? give('eos_token unknown');
        if (attr === 'bos_token') return this.ctx.bosToken ?? give('bos_token unknown');
        return give(`attribute ${attr}`);
      }
      case 'subscript': {
        const base = this.expr(node.childForFieldName('value') ?? give('subscript'), scope);
        const key = this.expr(node.childForFieldName('subscript') ?? give('subscript'), scope);
        if (Array.isArray(base) && typeof key === 'number') return base[key < 0 ? base.length + key : key] ?? give('index');
        if (base && typeof base === 'object' && typeof key === 'string' && key in (base as object)) return (base as Record<string, unknown>)[key];
        return give('subscript');
      }
      case 'binary_operator': {
        const l = this.expr(node.childForFieldName('left')!, scope);
        const r = this.expr(node.childForFieldName('right')!, scope);
        const op = node.childForFieldName('operator')?.text;
        if (op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
        if (op === '+' && isChat(l) && typeof r === 'string') return r === '' ? l : give('chat + text');
        if (op === '+' && Array.isArray(l) && Array.isArray(r)) return [...l, ...r];
        if (op === '%' && typeof l === 'string') return give('%-formatting');
        return give(`operator ${op}`);
      }
      case 'list': case 'tuple': return node.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => this.expr(c!, scope));
      case 'dictionary': {
        const out: Record<string, unknown> = {};
        for (const p of node.namedChildren) {
          if (!p || p.type === 'comment') continue;
          if (p.type !== 'pair') give('dict splat');
          const k = this.expr(p.childForFieldName('key')!, scope);
          if (typeof k !== 'string') give('dict key');
          out[k as string] = this.expr(p.childForFieldName('value')!, scope);
        }
        return out;
      }
      case 'list_comprehension': return this.comprehension(node, scope);
      case 'call': return this.call(node, scope);
      case 'conditional_expression': {
        const [a, cond, b] = node.namedChildren;
        return this.truthy(this.expr(cond!, scope)) ? this.expr(a!, scope) : this.expr(b!, scope);
      }
      default: return give(`expression ${node.type}`);
    }
  }

  private truthy(v: unknown): boolean {
    if (Array.isArray(v)) return v.length > 0;
    if (typeof v === 'string') return v.length > 0;
    return !!v;
  }

  private bind(target: Node, value: unknown, scope: Scope): void {
    if (target.type === 'identifier') { scope.set(target.text, value); return; }
    if (target.type === 'pattern_list' || target.type === 'tuple_pattern' || target.type === 'list_pattern' || target.type === 'tuple') {
      const items = target.namedChildren.filter(Boolean) as Node[];
      if (!Array.isArray(value) || value.length !== items.length) give('unpacking');
      items.forEach((t, i) => this.bind(t, (value as unknown[])[i], scope));
      return;
    }
    give(`assignment target ${target.type}`);
  }

  private comprehension(node: Node, scope: Scope): unknown[] {
    const body = node.childForFieldName('body') ?? give('comprehension');
    const clauses = node.namedChildren.filter((c) => c && (c.type === 'for_in_clause' || c.type === 'if_clause')) as Node[];
    const out: unknown[] = [];
    const run = (i: number, s: Scope) => {
      if (i === clauses.length) { out.push(this.expr(body, s)); return; }
      const c = clauses[i];
      if (c.type === 'if_clause') { if (this.truthy(this.expr(c.namedChildren[0]!, s))) run(i + 1, s); return; }
      const iter = this.expr(c.childForFieldName('right') ?? give('for'), s);
      if (!Array.isArray(iter)) give('iterating a non-list');
      for (const item of iter as unknown[]) { const inner = new Map(s); this.bind(c.childForFieldName('left')!, item, inner); run(i + 1, inner); }
    };
    run(0, scope);
    return out;
  }

  private call(node: Node, scope: Scope): unknown {
    const fn = node.childForFieldName('function') ?? give('call');
    const argNodes = (node.childForFieldName('arguments')?.namedChildren ?? []).filter((a) => a && a.type !== 'comment') as Node[];
    const kw: Record<string, Node> = {};
    const pos: Node[] = [];
    for (const a of argNodes) {
      if (a.type === 'keyword_argument') kw[a.childForFieldName('name')!.text] = a.childForFieldName('value')!;
      else if (a.type === 'list_splat' || a.type === 'dictionary_splat') give('splat');
      else pos.push(a);
    }
    if (fn.type === 'identifier') {
      const args = pos.map((p) => this.expr(p, scope));
      switch (fn.text) {
        case 'zip': {
          if (!args.every(Array.isArray)) give('zip');
          const n = Math.min(...(args as unknown[][]).map((a) => a.length));
          return Array.from({ length: n }, (_, i) => (args as unknown[][]).map((a) => a[i]));
        }
        case 'str': return str(args[0]);
        case 'len': return Array.isArray(args[0]) || typeof args[0] === 'string' ? (args[0] as unknown[]).length : give('len');
        case 'range': return typeof args[0] === 'number' ? Array.from({ length: args[0] }, (_, i) => i) : give('range');
        case 'enumerate': return Array.isArray(args[0]) ? (args[0] as unknown[]).map((v, i) => [i, v]) : give('enumerate');
        case 'dict': return Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, this.expr(v, scope)]));
        default: return give(`call ${fn.text}`);
      }
    }
    if (fn.type !== 'attribute') return give('call');
    const method = fn.childForFieldName('attribute')!.text;
    const receiverNode = fn.childForFieldName('object')!;
    if (method === 'apply_chat_template') {
      const tokenize = kw.tokenize ? this.expr(kw.tokenize, scope) : true;
      if (tokenize !== false) give('apply_chat_template(tokenize=True) returns ids');
      const conv = this.expr(pos[0] ?? kw.conversation ?? give('conversation'), scope);
      const agp = kw.add_generation_prompt ? this.expr(kw.add_generation_prompt, scope) === true : false;
      return { chat: conv, addGenerationPrompt: agp, tokenizer: receiverNode.text } satisfies ChatRender;
    }
    const receiver = this.expr(receiverNode, scope);
    const args = pos.map((p) => this.expr(p, scope));
    if (isChat(receiver)) {
      // `.removeprefix('<bos>')` on rendered chat text (Gemma notebooks): the pipeline handles BOS.
      if (method === 'removeprefix' || method === 'strip' || method === 'rstrip' || method === 'lstrip') return receiver;
      return give(`${method} on rendered chat`);
    }
    if (typeof receiver === 'string') {
      switch (method) {
        case 'format': return pyFormat(receiver, args, Object.fromEntries(Object.entries(kw).map(([k, v]) => [k, this.expr(v, scope)])));
        case 'strip': return receiver.trim();
        case 'rstrip': return receiver.replace(/\s+$/, '');
        case 'lstrip': return receiver.replace(/^\s+/, '');
        case 'removeprefix': return typeof args[0] === 'string' && receiver.startsWith(args[0]) ? receiver.slice(args[0].length) : receiver;
        case 'replace': return typeof args[0] === 'string' && typeof args[1] === 'string' ? receiver.split(args[0]).join(args[1]) : give('replace');
        case 'join': return Array.isArray(args[0]) ? (args[0] as unknown[]).map(str).join(receiver) : give('join');
        default: return give(`str.${method}`);
      }
    }
    return give(`method ${method}`);
  }

  /** Runs a function body; returns its return value. */
  run(block: Node, scope: Scope): unknown {
    for (const st of block.namedChildren) {
      if (!st || st.type === 'comment') continue;
      this.tick();
      const r = this.statement(st, scope);
      if (r !== NO_RETURN) return r;
    }
    return NO_RETURN;
  }

  private statement(st: Node, scope: Scope): unknown {
    switch (st.type) {
      case 'expression_statement': {
        const e = st.namedChildren[0];
        if (!e) return NO_RETURN;
        if (e.type === 'assignment') {
          const left = e.childForFieldName('left')!;
          const value = this.expr(e.childForFieldName('right')!, scope);
          if (left.type === 'subscript') {
            const obj = this.expr(left.childForFieldName('value')!, scope);
            const key = this.expr(left.childForFieldName('subscript')!, scope);
            if (obj && typeof obj === 'object' && !Array.isArray(obj) && typeof key === 'string') { (obj as Record<string, unknown>)[key] = value; return NO_RETURN; }
            return give('subscript assignment');
          }
          this.bind(left, value, scope);
          return NO_RETURN;
        }
        if (e.type === 'call') {
          const fn = e.childForFieldName('function');
          if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'append') {
            const list = this.expr(fn.childForFieldName('object')!, scope);
            const arg = e.childForFieldName('arguments')?.namedChildren[0];
            if (!Array.isArray(list) || !arg) give('append');
            (list as unknown[]).push(this.expr(arg!, scope));
            return NO_RETURN;
          }
        }
        if (e.type === 'string') return NO_RETURN; // docstring
        return give(`statement ${e.type}`);
      }
      case 'for_statement': {
        const iter = this.expr(st.childForFieldName('right')!, scope);
        if (!Array.isArray(iter)) give('for over a non-list');
        for (const item of iter as unknown[]) {
          this.bind(st.childForFieldName('left')!, item, scope);
          const r = this.run(st.childForFieldName('body')!, scope);
          if (r !== NO_RETURN) return r;
        }
        return NO_RETURN;
      }
      case 'if_statement': {
        const cond = this.expr(st.childForFieldName('condition')!, scope);
        if (this.truthy(cond)) return this.run(st.childForFieldName('consequence')!, scope);
        const alt = st.childForFieldName('alternative');
        if (alt?.type === 'else_clause') return this.run(alt.childForFieldName('body')!, scope);
        if (alt) give('elif');
        return NO_RETURN;
      }
      case 'return_statement': {
        const v = st.namedChildren[0];
        return v ? this.expr(v, scope) : null;
      }
      case 'pass_statement': return NO_RETURN;
      default: return give(`statement ${st.type}`);
    }
  }
}

const NO_RETURN = Symbol('no return');

/**
 * Call a formatting function (a `def` or `lambda` node) on `input` (one example, or a batch of
 * columns when batched). Returns the function's result, or `{ error }` saying why not.
 */
export function callFormattingFunction(fn: Node, input: unknown, ctx: EvalContext): { value: unknown } | { error: string } {
  try {
    const interp = new Interpreter(ctx);
    const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).filter(Boolean) as Node[];
    const first = params[0];
    const scope: Scope = new Map();
    if (first) scope.set(first.type === 'identifier' ? first.text : (first.childForFieldName('name')?.text ?? first.text), input);
    if (fn.type === 'lambda') return { value: interp.expr(fn.childForFieldName('body')!, scope) };
    const r = interp.run(fn.childForFieldName('body')!, scope);
    return r === NO_RETURN ? { error: 'the function returns nothing' } : { value: r };
  } catch (e) {
    if (e instanceof GiveUp) return { error: `cannot evaluate statically (${e.message})` };
    return { error: `cannot evaluate statically (${(e as Error).message})` };
  }
}

export { isChat };
