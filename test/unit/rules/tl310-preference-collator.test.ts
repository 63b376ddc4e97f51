/** TL310: what each collator raises on a preference trainer's rows, at every TRL release. */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

function tl310(text: string) {
  return lintSnippet(text).filter((d) => d.code === 'TL310');
}

const dpo = (pin: string, collator: string, imports: string) =>
  `${pin}\n${imports}\nfrom trl import DPOConfig, DPOTrainer\ntrainer = DPOTrainer(model=model, args=DPOConfig(output_dir="o"), train_dataset=ds, data_collator=${collator})\n`;

describe('TL310 preference-trainer-lm-collator', () => {
  before(ready);

  it('a transformers padding collator: tokenizer.pad refuses rows without input_ids, an error whatever the version', () => {
    for (const pin of ['', '# pip install trl==0.11.4', '# pip install trl==0.24.0', '# pip install trl==1.9.0']) {
      const [d] = tl310(dpo(pin, 'DataCollatorWithPadding(tokenizer)', 'from transformers import DataCollatorWithPadding'));
      assert.equal(d.severity, 'error', pin);
      assert.match(d.message, /`tokenizer\.pad`, which raises "ValueError: You should supply an encoding/);
      assert.deepEqual(d.fixes.map((f) => f.applicability), ['safe']);
    }
  });

  it("TRL's own LM collator raises KeyError: 'input_ids'", () => {
    const [d] = tl310(dpo('# pip install trl==0.24.0', 'DataCollatorForLanguageModeling(pad_token_id=0)', 'from trl.trainer.sft_trainer import DataCollatorForLanguageModeling'));
    assert.match(d.message, /KeyError: 'input_ids'/);
  });

  it('a dataset known to hold input_ids is left alone', () => {
    const text = dpo('# pip install trl==0.24.0', 'DataCollatorWithPadding(tokenizer)', 'from datasets import Dataset\nfrom transformers import DataCollatorWithPadding\nds = Dataset.from_dict({"input_ids": [[1]]})');
    assert.equal(tl310(text).length, 0);
  });
});
