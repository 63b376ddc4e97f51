# The seed bug: DataCollatorForSeq2Seq on a text-only dataset (TL001). pip install unsloth==2025.2.15 trl==0.19.1 transformers==4.56.0
from unsloth import FastLanguageModel
from datasets import Dataset
from trl import SFTTrainer, SFTConfig
from transformers import DataCollatorForSeq2Seq

model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)
model = FastLanguageModel.get_peft_model(model, r=16, lora_alpha=16, lora_dropout=0, bias="none")
dataset = Dataset.from_dict({"text": ["### Question: 2+2?\n### Answer: 4" + tokenizer.eos_token]})
trainer = SFTTrainer(
    model=model,
    tokenizer=tokenizer,
    train_dataset=dataset,
    dataset_text_field="text",
    data_collator=DataCollatorForSeq2Seq(tokenizer=tokenizer),
    args=SFTConfig(output_dir="outputs", max_seq_length=2048),
)
trainer.train()
