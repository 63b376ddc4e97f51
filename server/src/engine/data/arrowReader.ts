/**
 * Arrow IPC, both the stream format (what `datasets` writes: `data-00000-of-00001.arrow`,
 * `NAME-train.arrow`) and the file format (`ARROW1` … footer, Feather v2).
 *
 * We walk the message headers ourselves (a few hundred bytes each), copy only the schema, the
 * dictionaries and the first record batches into a small buffer, and hand that to apache-arrow.
 * Bodies of later batches are never read; their headers give the row count.
 */
import { Message, RecordBatchReader } from 'apache-arrow';
import { columnsOfArrowSchema } from './arrowTypes';
import type { BoundedFile } from './boundedFile';
import { BudgetExceededError, DataReadError, formatBytes } from './failure';
import { rowToJsonSafe } from './jsonSafe';
import type { ReaderOptions } from './readerOptions';
import type { DataPreview } from './types';

const CONTINUATION = 0xffffffff;
const MAX_METADATA = 64 * 1024 * 1024;
/** Headers walked for the row count; past this the count is left unknown. */
const MAX_HEADERS = 20_000;
const FILE_MAGIC_PADDED = 8;

interface Framed {
  meta: Buffer;
  body?: Buffer;
}

export async function readArrowFile(file: BoundedFile, isFileFormat: boolean, opts: ReaderOptions): Promise<DataPreview> {
  const warnings: string[] = [];
  const kept: Framed[] = [];
  let pos = isFileFormat ? FILE_MAGIC_PADDED : 0;
  let sawSchema = false;
  let keptRows = 0;
  let totalRows = 0;
  let countComplete = false;
  let wantBodies = opts.maxRows > 0;
  let headers = 0;

  try {
    while (headers < MAX_HEADERS) {
      const framing = await readFraming(file, pos);
      if (!framing) {
        countComplete = true; // end-of-stream marker (or clean end of a stream file)
        break;
      }
      headers++;
      const { headerBytes, metaLen } = framing;
      const meta = await file.readExact(pos + headerBytes, metaLen, 'an Arrow message header');
      const msg = decodeMessage(file.path, meta);
      const bodyLen = msg.bodyLength;
      if (!sawSchema) {
        if (!msg.isSchema()) throw new DataReadError('invalid', `${file.path} is not a valid Arrow file: it does not start with a schema.`);
        sawSchema = true;
        kept.push({ meta: aligned(meta, headerBytes) });
      } else if (msg.isDictionaryBatch() && wantBodies) {
        kept.push({ meta: aligned(meta, headerBytes), body: await file.readExact(pos + headerBytes + metaLen, bodyLen, 'an Arrow dictionary') });
      } else if (msg.isRecordBatch()) {
        const rows = Number(msg.header().length);
        totalRows += rows;
        if (wantBodies && keptRows < opts.maxRows) {
          if (bodyLen > file.remaining) {
            warnings.push(`${file.path}: the first record batch is ${formatBytes(bodyLen)}, over the ${formatBytes(file.budget)} preview limit; rows are not shown.`);
            wantBodies = false;
          } else {
            kept.push({ meta: aligned(meta, headerBytes), body: await file.readExact(pos + headerBytes + metaLen, bodyLen, 'an Arrow record batch') });
            keptRows += rows;
          }
        }
        if (keptRows >= opts.maxRows) wantBodies = false;
      }
      pos += headerBytes + metaLen + bodyLen;
      if (pos > file.size) throw new DataReadError('invalid', `${file.path} looks truncated: an Arrow message runs past the end of the file.`);
    }
  } catch (err) {
    if (!sawSchema || !(err instanceof DataReadError)) throw err;
    if (err instanceof BudgetExceededError) warnings.push(err.message);
    else warnings.push(`${err.message} The row count is unknown.`);
    countComplete = false;
  }
  if (!sawSchema) throw new DataReadError('invalid', `${file.path} is not a valid Arrow file: it holds no schema.`);

  const { columns, rows } = decodeKept(file.path, kept, opts.maxRows, warnings);
  return { columns, rows, files: [file.path], warnings, ...(countComplete ? { rowCount: totalRows } : {}) };
}

/** The length prefix of the message at `pos`, or undefined at an end-of-stream marker / end of file. */
async function readFraming(file: BoundedFile, pos: number): Promise<{ headerBytes: number; metaLen: number } | undefined> {
  if (pos >= file.size) return undefined;
  const prefix = await file.read(pos, 8);
  if (prefix.length < 4) throw new DataReadError('invalid', `${file.path} looks truncated: it ends inside an Arrow message.`);
  const first = prefix.readUInt32LE(0);
  let headerBytes = 4;
  let metaLen = first | 0;
  if (first === CONTINUATION) {
    if (prefix.length < 8) throw new DataReadError('invalid', `${file.path} looks truncated: it ends inside an Arrow message.`);
    headerBytes = 8;
    metaLen = prefix.readInt32LE(4);
  }
  if (metaLen === 0) return undefined;
  if (metaLen < 0 || metaLen > MAX_METADATA) {
    throw new DataReadError('invalid', `${file.path} looks corrupt: an Arrow message header claims ${metaLen} bytes.`);
  }
  return { headerBytes, metaLen };
}

function decodeMessage(path: string, meta: Buffer): Message {
  try {
    return Message.decode(meta);
  } catch (err) {
    throw new DataReadError('invalid', `${path} looks corrupt: an Arrow message header cannot be decoded (${(err as Error).message}).`);
  }
}

/** Pre-0.15 framing (no continuation marker) re-padded so bodies stay 8-byte aligned once re-framed. */
function aligned(meta: Buffer, headerBytes: number): Buffer {
  return headerBytes === 8 ? meta : Buffer.concat([meta, Buffer.alloc(4)]);
}

/** Re-frames the kept messages as a small IPC stream and decodes it. */
function decodeKept(path: string, kept: Framed[], maxRows: number, warnings: string[]): Pick<DataPreview, 'columns' | 'rows'> {
  const parts: Buffer[] = [];
  for (const m of kept) {
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(CONTINUATION, 0);
    prefix.writeInt32LE(m.meta.length, 4);
    parts.push(prefix, m.meta);
    if (m.body) parts.push(m.body);
  }
  parts.push(Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  const reader = RecordBatchReader.from(Buffer.concat(parts));
  let columns;
  try {
    reader.open();
    columns = columnsOfArrowSchema(reader.schema);
  } catch (err) {
    throw new DataReadError('invalid', `${path} looks corrupt: its Arrow schema cannot be read (${(err as Error).message}).`);
  }
  const rows: Record<string, unknown>[] = [];
  try {
    for (const batch of reader) {
      for (let i = 0; i < batch.numRows && rows.length < maxRows; i++) {
        const row: Record<string, unknown> = {};
        batch.schema.fields.forEach((f, c) => {
          row[f.name] = batch.getChildAt(c)?.get(i);
        });
        rows.push(rowToJsonSafe(row));
      }
      if (rows.length >= maxRows) break;
    }
  } catch (err) {
    warnings.push(`${path}: rows could not be decoded (${(err as Error).message}); only the columns are shown.`);
    rows.length = 0;
  }
  return { columns, rows };
}
