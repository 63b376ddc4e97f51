/**
 * TL529 (suraj-ranganath/StealthRL#6): `GRPOTrainer(…)` without `reward_funcs`. huggingface/trl
 * `trl/trainer/grpo_trainer.py`: a required parameter at v0.14.0–v1.7.0 (TypeError), default None and
 * "No reward source provided" (ValueError) at v1.8.0 and v1.9.0.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, call = 'GRPOTrainer(model="Qwen/Qwen2.5-0.5B-Instruct", args=GRPOConfig(output_dir="o"), train_dataset=ds)') => `${pin}
from trl import GRPOConfig, GRPOTrainer
trainer = ${call}
`;

function tl529(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/grpo.py').filter((d) => d.code === 'TL529')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL529: GRPOTrainer without reward functions', () => {
  before(ready);

  it('names the TypeError on TRL 0.14–1.7 and the ValueError from 1.8, as an error', () => {
    const [old] = tl529(script('# pip install trl==1.7.0'));
    assert.equal(old?.severity, 'error');
    assert.match(old.message, /missing 1 required positional argument: 'reward_funcs'/);
    assert.doesNotMatch(old.message, /No reward source/);
    const [recent] = tl529(script('# pip install trl==1.8.0'));
    assert.equal(recent?.severity, 'error');
    assert.match(recent.message, /No reward source provided/);
    assert.doesNotMatch(recent.message, /missing 1 required/);
    assert.match(recent.message, /\(TRL 1\.8\.0, /);
  });

  it('names a keyword written for another API as the wrong spelling, not a valid GRPOTrainer keyword', () => {
    const [d] = tl529(script('# pip install trl==1.9.0', 'GRPOTrainer(model="m", reward_function=f, args=GRPOConfig(output_dir="o"))'));
    assert.match(d?.message ?? '', /`reward_function=` is not GRPOTrainer's name for them/);
    const [e] = tl529(script('# pip install trl==1.9.0', 'GRPOTrainer(model="m", reward_processing_classes=[t], args=GRPOConfig(output_dir="o"))'));
    assert.doesNotMatch(e?.message ?? '', /not GRPOTrainer's name/);
  });

  it('is an error naming both outcomes when TRL is not pinned (every release fails)', () => {
    const [d] = tl529(script(''));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /TRL 0\.14–1\.7 raise .*from 1\.8/);
  });

  it('is silent with reward functions given by keyword or position, an environment factory, or a splat', () => {
    for (const call of [
      'GRPOTrainer(model="m", reward_funcs=[f], args=GRPOConfig(output_dir="o"))',
      'GRPOTrainer("m", f, args=GRPOConfig(output_dir="o"))',
      'GRPOTrainer(model="m", environment_factory=make_env, args=GRPOConfig(output_dir="o"))',
      'GRPOTrainer(model="m", **kw)',
    ]) assert.deepEqual(tl529(script('# pip install trl==1.9.0', call)), [], call);
  });
});
