/**
 * From a loading call in the script to the data layer's DataSourceSpec: which builder, files,
 * split and folders, with paths evaluated statically (`os.path.join`, `Path(...) / "x"`,
 * f-strings of constants, `os.path.dirname(__file__)`). Undefined when a path cannot be known.
 */
import { dirname, join } from 'node:path';
import { homedir } from 'node:os';
import type { Node } from 'web-tree-sitter';
import type { DataFormat, DataSourceSpec } from '../data/types';
import type { CallFact, FileFacts } from '../facts/types';
import { evaluate, type PyValue } from '../facts/values';
import { resolveExpression } from '../facts/reaching';
import { withSpreadKeywords } from '../domain/spread-arguments';

const FILE_LOADERS: Record<string, DataFormat> = { from_json: 'json', from_csv: 'csv', from_parquet: 'parquet', from_text: 'text' };
const PANDAS_READERS: Record<string, DataFormat> = { read_csv: 'csv', read_json: 'json', read_parquet: 'parquet', read_table: 'csv' };
/**
 * pandas reader keywords that leave the file's columns and a default RangeIndex (pandas `read_csv`/`read_json`/
 * `read_parquet`): the separator, encodings, dtypes, parsing and row limits. `usecols`, `names`, `header`, `index_col`,
 * `columns`, `orient`, `chunksize`… are not among them.
 */
const PANDAS_READER_SAME_COLUMNS = new Set(['filepath_or_buffer', 'path', 'sep', 'delimiter', 'lines', 'encoding', 'encoding_errors',
  'dtype', 'low_memory', 'on_bad_lines', 'error_bad_lines', 'warn_bad_lines', 'engine', 'quotechar', 'quoting', 'escapechar',
  'na_values', 'keep_default_na', 'na_filter', 'compression', 'storage_options', 'nrows', 'skipinitialspace', 'dtype_backend',
  'convert_dates', 'parse_dates', 'keep_date_col', 'thousands', 'decimal', 'lineterminator', 'doublequote']);

/**
 * `load_dataset`'s own parameters that leave the rows as the dataset has them (huggingface/datasets
 * src/datasets/load.py, 2.14.0 to 5.0.1; `field`, `sep` and `delimiter` are the json/csv builders' config keywords,
 * read below). Any other keyword goes to the builder's config (`**config_kwargs`); `features=` and (before 3.0)
 * `task=` recast the rows.
 */
const LOAD_DATASET_OWN = new Set([
  'path', 'name', 'data_dir', 'data_files', 'split', 'cache_dir', 'download_config', 'download_mode', 'verification_mode', 'ignore_verifications',
  'keep_in_memory', 'save_infos', 'revision', 'token', 'use_auth_token', 'streaming', 'num_proc', 'storage_options', 'trust_remote_code',
  'field', 'sep', 'delimiter',
]);

export interface PathContext { scriptPath: string; facts: FileFacts; callsByNode: Map<number, CallFact> }

function lastName(call: CallFact): string {
  return call.method ?? call.calleeText.split('.').pop() ?? '';
}

/** A path-valued expression, or undefined. */
export function evaluatePath(ctx: PathContext, node: Node | undefined, depth = 0): string | undefined {
  if (!node || depth > 16) return undefined;
  const expr = resolveExpression(ctx.facts, node);
  if (expr.type === 'identifier' && expr.text === '__file__') return ctx.scriptPath;
  if (expr.type === 'binary_operator' && expr.childForFieldName('operator')?.text === '/') {
    const l = evaluatePath(ctx, expr.childForFieldName('left') ?? undefined, depth + 1);
    const r = evaluatePath(ctx, expr.childForFieldName('right') ?? undefined, depth + 1);
    return l !== undefined && r !== undefined ? join(l, r) : undefined;
  }
  if (expr.type === 'attribute') {
    const attr = expr.childForFieldName('attribute')?.text;
    const base = evaluatePath(ctx, expr.childForFieldName('object') ?? undefined, depth + 1);
    if (base === undefined) return undefined;
    if (attr === 'parent') return dirname(base);
    return undefined;
  }
  if (expr.type === 'call') {
    const call = ctx.callsByNode.get(expr.id);
    if (!call) return undefined;
    const name = lastName(call);
    const args = call.positional.map((a) => evaluatePath(ctx, a.value, depth + 1));
    if (call.calleeText.endsWith('path.join') && args.length && args.every((a) => a !== undefined)) return join(...(args as string[]));
    if (call.calleeText.endsWith('path.dirname') && args[0] !== undefined) return dirname(args[0]);
    if (call.calleeText.endsWith('path.expanduser') && args[0] !== undefined) return args[0].replace(/^~(?=$|\/)/, homedir());
    if (call.calleeText.endsWith('path.abspath') && args[0] !== undefined) return args[0];
    if ((name === 'Path' || name === 'PurePath' || name === 'str' || name === 'resolve') && args.length <= 1) {
      if (name === 'resolve') return evaluatePath(ctx, call.receiver, depth + 1);
      return args[0];
    }
    if (name === 'expanduser' && call.receiver) return evaluatePath(ctx, call.receiver, depth + 1)?.replace(/^~(?=$|\/)/, homedir());
    if (name === 'joinpath' && call.receiver) {
      const base = evaluatePath(ctx, call.receiver, depth + 1);
      return base !== undefined && args.every((a) => a !== undefined) ? join(base, ...(args as string[])) : undefined;
    }
    return undefined;
  }
  const v = evaluate(ctx.facts, expr);
  return v.kind === 'str' ? v.value : undefined;
}

function dataFilesOf(ctx: PathContext, node: Node | undefined): DataSourceSpec['dataFiles'] | undefined | null {
  if (!node) return undefined;
  const expr = resolveExpression(ctx.facts, node);
  const single = evaluatePath(ctx, expr);
  if (single !== undefined) return single;
  const v: PyValue = evaluate(ctx.facts, expr);
  const strs = (x: PyValue): string[] | undefined => {
    if (x.kind === 'str') return [x.value];
    if (x.kind !== 'list' && x.kind !== 'tuple') return undefined;
    const out: string[] = [];
    for (const i of x.items) { if (i.kind !== 'str') return undefined; out.push(i.value); }
    return out;
  };
  if (v.kind === 'list' || v.kind === 'tuple') return strs(v) ?? null;
  if (v.kind === 'dict') {
    const out: Record<string, string | string[]> = {};
    for (const [k, x] of v.entries) {
      const s = strs(x);
      if (!s) return null;
      out[k] = x.kind === 'str' ? s[0] : s;
    }
    return out;
  }
  return null; // present but not computable
}

function str(ctx: PathContext, node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const v = evaluate(ctx.facts, node);
  return v.kind === 'str' ? v.value : undefined;
}

/** The spec for a loading call, or undefined when it cannot be known statically. */
export function loadSpecFor(ctx: PathContext, call: CallFact, cwd: string): DataSourceSpec | undefined {
  const name = lastName(call);
  if (name === 'load_dataset') {
    // Keywords a `**` spreads in count as written; one that cannot be followed may name a config, a revision or
    // files, so the source is not known (a Hub dataset's default config would be a guess).
    const c = withSpreadKeywords(ctx.facts, ctx.callsByNode, call);
    if (c.hasSplat || c.positional.length > 2) return undefined;
    const kw = (k: string) => c.keywords.get(k)?.value;
    const builder = evaluatePath(ctx, c.positional[0]?.value ?? kw('path'));
    if (builder === undefined) return undefined;
    const dataFiles = dataFilesOf(ctx, kw('data_files'));
    if (dataFiles === null) return undefined;
    const split = kw('split');
    const splitStr = split ? str(ctx, split) : undefined;
    if (split && splitStr === undefined) return undefined;
    // A config, revision, folder, field or separator the script computes at run time: which data it is is not known
    // (`load_dataset("mlabonne/FineTome-100k", sys.argv[1])` is not its default config).
    const given = (n: Node | undefined, v: string | undefined) => n !== undefined && v === undefined;
    const configNode = c.positional[1]?.value ?? kw('name');
    const config = str(ctx, configNode);
    const dataDir = kw('data_dir') ? evaluatePath(ctx, kw('data_dir')) : undefined;
    const revision = str(ctx, kw('revision')), field = str(ctx, kw('field')), delimiter = str(ctx, kw('sep') ?? kw('delimiter'));
    if (given(configNode, config) && evaluate(ctx.facts, configNode!).kind !== 'none') return undefined;
    if (given(kw('data_dir'), dataDir) || given(kw('revision'), revision) || given(kw('field'), field) || given(kw('sep') ?? kw('delimiter'), delimiter)) return undefined;
    const configKwargs = [...c.keywords.keys()].filter((k) => !LOAD_DATASET_OWN.has(k));
    const values = Object.fromEntries(configKwargs.flatMap((k) => { const v = str(ctx, kw(k)); return v === undefined ? [] : [[k, v]]; }));
    const kwargs = configKwargs.length ? { configKwargs, ...(Object.keys(values).length ? { configKwargValues: values } : {}) } : {};
    return { kind: 'load_dataset', cwd, builder, dataFiles, split: splitStr, dataDir, name: config, revision, field, delimiter, ...kwargs };
  }
  const kw = (k: string) => call.keywords.get(k)?.value;
  if (name === 'load_from_disk') {
    const path = evaluatePath(ctx, call.positional[0]?.value ?? kw('dataset_path'));
    return path === undefined ? undefined : { kind: 'load_from_disk', cwd, path };
  }
  if (name in FILE_LOADERS) {
    const files = dataFilesOf(ctx, call.positional[0]?.value ?? kw('path_or_paths'));
    if (files === undefined || files === null || (typeof files === 'object' && !Array.isArray(files))) return undefined;
    return { kind: 'from_file', cwd, dataFiles: files, format: FILE_LOADERS[name], field: str(ctx, kw('field')) };
  }
  if (name === 'from_pandas') {
    // `preserve_index=True` keeps even a RangeIndex as a column (`__index_level_0__`); `features=` recasts.
    const keepsIndexOut = (v: PyValue) => v.kind === 'none' || (v.kind === 'bool' && !v.value);
    if (call.hasSplat || [...call.keywords.keys()].some((k) => k !== 'df' && k !== 'split' && !(k === 'preserve_index' && keepsIndexOut(evaluate(ctx.facts, kw(k)!))))) return undefined;
    const df = resolveExpression(ctx.facts, call.positional[0]?.value ?? kw('df') ?? call.node);
    const reader = df.type === 'call' ? ctx.callsByNode.get(df.id) : undefined;
    if (!reader) return undefined;
    const r = lastName(reader);
    if (!(r in PANDAS_READERS)) return undefined;
    // A reader keyword that changes which columns the frame has, or its index (`usecols=`, `names=`, `header=`,
    // `index_col=`: a named index becomes a column in from_pandas), is not followed.
    if ([...reader.keywords.keys()].some((k) => !PANDAS_READER_SAME_COLUMNS.has(k)) || reader.hasSplat) return undefined;
    if (r === 'read_json' && evaluate(ctx.facts, reader.keywords.get('lines')?.value ?? reader.node).kind !== 'bool') return undefined;
    const path = evaluatePath(ctx, reader.positional[0]?.value ?? reader.keywords.get('filepath_or_buffer')?.value ?? reader.keywords.get('path')?.value);
    if (path === undefined) return undefined;
    return { kind: 'pandas', cwd, path, format: PANDAS_READERS[r], delimiter: str(ctx, reader.keywords.get('sep')?.value ?? reader.keywords.get('delimiter')?.value) ?? (r === 'read_table' ? '\t' : undefined) };
  }
  return undefined;
}
