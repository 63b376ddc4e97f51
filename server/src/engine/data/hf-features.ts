/**
 * `datasets` Features (as serialised in dataset_info.json and in the `huggingface` metadata key of
 * Arrow and Parquet schemas) → human column types. Features say more than the storage type:
 * `ClassLabel` names, `Image`, `Audio`, and `Sequence` of a dict being a dict of lists.
 */
import type { ColumnInfo } from './types';

type Json = unknown;

const MAX_DEPTH = 16;

/** Columns described by a serialised Features dict, in its key order; undefined when not a dict. */
export function columnsFromFeatures(features: Json): ColumnInfo[] | undefined {
  if (!isObject(features) || '_type' in features) return undefined;
  return Object.entries(features).map(([name, f]) => ({ name, type: featureType(f, 0) }));
}

/** The Features dict inside a `huggingface` schema-metadata JSON string, if any. */
export function featuresFromSchemaMetadata(json: string | undefined): Json | undefined {
  if (!json) return undefined;
  try {
    const meta = JSON.parse(json) as { info?: { features?: Json } };
    return meta?.info?.features;
  } catch {
    return undefined;
  }
}

/** Column types from `huggingface` schema metadata, keyed by column name. */
export function featureTypesFromSchemaMetadata(json: string | undefined): Map<string, string> | undefined {
  const cols = columnsFromFeatures(featuresFromSchemaMetadata(json));
  return cols ? new Map(cols.map((c) => [c.name, c.type])) : undefined;
}

/** The human type of one serialised feature. */
export function featureType(f: Json, depth: number): string {
  if (depth > MAX_DEPTH) return 'unknown';
  if (Array.isArray(f)) return f.length === 1 ? `list<${featureType(f[0], depth + 1)}>` : 'unknown';
  if (!isObject(f)) return 'unknown';
  const type = f._type;
  if (type === undefined) return structType(f, depth);
  switch (type) {
    case 'Value':
      return valueType(f.dtype);
    case 'ClassLabel': {
      const names = Array.isArray(f.names) ? (f.names as unknown[]).map(String) : [];
      if (names.length === 0) return 'class_label';
      const shown = names.slice(0, 8).join(', ');
      return `class_label[${shown}${names.length > 8 ? `, … (${names.length})` : ''}]`;
    }
    case 'Sequence': {
      const inner = f.feature;
      // A Sequence of a dict is stored as a dict of lists.
      if (isObject(inner) && inner._type === undefined) {
        return `struct<${Object.entries(inner).map(([k, v]) => `${k}: list<${featureType(v, depth + 2)}>`).join(', ')}>`;
      }
      return `list<${featureType(inner, depth + 1)}>`;
    }
    case 'List':
      return `list<${featureType(f.feature, depth + 1)}>`;
    case 'LargeList':
      return `large_list<${featureType(f.feature, depth + 1)}>`;
    case 'Translation':
      return Array.isArray(f.languages) ? `struct<${(f.languages as unknown[]).map((l) => `${String(l)}: string`).join(', ')}>` : 'translation';
    case 'TranslationVariableLanguages':
      return 'struct<language: list<string>, translation: list<string>>';
    case 'Array2D':
    case 'Array3D':
    case 'Array4D':
    case 'Array5D':
      return `${String(type).toLowerCase()}<${valueType(f.dtype)}>`;
    case 'Image':
    case 'Audio':
    case 'Video':
    case 'Pdf':
    case 'Nifti':
      return String(type).toLowerCase();
    default:
      return typeof type === 'string' ? type.toLowerCase() : 'unknown';
  }
}

function structType(f: Record<string, unknown>, depth: number): string {
  return `struct<${Object.entries(f).map(([k, v]) => `${k}: ${featureType(v, depth + 1)}`).join(', ')}>`;
}

function valueType(dtype: unknown): string {
  if (typeof dtype !== 'string') return 'unknown';
  if (dtype === 'float') return 'float32';
  if (dtype === 'double') return 'float64';
  if (dtype === 'boolean') return 'bool';
  return dtype;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
