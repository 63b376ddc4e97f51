/**
 * `obj.attr` on simple configuration objects the script builds itself, as far as it is exact:
 * class attributes with literal values (`class Config: MODEL = "google/gemma-2b"` … `Config.MODEL`),
 * an instance of such a class (no `__init__`, no bases), a `SimpleNamespace(...)` /
 * `argparse.Namespace(...)`, and a local `@dataclass` instance (`Args(lr=2e-5).lr`, or a field's
 * default). Anything assigned to `obj.attr` anywhere, `**` in the construction, inheritance or a
 * `__post_init__` leaves the attribute unknown.
 */
import type { Node } from 'web-tree-sitter';
import { qualifyLocal } from './imports';
import type { ClassFact, FileFacts } from './types';
import { assignmentsTo, resolveExpression } from './reaching';
import { selfAttributeValue } from './self-attributes';

const NAMESPACES = new Set(['types.SimpleNamespace', 'argparse.Namespace']);
const DATACLASS = /^(dataclasses\.)?dataclass\b/;
const NEUTRAL_BASE = /^(object|(abc\.)?ABC)$/;

/** The one class the script defines under `name` (none when defined twice or also assigned). */
function onlyClass(facts: FileFacts, name: string): ClassFact | undefined {
  let found: ClassFact | undefined;
  for (const c of facts.classes) {
    if (c.name !== name) continue;
    if (found) return undefined;
    found = c;
  }
  if (!found || found.opaqueBases || found.bases.some((b) => !NEUTRAL_BASE.test(b))) return undefined;
  return assignmentsTo(facts, name).length ? undefined : found;
}

/** A class attribute's value (a plain class body assignment, not a method). */
function classAttribute(cls: ClassFact, attr: string): Node | undefined {
  const members = cls.members.filter((m) => m.name === attr);
  if (members.length !== 1 || members[0].kind !== 'attribute') return undefined;
  return members[0].value;
}

/** A call's arguments when none is spread: positional values and keyword values by name. */
function callArguments(call: Node): { positional: Node[]; keywords: Map<string, Node> } | undefined {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  for (const a of call.childForFieldName('arguments')?.namedChildren ?? []) {
    if (!a || a.type === 'comment') continue;
    if (a.type === 'list_splat' || a.type === 'dictionary_splat') return undefined;
    if (a.type === 'keyword_argument') {
      const n = a.childForFieldName('name')?.text;
      const v = a.childForFieldName('value');
      if (!n || !v) return undefined;
      keywords.set(n, v);
    } else positional.push(a);
  }
  return { positional, keywords };
}

/** A dataclass field's default: `x: int = 3`, `x: int = field(default=3)`; undefined without one. */
function fieldDefault(value: Node | undefined): Node | undefined {
  if (value?.type !== 'call') return value;
  const fn = value.childForFieldName('function')?.text ?? '';
  if (!/^(dataclasses\.)?field$/.test(fn)) return value;
  return callArguments(value)?.keywords.get('default');
}

/**
 * The default of field `attr` of the script's own `@dataclass` named `className` (`x: bool = True`,
 * `x: bool = field(default=True)`); undefined when the class is not one plain local dataclass, the field has none, or a
 * method of the class (a `__post_init__`) sets it.
 */
export function dataclassFieldDefault(facts: FileFacts, className: string, attr: string): Node | undefined {
  const local = onlyClass(facts, className);
  if (!local || !local.decorators.some((d) => DATACLASS.test(d))) return undefined;
  // A `__post_init__` that only validates keeps the default; one that sets the field does not.
  if (local.members.some((m) => m.name === '__getattr__')) return undefined;
  if (facts.assignments.some((a) => a.target === `self.${attr}` && a.node.startIndex >= local.node.startIndex && a.node.endIndex <= local.node.endIndex)) return undefined;
  const fields = local.members.filter((m) => m.kind === 'attribute' && m.annotated && m.name === attr);
  return fields.length === 1 ? fieldDefault(fields[0].value) : undefined;
}

/** The expression `obj.attr` evaluates to, when the script makes it exact; otherwise undefined. */
export function resolveAttribute(facts: FileFacts, node: Node): Node | undefined {
  // `self.attr` in a method of the script's own class (`self-attributes.ts`).
  const own = selfAttributeValue(facts, node);
  if (own) return own;
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  return obj && attr ? attributeOf(facts, obj, attr) : undefined;
}

/**
 * The expression attribute `attr` of the object `obj` (a name, or the call that makes the object) evaluates to, when
 * the script makes it exact: `resolveAttribute` for an object that is not written `obj.attr` where it is read (the
 * argument a call passes for a parameter `cfg` read as `cfg.model_name` in the function).
 */
export function attributeOf(facts: FileFacts, obj: Node, attr: string): Node | undefined {
  if (obj.type !== 'identifier' && obj.type !== 'call') return undefined;
  if (facts.classes.length === 0 && !facts.imports.some((i) => i.module === 'types' || i.module === 'argparse')) return undefined;
  if (obj.type === 'identifier') {
    // Set anywhere (`cfg.lr = …`, also inside a function): not one value.
    if (assignmentsTo(facts, `${obj.text}.${attr}`).length) return undefined;
    const cls = onlyClass(facts, obj.text);
    if (cls) return classAttribute(cls, attr);
  }
  const made = obj.type === 'call' ? obj : resolveExpression(facts, obj);
  if (made.type !== 'call') return undefined;
  const callee = made.childForFieldName('function');
  if (!callee) return undefined;
  const args = callArguments(made);
  if (!args) return undefined;
  const dot = callee.text.indexOf('.');
  const head = dot < 0 ? callee.text : callee.text.slice(0, dot);
  const imported = qualifyLocal(facts, head);
  const qualified = imported && (dot < 0 ? imported : imported + callee.text.slice(dot));
  if (qualified && NAMESPACES.has(qualified)) return args.positional.length ? undefined : args.keywords.get(attr);
  if (callee.type !== 'identifier' || imported) return undefined;
  const local = onlyClass(facts, callee.text);
  if (!local || local.members.some((m) => m.name === '__init__' || m.name === '__post_init__' || m.name === '__getattr__')) return undefined;
  if (!local.decorators.some((d) => DATACLASS.test(d))) {
    return args.positional.length || args.keywords.size ? undefined : classAttribute(local, attr);
  }
  const fields = local.members.filter((m) => m.kind === 'attribute' && m.annotated);
  const index = fields.findIndex((f) => f.name === attr);
  if (index < 0) return undefined;
  return args.keywords.get(attr) ?? args.positional[index] ?? fieldDefault(fields[index].value);
}
