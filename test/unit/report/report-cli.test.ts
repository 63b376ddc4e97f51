import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fakeHfCache } from '../masking/fixtures';
import { jsonl, project, sftScript, words } from './fixtures';

const CLI = join(__dirname, '..', '..', '..', 'dist', 'cli.js');

describe('trainlint report (CLI)', function () {
  this.timeout(180_000);
  const p = project();
  const rows = Array.from({ length: 60 }, (_, i) => ({
    prompt: [{ role: 'user', content: words(i, 2 + ((i * 11) % 50)) }],
    completion: [{ role: 'assistant', content: words(i + 3, 5) }],
  }));
  p.write('rows.jsonl', jsonl(rows));
  p.write('short.py', sftScript({ data: 'rows.jsonl', maxLength: 40 }));
  p.write('long.py', sftScript({ data: 'rows.jsonl', maxLength: 4096 }));
  const run = (args: string[], env: Record<string, string> = { HF_HOME: fakeHfCache().home }) =>
    spawnSync(process.execPath, [CLI, 'report', ...args], { cwd: p.dir, encoding: 'utf8', env: { ...process.env, ...env } });

  it('JSON with exit 1 when rows lose every trained token; exit 0 when none do; no progress bar when piped', () => {
    const bad = run(['short.py', '--format', 'json', '--rows', '3']);
    assert.equal(bad.status, 1, bad.stderr);
    const r = JSON.parse(bad.stdout);
    assert.equal(r.version, 1);
    assert.equal(r.rows, 60);
    assert.ok(r.lostAllTrained.count > 0);
    assert.ok(r.lostAllTrained.rows.length <= 3);
    assert.equal(bad.stderr, '', 'nothing on stderr when it is not a terminal');
    const good = run(['long.py']);
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /Token lengths:/);
    assert.match(good.stdout, /rows truncated at max_length\s+0/);
  });

  it('without the tokenizer: exit 2 and says so; --approximate labels every count', () => {
    const none = run(['short.py'], { HF_HOME: join(p.dir, 'no-cache') });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /not in the local cache[\s\S]*--approximate/);
    const approx = run(['short.py', '--approximate'], { HF_HOME: join(p.dir, 'no-cache') });
    assert.equal(approx.status, 0, approx.stderr);
    assert.match(approx.stdout, /APPROXIMATE/);
    assert.match(approx.stdout, /tokens per epoch ≈/);
  });

  it('usage errors exit 2', () => {
    assert.equal(run([]).status, 2);
    assert.equal(run(['short.py', '--rows', '0']).status, 2);
    assert.equal(run(['short.py', '--format', 'xml']).status, 2);
  });
});
