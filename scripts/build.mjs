// Builds the three bundles (extension client, language server, CLI) with esbuild and copies
// the runtime assets (tree-sitter wasm) next to them in dist/.
// Usage: node scripts/build.mjs [--watch] [--dev]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { lazyRuleDocs } from './lazy-rule-docs.mjs';

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
// The large third-party libraries that only some runs need (Arrow, Parquet and CSV decoding, chat templates,
// tokenizers, YAML: ~1 MB, most of the bundles) are each bundled once as dist/vendor-NAME.cjs, and the bundles above
// load them on first use, through the code cache. A process that lints a script without data files never reads
// them: it starts faster (docs/benchmarks.md). Each entry: the import paths the code uses → what they export.
const vendors = {
  arrow: { 'apache-arrow': '', 'apache-arrow/ipc/metadata/file': 'file' },
  parquet: { hyparquet: '', 'hyparquet-compressors': 'compressors' },
  csv: { 'csv-parse': '' },
  jinja: { '@huggingface/jinja': '' },
  tokenizers: { '@huggingface/tokenizers': '' },
  // YAML config files a script reads (engine/modules/config-file.ts): loaded when the first one is read.
  yaml: { yaml: '' },
};
// dist/vendor-NAME.cjs exports the first path's exports, and the others' under their key.
const vendorEntry = (paths) => Object.entries(paths).map(([path, key]) =>
  key ? `export * as ${key} from ${JSON.stringify(path)};` : `export * from ${JSON.stringify(path)};`).join('\n');
const cachedLoad = join(root, 'server/src/launch/cached-load.ts');
/** A module that exports what dist/`file` exports, loaded through the code cache when first required. */
const loadCachedStub = (file) =>
  `const { loadCached } = require(${JSON.stringify(cachedLoad)});\nmodule.exports = loadCached(require('node:path').join(__dirname, ${JSON.stringify(file)}));`;
/** In the bundles: an import of a vendored path becomes a small module that loads its vendor bundle. */
const lazyVendors = {
  name: 'lazy-vendors',
  setup(build) {
    const byPath = new Map(Object.entries(vendors).flatMap(([name, paths]) => Object.entries(paths).map(([path, key], i) => [path, { name, key, first: Object.keys(paths)[0], isFirst: i === 0 }])));
    const filter = new RegExp(`^(${[...byPath.keys()].map((p) => p.replace(/[/.-]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'lazy-vendor' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => {
      const v = byPath.get(args.path);
      const contents = v.isFirst
        ? loadCachedStub(`vendor-${v.name}.cjs`)
        : `module.exports = require(${JSON.stringify(v.first)}).${v.key};`; // one instance of the library per process
      return { contents, loader: 'js', resolveDir: root };
    });
  },
};
/**
 * Node's crypto module (7–14 ms to load here) is required at start-up by the LSP library, for two helpers the
 * server rarely calls (random ids, pipe names): in the bundles, a bare `crypto` import loads it on first use.
 */
const lazyCrypto = {
  name: 'lazy-crypto',
  setup(build) {
    build.onResolve({ filter: /^crypto$/ }, () => ({ path: 'crypto', namespace: 'lazy-crypto' }));
    build.onLoad({ filter: /.*/, namespace: 'lazy-crypto' }, () => ({
      contents: [
        'let loaded;',
        "const real = () => (loaded ??= require('node:crypto'));",
        'module.exports = new Proxy({}, {',
        '  get: (_, key) => real()[key],',
        '  has: (_, key) => key in real(),',
        '  ownKeys: () => Reflect.ownKeys(real()),',
        '  getOwnPropertyDescriptor: (_, key) => { const d = Reflect.getOwnPropertyDescriptor(real(), key); return d && { ...d, configurable: true }; },',
        '});',
      ].join('\n'),
      loader: 'js',
    }));
  },
};
// The table of known Hub datasets (engine/dataset/known-hub-*.ts, ~370 KB of source, read on a script's first
// lookup: dataset/known-hub-lookup.ts) is bundled once as dist/data-known-hub.cjs and loaded from there through the
// code cache, rather than copied into each of the four bundles the extension ships (and each process's cache).
const tables = { 'known-hub': { importPath: './known-hub-datasets', source: 'server/src/engine/dataset/known-hub-datasets.ts' } };
const lazyTables = {
  name: 'lazy-tables',
  setup(build) {
    for (const [name, t] of Object.entries(tables)) {
      const filter = new RegExp(`^${t.importPath.replace(/[/.-]/g, '\\$&')}$`);
      build.onResolve({ filter }, () => ({ path: name, namespace: 'lazy-table' }));
    }
    build.onLoad({ filter: /.*/, namespace: 'lazy-table' }, (args) => ({
      contents: loadCachedStub(`data-${args.path}.cjs`),
      loader: 'js', resolveDir: root,
    }));
  },
};
const builds = [
  { entryPoints: { client: join(root, 'client/src/extension.ts') } },
  ...Object.entries(entries).flatMap(([name, src]) => [
    { entryPoints: { [`${name}-main`]: join(root, src) }, plugins: [lazyVendors, lazyCrypto, lazyRuleDocs, lazyTables] },
    { entryPoints: { [name]: join(root, 'server/src/launch/launcher.ts') }, ...(name === 'cli' ? { banner: { js: '#!/usr/bin/env node' } } : {}) },
  ]),
  ...Object.entries(vendors).map(([name, paths]) => ({
    stdin: { contents: vendorEntry(paths), resolveDir: root, sourcefile: `vendor-${name}.js`, loader: 'js' },
    outfile: join(dist, `vendor-${name}.cjs`),
  })),
  ...Object.entries(tables).map(([name, t]) => ({ entryPoints: [join(root, t.source)], outfile: join(dist, `data-${name}.cjs`) })),
];

function copyAssets() {
  copyFileSync(join(dirname(treeSitterCjs), 'web-tree-sitter.wasm'), join(dist, 'web-tree-sitter.wasm'));
  // A fresh copy of the runtime is loaded from this file when the parser is renewed (engine/syntax/parser.ts).
  copyFileSync(treeSitterCjs, join(dist, 'web-tree-sitter.cjs'));
  copyFileSync(join(root, 'grammars', 'tree-sitter-python.wasm'), join(dist, 'tree-sitter-python.wasm'));
}

const t0 = Date.now();
if (watch) {
  for (const b of builds) await (await esbuild.context({ ...common, ...(b.outfile ? {} : { outdir: dist }), ...b })).watch();
  copyAssets();
  console.log('watching…');
} else {
  await Promise.all(builds.map((b) => esbuild.build({ ...common, ...(b.outfile ? {} : { outdir: dist }), ...b })));
  copyAssets();
  chmodSync(join(dist, 'cli.js'), 0o755);
  console.log(`built dist/ in ${Date.now() - t0} ms`);
}
