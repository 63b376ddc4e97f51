/**
 * The dataset report of one trainer: finds its dataset source, tokenizer and pipeline the way the
 * masking preview does, streams every row to the measurers (worker threads, both cores), adds the
 * results up in row order, and hands out snapshots while it runs. Cancellable at any point through
 * `signal` (the snapshot then says `cancelled`). Without a cached tokenizer it stops and says so,
 * unless `approximate` is asked for: then every count is marked approximate.
 */
import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { markersFor, markersForModelId } from '../chat/markers';
import type { AccessPolicy, DataSourceCache } from '../data/index';
import { CachedDataProvider } from '../dataset/cached-provider';
import { loadSpecFor } from '../dataset/load-spec';
import type { Environment } from '../env/versions';
import { lint } from '../lint/lint';
import type { Analysis } from '../lint/analysis';
import { trainerPlan, type TrainerPlan } from '../masking/script-plan';
import type { TokenizerStore } from '../masking/tokenizer-store';
import { readSetupSources } from '../masking/tokenizer-setup';
import type { TextTokenizer } from '../masking/types';
import type { ParsedScript } from '../syntax/parsed-script';
import type { ScriptDocument } from '../syntax/script-document';
import { InProcessMeasurer, WorkerPoolMeasurer, type RowMeasurer } from './measurers';
import type { ProcessorSetup } from './processor-setup';
import { ReportBuilder } from './report-builder';
import { selectionNotes, unfollowableStep } from './row-processor';
import { countRows, resolveReportSource, streamSourceRows, type ReportSource } from './source-rows';
import { stepInputs, stepsEstimate } from './training-steps';
import type { DatasetReport } from './types';

export interface ReportInput {
  doc: ScriptDocument;
  /** The parse of `doc.text`, owned by the caller. */
  script: ParsedScript;
  env: Environment;
  data: DataSourceCache;
  access: AccessPolicy;
  /** Working directory for relative data paths. */
  cwd: string;
  tokenizers: TokenizerStore;
}

export interface ReportOptions {
  trainer?: number;
  /** Rows listed per finding (default 20). */
  listed?: number;
  tokenizerDir?: string;
  /** Go on with the word-level approximation when no tokenizer is cached. */
  approximate?: boolean;
  signal?: AbortSignal;
  /** Called with partial reports while it runs (at most every `progressMs`, default 250). */
  onProgress?: (report: DatasetReport) => void;
  progressMs?: number;
  /** 'workers' (default: one thread per core) or 'in-process'. */
  threads?: 'workers' | 'in-process';
  batchSize?: number;
}

export type ReportResult =
  | { report: DatasetReport }
  | { error: string }
  | { choose: Array<{ label: string; line: number; where: string }> }
  /** No real tokenizer: the caller may ask again with `approximate`. */
  | { noTokenizer: string };

function analyse(input: ReportInput): { analysis: Analysis; provider: CachedDataProvider } {
  const provider = new CachedDataProvider(input.data, input.doc.path, input.cwd);
  return { provider, analysis: lint({ doc: input.doc, script: input.script, env: input.env, data: provider, rules: [] }).analysis };
}

/** The source rows of the trainer's dataset: literal rows, or the files of its loading call. */
async function sourceOf(a: Analysis, tp: TrainerPlan, input: ReportInput, signal?: AbortSignal): Promise<ReportSource | { error: string }> {
  const origin = a.datasets.at(tp.state.origin);
  const call = a.datasets.callAt(tp.state.origin);
  const name = call?.method ?? call?.calleeText.split('.').pop();
  if (name === 'from_dict' || name === 'from_list') {
    if (!origin?.rows?.length) return { error: 'The dataset is built from values trainlint cannot evaluate.' };
    return { kind: 'literal', rows: origin.rows };
  }
  const spec = call && loadSpecFor({ scriptPath: input.doc.path, facts: a.facts, callsByNode: a.callsByNode }, call, input.cwd);
  if (!spec) return { error: `The data source of ${tp.state.originLabel} is computed at run time; the report reads only sources written in the script.` };
  return resolveReportSource(spec, input.access, signal);
}

/** The tokenizer's folder (workers load their own); in-process, the store's loaded tokenizer. */
async function tokenizerOf(a: Analysis, tp: TrainerPlan, input: ReportInput, opts: ReportOptions): Promise<{ dir: string; source: string; tok?: TextTokenizer } | { missing: string }> {
  const modelId = tp.plan.tokenizer?.modelId;
  const ref = opts.tokenizerDir ? { dir: opts.tokenizerDir } : modelId ? { modelId, baseDir: dirname(a.doc.path) } : undefined;
  if (!ref) return { missing: 'no model id found in the script (from_pretrained) and no tokenizer folder given' };
  if (opts.threads === 'in-process') {
    const loaded = await input.tokenizers.load(ref);
    return loaded.ok ? { tok: loaded.tokenizer, dir: loaded.dir, source: loaded.tokenizer.source } : { missing: loaded.message };
  }
  const located = await input.tokenizers.locate(ref);
  if (!located.ok) return { missing: located.message };
  try {
    await access(join(located.dir, 'tokenizer.json'));
  } catch {
    return { missing: `${located.dir} has no tokenizer.json` };
  }
  return { dir: located.dir, source: modelId ?? located.dir };
}

export async function runDatasetReport(input: ReportInput, opts: ReportOptions = {}): Promise<ReportResult> {
  let { analysis: a, provider } = analyse(input);
  if (provider.missed && (await provider.fetch())) a = analyse(input).analysis;
  const tp = trainerPlan(a, { trainer: opts.trainer });
  if (!('plan' in tp)) return tp;
  const stuck = unfollowableStep(a, tp);
  if (stuck) return { error: stuck };

  const warnings: string[] = [];
  const found = await tokenizerOf(a, tp, input, opts);
  if ('missing' in found && !opts.approximate) return { noTokenizer: `The tokenizer is not in the local cache (${found.missing}). Token counts need it; an approximate report counts word pieces instead and is labelled as such.` };
  if ('missing' in found) warnings.push(`APPROXIMATE: no real tokenizer (${found.missing}); every token count is a word-level estimate, not what the trainer will see`);
  const source = await sourceOf(a, tp, input, opts.signal);
  if ('error' in source) return source;
  if (source.kind === 'files') warnings.push(...source.warnings);
  else if ((a.datasets.at(tp.state.origin)?.rowCount ?? 0) > source.rows.length) warnings.push(`the literal dataset has ${a.datasets.at(tp.state.origin)?.rowCount} rows; the report covers the first ${source.rows.length}`);
  warnings.push(...selectionNotes(a, tp), ...tp.setupNotes);

  const family = (tp.plan.tokenizer?.modelId ? markersForModelId(tp.plan.tokenizer.modelId) : undefined)?.name ?? markersFor('chatml')?.name;
  // clone_chat_template copies another tokenizer's template and tokens: read offline here, handed to the threads as data.
  const sources = tp.plan.tokenizerSetups ? await readSetupSources(tp.plan.tokenizerSetups, input.tokenizers, dirname(a.doc.path)) : undefined;
  const setup: ProcessorSetup = {
    path: input.doc.path, text: input.doc.text, env: input.env.entries(), trainer: tp.index,
    tokenizer: 'dir' in found ? { dir: found.dir, source: found.source } : { approximate: true, family, source: `approximation (${family ?? 'generic'})` },
    ...(sources?.size ? { setupSources: [...sources] } : {}),
  };
  const measurer: RowMeasurer = opts.threads === 'in-process' ? new InProcessMeasurer(setup, 'tok' in found ? found.tok : undefined) : new WorkerPoolMeasurer(setup);
  try {
    const total = await countRows(source, opts.signal);
    let info;
    try { info = await measurer.ready(); } catch (e) { return { error: `the tokenizer or pipeline could not be set up: ${(e as Error).message}` }; }
    const inputs = stepInputs(a, tp);
    const builder = new ReportBuilder({
      title: `Dataset report: ${tp.title}`, script: input.doc.path, trainer: { index: tp.index, line: tp.line, label: tp.label },
      tokenizer: info.tokenizer, approximate: !('dir' in found), maxLength: info.maxLength, warnings: [...warnings, ...info.warnings],
      files: source.kind === 'files' ? source.files : [],
    }, opts.listed ?? 20, (rows) => stepsEstimate(inputs, rows));
    const done = await feed(source, measurer, builder, opts, total);
    return { report: builder.snapshot({ done, cancelled: !done, total }) };
  } catch (e) {
    return { error: (e as Error).message };
  } finally {
    measurer.dispose();
  }
}

/** Streams rows to the measurer, keeping `2 × slots` batches in flight, adding results in row order. True when every row was read. */
async function feed(source: ReportSource, measurer: RowMeasurer, builder: ReportBuilder, opts: ReportOptions, total?: number): Promise<boolean> {
  const inFlight: Array<Promise<import('./types').RowStats[]>> = [];
  const progressMs = opts.progressMs ?? 250;
  let lastProgress = 0;
  let firstShown = false;
  const drainOne = async () => {
    for (const s of await inFlight.shift()!) builder.add(s);
    const now = performance.now();
    if (opts.onProgress && (!firstShown || now - lastProgress >= progressMs)) {
      firstShown = true;
      lastProgress = now;
      opts.onProgress(builder.snapshot({ done: false, total }));
    }
  };
  try {
    for await (const batch of streamSourceRows(source, opts.signal, opts.batchSize ?? 128)) {
      if (opts.signal?.aborted) break;
      const p = measurer.measure(batch);
      p.catch(() => undefined);
      inFlight.push(p);
      while (inFlight.length >= 2 * measurer.slots) await drainOne();
    }
    while (inFlight.length) await drainOne();
  } catch (e) {
    if (opts.signal?.aborted) return false;
    throw e;
  }
  return !opts.signal?.aborted;
}
