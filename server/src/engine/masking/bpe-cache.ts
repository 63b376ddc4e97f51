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
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile, realpath, stat, utimes } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { BpeJson } from './bpe-tables';
import { deserializeBpe, serializeBpe, type BpeSource } from './bpe-cache-format';
import { pruneCacheFolder, trainlintCacheDir } from '../../launch/cache-folder';

/** The default cache folder; `TRAINLINT_NO_TOKENIZER_CACHE` turns the cache off. */
export function defaultBpeCacheDir(): string | undefined {
  return process.env.TRAINLINT_NO_TOKENIZER_CACHE ? undefined : trainlintCacheDir('tokenizers');
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

/** A dozen of the largest tokenizers' tables (Gemma 3's are 31 MB). */
const MAX_CACHE_BYTES = 512 * 1024 * 1024;

const pending = new Set<Promise<void>>();

/** Write the cache file now (synchronously: a process that exits meanwhile leaves no half-written file). */
function writeNow(entry: CachedSource, json: BpeJson): void {
  const folder = dirname(entry.file);
  const tmp = `${entry.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(folder, { recursive: true });
    writeFileSync(tmp, serializeBpe(json, entry.source));
    renameSync(tmp, entry.file);
    pruneCacheFolder(folder, { keep: entry.file, maxBytes: MAX_CACHE_BYTES });
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
