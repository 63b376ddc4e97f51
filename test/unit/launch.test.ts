/** The launchers (dist/cli.js, dist/server.js) keep compiled code between runs and never fail to start because of it. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import { Script } from 'node:vm';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');

function check(cacheHome: string, extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, 'check', SEED, '--select', 'TL001'], {
    encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: cacheHome, NO_COLOR: '1', ...extraEnv },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const cacheFiles = (home: string) => {
  try { return readdirSync(join(home, 'trainlint', 'v8')); } catch { return []; }
};

/** An LSP message as framed on stdio. */
const frame = (m: object) => { const t = JSON.stringify(m); return `Content-Length: ${Buffer.byteLength(t)}\r\n\r\n${t}`; };

/** A `-r` preload in `dir` that prints the process's module list to stderr at exit; `modulesIn` reads it back. */
function modulesPreload(dir: string): string {
  const preload = join(dir, 'loaded.cjs');
  writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, '\\nLOADED ' + JSON.stringify(process.moduleLoadList) + '\\n'));");
  return preload;
}
function modulesIn(stderr: string): string[] {
  const line = stderr.split('\n').find((l) => l.startsWith('LOADED '));
  assert.ok(line, stderr);
  return JSON.parse(line.slice('LOADED '.length)) as string[];
}

describe('launcher code cache', function () {
  this.timeout(60000);

  it('the first run keeps the compiled CLI; the next run uses it and reports the same findings', () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    const first = check(home);
    assert.equal(first.code, 1, first.err);
    assert.match(first.out, /TL001/);
    const kept = cacheFiles(home).sort();
    assert.equal(kept.length, 2, `one cache file for the CLI bundle and one for the parser runtime, found ${kept.join(', ')}`);
    assert.match(kept[0], /^cli-main-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/);
    assert.match(kept[1], /^web-tree-sitter-[0-9a-f]{8}-v\d+\.\d+\.\d+-\w+-\d+-\d+\.bin$/);
    const second = check(home);
    assert.deepEqual(second, first);
  });

  it('two installs of the CLI keep their own caches: neither deletes the other\'s, so neither compiles again', () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    // Two copies of dist/ (the extension's and a project's CLI, say), built at different times.
    const copies = [0, 1].map((i) => {
      const d = join(mkdtempSync(join(tmpdir(), 'trainlint-install-')), 'dist');
      cpSync(join(ROOT, 'dist'), d, { recursive: true });
      const t = new Date(Date.now() - (i + 1) * 60_000);
      for (const f of readdirSync(d)) utimesSync(join(d, f), t, t);
      return join(d, 'cli.js');
    });
    const run = (cli: string) => spawnSync(process.execPath, [cli, 'check', SEED, '--select', 'TL001'], {
      encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, NO_COLOR: '1' },
    });
    for (const cli of copies) assert.equal(run(cli).status, 1);
    // A write replaces the file (a new inode); a use only marks its time.
    const stamp = () => Object.fromEntries(cacheFiles(home).map((f) => [f, statSync(join(home, 'trainlint', 'v8', f)).ino]));
    const before = stamp();
    assert.equal(Object.keys(before).filter((f) => f.startsWith('cli-main-')).length, 2, `a cache per install: ${Object.keys(before).join(', ')}`);
    for (const cli of copies) assert.equal(run(cli).status, 1);
    assert.deepEqual(stamp(), before, 'the second round used both caches and wrote none');
  });

  it('a corrupt cache file is ignored and replaced', () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    const clean = check(home);
    const names = cacheFiles(home).sort();
    for (const name of names) writeFileSync(join(home, 'trainlint', 'v8', name), 'not a V8 code cache');
    const r = check(home);
    assert.deepEqual(r, clean);
    assert.deepEqual(cacheFiles(home).sort(), names);
    assert.deepEqual(check(home), clean);
  });

  it('an unwritable cache folder only means compiling as usual', () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    writeFileSync(join(home, 'trainlint'), 'a file where the cache folder would go');
    const r = check(home);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /TL001/);
    assert.equal(r.err, '');
  });

  it('a server that ends before it is warm (no document linted) writes no cache: its few compiled functions would be all later starts get', async () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { env: { ...process.env, XDG_CACHE_HOME: home } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    let out = '';
    child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    await new Promise<void>((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('"capabilities"')) resolve(); }));
    child.stdin.end(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + frame({ jsonrpc: '2.0', method: 'exit' }));
    assert.equal(await exited, 0);
    assert.deepEqual(cacheFiles(home).filter((f) => f.startsWith('server-main-')), []);
  });

  it('a poor cache (compiled, never run) is replaced by a warm server\'s fuller one: later starts do not compile the rest', async function () {
    this.timeout(30000);
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    /** One server: initialize, open a script, wait until it is warm and idle (it then keeps its code), exit. */
    const warmServer = async () => {
      const child = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio'], { env: { ...process.env, XDG_CACHE_HOME: home } });
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      let out = '';
      const seen = (text: string) => new Promise<void>((resolve) => { const on = () => { if (out.includes(text)) { child.stdout.off('data', on); resolve(); } }; child.stdout.on('data', on); on(); });
      child.stdout.on('data', (d) => { out += d; });
      child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      await seen('"capabilities"');
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
      const uri = `file://${join(home, 'train.py')}`;
      child.stdin.write(frame({ jsonrpc: '2.0', method: 'textDocument/didOpen', params: { textDocument: { uri, languageId: 'python', version: 1, text: readFileSync(SEED, 'utf8') } } }));
      await seen('publishDiagnostics');
      await new Promise((r) => setTimeout(r, 3500)); // warm: 1.5 s after the first diagnostics, once idle
      child.stdin.end(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + frame({ jsonrpc: '2.0', method: 'exit' }));
      assert.equal(await exited, 0);
    };
    const serverCache = () => join(home, 'trainlint', 'v8', cacheFiles(home).find((f) => f.startsWith('server-main-'))!);
    await warmServer();
    const full = statSync(serverCache()).size;
    // What a process that compiled the bundle but ran little of it keeps: the top level only.
    const bundle = join(ROOT, 'dist', 'server-main.js');
    const source = readFileSync(bundle).toString('latin1').replace(/^#!.*/, '');
    const poor = new Script(Module.wrap(source), { filename: bundle }).createCachedData();
    assert.ok(poor.length < full * 0.7, `${poor.length} against ${full}`);
    writeFileSync(serverCache(), poor);
    await warmServer();
    assert.ok(statSync(serverCache()).size > full * 0.9, `the warm server replaced the poor cache (${statSync(serverCache()).size} bytes, a full one has ${full})`);
    rmSync(home, { recursive: true, force: true });
  });

  it("a start marks the cache it used; writing a cache removes other installs' caches unused for 30 days", () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    const v8 = join(home, 'trainlint', 'v8');
    const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000);
    assert.equal(check(home).code, 1);
    const ours = cacheFiles(home).find((f) => f.startsWith('cli-main-'))!;
    utimesSync(join(v8, ours), daysAgo(40), daysAgo(40));
    assert.equal(check(home).code, 1); // uses it (the mark is written before the process ends)
    assert.ok(Date.now() - statSync(join(v8, ours)).mtimeMs < 60_000, 'a cache just used counts as used');
    // Another install's caches: one unused for 40 days (its folder is gone), one used yesterday.
    for (const [name, days] of [['cli-main-deadbeef-v20.0.0-x64-1-1.bin', 40], ['cli-main-cafebabe-v20.0.0-x64-1-1.bin', 1]] as const) {
      writeFileSync(join(v8, name), 'x');
      utimesSync(join(v8, name), daysAgo(days), daysAgo(days));
    }
    for (const f of cacheFiles(home).filter((f) => !f.includes('deadbeef') && !f.includes('cafebabe'))) rmSync(join(v8, f)); // the next run writes again
    assert.equal(check(home).code, 1);
    const left = cacheFiles(home);
    assert.ok(!left.some((f) => f.includes('deadbeef')), left.join(', '));
    assert.ok(left.some((f) => f.includes('cafebabe')), left.join(', '));
  });

  it('TRAINLINT_NO_COMPILE_CACHE=1 writes nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    const r = check(home, { TRAINLINT_NO_COMPILE_CACHE: '1' });
    assert.equal(r.code, 1, r.err);
    assert.deepEqual(cacheFiles(home), []);
  });
});

describe('libraries loaded on first use', function () {
  this.timeout(60000);

  it('a one-file check never loads node:crypto nor node:worker_threads (~8 ms each to load; fixes, tokenizer caches and batches use them)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-mods-'));
    try {
      const preload = modulesPreload(dir);
      writeFileSync(join(dir, 'one.py'), 'x = 1\n');
      const r = spawnSync(process.execPath, ['-r', preload, CLI, 'check', join(dir, 'one.py')], { encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: dir }, timeout: 30000 });
      const loaded = modulesIn(r.stderr);
      assert.ok(loaded.length > 20, 'the list is read');
      assert.ok(!loaded.includes('NativeModule crypto'), loaded.filter((m) => /crypto/.test(m)).join(', '));
      assert.ok(!loaded.includes('NativeModule worker_threads'), loaded.filter((m) => /worker/.test(m)).join(', '));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it("the language server answers initialize without loading node:crypto (its LSP library's import of it loads on first use)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trainlint-mods-'));
    try {
      const preload = modulesPreload(dir);
        const child = spawn(process.execPath, ['-r', preload, join(ROOT, 'dist', 'server.js'), '--stdio'], { env: { ...process.env, XDG_CACHE_HOME: dir } });
      let out = '', err = '';
      child.stderr.on('data', (d) => { err += d; });
      const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
      child.stdin.write(frame({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
      await new Promise<void>((resolve) => child.stdout.on('data', (d) => { out += d; if (out.includes('"capabilities"')) resolve(); }));
      child.stdin.end(frame({ jsonrpc: '2.0', id: 2, method: 'shutdown' }) + frame({ jsonrpc: '2.0', method: 'exit' }));
      await exited;
      const loaded = modulesIn(err);
      assert.ok(!loaded.includes('NativeModule crypto'), loaded.filter((m) => /crypto/.test(m)).join(', '));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });

  it('a script without data files never loads the data libraries; one with a CSV file loads csv-parse and sees its columns', () => {
    const dir = join(ROOT, 'test', 'fixtures', 'csv-project'); // train.py loads train.csv beside it
    const home = mkdtempSync(join(tmpdir(), 'trainlint-cache-'));
    assert.equal(check(home).code, 1);
    assert.deepEqual(cacheFiles(home).filter((f) => f.startsWith('vendor-')), [], 'the seed script has no data file');
    const r = spawnSync(process.execPath, [CLI, 'check', 'train.py', '--select', 'TL001'], {
      cwd: dir, // data_files paths are relative to where the script runs
      encoding: 'utf8', env: { ...process.env, XDG_CACHE_HOME: home, NO_COLOR: '1' },
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stdout, /TL001[^\n]*columns: text, source/, 'the finding names the CSV file\'s columns');
    assert.deepEqual(cacheFiles(home).filter((f) => f.startsWith('vendor-')).map((f) => f.replace(/-[0-9a-f]{8}-v\d.*/, '')), ['vendor-csv']);
  });
});
