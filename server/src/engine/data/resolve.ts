/**
 * `resolveDataFiles`: from what a script says (`load_dataset`, `load_from_disk`,
 * `Dataset.from_*`, `pd.read_*`) to the files of each split and their format. Only the local disk
 * and the local Hugging Face caches are looked at; nothing is downloaded.
 */
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { resolveDataFolder, resolveSavedDataset, majorityFormat } from './folders';
import { checkReadAccess } from './access';
import { expandGlob, globBase, hasGlobMagic } from './glob';
import { findHubSnapshot, hfCachePaths, parseHubId, type Env } from './hf-cache';
import { findArrowCache } from './datasets-cache';
import { formatFromName } from './sniff';
import { orderSplits } from './splits';
import type { AccessPolicy, DataFormat, DataSourceSpec, ResolveResult, ResolvedSource } from './types';

/** Where to look for the Hugging Face caches (defaults: `process.env`, the user's home). */
export interface ResolveContext {
  env?: Env;
  homeDir?: string;
  signal?: AbortSignal;
  /** When given, no folder outside it is listed (and `loadDataSource` opens no file outside it). */
  access?: AccessPolicy;
}

/** A failure when `dir` may not be listed under the context's access policy. */
async function denied(dir: string, ctx: ResolveContext): Promise<ResolveResult | undefined> {
  if (!ctx.access) return undefined;
  const d = await checkReadAccess(dir, ctx.access);
  return d.allowed ? undefined : { ok: false, code: 'not-allowed', error: d.reason ?? `${dir} is not read.` };
}

/** `load_dataset` builders that read local files, by the format they read. */
const PACKAGED_BUILDERS: Record<string, DataFormat> = { json: 'json', csv: 'csv', parquet: 'parquet', text: 'text', arrow: 'arrow' };
const UNSUPPORTED_BUILDERS = new Set(['pandas', 'imagefolder', 'audiofolder', 'videofolder', 'webdataset', 'sql', 'xml', 'spark', 'generator', 'pdffolder', 'niftifolder']);
const REMOTE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** Resolves `spec` to files per split. Never throws. */
export async function resolveDataFiles(spec: DataSourceSpec, ctx: ResolveContext = {}): Promise<ResolveResult> {
  try {
    switch (spec.kind) {
      case 'load_from_disk':
        if (!spec.path) return { ok: false, code: 'invalid', error: 'load_from_disk needs a folder path.' };
        return (await denied(resolve(spec.cwd, spec.path), ctx)) ?? (await resolveSavedDataset(resolve(spec.cwd, spec.path), ctx.access));
      case 'from_file':
      case 'pandas': {
        const patterns = spec.dataFiles ?? spec.path;
        if (patterns === undefined) return { ok: false, code: 'invalid', error: 'No data file path was given.' };
        return await resolvePatterns(patterns, spec.cwd, spec.format, 'local', ctx);
      }
      case 'load_dataset':
        return await resolveLoadDataset(spec, ctx);
    }
  } catch (err) {
    return { ok: false, code: 'io', error: `The data files could not be listed: ${(err as Error).message}` };
  }
}

async function resolveLoadDataset(spec: DataSourceSpec, ctx: ResolveContext): Promise<ResolveResult> {
  const builder = spec.builder;
  if (!builder) return { ok: false, code: 'invalid', error: 'load_dataset needs a dataset name or a builder such as "json".' };
  const packaged = PACKAGED_BUILDERS[builder];
  if (packaged) {
    const base = spec.dataDir ? resolve(spec.cwd, spec.dataDir) : spec.cwd;
    if (spec.dataFiles !== undefined) return resolvePatterns(spec.dataFiles, base, packaged, 'local', ctx);
    if (spec.dataDir) return (await denied(base, ctx)) ?? resolveDataFolder(base, 'local', { format: packaged, signal: ctx.signal });
    return { ok: false, code: 'invalid', error: `load_dataset("${builder}") needs data_files= or data_dir=.` };
  }
  if (UNSUPPORTED_BUILDERS.has(builder)) {
    return { ok: false, code: 'unsupported', error: `load_dataset("${builder}") data is not previewed; columns unknown.` };
  }
  if (REMOTE.test(builder)) return { ok: false, code: 'unsupported', error: `${builder} is remote; columns unknown.` };

  // A local folder or file wins over a hub id of the same name, as in `datasets`.
  const local = resolve(spec.cwd, builder);
  const kind = await pathKind(local);
  if (kind === 'dir') {
    const base = spec.dataDir ? resolve(local, spec.dataDir) : local;
    if (spec.dataFiles !== undefined) return resolvePatterns(spec.dataFiles, base, spec.format, 'local', ctx);
    return (await denied(base, ctx)) ?? resolveDataFolder(base, 'local', { config: spec.name, format: spec.format, signal: ctx.signal });
  }
  if (kind === 'file') return resolvePatterns(local, spec.cwd, spec.format, 'local', ctx);
  if (builder.endsWith('.py')) {
    return { ok: false, code: 'unsupported', error: `${builder} is a loading script; its data is not previewed.` };
  }
  if (!parseHubId(builder) || isAbsolute(builder) || builder.startsWith('.')) {
    return { ok: false, code: 'not-found', error: `${local} does not exist.` };
  }
  return resolveHubDataset(spec, builder, ctx);
}

async function resolveHubDataset(spec: DataSourceSpec, id: string, ctx: ResolveContext): Promise<ResolveResult> {
  const paths = hfCachePaths(ctx.env ?? process.env, ctx.homeDir ?? homedir());
  const notCached: ResolveResult = {
    ok: false,
    code: 'not-cached',
    error: `"${id}"${spec.name ? ` (config "${spec.name}")` : ''} is not in the local Hugging Face cache; columns unknown.`,
  };
  const snapshot = await findHubSnapshot(id, paths, spec.revision ?? 'main');
  const arrow = await findArrowCache(id, paths, spec.name, { customFiles: spec.dataFiles !== undefined || spec.dataDir !== undefined, access: ctx.access });
  if (snapshot) {
    const refused = await denied(snapshot, ctx);
    if (refused) return refused;
    const base = spec.dataDir ? join(snapshot, spec.dataDir) : snapshot;
    const res = spec.dataFiles !== undefined
      ? await resolvePatterns(spec.dataFiles, base, spec.format, 'hub-cache', ctx)
      : await resolveDataFolder(base, 'hub-cache', { config: spec.name, format: spec.format, signal: ctx.signal });
    if (res.ok) {
      res.source.root = snapshot;
      // The Arrow cache's dataset_info knows the exact features and split sizes of this config.
      if (arrow && spec.dataFiles === undefined && spec.dataDir === undefined) res.source.metadata = arrow.metadata;
      return res;
    }
  }
  if (arrow) {
    return { ok: true, source: { format: 'arrow', splits: arrow.splits, origin: 'datasets-cache', root: arrow.dir, metadata: arrow.metadata, warnings: [] } };
  }
  return notCached;
}

/**
 * data_files as `datasets` takes them: a pattern, a list, or a dict split → pattern(s); each
 * relative to `base`. The format is `format`, else the majority extension of the matched files.
 */
async function resolvePatterns(
  dataFiles: NonNullable<DataSourceSpec['dataFiles']>,
  base: string,
  format: DataFormat | undefined,
  origin: ResolvedSource['origin'],
  ctx: ResolveContext,
): Promise<ResolveResult> {
  const bySplit: Record<string, string[]> =
    typeof dataFiles === 'string' ? { train: [dataFiles] }
      : Array.isArray(dataFiles) ? { train: dataFiles }
        : Object.fromEntries(Object.entries(dataFiles).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const splits: Record<string, string[]> = {};
  const warnings: string[] = [];
  for (const [split, patterns] of Object.entries(bySplit)) {
    const files: string[] = [];
    for (const pattern of patterns) {
      if (REMOTE.test(pattern)) {
        return { ok: false, code: 'unsupported', error: `${pattern} is a remote file; columns unknown.` };
      }
      const abs = resolve(base, pattern);
      if (!hasGlobMagic(pattern)) {
        const kind = await pathKind(abs);
        if (kind === 'file') files.push(abs);
        else if (kind === 'dir') {
          const refused = await denied(abs, ctx);
          if (refused) return refused;
          const folder = await resolveDataFolder(abs, origin, { format, signal: ctx.signal });
          if (!folder.ok) return folder;
          for (const list of Object.values(folder.source.splits)) files.push(...list);
        } else return { ok: false, code: 'not-found', error: `${abs} does not exist.` };
        continue;
      }
      const refused = await denied(globBase(abs), ctx);
      if (refused) return refused;
      const { files: matched, truncated } = await expandGlob(abs, { signal: ctx.signal });
      if (truncated) warnings.push(`The pattern ${pattern} matches too many files; only part of them were listed.`);
      if (matched.length === 0) return { ok: false, code: 'not-found', error: `No file matches ${abs}.` };
      files.push(...matched);
    }
    splits[split] = [...new Set(files)];
  }
  const all = Object.values(splits).flat();
  const fmt = format ?? majorityFormat(all).format ?? formatFromName(all[0] ?? '').format;
  if (!fmt) {
    return { ok: false, code: 'unsupported', error: `The format of ${all[0] ?? 'the data files'} cannot be told from its name; columns unknown.` };
  }
  return { ok: true, source: { format: fmt, splits: orderSplits(splits), origin, warnings } };
}

async function pathKind(p: string): Promise<'file' | 'dir' | undefined> {
  try {
    const st = await stat(p);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  } catch {
    return undefined;
  }
}
