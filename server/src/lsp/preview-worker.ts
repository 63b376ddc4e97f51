/**
 * Loss-masking previews run here, in a worker thread of the language server: loading a tokenizer
 * costs seconds of CPU and hundreds of MB, and diagnostics must keep flowing meanwhile. The worker
 * keeps its own tokenizer and data caches between requests.
 */
import { parentPort } from 'node:worker_threads';
import { dirname } from 'node:path';
import { Environment, ParsedScript, ScriptDocument, initParser, lint, type PackageVersion } from '../engine/index';
import { DataSourceCache, hfCacheRoots } from '../engine/data/index';
import { CachedDataProvider } from '../engine/dataset/cached-provider';
import { previewScriptMasking, type ScriptPreview } from '../engine/masking/script-preview';
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
    const env = new Environment(new Map(job.env));
    const analyse = () => {
      const provider = new CachedDataProvider(cache!, job.path, job.cwd || dirname(job.path));
      return { provider, analysis: lint({ doc, script, env, data: provider, rules: [] }).analysis };
    };
    const opts = { trainer: job.trainer, rows: job.rows, tokenizerDir: job.tokenizerDir };
    // The dataset model is lazy: sources are looked up while the preview evaluates the rows.
    const { provider, analysis } = analyse();
    const result = await previewScriptMasking(analysis, tokenizers, opts);
    if (provider.missed && (await provider.fetch())) return await previewScriptMasking(analyse().analysis, tokenizers, opts);
    return result;
  } finally {
    script.dispose();
  }
}

parentPort!.on('message', (job: PreviewJob) => {
  run(job).then(
    (result) => parentPort!.postMessage({ id: job.id, result } satisfies PreviewReply),
    (e) => parentPort!.postMessage({ id: job.id, result: { error: `preview failed: ${(e as Error)?.message ?? e}` } } satisfies PreviewReply),
  );
});
