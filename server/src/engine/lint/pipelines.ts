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
import type { Diagnostic, InternalError } from '../diagnostics';
import { sectionFactsOf } from '../facts/build';
import { idsOf, internName, nameGeneration, nameOf, namesInterned, type StatementNames } from '../facts/statement-names';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';

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
  for (const id of touched) { flags[id] = 0; owner[id] = -1; }
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
const isContextCall = (c: CallFact) => c.method === 'from_pretrained' || c.calleeText.endsWith('from_pretrained') || c.calleeText.endsWith('get_chat_template');
const isContextAssignment = (a: AssignmentFact) => a.target.endsWith('.chat_template') || /max_seq_len/i.test(a.target);

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
  const named = parts.map((p) => p.names());
  if (named.some((n) => n.dynamic)) return undefined;
  // Names that link statements: bound at module level, or read there without a binding in this script
  // (a snippet's undefined `dataset`) unless they are Python's own or only imported.
  // Interning may drop the table (past its size limit): then every id is made again, from the same names.
  let ids: StatementNames[] = [], imported: number[] = [];
  for (let tries = 0, before = -1; before !== nameGeneration; tries++) {
    if (tries > 2) return undefined; // only a script of more names than the table holds
    before = nameGeneration;
    imported = facts.imports.map((i) => internName(i.local));
    ids = named.map(idsOf);
  }
  const size = namesInterned();
  if (flags.length < size) { flags = new Uint8Array(size * 2); owner = new Int32Array(size * 2).fill(-1); }
  const touched: number[] = [];
  const flag = (id: number, f: number) => { if (flags[id] === 0) touched.push(id); flags[id] |= f; };
  for (const x of ids) {
    for (const id of x.bound) flag(id, BOUND);
    for (const id of x.free) flag(id, FREE);
  }
  for (const id of imported) flag(id, IMPORTED);
  for (const id of touched) {
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
  parts.forEach((p, pi) => {
    p.calls.forEach((c, i) => {
      const r = root(offsets[pi] + p.stmtOf.calls[i]);
      if (trainerCalls.has(c)) pipelineRoots.add(r);
      else if (isContextCall(c)) contextRoots.add(r);
    });
    p.assignments.forEach((a, i) => { if (isContextAssignment(a)) contextRoots.add(root(offsets[pi] + p.stmtOf.assignments[i])); });
  });
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
  const keys: string[][] = [...views.keys()].map(() => []);
  const shared: string[] = [];
  const restBySection = new Map<number, number>();
  for (let pi = 0; pi < parts.length; pi++) {
    for (let s = 0; s < parts[pi].statements.length; s++) {
      const g = offsets[pi] + s;
      const r = root(g);
      let v = views.get(r);
      if (v === undefined && linked[g] && !contextRoots.has(r) && !options.restEverywhere) {
        // a group no trainer is linked to: the rest view of the section it starts in
        v = restBySection.get(pi);
        if (v === undefined) { v = keys.length; restBySection.set(pi, v); keys.push(['rest']); }
        views.set(r, v);
      }
      if (v !== undefined) { viewOfStatement[g] = v; keys[v].push(parts[pi].statementSignature(s)); }
      else { viewOfStatement[g] = -1; shared.push(parts[pi].statementSignature(s)); }
    }
  }
  /** The statement at `offset` (global index), or -1 outside every statement. */
  const statementAt = (offset: number): number => {
    let pi = parts.length - 1;
    // the last section with a statement starting at or before `offset` (sections of comments only have none)
    while (pi > 0 && (parts[pi].statements.length === 0 || parts[pi].anchor.dIndex + parts[pi].statements[0].start > offset)) pi--;
    const s = parts[pi].statementAt(offset);
    return s < 0 ? -1 : offsets[pi] + s;
  };
  const pipelines: Pipeline[] = keys.map((k, i) => ({ key: k.join('\0'), index: i }));
  return {
    pipelines,
    sharedKey: shared.join('\0'),
    viewOf: (pi, stmt) => viewOfStatement[offsets[pi] + stmt],
    holds: (view, offset) => { const g = statementAt(offset); return g < 0 || viewOfStatement[g] === -1 || viewOfStatement[g] === view; },
  };
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
