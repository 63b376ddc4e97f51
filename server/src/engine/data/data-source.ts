/**
 * `loadDataSource`: a script's data source (`DataSourceSpec`) → one `DataResult`: resolve the
 * files, pick the split(s) named by `split=`, check the access policy, read the first file's
 * schema and first rows, count rows from metadata where cheap, and apply `[:N]` / `[:N%]` slices.
 */
import { checkReadAccess } from './access';
import { toFailure } from './failure';
import { readDataFile } from './read-data-file';
import { resolveDataFiles, type ResolveContext } from './resolve';
import { expandAllSplits, isPrefixSlice, parseSplitExpr, prefixLimitWithoutCount, slicedCount, sliceRange, type SplitPart } from './splits';
import type { AccessPolicy, ColumnInfo, DataFormat, DataResult, DataSourceSpec, ReadOptions, ResolvedSource } from './types';

export type ReadFileFn = (path: string, format: DataFormat, opts: ReadOptions) => Promise<DataResult>;

export interface LoadOptions extends ReadOptions, ResolveContext {
  /** Reads one file (default `read-data-file`); `DataSourceCache` passes a memoising one. */
  readFile?: ReadFileFn;
  /** Most files whose metadata is read to count rows (default 256); past it the count is unknown. */
  maxCountedFiles?: number;
}

/** Resolves and reads `spec`. Never throws. */
export async function loadDataSource(spec: DataSourceSpec, options: LoadOptions = {}): Promise<DataResult> {
  try {
    return await load(spec, options);
  } catch (err) {
    return toFailure(spec.path ?? spec.builder ?? 'the data source', err);
  }
}

async function load(spec: DataSourceSpec, options: LoadOptions): Promise<DataResult> {
  if (options.access?.trusted === false) {
    return { ok: false, code: 'not-allowed', error: 'Data files are not read in an untrusted workspace.' };
  }
  const resolved = await resolveDataFiles(spec, options);
  if (!resolved.ok) return resolved;
  const source = resolved.source;
  const splitNames = Object.keys(source.splits);

  const parts = selectParts(spec, splitNames);
  if (!Array.isArray(parts)) return parts;
  const missing = parts.find((p) => !source.splits[p.split]);
  if (missing) {
    return {
      ok: false,
      code: 'invalid',
      error: `Unknown split "${missing.split}" in ${describeSource(spec, source)}; it has ${splitNames.length ? splitNames.map((s) => `"${s}"`).join(', ') : 'no splits'}.`,
      missingSplit: { split: missing.split, splits: splitNames },
    };
  }

  const files = parts.flatMap((p) => source.splits[p.split]);
  if (files.length === 0) return { ok: false, code: 'not-found', error: `${describeSource(spec, source)} has no data files for split "${parts[0].split}".` };
  const readFile = options.readFile ?? readDataFile;
  const readOpts: ReadOptions = { maxRows: options.maxRows, maxBytes: options.maxBytes, maxLineBytes: options.maxLineBytes, signal: options.signal, field: spec.field, delimiter: spec.delimiter, access: options.access };

  const denied = await firstDenied([files[0]], options.access);
  if (denied) return denied;
  const first = await readFile(files[0], source.format, readOpts);
  if (!first.ok) return first;
  const preview = { ...first.preview, warnings: [...source.warnings, ...first.preview.warnings], files: [...first.preview.files] };

  // Row counts: dataset_info.json, else the metadata of every file of each selected split.
  const perFile = new Map<string, number | undefined>([[files[0], first.preview.rowCount]]);
  let total: number | undefined = 0;
  const maxCounted = options.maxCountedFiles ?? 256;
  for (const part of parts) {
    const n = await splitRowCount(part.split, source, perFile, maxCounted, readFile, options, preview.files);
    total = n === undefined || total === undefined ? undefined : total + slicedCount(part, n);
    if (part === parts[0]) applyPrefixSlice(preview, part, n);
  }
  if (total !== undefined) preview.rowCount = total;
  else delete preview.rowCount;

  preview.columns = mergeColumns(preview.columns, source.metadata?.columns);
  if (files.length > 1) preview.warnings.push(`Only the first file of ${files.length} was read for rows (${files[0]}).`);
  preview.split = parts.map((p) => p.split).join('+');
  preview.splits = splitNames;
  if (source.savedKind) preview.savedKind = source.savedKind;
  return { ok: true, preview };
}

/** The split parts `split=` names; without one, `train` (or the first split), like a preview of a DatasetDict. */
function selectParts(spec: DataSourceSpec, splitNames: string[]): SplitPart[] | DataResult {
  if (spec.split === undefined || spec.split.trim() === '') {
    const s = splitNames.includes('train') ? 'train' : splitNames[0];
    return s === undefined ? { ok: false, code: 'not-found', error: 'The data source has no splits.' } : [{ split: s, unit: 'abs' }];
  }
  const parts = parseSplitExpr(spec.split);
  if (!parts) return { ok: false, code: 'invalid', error: `split="${spec.split}" is not a valid split expression (e.g. "train", "train[:10%]", "train+test").` };
  return expandAllSplits(parts, splitNames);
}

async function splitRowCount(
  split: string,
  source: ResolvedSource,
  perFile: Map<string, number | undefined>,
  maxCounted: number,
  readFile: ReadFileFn,
  options: LoadOptions,
  opened: string[],
): Promise<number | undefined> {
  const known = source.metadata?.rowCounts?.[split];
  if (known !== undefined) return known;
  const files = source.splits[split];
  if (source.format !== 'parquet' && source.format !== 'arrow') {
    // Text formats are never scanned; a single whole-document JSON file knows its count.
    return files.length === 1 ? perFile.get(files[0]) : undefined;
  }
  if (files.length > maxCounted) return undefined;
  let sum = 0;
  for (const f of files) {
    if (!perFile.has(f)) {
      if (await firstDenied([f], options.access)) return undefined;
      const r = await readFile(f, source.format, { maxRows: 0, maxBytes: options.maxBytes, signal: options.signal, access: options.access });
      perFile.set(f, r.ok ? r.preview.rowCount : undefined);
      if (r.ok && !opened.includes(f)) opened.push(f);
    }
    const n = perFile.get(f);
    if (n === undefined) return undefined;
    sum += n;
  }
  return sum;
}

/** Keeps only the rows a `[:N]` / `[:N%]` slice keeps; says so when the slice does not start at 0. */
function applyPrefixSlice(preview: { rows: unknown[]; warnings: string[] }, part: SplitPart, count: number | undefined): void {
  if (part.from === undefined && part.to === undefined) return;
  if (!isPrefixSlice(part)) {
    preview.warnings.push(`The rows shown are the first rows of "${part.split}", not those of the slice.`);
    return;
  }
  const limit = count !== undefined ? sliceRange(part, count)[1] : prefixLimitWithoutCount(part);
  if (limit !== undefined && preview.rows.length > limit) preview.rows = preview.rows.slice(0, limit);
}

/** The file's columns, with types from dataset_info.json Features where they name the column. */
function mergeColumns(fromFile: ColumnInfo[], fromInfo: ColumnInfo[] | undefined): ColumnInfo[] {
  if (!fromInfo || fromInfo.length === 0) return fromFile;
  if (fromFile.length === 0) return fromInfo;
  const types = new Map(fromInfo.map((c) => [c.name, c.type]));
  return fromFile.map((c) => ({ name: c.name, type: types.get(c.name) ?? c.type }));
}

async function firstDenied(files: string[], access: AccessPolicy | undefined): Promise<DataResult | undefined> {
  if (!access) return undefined;
  for (const f of files) {
    const d = await checkReadAccess(f, access);
    if (!d.allowed) return { ok: false, code: 'not-allowed', error: d.reason ?? `${f} is not read.` };
  }
  return undefined;
}

function describeSource(spec: DataSourceSpec, source: ResolvedSource): string {
  if (spec.kind === 'load_dataset' && spec.builder && !['json', 'csv', 'parquet', 'text', 'arrow'].includes(spec.builder)) return `"${spec.builder}"`;
  return source.root ?? spec.path ?? 'the data files';
}
