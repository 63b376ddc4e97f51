/**
 * Folders as datasets:
 * - a data folder (`load_dataset("./my_data")`, a hub snapshot, `data_dir=`): the format is the
 *   most common data extension inside, splits come from file and folder names, as in `datasets`;
 * - a `save_to_disk` folder (`load_from_disk`): `dataset_dict.json` + split subfolders, or
 *   `state.json` + `dataset_info.json` + `data-NNNNN-of-NNNNN.arrow`.
 */
import { exists, isDir } from './fs-probe';
import { readSmallJson } from './confined-open';
import { join, relative, sep } from 'node:path';
import { listFilesRecursive } from './glob';
import { readDatasetInfo } from './hf-cache';
import { formatFromName } from './sniff';
import { inferSplitsFromPaths } from './splits';
import type { AccessPolicy, DataFormat, ResolveResult, SourceOrigin } from './types';

/** Largest `dataset_dict.json` / `state.json` read. */
const METADATA_BYTES = 16 * 1024 * 1024;

/** Files in a data folder that are never data. */
const NOT_DATA = new Set(['dataset_info.json', 'dataset_infos.json', 'dataset_dict.json', 'state.json', 'readme.md']);
/** Tie-break when two formats have as many files. */
const FORMAT_PREFERENCE: DataFormat[] = ['parquet', 'arrow', 'json', 'csv', 'text'];

/** Picks the format with the most files; returns it with its files. */
export function majorityFormat(files: readonly string[]): { format?: DataFormat; files: string[]; compressed: number } {
  const byFormat = new Map<DataFormat, string[]>();
  let compressed = 0;
  for (const f of files) {
    const base = f.split(/[\\/]/).pop() ?? f;
    if (NOT_DATA.has(base.toLowerCase())) continue;
    const { format, compressed: comp } = formatFromName(base);
    if (!format) continue;
    if (comp) {
      compressed++;
      continue;
    }
    const list = byFormat.get(format) ?? [];
    list.push(f);
    byFormat.set(format, list);
  }
  let best: DataFormat | undefined;
  for (const fmt of FORMAT_PREFERENCE) {
    const n = byFormat.get(fmt)?.length ?? 0;
    if (n > 0 && (best === undefined || n > (byFormat.get(best)?.length ?? 0))) best = fmt;
  }
  return { format: best, files: best ? byFormat.get(best)! : [], compressed };
}

/**
 * Resolves a data folder. `config` (load_dataset's `name=`) narrows to a subfolder of that name
 * when there is one (hub repos often keep one folder per config).
 */
export async function resolveDataFolder(
  root: string,
  origin: SourceOrigin,
  opts: { config?: string; format?: DataFormat; signal?: AbortSignal } = {},
): Promise<ResolveResult> {
  let base = root;
  const warnings: string[] = [];
  if (opts.config && (await isDir(join(root, opts.config)))) base = join(root, opts.config);
  const { files: all, truncated } = await listFilesRecursive(base, { signal: opts.signal });
  if (truncated) warnings.push(`${base} holds too many files; only part of it was looked at.`);
  const majority = majorityFormat(all);
  let picked = majority;
  if (opts.format) {
    // A packaged builder with data_dir=: its own extensions, or else whatever data files are there.
    const own = all.filter((f) => isDataFile(f) && formatFromName(f).format === opts.format);
    picked = { format: opts.format, files: own.length > 0 ? own : all.filter(isDataFile), compressed: majority.compressed };
  }
  if (!picked.format || picked.files.length === 0) {
    const why = picked.compressed > 0 ? ' (only compressed files, which are not previewed)' : '';
    return { ok: false, code: picked.compressed > 0 ? 'unsupported' : 'not-found', error: `${base} holds no data files${why}.` };
  }
  if (picked.compressed > 0) warnings.push(`${base}: ${picked.compressed} compressed file(s) were skipped.`);
  const rel = picked.files.map((f) => relative(base, f).split(sep).join('/'));
  const splitsRel = inferSplitsFromPaths(rel);
  const splits: Record<string, string[]> = {};
  for (const [s, list] of Object.entries(splitsRel)) splits[s] = list.map((r) => join(base, ...r.split('/')));
  return { ok: true, source: { format: picked.format, splits, origin, root: base, warnings } };
}

/** Resolves a folder written by `Dataset.save_to_disk` / `DatasetDict.save_to_disk`. */
export async function resolveSavedDataset(dir: string, access?: AccessPolicy): Promise<ResolveResult> {
  if (!(await isDir(dir))) {
    return (await exists(dir))
      ? { ok: false, code: 'invalid', error: `${dir} is a file; load_from_disk expects the folder written by save_to_disk.` }
      : { ok: false, code: 'not-found', error: `${dir} does not exist.` };
  }
  const dict = await readSmallJson<{ splits?: unknown }>(join(dir, 'dataset_dict.json'), METADATA_BYTES, access);
  if (dict && Array.isArray(dict.splits)) {
    const splits: Record<string, string[]> = {};
    let columns;
    const warnings: string[] = [];
    for (const s of dict.splits.map(String)) {
      const one = await savedSplit(join(dir, s), access);
      if (!one) {
        warnings.push(`${join(dir, s)} is missing or has no state.json.`);
        continue;
      }
      splits[s] = one.files;
      columns ??= one.meta.columns;
    }
    if (Object.keys(splits).length === 0) {
      return { ok: false, code: 'invalid', error: `${dir} has a dataset_dict.json but none of its split folders could be read.` };
    }
    return { ok: true, source: { format: 'arrow', splits, origin: 'saved-to-disk', savedKind: 'dict', root: dir, warnings, metadata: { columns } } };
  }
  const one = await savedSplit(dir, access);
  if (!one) {
    return { ok: false, code: 'invalid', error: `${dir} is not a folder written by save_to_disk (it has neither state.json nor dataset_dict.json).` };
  }
  return { ok: true, source: { format: 'arrow', splits: { [one.split]: one.files }, origin: 'saved-to-disk', savedKind: 'dataset', root: dir, warnings: [], metadata: { columns: one.meta.columns } } };
}

async function savedSplit(dir: string, access?: AccessPolicy) {
  const state = await readSmallJson<{ _data_files?: { filename?: string }[]; _split?: string | null }>(join(dir, 'state.json'), METADATA_BYTES, access);
  if (!state) return undefined;
  const files = (state._data_files ?? []).map((f) => f.filename).filter((f): f is string => typeof f === 'string' && !f.includes('..')).map((f) => join(dir, f));
  const meta = await readDatasetInfo(join(dir, 'dataset_info.json'), access);
  // dataset_info's split sizes describe the dataset before any map/filter: not used for counts here.
  return { files, split: typeof state._split === 'string' && state._split ? state._split : 'train', meta: { columns: meta.columns } };
}




function isDataFile(f: string): boolean {
  const base = f.split(/[\\/]/).pop() ?? f;
  const { format, compressed } = formatFromName(base);
  return format !== undefined && !compressed && !NOT_DATA.has(base.toLowerCase());
}
