/**
 * TL118: `tokenizer.pad_token_id = 0` (alpaca-lora's `# unk` idiom, right for Llama 1/2 whose id 0 is `<unk>`) on a Llama 3
 * tokenizer, whose id 0 is "!", with a collator that masks labels by pad id (transformers `DataCollatorForLanguageModeling`
 * `labels[labels == self.tokenizer.pad_token_id] = -100`, v4.40.0–v5.15.0).
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (model: string, opts: { pin?: string; collator?: boolean; assign?: string } = {}) => `${opts.pin ? `# pip install ${opts.pin}\n` : ''}from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
from trl import SFTConfig, SFTTrainer

tokenizer = AutoTokenizer.from_pretrained("${model}")
${opts.assign ?? 'tokenizer.pad_token_id = 0'}
${opts.collator === false
    ? 'trainer = SFTTrainer(model=model, train_dataset=ds, processing_class=tokenizer, args=SFTConfig(output_dir="o"))'
    : 'trainer = Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))'}
trainer.train()
`;

function tl118(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/train.py').filter((d) => d.code === 'TL118')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL118: pad token id 0 on a Llama 3 tokenizer', () => {
  before(ready);

  it('warns for Llama 3, 3.1, 3.2 and an Unsloth upload with the LM collator, naming "!"', () => {
    for (const id of ['meta-llama/Meta-Llama-3-8B', 'meta-llama/Llama-3.1-8B-Instruct', 'meta-llama/Llama-3.2-1B', 'unsloth/llama-3-8b-bnb-4bit']) {
      const [d] = tl118(script(id));
      assert.equal(d?.severity, 'warning', id);
      assert.match(d.message, /id 0 of the Llama 3 tokenizer .* is "!"/);
      assert.match(d.message, /every "!" in the training text is masked/);
    }
    assert.equal(tl118(script('meta-llama/Meta-Llama-3-8B', { assign: 'tokenizer.pad_token = "!"' }))[0]?.severity, 'warning');
  });

  it('is silent for Llama 1/2 (id 0 is <unk>), llama-30b, CodeLlama-34b, the 3.2 Vision models and unknown ids', () => {
    for (const id of ['meta-llama/Llama-2-7b-hf', 'huggyllama/llama-30b', 'codellama/CodeLlama-34b-hf', 'meta-llama/Llama-3.2-11B-Vision-Instruct', 'Qwen/Qwen2.5-0.5B', './llama-3-local']) {
      assert.deepEqual(tl118(script(id)), [], id);
    }
  });

  it("follows SFTTrainer's default collator: warning on TRL 0.16, silent on 0.17, information when the version is unknown", () => {
    assert.equal(tl118(script('meta-llama/Meta-Llama-3-8B', { pin: 'trl==0.16.1', collator: false }))[0]?.severity, 'warning');
    assert.deepEqual(tl118(script('meta-llama/Meta-Llama-3-8B', { pin: 'trl==0.17.0', collator: false })), []);
    const [d] = tl118(script('meta-llama/Meta-Llama-3-8B', { collator: false }));
    assert.equal(d?.severity, 'information');
  });
});
