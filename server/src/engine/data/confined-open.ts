/**
 * Confinement by file descriptor: a file is opened first, and the access policy is then checked
 * against the file that was actually opened, so there is no window between "check this path" and
 * "read this path" in which a symbolic link can be swapped to point outside the workspace.
 *
 * The opened file's real path comes from the kernel (`/proc/self/fd/N` on Linux). Where that is
 * not available, the path is resolved with `realpath` after opening and the resolved file must be
 * the very inode that was opened (same device and inode number), else the read is refused.
 *
 * Every read of a data file and of the metadata next to it (`dataset_info.json`,
 * `dataset_dict.json`, `state.json`, a cache's `refs/main`) goes through `openRegularFile`.
 */
import { constants } from 'node:fs';
import { open, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isInside } from './access';
import { DataReadError } from './failure';
import type { AccessPolicy } from './types';

export interface OpenedFile {
  handle: FileHandle;
  size: number;
  /** The real path of the file that was opened (only computed when a policy was checked). */
  realPath?: string;
}

/**
 * Opens `path` read-only without blocking (a FIFO swapped in cannot hang us), refuses anything
 * that is not a regular file, and, when `access` is given, refuses a file whose real path is
 * outside the policy's roots. Throws `DataReadError` (or the fs error for a missing file).
 */
export async function openRegularFile(path: string, access?: AccessPolicy): Promise<OpenedFile> {
  if (access?.trusted === false) throw new DataReadError('not-allowed', `Data files are not read in an untrusted workspace (${path}).`);
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const st = await handle.stat();
    if (st.isDirectory()) throw new DataReadError('invalid', `${path} is a folder, not a data file.`);
    if (!st.isFile()) throw new DataReadError('invalid', `${path} is not a regular file.`);
    if (!access) return { handle, size: st.size };
    const realPath = await openedRealPath(handle, path, st);
    if (!(await insideRoots(realPath, access))) {
      throw new DataReadError('not-allowed', `${path} is outside the workspace folders and the Hugging Face cache, so it is not read.`);
    }
    return { handle, size: st.size, realPath };
  } catch (err) {
    await handle.close().catch(() => undefined);
    throw err;
  }
}

/** The real path of the open file, as the kernel sees it. */
async function openedRealPath(handle: FileHandle, path: string, st: { dev: number; ino: number }): Promise<string> {
  const fromKernel = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => undefined);
  if (fromKernel && fromKernel.startsWith('/') && !fromKernel.endsWith(' (deleted)')) return fromKernel;
  // No /proc (macOS, Windows): resolve the name, and insist it still names the opened inode.
  const real = await realpath(resolve(path));
  const again = await stat(real);
  if (again.dev !== st.dev || again.ino !== st.ino) {
    throw new DataReadError('not-allowed', `${path} changed while it was being opened, so it is not read.`);
  }
  return real;
}

async function insideRoots(realPath: string, access: AccessPolicy): Promise<boolean> {
  for (const root of [...access.workspaceRoots, ...access.hfCacheRoots]) {
    const r = await realpath(resolve(root)).catch(() => undefined);
    if (r && isInside(r, realPath)) return true;
  }
  return false;
}

/**
 * The whole text of a small metadata file (at most `maxBytes`), read through `openRegularFile`;
 * undefined when it is missing, not a regular file, too large, outside the policy or unreadable.
 */
export async function readSmallText(path: string, maxBytes: number, access?: AccessPolicy): Promise<string | undefined> {
  let opened: OpenedFile | undefined;
  try {
    opened = await openRegularFile(path, access);
    if (opened.size > maxBytes) return undefined;
    const buf = Buffer.alloc(opened.size);
    let got = 0;
    while (got < buf.length) {
      const { bytesRead } = await opened.handle.read(buf, got, buf.length - got, got);
      if (bytesRead === 0) break;
      got += bytesRead;
    }
    return buf.subarray(0, got).toString('utf8');
  } catch {
    return undefined;
  } finally {
    await opened?.handle.close().catch(() => undefined);
  }
}

/** `readSmallText` parsed as JSON; undefined on any failure. */
export async function readSmallJson<T>(path: string, maxBytes: number, access?: AccessPolicy): Promise<T | undefined> {
  const text = await readSmallText(path, maxBytes, access);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as T;
  } catch {
    return undefined;
  }
}
