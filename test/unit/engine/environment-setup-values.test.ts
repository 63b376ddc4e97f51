/**
 * What a project's Dockerfiles and shell scripts say beyond literal pins: `ARG`/`ENV` and shell variables in installs,
 * the stages of a multi-stage build, base images whose tag names a release (`env/shell-variables.ts`,
 * `env/dockerfile-stages.ts`, `env/base-images.ts`).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { imagePins } from '../../../server/src/engine/env/base-images';
import { setupCommands } from '../../../server/src/engine/env/setup-files';
import { describeVersion, unknownNote } from '../../../server/src/engine/env/versions';
import { ProjectContexts } from '../../../server/src/engine/env/project-context';
import { lintText } from '../../../server/src/engine/index';
import { ready } from '../helpers';
import { envOf, project, versions } from './setup-project';

describe('variables, stages and base images of Dockerfiles and shell scripts', () => {
  before(ready);

  it("a Dockerfile's ARG default and ENV value in an install ($VAR, ${VAR}), said as written", () => {
    const env = envOf(project({
      'Dockerfile': [
        'FROM python:3.11',
        'ARG TRANSFORMERS_VERSION=4.46.0',
        'ENV TRL_VERSION=0.12.0 PEFT_VERSION="0.13.2"',
        'RUN pip install transformers==${TRANSFORMERS_VERSION} "trl==$TRL_VERSION" peft==${PEFT_VERSION}',
        '',
      ].join('\n'),
    }));
    assert.equal(env.get('transformers')?.version, '4.46.0');
    assert.equal(env.get('trl')?.version, '0.12.0');
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.match(describeVersion('transformers', env.get('transformers')!),
      /transformers 4\.46\.0, from `pip install` on line 4 of Dockerfile, with `ARG TRANSFORMERS_VERSION=4\.46\.0` \(line 2; a build argument may override it\)/);
    assert.match(describeVersion('TRL', env.get('trl')!), /with `ENV TRL_VERSION=0\.12\.0` \(line 3\)/);
  });

  it('${VAR:-default}: the default when nothing sets VAR, the value when the file does; an ARG without default is unknown', () => {
    const dflt = envOf(project({ 'Dockerfile': 'FROM x\nARG TRL_VERSION\nRUN pip install trl==${TRL_VERSION:-0.12.0}\n' }));
    assert.equal(dflt.get('trl')?.version, '0.12.0');
    assert.match(describeVersion('TRL', dflt.get('trl')!), /the default of `\$\{TRL_VERSION:-0\.12\.0\}`, unless a build argument sets TRL_VERSION/);
    const set = envOf(project({ 'Dockerfile': 'FROM x\nARG TRL_VERSION=0.21.0\nRUN pip install trl==${TRL_VERSION:-0.12.0}\n' }));
    assert.equal(set.get('trl')?.version, '0.21.0');
    const noDefault = envOf(project({ 'Dockerfile': 'FROM x\nARG TRL_VERSION\nRUN pip install trl==${TRL_VERSION}\n' }));
    assert.equal(noDefault.get('trl'), undefined, 'set only by --build-arg: unknown');
    const undeclared = envOf(project({ 'Dockerfile': 'FROM x\nRUN pip install trl==$TRL_VERSION peft==${PEFT_VERSION:-0.13.2}\n' }));
    assert.equal(undeclared.get('trl'), undefined);
    assert.equal(undeclared.get('peft'), undefined, 'the base image may set PEFT_VERSION: a default proves nothing in a Dockerfile');
  });

  it("ENV's legacy form, a RUN's own assignment; an assignment does not outlive its RUN (each RUN is a new shell)", () => {
    const env = envOf(project({ 'Dockerfile': 'FROM x\nENV TRL_VERSION 0.12.0\nRUN V=0.13.2 && pip install peft==$V trl==$TRL_VERSION\nRUN pip install datasets==$V\n' }));
    assert.equal(env.get('trl')?.version, '0.12.0');
    assert.equal(env.get('peft')?.version, '0.13.2');
    assert.match(describeVersion('PEFT', env.get('peft')!), /with `V=0\.13\.2` \(line 3\)/);
    assert.equal(env.get('datasets'), undefined);
  });

  it('a global ARG reaches a stage only when the stage declares it again (Docker scoping)', () => {
    const env = envOf(project({ 'Dockerfile': 'ARG TRL=0.12.0\nARG PEFT=0.13.2\nFROM python:3.11\nARG TRL\nRUN pip install trl==$TRL peft==$PEFT\n' }));
    assert.equal(env.get('trl')?.version, '0.12.0');
    assert.equal(env.get('peft'), undefined, 'PEFT is not declared in the stage: empty there');
  });

  it("a shell script's assignments before the install; one under an if, from $(…), after source, or a positional argument is unknown", () => {
    const env = envOf(project({
      'setup.sh': [
        '#!/bin/bash',
        'TRL_VERSION=0.12.0',
        'export TF_VERSION="4.46.0"',
        'if [ -n "$1" ]; then PEFT_VERSION=0.13.2; fi',
        'ACC=$(cat acc.txt)',
        'DS=${DS_VERSION:-3.1.0}',
        'pip install trl==$TRL_VERSION transformers==${TF_VERSION} peft==$PEFT_VERSION accelerate==$ACC datasets==$DS bitsandbytes==$2',
        '',
      ].join('\n'),
    }));
    assert.equal(env.get('trl')?.version, '0.12.0');
    assert.match(describeVersion('TRL', env.get('trl')!), /from `pip install` on line 7 of setup\.sh, with `TRL_VERSION=0\.12\.0` \(line 2\)/);
    assert.equal(env.get('transformers')?.version, '4.46.0');
    assert.equal(env.get('peft'), undefined);
    assert.equal(env.get('accelerate'), undefined);
    assert.equal(env.get('bitsandbytes'), undefined);
    assert.equal(env.get('datasets')?.version, '3.1.0');
    assert.match(describeVersion('datasets', env.get('datasets')!), /the default of `\$\{DS_VERSION:-3\.1\.0\}`, unless the environment sets DS_VERSION/);
    const sourced = envOf(project({ 'setup.sh': 'TRL_VERSION=0.12.0\nsource versions.env\npip install trl==$TRL_VERSION\n' }));
    assert.equal(sourced.get('trl'), undefined, 'versions.env may set TRL_VERSION');
    const later = envOf(project({ 'setup.sh': 'pip install trl==$TRL_VERSION\nTRL_VERSION=0.12.0\n' }));
    assert.equal(later.get('trl'), undefined, 'assigned after the install');
  });

  it('a variable holding several requirements splits into words unquoted; quotes in a value are removed', () => {
    const cmds = setupCommands("PKGS='trl==0.12.0 peft==0.13.2'\npip install $PKGS\n", 'shell');
    assert.deepEqual(cmds.map((c) => c.text), ['pip install trl==0.12.0 peft==0.13.2']);
  });

  it('multi-stage: the final image counts, with the stages it is built from or copies from; another stage only adds a possibility', () => {
    const env = envOf(project({
      'Dockerfile': [
        'FROM python:3.11 AS base',
        'RUN pip install peft==0.13.2',
        'FROM base AS builder',
        'RUN pip install --prefix=/install accelerate==1.0.0',
        'FROM python:3.11 AS test',
        'RUN pip install trl==0.21.0',
        'FROM base',
        'COPY --from=builder /install /usr/local',
        'RUN pip install trl==0.12.0',
        '',
      ].join('\n'),
      'requirements.txt': 'transformers==4.46.0\n',
    }));
    assert.equal(env.get('peft')?.version, '0.13.2', 'built FROM base');
    assert.equal(env.get('accelerate')?.version, '1.0.0', 'copied from builder');
    assert.deepEqual(versions(env.get('trl')), ['0.12.0', '0.21.0'], 'the test stage (docker build --target test) is a second possibility');
    const heredoc = envOf(project({ 'Dockerfile': "FROM python:3.11\nRUN pip install trl==0.12.0 && python - <<'PY'\nfrom trl import SFTTrainer\nprint('ok')\nPY\n" }));
    assert.equal(heredoc.get('trl')?.version, '0.12.0', "a heredoc's `from trl import …` is no FROM instruction (hiyouga/LLaMA-Factory docker-cuda/Dockerfile.mbridge)");
    const onlyOther = envOf(project({ 'Dockerfile': 'FROM python:3.11 AS train\nRUN pip install trl==0.21.0\nFROM nginx\nRUN echo hi\n' }));
    assert.equal(onlyOther.get('trl'), undefined, 'a stage the final image does not use decides nothing alone');
  });

  it('a base image whose tag names the transformers release; latest and images that do not name it pin nothing', () => {
    assert.deepEqual(imagePins('huggingface/transformers-pytorch-gpu:4.41.2').get('transformers'), { version: '4.41.2' });
    assert.deepEqual(imagePins('763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training-neuronx:2.1.2-transformers4.43.2-neuronx-py310-sdk2.20.0-ubuntu20.04-v1.0').get('transformers'), { version: '4.43.2' });
    assert.deepEqual(imagePins('763104351884.dkr.ecr.us-west-2.amazonaws.com/huggingface-pytorch-training:2.9-transformers5.3-gpu-py312-cu130-ubuntu22.04').get('transformers'), { specifier: '==5.3.*' });
    for (const none of ['huggingface/transformers-pytorch-gpu:latest', 'huggingface/transformers-pytorch-gpu', 'nvcr.io/nvidia/pytorch:24.05-py3', 'unsloth/unsloth:latest', 'pytorch/pytorch:2.4.0-cuda12.1-cudnn9-devel', 'someone/transformers-pytorch-gpu:4.41.2']) {
      assert.equal(imagePins(none).size, 0, none);
    }
    const env = envOf(project({ 'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2\nRUN pip install trl==0.9.6\n' }));
    assert.equal(env.get('transformers')?.version, '4.41.2');
    assert.match(describeVersion('transformers', env.get('transformers')!), /transformers 4\.41\.2, in the base image `huggingface\/transformers-pytorch-gpu:4\.41\.2` of Dockerfile \(line 1\), as its tag says/);
  });

  it('a base image version gives way to an install after it as pip does: an exact pin replaces it, an unpinned install keeps it, -U is both', () => {
    const pinned = envOf(project({ 'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2\nRUN pip install transformers==4.46.0\n' }));
    assert.equal(versions(pinned.get('transformers')), '4.46.0');
    const kept = envOf(project({ 'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2\nRUN pip install transformers trl==0.9.6\n' }));
    assert.equal(versions(kept.get('transformers')), '4.41.2', '"Requirement already satisfied"');
    const upgraded = envOf(project({ 'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2\nRUN pip install -U transformers\n' }));
    assert.equal(upgraded.get('transformers')?.alternatives?.length, 2);
    const global = envOf(project({ 'Dockerfile': 'ARG BASE=huggingface/transformers-pytorch-gpu:4.41.2\nFROM ${BASE}\nRUN echo\n' }));
    assert.equal(global.get('transformers')?.version, '4.41.2');
    assert.match(describeVersion('transformers', global.get('transformers')!), /with `ARG BASE=huggingface\/transformers-pytorch-gpu:4\.41\.2` \(line 1; a build argument may override it\)/);
  });

  it("multi-stage: a base image the final stage only copies files from is a possibility, not the final image's", () => {
    const env = envOf(project({
      'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2 AS build\nRUN pip wheel . -w /wheels\nFROM python:3.11\nCOPY --from=build /wheels /wheels\n',
      'requirements.txt': 'transformers==4.46.0\n',
    }));
    assert.deepEqual(versions(env.get('transformers')), ['4.46.0', '4.41.2']);
    assert.equal(env.gate('transformers', { from: '4.46' }), 'unknown');
    assert.match(unknownNote('transformers', env.get('transformers'), { from: '4.46' }), /base image `huggingface\/transformers-pytorch-gpu:4\.41\.2`/);
    const alone = envOf(project({ 'Dockerfile': 'FROM huggingface/transformers-pytorch-gpu:4.41.2 AS build\nRUN echo\nFROM python:3.11\nCOPY --from=build /x /x\n' }));
    assert.equal(alone.get('transformers'), undefined);
  });

  it('a shell script that installs and then runs a script: its installs rank above the pin files for that script only', () => {
    const dir = project({
      'requirements.txt': 'trl==0.9.6\ntransformers==4.46.0\n',
      'run.sh': '#!/bin/bash\nset -e\npip install trl==0.12.0 peft\ncd src\nCUDA_VISIBLE_DEVICES=0 accelerate launch --num_processes 1 train.py --lr 1e-4\npip install trl==0.21.0\n',
      'src/train.py': '', 'src/eval.py': '',
    });
    const train = discoverEnvironment({ scriptDir: join(dir, 'src'), scriptPath: join(dir, 'src', 'train.py'), workspaceRoot: dir, env: {} });
    assert.equal(train.get('trl')?.version, '0.12.0', 'the install after the run does not count');
    assert.equal(train.get('trl')?.alternatives, undefined);
    assert.match(describeVersion('TRL', train.get('trl')!), /from `pip install` on line 3 of run\.sh/);
    assert.equal(train.get('transformers')?.version, '4.46.0', 'what the shell script does not install stays the project pin');
    assert.ok((train.get('peft')?.alternatives ?? [train.get('peft')]).every((a) => a?.origin?.kind === 'newest'), 'unpinned, nothing else says: the newest, as a notebook\'s own install');
    const other = discoverEnvironment({ scriptDir: join(dir, 'src'), scriptPath: join(dir, 'src', 'eval.py'), workspaceRoot: dir, env: {} });
    assert.deepEqual(versions(other.get('trl')), ['0.9.6', '0.12.0', '0.21.0'], 'another script: run.sh is one setup among others');
    const contexts = new ProjectContexts(() => dir);
    assert.equal(contexts.get(join(dir, 'src', 'train.py'), '').env.get('trl')?.version, '0.12.0');
    assert.equal(contexts.get(join(dir, 'src', 'eval.py'), '').env.get('trl')?.alternatives?.length, 3);
  });

  it('near misses: an unpinned install where the project pins, a conditional install, a script run by a variable path or from elsewhere', () => {
    const dir = project({
      'requirements.txt': 'trl==0.9.6\n',
      'train.sh': 'pip install trl\nif [ -n "$NEW" ]; then pip install peft==0.13.2; fi\npython train.py\npython $SCRIPT\n',
      'train.py': '',
      'other/train.py': '',
    });
    const env = discoverEnvironment({ scriptDir: dir, scriptPath: join(dir, 'train.py'), workspaceRoot: dir, env: {} });
    assert.equal(env.get('trl')?.alternatives?.length, 2, 'pip keeps an installed 0.9.6: the folder\'s alternatives stay');
    assert.match(env.get('trl')?.alternativesWhy ?? '', /how the project is set up/, 'the same fact as for the folder (aureliainnovatives/unsloth-qlora-multi-gpu-demo)');
    assert.equal(env.get('peft'), undefined, 'an install that may not run');
    const two = project({ 'a.sh': 'pip install peft==0.13.2 trl\npython train.py\n', 'b.sh': 'pip install peft==0.12.0\npython train.py\n', 'train.py': '' });
    const both = discoverEnvironment({ scriptDir: two, scriptPath: join(two, 'train.py'), workspaceRoot: two, env: {} });
    assert.deepEqual(versions(both.get('peft')), ['0.13.2', '0.12.0'], 'two shell scripts run it: either');
    assert.equal(both.get('trl'), undefined, 'a.sh installs the newest TRL, b.sh runs it without installing TRL, and nothing else says which');
    const elsewhere = discoverEnvironment({ scriptDir: join(dir, 'other'), scriptPath: join(dir, 'other', 'train.py'), workspaceRoot: dir, env: {} });
    assert.equal(elsewhere.get('trl')?.version, '0.9.6', 'other/train.py is not the train.py it runs, and train.sh is no setup of other/');
  });

  it('decides a version-gated finding for the script a shell script runs (TL503)', () => {
    const script = 'from trl import SFTConfig\n\nargs = SFTConfig(output_dir="out", max_seq_length=1024)\n';
    const dir = project({ 'requirements.txt': 'trl==0.9.6\n', 'scripts/train.sh': 'pip install "trl==0.21.0"\npython train.py\n', 'train.py': script });
    const contexts = new ProjectContexts(() => dir);
    const found = lintText(join(dir, 'train.py'), script, { env: contexts.get(join(dir, 'train.py'), '').env }).diagnostics.filter((d) => d.code === 'TL503');
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'error');
    assert.match(found[0].message, /TRL 0\.21\.0, from `pip install` on line 1 of scripts\/train\.sh/);
  });
});
