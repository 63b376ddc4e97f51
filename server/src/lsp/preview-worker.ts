/**
 * Loss-masking previews run here, in a worker thread of the language server: loading a tokenizer
 * costs seconds of CPU and hundreds of MB, and diagnostics must keep flowing meanwhile. The worker
 * keeps its own tokenizer and data caches between requests.
 */
import { parentPort } from 'node:worker_threads';
import { WARM_EVENT } from '../launch/cached-load';
import { initParser } from '../engine/index';
import { DataSourceCache } from '../engine/data/index';
import { accessOf, withScript, type ScriptJob } from './script-job';
import { previewWithData } from '../engine/masking/preview-with-data';
import type { ScriptPreview } from '../engine/masking/script-preview';
import { TokenizerStore } from '../engine/masking/tokenizer-store';

export interface PreviewJob extends ScriptJob {
  id: number;
  rows: number;
  /** Preview from this row on (a row link of the dataset report). */
  startRow?: number;
  /** Approximate tokens at once while the tokenizer loads (see ScriptPreviewOptions). */
  firstPaint?: boolean;
}
export interface PreviewReply { id: number; result: ScriptPreview }

const ready = initParser();
const tokenizers = new TokenizerStore({ maxEntries: 2 });
let cache: DataSourceCache | undefined;

async function run(job: PreviewJob): Promise<ScriptPreview> {
  await ready;
  const access = accessOf(job);
  cache ??= new DataSourceCache({ maxRows: 100, access });
  return withScript(job, (input) => previewWithData(
    { ...input, data: cache!, tokenizers },
    { trainer: job.trainer, rows: job.rows, tokenizerDir: job.tokenizerDir, startRow: job.startRow, firstPaint: job.firstPaint, access },
  ));
}

parentPort!.on('message', (job: PreviewJob) => {
  run(job).then(
    (result) => {
      parentPort!.postMessage({ id: job.id, result } satisfies PreviewReply);
      (process as NodeJS.EventEmitter).emit(WARM_EVENT); // keep the compiled preview code (launch/); once per process
    },
    (e) => parentPort!.postMessage({ id: job.id, result: { error: `preview failed: ${(e as Error)?.message ?? e}` } } satisfies PreviewReply),
  );
});
