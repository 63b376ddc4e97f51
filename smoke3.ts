import { readFileSync } from 'node:fs';
import { Message } from 'apache-arrow';
import { Footer } from 'apache-arrow/ipc/metadata/file';
const b = readFileSync('/tmp/chatf.arrow');
const flen = b.readInt32LE(b.length - 10);
const f = Footer.decode(b.subarray(b.length - 10 - flen, b.length - 10));
console.log(f.numRecordBatches, f.numDictionaries, [...f.recordBatches()].map(x => [x.offset, x.metaDataLength, x.bodyLength]), f.schema.fields.length, f.schema.metadata);
const enc = Message.encode(Message.from(f.schema));
console.log(enc.length, Message.decode(enc).isSchema());
