/**
 * The loss-masking preview: which tokens of real dataset rows are trained on, computed the
 * way the script's pipeline does it (masking-spec), with per-sample findings.
 *
 * `previewMasking` loads the tokenizer offline (lazily, through a `TokenizerStore`);
 * `previewMaskingWith` runs on an already loaded tokenizer (or the approximation) and is
 * synchronous, for re-rendering. Neither throws on bad input: problems become warnings.
 */
import { endOfTurnToken, markersFor, markersForModelId, markersForTemplateSource, type TemplateMarkers } from '../chat/markers';
import { templateParseError } from '../chat/render';
import { bundledTemplate } from '../chat/templates/index';
import { approximateTokenizer } from './approx-tokenizer';
import { sampleWarnings } from './checks';
import { makePipeline, type Pipeline, type PipelineContext } from './pipelines/index';
import { IGNORE_INDEX } from './sequence';
import { defaultTokenizerStore, type TokenizerStore } from './tokenizer-store';
import { applyTokenizerSetups } from './tokenizer-setup';
import type { MaskingPlan, MaskingPreview, PlanRow, PreviewSample, TextTokenizer } from './types';

export interface PreviewOptions {
  /** Where tokenizers are loaded from (default: the shared store over the Hugging Face cache). */
  store?: TokenizerStore;
  /** Use this tokenizer and skip loading. */
  tokenizer?: TextTokenizer;
  /** Rows previewed at most (default 20). */
  maxRows?: number;
}

/** Preview the masking of a plan, loading its tokenizer offline when one is named. */
export async function previewMasking(plan: MaskingPlan, opts: PreviewOptions = {}): Promise<MaskingPreview> {
  if (opts.tokenizer || !plan.tokenizer || (!plan.tokenizer.modelId && !plan.tokenizer.dir)) {
    return previewMaskingWith(plan, opts.tokenizer, [], opts.maxRows);
  }
  const loaded = await (opts.store ?? defaultTokenizerStore()).load(plan.tokenizer);
  if (loaded.ok) return previewMaskingWith(plan, loaded.tokenizer, [], opts.maxRows);
  return previewMaskingWith(plan, undefined, [`no tokenizer: ${loaded.message}`], opts.maxRows);
}

interface ResolvedTemplate {
  template?: { source: string; name?: string };
  markers?: TemplateMarkers;
  warnings: string[];
  /** Where the template comes from, for the preview's header. */
  label?: string;
}

/**
 * The active chat template: a literal, a `get_chat_template` name, or the tokenizer's own (which is the one a TRL
 * setup call set, named by `setupLabel`, when the plan has one).
 */
function resolveTemplate(plan: MaskingPlan, tok: TextTokenizer | undefined, setupLabel?: string): ResolvedTemplate {
  const warnings: string[] = [];
  const own = setupLabel ?? (tok ? `the tokenizer's own (${tok.source})` : undefined);
  if (plan.template?.source) {
    return { template: { source: plan.template.source }, markers: markersForTemplateSource(plan.template.source), warnings, label: 'the template the script sets' };
  }
  if (plan.template?.name) {
    const bundled = bundledTemplate(plan.template.name);
    if (bundled) return { template: bundled, markers: markersFor(bundled.name), warnings, label: `get_chat_template: ${plan.template.name}` };
    const known = markersFor(plan.template.name);
    warnings.push(known
      ? `no bundled Jinja for chat template "${plan.template.name}": rendering with the tokenizer's own template`
      : `unknown chat template name "${plan.template.name}" (get_chat_template raises TypeError)`);
    if (tok?.chatTemplate) return { template: { source: tok.chatTemplate }, markers: known ?? markersForTemplateSource(tok.chatTemplate), warnings, label: own };
    return { markers: known, warnings };
  }
  if (tok?.chatTemplate) return { template: { source: tok.chatTemplate }, markers: markersForTemplateSource(tok.chatTemplate), warnings, label: own };
  return { warnings };
}

export interface Run {
  ctx: PipelineContext;
  pipeline: Pipeline;
  stopIds: Set<number>;
  responseIds?: number[];
  padId?: number;
  /** Where the chat template comes from (header). */
  template?: string;
  /** What the script's TRL calls changed in the tokenizer. */
  tokenizerChanges?: string[];
}

/** Tokenizer, template, effective EOS and pipeline of a plan; run-level warnings go to `out`. */
export function prepareRun(plan: MaskingPlan, tokenizer: TextTokenizer | undefined, out: string[]): Run | { failed: true; approximate: boolean } {
  let tok = tokenizer;
  let family: string | undefined;
  if (!tok) {
    family = resolveTemplate(plan, undefined).markers?.name ?? (plan.tokenizer?.modelId ? markersForModelId(plan.tokenizer.modelId)?.name : undefined);
    tok = approximateTokenizer(family, plan.tokenizer?.modelId ?? plan.tokenizer?.dir ?? 'approximation');
    out.push('approximate preview: no real tokenizer was available, so tokens are word/piece-level guesses (boundaries, counts and marker matching may differ)');
  }
  // TRL's setup_chat_format / clone_chat_template: the tokenizer the trainer gets is the changed one.
  let changes: string[] | undefined;
  let setupLabel: string | undefined;
  if (plan.tokenizerSetups?.length) {
    const applied = applyTokenizerSetups(plan.tokenizerSetups, tok, out);
    if ('fatal' in applied) return { failed: true, approximate: tok.approximate };
    tok = applied.tok;
    changes = applied.changes;
    setupLabel = applied.templateLabel;
  }
  let resolved = resolveTemplate(plan, tok, setupLabel);
  if (!tokenizer && !resolved.template && family && bundledTemplate(family)) {
    resolved = { template: bundledTemplate(family), markers: markersFor(family), warnings: resolved.warnings, label: `${family}, assumed from the model id` };
    out.push(`assuming the ${family} chat template from the model id`);
  }
  out.push(...resolved.warnings);
  const parseError = resolved.template ? templateParseError(resolved.template.source) : undefined;
  if (parseError) out.push(`chat template does not parse: ${parseError}`);

  const { markers } = resolved;
  const mapsEos = plan.template?.name ? markers?.mapsEosTo : undefined;
  const mapped = mapsEos && tok.tokenId(mapsEos) !== undefined ? mapsEos : undefined;
  if (mapsEos && !mapped && tok.eosToken !== mapsEos) {
    out.push(`get_chat_template("${plan.template?.name}") renames the EOS ${JSON.stringify(tok.eosToken ?? '')} to ${JSON.stringify(mapsEos)}, which this tokenizer lacks: the preview tokenizes ${JSON.stringify(mapsEos)} as plain text`);
  }
  const eosToken = mapped ?? tok.eosToken;
  const ctx: PipelineContext = {
    tok, plan, markers, eosToken,
    template: resolved.template,
    variables: plan.templateVariables,
    bosId: tok.bosToken ? tok.tokenId(tok.bosToken) : undefined,
    eosId: eosToken ? tok.tokenId(eosToken) : undefined,
  };
  let pipeline: Pipeline;
  try {
    pipeline = makePipeline(plan.pipeline, ctx);
  } catch (e) {
    out.push(`internal error while preparing the ${plan.pipeline.kind} pipeline: ${(e as Error).message}`);
    return { failed: true, approximate: tok.approximate };
  }
  out.push(...pipeline.warnings);
  const stopIds = new Set<number>();
  if (ctx.eosId !== undefined) stopIds.add(ctx.eosId);
  const eot = markers ? tok.tokenId(endOfTurnToken(markers, eosToken)) : undefined;
  if (eot !== undefined) stopIds.add(eot);
  return {
    ctx,
    pipeline,
    stopIds,
    responseIds: markers ? tok.encode(markers.responsePart, false).map((t) => t.id) : undefined,
    padId: pipeline.padId ?? (plan.padEqualsEos ? ctx.eosId : tok.padToken ? tok.tokenId(tok.padToken) : undefined),
    template: resolved.label,
    tokenizerChanges: changes,
  };
}

/** One row: tokenize, truncate (keep_start), label, position 0 never a target, findings. */
function previewRow(row: PlanRow, run: Run): PreviewSample {
  const { pipeline, ctx } = run;
  const enc = pipeline.encode(row);
  if ('error' in enc) return { row: row.row, tokens: [], total: 0, trained: 0, truncated: false, warnings: [enc.error] };
  const max = pipeline.maxLength;
  const truncated = max !== undefined && enc.ids.length > max;
  const ids = truncated ? enc.ids.slice(0, max) : enc.ids;
  const effective = (labels: number[]) => labels.map((l, i) => (i === 0 ? IGNORE_INDEX : l));
  const labels = effective(pipeline.label(enc, ids));
  const fullLabels = truncated ? effective(pipeline.label(enc, enc.ids)) : labels;
  return {
    row: row.row,
    tokens: ids.map((id, i) => ({ id, text: enc.texts[i], label: labels[i] })),
    total: ids.length,
    trained: labels.filter((l) => l !== IGNORE_INDEX).length,
    truncated,
    warnings: pipeline.noLabels ? [] : sampleWarnings({
      enc, ids, labels, fullLabels, truncated, maxLength: max, pipeline,
      markers: ctx.markers, bosId: ctx.bosId, eosId: ctx.eosId, padId: run.padId, stopIds: run.stopIds, responseIds: run.responseIds,
    }),
  };
}

/**
 * Preview with a given tokenizer (synchronous; for re-rendering). `undefined` falls back to
 * the piece-level approximation and marks the result `approximate`.
 */
export function previewMaskingWith(plan: MaskingPlan, tokenizer: TextTokenizer | undefined, warnings: string[] = [], maxRows = 20): MaskingPreview {
  const out: string[] = [...warnings];
  const run = prepareRun(plan, tokenizer, out);
  if ('failed' in run) return { approximate: run.approximate, warnings: out, samples: [] };
  const samples = plan.rows.slice(0, maxRows).map((row): PreviewSample => {
    try {
      return previewRow(row, run);
    } catch (e) {
      return { row: row.row, tokens: [], total: 0, trained: 0, truncated: false, warnings: [`internal error: ${(e as Error).message}`] };
    }
  });
  if (plan.rows.length > maxRows) out.push(`previewed the first ${maxRows} of ${plan.rows.length} rows`);
  // Rows the pipeline refused (an error, no tokens) say why on their own; the rest decide "no signal".
  const encoded = samples.filter((s) => s.total > 0);
  if (encoded.length > 0 && encoded.every((s) => s.trained === 0) && !run.pipeline.noLabels) {
    out.push('every previewed sample has zero trained tokens: training would see no signal (Unsloth raises, TRL ≥ 1.9 drops the rows, older versions log loss 0 / NaN)');
  }
  const injected = run.ctx.markers?.injectedSystemText;
  if (injected && plan.rows.some((r) => r.messages && r.messages[0]?.role !== 'system')) {
    out.push(`the ${run.ctx.markers?.name} template injects ${JSON.stringify(injected.trim())} into rows without a system message`);
  }
  return {
    approximate: run.ctx.tok.approximate, warnings: out, samples,
    ...(run.template ? { template: run.template } : {}),
    ...(run.tokenizerChanges?.length ? { tokenizerChanges: run.tokenizerChanges } : {}),
  };
}
