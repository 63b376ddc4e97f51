/**
 * Turns values coming out of the Arrow and Parquet libraries (BigInt, typed arrays, Arrow vectors
 * and struct rows, Maps, Dates, binary) into plain JSON values that survive `JSON.stringify`
 * and `structuredClone` unchanged.
 *
 * Bounded: a corrupt Arrow offset buffer can make a list claim billions of items, so lists are
 * cut at `MAX_LIST_ITEMS` and the whole conversion stops descending after `MAX_NODES` values
 * (the context's `truncated` flag then tells the reader to warn). Strings are never cut, but once
 * 64 M characters are kept in one preview, further strings become null.
 */

const MAX_DEPTH = 64;
export const MAX_LIST_ITEMS = 10_000;
const MAX_NODES = 1_000_000;
/** Total string length kept in one preview; past it, further strings become null. */
const MAX_CHARS = 64 * 1024 * 1024;

export interface JsonSafeContext {
  nodes: number;
  chars: number;
  truncated: boolean;
}

export function newJsonSafeContext(): JsonSafeContext {
  return { nodes: 0, chars: 0, truncated: false };
}

/** A JSON-safe copy of `value`. */
export function toJsonSafe(value: unknown, ctx: JsonSafeContext = newJsonSafeContext(), depth = 0): unknown {
  if (++ctx.nodes > MAX_NODES) {
    ctx.truncated = true;
    return null;
  }
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      ctx.chars += value.length;
      if (ctx.chars > MAX_CHARS) {
        ctx.truncated = true;
        return null;
      }
      return value;
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
  if (depth >= MAX_DEPTH) {
    ctx.truncated = true;
    return null;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return `<${value.length} bytes>`;
  if (value instanceof ArrayBuffer) return `<${value.byteLength} bytes>`;
  if (ArrayBuffer.isView(value)) return listOf(value as unknown as ArrayLike<unknown>, (i) => (value as unknown as ArrayLike<unknown>)[i], ctx, depth);
  if (Array.isArray(value)) return listOf(value, (i) => value[i], ctx, depth);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of value) out[String(k)] = toJsonSafe(v, ctx, depth + 1);
    return out;
  }
  const v = value as { get?: (i: number) => unknown; length?: number; toJSON?: () => unknown };
  // Arrow Vector: read items one by one, never materialising a claimed length.
  if (isArrowVector(value) && typeof v.get === 'function' && typeof v.length === 'number') {
    return listOf({ length: v.length }, (i) => v.get!(i), ctx, depth);
  }
  // Arrow StructRow / MapRow: toJSON() gives a plain object (values may still be vectors).
  if (typeof v.toJSON === 'function') {
    const plain = v.toJSON();
    return toJsonSafe(plain instanceof Map ? Object.fromEntries(plain) : plain, ctx, depth + 1);
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) out[key] = toJsonSafe((value as Record<string, unknown>)[key], ctx, depth + 1);
  return out;
}

function listOf(src: { length: number }, at: (i: number) => unknown, ctx: JsonSafeContext, depth: number): unknown[] {
  const n = Math.min(src.length, MAX_LIST_ITEMS);
  if (src.length > n) ctx.truncated = true;
  const out = new Array<unknown>(n);
  for (let i = 0; i < n; i++) {
    if (ctx.nodes > MAX_NODES) {
      ctx.truncated = true;
      return out.slice(0, i);
    }
    out[i] = toJsonSafe(at(i), ctx, depth + 1);
  }
  return out;
}

/** A row object with JSON-safe values. */
export function rowToJsonSafe(row: Record<string, unknown>, ctx: JsonSafeContext = newJsonSafeContext()): Record<string, unknown> {
  return toJsonSafe(row, ctx) as Record<string, unknown>;
}

/** The warning to add when a conversion was cut. */
export function truncationWarning(path: string): string {
  return `${path}: the preview was cut (lists to ${MAX_LIST_ITEMS.toLocaleString('en-US')} items, at most 64 M characters of text).`;
}

function isArrowVector(v: unknown): boolean {
  const o = v as { constructor?: { name?: string }; data?: unknown; type?: unknown };
  return o.constructor?.name === 'Vector' || (Array.isArray(o.data) && o.type !== undefined && typeof (v as { get?: unknown }).get === 'function');
}
