/**
 * The mutation fuzzer (test/fuzz/fuzz.ts) with a fixed seed for a few seconds: mutated fixtures and
 * real scripts through lint, fix and the language server; no crash, no hang, fixes round-trip, the
 * server still answers. `npm run fuzz` runs it for minutes with a random seed.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('robustness: mutation fuzzer (fixed seed)', function () {
  this.timeout(240000);
  it('lint, fix and the server survive mutated fixtures and scripts', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, '..', '..', 'fuzz', 'fuzz.ts'), '--seed', '12', '--seconds', '6'], { encoding: 'utf8', timeout: 200000 });
    assert.equal(r.signal, null, 'the fuzzer hung (killed at the deadline)');
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { tried: number; problems: string[] };
    assert.deepEqual(out.problems, [], r.stderr);
    assert.ok(out.tried >= 5, `only ${out.tried} inputs tried`);
    assert.equal(r.status, 0);
  });
});
