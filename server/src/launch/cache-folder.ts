/**
 * trainlint's derived caches on the user's disk (compiled code, tokenizer tables): where they live, and how a
 * folder of them is kept from growing for good. Every cache file is derived: removing one only means making it again.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';

/** `~/.cache/trainlint/NAME` (or `$XDG_CACHE_HOME/trainlint/NAME`; the temporary folder without a home). */
export function trainlintCacheDir(name: string): string {
  const base = process.env.XDG_CACHE_HOME || (homedir() ? join(homedir(), '.cache') : tmpdir());
  return join(base, 'trainlint', name);
}

/** A cache file nobody used for this long belongs to an install or a source that is gone. */
const UNUSED_MS = 30 * 86_400_000;
/** A temporary file older than this is a killed writer's. */
const STALE_TMP_MS = 60_000;

export interface PruneOptions {
  /** The file just written: never removed. */
  keep: string;
  /** Cache files (`.bin`) removed whatever their age (e.g. earlier builds of the same bundle). */
  drop?: (name: string) => boolean;
  /** Past this many bytes in all, the least recently used go. */
  maxBytes?: number;
  now?: number;
}

/**
 * After a write: removes killed writers' temporary files, cache files `drop` names, cache files unused (by their
 * modification time, which a use refreshes) for 30 days, then the least recently used past `maxBytes`.
 */
export function pruneCacheFolder(folder: string, { keep, drop, maxBytes = Infinity, now = Date.now() }: PruneOptions): void {
  const files: Array<{ path: string; size: number; used: number }> = [];
  for (const f of readdirSync(folder)) {
    const path = join(folder, f);
    try {
      const st = statSync(path);
      if (f.endsWith('.tmp')) { if (now - st.mtimeMs > STALE_TMP_MS) rmSync(path, { force: true }); continue; }
      if (!f.endsWith('.bin') || path === keep) continue;
      if (drop?.(f) || now - st.mtimeMs > UNUSED_MS) { rmSync(path, { force: true }); continue; }
      files.push({ path, size: st.size, used: st.mtimeMs });
    } catch { /* another process's, or gone meanwhile */ }
  }
  if (maxBytes === Infinity) return;
  let total = files.reduce((a, f) => a + f.size, 0);
  try { total += statSync(keep).size; } catch { /* not written */ }
  for (const f of files.sort((a, b) => a.used - b.used)) {
    if (total <= maxBytes) break;
    try { rmSync(f.path, { force: true }); total -= f.size; } catch { /* another process's */ }
  }
}
