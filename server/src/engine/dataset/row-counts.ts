/**
 * How a step changes what the dataset model knows of the rows: their count (the training plan's optimizer steps) and
 * the first rows (previews, and rules that read a chat column's shape). huggingface/datasets `arrow_dataset.py` 5.0.1:
 * `take(n)` is `select(range(n))`, `skip(n)` is `select(range(n, len(self)))`; `filter`, `shard` and a batched `map`
 * change the count by what runs; `train_test_split` gives each split its own; `map` writes new values into the
 * columns its function returns, so the source rows no longer hold them.
 */
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate, type PyValue } from '../facts/values';
import type { DatasetState } from './state';

/** Steps that keep every row, in order or not. */
const SAME_ROWS = new Set(['shuffle', 'sort', 'flatten_indices', 'with_format', 'set_format', 'cast', 'cast_column', 'class_encode_column',
  'to_iterable_dataset', 'rename_column', 'rename_columns', 'remove_columns', 'select_columns', 'add_column', 'flatten',
  'standardize_sharegpt', 'standardize_data_formats']);

function literalCount(facts: FileFacts, call: CallFact, keyword: string): number | undefined {
  const v = evaluate(facts, (call.positional[0] ?? call.keywords.get(keyword))?.value ?? call.node);
  return v.kind === 'num' && Number.isInteger(v.value) && v.value >= 0 ? v.value : undefined;
}

/** `select(range(n))`, `select(range(a, b))`, `select([i, j, …])`: how many rows, when the script spells it out. */
function selectedCount(facts: FileFacts, call: CallFact, before: number | undefined): number | undefined {
  const arg = (call.positional[0] ?? call.keywords.get('indices'))?.value;
  if (!arg) return undefined;
  if (arg.type === 'call' && arg.childForFieldName('function')?.text === 'range') {
    const bounds = (arg.childForFieldName('arguments')?.namedChildren ?? []).map((n) => (n ? evaluate(facts, n) : undefined));
    if (bounds.length < 1 || bounds.length > 2 || bounds.some((b) => b?.kind !== 'num')) return undefined;
    const [a, b] = bounds.length === 1 ? [0, (bounds[0] as { value: number }).value] : bounds.map((x) => (x as { value: number }).value);
    const n = Math.max(0, b - a);
    return before === undefined ? n : Math.min(n, before);
  }
  const v = evaluate(facts, arg);
  return v.kind === 'list' ? v.items.length : undefined;
}

/** The row count after the step `name` (a `datasets` method) on `base`. */
export function rowCountAfter(facts: FileFacts, base: DatasetState, call: CallFact, name: string): number | undefined {
  const n = base.rowCount;
  if (SAME_ROWS.has(name)) return n;
  if (name === 'select') return selectedCount(facts, call, n);
  if (name === 'take') { const k = literalCount(facts, call, 'n'); return k === undefined || n === undefined ? undefined : Math.min(k, n); }
  if (name === 'skip') { const k = literalCount(facts, call, 'n'); return k === undefined || n === undefined ? undefined : Math.max(0, n - k); }
  if (name === 'map') {
    const batched = call.keywords.get('batched');
    return !batched || (evaluate(facts, batched.value).kind === 'bool' && !(evaluate(facts, batched.value) as { value: boolean }).value) ? n : undefined;
  }
  return undefined; // filter, shard, repeat, train_test_split, and any other
}

/**
 * The count a DatasetDict's split has: the data layer counts "train" (else the first split) for a DatasetDict, so another
 * split's is not known.
 */
export function splitRowCount(dict: DatasetState, split: string): number | undefined {
  if (split === 'train' || (dict.splits && !dict.splits.includes('train') && dict.splits[0] === split)) return dict.rowCount;
  return undefined;
}

/** Source rows without the columns a map rewrote: their values there are the function's, not known here. */
export function rowsWithout(rows: DatasetState['rows'], written: readonly string[]): DatasetState['rows'] {
  if (!rows || written.length === 0) return rows;
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !written.includes(k))));
}

/** A literal's value as the rows of `Dataset.from_dict/from_list` hold it. */
export function pyToJs(v: PyValue): unknown {
  switch (v.kind) {
    case 'str': case 'num': case 'bool': return v.value;
    case 'none': return null;
    case 'list': case 'tuple': return v.items.map(pyToJs);
    case 'dict': return Object.fromEntries(v.entries.map(([k, x]) => [k, pyToJs(x)]));
    default: return undefined;
  }
}
