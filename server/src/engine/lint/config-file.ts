/**
 * Project configuration files: `trainlint.toml` (top-level keys) or `[tool.trainlint]` in
 * `pyproject.toml`, the nearest above a script (trainlint.toml first in a folder), `extend` to
 * inherit from another file. Every key is checked: unknown keys, wrong types and selectors that match
 * no rule are problems naming the file, the line, the key and the closest valid spelling; the valid
 * rest still applies.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ancestors } from '../env/discover';
import { DEFAULT_CONFIG, type ConfigProblem, type LintConfig } from './config';
import { checkSelectors } from './selectors';
import { closest } from './spelling';

export const CONFIG_KEYS = ['extend', 'select', 'extend-select', 'ignore', 'per-file-ignores', 'exclude', 'extend-exclude', 'respect-gitignore'] as const;
type Key = (typeof CONFIG_KEYS)[number];
const SELECTOR_LISTS: Key[] = ['select', 'extend-select', 'ignore'];

/** The file's `[tool.trainlint]` table (or a trainlint.toml's top level), with what is needed to place problems. */
interface Table { file: string; text: string; values: Record<string, unknown>; header: number; pyproject: boolean }

function read(file: string): string | undefined {
  try {
    // Most candidates are absent: no exception for them (it costs more than the stat).
    const st = statSync(file, { throwIfNoEntry: false });
    if (!st || st.size > 4 * 1024 * 1024) return undefined;
    return readFileSync(file, 'utf8');
  } catch { return undefined; }
}

/** The 0-based line of `key` in the table (searching from its header), else the header line. */
function lineOf(t: Table, key: string, sub?: string): number {
  const lines = t.text.split(/\r?\n/);
  const keyRe = (k: string) => new RegExp(`^\\s*(["']?)${k.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\1\\s*=`);
  // `[tool.trainlint.per-file-ignores]` style sub-tables hold their keys under their own header.
  const subHeader = new RegExp(`^\\s*\\[\\s*${t.pyproject ? 'tool\\.trainlint\\.' : ''}["']?${key.replace(/-/g, '\\-')}["']?\\s*\\]`);
  for (let i = t.header; i < lines.length; i++) {
    if (sub === undefined && keyRe(key).test(lines[i])) return i;
    if (subHeader.test(lines[i])) {
      if (sub === undefined) return i;
      for (let j = i + 1; j < lines.length && !/^\s*\[/.test(lines[j]); j++) if (keyRe(sub).test(lines[j])) return j;
      return i;
    }
    if (sub !== undefined && keyRe(key).test(lines[i])) return i;
  }
  return t.header;
}

function problem(t: Table, key: string, message: string, sub?: string): ConfigProblem {
  const line = lineOf(t, key, sub);
  return { file: t.file, line, key, message, length: t.text.split(/\r?\n/)[line]?.length };
}

/** Reads the table of one config file: undefined when the file has none (a pyproject.toml without [tool.trainlint]). */
function readTable(file: string, problems: ConfigProblem[]): Table | undefined {
  const text = read(file);
  if (text === undefined) return undefined;
  const pyproject = file.endsWith('pyproject.toml');
  let doc: Record<string, unknown>;
  try {
    doc = parseToml(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as Error & { line?: number };
    // A pyproject.toml that does not parse may still be meant for trainlint: report it only if it mentions us.
    if (pyproject && !text.includes('tool.trainlint')) return undefined;
    problems.push({ file, line: Math.max(0, (err.line ?? 1) - 1), key: '', message: `invalid TOML (${err.message.split('\n')[0]}); the file is ignored` });
    return undefined;
  }
  if (!pyproject) return { file, text, values: doc, header: 0, pyproject };
  const tool = doc.tool as Record<string, unknown> | undefined;
  const values = tool?.trainlint;
  if (values === undefined) return undefined;
  const header = Math.max(0, text.split(/\r?\n/).findIndex((l) => /^\s*\[\s*tool\.trainlint\s*(\]|\.)/.test(l)));
  if (typeof values !== 'object' || values === null || Array.isArray(values)) {
    problems.push({ file, line: header, key: 'tool.trainlint', message: '[tool.trainlint] must be a table' });
    return undefined;
  }
  return { file, text, values: values as Record<string, unknown>, header, pyproject };
}

const isStringList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** The settings one file sets itself (valid values only), and its problems. */
function ownSettings(t: Table, problems: ConfigProblem[]): Partial<Record<Key, unknown>> {
  const out: Partial<Record<Key, unknown>> = {};
  const where = t.pyproject ? '[tool.trainlint]' : 'trainlint.toml';
  for (const [key, value] of Object.entries(t.values)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key)) {
      const near = closest(key, CONFIG_KEYS);
      problems.push(problem(t, key, `${where}: unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ''}; valid keys: ${CONFIG_KEYS.join(', ')}`));
      continue;
    }
    const k = key as Key;
    if (k === 'extend') {
      if (typeof value !== 'string') problems.push(problem(t, k, `${where}: "extend" must be a string (the path of another config file), not ${describe(value)}`));
      else out.extend = value;
    } else if (k === 'respect-gitignore') {
      if (typeof value !== 'boolean') problems.push(problem(t, k, `${where}: "respect-gitignore" must be true or false, not ${describe(value)}`));
      else out[k] = value;
    } else if (k === 'per-file-ignores') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(problem(t, k, `${where}: "per-file-ignores" must be a table of glob = ["CODE", …], not ${describe(value)}`));
        continue;
      }
      const entries: Array<{ pattern: string; codes: string[] }> = [];
      for (const [pattern, codes] of Object.entries(value)) {
        if (!isStringList(codes)) {
          problems.push(problem(t, k, `${where}: per-file-ignores "${pattern}" must be a list of codes, not ${describe(codes)}`, pattern));
          continue;
        }
        const bad = checkSelectors(codes);
        bad.forEach((m) => problems.push(problem(t, k, `${where}: per-file-ignores "${pattern}": ${m}`, pattern)));
        if (!bad.length) entries.push({ pattern, codes });
      }
      out[k] = entries;
    } else if (!isStringList(value)) {
      const hint = typeof value === 'string' ? ` (write ${k} = ["${value}"])` : '';
      problems.push(problem(t, k, `${where}: "${k}" must be a list of strings, not ${describe(value)}${hint}`));
    } else if (SELECTOR_LISTS.includes(k)) {
      const bad = checkSelectors(value);
      bad.forEach((m) => problems.push(problem(t, k, `${where}: ${k}: ${m}`)));
      out[k] = value.filter((s) => !checkSelectors([s]).length);
    } else {
      out[k] = value;
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string "${v}"`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (v instanceof Date) return 'a date';
  return typeof v === 'object' ? 'a table' : `${typeof v} ${String(v)}`;
}

/** One config file with its `extend` chain resolved (the file's own keys win over the ones it extends). */
function resolveFile(file: string, problems: ConfigProblem[], seen: string[]): LintConfig | undefined {
  const t = readTable(file, problems);
  if (!t) return undefined;
  const own = ownSettings(t, problems);
  let base: LintConfig = { ...DEFAULT_CONFIG, root: dirname(file) };
  if (typeof own.extend === 'string') {
    const target = resolve(dirname(file), own.extend);
    if (seen.includes(target)) problems.push(problem(t, 'extend', `"extend" makes a cycle: ${[...seen, target].join(' → ')}`));
    else if (read(target) === undefined) problems.push(problem(t, 'extend', `"extend": ${own.extend} cannot be read (resolved to ${target})`));
    else {
      const parent = resolveFile(target, problems, [...seen, target]);
      if (parent) base = parent;
      else problems.push(problem(t, 'extend', `"extend": ${own.extend} holds no trainlint configuration`));
    }
  }
  const select = (own.select as string[] | undefined) ?? base.select;
  const extendSelect = (own['extend-select'] as string[] | undefined) ?? [];
  return {
    // An empty select means every rule; extend-select only widens a narrowed select.
    select: select.length && extendSelect.length ? [...select, ...extendSelect] : select,
    ignore: [...base.ignore, ...((own.ignore as string[] | undefined) ?? [])],
    perFileIgnores: [
      ...(base.perFileIgnores ?? []),
      ...((own['per-file-ignores'] as Array<{ pattern: string; codes: string[] }> | undefined) ?? []).map((e) => ({ ...e, root: dirname(file) })),
    ],
    exclude: own.exclude ? (own.exclude as string[]).map((p) => ({ pattern: p, root: dirname(file) })) : base.exclude ?? [],
    extendExclude: [...(base.extendExclude ?? []), ...((own['extend-exclude'] as string[] | undefined) ?? []).map((p) => ({ pattern: p, root: dirname(file) }))],
    respectGitignore: (own['respect-gitignore'] as boolean | undefined) ?? base.respectGitignore ?? true,
    root: dirname(file),
    source: file,
  };
}

/** The config files a folder may hold, in the order they are looked for. */
const NAMES = ['trainlint.toml', 'pyproject.toml'];

/**
 * The nearest configuration above `scriptDir` (a folder's trainlint.toml before its pyproject.toml; a
 * pyproject.toml without [tool.trainlint] does not count), with every problem found on the way.
 */
export function loadConfigFor(scriptDir: string, workspaceRoot?: string): { config: LintConfig; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  for (const dir of ancestors(scriptDir, workspaceRoot)) {
    for (const name of NAMES) {
      const file = join(dir, name);
      const config = resolveFile(file, problems, [file]);
      if (config) return { config: { ...config, problems }, problems };
      if (problems.length) return { config: { ...DEFAULT_CONFIG, source: file, problems }, problems };
    }
  }
  return { config: DEFAULT_CONFIG, problems };
}

export const formatProblem = (p: ConfigProblem) => `${p.file}:${p.line + 1}: ${p.message}`;

/** The nearest configuration; `error` sums up its problems in one text (one line each). */
export function loadProjectConfig(scriptDir: string, workspaceRoot?: string): { config: LintConfig; error?: string; problems: ConfigProblem[] } {
  const { config, problems } = loadConfigFor(scriptDir, workspaceRoot);
  return { config, problems, error: problems.length ? problems.map(formatProblem).join('\n') : undefined };
}
