/**
 * JSON data files the way `load_dataset("json")` reads them:
 * - JSON Lines, streamed: only the first rows are read, whatever the file size;
 * - a whole JSON document (an array of objects, `{"data": [...]}` with `field=`, or a dict of
 *   columns), parsed only when the file is under `maxBytes`.
 */
import type { BoundedFile } from './bounded-file';
import { BudgetExceededError, DataReadError, formatBytes } from './failure';
import { inferColumns } from './infer-types';
import { readLines } from './line-reader';
import type { DataPreview } from './types';
import type { ReaderOptions } from './reader-options';

export async function readJsonFile(file: BoundedFile, head: Buffer, opts: ReaderOptions): Promise<DataPreview> {
  const first = firstSignificantChar(head);
  if (first === undefined) {
    if (file.size > head.length) {
      // Only whitespace in the head of a big file: treat it like JSON Lines and let the reader decide.
      return readJsonLines(file, opts);
    }
    return { columns: [], rows: [], files: [file.path], warnings: [`${file.path} is empty.`], rowCount: 0 };
  }
  if (opts.field !== undefined || first === '[') return readJsonDocument(file, opts);
  if (first !== '{') {
    throw new DataReadError('invalid', `${file.path} is not JSON Lines: line 1 does not start with an object ("{").`);
  }
  const before = file.consumed;
  try {
    return await readJsonLines(file, opts);
  } catch (err) {
    // `{` on line 1 that is not a complete object: a pretty-printed document.
    if (err instanceof FirstLineNotJson && file.size <= opts.maxBytes) {
      file.refund(file.consumed - before);
      try {
        return await readJsonDocument(file, opts);
      } catch (docErr) {
        if (docErr instanceof DataReadError && docErr.code !== 'invalid') throw docErr;
        throw new DataReadError('invalid', `${file.path} is neither JSON Lines nor a JSON document: ${err.detail}.`);
      }
    }
    if (err instanceof FirstLineNotJson) {
      throw new DataReadError('invalid', `${file.path}: line ${err.lineNo} is not valid JSON (${err.detail}).`);
    }
    throw err;
  }
}

class FirstLineNotJson extends Error {
  constructor(readonly lineNo: number, readonly detail: string) {
    super(detail);
  }
}

async function readJsonLines(file: BoundedFile, opts: ReaderOptions): Promise<DataPreview> {
  const want = Math.max(1, opts.maxRows);
  const rows: Record<string, unknown>[] = [];
  const warnings: string[] = [];
  try {
    for await (const { lineNo, text } of readLines(file, opts.maxLineBytes)) {
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (err) {
        const detail = (err as Error).message;
        if (rows.length === 0) throw new FirstLineNotJson(lineNo, detail);
        warnings.push(`${file.path}: line ${lineNo} is not valid JSON (${detail}); \`datasets\` will fail to load this file.`);
        break;
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        const what = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
        const msg = `${file.path}: line ${lineNo} is ${what}, not a JSON object; every JSON Lines row must be an object.`;
        if (rows.length === 0) throw new DataReadError('invalid', msg);
        warnings.push(msg);
        break;
      }
      rows.push(value as Record<string, unknown>);
      if (rows.length >= want) break;
    }
  } catch (err) {
    if (!(err instanceof BudgetExceededError) || rows.length === 0) throw err;
    warnings.push(`${file.path}: stopped after ${rows.length} rows, at the ${formatBytes(file.budget)} preview limit.`);
  }
  if (rows.length === 0) warnings.push(`${file.path} has no rows.`);
  return { columns: inferColumns(rows), rows: rows.slice(0, opts.maxRows), files: [file.path], warnings };
}

async function readJsonDocument(file: BoundedFile, opts: ReaderOptions): Promise<DataPreview> {
  if (file.size > opts.maxBytes) {
    throw new DataReadError(
      'too-large',
      `${file.path} is a single JSON document of ${formatBytes(file.size)}; only documents up to ${formatBytes(opts.maxBytes)} are previewed (JSON Lines files have no such limit).`,
    );
  }
  const bytes = await file.read(0, file.size);
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder('utf-8').decode(bytes));
  } catch (err) {
    throw new DataReadError('invalid', `${file.path} is not valid JSON (${(err as Error).message}).`);
  }
  const warnings: string[] = [];
  let records: unknown[];
  if (opts.field !== undefined) {
    const value = isPlainObject(doc) ? doc[opts.field] : undefined;
    if (!Array.isArray(value)) {
      throw new DataReadError('invalid', `${file.path} has no list of rows under the key "${opts.field}" (field="${opts.field}").`);
    }
    records = value;
  } else if (Array.isArray(doc)) {
    records = doc;
  } else if (isPlainObject(doc)) {
    records = columnsToRecords(file.path, doc, warnings);
  } else {
    throw new DataReadError('invalid', `${file.path} holds a single JSON ${typeof doc}, not rows.`);
  }
  const bad = records.findIndex((r) => !isPlainObject(r));
  if (bad >= 0) {
    throw new DataReadError('invalid', `${file.path}: row ${bad + 1} is not a JSON object; rows must be objects.`);
  }
  const sample = records.slice(0, Math.max(1, opts.maxRows)) as Record<string, unknown>[];
  if (records.length === 0) warnings.push(`${file.path} has no rows.`);
  return { columns: inferColumns(sample), rows: sample.slice(0, opts.maxRows), rowCount: records.length, files: [file.path], warnings };
}

/**
 * A top-level object without `field=`: `datasets` reads it as a dict of columns. When that fails
 * and one key holds the rows (`{"data": [...]}`), say so: the script needs `field=`.
 */
function columnsToRecords(path: string, doc: Record<string, unknown>, warnings: string[]): unknown[] {
  const keys = Object.keys(doc);
  const lists = keys.filter((k) => Array.isArray(doc[k]));
  const rowKeys = lists.filter((k) => (doc[k] as unknown[]).some(isPlainObject));
  if (rowKeys.length === 1 && keys.length === 1) {
    warnings.push(`${path}: the rows are under the key "${rowKeys[0]}"; load_dataset("json") needs field="${rowKeys[0]}" to read them as rows.`);
    return doc[rowKeys[0]] as unknown[];
  }
  if (keys.length > 0 && lists.length === keys.length) {
    const n = Math.max(...lists.map((k) => (doc[k] as unknown[]).length));
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < n; i++) out.push(Object.fromEntries(keys.map((k) => [k, (doc[k] as unknown[])[i] ?? null])));
    return out;
  }
  if (rowKeys.length >= 1) {
    throw new DataReadError('invalid', `${path} is a JSON object, not rows; pass field= naming the key that holds them (e.g. field="${rowKeys[0]}").`);
  }
  throw new DataReadError('invalid', `${path} is a JSON object, not a list of rows.`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function firstSignificantChar(head: Buffer): string | undefined {
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (; i < head.length; i++) {
    const c = head[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return String.fromCharCode(c);
  }
  return undefined;
}
