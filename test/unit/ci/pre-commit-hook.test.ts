/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) with the real `pre-commit` (Debian's package) on a
 * throw-away git repository: a buggy training script blocks the commit, a clean one is committed,
 * and `trainlint-fix` applies the safe fix. The hook repository is a local git copy of this
 * repository's hook file; `trainlint` on PATH runs dist/cli.js, as `npm install -g` would provide.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
// The script names its TRL (a PEP 723 block): with the version unknown, the finding would only be information.
const BUGGY = [
  '# /// script',
  '# dependencies = ["trl==0.19.1"]',
  '# ///',
  'from datasets import Dataset',
  'from transformers import DataCollatorForSeq2Seq',
  'from trl import SFTTrainer, SFTConfig',
  '',
  'dataset = Dataset.from_dict({"text": ["hello", "world"]})',
  'trainer = SFTTrainer(model=model, train_dataset=dataset, data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer), args=SFTConfig(output_dir="out"))',
  '',
].join('\n');
const CLEAN = [
  'from datasets import Dataset',
  'from trl import SFTTrainer, SFTConfig',
  '',
  'dataset = Dataset.from_dict({"text": ["hello", "world"]})',
  'trainer = SFTTrainer(model=model, train_dataset=dataset, args=SFTConfig(output_dir="out"))',
  '',
].join('\n');

describe('pre-commit hooks with the real pre-commit', function () {
  this.timeout(120_000);
  let dir: string;
  let project: string;
  let env: NodeJS.ProcessEnv;

  const run = (cwd: string, cmd: string, ...args: string[]) => {
    const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { code: r.status, out: `${r.stdout}${r.stderr}` };
  };
  const ok = (cwd: string, cmd: string, ...args: string[]) => {
    const r = run(cwd, cmd, ...args);
    assert.equal(r.code, 0, `${cmd} ${args.join(' ')}: ${r.out}`);
    return r.out;
  };

  before(function () {
    const which = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    if (which.error) throw new Error('pre-commit is not installed: apt-get install pre-commit (Debian\'s package)');
    dir = mkdtempSync(join(tmpdir(), 'trainlint-pre-commit-'));
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'trainlint'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'dist', 'cli.js')}" "$@"\n`);
    chmodSync(join(bin, 'trainlint'), 0o755);
    env = {
      ...process.env, PATH: `${bin}:${process.env.PATH}`, PRE_COMMIT_HOME: join(dir, 'cache'), HOME: dir,
      GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
    };
    // The hook repository: this repository's hook definitions, committed.
    const hooks = join(dir, 'hooks');
    mkdirSync(hooks);
    copyFileSync(join(ROOT, '.pre-commit-hooks.yaml'), join(hooks, '.pre-commit-hooks.yaml'));
    ok(hooks, 'git', 'init', '-q');
    ok(hooks, 'git', 'add', '.');
    ok(hooks, 'git', 'commit', '-qm', 'hooks');
    const rev = ok(hooks, 'git', 'rev-parse', 'HEAD').trim();
    project = join(dir, 'project');
    mkdirSync(project);
    ok(project, 'git', 'init', '-q');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: trainlint\n`);
    writeFileSync(join(project, 'README.md'), 'not Python\n');
    ok(project, 'pre-commit', 'install');
  });
  after(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

  const commits = () => run(project, 'git', 'rev-list', '--count', 'HEAD').out.trim();

  it('blocks the commit of a buggy training script and names the finding', () => {
    writeFileSync(join(project, 'train.py'), BUGGY);
    ok(project, 'git', 'add', '.');
    const r = run(project, 'git', 'commit', '-m', 'buggy');
    assert.notEqual(r.code, 0, r.out);
    assert.match(r.out, /trainlint\.+Failed/);
    assert.match(r.out, /train\.py:\d+:\d+: .*TL001/);
    assert.notEqual(commits(), '1', 'nothing was committed');
  });

  it('lets a clean script through', () => {
    writeFileSync(join(project, 'train.py'), CLEAN);
    ok(project, 'git', 'add', '.');
    const r = run(project, 'git', 'commit', '-m', 'clean');
    assert.equal(r.code, 0, r.out);
    assert.match(r.out, /trainlint\.+Passed/);
    assert.equal(commits(), '1');
  });

  it('trainlint-fix applies the safe fix and fails so the fix can be reviewed and staged', () => {
    const rev = readFileSync(join(project, '.pre-commit-config.yaml'), 'utf8').match(/rev: (\S+)/)![1];
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${join(dir, 'hooks')}\n    rev: ${rev}\n    hooks:\n      - id: trainlint-fix\n      - id: trainlint\n`);
    writeFileSync(join(project, 'train.py'), BUGGY);
    ok(project, 'git', 'add', '.');
    const before = Number(commits()) || 0; // runnable alone: the earlier tests may or may not have committed (no HEAD: 0)
    const r = run(project, 'git', 'commit', '-m', 'fix me');
    assert.notEqual(r.code, 0, 'pre-commit fails when a hook changed files');
    assert.match(r.out, /files were modified by this hook/);
    assert.ok(!readFileSync(join(project, 'train.py'), 'utf8').includes('data_collator='), 'the safe fix removed the collator');
    ok(project, 'git', 'add', '.');
    const again = run(project, 'git', 'commit', '-m', 'fixed');
    assert.equal(again.code, 0, again.out);
    assert.equal(commits(), String(before + 1));
  });
});
