/**
 * TL314 (huggingface/trl#5923): `padding_free=True` without packing and with `max_length` not None. TRL 1.0 raises
 * (`trl/trainer/sft_trainer.py` v1.0.0–v1.9.0, from trl#5359); v0.29.1 and v1.0.0rc1 have no such check.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, config = 'SFTConfig(output_dir="o", padding_free=True)') => `${pin}
from trl import SFTConfig, SFTTrainer
args = ${config}
trainer = SFTTrainer(model="Qwen/Qwen3-0.6B", args=args, train_dataset=ds)
`;

function tl314(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/sft.py').filter((d) => d.code === 'TL314')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL314: padding-free SFT without packing', () => {
  before(ready);

  it('is an error on TRL 1.0.0 and 1.5.0, naming the default max_length and the ValueError', () => {
    for (const pin of ['# pip install trl==1.0.0', '# pip install trl==1.5.0']) {
      const [d] = tl314(script(pin));
      assert.equal(d?.severity, 'error', pin);
      assert.match(d.message, /`max_length` at its default 1024/);
      assert.match(d.message, /max_length` is not enforced/);
    }
    assert.match(tl314(script('# pip install trl==1.5.0', 'SFTConfig(output_dir="o", padding_free=True, max_length=4096)'))[0]?.message ?? '', /`max_length=4096`/);
  });

  it('is silent before TRL 1.0 (no check in v0.29.1)', () => {
    assert.deepEqual(tl314(script('# pip install trl==0.29.1')), []);
  });

  it('is information when TRL is not pinned, or a pre-release of 1.0', () => {
    for (const pin of ['', '# pip install trl==1.0.0rc1']) {
      const [d] = tl314(script(pin));
      assert.equal(d?.severity, 'information', pin);
      assert.match(d.message, /TRL ≥ 1\.0/);
    }
  });

  it('is silent with packing, max_length=None, or under Unsloth', () => {
    assert.deepEqual(tl314(script('# pip install trl==1.5.0', 'SFTConfig(output_dir="o", padding_free=True, packing=True)')), []);
    assert.deepEqual(tl314(script('# pip install trl==1.5.0', 'SFTConfig(output_dir="o", padding_free=True, max_length=None)')), []);
    assert.deepEqual(tl314(`import unsloth\n${script('# pip install trl==1.5.0')}`), []);
  });
});
