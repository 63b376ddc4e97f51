/** Pin sources beyond requirements files: Poetry constraints, extras, setup.cfg, Pipfile, conda environments, sibling requirements files. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEnvironment, pinsFromScript } from '../../../server/src/engine/env/discover';
import { DiskMemo } from '../../../server/src/engine/env/disk-memo';
import { poetrySpecifier } from '../../../server/src/engine/env/manifests';
import { unknownNote } from '../../../server/src/engine/env/versions';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-manifests-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

const envOf = (dir: string, sub = '') => discoverEnvironment({ scriptDir: join(dir, sub), workspaceRoot: dir, env: {} });

describe('project manifests as pin sources', () => {
  it("reads Poetry's caret and tilde constraints as ranges (georgian-io/LLM-Finetuning-Toolkit)", () => {
    assert.equal(poetrySpecifier('^0.8.2'), '>=0.8.2,<0.9');
    assert.equal(poetrySpecifier('^4.42.4'), '>=4.42.4,<5');
    assert.equal(poetrySpecifier('^0.0.3'), '>=0.0.3,<0.0.4');
    assert.equal(poetrySpecifier('~4.40.2'), '>=4.40.2,<4.41');
    assert.equal(poetrySpecifier('~1'), '>=1,<2');
    assert.equal(poetrySpecifier('4.36.0'), '==4.36.0');
    assert.equal(poetrySpecifier('>=4.36, <5'), '>=4.36,<5');
    assert.equal(poetrySpecifier('*'), '');
    assert.equal(poetrySpecifier('^1.0 || ^2.0'), undefined);
    const dir = project({ 'pyproject.toml': '[tool.poetry.dependencies]\npython = "^3.10"\ntrl = "~0.8.6"\ntransformers = {version = "~4.40.2", extras = ["torch"]}\npeft = "0.10.0"\ndatasets = "*"\n' });
    const env = envOf(dir);
    assert.equal(env.get('trl')?.specifier, '>=0.8.6,<0.9');
    assert.equal(env.gate('trl', { from: '0.13' }), 'unaffected', 'TRL ~0.8.6 never has what 0.13 removed');
    assert.equal(env.gate('transformers', { from: '4.46' }), 'unaffected');
    assert.equal(env.get('peft')?.version, '0.10.0');
    assert.equal(env.get('datasets'), undefined);
  });

  it('extras, dependency groups and Poetry groups are no pin: a script may run without them (duyet hf_jobs/train.py)', () => {
    const dir = project({
      'pyproject.toml': '[project]\nname = "legal"\ndependencies = ["datasets>=3.0.0"]\n[project.optional-dependencies]\ntrain = ["trl==0.9.6", "transformers==4.46.2"]\n[dependency-groups]\ndev = ["peft==0.12.0"]\n[tool.poetry.group.dev.dependencies]\naccelerate = "1.1.0"\n',
    });
    const env = envOf(dir);
    assert.equal(env.get('trl'), undefined);
    assert.equal(env.get('transformers'), undefined);
    assert.equal(env.get('peft'), undefined);
    assert.equal(env.get('accelerate'), undefined);
    assert.equal(env.get('datasets')?.specifier, '>=3.0.0');
  });

  it("sibling requirements files that pin a library differently are alternatives (optimum-habana examples/trl)", () => {
    const dir = project({
      'requirements.txt': 'trl==0.9.6\npeft==0.12.0\n',
      'requirements_grpo.txt': 'trl==0.17.0\npeft==0.12.0\n',
      'requirements-dev.txt': '-r requirements.txt\npytest\n',
    });
    const env = envOf(dir);
    assert.equal(env.get('trl')?.version, '0.9.6');
    assert.deepEqual(env.get('trl')?.alternatives?.map((a) => a.version), ['0.9.6', '0.17.0']);
    assert.equal(env.gate('trl', { from: '0.13' }), 'unknown', 'not TRL 0.17.0 for every script of the folder');
    assert.match(unknownNote('TRL', env.get('trl'), { from: '0.13' }), /which requirements file is installed/);
    assert.equal(env.get('peft')?.version, '0.12.0', 'files that agree are one fact');
    assert.equal(env.get('peft')?.alternatives, undefined);
  });

  it("the script's own pin of a release one of the requirements files allows is the version (HandsOnLLM chapter 12)", () => {
    const dir = project({ 'requirements.txt': 'trl == 0.9.4\n', 'requirements_min.txt': 'trl >= 0.9.4\n' });
    const env = envOf(dir).withFallback(pinsFromScript('# !pip install trl==0.9.4\n'));
    assert.equal(env.get('trl')?.version, '0.9.4');
    assert.equal(env.get('trl')?.origin?.kind, 'pip-line');
    const outside = envOf(dir).withFallback(pinsFromScript('# !pip install trl==0.8.6\n'));
    assert.equal(outside.get('trl')?.alternatives?.length, 2, 'a release no requirements file allows does not decide');
  });

  it("reads setup.cfg's install_requires, a Pipfile and Pipfile.lock, pdm.lock", () => {
    const dir = project({
      'setup.cfg': '[metadata]\nname = x\n[options]\npackages = find:\ninstall_requires =\n    transformers>=4.40,<4.42\n    datasets\n[options.extras_require]\ntrain = trl==0.20.0\n',
      'Pipfile': '[packages]\npeft = "==0.11.1"\ntorch = "*"\n',
      'sub/Pipfile.lock': '{"default": {"trl": {"version": "==0.8.6"}}}',
      'sub/pdm.lock': '[[package]]\nname = "datasets"\nversion = "2.19.0"\n',
    });
    const env = envOf(dir);
    assert.equal(env.get('transformers')?.specifier, '>=4.40,<4.42');
    assert.equal(env.get('trl')?.origin?.kind, 'implied', 'an extras_require line is not install_requires (TRL is only implied by the transformers cap)');
    assert.equal(env.get('peft')?.version, '0.11.1');
    const sub = envOf(dir, 'sub');
    assert.equal(sub.get('trl')?.version, '0.8.6');
    assert.equal(sub.get('datasets')?.version, '2.19.0');
  });

  it("reads a conda environment file's pip list and conda packages (HandsOnLLM); an AzureML job's conda.yml is not read (james-tn/llm-fine-tuning)", () => {
    const dir = project({
      'environment.yml': 'name: thellmbook\nchannels:\n  - conda-forge\ndependencies:\n  - python=3.10\n  - conda-forge::datasets=2.20\n  - pip\n  - pip:\n      - trl==0.9.4\n      - "transformers==4.41.2"\n      - -r requirements-extra.txt\nvariables:\n  - peft==9.9.9\n',
      'requirements-extra.txt': 'peft==0.11.1\n',
      'job/conda.yml': 'dependencies:\n  - pip:\n    - trl==0.13.0\n',
    });
    const env = envOf(dir);
    assert.equal(env.get('trl')?.version, '0.9.4');
    assert.equal(env.get('transformers')?.version, '4.41.2');
    assert.equal(env.get('datasets')?.specifier, '==2.20.*');
    assert.equal(env.gate('datasets', { from: '3.0' }), 'unaffected');
    assert.equal(env.get('peft')?.version, '0.11.1', 'the pip list includes a requirements file; `variables:` is no dependency');
    assert.equal(envOf(dir, 'job').get('trl')?.version, '0.9.4', "a job's conda.yml is not the project's environment");
  });

  it('a folder whose project files cannot be read adds nothing and ends nothing; its parents\' pins stand', () => {
    const dir = project({ 'requirements.txt': 'trl==0.19.0\n', 'sub/requirements.txt': 'trl==0.8.6\npeft==0.11.1\n', 'sub/setup.py': 'x' });
    // Any reader failing on a file (here: reading setup.py throws) must not end the discovery, as a malformed manifest did.
    class Failing extends DiskMemo {
      override text(path: string, max: number): string | undefined {
        if (path.endsWith('setup.py')) throw new Error('unreadable');
        return super.text(path, max);
      }
    }
    const env = discoverEnvironment({ scriptDir: join(dir, 'sub'), workspaceRoot: dir, env: {}, disk: new Failing() });
    assert.equal(env.get('trl')?.version, '0.19.0', "the parent folder's pin");
    assert.equal(env.get('peft')?.version, undefined, 'nothing half-read from the failing folder');
  });

  it('a pyproject or lock of the wrong shape pins nothing and breaks nothing (Messydrawing/llm-test2 test7/pyproject.toml)', () => {
    // `[project.dependencies]` as a table (pip refuses it): the discovery threw and the CLI ended the whole run.
    const table = project({
      'pyproject.toml': '[project]\nname = "distill"\n[project.dependencies]\ntorch = "*"\ntrl = "0.19.0"\n[tool.poetry]\ndependencies = ["peft"]\n',
      'uv.lock': '[package]\nname = "trl"\nversion = "0.20.0"\n',
      'requirements.txt': 'transformers==4.56.1\n',
    });
    const env = envOf(table);
    assert.equal(env.get('trl')?.version, undefined, 'a dependencies table is no PEP 621 list, and a [package] table no lock entry');
    assert.equal(env.get('transformers')?.version, '4.56.1', 'the other pin files of the folder are still read');
    // Near miss: the PEP 621 list and the lock's [[package]] array are read as before.
    const list = project({ 'pyproject.toml': '[project]\nname = "distill"\ndependencies = ["trl==0.19.0"]\n', 'sub/uv.lock': '[[package]]\nname = "peft"\nversion = "0.17.1"\n' });
    assert.equal(envOf(list).get('trl')?.version, '0.19.0');
    assert.equal(envOf(list, 'sub').get('peft')?.version, '0.17.1');
  });
});
