/**
 * Which rules run on which file: the project's configuration (config-file.ts reads and checks it)
 * combined with editor settings or the command line. One resolved shape for every front end.
 */
import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { resolveSelector } from './selectors';

/** A glob and the folder it is relative to (the config file's). */
export interface RootedPattern { pattern: string; root: string }

/** A problem in a config file: the file, the 0-based line, the key, and what to write instead. */
export interface ConfigProblem { file: string; line: number; key: string; message: string; /** The line's length (the range to underline). */ length?: number }

export interface LintConfig {
  /** Code prefixes to enable; empty means all. */
  select: string[];
  /** Code prefixes to disable (wins over select). */
  ignore: string[];
  /** `per-file-ignores`: codes ignored in the files a glob matches. */
  perFileIgnores?: Array<RootedPattern & { codes: string[] }>;
  /** `exclude` (replaces the defaults) and `extend-exclude`: files and folders a folder walk skips. */
  exclude?: RootedPattern[];
  extendExclude?: RootedPattern[];
  /** Skip what .gitignore files ignore when walking folders (default true). */
  respectGitignore?: boolean;
  /** The config file's folder. */
  root?: string;
  /** Where the config came from, for messages. */
  source?: string;
  /** What is wrong in the config files read (the valid rest still applies). */
  problems?: ConfigProblem[];
}

export const DEFAULT_CONFIG: LintConfig = { select: [], ignore: [] };

export function isRuleEnabled(config: LintConfig, code: string): boolean {
  const match = (p: string) => {
    const s = resolveSelector(p) ?? p.toUpperCase();
    return s === 'ALL' || code.startsWith(s);
  };
  if (config.ignore.some(match)) return false;
  return config.select.length === 0 || config.select.some(match);
}

const matchers = new Map<string, (path: string) => boolean>();

/** Does a glob (relative to its config file's folder) match `path`? A glob without `/` matches any file or folder name. */
export function globMatches(p: RootedPattern, path: string): boolean {
  const rel = relative(p.root, path).split(sep).join('/');
  if (rel.startsWith('../')) return false;
  let m = matchers.get(p.pattern);
  if (!m) {
    const glob = p.pattern.replace(/^\.\//, '').replace(/\/$/, '');
    m = picomatch(glob, { dot: true, basename: !glob.includes('/') });
    matchers.set(p.pattern, m);
  }
  return m(rel);
}

/** The config as it applies to one file: per-file-ignores that match it join `ignore`. */
export function configForFile(config: LintConfig, path: string): LintConfig {
  if (!config.perFileIgnores?.length) return config;
  const extra = config.perFileIgnores.filter((e) => globMatches(e, path)).flatMap((e) => e.codes);
  return extra.length ? { ...config, ignore: [...config.ignore, ...extra] } : config;
}

/** Editor settings refine the project file: their lists are added to it. */
export function mergeConfig(project: LintConfig, settings: Partial<LintConfig>): LintConfig {
  return {
    ...project,
    select: [...project.select, ...(settings.select ?? [])],
    ignore: [...project.ignore, ...(settings.ignore ?? [])],
  };
}
