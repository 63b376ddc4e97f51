/**
 * TL308 on `DPOConfig(padding_value=tokenizer.eos_token)` (huggingface/trl#3080): the token's text where DPOTrainer pads
 * the input ids with the value, TRL 0.9 through 0.25 (huggingface/trl `trl/trainer/dpo_config.py` at v0.9.6, v0.24.0,
 * v0.26.0; `dpo_trainer.py` at v0.15.2 and v0.24.0).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, value = 'tokenizer.eos_token') => `# pip install ${pin}
from transformers import AutoTokenizer
from trl import DPOConfig, DPOTrainer
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B-Instruct")
args = DPOConfig(output_dir="o", padding_value=${value})
`;

function tl308(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/dpo.py').filter((d) => d.code === 'TL308')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL308: DPOConfig padding_value given a token text', () => {
  before(ready);

  it('is an error on TRL 0.15.2, with the version named (trl#3080)', () => {
    const [d] = tl308(script('trl==0.15.2'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /token text `tokenizer\.eos_token`/);
    assert.match(d.message, /TRL 0\.15\.2/);
    assert.match(d.message, /Use `tokenizer\.eos_token_id`/);
  });

  it('is an error on TRL 0.25.0, where the deprecated value still becomes the pad id', () => {
    assert.equal(tl308(script('trl==0.25.0'))[0]?.severity, 'error');
  });

  it('is silent on TRL 0.26, where the keyword is gone (TL511 says so), and on the token id', () => {
    assert.deepEqual(tl308(script('trl==0.26.0')), []);
    assert.deepEqual(tl308(script('trl==0.15.2', 'tokenizer.eos_token_id')), []);
  });

  it('is information when TRL is not pinned', () => {
    const [d] = tl308(script('numpy'));
    assert.equal(d?.severity, 'information');
  });
});
