/**
 * TL313 (huggingface/trl#5087): a RewardTrainer model with more than one output. TRL 0.29 raises
 * (`trl/trainer/reward_trainer.py` v0.29.0: `if getattr(model.config, "num_labels", None) != 1: raise ValueError`);
 * v0.28.0 and earlier train every output as a reward.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, load = 'AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen2.5-0.5B")') => `${pin}
from transformers import AutoModelForSequenceClassification
from trl import RewardConfig, RewardTrainer

model = ${load}
trainer = RewardTrainer(model=model, args=RewardConfig(output_dir="rm"), train_dataset=ds)
`;

function tl313(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/reward.py').filter((d) => d.code === 'TL313')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL313: a reward model with more than one output', () => {
  before(ready);

  it('is an error on TRL 0.29 and later, naming the ValueError', () => {
    const [d] = tl313(script('# pip install trl==0.29.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /reward models require `num_labels=1`/);
  });

  it('is a warning before TRL 0.29 and on an unknown TRL: both outputs are trained', () => {
    for (const pin of ['# pip install trl==0.28.0', '']) {
      const [d] = tl313(script(pin));
      assert.equal(d?.severity, 'warning', pin);
      assert.match(d.message, /trains all 2 outputs as separate rewards/);
    }
  });

  it('is silent with num_labels=1 and on a checkpoint named as a reward model', () => {
    assert.deepEqual(tl313(script('# pip install trl==0.29.0', 'AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen2.5-0.5B", num_labels=1)')), []);
    assert.deepEqual(tl313(script('# pip install trl==0.29.0', 'AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen2.5-Math-RM-72B")')), []);
  });
});
