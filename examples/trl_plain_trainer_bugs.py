# A plain transformers Trainer script with several classic mistakes.
# pip install transformers==4.56.0 trl==0.21.0
from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments

model_id = "meta-llama/Llama-3.2-1B"
tokenizer = AutoTokenizer.from_pretrained(model_id)
model = AutoModelForCausalLM.from_pretrained(model_id)

raw = Dataset.from_dict({"text": ["The quick brown fox.", "Jumps over the lazy dog."]})


def tokenize(batch):
    return tokenizer(batch["text"], truncation=True, max_length=512)


tokenized = raw.map(tokenize, batched=True, remove_columns=["text"])

args = TrainingArguments(
    output_dir="out",
    evaluation_strategy="no",
    per_device_train_batch_size=4,
    num_train_epochs=1,
)
trainer = Trainer(
    model=model,
    args=args,
    train_dataset=tokenized,
    tokenizer=tokenizer,
    data_collator=DataCollatorForLanguageModeling(tokenizer),
)
trainer.train()
