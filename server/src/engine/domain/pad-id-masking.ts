/**
 * Where a pad-token assignment reaches labels masked by pad *id*: the trainers that train with that tokenizer through
 * a collator that sets every label equal to `tokenizer.pad_token_id` to -100 (transformers
 * `DataCollatorForLanguageModeling(mlm=False)`, TRL's `DataCollatorForCompletionOnlyLM` before 0.20, SFTTrainer's default
 * collator before TRL 0.17), and the guards under which the assignment runs. Shared by TL006 (pad == EOS: every EOS is
 * masked) and TL118 (pad == a text token: every occurrence of that token is masked).
 */
import type { Node } from 'web-tree-sitter';
import type { Severity } from '../diagnostics';
import type { RuleContext } from '../rules/context';
import { guardsAt, type Guard } from './branches';
import type { FileFacts } from '../facts/types';
import { evaluateBool, evaluateString } from '../facts/values';
import { enclosingFunction } from '../facts/anchor';
import { trainerCollator, type TrainerCollator } from './collators';
import { isLabelFreeTrainer } from './label-source';
import { collatorTokenizerArg, padTokenSetAgain, statementsOnTokenizer, trainerTokenizerArg } from './tokenizers';
import { trainingStartOffset } from './train-call';
import { ownLoss, trainerArg, type TrainerFact } from './trainers';

/** A statement that sets a tokenizer's pad token. */
export interface PadSite {
  node: Node;
  /** The tokenizer variable. */
  tokVar: string;
  scope: Node | null;
}

/** A trainer whose labels are masked by the pad id of the site's tokenizer. */
export interface PadIdMaskingUse {
  trainer: TrainerFact;
  collator: TrainerCollator;
  /** The tokenizer expression the collator (or the trainer) is given. */
  tokNode: Node | undefined;
  /** The rule's severity, or the version policy's when the masking depends on the TRL version. */
  severity: Severity;
  /** Text to append to the message (the version assumption). */
  note: string;
  /** The collator, as the message names it. */
  what: string;
}

/**
 * The trainers, in order, that train after `site` with its tokenizer and mask labels by pad id. Preference, reward and
 * RL trainers (their losses read ids they build themselves) and subclasses with their own loss are left out.
 */
export function* padIdMaskingUses(ctx: RuleContext, site: PadSite): Generator<PadIdMaskingUse> {
  const { node, tokVar } = site;
  for (const t of ctx.trainers) {
    const start = trainingStartOffset(ctx.facts, t);
    if (node.startIndex > start) continue;
    // Another pad token set afterwards, before training (`tok.pad_token = tok.unk_token`, `setup_chat_format`): this
    // one is gone by then (a later pad = EOS statement is reported itself).
    if (padTokenSetAgain(ctx.facts, tokVar, node, start)) continue;
    // A preference, reward or RL trainer's loss reads its own chosen/rejected or completion ids, never a collator's
    // "labels": masking by pad id there decides nothing (NavinKumarMNK/LLM-SFT-DPO-PEFT `src/dpo/main.py`).
    if (isLabelFreeTrainer(t)) continue;
    // A subclass's own loss need not read the collator's labels either (one that adds to `super().compute_loss` does).
    if (ownLoss(t)) continue;
    const ds = ctx.datasets.at(trainerArg(t, 'train_dataset')?.value);
    const c = trainerCollator(ctx, t, ds?.columns);
    const tokNode = c.call ? collatorTokenizerArg(c.call) : trainerTokenizerArg(t);
    // The trainer's tokenizer by name, or the name it had in the script's own function that returned it.
    const here = { variable: tokVar, offset: node.startIndex, scope: site.scope?.id };
    const returned = tokNode?.text !== tokVar && !!statementsOnTokenizer(ctx.facts, tokNode, [here], () => false)?.includes(here);
    if (tokNode?.text !== tokVar && !returned) continue;
    // The same name in a function that binds its own tokenizer and that the file never calls, for a module-level
    // trainer: another object (nyutu-grace/llm-amharic `train/finetuning/finetuning.py`: `load_model` loads a
    // LlamaTokenizer and sets its pad token; it is never called, and the trainer gets the module's tokenizer). A trainer
    // in a function may get the tokenizer through parameters and method returns trainlint does not follow
    // (ormastes/medgemma_korean `run_training(model, tokenizer, …)`, Yosef-Ali/amharic-llm-finetuning
    // `model, tokenizer = self.create_small_model()`): left as before.
    if (site.scope && !enclosingFunction(t.call.node) && !contains(site.scope, t.call.node) && bindsLocally(ctx.facts, tokVar, site.scope)
      && neverCalled(ctx.facts, site.scope) && !statementsOnTokenizer(ctx.facts, tokNode, [here], () => false)?.includes(here)) continue;
    let severity = ctx.rule.severity;
    let note = '';
    let what: string;
    if (c.kind === 'lm-by-pad-id') {
      what = c.name ?? 'the collator';
      if (c.name === 'DataCollatorForCompletionOnlyLM') {
        const v = ctx.version('trl', { before: '0.20' });
        if (!v.severity) continue;
        severity = v.severity;
      }
    } else if (c.kind === 'sft-default') {
      const v = ctx.version('trl', { before: '0.17' });
      if (!v.severity) continue;
      severity = v.severity;
      note = v.note;
      what = "SFTTrainer's default collator (transformers DataCollatorForLanguageModeling)";
    } else continue;
    yield { trainer: t, collator: c, tokNode, severity, note, what };
  }
}

/**
 * The assignment runs only where `tok.pad_token is None` (or `not tok.pad_token`, `== None`, the `_id` forms)
 * holds: only for a tokenizer without a pad token of its own.
 */
export function guardedByNoPad(assignment: Node, tokVar: string): boolean {
  const attrs = [`${tokVar}.pad_token`, `${tokVar}.pad_token_id`];
  return guardsAt(assignment).some((g) => attrs.some((x) => (g.holds && g.text === `${x} is None`) || (!g.holds && g.text === x)));
}

/**
 * Another test of the tokenizer's own pad token that holds where the assignment runs (`elif tok.pad_token_id ==
 * tok.bos_token_id:` after `if tok.pad_token_id is None:`, xu-0306/qwen3-finetune): whether it holds depends on the
 * tokenizer, which trainlint does not read. The condition's text, or undefined.
 */
export function padCondition(assignment: Node, tokVar: string): string | undefined {
  const attr = new RegExp(`(^|[^\\w.])${tokVar.replace(/\W/g, '\\$&')}\\.pad_token(_id)?\\b`);
  // `pad_token != eos_token` holds for nearly every tokenizer with a pad token: no assumption worth naming.
  return guardsAt(assignment).find((g) => g.holds && attr.test(g.text) && !/pad_token(_id)?\s*!=\s*[\w.]*eos_token/.test(g.text))?.text;
}

/**
 * A test of which model the script loaded, not of the tokenizer's own tokens: its type or architecture, or its name
 * compared with a string (`"llama" in model_name`). Whether a name or path is given (`is None`) or exists on disk
 * (`model_path.exists()`) says nothing of which model it is.
 */
const MODEL_KIND = /\bmodel_type\b|\barchitectures\b/;
const MODEL_NAME = /\bmodel\.config\b|\b(base_)?model_(name|id|path)(_or_path)?\b/;
const isModelTest = (text: string): boolean => !/ is None$/.test(text) && (MODEL_KIND.test(text) || (MODEL_NAME.test(text) && /["']/.test(text)));

/**
 * A guard on which model is loaded where the assignment runs (`elif tok.eos_token is not None:` after
 * `if model.config.model_type == "llama":`, huggingface/accelerate `examples/finetune_lm_tpu.py`): the assignment runs
 * only for some models, which trainlint does not know from a command-line model id. The guard, or undefined.
 */
export function modelCondition(facts: FileFacts, assignment: Node, tokVar: string): Guard | undefined {
  const own = new RegExp(`(^|[^\\w.])${tokVar.replace(/\W/g, '\\$&')}\\.`);
  // A test the script's own values decide (`model_name = "…"` then `if "llama" in model_name:`) is no unknown.
  return guardsAt(assignment).find((g) => isModelTest(g.text) && !own.test(g.text)
    && evaluateBool(facts, g.node) === undefined && stringTest(facts, g.node) === undefined);
}

/** `"llama" in model_name.lower()`, `model_type == "llama"` (and `not in`, `!=`) when both sides are known strings. */
function stringTest(facts: FileFacts, node: Node): boolean | undefined {
  if (node.type !== 'comparison_operator' || node.namedChildren.length !== 2) return undefined;
  const op = node.text.slice(node.namedChildren[0]!.endIndex - node.startIndex, node.namedChildren[1]!.startIndex - node.startIndex).trim().replace(/\s+/g, ' ');
  const [a, b] = node.namedChildren.map((n) => caseFolded(facts, n!));
  if (a === undefined || b === undefined) return undefined;
  switch (op) {
    case 'in': return b.includes(a);
    case 'not in': return !b.includes(a);
    case '==': return a === b;
    case '!=': return a !== b;
    default: return undefined;
  }
}

function caseFolded(facts: FileFacts, n: Node): string | undefined {
  const fn = n.type === 'call' ? n.childForFieldName('function') : null;
  const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  if ((method === 'lower' || method === 'upper') && n.childForFieldName('arguments')?.namedChildren.length === 0) {
    const v = evaluateString(facts, fn!.childForFieldName('object') ?? undefined);
    return v === undefined ? undefined : method === 'lower' ? v.toLowerCase() : v.toUpperCase();
  }
  return evaluateString(facts, n);
}

function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** `name`, a plain name, is assigned in `fn` itself (a local of the function) and not declared `global` there. */
function bindsLocally(facts: FileFacts, name: string, fn: Node): boolean {
  // `self.tokenizer` is one object across the class's methods.
  if (!/^\w+$/.test(name)) return false;
  if (new RegExp(`^\\s*global\\s+[\\w\\s,]*\\b${name}\\b`, 'm').test(fn.text)) return false;
  return facts.assignments.some((a) => a.target === name && a.scope?.id === fn.id);
}

/** A function the file never calls by its name (`load_model(…)`, `self.load_model(…)`). */
function neverCalled(facts: FileFacts, fn: Node): boolean {
  const name = fn.type === 'function_definition' ? fn.childForFieldName('name')?.text : undefined;
  return !!name && !facts.calls.some((c) => c.calleeText === name || c.calleeText.endsWith(`.${name}`));
}
