/**
 * The engine's public surface, used by the language server, the CLI and the tests.
 * Text and environment in, diagnostics and fixes out; no `vscode`, no LSP types.
 */
import { Environment } from './env/versions';
import { lint, type LintResult } from './lint/lint';
import type { LintConfig } from './lint/config';
import type { DataSourceProvider } from './dataset/state';
import { ParsedScript } from './syntax/parsed-script';
import { ScriptDocument } from './syntax/script-document';
import type { Diagnostic } from './diagnostics';

export { absorbParserAborts, initParser, isParserAbort, noteHeldChars, parserMemory, renewParser } from './syntax/parser';
export { ParsedScript } from './syntax/parsed-script';
export { MAX_SCRIPT_CHARS, ScriptDocument } from './syntax/script-document';
export { lint } from './lint/lint';
export { PipelineCache } from './lint/pipelines';
export { warmUpEditing, warmUpEngine } from './warm-up';
export type { LintResult, LintInput } from './lint/lint';
export { Environment, type PackageVersion } from './env/versions';
export { discoverEnvironment } from './env/discover';
export { mergeConfig, isRuleEnabled, configForFile, globMatches, DEFAULT_CONFIG, type LintConfig, type ConfigProblem } from './lint/config';
export { loadProjectConfig, loadConfigFor, formatProblem, CONFIG_KEYS } from './lint/config-file';
export { applyEdits, fixAll, fixAllNotebook, lineBreakOf, selectFixes } from './lint/apply-fixes';
export { disableForLineEdit, addNoqaEdit } from './lint/suppression';
export { addNoqa } from './lint/add-noqa';
export { ALL_RULES } from './rules/index';
export { ProjectModules, type ProjectModulesOptions } from './modules/project-modules';
export { CachedModuleProvider } from './modules/cached-provider';
export type * from './diagnostics';

export interface LintTextOptions {
  env?: Environment;
  config?: LintConfig;
  data?: DataSourceProvider;
  /** The script's project modules (`modules/`): without it, every imported name is unknown. */
  modules?: import('./modules/types').ModuleProvider;
  rules?: import('./rules/rule').Rule[];
}

export type TextLintResult = Omit<LintResult, 'analysis'> & { doc: ScriptDocument };

/** A script or notebook from its file text (notebook JSON errors are thrown with a clear message). */
export function documentFor(path: string, text: string): ScriptDocument {
  return path.endsWith('.ipynb')
    ? ScriptDocument.fromNotebook(path, ScriptDocument.parseNotebookJson(text))
    : ScriptDocument.fromPython(path, text);
}

/**
 * Parse a text once and lint it with each of `passes` (e.g. before and after its data was read),
 * returning the last result. `initParser()` must have completed. `doc`: the text's document when the caller
 * already made it (a notebook's JSON is then not parsed again).
 */
export function lintParsedOnce<R>(path: string, text: string, run: (lintOnce: (opts: LintTextOptions) => TextLintResult) => R, made?: ScriptDocument): R {
  const doc = made ?? documentFor(path, text);
  const script = ParsedScript.parse(doc.text);
  const lintOnce = (opts: LintTextOptions): TextLintResult => {
    const { diagnostics, errors } = lint({ doc, script, env: opts.env, config: opts.config, data: opts.data, modules: opts.modules, rules: opts.rules });
    return { diagnostics, errors, doc };
  };
  let result: R;
  try {
    result = run(lintOnce);
  } catch (e) {
    script.dispose();
    throw e;
  }
  // An async pass keeps the tree until it settles.
  if (result instanceof Promise) return result.finally(() => script.dispose()) as R;
  script.dispose();
  return result;
}

/** Parse and lint a script document once (notebook fix rounds). `initParser()` must have completed. */
export function lintDocument(doc: ScriptDocument, opts: LintTextOptions = {}): Diagnostic[] {
  const script = ParsedScript.parse(doc.text);
  try {
    return lint({ doc, script, env: opts.env, config: opts.config, data: opts.data, modules: opts.modules, rules: opts.rules }).diagnostics;
  } finally {
    script.dispose();
  }
}

/** Parse and lint a whole text once (CLI, tests). `initParser()` must have completed. */
export function lintText(path: string, text: string, opts: LintTextOptions = {}): TextLintResult {
  return lintParsedOnce(path, text, (lintOnce) => lintOnce(opts));
}
