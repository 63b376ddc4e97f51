/**
 * TL119 (huggingface/transformers#47155): a streamed train set with max_steps unset makes `Trainer.__init__` raise
 * "The train_dataset does not implement __len__, max_steps has to be specified".
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

function tl119(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/train.py').filter((d) => d.code === 'TL119')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

const script = (args: string, streaming = 'True') => `from datasets import load_dataset
from transformers import Trainer, TrainingArguments

stream = load_dataset("HuggingFaceFW/fineweb", split="train", streaming=${streaming})
trainer = Trainer(model=model, args=TrainingArguments(${args}), train_dataset=stream)
`;

describe('TL119: a streamed train set without max_steps', () => {
  before(ready);

  it('is an error when max_steps is not set or not above 0', () => {
    for (const args of ['output_dir="o"', 'output_dir="o", max_steps=-1', 'output_dir="o", num_train_epochs=3']) {
      const [d] = tl119(script(args));
      assert.equal(d?.severity, 'error', args);
      assert.match(d.message, /does not implement __len__, max_steps has to be specified/);
    }
  });

  it('is silent with max_steps above 0 or a streaming= that is not literal', () => {
    assert.deepEqual(tl119(script('output_dir="o", max_steps=100')), []);
    assert.deepEqual(tl119(script('output_dir="o"', 'args.streaming')), []);
  });

  it('is information when the arguments may set max_steps out of sight', () => {
    const [d] = tl119(script('output_dir="o", **cfg'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /the script does not show max_steps/);
  });
});
