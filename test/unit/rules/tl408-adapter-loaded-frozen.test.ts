/**
 * TL408: `PeftModel.from_pretrained` without `is_trainable=True` (PEFT ≥ 0.3 loads the adapter frozen; peft
 * `src/peft/peft_model.py` at v0.3.0 and v0.18.0), then trained (huggingface/trl#6700).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string) => `# pip install ${pin}
from peft import PeftModel
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments
base = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
model = PeftModel.from_pretrained(base, "./adapter")
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=ds)
trainer.train()
`;

function tl008(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/frozen.py').filter((d) => d.code === 'TL408')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL408: an adapter loaded frozen, then trained', () => {
  before(ready);

  it('is an error on PEFT 0.18.0, naming the version', () => {
    const [d] = tl008(script('peft==0.18.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /PEFT 0\.18\.0/);
  });

  it('is silent on PEFT 0.2.0, which had no is_trainable (adapters loaded trainable)', () => {
    assert.deepEqual(tl008(script('peft==0.2.0')), []);
  });

  it('is information when PEFT is not pinned', () => {
    assert.equal(tl008(script('numpy'))[0]?.severity, 'information');
  });
});
