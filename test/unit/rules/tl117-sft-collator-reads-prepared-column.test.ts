/**
 * TL117 (huggingface/trl#3268, QwenLM/Qwen3-VL#1076): a custom SFTTrainer collator reading `example["messages"]` while
 * SFTTrainer's preparation removes the column (`trl/trainer/sft_trainer.py` v0.15.2–v0.21.0 always; v0.22.0 not for a
 * processor; v0.24.0 not for a dataset with an image column; v0.14.0 kept it).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, opts: { processing?: string; data?: string; args?: string } = {}) => `# pip install ${pin}
from datasets import Dataset, load_dataset
from transformers import AutoProcessor, AutoTokenizer
from trl import SFTConfig, SFTTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B-Instruct")
dataset = ${opts.data ?? 'Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}]]})'}

def collate_fn(examples):
    texts = [processor.apply_chat_template(example["messages"], tokenize=False) for example in examples]
    return processor(text=texts, return_tensors="pt", padding=True)

trainer = SFTTrainer(model="m", args=SFTConfig(output_dir="o", remove_unused_columns=False${opts.args ?? ''}), train_dataset=dataset,
                     data_collator=collate_fn, processing_class=${opts.processing ?? 'processor.tokenizer'})
`;

function tl117(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/sft_vlm.py').filter((d) => d.code === 'TL117')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL117: SFTTrainer collator reads a column preparation removes', () => {
  before(ready);

  it('is an error on TRL 0.15.2 and 0.16.1 (trl#3268) and 0.21.0, for a processor as well as a tokenizer', () => {
    for (const pin of ['trl==0.15.2', 'trl==0.16.1', 'trl==0.21.0']) {
      const [d] = tl117(script(pin));
      assert.equal(d?.severity, 'error', pin);
      assert.match(d.message, /KeyError: 'messages'/);
      assert.equal(tl117(script(pin, { processing: 'processor' }))[0]?.severity, 'error', pin);
    }
  });

  it('is silent on TRL 0.14.0, which kept the column', () => {
    assert.deepEqual(tl117(script('trl==0.14.0')), []);
  });

  it('on TRL 0.22 and later, only for a tokenizer (a processor skips preparation), and from 0.24 only without an image column', () => {
    assert.equal(tl117(script('trl==0.22.2'))[0]?.severity, 'error');
    assert.deepEqual(tl117(script('trl==0.22.2', { processing: 'processor' })), []);
    assert.equal(tl117(script('trl==1.9.0', { processing: 'tokenizer' }))[0]?.severity, 'error');
    const vision = 'Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}]], "images": [["a.png"]]})';
    assert.equal(tl117(script('trl==0.23.1', { data: vision }))[0]?.severity, 'error');
    assert.deepEqual(tl117(script('trl==0.24.0', { data: vision })), []);
  });

  it('is silent when preparation is skipped', () => {
    assert.deepEqual(tl117(script('trl==0.16.1', { args: ', dataset_kwargs={"skip_prepare_dataset": True}' })), []);
  });

  it('is information when TRL is not pinned, or when the dataset\'s columns are not known', () => {
    assert.equal(tl117(script('numpy'))[0]?.severity, 'information');
    const [d] = tl117(script('trl==0.16.1', { data: 'load_dataset("someone/unknown-vlm-data", split="train")' }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assumes its rows are not already tokenized/);
  });
});
