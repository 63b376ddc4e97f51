/**
 * The TRL trainers that make a PEFT model's inputs require grad themselves when their config checkpoints (TL401): a
 * `PeftModel` given to such a trainer is safe with reentrant checkpointing whoever turned checkpointing on. Which
 * configs, from which TRL release, and whether the trainer a script gives its wrapped model does so.
 */
import type { FileFacts } from '../facts/types';
import { evaluateBool } from '../facts/values';
import { compareVersions } from '../env/pep440';
import { callName, isTrainer, type TrainerFact } from './trainers';
import { lookupConfigArg } from './training-args';

/** TRL configs whose every release goes with a trainer that makes a PEFT model's inputs require grad itself. */
export const SELF_ENABLING_CONFIGS = new Set(['DPOConfig', 'ORPOConfig', 'CPOConfig', 'KTOConfig']);

/**
 * The TRL release from which the trainer of each other config does so when `gradient_checkpointing` is on. GRPOTrainer
 * from 0.16 (v0.16.0–v0.21.0 `_enable_gradient_checkpointing`, v0.22.0–v0.25.1 `prepare_peft_model` →
 * `enable_gradient_checkpointing`, v0.26.0–v1.9.0 `if … is_peft_model(model) and args.gradient_checkpointing:
 * model.enable_input_require_grads()`). SFTTrainer from 0.20: v0.20.0–v0.25.1 `if peft_config is not None or
 * (is_peft_available() and isinstance(model, PeftModel)): model = …prepare_peft_model(model, peft_config, args)`, whose
 * `elif args.gradient_checkpointing:` calls `enable_input_require_grads()` (a quantized model there goes through
 * `prepare_model_for_kbit_training(…, use_gradient_checkpointing=args.gradient_checkpointing)`, which does too);
 * v0.26.0–v1.9.0 the `is_peft_model(model) and args.gradient_checkpointing` line; v0.19.1 returned a `PeftModel`
 * unprepared. RewardTrainer from 0.22 (`prepare_peft_model` for a `PeftModel` too).
 */
export const ENABLING_SINCE: Readonly<Record<string, string>> = { GRPOConfig: '0.16', SFTConfig: '0.20', RewardConfig: '0.22' };

/**
 * `gradient_checkpointing` defaults to True in these configs from TRL 0.22 (v0.22.0–v0.25.1 each `*_config.py`:
 * `gradient_checkpointing: bool = field(default=True, …)`; v1.0.0–v1.9.0 `trl/trainer/base_config.py`); False before, as
 * in transformers' `TrainingArguments`.
 */
const DEFAULT_ON_SINCE = '0.22';
const DEFAULT_ON_CONFIGS = new Set(['SFTConfig', 'GRPOConfig', 'DPOConfig', 'KTOConfig', 'RewardConfig']);
const TRAINERS = ['SFTTrainer', 'GRPOTrainer', 'DPOTrainer', 'KTOTrainer', 'RewardTrainer', 'ORPOTrainer', 'CPOTrainer'];

/**
 * Whether the TRL trainers given the model `name` make its inputs require grad themselves: `'always'` on every TRL
 * release, a release (`'0.22'`: from that one on), or undefined when one of them does not (its config does not turn
 * checkpointing on, or the value cannot be read), or no TRL trainer is given `name`.
 */
export function trainersEnableInputGrads(facts: FileFacts, trainers: readonly TrainerFact[], name: string): 'always' | string | undefined {
  let latest: 'always' | string | undefined;
  for (const t of trainers) {
    const model = t.call.keywords.get('model') ?? t.call.positional[0];
    if (model?.value.text !== name) continue;
    const since = trainerEnablesSince(facts, t);
    if (since === undefined) return undefined;
    if (latest === undefined || latest === 'always' || (since !== 'always' && compareVersions(since, latest) > 0)) latest = since;
  }
  return latest;
}

function trainerEnablesSince(facts: FileFacts, t: TrainerFact): 'always' | string | undefined {
  if (!isTrainer(t, TRAINERS, ['trl']) || t.subclass?.init || t.call.hasSplat) return undefined;
  const own = t.kind.replace(/Trainer$/, 'Config');
  // No `args=`: the trainer builds its own config with the defaults.
  const configName = t.config ? callName(t.config) : own;
  if (!t.config && (t.call.keywords.has('args') || t.call.positional.length > 1)) return undefined;
  const found = t.config ? lookupConfigArg(facts, t.config, 'gradient_checkpointing') : { unknown: false };
  if (found.unknown) return undefined;
  let since = SELF_ENABLING_CONFIGS.has(own) ? 'always' : ENABLING_SINCE[own];
  if (!since) return undefined;
  if (found.arg) {
    if (evaluateBool(facts, found.arg.value) !== true) return undefined;
  } else {
    if (!DEFAULT_ON_CONFIGS.has(configName)) return undefined;
    if (since === 'always' || compareVersions(DEFAULT_ON_SINCE, since) > 0) since = DEFAULT_ON_SINCE;
  }
  return since;
}
