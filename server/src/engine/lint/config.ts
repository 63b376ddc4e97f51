/**
 * Which rules run: `[tool.trainlint]` in the nearest pyproject.toml (`select`, `ignore`,
 * by code prefix) combined with editor settings. One resolved shape for every front end.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { ancestors } from '../env/discover';
import { resolveSelector } from './selectors';

export interface LintConfig {
  /** Code prefixes to enable; empty means all. */
  select: string[];
  /** Code prefixes to disable (wins over select). */
  ignore: string[];
  /** Where the config came from, for messages. */
  source?: string;
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

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** `[tool.trainlint]` from the nearest pyproject.toml above the script (errors are reported, not thrown). */
export function loadProjectConfig(scriptDir: string, workspaceRoot?: string): { config: LintConfig; error?: string } {
  for (const dir of ancestors(scriptDir, workspaceRoot)) {
    const path = join(dir, 'pyproject.toml');
    let text: string;
    try {
      if (statSync(path).size > 4 * 1024 * 1024) continue;
      text = readFileSync(path, 'utf8');
    } catch { continue; }
    try {
      const doc = parseToml(text) as { tool?: { trainlint?: Record<string, unknown> } };
      const t = doc.tool?.trainlint;
      if (!t) continue;
      return { config: { select: stringList(t.select), ignore: stringList(t.ignore), source: path } };
    } catch (e) {
      return { config: DEFAULT_CONFIG, error: `${path}: invalid TOML (${(e as Error).message.split('\n')[0]}); [tool.trainlint] ignored` };
    }
  }
  return { config: DEFAULT_CONFIG };
}

/** Editor settings refine the project file: their lists are added to it. */
export function mergeConfig(project: LintConfig, settings: Partial<LintConfig>): LintConfig {
  return {
    select: [...project.select, ...(settings.select ?? [])],
    ignore: [...project.ignore, ...(settings.ignore ?? [])],
    source: project.source,
  };
}
