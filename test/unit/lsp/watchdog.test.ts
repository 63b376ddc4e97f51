/** The server's watchdog ends a process whose analysis never returns, naming the document. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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

  it('still catches a stuck document whose name holds a line break', () => {
    const r = runChild(`const w = new Watchdog(1000, ${opts}); w.run('file:///a\\nend', () => { for (;;) {} });`);
    assert.equal(r.signal, 'SIGKILL');
    assert.match(r.stderr, /analysing file:\/\/\/a\send took more than 1 s/);
  });
});
