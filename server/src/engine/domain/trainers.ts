/**
 * Trainers in a script: `Trainer`, `SFTTrainer`, `DPOTrainer`… with their config call
 * (`args=SFTConfig(...)` / `TrainingArguments(...)`), resolved through variables, so rules
 * can ask for an argument wherever the user put it. A subclass the script defines
 * (`class SafeSaveTrainer(SFTTrainer)`, also through several levels) is its library base, with
 * the methods it overrides (`trainerSubclass.ts`).
 */
import type { Node } from 'web-tree-sitter';
import { isQualified } from '../facts/imports';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { callsWhere } from '../facts/selections';
import { assignmentsWithValue, resolveExpression } from '../facts/reaching';
import { withSpreadKeywords } from './spread-arguments';
import { hasClassNamed, importedTrainerClass, subclassOf, trainerLineage, type TrainerSubclass } from './trainer-subclass';
import { mayBeProjectModule } from '../modules/imported-ref';
import { methodDefinition } from '../facts/class-syntax';
import { keywordAsWritten, mapTrainerCall } from './mapped-trainer-call';

export const TRAINER_PACKAGES = ['trl', 'transformers', 'unsloth'] as const;
export const TRAINERS: readonly string[] = ['Trainer', 'Seq2SeqTrainer', 'SFTTrainer', 'DPOTrainer', 'ORPOTrainer', 'KTOTrainer', 'CPOTrainer',
  'RewardTrainer', 'GRPOTrainer', 'PPOTrainer', 'UnslothTrainer'];
/** The config classes of the trainers the engine models (`args=` of a trainer in `TRAINERS`). */
export const TRAINER_CONFIGS: readonly string[] = ['TrainingArguments', 'Seq2SeqTrainingArguments', 'SFTConfig', 'DPOConfig', 'ORPOConfig', 'KTOConfig',
  'CPOConfig', 'RewardConfig', 'GRPOConfig', 'UnslothTrainingArguments'];

export interface TrainerFact {
  call: CallFact;
  /** `SFTTrainer`, `Trainer`, … (the library base for a subclass). */
  kind: string;
  /** Qualified name of the library trainer (`trl.SFTTrainer`; the base of a subclass). */
  qualified: string;
  /** A subclass the script defines, between the call and the library trainer. */
  subclass?: TrainerSubclass;
  /** The config call passed as `args=` (resolved through a variable), if any. */
  config?: CallFact;
  /** Variable the trainer is assigned to (`trainer`). */
  variable?: string;
}

export function callName(call: CallFact): string {
  const q = call.qualified ?? call.calleeText;
  return q.split('.').pop() ?? '';
}

export function isLibraryCall(call: CallFact, names: readonly string[], packages: readonly string[] = TRAINER_PACKAGES): boolean {
  // A loop, not `names.some(…)`: every rule asks this of every call, and each closure was an allocation.
  const q = call.qualified;
  if (!q) return false;
  for (const n of names) if (isQualified(q, packages, n)) return true;
  return false;
}

/** The call an expression evaluates to (through variables), if it is one. */
export function callOf(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): CallFact | undefined {
  if (!node) return undefined;
  const expr = resolveExpression(facts, node);
  return expr.type === 'call' ? byNode.get(expr.id) : undefined;
}

/** Qualified names → a library trainer's (every call of a script is asked on every lint). */
const trainerNames = new Map<string, boolean>();

function isLibraryTrainerCall(call: CallFact): boolean {
  const q = call.qualified;
  if (q === undefined) return false;
  let yes = trainerNames.get(q);
  if (yes === undefined) {
    yes = isLibraryCall(call, TRAINERS);
    if (trainerNames.size >= 4096) trainerNames.clear();
    trainerNames.set(q, yes);
  }
  return yes;
}

export function findTrainers(facts: FileFacts, byNode: Map<number, CallFact>): TrainerFact[] {
  const out: TrainerFact[] = [];
  for (const written of callsWhere(facts, mayCallTrainer)) {
    let qualified = written.qualified;
    let subclass: TrainerSubclass | undefined;
    if (!isLibraryTrainerCall(written)) {
      subclass = trainerSubclassCalled(facts, written);
      if (!subclass) continue;
      qualified = subclass.base;
    }
    // `Trainer(**data_module)`: the keywords a followed `**` spreads count as written.
    let call = withSpreadKeywords(facts, byNode, written);
    if (subclass?.init) {
      // Explicit parameters: the call's arguments as the library trainer gets them.
      const mapped = mapTrainerCall(facts, call, subclass, qualified!.split('.').pop()!);
      if (!mapped) continue;
      call = mapped;
    }
    const argsNode = call.keywords.get('args')?.value;
    const writtenConfig = callOf(facts, byNode, argsNode);
    const config = writtenConfig && withSpreadKeywords(facts, byNode, writtenConfig);
    const assigned = assignmentsWithValue(facts, call.node).find((a) => a.subscriptKey === undefined);
    out.push({
      call, kind: qualified!.split('.').pop()!, qualified: qualified!, ...(subclass ? { subclass } : {}),
      config: config && isLibraryCall(config, TRAINER_CONFIGS) ? config : undefined,
      variable: assigned?.target,
    });
  }
  return out;
}

/** A qualified name of one of the libraries' trainer classes. */
export const isLibraryTrainerName = (q: string): boolean => TRAINERS.some((n) => isQualified(q, TRAINER_PACKAGES, n));

const BARE_NAME = /^[A-Za-z_]\w*$/;
const CLASS_PATH = /^([A-Za-z_]\w*\.)*_*[A-Z]\w*$/;

/**
 * What a trainer call can look like from the call alone (a selection test for `callsWhere`): a library trainer, a
 * bare name (maybe a class of the script), or a class name from a project module. The script's classes and modules
 * decide the rest.
 */
const mayCallTrainer = (c: CallFact): boolean =>
  isLibraryTrainerCall(c) || (c.qualified ? mayBeProjectModule(c.qualified) && CLASS_PATH.test(c.calleeText) : BARE_NAME.test(c.calleeText));

/** A script's own subclass of a library trainer, called by its bare name. */
function trainerSubclassCalled(facts: FileFacts, call: CallFact): TrainerSubclass | undefined {
  // A call through a library's import (`trl.SFTConfig`) never names a project module: no lookup.
  if (call.qualified) return facts.modules && mayBeProjectModule(call.qualified) ? importedSubclassCalled(facts, call) : undefined;
  if (!hasClassNamed(facts, call.calleeText) || !BARE_NAME.test(call.calleeText)) return undefined;
  return subclassOf(facts, isLibraryTrainerName, call.calleeText, () => call.node.startIndex);
}

/** A trainer subclass the script imports from another module of its project (`from my_pkg.trainer import LLaVATrainer`). */
function importedSubclassCalled(facts: FileFacts, call: CallFact): TrainerSubclass | undefined {
  // Classes are named in CapWords (`LLaVATrainer`): a call of an imported function is not looked up.
  if (!CLASS_PATH.test(call.calleeText)) return undefined;
  const found = importedTrainerClass(facts, call.calleeText.split('.'));
  return found && { name: call.calleeText, base: found.base, overrides: new Set(found.overrides), consumes: new Set(found.consumes), module: found.path,
    ...(found.init ? { init: found.init } : {}) };
}

/** The calls `findTrainers` reports, without what it works out about each (cheap: no argument is followed). */
export function trainerCalls(facts: FileFacts): CallFact[] {
  const out: CallFact[] = [];
  for (const c of callsWhere(facts, mayCallTrainer)) if (isLibraryTrainerCall(c) || trainerSubclassCalled(facts, c)) out.push(c);
  return out;
}

/**
 * Does the library trainer get keyword `name` under the name the call writes it with? Not when the trainer's arguments
 * are mapped through its subclass's explicit `__init__` (`mapped-trainer-call.ts`) and the keyword is one of its
 * parameters (`tokenizer=tok` given to `def __init__(self, …, tokenizer=None)`): rules about how a keyword is spelled
 * at the call stay quiet on it.
 */
export function writtenAsPassed(t: TrainerFact, name: string): boolean {
  return keywordAsWritten(t.call, name);
}

/** An argument given to the trainer or to its config (trainer wins). */
export function trainerArg(t: TrainerFact, name: string): ArgFact | undefined {
  return t.call.keywords.get(name) ?? t.config?.keywords.get(name);
}

export function isConfigCall(call: CallFact): boolean {
  return isLibraryCall(call, TRAINER_CONFIGS);
}

/** The trainer is `name` from one of `packages` (directly or as a subclass's base). */
export function isTrainer(t: TrainerFact, names: readonly string[], packages: readonly string[] = TRAINER_PACKAGES): boolean {
  for (const n of names) if (isQualified(t.qualified, packages, n)) return true;
  return false;
}

/** The library the trainer comes from (`trl`, `transformers`, `unsloth`). */
export function trainerPackage(t: TrainerFact): string {
  return t.qualified.split('.')[0];
}

/**
 * Trainer methods by what rules reason about (transformers `Trainer`, TRL's trainers, by version:
 * huggingface/trl trl/trainer/{sft,dpo}_trainer.py at v0.8.6, v0.12.2 and main f2cd577). A rule
 * names the groups it relies on (`Rule.overriddenBy`); a script subclass overriding one of their
 * methods makes that rule stay quiet on its trainers.
 */
export const TRAINER_HOOKS = {
  /** How the loss is computed from the batch (labels rules). */
  loss: ['compute_loss', 'training_step', '_compute_loss', 'get_batch_loss_metrics', 'concatenated_forward'],
  /** How batches are built: the data loader, the collator, the columns it gets. */
  batches: ['get_train_dataloader', '_remove_unused_columns', '_set_signature_columns_if_needed',
    '_get_collator_with_removed_columns', 'data_collator'],
  /** TRL's dataset preparation: tokenizing text, formatting functions, chat, DPO rows. */
  preparation: ['_prepare_dataset', '_prepare_non_packed_dataloader', '_prepare_packed_dataloader', 'tokenize_row',
    'process_row', 'build_tokenized_answer'],
  /** Evaluation: the eval loader, the loop and each prediction step. */
  evaluation: ['evaluate', 'evaluation_loop', 'prediction_step', 'get_eval_dataloader', 'compute_metrics'],
} as const;

/**
 * Does the script's subclass override one of `methods` (in itself or a class between it and the
 * library trainer)? Rules that reason about what such a method does stay quiet when it does.
 */
export function overrides(t: TrainerFact, methods: readonly string[]): boolean {
  return overridden(t, methods) !== undefined;
}

/** The first of `methods` the script's subclass overrides (`compute_loss`), if any. */
export function overridden(t: TrainerFact, methods: readonly string[]): string | undefined {
  if (t.subclass) for (const m of methods) if (t.subclass.overrides.has(m)) return m;
  return undefined;
}

/**
 * The first loss method (`TRAINER_HOOKS.loss`) the script's subclass overrides with a loss of its own: one that does not
 * call the trainer's (`super().compute_loss(…)`, KaSA's regularizer on top of SFTTrainer's loss). A method defined in
 * a class that is not the one called (a base, a project module) counts as its own: its body is not read here.
 */
export function ownLoss(t: TrainerFact): string | undefined {
  const sub = t.subclass;
  if (!sub) return undefined;
  for (const m of TRAINER_HOOKS.loss) {
    if (!sub.overrides.has(m)) continue;
    const def = sub.node && methodDefinition(sub.node, m);
    if (!def || !new RegExp(`\\bsuper\\s*\\([^)]*\\)\\s*\\.\\s*${m}\\s*\\(`).test(def.childForFieldName('body')?.text ?? '')) return m;
  }
  return undefined;
}

/**
 * A class of the script that derives from a library trainer, whatever its `__init__` does, and defines (itself or
 * through the script's classes on the way) one of `methods`: the class and the first method found.
 */
export function trainerClassDefining(facts: FileFacts, methods: readonly string[]): { name: string; method: string } | undefined {
  for (const cls of facts.classes) {
    if (!cls.bases.length) continue;
    const lineage = trainerLineage(facts, isLibraryTrainerName, cls);
    const method = lineage && methods.find((m) => lineage.defines.has(m));
    if (method) return { name: cls.name, method };
  }
  return undefined;
}

export function isSftLike(t: TrainerFact): boolean {
  return t.kind === 'SFTTrainer' || t.kind === 'UnslothTrainer';
}
