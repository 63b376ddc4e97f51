// Generates realistic fine-tuning scripts for benchmarks: one long script of ~N lines made of
// many trainer set-ups (with bugs and without), and a folder of ordinary-sized scripts.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HEADER = `from unsloth import FastLanguageModel
from unsloth.chat_templates import get_chat_template, train_on_responses_only
import os
from datasets import Dataset, load_dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq, DataCollatorForLanguageModeling, Trainer, TrainingArguments
`;

function block(i) {
  return `
# ---- experiment ${i} ----
max_seq_length_${i} = 2048
model_${i}, tokenizer_${i} = FastLanguageModel.from_pretrained(
    model_name="unsloth/Llama-3.2-3B-Instruct",
    max_seq_length=max_seq_length_${i},
    load_in_4bit=True,
)
tokenizer_${i} = get_chat_template(tokenizer_${i}, chat_template="llama-3.1")
EOS_${i} = tokenizer_${i}.eos_token


def format_${i}(examples):
    texts = []
    for instruction, output in zip(examples["instruction"], examples["output"]):
        texts.append(f"### Instruction:\\n{instruction}\\n### Response:\\n{output}" + EOS_${i})
    return {"text": texts}


data_${i} = Dataset.from_dict({"instruction": ["a", "b"], "output": ["c", "d"]})
data_${i} = data_${i}.map(format_${i}, batched=True)
split_${i} = data_${i}.train_test_split(test_size=0.1)
trainer_${i} = SFTTrainer(
    model=model_${i},
    tokenizer=tokenizer_${i},
    train_dataset=split_${i}["train"],
    eval_dataset=split_${i}["test"],
    dataset_text_field="text",
    max_seq_length=max_seq_length_${i},
    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer_${i}),
    args=SFTConfig(
        per_device_train_batch_size=2,
        gradient_accumulation_steps=4,
        warmup_steps=5,
        num_train_epochs=1,
        learning_rate=2e-4,
        logging_steps=1,
        output_dir="outputs_${i}",
    ),
)
${i % 2 ? `trainer_${i} = train_on_responses_only(trainer_${i}, instruction_part="<|start_header_id|>user<|end_header_id|>\\n\\n", response_part="<|start_header_id|>assistant<|end_header_id|>\\n\\n")` : '# no response-only masking here'}
trainer_${i}.train()
`;
}

export function makeScript(lines) {
  let text = HEADER;
  for (let i = 0; text.split('\n').length < lines; i++) text += block(i);
  return text;
}

export function makeFolder(dir, files, linesEach) {
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f < files; f++) writeFileSync(join(dir, `train_${String(f).padStart(3, '0')}.py`), makeScript(linesEach));
}

/** Ordinary Python of a training project: helpers, a config class, evaluation utilities, logging. */
function helpers(i) {
  return `

class Experiment${i}Config:
    """Settings for experiment ${i}."""

    def __init__(self, lr=2e-4, steps=${100 + i}, warmup=${i % 10}, name="exp-${i}"):
        self.lr = lr
        self.steps = steps
        self.warmup = warmup
        self.name = name

    def as_dict(self):
        return {"lr": self.lr, "steps": self.steps, "warmup": self.warmup, "name": self.name}


def clean_text_${i}(text, max_chars=${1000 + i}):
    text = text.strip().replace("\\r\\n", "\\n")
    if len(text) > max_chars:
        text = text[:max_chars]
    parts = [p for p in text.split("\\n") if p]
    return "\\n".join(parts)


def score_${i}(predictions, references):
    correct = 0
    for pred, ref in zip(predictions, references):
        if clean_text_${i}(pred) == clean_text_${i}(ref):
            correct += 1
    accuracy = correct / max(1, len(references))
    logger.info("experiment %d accuracy %.3f", ${i}, accuracy)
    return {"accuracy": accuracy, "n": len(references)}
`;
}

/** A realistic long script: one fine-tuning pipeline and many lines of ordinary project code. */
export function makeTypicalScript(lines) {
  let text = `${HEADER}import logging\nlogger = logging.getLogger(__name__)\n${block(0)}`;
  for (let i = 1; text.split('\n').length < lines; i++) text += helpers(i);
  return text;
}

/** The benchmarks' edit: `#` typed at the start of the last code line of `text` (`add`), or deleted again. */
export function hashToggler(text) {
  const lines = text.split('\n');
  let line = lines.length - 1;
  while (!lines[line].trim()) line--;
  return (add) => add
    ? { range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: '#' }
    : { range: { start: { line, character: 0 }, end: { line, character: 1 } }, text: '' };
}
