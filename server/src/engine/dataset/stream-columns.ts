/**
 * What `ds.column_names` is for a dataset that may be an IterableDataset (`load_dataset(…, streaming=True)`,
 * `.to_iterable_dataset()`). `IterableDataset.column_names` is None when its features are unknown, and
 * `IterableDataset.map` sets the features to its `features=` argument (None unless given: huggingface/datasets
 * `iterable_dataset.py`, `info.features = features`, 2.14.0 to 5.0.1). `remove_columns=None` removes nothing, so
 * `ds.map(f, remove_columns=ds.column_names)` after a map keeps every column. A stream read from files may have no
 * features either (its `column_names` is then None), a Hub dataset's card may give them: not known here.
 */
import type { Node } from 'web-tree-sitter';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate } from '../facts/values';
import type { DatasetState } from './state';

/**
 * `none`: provably None (a stream mapped without `features=`); `maybe`: the dataset may be a stream whose features are
 * not known; undefined: a map-style Dataset, or a stream made by `.to_iterable_dataset()` (features kept) not mapped since.
 */
export function streamColumnNames(state: DatasetState | undefined, callAt: (node: Node) => CallFact | undefined, facts: FileFacts): 'none' | 'maybe' | undefined {
  if (!state) return undefined;
  const madeIterable = state.steps.findIndex((st) => st.label === 'to_iterable_dataset');
  let certain: boolean;
  if (madeIterable >= 0) certain = true;
  else {
    const origin = callAt(state.origin);
    const name = origin && (origin.method ?? origin.calleeText.split('.').pop());
    if (!origin || name !== 'load_dataset') return undefined;
    const streaming = origin.keywords.get('streaming');
    if (!streaming) return undefined;
    const v = evaluate(facts, streaming.value);
    if (v.kind === 'bool' && !v.value) return undefined;
    certain = v.kind === 'bool';
  }
  const mappedSince = state.steps.slice(madeIterable + 1).some((st) => st.label.startsWith('map(') && !callAt(st.node)?.keywords.has('features'));
  if (certain && mappedSince) return 'none';
  if (madeIterable >= 0 && !mappedSince) return undefined;
  return 'maybe';
}
