/**
 * Column types after a step that recasts them (huggingface/datasets `arrow_dataset.py` 5.0.1): `class_encode_column(c)`
 * makes `c` a ClassLabel of its sorted values, `cast_column(c, feature)` gives `c` the feature's type, `cast(features)`
 * every column its feature. The source's types no longer hold there: a ClassLabel's names are not known here, nor is
 * a feature the script builds.
 */
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateString } from '../facts/values';
import type { DatasetState } from './state';

export function typesAfter(facts: FileFacts, base: DatasetState, call: CallFact, name: string): DatasetState['types'] {
  const types = base.types;
  if (!types) return types;
  if (name === 'cast' || name === 'flatten') return undefined;
  if (name !== 'class_encode_column' && name !== 'cast_column') return types;
  const column = evaluateString(facts, (call.positional[0] ?? call.keywords.get('column'))?.value);
  if (column === undefined) return undefined;
  const { [column]: _old, ...rest } = types;
  return name === 'class_encode_column' ? { ...rest, [column]: 'class_label' } : rest;
}
