/**
 * Static evaluation of expressions: literals, simple constant propagation
 * (`max_seq_length = 2048` … `max_seq_length=max_seq_length`), string building.
 * Anything that cannot be known is `unknown`; rules never guess on unknowns.
 */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import { resolveAttribute } from './attributes';
import { enclosingFunction } from './build';
import { isParameterOf, ownFunctionReturn } from './own-functions';
import { assignmentsTo, conditionalAlternatives, MAX_DEPTH, reachingAssignment, resolveExpression } from './reaching';
import type { AssignmentFact, FileFacts } from './types';
import { dottedParts, importedRef } from '../modules/imported-ref';
import { configAttributeValue, configCallValue, subscriptValue } from './config-values';

export type PyValue =
  | { kind: 'str'; value: string }
  | { kind: 'num'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'none' }
  | { kind: 'list' | 'tuple'; items: PyValue[] }
  /** `attributes`: an OmegaConf config, whose entries are read as attributes too (`cfg.model.name`). */
  | { kind: 'dict'; entries: Array<[string, PyValue]>; attributes?: boolean }
  | { kind: 'unknown' };

export const UNKNOWN: PyValue = { kind: 'unknown' };


/**
 * String literals without interpolations, by their text: the parser gives the same parts for the same
 * text wherever it stands (its prefix and quotes decide them), so the value is the text's (the rules evaluate the same paths, ids and
 * markers on every lint).
 */
const plainStrings = new Map<string, PyValue>();
const MAX_PLAIN_STRINGS = 2048;
const MAX_PLAIN_STRING_CHARS = 4096;

function stringValue(facts: FileFacts, node: Node, depth: number): PyValue {
  // A literal the parser recovered from an error (an unclosed quote being typed) is never cached.
  const text = node.hasError ? undefined : node.text;
  const known = text === undefined ? undefined : plainStrings.get(text);
  if (known) return known;
  let interpolated = false;
  let out = '';
  const prefix = node.child(0)?.text ?? '';
  // An f-string's `{{` and `}}` are one brace each (tree-sitter keeps them in the content as escape_interpolation).
  const fString = /f/i.test(prefix.replace(/["']/g, ''));
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out += fString ? unescape(c.text, prefix).replace(/\{\{|\}\}/g, (b) => b[0]) : unescape(c.text, prefix);
    else if (c.type === 'escape_sequence') out += unescape(c.text, '');
    else if (c.type === 'interpolation') {
      interpolated = true;
      const expr = c.childForFieldName('expression');
      const v = expr ? evaluate(facts, expr, depth + 1) : UNKNOWN;
      if (v.kind === 'str') out += v.value;
      else if (v.kind === 'num') out += String(v.value);
      else return UNKNOWN;
    }
  }
  const value: PyValue = { kind: 'str', value: out };
  if (!interpolated && text !== undefined && text.length <= MAX_PLAIN_STRING_CHARS) {
    if (plainStrings.size >= MAX_PLAIN_STRINGS) plainStrings.delete(plainStrings.keys().next().value as string);
    plainStrings.set(text, value);
  }
  return value;
}

/** Python escape sequences of a string literal part (none for raw strings: `prefix` like `r"`). */
export function unescape(text: string, prefix: string): string {
  if (/r/i.test(prefix.replace(/["']/g, ''))) return text;
  return text.replace(/\\(n|t|r|\\|'|"|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4})/g, (_, e: string) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'x': case 'u': return String.fromCharCode(parseInt(e.slice(1), 16));
      default: return e;
    }
  });
}

/**
 * Container literals that name nothing (`{"instruction": ["a", "b"]}`) evaluate to the same value
 * wherever they are: cached by their text, so an edit elsewhere does not walk them again.
 */
const literals = new Map<string, PyValue>();
const MAX_CACHED_LITERALS = 512;
const MAX_CACHED_LITERAL_CHARS = 20_000;
/** Counts name lookups and depth cut-offs: a literal evaluated without either is cacheable. */
let impure = 0;

/** What is being evaluated depends on more than its text (a file read): never cached as a literal. */
export function noteImpure(): void { impure++; }

function cachedLiteral(node: Node, compute: () => PyValue): PyValue {
  const text = node.text;
  if (text.length > MAX_CACHED_LITERAL_CHARS) return compute();
  const key = `${node.type}\u0000${text}`;
  const hit = literals.get(key);
  if (hit) return hit;
  const before = impure;
  const value = compute();
  if (impure === before) {
    if (literals.size >= MAX_CACHED_LITERALS) literals.delete(literals.keys().next().value as string);
    literals.set(key, value);
  }
  return value;
}

/** Top-level evaluations by node, once per facts (rules evaluate the same arguments again and again). */
const evaluated = new KeptKey<Map<number, { value: PyValue; impure: boolean }>>();

export function evaluate(facts: FileFacts, node: Node, depth = 0): PyValue {
  if (depth > 0) return evaluateAt(facts, node, depth);
  let memo = evaluated.get(facts);
  if (!memo) evaluated.set(facts, (memo = new Map()));
  const known = memo.get(node.id);
  if (known) {
    if (known.impure) impure++; // what evaluating it again would have counted (see cachedLiteral)
    return known.value;
  }
  const before = impure;
  const value = evaluateAt(facts, node, 0);
  memo.set(node.id, { value, impure: impure !== before });
  return value;
}

function evaluateAt(facts: FileFacts, node: Node, depth: number): PyValue {
  if (depth > MAX_DEPTH) { impure++; return UNKNOWN; }
  switch (node.type) {
    case 'string': return stringValue(facts, node, depth);
    case 'concatenated_string': {
      let s = '';
      for (const c of node.namedChildren) {
        const v = c ? evaluate(facts, c, depth + 1) : UNKNOWN;
        if (v.kind !== 'str') return UNKNOWN;
        s += v.value;
      }
      return { kind: 'str', value: s };
    }
    case 'integer': {
      const v = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(v) ? { kind: 'num', value: v } : UNKNOWN;
    }
    case 'float': {
      const v = Number(node.text.replace(/_/g, ''));
      return Number.isFinite(v) ? { kind: 'num', value: v } : UNKNOWN;
    }
    case 'true': return { kind: 'bool', value: true };
    case 'false': return { kind: 'bool', value: false };
    case 'none': return { kind: 'none' };
    case 'parenthesized_expression': return node.namedChildren[0] ? evaluate(facts, node.namedChildren[0], depth + 1) : UNKNOWN;
    case 'unary_operator': {
      const v = node.childForFieldName('argument');
      const op = node.childForFieldName('operator')?.text ?? node.child(0)?.text;
      const inner = v ? evaluate(facts, v, depth + 1) : UNKNOWN;
      if (inner.kind === 'num' && op === '-') return { kind: 'num', value: -inner.value };
      if (inner.kind === 'num' && op === '+') return inner;
      return UNKNOWN;
    }
    case 'binary_operator': {
      const l = node.childForFieldName('left');
      const r = node.childForFieldName('right');
      const op = node.childForFieldName('operator')?.text;
      if (!l || !r) return UNKNOWN;
      const a = evaluate(facts, l, depth + 1);
      const b = evaluate(facts, r, depth + 1);
      if (op === '+' && a.kind === 'str' && b.kind === 'str') return { kind: 'str', value: a.value + b.value };
      if (a.kind === 'num' && b.kind === 'num') {
        switch (op) {
          case '+': return { kind: 'num', value: a.value + b.value };
          case '-': return { kind: 'num', value: a.value - b.value };
          case '*': return { kind: 'num', value: a.value * b.value };
          case '//': return b.value ? { kind: 'num', value: Math.floor(a.value / b.value) } : UNKNOWN;
          case '/': return b.value ? { kind: 'num', value: a.value / b.value } : UNKNOWN;
          case '**': return { kind: 'num', value: a.value ** b.value };
        }
      }
      return UNKNOWN;
    }
    case 'list': case 'tuple': case 'expression_list': return cachedLiteral(node, () => {
      const items: PyValue[] = [];
      for (const c of node.namedChildren) {
        if (!c || c.type === 'comment') continue;
        if (c.type === 'list_splat') return UNKNOWN;
        items.push(evaluate(facts, c, depth + 1));
      }
      return { kind: node.type === 'list' ? 'list' : 'tuple', items };
    });
    case 'dictionary': return cachedLiteral(node, () => {
      const entries: Array<[string, PyValue]> = [];
      for (const c of node.namedChildren) {
        if (!c || c.type === 'comment') continue;
        if (c.type !== 'pair') return UNKNOWN;
        const k = c.childForFieldName('key');
        const v = c.childForFieldName('value');
        const key = k ? evaluate(facts, k, depth + 1) : UNKNOWN;
        if (key.kind !== 'str' || !v) return UNKNOWN;
        entries.push([key.value, evaluate(facts, v, depth + 1)]);
      }
      return { kind: 'dict', entries };
    });
    case 'conditional_expression': {
      // `a if cond else b`: the branch the condition picks when its truth is known, else the value both branches agree on.
      const [body, cond, other] = node.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
      if (!body || !cond || !other) return UNKNOWN;
      const truth = truthOf(evaluate(facts, cond, depth + 1));
      if (truth !== undefined) return evaluate(facts, truth ? body : other, depth + 1);
      return agreedValue([evaluate(facts, body, depth + 1), evaluate(facts, other, depth + 1)]);
    }
    case 'identifier': {
      impure++;
      const alternatives = alternativeValues(facts, node, depth);
      if (alternatives) return agreedValue(alternatives);
      const target = resolveExpression(facts, node, depth + 1);
      return target === node ? importedValue(facts, node) : evaluate(facts, target, depth + 1);
    }
    case 'attribute': {
      impure++;
      const target = resolveAttribute(facts, node);
      if (target) return evaluate(facts, target, depth + 1);
      return configAttributeValue(facts, node, depth) ?? importedValue(facts, node);
    }
    // `CONFIG["model"]["id"]`, `cfg.get("lr", 2e-4)`, `yaml.safe_load(open("config.yaml"))` (`config-values.ts`).
    case 'subscript': return subscriptValue(facts, node, depth);
    case 'call': return configCallValue(facts, node, depth);
    default: return UNKNOWN;
  }
}

/**
 * A name no assignment of the script reaches, or an attribute of an imported module, that the script imports
 * from a module of its own project (`from src.config import MODEL_NAME`): the constant that module defines,
 * when it was read and resolved unambiguously (`modules/`). A parameter of the enclosing function of the same
 * name hides the import; an assignment to the attribute anywhere in the script makes it unknown.
 */
function importedValue(facts: FileFacts, node: Node): PyValue {
  const scope = facts.modules;
  if (!scope) return UNKNOWN;
  const ref = importedRef(facts, node);
  if (!ref) return UNKNOWN;
  const parts = node.type === 'identifier' ? [node.text] : dottedParts(node);
  const fn = enclosingFunction(node);
  if (!parts || (fn && isParameterOf(fn, parts[0]))) return UNKNOWN;
  // `config.MODEL = …` anywhere in the script: the module's value is not the one read.
  if (parts.length > 1 && assignmentsTo(facts, parts.join('.')).length) return UNKNOWN;
  return scope.provider.lookup(scope.path, ref.module, ref.name)?.value ?? UNKNOWN;
}

/**
 * What each assignment that may give `at` its value assigns, when the nearest one is conditional
 * (`conditionalAlternatives`): unknown for one that cannot be evaluated or that reads the name itself
 * (`x = f(x)`, whose earlier value is among the alternatives anyway). Undefined when `at` has one value.
 */
export function alternativeValues(facts: FileFacts, at: Node, depth = 0): PyValue[] | undefined {
  return conditionalAlternatives(facts, at)?.map((a) => {
    let value: Node | null | undefined = a.value;
    if (a.unpackIndex !== undefined) {
      value = value.type === 'expression_list' || value.type === 'tuple' || value.type === 'list' ? value.namedChildren[a.unpackIndex] : undefined;
    }
    if (!value || (at.startIndex >= a.node.startIndex && at.endIndex <= a.node.endIndex)) return UNKNOWN;
    return evaluate(facts, value, depth + 1);
  });
}

/** Python's truth of a known value (`bool(x)`); undefined when the value is not known. */
function truthOf(v: PyValue): boolean | undefined {
  switch (v.kind) {
    case 'bool': return v.value;
    case 'num': return v.value !== 0;
    case 'str': return v.value !== '';
    case 'none': return false;
    case 'list': case 'tuple': return v.items.length > 0;
    case 'dict': return v.entries.length > 0;
    default: return undefined;
  }
}

/** The value every alternative assigns, or unknown when they differ (or any is not known). */
function agreedValue(values: PyValue[]): PyValue {
  let agreed: PyValue | undefined;
  let key = '';
  for (const v of values) {
    if (v.kind === 'unknown') return UNKNOWN;
    const k = JSON.stringify(v);
    if (agreed === undefined) { agreed = v; key = k; } else if (k !== key) return UNKNOWN;
  }
  return agreed ?? UNKNOWN;
}

export function evaluateString(facts: FileFacts, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const v = evaluate(facts, node);
  return v.kind === 'str' ? v.value : undefined;
}

export function evaluateNumber(facts: FileFacts, node: Node | undefined): number | undefined {
  if (!node) return undefined;
  const v = evaluate(facts, node);
  return v.kind === 'num' ? v.value : undefined;
}

export function evaluateBool(facts: FileFacts, node: Node | undefined): boolean | undefined {
  if (!node) return undefined;
  const v = evaluate(facts, node);
  return v.kind === 'bool' ? v.value : undefined;
}

/** List of strings (`["a", "b"]`, a tuple, or a single string as a one-element list). */
export function evaluateStringList(facts: FileFacts, node: Node | undefined): string[] | undefined {
  if (!node) return undefined;
  const v = evaluate(facts, node);
  if (v.kind === 'str') return [v.value];
  if (v.kind !== 'list' && v.kind !== 'tuple') return undefined;
  const out: string[] = [];
  for (const i of v.items) { if (i.kind !== 'str') return undefined; out.push(i.value); }
  return out;
}
