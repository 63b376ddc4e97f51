/**
 * The CLI only reads regular files, walks directories by real path (symlink loops neither repeat
 * files nor explode), exits quietly when its output pipe closes, and never says "All checks passed"
 * for a file it did not check.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const BUGGY = readFileSync(join(ROOT, 'examples', 'trl_plain_trainer_bugs.py'), 'utf8');
const cli = (args: string[], cwd: string, timeout = 60000) => spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout });

describe('robustness: CLI files', function () {
  this.timeout(180000);
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'trainlint-cli-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a FIFO or device named on the command line is skipped in words, never waited on (check, fix, preview-masking)', () => {
    execFileSync('mkfifo', [join(dir, 'pipe.py')]); // no mkfifo: the test fails rather than passing untested
    for (const args of [['check', 'pipe.py'], ['fix', 'pipe.py'], ['check', '/dev/null'], ['preview-masking', 'pipe.py']]) {
      const r = cli(args, dir, 30000);
      assert.equal(r.signal, null, `${args.join(' ')} hung`);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      assert.match(r.stderr, /FIFO|device|not a regular file/, r.stderr);
      assert.doesNotMatch(r.stdout, /All checks passed/);
    }
  });

  it('a skipped 50 MB file is reported and not counted as passed', () => {
    const fd = openSync(join(dir, 'huge.py'), 'w');
    ftruncateSync(fd, 50 * 1024 * 1024);
    closeSync(fd);
    writeFileSync(join(dir, 'ok.py'), 'x = 1\n');
    const one = cli(['check', 'huge.py'], dir);
    assert.match(one.stderr, /huge\.py: 50 MB, larger than the 20 MB limit: skipped/);
    assert.doesNotMatch(one.stdout, /All checks passed/);
    assert.match(one.stdout, /No files checked/);
    const both = cli(['check', '.'], dir);
    assert.match(both.stdout, /All checks passed \(1 file\)/, 'only the file that was checked');
    assert.equal(both.status, 2);
  });

  it('a script longer than the editor analyses (generated code, data saved as Python) is skipped as there, at once', () => {
    writeFileSync(join(dir, 'generated.py'), 'A = 1\n'.repeat(1_000_000)); // 6 M characters: ~60 s to parse
    const cells = Array.from({ length: 3 }, () => ({ cell_type: 'code', metadata: {}, source: 'B = 2\n'.repeat(300_000), outputs: [] }));
    writeFileSync(join(dir, 'generated.ipynb'), JSON.stringify({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 }));
    for (const name of ['generated.py', 'generated.ipynb']) {
      const r = cli(['check', name], dir, 20000);
      assert.equal(r.signal, null, `${name}: hung`);
      assert.match(r.stderr, new RegExp(`${name.replace('.', '\\.')}: \\d+\\.\\d M characters of (Python|code), more than a training script \\(limit 5 M`), r.stderr);
      assert.doesNotMatch(r.stdout, /All checks passed/);
    }
    rmSync(join(dir, 'generated.py'));
    rmSync(join(dir, 'generated.ipynb'));
  });

  it('symlink loops: `loop -> .` reports each file once; two links at each other finish at once', () => {
    writeFileSync(join(dir, 'train.py'), BUGGY);
    symlinkSync('.', join(dir, 'loop'));
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    writeFileSync(join(dir, 'a', 'x.py'), 'x = 1\n');
    symlinkSync(join(dir, 'b'), join(dir, 'a', 'to_b'));
    symlinkSync(join(dir, 'a'), join(dir, 'b', 'to_a'));
    symlinkSync(join(dir, 'train.py'), join(dir, 'b', 'same.py'));
    const t0 = Date.now();
    const r = cli(['check', '.', '--format', 'json'], dir);
    assert.ok(Date.now() - t0 < 30000);
    const found = JSON.parse(r.stdout) as Array<{ path: string; code: string; range: { start: { line: number } } }>;
    const keys = found.map((d) => `${d.code}:${d.range.start.line}`);
    assert.equal(new Set(keys).size, keys.length, `duplicates: ${keys.join(' ')}`);
    assert.ok(found.length >= 3);
  });

  it('`check . | head -1` exits quietly (no EPIPE stack trace)', () => {
    for (let i = 0; i < 100; i++) writeFileSync(join(dir, `s${i}.py`), BUGGY); // more output than a pipe holds (64 KB)
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" check . | head -1`], { cwd: dir, encoding: 'utf8', timeout: 120000 });
    assert.equal(r.stdout.split('\n').filter(Boolean).length, 1);
    assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
  });
});
