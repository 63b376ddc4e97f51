/**
 * The per-file index of facts that rules query instead of walking the tree:
 * imports resolved to qualified names, calls with their arguments, assignments,
 * function definitions and comments. Built once per parse by `buildFacts`.
 */
import type { Node } from 'web-tree-sitter';
import type { Keeps } from '../syntax/kept-with';

export interface ImportFact {
  /** Module imported from (`trl` in `from trl import SFTTrainer`), or the imported module. */
  module: string;
  /** Imported name for `from … import name`; undefined for `import module`. */
  name?: string;
  /** The local name it is bound to (alias, name, or first component of a dotted import). */
  local: string;
  node: Node;
}

export interface ArgFact {
  /** Keyword name; undefined for positional arguments. */
  name?: string;
  /** The argument's value expression. */
  value: Node;
  /** The whole argument (`name=value` for keywords). */
  node: Node;
  /** Position among positional arguments, or -1 for keywords. */
  index: number;
  /**
   * For a keyword that reaches the call through `**x` (`domain/spread-arguments.ts`): the arguments or
   * dict entries it sits among where it is written (edits that remove it work there), and `node` is its
   * `k=v` or `"k": v` there.
   */
  siblings?: ArgFact[];
}

export interface CallFact {
  node: Node;
  callee: Node;
  /** Source text of the callee (`tokenizer.apply_chat_template`). */
  calleeText: string;
  /** Source text of the whole call (read once while the facts live: it cannot change without a new parse). */
  readonly text: string;
  /** Qualified name when the callee resolves through an import (`trl.SFTTrainer`). */
  qualified?: string;
  /** For `obj.method(...)`: the object expression and the method name. */
  receiver?: Node;
  method?: string;
  positional: ArgFact[];
  keywords: Map<string, ArgFact>;
  /** Every argument in source order. */
  args: ArgFact[];
  /** `*args` or `**kwargs` present, or the argument list does not parse: absent keywords may still be passed. */
  hasSplat: boolean;
  /** Innermost enclosing function definition, or null at module level. */
  scope: Node | null;
}

export interface AssignmentFact {
  /** `x`, `a.b` (attribute target) — the dotted text of the target. */
  target: string;
  /** For `x["key"] = v`: `x` with key `key`. */
  subscriptKey?: string;
  targetNode: Node;
  /** Right-hand side; for tuple unpacking, the whole right side with `unpackIndex` set. */
  value: Node;
  unpackIndex?: number;
  /** The assignment statement. */
  node: Node;
  scope: Node | null;
  /** Source text of `value` and of `node` (kept with the fact: no wasm call after the first). */
  readonly valueText: string;
  readonly text: string;
}

export interface FunctionFact {
  name: string;
  node: Node;
  /** Source text of the definition (read once while the facts live). */
  readonly text: string;
  params: string[];
  /** Return value expressions directly inside this function (not nested ones). */
  returns: Node[];
  scope: Node | null;
}

/** Something a class body defines directly: a method (`def`) or an attribute (`name = value`, `name: T = value`). */
export interface ClassMember {
  name: string;
  kind: 'method' | 'attribute';
  /** An attribute's value (a dataclass field's default); absent for methods and bare annotations. */
  value?: Node;
  /** `name: T` with or without a value (a dataclass field). */
  annotated: boolean;
  /** An `__init__` that only passes its arguments on: `super().__init__(*args, **kwargs)`. */
  forwardsInit?: boolean;
  /** A forwarding `__init__`'s own keywords, which the base never gets (`extra=None`, `kwargs.pop("extra")`). */
  consumes?: string[];
  /** An `__init__` with explicit parameters that passes them on unmodified (`facts/explicit-init.ts`). */
  passes?: import('./class-syntax').InitPasses;
}

export interface ClassFact {
  name: string;
  /** The `class_definition`. */
  node: Node;
  /** Source texts of the base classes in order (`SFTTrainer`, `trl.DPOTrainer`); keywords (`metaclass=`) are not bases. */
  bases: string[];
  /** A `metaclass=` or other keyword, or a `*bases`: the class is more than its bases and body say. */
  opaqueBases: boolean;
  /** Decorator texts without `@` (`dataclass`, `dataclasses.dataclass(frozen=True)`). */
  decorators: string[];
  /** What the body defines directly, in source order. */
  members: ClassMember[];
}

export interface CommentFact { node: Node; text: string; line: number }

/** One script's facts (or one pipeline's view of them); what analyses derive from them is kept on them (`syntax/kept-with.ts`). */
export interface FileFacts extends Keeps {
  imports: ImportFact[];
  calls: CallFact[];
  assignments: AssignmentFact[];
  functions: Map<string, FunctionFact>;
  /** Class definitions (module level and nested), in document order. */
  classes: ClassFact[];
  comments: CommentFact[];
  /** Modules star-imported (`from trl import *`). */
  starImports: string[];
  /** The script's project modules, when the front end can look into them (`modules/`): imported constants and trainer subclasses. */
  modules?: import('../modules/types').ModuleScope;
}
