/**
 * A bounds check of Arrow IPC metadata (flatbuffers) before apache-arrow decodes it.
 *
 * apache-arrow trusts vector lengths in message headers: one flipped byte can make a record batch
 * claim four billion field nodes, and decoding then loops for minutes. Here we walk the few
 * tables that hold vectors (Message, Schema, Field, RecordBatch, DictionaryBatch, Footer) and
 * require every offset, string and vector to lie inside the header's bytes. That bounds the
 * decoder's work by the header size. Layout: the Arrow format's `Message.fbs`, `Schema.fbs`, `File.fbs`.
 */
import { DataReadError } from './failure';

const MAX_FIELDS = 100_000;
const MAX_DEPTH = 64;
const HEADER_SCHEMA = 1;
const HEADER_DICTIONARY = 2;
const HEADER_RECORD_BATCH = 3;
const TYPE_UNION = 14;

class Reader {
  fields = 0;
  constructor(private readonly b: Uint8Array, private readonly path: string) {}

  fail(what: string): never {
    throw new DataReadError('invalid', `${this.path} looks corrupt: an Arrow header has ${what} outside its bounds.`);
  }
  private view(pos: number, size: number): DataView {
    if (!Number.isInteger(pos) || pos < 0 || pos + size > this.b.length) this.fail('a value');
    return new DataView(this.b.buffer, this.b.byteOffset + pos, size);
  }
  u8(pos: number): number {
    return this.view(pos, 1).getUint8(0);
  }
  u16(pos: number): number {
    return this.view(pos, 2).getUint16(0, true);
  }
  u32(pos: number): number {
    return this.view(pos, 4).getUint32(0, true);
  }
  i32(pos: number): number {
    return this.view(pos, 4).getInt32(0, true);
  }
  i64(pos: number): number {
    const v = this.view(pos, 8).getBigInt64(0, true);
    if (v < 0n || v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail('a length');
    return Number(v);
  }
  /** The position of a table's field `slot`, or 0 when absent. */
  field(table: number, slot: number): number {
    const vtable = table - this.i32(table);
    const vlen = this.u16(vtable);
    const entry = 4 + slot * 2;
    if (entry + 2 > vlen) return 0;
    const off = this.u16(vtable + entry);
    return off ? table + off : 0;
  }
  /** Follows the offset stored at `pos` (to a table, vector or string). */
  deref(pos: number): number {
    const target = pos + this.u32(pos);
    if (target >= this.b.length) this.fail('an offset');
    return target;
  }
  /** The table a field points to, or 0. */
  table(table: number, slot: number): number {
    const f = this.field(table, slot);
    return f ? this.deref(f) : 0;
  }
  /** Checks the vector a field points to; returns its element positions' start and length. */
  vector(table: number, slot: number, elemSize: number): { start: number; length: number } {
    const f = this.field(table, slot);
    if (!f) return { start: 0, length: 0 };
    const v = this.deref(f);
    const length = this.u32(v);
    if (v + 4 + length * elemSize > this.b.length) this.fail('a list');
    return { start: v + 4, length };
  }
  string(table: number, slot: number): void {
    this.vector(table, slot, 1);
  }
  /** Each element of a vector of tables. */
  tables(table: number, slot: number, visit: (t: number) => void): void {
    const { start, length } = this.vector(table, slot, 4);
    for (let i = 0; i < length; i++) visit(this.deref(start + i * 4));
  }
  keyValues(table: number, slot: number): void {
    this.tables(table, slot, (kv) => {
      this.string(kv, 0);
      this.string(kv, 1);
    });
  }
}

function checkField(r: Reader, field: number, depth: number): void {
  if (depth > MAX_DEPTH || ++r.fields > MAX_FIELDS) r.fail('too deep a schema');
  r.string(field, 0); // name
  const typeType = r.field(field, 2) ? r.u8(r.field(field, 2)) : 0;
  const type = r.table(field, 3);
  if (type && typeType === TYPE_UNION) r.vector(type, 1, 4); // typeIds
  const dict = r.table(field, 4);
  if (dict) r.table(dict, 1); // indexType
  r.tables(field, 5, (child) => checkField(r, child, depth + 1));
  r.keyValues(field, 6);
}

function checkSchema(r: Reader, schema: number): void {
  r.tables(schema, 1, (f) => checkField(r, f, 0));
  r.keyValues(schema, 2);
  r.vector(schema, 3, 8); // features
}

function checkRecordBatch(r: Reader, batch: number): void {
  r.vector(batch, 1, 16); // nodes: FieldNode structs
  r.vector(batch, 2, 16); // buffers: Buffer structs
  r.table(batch, 3); // compression
  r.vector(batch, 4, 8); // variadicBufferCounts
}

/** Throws `DataReadError` unless the Message flatbuffer `meta` is within its bounds. */
export function checkMessageBounds(meta: Uint8Array, path: string): void {
  const r = new Reader(meta, path);
  const root = r.deref(0);
  const headerType = r.field(root, 1) ? r.u8(r.field(root, 1)) : 0;
  const header = r.table(root, 2);
  r.keyValues(root, 4);
  if (!header) return;
  if (headerType === HEADER_SCHEMA) checkSchema(r, header);
  else if (headerType === HEADER_RECORD_BATCH) checkRecordBatch(r, header);
  else if (headerType === HEADER_DICTIONARY) {
    const data = r.table(header, 1);
    if (data) checkRecordBatch(r, data);
  }
}

export interface MessagePeek {
  headerType: number;
  bodyLength: number;
  /** Rows of a record batch (0 for other messages). */
  rows: number;
}

/**
 * Header type, body length and (for a record batch) row count, read straight from the
 * flatbuffer without decoding the rest: what counting rows over thousands of batches needs.
 */
export function peekMessage(meta: Uint8Array, path: string): MessagePeek {
  const r = new Reader(meta, path);
  const root = r.deref(0);
  const ht = r.field(root, 1);
  const headerType = ht ? r.u8(ht) : 0;
  const bl = r.field(root, 3);
  const bodyLength = bl ? r.i64(bl) : 0;
  let rows = 0;
  if (headerType === HEADER_RECORD_BATCH) {
    const header = r.table(root, 2);
    const len = header ? r.field(header, 0) : 0;
    rows = len ? r.i64(len) : 0;
  }
  return { headerType, bodyLength, rows };
}

export const MESSAGE_SCHEMA = HEADER_SCHEMA;
export const MESSAGE_DICTIONARY = HEADER_DICTIONARY;
export const MESSAGE_RECORD_BATCH = HEADER_RECORD_BATCH;

/** Throws `DataReadError` unless the file Footer flatbuffer is within its bounds. */
export function checkFooterBounds(footer: Uint8Array, path: string): void {
  const r = new Reader(footer, path);
  const root = r.deref(0);
  const schema = r.table(root, 1);
  if (schema) checkSchema(r, schema);
  r.vector(root, 2, 24); // dictionaries: Block structs
  r.vector(root, 3, 24); // recordBatches: Block structs
  r.keyValues(root, 4);
}
