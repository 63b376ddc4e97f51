/**
 * TL312 (huggingface/trl#3384): GRPO's own metrics as `metric_for_best_model` before TRL 1.5, whose `log()` built a new
 * dict (`trl/trainer/grpo_trainer.py` at v0.16.1 and v1.4.0; v1.5.0 `logs.update(metrics)`).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string) => `# pip install ${pin}
from trl import GRPOConfig, GRPOTrainer
args = GRPOConfig(output_dir="o", eval_strategy="steps", save_strategy="steps", load_best_model_at_end=True,
                  metric_for_best_model="eval_reward")
trainer = GRPOTrainer(model="m", reward_funcs=r, args=args, train_dataset=ds, eval_dataset=ev)
`;

function tl312(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/grpo.py').filter((d) => d.code === 'TL312')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL312: GRPO metric as metric_for_best_model', () => {
  before(ready);

  it('is an error on TRL 0.16.1 (trl#3384) and 1.4.0', () => {
    const [d] = tl312(script('trl==0.16.1'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /set to 'eval_reward', which is not found/);
    assert.equal(tl312(script('trl==1.4.0'))[0]?.severity, 'error');
  });

  it('is silent on TRL 1.5.0, where log() updates the dict in place', () => {
    assert.deepEqual(tl312(script('trl==1.5.0')), []);
  });

  it('is information when TRL is not pinned', () => {
    assert.equal(tl312(script('numpy'))[0]?.severity, 'information');
  });
});

describe('TL312: an untracked GRPO metric (transformers ≥ 4.47 looks it up after every evaluation)', () => {
  before(ready);
  const untracked = (pins: string) => `# pip install ${pins}
from trl import GRPOConfig, GRPOTrainer
args = GRPOConfig(output_dir="o", eval_strategy="steps", metric_for_best_model="eval_reward")
trainer = GRPOTrainer(model="m", reward_funcs=r, args=args, train_dataset=ds, eval_dataset=ev)
`;

  it('is an error with TRL 1.4.0 and transformers 4.47.0 or 5.6.0', () => {
    for (const tf of ['4.47.0', '5.6.0']) {
      const [d] = tl312(untracked(`trl==1.4.0 transformers==${tf}`));
      assert.equal(d?.severity, 'error', tf);
      assert.match(d.message, /even without `load_best_model_at_end`/);
    }
  });

  it('is silent with transformers 4.46.0 (the lookup is only at a save)', () => {
    assert.deepEqual(tl312(untracked('trl==0.16.1 transformers==4.46.0')), []);
  });

  it('is information naming transformers ≥ 4.47 when transformers is unknown', () => {
    const [d] = tl312(untracked('trl==1.4.0'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /transformers ≥ 4\.47/);
  });
});
