/**
 * TL106 under Unsloth on a prompt/completion dataset (unslothai/unsloth#3399): unsloth-zoo's `sft_prepare_dataset`
 * had no prompt/completion path before 2026.3.5 (Unsloth 2026.3.11) and asks for a formatting function.
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, unsloth = true) => `# pip install ${pin}
${unsloth ? 'from unsloth import FastLanguageModel\n' : ''}from trl import SFTTrainer, SFTConfig
from datasets import Dataset
ds = Dataset.from_dict({"prompt": ["a?", "b?"], "completion": [" a", " b"]})
trainer = SFTTrainer(model=model, train_dataset=ds, args=SFTConfig(output_dir="o", completion_only_loss=True))
`;

const tl106 = (text: string) => lintSnippet(text, { rules: ALL_RULES.filter((r) => r.code === 'TL106') });

describe('TL106: prompt/completion rows under Unsloth', () => {
  before(ready);

  it('is an error on an Unsloth pinned before 2026.3.11', () => {
    const [d] = tl106(script('unsloth==2025.10.1'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /You must specify a `formatting_func`/);
  });

  it('is information naming the range when the Unsloth version is unknown', () => {
    const [d] = tl106(script('datasets'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /with Unsloth < 2026\.3\.11/);
  });

  it('is silent from Unsloth 2026.3.11, and without Unsloth (TRL reads prompt/completion rows)', () => {
    assert.deepEqual(tl106(script('unsloth==2026.3.11')), []);
    assert.deepEqual(tl106(script('trl==0.19.1', false)), []);
  });
});
