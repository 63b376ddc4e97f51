/**
 * PEFT on the way to a trained model: which calls add adapters (`get_peft_model`, Unsloth's
 * `FastLanguageModel.get_peft_model`, `PeftModel.from_pretrained`), which return the model they are given
 * (`prepare_model_for_kbit_training`), the wraps a model trace records (`ModelWrap`: a wrap call of this file, or a
 * function of another project module that wraps, summarized there), whether the PEFT class declares `labels`, and the
 * library helpers whose PEFT config depends on a command-line flag.
 */
import type { Node } from 'web-tree-sitter';
import { isQualified, qualifyExpression } from '../facts/imports';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { resolveExpression } from '../facts/reaching';
import { evaluateString } from '../facts/values';
import { callName, callOf } from './trainers';
import { UNSLOTH_MODEL_CLASSES } from './unsloth';

/** PEFT adapters added on the way to a traced model (`ModelTrace.wraps`). */
export interface ModelWrap {
  /** Where, as the script shows it: the wrap call, or the script's call of the project function that wraps. */
  node: Node;
  /** The wrapper as written where it wraps (`get_peft_model`, `FastLanguageModel.get_peft_model`). */
  calleeText: string;
  /** The wrap call, when it is in this file. */
  call?: CallFact;
  /** A function of another project module that wraps (`apply_lora`): its name as the script calls it. */
  via?: string;
  /**
   * For a wrap made in another module: whether the PEFT model's class declares `labels` (`wrapDeclaresLabels`, read
   * there); undefined when unknown. A wrap of this file is read from `call`.
   */
  declaresLabels?: boolean;
}

/** How a message names a wrap: `get_peft_model`, or `get_peft_model in apply_lora` for a project function's. */
export function wrapLabel(w: ModelWrap): string {
  return w.via ? `${w.calleeText} in ${w.via}` : w.calleeText;
}

/** The wrap a call of this file makes. */
export function localWrap(call: CallFact): ModelWrap {
  return { node: call.node, calleeText: call.calleeText, call };
}

/** `get_peft_model` (PEFT), `FastLanguageModel.get_peft_model`, `PeftModel.from_pretrained`, `AutoPeftModel*.from_pretrained`. */
export function isPeftWrap(facts: FileFacts, call: CallFact): boolean {
  if (isQualified(call.qualified, ['peft'], 'get_peft_model')) return true;
  if (call.method === 'get_peft_model' && call.receiver) {
    const q = qualifyExpression(facts, call.receiver);
    return !!q && UNSLOTH_MODEL_CLASSES.some((c) => isQualified(q, ['unsloth'], c));
  }
  if (call.method === 'from_pretrained' && call.receiver) {
    const q = qualifyExpression(facts, call.receiver);
    return !!q && q.startsWith('peft.') && /^(PeftModel\w*|AutoPeftModel\w*)$/.test(q.split('.').pop() ?? '');
  }
  return false;
}

/**
 * Library helpers that build a PEFT config from command-line arguments, or None when the run does
 * not ask for PEFT: TRL's `get_peft_config(model_args)` returns `LoraConfig(...)` only when
 * `model_args.use_peft` (huggingface/trl trl/trainer/utils.py, v0.8 through main f2cd577), and the
 * alignment-handbook's helper of the same name does the same.
 */
const CONDITIONAL_PEFT_HELPERS = [{ packages: ['trl', 'alignment'], name: 'get_peft_config', when: '--use_peft' }];

/** For an expression that is such a helper's result (through variables): the helper and the flag it depends on. */
export function conditionalPeftConfig(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): { helper: string; when: string } | undefined {
  if (!node) return undefined;
  const expr = resolveExpression(facts, node);
  const call = expr.type === 'call' ? byNode.get(expr.id) : undefined;
  if (!call) return undefined;
  const h = CONDITIONAL_PEFT_HELPERS.find((x) => isQualified(call.qualified, x.packages, x.name));
  return h && { helper: h.name, when: h.when };
}

/**
 * `get_peft_config(model_args)` where `model_args` is the script's own `ModelConfig(…, use_peft=True)` (a literal True,
 * nothing the script sets later): the helper returns a config on every run (huggingface/trl v0.15.2
 * \`trl/trainer/utils.py\` \`get_peft_config\`: \`if model_args.use_peft is False: return None\`).
 */
export function peftHelperFlagSet(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): boolean {
  if (!node) return false;
  const expr = resolveExpression(facts, node);
  const call = expr.type === 'call' ? byNode.get(expr.id) : undefined;
  if (!call || !CONDITIONAL_PEFT_HELPERS.some((x) => isQualified(call.qualified, x.packages, x.name))) return false;
  const argNode = call.positional[0]?.value ?? call.keywords.get('model_args')?.value ?? call.keywords.get('model_config')?.value;
  const cfg = callOf(facts, byNode, argNode);
  if (!cfg || cfg.hasSplat || !isQualified(cfg.qualified, ['trl'], 'ModelConfig')) return false;
  if (cfg.keywords.get('use_peft')?.value.type !== 'true') return false;
  const name = argNode?.type === 'identifier' ? argNode.text : undefined;
  return !name || !facts.assignments.some((a) => a.target === `${name}.use_peft`);
}

/** `FastLanguageModel.get_peft_model` and friends. */
export function isUnslothPeftWrap(facts: FileFacts, call: CallFact): boolean {
  return isPeftWrap(facts, call) && call.method === 'get_peft_model' && !isQualified(call.qualified, ['peft'], 'get_peft_model');
}

/** The model argument a wrapper wraps (`get_peft_model(model, cfg)` → `model`). */
export function wrappedModelArg(call: CallFact): ArgFact | undefined {
  return call.positional[0] ?? call.keywords.get('model');
}

/** PEFT helpers that return the model they are given, prepared (`prepare_model_for_kbit_training(model)`). */
export const PASS_THROUGH = ['prepare_model_for_kbit_training', 'prepare_model_for_int8_training'];

/** PEFT task types whose model class declares label arguments in `forward` (peft/auto.py MODEL_TYPE_TO_PEFT_MODEL_MAPPING). */
const LABELLED_TASKS = new Set(['CAUSAL_LM', 'SEQ_2_SEQ_LM', 'SEQ_CLS', 'TOKEN_CLS', 'QUESTION_ANS']);

/**
 * Does the PEFT model a wrap makes declare \`labels\` in its forward? \`get_peft_model\` returns a plain \`PeftModel\`
 * (\`forward(*args, **kwargs)\`) when the config has no task_type, else the task's class
 * (\`PeftModelForCausalLM.forward(…, labels=None, …)\`); Unsloth's get_peft_model is always the causal-LM one.
 * undefined when the config cannot be read.
 */
export function wrapDeclaresLabels(facts: FileFacts, byNode: Map<number, CallFact>, wrap: ModelWrap): boolean | undefined {
  const call = wrap.call;
  if (!call) return wrap.declaresLabels;
  if (unslothWrapText(call.calleeText)) return true;
  const cfgArg = isQualified(call.qualified, ['peft'], 'get_peft_model') ? (call.positional[1] ?? call.keywords.get('peft_config')) : undefined;
  return cfgArg && peftConfigDeclaresLabels(facts, byNode, cfgArg);
}

/** A wrap written as Unsloth's (`FastLanguageModel.get_peft_model`): always the causal-LM class. */
export function unslothWrapText(calleeText: string): boolean {
  return calleeText.startsWith('Fast') || /(^|\.)Fast\w*Model\./.test(calleeText);
}

/**
 * The modules PEFT adds to \`modules_to_save\` itself for a config's \`task_type\`: the task's model class
 * (\`PeftModelForSequenceClassification\`, \`…ForTokenClassification\`) adds \`"classifier"\` and \`"score"\`,
 * \`PeftModelForQuestionAnswering\` adds \`"qa_outputs"\` (huggingface/peft \`src/peft/peft_model.py\`, v0.4.0 to v0.20.0).
 * Empty when the config has no readable task type or another one.
 */
export function taskHeadModules(facts: FileFacts, cfg: CallFact): readonly string[] {
  const task = cfg.keywords.get('task_type');
  if (!task) return [];
  const text = evaluateString(facts, task.value) ?? task.value.text.split('.').pop() ?? '';
  if (text === 'SEQ_CLS' || text === 'TOKEN_CLS') return ['classifier', 'score'];
  return text === 'QUESTION_ANS' ? ['qa_outputs'] : [];
}

/** Whether the PEFT model a config (\`LoraConfig(task_type=…)\`) makes declares \`labels\` (see \`wrapDeclaresLabels\`). */
export function peftConfigDeclaresLabels(facts: FileFacts, byNode: Map<number, CallFact>, cfgArg: ArgFact): boolean | undefined {
  const cfg = callOf(facts, byNode, cfgArg.value);
  if (!cfg || cfg.hasSplat || !/Config$/.test(callName(cfg))) return undefined;
  const task = cfg.keywords.get('task_type');
  if (!task) return false;
  const text = evaluateString(facts, task.value) ?? task.value.text.split('.').pop() ?? '';
  if (LABELLED_TASKS.has(text)) return true;
  return text === 'FEATURE_EXTRACTION' ? false : undefined;
}
