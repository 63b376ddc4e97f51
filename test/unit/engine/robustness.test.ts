/**
 * Broken and half-typed Python is input, not an error: mutated fixtures lint without a hang, a throw
 * or an internal rule error. The mutation run is a child process with a deadline, so a hang fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';

describe('robustness on broken input', function () {
  this.timeout(150000);
  before(ready);

  it('mutated rule fixtures lint without hangs or internal errors', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'mutate-fixtures.ts')], { encoding: 'utf8', timeout: 120000 });
    assert.equal(r.signal, null, 'the mutation run hung (killed at the deadline)');
    assert.equal(r.status, 0, r.stderr);
    const { runs, problems } = JSON.parse(r.stdout) as { runs: number; problems: string[] };
    assert.ok(runs > 400, `only ${runs} runs`);
    assert.deepEqual(problems, []);
  });

  it('an assignment cut inside an f-string lints (it once looped forever)', () => {
    // Regression: tree-sitter recovers `x = f"…` (unterminated) as an assignment nested in an
    // assignment without a right side; the facts index followed `right` forever.
    const r = spawnSync(process.execPath, ['--import', 'tsx', '-e', `
      const { initParser, lintText } = require(${JSON.stringify(join(__dirname, '../../../server/src/engine/index.ts'))});
      initParser().then(() => { lintText('/tmp/x.py', 'import os\\nlogin(token=os.environ["HF_TOKEN"])\\nurl = f"https://user:hf_QwErTyUiOpAsDfGhJkLzXcVbNm1234567890@huggingface.co/re'); process.stdout.write('ok'); });
    `], { encoding: 'utf8', timeout: 30000 });
    assert.equal(r.stdout, 'ok', r.stderr || 'timed out');
    assert.ok(Array.isArray(lintText('/tmp/y.py', 'a = b = c\n').diagnostics));
  });
});
