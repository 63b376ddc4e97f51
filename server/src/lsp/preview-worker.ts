/**
 * Loss-masking previews run here, in a worker thread of the language server: loading a tokenizer
 * costs seconds of CPU and hundreds of MB, and diagnostics must keep flowing meanwhile. The worker
 * keeps its own tokenizer and data caches between requests.
 */
import { parentPort } from 'node:worker_threads';
import { WARM_EVENT } from '../launch/cached-load';
import { dirname } from 'node:path';
import { Environment, ParsedScript, ScriptDocument, initParser, type PackageVersion } from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { previewWithData } from '../engine/masking/preview-with-data';
import type { ScriptPreview } from '../engine/masking/script-preview';
import { TokenizerStore } from '../engine/masking/tokenizer-store';

export interface PreviewJob {
  id: number;
  path: string;
  text: string;
  env: Array<[string, PackageVersion]>;
  cwd: string;
  workspaceRoots: string[];
  trusted: boolean;
  trainer?: number;
  rows: number;
  tokenizerDir?: string;
  /** Preview from this row on (a row link of the dataset report). */
  startRow?: number;
}
export interface PreviewReply { id: number; result: ScriptPreview }

const ready = initParser();
const tokenizers = new TokenizerStore({ maxEntries: 2 });
let cache: DataSourceCache | undefined;

async function run(job: PreviewJob): Promise<ScriptPreview> {
  await ready;
  cache ??= new DataSourceCache({ maxRows: 100, access: { workspaceRoots: job.workspaceRoots, hfCacheRoots: hfCacheRoots(), trusted: job.trusted } });
  const doc = ScriptDocument.fromPython(job.path, job.text);
  const script = ParsedScript.parse(doc.text);
  try {
    return await previewWithData(
      { doc, script, env: new Environment(new Map(job.env)), data: cache, cwd: job.cwd || dirname(job.path), tokenizers },
      { trainer: job.trainer, rows: job.rows, tokenizerDir: job.tokenizerDir, startRow: job.startRow,
        access: { workspaceRoots: job.workspaceRoots, hfCacheRoots: hfCacheRoots(), trusted: job.trusted } },
    );
  } finally {
    script.dispose();
  }
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
