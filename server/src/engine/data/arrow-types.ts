/** Arrow JS data types → the human type names pyarrow prints (`string`, `list<struct<…>>`, …). */
import type { DataType, Field, Schema } from 'apache-arrow';
import { featureTypesFromSchemaMetadata } from './hf-features';
import type { ColumnInfo } from './types';

// Loaded on first use (only a process that reads Arrow files pays for apache-arrow's start-up).
const arrowDataType = (): typeof DataType => (require('apache-arrow') as typeof import('apache-arrow')).DataType;

const UNITS = ['s', 'ms', 'us', 'ns'];
const MAX_DEPTH = 16;

export function arrowTypeName(t: DataType, depth = 0): string {
  if (depth > MAX_DEPTH) return 'unknown';
  if (arrowDataType().isNull(t)) return 'null';
  if (arrowDataType().isBool(t)) return 'bool';
  if (arrowDataType().isInt(t)) return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
  if (arrowDataType().isFloat(t)) return ['float16', 'float32', 'float64'][t.precision] ?? 'float64';
  if (arrowDataType().isUtf8(t)) return 'string';
  if (arrowDataType().isLargeUtf8(t)) return 'large_string';
  if (arrowDataType().isUtf8View(t)) return 'string_view';
  if (arrowDataType().isBinary(t)) return 'binary';
  if (arrowDataType().isLargeBinary(t)) return 'large_binary';
  if (arrowDataType().isBinaryView(t)) return 'binary_view';
  if (arrowDataType().isFixedSizeBinary(t)) return `fixed_size_binary[${t.byteWidth}]`;
  if (arrowDataType().isDecimal(t)) return `decimal${t.bitWidth}(${t.precision}, ${t.scale})`;
  if (arrowDataType().isDate(t)) return t.unit === 0 ? 'date32' : 'date64';
  if (arrowDataType().isTime(t)) return `time${t.bitWidth}[${UNITS[t.unit] ?? '?'}]`;
  if (arrowDataType().isTimestamp(t)) return `timestamp[${UNITS[t.unit] ?? '?'}${t.timezone ? `, tz=${t.timezone}` : ''}]`;
  if (arrowDataType().isDuration(t)) return `duration[${UNITS[t.unit] ?? '?'}]`;
  if (arrowDataType().isInterval(t)) return 'interval';
  if (arrowDataType().isList(t)) return `list<${childType(t.children[0], depth)}>`;
  if (arrowDataType().isLargeList(t)) return `large_list<${childType(t.children[0], depth)}>`;
  if (arrowDataType().isFixedSizeList(t)) return `fixed_size_list<${childType(t.children[0], depth)}>[${t.listSize}]`;
  if (arrowDataType().isStruct(t)) return `struct<${t.children.map((f) => `${f.name}: ${arrowTypeName(f.type, depth + 1)}`).join(', ')}>`;
  if (arrowDataType().isMap(t)) {
    const entries = t.children[0]?.type;
    const [k, v] = entries && arrowDataType().isStruct(entries) ? entries.children : [];
    return `map<${k ? arrowTypeName(k.type, depth + 1) : 'unknown'}, ${v ? arrowTypeName(v.type, depth + 1) : 'unknown'}>`;
  }
  if (arrowDataType().isDictionary(t)) return arrowTypeName(t.dictionary, depth + 1);
  if (arrowDataType().isUnion(t)) return 'union';
  return 'unknown';
}

function childType(f: Field | undefined, depth: number): string {
  return f ? arrowTypeName(f.type, depth + 1) : 'unknown';
}

/**
 * Columns of an Arrow schema. When the schema carries `datasets` Features (`huggingface`
 * metadata), their types win: they know `ClassLabel`, `Image`, `Audio`.
 */
export function columnsOfArrowSchema(schema: Schema): ColumnInfo[] {
  const features = featureTypesFromSchemaMetadata(schema.metadata.get('huggingface'));
  return schema.fields.map((f) => ({ name: f.name, type: features?.get(f.name) ?? arrowTypeName(f.type) }));
}
