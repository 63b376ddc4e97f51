/**
 * From a script to a MaskingPlan: which trainer, which rows (through the formatting the script
 * applies, evaluated statically), which chat template and tokenizer, and which label-building
 * pipeline — Unsloth's `train_on_responses_only`, TRL's collators and options, or transformers'.
 */
import type { Node } from 'web-tree-sitter';
import type { Analysis } from '../lint/analysis';
import type { CallFact } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { callsOwnFunction } from '../facts/own-functions';
import { evaluate, evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import { isLibraryCall, isSftLike, trainerArg, type TrainerFact } from '../domain/trainers';
import { isChat } from '../facts/formatting-eval';
import { applyStep, rowsThroughSteps, toMessages } from '../dataset/rows';
import type { DatasetState } from '../dataset/state';
import { untokenizedFor, untokenizedMessage } from '../domain/model-inputs';
import { noLabelsFor, noLabelsHeadline } from '../domain/label-source';
import { isUnslothResponsesOnly } from '../domain/labels';
import { trainerChatSetups } from '../domain/trl-chat-setup';
import { describeVersion } from '../env/versions';
import { collatorTokenizerArg, trainerTokenizerArg } from '../domain/tokenizers';
import { cloneSourceArg } from '../domain/trl-chat-setup';
import { SETUP_CHAT_FORMAT_LAST, setupLabel, setupSpecialTokens, withSources } from './tokenizer-setup';
import type { ChatMessage, MaskingPipeline, MaskingPlan, PlanRow, SourceTokenizer, TokenizerSetup } from './types';

export type ScriptPlan =
  | { plan: MaskingPlan; title: string; notes: string[]; headline?: string }
  | { error: string }
  | { choose: Array<{ label: string; line: number; where: string }> };


/** The name a call ends in (`get_chat_template`, `from_pretrained`). */
const lastName = (c: CallFact) => c.method ?? c.calleeText.split('.').pop() ?? '';
// Module-level tests: `callsWhere` selects each kind of call once per lint (they are its cache keys).
const isGetChatTemplate = (c: CallFact) => lastName(c) === 'get_chat_template';
const isFromPretrained = (c: CallFact) => lastName(c) === 'from_pretrained';
const isFromPretrainedMethod = (c: CallFact) => c.method === 'from_pretrained';
const isResponsesOnly = (c: CallFact) => c.calleeText.endsWith('train_on_responses_only');

/**
 * The last of `calls` (document order) that starts before `before`, by binary search: every trainer
 * asks, and scanning the script's calls per trainer made scripts of many pipelines quadratic.
 */
function lastBefore(calls: CallFact[], before?: number): CallFact | undefined {
  if (before === undefined) return calls[calls.length - 1];
  let lo = 0;
  let hi = calls.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (calls[mid].node.startIndex < before) lo = mid + 1; else hi = mid;
  }
  return calls[lo - 1];
}

/** The model id of the script's `from_pretrained` loads, worked out once per lint (see `modelIdOf`). */
const loadedModelIds = new WeakMap<readonly CallFact[], { id?: string }>();

/** The model id the tokenizer comes from (`AutoTokenizer` first, then the model loaders, then `model="id"`). */
export function modelIdOf(a: Analysis, t?: TrainerFact): string | undefined {
  let loaded = loadedModelIds.get(a.facts.calls);
  if (!loaded) {
    loaded = {};
    const loads = [...callsWhere(a.facts, isFromPretrainedMethod)];
    const order = (c: CallFact) => (/Tokenizer|Processor/.test(c.calleeText) ? 0 : /Fast(Language)?Model|FastVisionModel/.test(c.calleeText) ? 1 : 2);
    for (const c of loads.sort((x, y) => order(x) - order(y))) {
      const id = evaluateString(a.facts, (c.positional[0] ?? c.keywords.get('model_name') ?? c.keywords.get('pretrained_model_name_or_path'))?.value);
      if (id) { loaded.id = id; break; }
    }
    loadedModelIds.set(a.facts.calls, loaded);
  }
  if (loaded.id) return loaded.id;
  return t ? evaluateString(a.facts, t.call.keywords.get('model')?.value) : undefined;
}

/** The script's `….chat_template = …` assignments, found once per lint. */
const templateAssignments = new WeakMap<object, Analysis['facts']['assignments']>();

/** The chat template in effect before `before`: a literal `….chat_template = …`, or `get_chat_template(…)`. */
export function templateOf(a: Analysis, before: number): MaskingPlan['template'] {
  return templateSetter(a, before).template;
}

/** `templateOf`, and where the statement that set it starts (-1: none). */
export function templateSetter(a: Analysis, before: number): { template: MaskingPlan['template']; at: number } {
  let literals = templateAssignments.get(a.facts.assignments);
  if (!literals) templateAssignments.set(a.facts.assignments, (literals = a.facts.assignments.filter((x) => x.target.endsWith('.chat_template'))));
  const literal = literals.filter((x) => x.node.startIndex < before).pop();
  const call = lastBefore(callsWhere(a.facts, isGetChatTemplate).filter((c) => !callsOwnFunction(a.facts, c)), before);
  if (literal && (!call || literal.node.startIndex > call.node.startIndex)) {
    const source = evaluateString(a.facts, literal.value);
    if (source) return { template: { source }, at: literal.node.startIndex };
  }
  if (!call) return { template: undefined, at: -1 };
  const at = call.node.startIndex;
  const arg = (call.keywords.get('chat_template') ?? call.positional[1])?.value;
  if (!arg) return { template: { name: 'chatml' }, at };
  const v = evaluate(a.facts, arg);
  if (v.kind === 'str') return { template: { name: v.value }, at };
  if (v.kind === 'tuple' && v.items[0]?.kind === 'str') return { template: { source: v.items[0].value }, at };
  return { template: undefined, at: -1 };
}

function tokenIds(a: Analysis, node: Node | undefined): string | number[] | undefined {
  if (!node) return undefined;
  const v = evaluate(a.facts, node);
  if (v.kind === 'str') return v.value;
  if ((v.kind === 'list' || v.kind === 'tuple') && v.items.every((i) => i.kind === 'num')) return v.items.map((i) => (i as { value: number }).value);
  return undefined;
}

/** The call that builds the trainer's `data_collator=` (directly or through a variable). */
function collatorCall(a: Analysis, t: TrainerFact): CallFact | undefined {
  const collatorArg = trainerArg(t, 'data_collator')?.value;
  return (collatorArg && (() => { const e = a.datasets.callAt(collatorArg); return e ?? a.facts.calls.find((c) => c.node.id === collatorArg.id); })())
    || (collatorArg?.type === 'identifier' ? a.facts.calls.find((c) => a.facts.assignments.some((x) => x.target === collatorArg.text && x.value.id === c.node.id)) : undefined);
}

/**
 * TRL's `setup_chat_format` / `clone_chat_template` calls that change the trainer's tokenizer before it is built
 * (domain/trl-chat-setup.ts), as plan data, and a note for each other call before the trainer that may but is not
 * taken to: the preview does not assume it ran.
 */
function tokenizerSetupsOf(a: Analysis, t: TrainerFact, sources?: ReadonlyMap<string, SourceTokenizer | { missing: string }>): { setups: TokenizerSetup[]; at: number; notes: string[] } {
  const collator = collatorCall(a, t);
  const tokNode = trainerTokenizerArg(t) ?? (collator ? collatorTokenizerArg(collator) : undefined);
  const { applied, skipped } = trainerChatSetups(a.facts, a.callsByNode, t, tokNode);
  const where = (c: CallFact) => a.doc.lineLabel(a.source.positionAt(c.node.startIndex).line);
  const trl = a.env.get('trl');
  const trlVersion = trl?.version;
  const trlAssumed = trl?.origin?.kind === 'newest' ? describeVersion('TRL', trl) : undefined;
  const setups: TokenizerSetup[] = applied.map((x) => ({
    helper: x.helper, where: where(x.call), trlVersion,
    ...(trlAssumed ? { trlAssumed } : {}),
    ...(x.ifNoTemplate ? { ifNoTemplate: true } : {}),
    ...(x.helper === 'clone_chat_template' ? { sourceId: evaluateString(a.facts, cloneSourceArg(x.call)) } : {}),
    ...(x.templateBefore ? { templateBefore: x.templateBefore } : {}),
    ...(x.inTry ? { inTry: true } : {}),
  }));
  const notes = skipped.map((x) => `${x.helper} (${where(x.call)}) is not applied: ${x.why}`);
  // The last call that surely sets its template (one under `if tokenizer.chat_template is None:` sets it only when no
  // template was set before, so an earlier setter keeps it).
  const sure = applied.filter((x) => !x.ifNoTemplate);
  const at = sure.length ? sure[sure.length - 1].call.node.startIndex : -1;
  return { setups: withSources(setups, sources), at, notes };
}

function pipelineOf(a: Analysis, t: TrainerFact): { pipeline: MaskingPipeline; label: string } {
  const trlVersion = a.env.get('trl')?.version;
  const after = t.call.node.startIndex;
  const tor = callsWhere(a.facts, isResponsesOnly).find((c) => c.node.startIndex > after && isUnslothResponsesOnly(a.facts, c) && (!t.variable || c.positional[0]?.value.text === t.variable));
  if (tor) {
    return {
      pipeline: {
        kind: 'unsloth-responses-only',
        instructionPart: evaluateString(a.facts, tor.keywords.get('instruction_part')?.value),
        responsePart: evaluateString(a.facts, tor.keywords.get('response_part')?.value),
        forceMatch: evaluateBool(a.facts, tor.keywords.get('force_match')?.value),
        lastResponseOnly: evaluateBool(a.facts, tor.keywords.get('last_response_only')?.value),
      },
      label: 'Unsloth train_on_responses_only',
    };
  }
  const collator = collatorCall(a, t);
  if (collator && isLibraryCall(collator, ['DataCollatorForCompletionOnlyLM'], ['trl'])) {
    const response = tokenIds(a, (collator.keywords.get('response_template') ?? collator.positional[0])?.value);
    if (response !== undefined) {
      return {
        pipeline: { kind: 'completion-only-collator', responseTemplate: response, instructionTemplate: tokenIds(a, collator.keywords.get('instruction_template')?.value), trlVersion },
        label: 'TRL DataCollatorForCompletionOnlyLM',
      };
    }
  }
  if (collator && isLibraryCall(collator, ['DataCollatorForLanguageModeling'], ['transformers'])) {
    return { pipeline: { kind: 'transformers-lm', trlVersion: isSftLike(t) ? trlVersion : undefined }, label: 'transformers DataCollatorForLanguageModeling' };
  }
  if (isSftLike(t)) {
    return {
      pipeline: {
        kind: 'trl-sft', trlVersion,
        completionOnlyLoss: evaluateBool(a.facts, trainerArg(t, 'completion_only_loss')?.value),
        assistantOnlyLoss: evaluateBool(a.facts, trainerArg(t, 'assistant_only_loss')?.value),
      },
      label: `TRL SFTTrainer${trlVersion ? ` ${trlVersion}` : ''}`,
    };
  }
  return { pipeline: { kind: 'precomputed-labels' }, label: `${t.kind} with the dataset's labels` };
}

export function planRow(row: Record<string, unknown>, index: number, field: string): PlanRow | undefined {
  const plan = planRowContent(row, index, field);
  if (row.prompt === undefined || row.completion !== undefined || Array.isArray(row.input_ids)) return plan;
  return { ...(plan ?? { row: index }), promptWithoutCompletion: true };
}

function planRowContent(row: Record<string, unknown>, index: number, field: string): PlanRow | undefined {
  const v = row[field];
  if (isChat(v)) { const m = toMessages(v.chat); return m && { row: index, messages: m }; }
  if (typeof v === 'string') return { row: index, text: v };
  for (const key of ['messages', 'conversations']) { const m = toMessages(row[key]); if (m) return { row: index, messages: m }; }
  if (row.prompt !== undefined && row.completion !== undefined) {
    const p = typeof row.prompt === 'string' ? row.prompt : toMessages(row.prompt);
    const c = typeof row.completion === 'string' ? row.completion : toMessages(row.completion);
    if (p && c) return { row: index, prompt: p, completion: c };
  }
  if (Array.isArray(row.input_ids)) return { row: index, inputIds: row.input_ids as number[], labels: Array.isArray(row.labels) ? (row.labels as number[]) : undefined };
  return undefined;
}

export interface PlanOptions {
  trainer?: number; rows?: number; eosToken?: string; bosToken?: string; unkToken?: string;
  /** The tokenizers `clone_chat_template` calls copy from, read offline by source id (tokenizer-setup.ts `readSetupSources`). */
  setupSources?: ReadonlyMap<string, SourceTokenizer | { missing: string }>;
  /** Rows to use instead of the source's first rows (the masking preview at a row of a dataset report). */
  sourceRows?: Array<{ index: number; row: Record<string, unknown> }>;
}

/**
 * The pad token the script sets, when it sets one other than EOS: `tokenizer.pad_token = "<pad>"`,
 * `= tokenizer.unk_token`, `tokenizer.add_special_tokens({"pad_token": …})`, `pad_token_id = …`.
 * `token` is its spelling when it is known; `set` says the script sets one at all.
 */
const padTokens = new WeakMap<object, Map<string | undefined, { set: boolean; token?: string }>>();

/** `findPadToken`, once per lint and `unkToken` (every trainer's plan asks; it reads every assignment and call). */
export function scriptPadToken(a: Analysis, unkToken?: string): { set: boolean; token?: string } {
  let byUnk = padTokens.get(a.facts.assignments);
  if (!byUnk) padTokens.set(a.facts.assignments, (byUnk = new Map()));
  let found = byUnk.get(unkToken);
  if (!found) byUnk.set(unkToken, (found = findPadToken(a, unkToken)));
  return found;
}

function findPadToken(a: Analysis, unkToken?: string): { set: boolean; token?: string } {
  let value: Node | undefined;
  let set = false;
  for (const x of a.facts.assignments) {
    if (!/\.pad_token(_id)?$/.test(x.target) || /\.eos_token(_id)?$/.test(x.value.text)) continue;
    set = true;
    value = x.target.endsWith('_id') ? undefined : x.value;
  }
  for (const c of a.facts.calls) {
    if (c.method !== 'add_special_tokens') continue;
    const d = evaluate(a.facts, (c.positional[0] ?? c.keywords.get('special_tokens_dict'))?.value);
    const hit = d.kind === 'dict' ? d.entries.find(([k]) => k === 'pad_token') : undefined;
    if (hit) { set = true; value = undefined; if (hit[1].kind === 'str') return { set, token: hit[1].value }; }
    else if (d.kind !== 'dict') { set = true; value = undefined; } // tokens not known statically: maybe a pad token
  }
  if (!value) return { set };
  if (/\.unk_token$/.test(value.text)) return { set, token: unkToken };
  return { set, token: evaluateString(a.facts, value) };
}

/** The trainers given a `train_dataset`, once per lint (each trainer's plan starts from them). */
const trainersWithData = new WeakMap<readonly TrainerFact[], TrainerFact[]>();

/** Everything a masking plan needs from the script except rows: which trainer, its dataset, its pipeline. */
export interface TrainerPlan {
  trainer: TrainerFact;
  /** Index of the trainer among those with a train_dataset. */
  index: number;
  /** 0-based line of the trainer call. */
  line: number;
  state: DatasetState;
  /** `dataset_text_field` (default "text"). */
  field: string;
  /** The plan without rows. */
  plan: MaskingPlan;
  /** `packing` as written on the trainer or its config (true / false / undefined when unset or not literal). */
  packing?: boolean;
  /** e.g. "TRL SFTTrainer 0.19.0". */
  label: string;
  /** Nothing creates labels (TL001/TL002's verdict), said first. */
  headline?: string;
  title: string;
  /** TRL calls before the trainer that may change its tokenizer but are not applied, and why. */
  setupNotes: string[];
  /** Where the last applied TRL setup call starts (-1: none). */
  setupAt: number;
}

/** The trainer of a script whose rows a preview or report follows (asks to choose when there are several). */
export function trainerPlan(a: Analysis, opts: { trainer?: number; unkToken?: string; setupSources?: PlanOptions['setupSources'] } = {}): TrainerPlan | { error: string } | { choose: Array<{ label: string; line: number; where: string }> } {
  let trainers = trainersWithData.get(a.trainers);
  if (!trainers) trainersWithData.set(a.trainers, (trainers = a.trainers.filter((t) => trainerArg(t, 'train_dataset'))));
  if (!trainers.length) return { error: 'No trainer with a train_dataset in this script.' };
  const line = (t: TrainerFact) => a.source.positionAt(t.call.node.startIndex).line;
  if (trainers.length > 1 && opts.trainer === undefined) {
    return { choose: trainers.map((t) => ({ label: `${t.variable ?? t.kind} = ${t.kind}(…)`, line: line(t), where: a.doc.lineLabel(line(t)) })) };
  }
  const index = Math.min(opts.trainer ?? 0, trainers.length - 1);
  const t = trainers[index];
  // The same verdict TL001/TL002 report: when nothing creates labels, the preview says so first.
  const noLabels = noLabelsFor(a, t);
  const headline = noLabels && noLabelsHeadline(noLabels, a.env);
  // Text rows a plain Trainer drops before they reach the model (TL002's verdict): nothing to render.
  const untokenized = !noLabels && untokenizedFor(a, t);
  if (untokenized) return { error: `Nothing reaches the model: ${untokenizedMessage(untokenized, t.kind)}` };
  const state = a.datasets.at(trainerArg(t, 'train_dataset')!.value);
  if (!state) return { error: `The train_dataset of the trainer on ${a.doc.lineLabel(line(t))} is not a dataset trainlint can follow.` };
  const field = evaluateString(a.facts, trainerArg(t, 'dataset_text_field')?.value) ?? 'text';
  const { pipeline: found, label } = noLabels
    ? { pipeline: { kind: 'no-labels', trlVersion: isSftLike(t) ? a.env.get('trl')?.version ?? '1.6.0' : undefined } as MaskingPipeline, label: `${noLabels.collator}, no labels` }
    : pipelineOf(a, t);
  const loader = lastBefore(callsWhere(a.facts, isFromPretrained), t.call.node.startIndex);
  const maxLength = evaluateNumber(a.facts, (trainerArg(t, 'max_length') ?? trainerArg(t, 'max_seq_length'))?.value)
    ?? (a.unsloth.patches ? evaluateNumber(a.facts, loader?.keywords.get('max_seq_length')?.value) : undefined);
  const padEqualsEos = a.facts.assignments.some((x) => /\.pad_token(_id)?$/.test(x.target) && /\.eos_token(_id)?$/.test(x.value.text));
  const pad = scriptPadToken(a, opts.unkToken);
  const modelId = modelIdOf(a, t);
  const setter = templateSetter(a, t.call.node.startIndex);
  const setup = tokenizerSetupsOf(a, t, opts.setupSources);
  // A script that calls setup_chat_format runs on a TRL that has it: with the version unknown, its last release.
  const pipeline: MaskingPipeline = found.kind === 'trl-sft' && !found.trlVersion && setup.setups.some((s) => s.helper === 'setup_chat_format')
    ? { ...found, assumedTrl: { version: SETUP_CHAT_FORMAT_LAST, why: 'the last release with setup_chat_format' } }
    : found;
  // A template set after the last TRL setup call wins over the one that call set (its token changes still apply).
  const template = setter.at > setup.at ? setter.template : undefined;
  const plan: MaskingPlan = {
    rows: [], template, tokenizer: modelId ? { modelId } : undefined,
    pipeline, maxLength, padEqualsEos, padToken: pad.token, padTokenSet: pad.set || undefined, unsloth: a.unsloth.patches, unslothZooVersion: a.env.get('unsloth-zoo')?.version,
    ...(setup.setups.length ? { tokenizerSetups: setup.setups } : {}),
  };
  const last = setup.setups[setup.setups.length - 1];
  const templateFrom = last && !template && !last.ifNoTemplate ? ` · ${setupLabel(last)}` : '';
  return {
    trainer: t, index, line: line(t), state, field, plan, label, headline: headline || undefined, packing: evaluateBool(a.facts, trainerArg(t, 'packing')?.value),
    title: `${t.variable ?? t.kind} (${a.doc.lineLabel(line(t))}) · ${label}${templateFrom}`, setupNotes: setup.notes, setupAt: setup.at,
  };
}

/**
 * The `eos_token` / `bos_token` the dataset steps read (given: the loaded tokenizer's): the ones after the TRL setup
 * calls when every step runs after them.
 */
export function rowSpecialTokens(tp: TrainerPlan, eosToken?: string, bosToken?: string): { eosToken?: string; bosToken?: string } {
  const changed = tp.setupAt >= 0 && tp.state.steps.every((s) => s.node.startIndex > tp.setupAt) ? setupSpecialTokens(tp.plan.tokenizerSetups ?? []) : {};
  return { eosToken: changed.eosToken ?? eosToken, bosToken: changed.bosToken ?? bosToken };
}

/** The masking plan of a script's trainer (asks to choose when there are several). */
export function planFromScript(a: Analysis, opts: PlanOptions = {}): ScriptPlan {
  const tp = trainerPlan(a, opts);
  if (!('plan' in tp)) return tp;
  const notes: string[] = [...tp.setupNotes];
  const where = a.doc.lineLabel(tp.line);
  const ctx = { facts: a.facts, ...rowSpecialTokens(tp, opts.eosToken, opts.bosToken) };
  let rows: Array<Record<string, unknown>> | undefined;
  let indices: number[] | undefined;
  if (opts.sourceRows) {
    rows = opts.sourceRows.map((r) => ({ ...r.row }));
    indices = opts.sourceRows.map((r) => r.index);
    for (const step of tp.state.steps) if (rows.length && !applyStep(a, step, rows, ctx, notes)) break;
    if (!rows.length) rows = undefined;
  } else {
    rows = rowsThroughSteps(a, tp.state, opts.rows ?? 3, ctx, notes);
  }
  if (isSftLike(tp.trainer) && trainerArg(tp.trainer, 'formatting_func')) notes.push('formatting_func is not evaluated: rows are shown as the dataset holds them');
  if (!rows) {
    const why = `No rows for the dataset of the trainer on ${where}: ${tp.state.sourceNote ?? tp.state.unresolved.join('; ') ?? 'its data is not readable locally'}.`;
    return { error: tp.headline ? `${tp.headline}\n${why}` : why };
  }
  const planRows = rows.map((r, i) => planRow(r, indices?.[i] ?? i, tp.field)).filter((r): r is PlanRow => !!r);
  if (!planRows.length) return { error: `The rows have none of "${tp.field}", messages, conversations, prompt/completion or input_ids.` };
  return { plan: { ...tp.plan, rows: planRows }, title: `Loss masking: ${tp.title}`, notes, headline: tp.headline };
}
