/**
 * A derived cache of BPE tables (bpe-tables.ts) on disk: after a `tokenizer.json` was scanned once, its
 * tables are written to `~/.cache/trainlint/tokenizers/` (or `$XDG_CACHE_HOME/trainlint/tokenizers/`)
 * and the next load reads them instead of scanning the file again (Gemma 3: ~0.25 s instead of ~0.55 s
 * of CPU). One file per tokenizer file (named by a hash of its real path), valid for that file's size and
 * mtime; it holds the file's tables, not the library's objects, so it does not depend on the library's
 * version (the library is given the tables at each load). A missing, stale, damaged or unreadable cache
 * file only means scanning the tokenizer file again, and rewriting it. A read marks its file used; each write
 * removes cache files unused for `UNUSED_DAYS` and, past `MAX_CACHE_BYTES` in all, the least recently used
 * (a tokenizer of a revision since deleted from the Hugging Face cache leaves its file behind).
 */
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile, realpath, stat, utimes } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BpeJson } from './bpe-tables';
import { deserializeBpe, serializeBpe, type BpeSource } from './bpe-cache-format';

/** The default cache folder; `TRAINLINT_NO_TOKENIZER_CACHE` turns the cache off. */
export function defaultBpeCacheDir(): string | undefined {
  if (process.env.TRAINLINT_NO_TOKENIZER_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'trainlint', 'tokenizers');
}

export interface CachedSource {
  /** The cache file for this tokenizer file. */
  file: string;
  source: BpeSource;
}

/** Where the cache of `tokenizerJson` is and the identity it must match; undefined when the file cannot be stat'ed. */
export async function cacheEntry(tokenizerJson: string, cacheDir: string): Promise<CachedSource | undefined> {
  try {
    const real = await realpath(tokenizerJson);
    const st = await stat(real);
    // node:crypto on first use: loading it costs every start of the CLI ~6 ms, and most runs load no tokenizer.
    const name = (require('node:crypto') as typeof import('node:crypto')).createHash('sha256').update(real).digest('hex').slice(0, 24);
    return { file: join(cacheDir, `${name}.bin`), source: { size: st.size, mtimeMs: st.mtimeMs } };
  } catch {
    return undefined;
  }
}

/** The tables from the cache, or undefined (no cache file, another version of the source, damaged). */
export async function readBpeCache(entry: CachedSource): Promise<BpeJson | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(entry.file);
  } catch {
    return undefined;
  }
  const tables = deserializeBpe(bytes, entry.source);
  if (tables) { const now = new Date(); utimes(entry.file, now, now).catch(() => undefined); } // used: kept longest
  return tables;
}

const UNUSED_DAYS = 30;
/** A dozen of the largest tokenizers' tables (Gemma 3's are 31 MB). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

/** Removes cache files unused for `UNUSED_DAYS`, then the least recently used past `maxBytes`, never `keep`. */
export function pruneBpeCache(folder: string, keep: string, maxBytes = MAX_CACHE_BYTES, now = Date.now()): void {
  const files: Array<{ path: string; size: number; used: number }> = [];
  for (const f of readdirSync(folder)) {
    const path = join(folder, f);
    try {
      const st = statSync(path);
      // Temporary files of writers that were killed mid-write.
      if (f.endsWith('.tmp')) { if (now - st.mtimeMs > STALE_TMP_MS) rmSync(path, { force: true }); continue; }
      if (!f.endsWith('.bin') || path === keep) continue;
      if (now - st.mtimeMs > UNUSED_DAYS * 86_400_000) { rmSync(path, { force: true }); continue; }
      files.push({ path, size: st.size, used: st.mtimeMs });
    } catch { /* another process's, or gone meanwhile */ }
  }
  let total = files.reduce((a, f) => a + f.size, 0);
  try { total += statSync(keep).size; } catch { /* not written */ }
  for (const f of files.sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    try { rmSync(f.path, { force: true }); total -= f.size; } catch { /* another process's */ }
  }
}

const pending = new Set<Promise<void>>();
const STALE_TMP_MS = 60_000;

/** Write the cache file now (synchronously: a process that exits meanwhile leaves no half-written file). */
function writeNow(entry: CachedSource, json: BpeJson): void {
  const folder = dirname(entry.file);
  const tmp = `${entry.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(tmp, serializeBpe(json, entry.source));
    renameSync(tmp, entry.file);
    pruneBpeCache(folder, entry.file);
  } catch {
    try { rmSync(tmp, { force: true }); } catch { /* nothing to remove */ }
  }
}

/**
 * Write the cache a moment later (after the preview that waited for the load is answered); failures are
 * ignored. Written to a temporary file and renamed, so a reader never sees half a file.
 */
export function writeBpeCacheLater(entry: CachedSource, json: BpeJson): void {
  const done = new Promise<void>((resolve) => {
    setTimeout(() => {
      writeNow(entry, json);
      pending.delete(done);
      resolve();
    }, 50).unref?.();
  });
  pending.add(done);
}

/** Wait for the cache writes started so far (tests, benchmarks). */
export async function bpeCacheWritesDone(): Promise<void> {
  await Promise.all([...pending]);
}
