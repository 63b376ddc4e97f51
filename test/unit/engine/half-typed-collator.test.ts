/**
 * The collator TL004 reads, lost to code still being typed (`scripts/half-typed-probe.ts` on
 * AmirrezaSedghamiz/Phi2-microsoft-model-finetuning `data_cleaner.py` and chranama/biollm-finetune
 * `2-fine-tuning_m7binstruct.py`): unknown, not absent. Each has a near miss that still fires. The other findings
 * half-typed code must not bring: half-typed-findings.test.ts.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

/** Errors and warnings but TL000, as `CODE:line`. */
const found = (text: string) => lintSnippet(text).filter((d) => d.code !== 'TL000' && (d.severity === 'error' || d.severity === 'warning')).map((d) => `${d.code}:${d.range.start.line + 1}`);

/** `text` with the one occurrence of each `[from, to]`'s `from` replaced by `to`: a near miss written as its difference from the finding's script. */
function variant(text: string, ...edits: Array<[from: string, to: string]>): string {
  return edits.reduce((t, [from, to]) => {
    assert.equal(t.split(from).length, 2, `one occurrence of ${JSON.stringify(from)}`);
    return t.replace(from, () => to);
  }, text);
}

describe('the collator while code is half typed', () => {
  before(ready);

  const SCRIPT_1 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
import argparse
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments


def load(tokenizer):
    ds = load_dataset("json", data_files="train.jsonl", split="train")

    def tokenize_function(examples):
        tokenized = tokenizer(examples["text"], max_length=128, truncation=True, padding="max_length")
        tokenized["labels"] = tokenized["input_ids"].copy()
        return tokenized

    return ds.map(tokenize_function, batched=True)


def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--lr", type=float, default=1e-4,
                   help="Learning rate")
    p.add_argument(

    p.add_argument("--seed", type=int, default=42,
                   help="Random seed")
    return p.parse_args()


def summary(args, train_dataset):
    print(f"Training on {len(train_dataset)} rows")
    if args.lr > 1:
        print("high")


def main():
    tokenizer = AutoTokenizer.from_pretrained("gpt2")
    tokenizer.pad_token = tokenizer.eos_token
    model = AutoModelForCausalLM.from_pretrained("gpt2")
    data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
    trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=load(tokenizer), data_collator=data_collator)
    trainer.train()


if __name__ == "__main__":
    main()
`;

  it("a call left open in one function swallows the `def` headers below: the collator they bind is unknown, not absent (TL004)", () => {
    assert.deepEqual(found(SCRIPT_1), []);
  });

  it("near miss: a collator that keeps the labels, a syntax error at the end: TL004 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_1,
      [`from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments`, `from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments`],
      [`                   help="Learning rate")
    p.add_argument(`, `                   help="Learning rate")
    p.add_argument("--wd")`],
      [`    data_collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)`, `    data_collator = DataCollatorWithPadding(tokenizer=tokenizer)`],
      [`    main()`, `    main()
print(`])), ['TL004:14']);
  });

  const SCRIPT_2 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("gpt2")
tokenizer.pad_token = tokenizer.unk_token
model = AutoModelForCausalLM.from_pretrained("gpt2")
ds = load_dataset("json", data_files="train.jsonl", split="train")


def tokenize_function(examples):
    tokenized = tokenizer(examples["text"], max_length=128, truncation=True, padding="max_length")
    tokenized["labels"] = tokenized["input_ids"].copy()
    return tokenized


tokenized_train_dataset = ds.map(tokenize_function, batched=True)
trainer = Trainer(
    model=model,
    train_dataset=tokenized_train_dataset,
    args=TrainingArguments(







trainer.train()
`;

  it("`trainer = Trainer(` being typed (its collator not there yet) above `trainer.train()`: the collator is not known (TL004)", () => {
    assert.deepEqual(found(SCRIPT_2), []);
  });

  it("near miss: the trainer written without a collator, a syntax error at the end: TL004 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_2,
      [`    args=TrainingArguments(







trainer.train()`, `    args=TrainingArguments(output_dir="o"),
)
trainer.train()
print(`])), ['TL004:15']);
  });
});
