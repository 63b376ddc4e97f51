/**
 * Dataset reports run here, in a worker thread of the language server (which itself starts one
 * measuring thread per core): reading every row and tokenizing it must never touch the
 * diagnostics path. Partial reports go back as they come; a report can be cancelled by id.
 */
import { parentPort } from 'node:worker_threads';
import { dirname } from 'node:path';
import { Environment, ParsedScript, ScriptDocument, initParser, type PackageVersion } from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { TokenizerStore } from '../engine/masking/tokenizer-store';
import { runDatasetReport, type ReportResult } from '../engine/report/report-runner';
import type { DatasetReport } from '../engine/report/types';

export interface ReportJob {
  path: string;
  text: string;
  env: Array<[string, PackageVersion]>;
  cwd: string;
  workspaceRoots: string[];
  trusted: boolean;
  trainer?: number;
  approximate?: boolean;
  tokenizerDir?: string;
}
export type ReportHostRequest = { kind: 'run'; id: number; job: ReportJob } | { kind: 'cancel'; id: number };
export type ReportHostReply = { id: number; progress: DatasetReport } | { id: number; result: ReportResult };

const ready = initParser();
const tokenizers = new TokenizerStore({ maxEntries: 1 });
const running = new Map<number, AbortController>();

async function run(id: number, job: ReportJob, signal: AbortSignal): Promise<ReportResult> {
  await ready;
  const access = { workspaceRoots: job.workspaceRoots, hfCacheRoots: hfCacheRoots(), trusted: job.trusted };
  const doc = ScriptDocument.fromPython(job.path, job.text);
  const script = ParsedScript.parse(doc.text);
  try {
    return await runDatasetReport(
      { doc, script, env: new Environment(new Map(job.env)), data: new DataSourceCache({ maxRows: 20, access }), access, cwd: job.cwd || dirname(job.path), tokenizers },
      { trainer: job.trainer, approximate: job.approximate, tokenizerDir: job.tokenizerDir, signal, onProgress: (progress) => parentPort!.postMessage({ id, progress } satisfies ReportHostReply) },
    );
  } finally {
    script.dispose();
  }
}

parentPort!.on('message', (m: ReportHostRequest) => {
  if (m.kind === 'cancel') { running.get(m.id)?.abort(); return; }
  const abort = new AbortController();
  running.set(m.id, abort);
  run(m.id, m.job, abort.signal).then(
    (result) => parentPort!.postMessage({ id: m.id, result } satisfies ReportHostReply),
    (e) => parentPort!.postMessage({ id: m.id, result: { error: `the report failed: ${(e as Error)?.message ?? e}` } } satisfies ReportHostReply),
  ).finally(() => running.delete(m.id));
});
