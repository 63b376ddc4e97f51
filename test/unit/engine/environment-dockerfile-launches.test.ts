/**
 * A Dockerfile's CMD/ENTRYPOINT as the launch of a script (`env/dockerfile-run.ts`): the image's installs rank above the
 * project's pin files for the script the container runs, as a shell script that installs and then runs it does
 * (`env/setup-launches.ts`); and Dockerfiles named `Dockerfile_train` are read as setups.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { DOCKERFILE, DOCKERFILE_VARIANT } from '../../../server/src/engine/env/setup-commands';
import { describeVersion } from '../../../server/src/engine/env/versions';
import { ready } from '../helpers';
import { envOf, project, versions } from './setup-project';

const envFor = (dir: string, script: string) => discoverEnvironment({ scriptDir: join(dir, script, '..'), scriptPath: join(dir, script), workspaceRoot: dir, env: {} });

describe("a Dockerfile's CMD/ENTRYPOINT launches a script", () => {
  before(ready);

  it('names Dockerfile.gpu, train.Dockerfile as Dockerfiles, and Dockerfile_train as a variant', () => {
    for (const n of ['Dockerfile', 'Dockerfile.gpu', 'Dockerfile-cuda', 'train.Dockerfile', 'train.dockerfile']) assert.ok(DOCKERFILE.test(n), n);
    for (const n of ['Dockerfile_train', 'Dockerfile_DGX_Spark']) assert.ok(DOCKERFILE_VARIANT.test(n) && !DOCKERFILE.test(n), n);
    for (const n of ['Dockerfiles', 'dockerfile_notes.md']) assert.ok(!DOCKERFILE.test(n) && !DOCKERFILE_VARIANT.test(n), n);
  });

  it('a Dockerfile_train is the launch of the script it runs, not a setup of its folder (unslothai/notebooks Dockerfile_DGX_Spark)', () => {
    const dir = project({
      'Dockerfile_train': 'FROM python:3.11\nCOPY . /app\nRUN pip install trl==0.12.0\nCMD ["python", "/app/train.py"]\n',
      'Dockerfile_DGX_Spark': 'FROM nvcr.io/nvidia/pytorch:25.11-py3\nRUN pip install --no-deps transformers==4.56.2 trl==0.22.2\nCMD ["/bin/bash"]\n',
      'train.py': '', 'nb/notebook.py': '',
    });
    assert.equal(envFor(dir, 'train.py').get('trl')?.version, '0.12.0');
    assert.equal(envOf(dir).get('trl'), undefined, 'no setup of the folder');
    assert.equal(envFor(dir, 'nb/notebook.py').get('transformers'), undefined, 'the DGX Spark image runs no script: it pins nothing');
  });

  it('exec form: the image installs rank above requirements.txt for the script it runs, not for another', () => {
    const dir = project({
      'requirements.txt': 'trl==0.9.6\ntransformers==4.46.0\n',
      'Dockerfile': 'FROM python:3.11\nWORKDIR /app\nCOPY . .\nRUN pip install trl==0.12.0\nCMD ["python", "train.py", "--lr", "1e-4"]\n',
      'train.py': '', 'eval.py': '',
    });
    const train = envFor(dir, 'train.py');
    assert.equal(train.get('trl')?.version, '0.12.0');
    assert.match(describeVersion('TRL', train.get('trl')!), /from `pip install` on line 4 of Dockerfile/);
    assert.equal(train.get('transformers')?.version, '4.46.0');
    assert.deepEqual(versions(envFor(dir, 'eval.py').get('trl')), ['0.9.6', '0.12.0'], 'another script: the Dockerfile is one setup among others');
  });

  it('shell form, accelerate launch, torchrun, ENTRYPOINT + CMD, a file COPY, sh -c with cd', () => {
    const cases: Record<string, string> = {
      shell: 'FROM python:3.11\nCOPY . /workspace\nWORKDIR /workspace\nRUN pip install trl==0.12.0\nCMD accelerate launch --num_processes 2 src/train.py\n',
      torchrun: 'FROM python:3.11\nCOPY src/ /opt/src/\nRUN pip install trl==0.12.0\nENTRYPOINT ["torchrun", "--nproc_per_node", "2"]\nCMD ["/opt/src/train.py"]\n',
      file: 'FROM python:3.11\nCOPY src/train.py /run/main.py\nRUN pip install trl==0.12.0\nENTRYPOINT python3 /run/main.py\n',
      shc: 'FROM python:3.11\nCOPY . /app\nRUN pip install trl==0.12.0\nCMD ["bash", "-c", "cd /app/src && python train.py"]\n',
    };
    for (const [name, dockerfile] of Object.entries(cases)) {
      const dir = project({ 'requirements.txt': 'trl==0.9.6\n', 'Dockerfile': dockerfile, 'src/train.py': '' });
      assert.equal(envFor(dir, 'src/train.py').get('trl')?.version, '0.12.0', name);
    }
  });

  it('near misses: a script the image does not copy in, an install in an unused stage, a run under ||, only the last CMD', () => {
    const mounted = project({ 'requirements.txt': 'trl==0.9.6\n', 'Dockerfile': 'FROM python:3.11\nRUN pip install trl==0.12.0\nCMD ["python", "/mnt/train.py"]\n', 'train.py': '' });
    assert.equal(envFor(mounted, 'train.py').get('trl')?.alternatives?.length, 2, 'a volume mounted at run time: no file of the project');
    const stage = project({
      'requirements.txt': 'trl==0.9.6\n',
      'Dockerfile': 'FROM python:3.11 AS test\nRUN pip install trl==0.21.0\nFROM python:3.11\nCOPY . /app\nCMD ["python", "/app/train.py"]\n',
      'train.py': '',
    });
    assert.deepEqual(versions(envFor(stage, 'train.py').get('trl')), ['0.9.6', '0.21.0'], 'the final image does not install TRL: the project stays');
    const last = project({
      'requirements.txt': 'trl==0.9.6\n',
      'Dockerfile': 'FROM python:3.11\nCOPY . /app\nRUN pip install trl==0.12.0\nCMD ["python", "/app/train.py"]\nCMD ["python", "/app/serve.py"]\n',
      'train.py': '', 'serve.py': '',
    });
    assert.equal(envFor(last, 'train.py').get('trl')?.alternatives?.length, 2, 'the last CMD wins');
    assert.equal(envFor(last, 'serve.py').get('trl')?.version, '0.12.0');
  });
});
