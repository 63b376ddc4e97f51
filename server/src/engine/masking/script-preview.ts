/**
 * The loss-masking preview of a script, for the editor command and `trainlint preview-masking`:
 * find the trainer's tokenizer (loaded lazily through the TokenizerStore, never on the
 * diagnostics path), evaluate its rows, and compute labels as its pipeline does.
 */
import { dirname } from 'node:path';
import type { Analysis } from '../lint/analysis';
import { markersFor, markersForModelId } from '../chat/markers';
import { approximateTokenizer } from './approx-tokenizer';
import { previewMaskingWith } from './preview';
import { modelIdOf, planFromScript, trainerPlan, type ScriptPlan } from './script-plan';
import { readSetupSources } from './tokenizer-setup';
import type { TokenizerStore } from './tokenizer-store';
import type { MaskingPipeline, MaskingPreview, SourceTokenizer, TextTokenizer } from './types';

export type ScriptPreview =
  | (MaskingPreview & {
    title: string;
    tokenizer: string;
    tokenizerMissing?: TokenizerMissing;
    /** Every step from the rows to the labels was evaluated (no unevaluated map or formatting_func, a known template). */
    exact: boolean;
    /** The response marker the labels depend on, as text (Unsloth's response_part, a string response_template). */
    responseMarker?: string;
    /**
     * A first paint: the template rendering and which parts are trained, on approximate tokens, while
     * the real tokenizer (named here) loads; asking again without `firstPaint` gives the real tokens.
     */
    tokensPending?: string;
  })
  | { error: string }
  | { choose: Array<{ label: string; line: number; where: string }> };

/** Why the preview fell back to the approximate tokenizer: which model id, which folders were searched. */
export interface TokenizerMissing { modelId?: string; dir?: string; message: string; searched: string[] }

export interface ScriptPreviewOptions {
  trainer?: number;
  rows?: number;
  /** A folder with tokenizer.json to use instead of the model id's cache entry (setting). */
  tokenizerDir?: string;
  /** Rows to preview instead of the first ones (a row link of the dataset report). */
  sourceRows?: Array<{ index: number; row: Record<string, unknown> }>;
  /**
   * Do not wait for a tokenizer that is on disk but not loaded yet (Gemma 3's takes seconds): render
   * with approximate tokens now, start the load, and say so in `tokensPending`.
   */
  firstPaint?: boolean;
  /** The tokenizers the script's `clone_chat_template` calls copy from (read by `previewScriptMasking`). */
  setupSources?: ReadonlyMap<string, SourceTokenizer | { missing: string }>;
}

/** The tokenizer for a script: the user's folder, else the model id in the local HF cache, else the approximation. */
export async function tokenizerForScript(a: Analysis, store: TokenizerStore, opts: ScriptPreviewOptions): Promise<{ tok: TextTokenizer; warnings: string[]; missing?: TokenizerMissing; pending?: string }> {
  const trainer = a.trainers[opts.trainer ?? 0];
  const modelId = modelIdOf(a, trainer);
  const ref = opts.tokenizerDir ? { dir: opts.tokenizerDir } : modelId ? { modelId, baseDir: dirname(a.doc.path) } : undefined;
  const warnings: string[] = [];
  let missing: TokenizerMissing;
  const family = (modelId ? markersForModelId(modelId) : undefined)?.name;
  if (ref && opts.firstPaint && !store.settled(ref) && (await store.locate(ref)).ok) {
    // Started after this answer is sent (the load blocks the thread); the follow-up request waits for it.
    setImmediate(() => void store.load(ref));
    const name = ref.modelId ?? ref.dir ?? 'the model';
    return {
      tok: approximateTokenizer(family ?? markersFor('chatml')?.name, modelId ?? 'approximation'),
      warnings: [`the tokenizer of ${name} is loading: these tokens are approximate and are replaced by the real ones when it is loaded`],
      pending: name,
    };
  }
  if (ref) {
    const loaded = await store.load(ref);
    if (loaded.ok) return { tok: loaded.tokenizer, warnings };
    warnings.push(`no tokenizer: ${loaded.message}`);
    missing = { modelId: ref.modelId, dir: ref.dir, message: loaded.message, searched: loaded.searched };
  } else {
    const message = 'no model id found in the script (from_pretrained) and no trainlint.masking.tokenizerPath set';
    warnings.push(message);
    missing = { message, searched: [] };
  }
  return { tok: approximateTokenizer(family ?? markersFor('chatml')?.name, modelId ?? 'approximation'), warnings, missing };
}

export async function previewScriptMasking(a: Analysis, store: TokenizerStore, opts: ScriptPreviewOptions = {}): Promise<ScriptPreview> {
  const first = planFromScript(a, { trainer: opts.trainer, rows: 0 });
  if ('choose' in first) return first;
  if ('error' in first && /^No trainer/.test(first.error)) return first;
  const { tok, warnings, missing, pending } = await tokenizerForScript(a, store, opts);
  // clone_chat_template copies another tokenizer's template and tokens: read it offline too.
  const tp = trainerPlan(a, { trainer: opts.trainer });
  const setupSources = 'plan' in tp && tp.plan.tokenizerSetups ? await readSetupSources(tp.plan.tokenizerSetups, store, dirname(a.doc.path)) : undefined;
  const preview = renderScriptMasking(a, tok, warnings, { ...opts, setupSources: setupSources ?? opts.setupSources });
  if (!('samples' in preview)) return preview;
  // The generic "no real tokenizer was available" is not true here: one is loading.
  if (pending) return { ...preview, warnings: preview.warnings.filter((w) => !/^approximate preview: no real tokenizer/.test(w)), tokensPending: pending };
  return missing ? { ...preview, tokenizerMissing: missing } : preview;
}

/** Preview warnings that mean the chat template was not the one the run uses. */
const GUESSED_TEMPLATE = /^(no bundled Jinja|unknown chat template)/;

function responseMarker(p: MaskingPipeline): string | undefined {
  if (p.kind === 'unsloth-responses-only') return p.responsePart;
  if (p.kind === 'completion-only-collator' && typeof p.responseTemplate === 'string') return p.responseTemplate;
  return undefined;
}

/** Synchronous once the tokenizer is known (re-render, TL110). */
export function renderScriptMasking(a: Analysis, tok: TextTokenizer, warnings: string[], opts: ScriptPreviewOptions = {}): ScriptPreview {
  const planned: ScriptPlan = planFromScript(a, { trainer: opts.trainer, rows: opts.rows ?? 3, eosToken: tok.eosToken, bosToken: tok.bosToken, unkToken: tok.unkToken, sourceRows: opts.sourceRows, setupSources: opts.setupSources });
  if (!('plan' in planned)) return planned;
  const first = planned.headline ? [planned.headline] : [];
  const preview = previewMaskingWith(planned.plan, tok.approximate ? undefined : tok, [...first, ...warnings, ...planned.notes], opts.rows ?? 3);
  const exact = planned.notes.length === 0 && !preview.warnings.some((w) => GUESSED_TEMPLATE.test(w));
  return { ...preview, title: planned.title, tokenizer: tok.source, exact, responseMarker: responseMarker(planned.plan.pipeline) };
}
