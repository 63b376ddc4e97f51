/**
 * A class attribute of a plain configuration class that another module of the project defines, as a script reads it
 * through its import: `Config.LEARNING_RATE` after `from config import Config`, `cfg.MODEL_NAME` after
 * `from config import Config as cfg`, `config.Config.EPOCHS` after `import config` (gazelle93/llm-fine-tuning-sft-lora-qlora
 * `config.py`, saiful9379/Bangla_LLAMA `train.py`, DanniRodrJ/tinyllama_fine_tuning `src/pipeline.py`).
 *
 * Exact only while nothing can give the attribute another value, so the answer is the literal the class body assigns
 * it, and there is none when: the class is defined more than once, or its name is bound otherwise too (one
 * `Config = BaseConfig` alias to a class of the same module is followed); it has bases other than `object`, a
 * metaclass or a decorator other than `@dataclass` (an `Enum` member is not its value); the body assigns the
 * attribute more than once or as a method; the value reads any name or calls anything (`op.join(BASEDIR, "out")`:
 * class-body names are not the module's, and only literals are certain); or the module assigns, augments or deletes an
 * attribute of that name anywhere, or calls `setattr`.
 */
import type { Node } from 'web-tree-sitter';
import type { ClassFact, FileFacts } from '../facts/types';
import { evaluate, type PyValue } from '../facts/values';
import { assignmentsTo } from '../facts/reaching';

const DATACLASS = /^(dataclasses\.)?dataclass\b/;
/** Node types a literal value may not contain (a read of a name, a call, an f-string field, …). */
const NOT_LITERAL = new Set(['identifier', 'call', 'interpolation', 'lambda', 'named_expression', 'await', 'attribute', 'subscript',
  'list_comprehension', 'dictionary_comprehension', 'set_comprehension', 'generator_expression', 'conditional_expression']);

/** A module-level class definition (directly, or under its decorators). */
function atModuleLevel(cls: ClassFact): boolean {
  const def = cls.node.parent?.type === 'decorated_definition' ? cls.node.parent : cls.node;
  return def.parent?.type === 'module';
}

/** The one module-level class `name` denotes: its own definition, or the class one `name = Other` alias names. */
function plainClass(facts: FileFacts, text: string, name: string, alias = true): ClassFact | undefined {
  const defs = facts.classes.filter((c) => c.name === name);
  const assigned = assignmentsTo(facts, name).filter((a) => a.scope === null);
  const imported = facts.imports.some((i) => i.local === name);
  if (imported || facts.functions.has(name) || bindsOtherwise(text, name)) return undefined;
  if (defs.length === 0 && assigned.length === 1 && alias && assigned[0].target === name && assigned[0].unpackIndex === undefined
    && assigned[0].value.type === 'identifier' && assigned[0].node.parent?.parent?.type === 'module') {
    return plainClass(facts, text, assigned[0].value.text, false);
  }
  if (defs.length !== 1 || assigned.length || !atModuleLevel(defs[0])) return undefined;
  const cls = defs[0];
  if (cls.opaqueBases || cls.bases.some((b) => b !== 'object') || cls.decorators.some((d) => !DATACLASS.test(d))) return undefined;
  return cls;
}

/** Other ways a module may rebind `name` (`global`, `del`, a loop or `with … as` target, a walrus). */
function bindsOtherwise(text: string, name: string): boolean {
  return new RegExp(`\\b(?:global|nonlocal|del)\\b[^\\n]*\\b${name}\\b|\\bfor\\b[^\\n]*\\b${name}\\b[^\\n]*\\bin\\b|\\bas\\s+${name}\\b|\\b${name}\\s*:=`, 'm').test(text);
}

/** Whether the module may change attribute `attr` of some object: `x.attr = …`, `x.attr += …`, `del x.attr`, `setattr(…)`. */
function attributeWritten(text: string, attr: string): boolean {
  return /\bsetattr\s*\(|__setattr__|__dict__/.test(text)
    || new RegExp(`\\.${attr}\\s*(?:[-+*/%&|^@]|//|\\*\\*|<<|>>)?=(?!=)|\\bdel\\b[^\\n]*\\.${attr}\\b`).test(text);
}

function literalOnly(node: Node): boolean {
  if (NOT_LITERAL.has(node.type)) return false;
  for (const c of node.namedChildren) if (c && !literalOnly(c)) return false;
  return true;
}

/**
 * The value class `className` of a module (`facts`, its `text`) gives its attribute `attr`, when that is exact (see the
 * file's comment); undefined otherwise.
 */
export function classAttributeValue(facts: FileFacts, text: string, className: string, attr: string): PyValue | undefined {
  const cls = plainClass(facts, text, className);
  if (!cls || attributeWritten(text, attr)) return undefined;
  const members = cls.members.filter((m) => m.name === attr);
  if (members.length !== 1 || members[0].kind !== 'attribute' || !members[0].value || !literalOnly(members[0].value)) return undefined;
  // The one statement of the body that binds the name (`members` keeps the first target of `A = B = 1` only).
  const binds = new RegExp(`^[ \\t]*(?:[\\w \\t,]*,[ \\t]*)?${attr}[ \\t]*(?::[^\\n=]*)?=(?!=)`, 'gm');
  const body = text.slice(cls.node.startIndex, cls.node.endIndex);
  if ((body.match(binds)?.length ?? 0) !== 1) return undefined;
  const v = evaluate(facts, members[0].value);
  return v.kind === 'unknown' ? undefined : v;
}
