# e2e fixture for trainlint: the seed bug TL001.
# The dataset has only a "text" column and nothing writes "labels", yet the
# trainer is given DataCollatorForSeq2Seq, which pads "labels" that never exist.
# Everything else is meant to be clean, so TL001 is the only diagnostic.
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq

dataset = Dataset.from_dict({"text": ["### Question: 2+2?\n### Answer: 4", "### Question: 3+3?\n### Answer: 6"]})

model, tokenizer = FastLanguageModel.from_pretrained(model_name="unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048, load_in_4bit=True)
model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16)

trainer = SFTTrainer(model=model, tokenizer=tokenizer, train_dataset=dataset, data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer), args=SFTConfig(output_dir="out", max_length=2048))
trainer.train()
