/**
 * TL008 (huggingface/transformers#39266): labels of one length per row reach a collator that pads with `tokenizer.pad`
 * (`DataCollatorForLanguageModeling`, `DataCollatorWithPadding`), which pads input_ids and not labels.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

function tl008(text: string): { severity: string; message: string }[] {
  return lintSnippet(text, {}, '/tmp/trainlint-test/train.py').filter((d) => d.code === 'TL008')
    .map((d) => ({ severity: d.severity, message: d.message }));
}

const script = (collator: string, args = 'TrainingArguments(output_dir="out")') => `from datasets import load_dataset
from transformers import AutoTokenizer, DataCollatorForLanguageModeling, DataCollatorForSeq2Seq, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen2.5-0.5B")


def tokenize(row):
    prompt = tokenizer(row["prompt"])["input_ids"]
    answer = tokenizer(row["answer"])["input_ids"]
    return {"input_ids": prompt + answer, "labels": [-100] * len(prompt) + answer}


ds = load_dataset("json", data_files="train.jsonl", split="train").map(tokenize)
trainer = Trainer(model=model, args=${args}, train_dataset=ds, data_collator=${collator})
`;

describe('TL008: labels the collator does not pad', () => {
  before(ready);

  it('is an error with DataCollatorForLanguageModeling, naming the ValueError and the Seq2Seq collator', () => {
    const [d] = tl008(script('DataCollatorForLanguageModeling(tokenizer, mlm=False)'));
    assert.equal(d?.severity, 'error');
    assert.match(d.message, /Unable to create tensor/);
    assert.match(d.message, /DataCollatorForSeq2Seq\(tokenizer, label_pad_token_id=-100\)/);
    assert.match(d.message, /replace them with a copy of input_ids/);
  });

  it('is silent with DataCollatorForSeq2Seq, which pads labels', () => {
    assert.deepEqual(tl008(script('DataCollatorForSeq2Seq(tokenizer)')), []);
  });

  it('is silent at a per-device batch size of 1, and information when the batch size is hidden', () => {
    assert.deepEqual(tl008(script('DataCollatorForLanguageModeling(tokenizer, mlm=False)', 'TrainingArguments(output_dir="o", per_device_train_batch_size=1)')), []);
    const [d] = tl008(script('DataCollatorForLanguageModeling(tokenizer, mlm=False)', 'TrainingArguments(output_dir="o", **cfg)'));
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /assuming a per-device batch size above 1/);
  });
});
