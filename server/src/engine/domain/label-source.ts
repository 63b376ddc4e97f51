/**
 * Can token-id `labels` reach this trainer's loss? One answer for the labels rules (TL001, TL002)
 * and the masking preview, from what the script and the trainer provably do:
 * - the script's own maps (a tokenizer call gives `input_ids`/`attention_mask`, never `labels`;
 *   dict literals; `remove_columns`; renames) — see dataset/columns.ts;
 * - the trainer's own dataset preparation, per library and version: SFTTrainer before TRL 1.7 and
 *   Unsloth's replacement (unsloth-zoo `sft_prepare_dataset`) tokenize the text into `input_ids`
 *   (+ `attention_mask`) and never create `labels`; TRL ≥ 1.7 builds them (PR #6037);
 * - the collator: padding-only collators never create labels; Unsloth ≥ 2025.3.10 swaps a
 *   `DataCollatorForSeq2Seq` for `DataCollatorForLanguageModeling` when the dataset has no
 *   `labels` column (unsloth/models/rl.py).
 * Sources and commits are cited in TL001's docs.
 */
import { KeptKey } from '../syntax/kept-with';
import type { Node } from 'web-tree-sitter';
import { describeColumns, hasAnyColumn, hasColumnNamed } from '../dataset/columns';
import type { DatasetState } from '../dataset/state';
import type { Environment, GateResult, VersionRange } from '../env/versions';
import { describeVersion, unknownNote } from '../env/versions';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import type { DatasetModel } from '../dataset/model';
import type { UnslothInfo } from './unsloth';
import { evaluateString } from '../facts/values';
import { LABEL_COLUMNS, OTHER_LOSS_COLUMNS, labelsWrittenLater, lossMaskingEnabled } from './labels';
import { traceModel } from './model-trace';
import { preparationSkipped } from './training-args';
import { callName, callOf, isLibraryCall, isSftLike, isTrainer, trainerArg, type TrainerFact } from './trainers';

/** What the labels verdict needs of a script's analysis (lint/analysis.ts gives it). */
export interface LabelFacts {
  facts: FileFacts;
  callsByNode: Map<number, CallFact>;
  datasets: DatasetModel;
  unsloth: UnslothInfo;
  env: Environment;
}

/** Collators that pad what exists and never create `labels`. */
export const PADDING_ONLY = ['DataCollatorForSeq2Seq', 'DataCollatorWithPadding', 'default_data_collator', 'DefaultDataCollator'];

/** A model class for a task head other than causal LM (`…ForSequenceClassification`, `…ForQuestionAnswering`…). */
const NON_CAUSAL_HEAD = /For(?!CausalLM$)[A-Za-z]+$/;

export interface Gate { pkg: string; range: VersionRange; result: GateResult }

export interface NoLabels {
  /** The collator that runs: `DataCollatorForSeq2Seq`, or the Trainer's default. */
  collator: string;
  /** The `data_collator=` argument, when the script passes one. */
  collatorArg?: ArgFact;
  collatorCall?: CallFact;
  dataset: DatasetState;
  /** Who tokenizes the rows: the script's own map, or the trainer's dataset preparation. */
  tokenizedBy: 'script' | 'TRL' | 'Unsloth';
  /** The text column the trainer tokenizes (`dataset_text_field`), or "formatting_func". */
  textSource?: string;
  /** When the verdict depends on an unknown base dataset: its name ("unless … already holds token-id labels"). */
  unlessBase?: string;
  /** Version ranges the failure needs (each is affected or unknown; none unaffected). */
  gates: Gate[];
  /** A task-head model class (`…ForSequenceClassification`) that needs a "labels"/"label" column instead. */
  headClass?: string;
  /**
   * The dataset has a label column, but of one class id (or number) per row, which the collator passes to a causal LM
   * as its "labels" (imdb's `label`): the loss needs a token id per position and fails on the shapes.
   */
  classIds?: { column: string; type: string; model: string };
  /** The trainer's model is loaded where the script shows it (not a function parameter or an unknown call). */
  modelKnown?: boolean;
  /** What to do, one sentence. */
  fix: string;
}

export const NO_LOSS_ERROR = 'ValueError: The model did not return a loss from the inputs';
/** torch's cross-entropy on [batch × length, vocab] logits against [batch] targets. */
export const CLASS_IDS_ERROR = 'ValueError: Expected input batch_size (…) to match target batch_size (…)';

/** The script's own literal `skip_prepare_dataset` (kwargs it cannot see count as not skipping here, as before). */
function skipsPreparation(a: LabelFacts, t: TrainerFact): boolean {
  return preparationSkipped(a.facts, t) === true;
}

/** The collator the trainer uses when it is padding-only, else undefined (it creates labels, or it is unknown). */
function paddingCollator(a: LabelFacts, t: TrainerFact): { name: string; arg?: ArgFact; call?: CallFact } | undefined {
  const arg = trainerArg(t, 'data_collator');
  if (!arg) {
    // Without data_collator=, SFTTrainer's own collator builds labels; transformers' Trainer pads only.
    if (!isTrainer(t, ['Trainer'], ['transformers'])) return undefined;
    if (t.call.hasSplat || t.call.keywords.has('compute_loss_func') || trainerArg(t, 'label_names') || t.config?.hasSplat) return undefined;
    const tok = t.call.keywords.get('processing_class') ?? t.call.keywords.get('tokenizer');
    return { name: tok ? 'DataCollatorWithPadding' : 'default_data_collator' };
  }
  const call = callOf(a.facts, a.callsByNode, arg.value);
  const name = call
    ? (isLibraryCall(call, PADDING_ONLY, ['transformers']) ? callName(call) : undefined)
    : (/^(transformers\.)?default_data_collator$/.test(arg.value.text) ? 'default_data_collator' : undefined);
  return name ? { name, arg, call } : undefined;
}

function gate(a: LabelFacts, pkg: string, range: VersionRange): Gate {
  return { pkg, range, result: a.env.gate(pkg, range) };
}

const verdicts = new KeptKey<WeakMap<TrainerFact, { n?: NoLabels }>>();

/** Why no labels reach this trainer's loss, or undefined when they may (or the script does not tell). Once per analysis and trainer. */
export function noLabelsFor(a: LabelFacts, t: TrainerFact): NoLabels | undefined {
  let byTrainer = verdicts.get(a);
  if (!byTrainer) verdicts.set(a, (byTrainer = new WeakMap()));
  let v = byTrainer.get(t);
  if (!v) byTrainer.set(t, (v = { n: computeNoLabels(a, t) }));
  return v.n;
}

/**
 * TRL trainers whose loss needs no "labels" column: preference and reward losses read chosen/rejected ids, GRPO and
 * PPO score the completions they generate (PPOTrainer's batches are prompts: `queries = data["input_ids"]`,
 * huggingface/trl v0.12.0 `trl/trainer/ppo_trainer.py`).
 */
const LABEL_FREE_TRAINERS = ['DPOTrainer', 'ORPOTrainer', 'KTOTrainer', 'CPOTrainer', 'RewardTrainer', 'GRPOTrainer', 'PPOTrainer'];

/** A TRL trainer whose loss never reads a collator's "labels" (`LABEL_FREE_TRAINERS`), its subclasses included. */
export function isLabelFreeTrainer(t: TrainerFact): boolean {
  return isTrainer(t, LABEL_FREE_TRAINERS, ['trl']);
}

function computeNoLabels(a: LabelFacts, t: TrainerFact): NoLabels | undefined {
  if (isLabelFreeTrainer(t)) return undefined;
  const collator = paddingCollator(a, t);
  if (!collator) return undefined;
  if (labelsWrittenLater(a.facts, t) || lossMaskingEnabled(a.facts, t)) return undefined;
  const dataset = a.datasets.at(trainerArg(t, 'train_dataset')?.value);
  if (!dataset || dataset.isDict) return undefined;
  const lossCols = hasAnyColumn(dataset, [...LABEL_COLUMNS, ...OTHER_LOSS_COLUMNS]);
  if (lossCols.has === true) return classIdLabels(a, t, collator, dataset);
  const ids = hasColumnNamed(dataset, 'input_ids');
  const unsloth = a.unsloth.patches && isSftLike(t);
  const gates: Gate[] = [];
  // Unsloth ≥ 2025.3.10 replaces DataCollatorForSeq2Seq by DataCollatorForLanguageModeling when "labels" is missing.
  if (unsloth && collator.name === 'DataCollatorForSeq2Seq') gates.push(gate(a, 'unsloth', { before: '2025.3.10' }));

  let tokenizedBy: NoLabels['tokenizedBy'] = 'script';
  let textSource: string | undefined;
  let unlessBase: string | undefined;
  if (isSftLike(t) && !skipsPreparation(a, t) && ids.has !== true) {
    // The trainer prepares the dataset: it tokenizes text it finds (or the script provably builds).
    const formatting = trainerArg(t, 'formatting_func');
    const named = evaluateString(a.facts, trainerArg(t, 'dataset_text_field')?.value);
    const field = named ?? 'text';
    let textInput = formatting ? true : hasAnyColumn(dataset, [field, 'messages', 'conversations', 'prompt']).has;
    // `dataset_text_field=` names the column the script trains on, of a base whose columns are unknown (a Hub dataset
    // neither cached nor in the table): the trainer tokenizes it into input_ids and attention_mask. Only a base that
    // already holds "labels" escapes (TRL < 1.7 `_prepare_dataset` and unsloth-zoo's `sft_prepare_dataset` keep a
    // dataset with input_ids as it is), so the finding names that assumption and stays information.
    if (textInput === undefined && named !== undefined && ids.has === undefined && lossCols.has === undefined && lossCols.unlessBase) {
      textInput = true;
      unlessBase = lossCols.unlessBase;
    }
    if (ids.has !== false && textInput !== true) return undefined;
    tokenizedBy = unsloth ? 'Unsloth' : 'TRL';
    textSource = formatting ? 'formatting_func' : field;
    if (!unsloth) gates.push(gate(a, 'trl', { before: '1.7' }));
  } else {
    // The script tokenizes: its map proves input_ids (or, with an explicit collator, the columns are all known).
    if (ids.has !== true && (lossCols.has !== false || !collator.arg)) return undefined;
    if (lossCols.has === undefined) unlessBase = lossCols.unlessBase;
    if (isSftLike(t) && !unsloth && !skipsPreparation(a, t)) gates.push(gate(a, 'trl', { before: '1.7' }));
  }
  if (lossCols.has === undefined && !unlessBase && tokenizedBy === 'script') return undefined;
  if (gates.some((g) => g.result === 'unaffected')) return undefined;

  const headClass = modelHead(a, t);
  // A task head reads the class id the raw dataset carries ("label", renamed to "labels" by the collator):
  // with the base columns unknown, nothing shows the script lost it.
  if (headClass && unlessBase) return undefined;
  return {
    collator: collator.name, collatorArg: collator.arg, collatorCall: collator.call, dataset, tokenizedBy, textSource, unlessBase, gates,
    headClass, modelKnown: modelLoaded(a, t), fix: fixFor(a, t, collator, headClass),
  };
}

/** Collators that hand a row's "label" / "label_ids" (or "labels") to the model as "labels", as they are. */
const PASSES_LABEL_AS_IS = ['default_data_collator', 'DefaultDataCollator', 'DataCollatorWithPadding'];
/** A column type of one value per row (the data layer's spelling: `class_label[neg, pos]`, `int64`, `float32`). */
const SCALAR_TYPE = /^(class_label|u?int\d*|float\d*|bool)\b/;
/** Model classes whose loss is the causal LM loss (shift, then cross-entropy over every position). */
const CAUSAL_LM = /(ForCausalLM|LMHeadModel)$|^FastLanguageModel$/;

/**
 * The training rows' only label column holds one class id per row (its type is known: a cache's features or the
 * table of known datasets, e.g. imdb's `label`, a ClassLabel) and the model is a causal LM. default_data_collator
 * and DataCollatorWithPadding pass it on as "labels" of shape [batch] (transformers `data/data_collator.py`,
 * `torch_default_data_collator`: `batch["labels"] = torch.tensor([f["label"] for f in features])`;
 * `DataCollatorWithPadding.__call__`: `batch["labels"] = batch["label"]`), the Trainer keeps "label" whatever the
 * forward takes (`_set_signature_columns_if_needed` adds "label", "label_ids"), and `ForCausalLMLoss` flattens
 * logits to [batch × length, vocab] against [batch] targets (`loss/loss_utils.py`): cross-entropy raises on the
 * shapes at the first step. Only the script's own tokenized rows with a plain Trainer; not a collator that pads
 * labels itself (DataCollatorForSeq2Seq fails differently), not SFT-style trainers.
 */
function classIdLabels(a: LabelFacts, t: TrainerFact, collator: { name: string; arg?: ArgFact; call?: CallFact }, dataset: DatasetState): NoLabels | undefined {
  if (!PASSES_LABEL_AS_IS.includes(collator.name) || isSftLike(t) || !dataset.columns) return undefined;
  const present = dataset.columns.filter((c) => LABEL_COLUMNS.includes(c) || OTHER_LOSS_COLUMNS.includes(c));
  if (present.length !== 1 || !LABEL_COLUMNS.includes(present[0]) || !dataset.columns.includes('input_ids')) return undefined;
  const column = present[0];
  const type = dataset.types?.[column];
  if (!type || !SCALAR_TYPE.test(type)) return undefined;
  const model = causalLmClass(a, t);
  if (!model) return undefined;
  return {
    collator: collator.name, collatorArg: collator.arg, collatorCall: collator.call, dataset, tokenizedBy: 'script', gates: [],
    classIds: { column, type, model },
    fix: `Remove "${column}" (list it in the map's remove_columns=) and pass \`data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False)\`, or build token-id "labels" in the map function.`,
  };
}

/** The causal LM class the trainer's model is loaded with (through PEFT's wrap), when known. */
function causalLmClass(a: LabelFacts, t: TrainerFact): string | undefined {
  const modelArg = t.call.keywords.get('model')?.value ?? t.call.positional[0]?.value;
  if (!modelArg || modelArg.type === 'none') return undefined;
  const direct = callOf(a.facts, a.callsByNode, modelArg);
  const cls = direct?.method === 'from_pretrained' && direct.receiver ? direct.receiver.text.split('.').pop()! : traceModel(a.facts, a.callsByNode, modelArg).load?.cls;
  return cls && CAUSAL_LM.test(cls) ? cls : undefined;
}

/**
 * Does the script show how the trainer's model is loaded? A model that is a parameter of the function building the
 * trainer (fxl271/turbo-broccoli `frontEnd/TrainApp.py`: `get_trainer(model, …)`, called with a
 * `…ForSequenceClassification`) may be a classifier, whose labels are class ids, not token ids.
 */
function modelLoaded(a: LabelFacts, t: TrainerFact): boolean {
  const modelArg = t.call.keywords.get('model')?.value ?? t.call.positional[0]?.value;
  if (modelArg && modelArg.type !== 'none') {
    return !!callOf(a.facts, a.callsByNode, modelArg) || !!traceModel(a.facts, a.callsByNode, modelArg).load;
  }
  return !!t.call.keywords.get('model_init');
}

function modelHead(a: LabelFacts, t: TrainerFact): string | undefined {
  const headOf = (model: CallFact | undefined): string | undefined => {
    const cls = model ? (model.method === 'from_pretrained' && model.receiver ? model.receiver.text.split('.').pop()! : callName(model)) : '';
    return NON_CAUSAL_HEAD.test(cls) ? cls : undefined;
  };
  const modelArg = t.call.keywords.get('model')?.value ?? t.call.positional[0]?.value;
  // `model=None` beside `model_init=` (the hyperparameter-search idiom) is no model: the class comes from model_init.
  if (modelArg && modelArg.type !== 'none') {
    // Through PEFT's wrap (`model = get_peft_model(model, cfg)`: ShawhinT's IMDb LoRA notebook) to the load.
    const load = traceModel(a.facts, a.callsByNode, modelArg).load;
    return headOf(callOf(a.facts, a.callsByNode, modelArg)) ?? (load && NON_CAUSAL_HEAD.test(load.cls) ? load.cls : undefined);
  }
  // model_init=make_model (or make_model(), as some notebooks write it): the class its returns load.
  const init = t.call.keywords.get('model_init')?.value;
  const name = init?.type === 'call' ? init.childForFieldName('function')?.text : init?.text;
  const fn = name ? a.facts.functions.get(name) : undefined;
  for (const r of fn?.returns ?? []) {
    const head = headOf(callOf(a.facts, a.callsByNode, r));
    if (head) return head;
  }
  return undefined;
}

function fixFor(a: LabelFacts, t: TrainerFact, collator: { name: string; arg?: ArgFact }, headClass: string | undefined): string {
  // A masked LM trains on the tokens its collator masks (DataCollatorForLanguageModeling, mlm=True by default, builds "labels").
  if (headClass && /ForMaskedLM$/.test(headClass)) return `${headClass} trains on masked tokens: pass \`data_collator=DataCollatorForLanguageModeling(tokenizer)\`, which masks 15% of the tokens and builds "labels".`;
  // A question-answering head's loss reads the answer span: BertForQuestionAnswering returns a loss only with both.
  if (headClass && /ForQuestionAnswering$/.test(headClass)) return `${headClass} trains on "start_positions" and "end_positions": compute them from the answers in the map function.`;
  if (headClass) return `${headClass} needs a "labels" (or "label") column: keep or add it in the map function.`;
  if (isSftLike(t) && collator.arg) {
    const tor = a.unsloth.imported ? ', or call `train_on_responses_only(trainer, …)` after creating the trainer to train on the responses only' : '';
    return `Remove \`data_collator=\` (SFTTrainer's default collator builds labels from the input ids)${tor}.`;
  }
  return 'Pass `data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False)` for a causal LM, or add "labels" in the map function.';
}

/** What happens, for messages: "Unsloth tokenizes the "text" column into input_ids and attention_mask, which has no labels". */
export function noLabelsWhat(n: NoLabels): string {
  if (n.classIds) {
    const c = n.classIds;
    return `the training dataset's only label column is "${c.column}" (${describeColumns(n.dataset)}), of type ${c.type}: one value per row, which ${n.collator} passes to the model as "labels", where ${c.model} needs a token id per position`;
  }
  const only = n.collator === 'default_data_collator' || n.collator === 'DefaultDataCollator' ? 'only stacks the columns it gets' : 'only pads labels that already exist';
  if (n.tokenizedBy !== 'script') {
    const src = `${n.textSource === 'formatting_func' ? 'the text of formatting_func' : `the "${n.textSource}" column`} (${describeColumns(n.dataset)})`;
    const unless = n.unlessBase ? ` (unless ${n.unlessBase} already holds token-id labels, which the trainer would keep)` : '';
    return `${n.tokenizedBy === 'Unsloth' ? "Unsloth's SFTTrainer" : 'SFTTrainer'} tokenizes ${src} into input_ids and attention_mask and creates no "labels"${unless}, and ${n.collator} ${only}`;
  }
  const base = !n.unlessBase ? ''
    : n.modelKnown !== false ? `; unless ${n.unlessBase} already holds token-id labels`
      : `; unless ${n.unlessBase} already holds labels: token ids for a language model, or the class ids of a "label" column if the model, which is not known here, is a classifier`;
  return `the training dataset has no "labels" column (${describeColumns(n.dataset)}${base}) and ${n.collator} ${only}`;
}

/** The version clauses for the gates, worded as RuleContext.version words them (same env, same gates). */
export function gateNotes(n: NoLabels, env: Environment): string {
  return n.gates.map((g) => {
    const display = DISPLAY[g.pkg] ?? g.pkg;
    const pv = env.get(g.pkg);
    if (g.result === 'unknown') return unknownNote(display, pv, g.range);
    return ` (${pv ? describeVersion(display, pv) : `${display} (version unknown)`})`;
  }).join('');
}

/** The node to point at: `data_collator=`, else the trainer's name. */
export function noLabelsNode(n: NoLabels, t: TrainerFact): Node {
  return n.collatorArg?.node ?? t.call.callee;
}

const DISPLAY: Record<string, string> = { trl: 'TRL', unsloth: 'Unsloth' };

/** The masking preview's first line for this verdict: no token trained, the error the run raises, the fix. */
export function noLabelsHeadline(n: NoLabels, env: Environment): string {
  return `No token is trained: ${noLabelsWhat(n)}, so the run fails with "${noLabelsError(n)}"${gateNotes(n, env)}. Fix: ${n.fix}`;
}

/** The error the run stops with. */
export function noLabelsError(n: NoLabels): string {
  return n.classIds ? CLASS_IDS_ERROR : NO_LOSS_ERROR;
}
