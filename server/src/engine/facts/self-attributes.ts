/**
 * `self.attr` read in a method of the script's own class: the value the class gives it, when that is exact. Training
 * scripts written as a class set `self.tokenizer`, `self.model`, `self.train_dataset` in `__init__` or a `setup()`
 * method and build the trainer in another (`train()`); a read there has the value of the class's one assignment to
 * `self.attr`, whichever method makes it (a read before it would fail), when nothing else can give the attribute a value:
 *
 * - the assignment is the only one to `self.attr` in the class (any method, a nested class included), written in a
 *   method of the class itself (first parameter `self`), not in a loop;
 * - the class has no bases but `object`/`ABC` or `torch.nn.Module` (whose `__setattr__` keeps a submodule or parameter
 *   in `_modules`/`_parameters` and whose `__getattr__` returns that same object; it binds only \`training\` and private
 *   names itself, which stay unknown), no decorator but `@dataclass`, no class-level member of that name
 *   (a class attribute, a property, a dataclass field), no `__getattr__`/`__getattribute__`/`__setattr__`, and no
 *   `setattr(`, `__dict__` or `vars(self)` in its text;
 * - no class of the script derives from it and assigns or defines the attribute, and nothing outside sets it:
 *   no `obj.attr = …` or `obj.attr[…] = …` (any object but the class's own `self`), no augmented `….attr += …`, no
 *   `setattr(obj, "attr", …)`, no `setattr(obj, name, …)` with a computed name and no write through `obj.__dict__`
 *   anywhere.
 *
 * Anything else leaves the attribute unknown. What is done to the object the attribute holds (`self.tokenizer.
 * padding_side = "left"`) is the rules' business (`domain/tokenizers.ts` `statementsOnTokenizer`).
 */
import type { Node } from 'web-tree-sitter';
import { KeptKey } from '../syntax/kept-with';
import { enclosingFunction } from './anchor';
import { sectionFactsOf, type SectionFacts } from './build';
import { parametersOf } from './own-functions';
import type { AssignmentFact, ClassFact, FileFacts } from './types';

export interface SelfAttribute {
  /** The class's only assignment to `self.attr`. */
  assignment: AssignmentFact;
  cls: ClassFact;
  /** The method the assignment stands in. */
  method: Node;
  /** The method the read stands in (directly, or in a function or lambda nested in it). */
  reader: Node;
}

const NEUTRAL_BASE = /^(object|(abc\.)?ABC)$/;
/** `torch.nn.Module` written as such: a neutral base for the attributes it does not bind itself. */
const TORCH_MODULE = /^(torch\.)?nn\.Module$/;
/** The attributes `nn.Module` binds (`__init__`, `train()`/`eval()`): `training` and its private state. */
const moduleBinds = (attr: string) => attr === 'training' || attr.startsWith('_');
const DATACLASS = /^(dataclasses\.)?dataclass\b/;
const DYNAMIC_MEMBERS = new Set(['__getattr__', '__getattribute__', '__setattr__']);

/** The script's assignments to attributes, by attribute name: `self.attr` targets, and those of any other object. */
interface AttributeTargets { self: Map<string, AssignmentFact[]>; other: Map<string, AssignmentFact[]> }

const targetIndex = new KeptKey<AttributeTargets>();

function attributeTargets(facts: FileFacts): AttributeTargets {
  let index = targetIndex.get(facts);
  if (index) return index;
  index = { self: new Map(), other: new Map() };
  for (const a of facts.assignments) {
    const dot = a.target.lastIndexOf('.');
    if (dot < 0) continue;
    const attr = a.target.slice(dot + 1);
    const into = a.target.slice(0, dot) === 'self' ? index.self : index.other;
    const list = into.get(attr);
    if (list) list.push(a); else into.set(attr, [a]);
  }
  targetIndex.set(facts, index);
  return index;
}

/** What a section's text says about attribute writes the facts do not record (read once per section tree). */
interface SectionWrites {
  /** Attribute names written by an augmented assignment (`x.attr += 1`). */
  augmented: Set<string>;
  /** Names `setattr(obj, "name", …)` sets. */
  setattrNames: Set<string>;
  /** A `setattr(obj, name, …)` with a computed name on an object other than `self`, or a write through `obj.__dict__` (not `self.__dict__`). */
  dynamic: boolean;
}

const sectionWrites = new KeptKey<SectionWrites>();
const AUGMENTED = /\.\s*([A-Za-z_]\w*)\s*(?:\+|-|\*\*?|\/\/?|%|@|&|\||\^|>>|<<)=/g;
const SETATTR = /\bsetattr\s*\(\s*([^,()]*?)\s*,\s*(?:(['"])(\w+)\2)?/g;
/** A write through an object's `__dict__` (`obj.__dict__.update(d)`, `obj.__dict__[k] = v`); reading it (`json.dump(args.__dict__, f)`) sets nothing. */
const FOREIGN_DICT = /(?<!\bself\s*\.\s*)__dict__\s*(\.\s*(update|setdefault|__setitem__)\s*\(|\[[^\]\n]*\]\s*=(?!=))/;

function writesOf(section: SectionFacts): SectionWrites {
  let w = sectionWrites.get(section);
  if (w) return w;
  const text = section.text;
  w = { augmented: new Set(), setattrNames: new Set(), dynamic: FOREIGN_DICT.test(text) };
  if (text.includes('=')) for (const m of text.matchAll(AUGMENTED)) w.augmented.add(m[1]);
  if (text.includes('setattr')) {
    for (const m of text.matchAll(SETATTR)) {
      if (m[3] !== undefined) w.setattrNames.add(m[3]);
      else if (m[1] !== 'self') w.dynamic = true;
    }
  }
  sectionWrites.set(section, w);
  return w;
}

/** Some statement of the script may write `attr` on an object the facts do not show (augmented, `setattr`, `__dict__`). */
function writtenUnseen(facts: FileFacts, attr: string): boolean {
  let all = unseenWrites.get(facts);
  if (!all) {
    const parts = sectionFactsOf(facts);
    all = { dynamic: !parts, names: new Set() };
    for (const p of parts ?? []) {
      const w = writesOf(p);
      if (w.dynamic) all.dynamic = true;
      for (const n of w.augmented) all.names.add(n);
      for (const n of w.setattrNames) all.names.add(n);
    }
    unseenWrites.set(facts, all);
  }
  return all.dynamic || all.names.has(attr);
}

/** The sections' `SectionWrites` joined, once per facts. */
const unseenWrites = new KeptKey<{ dynamic: boolean; names: Set<string> }>();


/** What a class's text says about its attributes as a whole, once per class fact (its text cannot change while it lives). */
const classTexts = new KeptKey<{ dynamic: boolean }>();

/** The class may set attributes by computed names (`setattr(self, k, v)`, `self.__dict__.update(…)`, `vars(self)`). */
function dynamicClass(cls: ClassFact): boolean {
  let known = classTexts.get(cls);
  if (!known) {
    const text = cls.node.text;
    known = { dynamic: /\bsetattr\s*\(|__dict__|\bvars\s*\(\s*self\b/.test(text) };
    classTexts.set(cls, known);
  }
  return known.dynamic;
}

/** A class the script defines once, whose attributes its own methods alone decide (see the file comment). */
function isPlainClass(facts: FileFacts, cls: ClassFact): boolean {
  if (cls.opaqueBases || cls.bases.some((b) => !NEUTRAL_BASE.test(b) && !TORCH_MODULE.test(b))) return false;
  if (cls.decorators.some((d) => !DATACLASS.test(d))) return false;
  if (cls.members.some((m) => DYNAMIC_MEMBERS.has(m.name))) return false;
  if ((classIndex(facts).byName.get(cls.name)?.length ?? 0) > 1) return false;
  return !dynamicClass(cls);
}

/** The script's classes by name, and by the last name of each of their bases (once per facts). */
interface ClassIndex { byName: Map<string, ClassFact[]>; byBase: Map<string, ClassFact[]>; summaries: Map<ClassFact, ClassSummary> }
interface ClassSummary { plain: boolean; subclasses: ClassFact[] }

const classIndexes = new KeptKey<ClassIndex>();

function classIndex(facts: FileFacts): ClassIndex {
  let index = classIndexes.get(facts);
  if (index) return index;
  index = { byName: new Map(), byBase: new Map(), summaries: new Map() };
  const add = (m: Map<string, ClassFact[]>, k: string, c: ClassFact) => { const l = m.get(k); if (l) l.push(c); else m.set(k, [c]); };
  for (const c of facts.classes) {
    add(index.byName, c.name, c);
    for (const b of c.bases) add(index.byBase, b.slice(b.lastIndexOf('.') + 1), c);
  }
  classIndexes.set(facts, index);
  return index;
}

/** Whether `cls` is plain, and the classes of the script that derive from it, directly or through each other (bases by their last name). */
function summaryOf(facts: FileFacts, cls: ClassFact): ClassSummary {
  const index = classIndex(facts);
  let summary = index.summaries.get(cls);
  if (summary) return summary;
  const subclasses: ClassFact[] = [];
  const names = [cls.name];
  const seen = new Set([cls.name]);
  while (names.length) {
    for (const c of index.byBase.get(names.pop()!) ?? []) {
      if (c === cls || subclasses.includes(c)) continue;
      subclasses.push(c);
      if (!seen.has(c.name)) { seen.add(c.name); names.push(c.name); }
    }
  }
  summary = { plain: isPlainClass(facts, cls), subclasses };
  index.summaries.set(cls, summary);
  return summary;
}

const within = (n: Node, outer: Node) => n.startIndex >= outer.startIndex && n.endIndex <= outer.endIndex;

/** `@staticmethod` / `@classmethod`: the first parameter is not the instance, whatever its name. */
function isStaticOrClassMethod(fn: Node): boolean {
  const decorated = fn.parent;
  if (decorated?.type !== 'decorated_definition') return false;
  return decorated.namedChildren.some((d) => d?.type === 'decorator' && /^@\s*(staticmethod|classmethod)\b/.test(d.text));
}

/** The script's classes' extents as they are now, in document order (once per facts). */
const classExtents = new KeptKey<Array<{ start: number; end: number; cls: ClassFact }>>();

/** The innermost class of the script whose definition holds `node`. */
function innermostClass(facts: FileFacts, node: Node): ClassFact | undefined {
  let extents = classExtents.get(facts);
  if (!extents) {
    extents = facts.classes.map((cls) => ({ start: cls.node.startIndex, end: cls.node.endIndex, cls }));
    classExtents.set(facts, extents);
  }
  const at = node.startIndex, end = node.endIndex;
  let lo = 0, hi = extents.length - 1, last = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (extents[mid].start <= at) { last = mid; lo = mid + 1; } else hi = mid - 1;
  }
  // The latest-starting class that holds it is the innermost (a nested class starts after the one around it).
  for (let i = last; i >= 0; i--) if (extents[i].end >= end) return extents[i].cls;
  return undefined;
}

const methodClasses = new KeptKey<Map<number, ClassFact | null>>();

/**
 * The class `fn` is a method of: a `def` directly in the class body (not nested in another function) whose first
 * parameter is `self`, not a static or class method.
 */
export function classOfMethod(facts: FileFacts, fn: Node): ClassFact | undefined {
  if (fn.type !== 'function_definition' || facts.classes.length === 0) return undefined;
  let memo = methodClasses.get(facts);
  if (!memo) methodClasses.set(facts, (memo = new Map()));
  const known = memo.get(fn.id);
  if (known !== undefined) return known ?? undefined;
  let cls = innermostClass(facts, fn);
  if (cls) {
    const outer = enclosingFunction(fn);
    if ((outer && within(outer, cls.node)) || parametersOf(fn)[0]?.name !== 'self' || isStaticOrClassMethod(fn)) cls = undefined;
  }
  memo.set(fn.id, cls ?? null);
  return cls;
}

/** The method a `self` read stands in: its own function, or the method a nested function or lambda without a `self` of its own sits in. */
function readingMethod(facts: FileFacts, node: Node): { method: Node; cls: ClassFact } | undefined {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    const cls = classOfMethod(facts, fn);
    if (cls) return { method: fn, cls };
    if (parametersOf(fn).some((p) => p.name === 'self')) return undefined;
  }
  return undefined;
}

/** A loop between the assignment and its function: it may run several times, with different values. */
function inLoop(a: AssignmentFact, fn: Node): boolean {
  for (let p = a.node.parent; p && p.id !== fn.id; p = p.parent) {
    if (p.type === 'for_statement' || p.type === 'while_statement') return true;
  }
  return false;
}

const reads = new KeptKey<Map<number, SelfAttribute | null>>();

/** `self.attr` (an `attribute` node) read in a method of the script's own class, resolved to its one assignment (see the file comment). */
export function selfAttribute(facts: FileFacts, node: Node): SelfAttribute | undefined {
  if (node.type !== 'attribute' || facts.classes.length === 0) return undefined;
  let memo = reads.get(facts);
  if (!memo) reads.set(facts, (memo = new Map()));
  const known = memo.get(node.id);
  if (known !== undefined) return known ?? undefined;
  const found = resolve(facts, node);
  memo.set(node.id, found ?? null);
  return found;
}

function resolve(facts: FileFacts, node: Node): SelfAttribute | undefined {
  const obj = node.childForFieldName('object');
  const attr = node.childForFieldName('attribute')?.text;
  if (obj?.type !== 'identifier' || obj.text !== 'self' || !attr) return undefined;
  const targets = attributeTargets(facts);
  if (!targets.self.has(attr) || targets.other.has(attr)) return undefined;
  const reader = readingMethod(facts, node);
  if (!reader) return undefined;
  const assigned = classAssignment(facts, reader.cls, attr);
  return assigned && { ...assigned, reader: reader.method };
}

/** Per facts, by class and attribute: the class's one assignment to `self.attr` and its method, or null. */
const classAssignments = new KeptKey<Map<ClassFact, Map<string, Omit<SelfAttribute, 'reader'> | null>>>();

function classAssignment(facts: FileFacts, cls: ClassFact, attr: string): Omit<SelfAttribute, 'reader'> | undefined {
  let byClass = classAssignments.get(facts);
  if (!byClass) classAssignments.set(facts, (byClass = new Map()));
  let byAttr = byClass.get(cls);
  if (!byAttr) byClass.set(cls, (byAttr = new Map()));
  let found = byAttr.get(attr);
  if (found === undefined) byAttr.set(attr, (found = findClassAssignment(facts, cls, attr) ?? null));
  return found ?? undefined;
}

function findClassAssignment(facts: FileFacts, cls: ClassFact, attr: string): Omit<SelfAttribute, 'reader'> | undefined {
  const { plain, subclasses } = summaryOf(facts, cls);
  if (!plain || cls.members.some((m) => m.name === attr)) return undefined;
  if (moduleBinds(attr) && cls.bases.some((b) => TORCH_MODULE.test(b))) return undefined;
  if (subclasses.some((s) => s.members.some((m) => m.name === attr) || dynamicClass(s))) return undefined;
  let only: AssignmentFact | undefined;
  for (const a of selfAssignmentsByClass(facts, attr).get(cls) ?? []) {
    if (only || a.subscriptKey !== undefined) return undefined;
    only = a;
  }
  if (!only) return undefined;
  const outer = cls.node;
  for (const s of subclasses) {
    for (const a of selfAssignmentsByClass(facts, attr).get(s) ?? []) if (!within(a.node, outer)) return undefined;
  }
  const method = only.scope;
  if (!method || classOfMethod(facts, method) !== cls || inLoop(only, method)) return undefined;
  if (writtenUnseen(facts, attr)) return undefined;
  return { assignment: only, cls, method };
}

/**
 * The assignments to `self.attr` by the innermost class around each (once per facts and attribute): a class's own, and
 * those of a class nested in it under the nested class (they count for the outer one too: see `findClassAssignment`).
 */
const selfByClass = new KeptKey<Map<string, Map<ClassFact, AssignmentFact[]>>>();

function selfAssignmentsByClass(facts: FileFacts, attr: string): Map<ClassFact, AssignmentFact[]> {
  let byAttr = selfByClass.get(facts);
  if (!byAttr) selfByClass.set(facts, (byAttr = new Map()));
  let byClass = byAttr.get(attr);
  if (byClass) return byClass;
  byClass = new Map();
  for (const a of attributeTargets(facts).self.get(attr) ?? []) {
    // Every class around the assignment holds it (a nested class's assignment is a second one for the outer class).
    for (let cls = innermostClass(facts, a.node); cls; cls = outerClass(facts, cls)) {
      const list = byClass.get(cls);
      if (list) list.push(a); else byClass.set(cls, [a]);
    }
  }
  byAttr.set(attr, byClass);
  return byClass;
}

/** The class whose definition holds `cls`'s (a class nested in another). */
function outerClass(facts: FileFacts, cls: ClassFact): ClassFact | undefined {
  const extents = classExtents.get(facts);
  if (!extents) return undefined;
  const i = extents.findIndex((e) => e.cls === cls);
  for (let j = i - 1; j >= 0; j--) if (extents[j].end >= extents[i].end) return extents[j].cls;
  return undefined;
}

/**
 * The expression `self.attr` has (the item of a literal tuple for an unpacking assignment); undefined when the attribute
 * is not exact or the item cannot be told (`self.model, self.tok = load()`: the rules follow `assignment` themselves).
 */
export function selfAttributeValue(facts: FileFacts, node: Node): Node | undefined {
  const a = selfAttribute(facts, node)?.assignment;
  if (!a) return undefined;
  if (a.unpackIndex === undefined) return a.value;
  const v = a.value;
  if (v.type !== 'expression_list' && v.type !== 'tuple' && v.type !== 'list') return undefined;
  return v.namedChildren.filter((c) => c && c.type !== 'comment')[a.unpackIndex] ?? undefined;
}
