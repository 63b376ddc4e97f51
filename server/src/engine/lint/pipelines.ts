/**
 * A script of many independent pipelines, linted one pipeline at a time and kept between edits.
 *
 * Top-level statements that share a name the script binds at module level belong to one pipeline
 * (union of statements through names; `facts/statement-names.ts`). Statements that mention no such
 * name (imports, `os.environ[…] = …`, a bare `torch.manual_seed(0)`) belong to every pipeline. Each
 * pipeline is linted on a view of the facts that holds only its statements: a trainer's findings can
 * only depend on what it reaches through names, and every statement that can reach it is in its view.
 * A pipeline's findings are kept with a key made of its statements (where each stands, its kind and
 * its text) and the lint's context; an edit re-lints only the pipelines whose statements it changed
 * or moved. Anything the split cannot follow (`globals()`, `exec`, star imports) lints the whole script.
 */
import { KeptKey } from '../syntax/kept-with';
import type { Diagnostic, InternalError } from '../diagnostics';
import { sectionFactsOf, type SectionFacts } from '../facts/build';
import { statementIdGeneration } from '../facts/statement-ids';
import { idsOf, internName, nameGeneration, nameOf, namesInterned, type StatementNames } from '../facts/statement-names';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';
import { mapPacked } from '../syntax/packed-arrays';

export interface Pipeline {
  /** Its statements, as a cache key. */
  key: string;
  /** Its number in `PipelineSplit.viewOf`. */
  index: number;
}

const BOUND = 1, FREE = 2, IMPORTED = 4, LINKS = 8;
/** Per name id, for one split at a time (kept between lints; only the entries a split touched are cleared). */
let flags = new Uint8Array(0);
let owner = new Int32Array(0);
function clear(touched: readonly number[]): void {
  for (let i = 0; i < touched.length; i++) { const id = touched[i]; flags[id] = 0; owner[id] = -1; }
}

/** Python's built-in names: a script that never binds one does not link two statements through it. */
const BUILTINS = new Set(('abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex ' +
  'delattr dict dir divmod enumerate filter float format frozenset getattr hasattr hash help hex id input int isinstance ' +
  'issubclass iter len list map max memoryview min next object oct open ord pow print property range repr reversed round ' +
  'set setattr slice sorted staticmethod str sum super tuple type zip __name__ __file__ __doc__ self cls ' +
  'Exception BaseException ValueError TypeError KeyError IndexError RuntimeError NotImplementedError ImportError ' +
  'ModuleNotFoundError AttributeError OSError FileNotFoundError StopIteration AssertionError ZeroDivisionError ' +
  'KeyboardInterrupt Warning UserWarning DeprecationWarning NotImplemented Ellipsis').split(' '));

/**
 * What some rules look up across the whole script by position, not through names: the chat template
 * set last before a trainer (`domain/active-template.ts`), the model loads (`domain/models.ts`:
 * the only family a script loads, the last Unsloth load before a trainer) and TL305's module-level
 * `max_seq_length` constant. A superset by text, so no such fact escapes.
 */
// `X.save_to_disk(path)`: a `load_from_disk(path)` of any pipeline reads what it saved (`dataset/saved-to-disk.ts`).
const isContextCall = (c: CallFact) => c.method === 'from_pretrained' || c.calleeText.endsWith('from_pretrained') || c.calleeText.endsWith('get_chat_template')
  || c.method === 'save_to_disk';
const isContextAssignment = (a: AssignmentFact) => a.target.endsWith('.chat_template') || /max_seq_len/i.test(a.target);

/**
 * Per section (kept as long as its facts): the statements holding what rules look up by position
 * (`isContextCall`, `isContextAssignment`: both read only the section's own text), and the statement of
 * each call (to place the trainers). One scan per parse of a section instead of one per keystroke over
 * the whole script.
 */
interface SectionContext { places: Array<{ stmt: number; call?: CallFact }>; stmtOfCall: Map<CallFact, number> }
const contexts = new KeptKey<SectionContext>();

function contextOf(part: SectionFacts): SectionContext {
  let found = contexts.get(part);
  if (!found) {
    found = { places: [], stmtOfCall: new Map() };
    const { stmtOf } = part;
    for (let i = 0; i < part.calls.length; i++) {
      const c = part.calls[i];
      found.stmtOfCall.set(c, stmtOf.calls[i]);
      if (isContextCall(c)) found.places.push({ stmt: stmtOf.calls[i], call: c });
    }
    for (let i = 0; i < part.assignments.length; i++) if (isContextAssignment(part.assignments[i])) found.places.push({ stmt: stmtOf.assignments[i] });
    contexts.set(part, found);
  }
  return found;
}

export interface PipelineSplit {
  /** One per training pipeline, and one per section for the groups no trainer is linked to that start there. */
  pipelines: Pipeline[];
  /** The statements every view holds: a change to any of them changes every pipeline's findings. */
  sharedKey: string;
  /** The view statement `stmt` of the `partIndex`-th section belongs to, or -1 when every view holds it. */
  viewOf: (partIndex: number, stmt: number) => number;
  /**
   * Does a finding at this offset of the script belong to `view`: in one of its statements, or in no
   * statement (a comment, the end of the file)? A view's rules may walk every tree (label writes,
   * tokens in strings); what they find in another pipeline's statements is that pipeline's to report,
   * so a view's kept findings depend on its own statements only.
   */
  holds: (view: number, offset: number) => boolean;
}

export interface SplitOptions {
  /** Split from this many pipelines (default 2: one pipeline is the whole script). */
  minPipelines?: number;
  /** Tests: every statement outside the pipelines in every view (no separate view for the rest). */
  restEverywhere?: boolean;
}

/**
 * The script's training pipelines, or undefined when it has too few or cannot be split soundly.
 * A pipeline is a group of statements linked by names that holds at least one of the trainer calls. The
 * other statements are shared by every view when they link to nothing (imports, `os.environ[…] = …`)
 * or when their group holds what a rule looks up by position (`isContextCall`); the remaining groups
 * (helpers no trainer uses, a standalone evaluation) are linted in views of their own, one per section.
 */
export function splitPipelines(facts: FileFacts, trainers: readonly CallFact[], options: SplitOptions = {}): PipelineSplit | undefined {
  const min = options.minPipelines ?? 2;
  if (trainers.length < min || facts.starImports.length) return undefined;
  const parts = sectionFactsOf(facts);
  if (!parts) return undefined;
  const named = mapPacked(parts, (p) => p.names());
  if (named.some((n) => n.dynamic)) return undefined;
  // Names that link statements: bound at module level, or read there without a binding in this script
  // (a snippet's undefined `dataset`) unless they are Python's own or only imported.
  // Interning may drop the table (past its size limit): then every id is made again, from the same names.
  let ids: StatementNames[] = [], imported: number[] = [];
  for (let tries = 0, before = -1; before !== nameGeneration; tries++) {
    if (tries > 2) return undefined; // only a script of more names than the table holds
    before = nameGeneration;
    imported = mapPacked(facts.imports, (i) => internName(i.local));
    ids = mapPacked(named, idsOf);
  }
  const size = namesInterned();
  if (flags.length < size) { flags = new Uint8Array(size * 2); owner = new Int32Array(size * 2).fill(-1); }
  const touched: number[] = [];
  const flag = (id: number, f: number) => { if (flags[id] === 0) touched.push(id); flags[id] |= f; };
  // Index loops: this runs on every keystroke, mostly before V8 has optimised it.
  for (let i = 0; i < ids.length; i++) {
    const { bound, free } = ids[i];
    for (let k = 0; k < bound.length; k++) flag(bound[k], BOUND);
    for (let k = 0; k < free.length; k++) flag(free[k], FREE);
  }
  for (let i = 0; i < imported.length; i++) flag(imported[i], IMPORTED);
  for (let i = 0; i < touched.length; i++) {
    const id = touched[i];
    const f = flags[id];
    if ((f & BOUND) !== 0 || ((f & FREE) !== 0 && (f & IMPORTED) === 0 && !BUILTINS.has(nameOf(id)))) flags[id] |= LINKS;
  }
  const offsets: number[] = [];
  let total = 0;
  for (const p of parts) { offsets.push(total); total += p.statements.length; }
  const parent = new Int32Array(total);
  for (let i = 0; i < total; i++) parent[i] = i;
  const root = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  const linked = new Uint8Array(total);
  for (let pi = 0; pi < ids.length; pi++) {
    const names = ids[pi].names;
    for (let s = 0; s < names.length; s++) {
      const g = offsets[pi] + s;
      const words = names[s];
      for (let k = 0; k < words.length; k++) {
        const w = words[k];
        if ((flags[w] & LINKS) === 0) continue;
        linked[g] = 1;
        const o = owner[w];
        if (o < 0) { owner[w] = g; continue; }
        const a = root(o), b = root(g);
        if (a !== b) parent[b] = a;
      }
    }
  }
  clear(touched);
  // Groups holding a trainer are pipelines; groups holding what rules look up by position are shared.
  const trainerCalls = new Set(trainers);
  const pipelineRoots = new Set<number>();
  const contextRoots = new Set<number>();
  const sectionContexts = mapPacked(parts, contextOf);
  for (const t of trainers) {
    for (let pi = 0; pi < parts.length; pi++) {
      const stmt = sectionContexts[pi].stmtOfCall.get(t);
      if (stmt !== undefined) { pipelineRoots.add(root(offsets[pi] + stmt)); break; }
    }
  }
  for (let pi = 0; pi < parts.length; pi++) {
    const { places } = sectionContexts[pi];
    for (let k = 0; k < places.length; k++) {
      const call = places[k].call;
      if (!call || !trainerCalls.has(call)) contextRoots.add(root(offsets[pi] + places[k].stmt));
    }
  }
  if (pipelineRoots.size < min) return undefined;
  // Each statement's view: -1 shared by all, else the index of its pipeline. The groups no trainer is
  // linked to are checked in views of their own, one per section they start in: an edit re-parses a
  // section, so it changes the statements of that section's groups and no others'.
  // Keys are the statements' signatures (where each stands, its kind and text), not the parse they came
  // from: an edit re-parses its whole section, and the statements of that section it did not change must
  // not re-lint their pipelines (nor, for the shared ones, every pipeline).
  const views = new Map<number, number>();
  for (const r of pipelineRoots) views.set(r, views.size);
  const viewOfStatement = new Int32Array(total);
  let count = views.size;
  const restBySection = new Map<number, number>();
  for (let pi = 0; pi < parts.length; pi++) {
    for (let s = 0; s < parts[pi].statements.length; s++) {
      const g = offsets[pi] + s;
      const r = root(g);
      let v = views.get(r);
      if (v === undefined && linked[g] && !contextRoots.has(r) && !options.restEverywhere) {
        // a group no trainer is linked to: the rest view of the section it starts in
        v = restBySection.get(pi);
        if (v === undefined) { v = count++; restBySection.set(pi, v); }
        views.set(r, v);
      }
      viewOfStatement[g] = v ?? -1;
    }
  }
  const rests = new Set(restBySection.values());
  const keys = statementKeys(parts, offsets, viewOfStatement, count, rests);
  /** The statement at `offset` (global index), or -1 outside every statement. */
  const statementAt = (offset: number): number => {
    let pi = parts.length - 1;
    // the last section with a statement starting at or before `offset` (sections of comments only have none)
    while (pi > 0 && (parts[pi].statements.length === 0 || parts[pi].anchor.dIndex + parts[pi].statements[0].start > offset)) pi--;
    const s = parts[pi].statementAt(offset);
    return s < 0 ? -1 : offsets[pi] + s;
  };
  const pipelines: Pipeline[] = mapPacked(keys.views, (key, i) => ({ key, index: i }));
  return {
    pipelines,
    sharedKey: keys.shared,
    viewOf: (pi, stmt) => viewOfStatement[offsets[pi] + stmt],
    holds: (view, offset) => { const g = statementAt(offset); return g < 0 || viewOfStatement[g] === -1 || viewOfStatement[g] === view; },
  };
}

/**
 * Each view's key and the shared statements' key: per statement, where it stands (row) and the id of its column,
 * kind and text (`SectionFacts.statementId`), as compact characters (an edit makes a few short strings, not a copy
 * of the script). Equal keys mean equal statements, in the same places.
 */
function statementKeys(parts: readonly SectionFacts[], offsets: readonly number[], viewOf: Int32Array, count: number, rests: ReadonlySet<number>): { views: string[]; shared: string } {
  for (;;) {
    const generation = statementIdGeneration();
    // Where each view's characters go in one buffer (the shared statements last, as view `count`): at most
    // NUMBER_UNITS per number, two numbers per statement, and a rest view's mark.
    const start = new Int32Array(count + 2);
    for (let g = 0; g < viewOf.length; g++) { const v = viewOf[g]; start[(v < 0 ? count : v) + 1] += 2 * NUMBER_UNITS; }
    for (let v = 0; v <= count; v++) start[v + 1] += start[v] + 1;
    if (keyUnits.length < start[count + 1]) keyUnits = new Uint16Array(2 * start[count + 1]);
    const end = start.slice(0, count + 1);
    for (const v of rests) keyUnits[end[v]++] = REST_MARK;
    for (let pi = 0; pi < parts.length; pi++) {
      const part = parts[pi];
      for (let s = 0, n = part.statements.length; s < n; s++) {
        const v = viewOf[offsets[pi] + s], k = v < 0 ? count : v;
        end[k] = putNumber(keyUnits, end[k], part.statementRow(s));
        end[k] = putNumber(keyUnits, end[k], part.statementId(s));
      }
    }
    // Ids given out afresh in the middle (the table was full): make every key again from the new ids.
    if (generation !== statementIdGeneration()) continue;
    const views: string[] = [];
    for (let v = 0; v < count; v++) views.push(charsOf(keyUnits, start[v], end[v]));
    return { views, shared: `${generation}:${charsOf(keyUnits, start[count], end[count])}` };
  }
}

/** Key characters, reused from lint to lint (typed: no garbage per keystroke). */
let keyUnits = new Uint16Array(4096);

/** Marks a view of statements no trainer is linked to (its key never equals a pipeline's). */
const REST_MARK = 0x7fff;
/** Characters per number at most: base 0x4000, so rows and ids below 2^42. */
const NUMBER_UNITS = 3;

/** Writes `n` at `at` as characters below 0x8000 (no surrogates): base 0x4000, every character but the last marked. */
function putNumber(out: Uint16Array, at: number, n: number): number {
  if (n >= 0x10000000) out[at++] = 0x4000 | Math.floor(n / 0x10000000);
  if (n >= 0x4000) out[at++] = 0x4000 | (Math.floor(n / 0x4000) % 0x4000);
  out[at++] = n % 0x4000;
  return at;
}

function charsOf(units: Uint16Array, from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += 8192) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(to, i + 8192)) as unknown as number[]);
  return out;
}

/** What one pipeline's lint found (before suppression comments, which apply to the whole script). */
export interface PipelineRun {
  diagnostics: Diagnostic[];
  errors: InternalError[];
  /** Per diagnostic, what makes it the same finding as another view's (set once, kept with the run). */
  keys?: string[];
  /** The data answers the run's lookups used, when the provider records them (`DataSourceProvider.record`). */
  reads?: readonly import('../dataset/state').DataRead[];
  /** The project-module answers the run's lookups used (`ModuleProvider.record`). */
  moduleReads?: readonly import('../modules/types').ModuleRead[];
}

/** The same finding reached from two views (on a statement both hold) has the same key. */
export function findingKey(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${d.code}\0${d.severity}\0${start.line}:${start.character}:${end.line}:${end.character}\0${d.message}`;
}

/**
 * One document's pipelines' findings, kept between its lints. The owner (an editor's document)
 * passes the same cache to each lint of that document; everything in it is dropped when the lint's
 * context (versions, config, tokenizer, rules) changes, and a pipeline's own findings when the data
 * answers it used change (or, for a provider that cannot tell which, when any answer changes).
 */
export class PipelineCache {
  private context: readonly unknown[] = [];
  private runs = new Map<string, PipelineRun>();
  private next = new Map<string, PipelineRun>();
  /** Pipelines linted and reused by the last lint (tests, benchmarks). */
  stats = { linted: 0, reused: 0 };

  /** Starts a lint: `context` lists what every finding may depend on besides the script. */
  begin(context: readonly unknown[]): void {
    if (context.length !== this.context.length || context.some((c, i) => c !== this.context[i])) this.runs.clear();
    this.context = context;
    this.next = new Map();
    this.stats = { linted: 0, reused: 0 };
  }

  /** The kept run of these statements, if `valid` (e.g. its data answers are still current) agrees. */
  get(key: string, valid: (run: PipelineRun) => boolean = () => true): PipelineRun | undefined {
    const run = this.runs.get(key);
    if (!run || !valid(run)) return undefined;
    this.next.set(key, run); this.stats.reused++;
    return run;
  }

  set(key: string, run: PipelineRun): void { this.next.set(key, run); this.stats.linted++; }

  /** Ends a lint: only what it used is kept. */
  end(): void { this.runs = this.next; this.next = new Map(); }

  clear(): void { this.runs.clear(); this.context = []; }
}
