/** What the project-module tests share: the fixture projects, a module set over one root, a fixture linted with it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintText, type Diagnostic, type LintTextOptions } from '../../../server/src/engine/index';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';
import { ProjectModules } from '../../../server/src/engine/modules/project-modules';
import { CachedModuleProvider } from '../../../server/src/engine/modules/cached-provider';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'modules');

export function modules(root: string, overlay?: (p: string) => string | undefined): ProjectModules {
  return new ProjectModules({ access: () => ({ roots: [root], trusted: true }), overlay });
}

/** Lints a fixture file with its folder's versions, with or without its project's modules. */
export function lintFile(path: string, m?: ProjectModules, opts: LintTextOptions = {}): Diagnostic[] {
  const ctx = new ProjectContexts(() => undefined).get(path, '');
  const r = lintText(path, readFileSync(path, 'utf8'), { env: ctx.env, config: ctx.config, modules: m && new CachedModuleProvider(m, true), ...opts });
  if (r.errors.length) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.diagnostics;
}
export const codes = (ds: Diagnostic[]) => ds.map((d) => d.code);
