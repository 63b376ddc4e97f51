/** Library versions from disk and script, and the version-gate policy. */
import assert from 'node:assert/strict';
import { LATEST_KNOWN } from '../../../server/src/engine/env/latest-known';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discoverEnvironment, pinsFromScript } from '../../../server/src/engine/env/discover';
import { Environment, compareVersions } from '../../../server/src/engine/env/versions';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'trainlint-env-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(join(dir, p, '..'), { recursive: true });
    writeFileSync(join(dir, p), text);
  }
  return dir;
}

describe('environment model', () => {
  it('compares versions like pip (numeric segments, pre-releases before finals)', () => {
    assert.ok(compareVersions('0.20.0', '0.9.1') > 0);
    assert.ok(compareVersions('1.7', '1.7.0') === 0);
    assert.ok(compareVersions('0.20.0rc1', '0.20.0') < 0);
    assert.ok(compareVersions('4.46.0.dev0', '4.46.0') < 0);
  });

  it('reads a project per folder once, and nothing for an unsaved buffer (whatever the current directory holds)', () => {
    const dir = project({ 'requirements.txt': 'trl==0.8.6\n', 'pyproject.toml': '[tool.trainlint]\nignore = ["TL601"]\n' });
    const projects = new ProjectContexts(() => dir);
    const saved = projects.get(join(dir, 'train.py'), '');
    assert.equal(saved.env.get('trl')?.version, '0.8.6');
    assert.deepEqual(saved.config.ignore, ['TL601']);
    assert.equal(projects.get(join(dir, 'other.py'), ''), saved, 'cached per folder');
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const untitled = projects.get('untitled:Untitled-1', '');
      assert.equal(untitled.env.get('trl'), undefined);
      assert.deepEqual(untitled.config.ignore ?? [], []);
    } finally { process.chdir(cwd); }
  });

  it('folders share what their parents and virtual environment hold, and see a changed project file once invalidated', () => {
    const dir = project({
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      '.venv/lib/python3.11/site-packages/peft-0.13.2.dist-info/METADATA': 'Name: peft\n',
      'requirements.txt': 'trl==0.8.6\n',
      'a/train.py': '', 'b/train.py': '',
    });
    const projects = new ProjectContexts(() => dir, { shareDiskReads: true });
    const a = projects.get(join(dir, 'a', 'train.py'), '');
    const b = projects.get(join(dir, 'b', 'train.py'), '');
    for (const ctx of [a, b]) {
      assert.equal(ctx.env.get('trl')?.version, '0.8.6');
      assert.equal(ctx.env.get('peft')?.version, '0.13.2');
    }
    writeFileSync(join(dir, 'requirements.txt'), 'trl==0.12.1\ntransformers==4.46.0\n');
    mkdirSync(join(dir, '.venv/lib/python3.11/site-packages/trl-0.19.0.dist-info'));
    projects.invalidate(); // the server does this when a project file changes
    const again = projects.get(join(dir, 'b', 'train.py'), '');
    assert.equal(again.env.get('trl')?.version, '0.19.0', 'the new install is listed');
    assert.equal(again.env.get('transformers')?.version, '4.46.0', 'the new requirements file is read');
  });

  it('a long-lived server reads afresh per folder: a package installed since the first folder is seen in the next', () => {
    const dir = project({ '.venv/pyvenv.cfg': 'home = /usr/bin\n', '.venv/lib/python3.11/site-packages/.keep': '', 'a/train.py': '', 'b/train.py': '' });
    const projects = new ProjectContexts(() => dir);
    assert.equal(projects.get(join(dir, 'a', 'train.py'), '').env.get('trl'), undefined);
    mkdirSync(join(dir, '.venv/lib/python3.11/site-packages/trl-0.19.0.dist-info'));
    assert.equal(projects.get(join(dir, 'b', 'train.py'), '').env.get('trl')?.version, '0.19.0');
  });

  it('installed packages in .venv win over requirements pins', () => {
    const dir = project({
      '.venv/pyvenv.cfg': 'home = /usr/bin\n',
      '.venv/lib/python3.11/site-packages/trl-0.21.0.dist-info/METADATA': 'Name: trl\n',
      'requirements.txt': 'trl==0.8.6\ntransformers==4.44.2 ; python_version >= "3.9"\n',
    });
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.equal(env.get('trl')?.version, '0.21.0');
    assert.equal(env.get('transformers')?.version, '4.44.2');
  });

  it('reads a requirements file written as UTF-16 with a byte-order mark, as pip does (`pip freeze >` in PowerShell)', () => {
    // alexchilton/CAS_NLP_MODULE4_GRPO `lara/4070/requirements_cluster.txt`: FF FE, then UTF-16 LE, CRLF lines.
    const utf16 = (text: string, bigEndian: boolean): Buffer => {
      const le = Buffer.from(text, 'utf16le');
      return Buffer.concat([Buffer.from(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]), bigEndian ? Buffer.from(le).swap16() : le]);
    };
    for (const bigEndian of [false, true]) {
      const dir = mkdtempSync(join(tmpdir(), 'trainlint-env-'));
      writeFileSync(join(dir, 'requirements.txt'), utf16('peft==0.15.2\r\ntrl==0.26.2\r\n', bigEndian));
      const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
      assert.equal(env.get('peft')?.version, '0.15.2', bigEndian ? 'UTF-16 BE' : 'UTF-16 LE');
      assert.equal(env.get('trl')?.version, '0.26.2');
    }
  });

  it('reads pyproject dependencies, poetry and uv locks', () => {
    const dir = project({
      'pyproject.toml': '[project]\ndependencies = ["peft==0.13.2", "datasets>=2"]\n',
      'uv.lock': 'version = 1\n[[package]]\nname = "unsloth"\nversion = "2025.9.1"\n',
    });
    const env = discoverEnvironment({ scriptDir: join(dir), workspaceRoot: dir, env: {} });
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.equal(env.get('datasets')?.version, undefined, 'a range is not a pin');
    assert.equal(env.get('datasets')?.specifier, '>=2');
    assert.equal(env.gate('datasets', { from: '2' }), 'affected', 'every version >=2 is in "from 2"');
    assert.equal(env.gate('datasets', { from: '3' }), 'unknown');
    assert.equal(env.get('unsloth')?.version, '2025.9.1');
  });

  it('a library installed from its own repository at a release tag is that release; a branch or commit is not a version', () => {
    // NVlabs/DoRA commonsense_reasoning/requirements.txt: `git+https://github.com/huggingface/transformers.git@v4.36.0`.
    const dir = project({
      'requirements.txt': 'git+https://github.com/huggingface/transformers.git@v4.36.0\ntrl @ git+https://github.com/huggingface/trl.git@v0.7.4\npeft @ git+https://github.com/huggingface/peft.git@main\ngit+https://github.com/huggingface/accelerate@0a1b2c3d4e5f60718293a4b5c6d7e8f901234567\n',
    });
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.equal(env.get('transformers')?.version, '4.36.0');
    assert.equal(env.get('trl')?.version, '0.7.4');
    assert.equal(env.get('peft'), undefined, 'a branch says nothing about the version');
    assert.equal(env.get('accelerate'), undefined, 'a commit says nothing either');
    const script = pinsFromScript('!pip install git+https://github.com/huggingface/transformers@v4.45.2 "peft @ git+https://github.com/huggingface/peft.git@v0.13.2"\n');
    assert.equal(script.get('transformers')?.version, '4.45.2');
    assert.equal(script.get('peft')?.version, '0.13.2');
    const fork = pinsFromScript('!pip install git+https://github.com/someone/transformers.git@v4.45.2\n');
    assert.notEqual(fork.get('transformers')?.version, '4.45.2', "a fork's tag is not the release");
  });

  it('with no fact about TRL, a transformers pin older than what later TRL releases require caps TRL', () => {
    // huggingface/trl v0.13.0 setup.py: transformers>=4.46.0; v0.18.0 setup.cfg: >=4.50.0.
    const pinned = pinsFromScript('!pip install transformers==4.36.0\n');
    assert.equal(pinned.get('trl')?.specifier, '<0.13');
    assert.equal(pinned.gate('trl', { from: '0.13' }), 'unaffected');
    assert.equal(pinned.gate('trl', { from: '0.9' }), 'unknown', 'TRL 0.9–0.12 still install');
    const capped = discoverEnvironment({ scriptDir: project({ 'requirements.txt': 'transformers>=4.37.2,<=4.38.2\n' }), workspaceRoot: '/', env: {} });
    assert.equal(capped.gate('trl', { from: '0.13' }), 'unaffected');
    assert.equal(pinsFromScript('!pip install transformers==4.46.0\n').get('trl')?.specifier, '<0.18');
    assert.equal(pinsFromScript('!pip install transformers>=4.36\n').get('trl'), undefined, 'no upper bound, no cap');
    assert.equal(pinsFromScript('!pip install transformers==4.36.0 trl==0.19.1\n').get('trl')?.version, '0.19.1', 'a TRL fact wins');
  });

  it("reads setup.py's install_requires literals; a requirements file next to it wins", () => {
    // McGill-NLP/llm2vec setup.py; a `deps["trl"]` entry without a `_deps` table in the file is not evaluated.
    const dir = project({
      'setup.py': 'from setuptools import setup\nsetup(\n    name="x",\n    install_requires=[\n        "numpy",  # any\n        "transformers>=4.43.1,<=4.44.2",\n        deps["trl"],\n        f"peft=={V}",\n        \'datasets==2.19.0\',\n    ],\n)\n',
      'experiments/run.py': '',
    });
    const env = discoverEnvironment({ scriptDir: join(dir, 'experiments'), workspaceRoot: dir, env: {} });
    assert.equal(env.get('transformers')?.specifier, '>=4.43.1,<=4.44.2');
    assert.equal(env.gate('transformers', { from: '4.46' }), 'unaffected');
    assert.equal(env.get('datasets')?.version, '2.19.0');
    assert.equal(env.get('peft'), undefined, 'an f-string is not read');
    const both = project({ 'setup.py': 'install_requires = ["trl==0.8.6"]\nsetup(install_requires=install_requires)\n', 'requirements.txt': 'trl==0.19.1\n' });
    assert.equal(discoverEnvironment({ scriptDir: both, workspaceRoot: both, env: {} }).get('trl')?.version, '0.19.1');
    const only = project({ 'setup.py': 'install_requires = ["trl==0.8.6"]\nsetup(install_requires=install_requires)\n' });
    assert.equal(discoverEnvironment({ scriptDir: only, workspaceRoot: only, env: {} }).get('trl')?.version, '0.8.6');
  });

  it('reads the module-level list setup.py passes by name (`install_requires=INSTALL_REQUIRES`, huggingface/optimum-habana); not one assigned twice', () => {
    const setup = 'INSTALL_REQUIRES = [\n    "transformers >= 4.55.0, < 4.56.0",\n    "torch",\n]\nsetup(name="x", install_requires=INSTALL_REQUIRES, extras_require={})\n';
    const dir = project({ 'setup.py': setup, 'examples/image-to-text/requirements.txt': 'peft == 0.12.0\n', 'examples/image-to-text/run.py': '' });
    const env = discoverEnvironment({ scriptDir: join(dir, 'examples', 'image-to-text'), workspaceRoot: dir, env: {} });
    assert.equal(env.gate('transformers', { from: '4.56' }), 'unaffected');
    const twice = project({ 'setup.py': `REQS = ["transformers==4.30.0"]\nif py2:\nREQS = ["transformers==4.20.0"]\nsetup(install_requires=REQS)\n` });
    assert.equal(discoverEnvironment({ scriptDir: twice, workspaceRoot: twice, env: {} }).get('transformers'), undefined);
  });

  it('reads the `deps["trl"]` entries of install_requires from the `_deps` table of open-r1-style setup.py files', () => {
    // Neelectric/open-r1_safety (huggingface/open-r1's setup.py): TRL and transformers pinned only there.
    const setup = [
      'import re', 'from setuptools import setup', '_deps = [', '    "accelerate==1.4.0",', '    "jieba",  # Chinese', '    # "lighteval @ git+https://github.com/huggingface/lighteval.git@d3da6b9",',
      '    "peft>=0.14.0",', '    "transformers==4.52.3",', '    "trl[vllm]==0.18.0",', ']',
      'deps = {b: a for a, b in (re.findall(r"^(([^!=<>~ \\[\\]]+)(?:\\[[^\\]]+\\])?(?:[!=<>~ ].*)?$)", x)[0] for x in _deps)}',
      'extras = {"dev": [deps["peft"]]}',
      'install_requires = [', '    deps["accelerate"],', '    deps["transformers"],', '    deps["trl"],', '    deps["not-listed"],', ']',
      'setup(name="open-r1", install_requires=install_requires, extras_require=extras)', '',
    ].join('\n');
    const dir = project({ 'setup.py': setup, 'src/open_r1/grpo.py': '' });
    const env = discoverEnvironment({ scriptDir: join(dir, 'src', 'open_r1'), workspaceRoot: dir, env: {} });
    assert.equal(env.get('trl')?.version, '0.18.0', 'the table entry keeps its extras: "trl[vllm]==0.18.0"');
    assert.equal(env.get('transformers')?.version, '4.52.3');
    assert.equal(env.get('accelerate')?.version, '1.4.0');
    assert.equal(env.get('peft'), undefined, 'an extra, not install_requires');
  });

  it('takes `pip install x==y` lines from the script, and disk wins', () => {
    const script = pinsFromScript('# !pip install -q "trl==0.19.1" unsloth transformers==4.56.0\n');
    assert.equal(script.get('trl')?.version, '0.19.1');
    assert.equal(script.get('unsloth')?.origin?.kind, 'newest', 'an unpinned install is the newest release');
    const merged = new Environment(new Map([['trl', { version: '0.12.0', source: 'disk' }]])).withFallback(script);
    assert.equal(merged.get('trl')?.version, '0.12.0');
    assert.equal(merged.get('transformers')?.version, '4.56.0');
  });

  it("reads the installs of a script nbconvert exported: get_ipython().system / run_line_magic / run_cell_magic", () => {
    // unslothai/notebooks python_scripts/Kaggle-Advanced_Llama3_2_(3B)_GRPO_LoRA.py: the install cell, commented out,
    // as one `run_cell_magic` line whose string holds the cell's lines.
    const cell = String.raw`# get_ipython().run_cell_magic('capture', '', 'import os\n!uv pip install -qqq --upgrade {_vllm} torchvision unsloth\n!uv pip install transformers==4.56.2\n!uv pip install --no-deps trl==0.22.2\n')` + '\n';
    const fromCell = pinsFromScript(cell);
    assert.equal(fromCell.get('transformers')?.version, '4.56.2');
    assert.equal(fromCell.get('trl')?.version, '0.22.2');
    assert.equal(fromCell.get('trl')?.source, 'line 1, in a comment');
    // DeepSeek_R1_0528_Qwen3_(8B)_GRPO.py: one `get_ipython().system(…)` line per command.
    const lines = pinsFromScript(String.raw`# get_ipython().system('uv pip install transformers==4.56.2')` + '\n' + "get_ipython().run_line_magic('pip', 'install \"trl==0.22.2\"')\n");
    assert.equal(lines.get('transformers')?.version, '4.56.2');
    assert.equal(lines.get('trl')?.version, '0.22.2');
    assert.equal(lines.get('trl')?.source, 'line 2');
    // One cell line that installs Unsloth (resolving its requirements) and one that installs TRL unpinned are two
    // commands: TRL is the newest or the bound's release, as in the notebook.
    const two = pinsFromScript(String.raw`get_ipython().run_cell_magic('capture', '', '!pip install unsloth\nif x:\n    !pip install -U trl\n')` + '\n');
    assert.equal(two.get('trl')?.alternatives?.length, 2);
  });

  it("a project file's range gives way to the script's own install of one release inside it", () => {
    // sahabajalam/doctors-scribe-qlora: pyproject.toml `trl>=0.8.0`, the notebook `!uv pip install … "trl==0.27.1"`.
    const script = pinsFromScript('!uv pip install --system "trl==0.27.1" "peft==0.18.1" transformers==4.40.0\n', { notebook: true });
    const disk = new Environment(new Map([
      ['trl', { specifier: '>=0.8.0', source: 'pyproject.toml' }],
      ['peft', { specifier: '<0.10', source: 'pyproject.toml' }],
      ['transformers', { version: '4.44.2', source: 'requirements.txt' }],
    ]));
    const merged = disk.withFallback(script);
    assert.equal(merged.get('trl')?.version, '0.27.1');
    assert.equal(merged.get('peft')?.version, undefined, 'a pin outside the range is not taken');
    assert.equal(merged.get('peft')?.specifier, '<0.10');
    assert.equal(merged.get('transformers')?.version, '4.44.2', 'an exact pin on disk still comes first');
    assert.deepEqual(merged.get('transformers')?.alternatives?.map((a) => a.version), ['4.44.2', '4.40.0'], '…beside the release the notebook installs');
    assert.equal(merged.gate('transformers', { from: '4.42' }), 'unknown', 'they disagree: no gate from either');
  });

  it("a project file's range gives way to the script's own unpinned install when the newest release is inside it", () => {
    // huggingface/setfit: setup.py `datasets>=2.15.0`, the notebook's `!pip install setfit datasets`.
    const notebook = pinsFromScript('!pip install -q setfit datasets trl\n', { notebook: true });
    const disk = new Environment(new Map([
      ['datasets', { specifier: '>=2.15.0', source: 'setup.py' }],
      ['trl', { specifier: '<0.10', source: 'setup.py' }],
    ]));
    const merged = disk.withFallback(notebook);
    assert.equal(merged.get('datasets')?.version, LATEST_KNOWN.datasets.version, 'pip installs the newest release, which the range allows');
    assert.equal(merged.gate('datasets', { from: '4.0' }), 'affected');
    assert.equal(merged.get('trl')?.version, undefined, 'the newest release is outside the range: the range stands');
    assert.equal(merged.get('trl')?.specifier, '<0.10');
    // An install in a comment is what the reader is asked to run, not what runs: the project's range stands.
    const commented = disk.withFallback(pinsFromScript('# !pip install -q setfit datasets trl\n', { notebook: true }));
    assert.equal(commented.get('datasets')?.version, undefined);
    assert.equal(commented.get('datasets')?.specifier, '>=2.15.0');
    // An install from the main branch that runs is the newest too (adityas2410/sql-instruct-qlora-llm: `git+…/trl`).
    const fromGit = disk.withFallback(pinsFromScript('!pip install -q git+https://github.com/huggingface/datasets\n', { notebook: true }));
    assert.equal(fromGit.get('datasets')?.version, LATEST_KNOWN.datasets.version);
    // So is one in a docstring (TaylorAmarelTech/gemma4_comp scripts/finetune_unsloth.py, "Prerequisites: pip install
    // --no-deps trl peft"): the project's `trl>=0.15.0` stands, and the message says where the words are.
    const docstring = '"""Fine-tune.\n\nPrerequisites:\n    pip install --no-deps datasets trl\n"""\nimport yaml\n';
    const fromDocstring = disk.withFallback(pinsFromScript(docstring));
    assert.equal(fromDocstring.get('datasets')?.version, undefined);
    assert.equal(fromDocstring.get('datasets')?.specifier, '>=2.15.0');
    assert.match(pinsFromScript(docstring).get('datasets')?.source ?? '', /in a string/);
    // A string that ends on its line, a `#` comment holding quotes, and code after the docstring: the install runs.
    const after = pinsFromScript('"""Doc."""\nx = "it\'s"  # don\'t\n!pip install -q datasets\n', { notebook: true });
    assert.equal(disk.withFallback(after).get('datasets')?.version, LATEST_KNOWN.datasets.version);
    // So is one in a docstring's usage text (nirjhar17/functiongemma-openshift-commands `finetune_functiongemma.py`:
    // "Requirements:\n    pip install transformers>=4.51.0 peft datasets accelerate" under requirements.txt's
    // `transformers>=4.51.0`; it gave TL510 an error on the newest release).
    const doc = '"""\nFine-tune.\n\nRequirements:\n    pip install datasets trl\n"""\nimport json\n';
    assert.match(pinsFromScript(doc).get('datasets')?.source ?? '', /line 5, in a string/);
    const documented = disk.withFallback(pinsFromScript(doc));
    assert.equal(documented.get('datasets')?.version, undefined);
    assert.equal(documented.get('datasets')?.specifier, '>=2.15.0');
    // A triple-quoted string a command call on its opening line runs is an install that runs.
    const run = disk.withFallback(pinsFromScript('import subprocess\nsubprocess.run("""\npip install datasets trl\n""", shell=True)\n'));
    assert.equal(run.get('datasets')?.version, LATEST_KNOWN.datasets.version);
  });

  it("a project's exact version that the script's own install excludes is one of two possibilities", () => {
    // huggingface/smol-course notebooks/1/4.ipynb: `!pip install "trl>=0.22.1"`, the repository's uv.lock TRL 0.12.1.
    const notebook = pinsFromScript('!pip install -q "trl>=0.22.1" peft\n', { notebook: true });
    const disk = new Environment(new Map([
      ['trl', { version: '0.12.1', source: 'uv.lock', origin: { kind: 'pinned', file: 'uv.lock', lock: true } }],
      ['peft', { version: '0.13.2', source: 'uv.lock', origin: { kind: 'pinned', file: 'uv.lock', lock: true } }],
    ]));
    const merged = disk.withFallback(notebook);
    assert.deepEqual(merged.get('trl')?.alternatives?.map((a) => a.version), ['0.12.1', LATEST_KNOWN.trl.version]);
    assert.equal(merged.gate('trl', { from: '0.20' }), 'unknown');
    assert.equal(merged.gate('trl', { from: '0.8' }), 'affected', 'both sides agree');
    assert.equal(merged.get('peft')?.alternatives, undefined, 'an unpinned install keeps what is installed');
    assert.equal(merged.get('peft')?.version, '0.13.2');
    // In a comment, the install is the reader's setup, not a command that runs: the project's version stands.
    const commented = disk.withFallback(pinsFromScript('# pip install "trl>=0.22.1"\n'));
    assert.equal(commented.get('trl')?.alternatives, undefined);
    assert.equal(commented.get('trl')?.version, '0.12.1');
    // A requirement the project's version satisfies changes nothing.
    assert.equal(disk.withFallback(pinsFromScript('!pip install "trl>=0.11"\n', { notebook: true })).get('trl')?.alternatives, undefined);
  });

  it("an unpinned `pip install -U` of a library the project pins older makes the project's version one of two", () => {
    // kunaltibe7/kunaltibe7-text-to-sql-bart-finetuning: requirements.txt transformers 4.36.2; the notebook runs
    // `!pip install transformers …` and then `!pip install -U transformers` (its code uses `eval_strategy=`, 4.41+).
    const disk = new Environment(new Map([
      ['transformers', { version: '4.36.2', source: 'requirements.txt', origin: { kind: 'pinned', file: 'requirements.txt' } }],
      ['peft', { version: '0.7.1', source: 'requirements.txt', origin: { kind: 'pinned', file: 'requirements.txt' } }],
    ]));
    const notebook = pinsFromScript('!pip install transformers peft --quiet\n!pip install -U transformers\n', { notebook: true });
    const merged = disk.withFallback(notebook);
    assert.deepEqual(merged.get('transformers')?.alternatives?.map((a) => a.version), ['4.36.2', LATEST_KNOWN.transformers.version]);
    assert.match(merged.get('transformers')!.alternativesWhy!, /upgrade \(line 2: `pip install -U transformers`\)/, 'names the upgrading line');
    assert.equal(merged.gate('transformers', { from: '4.41' }), 'unknown');
    assert.equal(merged.get('peft')?.alternatives, undefined, 'a plain install keeps what the project pins');
    assert.equal(merged.get('peft')?.version, '0.7.1');
    // A cluster of short flags upgrades too; a commented upgrade is the reader's setup and changes nothing.
    assert.ok(disk.withFallback(pinsFromScript('!pip install -qU transformers\n', { notebook: true })).get('transformers')?.alternatives);
    assert.equal(disk.withFallback(pinsFromScript('# pip install -U transformers\n')).get('transformers')?.alternatives, undefined);
    assert.equal(disk.withFallback(pinsFromScript('# pip install -U transformers\n')).get('transformers')?.version, '4.36.2');
  });

  it('an install named in a message is no install; one a call runs is', () => {
    // stanfordnlp/dspy lm_local.py: an ImportError that tells the reader to `pip install -U transformers`.
    const message = pinsFromScript('try:\n    import transformers\nexcept ImportError:\n    raise ImportError("You need `transformers`: `pip install -U transformers peft trl`")\nprint(\'then pip install trl==0.12.0\')\n');
    assert.equal(message.get('transformers'), undefined);
    assert.equal(message.get('trl'), undefined);
    assert.equal(pinsFromScript('import os\nos.system("pip install trl==0.12.0 -q")\n').get('trl')?.version, '0.12.0', 'os.system runs it');
    assert.equal(pinsFromScript('import subprocess\nsubprocess.run("pip install trl==0.12.0 -q", shell=True)\n').get('trl')?.version, '0.12.0', 'subprocess runs it');
    assert.equal(pinsFromScript('# pip install trl==0.12.0\n').get('trl')?.version, '0.12.0', 'a comment is the reader\'s setup');
    assert.equal(pinsFromScript('"""\nSetup:\n    pip install trl==0.12.0\n"""\n').get('trl')?.version, '0.12.0', 'so is a docstring\'s line');
    assert.equal(pinsFromScript('!pip install "trl==0.12.0"\n', { notebook: true }).get('trl')?.version, '0.12.0', 'a magic line runs');
  });

  it('gates: affected, unaffected, unknown (also for garbage versions)', () => {
    const env = pinsFromScript('pip install trl==0.19.1 peft==weird');
    assert.equal(env.gate('trl', { before: '1.7' }), 'affected');
    assert.equal(env.gate('trl', { from: '0.20' }), 'unaffected');
    assert.equal(env.gate('transformers', { from: '5.0' }), 'unknown');
    assert.equal(env.gate('peft', { from: '0.1' }), 'unknown');
  });

  it('survives corrupt project files', () => {
    const dir = project({ 'pyproject.toml': '[project\nthis is not toml', 'poetry.lock': '\u0000\u0001' });
    const env = discoverEnvironment({ scriptDir: dir, workspaceRoot: dir, env: {} });
    assert.deepEqual(env.entries(), []);
  });
});
