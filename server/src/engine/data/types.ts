/**
 * Plain data types of the data-reading layer. No LSP types, no classes: every value here can be
 * sent over JSON as is.
 */

/** A column of a dataset, with a human-readable type. */
export interface ColumnInfo {
  name: string;
  /**
   * Human type, in pyarrow / `datasets` spelling: `"string"`, `"int64"`, `"float64"`, `"bool"`,
   * `"null"`, `"list<string>"`, `"list<struct<role: string, content: string>>"`, `"image"`,
   * `"class_label[neg, pos]"`, or `"unknown"` when the sample did not tell.
   */
  type: string;
}

/** What a read found: the schema and the first rows of a file or a dataset split. */
export interface DataPreview {
  columns: ColumnInfo[];
  /** First rows, JSON-safe (BigInt → number, or string when unsafe; binary → "<N bytes>"). Long strings are kept. */
  rows: Record<string, unknown>[];
  /** Total rows, only when known cheaply from metadata (Parquet footer, Arrow headers, dataset_info.json). Never by scanning text. */
  rowCount?: number;
  /** The files actually read (absolute paths). */
  files: string[];
  /** Things the user may want to know, e.g. "only the first file of 12 was read". */
  warnings: string[];
  /** The split previewed, when the source has splits. */
  split?: string;
  /** All split names the source offers, when known. */
  splits?: string[];
  /** A `save_to_disk` folder: what `load_from_disk` returns from it (`dataset_dict.json`: a DatasetDict, even of one split). */
  savedKind?: 'dataset' | 'dict';
}

/** Why a read failed, for callers that want to treat e.g. "not cached" more gently than "corrupt". */
export type DataErrorCode =
  | 'not-found'
  | 'not-cached'
  | 'not-allowed'
  | 'unsupported'
  | 'invalid'
  | 'too-large'
  | 'cancelled'
  | 'io';

/** Result of every read: never a throw. `error` is a user-facing sentence that names the file. */
export type DataResult =
  | { ok: true; preview: DataPreview }
  | { ok: false; error: string; code?: DataErrorCode; missingSplit?: MissingSplit };

/** `split="test"` on a source whose splits are known and do not include it (datasets raises "Unknown split"). */
export interface MissingSplit {
  split: string;
  /** The source's splits. */
  splits: string[];
  /** The key is a column of the splits: the script indexes the DatasetDict as if it were one split. */
  isColumn?: boolean;
  /** The split names are not known (`splits` is empty): the key is a column the script added to every split. */
  splitsUnknown?: boolean;
  /**
   * Where the split list was read when not from the data itself (a complete list of trainlint's table of known Hub
   * datasets): "per the dataset card read 2026-12-07, in trainlint's table of known datasets".
   */
  source?: string;
  /**
   * The splits come from \`data_files=\` given with a Hub repository id: so on every datasets release for a repository
   * without a loading script (datasets 4.0 and later refuse scripts); a script may read \`data_files\` its own way.
   */
  hubDataFiles?: boolean;
}

/** File formats the readers understand (the `datasets` packaged builder names). */
export type DataFormat = 'json' | 'csv' | 'parquet' | 'text' | 'arrow';

/** Bounds and knobs of a single read. */
export interface ReadOptions {
  /** Rows to return (default 100). 0 reads the schema and metadata only. */
  maxRows?: number;
  /**
   * Byte bound (default 256 MB): the largest whole-file JSON document parsed, the largest Parquet
   * row group / Arrow record batch decoded, and the most bytes read for one preview.
   */
  maxBytes?: number;
  /** Longest single JSON Lines / text / CSV line accepted (default min(maxBytes, 32 MB)). */
  maxLineBytes?: number;
  /** CSV delimiter (default `,`; `\t` for `.tsv` files). */
  delimiter?: string;
  /** For a whole-file JSON object, the key holding the rows (`load_dataset("json", field="data")`). */
  field?: string;
  /** Cancels the read: the result is then `{ok: false, code: 'cancelled'}`. */
  signal?: AbortSignal;
  /** Deadline for decoding a Parquet/Arrow file in the worker (default 20 000 ms). */
  timeoutMs?: number;
  /** When given, the file is opened and then checked against it (see `confined-open.ts`). */
  access?: AccessPolicy;
}

/**
 * What a script says about where its data comes from, with every path already resolved to a
 * string by the caller (os.path.join, f-strings …). Relative paths are relative to `cwd`.
 *
 * - `load_dataset`: `builder` is the first argument (`"json"`, a hub id, or a local folder/file);
 *   `dataFiles`, `dataDir`, `name` (config) and `split` as passed.
 * - `load_from_disk`: `path` is the saved folder (Dataset or DatasetDict); `split` selects one.
 * - `from_file`: `Dataset.from_json/from_csv/from_parquet/from_text(path)` with `format`.
 * - `pandas`: `pd.read_csv/read_json(lines=True)/read_parquet(path)` with `format`.
 */
export interface DataSourceSpec {
  kind: 'load_dataset' | 'load_from_disk' | 'from_file' | 'pandas';
  /** Folder against which relative paths are resolved (the script's working directory). */
  cwd: string;
  builder?: string;
  path?: string;
  dataFiles?: string | string[] | Record<string, string | string[]>;
  dataDir?: string;
  /** `split=` as written, including slices and sums: `"train[:10%]"`, `"train+test"`. */
  split?: string;
  /** Config name (`load_dataset("gsm8k", "main")`). */
  name?: string;
  /** Hub revision (branch, tag or commit) for hub ids; default `main`. */
  revision?: string;
  /** Format for `from_file` / `pandas`, or to force one. */
  format?: DataFormat;
  /** `field=` of the json builder. */
  field?: string;
  /** `sep=` / `delimiter=` of the csv builder or `pd.read_csv`. */
  delimiter?: string;
  /**
   * Keywords of a `load_dataset` call that are not its own parameters, so `datasets` passes them to the builder's
   * config (`lang1="en"` of kde4), or that recast the rows (`features=`, `task=`): set only when there are some.
   */
  configKwargs?: string[];
  /** Those keywords' values where they are string literals (`{lang1: "en", lang2: "fr"}`). */
  configKwargValues?: Record<string, string>;
}

/** Where the files of a resolved source came from. */
export type SourceOrigin = 'local' | 'hub-cache' | 'datasets-cache' | 'saved-to-disk';

/** Metadata found next to the files (dataset_info.json, state.json), used instead of reading. */
export interface SourceMetadata {
  /** Column types from `features` in dataset_info.json. */
  columns?: ColumnInfo[];
  /** `splits.<name>.num_examples` from dataset_info.json. */
  rowCounts?: Record<string, number>;
}

/** Files per split, and their format: the answer of `resolveDataFiles`. */
export interface ResolvedSource {
  format: DataFormat;
  /** Split name → absolute file paths, sorted. Splits without a name are `train`, like `datasets`. */
  splits: Record<string, string[]>;
  origin: SourceOrigin;
  /** The folder the files were found in (a snapshot, cache or saved folder), when there is one. */
  root?: string;
  metadata?: SourceMetadata;
  warnings: string[];
  /** A `save_to_disk` folder: `dataset_dict.json` (a DatasetDict) or `state.json` (a Dataset). */
  savedKind?: 'dataset' | 'dict';
}

export type ResolveResult =
  | { ok: true; source: ResolvedSource }
  | { ok: false; error: string; code?: DataErrorCode };

/** Where a read may look: see `isReadAllowed`. */
export interface AccessPolicy {
  workspaceRoots: string[];
  hfCacheRoots: string[];
  /** `false` (an untrusted workspace) forbids every read. */
  trusted: boolean;
}
