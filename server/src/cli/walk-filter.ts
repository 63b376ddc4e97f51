/**
 * What a folder walk leaves out, per the nearest config: `exclude` / `extend-exclude` globs (matching
 * the file or any folder above it, up to the config's folder) and, unless `respect-gitignore = false`,
 * what the .gitignore files of the git work tree ignore. The command line's `--exclude` (in place of every
 * config's `exclude`) and `--extend-exclude` (added) are globs relative to the current folder, as Ruff's are.
 * A file named on the command line is always checked.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { globMatches, loadConfigFor, type LintConfig } from '../engine/index';

/** The command line's exclusions (`--exclude` replaces the configs' `exclude`; `--extend-exclude` adds). */
export interface CommandLineExcludes { exclude?: string[]; extendExclude: string[] }

type Rooted = { pattern: string; root: string };

export class WalkFilter {
  private readonly cli: { exclude?: Rooted[]; extend: Rooted[]; root: string };

  constructor(excludes: CommandLineExcludes = { extendExclude: [] }, cwd = process.cwd()) {
    const rooted = (xs: string[]) => xs.map((pattern) => ({ pattern, root: cwd }));
    this.cli = { exclude: excludes.exclude && rooted(excludes.exclude), extend: rooted(excludes.extendExclude), root: cwd };
  }

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
    const patterns = [...(this.cli.exclude ? [] : c.exclude ?? []), ...(c.extendExclude ?? [])];
    if (patterns.length && matchesUpTo(patterns, file, c.root)) return true;
    const cli = [...(this.cli.exclude ?? []), ...this.cli.extend];
    if (cli.length && matchesUpTo(cli, file, this.cli.root)) return true;
    return c.respectGitignore !== false && this.ignoredByGit(file);
  }
}

/** Does a pattern match the file, or a folder above it up to `root` (the file alone without a root)? */
function matchesUpTo(patterns: readonly Rooted[], file: string, root: string | undefined): boolean {
  for (let p = file; ; p = dirname(p)) {
    if (patterns.some((x) => globMatches(x, p))) return true;
    if (!root || p === root || dirname(p) === p || relative(root, p).startsWith('..')) return false;
  }
}
