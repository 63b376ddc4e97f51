/**
 * Builds the facts index from a script's syntax: one walk per section (`descendantsOfType`, inside
 * wasm), kept with the section's tree so an edit walks only the section it re-parsed.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { Section, SectionedTree } from '../syntax/sectioned-tree';
import { Anchor, ScopeIndex, registerScopes } from './anchor';
import { AnchoredAssignment, AnchoredClass, AnchoredFunction, AnchoredImport, LazyCall, assignmentsOf } from './anchored';
import { classOf } from './class-syntax';
import { importsOf } from './imports';
import type { AssignmentFact, CallFact, FileFacts, FunctionFact } from './types';
import { statementNames, type Extent, type StatementNames } from './statement-names';
import { internStatement, statementIdGeneration } from './statement-ids';
import { KEPT, KeptKey } from '../syntax/kept-with';
import { mapPacked } from '../syntax/packed-arrays';

export { enclosingFunction } from './anchor';

/** The node types the index is built from (one walk of each section's tree, in wasm). */
const FACT_TYPES = ['import_statement', 'import_from_statement', 'call', 'assignment', 'function_definition', 'lambda', 'class_definition'];

/** What one section contributes to the index. Kept across edits that do not re-parse the section. */
/** Where a top-level statement starts (its row as found), its kind, and (once asked) the rest of its signature. */
/** Made with every field (an id is filled on first use): places made fresh and places already asked share one shape. */
interface StatementPlace { row: number; column: number; type: string; what: string | undefined; id: number; idGeneration: number }

export class SectionFacts {
  readonly imports: AnchoredImport[] = [];
  readonly stars: string[] = [];
  readonly calls: LazyCall[] = [];
  readonly assignments: AnchoredAssignment[] = [];
  readonly functions: AnchoredFunction[] = [];
  readonly classes: AnchoredClass[] = [];
  /** Function definitions and lambdas, for scope lookups from any node of the section. */
  readonly scopes: ScopeIndex;
  /** Where each fact above starts (as found): which top-level statement it stands in is worked out on first use. */
  readonly starts = { imports: [] as number[], calls: [] as number[], assignments: [] as number[], functions: [] as number[], classes: [] as number[] };
  /** A number for this section's facts (they live as long as its tree). */
  readonly serial = ++sectionSerials;
  private named?: StatementNames;
  /** The slot KeptKey fills (`contextOf` in lint/pipelines.ts): declared, so every section's facts share one shape. */
  [KEPT]: Map<object, unknown> | undefined = undefined;
  private index?: { statements: Extent[]; places: StatementPlace[]; stmtOf: SectionFacts['starts']; text: string; base: number };

  constructor(readonly anchor: Anchor, readonly tree: Tree, private readonly scopeExtents: Extent[]) {
    this.scopes = new ScopeIndex(anchor);
  }

  /**
   * The section's top-level statements (extents as found), the statement each fact stands in, and the
   * section's text. Only a script of several pipelines needs them (`lint/pipelines.ts`): read from the
   * tree on first use, where it is now, and taken back to where the facts were found.
   */
  private statementIndex(): NonNullable<SectionFacts['index']> {
    if (this.index) return this.index;
    const d = this.anchor.dIndex, dRow = this.anchor.rowShift;
    const statements: Extent[] = [];
    const places: StatementPlace[] = [];
    const root = this.tree.rootNode;
    const cursor = root.walk();
    try {
      if (cursor.gotoFirstChild()) {
        do {
          if (cursor.nodeIsNamed && cursor.nodeType !== 'comment') {
            statements.push({ start: cursor.startIndex - d, end: cursor.endIndex - d });
            const at = cursor.startPosition;
            places.push({ row: at.row - dRow, column: at.column, type: cursor.nodeType, what: undefined, id: -1, idGeneration: -1 });
          }
        } while (cursor.gotoNextSibling());
      }
    } finally { cursor.delete(); }
    const stmtOf = (starts: number[]) => mapPacked(starts, (start) => Math.max(0, lastStartingBy(statements, start)));
    const { imports, calls, assignments, functions, classes } = this.starts;
    return (this.index = {
      statements, places, text: root.text, base: root.startIndex - d,
      stmtOf: { imports: stmtOf(imports), calls: stmtOf(calls), assignments: stmtOf(assignments), functions: stmtOf(functions), classes: stmtOf(classes) },
    });
  }

  get statements(): Extent[] { return this.statementIndex().statements; }

  /** The section's text. */
  get text(): string { return this.tree.rootNode.text; }

  /** The statement at `offset` of the script as it is now, or -1 when the offset is in none (a comment, a blank). */
  statementAt(offset: number): number {
    const statements = this.statements, at = offset - this.anchor.dIndex;
    const s = lastStartingBy(statements, at);
    return s >= 0 && at < statements[s].end ? s : -1;
  }
  /** Per fact above, the index of the top-level statement it stands in. */
  get stmtOf(): SectionFacts['starts'] { return this.statementIndex().stmtOf; }

  /** The text of top-level statement `s` (as found; a shift does not change it). */
  statementText(s: number): string {
    const { statements, text, base } = this.statementIndex();
    const st = statements[s];
    return text.slice(st.start - base, st.end - base);
  }

  /**
   * What top-level statement `s` is, wherever its section was parsed, as two numbers: the row it stands on now
   * and an id of the rest (its column, kind and text), equal for equal text while `statementIdGeneration()`
   * stays the same. Two statements with the same row and id have the same facts at the same places.
   */
  statementRow(s: number): number { return this.statementIndex().places[s].row + this.anchor.rowShift; }
  statementId(s: number): number {
    const place = this.statementIndex().places[s];
    if (place.idGeneration !== statementIdGeneration()) {
      place.what ??= `:${place.column}:${place.type}:${this.statementText(s)}`;
      place.id = internStatement(place.what);
      place.idGeneration = statementIdGeneration();
    }
    return place.id;
  }

  /** The names each statement mentions and the section binds (lexed on first use: only scripts of several pipelines are split). */
  names(): StatementNames {
    if (this.named) return this.named;
    const { statements, text, base } = this.statementIndex();
    return (this.named = statementNames(text, base, statements, this.scopeExtents));
  }
}

let sectionSerials = 0;

/** The last of `extents` (sorted by start) that starts at or before `offset`, or -1. */
function lastStartingBy(extents: readonly Extent[], offset: number): number {
  let lo = 0, hi = extents.length - 1, found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (extents[mid].start <= offset) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  return found;
}

/** A module's function by name: a def nested in a function or a class (a method, a helper inside `main`) does not replace one the module defines. */
function addFunction(functions: Map<string, FunctionFact>, f: FunctionFact): void {
  const prev = functions.get(f.name);
  if (!prev || prev.scope !== null || f.scope === null) functions.set(f.name, f);
}

/** The import key of the last facts built (`buildFacts`): an equal key is given as this very string. */
let lastImportKey = '';

/** The facts of each section's tree (walked once per tree). */
const sectionFacts = new KeptKey<SectionFacts>();

/** The facts under `top` (a section's root), in document order. */
function extract(top: Node, anchor: Anchor): SectionFacts {
  const scopeExtents: Extent[] = [];
  const st = new SectionFacts(anchor, top.tree, scopeExtents);
  sectionFacts.set(top.tree, st);
  registerScopes(top.tree, st.scopes);
  const { starts } = st;
  // descendantsOfType walks the tree inside wasm and returns the nodes in document order; it is
  // ~35% faster than matching an equivalent query (measured on 2,000-line scripts).
  for (const node of top.descendantsOfType(FACT_TYPES)) {
    if (!node) continue;
    switch (node.type) {
      case 'import_statement': case 'import_from_statement': {
        const { imports, star } = importsOf(node);
        for (const i of imports) { st.imports.push(new AnchoredImport(i, node, anchor)); starts.imports.push(node.startIndex); }
        if (star) st.stars.push(star);
        break;
      }
      case 'call': {
        const callee = node.childForFieldName('function');
        if (callee) { st.calls.push(new LazyCall(node, callee, anchor, callee.text)); starts.calls.push(node.startIndex); }
        break;
      }
      case 'assignment': for (const a of assignmentsOf(node)) { st.assignments.push(new AnchoredAssignment(a, anchor)); starts.assignments.push(node.startIndex); } break;
      case 'function_definition': {
        st.scopes.add(node);
        scopeExtents.push({ start: node.startIndex, end: node.endIndex });
        const name = node.childForFieldName('name')?.text;
        if (name) { st.functions.push(new AnchoredFunction(name, node, anchor)); starts.functions.push(node.startIndex); }
        break;
      }
      case 'class_definition': {
        const raw = classOf(node);
        if (raw) { st.classes.push(new AnchoredClass(raw, node, anchor)); starts.classes.push(node.startIndex); }
        break;
      }
      case 'lambda': // the `lambda` keyword token has the same type name
        if (node.isNamed) { st.scopes.add(node); scopeExtents.push({ start: node.startIndex, end: node.endIndex }); }
        break;
    }
  }
  return st;
}

/**
 * A script's facts, or a view of them (`factsViews`). A class, not an object literal with a getter: V8 gives
 * each such literal its own hidden class, which holds the getter's closure, and hidden classes are freed
 * only by a full collection, so every keystroke's facts (and the text their nodes reach) outlived its
 * young-generation collections (docs/benchmarks.md, session 12).
 */
class ScriptFacts implements FileFacts {
  calls: CallFact[] = [];
  assignments: AssignmentFact[] = [];
  functions = new Map<string, FunctionFact>();
  classes: FileFacts['classes'] = [];
  modules: FileFacts['modules'] = undefined;
  [KEPT] = new Map<object, unknown>();
  private commentFacts: FileFacts['comments'] | undefined = undefined;

  /** `of`: the syntax to read comments from, or the whole script's facts a view shares them with. */
  constructor(private readonly of: SectionedTree | FileFacts, readonly imports: FileFacts['imports'], readonly starImports: string[]) {}

  // Only suppression directives need comments, and most scripts have none: collected on demand.
  get comments(): FileFacts['comments'] {
    if ('sections' in this.of) {
      return (this.commentFacts ??= this.of.descendantsOfType('comment').map((node) => ({ node, text: node.text, line: node.startPosition.row })));
    }
    return this.of.comments;
  }
}

/**
 * Builds the facts index of a script's syntax. Each section's tree is walked once: its facts are
 * kept with the tree (see `factsOf`), so an edit walks only the section it re-parsed.
 */
export function buildFacts(syntax: SectionedTree): FileFacts {
  const facts = new ScriptFacts(syntax, [], []);
  const parts = mapPacked(syntax.sections, factsOf);
  partsOf.set(facts, parts);
  // Index loops throughout: this runs on every keystroke over every section's facts.
  // Imports first: call qualification needs every binding (imports inside functions included).
  for (let p = 0; p < parts.length; p++) {
    const { imports, stars } = parts[p];
    for (let i = 0; i < imports.length; i++) facts.imports.push(imports[i]);
    for (let i = 0; i < stars.length; i++) facts.starImports.push(stars[i]);
  }
  // Calls keep their qualified names while the script's import bindings stay the same (the same key object
  // while they do, so each call compares it by reference).
  let importKey = mapPacked(facts.imports, (i) => `${i.module}\u0000${i.name ?? ''}\u0000${i.local}`).join('\u0001') + '\u0002' + facts.starImports.join('\u0001');
  if (importKey === lastImportKey) importKey = lastImportKey; else lastImportKey = importKey;
  importKeys.set(facts, importKey);
  for (let p = 0; p < parts.length; p++) {
    const { calls, assignments, functions, classes } = parts[p];
    for (let i = 0; i < calls.length; i++) {
      calls[i].qualify(facts, importKey);
      facts.calls.push(calls[i]);
    }
    for (let i = 0; i < assignments.length; i++) facts.assignments.push(assignments[i]);
    // A bare name called at module level means the module's function.
    for (let i = 0; i < functions.length; i++) addFunction(facts.functions, functions[i]);
    for (let i = 0; i < classes.length; i++) facts.classes.push(classes[i]);
  }
  return facts;
}

/**
 * A section's facts, kept with its tree. An edit re-parses the section it falls in (a new tree:
 * walked again); sections before it keep their trees, nodes and facts; sections after it keep their
 * trees, only shifted (`Tree.edit`), so their facts stay and their anchor moves.
 */
function factsOf(section: Section): SectionFacts {
  const known = sectionFacts.get(section.tree);
  if (known) {
    known.anchor.moveTo(section.start, section.row);
    return known;
  }
  return extract(section.tree.rootNode, new Anchor(section.start, section.row));
}

/** The import key a script's facts were qualified with: the same string while the script's imports stay the same. */
const importKeys = new KeptKey<string>();

export function importKeyOf(facts: FileFacts): string | undefined { return importKeys.get(facts); }

/** The sections' facts a script's facts were joined from (`factsView` filters them). */
const partsOf = new KeptKey<SectionFacts[]>();

export function sectionFactsOf(facts: FileFacts): readonly SectionFacts[] | undefined { return partsOf.get(facts); }

/**
 * Views of `facts` by top-level statement: `viewOf(section, statement)` is the view a statement belongs
 * to, or -1 for every view; only the views `wanted` says are built (undefined for the others). Each is
 * joined as `buildFacts` joins a whole script, in one pass; imports (and the comments) are the whole script's.
 */
export function factsViews(facts: FileFacts, viewOf: (partIndex: number, stmt: number) => number, wanted: readonly boolean[]): Array<FileFacts | undefined> {
  const parts = partsOf.get(facts);
  if (!parts) throw new Error('factsViews: facts not built by buildFacts');
  const views = mapPacked(wanted, (w) => {
    if (!w) return undefined;
    const view = new ScriptFacts(facts, facts.imports, facts.starImports);
    view.modules = facts.modules;
    return view;
  });
  // The views to fill (an edit asks for one or two of them): a statement of view `v` goes to it if wanted, a shared one to each.
  const built: FileFacts[] = [];
  for (const v of views) if (v) built.push(v);
  if (!built.length) return views;
  for (let pi = 0; pi < parts.length; pi++) {
    const part = parts[pi];
    const { stmtOf } = part;
    const { calls, assignments, functions, classes } = part;
    for (let i = 0; i < calls.length; i++) {
      const v = viewOf(pi, stmtOf.calls[i]);
      if (v >= 0) views[v]?.calls.push(calls[i]); else for (const view of built) view.calls.push(calls[i]);
    }
    for (let i = 0; i < assignments.length; i++) {
      const v = viewOf(pi, stmtOf.assignments[i]);
      if (v >= 0) views[v]?.assignments.push(assignments[i]); else for (const view of built) view.assignments.push(assignments[i]);
    }
    for (let i = 0; i < functions.length; i++) {
      const v = viewOf(pi, stmtOf.functions[i]);
      if (v >= 0) { const view = views[v]; if (view) addFunction(view.functions, functions[i]); } else for (const view of built) addFunction(view.functions, functions[i]);
    }
    for (let i = 0; i < classes.length; i++) {
      const v = viewOf(pi, stmtOf.classes[i]);
      if (v >= 0) views[v]?.classes.push(classes[i]); else for (const view of built) view.classes.push(classes[i]);
    }
  }
  for (const v of views) if (v) partsOf.set(v, parts);
  return views;
}

/**
 * The text of each view's statements and those every view holds, in order, one per line (what a view's
 * text heuristics read): `texts(view)`, made on first use per view.
 */
export function factsViewTexts(facts: FileFacts, viewOf: (partIndex: number, stmt: number) => number, views: number): (view: number) => string {
  const parts = partsOf.get(facts);
  if (!parts) throw new Error('factsViewTexts: facts not built by buildFacts');
  // One pass sorts the statements into views (positions only); a view's text is made when that view asks for it
  // (the first lint asks for every view, an edit for one): its own statements and the shared ones, in order.
  // Statements by their order in the script: `part[g]`, `stmt[g]`.
  let own: number[][] | undefined;
  const shared: number[] = [], part: number[] = [], stmt: number[] = [];
  const joined = new Map<number, string>();
  const textAt = (g: number) => parts[part[g]].statementText(stmt[g]);
  return (view) => {
    let text = joined.get(view);
    if (text === undefined) {
      if (!own) {
        own = Array.from({ length: views }, () => []);
        for (let pi = 0; pi < parts.length; pi++) {
          for (let s = 0; s < parts[pi].statements.length; s++) {
            const v = viewOf(pi, s), g = part.length;
            part.push(pi); stmt.push(s);
            if (v === -1) shared.push(g); else own[v]?.push(g);
          }
        }
      }
      const mine = own[view] ?? [];
      const out: string[] = [];
      for (let i = 0, j = 0; i < mine.length || j < shared.length;) {
        out.push(textAt(j >= shared.length || (i < mine.length && mine[i] < shared[j]) ? mine[i++] : shared[j++]));
      }
      joined.set(view, (text = out.join('\n')));
    }
    return text;
  };
}
