/** Expands CLI paths into the Python scripts and notebooks to check. */
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const SKIP_DIRS = new Set(['.git', 'node_modules', '.venv', 'venv', '__pycache__', 'site-packages', '.mypy_cache', '.ruff_cache', '.tox', 'dist', 'build']);

export function isScript(path: string): boolean {
  return path.endsWith('.py') || path.endsWith('.ipynb');
}

/** Files under the given paths; an explicitly named file is always included. Errors name the path. */
export function expandPaths(paths: string[]): { files: string[]; errors: string[] } {
  const files: string[] = [];
  const errors: string[] = [];
  const walk = (dir: string, depth: number) => {
    if (depth > 32) return;
    let names: string[];
    try { names = readdirSync(dir).sort(); } catch (e) { errors.push(`${dir}: ${(e as Error).message}`); return; }
    for (const n of names) {
      const p = join(dir, n);
      let st;
      try { st = statSync(p); } catch { continue; }
      if (st.isDirectory()) { if (!SKIP_DIRS.has(n) && !n.startsWith('.')) walk(p, depth + 1); }
      else if (st.isFile() && isScript(n)) files.push(p);
    }
  };
  for (const raw of paths.length ? paths : ['.']) {
    const p = resolve(raw);
    let st;
    try { st = statSync(p); } catch { errors.push(`${raw}: no such file or directory`); continue; }
    if (st.isDirectory()) walk(p, 0);
    else files.push(p);
  }
  return { files: [...new Set(files)], errors };
}
