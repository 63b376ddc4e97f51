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

/** Methods that run a trainer's loop (training or evaluation). */
const RUNS = new Set(['train', 'evaluate', 'predict', 'hyperparameter_search']);

/**
 * Whether the script provably never trains or evaluates `t`: it is assigned to a plain name, and every other mention of
 * that name (outside comments) reads an attribute other than `train`/`evaluate`/`predict`/`hyperparameter_search`
 * (`trainer.push_to_hub()`, `trainer.save_model()`). A name passed on, returned, reassigned or re-bound by a helper
 * (`trainer = train_on_responses_only(trainer)`) may be run elsewhere: not proven.
 */
export function trainerNeverRuns(text: string, t: TrainerFact): boolean {
  const name = t.variable;
  if (!name || !/^[A-Za-z_]\w*$/.test(name)) return false;
  const re = new RegExp(String.raw`(?<![\w.])${name}\b`, 'g');
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    const lineStart = text.lastIndexOf('\n', at - 1) + 1;
    if (text.slice(lineStart, at).includes('#')) continue;
    const after = text.slice(at + name.length);
    // The assignment of the trainer call itself.
    if (at < t.call.node.startIndex && /^\s*=(?!=)/.test(after) && text.slice(at + name.length, t.call.node.startIndex).trim() === '=') continue;
    const attr = /^\s*\.\s*([A-Za-z_]\w*)/.exec(after);
    if (!attr || RUNS.has(attr[1])) return false;
  }
  return true;
}
