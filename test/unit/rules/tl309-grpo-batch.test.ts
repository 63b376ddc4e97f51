/**
 * TL309: what TRL checks at each release, and the severity that follows from what the script proves (an error only
 * when no number of processes passes; one GPU assumed otherwise, as information).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

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
    assert.match(d.message, /on one GPU \(1 process\) it is 4/);
    assert.match(d.message, /run 2 processes/);
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
