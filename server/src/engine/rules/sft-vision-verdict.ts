/**
 * The version verdict of a finding that assumes SFTTrainer prepares (tokenizes, truncates, reads the text field of) the
 * training dataset, narrowed by TRL's vision path (`domain/sft-vision-path.ts`): from TRL 0.22 a vision-language trainer
 * with its own `data_collator=` prepares nothing.
 */
import { compareVersions, type VersionRange } from '../env/versions';
import { sftVisionPath, TRL_VISION_BY_DATASET, TRL_VISION_SKIPS_PREPARATION } from '../domain/sft-vision-path';
import type { TrainerFact } from '../domain/trainers';
import type { RuleContext, VersionVerdict } from './context';

const SKIPS = `from TRL ${TRL_VISION_SKIPS_PREPARATION} an SFTTrainer given a processor and a dataset with an \`image\` column skips its own preparation, and the custom \`data_collator\` is then all that tokenizes`;

function withNote(v: VersionVerdict, text: string): VersionVerdict {
  return { ...v, note: v.note ? `${v.note.replace(/\)$/, '')}; ${text})` : ` (${text})` };
}

/**
 * `range`: the TRL releases whose preparation has the bug (`{}`: all). A trainer provably on the vision path gets the
 * range cut at 0.22; one that may be gets at most `information`, saying what was assumed.
 */
export function sftPreparationVersion(ctx: RuleContext, t: TrainerFact, range: VersionRange): VersionVerdict {
  const vision = sftVisionPath(ctx.a, t);
  const all = range.from === undefined && range.before === undefined;
  if (vision.customCollator && vision.provable) {
    const before = range.before && compareVersions(range.before, TRL_VISION_SKIPS_PREPARATION) < 0 ? range.before : TRL_VISION_SKIPS_PREPARATION;
    const v = ctx.version('trl', { ...range, before });
    return v.severity && v.gate !== 'affected' ? withNote(v, SKIPS) : v;
  }
  const v = all ? { gate: 'affected' as const, severity: ctx.rule.severity, note: '' } : ctx.version('trl', range);
  if (!v.severity || !vision.customCollator) return v;
  if (vision.possible && ctx.env.gate('trl', { from: TRL_VISION_SKIPS_PREPARATION }) !== 'unaffected') {
    return withNote({ ...v, severity: 'information' }, `assumed the trainer takes TRL's text path: ${SKIPS}`);
  }
  if (vision.processorWithoutImages && ctx.env.gate('trl', { from: TRL_VISION_SKIPS_PREPARATION, before: TRL_VISION_BY_DATASET }) !== 'unaffected') {
    return withNote({ ...v, severity: 'information' }, `assumed the processor is a tokenizer: TRL 0.22–0.23 skip SFTTrainer's own preparation for any \`ProcessorMixin\`, and the custom \`data_collator\` is then all that tokenizes`);
  }
  return v;
}
