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
}

/** Columns the external data layer found for a load call (see engine/data). */
export interface ExternalColumns {
  columns?: string[];
  types?: Record<string, string>;
  rowCount?: number;
  rows?: Array<Record<string, unknown>>;
  isDict?: boolean;
  note?: string;
}

/**
 * Reads dataset columns from outside the script (files, Hugging Face cache).
 * Must answer synchronously from what is already cached: the diagnostics path never waits for disk.
 */
export interface DataSourceProvider {
  lookup(call: import('../facts/types').CallFact, facts: import('../facts/types').FileFacts): ExternalColumns | undefined;
}

export function hasColumn(state: DatasetState | undefined, name: string): boolean | undefined {
  if (!state?.columns) return undefined;
  return state.columns.includes(name);
}
