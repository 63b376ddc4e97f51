/**
 * The string values PEFT's `LoraConfig` takes, by release, and the combinations its `__post_init__` refuses: read in
 * huggingface/peft `src/peft/tuners/lora/config.py` and `layer.py` (`src/peft/tuners/lora.py` before 0.6) at every
 * release tag v0.3.0–v0.20.0 and in the peft 0.21.0 wheel. A value is accepted from the first release read that takes it
 * to the last release read (0.21); newer releases are not read.
 */

/** The last PEFT series read, and the first one not read (a known version from here on is unknown to these tables). */
export const PEFT_LAST_READ = '0.21';
export const PEFT_FIRST_UNREAD = '0.22';

/**
 * `init_lora_weights` strings, in the order `LoraLayer.update_layer` tests them, with the first release that takes
 * each. Before 0.7 `update_layer` only asks `if init_lora_weights:`: any non-empty string is the default (Kaiming)
 * initialization. From 0.7 a string none of the branches takes reaches `reset_lora_parameters`, which raises
 * `ValueError: Unknown initialization init_lora_weights='…'`.
 */
interface InitValue {
  /** How the release's `update_layer` matches it. */
  test: (s: string) => boolean;
  /** The first release that takes it. */
  since: string;
  /** What PEFT calls it (for messages). */
  label: string;
}

const INIT_VALUES: readonly InitValue[] = [
  // `startswith("pissa")` then `pissa_init`: "pissa" or "pissa_niter_<int>", anything else raises there (v0.11.0 on).
  { test: (s) => /^pissa(?:_niter_\d+)?$/.test(s), since: '0.11', label: 'PiSSA' },
  // `startswith("corda")` then `corda_init`, which does not look at the rest (v0.15.0 on).
  { test: (s) => s.startsWith('corda'), since: '0.15', label: 'CorDA' },
  { test: (s) => s.toLowerCase() === 'olora', since: '0.12', label: 'OLoRA' },
  { test: (s) => s.toLowerCase() === 'mica', since: '0.20', label: 'MiCA' },
  { test: (s) => s === 'loftq', since: '0.7', label: 'LoftQ' },
  { test: (s) => s === 'eva', since: '0.14', label: 'EVA' },
  { test: (s) => s === 'orthogonal', since: '0.16', label: 'orthogonal' },
  { test: (s) => s === 'lora_ga', since: '0.19', label: 'LoRA-GA' },
  // `reset_lora_parameters`: `init_lora_weights.lower() == "gaussian"` (v0.7.0 on).
  { test: (s) => s.toLowerCase() === 'gaussian', since: '0.7', label: 'Gaussian' },
];

/** The first release that raises on a string no branch takes (`reset_lora_parameters`'s ValueError). */
export const INIT_STRINGS_CHECKED_FROM = '0.7';

/**
 * What PEFT does with `LoraConfig(init_lora_weights=s)`: `since` is the first release that takes it (undefined: no
 * release read takes it). A string starting with "pissa" that is not one of PiSSA's forms is refused by `pissa_init`
 * with its own message from 0.11 on.
 */
export function initLoraWeightsValue(s: string): { since?: string; label?: string; pissaForm: boolean } {
  const v = INIT_VALUES.find((x) => x.test(s));
  return { since: v?.since, label: v?.label, pissaForm: !v && s.startsWith('pissa') };
}

/** The values the newest release read takes, for messages. */
export const INIT_VALUES_AT_LAST = 'True, False, "gaussian", "eva", "olora", "pissa", "pissa_niter_<n>", "corda", "loftq", "orthogonal", "lora_ga", "mica"';

/** `target_modules="all-linear"` (any case: `.lower()`): `_maybe_include_all_linear_layers` in `tuners_utils.py` from v0.8.0. */
export const ALL_LINEAR_FROM = '0.8';

/** `TaskType`'s values at every release read (`src/peft/utils/peft_types.py`), checked by `PeftConfigMixin.__post_init__` from v0.14.0. */
export const TASK_TYPES = ['SEQ_CLS', 'SEQ_2_SEQ_LM', 'CAUSAL_LM', 'TOKEN_CLS', 'QUESTION_ANS', 'FEATURE_EXTRACTION'] as const;
export const TASK_TYPE_CHECKED_FROM = '0.14';

/**
 * The other tuner configs' checks, read in huggingface/peft `src/peft/tuners/<tuner>/config.py` at every release tag
 * v0.6.0–v0.20.0 and in the peft 0.21.0 wheel: the first release whose `__post_init__` raises on each.
 */
/** `PeftConfigMixin.__post_init__`'s task-type check reaches every tuner config: each calls `super().__post_init__()` from v0.14.0. */
export const PEFT_CONFIG_CLASSES = [
  'LoraConfig', 'AdaLoraConfig', 'IA3Config', 'LoHaConfig', 'LoKrConfig', 'VeraConfig', 'OFTConfig', 'BOFTConfig',
  'PromptTuningConfig', 'PrefixTuningConfig', 'PromptEncoderConfig',
] as const;
/** The prompt-learning configs: before 0.14 `get_peft_model` indexes its task mapping with their task type (no plain `PeftModel`). */
export const PROMPT_LEARNING_CONFIGS: readonly string[] = ['PromptTuningConfig', 'PrefixTuningConfig', 'PromptEncoderConfig'];
/** "When `layers_pattern` is specified, `layers_to_transform` must also be specified." from v0.14.0 (not `IA3Config`, which has neither). */
export const LAYERS_PATTERN_ALONE_REFUSED_FROM = '0.14';
export const LAYERS_PATTERN_CONFIGS: readonly string[] = ['LoraConfig', 'AdaLoraConfig', 'LoHaConfig', 'LoKrConfig', 'VeraConfig', 'OFTConfig', 'BOFTConfig'];
/** `AdaLoraConfig`: "does not support DoRA" from v0.11.0; `total_step` None or ≤ 0, and `tinit >= total_step - tfinal`, from v0.15.0 (tinit, tfinal default 0). */
export const ADALORA_DORA_REFUSED_FROM = '0.11';
export const ADALORA_SCHEDULE_CHECKED_FROM = '0.15';
/** `IA3Config`: "`feedforward_modules` should be a subset of `target_modules`" (both lists) from v0.6.1. */
export const IA3_SUBSET_CHECKED_FROM = '0.6.1';
/** `BOFTConfig` (v0.11.0 on): exactly one of `boft_block_size` (default 4) and `boft_block_num` (default 0) non-zero. */
export const BOFT_FROM = '0.11';
export const BOFT_DEFAULTS = { boft_block_size: 4, boft_block_num: 0 } as const;
/**
 * `OFTConfig`: exactly one of `r` and `oft_block_size` non-zero from v0.14.0 (which added `oft_block_size`); the defaults
 * were r=8, oft_block_size=0 at v0.14–v0.15 and are r=0, oft_block_size=32 from v0.16.0 (through the 0.21.0 wheel).
 */
export const OFT_BLOCK_CHECKED_FROM = '0.14';
export const OFT_DEFAULTS_CHANGED_AT = '0.16';
export const OFT_DEFAULTS_OLD = { r: 8, oft_block_size: 0 } as const;
export const OFT_DEFAULTS_NEW = { r: 0, oft_block_size: 32 } as const;
/**
 * `PromptTuningConfig`: `PromptTuningInit` is a str enum ("TEXT", "RANDOM", and "SAMPLE_VOCAB" from v0.18.0); the model
 * compares `config.prompt_tuning_init == PromptTuningInit.TEXT`, so another string ("text") is the random initialization
 * at every release. `__post_init__` refuses TEXT without `tokenizer_name_or_path` or `prompt_tuning_init_text` from
 * v0.10.0, and `tokenizer_kwargs` with another initialization from v0.7.0.
 */
export const PROMPT_TUNING_INITS = ['TEXT', 'RANDOM', 'SAMPLE_VOCAB'] as const;
export const SAMPLE_VOCAB_FROM = '0.18';
export const PROMPT_TEXT_NEEDS_FROM = '0.10';
export const TOKENIZER_KWARGS_CHECKED_FROM = '0.7';
