/** Arrow JS data types → the human type names pyarrow prints (`string`, `list<struct<…>>`, …). */
import { DataType, type Field, type Schema } from 'apache-arrow';
import { featureTypesFromSchemaMetadata } from './hf-features';
import type { ColumnInfo } from './types';

const UNITS = ['s', 'ms', 'us', 'ns'];
const MAX_DEPTH = 16;

export function arrowTypeName(t: DataType, depth = 0): string {
  if (depth > MAX_DEPTH) return 'unknown';
  if (DataType.isNull(t)) return 'null';
  if (DataType.isBool(t)) return 'bool';
  if (DataType.isInt(t)) return `${t.isSigned ? 'int' : 'uint'}${t.bitWidth}`;
  if (DataType.isFloat(t)) return ['float16', 'float32', 'float64'][t.precision] ?? 'float64';
  if (DataType.isUtf8(t)) return 'string';
  if (DataType.isLargeUtf8(t)) return 'large_string';
  if (DataType.isUtf8View(t)) return 'string_view';
  if (DataType.isBinary(t)) return 'binary';
  if (DataType.isLargeBinary(t)) return 'large_binary';
  if (DataType.isBinaryView(t)) return 'binary_view';
  if (DataType.isFixedSizeBinary(t)) return `fixed_size_binary[${t.byteWidth}]`;
  if (DataType.isDecimal(t)) return `decimal${t.bitWidth}(${t.precision}, ${t.scale})`;
  if (DataType.isDate(t)) return t.unit === 0 ? 'date32' : 'date64';
  if (DataType.isTime(t)) return `time${t.bitWidth}[${UNITS[t.unit] ?? '?'}]`;
  if (DataType.isTimestamp(t)) return `timestamp[${UNITS[t.unit] ?? '?'}${t.timezone ? `, tz=${t.timezone}` : ''}]`;
  if (DataType.isDuration(t)) return `duration[${UNITS[t.unit] ?? '?'}]`;
  if (DataType.isInterval(t)) return 'interval';
  if (DataType.isList(t)) return `list<${childType(t.children[0], depth)}>`;
  if (DataType.isLargeList(t)) return `large_list<${childType(t.children[0], depth)}>`;
  if (DataType.isFixedSizeList(t)) return `fixed_size_list<${childType(t.children[0], depth)}>[${t.listSize}]`;
  if (DataType.isStruct(t)) return `struct<${t.children.map((f) => `${f.name}: ${arrowTypeName(f.type, depth + 1)}`).join(', ')}>`;
  if (DataType.isMap(t)) {
    const entries = t.children[0]?.type;
    const [k, v] = entries && DataType.isStruct(entries) ? entries.children : [];
    return `map<${k ? arrowTypeName(k.type, depth + 1) : 'unknown'}, ${v ? arrowTypeName(v.type, depth + 1) : 'unknown'}>`;
  }
  if (DataType.isDictionary(t)) return arrowTypeName(t.dictionary, depth + 1);
  if (DataType.isUnion(t)) return 'union';
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
