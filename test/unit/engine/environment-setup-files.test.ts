/** Dockerfiles and shell install scripts of the project as setups beside its pin files (`env/setup-files.ts`). */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { factKey, setupCommands } from '../../../server/src/engine/env/setup-files';
import { describeVersion, unknownNote } from '../../../server/src/engine/env/versions';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';
import { envOf, project, versions } from './setup-project';

// Written for these tests, in the shapes real repositories use (tloen/alpaca-lora, sayouzone/gemma3-sft, GAIR-NLP/LIMO).
const DOCKERFILE_WITH_REQUIREMENTS = [
  'FROM nvidia/cuda:12.1.0-devel-ubuntu22.04',
  'WORKDIR /workspace',
  'COPY requirements.txt requirements.txt',
  'RUN apt-get update && apt-get install -y python3-pip \\',
  '    && python3 -m pip install -r requirements.txt',
  'COPY . .',
  '',
].join('\n');

describe("a project's Dockerfiles and shell install scripts", () => {
  before(ready);

  it('a Dockerfile that installs requirements.txt confirms its pins', () => {
    const env = envOf(project({ 'Dockerfile': DOCKERFILE_WITH_REQUIREMENTS, 'requirements.txt': 'trl==0.9.6\n' }));
    assert.equal(env.get('trl')?.version, '0.9.6');
    assert.equal(env.get('trl')?.alternatives, undefined);
    assert.match(describeVersion('TRL', env.get('trl')!), /pinned in requirements\.txt/);
  });

  it('a Dockerfile pin that disagrees with requirements.txt is a second possibility: a verdict needs both to agree', () => {
    const env = envOf(project({
      'Dockerfile': 'FROM python:3.11\nRUN pip install --no-cache-dir \\\n    "trl==0.21.0" \\\n    peft==0.12.0\n',
      'requirements.txt': 'trl==0.9.6\npeft==0.12.0\n',
    }));
    assert.deepEqual(versions(env.get('trl')), ['0.9.6', '0.21.0']);
    assert.equal(env.gate('trl', { from: '0.20' }), 'unknown');
    assert.match(unknownNote('TRL', env.get('trl'), { from: '0.20' }), /how the project is set up \(requirements\.txt, Dockerfile\).*TRL 0\.21\.0, from `pip install` on line 2 of Dockerfile/);
    assert.equal(env.get('peft')?.alternatives, undefined, 'where they agree, one fact');
  });

  it("a library only the Dockerfile installs is the Dockerfile's version (pip3, uv pip, python -m pip, continuations)", () => {
    const env = envOf(project({
      'docker/Dockerfile': [
        'FROM pytorch/pytorch:2.4.0-cuda12.1-cudnn9-devel',
        '# RUN pip install trl==0.8.0',
        'RUN pip3 install transformers==4.46.3 && \\',
        '    uv pip install --system "trl==0.21.0" \\',
        '    # a comment line inside the instruction',
        '    peft==0.13.2',
        'RUN python -m pip install datasets==3.1.0',
        '',
      ].join('\n'),
    }));
    assert.equal(env.get('transformers')?.version, '4.46.3');
    assert.equal(env.get('trl')?.version, '0.21.0');
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.equal(env.get('datasets')?.version, '3.1.0');
    assert.match(describeVersion('TRL', env.get('trl')!), /TRL 0\.21\.0, from `pip install` on line 3 of docker\/Dockerfile/);
  });

  it('a range written with or without trailing zeros is one fact (Sriramdayal/Unsloth-LLM-finetuningv1: >=4.45.0 and >=4.45)', () => {
    const env = envOf(project({ 'pyproject.toml': '[project]\nname = "x"\ndependencies = ["transformers>=4.45.0"]\n', 'setup.sh': 'pip install -r requirements.txt\n', 'requirements.txt': 'transformers>=4.45\n' }));
    assert.equal(env.get('transformers')?.alternatives, undefined);
    assert.equal(factKey({ specifier: '~=4.45.0', source: '' }) === factKey({ specifier: '~=4.45', source: '' }), false, '~=4.45.0 is below 4.46, ~=4.45 below 5');
    assert.equal(factKey({ specifier: '==4.0.*', source: '' }) === factKey({ specifier: '==4.*', source: '' }), false);
    assert.equal(factKey({ version: '4.45.0', source: '' }), factKey({ version: '4.45', source: '' }));
  });

  it('a Dockerfile in a folder that is no parent of the script says nothing about it', () => {
    const env = envOf(project({ 'serve/Dockerfile': 'FROM x\nRUN pip install trl==0.21.0\n', 'train/train.py': '' }), 'train');
    assert.equal(env.get('trl'), undefined);
  });

  it('reads the requirements file a Dockerfile copies into the image under another name', () => {
    const env = envOf(project({
      'Dockerfile': 'FROM python:3.10\nWORKDIR /app\nCOPY deps/train.txt /app/reqs.txt\nRUN pip install -r /app/reqs.txt\n',
      'deps/train.txt': 'trl==0.12.2\n',
    }));
    assert.equal(env.get('trl')?.version, '0.12.2');
  });

  it('an unpinned install is what pip resolves: the pin a requirements file it installs keeps, or a newest release nobody dates', () => {
    const alone = envOf(project({ 'Dockerfile': 'FROM x\nRUN pip install trl\n' }));
    assert.equal(alone.get('trl'), undefined, 'the newest when the image was built: no verdict alone (PhoebusSi/Alpaca-CoT peft/docker)');
    const beside = envOf(project({ 'Dockerfile': 'FROM x\nRUN pip install trl\n', 'requirements.txt': 'trl==0.9.6\n' }));
    assert.equal(beside.get('trl')?.alternatives?.length, 2, 'the image does not install requirements.txt: both');
    assert.match(unknownNote('TRL', beside.get('trl'), { from: '0.20' }), /the newest known as of .*, since Dockerfile installs it unpinned \(line 2\)/);
    const kept = envOf(project({ 'Dockerfile': 'FROM x\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && pip install trl peft\n', 'requirements.txt': 'trl==0.9.6\n' }));
    assert.equal(kept.get('trl')?.version, '0.9.6');
    assert.equal(kept.get('trl')?.alternatives, undefined, 'pip keeps the pinned release: "Requirement already satisfied"');
    const upgraded = envOf(project({ 'Dockerfile': 'FROM x\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN pip install -U trl\n', 'requirements.txt': 'trl==0.9.6\n' }));
    assert.equal(upgraded.get('trl')?.alternatives?.length, 2, 'an upgrade after it: the pin or the newest');
    const later = envOf(project({ 'Dockerfile': 'FROM x\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nRUN pip install trl==0.21.0\n', 'requirements.txt': 'trl==0.9.6\n' }));
    assert.deepEqual(versions(later.get('trl')), ['0.9.6', '0.21.0'], "the image's TRL is 0.21.0; installing requirements.txt alone gives 0.9.6");
    assert.match(unknownNote('TRL', later.get('trl'), { from: '0.20' }), /from `pip install` on line 4 of Dockerfile/);
  });

  it('a shell script install that always runs pins; one inside an if, a function or beside || only adds a possibility', () => {
    const always = envOf(project({ 'setup.sh': '#!/bin/bash\nset -e\npip install trl==0.21.0 transformers==4.46.3\n' }));
    assert.equal(always.get('trl')?.version, '0.21.0');
    assert.match(describeVersion('TRL', always.get('trl')!), /on line 3 of setup\.sh/);
    const SCRIPT = [
      '#!/bin/bash',
      'if [ "$USE_NEW_TRL" = "1" ]; then',
      '    pip install trl==0.21.0',
      'fi',
      'install_peft() {',
      '    pip install peft==0.13.2',
      '}',
      'pip install unsloth==2024.12.4 || echo "no unsloth"',
      '[ -d venv ] && pip install datasets==3.1.0',
      '',
    ].join('\n');
    const alone = envOf(project({ 'scripts/install.sh': SCRIPT }));
    for (const lib of ['trl', 'peft', 'unsloth', 'datasets']) assert.equal(alone.get(lib), undefined, `${lib}: an install that may not run says nothing alone`);
    const beside = envOf(project({ 'scripts/install.sh': SCRIPT, 'requirements.txt': 'trl==0.9.6\npeft==0.13.2\n' }));
    assert.deepEqual(versions(beside.get('trl')), ['0.9.6', '0.21.0']);
    assert.equal(beside.gate('trl', { from: '0.20' }), 'unknown');
    assert.equal(beside.get('peft')?.version, '0.13.2');
    assert.equal(beside.get('peft')?.alternatives, undefined);
  });

  it("words that only mention an install are none: echo, a quoted command, a heredoc's body, a comment", () => {
    const text = [
      'echo "Now run: pip install trl==0.21.0"',
      "printf 'pip install peft==0.13.2\\n'",
      'cat > README.txt <<EOF',
      'pip install datasets==3.1.0',
      'EOF',
      '# pip install transformers==4.46.3',
      'pip install accelerate==1.0.0  # pip install torch==2.0.0',
      '',
    ].join('\n');
    assert.deepEqual(setupCommands(text, 'shell').map((c) => c.text), ['pip install accelerate==1.0.0']);
    const env = envOf(project({ 'install.sh': text }));
    assert.equal(env.get('trl'), undefined);
    assert.equal(env.get('transformers'), undefined);
    assert.equal(env.get('accelerate')?.version, '1.0.0');
  });

  it("a Dockerfile's RUN that installs under a shell if is conditional (GAIR-NLP/LIMO train/docker)", () => {
    const cmds = setupCommands('FROM x\nARG EXTRA=false\nRUN if [ "$EXTRA" = "true" ]; then \\\n        pip install trl==0.21.0; \\\n    fi\nRUN pip install peft==0.13.2\n', 'dockerfile');
    assert.deepEqual(cmds.map((c) => [c.text, c.conditional]), [['pip install trl==0.21.0', true], ['pip install peft==0.13.2', false]]);
  });

  it('decides a version-gated finding for a script of the project, and the message names the Dockerfile', () => {
    const script = 'from trl import SFTConfig\n\nargs = SFTConfig(output_dir="out", max_seq_length=1024)\n';
    const dir = project({ 'Dockerfile': 'FROM x\nRUN pip install trl==0.21.0\n', 'train.py': script });
    const found = lintText(join(dir, 'train.py'), script, { env: envOf(dir) }).diagnostics.filter((d) => d.code === 'TL503');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /TRL 0\.21\.0, from `pip install` on line 2 of Dockerfile/);
    const both = project({ 'Dockerfile': 'FROM x\nRUN pip install trl==0.21.0\n', 'requirements.txt': 'trl==0.9.6\n', 'train.py': script });
    const open = lintText(join(both, 'train.py'), script, { env: envOf(both) }).diagnostics.filter((d) => d.code === 'TL503');
    assert.ok(open.every((d) => d.severity === 'information'), 'requirements.txt TRL 0.9.6 and the Dockerfile TRL 0.21.0: no verdict');
  });
});
