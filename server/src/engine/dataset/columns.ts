/**
 * Questions about a dataset's columns, answered yes / no / unknown. A dataset's columns are
 * known (a literal, a local file, the cache), partly known (an unknown base plus what the
 * script provably added, removed or renamed: `DatasetState.known`), or unknown. A rule asks
 * "is there a `labels` column?" and gets `true`, `false`, or `undefined` with the base whose
 * contents the answer would depend on, so its message can name the assumption.
 */
import type { Node } from 'web-tree-sitter';
import type { FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import { columnsPhrase, type DatasetState, type PartialColumns } from './state';

export interface ColumnAnswer {
  /** true / false when the script proves it; undefined when it depends on the unknown base. */
  has: boolean | undefined;
  /** The unknown base the answer depends on ("yahma/alpaca-cleaned"), when `has` is undefined and a base is known. */
  unlessBase?: string;
}

/** Does the dataset have any of these columns? */
export function hasAnyColumn(state: DatasetState | undefined, names: readonly string[]): ColumnAnswer {
  if (!state) return { has: undefined };
  if (state.columns) return { has: state.columns.some((c) => names.includes(c)) };
  const k = state.known;
  if (!k) return { has: undefined };
  if (k.present.some((c) => names.includes(c))) return { has: true };
  if (names.every((c) => k.absent.includes(c))) return { has: false };
  // After a step that could have written the column, the answer does not hang on the base alone.
  if (k.unknownStep) return { has: undefined };
  return { has: undefined, unlessBase: k.base };
}

export function hasColumnNamed(state: DatasetState | undefined, name: string): ColumnAnswer {
  return hasAnyColumn(state, [name]);
}

/** Columns certainly present: all of them when known, else those the script added. */
export function presentColumns(state: DatasetState | undefined): string[] {
  return state?.columns ?? state?.known?.present ?? [];
}

/** For messages: "columns: text, input_ids" or "columns: input_ids, attention_mask added to those of yahma/alpaca-cleaned". */
export function describeColumns(state: DatasetState): string {
  if (state.columns) return columnsPhrase(state);
  const k = state.known;
  if (!k) return 'columns unknown';
  const parts: string[] = [];
  if (k.present.length) parts.push(`${k.present.join(', ')} added to the columns of ${k.base}`);
  else parts.push(`the columns of ${k.base}`);
  if (k.absent.length) parts.push(`without ${k.absent.join(', ')}`);
  return `columns: ${parts.join(', ')}`;
}

export function withAdded(k: PartialColumns, cols: readonly string[]): PartialColumns {
  return { ...k, present: [...new Set([...k.present, ...cols])], absent: k.absent.filter((c) => !cols.includes(c)) };
}

export function withRemoved(k: PartialColumns, cols: readonly string[]): PartialColumns {
  return { ...k, present: k.present.filter((c) => !cols.includes(c)), absent: [...new Set([...k.absent, ...cols])] };
}

/** `rename_column(s)`: datasets raises when a source column is missing, so each source existed and each target exists after. */
export function withRenamed(k: PartialColumns, pairs: ReadonlyArray<readonly [string, string]>): PartialColumns {
  let out = k;
  for (const [from, to] of pairs) out = withAdded(withRemoved(out, [from]), [to]);
  return out;
}

/**
 * The columns of `Dataset.from_list([{"text": l["text"]} for l in lines])`: a list comprehension whose every row is
 * one dict display with literal string keys (the keys the rows hold, whatever `lines` is). Undefined for anything
 * else (a `**` in the dict, a computed key, a row that is not a dict display).
 */
export function comprehensionRowKeys(facts: FileFacts, node: Node): string[] | undefined {
  if (node.type !== 'list_comprehension') return undefined;
  const body = node.childForFieldName('body');
  if (body?.type !== 'dictionary') return undefined;
  const keys: string[] = [];
  for (const pair of body.namedChildren) {
    if (pair?.type === 'comment') continue;
    if (pair?.type !== 'pair') return undefined;
    const key = evaluateString(facts, pair.childForFieldName('key') ?? undefined);
    if (key === undefined) return undefined;
    if (!keys.includes(key)) keys.push(key);
  }
  return keys.length ? keys : undefined;
}
