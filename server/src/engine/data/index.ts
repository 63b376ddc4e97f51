/**
 * Data reading for trainlint: columns, first rows and row counts of the datasets a training script
 * loads, read from local files only (never the network, never the user's code).
 * - `readDataFile(path, format, opts)`: one JSON Lines/JSON, CSV, Parquet, Arrow IPC or text file;
 *   schema and first rows only, bounded by `maxBytes`; magic bytes beat extensions.
 * - `resolveDataFiles(spec)`: load_dataset / load_from_disk / Dataset.from_* / pd.read_* → files per
 *   split and format (globs, folders, the local Hugging Face caches). `loadDataSource`: both + slices.
 * - `DataSourceCache`: what the server keeps: `peek` (sync) on the diagnostics path, `get` off it.
 * - `isReadAllowed`: workspace folders and HF caches only, nothing when untrusted.
 * - Parquet/Arrow decode in a killable worker (`decode-worker.ts`, ship it as `decode-worker.js` next to
 *   the bundle); `warmUpDecoder()` at startup, `shutdownIsolation()` at exit.
 * Invariants: public functions never throw (failures are results); no `vscode`/LSP imports here.
 */
export type {
  AccessPolicy,
  ColumnInfo,
  DataErrorCode,
  DataFormat,
  DataPreview,
  DataResult,
  DataSourceSpec,
  ReadOptions,
  ResolvedSource,
  ResolveResult,
  SourceMetadata,
  SourceOrigin,
} from './types';
export { readDataFile } from './read-data-file';
export { resolveDataFiles, type ResolveContext } from './resolve';
export { loadDataSource, type LoadOptions } from './data-source';
export { DataSourceCache, specKey, type DataSourceCacheOptions } from './cache';
export { checkReadAccess, isReadAllowed, type AccessDecision } from './access';
export { hfCachePaths, hfCacheRoots, type HfCachePaths } from './hf-cache';
export { parseSplitExpr, type SplitPart } from './splits';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS } from './reader-options';
export { configureIsolation, isolationAvailable, shutdownIsolation, warmUpDecoder, DEFAULT_TIMEOUT_MS } from './isolated-decode';
