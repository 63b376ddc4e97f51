/** Picks the pipeline implementation for a plan. */
import type { MaskingPipeline } from '../types';
import { completionOnlyCollator } from './completion-collator';
import { noLabels, precomputedLabels, transformersLm } from './lm-collators';
import type { Pipeline, PipelineContext } from './pipeline';
import { trlSft } from './trl-sft';
import { unslothResponsesOnly } from './unsloth';

export type { Pipeline, PipelineContext } from './pipeline';

export function makePipeline(p: MaskingPipeline, ctx: PipelineContext): Pipeline {
  switch (p.kind) {
    case 'unsloth-responses-only': return unslothResponsesOnly(p, ctx);
    case 'trl-sft': return trlSft(p, ctx);
    case 'completion-only-collator': return completionOnlyCollator(p, ctx);
    case 'transformers-lm': return transformersLm(p, ctx);
    case 'precomputed-labels': return precomputedLabels(ctx);
    case 'no-labels': return noLabels(p, ctx);
  }
}
