/**
 * The incremental-equivalence fuzzer (test/fuzz/incremental-equivalence.ts) with a fixed seed for a few seconds:
 * the repository's example scripts, rule fixtures and notebooks, opened as the language server opens them and
 * typed into; after every edit the diagnostics equal a fresh lint's, and once undone the first lint's. Runs over
 * the real corpora (minutes, random seed) are reported in docs/corpus.md, session 24.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');

describe('robustness: incremental lint equals a fresh lint (fixed seed)', function () {
  this.timeout(240000);
  it('typing into scripts and notebooks gives the diagnostics of a fresh lint after every edit', () => {
    const inputs = ['examples', 'test/fixtures/notebook-outputs', 'test/fixtures/rules/TL504', 'test/fixtures/rules/TL001'].map((p) => join(ROOT, p));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'fuzz', 'incremental-equivalence.ts'), '--seed', '24', '--files', '4', '--sequences', '2', '--seconds', '6', ...inputs], { encoding: 'utf8', timeout: 200000 });
    assert.equal(r.signal, null, 'the fuzzer hung (killed at the deadline)');
    const out = JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { files: number; edits: number; problems: string[] };
    assert.deepEqual(out.problems, [], r.stderr);
    assert.ok(out.files >= 1 && out.edits >= 10, `only ${out.files} files, ${out.edits} edits`);
    assert.equal(r.status, 0);
  });
});
