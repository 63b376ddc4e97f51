/**
 * The loss-masking preview of a script text, reading the data its rows come from: lint once for the
 * analysis (no rules), preview; if the preview looked up data that was not read yet, read it and
 * preview again. Shared by `trainlint preview-masking` and the language server's preview worker.
 * (Kept apart from script-preview.ts: TL110 uses that one, and rules must not import the runner.)
 */
import type { DataSourceCache } from '../data/cache';
import { CachedDataProvider } from '../dataset/cached-provider';
import type { Environment } from '../env/versions';
import { lint } from '../lint/lint';
import type { ParsedScript } from '../syntax/parsed-script';
import type { ScriptDocument } from '../syntax/script-document';
import { previewScriptMasking, type ScriptPreview, type ScriptPreviewOptions } from './script-preview';
import type { TokenizerStore } from './tokenizer-store';
import type { AccessPolicy } from '../data/types';
import { sourceRowsAt } from '../report/rows-at';

function analyseWith(input: PreviewInput) {
  const provider = new CachedDataProvider(input.data, input.doc.path, input.cwd);
  return { provider, analysis: lint({ doc: input.doc, script: input.script, env: input.env, data: provider, rules: [] }).analysis };
}

export interface PreviewInput {
  doc: ScriptDocument;
  /** The parse of `doc.text`, owned by the caller. */
  script: ParsedScript;
  env: Environment;
  data: DataSourceCache;
  /** Working directory for relative data paths. */
  cwd: string;
  tokenizers: TokenizerStore;
}

export async function previewWithData(input: PreviewInput, opts: ScriptPreviewOptions & { startRow?: number; access?: AccessPolicy }): Promise<ScriptPreview> {
  if (opts.startRow !== undefined && opts.access) {
    // From a row of the dataset report on: stream the source to that row (same numbering as the report).
    const { analysis } = analyseWith(input);
    const rows = await sourceRowsAt(analysis, opts.trainer, input.cwd, opts.access, opts.startRow, opts.rows ?? 3);
    if ('error' in rows) return { error: `Cannot show row ${opts.startRow}: ${rows.error}` };
    return previewScriptMasking(analysis, input.tokenizers, { ...opts, sourceRows: rows });
  }
  const analyse = () => analyseWith(input);
  // The dataset model is lazy: data sources are looked up while the preview evaluates the rows.
  const { provider, analysis } = analyse();
  const result = await previewScriptMasking(analysis, input.tokenizers, opts);
  if (provider.missed && (await provider.fetch())) return previewScriptMasking(analyse().analysis, input.tokenizers, opts);
  return result;
}
