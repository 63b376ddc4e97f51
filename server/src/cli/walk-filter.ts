/**
 * What a folder walk leaves out, per the nearest config: `exclude` / `extend-exclude` globs (matching
 * the file or any folder above it, up to the config's folder) and, unless `respect-gitignore = false`,
 * what the .gitignore files of the git work tree ignore. A file named on the command line is always checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatches, loadConfigFor, type LintConfig } from '../engine/index';

export class WalkFilter {
  private readonly configs = new Map<string, LintConfig>();
  private readonly gitRoots = new Map<string, string | null>();
  private readonly gitignores = new Map<string, Ignore | null>();

  private config(dir: string): LintConfig {
    let c = this.configs.get(dir);
    if (!c) { c = loadConfigFor(dir).config; this.configs.set(dir, c); }
    return c;
  }

  private gitRoot(dir: string): string | undefined {
    if (this.gitRoots.has(dir)) return this.gitRoots.get(dir) ?? undefined;
    const up = dirname(dir);
    const root = existsSync(join(dir, '.git')) ? dir : up === dir ? undefined : this.gitRoot(up);
    this.gitRoots.set(dir, root ?? null);
    return root;
  }

  private gitignore(dir: string): Ignore | undefined {
    if (this.gitignores.has(dir)) return this.gitignores.get(dir) ?? undefined;
    let ig: Ignore | null = null;
    try { ig = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')); } catch { ig = null; }
    this.gitignores.set(dir, ig);
    return ig ?? undefined;
  }

  /** The .gitignore files from the work tree's root down to the file's folder, each on the path relative to it. */
  private ignoredByGit(file: string): boolean {
    const root = this.gitRoot(dirname(file));
    if (!root) return false;
    const rel = relative(root, file).split(sep);
    let ignored = false;
    for (let i = 0; i < rel.length; i++) {
      const dir = join(root, ...rel.slice(0, i));
      const ig = this.gitignore(dir);
      if (!ig) continue;
      const r = ig.test(rel.slice(i).join('/'));
      if (r.ignored) ignored = true;
      else if (r.unignored) ignored = false;
    }
    return ignored;
  }

  excluded(file: string): boolean {
    const c = this.config(dirname(file));
    const patterns = [...(c.exclude ?? []), ...(c.extendExclude ?? [])];
    if (patterns.length) {
      // The file, then each folder above it up to the config's folder.
      for (let p = file; ; p = dirname(p)) {
        if (patterns.some((x) => globMatches(x, p))) return true;
        if (!c.root || p === c.root || dirname(p) === p || relative(c.root, p).startsWith('..')) break;
      }
    }
    return c.respectGitignore !== false && this.ignoredByGit(file);
  }
}
