/** PEP 440 gates, requirement files and the script's own installs, and how messages name a version's source. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEnvironment, pinsFromScript } from '../../../server/src/engine/env/discover';
import { LATEST_KNOWN, UNSLOTH_ZOO_CAPS } from '../../../server/src/engine/env/latest-known';
import { compareVersions, specifierInterval } from '../../../server/src/engine/env/pep440';
import { parseRequirement } from '../../../server/src/engine/env/requirements';
import { describeVersion, gateVersion, unknownNote, type PackageVersion } from '../../../server/src/engine/env/versions';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';

const v = (version: string): PackageVersion => ({ version, source: 'test' });
const s = (specifier: string): PackageVersion => ({ specifier, source: 'test' });

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-pep440-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('PEP 440 versions and gates', () => {
  it('orders pre, dev, post and local versions as pip does', () => {
    assert.ok(compareVersions('0.13.0.dev0', '0.13.0a1') < 0);
    assert.ok(compareVersions('0.13.0rc1', '0.13') < 0);
    assert.ok(compareVersions('0.12.2.post1', '0.12.2') > 0);
    assert.ok(compareVersions('0.12.2.post1', '0.13') < 0);
    assert.ok(compareVersions('2.1.0+cu118', '2.1.0') > 0);
    assert.ok(compareVersions('1!0.1', '2025.1') > 0, 'epoch first');
    assert.equal(compareVersions('1.7', '1.7.0'), 0);
  });

  it('a pre-release of the version a change landed in is unknown, not unaffected', () => {
    assert.equal(gateVersion(v('0.13.0.dev0'), { from: '0.13' }), 'unknown');
    assert.equal(gateVersion(v('0.13.0rc2'), { before: '0.13' }), 'unknown');
    assert.equal(gateVersion(v('0.12.0rc1'), { from: '0.13' }), 'unaffected', 'a pre-release of another version decides');
    assert.equal(gateVersion(v('0.14.0.dev0'), { from: '0.13' }), 'affected');
    assert.equal(gateVersion(v('0.13.0+cu121'), { from: '0.13' }), 'affected', 'a local version is its release');
    assert.equal(gateVersion(v('0.12.2.post1'), { before: '0.13' }), 'affected');
    assert.match(unknownNote('TRL', v('0.13.0.dev0'), { from: '0.13' }), /pre-release of 0\.13/);
  });

  it('specifiers: ==X.*, ~=, ranges, != and === decide a gate only when every allowed version agrees', () => {
    assert.equal(gateVersion(s('==0.13.*'), { from: '0.13' }), 'affected');
    assert.equal(gateVersion(s('==0.12.*'), { from: '0.13' }), 'unaffected');
    assert.equal(gateVersion(s('==0.12.*'), { from: '0.12.5' }), 'unknown');
    assert.equal(gateVersion(s('~=0.12.1'), { before: '0.13' }), 'affected');
    assert.equal(gateVersion(s('~=0.12'), { before: '0.13' }), 'unknown', '~=0.12 allows 0.99');
    assert.equal(gateVersion(s('>=0.12,<0.13,!=0.12.3'), { before: '0.13' }), 'affected');
    assert.equal(gateVersion(s('<=0.12.2'), { from: '0.13' }), 'unaffected');
    assert.equal(gateVersion(s('<0.13'), { from: '0.13' }), 'unaffected');
    assert.equal(gateVersion(s('>0.13'), { before: '0.13.1' }), 'unknown');
    assert.equal(gateVersion(s('>=0.20'), { from: '0.13' }), 'affected');
    assert.equal(gateVersion(s('!=0.12.3'), { from: '0.13' }), 'unknown');
    assert.equal(gateVersion(s('===0.12.2'), { before: '0.13' }), 'affected');
    assert.deepEqual(specifierInterval('~=2.2'), { lower: { version: '2.2', inclusive: true }, upper: { version: '3', inclusive: false } });
    assert.equal(gateVersion(s('not a spec'), { from: '1' }), 'unknown');
  });

  it('environment markers: alternatives must agree', () => {
    const both: PackageVersion = { source: 't', alternatives: [v('0.12.2'), v('0.19.1')] };
    assert.equal(gateVersion(both, { before: '1.7' }), 'affected');
    assert.equal(gateVersion(both, { from: '0.13' }), 'unknown');
    assert.match(unknownNote('TRL', both, { from: '0.13' }), /environment markers/);
  });
});

describe('requirement lines and files', () => {
  it('parses extras, markers, direct references and old-style parentheses', () => {
    assert.deepEqual(parseRequirement('unsloth[colab-new]==2025.3.1 ; python_version >= "3.10"'),
      { name: 'unsloth', extras: ['colab-new'], specifier: '==2025.3.1', marker: 'python_version >= "3.10"' });
    assert.equal(parseRequirement('trl >= 0.12 , < 0.13')?.specifier, '>=0.12,<0.13');
    assert.equal(parseRequirement('unsloth @ git+https://github.com/unslothai/unsloth.git')?.url, 'git+https://github.com/unslothai/unsloth.git');
    assert.equal(parseRequirement('peft (==0.13.2)')?.specifier, '==0.13.2');
    assert.equal(parseRequirement('--index-url https://x'), undefined);
  });

  it('follows -r and -c includes, joins continuations with hashes, and keeps marker alternatives', () => {
    const dir = project({
      'requirements.txt': '-r requirements/base.txt\n-c constraints.txt\ntrl[peft]==0.12.2 \\\n    --hash=sha256:abc\npeft\n',
      'requirements/base.txt': 'transformers==4.44.2 ; python_version >= "3.9"\ntransformers==4.38.0 ; python_version < "3.9"\n',
      'constraints.txt': 'peft==0.13.2\n',
      '../outside.txt': 'datasets==1.0\n',
    });
    writeFileSync(join(dir, 'requirements-dev.txt'), '-r ../outside.txt\n');
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.equal(env.get('trl')?.version, '0.12.2');
    assert.equal(describeVersion('TRL', env.get('trl')!), 'TRL 0.12.2, pinned in requirements.txt');
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.match(describeVersion('PEFT', env.get('peft')!), /pinned in constraints\.txt/);
    assert.equal(env.get('transformers')?.alternatives?.length, 2);
    assert.equal(env.gate('transformers', { from: '4.38' }), 'affected');
    assert.equal(env.gate('transformers', { from: '4.41' }), 'unknown');
    assert.equal(env.get('datasets'), undefined, 'an include outside the project is not read');
  });

  it('without a workspace (the CLI), names a pin file by its absolute path, not one relative to `/`', () => {
    const dir = project({ 'requirements.txt': 'trl==0.12.2\n', 'training/.keep': '' });
    const env = discoverEnvironment({ scriptDir: join(dir, 'training'), env: {} });
    assert.equal(describeVersion('TRL', env.get('trl')!), `TRL 0.12.2, pinned in ${join(dir, 'requirements.txt')}`);
  });

  it('names an installed version by its environment folder', () => {
    const dir = project({ '.venv/pyvenv.cfg': '', '.venv/lib/python3.11/site-packages/trl-0.21.0.dist-info/METADATA': '' });
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.equal(describeVersion('TRL', env.get('trl')!), 'TRL 0.21.0, installed in .venv');
  });
});

describe("the script's own installs", () => {
  it('a pinned install is named by its line, not called "installed"', () => {
    const env = pinsFromScript('import os\n# pip install trl==0.19.1\n');
    // A commented install (tpu-examples `tpu_sft.py`: `# pip install trl peft`) counts, and is named as a comment.
    assert.equal(describeVersion('TRL', env.get('trl')!), 'TRL 0.19.1, from `pip install` on line 2, in a comment');
    // databricks-ml-examples: a Databricks notebook's source runs its `# MAGIC %pip install` cells.
    const magic = pinsFromScript('# Databricks notebook source\n# MAGIC %pip install bitsandbytes==0.41.1 trl==0.7.10\n');
    assert.equal(describeVersion('TRL', magic.get('trl')!), 'TRL 0.7.10, from `pip install` on line 2');
    const nb = pinsFromScript('x\n!pip install trl==0.19.1\n', { lineLabel: (l) => `cell 2, line ${l}` , notebook: true });
    assert.match(describeVersion('TRL', nb.get('trl')!), /on cell 2, line 1\)?$/);
  });

  it("a notebook's `%%bash` install cell and a lone `pip install` line run: they are not called comments", () => {
    // Tahleels/json-extract-qlora-dpo `colab_end_to_end.ipynb`: a `%%bash` cell runs `pip install -q \\ "trl==…" …`.
    const doc = ScriptDocument.fromNotebook('nb.ipynb', [
      { kind: 'markdown', text: '# Setup' },
      { kind: 'code', text: '%%bash\npip install -q \\\n    "trl==0.19.1" \\\n    pyyaml\n# pip install peft==0.13.2\n' },
      { kind: 'code', text: 'pip install datasets==3.0.1' },
      { kind: 'code', text: 'import trl\n# !pip install accelerate==1.0.1\n' },
      { kind: 'code', text: '!pip install peft==0.13.2 bitsandbytes==0.45.0\n  %pip install wandb==0.19.1' },
      // berkruveyik/vlm-foodVision-fine-tuning: a `%%writefile README.md` cell's install instructions only write a file.
      { kind: 'code', text: '%%writefile README.md\n```bash\npip install gradio==5.0.1\n```\n' },
    ]);
    const env = pinsFromScript(doc.text, { lineLabel: (l) => doc.lineLabel(l), notebook: true, commentedCommand: (l) => doc.isCommentedCommand(l) });
    assert.equal(describeVersion('TRL', env.get('trl')!), 'TRL 0.19.1, from `pip install` on cell 2, line 2');
    // It runs, as a `!pip` line does: a project's exact version it excludes gives way; the author's comment does not.
    assert.equal(env.get('trl')!.scriptRequirement, '==0.19.1');
    assert.equal(env.get('accelerate')!.scriptRequirement, undefined);
    assert.equal(describeVersion('datasets', env.get('datasets')!), 'datasets 3.0.1, from `pip install` on cell 3, line 1');
    // The author's own comments stay comments, in a `%%bash` cell and in a Python cell.
    assert.equal(describeVersion('PEFT', env.get('peft')!), 'PEFT 0.13.2, from `pip install` on cell 2, line 5, in a comment');
    assert.equal(describeVersion('accelerate', env.get('accelerate')!), 'accelerate 1.0.1, from `pip install` on cell 4, line 2, in a comment');
    // `!pip` and `%pip` lines (joined as `0#pip …`) are commands, as before.
    assert.equal(describeVersion('bitsandbytes', env.get('bitsandbytes')!), 'bitsandbytes 0.45.0, from `pip install` on cell 5, line 1');
    assert.equal(describeVersion('wandb', env.get('wandb')!), 'wandb 0.19.1, from `pip install` on cell 5, line 2');
    assert.equal(describeVersion('gradio', env.get('gradio')!), 'gradio 5.0.1, from `pip install` on cell 6, line 3, in a comment');
  });

  it('an unpinned, upgraded or git install is the newest known release, said so', () => {
    const latest = LATEST_KNOWN.unsloth.version;
    for (const line of ['!pip install unsloth', '%pip install -U --no-deps unsloth', 'pip install "unsloth[colab-new] @ git+https://github.com/unslothai/unsloth.git"',
      '!uv pip install --system -qqq --upgrade --force-reinstall --no-deps git+https://github.com/unslothai/unsloth-zoo git+https://github.com/unslothai/unsloth']) {
      const env = pinsFromScript(`${line}\n`, { notebook: true });
      assert.equal(env.get('unsloth')?.version, latest, line);
      assert.equal(env.gate('unsloth', { before: '2025.6.1' }), 'unaffected', line);
      assert.match(describeVersion('Unsloth', env.get('unsloth')!), new RegExp(`^assuming Unsloth ${latest.replace(/\./g, '\\.')}, the newest known as of \\d{4}-\\d\\d-\\d\\d, since the notebook installs it (unpinned|from git) \\(line 1\\)$`), line);
    }
    assert.equal(pinsFromScript('!pip install unsloth\n').get('unsloth-zoo'), undefined, 'only what the line names');
    assert.equal(pinsFromScript('!pip install -q git+https://github.com/huggingface/trl.git@main\n').get('trl')?.version, LATEST_KNOWN.trl.version);
  });

  it("a fork's branch or a commit installed from git is no version", () => {
    // smol-vision-fine-tuned `PaliGemma_DPO.ipynb`: qgallouedec/trl's main is TRL 0.9.5.dev0 (2024-07-07), whose DPOTrainer
    // still takes `tokenizer=` and `dataset_num_proc=`; it was read as the newest TRL and both were errors.
    for (const line of ['!pip install -q git+https://github.com/qgallouedec/trl.git@main', '!pip install "trl @ git+https://github.com/someone/trl"',
      '!pip install git+https://github.com/huggingface/trl.git@2f726ce4e88a99c1c4cb4e8b3a6e3c2d0b3f9a1e', '!pip install git+https://github.com/unslothai/unsloth.git@nightly']) {
      const env = pinsFromScript(`${line}\n`, { notebook: true });
      assert.equal(env.get('trl'), undefined, line);
      assert.equal(env.get('unsloth'), undefined, line);
    }
  });

  it('open specifiers: the newest known when it satisfies them, else the specifier', () => {
    assert.equal(pinsFromScript('%pip install "trl>=0.20"\n').get('trl')?.version, LATEST_KNOWN.trl.version);
    const old = pinsFromScript('%pip install "trl<0.20"\n');
    assert.equal(old.get('trl')?.version, undefined);
    assert.equal(old.gate('trl', { from: '0.20' }), 'unaffected');
    assert.equal(pinsFromScript('!pip install "transformers>=5.5.0"\n').get('transformers')?.version, LATEST_KNOWN.transformers.version);
    assert.equal(pinsFromScript('!pip install "accelerate>=1.0"\n').get('accelerate')?.specifier, '>=1.0', 'no table entry: the specifier');
  });

  it('an unpinned transformers is the newest known: a 2023 notebook run today gets transformers 5', () => {
    const env = pinsFromScript('!pip install -q transformers datasets accelerate\n', { notebook: true });
    assert.equal(env.get('transformers')?.version, LATEST_KNOWN.transformers.version);
    assert.equal(env.gate('transformers', { from: '5.0' }), 'affected');
    assert.equal(env.get('accelerate'), undefined, 'no table entry, no version');
    assert.equal(env.get('datasets')?.version, LATEST_KNOWN.datasets.version, 'datasets has one');
  });

  it("beside an Unsloth install that resolves its requirements, TRL and transformers stay inside unsloth_zoo's bounds", () => {
    // unsloth_zoo 2026.8.13 requires trl<=0.24.0 and transformers<=5.5.0: `pip install unsloth trl` installs TRL 0.24.0.
    const together = pinsFromScript('!pip install unsloth trl transformers\n', { notebook: true });
    assert.equal(together.get('trl')?.version, UNSLOTH_ZOO_CAPS.trl.version);
    assert.equal(together.gate('trl', { from: '0.25' }), 'unaffected');
    assert.equal(together.get('transformers')?.version, UNSLOTH_ZOO_CAPS.transformers.version);
    assert.match(describeVersion('TRL', together.get('trl')!), /beside Unsloth, whose unsloth_zoo [\d.]+ allows at most 0\.24\.0/);
    // The capped release is not called the newest known: the message says another install bounds it.
    assert.match(describeVersion('TRL', together.get('trl')!), /^assuming TRL 0\.24\.0, the newest release the other installs allow as of /);
    // Separate commands: which one runs last decides; a verdict needs both to agree.
    const apart = pinsFromScript('!pip install unsloth\n!pip install -U trl\n', { notebook: true });
    assert.equal(apart.gate('trl', { from: '0.25' }), 'unknown');
    assert.equal(apart.gate('trl', { from: '0.20' }), 'affected');
    assert.match(unknownNote('TRL', apart.get('trl'), { from: '0.25' }), /depends on which install runs last/);
    // Each alternative says what it is: the bound's release, or the newest known for the install as written.
    assert.match(unknownNote('TRL', apart.get('trl'), { from: '0.25' }), /assuming TRL 0\.24\.0, the newest release the other installs allow as of [\d-]+, since the notebook installs it unpinned beside Unsloth/);
    assert.match(unknownNote('TRL', apart.get('trl'), { from: '0.25' }), /assuming TRL [\d.]+, the newest known as of [\d-]+, since the notebook installs it unpinned \(line 2\)\)/);
    // `--no-deps` resolves nothing (the Colab cells of Unsloth's notebooks): the newest.
    assert.equal(pinsFromScript('!pip install --no-deps unsloth unsloth_zoo trl\n').get('trl')?.version, LATEST_KNOWN.trl.version);
    // Installed before an Unsloth install that always runs: pip brings it back inside the bound.
    const first = pinsFromScript('!pip install -q torch transformers trl\n!pip install -q "unsloth[colab-new] @ git+https://github.com/unslothai/unsloth.git"\n');
    assert.equal(first.get('trl')?.version, UNSLOTH_ZOO_CAPS.trl.version);
    // Unsloth's notebooks: `pip install unsloth` off Colab, `--no-deps … trl …` on Colab. Either may run.
    const template = pinsFromScript('if "COLAB_" not in "".join(os.environ.keys()):\n    !pip install unsloth\nelse:\n    !pip install --no-deps bitsandbytes peft trl unsloth_zoo\n    !pip install --no-deps unsloth\n');
    assert.equal(template.gate('trl', { from: '0.25' }), 'unknown');
    assert.equal(template.gate('trl', { from: '0.20' }), 'affected');
    // Unsloth's own repository at its default branch is the newest Unsloth: its bounds apply.
    const git = pinsFromScript('!pip install "unsloth[colab] @ git+https://github.com/unslothai/unsloth.git"\n!pip install transformers datasets\n');
    assert.equal(git.gate('transformers', { from: '5.0' }), 'affected');
    assert.equal(git.gate('transformers', { from: '5.6' }), 'unknown');
    // An older Unsloth brings bounds trainlint does not know: no version.
    assert.equal(pinsFromScript('!pip install unsloth==2025.3.14\n!pip install trl\n').get('trl'), undefined);
    // An exact pin is what runs.
    assert.equal(pinsFromScript('!pip install unsloth trl==0.19.1\n').get('trl')?.version, '0.19.1');
  });

  it('an exact pin beats an unpinned install of the same package; different pins are alternatives', () => {
    const env = pinsFromScript('!pip install --no-deps trl peft\n!pip install --no-deps trl==0.22.2\n');
    assert.equal(env.get('trl')?.version, '0.22.2');
    const two = pinsFromScript('!pip install trl==0.22.2\n!pip install trl==0.12.0\n');
    assert.equal(two.gate('trl', { from: '0.13' }), 'unknown');
    assert.equal(two.gate('trl', { before: '1.0' }), 'affected');
  });

  it('shell words: quotes, continuations, options with values, placeholders and trailing comments', () => {
    const env = pinsFromScript('!uv pip install --system -qqq \\\n    "trl==0.22.2" -r req.txt {xformers} peft==0.13.2 # pip install datasets==9\n');
    assert.equal(env.get('trl')?.version, '0.22.2');
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.equal(env.get('req.txt'), undefined);
    assert.equal(env.get('datasets'), undefined);
  });

  it('PEP 723 script dependencies', () => {
    const env = pinsFromScript('# /// script\n# dependencies = [\n#     "trl",\n#     "peft==0.13.2",\n# ]\n# ///\nimport trl\n');
    assert.equal(env.get('trl')?.version, LATEST_KNOWN.trl.version);
    assert.match(describeVersion('TRL', env.get('trl')!), /`# \/\/\/ script` dependencies/);
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.equal(describeVersion('PEFT', env.get('peft')!), "PEFT 0.13.2, from the script's `# /// script` dependencies on line 1", 'a pin in the block is not a `pip install` line');
  });
});
