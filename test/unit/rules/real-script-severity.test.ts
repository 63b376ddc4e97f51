/**
 * Severities on patterns reduced from real public fine-tuning scripts (docs/corpus.md): a finding is a warning
 * or an error only when the script proves it; what rests on an assumption is information that names it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

describe('severities on reduced real scripts', () => {
  before(ready);

  it('TL405: a second wrap says what that library does: PEFT replaces the "default" adapter a loaded one has, Unsloth refuses (oksanatkach/ukrainian-SFT-GRPO-pipeline `GRPO.py`)', () => {
    const peft = lintSnippet(`from peft import PeftModel, get_peft_model, LoraConfig
sft_model = PeftModel.from_pretrained(base_model, "ckpt")
align_model = get_peft_model(sft_model, LoraConfig(r=8))
`, { rules: rule('TL405') });
    assert.equal(peft.length, 1);
    assert.match(peft[0].message, /second PeftModel, and as both use the adapter name "default".*replace the adapter already there/);
    assert.doesNotMatch(peft[0].message, /Unsloth/);
    const named = lintSnippet('from peft import PeftModel, get_peft_model, LoraConfig\nm = PeftModel.from_pretrained(base, "ckpt", adapter_name="sft")\nm2 = get_peft_model(m, LoraConfig(r=8))\n', { rules: rule('TL405') });
    assert.doesNotMatch(named[0].message, /re-initialised/);
    const unsloth = lintSnippet('from unsloth import FastLanguageModel\nfl, tok = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct")\nfl = FastLanguageModel.get_peft_model(fl, r=16)\nfl = FastLanguageModel.get_peft_model(fl, r=32)\n', { rules: rule('TL405') });
    assert.match(unsloth[0].message, /Unsloth refuses new parameters/);
    assert.doesNotMatch(unsloth[0].message, /PEFT/);
  });

  it('TL007: with Unsloth imported first, SFTTrainer also drops the text column in its own preparation: the message asks for skip_prepare_dataset too (RC-CHN/gemma-3n-unsloth-lora `train_gemma3n.py`)', () => {
    const script = (first: string) => `${first}from datasets import Dataset
from trl import SFTTrainer, SFTConfig
class TextCollator:
    def __call__(self, batch):
        texts = [x["text"] for x in batch]
        return tokenizer(texts, padding=True, return_tensors="pt")
ds = Dataset.from_dict({"text": ["a", "b"]})
trainer = SFTTrainer(model=model, train_dataset=ds, data_collator=TextCollator(), dataset_text_field="text", args=SFTConfig(output_dir="o"))
`;
    const [withUnsloth] = lintSnippet(script('from unsloth import FastLanguageModel\n'), { rules: rule('TL007') });
    assert.match(withUnsloth.message, /skip_prepare_dataset/);
    // audit27: the fix writes both settings there (remove_unused_columns=False alone still loses the column).
    const unslothFix = withUnsloth.fixes?.[0]?.edits.map((e) => e.newText).join('') ?? '';
    assert.match(unslothFix, /remove_unused_columns=False, dataset_kwargs=\{"skip_prepare_dataset": True\}/);
    const [plain] = lintSnippet(script(''), { rules: rule('TL007') });
    assert.doesNotMatch(plain.message, /skip_prepare_dataset/);
    const plainFix = plain.fixes?.[0]?.edits.map((e) => e.newText).join('') ?? '';
    assert.match(plainFix, /remove_unused_columns=False/);
    assert.doesNotMatch(plainFix, /skip_prepare_dataset/);
  });

  it('TL604: a generation test before a TRL trainer\'s train() is a warning only on Unsloth before 2025.9.8, information when the version is unknown; a transformers Trainer stays a warning (SChaeck/korean-llm-finetuning `Alpaca_+_Mistral_7b_full_example.ipynb`)', () => {
    const script = (pin: string, trainer = 'SFTTrainer', lib = 'trl') => `${pin}from unsloth import FastLanguageModel
from ${lib} import ${trainer}
model, tokenizer = FastLanguageModel.from_pretrained("unsloth/Llama-3.2-1B-Instruct", max_seq_length=2048)
model = FastLanguageModel.get_peft_model(model, r=16)
trainer = ${trainer}(model=model, train_dataset=ds, args=args)
FastLanguageModel.for_inference(model)
outputs = model.generate(**inputs, max_new_tokens=64)
trainer.train()
`;
    const unknown = lintSnippet(script(''), { rules: rule('TL604') });
    assert.equal(unknown.length, 1);
    assert.equal(unknown[0].severity, 'information');
    assert.match(unknown[0].message, /Unsloth < 2025\.9\.8; the installed version is unknown: no installed copy of Unsloth was found, nor a pin or an install that names its release: from Unsloth 2025\.9\.8 the TRL trainers it patches call for_training/);
    assert.match(lintSnippet(script('# pip install unsloth==2025.9.7\n'), { rules: rule('TL604') })[0].message, /with Unsloth before 2025\.9\.8 \(Unsloth 2025\.9\.7/);
    const old = lintSnippet(script('# pip install unsloth==2025.9.7\n'), { rules: rule('TL604') });
    assert.equal(old[0]?.severity, 'warning');
    assert.equal(lintSnippet(script('# pip install unsloth==2025.10.1\n'), { rules: rule('TL604') }).length, 0, 'the trainer switches back itself');
    const plain = lintSnippet(script('', 'Trainer', 'transformers'), { rules: rule('TL604') });
    assert.equal(plain[0]?.severity, 'warning', 'Unsloth does not wrap a transformers Trainer');
    assert.doesNotMatch(plain[0].message, /2025\.9\.8/);
  });

  it('TL507: a per-example formatting function on TRL < 0.15 is an error for a dataset known to hold no input_ids, a warning naming the exception when its columns are unknown (atharvakanchan25 `train.py`, trl==0.9.4)', () => {
    const script = (data: string) => `# pip install trl==0.9.4
from datasets import Dataset, load_dataset
from transformers import TrainingArguments
from trl import SFTTrainer
dataset = ${data}
def format_prompt(example):
    return f"### Q: {example['q']}\n### A: {example['a']}"
trainer = SFTTrainer(model=model, train_dataset=dataset, formatting_func=format_prompt, args=TrainingArguments(output_dir="o"))
`;
    const known = lintSnippet(script('Dataset.from_list([{"q": "1+1", "a": "2"}])'), { rules: rule('TL507') });
    assert.deepEqual(known.map((d) => d.severity), ['error']);
    assert.match(known[0].message, /should return a list of processed strings/);
    assert.doesNotMatch(known[0].message, /unless the training dataset/);
    const unknown = lintSnippet(script('load_dataset("json", data_files="train.jsonl")["train"]'), { rules: rule('TL507') });
    assert.deepEqual(unknown.map((d) => d.severity), ['warning']);
    assert.match(unknown[0].message, /unless the training dataset already has an `input_ids` column/);
  });

  it('TL001: PPOTrainer batches of prompts padded by DataCollatorWithPadding need no labels: it scores the responses it generates (fyye314/Qwen3-FineTuning-Playground `train_ppo_dirty.py`)', () => {
    // A unit test rather than a fixture: the sectioned-syntax tests concatenate the first fixtures of test/fixtures/rules.
    const script = `from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoModelForSequenceClassification, AutoTokenizer, DataCollatorWithPadding
from trl import PPOConfig, PPOTrainer

tokenizer = AutoTokenizer.from_pretrained("Qwen/Qwen3-1.7B", padding_side="left")
train_dataset = Dataset.from_list([{"query": "Hello"}])
train_dataset = train_dataset.map(lambda x: tokenizer(x["query"], truncation=True, max_length=512))
train_dataset.set_format(type="torch", columns=["input_ids", "attention_mask"])
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen3-1.7B")
value_model = AutoModelForSequenceClassification.from_pretrained("Qwen/Qwen3-1.7B", num_labels=1)
reward_model = AutoModelForSequenceClassification.from_pretrained("./rm", num_labels=1)
ppo_trainer = PPOTrainer(
    args=PPOConfig(output_dir="out"), model=model, ref_model=None, reward_model=reward_model, value_model=value_model,
    processing_class=tokenizer, train_dataset=train_dataset, data_collator=DataCollatorWithPadding(tokenizer),
)
ppo_trainer.train()
`;
    assert.deepEqual(lintSnippet(script, { rules: rule('TL001') }), []);
    assert.deepEqual(lintSnippet(script, { rules: rule('TL002') }), []);
  });

  it('TL501: `tokenizer=` on GRPOTrainer is an error whatever the TRL version (it never took one); on DPOTrainer with no version, information', () => {
    const script = (trainer: string) => `from trl import ${trainer}
trainer = ${trainer}(model=model, args=args, train_dataset=ds, tokenizer=tokenizer)
trainer.train()
`;
    const grpo = lintSnippet(script('GRPOTrainer'), { rules: rule('TL501') });
    assert.deepEqual(grpo.map((d) => d.severity), ['error']);
    assert.match(grpo[0].message, /GRPOTrainer never took `tokenizer=`/);
    assert.equal(grpo[0].fixes[0]?.applicability, 'safe');
    assert.deepEqual(lintSnippet(script('DPOTrainer'), { rules: rule('TL501') }).map((d) => d.severity), ['information']);
    assert.deepEqual(lintSnippet(`from unsloth import FastLanguageModel\n${script('GRPOTrainer')}`, { rules: rule('TL501') }), []);
  });

  it("TL107: a converted checkpoint's template is unknown (information); the original Mistral checkpoint's is a warning", () => {
    const text = readFileSync(join(FIXTURES, 'TL107', 'converted_checkpoint.py'), 'utf8');
    assert.deepEqual(lintSnippet(text, { rules: rule('TL107') }).map((d) => d.severity), ['information']);
    const original = text.replace('AutoProcessor.from_pretrained("llava-hf/llava-v1.6-mistral-7b-hf")', 'AutoTokenizer.from_pretrained("mistralai/Mistral-7B-Instruct-v0.2")')
      .replace('from transformers import AutoProcessor, Trainer', 'from transformers import AutoTokenizer, Trainer');
    assert.deepEqual(lintSnippet(original, { rules: rule('TL107') }).map((d) => d.severity), ['warning']);
  });

  it('TL401: a branch that turns gradient checkpointing off before get_peft_model is not checkpointing the PEFT model', () => {
    const script = (off: string) => `# pip install transformers==4.46.0
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, TrainingArguments
training_args = TrainingArguments(output_dir="o", gradient_checkpointing=True)
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
if use_peft:
${off}    model = get_peft_model(model, LoraConfig(r=8, task_type="CAUSAL_LM"))
if training_args.gradient_checkpointing:
    model.gradient_checkpointing_enable()
`;
    assert.deepEqual(lintSnippet(script('    training_args.gradient_checkpointing = False\n'), { rules: rule('TL401') }), []);
    const on = lintSnippet(script(''), { rules: rule('TL401') });
    assert.equal(on.length, 1);
    assert.equal(on[0].severity, 'warning');
    assert.match(on[0].message, /get_peft_model\(\) with gradient checkpointing/);
  });

  it('TL401: reentrant checkpointing is the default only before transformers 5.0 (Amirmkordi/Qwen3-4B-Persian-SFT-LoRA pins 5.1.0)', () => {
    const script = (pin: string, kwargs = '') => `${pin}
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen3-4B")
model = get_peft_model(model, LoraConfig(r=16, task_type="CAUSAL_LM"))
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", gradient_checkpointing=True${kwargs}), train_dataset=ds)
`;
    const run = (text: string) => lintSnippet(text, { rules: rule('TL401') }).map((d) => [d.severity, d.message]);
    assert.deepEqual(run(script('# pip install transformers==5.1.0')), []);
    assert.equal(run(script('# pip install transformers==4.57.1'))[0]?.[0], 'warning');
    const unknown = run(script(''));
    assert.equal(unknown[0]?.[0], 'information');
    assert.match(unknown[0]?.[1] ?? '', /with transformers < 5\.0; the installed version is unknown/);
    const asked = run(script('# pip install transformers==5.1.0', ', gradient_checkpointing_kwargs={"use_reentrant": True}'));
    assert.equal(asked[0]?.[0], 'warning');
  });

  it('TL401: checkpointing enabled after the wrap, then an SFTTrainer whose config checkpoints (by default from TRL 0.22) makes the inputs require grad (kingrocfella/fraud-detection-api)', () => {
    const script = (pin: string, config = 'output_dir="o"') => `${pin}
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM
from trl import SFTConfig, SFTTrainer
model = AutoModelForCausalLM.from_pretrained("TinyLlama/TinyLlama-1.1B-Chat-v1.0")
model = get_peft_model(model, LoraConfig(r=4, task_type="CAUSAL_LM"))
model.gradient_checkpointing_enable()
trainer = SFTTrainer(model=model, args=SFTConfig(${config}), train_dataset=ds)
`;
    const run = (text: string) => lintSnippet(text, { rules: rule('TL401') }).map((d) => [d.severity, d.message]);
    assert.deepEqual(run(script('# pip install trl==0.25.1 transformers==4.57.3')), []);
    assert.equal(run(script('# pip install trl==0.21.0 transformers==4.55.0'))[0]?.[0], 'warning');
    // gradient_checkpointing=True given: the trainer does it from TRL 0.20.
    assert.deepEqual(run(script('# pip install trl==0.20.0 transformers==4.55.0', 'output_dir="o", gradient_checkpointing=True')), []);
    assert.equal(run(script('# pip install trl==0.25.1 transformers==4.57.3', 'output_dir="o", gradient_checkpointing=False'))[0]?.[0], 'warning');
    // Another model given to the trainer: the wrapped one is not prepared by it.
    assert.equal(run(script('# pip install trl==0.25.1 transformers==4.57.3').replace('SFTTrainer(model=model', 'SFTTrainer(model=other'))[0]?.[0], 'warning');
    const unknown = run(script('# pip install transformers==4.57.3'));
    assert.equal(unknown[0]?.[0], 'information');
    assert.match(unknown[0]?.[1] ?? '', /with TRL < 0\.22; the installed version is unknown/);
  });

  it('TL401: checkpointing enabled after the wrap under a flag the wrap does not share (peft stable_diffusion `train_dreambooth.py`) is information naming the flag', () => {
    const script = (guard: string) => `# pip install transformers==4.57.1
from peft import LoraConfig, get_peft_model
from transformers import CLIPTextModel
text_encoder = CLIPTextModel.from_pretrained("some/sd", subfolder="text_encoder")
if args.train_text_encoder:
    text_encoder = get_peft_model(text_encoder, LoraConfig(r=8, target_modules=["q_proj", "v_proj"]))
${guard}
    if args.train_text_encoder:
        text_encoder.gradient_checkpointing_enable()
`;
    const run = (text: string) => lintSnippet(text, { rules: rule('TL401') }).map((d) => [d.severity, d.message]);
    const flagged = run(script('if args.gradient_checkpointing:'));
    assert.equal(flagged[0]?.[0], 'information');
    assert.match(flagged[0]?.[1] ?? '', /\(if `args\.gradient_checkpointing` holds: checkpointing is enabled only then\) \(transformers 4\.57\.1/);
    assert.equal(run(script('if True:'))[0]?.[0], 'warning');
    // Wrapped where `args.adapter != "full"`, checkpointed where it is "full" (the real script): never together.
    const exclusive = script('if True:').replace('if args.train_text_encoder:\n    text_encoder = get_peft_model', 'if args.train_text_encoder and args.adapter != "full":\n    text_encoder = get_peft_model')
      .replace('    if args.train_text_encoder:\n        text_encoder.gradient', '    if args.train_text_encoder and args.adapter == "full":\n        text_encoder.gradient');
    assert.match(exclusive, /adapter == "full"/);
    assert.deepEqual(run(exclusive), []);
  });

  it('TL104: ids ended with the pad id are information naming the assumption; with nothing appended, a warning', () => {
    const text = readFileSync(join(FIXTURES, 'TL104', 'pad_id_terminator.py'), 'utf8');
    const padded = lintSnippet(text, { rules: rule('TL104') });
    assert.deepEqual(padded.map((d) => [d.range.start.line, d.severity]), [[11, 'information']]);
    assert.match(padded[0].message, /only if the pad token is one of the model's stop tokens/);
    const bare = lintSnippet(text.replace(/ \+ \[tokenizer\.pad_token_id\]/g, ''), { rules: rule('TL104') });
    assert.deepEqual(bare.map((d) => [d.range.start.line, d.severity]), [[10, 'warning'], [11, 'warning']]);
    assert.match(bare[0].message, /the model does not learn to stop/);
  });

  it('TL301: a smoke-test config (adapters tests, `max_steps=1`) reads "after 1 step"', () => {
    const d = lintSnippet('from transformers import TrainingArguments\nargs = TrainingArguments(output_dir="o", max_steps=1, num_train_epochs=2)\n', { rules: rule('TL301') });
    assert.equal(d.length, 1);
    assert.match(d[0].message, /training stops after 1 step, whatever the number of epochs/);
  });

  it('TL004: padded labels in a file that trains nothing are information naming the unseen collator; with a trainer, a warning', () => {
    const transform = readFileSync(join(FIXTURES, 'TL004', 'dataset_transform_without_trainer.py'), 'utf8');
    const d = lintSnippet(transform, { rules: rule('TL004') });
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'information');
    assert.match(d[0].message, /This file trains nothing, so this assumes the collator that batches these rows keeps the labels as given/);
    const trained = lintSnippet(readFileSync(join(FIXTURES, 'TL004', 'padded_labels.py'), 'utf8'), { rules: rule('TL004') });
    assert.deepEqual([...new Set(trained.map((x) => x.severity))], ['warning']);
    assert.match(trained[0].message, /the loss trains on padding and the model learns to emit pad\/EOS\.$/);
  });

  it("TL601: a module of Unsloth's own package (unsloth/models/llama.py) is not flagged; a user script is", () => {
    const text = 'from transformers import AutoModelForCausalLM\nfrom unsloth_zoo.utils import Version\nfrom ._utils import patch\n';
    assert.deepEqual(lintSnippet(text, { rules: rule('TL601') }, '/src/unsloth/unsloth/models/llama.py'), []);
    const user = lintSnippet('from transformers import AutoModelForCausalLM\nfrom unsloth import FastLanguageModel\n', { rules: rule('TL601') }, '/work/unsloth/train.py');
    assert.equal(user.length, 1);
    assert.match(user[0].message, /`unsloth` is imported after `transformers`/);
    // A fork's unsloth/tokenizer_utils.py (pknandi/finetune_unsloth): no relative import, but it imports only
    // unsloth_zoo, never the package itself, as a user's script would.
    const zooOnly = 'from transformers import AutoTokenizer\nfrom peft import PeftModelForCausalLM\nfrom unsloth_zoo.tokenizer_utils import patch_tokenizer\n';
    assert.deepEqual(lintSnippet(zooOnly, { rules: rule('TL601') }, '/src/finetune_unsloth/unsloth/tokenizer_utils.py'), []);
    assert.equal(lintSnippet(zooOnly, { rules: rule('TL601') }, '/work/project/train.py').length, 1);
    const userInFolder = 'from transformers import AutoTokenizer\nfrom unsloth import FastLanguageModel\nfrom unsloth_zoo.utils import Version\n';
    assert.equal(lintSnippet(userInFolder, { rules: rule('TL601') }, '/work/examples/unsloth/train.py').length, 1);
  });

  it('TL001: a classifier wrapped by get_peft_model still reads the Hub dataset\'s "label": not flagged; a causal LM is', () => {
    // ShawhinT/YouTube-Blog LLMs/fine-tuning/ft-example.ipynb (shawhin/imdb-truncated, DataCollatorWithPadding).
    const script = (cls: string) => `from datasets import load_dataset
from peft import LoraConfig, get_peft_model
from transformers import ${cls}, AutoTokenizer, DataCollatorWithPadding, Trainer, TrainingArguments
dataset = load_dataset("shawhin/imdb-truncated")
model = ${cls}.from_pretrained("distilbert-base-uncased")
tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")
tokenized = dataset.map(lambda b: tokenizer(b["text"], truncation=True), batched=True)
model = get_peft_model(model, LoraConfig(task_type="SEQ_CLS", r=4))
trainer = Trainer(model=model, args=TrainingArguments("o"), train_dataset=tokenized["train"],
                  data_collator=DataCollatorWithPadding(tokenizer=tokenizer))
`;
    assert.deepEqual(lintSnippet(script('AutoModelForSequenceClassification'), { rules: rule('TL001') }), []);
    const lm = lintSnippet(script('AutoModelForCausalLM'), { rules: rule('TL001') });
    assert.equal(lm.length, 1);
    assert.equal(lm[0].severity, 'information');
    assert.match(lm[0].message, /unless shawhin\/imdb-truncated already holds token-id labels/);
  });

  it('TL002: labels missing only unless an uncached Hub dataset holds them is information naming it', () => {
    const d = lintSnippet(`from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
tok = AutoTokenizer.from_pretrained("gpt2")
raw = load_dataset("some-org/wiki-text", split="train")
ds = raw.map(lambda b: tok(b["text"]), batched=True)
trainer = Trainer(model=AutoModelForCausalLM.from_pretrained("gpt2"), args=TrainingArguments("o"), train_dataset=ds)
`, { rules: rule('TL002') });
    assert.equal(d.length, 1);
    assert.equal(d[0].severity, 'information');
    assert.match(d[0].message, /unless some-org\/wiki-text already holds token-id labels/);
  });
  it('TL002: rows from a comprehension of dict displays have their keys as columns: an error; a `**` spread or a computed key stays information (cloudzun/llm-fine-tuning-workshop, corpus36)', () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL002', 'from_list_comprehension.py'), 'utf8'), { rules: rule('TL002') });
    assert.deepEqual(d.map((x) => x.severity), ['error']);
    assert.match(d[0].message, /columns: text, input_ids, attention_mask\)/);
    const unknown = lintSnippet(readFileSync(join(FIXTURES, 'TL002', 'from_list_comprehension_unknown_keys.py'), 'utf8'), { rules: rule('TL002') });
    assert.deepEqual(unknown.map((x) => x.severity), ['information', 'information']);
  });
  it('TL307: a config without task_type (a plain PeftModel) is a warning; a task type declares labels: silent (audit22)', () => {
    const script = (cfg: string) => `# pip install transformers==4.51.3
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM, Trainer, TrainingArguments
model = get_peft_model(AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B"), ${cfg})
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o", eval_strategy="steps"), train_dataset=ds, eval_dataset=ds)
`;
    const plain = lintSnippet(script('LoraConfig(r=8)'), { rules: rule('TL307') });
    assert.equal(plain[0]?.severity, 'warning');
    for (const cfg of ['LoraConfig(r=8, task_type="CAUSAL_LM")', 'LoraConfig(r=8, task_type=TaskType.SEQ_2_SEQ_LM)']) {
      const d = lintSnippet(script(cfg), { rules: rule('TL307') });
      assert.deepEqual(d, [], `${cfg}: the task class's forward declares labels, transformers reads them, eval_loss is reported`);
    }
    assert.match(plain[0].message, /PeftModel hides the `labels` argument, so evaluation reports no eval_loss/);
  });
  it("TL406: a blog's DPO call with an args name it never defines is information naming it; TRL < 0.9 (TrainingArguments) is an error", () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL406', 'undefined_args.py'), 'utf8'), { rules: rule('TL406') });
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[5, 'information']]);
    assert.match(d[0].message, /`training_args` \(not defined in the script\) leaves force_use_ref_model=False/);
    const old = lintSnippet(readFileSync(join(FIXTURES, 'TL406', 'old_trl_training_arguments.py'), 'utf8'), { rules: rule('TL406') });
    assert.deepEqual(old.map((x) => x.severity), ['error']);
  });
  it('TL405: a peft_config set to None outside the wrapping branch is information saying so; a pinned TRL 0.27 with a config is a warning (Okino42/gemma3-4b-it-peft)', () => {
    const text = readFileSync(join(FIXTURES, 'TL405', 'peft_config_none_with_adapter.py'), 'utf8');
    const found = lintSnippet(text, { rules: rule('TL405') });
    assert.equal(found.length, 1);
    assert.equal(found[0].severity, 'information');
    assert.match(found[0].message, /when `other_config` is not None \(it is set to None at line 21\)/);
    const always = lintSnippet(readFileSync(join(FIXTURES, 'TL405', 'trl_027.py'), 'utf8'), { rules: rule('TL405') });
    assert.equal(always[0]?.severity, 'warning');
  });

  it("TL201: LLaMA-Factory's `if training_args.predict_with_generate: tokenizer.padding_side = \"left\"` is information naming the condition (phanxuanphucnd/LLMs-SFT-DPO run_sft)", () => {
    const text = readFileSync(join(FIXTURES, 'TL201', 'conditional_side.py'), 'utf8');
    const found = lintSnippet(text, { rules: rule('TL201') });
    assert.deepEqual(found.map((d) => d.severity), ['information', 'warning']);
    assert.match(found[0].message, /if `training_args\.predict_with_generate` holds: the side is set only then/);
    const elseBranch = `from transformers import AutoTokenizer, DataCollatorForSeq2Seq, Trainer
tokenizer = load_unsloth_tokenizer() if use_unsloth else None
if tokenizer is None:
    tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
else:
    tokenizer.padding_side = "left"
trainer = Trainer(model=model, train_dataset=ds, data_collator=DataCollatorForSeq2Seq(tokenizer))
trainer.train()
`;
    assert.match(lintSnippet(elseBranch, { rules: rule('TL201') })[0]?.message ?? '', /\(if `tokenizer is not None` holds/);
  });

  it('TL404: a quantized load of a saved checkpoint (local folder, unknown namespace, unknown id) is information naming the adapter assumption; a published id stays an error (lemonades113-art/sudoku-grpo-training `sudoku_grpo.py`)', () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL404', 'saved_checkpoint.py'), 'utf8'), { rules: rule('TL404') });
    assert.deepEqual(d.map((x) => x.severity), ['information', 'information', 'information', 'error']);
    assert.match(d[0].message, /assuming "output\/sft_model" holds full weights: a folder or repository holding a LoRA adapter/);
    assert.match(d[2].message, /assuming the checkpoint \(its id is not known here\)/);
    assert.doesNotMatch(d[3].message, /assuming/);
  });

  it('TL109: a base tokenizer\'s apply_chat_template inside a try that catches the ValueError is information naming the fallback; a handler that raises again or retries the same function leaves a warning (iamfaham/llama-3.2-GRPO-finetuned `Llama_3_4b_GRPO.ipynb`; AI4Finance-Foundation/FinGPT `inference_mmlu_Llama2.ipynb`)', () => {
    const diags = lintSnippet(readFileSync(join(FIXTURES, 'TL109', 'caught_fallback.py'), 'utf8'), { rules: rule('TL109') });
    assert.deepEqual(diags.map((d) => d.severity), ['information', 'warning', 'warning']);
    assert.match(diags[0].message, /the `try` around it catches that/);
    assert.doesNotMatch(diags[1].message, /catches/);
    assert.doesNotMatch(diags[2].message, /catches/);
  });

  it('TL518: a keyword removed in TRL 0.14 is silent on a pinned TRL older than the releases read, and names a pinned newer one instead of "spans versions on both sides" (DrishtiShrrrma/reward-modeling-rlhf-gpt2-vs-opt-350m)', () => {
    const script = (pin: string) => `${pin}from trl import RewardTrainer
trainer = RewardTrainer(model=model, args=args, train_dataset=ds, max_length=512)
`;
    assert.deepEqual(lintSnippet(script('# pip install trl==0.5.0\n'), { rules: rule('TL518') }), []);
    const newer = lintSnippet(script('# pip install trl==1.14.0\n'), { rules: rule('TL518') });
    assert.equal(newer.length, 1);
    assert.equal(newer[0].severity, 'information');
    assert.match(newer[0].message, /\(TRL 1\.14\.0, from `pip install` on line 1/);
    assert.doesNotMatch(newer[0].message, /both sides/);
    const unknown = lintSnippet(script(''), { rules: rule('TL518') });
    assert.match(unknown[0]?.message ?? '', /\(the installed version is unknown: no installed copy of \w+ was found, nor a pin or an install that names its release\)/);
  });
});
