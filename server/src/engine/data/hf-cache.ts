/**
 * The local Hugging Face caches, offline: where they are (HF_HOME, HF_HUB_CACHE,
 * HUGGINGFACE_HUB_CACHE, HF_DATASETS_CACHE, XDG_CACHE_HOME, default ~/.cache/huggingface), and what
 * they hold for a hub dataset id:
 * 1. the hub snapshot `hub/datasets--ORG--NAME/snapshots/<rev>/…` (raw parquet/json/csv files);
 * 2. the `datasets` Arrow cache `datasets/ORG___snake_name/<config>/<version>/<hash>/` with
 *    `dataset_info.json` and `snake_name-<split>[-NNNNN-of-NNNNN].arrow` (see `datasets-cache.ts`).
 */
import { isDir } from './fs-probe';
import { readdir, stat } from 'node:fs/promises';
import { readSmallJson, readSmallText } from './confined-open';
import { plausibleCount } from './plausible';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { columnsFromFeatures } from './hf-features';
import type { AccessPolicy, SourceMetadata } from './types';

export type Env = Record<string, string | undefined>;

export interface HfCachePaths {
  /** huggingface_hub's cache (`…/hub`). */
  hubCache: string;
  /** The `datasets` library's Arrow cache (`…/datasets`). */
  datasetsCache: string;
}

function expandHome(p: string, home: string): string {
  return p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p;
}

/** Cache folders from the environment, with huggingface_hub's and datasets' precedence. */
export function hfCachePaths(env: Env = process.env, home: string = homedir()): HfCachePaths {
  const nonEmpty = (v: string | undefined) => (v && v.trim() !== '' ? expandHome(v, home) : undefined);
  const xdg = nonEmpty(env.XDG_CACHE_HOME) ?? join(home, '.cache');
  const hfHome = nonEmpty(env.HF_HOME) ?? join(xdg, 'huggingface');
  return {
    hubCache: nonEmpty(env.HF_HUB_CACHE) ?? nonEmpty(env.HUGGINGFACE_HUB_CACHE) ?? join(hfHome, 'hub'),
    datasetsCache: nonEmpty(env.HF_DATASETS_CACHE) ?? join(hfHome, 'datasets'),
  };
}

/** The cache folders to allow reads from (for `AccessPolicy.hfCacheRoots`). */
export function hfCacheRoots(env: Env = process.env, home: string = homedir()): string[] {
  const p = hfCachePaths(env, home);
  return [p.hubCache, p.datasetsCache];
}

/** Splits a hub id: "org/name" → ["org", "name"], "name" → [undefined, "name"]. */
export function parseHubId(id: string): { org?: string; name: string } | undefined {
  const m = /^(?:([\w.-]+)\/)?([\w.-]+)$/.exec(id);
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { org: m[1], name: m[2] };
}


async function subdirsNewestFirst(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const withTime: [string, number][] = [];
  for (const n of names) {
    if (n.startsWith('.')) continue;
    try {
      const st = await stat(join(dir, n));
      if (st.isDirectory()) withTime.push([join(dir, n), st.mtimeMs]);
    } catch {
      // skip
    }
  }
  return withTime.sort((a, b) => b[1] - a[1]).map(([p]) => p);
}

/**
 * The snapshot folder of a cached hub repo (`…/datasets--ORG--NAME` or `…/models--ORG--NAME`), as
 * huggingface_hub resolves it offline: a commit given directly, `refs/<revision>`'s commit (default
 * `main`), else the newest snapshot. `usable` filters snapshots (e.g. "has tokenizer.json").
 */
export async function snapshotOf(repo: string, revision = 'main', usable: (dir: string) => Promise<boolean> = isDir): Promise<string | undefined> {
  const snapshots = join(repo, 'snapshots');
  if (!(await isDir(snapshots))) return undefined;
  if (/^[0-9a-f]{40}$/.test(revision) && (await usable(join(snapshots, revision)))) return join(snapshots, revision);
  try {
    const commit = (await readSmallText(join(repo, 'refs', revision), 4096))?.trim();
    if (commit && (await usable(join(snapshots, commit)))) return join(snapshots, commit);
  } catch {
    // no such ref
  }
  for (const dir of await subdirsNewestFirst(snapshots)) if (await usable(dir)) return dir;
  return undefined;
}

/**
 * The snapshot folder of a hub dataset, or undefined when the dataset is not in the hub cache. The
 * folder is `datasets--ORG--Name` with the id's case kept, as huggingface_hub's
 * `file_download.repo_folder_name` builds it (`"--".join(["datasets", *repo_id.split("/")])`); datasets
 * 3.0 and later download Hub files there through `hf_hub_download` with the id as the script wrote it
 * (huggingface/datasets#7105, `utils/file_utils.cached_path`).
 */
export async function findHubSnapshot(id: string, paths: HfCachePaths, revision = 'main'): Promise<string | undefined> {
  const parsed = parseHubId(id);
  if (!parsed) return undefined;
  return snapshotOf(join(paths.hubCache, `datasets--${parsed.org ? `${parsed.org}--` : ''}${parsed.name}`), revision);
}

/**
 * Features and split sizes from a `dataset_info.json` (empty when missing or unreadable). Under
 * `access`, the file is checked after it is opened (see `confined-open.ts`).
 */
export async function readDatasetInfo(path: string, access?: AccessPolicy): Promise<SourceMetadata> {
  try {
    const info = await readSmallJson<{ features?: unknown; splits?: Record<string, { num_examples?: number }> }>(path, 64 * 1024 * 1024, access);
    if (!info || typeof info !== 'object') return {};
    const meta: SourceMetadata = {};
    const columns = columnsFromFeatures(info.features);
    if (columns) meta.columns = columns;
    if (info.splits && typeof info.splits === 'object') {
      const counts: Record<string, number> = {};
      for (const [split, s] of Object.entries(info.splits)) {
        if (plausibleCount(s?.num_examples)) counts[split] = s.num_examples as number;
      }
      if (Object.keys(counts).length > 0) meta.rowCounts = counts;
    }
    return meta;
  } catch {
    return {};
  }
}
