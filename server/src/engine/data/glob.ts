/**
 * Glob expansion over node:fs (Node 20 has no fs.glob), with the subset `datasets` patterns use:
 * `*`, `?`, `[abc]` / `[a-z]` / `[!x]` within one path segment, and `**` for any depth.
 * Like `datasets`, hidden entries (`.x`, `__x`) are skipped unless the pattern names them.
 * Bounded: symlink loops are cut, and listing stops after `maxVisited` folders / `maxResults` files.
 */
import { readdir, stat } from 'node:fs/promises';
import { isAbsolute, join, parse as parsePath, sep } from 'node:path';

export interface GlobResult {
  files: string[];
  /** True when a bound stopped the walk early. */
  truncated: boolean;
}

export interface GlobOptions {
  maxResults?: number;
  maxVisited?: number;
  signal?: AbortSignal;
}

/** Whether `p` contains glob syntax. */
export function hasGlobMagic(p: string): boolean {
  return /[*?[]/.test(p);
}

/** A RegExp for one path segment (`*.json`, `train-[0-9]*`). */
export function segmentToRegExp(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) {
        re += '\\[';
        continue;
      }
      let body = segment.slice(i + 1, close);
      const negate = body.startsWith('!') || body.startsWith('^');
      if (negate) body = body.slice(1);
      re += `[${negate ? '^' : ''}${body.replace(/[\\\]]/g, '\\$&')}]`;
      i = close;
    } else re += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/** Splits an absolute pattern into the root and its segments, accepting `/` on every platform. */
function splitPattern(pattern: string): { root: string; segments: string[] } {
  const normalized = sep === '\\' ? pattern.replace(/\\/g, '/') : pattern;
  const { root } = parsePath(normalized);
  const segments = normalized.slice(root.length).split('/').filter((s) => s !== '' && s !== '.');
  return { root: root || '/', segments };
}

/** The folder an absolute pattern starts listing from (its literal prefix). */
export function globBase(pattern: string): string {
  const { root, segments } = splitPattern(pattern);
  let base = root;
  for (let i = 0; i < segments.length - 1 && !hasGlobMagic(segments[i]); i++) base = join(base, segments[i]);
  return base;
}

/** Expands an absolute pattern to the regular files it matches, sorted. */
export async function expandGlob(pattern: string, options: GlobOptions = {}): Promise<GlobResult> {
  if (!isAbsolute(pattern)) throw new Error(`glob pattern must be absolute: ${pattern}`);
  const maxResults = options.maxResults ?? 10_000;
  const maxVisited = options.maxVisited ?? 20_000;
  const { root, segments } = splitPattern(pattern);
  const found = new Set<string>();
  const visitedDirs = new Set<string>();
  let visited = 0;
  let truncated = false;

  // The literal prefix is a plain folder: start there.
  let start = 0;
  let base = root;
  while (start < segments.length - 1 && !hasGlobMagic(segments[start])) base = join(base, segments[start++]);

  const kindOf = async (p: string): Promise<'file' | 'dir' | undefined> => {
    try {
      const st = await stat(p);
      return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : undefined;
    } catch {
      return undefined; // broken link, loop, permission: not a match
    }
  };
  const list = async (dir: string, i: number): Promise<string[]> => {
    if (visited++ >= maxVisited) {
      truncated = true;
      return [];
    }
    try {
      const st = await stat(dir);
      const key = `${st.dev}:${st.ino}:${i}`;
      if (visitedDirs.has(key)) return []; // a symlink loop or a second path to the same folder
      visitedDirs.add(key);
      return (await readdir(dir)).sort();
    } catch {
      return [];
    }
  };
  const hidden = (name: string, seg: string) =>
    (name.startsWith('.') && !seg.startsWith('.')) || (name.startsWith('__') && !seg.startsWith('__'));

  const walk = async (dir: string, i: number): Promise<void> => {
    if (options.signal?.aborted || found.size >= maxResults) {
      if (found.size >= maxResults) truncated = true;
      return;
    }
    const seg = segments[i];
    const last = i === segments.length - 1;
    if (seg === '**') {
      if (last) {
        // `dir/**`: every file below.
        for (const name of await list(dir, i)) {
          if (hidden(name, '')) continue;
          const p = join(dir, name);
          const kind = await kindOf(p);
          if (kind === 'file') found.add(p);
          else if (kind === 'dir') await walk(p, i);
        }
        return;
      }
      await walk(dir, i + 1); // zero folders
      for (const name of await list(dir, i)) {
        if (hidden(name, '')) continue;
        const p = join(dir, name);
        if ((await kindOf(p)) === 'dir') await walk(p, i); // one more folder
      }
      return;
    }
    if (!hasGlobMagic(seg)) {
      const p = join(dir, seg);
      const kind = await kindOf(p);
      if (last && kind === 'file') found.add(p);
      else if (!last && kind === 'dir') await walk(p, i + 1);
      return;
    }
    const re = segmentToRegExp(seg);
    for (const name of await list(dir, i)) {
      if (!re.test(name) || hidden(name, seg)) continue;
      const p = join(dir, name);
      const kind = await kindOf(p);
      if (last && kind === 'file') found.add(p);
      else if (!last && kind === 'dir') await walk(p, i + 1);
    }
  };

  if (segments.length === 0) return { files: [], truncated: false };
  await walk(base, start);
  return { files: [...found].sort(), truncated };
}

/** Every regular file under `dir` (absolute paths, sorted), skipping hidden entries; bounded. */
export async function listFilesRecursive(dir: string, options: GlobOptions = {}): Promise<GlobResult> {
  const { files, truncated } = await expandGlob(join(dir, '**'), options);
  return { files, truncated };
}
