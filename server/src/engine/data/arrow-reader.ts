/**
 * Arrow IPC, both the stream format (what `datasets` writes: `data-00000-of-00001.arrow`,
 * `NAME-train.arrow`) and the file format (`ARROW1` … footer, Feather v2).
 *
 * We locate messages ourselves (stream: walk the length-prefixed headers; file: the footer's
 * blocks), copy only the schema, the dictionaries and the first record batches into a small
 * buffer, and hand that to apache-arrow. Bodies of later batches are never read; their headers
 * (a few hundred bytes each) give the row count.
 */
import type * as Arrow from 'apache-arrow';
import type * as ArrowFile from 'apache-arrow/ipc/metadata/file';
import { checkFooterBounds, checkMessageBounds, MESSAGE_DICTIONARY, MESSAGE_RECORD_BATCH, MESSAGE_SCHEMA, peekMessage } from './arrow-guard';
import { columnsOfArrowSchema } from './arrow-types';
import type { BoundedFile } from './bounded-file';
import { BudgetExceededError, DataReadError, formatBytes } from './failure';
import { newJsonSafeContext, rowToJsonSafe, truncationWarning } from './json-safe';
import { plausibleRowCount } from './plausible';
import type { ReaderOptions } from './reader-options';
import type { DataPreview } from './types';

// Loaded on first use: only a process that reads an Arrow file pays for apache-arrow's start-up.
const arrow = (): typeof Arrow => require('apache-arrow');
const arrowFile = (): typeof ArrowFile => require('apache-arrow/ipc/metadata/file');

const CONTINUATION = 0xffffffff;
const MAX_METADATA = 64 * 1024 * 1024;
/** Headers looked at for the row count; past this the count is left unknown. */
const MAX_HEADERS = 20_000;
const FILE_MAGIC = 'ARROW1';
const EOS = Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]);

/** Collects what the preview needs while messages are visited in order. */
class Collector {
  readonly kept: Buffer[] = [];
  readonly warnings: string[] = [];
  sawSchema = false;
  totalRows = 0;
  private keptRows = 0;
  private wantBodies: boolean;
  /** Expected header size: batches of one file have near-identical headers, so one read usually gets it all. */
  private guess = 1024;

  constructor(private readonly file: BoundedFile, private readonly maxRows: number) {
    this.wantBodies = maxRows > 0;
  }

  addSchema(meta: Uint8Array): void {
    this.sawSchema = true;
    this.kept.push(frame(meta));
  }

  /** Visits the message at `pos`; returns the position after it. */
  async visit(pos: number): Promise<number | undefined> {
    const file = this.file;
    const framed = await readFramed(file, pos, this.guess);
    if (!framed) return undefined;
    const { headerBytes, meta } = framed;
    this.guess = meta.length;
    const peek = peekMessage(meta, file.path);
    const bodyLen = peek.bodyLength;
    const bodyAt = pos + headerBytes + meta.length;
    if (bodyAt + bodyLen > file.size) throw new DataReadError('invalid', `${file.path} looks truncated: an Arrow message runs past the end of the file.`);
    if (peek.headerType === MESSAGE_SCHEMA) {
      if (!this.sawSchema) {
        checkMessageBounds(meta, file.path);
        this.addSchema(meta);
      }
    } else if (!this.sawSchema) {
      throw new DataReadError('invalid', `${file.path} is not a valid Arrow stream: it does not start with a schema.`);
    } else if (peek.headerType === MESSAGE_DICTIONARY) {
      if (this.wantBodies) {
        checkMessageBounds(meta, file.path);
        this.kept.push(frame(meta), await file.readExact(bodyAt, bodyLen, 'an Arrow dictionary'));
      }
    } else if (peek.headerType === MESSAGE_RECORD_BATCH) {
      this.totalRows += peek.rows;
      if (this.wantBodies) {
        if (bodyLen > file.remaining) {
          this.warnings.push(`${file.path}: the first record batch is ${formatBytes(bodyLen)}, over the ${formatBytes(file.budget)} preview limit; rows are not shown.`);
          this.wantBodies = false;
        } else {
          checkMessageBounds(meta, file.path);
          this.kept.push(frame(meta), await file.readExact(bodyAt, bodyLen, 'an Arrow record batch'));
          this.keptRows += peek.rows;
          if (this.keptRows >= this.maxRows) this.wantBodies = false;
        }
      }
    }
    return bodyAt + bodyLen;
  }
}

export async function readArrowFile(file: BoundedFile, isFileFormat: boolean, opts: ReaderOptions): Promise<DataPreview> {
  const c = new Collector(file, opts.maxRows);
  let countComplete = false;
  try {
    countComplete = isFileFormat ? await walkFileFormat(file, c) : await walkStream(file, c, 0);
  } catch (err) {
    if (!c.sawSchema || !(err instanceof DataReadError) || err.code === 'cancelled') throw err;
    c.warnings.push(err instanceof BudgetExceededError ? err.message : `${err.message} The row count is unknown.`);
    countComplete = false;
  }
  if (!c.sawSchema) throw new DataReadError('invalid', `${file.path} is not a valid Arrow file: it holds no schema.`);
  const { columns, rows } = decode(file.path, c.kept, opts.maxRows, c.warnings);
  if (countComplete && !plausibleRowCount(c.totalRows, file.size)) {
    c.warnings.push(`${file.path} looks corrupt: its record batches claim ${c.totalRows} rows, which a ${formatBytes(file.size)} file cannot hold; the row count is unknown.`);
    countComplete = false;
  }
  return { columns, rows, files: [file.path], warnings: c.warnings, ...(countComplete ? { rowCount: c.totalRows } : {}) };
}

/** Walks length-prefixed messages from `start`; true when the end was reached (count complete). */
async function walkStream(file: BoundedFile, c: Collector, start: number): Promise<boolean> {
  let pos: number | undefined = start;
  for (let n = 0; n < MAX_HEADERS; n++) {
    pos = await c.visit(pos);
    if (pos === undefined) return true;
  }
  return false;
}

/**
 * The file format: the schema and the message blocks come from the footer (some writers put no
 * schema message in the body). A file cut before its footer is read as a stream, which works
 * when the writer did put the schema first (pyarrow does).
 */
async function walkFileFormat(file: BoundedFile, c: Collector): Promise<boolean> {
  const footer = await readFooter(file);
  if (!footer) {
    c.warnings.push(`${file.path} has no Arrow file footer (truncated?); it was read as a stream.`);
    await walkStream(file, c, 8);
    return false;
  }
  c.addSchema(arrow().Message.encode(arrow().Message.from(footer.schema)));
  for (const block of footer.dictionaryBatches()) await c.visit(Number(block.offset));
  let n = 0;
  for (const block of footer.recordBatches()) {
    if (n++ >= MAX_HEADERS) return false;
    await c.visit(Number(block.offset));
  }
  return true;
}

async function readFooter(file: BoundedFile): Promise<InstanceType<typeof ArrowFile.Footer> | undefined> {
  if (file.size < 8 + 10) return undefined;
  const tail = await file.read(file.size - 10, 10);
  if (tail.subarray(4).toString('latin1') !== FILE_MAGIC) return undefined;
  const len = tail.readInt32LE(0);
  if (len <= 0 || len > MAX_METADATA || len > file.size - 18) {
    throw new DataReadError('invalid', `${file.path} looks corrupt: its Arrow footer claims ${len} bytes.`);
  }
  const bytes = await file.readExact(file.size - 10 - len, len, 'the Arrow footer');
  checkFooterBounds(bytes, file.path);
  try {
    return arrowFile().Footer.decode(bytes);
  } catch (err) {
    throw new DataReadError('invalid', `${file.path} looks corrupt: its Arrow footer cannot be decoded (${(err as Error).message}).`);
  }
}

/**
 * The message header at `pos` (its framing size and metadata bytes), or undefined at an
 * end-of-stream marker / end of file. Reads the prefix and `guess` bytes of metadata at once.
 */
async function readFramed(file: BoundedFile, pos: number, guess: number): Promise<{ headerBytes: number; meta: Buffer } | undefined> {
  if (pos >= file.size) return undefined;
  const head = file.readSmall(pos, 8 + Math.min(guess, 64 * 1024 - 8));
  if (head.length < 4) throw new DataReadError('invalid', `${file.path} looks truncated: it ends inside an Arrow message.`);
  const first = head.readUInt32LE(0);
  let headerBytes = 4; // before Arrow 0.15: no continuation marker
  let metaLen = first | 0;
  if (first === CONTINUATION) {
    if (head.length < 8) throw new DataReadError('invalid', `${file.path} looks truncated: it ends inside an Arrow message.`);
    headerBytes = 8;
    metaLen = head.readInt32LE(4);
  }
  if (metaLen === 0) return undefined;
  if (metaLen < 0 || metaLen > MAX_METADATA) {
    throw new DataReadError('invalid', `${file.path} looks corrupt: an Arrow message header claims ${metaLen} bytes.`);
  }
  if (headerBytes + metaLen <= head.length) return { headerBytes, meta: head.subarray(headerBytes, headerBytes + metaLen) };
  return { headerBytes, meta: await file.readExact(pos + headerBytes, metaLen, 'an Arrow message header') };
}

/** Continuation + length + metadata padded to 8 bytes, so bodies stay aligned once re-framed. */
function frame(meta: Uint8Array): Buffer {
  const padded = Math.ceil(meta.length / 8) * 8;
  const out = Buffer.alloc(8 + padded);
  out.writeUInt32LE(CONTINUATION, 0);
  out.writeInt32LE(padded, 4);
  out.set(meta, 8);
  return out;
}

/** Decodes the kept messages as a small IPC stream. */
function decode(path: string, kept: Buffer[], maxRows: number, warnings: string[]): Pick<DataPreview, 'columns' | 'rows'> {
  const reader = arrow().RecordBatchReader.from(Buffer.concat([...kept, EOS]));
  let columns;
  try {
    reader.open();
    columns = columnsOfArrowSchema(reader.schema);
  } catch (err) {
    throw new DataReadError('invalid', `${path} looks corrupt: its Arrow schema cannot be read (${(err as Error).message}).`);
  }
  const rows: Record<string, unknown>[] = [];
  const ctx = newJsonSafeContext();
  try {
    for (const batch of reader) {
      for (let i = 0; i < batch.numRows && rows.length < maxRows; i++) {
        const row: Record<string, unknown> = {};
        batch.schema.fields.forEach((f, c) => {
          row[f.name] = batch.getChildAt(c)?.get(i);
        });
        rows.push(rowToJsonSafe(row, ctx));
      }
      if (rows.length >= maxRows) break;
    }
  } catch (err) {
    warnings.push(`${path}: rows could not be decoded (${(err as Error).message}); only the columns are shown.`);
    rows.length = 0;
  }
  if (ctx.truncated) warnings.push(truncationWarning(path));
  return { columns, rows };
}
