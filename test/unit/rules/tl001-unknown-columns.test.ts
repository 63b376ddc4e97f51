/**
 * TL001 on a Hub dataset whose columns are unknown, trained through `dataset_text_field=` with a collator that only
 * pads (unslothai/unsloth#455): the trainer tokenizes that column and creates no labels; only a base that already
 * holds "labels" escapes, so the finding is information that names the assumption (docs/corpus.md, "Recall").
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const script = (field: string, pin = 'unsloth==2025.9.1 trl==0.19.1') => `# pip install ${pin}
from unsloth import FastLanguageModel
from datasets import load_dataset
from trl import SFTTrainer
from transformers import TrainingArguments, DataCollatorWithPadding
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/llama-3-8b-bnb-4bit", max_seq_length=2048)
model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16)
ds = load_dataset("someone/private-sft-corpus", split="train")
trainer = SFTTrainer(model=model, tokenizer=tokenizer, data_collator=DataCollatorWithPadding(tokenizer=tokenizer),
                     train_dataset=ds${field}, args=TrainingArguments(output_dir="o"))
`;

function tl001(text: string) {
  return lintSnippet(text, { rules: ALL_RULES.filter((r) => r.code === 'TL001') });
}

describe('TL001: a Hub dataset of unknown columns trained through dataset_text_field=', () => {
  before(ready);

  it('is information that names the dataset it assumes holds no labels', () => {
    const [d, ...rest] = tl001(script(', dataset_text_field="text"'));
    assert.equal(rest.length, 0);
    assert.equal(d?.severity, 'information');
    assert.match(d.message, /Unsloth's SFTTrainer tokenizes the "text" column/);
    assert.match(d.message, /unless someone\/private-sft-corpus already holds token-id labels/);
  });

  it('says nothing without dataset_text_field=: the dataset may be pre-tokenized with labels', () => {
    assert.deepEqual(tl001(script('')), []);
  });

  it('says nothing on TRL ≥ 1.7 without Unsloth, whose preparation builds labels', () => {
    const plain = script(', dataset_text_field="text"', 'trl==1.7.0').replace('from unsloth import FastLanguageModel\n', '')
      .replace(/model, tokenizer = .*\nmodel = .*\n/, 'model = tokenizer = None\n');
    assert.deepEqual(tl001(plain), []);
  });

  it('does not call the labels token ids when the model is a parameter that may be a classifier (fxl271/turbo-broccoli)', () => {
    const text = `from datasets import load_dataset
from transformers import AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments

def get_trainer(model, model_name, dataset_name):
    tokenizer = AutoTokenizer.from_pretrained(model_name)
    dataset = load_dataset(dataset_name).map(lambda b: tokenizer(b["text"]), batched=True)
    return Trainer(model=model, args=TrainingArguments("out"), train_dataset=dataset["train"],
                   data_collator=DataCollatorWithPadding(tokenizer=tokenizer))
`;
    const [d, ...rest] = tl001(text);
    assert.equal(rest.length, 0);
    assert.equal(d?.severity, 'information');
    assert.doesNotMatch(d.message, /token-id labels/);
    assert.match(d.message, /class ids of a "label" column if the model, which is not known here, is a classifier/);
  });
});
