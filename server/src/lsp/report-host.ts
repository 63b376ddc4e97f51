/**
 * Dataset reports run here, in a worker thread of the language server (which itself starts one
 * measuring thread per core): reading every row and tokenizing it must never touch the
 * diagnostics path. Partial reports go back as they come; a report can be cancelled by id.
 */
import { parentPort } from 'node:worker_threads';
import { initParser } from '../engine/index';
import { DataSourceCache } from '../engine/data/index';
import { accessOf, withScript, type ScriptJob } from './script-job';
import { TokenizerStore } from '../engine/masking/tokenizer-store';
import { runDatasetReport, type ReportResult } from '../engine/report/report-runner';
import type { DatasetReport } from '../engine/report/types';
import { WARM_EVENT } from '../launch/cached-load';

export interface ReportJob extends ScriptJob {
  approximate?: boolean;
}
export type ReportHostRequest = { kind: 'run'; id: number; job: ReportJob } | { kind: 'cancel'; id: number };
export type ReportHostReply = { id: number; progress: DatasetReport } | { id: number; result: ReportResult };

const ready = initParser();
const tokenizers = new TokenizerStore({ maxEntries: 1 });
const running = new Map<number, AbortController>();

async function run(id: number, job: ReportJob, signal: AbortSignal): Promise<ReportResult> {
  await ready;
  const access = accessOf(job);
  return withScript(job, (input) => runDatasetReport(
    { ...input, data: new DataSourceCache({ maxRows: 20, access }), access, tokenizers },
    { trainer: job.trainer, approximate: job.approximate, tokenizerDir: job.tokenizerDir, signal, onProgress: (progress) => parentPort!.postMessage({ id, progress } satisfies ReportHostReply) },
  ));
}

parentPort!.on('message', (m: ReportHostRequest) => {
  if (m.kind === 'cancel') { running.get(m.id)?.abort(); return; }
  const abort = new AbortController();
  running.set(m.id, abort);
  run(m.id, m.job, abort.signal).then(
    (result) => { parentPort!.postMessage({ id: m.id, result } satisfies ReportHostReply); (process as NodeJS.EventEmitter).emit(WARM_EVENT); },
    (e) => parentPort!.postMessage({ id: m.id, result: { error: `the report failed: ${(e as Error)?.message ?? e}` } } satisfies ReportHostReply),
  ).finally(() => running.delete(m.id));
});
