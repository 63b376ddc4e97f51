/**
 * TL409 for Unsloth's `FastLanguageModel.get_peft_model(...)` / `FastModel.get_peft_model(...)`: the keyword values
 * Unsloth itself refuses before PEFT sees them (read in unslothai/unsloth at its tags).
 */
import { isUnslothPeftWrap } from '../domain/peft-wraps';
import { CATCHES_VALUE_ERROR, caughtBy, versionGuard } from '../domain/version-guards';
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

export function unslothPeftValues(ctx: RuleContext, call: CallFact): void {
  if (!isUnslothPeftWrap(ctx.facts, call)) return;
  if (insideExpectedRaise(call.node) || caughtBy(call.node, CATCHES_VALUE_ERROR, true) || versionGuard(ctx.facts, call.node, 'unsloth')) return;
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
