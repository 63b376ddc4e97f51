import type { Fix } from '../diagnostics';
import { isConfigCall, isLibraryCall, overrides } from '../domain/trainers';
import type { ArgFact, CallFact } from '../facts/types';
import { evaluateBool, evaluateNumber, evaluateString } from '../facts/values';
import type { RuleContext } from './context';
import { removeArgument, renameKeyword, replaceNode } from './edits';
import { ABSORBED_OR_RAISES, driftVerdict, unslothAbsorbs, type DriftVerdict } from './drift';
import { typeErrorHandled } from '../domain/version-guards';
import type { Rule } from './rule';

type Applicability = 'safe' | 'unsafe';

/** One removed `TrainingArguments` field: when it went, what to do instead, and the fix where one is known. */
interface Removed {
  /** First transformers release without the field. */
  removedFrom: string;
  /** First release that warns (only where transformers 5 kept the field for a while). */
  deprecatedFrom?: string;
  /** What to do instead (the tail of the message). */
  advice: string;
  fix?: (ctx: RuleContext, call: CallFact, arg: ArgFact) => Fix[];
}

function rename(to: string): Removed['fix'] {
  return (ctx, call, arg) => {
    if (call.keywords.has(to)) return []; // the old name won over the new one: dropping it changes the run
    return [{ title: `Rename ${arg.name}= to ${to}=`, applicability: call.hasSplat ? 'unsafe' : 'safe', edits: [renameKeyword(ctx.source, arg, to)] }];
  };
}

/** Drop the argument: safe when it did nothing (always, or at the values in `noop`), otherwise unsafe. */
function drop(noop: (ctx: RuleContext, arg: ArgFact) => boolean = () => true): Removed['fix'] {
  return (ctx, call, arg) => [{
    title: `Remove ${arg.name}=`,
    applicability: noop(ctx, arg) ? 'safe' : 'unsafe',
    edits: [removeArgument(ctx.source, call, arg)],
  }];
}

const isFalse = (ctx: RuleContext, arg: ArgFact) => evaluateBool(ctx.facts, arg.value) === false;
const isString = (...values: string[]) => (ctx: RuleContext, arg: ArgFact) => {
  const s = evaluateString(ctx.facts, arg.value);
  return s !== undefined && values.includes(s);
};

/** A boolean flag whose `True` becomes another argument's value (`tpu_metrics_debug=True` → `debug="tpu_metrics_debug"`). */
function flagTo(to: string, value: string): Removed['fix'] {
  return (ctx, call, arg) => {
    const b = evaluateBool(ctx.facts, arg.value);
    if (b === false) return [{ title: `Remove ${arg.name}=False (the default)`, applicability: 'safe', edits: [removeArgument(ctx.source, call, arg)] }];
    if (b !== true || call.keywords.has(to) || call.hasSplat || arg.node.type === 'pair') return [];
    return [{ title: `Use ${to}=${value}`, applicability: 'safe', edits: [replaceNode(ctx.source, arg.node, `${to}=${value}`)] }];
  };
}

const V5 = '5.0';

/**
 * transformers 5.0: MIGRATION_GUIDE_V5.md@048bd927 ("Removing arguments without deprecation cycle" and "Removing
 * deprecated arguments in `TrainingArguments`"), the removals merged before v5.0.0rc0 (PRs #41017, #41123, #41323,
 * #41404, #41489), and `training_args.py`@00349ae8 (a 5.x release that still has `warmup_ratio`) has none of these
 * fields. `warmup_ratio` and `logging_dir` were kept in 5.0 with a warning and went in 5.15; `group_by_length` became
 * `train_sampling_strategy` in 5.2 (see the docs).
 */
export const REMOVED: Readonly<Record<string, Removed>> = {
  overwrite_output_dir: { removedFrom: V5, advice: 'the Trainer never read it (resume with `resume_from_checkpoint=`); drop it', fix: drop() },
  mp_parameters: { removedFrom: V5, advice: 'only the SageMaker launcher read it; drop it', fix: drop() },
  jit_mode_eval: { removedFrom: V5, advice: 'TorchScript evaluation is gone; use `torch_compile=True`', fix: drop(isFalse) },
  tpu_num_cores: { removedFrom: V5, advice: 'set the `TPU_NUM_CORES` environment variable instead', fix: drop((ctx, a) => a.value?.type === 'none') },
  past_index: { removedFrom: V5, advice: 'the Trainer no longer feeds past states back to the model; drop it', fix: drop((ctx, a) => evaluateNumber(ctx.facts, a.value) === -1) },
  ray_scope: { removedFrom: V5, advice: 'set the `RAY_SCOPE` environment variable instead', fix: drop(isString('last')) },
  fsdp_min_num_params: { removedFrom: V5, advice: 'pass `fsdp_config={"min_num_params": …}`' },
  fsdp_transformer_layer_cls_to_wrap: { removedFrom: V5, advice: 'pass `fsdp_config={"transformer_layer_cls_to_wrap": [...]}`' },
  tpu_metrics_debug: { removedFrom: V5, advice: 'use `debug="tpu_metrics_debug"`', fix: flagTo('debug', '"tpu_metrics_debug"') },
  push_to_hub_token: { removedFrom: V5, advice: 'use `hub_token=`', fix: rename('hub_token') },
  push_to_hub_model_id: { removedFrom: V5, advice: 'use `hub_model_id="organization/model"`' },
  push_to_hub_organization: { removedFrom: V5, advice: 'use `hub_model_id="organization/model"`' },
  include_inputs_for_metrics: { removedFrom: V5, advice: 'use `include_for_metrics=["inputs"]`', fix: flagTo('include_for_metrics', '["inputs"]') },
  per_gpu_train_batch_size: { removedFrom: V5, advice: 'use `per_device_train_batch_size=`', fix: rename('per_device_train_batch_size') },
  per_gpu_eval_batch_size: { removedFrom: V5, advice: 'use `per_device_eval_batch_size=`', fix: rename('per_device_eval_batch_size') },
  use_mps_device: { removedFrom: V5, advice: 'MPS is used by default when available; drop it', fix: drop() },
  fp16_backend: { removedFrom: V5, advice: 'mixed precision always uses torch.amp now; drop it', fix: drop(isString('auto')) },
  half_precision_backend: { removedFrom: V5, advice: 'mixed precision always uses torch.amp now; drop it', fix: drop(isString('auto')) },
  no_cuda: { removedFrom: V5, advice: 'use `use_cpu=`', fix: rename('use_cpu') },
  include_tokens_per_second: { removedFrom: V5, advice: 'drop it (`include_num_input_tokens_seen=` counts tokens)', fix: drop(isFalse) },
  use_legacy_prediction_loop: { removedFrom: V5, advice: 'only `evaluation_loop` is left; drop it', fix: drop(isFalse) },
  use_ipex: { removedFrom: V5, advice: 'the Intel Extension for PyTorch option is gone; drop it', fix: drop(isFalse) },
  group_by_length: {
    removedFrom: '5.2',
    advice: 'use `train_sampling_strategy="group_by_length"` (transformers ≥ 5.2)',
    fix: flagTo('train_sampling_strategy', '"group_by_length"'),
  },
  warmup_ratio: {
    removedFrom: '5.15', deprecatedFrom: V5,
    advice: 'use `warmup_steps=` (from transformers 5.0 a float below 1 is a ratio of the training steps)',
    fix: (ctx, call, arg) => {
      const r = evaluateNumber(ctx.facts, arg.value);
      // warmup_steps=0.1 means 10 % only from 5.0, and warmup_steps=1.0 is one step, not all of them.
      if (call.keywords.has('warmup_steps') || call.hasSplat || r === undefined || !(r >= 0 && r < 1)) return [];
      return [{ title: 'Rename warmup_ratio= to warmup_steps= (a float below 1 is a ratio)', applicability: 'safe', edits: [renameKeyword(ctx.source, arg, 'warmup_steps')] }];
    },
  },
  logging_dir: {
    removedFrom: '5.15', deprecatedFrom: V5,
    advice: 'set the `TENSORBOARD_LOGGING_DIR` environment variable instead', fix: drop(() => false),
  },
};

/** TRL's configs: Unsloth generates patched copies of them (a plain `TrainingArguments` is not patched). */
const TRL_CONFIGS = ['SFTConfig', 'DPOConfig', 'ORPOConfig', 'KTOConfig', 'CPOConfig', 'RewardConfig', 'GRPOConfig'];

const rule: Rule = {
  code: 'TL510',
  name: 'training-args-removed-in-v5',
  severity: 'error',
  fix: 'sometimes',
  requires: [...Object.keys(REMOVED), 'model_path'],
  docs: `## What it does
Flags \`TrainingArguments\` keyword arguments that transformers 5 removed, in \`TrainingArguments\`,
\`Seq2SeqTrainingArguments\` and the configs built on it (\`SFTConfig\`, \`DPOConfig\`, \`GRPOConfig\`, …,
\`UnslothTrainingArguments\`): \`overwrite_output_dir\`, \`no_cuda\`, \`per_gpu_train_batch_size\`,
\`per_gpu_eval_batch_size\`, \`push_to_hub_token\`, \`push_to_hub_model_id\`, \`push_to_hub_organization\`,
\`include_inputs_for_metrics\`, \`use_mps_device\`, \`fp16_backend\`, \`half_precision_backend\`,
\`include_tokens_per_second\`, \`use_legacy_prediction_loop\`, \`tpu_metrics_debug\`, \`fsdp_min_num_params\`,
\`fsdp_transformer_layer_cls_to_wrap\`, \`mp_parameters\`, \`jit_mode_eval\`, \`tpu_num_cores\`, \`past_index\`,
\`ray_scope\`, \`use_ipex\` (all gone in 5.0), \`group_by_length\` (gone in 5.2, replaced by
\`train_sampling_strategy="group_by_length"\`), and \`warmup_ratio\`, \`logging_dir\` (gone in 5.15). Also the
argument of the training call itself that transformers 5 removed: \`trainer.train(model_path=…)\` (use
\`resume_from_checkpoint=\`).

## Why is this bad?
\`TrainingArguments\` is a dataclass, so a keyword it no longer has fails at once:
\`TypeError: TrainingArguments.__init__() got an unexpected keyword argument 'overwrite_output_dir'\` (from
\`HfArgumentParser\`: "Some specified arguments are not used"). A script written for transformers 4 that installs
transformers unpinned gets transformers 5. transformers 4.x kept every one of these names to its last release (most
of them with a deprecation warning), so the rule is silent on 4.x.

\`warmup_ratio\` and \`logging_dir\`, listed as removed by the v5 migration guide, were in fact kept in 5.0 with a
warning ("warmup_ratio is deprecated and will be removed in v5.2. Use \`warmup_steps\` instead"; \`logging_dir\`:
"set \`TENSORBOARD_LOGGING_DIR\` instead") and removed only in 5.15: information with the Deprecated tag on
5.0–5.14, an error from 5.15. On transformers < 5 \`warmup_steps\` is an integer, so \`warmup_ratio\` is the only
way to give a ratio there and the rule is silent.

\`group_by_length\` is not in the migration guide: the sampler unification (transformers PR #43138) replaced it with
\`train_sampling_strategy\` (\`"random"\`, \`"sequential"\`, \`"group_by_length"\`) in 5.2.0, the release from which
TRL's KTO trainer relies on that field and for which ms-swift re-declared \`group_by_length\` in its own arguments.

The TRL configs subclass \`TrainingArguments\`, so they fail the same way with transformers 5, whatever TRL
release is installed. When \`unsloth\` is imported first, Unsloth's patched TRL configs drop an argument their base no
longer accepts with a warning from Unsloth 2026.8.15 on (unslothai/unsloth#8330, \`rl_config_compat.py\`): training
runs but the setting has no effect, so the rule is a warning there; information when Unsloth's version is unknown (an
older Unsloth raises the TypeError too). A plain \`TrainingArguments\` is never patched. A dropped \`warmup_ratio\`
leaves the warmup of Unsloth's own default, \`warmup_steps=0.1\` on transformers ≥ 5 (unslothai/unsloth PR #4019,
\`unsloth/models/rl.py\` \`replacements["warmup_steps"] = 0.1\`), a ratio: \`warmup_ratio=0.1\` trains as asked and is
information, as is a \`warmup_ratio\` beside a \`warmup_steps\` above 0 (which set the warmup on every release); another
ratio (\`0.03\`) warms up over 10% of the steps instead, a warning that says so.

\`trainer.train(model_path=…)\` was deprecated for \`resume_from_checkpoint=\` in transformers 4.3 (a FutureWarning
through 4.x: information with the Deprecated tag); transformers 5 dropped the \`**kwargs\` of \`train()\` that still took
it, so the call raises TypeError once the model, data and trainer are built. TRL's and Unsloth's trainers inherit
\`train()\`; a script's subclass that defines its own \`train\` is not checked.

## Example
\`\`\`python
# pip install transformers==5.2.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", overwrite_output_dir=True, no_cuda=True, per_gpu_train_batch_size=8)
\`\`\`

## Use instead
\`\`\`python
# pip install transformers==5.2.0
from transformers import TrainingArguments

args = TrainingArguments(output_dir="out", use_cpu=True, per_device_train_batch_size=8)
\`\`\`

## Fix safety
\`model_path=\` → \`resume_from_checkpoint=\` is safe on a known transformers ≥ 4.3 (the same value, read the same way).
Safe fixes on versions that removed the name: renames to the field that replaced it (\`no_cuda\` → \`use_cpu\`,
\`per_gpu_*\` → \`per_device_*\`, \`push_to_hub_token\` → \`hub_token\`, \`include_inputs_for_metrics=True\` →
\`include_for_metrics=["inputs"]\`, \`tpu_metrics_debug=True\` → \`debug="tpu_metrics_debug"\`, \`group_by_length=True\` →
\`train_sampling_strategy="group_by_length"\`), only when the new
name is not given too (the old one won in 4.x, so dropping it would change the run); removal of arguments the
Trainer never acted on (\`overwrite_output_dir\`, \`mp_parameters\`, \`use_mps_device\`) or that are given their
default (\`use_legacy_prediction_loop=False\`, \`half_precision_backend="auto"\`, …). \`warmup_ratio=0.1\` →
\`warmup_steps=0.1\` is safe only for a literal below 1 on transformers ≥ 5.0 (older releases read
\`warmup_steps\` as a step count). Removing an argument that did something (\`logging_dir\`, \`jit_mode_eval=True\`,
\`ray_scope\`, …) is unsafe. With an unknown version every fix is unsafe. \`fsdp_*\` and \`push_to_hub_model_id\` /
\`push_to_hub_organization\` have no fix (their values move into \`fsdp_config\` / \`hub_model_id\`).

## References
- huggingface/transformers MIGRATION_GUIDE_V5.md@048bd927cf5b0ea0614cb56aff7f97f1941a6775 ("Trainer"
  section); PRs #41017 ("[V5] Remove deprecated training arguments"), #41123 (legacy prediction loop), #41323
  (\`overwrite_output_dir\`), #41404 (\`half_precision_backend\`, \`include_tokens_per_second\`), #41489
  (\`mp_parameters\`), #41383 (\`tpu_num_cores\`), #41384 (\`past_index\`), #41403 (\`ray_scope\`), #41376
  (\`jit_mode_eval\`), #40784 (\`use_ipex\`), all merged before v5.0.0rc0; #41326 and #42813 (\`warmup_ratio\`
  deprecated instead); #43138 (train sampler unification: \`train_sampling_strategy\`)
- \`train(model_path=)\`: huggingface/transformers PR #9854 (2021-01-27, "Deprecate model_path in Trainer.train", in
  v4.3.0), PR #41127 ("[v5] Remove train kwargs", 2025-09, before v5.0.0rc0); MIGRATION_GUIDE_V5.md@048bd927
  ("Removing deprecated arguments in \`Trainer\`: \`model_path\` in train() -> \`resume_from_checkpoint\`");
  \`src/transformers/trainer.py\` of the transformers 5.18.0 wheel (\`def train(self, resume_from_checkpoint=None,
  trial=None, ignore_keys_for_eval=None)\`, no \`**kwargs\`) against 4.57.6 (\`"model_path" in kwargs\` with a FutureWarning)
- huggingface/transformers src/transformers/training_args.py@00349ae87eddc872ffa21a8a54f264375a0056a8 (a 5.x
  release): none of the 5.0 names is a field; \`warmup_ratio\` and \`logging_dir\` are, under "Deprecated / Internal",
  with the warnings quoted above; no \`group_by_length\`, a \`train_sampling_strategy\` field instead
- huggingface/trl commits 976a2c08 (#4691, "push_to_hub_token is removed" in transformers 5.0.0) and 239c74d9
  (#4942: \`SFTTrainer\` pops \`push_to_hub_token\` only \`if Version(transformers.__version__) < Version("5.0.0")\`)
- hiyouga/LLaMA-Factory d9d67ba6 (re-declares \`overwrite_output_dir\` "for transformers >= 5.0"); ROCm/MAD#136
  ("Some specified arguments are not used by the HfArgumentParser: ['--overwrite_output_dir']", 2026-03)
- vllm-project/semantic-router#3925 and PR #3940 (bisect: transformers 5.14.1 accepts \`warmup_ratio\` and
  \`logging_dir\`, 5.15.0 and 5.17.0 raise \`TypeError\`); unslothai/unsloth PR #4019 (\`warmup_steps\` as a ratio
  from 5.0); unslothai/unsloth unsloth/models/rl_config_compat.py@015bdef0 (#8330, 2026-08-10: arguments the
  config's base rejects are dropped with a warning)
`,
  check(ctx) {
    for (const call of ctx.facts.calls) {
      if (!isConfigCall(call) || typeErrorHandled(call.node)) continue;
      for (const [name, arg] of call.keywords) {
        const entry = REMOVED[name];
        if (!entry) continue;
        const v = driftVerdict(ctx, 'transformers', entry.removedFrom, entry.deprecatedFrom, call.node);
        if (!v) continue;
        report(ctx, call, arg, entry, v);
      }
    }
    checkTrainModelPath(ctx);
  },
};

/**
 * `trainer.train(model_path=…)`: deprecated for `resume_from_checkpoint=` in transformers 4.3 (PR #9854), kept in
 * `**kwargs` with a FutureWarning through 4.x, and gone with those `**kwargs` in 5.0 (PR #41127): `train()` raises
 * TypeError. Every library trainer (TRL's, Unsloth's) inherits `Trainer.train`; a script subclass that defines its own
 * `train` is left alone.
 */
function checkTrainModelPath(ctx: RuleContext): void {
  for (const t of ctx.trainers) {
    if (overrides(t, ['train'])) continue;
    for (const call of ctx.facts.calls) {
      if (call.method !== 'train' || !call.receiver) continue;
      const onTrainer = t.variable ? call.receiver.text === t.variable && call.node.startIndex > t.call.node.startIndex : call.receiver.id === t.call.node.id;
      const arg = onTrainer ? call.keywords.get('model_path') : undefined;
      if (!arg || arg.siblings || typeErrorHandled(call.node)) continue;
      const v = driftVerdict(ctx, 'transformers', V5, '4.3', call.node);
      if (!v) continue;
      const fixes: Fix[] = call.keywords.has('resume_from_checkpoint') ? [] : [{
        title: 'Rename model_path= to resume_from_checkpoint=',
        applicability: v.phase === 'unknown' ? 'unsafe' : 'safe',
        edits: [renameKeyword(ctx.source, arg, 'resume_from_checkpoint')],
      }];
      const message = v.phase === 'removed'
        ? `\`model_path=\` was removed from ${t.kind}.train() in transformers 5${v.note}: it raises "TypeError: … unexpected keyword argument 'model_path'"; use \`resume_from_checkpoint=\`.`
        : v.phase === 'deprecated'
          ? `\`model_path=\` of ${t.kind}.train() is deprecated${v.note} and removed in transformers 5; use \`resume_from_checkpoint=\`.`
          : `\`model_path=\` is rejected by ${t.kind}.train() with transformers ≥ 5.0 (deprecated from 4.3; ${v.note.slice(2, -1)}); use \`resume_from_checkpoint=\`.`;
      ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity: v.severity, tags: v.tags, message, fixes });
    }
  }
}

function report(ctx: RuleContext, call: CallFact, arg: ArgFact, entry: Removed, v: DriftVerdict): void {
  const cls = call.calleeText.split('.').pop();
  const name = arg.name;
  const patched = ctx.unsloth.patches && isLibraryCall(call, TRL_CONFIGS, ['trl']);
  const fixes = (entry.fix?.(ctx, call, arg) ?? []).map((f) => v.phase === 'unknown' ? { ...f, applicability: 'unsafe' as Applicability } : f);
  const since = entry.removedFrom === V5 ? 'transformers 5' : `transformers ${entry.removedFrom}`;
  let absorbed = v.phase === 'removed' && patched ? unslothAbsorbs(ctx) : undefined;
  if (absorbed?.severity === 'warning' && name === 'warmup_ratio') absorbed = warmupUnderUnsloth(ctx, call, arg) ?? absorbed;
  const severity = absorbed?.severity ?? v.severity;
  const outcome = absorbed?.outcome ?? `it raises "unexpected keyword argument '${name}'"`;
  let message: string;
  if (v.phase === 'removed') {
    message = `\`${name}=\` was removed from ${cls} in ${since}${v.note}: ${outcome}; ${entry.advice}.`;
  } else if (v.phase === 'deprecated') {
    message = `\`${name}=\` is deprecated${v.note} and removed in ${since}; ${entry.advice}.`;
  } else {
    const dep = entry.deprecatedFrom ? ` (deprecated from ${entry.deprecatedFrom}; ` : ' (';
    message = `\`${name}=\` is rejected by ${cls} with transformers ≥ ${entry.removedFrom}${dep}${v.note.slice(2, -1)})${patched ? `, where ${ABSORBED_OR_RAISES}` : ''}; ${entry.advice} on those versions.`;
  }
  ctx.report({ node: arg.node.childForFieldName('name') ?? arg.node, severity, tags: v.tags, message, fixes });
}

/**
 * Unsloth's patched TRL configs default `warmup_steps` to 0.1 on transformers ≥ 5 (unslothai/unsloth#4019, in every
 * release that drops a removed argument: `unsloth/models/rl.py` `replacements["warmup_steps"] = 0.1`, blame 936c1842
 * of 2026-03-14 at 015bdef0), and a `warmup_steps` below 1 is a ratio there. A dropped `warmup_ratio` leaves that
 * default, or the script's own `warmup_steps`: the warmup is 10% of the steps, or what `warmup_steps` asked for (which
 * won over the ratio on every release). Undefined when the call's arguments cannot be read.
 */
function warmupUnderUnsloth(ctx: RuleContext, call: CallFact, arg: ArgFact): { severity: 'warning' | 'information'; outcome: string } | undefined {
  const dropped = "Unsloth's patched config drops it with a warning";
  const steps = call.keywords.get('warmup_steps');
  if (steps) {
    const n = evaluateNumber(ctx.facts, steps.value);
    return n !== undefined && n > 0
      ? { severity: 'information', outcome: `${dropped}; \`warmup_steps=${steps.value.text}\`, given too, sets the warmup as it did before` }
      : undefined;
  }
  if (call.hasSplat) return undefined;
  const ratio = evaluateNumber(ctx.facts, arg.value);
  if (ratio === 0.1) return { severity: 'information', outcome: `${dropped} and keeps its own default \`warmup_steps=0.1\`, the same warmup of 10% of the steps` };
  const asked = ratio === undefined ? 'the ratio asked for' : `${+(ratio * 100).toFixed(4)}%`;
  return { severity: 'warning', outcome: `${dropped} and warms up with its own default \`warmup_steps=0.1\` (10% of the steps) instead of ${asked}` };
}

export default rule;
