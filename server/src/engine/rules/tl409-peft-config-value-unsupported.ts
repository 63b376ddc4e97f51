import type { Severity } from '../diagnostics';
import {
  ALL_LINEAR_FROM, INIT_STRINGS_CHECKED_FROM, INIT_VALUES_AT_LAST, initLoraWeightsValue, PEFT_CONFIG_CLASSES, PEFT_LAST_READ,
  PROMPT_LEARNING_CONFIGS, TASK_TYPE_CHECKED_FROM, TASK_TYPES,
} from '../domain/peft-config-values';
import { closestName } from '../domain/names';
import { callName, isLibraryCall } from '../domain/trainers';
import { CATCHES_VALUE_ERROR, caughtBy, versionGuard } from '../domain/version-guards';
import { insideExpectedRaise } from '../domain/expected-raise';
import { callsWhere } from '../facts/selections';
import type { ArgFact, CallFact } from '../facts/types';
import type { PyValue } from '../facts/values';
import type { RuleContext } from './context';
import { isTrue, readFrom, report as reportAt, standing, str, truthy, written } from './peft-value-checks';
import { tunerConfigValues } from './peft-tuner-config-values';
import { unslothPeftValues } from './unsloth-peft-values';
import type { Rule } from './rule';

const CONFIG_NAMES: readonly string[] = PEFT_CONFIG_CLASSES;
/** A call named like one of PEFT's configs (a selection test for `callsWhere`). */
const isPeftConfigCall = (call: CallFact): boolean => CONFIG_NAMES.includes(callName(call));
/** A call named `get_peft_model` (a selection test for `callsWhere`). */
const isGetPeftModelCall = (call: CallFact): boolean => callName(call) === 'get_peft_model';

const rule: Rule = {
  code: 'TL409',
  name: 'peft-config-value-unsupported',
  severity: 'error',
  fix: 'none',
  requires: [...PEFT_CONFIG_CLASSES, 'get_peft_model'],
  docs: `## What it does
Flags a PEFT config (from \`peft\`) whose literal values the script's PEFT release refuses. \`LoraConfig\`:

- \`init_lora_weights=\` a string the release does not know: \`"gaussian"\` and \`"loftq"\` came in PEFT 0.7,
  \`"pissa"\` / \`"pissa_niter_<n>"\` in 0.11, \`"olora"\` in 0.12, \`"eva"\` in 0.14, \`"corda"\` in 0.15,
  \`"orthogonal"\` in 0.16, \`"lora_ga"\` in 0.19, \`"mica"\` in 0.20; a string no release has (\`"guassian"\`) is
  refused by every release from 0.7;
- \`init_lora_weights="loftq"\` without \`loftq_config=\` (PEFT ≥ 0.7);
- \`target_modules="all-linear"\` before PEFT 0.8;
- \`task_type=\` a string that is not a \`TaskType\` (\`"CAUSAL_LM"\`, \`"SEQ_CLS"\`, \`"SEQ_2_SEQ_LM"\`, \`"TOKEN_CLS"\`,
  \`"QUESTION_ANS"\`, \`"FEATURE_EXTRACTION"\`): \`"causal_lm"\`, \`"CAUSAL_LLM"\` (PEFT ≥ 0.14);
- \`lora_bias=True\` with \`use_dora=True\` or with an \`init_lora_weights\` string (PEFT ≥ 0.14, the release that added
  \`lora_bias\`); \`use_dora=True\` with \`init_lora_weights="loftq"\` (PEFT 0.9 only);
- \`layers_to_transform=\` or \`layers_pattern=\` with a string \`target_modules\` (a regular expression; PEFT ≥ 0.6).

And the other PEFT configs' values, refused by their \`__post_init__\` as the config is built:

- \`task_type=\` a string that is not a \`TaskType\`, in any PEFT config (\`AdaLoraConfig\`, \`IA3Config\`, \`LoHaConfig\`,
  \`LoKrConfig\`, \`VeraConfig\`, \`OFTConfig\`, \`BOFTConfig\`, \`PromptTuningConfig\`, \`PrefixTuningConfig\`,
  \`PromptEncoderConfig\`; PEFT ≥ 0.14);
- \`layers_pattern=\` without \`layers_to_transform=\` (LoRA, AdaLoRA, LoHa, LoKr, VeRA, OFT, BOFT; PEFT ≥ 0.14);
- \`AdaLoraConfig\` without \`total_step=\` (or \`total_step\` None or ≤ 0), or with \`tinit >= total_step - tfinal\`
  (PEFT ≥ 0.15); \`use_dora=True\` (PEFT ≥ 0.11);
- \`IA3Config(feedforward_modules=)\` naming a module its \`target_modules\` list does not (PEFT ≥ 0.6.1);
- \`BOFTConfig\` with both \`boft_block_size\` (default 4) and \`boft_block_num\` non-zero, or both 0 (PEFT ≥ 0.11);
- \`OFTConfig\` with both \`r\` and \`oft_block_size\` non-zero, or both 0, counting the release's defaults (r=8,
  oft_block_size=0 at PEFT 0.14–0.15; r=0, oft_block_size=32 from 0.16): \`OFTConfig(r=8)\` fails from 0.16;
- \`PromptTuningConfig(prompt_tuning_init="TEXT")\` without \`tokenizer_name_or_path=\` or \`prompt_tuning_init_text=\`
  (PEFT ≥ 0.10); \`tokenizer_kwargs=\` with another initialization (PEFT ≥ 0.7); and \`prompt_tuning_init=\` a string
  that is no \`PromptTuningInit\` value (\`"text"\`: a warning, the random initialization happens instead), or
  \`"SAMPLE_VOCAB"\` before PEFT 0.18 (a warning, the same).

And in Unsloth's \`FastLanguageModel.get_peft_model(...)\` / \`FastModel.get_peft_model(...)\`: \`init_lora_weights=\` a string
other than \`"gaussian"\`, \`"loftq"\` and (from Unsloth 2025.12.9) \`"corda"\` — compared with \`==\`, so \`"Gaussian"\` too —
which Unsloth refuses before PEFT sees it (Unsloth ≥ 2025.7 known; silent otherwise). And in
\`FastLanguageModel.get_peft_model(...)\`: \`modules_to_save=[…]\` with a name other than exactly \`"lm_head"\` or
\`"embed_tokens"\`, which Unsloth's llama.py path refuses (an error with Unsloth 2024.5–2025.3.9 known, where every model
takes that path; information otherwise, as from 2025.3.10 the models Unsloth loads through \`FastModel\` take any name;
\`FastModel\` / \`FastVisionModel\` are not checked).

Only values the script writes as literals (or constants it can evaluate) are read; a keyword the class does not have
is TL514's.

## Why is this bad?
\`LoraConfig\` is a dataclass: its type hints are not checked, so an unknown value passes the constructor and fails
later. The combinations are refused by \`LoraConfig.__post_init__\` as the config is built
(\`ValueError: The argument lora_bias=True is not supported for DoRA, please pass use_dora=False\`); an
\`init_lora_weights\` string the release does not have, or \`"all-linear"\` before 0.8, fails when \`get_peft_model\` (or a
TRL trainer given \`peft_config=\`) wraps the model: \`ValueError: Unknown initialization init_lora_weights='pissa'\`,
\`ValueError: Target modules all-linear not found in the base model\` — after the model has loaded. PEFT before 0.7 does
not raise on an \`init_lora_weights\` string: any non-empty string is the default initialization there, so PiSSA, LoftQ
or Gaussian initialization silently does not happen (a warning). PEFT before 0.14 does not check \`task_type\`:
\`get_peft_model\` returns a plain \`PeftModel\` instead of the task's class (information).

The other configs' checks fail the same way, as the config is built; \`OFTConfig(r=8)\` written for PEFT ≤ 0.15 fails
from 0.16, whose default \`oft_block_size=32\` makes both non-zero. A \`prompt_tuning_init\` PEFT does not know raises
nothing: the virtual tokens are initialized at random, and the run trains from a worse start than the script asked for.
Unsloth's \`get_peft_model\` refuses PEFT's newer initializations (PiSSA, OLoRA, EVA) after the model has loaded, and
its llama.py path any \`modules_to_save\` name but the two it trains in full (\`TypeError: Unsloth: Module = score is not
allowed. Only 'lm_head' and 'embed_tokens' is allowed.\`).

With the script's PEFT version known (pinned, installed) the finding is an error. With the version unknown, a value
that some release read takes (\`"pissa"\`, \`"all-linear"\`) is not reported: the script was most likely written for a
release that has it, as TL514 treats a field of some release. A value no release takes, or a combination that fails
wherever it is checked, is information; a combination an older release of the same
class took (\`AdaLoraConfig\` without \`total_step\` before 0.15, a lone \`layers_pattern\` before 0.14, IA³'s
\`feedforward_modules\` before 0.6.1, TEXT prompt tuning without a tokenizer before 0.10) is not reported. Quiet for a
call in a branch the script keeps to some PEFT versions, and for a config (or, for the values that fail when the model
is wrapped, a \`get_peft_model\` call) inside a \`try\` whose handler catches ValueError.

## Example
\`\`\`python
# pip install peft==0.10.0
from peft import LoraConfig

config = LoraConfig(r=16, init_lora_weights="pissa", target_modules="all-linear", task_type="CAUSAL_LM")
\`\`\`

## Use instead
\`\`\`python
# pip install peft==0.13.2
from peft import LoraConfig

config = LoraConfig(r=16, init_lora_weights="pissa", target_modules="all-linear", task_type="CAUSAL_LM")
\`\`\`

## Fix safety
No fix: upgrading PEFT, dropping the initialization or naming the modules are all valid, and only the user knows
which one the script meant.

## References
- huggingface/peft at every release tag v0.3.0–v0.20.0 (v0.20.0 is commit a5526d27) and the peft 0.21.0 wheel:
  \`src/peft/tuners/lora/layer.py\` (\`src/peft/tuners/lora.py\` before 0.6), \`LoraLayer.update_layer\`: before v0.7.0
  only \`if init_lora_weights:\`; from v0.7.0 (2665f80a) \`"loftq"\`, else \`reset_lora_parameters\`, which takes True and
  \`.lower() == "gaussian"\` and raises \`ValueError(f"Unknown initialization {init_lora_weights=}")\` for any other string;
  \`startswith("pissa")\` → \`pissa_init\` from v0.11.0 (06499473), \`.lower() == "olora"\` from v0.12.0 (e6cd24c9),
  \`"eva"\` from v0.14.0 (de88c703), \`startswith("corda")\` from v0.15.0 (b34d8a2c), \`"orthogonal"\` from v0.16.0
  (45996a1d), \`"lora_ga"\` from v0.19.0 (6d5a6f4f), \`.lower() == "mica"\` from v0.20.0; the 0.21.0 wheel takes the same
  strings as v0.20.0
- \`src/peft/tuners/lora/config.py\`, \`LoraConfig.__post_init__\`: "loftq_config must be specified when init_lora_weights is
  'loftq'" from v0.7.0; \`"DoRA does not support megatron_core or LoftQ"\` at v0.9.0 only
  (v0.10.0 keeps megatron_core alone); \`lora_bias=True\` "is only supported with init_lora_weights=True or False" and
  "is not supported for DoRA" from v0.14.0 through the 0.21.0 wheel; \`layers_to_transform\` / \`layers_pattern\` "cannot be
  used when target_modules is a str" from v0.6.0
- \`src/peft/tuners/tuners_utils.py\`: \`_maybe_include_all_linear_layers\` (\`target_modules.lower() == "all-linear"\`)
  from v0.8.0 (30889ef2); before it a string \`target_modules\` is \`re.fullmatch\`ed against module names and
  \`inject_adapter\` raises "Target modules … not found in the base model"
- \`src/peft/config.py\`, \`PeftConfigMixin.__post_init__\`: "Invalid task type" from v0.14.0 (\`LoraConfig.__post_init__\`
  calls it); \`src/peft/utils/peft_types.py\` \`TaskType\`, the same six values at every tag from v0.14.0 (four at v0.3.0); before v0.14.0
  \`src/peft/mapping.py\` \`get_peft_model\` returns \`PeftModel\` for a task type it does not map (not for a prompt-learning
  config, which it looks up in the mapping: no finding before 0.14 there)
- The other configs, \`src/peft/tuners/<tuner>/config.py\` at every tag v0.6.0–v0.20.0 and the 0.21.0 wheel: each
  \`__post_init__\` calls \`super().__post_init__()\` (the task-type check) from v0.14.0; "When \`layers_pattern\` is
  specified, \`layers_to_transform\` must also be specified." in lora, adalora, loha, lokr, vera, oft and boft from v0.14.0
  (the 0.21.0 wheel asks \`layers_to_transform is None\` instead of falsy: the rule reports only a missing or None one);
  adalora "does not support DoRA" from v0.11.0, "AdaLoRA does not work when \`total_step\` is None, supply a value > 0."
  and "The supplied schedule values don't allow for a budgeting phase" from v0.15.0 (\`tinit\`, \`tfinal\` default 0);
  ia3 "\`feedforward_modules\` should be a subset of \`target_modules\`" from v0.6.1; boft "not both simultaneously" /
  non-zero checks from v0.11.0 (\`boft_block_size\` default 4, \`boft_block_num\` 0 at every tag); oft the same for \`r\` /
  \`oft_block_size\` from v0.14.0, with defaults r=8, oft_block_size=0 at v0.14.0–v0.15.2 and r=0, oft_block_size=32 from
  v0.16.0; prompt_tuning "When prompt_tuning_init='TEXT', tokenizer_name_or_path / prompt_tuning_init_text can't be None"
  from v0.10.0, "tokenizer_kwargs only valid when using prompt_tuning_init='TEXT'" from v0.7.0, \`PromptTuningInit\` a
  \`str\` enum with \`SAMPLE_VOCAB\` from v0.18.0, and \`src/peft/tuners/prompt_tuning/model.py\` \`PromptEmbedding\` comparing
  \`config.prompt_tuning_init == PromptTuningInit.TEXT\` (else the random \`nn.Embedding\`) at every tag
- unslothai/unsloth: \`unsloth/models/llama.py\` \`FastLlamaModel.get_peft_model\` raises "Unsloth: \`init_lora_weights\` must
  be either [True, False, "gaussian", "loftq"]" at every tag July-2024–March-2026 and at 015bdef0 (2026.8.19), with
  "corda" from 8ab0c0c9 (2025-12-29, after the December-2025 tag, 2025.12.7); \`unsloth/models/vision.py\`
  \`FastBaseModel.get_peft_model\` (the \`FastModel\` path, and \`FastLanguageModel\`'s for the models Unsloth loads through
  it, \`UNSLOTH_USE_NEW_MODEL\`) asks the same through \`validate_loftq_config\` (\`unsloth/models/_utils.py\`) only from
  35b09e2d (2025-06-30; the July-2025 tag, 2025.7.2, has it): before 2025.7 the model decides, so the rule is silent
- unslothai/unsloth: \`unsloth/models/llama.py\` \`FastLlamaModel.get_peft_model\` raises "TypeError: Unsloth: Module =
  {module} is not allowed. Only 'lm_head' and 'embed_tokens' is allowed." for every other \`modules_to_save\` name from
  4a885399 (2024-04-22, "Fix Llama-3"; before it other names were skipped) at every tag July-2024–March-2026 and at
  015bdef0; \`unsloth/models/vision.py\` \`FastBaseModel.get_peft_model\` has no such check (December-2024–March-2026,
  015bdef0); \`FastLanguageModel.get_peft_model\` forwards to it when \`UNSLOTH_USE_NEW_MODEL=1\` (set by
  \`FastBaseModel.from_pretrained\`), from d0e0dad7 (2025.3.10, "Gemma 3 bug fixes"; \`unsloth/models/loader.py\` hands
  \`load_in_8bit\`/\`full_finetuning\` and the families it does not load itself to \`FastModel\`)
`,
  check(ctx) {
    let wrapCaught: boolean | undefined;
    /** A `get_peft_model` call of the script copes with PEFT's ValueError: the values that fail at wrap time are its business. */
    const wrapHandled = () => (wrapCaught ??= callsWhere(ctx.facts, isGetPeftModelCall).some((c) => caughtBy(c.node, CATCHES_VALUE_ERROR, true)));
    for (const call of callsWhere(ctx.facts, isPeftConfigCall)) {
      const cls = callName(call);
      if (!isLibraryCall(call, [cls], ['peft'])) continue;
      if (insideExpectedRaise(call.node) || caughtBy(call.node, CATCHES_VALUE_ERROR, true) || versionGuard(ctx.facts, call.node, 'peft')) continue;
      const task = written(ctx, call, 'task_type');
      if (task && str(task.value) !== undefined) taskType(ctx, task.arg, str(task.value)!, cls);
      tunerConfigValues(ctx, call, cls);
      if (cls === 'LoraConfig') loraConfigValues(ctx, call, wrapHandled);
    }
    for (const call of callsWhere(ctx.facts, isGetPeftModelCall)) unslothPeftValues(ctx, call);
  },
};

/** `LoraConfig`'s own values: the initializations, `"all-linear"`, the combinations its `__post_init__` refuses. */
function loraConfigValues(ctx: RuleContext, call: CallFact, wrapHandled: () => boolean): void {
  const init = written(ctx, call, 'init_lora_weights');
  const loftqWithoutConfig = str(init?.value) === 'loftq' && !call.hasSplat && !truthy(ctx, call, 'loftq_config');
  if (init) initValue(ctx, init.arg, str(init.value), loftqWithoutConfig, wrapHandled);
  if (init && loftqWithoutConfig) missingLoftqConfig(ctx, init.arg);
  const targets = written(ctx, call, 'target_modules');
  const target = str(targets?.value);
  if (targets && target?.toLowerCase() === 'all-linear' && !wrapHandled()) allLinear(ctx, targets.arg, target);
  if (targets && target !== undefined) regexTargets(ctx, call, target);
  combinations(ctx, call, init);
}

function report(ctx: RuleContext, arg: ArgFact, severity: Severity, message: string): void {
  reportAt(ctx, arg.node, severity, message);
}

function initValue(ctx: RuleContext, arg: ArgFact, s: string | undefined, loftqWithoutConfig: boolean, wrapHandled: () => boolean): void {
  if (!s) return; // a bool, an empty string (falsy: no initialization at every release), or not evaluated
  const { since, label, pissaForm } = initLoraWeightsValue(s);
  const value = `\`init_lora_weights="${s}"\``;
  const peft = ctx.versionText('peft');
  // PEFT 0.3–0.6: `if init_lora_weights:` — any non-empty string is the default initialization.
  if (ctx.env.gate('peft', { from: '0.3', before: INIT_STRINGS_CHECKED_FROM }) === 'affected') {
    const asked = label ? `${label} initialization (PEFT ≥ ${since})` : 'the initialization it names';
    report(ctx, arg, 'warning', `${value} has no effect on ${peft}: before PEFT ${INIT_STRINGS_CHECKED_FROM} \`LoraLayer.update_layer\` only asks \`if init_lora_weights:\`, so any non-empty string is the default initialization and ${asked} does not happen.`);
    return;
  }
  if (since && standing(ctx, since) === 'has') return;
  if (loftqWithoutConfig) return; // its own finding says what LoftQ needs
  if (wrapHandled()) return;
  const raises = pissaForm && standing(ctx, '0.11') === 'has'
    ? `\`pissa_init\` raises "ValueError: init_lora_weights should be 'pissa' or 'pissa_niter_[number of iters]', got ${s} instead."`
    : `\`reset_lora_parameters\` raises "ValueError: Unknown initialization init_lora_weights='${s}'"`;
  const when = 'when `get_peft_model` (or a trainer given `peft_config=`) creates the LoRA layers, after the model has loaded';
  if (since) {
    // A value some release added: an error on a release read before it (from 0.7).
    if (readFrom(ctx, INIT_STRINGS_CHECKED_FROM) && standing(ctx, since) === 'lacks') {
      report(ctx, arg, 'error', `${value} (${label} initialization) came in PEFT ${since}; on ${peft} ${raises} ${when}. Upgrade to \`peft>=${since}\`.`);
    }
    // With the version unknown a value some release takes is left alone (the script was written for one that has it).
    return;
  }
  const c = closestName(s, ['gaussian', 'eva', 'olora', 'pissa', 'corda', 'loftq', 'orthogonal', 'lora_ga', 'mica']);
  const hint = c?.confident ? ` Did you mean "${c.name}"?` : '';
  if (readFrom(ctx, INIT_STRINGS_CHECKED_FROM)) {
    report(ctx, arg, 'error', `${value} is not an initialization PEFT knows (${peft}): ${raises} ${when}. PEFT ${PEFT_LAST_READ} takes ${INIT_VALUES_AT_LAST}.${hint}`);
  } else {
    report(ctx, arg, 'information', `${value} is not an initialization any PEFT release read (0.3–${PEFT_LAST_READ}) takes: from PEFT ${INIT_STRINGS_CHECKED_FROM} ${raises} ${when}; assuming the script runs on one of them (${peft}).${hint}`);
  }
}

function missingLoftqConfig(ctx: RuleContext, arg: ArgFact): void {
  const message = '`init_lora_weights="loftq"` without `loftq_config=`: `LoraConfig.__post_init__` raises "ValueError: `loftq_config` must be specified when `init_lora_weights` is \'loftq\'." as the config is built';
  if (readFrom(ctx, INIT_STRINGS_CHECKED_FROM)) report(ctx, arg, 'error', `${message} (${ctx.versionText('peft')}). Pass \`loftq_config=LoftQConfig(loftq_bits=4)\`, or load the model quantized and keep the default initialization.`);
  else if (standing(ctx, INIT_STRINGS_CHECKED_FROM) === 'unknown') report(ctx, arg, 'information', `${message} on PEFT ${INIT_STRINGS_CHECKED_FROM}–${PEFT_LAST_READ} (${ctx.versionText('peft')}). Pass \`loftq_config=LoftQConfig(loftq_bits=4)\`.`);
}

function allLinear(ctx: RuleContext, arg: ArgFact, s: string): void {
  const message = `\`target_modules="${s}"\` needs PEFT ≥ ${ALL_LINEAR_FROM}: before it a string is a regular expression matched against module names, which no module matches, so \`get_peft_model\` raises "ValueError: Target modules ${s} not found in the base model. Please check the target modules and try again." after the model has loaded`;
  const s0 = standing(ctx, ALL_LINEAR_FROM);
  if (s0 === 'lacks' && ctx.env.gate('peft', { from: '0.3' }) === 'affected') report(ctx, arg, 'error', `${message} (${ctx.versionText('peft')}). Upgrade to \`peft>=${ALL_LINEAR_FROM}\`, or list the modules.`);
  // With the version unknown: left alone, as a value of every release since PEFT 0.8 (2024).
}

/** `layers_to_transform=` / `layers_pattern=` with a regular-expression `target_modules` (PEFT ≥ 0.6 refuses it). */
function regexTargets(ctx: RuleContext, call: CallFact, target: string): void {
  for (const name of ['layers_to_transform', 'layers_pattern']) {
    const w = written(ctx, call, name);
    if (!w || w.value.kind === 'none') continue;
    const message = `\`${name}=\` with a string \`target_modules\` ("${target}", a regular expression): \`LoraConfig.__post_init__\` raises "ValueError: \`${name}\` cannot be used when \`target_modules\` is a str." as the config is built`;
    if (readFrom(ctx, '0.6')) report(ctx, w.arg, 'error', `${message} (${ctx.versionText('peft')}). Give \`target_modules\` as a list of module names.`);
    else if (standing(ctx, '0.6') === 'unknown') report(ctx, w.arg, 'information', `${message} on PEFT 0.6–${PEFT_LAST_READ} (${ctx.versionText('peft')}).`);
  }
}

/** `task_type=` a string that is no `TaskType`: `PeftConfigMixin.__post_init__` (every config calls it from 0.14). */
function taskType(ctx: RuleContext, arg: ArgFact, s: string, cls: string): void {
  if ((TASK_TYPES as readonly string[]).includes(s)) return;
  const c = closestName(s.toUpperCase(), TASK_TYPES);
  const hint = c && (c.confident || c.distance === 0) ? ` Did you mean "${c.name}"?` : '';
  const raises = `"ValueError: Invalid task type: '${s}'. Must be one of the following task types: ${TASK_TYPES.join(', ')}."`;
  // Before 0.14 a prompt-learning config's unknown task type is not a plain PeftModel (`get_peft_model` indexes its mapping with it): not described.
  const promptLearning = PROMPT_LEARNING_CONFIGS.includes(cls);
  if (readFrom(ctx, TASK_TYPE_CHECKED_FROM)) {
    report(ctx, arg, 'error', `\`task_type="${s}"\` is not a PEFT TaskType: \`${cls}.__post_init__\` raises ${raises} as the config is built (${ctx.versionText('peft')}).${hint}`);
  } else if (!promptLearning && ctx.env.gate('peft', { from: '0.3', before: TASK_TYPE_CHECKED_FROM }) === 'affected') {
    report(ctx, arg, 'information', `\`task_type="${s}"\` is not a PEFT TaskType: ${ctx.versionText('peft')} does not check it, and \`get_peft_model\` returns a plain \`PeftModel\` instead of the task's class (PEFT ≥ ${TASK_TYPE_CHECKED_FROM} raises ValueError).${hint}`);
  } else if (standing(ctx, TASK_TYPE_CHECKED_FROM) === 'unknown') {
    const before = promptLearning ? '' : '; before it `get_peft_model` returns a plain `PeftModel`';
    report(ctx, arg, 'information', `\`task_type="${s}"\` is not a PEFT TaskType: from PEFT ${TASK_TYPE_CHECKED_FROM} \`${cls}.__post_init__\` raises ${raises}${before} (${ctx.versionText('peft')}).${hint}`);
  }
}

/** The combinations `LoraConfig.__post_init__` refuses. */
function combinations(ctx: RuleContext, call: CallFact, init: { arg: ArgFact; value: PyValue } | undefined): void {
  const dora = written(ctx, call, 'use_dora');
  const bias = written(ctx, call, 'lora_bias');
  const initString = init && str(init.value) !== undefined ? str(init.value) : undefined;
  if (dora && isTrue(dora.value) && initString === 'loftq' && ctx.env.gate('peft', { from: '0.9', before: '0.10' }) === 'affected') {
    report(ctx, dora.arg, 'error', `\`use_dora=True\` with \`init_lora_weights="loftq"\`: on ${ctx.versionText('peft')} \`LoraConfig.__post_init__\` raises "ValueError: DoRA does not support megatron_core or LoftQ. Please set \`use_dora=False\`." as the config is built (PEFT 0.10 lifted the LoftQ part).`);
  }
  if (!bias || !isTrue(bias.value)) return;
  const refused = dora && isTrue(dora.value)
    ? '"ValueError: The argument lora_bias=True is not supported for DoRA, please pass use_dora=False"'
    : initString ? `"ValueError: The argument lora_bias=True is only supported with init_lora_weights=True or False, got init_lora_weights=${initString} instead."` : undefined;
  if (!refused) return;
  const message = `\`lora_bias=True\` with ${dora && isTrue(dora.value) ? '`use_dora=True`' : `\`init_lora_weights="${initString}"\``}: \`LoraConfig.__post_init__\` raises ${refused} as the config is built`;
  if (readFrom(ctx, '0.14')) report(ctx, bias.arg, 'error', `${message} (${ctx.versionText('peft')}).`);
  else if (standing(ctx, '0.14') === 'unknown') report(ctx, bias.arg, 'information', `${message} on PEFT 0.14–${PEFT_LAST_READ}, the releases that have \`lora_bias\` (${ctx.versionText('peft')}).`);
}

export default rule;
