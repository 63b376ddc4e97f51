/** The server's watchdog ends a process whose analysis never returns, naming the document. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const WATCHDOG = join(__dirname, '..', '..', '..', 'server', 'src', 'lsp', 'watchdog.ts');

function runChild(code: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', `
    const { Watchdog } = require(${JSON.stringify(WATCHDOG)});
    ${code}
  `], { encoding: 'utf8', timeout: 20000 });
}

for (const [name, opts] of [['bash process', '{}'], ['worker thread (where there is no bash)', '{ thread: true }']] as const) describe(`watchdog (${name})`, function () {
  this.timeout(30000);

  it('kills a process stuck in one analysis and says which document', () => {
    const r = runChild(`const w = new Watchdog(1000, ${opts}); w.run('file:///stuck/train.py', () => { for (;;) {} });`);
    assert.equal(r.signal, 'SIGKILL');
    assert.match(r.stderr, /analysing file:\/\/\/stuck\/train\.py took more than 1 s/);
  });

  it('leaves normal work alone and lets the process exit', () => {
    const r = runChild(`const w = new Watchdog(1000, ${opts}); for (let i = 0; i < 3; i++) w.run('file:///ok.py', () => 42); process.stdout.write('done');`);
    assert.equal(r.signal, null);
    assert.equal(r.stdout, 'done');
  });

  it('does not add up many analyses that each end in time', () => {
    // 6 analyses of 400 ms each: 2.4 s of analysis under a 1 s limit, none of them stuck.
    const r = runChild(`const w = new Watchdog(1000, ${opts}); const busy = (ms) => { const t = Date.now(); while (Date.now() - t < ms); };
      for (let i = 0; i < 6; i++) w.run('file:///slow.py', () => busy(400)); process.stdout.write('done');`);
    assert.equal(r.signal, null, r.stderr);
    assert.equal(r.stdout, 'done');
  });

  it('still catches a stuck document whose name holds a line break', () => {
    const r = runChild(`const w = new Watchdog(1000, ${opts}); w.run('file:///a\\nend', () => { for (;;) {} });`);
    assert.equal(r.signal, 'SIGKILL');
    assert.match(r.stderr, /analysing file:\/\/\/a\send took more than 1 s/);
  });
});

describe('watchdog (bash process) after the server is gone', function () {
  this.timeout(30000);
  const watchersOf = (pid: number) => readdirSync('/proc').filter((p) => /^\d+$/.test(p)).filter((p) => {
    try { return readFileSync(`/proc/${p}/cmdline`, 'utf8').split('\0').join(' ').includes(`trainlint-watchdog ${pid} `); } catch { return false; }
  });

  it('exits with the server instead of staying behind', async function () {
    if (process.platform !== 'linux') this.skip();
    const r = runChild(`new Watchdog(30000); process.stdout.write(String(process.pid));`);
    const pid = Number(r.stdout);
    assert.ok(pid > 0, r.stderr);
    let left = watchersOf(pid);
    for (let i = 0; i < 40 && left.length; i++) { await new Promise((ok) => setTimeout(ok, 100)); left = watchersOf(pid); }
    assert.deepEqual(left, []);
  });
});
