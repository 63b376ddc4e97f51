/**
 * A dataset that is provably an `IterableDataset`: it has no length, so a trainer needs `max_steps` to know when to stop
 * (TL119), and `num_train_epochs` cannot count its steps (TL301 does not ask to drop `max_steps` then).
 */
import type { Node } from 'web-tree-sitter';
import type { DatasetState } from '../dataset/state';
import { evaluateBool } from '../facts/values';
import type { RuleContext } from '../rules/context';

/** Where the dataset became an IterableDataset: `load_dataset(…, streaming=True)` or `.to_iterable_dataset()`. */
export function streamOrigin(ctx: RuleContext, ds: DatasetState): { node: Node; label: string } | undefined {
  const step = ds.steps.find((s) => s.label.startsWith('to_iterable_dataset'));
  if (step) return { node: step.node, label: '`.to_iterable_dataset()`' };
  const origin = ctx.callAt(ds.origin);
  if (origin?.method !== 'load_dataset' && origin?.calleeText !== 'load_dataset') return undefined;
  const streaming = origin.keywords.get('streaming');
  return streaming && evaluateBool(ctx.facts, streaming.value) === true ? { node: streaming.node, label: '`streaming=True`' } : undefined;
}
