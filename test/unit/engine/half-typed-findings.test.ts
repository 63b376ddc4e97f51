/**
 * Findings that code still being typed must not bring (`scripts/half-typed-probe.ts` found each on a real script:
 * gatmiry/sandbox2225-T4 `eli-test.py`, huggingface/transformers `run_summarization.py`, sh90/fine-tune-llm
 * `fine_tune_cpu.py`, allrole-ai/model `train.py`, nirjhar17/functiongemma-openshift-commands `finetune_functiongemma.py`).
 * Each has a near miss: the finding the complete code proves, with a syntax error elsewhere, still fires.
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

describe('findings while code is half typed', () => {
  before(ready);

  const SCRIPT_1 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import load_dataset
from transformers import Trainer, TrainingArguments

ds = load_dataset("json", data_files={"train": "t.jsonl", "test": "v.jsonl"})
args = TrainingArguments(output_dir="out", eval_strategy="epoch")
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=
    eval_dataset=ds["test"],
)
trainer.train()
`;

  it("`train_dataset=` typed into a Trainer call: its eval_dataset below is not lost (TL303)", () => {
    assert.deepEqual(found(SCRIPT_1), []);
  });

  it("near miss: Trainer without eval_dataset and a syntax error below: TL303 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_1,
      [`    train_dataset=
    eval_dataset=ds["test"],
)
trainer.train()`, `    train_dataset=ds["train"],

)
trainer.train()
print(`])), ["TL303:8"]);
  });

  const SCRIPT_2 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import load_dataset

raw = load_dataset("json", data_files={"train": "t.jsonl", "validation": "v.jsonl"})
if do_eval:
    eval_dataset = raw[
    if max_eval is not None:
        eval_dataset = eval_dataset.select(range(max_eval))
`;

  it("`eval_dataset = raw[` read as `eval_dataset = raw`: no DatasetDict below (TL116)", () => {
    assert.deepEqual(found(SCRIPT_2), []);
  });

  it("near miss: `eval_dataset = raw` written so, a syntax error below: TL116 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_2,
      [`    eval_dataset = raw[
    if max_eval is not None:
        eval_dataset = eval_dataset.select(range(max_eval))`, `    eval_dataset = raw
    if max_eval is not None:
        eval_dataset = eval_dataset.select(range(max_eval))
print(`])), ["TL116:10"]);
  });

  const SCRIPT_3 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import load_dataset
from transformers import AutoTokenizer, AutoModelForCausalLM, DataCollatorForLanguageModeling, Trainer, TrainingArguments

BASE_MODEL = "TinyLlama/TinyLlama-1.1B-Chat-v1.0"

def main():
    ds = load_dataset(
    tok = AutoTokenizer.from_pretrained(BASE_MODEL, use_fast=True)
    if tok.pad_token is None:
        tok.pad_token = tok.eos_token
    tok.padding_side = "right"
    model = AutoModelForCausalLM.from_pretrained(BASE_MODEL)
    collator = DataCollatorForLanguageModeling(tokenizer=tok, mlm=False)
    args = TrainingArguments(output_dir="out")
    trainer = Trainer(model=model, args=args, train_dataset=ds["train"], data_collator=collator)
    trainer.train()
`;

  it("`ds = load_dataset(` left open swallows the `if tok.pad_token is None:` guard: the guarded line is not reported (TL006)", () => {
    assert.deepEqual(found(SCRIPT_3), []);
  });

  it("near miss: the line unguarded, a syntax error below: TL006 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_3,
      [`    ds = load_dataset(`, `    ds = load_dataset("json", data_files={"train": "t.jsonl"})`],
      [`    if tok.pad_token is None:
        tok.pad_token = tok.eos_token`, `
    tok.pad_token = tok.eos_token`],
      [`    trainer.train()`, `    trainer.train()
print(`])), ["TL006:13"]);
  });

  const SCRIPT_4 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from transformers import AutoTokenizer, AutoModelForCausalLM, DataCollatorForLanguageModeling, Trainer, TrainingArguments

model_name = "distilgpt2"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name)

tokenizer.pad_token =

class CustomDataset(Dataset):
    pass

collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=train_ds, data_collator=collator)
`;

  it("`tokenizer.pad_token =` being typed: the pad token is not 'never set' (TL203)", () => {
    assert.deepEqual(found(SCRIPT_4), []);
  });

  it("near miss: no pad token set, a syntax error below: TL203 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_4,
      [`tokenizer.pad_token =

class CustomDataset(Dataset):
    pass

collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=train_ds, data_collator=collator)`, `
collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=train_ds, data_collator=collator)
print(`])), ["TL203:11"]);
  });

  it("a header typed above the pad-token line reads it as an annotation: not 'never set' (TL203)", () => {
    assert.deepEqual(found(`# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from transformers import AutoTokenizer, AutoModelForCausalLM, DataCollatorForLanguageModeling, Trainer, TrainingArguments

model_name = "distilgpt2"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name)

elif x:
# pad
tokenizer.pad_token = tokenizer.eos_token

collator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=train_ds, data_collator=collator)
`), []);
  });

  const SCRIPT_5 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import Dataset
from transformers import AutoTokenizer, AutoModelForCausalLM, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
dataset = Dataset.from_dict({"text": ["a", "b"]})

def tokenize_function(text, tokenizer):
    tokens = tokenizer(text, truncation=True, padding="max_length", max_length=128)
    tokens["labels"] = [

    return tokens

tokenized_dataset = dataset.map(lambda x: tokenize_function(x["text"], tokenizer), remove_columns=["text"])
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
trainer.train()
`;

  it("a mapped function with a half-typed line returns what is not known: no missing labels (TL002)", () => {
    assert.deepEqual(found(SCRIPT_5), []);
  });

  it("near miss: the function returns no labels, a syntax error below: TL002 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_5,
      [`    tokens["labels"] = [

    return tokens

tokenized_dataset = dataset.map(lambda x: tokenize_function(x["text"], tokenizer), remove_columns=["text"])
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
trainer.train()`, `    pass

    return tokens

tokenized_dataset = dataset.map(lambda x: tokenize_function(x["text"], tokenizer), remove_columns=["text"])
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
trainer.train()
print(`])), ["TL002:18"]);
  });

  const SCRIPT_6 = `# /// script
# dependencies = ["trl==1.13.0", "transformers==5.18.0", "datasets==4.3.0"]
# ///
from datasets import Dataset
from transformers import AutoTokenizer, AutoModelForCausalLM, Trainer, TrainingArguments

tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
dataset = Dataset.from_dict({"text": ["a", "b"]})

def main():
    tokenized_dataset = dataset
        lambda x: tokenizer(x["text"]),
        remove_columns=["text"]
    )
    trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
    trainer.train()
`;

  it("`tokenized = dataset` typed above the indented arguments of `.map(`: the dataset is not read untokenized (TL002)", () => {
    assert.deepEqual(found(SCRIPT_6), []);
  });

  it("near miss: `tokenized = dataset` written so, a syntax error below: TL002 stays", () => {
    assert.deepEqual(found(variant(SCRIPT_6,
      [`        lambda x: tokenizer(x["text"]),
        remove_columns=["text"]
    )
    trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
    trainer.train()`, `    trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=tokenized_dataset)
    trainer.train()
print(`])), ["TL002:13"]);
  });
});
