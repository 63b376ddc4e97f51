/**
 * TL309: what TRL checks at each release, and the severity that follows from what the script proves (an error only
 * when no number of processes passes; one process assumed otherwise, as information; the number the project's launches
 * prove, `env/launch-processes.ts`, counts).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { discoverEnvironment } from '../../../server/src/engine/env/discover';
import { launchProcesses } from '../../../server/src/engine/env/launch-processes';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';
import { project } from '../engine/setup-project';

function tl309(text: string) {
  return lintSnippet(text).filter((d) => d.code === 'TL309');
}

const config = (pin: string, args: string, extra = '') =>
  `${pin}\n${extra}from trl import GRPOConfig, GRPOTrainer\ncfg = GRPOConfig(output_dir="out", ${args})\ntrainer = GRPOTrainer(model="m", reward_funcs=[], args=cfg, train_dataset=ds)\n`;

describe('TL309 grpo-generation-batch', () => {
  before(ready);

  it('an explicit generation_batch_size not a multiple of num_generations is an error whatever the processes', () => {
    const [d] = tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=4, generation_batch_size=12, num_generations=8'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /generation_batch_size \(12\) must be divisible by num_generations \(8\)" for any number of processes \(TRL 0\.24\.0/);
  });

  it('generation_batch_size not a multiple of per_device_train_batch_size: no number of processes passes', () => {
    const [d] = tl309(config('# pip install trl==0.20.0', 'per_device_train_batch_size=8, generation_batch_size=12, num_generations=4'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /must be divisible by the global batch size \(8\)" for any number of processes/);
  });

  it('generation_batch_size that divides on one GPU but not by num_generations at TRL 0.18 (possible values)', () => {
    const [d] = tl309(config('# pip install trl==0.18.2', 'per_device_train_batch_size=4, generation_batch_size=12, num_generations=8'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /evenly divisible by the number of generations per prompt \(8\)/);
  });

  it('the default generation batch on one GPU is information naming the assumption and the processes that pass', () => {
    const [d] = tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=2, gradient_accumulation_steps=2, num_generations=8'));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /assuming one process \(a plain `python script\.py` run: the project does not show how many processes launch it\), it is 4/);
    assert.match(d.message, /run 2 processes/);
  });

  it('how many processes a launch starts, when its words prove it (torchrun, accelerate, deepspeed, python)', () => {
    const files: Record<string, string> = {
      'multi.yaml': 'compute_environment: LOCAL_MACHINE\ndistributed_type: MULTI_GPU\nnum_machines: 1\nnum_processes: 4\n',
      'ds.yaml': 'compute_environment: LOCAL_MACHINE\ndeepspeed_config:\n  zero_stage: 3\ndistributed_type: DEEPSPEED\nnum_processes: 8\n',
      'single.yaml': 'compute_environment: LOCAL_MACHINE\ndistributed_type: "NO"\nnum_processes: 1\n',
    };
    const n = (launcher: string, ...options: string[]) => launchProcesses(launcher, options, (p) => files[p]);
    assert.equal(n('python'), 1);
    assert.equal(n('python3', '-u'), 1);
    assert.equal(n('python', '-m', 'torch.distributed.run', '--nproc_per_node', '2'), undefined);
    assert.equal(n('torchrun', '--nproc_per_node', '4'), 4);
    assert.equal(n('torchrun', '--standalone', '--nproc-per-node=2'), 2);
    assert.equal(n('torchrun', '--nnodes', '2', '--nproc_per_node', '4'), undefined);
    assert.equal(n('torchrun', '--nproc_per_node', 'gpu'), undefined);
    assert.equal(n('torchrun', '--nproc_per_node', '$NGPU'), undefined);
    assert.equal(n('accelerate launch', '--num_processes', '1'), 1);
    assert.equal(n('accelerate launch', '--multi_gpu', '--num_processes=3'), 3);
    assert.equal(n('accelerate launch', '--num_processes', '3'), undefined, 'no config, no --multi_gpu: the GPUs of the machine decide');
    assert.equal(n('accelerate launch', '--config_file', 'multi.yaml'), 4);
    assert.equal(n('accelerate launch', '--config_file', 'multi.yaml', '--num_processes', '2'), 2, 'the flag wins over the file');
    assert.equal(n('accelerate launch', '--config_file', 'ds.yaml'), 8);
    assert.equal(n('accelerate launch', '--config_file', 'single.yaml', '--num_processes', '4'), undefined);
    assert.equal(n('accelerate launch', '--config_file', 'absent.yaml'), undefined);
    assert.equal(n('accelerate launch'), undefined, "the user's default config decides");
    assert.equal(n('deepspeed', '--num_gpus', '2'), 2);
    assert.equal(n('deepspeed', '--num_gpus', '2', '--num_nodes', '2'), undefined);
    assert.equal(n('deepspeed', '--hostfile', 'h', '--num_gpus', '2'), undefined);
    assert.equal(n('deepspeed'), undefined);
  });

  it('the processes the project launches the script with count: silent when they pass, a warning naming the launch when they do not', () => {
    const text = config('# pip install trl==0.24.0', 'per_device_train_batch_size=2, num_generations=8');
    const lint = (files: Record<string, string>) => {
      const dir = project({ 'train.py': text, ...files });
      const env = discoverEnvironment({ scriptDir: dir, scriptPath: join(dir, 'train.py'), workspaceRoot: dir, env: {} });
      return lintSnippet(text, { rules: ALL_RULES.filter((r) => r.code === 'TL309'), env }, join(dir, 'train.py'));
    };
    assert.equal(lint({})[0].severity, 'information');
    assert.equal(lint({ 'train.sh': 'torchrun --nproc_per_node 4 train.py\n' }).length, 0);
    assert.equal(lint({ 'train.sh': 'accelerate launch --config_file acc.yaml train.py\n', 'acc.yaml': 'distributed_type: MULTI_GPU\nnum_processes: 8\n' }).length, 0);
    const [d] = lint({ 'train.sh': 'accelerate launch --multi_gpu --num_processes 2 train.py --lr 1e-5\n' });
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /with the 2 processes `[^`]*train\.sh` line 1 starts, it is 4, and `GRPOConfig\(\.\.\.\)` raises "ValueError: generation_batch_size \(4\) must be divisible by num_generations \(8\)"/);
    const [one] = lint({ 'train.sh': 'python train.py --lr 1e-5\n' });
    assert.equal(one.severity, 'warning');
    assert.match(one.message, /with the 1 process `[^`]*train\.sh` line 1 starts, it is 2/);
    // Near misses: launches that disagree, or one whose count the text does not prove, leave one process assumed.
    for (const sh of ['torchrun --nproc_per_node 4 train.py\npython train.py\n', 'accelerate launch --num_processes 4 train.py\n', 'torchrun --nproc_per_node $N train.py\n']) {
      const [x] = lint({ 'train.sh': sh });
      assert.equal(x?.severity, 'information', sh);
      assert.match(x.message, /assuming one process/);
    }
    // An explicit generation_batch_size must divide by B × P from TRL 0.20: only a proven P can say.
    const gbs = config('# pip install trl==0.24.0', 'per_device_train_batch_size=4, generation_batch_size=8, num_generations=8');
    const dir = project({ 'train.py': gbs, 'train.sh': 'torchrun --nproc_per_node 4 train.py\n' });
    const env = discoverEnvironment({ scriptDir: dir, scriptPath: join(dir, 'train.py'), workspaceRoot: dir, env: {} });
    const [g] = lintSnippet(gbs, { rules: ALL_RULES.filter((r) => r.code === 'TL309'), env }, join(dir, 'train.py'));
    assert.equal(g.severity, 'warning');
    assert.match(g.message, /must be divisible by the global batch size \(16\)"/);
    assert.equal(tl309(gbs).length, 0);
  });

  it('gradient accumulation counts from TRL 0.17, not in 0.16', () => {
    const args = 'per_device_train_batch_size=2, gradient_accumulation_steps=4, num_generations=8';
    assert.equal(tl309(config('# pip install trl==0.17.0', args)).length, 0);
    const [d] = tl309(config('# pip install trl==0.16.1', args));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /`GRPOTrainer\(\.\.\.\)` raises "ValueError: The global train batch size \(1 x 2\)/);
  });

  it('steps_per_generation replaces gradient_accumulation_steps in the generation batch (TRL ≥ 0.18)', () => {
    assert.equal(tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=2, steps_per_generation=4, num_generations=8')).length, 0);
    const [d] = tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=2, gradient_accumulation_steps=4, steps_per_generation=1, num_generations=8'));
    assert.match(d.message, /`steps_per_generation` \(1\)/);
  });

  it('num_generations=1 is an error from TRL 0.15, silent on 0.14, information when the version is unknown', () => {
    assert.equal(tl309(config('# pip install trl==0.15.2', 'num_generations=1'))[0].severity, 'error');
    assert.equal(tl309(config('# pip install trl==0.14.0', 'num_generations=1')).length, 0);
    const [d] = tl309(config('', 'num_generations=1'));
    assert.equal(d.severity, 'information');
    assert.match(d.message, /with TRL ≥ 0\.15; the installed version is unknown/);
  });

  it('with the version unknown, keywords that exist from 0.18 make a process-independent failure an error', () => {
    const [d] = tl309(config('', 'per_device_train_batch_size=4, generation_batch_size=12, num_generations=8'));
    assert.equal(d.severity, 'error');
    assert.match(d.message, /every TRL release that takes `generation_batch_size=`, TRL ≥ 0\.18; the installed version is unknown/);
  });

  it('the eval batch: checked when evaluation is on, not by TRL 0.20–0.21, with num_generations_eval from 0.27', () => {
    const args = 'per_device_train_batch_size=6, per_device_eval_batch_size=4, num_generations=6';
    assert.equal(tl309(config('# pip install trl==0.24.0', args)).length, 0);
    const [on] = tl309(config('# pip install trl==0.24.0', `${args}, eval_strategy="steps"`));
    assert.equal(on.severity, 'information');
    assert.match(on.message, /global eval batch/);
    assert.equal(tl309(config('# pip install trl==0.21.0', `${args}, eval_strategy="steps"`)).length, 0);
    assert.equal(tl309(config('# pip install trl==0.27.0', `${args}, eval_strategy="steps", num_generations_eval=2`)).length, 0);
    assert.equal(tl309(config('# pip install transformers==4.45.0\n# pip install trl==0.16.1', `${args}, evaluation_strategy="epoch"`)).length, 1);
  });

  it('under Unsloth the train batch is left to its fix-up; num_generations < 2 is still reported', () => {
    const unsloth = 'from unsloth import FastLanguageModel\n';
    assert.equal(tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=2, num_generations=8', unsloth)).length, 0);
    assert.equal(tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=6, per_device_eval_batch_size=4, num_generations=6, eval_strategy="steps"', unsloth)).length, 0);
    assert.equal(tl309(config('# pip install trl==0.24.0', 'num_generations=1', unsloth))[0].severity, 'error');
  });

  it('values it cannot know leave the check out', () => {
    assert.equal(tl309(config('# pip install trl==0.24.0', 'per_device_train_batch_size=args.bs, num_generations=8')).length, 0);
    assert.equal(tl309(config('# pip install trl==0.24.0', 'num_generations=8, **overrides')).length, 0);
  });
});
