/**
 * Where the `datasets` library keeps the Arrow files it built for a Hub dataset, named exactly as the
 * library names them (huggingface/datasets, read at 2.13.0, 2.14.0, 2.15.0, 2.16.0, 2.19.0, 3.0.0,
 * 4.0.0 and main b7cb10b):
 *
 * - The folder name: `namespace___snake` or `snake` for an id without a namespace, where the namespace
 *   is kept as written and `snake` is `naming.camelcase_to_snakecase` of the name
 *   (`builder.py` `DatasetBuilder.__init__`: `dataset_name = camelcase_to_snakecase(dataset_name)`;
 *   `_relative_data_dir`: `f"{namespace}___{self.dataset_name}"`; `load.py` passes
 *   `camelcase_to_snakecase(Path(self.name).name)`, since 2.14.0). `mlabonne/FineTome-100k` is
 *   `mlabonne___fine_tome-100k`; `HuggingFaceH4/ultrachat_200k` is `HuggingFaceH4___ultrachat_200k`.
 *   The offline reload (`packaged_modules/cache/cache.py` `_find_hash_in_cache`) builds the same name
 *   since 2.19.0 (huggingface/datasets#6754).
 * - Below it `<config_id>/<version>/<hash>/` (2.16.0 and later): the config id is the config name
 *   (`default` when the repository declares none) with a `-<suffix>` only for extra arguments such as
 *   `data_files=`; the version of a Hub dataset without a script is `0.0.0` and the hash its commit.
 *   The offline reload takes the newest `<config>/*\/*` whose `dataset_info.json` names that config.
 * - 2.14.0 and 2.15.0 wrote `<config>-<suffix>/0.0.0/<hash of the packaged module>` (not a 40-hex
 *   commit); later versions reuse such folders (`_check_legacy_cache2`).
 * - Up to 2.13.0 a Hub dataset without a script was built by its packaged builder under
 *   `namespace___<builder>/<namespace>--<Name>[-<suffix>]/0.0.0/<hash>` (`self.name` is the builder,
 *   `config_name = self.name.replace("/", "--")` in `load.py`); later versions reuse those too
 *   (`_check_legacy_cache`).
 * - Arrow files are `<dataset_name>-<split>[-NNNNN-of-NNNNN].arrow` (`naming.filenames_for_dataset_split`).
 */
import { readdir, stat } from 'node:fs/promises';
import { readSmallJson } from './confined-open';
import { join } from 'node:path';
import { isDir } from './fs-probe';
import { readDatasetInfo, parseHubId, type HfCachePaths } from './hf-cache';
import { orderSplits } from './splits';
import type { AccessPolicy, SourceMetadata } from './types';

const UPPER_UPPER = /([A-Z]+)([A-Z][a-z])/g;
const LOWER_UPPER = /([a-z\d])([A-Z])/g;

/** `datasets.naming.camelcase_to_snakecase`: `FineTome-100k` → `fine_tome-100k`, `OpenHermes-2.5` → `open_hermes-2.5`. */
export function camelcaseToSnakecase(name: string): string {
  return name.replace(UPPER_UPPER, '$1_$2').replace(LOWER_UPPER, '$1_$2').toLowerCase();
}

/** The folder `datasets` (2.14 and later) builds a Hub dataset's Arrow files in, under its cache. */
export function datasetsCacheFolderName(id: string): string | undefined {
  const parsed = parseHubId(id);
  if (!parsed) return undefined;
  const snake = camelcaseToSnakecase(parsed.name);
  return parsed.org ? `${parsed.org}___${snake}` : snake;
}

/** Packaged builders that built Hub datasets without a script up to datasets 2.13. */
const LEGACY_BUILDERS = ['parquet', 'json', 'csv', 'text', 'arrow', 'pandas'];

export interface ArrowCacheEntry {
  /** `<config>/<version>/<hash>` folder. */
  dir: string;
  /** split → Arrow shard paths, sorted. */
  splits: Record<string, string[]>;
  metadata: SourceMetadata;
}

async function subdirs(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name);
  } catch {
    return [];
  }
}

async function mtime(p: string): Promise<number> {
  try { return (await stat(p)).mtimeMs; } catch { return 0; }
}

async function configNameIn(hashDir: string, access?: AccessPolicy): Promise<string | undefined> {
  const v = (await readSmallJson<{ config_name?: unknown }>(join(hashDir, 'dataset_info.json'), 64 * 1024 * 1024, access))?.config_name;
  return typeof v === 'string' ? v : undefined;
}

/** Every `<config>/<version>/<hash>` folder under `root` whose config folder `accept`s, newest first. */
async function hashDirs(root: string, accept: (config: string) => boolean): Promise<Array<{ config: string; hash: string; dir: string }>> {
  const out: Array<{ config: string; hash: string; dir: string; t: number }> = [];
  for (const config of (await subdirs(root)).filter(accept)) {
    for (const version of await subdirs(join(root, config))) {
      for (const hash of await subdirs(join(root, config, version))) {
        const dir = join(root, config, version, hash);
        out.push({ config, hash, dir, t: await mtime(dir) });
      }
    }
  }
  return out.sort((a, b) => b.t - a.t);
}

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * The newest Arrow cache `datasets` would reload for a Hub id and config (`name`; the `default` config
 * when not given, or the only config cached). Undefined when none holds Arrow files, and when the
 * script passes `data_files=`/`data_dir=` (their cache folder carries a hash of those we do not compute).
 */
export async function findArrowCache(id: string, paths: HfCachePaths, name?: string, opts: { customFiles?: boolean; access?: AccessPolicy } = {}): Promise<ArrowCacheEntry | undefined> {
  const parsed = parseHubId(id);
  const folder = datasetsCacheFolderName(id);
  if (!parsed || !folder || opts.customFiles) return undefined;
  const root = join(paths.datasetsCache, folder);
  if (await isDir(root)) {
    const wanted = name ?? 'default';
    // 2.16 and later: `<config>/…` whose dataset_info names the config.
    for (const h of await hashDirs(root, (c) => c === wanted)) {
      const cfg = await configNameIn(h.dir, opts.access);
      if (cfg === undefined || cfg === wanted) { const e = await readArrowCacheDir(h.dir, opts.access); if (e) return e; }
    }
    // 2.14 / 2.15: `<config>-<suffix>/0.0.0/<module hash>` (a 40-hex commit there means extra arguments of 2.16+).
    for (const h of await hashDirs(root, (c) => c.startsWith(`${wanted}-`))) {
      if (COMMIT.test(h.hash) || (await configNameIn(h.dir, opts.access)) !== wanted) continue;
      const e = await readArrowCacheDir(h.dir, opts.access);
      if (e) return e;
    }
    // No config named: the only config cached, as the offline reload does.
    if (name === undefined) {
      const all = await hashDirs(root, () => true);
      const exact = [];
      for (const h of all) if ((await configNameIn(h.dir, opts.access)) === h.config) exact.push(h);
      if (new Set(exact.map((h) => h.config)).size === 1) { const e = await readArrowCacheDir(exact[0].dir, opts.access); if (e) return e; }
    }
  }
  // Up to 2.13: `namespace___<builder>/<namespace>--<Name>[-suffix]/…`, default config only.
  if (name === undefined) {
    const legacyConfig = id.replace('/', '--');
    for (const builder of LEGACY_BUILDERS) {
      const legacyRoot = join(paths.datasetsCache, parsed.org ? `${parsed.org}___${builder}` : builder);
      if (!(await isDir(legacyRoot))) continue;
      for (const h of await hashDirs(legacyRoot, (c) => c === legacyConfig || c.startsWith(`${legacyConfig}-`))) {
        const e = await readArrowCacheDir(h.dir, opts.access);
        if (e) return e;
      }
    }
  }
  return undefined;
}

const ARROW_SHARD = /-([^-/]+?)(?:-\d{5}-of-\d{5})?\.arrow$/;

async function readArrowCacheDir(dir: string, access?: AccessPolicy): Promise<ArrowCacheEntry | undefined> {
  let names: string[];
  try {
    names = (await readdir(dir)).sort();
  } catch {
    return undefined;
  }
  const splits: Record<string, string[]> = {};
  for (const n of names) {
    if (!n.endsWith('.arrow') || n.startsWith('cache-') || n.startsWith('tmp')) continue;
    const split = ARROW_SHARD.exec(n)?.[1];
    if (split) (splits[split] ??= []).push(join(dir, n));
  }
  if (Object.keys(splits).length === 0) return undefined;
  return { dir, splits: orderSplits(splits), metadata: await readDatasetInfo(join(dir, 'dataset_info.json'), access) };
}
