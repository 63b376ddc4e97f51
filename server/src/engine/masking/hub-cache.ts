/**
 * Finds a model's tokenizer files offline: in a user-given directory, or in the Hugging Face
 * hub cache (`hub/models--ORG--NAME/snapshots/<rev>/`, files usually symlinks into `blobs/`).
 * Cache roots follow huggingface_hub: `HF_HUB_CACHE`, then `HUGGINGFACE_HUB_CACHE`, then
 * `HF_HOME/hub`, then `XDG_CACHE_HOME/huggingface/hub`, then `~/.cache/huggingface/hub`
 * (and the legacy `TRANSFORMERS_CACHE`). Never touches the network.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { hfCachePaths, snapshotOf } from '../data/hf-cache';
import { isDir, isFile } from '../data/fs-probe';

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Candidate hub cache directories, most specific first, without duplicates: the one
 * huggingface_hub uses (shared with the data layer), then legacy and default locations.
 */
export function hubCacheDirs(env: Env, homeDir: string): string[] {
  const dirs = [hfCachePaths(env, homeDir).hubCache];
  // A hub cache overridden by HF_HUB_CACHE may still sit beside an HF_HOME that holds the files.
  dirs.push(hfCachePaths({ ...env, HF_HUB_CACHE: undefined, HUGGINGFACE_HUB_CACHE: undefined }, homeDir).hubCache);
  if (env.TRANSFORMERS_CACHE) dirs.push(env.TRANSFORMERS_CACHE.startsWith('~') ? join(homeDir, env.TRANSFORMERS_CACHE.slice(1)) : env.TRANSFORMERS_CACHE);
  dirs.push(join(homeDir, '.cache', 'huggingface', 'hub'));
  return [...new Set(dirs.map((d) => resolve(d)))];
}

/** `meta-llama/Llama-3.1-8B-Instruct` → `models--meta-llama--Llama-3.1-8B-Instruct`. */
export function repoFolderName(modelId: string): string {
  return `models--${modelId.split('/').join('--')}`;
}



export type LocateResult =
  | { ok: true; dir: string }
  | { ok: false; message: string; searched: string[] };

/** Does this directory hold a fast tokenizer? (`tokenizer.model` alone is not enough.) */
async function tokenizerDirProblem(dir: string): Promise<string | undefined> {
  if (await isFile(join(dir, 'tokenizer.json'))) return undefined;
  if (await isFile(join(dir, 'tokenizer.model'))) {
    return `${dir} has only tokenizer.model (slow SentencePiece); the preview needs tokenizer.json`;
  }
  return `${dir} has no tokenizer.json`;
}

export interface LocateRequest {
  modelId?: string;
  dir?: string;
  revision?: string;
  /** Resolves relative `dir` / model ids that are local paths. */
  cwd?: string;
}

/**
 * Find the directory holding `tokenizer.json` for a model id (hub cache, or a local path
 * passed as id) or an explicit directory.
 */
export async function locateTokenizerDir(req: LocateRequest, env: Env, homeDir: string): Promise<LocateResult> {
  const cwd = req.cwd ?? process.cwd();
  if (req.dir) {
    const dir = isAbsolute(req.dir) ? req.dir : resolve(cwd, req.dir);
    if (!(await isDir(dir))) return { ok: false, message: `tokenizer directory ${dir} does not exist`, searched: [dir] };
    const problem = await tokenizerDirProblem(dir);
    return problem ? { ok: false, message: problem, searched: [dir] } : { ok: true, dir };
  }
  const id = req.modelId?.trim();
  if (!id) return { ok: false, message: 'no tokenizer given (neither a model id nor a directory)', searched: [] };
  const localPath = isAbsolute(id) ? id : resolve(cwd, id);
  if (await isDir(localPath)) { // like from_pretrained: an existing directory wins over a hub id
    const problem = await tokenizerDirProblem(localPath);
    return problem ? { ok: false, message: problem, searched: [localPath] } : { ok: true, dir: localPath };
  }
  const searched: string[] = [];
  for (const root of hubCacheDirs(env, homeDir)) {
    const repoDir = join(root, repoFolderName(id));
    searched.push(repoDir);
    if (!(await isDir(repoDir))) continue;
    const snap = await snapshotOf(repoDir, req.revision ?? 'main', (d) => isFile(join(d, 'tokenizer.json')));
    if (snap) return { ok: true, dir: snap };
  }
  return {
    ok: false,
    message: `tokenizer of ${id} is not in the Hugging Face cache (run the script once, or \`huggingface-cli download ${id} tokenizer.json tokenizer_config.json\`)`,
    searched,
  };
}
