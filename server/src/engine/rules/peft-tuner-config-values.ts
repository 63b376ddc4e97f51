/**
 * TL409 for the PEFT configs other than `LoraConfig` (AdaLoRA, IA³, LoHa, LoKr, VeRA, OFT, BOFT, the prompt-learning
 * configs): the values and combinations their `__post_init__` refuses, by release (`domain/peft-config-values.ts`).
 * Unknown keywords are TL514's; only values of keywords the class has are read here.
 */
import {
  ADALORA_DORA_REFUSED_FROM, ADALORA_SCHEDULE_CHECKED_FROM, BOFT_DEFAULTS, BOFT_FROM, IA3_SUBSET_CHECKED_FROM,
  LAYERS_PATTERN_ALONE_REFUSED_FROM, LAYERS_PATTERN_CONFIGS, OFT_BLOCK_CHECKED_FROM, OFT_DEFAULTS_CHANGED_AT, OFT_DEFAULTS_NEW,
  OFT_DEFAULTS_OLD, PROMPT_TEXT_NEEDS_FROM, PROMPT_TUNING_INITS, SAMPLE_VOCAB_FROM, TOKENIZER_KWARGS_CHECKED_FROM,
} from '../domain/peft-config-values';
import { qualifyExpression } from '../facts/imports';
import type { CallFact } from '../facts/types';
import type { PyValue } from '../facts/values';
import type { RuleContext } from './context';
import { absent, isTrue, num, readFrom, refusedFrom, report, str, truthy, written } from './peft-value-checks';

/** The checks of one config class (the call is a `peft` library call of that class, not guarded, not caught). */
export function tunerConfigValues(ctx: RuleContext, call: CallFact, cls: string): void {
  if (LAYERS_PATTERN_CONFIGS.includes(cls)) layersPatternAlone(ctx, call, cls);
  if (cls === 'AdaLoraConfig') adaLora(ctx, call);
  else if (cls === 'IA3Config') ia3Subset(ctx, call);
  else if (cls === 'BOFTConfig') boftBlocks(ctx, call);
  else if (cls === 'OFTConfig') oftBlocks(ctx, call);
  else if (cls === 'PromptTuningConfig') promptTuning(ctx, call);
}

/** `layers_pattern=` without `layers_to_transform=` (not for a `LoraConfig` with a string `target_modules`: that has its own finding). */
function layersPatternAlone(ctx: RuleContext, call: CallFact, cls: string): void {
  const pattern = written(ctx, call, 'layers_pattern');
  // Only a pattern the rule reads (a variable may be None when the script runs).
  const v = pattern?.value;
  if (!pattern || !((v?.kind === 'str' && v.value !== '') || ((v?.kind === 'list' || v?.kind === 'tuple') && v.items.length > 0))) return;
  const layers = written(ctx, call, 'layers_to_transform');
  if (!(layers ? layers.value.kind === 'none' : absent(call, 'layers_to_transform'))) return;
  if (cls === 'LoraConfig' && str(written(ctx, call, 'target_modules')?.value) !== undefined) return;
  refusedFrom(ctx, pattern.arg.node, LAYERS_PATTERN_ALONE_REFUSED_FROM,
    `\`layers_pattern=\` without \`layers_to_transform=\`: \`${cls}.__post_init__\` raises "ValueError: When \`layers_pattern\` is specified, \`layers_to_transform\` must also be specified." as the config is built`,
    'Give the layer indices in `layers_to_transform=`, or drop `layers_pattern=`.', true);
}

/** `AdaLoraConfig`: DoRA (0.11 on) and the budget schedule (`total_step`, `tinit`, `tfinal`; 0.15 on). */
function adaLora(ctx: RuleContext, call: CallFact): void {
  const dora = written(ctx, call, 'use_dora');
  if (dora && isTrue(dora.value)) {
    refusedFrom(ctx, dora.arg.node, ADALORA_DORA_REFUSED_FROM, '`use_dora=True` in an `AdaLoraConfig`: `AdaLoraConfig.__post_init__` raises "ValueError: PeftType.ADALORA does not support DoRA." as the config is built', '', true);
  }
  const total = written(ctx, call, 'total_step');
  const raises = '`AdaLoraConfig.__post_init__` raises "ValueError: AdaLoRA does not work when `total_step` is None, supply a value > 0." as the config is built';
  const advice = 'Pass `total_step=` the number of optimizer steps the run takes.';
  if (!total) {
    if (absent(call, 'total_step')) refusedFrom(ctx, call.callee, ADALORA_SCHEDULE_CHECKED_FROM, `\`AdaLoraConfig\` without \`total_step=\`: ${raises}`, advice, true);
    return;
  }
  const t = num(total.value);
  if (total.value.kind === 'none' || (t !== undefined && t <= 0)) {
    refusedFrom(ctx, total.arg.node, ADALORA_SCHEDULE_CHECKED_FROM, `\`total_step=${total.value.kind === 'none' ? 'None' : t}\`: ${raises}`, advice, true);
    return;
  }
  if (t === undefined) return;
  const tinit = scheduleValue(ctx, call, 'tinit');
  const tfinal = scheduleValue(ctx, call, 'tfinal');
  if (tinit === undefined || tfinal === undefined || tinit < t - tfinal) return;
  const at = written(ctx, call, 'tinit') ?? written(ctx, call, 'tfinal') ?? total;
  refusedFrom(ctx, at.arg.node, ADALORA_SCHEDULE_CHECKED_FROM,
    `\`tinit=${tinit}\` is not below \`total_step - tfinal\` (${t} - ${tfinal}): \`AdaLoraConfig.__post_init__\` raises "ValueError: The supplied schedule values don't allow for a budgeting phase. Decrease \`tfinal\`/\`tinit\` or increase \`total_step\`." as the config is built`, '', true);
}

/** `tinit` / `tfinal` as written, or their default 0 (v0.15.0 through the 0.21.0 wheel); undefined when not known. */
function scheduleValue(ctx: RuleContext, call: CallFact, name: string): number | undefined {
  const w = written(ctx, call, name);
  if (w) return num(w.value);
  return absent(call, name) ? 0 : undefined;
}

/** Module names of a literal list (or tuple) of strings; undefined for anything else. */
function names(v: PyValue | undefined): string[] | undefined {
  if (!v || (v.kind !== 'list' && v.kind !== 'tuple')) return undefined;
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== 'str') return undefined;
    out.push(item.value);
  }
  return out;
}

/** `IA3Config`: `feedforward_modules` names a module `target_modules` (both lists) does not (0.6.1 on). */
function ia3Subset(ctx: RuleContext, call: CallFact): void {
  const ff = written(ctx, call, 'feedforward_modules');
  const targets = names(written(ctx, call, 'target_modules')?.value);
  const ffNames = names(ff?.value);
  if (!ff || !targets || !ffNames) return;
  const missing = ffNames.filter((n) => !targets.includes(n));
  if (missing.length === 0) return;
  refusedFrom(ctx, ff.arg.node, IA3_SUBSET_CHECKED_FROM,
    `\`feedforward_modules\` names ${missing.map((n) => `"${n}"`).join(', ')}, which \`target_modules\` does not: \`IA3Config.__post_init__\` raises "ValueError: \`feedforward_modules\` should be a subset of \`target_modules\`" as the config is built`,
    'Add them to `target_modules=`.', true);
}

/** A number keyword as written, its default when absent, undefined when not known. */
function sized(ctx: RuleContext, call: CallFact, name: string, fallback: number): number | undefined {
  const w = written(ctx, call, name);
  if (w) return num(w.value);
  return absent(call, name) ? fallback : undefined;
}

/** The "exactly one of the two non-zero" check, for the values a release's defaults give; undefined when it passes or is not known. */
function blockProblem(a: number | undefined, b: number | undefined): 'both' | 'neither' | undefined {
  if (a === undefined || b === undefined) return undefined;
  if (a === 0 && b === 0) return 'neither';
  return a !== 0 && b !== 0 ? 'both' : undefined;
}

/** `BOFTConfig` (0.11 on): exactly one of `boft_block_size` (default 4) and `boft_block_num` (default 0). */
function boftBlocks(ctx: RuleContext, call: CallFact): void {
  const size = sized(ctx, call, 'boft_block_size', BOFT_DEFAULTS.boft_block_size);
  const count = sized(ctx, call, 'boft_block_num', BOFT_DEFAULTS.boft_block_num);
  const problem = blockProblem(size, count);
  if (!problem) return;
  const at = written(ctx, call, 'boft_block_num') ?? written(ctx, call, 'boft_block_size');
  if (!at) return;
  const message = problem === 'both'
    ? `\`boft_block_size=${size}\`${written(ctx, call, 'boft_block_size') ? '' : ' (the default)'} with \`boft_block_num=${count}\`: \`BOFTConfig.__post_init__\` raises "ValueError: You can only specify either boft_block_size (${size}) or boft_block_num (${count}), but not both simultaneously …" as the config is built`
    : '`boft_block_size=0` with `boft_block_num=0`: `BOFTConfig.__post_init__` raises "ValueError: … `boft_block_size` or `boft_block_num` must be non-zero …" as the config is built';
  refusedFrom(ctx, at.arg.node, BOFT_FROM, message, problem === 'both' ? 'Set the other one to 0 (`boft_block_size=0` when giving `boft_block_num=`).' : '');
}

/**
 * `OFTConfig` (0.14 on): exactly one of `r` and `oft_block_size` non-zero, with the release's defaults for the one not
 * written (r=8, oft_block_size=0 at 0.14–0.15; r=0, oft_block_size=32 from 0.16).
 */
function oftBlocks(ctx: RuleContext, call: CallFact): void {
  const at = written(ctx, call, 'oft_block_size') ?? written(ctx, call, 'r');
  if (!at) return;
  const old = blockProblem(sized(ctx, call, 'r', OFT_DEFAULTS_OLD.r), sized(ctx, call, 'oft_block_size', OFT_DEFAULTS_OLD.oft_block_size));
  const now = blockProblem(sized(ctx, call, 'r', OFT_DEFAULTS_NEW.r), sized(ctx, call, 'oft_block_size', OFT_DEFAULTS_NEW.oft_block_size));
  if (!old && !now) return;
  const describe = (problem: 'both' | 'neither', defaults: { r: number; oft_block_size: number }): string => {
    const r = sized(ctx, call, 'r', defaults.r);
    const b = sized(ctx, call, 'oft_block_size', defaults.oft_block_size);
    const shown = (name: 'r' | 'oft_block_size', v: number | undefined) => `\`${name}=${v}\`${written(ctx, call, name) ? '' : ' (the default)'}`;
    return problem === 'both'
      ? `${shown('r', r)} with ${shown('oft_block_size', b)}: \`OFTConfig.__post_init__\` raises "ValueError: You can only specify either r (${r}) or oft_block_size (${b}), but not both simultaneously, because r x oft_block_size == in_features." as the config is built`
      : `${shown('r', r)} with ${shown('oft_block_size', b)}: \`OFTConfig.__post_init__\` raises "ValueError: Either \`r\` or \`oft_block_size\` must be non-zero." as the config is built`;
  };
  const advice = 'Give one of `r=` and `oft_block_size=`, and 0 for the other.';
  if (old && now && old === now) {
    // The same refusal whatever the defaults: every release that has `oft_block_size` raises.
    refusedFrom(ctx, at.arg.node, OFT_BLOCK_CHECKED_FROM, describe(now, OFT_DEFAULTS_NEW), advice);
    return;
  }
  // Only one set of defaults refuses it: reported only on a release known to have those defaults.
  if (now && readFrom(ctx, OFT_DEFAULTS_CHANGED_AT)) {
    report(ctx, at.arg.node, 'error', `${describe(now, OFT_DEFAULTS_NEW)} (${ctx.versionText('peft')}; PEFT ${OFT_DEFAULTS_CHANGED_AT} changed the defaults to r=0, oft_block_size=32). ${advice}`);
  } else if (old && ctx.env.gate('peft', { from: OFT_BLOCK_CHECKED_FROM, before: OFT_DEFAULTS_CHANGED_AT }) === 'affected') {
    report(ctx, at.arg.node, 'error', `${describe(old, OFT_DEFAULTS_OLD)} (${ctx.versionText('peft')}; before PEFT ${OFT_DEFAULTS_CHANGED_AT} the defaults are r=8, oft_block_size=0). ${advice}`);
  }
}

/** `prompt_tuning_init=` as a `PromptTuningInit` name: a string, or `PromptTuningInit.X`; undefined when not known. */
function promptInit(ctx: RuleContext, call: CallFact): { value?: string; written: boolean; known: boolean } {
  const arg = call.keywords.get('prompt_tuning_init');
  if (!arg) return { value: 'RANDOM', written: false, known: absent(call, 'prompt_tuning_init') };
  if (arg.siblings || arg.node.type !== 'keyword_argument') return { written: true, known: false };
  const w = written(ctx, call, 'prompt_tuning_init');
  const s = str(w?.value);
  if (s !== undefined) return { value: s, written: true, known: true };
  const q = qualifyExpression(ctx.facts, arg.value);
  const m = q && /^peft\.(?:.*\.)?PromptTuningInit\.(\w+)$/.exec(q);
  return m ? { value: m[1], written: true, known: true } : { written: true, known: false };
}

/** `PromptTuningConfig`: the initialization's name, and what TEXT needs. */
function promptTuning(ctx: RuleContext, call: CallFact): void {
  const init = promptInit(ctx, call);
  if (!init.known || init.value === undefined) return;
  const arg = call.keywords.get('prompt_tuning_init');
  const peft = ctx.versionText('peft');
  if (arg && !(PROMPT_TUNING_INITS as readonly string[]).includes(init.value)) {
    const meant = init.value.toUpperCase();
    if (meant === 'TEXT' || meant === 'SAMPLE_VOCAB') {
      const message = `\`prompt_tuning_init="${init.value}"\` is not a \`PromptTuningInit\` value ("${PROMPT_TUNING_INITS.join('", "')}"): \`PromptEmbedding\` compares it with \`PromptTuningInit.${meant}\` (a str enum, case-sensitive), so the virtual tokens get the random initialization instead`;
      const sev = ctx.env.get('peft')?.version ? 'warning' : 'information';
      report(ctx, arg.node, sev, `${message} (${peft}). Did you mean "${meant}"?`);
    }
    return;
  }
  if (arg && init.value === 'SAMPLE_VOCAB' && ctx.env.gate('peft', { from: '0.3', before: SAMPLE_VOCAB_FROM }) === 'affected') {
    report(ctx, arg.node, 'warning', `\`prompt_tuning_init="SAMPLE_VOCAB"\` came in PEFT ${SAMPLE_VOCAB_FROM}: on ${peft} \`PromptEmbedding\` does not know it and the virtual tokens get the random initialization. Upgrade to \`peft>=${SAMPLE_VOCAB_FROM}\`.`);
    return;
  }
  if (init.value === 'TEXT' && arg) {
    for (const [name, what] of [['tokenizer_name_or_path', 'tokenizer_name_or_path'], ['prompt_tuning_init_text', 'prompt_tuning_init_text']] as const) {
      const w = written(ctx, call, name);
      const missing = w ? w.value.kind === 'none' || (name === 'tokenizer_name_or_path' && str(w.value) === '') : absent(call, name);
      if (!missing) continue;
      refusedFrom(ctx, (w?.arg ?? arg).node, PROMPT_TEXT_NEEDS_FROM,
        `\`prompt_tuning_init="TEXT"\` without \`${what}=\`: \`PromptTuningConfig.__post_init__\` raises "ValueError: When prompt_tuning_init='TEXT', ${what} can't be None." as the config is built`, '', true);
    }
    return;
  }
  const kwargs = written(ctx, call, 'tokenizer_kwargs');
  if (kwargs && init.value !== 'TEXT' && truthy(ctx, call, 'tokenizer_kwargs') && kwargs.value.kind === 'dict') {
    refusedFrom(ctx, kwargs.arg.node, TOKENIZER_KWARGS_CHECKED_FROM,
      `\`tokenizer_kwargs=\` with ${init.written ? `\`prompt_tuning_init="${init.value}"\`` : 'the default `prompt_tuning_init` (RANDOM)'}: \`PromptTuningConfig.__post_init__\` raises "ValueError: tokenizer_kwargs only valid when using prompt_tuning_init='TEXT'." as the config is built`);
  }
}

