/**
 * Branches a script runs only on some versions of a library: `if version.parse(trl.__version__) < version.parse("0.17"):`
 * (also `importlib.metadata.version("trl")`, `pkg_resources.get_distribution("trl").version`, `parse_version`,
 * `Version(…)`, a variable assigned one of these, `and` of such tests, and the `else`/`elif` after them). The script
 * itself proves the range there, whatever version is installed: API-drift rules stay silent on a use that runs only
 * where the old name still exists.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import { reachingAssignment } from '../facts/reaching';
import { compareVersions, isValidVersion } from '../env/pep440';
import { normalizePackageName } from '../env/versions';

export interface Bound { version: string; inclusive: boolean }
/** What the enclosing branches prove of a package's version (either end open). */
export interface GuardRange { lower?: Bound; upper?: Bound }

const WRAPPERS = /^(?:(?:packaging\.)?version\.(?:parse|Version)|(?:pkg_resources\.)?parse_version|Version|LooseVersion|StrictVersion|pv\.parse|V)$/;

/** `trl.__version__`, `importlib.metadata.version("trl")`, or a variable holding one: the package, normalized. */
function versionOf(facts: FileFacts, node: Node, depth = 0): string | undefined {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'call') {
    const fn = n.childForFieldName('function')?.text ?? '';
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    if (WRAPPERS.test(fn) && args[0]) return versionOf(facts, args[0], depth);
    if (/(^|\.)(version|get_version)$/.test(fn) && args[0]) {
      const name = evaluateString(facts, args[0]);
      return name ? normalizePackageName(name) : undefined;
    }
    return undefined;
  }
  if (n.type === 'attribute') {
    const attr = n.childForFieldName('attribute')?.text;
    const obj = n.childForFieldName('object');
    if (!obj) return undefined;
    if (attr === '__version__') {
      const local = obj.text.split('.')[0];
      const imp = facts.imports.find((i) => i.local === local && i.name === undefined);
      const mod = imp ? imp.module : obj.text;
      return normalizePackageName(mod.split('.')[0]);
    }
    // pkg_resources.get_distribution("trl").version
    if (attr === 'version' && obj.type === 'call' && /get_distribution$/.test(obj.childForFieldName('function')?.text ?? '')) {
      const arg = obj.childForFieldName('arguments')?.namedChildren[0];
      const name = arg ? evaluateString(facts, arg) : undefined;
      return name ? normalizePackageName(name) : undefined;
    }
    return undefined;
  }
  if (n.type === 'identifier' && depth < 2) {
    const a = reachingAssignment(facts, n.text, n);
    return a && a.target === n.text ? versionOf(facts, a.value, depth + 1) : undefined;
  }
  return undefined;
}

/** A version literal, plain or wrapped: `version.parse("0.17.0")`, `"4.46"`. */
function literalVersion(facts: FileFacts, node: Node): string | undefined {
  let n = node;
  while (n.type === 'parenthesized_expression' && n.namedChildren[0]) n = n.namedChildren[0];
  if (n.type === 'call' && WRAPPERS.test(n.childForFieldName('function')?.text ?? '')) {
    const arg = n.childForFieldName('arguments')?.namedChildren[0];
    return arg ? literalVersion(facts, arg) : undefined;
  }
  const s = n.type === 'string' ? evaluateString(facts, n) : undefined;
  return s && isValidVersion(s) ? s : undefined;
}

type Op = '<' | '<=' | '>' | '>=';
const FLIP: Record<Op, Op> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };
const NEGATE: Record<Op, Op> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<' };

/**
 * `v OP "x"` tests of `pkg` in a condition (an `and` of them when `holds`; one test when negated). A name the condition
 * reads is its one reaching assignment's test (`lt_4_56 = version.parse(transformers.__version__) < version.parse("4.56")`
 * then `if lt_4_56:`, huggingface/peft `src/peft/peft_model.py`).
 */
function tests(facts: FileFacts, cond: Node, pkg: string, holds: boolean, depth = 0): Array<{ op: Op; version: string }> | undefined {
  let c = cond;
  while (c.type === 'parenthesized_expression' && c.namedChildren[0]) c = c.namedChildren[0];
  if (c.type === 'identifier') {
    if (depth >= 2) return undefined;
    const a = reachingAssignment(facts, c.text, c);
    return a && a.target === c.text && a.unpackIndex === undefined && !a.subscriptKey ? tests(facts, a.value, pkg, holds, depth + 1) : undefined;
  }
  if (c.type === 'not_operator') {
    const arg = c.childForFieldName('argument');
    return arg ? tests(facts, arg, pkg, !holds, depth) : undefined;
  }
  if (c.type === 'boolean_operator') {
    const op = c.childForFieldName('operator')?.text ?? c.children[1]?.text;
    const l = c.childForFieldName('left'), r = c.childForFieldName('right');
    // `a and b` holding proves both; `a or b` failing proves neither holds.
    if (!l || !r || (op === 'and') !== holds) return undefined;
    const x = tests(facts, l, pkg, holds, depth), y = tests(facts, r, pkg, holds, depth);
    return x || y ? [...(x ?? []), ...(y ?? [])] : undefined;
  }
  if (c.type !== 'comparison_operator') return undefined;
  const operands = c.namedChildren;
  const ops = c.children.filter((k) => !k.isNamed).map((k) => k.text);
  if (operands.length !== 2 || ops.length !== 1 || !['<', '<=', '>', '>='].includes(ops[0])) return undefined;
  let op = ops[0] as Op;
  let version: string | undefined;
  if (versionOf(facts, operands[0]) === pkg) version = literalVersion(facts, operands[1]);
  else if (versionOf(facts, operands[1]) === pkg) { version = literalVersion(facts, operands[0]); op = FLIP[op]; }
  if (!version) return undefined;
  return [{ op: holds ? op : NEGATE[op], version }];
}

/** What the `if`/`elif`/`else` branches around `node` prove of `pkg`'s version. */
export function versionGuard(facts: FileFacts, node: Node, pkgName: string): GuardRange | undefined {
  const pkg = normalizePackageName(pkgName);
  const found: Array<{ op: Op; version: string }> = [];
  let child: Node = node;
  for (let n: Node | null = node.parent; n; child = n, n = n.parent) {
    if (n.type === 'if_statement' || n.type === 'elif_clause') {
      if (n.childForFieldName('consequence')?.id !== child.id) continue;
      const cond = n.childForFieldName('condition');
      if (cond) found.push(...(tests(facts, cond, pkg, true) ?? []));
      // An `elif` also runs only when the conditions before it failed.
      if (n.type === 'elif_clause') for (const prev of earlierConditions(n)) found.push(...(tests(facts, prev, pkg, false) ?? []));
    } else if (n.type === 'else_clause' && n.parent?.type === 'if_statement') {
      for (const prev of earlierConditions(n)) found.push(...(tests(facts, prev, pkg, false) ?? []));
    }
  }
  found.push(...requiredVersions(facts, node, pkg));
  if (found.length === 0) return undefined;
  const range: GuardRange = {};
  for (const t of found) {
    const b: Bound = { version: t.version, inclusive: t.op.endsWith('=') };
    if (t.op.startsWith('<')) {
      const c = range.upper ? compareVersions(b.version, range.upper.version) : -1;
      if (c < 0 || (c === 0 && !b.inclusive)) range.upper = b;
    } else {
      const c = range.lower ? compareVersions(b.version, range.lower.version) : 1;
      if (c > 0 || (c === 0 && !b.inclusive)) range.lower = b;
    }
  }
  return range;
}

/**
 * `require_version("trl>=0.8.6,<=0.9.6")` (transformers.utils.versions) earlier in a block around `node`: the call raises
 * unless the installed version is inside the spec, so `node` runs only there. A `try:` around the call whose handlers all
 * raise again (`except ImportError as e: raise e`) does not stop that.
 */
function requiredVersions(facts: FileFacts, node: Node, pkg: string): Array<{ op: Op; version: string }> {
  const out: Array<{ op: Op; version: string }> = [];
  for (const c of facts.calls) {
    if (c.node.startIndex >= node.startIndex || !/(^|\.)require_version$/.test(c.calleeText)) continue;
    const spec = evaluateString(facts, c.positional[0]?.value);
    const m = spec ? /^\s*([A-Za-z0-9_.-]+)\s*([<>=!~].*)$/.exec(spec) : null;
    if (!m || normalizePackageName(m[1]) !== pkg) continue;
    const stmt = c.node.parent;
    if (stmt?.type !== 'expression_statement') continue;
    let region = stmt.parent;
    while (region?.type === 'block' && region.parent?.type === 'try_statement'
      && region.parent.childForFieldName('body')?.id === region.id && handlersAllRaise(region.parent)) region = region.parent.parent;
    if (!region || node.startIndex < region.startIndex || node.endIndex > region.endIndex) continue;
    for (const part of m[2].split(',')) {
      const pm = /^\s*(<=|<|>=|>|==)\s*([0-9][\w.]*)\s*$/.exec(part);
      if (!pm || !isValidVersion(pm[2])) continue;
      if (pm[1] === '==') out.push({ op: '<=', version: pm[2] }, { op: '>=', version: pm[2] });
      else out.push({ op: pm[1] as Op, version: pm[2] });
    }
  }
  return out;
}

function handlersAllRaise(tryStmt: Node): boolean {
  const handlers = tryStmt.namedChildren.filter((k) => k?.type === 'except_clause');
  return handlers.length > 0 && handlers.every((h) => reraises(h!));
}

/** The conditions of the `if` and `elif`s before an `elif`/`else` clause. */
function earlierConditions(clause: Node): Node[] {
  const stmt = clause.parent;
  if (!stmt || stmt.type !== 'if_statement') return [];
  const out: Node[] = [];
  const first = stmt.childForFieldName('condition');
  if (first) out.push(first);
  for (const k of stmt.namedChildren) {
    if (k.id === clause.id) break;
    if (k.type === 'elif_clause') { const c = k.childForFieldName('condition'); if (c) out.push(c); }
  }
  return out;
}

/** A use inside a branch the script keeps to some versions of TRL or transformers (`if trl.__version__ >= "0.20":`). */
export function trainingLibraryGuarded(facts: FileFacts, node: Node): boolean {
  return !!versionGuard(facts, node, 'trl') || !!versionGuard(facts, node, 'transformers');
}

/** The branches around `node` run only on versions of `pkg` below `version`. */
export function guardedBelow(facts: FileFacts, node: Node, pkg: string, version: string): boolean {
  const u = versionGuard(facts, node, pkg)?.upper;
  if (!u) return false;
  const c = compareVersions(u.version, version);
  return c < 0 || (c === 0 && !u.inclusive);
}

/** Exceptions a failed import raises, or handlers broad enough to catch it. */
const CATCHES_IMPORT = /\b(?:ImportError|ModuleNotFoundError|Exception|BaseException)\b/;
/** A ValueError (a library refusing a value or a state), or handlers broad enough to catch it. */
export const CATCHES_VALUE_ERROR = /\b(?:ValueError|Exception|BaseException)\b/;
/** The exception reading an attribute an object lacks raises, or handlers broad enough to catch it. */
export const CATCHES_ATTRIBUTE_ERROR = /\b(?:AttributeError|Exception|BaseException)\b/;
/** The exception an unexpected keyword argument raises, or handlers broad enough to catch it. */
export const CATCHES_TYPE_ERROR = /\b(?:TypeError|Exception|BaseException)\b/;

/**
 * `node` is in the body of a `try` with a handler whose exception type matches `catches` (a bare `except:` catches all).
 * `recovers`: the handler must also not raise again (`except Exception as e: print(e); raise` copes with nothing).
 */
export function caughtBy(node: Node, catches: RegExp, recovers = false): boolean {
  return catchingHandler(node, catches, recovers) !== undefined;
}

/** The `except` clause of `caughtBy` (the innermost `try` around `node` with a matching handler), or undefined. */
export function catchingHandler(node: Node, catches: RegExp, recovers = false): Node | undefined {
  for (let n: Node | null = node; n?.parent; n = n.parent) {
    const block = n.parent;
    if (block.type !== 'block' || block.parent?.type !== 'try_statement' || block.parent.childForFieldName('body')?.id !== block.id) continue;
    for (const clause of block.parent.namedChildren) {
      if (clause?.type !== 'except_clause') continue;
      const caught = clause.namedChildren.find((c) => c?.type !== 'block' && c?.type !== 'comment');
      // `except ImportError as e:` parses as an `as_pattern` in some grammar versions: its first child is the type.
      const type = caught?.type === 'as_pattern' ? caught.namedChildren[0] : caught;
      if ((!type || catches.test(type.text)) && !(recovers && reraises(clause))) return clause;
    }
  }
  return undefined;
}

/** The handler raises again somewhere in its own body (not in a function it defines). */
function reraises(clause: Node): boolean {
  const walk = (n: Node): boolean => {
    for (const c of n.namedChildren) {
      if (!c || c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
      if (c.type === 'raise_statement' || walk(c)) return true;
    }
    return false;
  };
  return walk(clause);
}

/**
 * `node` is in the body of a `try` with a handler that catches a failed import (`except ImportError:`,
 * `except (ImportError, AttributeError):`, `except Exception:`, a bare `except:`): the script already copes with a
 * name that a version no longer exports.
 */
export function importFailureHandled(node: Node): boolean {
  return caughtBy(node, CATCHES_IMPORT);
}

/**
 * `node` is in an `except` handler that catches a failed import (`except ImportError:`, `except Exception:`, a bare
 * `except:`) of a `try` whose body imports something: the fallback of `try: from transformers import
 * AutoModelForImageTextToText … except: from transformers import AutoModelForVision2Seq` (unslothai/unsloth
 * `unsloth/models/loader.py`), which runs only on the releases where the `try` body's import failed.
 */
export function importFallback(node: Node): boolean {
  for (let n: Node | null = node; n?.parent; n = n.parent) {
    const clause = n.parent;
    if (clause.type !== 'except_clause' || n.type !== 'block') continue;
    const caught = clause.namedChildren.find((c) => c?.type !== 'block' && c?.type !== 'comment');
    const type = caught?.type === 'as_pattern' ? caught.namedChildren[0] : caught;
    if (type && !CATCHES_IMPORT.test(type.text)) continue;
    const body = clause.parent?.type === 'try_statement' ? clause.parent.childForFieldName('body') : null;
    if (body?.namedChildren.some((st) => st?.type === 'import_statement' || st?.type === 'import_from_statement')) return true;
  }
  return false;
}

/**
 * `node` is in the body of a `try` whose handler catches the TypeError a removed keyword argument raises
 * (`except TypeError:`, `except Exception:`, a bare `except:`): the script already copes with a version that rejects it
 * (`try: KTOConfig(…, max_prompt_length=512) except TypeError: KTOConfig(…)`), or is that handler's fallback. A handler
 * that raises again (`except Exception as e: log(e); raise`) copes with nothing.
 */
export function typeErrorHandled(node: Node): boolean {
  if (caughtBy(node, CATCHES_TYPE_ERROR, true)) return true;
  // The fallback itself (`except TypeError: SFTConfig(max_seq_length=…)`) runs only where the `try` body failed.
  for (let n: Node | null = node; n?.parent; n = n.parent) {
    const clause = n.parent;
    if (clause.type !== 'except_clause' || n.type !== 'block') continue;
    const caught = clause.namedChildren.find((c) => c?.type !== 'block' && c?.type !== 'comment');
    const type = caught?.type === 'as_pattern' ? caught.namedChildren[0] : caught;
    if (type && /\bTypeError\b/.test(type.text)) return true;
  }
  return false;
}
