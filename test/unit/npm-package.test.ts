/**
 * The CLI as users install it: `npm pack` gives a tarball with only what `trainlint` loads, and no
 * dependencies to fetch (everything is bundled); `npm install -g` of it into a throw-away prefix puts a
 * working `trainlint` on PATH, and `npx` runs it from the tarball. `engines` says what users need.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import semver from 'semver';

const ROOT = join(__dirname, '..', '..');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');
const NPM = join(dirname(process.execPath), 'npm');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

describe('npm package', function () {
  this.timeout(240000);
  let dir: string;
  let tarball: string;
  /** npm with its cache, global prefix and config kept inside the throw-away folder. */
  let env: NodeJS.ProcessEnv;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'trainlint-npm-'));
    env = {
      ...process.env, NO_COLOR: '1', npm_config_cache: join(dir, 'cache'), npm_config_prefix: join(dir, 'prefix'),
      npm_config_userconfig: join(dir, 'npmrc'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false',
    };
    const out = execFileSync(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, env, encoding: 'utf8' });
    const [info] = JSON.parse(out.slice(out.indexOf('[')));
    tarball = join(dir, info.filename);
  });

  it('packs only the CLI: launchers, bundles, wasm, rule docs, manifest, README, licence', () => {
    const out = execFileSync(NPM, ['pack', '--dry-run', '--json'], { cwd: ROOT, env, encoding: 'utf8' });
    const files: string[] = JSON.parse(out.slice(out.indexOf('[')))[0].files.map((f: { path: string }) => f.path);
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/cli.js', 'dist/cli-main.js', 'dist/cli-worker.js', 'dist/report-worker.js', 'dist/report-worker-main.js', 'dist/tree-sitter-python.wasm', 'dist/web-tree-sitter.wasm', 'dist/web-tree-sitter.cjs', 'dist/vendor-csv.cjs', 'dist/vendor-parquet.cjs', 'dist/vendor-arrow.cjs', 'dist/vendor-jinja.cjs', 'dist/vendor-tokenizers.cjs', 'docs/RULES.md', 'docs/rules/TL001.md']) {
      assert.ok(files.includes(f), `${f} missing from the package`);
    }
    for (const f of files) assert.match(f, /^(package\.json|README\.md|LICENSE|dist\/[\w-]+\.(js|wasm|cjs)|docs\/RULES\.md|docs\/rules\/[\w]+\.md)$/, `${f} should not be in the package`);
    assert.ok(!files.includes('dist/client.js'), 'the VS Code client is not part of the CLI package');
  });

  it('installs nothing else and tells the truth about Node: no dependencies, engines matches the bundles\' target', () => {
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'everything the CLI runs is bundled into dist/');
    assert.equal(pkg.engines.node, '>=20');
    assert.match(readFileSync(join(ROOT, 'scripts', 'build.mjs'), 'utf8'), /target: 'node20'/);
    assert.equal(pkg.bin.trainlint, './dist/cli.js');
  });

  it('npm ci on Node 20 meets every engines field in the lockfile (no EBADENGINE from dev tools either)', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8'));
    const tooNew = Object.entries(lock.packages as Record<string, { version: string; engines?: { node?: string } }>)
      .filter(([, p]) => typeof p.engines?.node === 'string' && !semver.satisfies('20.19.0', p.engines.node))
      .map(([name, p]) => `${name}@${p.version} needs node ${p.engines!.node}`);
    assert.deepEqual(tooNew, []);
  });

  it('npm install -g of the tarball puts a working trainlint on PATH', () => {
    const r = spawnSync(NPM, ['install', '-g', '--offline', tarball], { env, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.doesNotMatch(r.stderr, /EBADENGINE/);
    const bin = join(dir, 'prefix', 'bin');
    const pathEnv = { ...env, PATH: `${bin}${delimiter}${process.env.PATH}` };
    const version = spawnSync('trainlint', ['--version'], { env: pathEnv, encoding: 'utf8' });
    assert.equal(version.stdout.trim(), `trainlint ${pkg.version}`);
    const check = spawnSync('trainlint', ['check', SEED, '--select', 'TL001', '--format', 'concise'], { env: pathEnv, encoding: 'utf8', cwd: dir });
    assert.equal(check.status, 1, check.stderr);
    assert.match(check.stdout, /seed_bug_seq2seq_collator\.py:15:5: TL001 /);
    // Worker threads (a batch of files) and the rule docs work from the installed copy too.
    const many = spawnSync('trainlint', ['check', join(ROOT, 'test', 'fixtures', 'rules', 'TL003'), '--select', 'TL003', '--jobs', '2', '--statistics'], { env: pathEnv, encoding: 'utf8' });
    assert.match(many.stdout, /^\s*\d+ {2}TL003/m, many.stderr);
    assert.match(spawnSync('trainlint', ['rule', 'TL001'], { env: pathEnv, encoding: 'utf8' }).stdout, /^# TL001 seq2seq-collator-without-labels/);
    // A data file's columns: the CSV reader is a library the installed CLI loads on first use (dist/vendor-csv.cjs).
    const project = join(ROOT, 'test', 'fixtures', 'csv-project'); // train.py loads train.csv beside it
    const data = spawnSync('trainlint', ['check', 'train.py', '--select', 'TL001'], { env: pathEnv, encoding: 'utf8', cwd: project });
    assert.match(data.stdout, /TL001[^\n]*columns: text, source/, data.stdout + data.stderr);
  });

  it('npx runs trainlint from the tarball', () => {
    const r = spawnSync(NPM, ['exec', '--yes', '--offline', `--package=${tarball}`, '--', 'trainlint', 'check', SEED, '--select', 'TL001', '--exit-zero'], { env, encoding: 'utf8', cwd: dir });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /TL001/);
  });
});
