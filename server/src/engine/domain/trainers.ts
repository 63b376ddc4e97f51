/**
 * Trainers in a script: `Trainer`, `SFTTrainer`, `DPOTrainer`… with their config call
 * (`args=SFTConfig(...)` / `TrainingArguments(...)`), resolved through variables, so rules
 * can ask for an argument wherever the user put it.
 */
import type { Node } from 'web-tree-sitter';
import { isQualified } from '../facts/imports';
import type { ArgFact, CallFact, FileFacts } from '../facts/types';
import { resolveExpression } from '../facts/values';

export const TRAINER_PACKAGES = ['trl', 'transformers', 'unsloth'] as const;
const TRAINERS = ['Trainer', 'Seq2SeqTrainer', 'SFTTrainer', 'DPOTrainer', 'ORPOTrainer', 'KTOTrainer', 'CPOTrainer',
  'RewardTrainer', 'GRPOTrainer', 'PPOTrainer', 'UnslothTrainer'];
const CONFIGS = ['TrainingArguments', 'Seq2SeqTrainingArguments', 'SFTConfig', 'DPOConfig', 'ORPOConfig', 'KTOConfig',
  'CPOConfig', 'RewardConfig', 'GRPOConfig', 'UnslothTrainingArguments'];

export interface TrainerFact {
  call: CallFact;
  /** `SFTTrainer`, `Trainer`, … */
  kind: string;
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
  return names.some((n) => isQualified(call.qualified, packages, n));
}

/** The call an expression evaluates to (through variables), if it is one. */
export function callOf(facts: FileFacts, byNode: Map<number, CallFact>, node: Node | undefined): CallFact | undefined {
  if (!node) return undefined;
  const expr = resolveExpression(facts, node);
  return expr.type === 'call' ? byNode.get(expr.id) : undefined;
}

export function findTrainers(facts: FileFacts, byNode: Map<number, CallFact>): TrainerFact[] {
  const out: TrainerFact[] = [];
  for (const call of facts.calls) {
    if (!isLibraryCall(call, TRAINERS)) continue;
    const argsNode = call.keywords.get('args')?.value;
    const config = callOf(facts, byNode, argsNode);
    const assigned = facts.assignments.find((a) => a.value.id === call.node.id && a.subscriptKey === undefined);
    out.push({
      call, kind: callName(call),
      config: config && isLibraryCall(config, CONFIGS) ? config : undefined,
      variable: assigned?.target,
    });
  }
  return out;
}

/** An argument given to the trainer or to its config (trainer wins). */
export function trainerArg(t: TrainerFact, name: string): ArgFact | undefined {
  return t.call.keywords.get(name) ?? t.config?.keywords.get(name);
}

export function isConfigCall(call: CallFact): boolean {
  return isLibraryCall(call, CONFIGS);
}

export function isSftLike(t: TrainerFact): boolean {
  return t.kind === 'SFTTrainer' || t.kind === 'UnslothTrainer';
}
