import type { Fix } from '../diagnostics';
import { isLibraryCall } from '../domain/trainers';
import type { CallFact } from '../facts/types';
import { typeErrorHandled } from '../domain/version-guards';
import { renameKeyword } from './edits';
import { ABSORBED_OR_RAISES, driftVerdict, UNSLOTH_ABSORBS, unslothAbsorbs } from './drift';
import type { Rule } from './rule';

interface Removed {
  /** First TRL release without the field. */
  removed: string;
  /** First release whose docs or warning announced the removal, when TRL announced it. */
  deprecated?: string;
  /** What TRL says to do instead. */
  advice: string;
  /** A field of the same meaning that the release removing this one accepts (value handed over unchanged). */
  renamedTo?: string;
  /** Part of an API TRL replaced whole: one finding per call names every such argument it passes. */
  legacy?: boolean;
}

/**
 * The PPO API TRL 0.12 replaced (`PPOConfig(model_name=…, ppo_epochs=…)` with `ppo_trainer.step(…)`; PR #2174,
 * deprecated by a FutureWarning in 0.11): its fields that the new `PPOConfig` (a `TrainingArguments`) does not have.
 */
function legacyPpo(): Record<string, Removed> {
  const names = ['model_name', 'query_dataset', 'reward_model', 'task_name', 'log_with', 'tracker_kwargs', 'accelerator_kwargs',
    'project_kwargs', 'tracker_project_name', 'push_to_hub_if_best_kwargs', 'steps', 'adap_kl_ctrl', 'init_kl_coef', 'kl_penalty',
    'target', 'horizon', 'forward_batch_size', 'ppo_epochs', 'optimize_cuda_cache', 'optimize_device_cache', 'early_stopping',
    'target_kl', 'compare_steps', 'ratio_threshold', 'use_score_scaling', 'use_score_norm', 'score_clip', 'is_encoder_decoder',
    'is_peft_model', 'backward_batch_size', 'global_backward_batch_size', 'global_batch_size'];
  const advice = 'TRL 0.12 replaced the PPO trainer (`PPOConfig(model_name=…)` with `ppo_trainer.step()` is gone): pin `trl<0.12` or port the script to the new `PPOTrainer(args=…, reward_model=…, value_model=…)`';
  return Object.fromEntries(names.map((n) => [n, { removed: '0.12', deprecated: '0.11', advice, legacy: true }]));
}

/**
 * Fields TRL removed from its configs, read by diffing `trl/trainer/<name>_config.py` (and `base_config.py`,
 * `trl/experimental/<name>/`) between consecutive tags of huggingface/trl, v0.11.0 to v1.9.0 (`scripts/trl-config-diff.py`), leaving out fields that only moved to `TrainingArguments`
 * (`use_liger_kernel`, `average_tokens_across_devices`, …). Deprecations and advice are TRL's own (`<Deprecated
 * version=…>` blocks of the release before the removal). `SFTConfig(max_seq_length=)` is TL503's.
 */
const REMOVED: Record<string, Record<string, Removed>> = {
  SFTConfig: {
    dataset_batch_size: { removed: '0.18', advice: 'remove it (TRL tokenizes with `dataset_num_proc` and the datasets default batch size)' },
    num_of_sequences: { removed: '0.18', advice: 'remove it (packing no longer buffers a number of sequences)' },
    chars_per_token: { removed: '0.18', advice: 'remove it (packing no longer estimates characters per token)' },
    use_liger: { removed: '0.18', advice: 'use `use_liger_kernel=` (a TrainingArguments field)', renamedTo: 'use_liger_kernel' },
  },
  DPOConfig: {
    max_target_length: { removed: '0.14', advice: 'remove it (`max_length=` caps the whole sample)' },
    is_encoder_decoder: { removed: '0.15', advice: 'remove it (the trainer reads it from the model)' },
    use_num_logits_to_keep: { removed: '0.17', advice: 'remove it (TRL 0.17–0.28 call it `use_logits_to_keep`; 0.29 has neither)' },
    padding_value: { removed: '0.26', advice: 'remove it (set `tokenizer.pad_token` instead)' },
    use_liger_loss: { removed: '0.28', deprecated: '0.25', advice: 'use `use_liger_kernel=`', renamedTo: 'use_liger_kernel' },
    max_prompt_length: { removed: '0.29', deprecated: '0.28', advice: 'filter overlong prompts from the dataset before training' },
    max_completion_length: { removed: '0.29', deprecated: '0.28', advice: 'cap the whole sample with `max_length=`' },
    rpo_alpha: { removed: '0.29', deprecated: '0.28', advice: "add 'sft' to `loss_type` and weigh it in `loss_weights`" },
    reference_free: { removed: '0.29', deprecated: '0.28', advice: 'use CPOTrainer for a reference-free objective' },
    label_pad_token_id: { removed: '0.29', deprecated: '0.28', advice: 'remove it (no longer configurable)' },
    tools: { removed: '0.29', deprecated: '0.28', advice: 'pass tools through the dataset' },
    use_logits_to_keep: { removed: '0.29', deprecated: '0.28', advice: 'remove it (the trainer no longer uses it)' },
    base_model_attribute_name: { removed: '0.29', deprecated: '0.28', advice: 'remove it (the base model is found with `get_decoder`)' },
    force_use_ref_model: { removed: '0.29', deprecated: '0.28', advice: 'remove it (a `ref_model` given is used)' },
    generate_during_eval: { removed: '0.29', deprecated: '0.28', advice: 'use a TrainerCallback' },
    model_adapter_name: { removed: '0.29', deprecated: '0.28', advice: 'remove it (only the default adapter is supported)' },
    ref_adapter_name: { removed: '0.29', deprecated: '0.28', advice: 'remove it (the trainer handles the reference adapter)' },
    ref_model_init_kwargs: { removed: '0.29', deprecated: '0.28', advice: 'load the reference model yourself and pass `ref_model=`' },
  },
  GRPOConfig: {
    vllm_device: { removed: '0.18', advice: 'remove it (vLLM runs in its own server or colocated: `vllm_mode=`)' },
    vllm_dtype: { removed: '0.18', advice: 'remove it (set the dtype on the vLLM server)' },
    vllm_max_model_len: { removed: '0.18', advice: 'remove it (set it on the vLLM server)' },
    vllm_enable_prefix_caching: { removed: '0.18', advice: 'remove it (set it on the vLLM server)' },
    wandb_log_unique_prompts: { removed: '0.27', deprecated: '0.26', advice: 'use `log_unique_prompts=`', renamedTo: 'log_unique_prompts' },
    max_prompt_length: { removed: '0.28', deprecated: '0.26', advice: 'filter overlong prompts from the dataset before training' },
    use_liger_loss: { removed: '0.28', deprecated: '0.25', advice: 'use `use_liger_kernel=`', renamedTo: 'use_liger_kernel' },
    vllm_guided_decoding_regex: { removed: '0.28', deprecated: '0.27', advice: 'use `vllm_structured_outputs_regex=`', renamedTo: 'vllm_structured_outputs_regex' },
  },
  KTOConfig: {
    max_prompt_length: { removed: '0.27', advice: 'remove it (`max_length=` is the only length limit)' },
    max_completion_length: { removed: '0.27', advice: 'remove it (`max_length=` is the only length limit)' },
    truncation_mode: { removed: '0.27', advice: 'remove it (`max_length=` is the only length limit)' },
    is_encoder_decoder: { removed: '0.27', advice: 'remove it (KTO no longer supports encoder-decoder models)' },
    label_pad_token_id: { removed: '0.28', advice: 'remove it (no longer configurable)' },
    padding_value: { removed: '0.28', advice: 'remove it (it was unused)' },
    ref_model_init_kwargs: { removed: '0.28', advice: 'load the reference model yourself and pass `ref_model=`' },
    base_model_attribute_name: { removed: '0.28', advice: 'remove it (no longer configurable)' },
    use_liger_loss: { removed: '0.28', deprecated: '0.25', advice: 'use `use_liger_kernel=`', renamedTo: 'use_liger_kernel' },
    generate_during_eval: { removed: '1.2', advice: 'use a TrainerCallback' },
  },
  CPOConfig: {
    max_prompt_length: { removed: '0.28', advice: 'filter overlong prompts from the dataset before training' },
    label_pad_token_id: { removed: '0.28', advice: 'remove it (no longer configurable)' },
    padding_value: { removed: '0.28', advice: "remove it (the tokenizer's `pad_token_id` is used)" },
    truncation_mode: { removed: '1.0', advice: 'remove it (it had no effect)' },
  },
  ORPOConfig: {
    max_prompt_length: { removed: '0.28', advice: 'filter overlong prompts from the dataset before training' },
    label_pad_token_id: { removed: '0.28', advice: 'remove it (no longer configurable)' },
    truncation_mode: { removed: '1.0', advice: 'remove it (it had no effect)' },
  },
  BCOConfig: {
    max_prompt_length: { removed: '0.28', advice: 'filter overlong prompts from the dataset before training' },
    label_pad_token_id: { removed: '0.28', advice: 'remove it (no longer configurable)' },
    padding_value: { removed: '0.28', advice: 'remove it (it was unused)' },
    ref_model_init_kwargs: { removed: '0.28', advice: 'load the reference model yourself and pass `ref_model=`' },
    truncation_mode: { removed: '1.0', advice: 'remove it (it had no effect)' },
  },
  PRMConfig: {
    max_prompt_length: { removed: '0.28', advice: 'filter overlong prompts from the dataset before training' },
  },
  PPOConfig: {
    ...legacyPpo(),
    exp_name: { removed: '0.28', advice: 'use `run_name=`', renamedTo: 'run_name' },
  },
  RLOOConfig: {
    // TRL 0.22 rewrote RLOO on GRPO's design; the fields below went without a deprecation period.
    reward_model_path: { removed: '0.22', advice: 'pass the reward model to `RLOOTrainer(reward_funcs=…)` (RLOO was rewritten in TRL 0.22)' },
    sft_model_path: { removed: '0.22', advice: 'pass the model to `RLOOTrainer(model=…)` (RLOO was rewritten in TRL 0.22)' },
    whiten_rewards: { removed: '0.22', advice: 'remove it (RLOO was rewritten in TRL 0.22)' },
    normalize_advantage: { removed: '0.22', advice: 'use `normalize_advantages=` (RLOO was rewritten in TRL 0.22)' },
    ...Object.fromEntries(['world_size', 'num_total_batches', 'micro_batch_size', 'local_batch_size', 'batch_size', 'local_mini_batch_size', 'mini_batch_size']
      .map((f) => [f, { removed: '0.22', advice: 'remove it (batch sizes follow `per_device_train_batch_size` and `gradient_accumulation_steps`)' }])),
    // Kept in 0.22–0.24 with a warning that maps each onto the new field (the migration guide of 0.22).
    rloo_k: { removed: '0.25', deprecated: '0.22', advice: 'use `num_generations=`', renamedTo: 'num_generations' },
    cliprange: { removed: '0.25', deprecated: '0.22', advice: 'use `epsilon=`', renamedTo: 'epsilon' },
    kl_coef: { removed: '0.25', deprecated: '0.22', advice: 'use `beta=`', renamedTo: 'beta' },
    exp_name: { removed: '0.25', deprecated: '0.22', advice: 'use `run_name=`', renamedTo: 'run_name' },
    normalize_reward: { removed: '0.25', deprecated: '0.22', advice: 'use `normalize_advantages=` (it always normalized advantages)', renamedTo: 'normalize_advantages' },
    num_ppo_epochs: { removed: '0.25', deprecated: '0.22', advice: 'use `num_iterations=`', renamedTo: 'num_iterations' },
    num_mini_batches: { removed: '0.25', deprecated: '0.22', advice: 'use `steps_per_generation=`', renamedTo: 'steps_per_generation' },
    total_episodes: { removed: '0.25', deprecated: '0.22', advice: 'use `max_steps=total_episodes / gradient_accumulation_steps`' },
    response_length: { removed: '0.25', deprecated: '0.22', advice: 'use `max_completion_length=`', renamedTo: 'max_completion_length' },
    token_level_kl: { removed: '0.25', deprecated: '0.22', advice: 'remove it (KL is computed at the sequence level only)' },
    dataset_num_proc: { removed: '0.25', deprecated: '0.22', advice: 'remove it (it was unused)' },
    local_rollout_forward_batch_size: { removed: '0.25', deprecated: '0.22', advice: 'remove it (`per_device_train_batch_size` is used)' },
    num_sample_generations: { removed: '0.25', deprecated: '0.22', advice: 'use `logging_steps=` to control generation logging' },
    stop_token: { removed: '0.25', deprecated: '0.22', advice: 'remove it' },
    stop_token_id: { removed: '0.25', deprecated: '0.22', advice: "remove it (the tokenizer's `eos_token_id` is used)" },
    missing_eos_penalty: { removed: '0.25', deprecated: '0.22', advice: 'write a reward function that checks for `eos_token_id` in `completion_ids`' },
    // GRPO's retirements, shared by the new RLOO.
    wandb_log_unique_prompts: { removed: '0.27', deprecated: '0.26', advice: 'use `log_unique_prompts=`', renamedTo: 'log_unique_prompts' },
    vllm_guided_decoding_regex: { removed: '0.28', deprecated: '0.27', advice: 'use `vllm_structured_outputs_regex=`', renamedTo: 'vllm_structured_outputs_regex' },
    max_prompt_length: { removed: '0.29', deprecated: '0.27', advice: 'filter overlong prompts from the dataset before training' },
  },
  OnlineDPOConfig: {
    dataset_num_proc: { removed: '0.25', deprecated: '0.23', advice: 'remove it (Online DPO does not preprocess the dataset)' },
    gpu_memory_utilization: { removed: '0.25', deprecated: '0.23', advice: 'use `vllm_gpu_memory_utilization=`', renamedTo: 'vllm_gpu_memory_utilization' },
    vllm_guided_decoding_regex: { removed: '0.27', advice: 'use `vllm_structured_outputs_regex=`', renamedTo: 'vllm_structured_outputs_regex' },
    judge: { removed: '1.1', advice: 'use a reward model (`reward_funcs=`; TRL 1.1 removed judges)' },
    use_transformers_paged: { removed: '1.2', advice: 'remove it' },
  },
};

/** Configs that subclass another one and lose its fields with it (`GKDConfig(SFTConfig)`, Nash-MD and XPO on Online DPO). */
const INHERITS: Record<string, string> = { GKDConfig: 'SFTConfig', NashMDConfig: 'OnlineDPOConfig', XPOConfig: 'OnlineDPOConfig' };

/** The removed fields of a config class, its own and its TRL base's. */
export function removedFields(cls: string): Record<string, Removed> | undefined {
  const base = INHERITS[cls];
  return base ? REMOVED[base] : REMOVED[cls];
}

const rule: Rule = {
  code: 'TL511',
  name: 'trl-config-argument-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['Config'],
  docs: `## What it does
Flags arguments of TRL's configs that the installed TRL no longer has: \`SFTConfig\` (and \`GKDConfig\`, built on it),
\`DPOConfig\`, \`GRPOConfig\`, \`KTOConfig\`, \`RLOOConfig\`, \`PPOConfig\`, \`CPOConfig\`, \`ORPOConfig\`, \`BCOConfig\`,
\`PRMConfig\` and \`OnlineDPOConfig\` (and \`NashMDConfig\`, \`XPOConfig\`), whether imported from \`trl\` or from
\`trl.experimental.<name>\`. For example \`GRPOConfig(max_prompt_length=…)\` on TRL ≥ 0.28, \`DPOConfig(max_prompt_length=…,
max_completion_length=…, rpo_alpha=…)\` on TRL ≥ 0.29, \`KTOConfig(max_prompt_length=…)\` on TRL ≥ 0.27,
\`RLOOConfig(rloo_k=…, kl_coef=…)\` on TRL ≥ 0.25 and the pre-0.12 \`PPOConfig(model_name=…, ppo_epochs=…)\` on TRL ≥ 0.12.

## Why is this bad?
TRL's configs are dataclasses: a field TRL removed makes the config raise
\`TypeError: DPOConfig.__init__() got an unexpected keyword argument 'max_prompt_length'\` before anything loads.
TRL 0.28 and 0.29 retired many of the arguments DPO and GRPO scripts set (announced one or two releases before
with \`<Deprecated version=…>\` notes), so a script that installs TRL unpinned gets the newest TRL and stops there.
During the deprecation the argument still works (information with the Deprecated tag); before it, the rule is silent.

Two trainers were rewritten whole. TRL 0.22 rebuilt \`RLOOTrainer\` on GRPO's design: \`rloo_k\`, \`cliprange\`,
\`kl_coef\`, \`num_ppo_epochs\`, \`response_length\`, … were mapped onto the new fields with a warning until 0.25 (the
migration table of the RLOO docs), while \`sft_model_path\`, \`reward_model_path\` and the batch-size bookkeeping fields
went at once. TRL 0.12 replaced the original \`PPOConfig\` (\`model_name\`, \`ppo_epochs\`, \`log_with\`,
\`init_kl_coef\`, …, deprecated by a FutureWarning in 0.11) with a \`TrainingArguments\` subclass: such a call gets one
finding that names every old argument it passes, since porting means rewriting the training loop, not renaming.

Unsloth is different: its patched configs (\`import unsloth\` before \`trl\`) drop a retired argument with a warning
from Unsloth ${UNSLOTH_ABSORBS} on (unslothai/unsloth#8330), so training runs but the setting has no effect (a
warning); an older Unsloth raises the TypeError too.

## Example
\`\`\`python
# pip install trl==0.29.0
from trl import DPOConfig

config = DPOConfig(output_dir="out", beta=0.1, max_prompt_length=512, max_length=1024)
\`\`\`

## Use instead
\`\`\`python
# pip install trl==0.29.0
from trl import DPOConfig

config = DPOConfig(output_dir="out", beta=0.1, max_length=1024)
\`\`\`

## Fix safety
Where TRL renamed the field (\`use_liger_loss\` → \`use_liger_kernel\`, \`wandb_log_unique_prompts\` →
\`log_unique_prompts\`, \`vllm_guided_decoding_regex\` → \`vllm_structured_outputs_regex\`, RLOO's \`rloo_k\` →
\`num_generations\`, \`kl_coef\` → \`beta\`, \`cliprange\` → \`epsilon\`, …, Online DPO's \`gpu_memory_utilization\` →
\`vllm_gpu_memory_utilization\`) the rename is safe on a
known TRL version that removed the old name. Other removals change what training does (a prompt limit is gone), so
no fix is offered: the message says what TRL advises instead.

## References
- huggingface/trl \`trl/trainer/*_config.py\`, \`trl/trainer/utils.py\` (\`OnPolicyConfig\`), \`base_config.py\` and
  \`trl/experimental/*/*_config.py\` at every tag v0.11.0–v1.9.0 (v1.9.0 is f2cd5771, 2026-07-21), each class's fields
  with those of its TRL bases, diffed between consecutive tags (\`scripts/trl-config-diff.py\` in trainlint's repository
  prints the diff); fields that only moved to \`TrainingArguments\`
  (\`use_liger_kernel\`, \`average_tokens_across_devices\`, \`run_name\`, \`lr_scheduler_kwargs\`, …) left out. The
  deprecation notes in \`dpo_config.py\` at v0.28.0, \`grpo_config.py\` and \`rloo_config.py\` at v0.27.0,
  \`trl/experimental/kto/kto_config.py\` at v0.27.2 (\`use_liger_loss\`), \`online_dpo_config.py\` at v0.23.0
- RLOO: huggingface/trl e7b37d4e ("[Refactor] RLOOTrainer", #3801, 2025-08-29, in v0.22.0) and
  \`docs/source/rloo_trainer.md\` at v0.22.0 ("Migration Guide from the old implementation (0.21 and below)");
  \`rloo_config.py\` at v0.22.0 ("deprecated and will be removed in version 0.25.0")
- KTO, CPO, ORPO, BCO, PRM: huggingface/trl #4792 and #4808 (v0.27.0: KTO's encoder-decoder support and prompt/completion
  limits), #4837, #4839, #4862, #4875, #4878, #4946, #4962–#4966 (v0.28.0, 2026-01/02), #5378 (v1.0.0:
  \`truncation_mode\`), #5551 (v1.2.0: KTO's \`generate_during_eval\`)
- PPO: huggingface/trl 70036bf8 ("Migration PPOv2 -> PPO", #2174, 2024-10-11, in v0.12.0); \`ppo_config.py\` at v0.11.0
  ("\`PPOConfig\` is deprecated and will be removed in the future"); #4945 (v0.28.0: \`exp_name\`)
- Online DPO, Nash-MD, XPO: \`online_dpo_config.py\` at v0.23.0 (\`dataset_num_proc\`, \`gpu_memory_utilization\` "will be
  removed in version 0.25.0"); #5485 (v1.1.0: judges removed), #5544 (v1.2.0: \`use_transformers_paged\`)
- unslothai/unsloth \`unsloth/models/rl_config_compat.py\` (#8330, 2026-08-10)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      const cls = call.qualified?.split('.').pop();
      const table = cls ? removedFields(cls) : undefined;
      if (!table || !isLibraryCall(call, [cls!], ['trl']) || typeErrorHandled(call.node)) continue;
      const legacy: string[] = [];
      for (const [name, arg] of call.keywords) {
        const entry = table[name];
        if (!entry || arg.siblings) continue; // a keyword spread in through `**` is not written here
        if (entry.legacy) {
          if (legacy.push(name) > 1) continue; // reported once, on the first, below
        }
        const v = driftVerdict(ctx, 'trl', entry.removed, entry.deprecated, call.node);
        if (!v) continue;
        const absorbed = v.phase === 'removed' && ctx.unsloth.patches ? unslothAbsorbs(ctx) : undefined;
        const severity = absorbed?.severity ?? v.severity;
        const outcome = absorbed ? `: ${absorbed.outcome}` : ', so the config raises "TypeError: … unexpected keyword argument"';
        const fixes: Fix[] = entry.renamedTo && v.phase === 'removed' && !call.keywords.has(entry.renamedTo)
          ? [{ title: `Rename ${name}= to ${entry.renamedTo}=`, applicability: 'safe', edits: [renameKeyword(ctx.source, arg, entry.renamedTo)] }]
          : [];
        const subject = entry.legacy ? legacySubject(call, table) : `\`${name}=\``;
        const message = v.phase === 'removed'
          ? `${subject} was removed from ${cls} in TRL ${entry.removed}${v.note}${outcome}; ${entry.advice}.`
          : v.phase === 'deprecated'
            ? `${subject} is deprecated${v.note} and removed from ${cls} in TRL ${entry.removed}; ${entry.advice}.`
            : `${subject} does not exist in ${cls} on TRL ≥ ${entry.removed} (${v.note.slice(2, -1)})${ctx.unsloth.patches ? `, where ${ABSORBED_OR_RAISES}` : ''}; ${entry.advice}, or pin \`trl<${entry.removed}\`.`;
        ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity, tags: v.tags, message, fixes });
      }
    }
  },
};

/** "`model_name=` (and `ppo_epochs=`, `log_with=`)": the legacy arguments a call passes, the first named. */
function legacySubject(call: CallFact, table: Record<string, Removed>): string {
  const names = [...call.keywords].filter(([n, a]) => table[n]?.legacy && !a.siblings).map(([n]) => `\`${n}=\``);
  return names.length > 1 ? `${names[0]} (and ${names.slice(1).join(', ')})` : names[0];
}

export default rule;
