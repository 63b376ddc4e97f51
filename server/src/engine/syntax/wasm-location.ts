/**
 * Where runtime assets live: next to the bundle in `dist/` (production, VSIX, CLI),
 * or in the repository when running from TypeScript sources (tests, tsx).
 * The one place that knows the wasm file names that changed across web-tree-sitter versions.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RUNTIME_WASM = 'web-tree-sitter.wasm';
/** The runtime's CommonJS module, loaded again for each new parser generation (parser.ts). */
export const RUNTIME_JS = 'web-tree-sitter.cjs';
export const PYTHON_GRAMMAR_WASM = 'tree-sitter-python.wasm';

function candidates(file: string): string[] {
  const here = __dirname;
  const repo = resolve(here, '../../../..');
  return [
    join(here, file),
    join(repo, 'grammars', file),
    join(repo, 'node_modules', 'web-tree-sitter', file),
  ];
}

/** Absolute path of a shipped wasm file. */
export function locateAsset(file: string): string {
  for (const c of candidates(file)) if (existsSync(c)) return c;
  throw new Error(`trainlint: cannot find ${file} (looked in ${candidates(file).join(', ')})`);
}
