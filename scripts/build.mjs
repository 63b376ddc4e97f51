// Builds the three bundles (extension client, language server, CLI) with esbuild and copies
// the runtime assets (tree-sitter wasm) next to them in dist/.
// Usage: node scripts/build.mjs [--watch] [--dev]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';

const require = createRequire(import.meta.url);
const watch = process.argv.includes('--watch');
const dev = process.argv.includes('--dev') || watch;
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const dist = join(root, 'dist');

execFileSync(process.execPath, [join(root, 'scripts', 'gen-rule-index.mjs')], { stdio: 'inherit' });
mkdirSync(dist, { recursive: true });

// esbuild would pick web-tree-sitter's ESM build, whose import.meta.url is undefined once bundled
// to CommonJS (Parser.init then throws). Use its CommonJS build. (platform-notes.md)
const treeSitterCjs = require.resolve('web-tree-sitter'); // the "require" export: web-tree-sitter.cjs

const common = {
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', sourcemap: dev ? 'linked' : false,
  minify: !dev, logLevel: 'warning', alias: { 'web-tree-sitter': treeSitterCjs },
  // Optional native speedups some dependencies probe for; never needed.
  external: ['vscode'],
  loader: { '.jinja': 'text' },
};

// Each entry point is bundled as dist/NAME-main.js; dist/NAME.js is a small launcher that loads it through
// V8's code cache (server/src/launch/), so a process or thread that starts again skips compiling it.
const entries = {
  server: 'server/src/lsp/main.ts',
  cli: 'server/src/cli/main.ts',
  'cli-worker': 'server/src/cli/worker.ts',
  'preview-worker': 'server/src/lsp/preview-worker.ts',
  // Dataset report rows are measured in worker threads (one per core), each with its own tokenizer.
  'report-worker': 'server/src/engine/report/report-worker.ts',
  'report-host': 'server/src/lsp/report-host.ts',
  // Parquet/Arrow decoding runs in a killable worker: corrupt files can hang the decoders (engine/data).
  'decode-worker': 'server/src/engine/data/decode-worker.ts',
};
const builds = [
  { entryPoints: { client: join(root, 'client/src/extension.ts') } },
  ...Object.entries(entries).flatMap(([name, src]) => [
    { entryPoints: { [`${name}-main`]: join(root, src) } },
    { entryPoints: { [name]: join(root, 'server/src/launch/launcher.ts') }, ...(name === 'cli' ? { banner: { js: '#!/usr/bin/env node' } } : {}) },
  ]),
];

function copyAssets() {
  copyFileSync(join(dirname(treeSitterCjs), 'web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
  // A fresh copy of the runtime is loaded from this file when the parser is renewed (engine/syntax/parser.ts).
  copyFileSync(treeSitterCjs, join(dist, 'web-tree-sitter.cjs'));
  copyFileSync(join(root, 'grammars', 'tree-sitter-python.wasm'), join(dist, 'tree-sitter-python.wasm'));
}

const t0 = Date.now();
if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...b, outdir: dist })).watch();
  copyAssets();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...b, outdir: dist })));
  copyAssets();
  chmodSync(join(dist, 'cli.js'), 0o755);
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}
