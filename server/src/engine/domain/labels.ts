/** Where `labels` come from: the dataset, something that writes them later, or the trainer itself. */
import type { DatasetState } from '../dataset/state';
import { isQualified } from '../facts/imports';
import type { CallFact, FileFacts } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { evaluateBool } from '../facts/values';
import { trainerArg, type TrainerFact } from './trainers';

export const LABEL_COLUMNS = ['labels', 'label', 'label_ids'];

/** true / false when the columns are known, undefined when unknown. */
export function datasetHasLabels(state: DatasetState | undefined): boolean | undefined {
  if (!state?.columns) return undefined;
  return state.columns.some((c) => LABEL_COLUMNS.includes(c));
}

/** A later call that writes labels for this trainer: Unsloth's `train_on_responses_only(trainer, …)`. */
export function labelsWrittenLater(facts: FileFacts, t: TrainerFact): boolean {
  return callsWhere(facts, isTrainOnResponsesOnlyCall)
    .some((c) => isUnslothResponsesOnly(facts, c) && (!t.variable || !c.positional[0] || c.positional[0].value.text === t.variable));
}

function isTrainOnResponsesOnlyCall(c: CallFact): boolean {
  return isQualified(c.qualified, ['unsloth', 'unsloth_zoo'], 'train_on_responses_only') || c.calleeText === 'train_on_responses_only';
}

/**
 * A call of Unsloth's `train_on_responses_only`: imported from `unsloth`/`unsloth_zoo`, or a bare name the script neither
 * defines nor imports from elsewhere (a notebook whose import cell is missing, a star import). A script's own
 * `def train_on_responses_only(tokenizer, input_ids)` (beacoder/llm `finetune/ray/sft_conversation_training.py`, a
 * collate helper that masks labels itself) or one imported from the script's project is not Unsloth's.
 */
export function isUnslothResponsesOnly(facts: FileFacts, c: CallFact): boolean {
  if (isQualified(c.qualified, ['unsloth', 'unsloth_zoo'], 'train_on_responses_only')) return true;
  if (c.calleeText !== 'train_on_responses_only') return false;
  if (facts.functions.has('train_on_responses_only')) return false;
  return !facts.imports.some((i) => i.local === 'train_on_responses_only' && !/^unsloth(_zoo)?(\.|$)/.test(i.module));
}

/** `completion_only_loss=True` / `assistant_only_loss=True` in the trainer's config. */
export function lossMaskingEnabled(facts: FileFacts, t: TrainerFact): boolean {
  return ['completion_only_loss', 'assistant_only_loss'].some((k) => evaluateBool(facts, trainerArg(t, k)?.value) === true);
}

/**
 * Columns other than labels from which transformers models compute a loss: question answering
 * (`start_positions`/`end_positions`), multiple-choice heads (`mc_labels`), NSP (`next_sentence_label`),
 * CLIP-style contrastive models (`return_loss`).
 */
export const OTHER_LOSS_COLUMNS = ['start_positions', 'end_positions', 'mc_labels', 'next_sentence_label', 'return_loss'];

/** The dataset feeds the model something it computes a loss from; undefined when the columns are unknown. */
export function datasetHasLossInputs(state: DatasetState | undefined): boolean | undefined {
  if (!state?.columns) return undefined;
  return state.columns.some((c) => LABEL_COLUMNS.includes(c) || OTHER_LOSS_COLUMNS.includes(c));
}
