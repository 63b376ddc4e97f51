/**
 * What a transformers `Trainer` keeps of a dataset before collating. With `remove_unused_columns=True` (the
 * default) it drops every column that is not an argument of `model.forward` or a label name
 * (transformers `trainer.py`, `_set_signature_columns_if_needed` / `_remove_unused_columns`), and raises
 * `ValueError: No columns in the dataset match the model's forward method signature` when none is left.
 * Used by TL007 (a collator reading a dropped column) and TL002 (a dataset the Trainer was given untokenized).
 */
import { describeColumns } from '../dataset/columns';
import type { DatasetModel } from '../dataset/model';
import type { DatasetState } from '../dataset/state';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { trainerModelArg } from './models';
import { traceModel } from './model-trace';
import { argsExpression, fromCommandLine, lookupArg } from './training-args';
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
 * How `remove_unused_columns` is set for this trainer (`lookupArg`'s reading): `true` (given as True, or left at
 * its default where the whole config is in sight), `false` (given as False), `'command line'` (the arguments are
 * parsed from the command line and the script sets it nowhere), or `undefined` (it may be set where the script
 * does not show, or the value is not a literal).
 */
export function removesUnusedColumns(facts: FileFacts, t: TrainerFact): boolean | 'command line' | undefined {
  if (t.call.hasSplat) return undefined;
  const found = lookupArg(facts, t, 'remove_unused_columns');
  if (found.arg) return evaluateBool(facts, found.arg.value);
  if (!found.unknown) return true;
  // Arguments parsed from the command line keep the default unless it is passed there or set afterwards.
  const argsNode = argsExpression(t);
  if (t.config || !argsNode || !fromCommandLine(facts, argsNode)) return undefined;
  return facts.assignments.some((a) => a.target === `${argsNode.text}.remove_unused_columns`) ? undefined : 'command line';
}

/** What a plain Trainer given text rows needs of a script's analysis. */
export interface InputFacts {
  facts: FileFacts;
  callsByNode: Map<number, CallFact>;
  datasets: DatasetModel;
}

/** A plain Trainer given rows it cannot use: the dataset, and the model class whose forward takes none of its columns. */
export interface Untokenized {
  dataset: DatasetState;
  modelClass: string;
}

/**
 * The rows reach a plain `Trainer` (no `data_collator=`) as text: every known column is one the model's forward
 * does not take, so with `remove_unused_columns` at True the Trainer drops them all and raises before the first
 * step. Only for a model class whose forward arguments are known (a custom `nn.Module` may well take `text`).
 * TL002 reports it; the masking preview says it instead of rendering rows that never reach the model.
 */
export function untokenizedFor(a: InputFacts, t: TrainerFact): Untokenized | undefined {
  if (t.kind !== 'Trainer' || t.call.hasSplat || trainerArg(t, 'data_collator')) return undefined;
  if (removesUnusedColumns(a.facts, t) !== true) return undefined;
  const dataset = a.datasets.at(trainerArg(t, 'train_dataset')?.value);
  if (!dataset || dataset.isDict || !dataset.columns?.length || dataset.columns.some((c) => MODEL_INPUTS.has(c))) return undefined;
  // A streamed dataset has its columns removed per batch instead (the forward then gets no input): another error.
  const load = a.callsByNode.get(dataset.origin.id);
  const streaming = load?.keywords.get('streaming');
  if (streaming && evaluateBool(a.facts, streaming.value) !== false) return undefined;
  const modelClass = trainerModelClass(a.facts, a.callsByNode, t);
  return modelClass && KNOWN_FORWARD.test(modelClass) ? { dataset, modelClass } : undefined;
}

/** The finding, for TL002 and the preview. */
export function untokenizedMessage(u: Untokenized, trainer: string): string {
  const chat = u.dataset.columns!.some((c) => c === 'messages' || c === 'conversations');
  return `${trainer} does not tokenize: no column of its training dataset is an input of ${u.modelClass}'s forward (${describeColumns(u.dataset)}), so the Trainer drops them all (\`remove_unused_columns\` is True, its default) and stops before the first step with "ValueError: No columns in the dataset match the model's forward method signature". Tokenize the ${chat ? 'chat rows (apply the chat template)' : 'text'} in a map that returns input_ids and attention_mask, and pass \`data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False)\`; or train with TRL's SFTTrainer, which tokenizes the text itself.`;
}
