/**
 * Turns values coming out of the Arrow and Parquet libraries (BigInt, typed arrays, Arrow vectors
 * and struct rows, Maps, Dates, binary) into plain JSON values that survive `JSON.stringify`
 * and `structuredClone` unchanged.
 */

const MAX_DEPTH = 64;

/** A JSON-safe copy of `value`. */
export function toJsonSafe(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value); // NaN, Infinity keep their meaning
    case 'bigint':
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    case 'function':
    case 'symbol':
      return null;
  }
  if (depth >= MAX_DEPTH) return '…';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (ArrayBuffer.isView(value)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => toJsonSafe(v, depth + 1));
  }
  if (value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  if (Array.isArray(value)) return value.map((v) => toJsonSafe(v, depth + 1));
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toJsonSafe(v, depth + 1);
    return out;
  }
  const obj = value as { toArray?: () => unknown; toJSON?: () => unknown; [Symbol.iterator]?: unknown };
  // Arrow Vector: toArray() gives a JS array or a typed array.
  if (isArrowVector(value) && typeof obj.toArray === 'function') return toJsonSafe(Array.from(obj.toArray() as ArrayLike<unknown>), depth + 1);
  // Arrow StructRow / MapRow: toJSON() gives a plain object (values may still be vectors).
  if (isArrowRow(value) && typeof obj.toJSON === 'function') return toJsonSafe(plainObject(obj.toJSON()), depth + 1);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) out[key] = toJsonSafe((value as Record<string, unknown>)[key], depth + 1);
  return out;
}

/** A row object with JSON-safe values. */
export function rowToJsonSafe(row: Record<string, unknown>): Record<string, unknown> {
  return toJsonSafe(row) as Record<string, unknown>;
}

function isArrowVector(v: unknown): boolean {
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name === 'Vector' || (typeof (v as { toArray?: unknown }).toArray === 'function' && 'type' in (v as object) && 'data' in (v as object));
}

function isArrowRow(v: unknown): boolean {
  const name = (v as { constructor?: { name?: string } }).constructor?.name;
  return name === 'StructRow' || name === 'MapRow' || typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

function plainObject(v: unknown): unknown {
  if (v instanceof Map) return Object.fromEntries(v);
  return v;
}
