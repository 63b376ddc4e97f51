/**
 * Public API of the loss-masking preview engine.
 *
 * - `previewMasking(plan)` — async; loads the tokenizer offline (lazy, cached) and previews.
 * - `previewMaskingWith(plan, tokenizer)` — sync; re-render with an already loaded tokenizer.
 * - `renderPreviewText(preview)` — Axolotl-style terminal output.
 * The JSON contract (`MaskingPreview`) is what `trainlint preview-masking --format json` prints.
 */
export { previewMasking, previewMaskingWith, type PreviewOptions } from './preview';
export { renderPreviewText, sampleSummary, type RenderTextOptions } from './render-text';
export { TokenizerStore, defaultTokenizerStore, loadTokenizerDir, type TokenizerLoad, type TokenizerRef, type TokenizerStoreOptions } from './tokenizer-store';
export { hubCacheDirs, locateTokenizerDir } from './hub-cache';
export type { MaskingPipeline, MaskingPlan, MaskingPreview, PlanRow, PreviewSample, PreviewToken, TextTokenizer } from './types';
