/**
 * Reading and writing the files `check` and `fix` work on, so a fix never loses a byte:
 *
 * - Only regular files are read: the file is opened without blocking, then `fstat`ed (a FIFO,
 *   device or socket named on the command line is skipped, never waited on).
 * - Python source is decoded as Python does (PEP 263 coding cookie, UTF-8 BOM, UTF-8 default) and
 *   written back in the same encoding, BOM and line endings. A file that would not round-trip
 *   (bytes that are not valid in its encoding, or a fix inserting characters it cannot hold) is
 *   refused with a message, never written with U+FFFD.
 * - Writes are atomic (a temporary file in the same folder with the same mode, then rename) and
 *   skipped when the file changed since it was read (size, mtime or content hash).
 */
import { chmodSync, closeSync, constants, fstatSync, fsyncSync, openSync, readFileSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file that was not read, with the reason in plain words. */
export class Skipped extends Error {}

export interface ReadFile { path: string; bytes: Buffer; stat: Stats }

/** node:crypto loads only when a fix is written (it costs every `check` ~10 ms of start-up otherwise). */
const crypto = () => require('node:crypto') as typeof import('node:crypto');
const hashOf = (b: Buffer) => crypto().createHash('sha256').update(b).digest('hex');

/** What a path is, in words (for messages about files that are not read). */
function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'not a regular file';
}

/** Reads a regular file whole (opened first, then checked through its descriptor). */
export function readRegularFile(path: string, maxBytes: number): ReadFile {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Skipped('no such file');
    if (code === 'EACCES' || code === 'EPERM') throw new Skipped('permission denied');
    if (code === 'ENXIO') throw new Skipped('a socket, not a regular file: skipped');
    throw new Skipped((e as Error).message);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new Skipped(`${kindOf(stat)}, not a regular file: skipped`);
    if (stat.size > maxBytes) throw new Skipped(`${(stat.size / 1024 / 1024).toFixed(0)} MB, larger than the ${maxBytes / 1024 / 1024} MB limit: skipped`);
    const bytes = readFileSync(fd);
    return { path, bytes, stat };
  } catch (e) {
    if (e instanceof Skipped) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new Skipped(code === 'EISDIR' ? 'a directory: skipped' : (e as Error).message);
  } finally {
    closeSync(fd);
  }
}

export interface Encoding {
  /** Python's name for it: utf-8, latin-1 or ascii (the ones `fix` can write), or the cookie's. */
  name: string;
  bom: boolean;
  /** Decoding lost nothing: encoding the text again gives the same bytes. */
  exact: boolean;
  /** Why `fix` will not write the file (undefined: it can). */
  refusal?: string;
}

/** PEP 263: `coding[:=]name` in a comment on line 1 or 2 (line 2 only when line 1 is a comment or blank). */
function codingCookie(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 1024).toString('latin1').split(/\r\n|\r|\n/, 2);
  for (let i = 0; i < head.length; i++) {
    const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(head[i]);
    if (m) return m[1].toLowerCase();
    if (!/^[ \t\f]*(#.*)?$/.test(head[i])) return undefined;
  }
  return undefined;
}

function normalise(name: string): string {
  const n = name.toLowerCase().replace(/_/g, '-');
  if (/^(utf-?8|utf-8-sig)(-.*)?$/.test(n)) return 'utf-8';
  if (/^(latin-?1|iso-?8859-1|iso8859-1|l1|cp819|8859)$/.test(n)) return 'latin-1';
  if (/^(ascii|us-ascii|646)$/.test(n)) return 'ascii';
  return n;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes Python source bytes as Python would. */
export function decodePython(bytes: Buffer): { text: string; encoding: Encoding } {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  const cookie = codingCookie(body);
  const name = cookie ? normalise(cookie) : 'utf-8';
  if (name === 'utf-8') {
    try {
      return { text: utf8.decode(body), encoding: { name, bom, exact: true } };
    } catch {
      return {
        text: body.toString('utf8'),
        encoding: { name, bom, exact: false, refusal: `not valid UTF-8${cookie ? '' : ' and no coding cookie names another encoding'} (Python would not run it either)` },
      };
    }
  }
  if (name === 'latin-1') return { text: body.toString('latin1'), encoding: { name, bom, exact: true } };
  if (name === 'ascii') {
    const exact = body.every((b) => b < 0x80);
    return { text: body.toString('latin1'), encoding: { name, bom, exact, refusal: exact ? undefined : 'bytes above 127 in a file declared ASCII' } };
  }
  // Another cookie (cp1252, shift_jis, …): linted as best we can, never written.
  let text: string;
  try { text = new TextDecoder(name).decode(body); } catch { text = body.toString('latin1'); }
  return { text, encoding: { name, bom, exact: false, refusal: `its coding cookie names ${cookie}; trainlint fix writes only UTF-8, Latin-1 and ASCII files` } };
}

/** The bytes of `text` in `encoding`; throws a message when it cannot hold the text. */
export function encodePython(text: string, encoding: Encoding): Buffer {
  if (encoding.refusal) throw new Skipped(encoding.refusal);
  let body: Buffer;
  if (encoding.name === 'utf-8') body = Buffer.from(text, 'utf8');
  else {
    const limit = encoding.name === 'ascii' ? 0x7f : 0xff;
    const bad = [...text].find((c) => c.codePointAt(0)! > limit);
    if (bad) throw new Skipped(`the fix would insert "${bad}", which ${encoding.name} cannot hold`);
    body = Buffer.from(text, 'latin1');
  }
  const out = encoding.bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
  // Round trip: what Python reads back must be the text.
  const back = decodePython(out);
  if (back.text !== text) throw new Skipped('the fixed text would not read back the same: not written');
  return out;
}

/**
 * Replaces the file with `bytes` atomically, unless it changed since `read` (then throws Skipped).
 * A symlink is followed: its target is replaced, the link kept.
 */
export function writeAtomically(read: ReadFile, bytes: Buffer): void {
  const target = realpathSync(read.path);
  const now = statSync(target);
  const unchanged = now.size === read.stat.size && now.mtimeMs === read.stat.mtimeMs && now.ino === read.stat.ino
    && hashOf(readRegularFile(target, Math.max(now.size, 1)).bytes) === hashOf(read.bytes);
  if (!unchanged) throw new Skipped('changed on disk since it was read: not written (run trainlint fix again)');
  const temp = join(dirname(target), `.${basename(target)}.trainlint-${process.pid}-${crypto().randomBytes(4).toString('hex')}.tmp`);
  const mode = read.stat.mode & 0o7777;
  const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode);
  try {
    try {
      for (let off = 0; off < bytes.length;) off += writeSync(fd, bytes, off, bytes.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, mode); // the umask may have narrowed it
    renameSync(temp, target);
  } catch (e) {
    try { unlinkSync(temp); } catch { /* already gone */ }
    throw e;
  }
}
