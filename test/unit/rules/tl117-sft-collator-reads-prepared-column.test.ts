/**
 * TL117 (huggingface/trl#3268, QwenLM/Qwen3-VL#1076): a custom SFTTrainer collator reading `example["messages"]` while
 * SFTTrainer's preparation removes the column (`trl/trainer/sft_trainer.py` v0.15.2–v0.18.2; v0.14.0 and v0.19.1 keep
 * it).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (pin: string, opts: { data?: string; args?: string } = {}) => `# pip install ${pin}
from datasets import Dataset, load_dataset
from transformers import AutoProcessor
from trl import SFTConfig, SFTTrainer

processor = AutoProcessor.from_pretrained("Qwen/Qwen2.5-VL-3B-Instruct")
dataset = ${opts.data ?? 'Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}]]})'}

def collate_fn(examples):
    texts = [processor.apply_chat_template(example["messages"], tokenize=False) for example in examples]
    return processor(text=texts, return_tensors="pt", padding=True)

trainer = SFTTrainer(model="m", args=SFTConfig(output_dir="o", remove_unused_columns=False${opts.args ?? ''}), train_dataset=dataset,
                     data_collator=collate_fn, processing_class=processor.tokenizer)
`;

function tl117(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/sft_vlm.py').filter((d) => d.code === 'TL117')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL117: SFTTrainer collator reads a column preparation removes', () => {
  before(ready);

  it('is an error on TRL 0.15.2, 0.16.1 (trl#3268) and 0.18.2', () => {
    for (const pin of ['trl==0.15.2', 'trl==0.16.1', 'trl==0.18.2']) {
      const [d] = tl117(script(pin));
      assert.equal(d?.severity, 'error', pin);
      assert.match(d.message, /KeyError: 'messages'/);
    }
  });

  it('is silent on TRL 0.14.0 and 0.19.1, which keep the column', () => {
    assert.deepEqual(tl117(script('trl==0.14.0')), []);
    assert.deepEqual(tl117(script('trl==0.19.1')), []);
  });

  it('is silent when preparation is skipped, or when the dataset is already tokenized', () => {
    assert.deepEqual(tl117(script('trl==0.16.1', { args: ', dataset_kwargs={"skip_prepare_dataset": True}' })), []);
    const tokenized = 'Dataset.from_dict({"messages": [[{"role": "user", "content": "Hi"}]], "input_ids": [[1, 2]]})';
    assert.deepEqual(tl117(script('trl==0.16.1', { data: tokenized })), []);
  });

  it('is information when TRL is not pinned, or when the dataset\'s columns are not known', () => {
    assert.equal(tl117(script('numpy'))[0]?.severity, 'information');
    const [d] = tl117(script('trl==0.16.1', { data: 'load_dataset("someone/unknown-vlm-data", split="train")' }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assumes its rows are not already tokenized/);
  });
});
