/**
 * TL203 on GRPOTrainer given a model id and no processing_class (huggingface/trl#3287): TRL 0.14–0.16 load that
 * model's tokenizer and pad the prompts with it without setting a pad token (`trl/trainer/grpo_trainer.py` at v0.16.1);
 * v0.17.0 sets `pad_token = eos_token` (#3290).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, model = '"gpt2"') => `# pip install ${pin}
from trl import GRPOConfig, GRPOTrainer
trainer = GRPOTrainer(model=${model}, reward_funcs=reward_func, args=GRPOConfig(output_dir="o"), train_dataset=ds)
`;

function tl203(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/grpo.py').filter((d) => d.code === 'TL203')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL203: GRPOTrainer loading a tokenizer without a pad token', () => {
  before(ready);

  it('is a warning on TRL 0.16.1, naming the model and the version', () => {
    const [d] = tl203(script('trl==0.16.1'));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /tokenizer of "gpt2" itself/);
    assert.match(d.message, /TRL 0\.16\.1/);
  });

  it('is silent from TRL 0.17, which sets pad_token = eos_token on the tokenizer it loads', () => {
    assert.deepEqual(tl203(script('trl==0.17.0')), []);
  });

  it('is silent for a model whose tokenizer has a pad token', () => {
    assert.deepEqual(tl203(script('trl==0.16.1', '"Qwen/Qwen2.5-0.5B-Instruct"')), []);
  });
});
