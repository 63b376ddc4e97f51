/** When training starts: the trainer's `.train()` call, or its construction when there is none. */
import type { FileFacts } from '../facts/types';
import type { TrainerFact } from './trainers';

/** Source offset at which `t` trains (its first `trainer.train()` call, else the trainer call's end). */
export function trainingStartOffset(facts: FileFacts, t: TrainerFact): number {
  const train = t.variable
    ? facts.calls.find((c) => c.method === 'train' && c.receiver?.text === t.variable && c.node.startIndex > t.call.node.startIndex)
    : undefined;
  return train ? train.node.startIndex : t.call.node.endIndex;
}
