/**
 * TL409 for Unsloth's `FastLanguageModel.get_peft_model(...)` / `FastModel.get_peft_model(...)`: the keyword values
 * Unsloth itself refuses before PEFT sees them (read in unslothai/unsloth at its tags).
 */
import { isUnslothPeftWrap } from '../domain/peft-wraps';
import { CATCHES_TYPE_ERROR, CATCHES_VALUE_ERROR, caughtBy, versionGuard } from '../domain/version-guards';
import { isQualified, qualifyExpression } from '../facts/imports';
import { insideExpectedRaise } from '../domain/expected-raise';
import type { CallFact } from '../facts/types';
import type { RuleContext } from './context';
import { report, str, written } from './peft-value-checks';

/**
 * `init_lora_weights`: Unsloth takes a bool, "gaussian", "loftq" and (from 2025.12.9, commit 8ab0c0c9) "corda", compared
 * with `==` (case-sensitive), and raises "ValueError: Unsloth: `init_lora_weights` must be either [True, False,
 * "gaussian", "loftq", "corda"]." for anything else. `FastLlamaModel.get_peft_model` (unsloth/models/llama.py) has asked
 * this at every tag read (July-2024 on); `FastBaseModel.get_peft_model` (unsloth/models/vision.py, the `FastModel` path,
 * and the `FastLanguageModel` path for the models Unsloth loads through it) asks it through `validate_loftq_config`
 * (unsloth/models/_utils.py) from commit 35b09e2d (2025-06-30), in every 2025.7 release on.
 */
export const UNSLOTH_INIT_CHECKED_FROM = '2025.7';
/** "corda" is refused before 2025.12 (the December-2025 tag, 2025.12.7, lacks it; it came in 8ab0c0c9, 2025-12-29). */
const UNSLOTH_CORDA_BEFORE = '2025.12';
const UNSLOTH_INIT_STRINGS = ['gaussian', 'loftq', 'corda'];

/**
 * `modules_to_save`: `FastLlamaModel.get_peft_model` (unsloth/models/llama.py) loops over the names and raises
 * "TypeError: Unsloth: Module = {module} is not allowed. Only 'lm_head' and 'embed_tokens' is allowed." for any name
 * other than exactly "lm_head" or "embed_tokens" (`==`), from 4a885399 (2024-04-22, "Fix Llama-3", version string 2024.4)
 * at every tag read (July-2024 … March-2026, 015bdef0). `FastBaseModel.get_peft_model` (unsloth/models/vision.py: the
 * `FastModel`/`FastVisionModel` path) never checks the names (December-2024 … March-2026, 015bdef0). `FastLanguageModel`
 * took llama.py for every model until d0e0dad7 (2025.3.10, "Gemma 3 bug fixes"); from then on the models its
 * `from_pretrained` hands to `FastModel` (and `load_in_8bit`/`full_finetuning`) set `UNSLOTH_USE_NEW_MODEL=1`, and its
 * `get_peft_model` forwards them to vision.py: the model decides.
 */
export const UNSLOTH_MODULES_TO_SAVE = ['lm_head', 'embed_tokens'];
/** The first release read with the TypeError (2024.4 had it only from 4a885399 on). */
const UNSLOTH_MODULES_CHECKED_FROM = '2024.5';
/** The first release where `FastLanguageModel.get_peft_model` may take vision.py's path (d0e0dad7). */
const UNSLOTH_NEW_MODEL_PATH_FROM = '2025.3.10';

export function unslothPeftValues(ctx: RuleContext, call: CallFact): void {
  if (!isUnslothPeftWrap(ctx.facts, call)) return;
  if (insideExpectedRaise(call.node) || versionGuard(ctx.facts, call.node, 'unsloth')) return;
  if (!caughtBy(call.node, CATCHES_TYPE_ERROR, true)) unslothModulesToSave(ctx, call);
  if (caughtBy(call.node, CATCHES_VALUE_ERROR, true)) return;
  const init = written(ctx, call, 'init_lora_weights');
  const s = str(init?.value);
  if (!init || s === undefined) return;
  if (ctx.env.gate('unsloth', { from: UNSLOTH_INIT_CHECKED_FROM }) !== 'affected') return; // older releases: the model decides which path runs
  const refused = !UNSLOTH_INIT_STRINGS.includes(s)
    || (s === 'corda' && ctx.env.gate('unsloth', { before: UNSLOTH_CORDA_BEFORE }) === 'affected');
  if (!refused) return;
  const lower = s.toLowerCase();
  const withoutCorda = ctx.env.gate('unsloth', { before: UNSLOTH_CORDA_BEFORE }) === 'affected';
  const hint = s !== lower && UNSLOTH_INIT_STRINGS.includes(lower) ? ` Unsloth compares with \`==\`: write "${lower}".`
    : s === 'corda' ? ' Unsloth takes "corda" from 2025.12.9.'
    : ' PEFT\'s other initializations (PiSSA, OLoRA, EVA, …) are not available through Unsloth\'s `get_peft_model`.';
  report(ctx, init.arg.node, 'error', `\`init_lora_weights="${s}"\` in Unsloth's \`${call.calleeText}\`: Unsloth raises "ValueError: Unsloth: \`init_lora_weights\` must be either [True, False, "gaussian", "loftq"${withoutCorda ? '' : ', "corda"'}]." before PEFT sees the value, after the model has loaded (${ctx.versionText('unsloth')}).${hint}`);
}

/** `modules_to_save=[...]` with a name Unsloth's llama.py path refuses (see `UNSLOTH_MODULES_TO_SAVE`). */
function unslothModulesToSave(ctx: RuleContext, call: CallFact): void {
  const q = call.receiver && qualifyExpression(ctx.facts, call.receiver);
  if (!q || !isQualified(q, ['unsloth'], 'FastLanguageModel')) return; // FastModel / FastVisionModel: vision.py takes any name
  const m = written(ctx, call, 'modules_to_save');
  if (!m || (m.value.kind !== 'list' && m.value.kind !== 'tuple')) return;
  const bad = m.value.items.map(str).find((s) => s !== undefined && !UNSLOTH_MODULES_TO_SAVE.includes(s));
  if (bad === undefined) return;
  if (ctx.env.gate('unsloth', { from: UNSLOTH_MODULES_CHECKED_FROM }) === 'unaffected') return;
  const raise = `Unsloth raises "TypeError: Unsloth: Module = ${bad} is not allowed. Only 'lm_head' and 'embed_tokens' is allowed."`;
  const advice = ' Unsloth trains only `lm_head` and `embed_tokens` in full this way; other modules go in `target_modules` (LoRA) or need PEFT\'s own `get_peft_model`.';
  if (ctx.env.gate('unsloth', { from: UNSLOTH_MODULES_CHECKED_FROM, before: UNSLOTH_NEW_MODEL_PATH_FROM }) === 'affected') {
    report(ctx, m.arg.node, 'error', `\`modules_to_save\` with "${bad}" in Unsloth's \`${call.calleeText}\`: ${raise} before PEFT sees the value, after the model has loaded (${ctx.versionText('unsloth')}).${advice}`);
  } else {
    report(ctx, m.arg.node, 'information', `\`modules_to_save\` with "${bad}" in Unsloth's \`${call.calleeText}\`: for a model \`FastLanguageModel\` loads through its own (llama.py) path, ${raise}; from 2025.3.10 the models it loads through \`FastModel\` take any name (${ctx.versionText('unsloth')}).${advice}`);
  }
}
