/** What the engine knows about a dataset value at one point of a script. */
import type { Node } from 'web-tree-sitter';

export interface DatasetState {
  /** Column names in order; undefined when unknown (rules never guess on unknowns). */
  columns?: string[];
  /** Column types where a data file or literal said so. */
  types?: Record<string, string>;
  /** Where the dataset was created or loaded (a related location for diagnostics). */
  origin: Node;
  /** Short description of the origin, e.g. `load_dataset("json", …)`. */
  originLabel: string;
  /** A DatasetDict (splits) rather than one split. */
  isDict: boolean;
  /** Row count when known cheaply. */
  rowCount?: number;
  /** Steps whose effect on the columns could not be computed, with why. */
  unresolved: string[];
  /** Steps applied, in order, for previews ("map(formatting_prompts_func)"). */
  steps: Array<{ node: Node; label: string }>;
  /** Why the source columns are unknown (data not local, unreadable file…). */
  sourceNote?: string;
  /** Rows known statically (from literals), for previews. */
  rows?: Array<Record<string, unknown>>;
  /**
   * Where the source's columns were read when not from the data itself: trainlint's table of known Hub
   * datasets, or a notebook's own saved output of the load (`printed-loads.ts`). Undefined for files, caches and literals. Messages about columns name it
   * (`columnsPhrase`).
   */
  provenance?: ColumnsProvenance;
  /**
   * A DatasetDict's split names when proven: read from local data files, made by `train_test_split`, or a split list of
   * trainlint's table of known Hub datasets that is marked complete (`splitsSource` then says where it was read).
   */
  splits?: string[];
  /** Where `splits` was read when not from the data itself: "per the dataset card read 2026-12-07, in trainlint's table …". */
  splitsSource?: string;
  /** The value is a split the source does not have (`load_dataset(…, split="test")`, `ds["test"]`): datasets raises there. */
  missingSplit?: import('../data/types').MissingSplit;
  /**
   * When `columns` is unknown: what the script provably did on top of the unknown base (see
   * `columns.ts`). Undefined when even that is unknown (a step that could not be followed).
   */
  known?: PartialColumns;
  /**
   * `load_from_disk` of a folder neither read nor saved by the script: taken for a DatasetDict (scripts index it by split),
   * but it returns whichever kind was saved there. Findings whose claim depends on the kind are information at most.
   */
  kindAssumed?: boolean;
  /** `load_from_disk` of a folder the script saved itself: the saved value (`saved-to-disk.ts`), for how its kind is proven. */
  savedFrom?: DatasetState;
}

/** Columns of a dataset whose base is unknown: those the script provably added, and those it removed. */
export interface PartialColumns {
  /** Columns certainly present (a map's output keys, a rename's target, `add_column`). */
  present: string[];
  /** Columns certainly absent (`remove_columns`, a rename's source). */
  absent: string[];
  /** The unknown base, for messages: "yahma/alpaca-cleaned", `load_from_disk("data")`. */
  base: string;
  /**
   * A step after the base whose output could not be computed (a map whose function returns what trainlint
   * cannot follow): it may have added any column, so a column neither present nor absent is unknown because
   * of that step, not because of the base.
   */
  unknownStep?: string;
}

/**
 * The source columns came from trainlint's table of known Hub datasets, or from the notebook's own saved output of the
 * load (`printed-loads.ts`), not from the data.
 */
export interface ColumnsProvenance {
  kind: 'known-hub-table' | 'notebook-output';
  /** The Hub id and config the table entry (or the printed load) describes. */
  dataset: string;
  config: string;
  /** "trainlint's table of known datasets", "cell 4's saved output" */
  label: string;
  /** Where the facts were read (dataset card, Hub viewer, the script that built it; what the cell printed). */
  evidence: string[];
  /** The table's date (a notebook's saved output has none). */
  checked?: string;
}

/** Columns the external data layer found for a load call (see engine/data). */
export interface ExternalColumns {
  columns?: string[];
  types?: Record<string, string>;
  rowCount?: number;
  rows?: Array<Record<string, unknown>>;
  isDict?: boolean;
  /** The DatasetDict's split names, when known. */
  splits?: string[];
  /** Where they were read, when not from the data: "per the dataset card read 2026-12-07, in trainlint's table of known datasets". */
  splitsSource?: string;
  /** The load names a split the source does not have. */
  missingSplit?: import('../data/types').MissingSplit;
  note?: string;
  provenance?: ColumnsProvenance;
  /** A Hub dataset neither local nor in the Hugging Face cache: the notebook's saved outputs may answer (`printed-loads.ts`). */
  hubNotCached?: boolean;
}

/**
 * Reads dataset columns from outside the script (files, Hugging Face cache).
 * Must answer synchronously from what is already cached: the diagnostics path never waits for disk.
 */
export interface DataSourceProvider {
  /**
   * Changes whenever an answer of `lookup` may have changed (data read, forgotten, evicted). Without it
   * (and without `record`/`reuse`), an editor's lint cannot keep findings between edits (`lint/pipelines.ts`).
   */
  readonly generation?: number;
  lookup(call: import('../facts/types').CallFact, facts: import('../facts/types').FileFacts): ExternalColumns | undefined;
  /**
   * From now on, each `lookup` adds what it answered from to `reads` (undefined: stop). With `reuse`,
   * an editor keeps a pipeline's findings across data reads that did not touch that pipeline's sources.
   */
  record?(reads: DataRead[] | undefined): void;
  /**
   * Whether every one of `reads` would be answered from the same data now. When it would, they count as
   * this lint's own lookups (a source not read yet is still read after the lint).
   */
  reuse?(reads: readonly DataRead[]): boolean;
  /** What the answers depend on besides the data read (e.g. where relative paths start). */
  readonly scope?: string;
}

/** One answer a lookup gave: the source asked about and what was known of it then (compared by identity). */
export interface DataRead {
  readonly source: unknown;
  readonly answer: unknown;
}

export function hasColumn(state: DatasetState | undefined, name: string): boolean | undefined {
  if (!state?.columns) return undefined;
  return state.columns.includes(name);
}

/**
 * `columns: a, b`, naming where the source columns came from when that was not the data itself:
 * `columns of mlabonne/FineTome-100k from trainlint's table of known datasets, checked 2026-12-06: conversations, source, score`
 * (after the script's steps: `columns: conversations, source, score, text, starting from the columns of mlabonne/FineTome-100k in trainlint's table of known datasets, checked 2026-12-06`).
 */
export function columnsPhrase(state: DatasetState, columns: readonly string[] | undefined = state.columns): string {
  const list = columns?.length ? columns.join(', ') : 'none';
  const p = state.provenance;
  if (!p) return `columns: ${list}`;
  // A stale output explains itself: the finding names the cell whose saved output it rests on.
  if (p.kind === 'notebook-output') {
    return state.steps.length === 0 ? `columns of ${p.dataset} as printed by ${p.label}: ${list}` : `columns: ${list}, starting from the columns of ${p.dataset} as printed by ${p.label}`;
  }
  // The table's date with every finding that rests on it: the Hub copy may have changed since.
  const table = `${p.label}, checked ${p.checked}`;
  return state.steps.length === 0 ? `columns of ${p.dataset} from ${table}: ${list}` : `columns: ${list}, starting from the columns of ${p.dataset} in ${table}`;
}

/** ` (columns of X from trainlint's table of known datasets, checked <date>: …)` when the columns were not read from the data, else ''. */
export function provenanceNote(state: DatasetState): string {
  return state.provenance ? ` (${columnsPhrase(state)})` : '';
}

/** Where a finding's dataset came from, for its related locations: the call that created it and its last step. */
export function datasetTrail(ds: DatasetState): Array<{ node: Node; message: string }> {
  return [
    { node: ds.origin, message: `dataset created here (${ds.originLabel})` },
    ...ds.steps.slice(-1).map((s) => ({ node: s.node, message: `last step: ${s.label}` })),
  ];
}
