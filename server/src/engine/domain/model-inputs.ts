/**
 * What a transformers `Trainer` keeps of a dataset before collating. With `remove_unused_columns=True` (the
 * default) it drops every column that is not an argument of `model.forward` or a label name
 * (transformers `trainer.py`, `_set_signature_columns_if_needed` / `_remove_unused_columns`), and raises
 * `ValueError: No columns in the dataset match the model's forward method signature` when none is left.
 * Used by TL007 (a collator reading a dropped column) and TL002 (a dataset the Trainer was given untokenized).
 */
import type { FileFacts } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { traceModel, trainerModelArg } from './models';
import type { CallFact } from '../facts/types';
import { fromCommandLine } from './training-args';
import { trainerArg, type TrainerFact } from './trainers';

/** Columns the Trainer keeps: the forward arguments and label names of the model classes in KNOWN_FORWARD. */
export const MODEL_INPUTS: ReadonlySet<string> = new Set(['input_ids', 'attention_mask', 'token_type_ids', 'position_ids', 'inputs_embeds', 'labels',
  'label', 'label_ids', 'pixel_values', 'pixel_attention_mask', 'image_grid_thw', 'image_sizes', 'decoder_input_ids',
  'decoder_attention_mask', 'head_mask', 'past_key_values', 'use_cache', 'cache_position', 'special_tokens_mask',
  'completion_mask', 'assistant_masks', 'seq_lengths', 'input_values', 'input_features', 'start_positions', 'end_positions']);

/**
 * Model classes whose `forward` takes only inputs from MODEL_INPUTS (text LMs, classifiers, the vision-language
 * `…ForConditionalGeneration` classes). A task class outside these (`SpeechT5ForTextToSpeech` takes
 * `speaker_embeddings`, a custom `nn.Module`) has a forward trainlint does not know.
 */
export const KNOWN_FORWARD = /^(AutoModel(For[A-Za-z0-9]+)?|[A-Za-z0-9]+For(CausalLM|Seq2SeqLM|SequenceClassification|TokenClassification|QuestionAnswering|MaskedLM|ConditionalGeneration|ImageTextToText|Vision2Seq)|Fast(Language|Vision)?Model)$/;

/** The class the trainer's model is loaded with (traced through PEFT's wrap), when the script shows it. */
export function trainerModelClass(facts: FileFacts, byNode: Map<number, CallFact>, t: TrainerFact): string | undefined {
  return traceModel(facts, byNode, trainerModelArg(t.call)?.value).load?.cls;
}

/**
 * How `remove_unused_columns` is set for this trainer: `true` (given as True, or left at its default in a
 * config the script builds, or no `args=` at all), `false` (given as False, or set on the arguments object
 * later), `'command line'` (the arguments are parsed from the command line and the script does not set
 * it), or `undefined` (the config is not in sight, or the value is not a literal).
 */
export function removesUnusedColumns(facts: FileFacts, t: TrainerFact): boolean | 'command line' | undefined {
  const given = trainerArg(t, 'remove_unused_columns');
  if (given) return evaluateBool(facts, given.value);
  const argsNode = t.call.keywords.get('args')?.value;
  if (argsNode && facts.assignments.some((a) => a.target === `${argsNode.text}.remove_unused_columns`)) return false;
  if (t.config) return t.config.hasSplat ? undefined : true;
  if (!argsNode) return t.call.hasSplat ? undefined : true;
  return fromCommandLine(facts, argsNode) ? 'command line' : undefined;
}
