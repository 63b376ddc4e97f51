/**
 * Expands CLI paths into the Python scripts and notebooks to check. Directories are walked by their
 * real path with a visited set, so symlink loops (`loop -> .`, two links pointing at each other)
 * neither repeat files nor explode; a file reached through several links is checked once.
 * Only regular files are collected from a walk; a path named explicitly is always passed on (and
 * `lint-file` says in words why it is skipped when it is not a regular file).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Folders of environments, caches and build output. `unsloth_compiled_cache` is where Unsloth writes the trainers it
 * generates (unslothai/unsloth-zoo `unsloth_zoo/compiler.py`: `UNSLOTH_COMPILE_LOCATION` defaults to it, each file
 * headed "# Unsloth auto generated code"): library code that repositories often commit by accident
 * (Ranveersingh1113/RLVR-LLM-finetuning: 19 files, every one "reported" for Unsloth's own import order).
 */
const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'site-packages', '.mypy_cache', '.ruff_cache', '.tox', 'dist', 'build',
  'unsloth_compiled_cache']);

export function isScript(path: string): boolean {
  return path.endsWith('.py') || path.endsWith('.ipynb');
}

/** Files under the given paths; an explicitly named file is always included. Errors name the path. */
export function expandPaths(paths: string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  const seenDirs = new Set<string>();
  const seenFiles = new Set<string>();
  const real = (p: string) => { try { return realpathSync(p); } catch { return undefined; } };
  const add = (p: string) => {
    const key = real(p) ?? p;
    if (seenFiles.has(key)) return;
    seenFiles.add(key);
    files.push(p);
  };
  const walk = (dir: string, depth: number) => {
    const key = real(dir);
    if (!key || seenDirs.has(key) || depth > 64) return;
    seenDirs.add(key);
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (e) { errors.push(`${dir}: ${(e as NodeJS.ErrnoException).code === 'EACCES' ? 'permission denied' : (e as Error).message}`); return; }
    for (const n of names) {
      const p = join(dir, n);
      let st;
      try { st = statSync(p); } catch { continue; } // dangling link
      if (st.isDirectory()) { if (!SKIP_DIRS.has(n) && !n.startsWith('.')) walk(p, depth + 1); }
      else if (st.isFile() && isScript(n)) add(p);
    }
  };
  for (const raw of paths.length ? paths : ['.']) {
    const p = resolve(raw);
    let st;
    try { st = statSync(p); } catch { errors.push(`${raw}: no such file or directory`); continue; }
    if (st.isDirectory()) walk(p, 0);
    else add(p);
  }
  return { files, errors };
}

/** `trainlint check . | head -1`: a closed stdout ends the process quietly (no EPIPE stack trace). */
export function exitQuietlyOnClosedStdout(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
