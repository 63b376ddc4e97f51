import type { Fix } from '../diagnostics';
import { isLibraryCall } from '../domain/trainers';
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
}

/**
 * Fields TRL removed from its configs, read by diffing `trl/trainer/<name>_config.py` (and `base_config.py`) between
 * consecutive tags of huggingface/trl, v0.12.0 to v1.9.0, leaving out fields that only moved to `TrainingArguments`
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
};

const rule: Rule = {
  code: 'TL511',
  name: 'trl-config-argument-removed',
  severity: 'error',
  fix: 'sometimes',
  requires: ['Config'],
  docs: `## What it does
Flags arguments of TRL's \`SFTConfig\`, \`DPOConfig\` and \`GRPOConfig\` that the installed TRL no longer has, such as
\`GRPOConfig(max_prompt_length=…)\` on TRL ≥ 0.28 and \`DPOConfig(max_prompt_length=…, max_completion_length=…,
rpo_alpha=…)\` on TRL ≥ 0.29.

## Why is this bad?
TRL's configs are dataclasses: a field TRL removed makes the config raise
\`TypeError: DPOConfig.__init__() got an unexpected keyword argument 'max_prompt_length'\` before anything loads.
TRL 0.28 and 0.29 retired many of the arguments DPO and GRPO scripts set (announced one or two releases before
with \`<Deprecated version=…>\` notes), so a script that installs TRL unpinned gets the newest TRL and stops there.
During the deprecation the argument still works (information with the Deprecated tag); before it, the rule is silent.

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
\`log_unique_prompts\`, \`vllm_guided_decoding_regex\` → \`vllm_structured_outputs_regex\`) the rename is safe on a
known TRL version that removed the old name. Other removals change what training does (a prompt limit is gone), so
no fix is offered: the message says what TRL advises instead.

## References
- huggingface/trl \`trl/trainer/{sft,dpo,grpo}_config.py\` and \`base_config.py\` at every tag v0.12.0–v1.9.0; the
  deprecation notes in \`dpo_config.py\` at v0.28.0 and \`grpo_config.py\` at v0.27.0
- unslothai/unsloth \`unsloth/models/rl_config_compat.py\` (#8330, 2026-08-10)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      const cls = call.qualified?.split('.').pop();
      const table = cls ? REMOVED[cls] : undefined;
      if (!table || !isLibraryCall(call, [cls!], ['trl'])) continue;
      for (const [name, arg] of call.keywords) {
        const entry = table[name];
        if (!entry || arg.siblings) continue; // a keyword spread in through `**` is not written here
        const v = driftVerdict(ctx, 'trl', entry.removed, entry.deprecated, call.node);
        if (!v) continue;
        const absorbed = v.phase === 'removed' && ctx.unsloth.patches ? unslothAbsorbs(ctx) : undefined;
        const severity = absorbed?.severity ?? v.severity;
        const outcome = absorbed ? `: ${absorbed.outcome}` : ', so the config raises "TypeError: … unexpected keyword argument"';
        const fixes: Fix[] = entry.renamedTo && v.phase === 'removed' && !call.keywords.has(entry.renamedTo)
          ? [{ title: `Rename ${name}= to ${entry.renamedTo}=`, applicability: 'safe', edits: [renameKeyword(ctx.source, arg, entry.renamedTo)] }]
          : [];
        const message = v.phase === 'removed'
          ? `\`${name}=\` was removed from ${cls} in TRL ${entry.removed}${v.note}${outcome}; ${entry.advice}.`
          : v.phase === 'deprecated'
            ? `\`${name}=\` is deprecated${v.note} and removed from ${cls} in TRL ${entry.removed}; ${entry.advice}.`
            : `\`${name}=\` does not exist in ${cls} on TRL ≥ ${entry.removed} (${v.note.slice(2, -1)})${ctx.unsloth.patches ? `, where ${ABSORBED_OR_RAISES}` : ''}; ${entry.advice}, or pin \`trl<${entry.removed}\`.`;
        ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity, tags: v.tags, message, fixes });
      }
    }
  },
};
export default rule;
