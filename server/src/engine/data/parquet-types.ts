/**
 * Parquet schema (hyparquet's schema tree) → the human types pyarrow would give the columns,
 * following the Parquet spec's LIST/MAP rules, including the legacy two-level list layouts.
 */
import type { SchemaElement, SchemaTree } from 'hyparquet';

const MAX_DEPTH = 16;

export function parquetNodeType(node: SchemaTree, depth = 0): string {
  const base = nodeTypeIgnoringRepetition(node, depth);
  // A bare repeated field (no LIST annotation) is a list of itself.
  return node.element.repetition_type === 'REPEATED' ? `list<${base}>` : base;
}

function nodeTypeIgnoringRepetition(node: SchemaTree, depth: number): string {
  if (depth > MAX_DEPTH) return 'unknown';
  const el = node.element;
  const logical = el.logical_type?.type;
  if (el.type !== undefined) return primitiveType(el);
  if (logical === 'VARIANT') return 'variant';
  if (logical === 'LIST' || el.converted_type === 'LIST') return `list<${listElementType(node, depth)}>`;
  if (logical === 'MAP' || el.converted_type === 'MAP' || el.converted_type === 'MAP_KEY_VALUE') {
    const kv = node.children[0];
    const [k, v] = kv?.children ?? [];
    return `map<${k ? nodeTypeIgnoringRepetition(k, depth + 2) : 'unknown'}, ${v ? parquetNodeType(v, depth + 2) : 'unknown'}>`;
  }
  return `struct<${node.children.map((c) => `${c.element.name}: ${parquetNodeType(c, depth + 1)}`).join(', ')}>`;
}

/** The element type of a LIST-annotated group (spec: "Lists", backward-compatibility rules). */
function listElementType(list: SchemaTree, depth: number): string {
  const repeated = list.children[0];
  if (!repeated) return 'unknown';
  const isGroup = repeated.element.type === undefined;
  if (!isGroup || repeated.children.length !== 1) return nodeTypeIgnoringRepetition(repeated, depth + 1);
  const name = repeated.element.name;
  if (name === 'array' || name === `${list.element.name}_tuple`) return nodeTypeIgnoringRepetition(repeated, depth + 1);
  return parquetNodeType(repeated.children[0], depth + 2);
}

const UNIT: Record<string, string> = { MILLIS: 'ms', MICROS: 'us', NANOS: 'ns' };

function primitiveType(el: SchemaElement): string {
  const lt = el.logical_type;
  const ct = el.converted_type;
  if (lt?.type === 'DECIMAL' || ct === 'DECIMAL') {
    const p = lt?.type === 'DECIMAL' ? lt.precision : el.precision;
    const s = lt?.type === 'DECIMAL' ? lt.scale : el.scale;
    return `decimal128(${p ?? '?'}, ${s ?? 0})`;
  }
  switch (el.type) {
    case 'BOOLEAN':
      return 'bool';
    case 'INT32':
    case 'INT64': {
      if (lt?.type === 'INTEGER') return `${lt.isSigned ? 'int' : 'uint'}${lt.bitWidth}`;
      if (lt?.type === 'DATE' || ct === 'DATE') return 'date32';
      if (lt?.type === 'TIMESTAMP') return `timestamp[${UNIT[lt.unit] ?? 'us'}${lt.isAdjustedToUTC ? ', tz=UTC' : ''}]`;
      if (lt?.type === 'TIME') return `time${el.type === 'INT32' ? 32 : 64}[${UNIT[lt.unit] ?? 'ms'}]`;
      if (ct === 'TIMESTAMP_MILLIS') return 'timestamp[ms]';
      if (ct === 'TIMESTAMP_MICROS') return 'timestamp[us]';
      if (ct === 'TIME_MILLIS') return 'time32[ms]';
      if (ct === 'TIME_MICROS') return 'time64[us]';
      const m = ct?.match(/^(U?)INT_(8|16|32|64)$/);
      if (m) return `${m[1] ? 'uint' : 'int'}${m[2]}`;
      return el.type === 'INT32' ? 'int32' : 'int64';
    }
    case 'INT96':
      return 'timestamp[ns]';
    case 'FLOAT':
      return 'float32';
    case 'DOUBLE':
      return 'float64';
    case 'BYTE_ARRAY':
      if (lt?.type === 'STRING' || lt?.type === 'ENUM' || lt?.type === 'JSON' || ct === 'UTF8' || ct === 'ENUM' || ct === 'JSON') return 'string';
      if (lt?.type === 'GEOMETRY' || lt?.type === 'GEOGRAPHY') return lt.type.toLowerCase();
      return 'binary';
    case 'FIXED_LEN_BYTE_ARRAY':
      if (lt?.type === 'FLOAT16') return 'float16';
      if (lt?.type === 'UUID') return 'uuid';
      return `fixed_size_binary[${el.type_length ?? '?'}]`;
    default:
      return 'unknown';
  }
}
