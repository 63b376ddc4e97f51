/**
 * Data reading for trainlint: the columns, first rows and row count of the datasets a training
 * script loads, read statically from local files only (never the network, never the user's code).
 *
 * - `readDataFile(path, format, opts)`: one file (JSON Lines / JSON, CSV, Parquet, Arrow IPC, text);
 *   only the schema and first rows are read, bounded in bytes, and magic bytes beat extensions.
 * - `resolveDataFiles(spec)`: `load_dataset` / `load_from_disk` / `Dataset.from_*` / `pd.read_*`
 *   → files per split and format, including globs, folders and the local Hugging Face caches.
 * - `loadDataSource(spec, opts)`: both, plus `split=` slices and metadata row counts.
 * - `DataSourceCache`: what the server keeps; `peek` (sync) on the diagnostics path, `get` off it.
 * - `isReadAllowed` / `checkReadAccess`: only workspace folders and HF caches, never when untrusted.
 * Invariants: every public function resolves to a result and never throws; nothing here imports
 * `vscode` or `vscode-languageserver`; memory is bounded by `maxBytes` per file read.
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
export { readDataFile } from './readDataFile';
export { resolveDataFiles, type ResolveContext } from './resolve';
export { loadDataSource, type LoadOptions } from './dataSource';
export { DataSourceCache, specKey, type DataSourceCacheOptions } from './cache';
export { checkReadAccess, isReadAllowed, type AccessDecision } from './access';
export { hfCachePaths, hfCacheRoots, type HfCachePaths } from './hfCache';
export { parseSplitExpr, type SplitPart } from './splits';
export { DEFAULT_MAX_BYTES, DEFAULT_MAX_ROWS } from './readerOptions';
