/** The CLI with project configuration: problems exit 2 naming file:line, exclude / extend-exclude / .gitignore when walking, per-file-ignores, --add-noqa. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const SEED = join(ROOT, 'examples', 'seed_bug_seq2seq_collator.py');

function run(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A git work tree with the seed bug copied to each of `paths`. */
function repo(paths: string[], files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-cliconf-'));
  mkdirSync(join(dir, '.git'));
  for (const p of paths) { mkdirSync(join(dir, p, '..'), { recursive: true }); copyFileSync(SEED, join(dir, p)); }
  for (const [p, t] of Object.entries(files)) { mkdirSync(join(dir, p, '..'), { recursive: true }); writeFileSync(join(dir, p), t); }
  return dir;
}

const checked = (out: string) => [...new Set([...out.matchAll(/^([\w./-]+\.py):\d+:\d+:/gm)].map((m) => m[1]))].sort();

describe('CLI and project configuration', function () {
  this.timeout(60000);

  it('a config problem is printed once as file:line: message and exits 2; the valid rest still applies', () => {
    const dir = repo(['a.py', 'b.py'], { 'pyproject.toml': '[tool.trainlint]\nselct = ["TL0"]\nselect = ["TL001"]\n' });
    const r = run(dir, 'check', '.');
    assert.equal(r.code, 2);
    const msgs = r.err.split('\n').filter((l) => l.includes('selct'));
    assert.deepEqual(msgs, [`trainlint: ${join(dir, 'pyproject.toml')}:2: [tool.trainlint]: unknown key "selct" (did you mean "select"?); valid keys: extend, select, extend-select, ignore, per-file-ignores, exclude, extend-exclude, respect-gitignore`]);
    assert.deepEqual([...new Set([...r.out.matchAll(/TL\d{3}/g)].map((m) => m[0]))], ['TL001']);
  });

  it('select = "TL6" (a string) is refused with the list spelling', () => {
    const dir = repo(['a.py'], { 'trainlint.toml': 'select = "TL6"\n' });
    const r = run(dir, 'check', 'a.py');
    assert.equal(r.code, 2);
    assert.match(r.err, /trainlint.toml:1: trainlint.toml: "select" must be a list of strings, not the string "TL6" \(write select = \["TL6"\]\)/);
  });

  it('exclude, extend-exclude and .gitignore skip walked files; a file named on the command line is still checked', () => {
    const dir = repo(['src/train.py', 'gen/gen.py', 'scratch/try.py', 'data/cache/x.py', 'notes/old_train.py'], {
      'pyproject.toml': '[tool.trainlint]\nextend-exclude = ["scratch", "old_*.py"]\n',
      '.gitignore': 'data/\n',
      'gen/.gitignore': '*\n',
    });
    assert.deepEqual(checked(run(dir, 'check', '.').out), ['src/train.py']);
    assert.deepEqual(checked(run(dir, 'check', 'scratch/try.py').out), ['scratch/try.py']);
    writeFileSync(join(dir, 'pyproject.toml'), '[tool.trainlint]\nrespect-gitignore = false\nexclude = ["src"]\n');
    assert.deepEqual(checked(run(dir, 'check', '.').out), ['data/cache/x.py', 'gen/gen.py', 'notes/old_train.py', 'scratch/try.py']);
  });

  it('per-file-ignores silence codes in matching files only', () => {
    const dir = repo(['legacy/a.py', 'b.py'], { 'trainlint.toml': '[per-file-ignores]\n"legacy/*.py" = ["TL001"]\n' });
    const r = run(dir, 'check', '.', '--select', 'TL001');
    assert.deepEqual(checked(r.out), ['b.py']);
  });

  it('nearest config wins per file, extend inherits', () => {
    const dir = repo(['a/x.py', 'b/y.py'], {
      'base.toml': 'ignore = ["TL001"]\n',
      'a/trainlint.toml': 'extend = "../base.toml"\n',
      'b/pyproject.toml': '[tool.trainlint]\nselect = ["TL001"]\n',
    });
    const r = run(dir, 'check', '.');
    assert.deepEqual(checked(r.out.split('\n').filter((l) => / TL001 /.test(l)).join('\n')), ['b/y.py']);
    assert.ok(!/a\/x.py:\d+:\d+: TL001/.test(r.out));
  });

  it('--add-noqa writes # noqa: CODE for each finding; the next check passes', () => {
    const dir = repo(['t.py']);
    const r = run(dir, 'check', 't.py', '--add-noqa', '--select', 'TL001');
    assert.equal(r.code, 0, r.out + r.err);
    assert.match(r.out, /^Added 1 noqa comment\./);
    assert.match(readFileSync(join(dir, 't.py'), 'utf8'), /data_collator=DataCollatorForSeq2Seq\(tokenizer=tokenizer\),  # noqa: TL001\n/);
    assert.equal(run(dir, 'check', 't.py', '--select', 'TL001,TL903').code, 0);
    assert.match(run(dir, 'check', '-', '--add-noqa').err, /--add-noqa writes files/);
  });
});
