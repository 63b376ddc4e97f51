/**
 * Column types from sampled values (JSON Lines, whole-file JSON, CSV), spelled the way pyarrow
 * prints them, merged across rows the way pyarrow unifies them: int64 + float64 → float64,
 * null + T → T, struct fields unioned. Anything that cannot unify is "unknown".
 */
import type { ColumnInfo } from './types';

type Inferred =
  | { k: 'null' | 'bool' | 'int64' | 'float64' | 'string' | 'unknown' }
  | { k: 'list'; item: Inferred }
  | { k: 'struct'; fields: Map<string, Inferred> };

const NULL: Inferred = { k: 'null' };
const UNKNOWN: Inferred = { k: 'unknown' };
const MAX_DEPTH = 16;
const MAX_LIST_SAMPLE = 100;
const MAX_FIELDS = 200;

function inferValue(v: unknown, depth: number): Inferred {
  if (v === null || v === undefined) return NULL;
  if (depth > MAX_DEPTH) return UNKNOWN;
  switch (typeof v) {
    case 'boolean': return { k: 'bool' };
    case 'string': return { k: 'string' };
    case 'number': return Number.isInteger(v) && !Object.is(v, -0) ? { k: 'int64' } : { k: 'float64' };
    case 'bigint': return { k: 'int64' };
  }
  if (Array.isArray(v)) {
    let item: Inferred = NULL;
    const n = Math.min(v.length, MAX_LIST_SAMPLE);
    for (let i = 0; i < n; i++) item = merge(item, inferValue(v[i], depth + 1));
    return { k: 'list', item };
  }
  if (typeof v === 'object') {
    const fields = new Map<string, Inferred>();
    for (const key of Object.keys(v as object)) {
      if (fields.size >= MAX_FIELDS) break;
      fields.set(key, inferValue((v as Record<string, unknown>)[key], depth + 1));
    }
    return { k: 'struct', fields };
  }
  return UNKNOWN;
}

function merge(a: Inferred, b: Inferred): Inferred {
  if (a.k === 'null') return b;
  if (b.k === 'null') return a;
  if (a.k === 'unknown' || b.k === 'unknown') return UNKNOWN;
  if (a.k === b.k) {
    if (a.k === 'list' && b.k === 'list') return { k: 'list', item: merge(a.item, b.item) };
    if (a.k === 'struct' && b.k === 'struct') {
      const fields = new Map(a.fields);
      for (const [name, t] of b.fields) {
        if (!fields.has(name) && fields.size >= MAX_FIELDS) continue;
        fields.set(name, fields.has(name) ? merge(fields.get(name)!, t) : t);
      }
      return { k: 'struct', fields };
    }
    return a;
  }
  if ((a.k === 'int64' && b.k === 'float64') || (a.k === 'float64' && b.k === 'int64')) return { k: 'float64' };
  return UNKNOWN;
}

function render(t: Inferred): string {
  switch (t.k) {
    case 'list': return `list<${render(t.item)}>`;
    case 'struct': return `struct<${[...t.fields].map(([n, f]) => `${n}: ${render(f)}`).join(', ')}>`;
    case 'null': return 'null';
    default: return t.k;
  }
}

/**
 * Columns of a sample of JSON objects: names in first-seen order across rows, types unified.
 * `rows` are expected to be objects; anything else is ignored.
 */
export function inferColumns(rows: readonly unknown[]): ColumnInfo[] {
  const cols = new Map<string, Inferred>();
  for (const row of rows) {
    if (row === null || typeof row !== 'object' || Array.isArray(row)) continue;
    for (const key of Object.keys(row)) {
      const t = inferValue((row as Record<string, unknown>)[key], 0);
      cols.set(key, cols.has(key) ? merge(cols.get(key)!, t) : t);
    }
  }
  return [...cols].map(([name, t]) => ({ name, type: render(t) }));
}

/** The type of one JSON value, e.g. for nested previews. */
export function inferTypeOf(value: unknown): string {
  return render(inferValue(value, 0));
}

const INT_RE = /^[+-]?\d+$/;
const FLOAT_RE = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i;
const BOOL_RE = /^(true|false)$/i;

/**
 * Columns of CSV records (all values strings), typed the way pandas' `read_csv` would:
 * int64, float64, bool, string; empty cells are missing (a column of only those is "null").
 */
export function inferCsvColumns(header: readonly string[], records: readonly string[][]): ColumnInfo[] {
  return header.map((name, i) => {
    let t: Inferred = NULL;
    for (const rec of records) {
      const cell = rec[i];
      if (cell === undefined || cell === '') continue;
      const s = cell.trim();
      const cellType: Inferred = INT_RE.test(s) && s.replace(/^[+-]/, '').length <= 18
        ? { k: 'int64' }
        : FLOAT_RE.test(s) ? { k: 'float64' } : BOOL_RE.test(s) ? { k: 'bool' } : { k: 'string' };
      t = merge(t, cellType);
      if (t.k === 'unknown') t = { k: 'string' }; // pandas falls back to object (strings)
    }
    return { name, type: render(t) };
  });
}
