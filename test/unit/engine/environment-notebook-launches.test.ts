/**
 * A notebook that installs and then runs a script of the project from a cell (`env/notebook-launches.ts`): its installs
 * rank above the project's pin files for that script, as a shell script's do (`env/setup-launches.ts`). Found on
 * Brainkite/SmolLm2-zero (corpus36): `training/fsdp-qlora-distributed-llama3.ipynb` installs `trl==0.8.6` and runs
 * `!torchrun … ./scripts/run_fsdp_qlora.py`, while the repository's own requirements.txt pins `trl==0.14.0`.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { describeVersion } from '../../../server/src/engine/env/versions';
import { ready } from '../helpers';
import { project, versions } from './setup-project';

const envFor = (dir: string, script: string) => discoverEnvironment({ scriptDir: join(dir, script, '..'), scriptPath: join(dir, script), workspaceRoot: dir, env: {} });

/** A notebook of code cells (each a list of lines). */
const notebook = (...cells: string[][]) => JSON.stringify({ cells: cells.map((lines) => ({ cell_type: 'code', metadata: {}, outputs: [], source: lines.join('\n') })), metadata: {}, nbformat: 4, nbformat_minor: 5 });

describe('a notebook that installs and then runs a script', () => {
  before(ready);

  it("its installs rank above requirements.txt for the script it runs, named from the notebook's folder", () => {
    const dir = project({
      'requirements.txt': 'trl==0.14.0\ntransformers==4.48.1\n',
      'training/fsdp.ipynb': notebook(
        ['# Install Hugging Face libraries', '%pip install --upgrade "transformers==4.40.0" "trl==0.8.6"'],
        ['!ACCELERATE_USE_FSDP=1 torchrun --nproc_per_node=4 ./scripts/run_fsdp_qlora.py --config llama_3_70b.yaml'],
      ),
      'training/scripts/run_fsdp_qlora.py': '', 'training/scripts/run_sft.py': '',
    });
    const env = envFor(dir, 'training/scripts/run_fsdp_qlora.py');
    assert.equal(env.get('trl')?.version, '0.8.6');
    assert.equal(env.get('transformers')?.version, '4.40.0');
    assert.match(describeVersion('TRL', env.get('trl')!), /from `pip install` on cell 1, line 2 of .*fsdp\.ipynb/);
    assert.equal(envFor(dir, 'training/scripts/run_sft.py').get('trl')?.version, '0.14.0', 'a script the notebook does not run keeps the project pin');
  });

  it('installs after the run, commented or indented installs, an indented run, and a run after `%cd` count for nothing', () => {
    const cases: Record<string, string> = {
      after: notebook(['!python train.py'], ['!pip install trl==0.8.6']),
      commented: notebook(['# !pip install trl==0.8.6'], ['!python train.py']),
      indented: notebook(['if IN_COLAB:', '    !pip install trl==0.8.6'], ['!python train.py']),
      indentedRun: notebook(['!pip install trl==0.8.6'], ['if RUN:', '    !python train.py']),
      // nhatkhangcs/BARTpho-VietBana `trainer_notebook.ipynb`: `%cd /content/drive/MyDrive/…` before `!python trainer/…`.
      cdFirst: notebook(['!pip install trl==0.8.6'], ['%cd /content/drive/MyDrive/project'], ['!python train.py']),
      chdir: notebook(['!pip install trl==0.8.6'], ['import os', 'os.chdir("/content/project")'], ['!python train.py']),
    };
    for (const [name, nb] of Object.entries(cases)) {
      const dir = project({ 'requirements.txt': 'trl==0.14.0\n', 'run.ipynb': nb, 'train.py': '' });
      assert.equal(envFor(dir, 'train.py').get('trl')?.version, '0.14.0', name);
    }
  });

  it('a `%%bash` cell, `cd` in the command; two notebooks that disagree are alternatives', () => {
    const dir = project({
      'requirements.txt': 'trl==0.14.0\n',
      'a.ipynb': notebook(['%%bash', 'pip install trl==0.8.6', 'cd src && python train.py']),
      'b.ipynb': notebook(['!pip install trl==0.9.6'], ['!cd src && accelerate launch train.py']),
      'src/train.py': '',
    });
    assert.deepEqual(versions(envFor(dir, 'src/train.py').get('trl')), ['0.8.6', '0.9.6']);
  });

  it("a folder's notebooks are read smallest first, up to a budget: a launch in a notebook beyond it counts for nothing", () => {
    // A course folder of notebooks with saved outputs: reading every one is on the first lint's path.
    const padded = (script: string, pin: string) => JSON.stringify({
      cells: [{ cell_type: 'code', metadata: {}, source: `!pip install trl==${pin}\n!python ${script}`,
        outputs: [{ output_type: 'stream', name: 'stdout', text: 'x'.repeat(3.5 * 1024 * 1024) }] }],
      metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const files: Record<string, string> = { 'requirements.txt': 'trl==0.14.0\n', 'train.py': '',
      'z_launch.ipynb': notebook(['!pip install trl==0.8.6'], ['!python train.py']) };
    for (let i = 0; i < 5; i++) { files[`a${i}.ipynb`] = padded(`s${i}.py`, `0.9.${i}`); files[`s${i}.py`] = ''; }
    const dir = project(files);
    assert.equal(envFor(dir, 'train.py').get('trl')?.version, '0.8.6', 'the small launching notebook, last by name, is read first');
    assert.equal(envFor(dir, 's0.py').get('trl')?.version, '0.9.0', 'within the budget');
    assert.equal(envFor(dir, 's4.py').get('trl')?.version, '0.14.0', 'the fifth 3.5 MB notebook is past the 16 MB budget');
  });
});
