/**
 * TL305 on TRL's vision path: from TRL 0.22 SFTTrainer skips its own preparation (tokenization, truncation) for a
 * processor (0.22–0.23, `_is_vlm`) or a dataset with an `image` column (0.24 on, `_is_vision_dataset`),
 * huggingface/trl v0.22.0 and v0.24.0 `trl/trainer/sft_trainer.py` `skip_prepare_dataset`; a custom collator is then all
 * that tokenizes, and only TRL's own vision collator truncates to `max_length`.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const script = (opts: { pin?: string; data?: string; collator?: string; processing?: string } = {}) => `${opts.pin === undefined ? '# pip install trl==0.24.0' : opts.pin}
from datasets import Dataset
from transformers import AutoProcessor, AutoTokenizer, LlavaForConditionalGeneration, TrainingArguments
from trl import SFTTrainer

max_seq_length = 2048
processor = ${opts.processing ?? 'AutoProcessor.from_pretrained("llava-hf/llava-1.5-7b-hf")'}
model = LlavaForConditionalGeneration.from_pretrained("llava-hf/llava-1.5-7b-hf")
dataset = ${opts.data ?? 'Dataset.from_dict({"image": [img], "text": ["USER: <image>\\nDescribe. ASSISTANT: A crack."]})'}

def collate_fn(batch):
    out = processor(images=[b["image"] for b in batch], text=[b["text"] for b in batch], padding=True, return_tensors="pt")
    out["labels"] = out["input_ids"].clone()
    return out

trainer = SFTTrainer(model=model, args=TrainingArguments(output_dir="o", remove_unused_columns=False), train_dataset=dataset,
                     ${opts.collator ?? 'data_collator=collate_fn, '}processing_class=processor)
`;

function tl305(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/train_vlm.py').filter((d) => d.code === 'TL305')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

describe('TL305: SFTTrainer on the vision path (TRL ≥ 0.22 skips its preparation)', () => {
  before(ready);

  it('is silent with a processor, image rows and a custom collator on TRL 0.22, 0.23, 0.24 and 1.9', () => {
    for (const pin of ['trl==0.22.0', 'trl==0.23.1', 'trl==0.24.0', 'trl==1.9.0']) {
      assert.deepEqual(tl305(script({ pin: `# pip install ${pin}` })), [], pin);
    }
  });

  it('still warns on TRL 0.21, whose preparation tokenizes and truncates the rows', () => {
    const [d] = tl305(script({ pin: '# pip install trl==0.21.0' }));
    assert.equal(d?.severity, 'warning');
  });

  it('is information naming the vision path when TRL is unknown', () => {
    const [d] = tl305(script({ pin: '' }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /TRL 0\.22 an SFTTrainer given a processor and a dataset with an `image` column skips its own preparation/);
  });

  it('is information stating the assumption when the dataset\'s columns are unknown', () => {
    const [d] = tl305(script({ data: 'build_dataset(processor)' }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assumed the trainer takes TRL's text path/);
  });

  it('near miss: a text-only dataset is prepared (and truncated) on TRL 0.24', () => {
    const [d] = tl305(script({ data: 'Dataset.from_dict({"text": ["Hello"]})' }));
    assert.equal(d?.severity, 'warning');
  });

  it('near miss: without a custom collator TRL\'s vision collator truncates to max_length', () => {
    const [d] = tl305(script({ collator: '' }));
    assert.equal(d?.severity, 'warning');
  });

  it('near miss: a tokenizer as processing_class is no vision path', () => {
    const [d] = tl305(script({ processing: 'AutoTokenizer.from_pretrained("llava-hf/llava-1.5-7b-hf")', data: 'Dataset.from_dict({"text": ["Hello"]})' }));
    assert.equal(d?.severity, 'warning');
  });
});

describe('TL305: a class body\'s max_seq_length is no module constant', () => {
  before(ready);

  it('is silent on a dataclass field the trainer never reads (tk-yasuno/damage_vlm_finetune train_v07_qlora.py)', () => {
    const text = `# pip install trl==0.21.0
from dataclasses import dataclass
from trl import SFTTrainer

@dataclass
class TrainingConfig:
    max_seq_length: int = 2048

trainer = SFTTrainer(model="Qwen/Qwen2.5-0.5B", train_dataset=dataset)
`;
    assert.deepEqual(tl305(text), []);
    assert.equal(tl305(text.replace('@dataclass\nclass TrainingConfig:\n    max_seq_length: int = 2048', 'max_seq_length = 2048')).length, 1);
  });
});

describe('TL305: a processor with text-only rows on TRL 0.22–0.23', () => {
  before(ready);

  it('is information there (any ProcessorMixin skips the preparation), a warning on 0.24', () => {
    const data = 'Dataset.from_dict({"text": ["Hello"]})';
    const [d] = tl305(script({ pin: '# pip install trl==0.23.1', data }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assumed the processor is a tokenizer/);
    assert.equal(tl305(script({ pin: '# pip install trl==0.24.0', data }))[0]?.severity, 'warning');
    assert.equal(tl305(script({ pin: '# pip install trl==0.21.0', data }))[0]?.severity, 'warning');
  });
});

describe('TL106: SFTTrainer on the vision path never reads dataset_text_field', () => {
  before(ready);
  const tl106 = (text: string) => lintSnippet(text, {}, '/tmp/trainlint-test/train_vlm.py').filter((d) => d.code === 'TL106')
    .map((d) => ({ severity: d.severity, message: d.message }));
  const captions = 'Dataset.from_dict({"image": [img], "caption": ["A crack."]})';

  it('is silent with a processor, image rows and a custom collator on TRL 0.22 and 0.24', () => {
    for (const pin of ['trl==0.22.0', 'trl==0.24.0']) assert.deepEqual(tl106(script({ pin: `# pip install ${pin}`, data: captions })), [], pin);
  });

  it('is an error on TRL 0.21, whose preparation reads "text"', () => {
    assert.equal(tl106(script({ pin: '# pip install trl==0.21.0', data: captions }))[0]?.severity, 'error');
  });

  it('is information when TRL is unknown, saying why', () => {
    const [d] = tl106(script({ pin: '', data: captions }));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /skips its own preparation/);
  });

  it('near miss: text-only rows are prepared on TRL 0.24 (error)', () => {
    assert.equal(tl106(script({ data: 'Dataset.from_dict({"caption": ["A crack."]})' }))[0]?.severity, 'error');
  });
});
