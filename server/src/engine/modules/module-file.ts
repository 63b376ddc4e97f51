/**
 * Reading the Python files of a script's own project: where the project starts, and a module's text
 * under the same confinement the data readers use (`data/confined-open.ts`): the file is opened first,
 * then the opened file's real path must lie inside the allowed roots; only regular files, only small ones,
 * never in an untrusted workspace. Synchronous: module files are small and read off the diagnostics path
 * (`project-modules.ts`), and a chain of imports is followed in one go.
 */
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** A module file larger than this is not read (a config module is a few KB). */
export const MAX_MODULE_BYTES = 512 * 1024;

/** What marks the top of a Python project. */
const PROJECT_MARKERS = ['pyproject.toml', 'setup.py', 'setup.cfg', '.git', 'trainlint.toml'];

export interface ModuleAccess {
  /** Folders module files may be read from (the workspace folders; the CLI's working folder). */
  roots: string[];
  trusted: boolean;
}

/**
 * Whether the real path `real` lies in (or is) one of `roots` once they are resolved. The roots' real paths are kept
 * per roots list for a moment: one lint reads many modules against the same roots (the CLI's are one per project
 * checked, hundreds on a large folder), and resolving and comparing each root for each file read was a tenth of a
 * corpus run; `real`'s ancestors are looked up instead. A root whose link is retargeted is resolved again after
 * ROOT_TTL_MS.
 */
function insideRealRoots(real: string, roots: readonly string[]): boolean {
  const now = performance.now();
  let known = realRootSets.get(roots);
  if (!known || now - known.at >= ROOT_TTL_MS) {
    const set = new Set<string>();
    for (const r of roots) {
      let root = realRoots.get(r);
      if (!root || now - root.at >= ROOT_TTL_MS) {
        let resolved: string | undefined;
        try { resolved = realpathSync.native(resolve(r)); } catch { resolved = undefined; } // a root that is gone allows nothing
        if (realRoots.size >= 4096) realRoots.clear();
        realRoots.set(r, (root = { real: resolved, at: now }));
      }
      if (root.real !== undefined) set.add(root.real);
    }
    realRootSets.set(roots, (known = { set, at: now }));
  }
  return innermostIn(real, known.set) !== undefined;
}
const realRoots = new Map<string, { real: string | undefined; at: number }>();
const realRootSets = new WeakMap<readonly string[], { set: Set<string>; at: number }>();
const ROOT_TTL_MS = 2000;

/** A file's identity for caches: same path, size and mtime means the same text. */
export interface FileStamp { path: string; size: number; mtimeMs: number }

/**
 * The project a file belongs to: the nearest folder at or above `dir` holding a project marker, not above
 * the root (workspace folder) holding it; else that root; else `dir` itself.
 */
export function projectRoot(dir: string, roots: readonly string[], exists: (p: string) => boolean = existsQuiet): string {
  const top = deepestRoot(dir, roots);
  for (let d = dir; ; d = dirname(d)) {
    if (PROJECT_MARKERS.some((m) => exists(join(d, m)))) return d;
    if ((top && resolve(d) === top) || dirname(d) === d) break;
  }
  return top ?? dir;
}

/**
 * The innermost of `roots` (resolved) that holds `dir`, found by walking up from `dir`: the CLI has one root per
 * project checked (hundreds on a large folder), and this runs for every folder a lookup starts from.
 */
function deepestRoot(dir: string, roots: readonly string[]): string | undefined {
  if (roots.length === 0) return undefined;
  let set = resolvedRoots.get(roots);
  if (!set) resolvedRoots.set(roots, (set = new Set(roots.map((r) => resolve(r)))));
  return innermostIn(resolve(dir), set);
}
const resolvedRoots = new WeakMap<readonly string[], Set<string>>();

/** The nearest of `path` and its ancestors that is in `folders` (absolute, normalised paths). */
function innermostIn(path: string, folders: ReadonlySet<string>): string | undefined {
  for (let d = path; ; d = dirname(d)) {
    if (folders.has(d)) return d;
    if (dirname(d) === d) return undefined;
  }
}

/** Whether `dir` holds a project marker (`pyproject.toml`, `setup.py`, `setup.cfg`, `.git`, `trainlint.toml`). */
export function hasProjectMarker(dir: string, exists: (p: string) => boolean = existsQuiet): boolean {
  return PROJECT_MARKERS.some((m) => exists(join(dir, m)));
}

/**
 * The folder Python is run from for a package `dir` belongs to: the parent of the topmost folder above `dir` that
 * holds an `__init__.py` (`proj/src/training` with `src/__init__.py` and `src/training/__init__.py` → `proj`, where
 * `python -m src.training.train_sft` runs); `dir` itself when it is not a package.
 */
export function packageRoot(dir: string, exists: (p: string) => boolean = existsQuiet): string {
  let top = dir;
  for (let d = dir; exists(join(d, '__init__.py')) && dirname(d) !== d; d = dirname(d)) top = dirname(d);
  return top;
}

function existsQuiet(p: string): boolean {
  try { return statSync(p, { throwIfNoEntry: false }) !== undefined; } catch { return false; }
}

/** A regular file's stamp, or undefined (absent, a folder, unreadable). */
export function stampOf(path: string): FileStamp | undefined {
  try {
    // No exception for a missing file (most candidate paths are): an exception costs more than the stat.
    const st = statSync(path, { throwIfNoEntry: false });
    return st?.isFile() ? { path, size: st.size, mtimeMs: st.mtimeMs } : undefined;
  } catch { return undefined; }
}

/**
 * The text of a module file, read through its opened descriptor and confined to `access.roots`; undefined
 * when absent, not a regular file, too large, outside the roots, not UTF-8 text, or in an untrusted workspace.
 */
export function readModuleText(path: string, access: ModuleAccess): string | undefined {
  if (!access.trusted) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > MAX_MODULE_BYTES) return undefined;
    let real: string | undefined;
    try { real = readlinkSync(`/proc/self/fd/${fd}`); } catch { real = undefined; }
    if (!real || !real.startsWith('/') || real.endsWith(' (deleted)')) {
      real = realpathSync(resolve(path));
      const again = statSync(real);
      if (again.dev !== st.dev || again.ino !== st.ino) return undefined;
    }
    if (!insideRealRoots(real, access.roots)) return undefined;
    const buf = Buffer.alloc(st.size);
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, got);
      if (n === 0) break;
      got += n;
    }
    const text = buf.subarray(0, got).toString('utf8');
    return text.includes('\0') ? undefined : text.replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) try { closeSync(fd); } catch { /* already closed */ }
  }
}
