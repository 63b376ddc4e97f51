/**
 * Check or fix one file from disk: read it, find its project context (versions, config),
 * lint, and for `fix` apply fix-all and write it back. Used in-process and by worker threads.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  discoverEnvironment, fixAll, lintText, loadProjectConfig, mergeConfig,
  type Diagnostic, type Environment, type LintConfig,
} from '../engine/index';

export interface FileTask { path: string; mode: 'check' | 'fix'; unsafe: boolean; select: string[]; ignore: string[] }
export interface FileResult {
  path: string;
  diagnostics: Diagnostic[];
  /** Rule failures and unreadable files: reported, exit code 2. */
  errors: string[];
  fixed?: number;
  lines: number;
}

const MAX_BYTES = 20 * 1024 * 1024;
const contexts = new Map<string, { env: Environment; config: LintConfig; error?: string }>();

function contextFor(path: string) {
  const dir = dirname(path);
  let c = contexts.get(dir);
  if (!c) {
    const { config, error } = loadProjectConfig(dir);
    c = { env: discoverEnvironment({ scriptDir: dir, env: process.env }), config, error };
    contexts.set(dir, c);
  }
  return c;
}

export function runFileTask(task: FileTask): FileResult {
  const { path } = task;
  let text: string;
  try {
    if (statSync(path).size > MAX_BYTES) return { path, diagnostics: [], errors: [`${path}: larger than 20 MB, skipped`], lines: 0 };
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return { path, diagnostics: [], errors: [`${path}: ${(e as Error).message}`], lines: 0 };
  }
  const ctx = contextFor(path);
  const config = mergeConfig(ctx.config, { select: task.select, ignore: task.ignore });
  const errors = ctx.error ? [ctx.error] : [];
  const lintOnce = (t: string) => {
    const r = lintText(path, t, { env: ctx.env, config });
    errors.push(...r.errors.map((e) => `${path}: ${e.message.split('\n')[0]}`));
    return r.diagnostics;
  };
  try {
    let fixed: number | undefined;
    if (task.mode === 'fix' && !path.endsWith('.ipynb')) {
      const result = fixAll(text, lintOnce, task.unsafe);
      if (result.applied > 0) { writeFileSync(path, result.text); text = result.text; }
      fixed = result.applied;
      errors.length = 0;
    }
    const diagnostics = lintOnce(text);
    return { path, diagnostics, errors: [...new Set(errors)], fixed, lines: text.split('\n').length };
  } catch (e) {
    return { path, diagnostics: [], errors: [`${path}: ${(e as Error).message}`], lines: 0 };
  }
}
