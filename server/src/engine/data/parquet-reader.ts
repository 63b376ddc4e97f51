/**
 * Parquet through hyparquet: the footer gives the schema and the row count; only the first row
 * group's pages needed for the first rows are read and decompressed. Every read goes through the
 * file's byte budget, and decompressors refuse pages claiming more than it, so a corrupt header
 * cannot make us allocate gigabytes.
 */
import type { BoundedFile } from './bounded-file';
import { BudgetExceededError, DataReadError, formatBytes } from './failure';
import { newJsonSafeContext, rowToJsonSafe, truncationWarning } from './json-safe';
import { featureTypesFromSchemaMetadata } from './hf-features';
import { parquetNodeType } from './parquet-types';
import { plausibleRowCount } from './plausible';
import type { ReaderOptions } from './reader-options';
import type { ColumnInfo, DataPreview } from './types';

type Hyparquet = typeof import('hyparquet');
type Compressors = import('hyparquet').Compressors;

let libs: Promise<{ hp: Hyparquet; compressors: Compressors }> | undefined;

/** hyparquet is ESM-only: loaded once, lazily, on the first Parquet read (or by a warm-up). */
export function loadParquetLibraries(): Promise<unknown> {
  return loadLibs();
}

function loadLibs(): Promise<{ hp: Hyparquet; compressors: Compressors }> {
  libs ??= Promise.all([import('hyparquet'), import('hyparquet-compressors')]).then(([hp, hc]) => ({
    hp,
    compressors: {
      ...(hc.compressors as Compressors),
      // Decode into a buffer of the size the page header declares, not the size the frame claims.
      ZSTD: (input: Uint8Array, outputLength: number) => hc.decompressZstd(input, new Uint8Array(outputLength)),
    },
  }));
  return libs;
}

const MAGIC = 'PAR1';

export async function readParquetFile(file: BoundedFile, opts: ReaderOptions): Promise<DataPreview> {
  const { hp, compressors } = await loadLibs();
  if (file.size < 12) throw new DataReadError('invalid', `${file.path} looks truncated: it is too short to be a Parquet file.`);
  const tail = await file.read(file.size - 8, 8);
  if (tail.subarray(4).toString('latin1') !== MAGIC) {
    throw new DataReadError('invalid', `${file.path} looks truncated or corrupt: it does not end with the Parquet footer marker.`);
  }
  const footerLen = tail.readUInt32LE(0);
  if (footerLen + 8 > file.size - 4) {
    throw new DataReadError('invalid', `${file.path} looks corrupt: its footer claims ${formatBytes(footerLen)}, more than the file holds.`);
  }
  if (footerLen > file.remaining) {
    throw new DataReadError('too-large', `${file.path}: its footer is ${formatBytes(footerLen)}, over the ${formatBytes(file.budget)} preview limit.`);
  }

  const buffer = file.asAsyncBuffer();
  let metadata;
  try {
    metadata = await hp.parquetMetadataAsync(buffer, { initialFetchSize: Math.min(file.size, footerLen + 8) });
  } catch (err) {
    if (err instanceof DataReadError) throw err;
    throw new DataReadError('invalid', `${file.path} looks corrupt: its Parquet footer cannot be read (${(err as Error).message}).`);
  }

  const columns = columnsOf(hp, metadata);
  const declared = Number(metadata.num_rows);
  const warnings: string[] = [];
  let rows: Record<string, unknown>[] = [];
  const rowCount = plausibleRowCount(declared, file.size) ? declared : undefined;
  const rowEnd = Math.min(opts.maxRows, rowCount ?? 0);
  const inconsistency = rowEnd > 0 ? checkChunks(hp, metadata) : undefined;
  if (rowCount === undefined) {
    warnings.push(`${file.path} looks corrupt: its footer claims ${String(metadata.num_rows)} rows, which a ${formatBytes(file.size)} file cannot hold; the row count is unknown and only the columns are shown.`);
  } else if (inconsistency) {
    warnings.push(`${file.path} looks corrupt (${inconsistency}); only the columns are shown.`);
  } else if (rowEnd > 0) {
    try {
      const objects = await hp.parquetReadObjects({
        file: buffer,
        metadata,
        rowStart: 0,
        rowEnd,
        rowFormat: 'object',
        columns: columns.map((c) => c.name),
        compressors: bounded(compressors, file),
        useOffsetIndex: true,
      });
      const ctx = newJsonSafeContext();
      rows = objects.slice(0, opts.maxRows).map((r) => rowToJsonSafe(r as Record<string, unknown>, ctx));
      if (ctx.truncated) warnings.push(truncationWarning(file.path));
    } catch (err) {
      if (err instanceof BudgetExceededError) {
        warnings.push(`${file.path}: the first row group is too large to preview (over ${formatBytes(file.budget)}); only the columns are shown.`);
      } else if (err instanceof DataReadError && err.code === 'cancelled') {
        throw err;
      } else {
        warnings.push(`${file.path}: rows could not be decoded (${(err as Error).message}); only the columns are shown.`);
      }
    }
  }
  return { columns, rows, ...(rowCount !== undefined ? { rowCount } : {}), files: [file.path], warnings };
}

function columnsOf(hp: Hyparquet, metadata: import('hyparquet').FileMetaData): ColumnInfo[] {
  const hf = metadata.key_value_metadata?.find((kv) => kv.key === 'huggingface')?.value;
  const features = featureTypesFromSchemaMetadata(hf);
  const tree = hp.parquetSchema(metadata);
  return tree.children.map((child) => ({
    name: child.element.name,
    type: features?.get(child.element.name) ?? parquetNodeType(child),
  }));
}

/**
 * Checks that the first row group's column chunks all belong to the schema. hyparquet never
 * awaits a chunk that matches no column, so its failure would escape as an unhandled rejection.
 */
function checkChunks(hp: Hyparquet, metadata: import('hyparquet').FileMetaData): string | undefined {
  const tree = hp.parquetSchema(metadata);
  const leaves = new Set<string>();
  const walk = (node: import('hyparquet').SchemaTree) => {
    if (node.children.length === 0) leaves.add(JSON.stringify(node.path));
    for (const c of node.children) walk(c);
  };
  for (const c of tree.children) {
    if (!c.element.name) return 'a column has no name';
    walk(c);
  }
  const names = tree.children.map((c) => c.element.name);
  if (new Set(names).size !== names.length) return 'two columns have the same name';
  const group = metadata.row_groups[0];
  if (!group) return 'it has rows but no row group';
  for (const chunk of group.columns) {
    const path = chunk.meta_data?.path_in_schema;
    if (!path || !leaves.has(JSON.stringify(path))) return 'a column chunk matches no column of the schema';
  }
  return undefined;
}

/** Each decompressor refuses an output size beyond what the file may still spend. */
function bounded(compressors: Compressors, file: BoundedFile): Compressors {
  const out: Compressors = {};
  for (const [codec, fn] of Object.entries(compressors) as [keyof Compressors, NonNullable<Compressors[keyof Compressors]>][]) {
    out[codec] = (input: Uint8Array, outputLength: number) => {
      if (!(outputLength >= 0) || outputLength > file.budget) {
        throw new BudgetExceededError(`${file.path}: a page claims ${formatBytes(outputLength)} uncompressed, over the ${formatBytes(file.budget)} preview limit.`);
      }
      return fn(input, outputLength);
    };
  }
  return out;
}
