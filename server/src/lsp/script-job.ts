/**
 * A script sent to a worker thread of the server for work that must stay off the diagnostics path
 * (the loss-masking preview, the dataset report): the text as the editor has it, the versions the
 * server found, and what the worker may read.
 */
import { dirname } from 'node:path';
import { Environment, ParsedScript, ScriptDocument, type PackageVersion } from '../engine/index';
import { hfCacheRoots } from '../engine/data/index';
import type { AccessPolicy } from '../engine/data/types';

export interface ScriptJob {
  path: string;
  text: string;
  env: Array<[string, PackageVersion]>;
  /** Where relative data paths start ('' = the script's folder). */
  cwd: string;
  workspaceRoots: string[];
  trusted: boolean;
  /** Which trainer of the script, when it has several. */
  trainer?: number;
  tokenizerDir?: string;
}

/** What the worker may read for this job: the workspace folders and the Hugging Face cache, nothing when untrusted. */
export function accessOf(job: ScriptJob): AccessPolicy {
  return { workspaceRoots: job.workspaceRoots, hfCacheRoots: hfCacheRoots(), trusted: job.trusted };
}

/** Parses the job's script, runs `work` on it, and always frees the parse. `initParser()` must have completed. */
export async function withScript<R>(
  job: ScriptJob,
  work: (input: { doc: ScriptDocument; script: ParsedScript; env: Environment; cwd: string }) => Promise<R>,
): Promise<R> {
  const doc = ScriptDocument.fromPython(job.path, job.text);
  const script = ParsedScript.parse(doc.text);
  try {
    return await work({ doc, script, env: new Environment(new Map(job.env)), cwd: job.cwd || dirname(job.path) });
  } finally {
    script.dispose();
  }
}
