/**
 * TL501 (widened): reading `trainer.tokenizer`, which transformers 5.0 removed (yiqiao-yin/deepspeed-course#22; the 10th
 * recall pass).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl501 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL501');
const script = (pin: string, extra = '') => `${pin}
from trl import SFTConfig, SFTTrainer
${extra}
trainer = SFTTrainer(model="m", args=SFTConfig(output_dir="o"), train_dataset=ds, processing_class=tok)
trainer.train()
trainer.tokenizer.save_pretrained("o")
`;

describe('TL501 trainer.tokenizer', () => {
  before(ready);

  it('is an error on transformers 5, information when the version is unknown', () => {
    const [d] = tl501(script('# pip install transformers==5.0.0 trl==1.0.0'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /has no attribute 'tokenizer'/);
    assert.equal(d.fixes[0]?.applicability, 'safe');
    const [u] = tl501(script(''));
    assert.equal(u?.severity, 'information');
    assert.equal(u.fixes[0]?.applicability, 'unsafe');
  });

  it('leaves a read the script guards with hasattr/getattr or an AttributeError handler alone', () => {
    const head = '# pip install transformers==5.0.0 trl==1.0.0\nfrom trl import SFTConfig, SFTTrainer\ntrainer = SFTTrainer(model="m", args=SFTConfig(output_dir="o"), train_dataset=ds)\n';
    const guarded = [
      'if hasattr(trainer, "processing_class"):\n    trainer.processing_class.save_pretrained("o")\nelif hasattr(trainer, "tokenizer"):\n    trainer.tokenizer.save_pretrained("o")\n',
      'try:\n    trainer.tokenizer.save_pretrained("o")\nexcept AttributeError:\n    pass\n',
      'tok = trainer.tokenizer if hasattr(trainer, "tokenizer") else trainer.processing_class\n',
    ];
    for (const g of guarded) assert.equal(tl501(head + g).length, 0, g);
    const other = 'try:\n    trainer.tokenizer.save_pretrained("o")\nexcept KeyboardInterrupt:\n    pass\n';
    assert.equal(tl501(head + other).length, 1);
  });

  it("leaves a subclass that keeps its own tokenizer, Unsloth, and TRL before 0.12 alone", () => {
    const sub = 'class T(SFTTrainer):\n    def __init__(self, *a, **k):\n        super().__init__(*a, **k)\n        self.tokenizer = k.get("processing_class")\n';
    const own = `# pip install transformers==5.0.0 trl==1.0.0
from trl import SFTConfig, SFTTrainer
${sub}
trainer = T(model="m", args=SFTConfig(output_dir="o"), train_dataset=ds)
trainer.tokenizer.save_pretrained("o")
`;
    assert.equal(tl501(own).length, 0);
    assert.equal(tl501(script('# pip install transformers==5.0.0 trl==1.0.0', 'from unsloth import FastLanguageModel')).length, 0);
    const old = tl501(script('# pip install trl==0.11.4'));
    assert.ok(old.every((d) => !/trainer\.tokenizer/.test(d.message)), old.map((d) => d.message).join('\n'));
  });
});
