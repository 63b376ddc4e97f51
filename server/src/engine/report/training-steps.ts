/**
 * Optimizer steps per epoch from the script's literal training arguments, computed the way
 * transformers' Trainer does in `_inner_training_loop` (transformers/src/transformers/trainer.py):
 * batches per epoch = ceil(rows / per_device_train_batch_size) (no `dataloader_drop_last`),
 * update steps per epoch = max(ceil(batches / gradient_accumulation_steps), 1),
 * total = max_steps when > 0, else ceil(num_train_epochs × steps per epoch).
 * Values not written in the script take TrainingArguments' defaults (8, 1, 3.0, -1), said so;
 * a value written but not a literal makes the estimate unknown, said why.
 */
import { trainerArg } from '../domain/trainers';
import { evaluateBool, evaluateNumber } from '../facts/values';
import type { Analysis } from '../lint/analysis';
import type { TrainerPlan } from '../masking/script-plan';
import type { StepsEstimate } from './types';

interface Arg { value?: number; note: string }

function arg(a: Analysis, tp: TrainerPlan, name: string, dflt: number): Arg {
  const node = trainerArg(tp.trainer, name)?.value;
  if (!node) return { value: dflt, note: `${name} not set: default ${dflt}` };
  const v = evaluateNumber(a.facts, node);
  return v === undefined ? { note: `${name}=${node.text} is not a literal` } : { value: v, note: `${name}=${v}` };
}

/** The parts of the estimate that do not depend on the row count. */
export function stepInputs(a: Analysis, tp: TrainerPlan): { batch: Arg; accumulation: Arg; epochs: Arg; maxSteps: Arg; dropLast: boolean; notes: string[] } {
  const notes: string[] = [];
  const dropLast = evaluateBool(a.facts, trainerArg(tp.trainer, 'dataloader_drop_last')?.value) === true;
  if (tp.packing) notes.push('packing=True: rows are packed into sequences of max_length, so steps follow the packed sequence count, not the rows');
  if (tp.packing === undefined && trainerArg(tp.trainer, 'packing')) notes.push('packing is not a literal: steps assume no packing');
  return {
    batch: arg(a, tp, 'per_device_train_batch_size', 8),
    accumulation: arg(a, tp, 'gradient_accumulation_steps', 1),
    epochs: arg(a, tp, 'num_train_epochs', 3),
    maxSteps: arg(a, tp, 'max_steps', -1),
    dropLast,
    notes,
  };
}

export function stepsEstimate(inputs: ReturnType<typeof stepInputs>, rows: number): StepsEstimate {
  const { batch, accumulation, epochs, maxSteps, dropLast } = inputs;
  const notes = [batch.note, accumulation.note, epochs.note, maxSteps.note, ...inputs.notes, 'per device: with N GPUs each step takes N × the batch, so divide by N'];
  const out: StepsEstimate = { batchSize: batch.value, gradientAccumulation: accumulation.value, epochs: epochs.value, maxSteps: maxSteps.value, notes };
  if (inputs.notes.some((n) => n.startsWith('packing=True'))) return out;
  if (batch.value === undefined || accumulation.value === undefined || !(batch.value >= 1) || !(accumulation.value >= 1)) return out;
  const batches = dropLast ? Math.floor(rows / batch.value) : Math.ceil(rows / batch.value);
  out.stepsPerEpoch = Math.max(Math.ceil(batches / accumulation.value), 1);
  if (maxSteps.value !== undefined && maxSteps.value > 0) out.totalSteps = maxSteps.value;
  else if (epochs.value !== undefined) out.totalSteps = Math.ceil(epochs.value * out.stepsPerEpoch);
  return out;
}
