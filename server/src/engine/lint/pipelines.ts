/**
 * A script of many independent pipelines, linted one pipeline at a time and kept between edits.
 *
 * Top-level statements that share a name the script binds at module level belong to one pipeline
 * (union of statements through names; `facts/statement-names.ts`). Statements that mention no such
 * name (imports, `os.environ[…] = …`, a bare `torch.manual_seed(0)`) belong to every pipeline. Each
 * pipeline is linted on a view of the facts that holds only its statements: a trainer's findings can
 * only depend on what it reaches through names, and every statement that can reach it is in its view.
 * A pipeline's findings are kept with a key made of its statements (section facts, index, how far
 * the section moved) and the lint's context; an edit re-lints only the pipelines whose statements
 * it touched. Anything the split cannot follow (`globals()`, `exec`, star imports) lints the whole script.
 */
import type { Diagnostic, InternalError } from '../diagnostics';
import { sectionFactsOf } from '../facts/build';
import type { AssignmentFact, CallFact, FileFacts } from '../facts/types';

export interface Pipeline {
  /** Its statements and the shared ones, as a cache key. */
  key: string;
  /** Is statement `stmt` of the `partIndex`-th section in this pipeline's view? */
  keep: (partIndex: number, stmt: number) => boolean;
  /**
   * Does a finding at this offset of the script belong to this view: in one of its statements, or in
   * no statement (a comment, the end of the file)? A view's rules may walk every tree (label writes,
   * tokens in strings); what they find in another pipeline's statements is that pipeline's to report,
   * so a view's kept findings depend on its own statements only.
   */
  holds: (offset: number) => boolean;
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
  /** One per training pipeline, and one for the statements no trainer is linked to (if any). */
  pipelines: Pipeline[];
  /** The statements every view holds: a change to any of them changes every pipeline's findings. */
  sharedKey: string;
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
 * (helpers no trainer uses, a standalone evaluation) are linted together in one more view.
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
  // 1: bound at module level, 2: read there, 4: imported
  const seen = new Map<string, number>();
  for (const n of named) {
    for (const w of n.bound) seen.set(w, (seen.get(w) ?? 0) | 1);
    for (const w of n.free) seen.set(w, (seen.get(w) ?? 0) | 2);
  }
  for (const i of facts.imports) seen.set(i.local, (seen.get(i.local) ?? 0) | 4);
  const links = (w: string) => {
    const f = seen.get(w) ?? 0;
    return (f & 1) !== 0 || ((f & 2) !== 0 && (f & 4) === 0 && !BUILTINS.has(w));
  };
  const linking = new Map<string, boolean>();
  const offsets: number[] = [];
  let total = 0;
  for (const p of parts) { offsets.push(total); total += p.statements.length; }
  const parent = new Int32Array(total);
  for (let i = 0; i < total; i++) parent[i] = i;
  const root = (i: number): number => { while (parent[i] !== i) { parent[i] = parent[parent[i]]; i = parent[i]; } return i; };
  const linked = new Uint8Array(total);
  const owner = new Map<string, number>();
  named.forEach((n, pi) => {
    n.names.forEach((words, s) => {
      const g = offsets[pi] + s;
      for (const w of words) {
        let l = linking.get(w);
        if (l === undefined) linking.set(w, (l = links(w)));
        if (!l) continue;
        linked[g] = 1;
        const o = owner.get(w);
        if (o === undefined) owner.set(w, g);
        else { const a = root(o), b = root(g); if (a !== b) parent[b] = a; }
      }
    });
  });
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
  // 0: shared by every view, 1: a pipeline's, 2: the rest. Keys name runs of statements: `serial@shift.first-last`.
  const kind = new Uint8Array(total);
  const keys = new Map<number, KeyBuilder>();
  for (const r of pipelineRoots) keys.set(r, new KeyBuilder());
  const shared = new KeyBuilder(), rest = new KeyBuilder();
  for (let pi = 0; pi < parts.length; pi++) {
    const section = `${parts[pi].serial}@${parts[pi].anchor.rowShift}`;
    for (let s = 0; s < parts[pi].statements.length; s++) {
      const g = offsets[pi] + s;
      const r = root(g);
      const own = keys.get(r);
      if (own) { kind[g] = 1; own.add(section, s); }
      else if (!linked[g] || contextRoots.has(r) || options.restEverywhere) shared.add(section, s);
      else { kind[g] = 2; rest.add(section, s); }
    }
  }
  /** The statement at `offset` (global index), or -1 outside every statement. */
  const statementAt = (offset: number): number => {
    let pi = parts.length - 1;
    while (pi > 0 && parts[pi].anchor.dIndex + parts[pi].statements[0]?.start > offset) pi--;
    const part = parts[pi], at = offset - part.anchor.dIndex;
    const st = part.statements;
    let lo = 0, hi = st.length - 1, found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (st[mid].start <= at) { found = mid; lo = mid + 1; } else hi = mid - 1;
    }
    return found >= 0 && at < st[found].end ? offsets[pi] + found : -1;
  };
  const pipelines: Pipeline[] = [...keys].map(([r, key]) => {
    const inView = (g: number) => kind[g] === 0 || (kind[g] === 1 && root(g) === r);
    return {
      key: key.text(),
      keep: (pi: number, stmt: number) => inView(offsets[pi] + stmt),
      holds: (offset: number) => { const g = statementAt(offset); return g < 0 || inView(g); },
    };
  });
  if (!rest.empty) {
    pipelines.push({
      key: `rest:${rest.text()}`,
      keep: (pi, stmt) => kind[offsets[pi] + stmt] !== 1,
      holds: (offset) => { const g = statementAt(offset); return g < 0 || kind[g] !== 1; },
    });
  }
  return { pipelines, sharedKey: shared.text() };
}

/** A list of statements as runs: `12@0.3-7,15@2.0-0`. */
class KeyBuilder {
  private out = '';
  private section = '';
  private first = -1;
  private last = -1;
  get empty(): boolean { return this.first < 0 && this.out === ''; }
  add(section: string, s: number): void {
    if (section === this.section && s === this.last + 1) { this.last = s; return; }
    this.flush();
    this.section = section; this.first = this.last = s;
  }
  text(): string { this.flush(); return this.out; }
  private flush(): void {
    if (this.first >= 0) this.out += `${this.out ? ',' : ''}${this.section}.${this.first}-${this.last}`;
    this.first = this.last = -1;
  }
}

/** What one pipeline's lint found (before suppression comments, which apply to the whole script). */
export interface PipelineRun {
  diagnostics: Diagnostic[];
  errors: InternalError[];
  /** Per diagnostic, what makes it the same finding as another view's (set once, kept with the run). */
  keys?: string[];
}

/** The same finding reached from two views (on a statement both hold) has the same key. */
export function findingKey(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${d.code}\0${d.severity}\0${start.line}:${start.character}:${end.line}:${end.character}\0${d.message}`;
}

/**
 * One document's pipelines' findings, kept between its lints. The owner (an editor's document)
 * passes the same cache to each lint of that document; everything in it is dropped when the lint's
 * context (versions, config, data read so far, tokenizer, rules) changes.
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

  get(key: string): PipelineRun | undefined {
    const run = this.runs.get(key);
    if (run) { this.next.set(key, run); this.stats.reused++; }
    return run;
  }

  set(key: string, run: PipelineRun): void { this.next.set(key, run); this.stats.linted++; }

  /** Ends a lint: only what it used is kept. */
  end(): void { this.runs = this.next; this.next = new Map(); }

  clear(): void { this.runs.clear(); this.context = []; }
}
