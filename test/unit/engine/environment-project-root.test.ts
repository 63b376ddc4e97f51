/**
 * How far up the environment discovery reads (session 27): pin files, virtual environments and launchers of the
 * folders up to the project's root (trainlint's configuration, as Ruff's closest configuration file, or `.git`), not of
 * the folders above it; the configuration lookup still takes the closest configuration file wherever it is, as Ruff does.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEnvironment, projectAncestors } from '../../../server/src/engine/env/discover';
import { DiskMemo } from '../../../server/src/engine/env/disk-memo';
import { loadConfigFor } from '../../../server/src/engine/lint/config-file';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-root-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    if (p.endsWith('/')) mkdirSync(join(dir, p), { recursive: true });
    else writeFileSync(join(dir, p), text);
  }
  return dir;
}

/** The CLI's discovery: no workspace folder. */
const cliEnv = (dir: string) => discoverEnvironment({ scriptDir: dir, env: {} });

describe('environment discovery stops at the project root', () => {
  it('a requirements file above the repository (`.git`) is not the project\'s', () => {
    const outer = tree({ 'requirements.txt': 'trl==0.8.6\n', 'repo/.git/': '', 'repo/train/train.py': '' });
    assert.equal(cliEnv(join(outer, 'repo', 'train')).get('trl'), undefined);
    assert.deepEqual(projectAncestors(join(outer, 'repo', 'train'), undefined, new DiskMemo()), [join(outer, 'repo', 'train'), join(outer, 'repo')]);
  });

  it('nor one above a pyproject.toml with [tool.trainlint], nor a virtual environment there', () => {
    const outer = tree({
      'requirements.txt': 'trl==0.8.6\n',
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      '.venv/lib/python3.11/site-packages/trl-0.9.6.dist-info/METADATA': 'Name: trl\n',
      'proj/pyproject.toml': '[project]\nname = "p"\ndependencies = ["peft==0.12.0"]\n[tool.trainlint]\nignore = ["TL601"]\n',
      'proj/scripts/run.py': '',
    });
    const env = cliEnv(join(outer, 'proj', 'scripts'));
    assert.equal(env.get('trl'), undefined);
    assert.equal(env.get('peft')?.version, '0.12.0');
  });

  it('near miss: the repository root\'s own pins, a tree with no project marker, and a pyproject.toml without trainlint\'s table (a vendored package: NVlabs/DoRA `visual_instruction_tuning/peft`)', () => {
    const repo = tree({ '.git/': '', 'requirements.txt': 'trl==0.8.6\n', 'src/train/train.py': '' });
    assert.equal(cliEnv(join(repo, 'src', 'train')).get('trl')?.version, '0.8.6');
    const loose = tree({ 'requirements.txt': 'trl==0.8.6\n', 'a/b/train.py': '' });
    assert.equal(cliEnv(join(loose, 'a', 'b')).get('trl')?.version, '0.8.6');
    const vendored = tree({ '.git/': '', 'requirements.txt': 'transformers==4.31.0\n', 'peft/pyproject.toml': '[project]\nname = "peft"\n[tool.ruff]\nline-length = 119\n', 'peft/tests/t.py': '' });
    assert.equal(cliEnv(join(vendored, 'peft', 'tests')).get('transformers')?.version, '4.31.0');
  });

  it("the configuration is still the closest one, above the repository too (Ruff's lookup)", () => {
    const outer = tree({ 'trainlint.toml': 'ignore = ["TL601"]\n', 'repo/.git/': '', 'repo/train.py': '' });
    const { config } = loadConfigFor(join(outer, 'repo'));
    assert.equal(config.source, join(outer, 'trainlint.toml'));
  });
});
