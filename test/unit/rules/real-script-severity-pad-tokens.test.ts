/**
 * Severities of the pad-token rules (TL006 pad = EOS, TL202 new tokens without resized embeddings) on patterns reduced from
 * real public fine-tuning scripts (docs/corpus.md): a warning or an error only where the script proves it; what rests on
 * an assumption is information that names it.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules');

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);

describe('severities on reduced real scripts: pad tokens', () => {
  before(ready);
  it('TL202: an inference demo that adds a pad token is information; the same lines before a Trainer are an error', () => {
    const demo = `from transformers import AutoModelForCausalLM, AutoTokenizer
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-chat-hf")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-chat-hf")
if not tokenizer.pad_token:
    tokenizer.add_special_tokens({"pad_token": "[PAD]"})
out = model.generate(**tokenizer("Hi", return_tensors="pt"), pad_token_id=tokenizer.pad_token_id)
`;
    const quiet = lintSnippet(demo, { rules: rule('TL202') });
    assert.equal(quiet.length, 1);
    assert.equal(quiet[0].severity, 'information');
    assert.match(quiet[0].message, /this script trains nothing/);
    const trains = lintSnippet(`${demo}from transformers import Trainer\ntrainer = Trainer(model=model, train_dataset=ds)\n`, { rules: rule('TL202') });
    assert.equal(trains[0]?.severity, 'error');
    assert.doesNotMatch(trains[0].message, /trains nothing/);
  });

  it('TL202: a new pad token for an SFTTrainer that packs is information (unknown TRL), quiet where packing never pads, an error on 0.16–0.18 or when the tokenizer also pads (james-tn/llm-fine-tuning `quick_fine_tune.ipynb`)', () => {
    const script = (pin: string, extra = '') => `${pin}from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTTrainer
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer.add_special_tokens({'pad_token': '<PAD>'})
trainer = SFTTrainer(model=model, train_dataset=ds, packing=True, tokenizer=tokenizer, max_seq_length=1024, formatting_func=f)
trainer.train()
${extra}`;
    const unknown = lintSnippet(script(''), { rules: rule('TL202') });
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.match(unknown[0].message, /packs its rows .* the version is not known here/);
    assert.equal(lintSnippet(script('# pip install trl==0.12.1\n'), { rules: rule('TL202') }).length, 0);
    assert.deepEqual(lintSnippet(script('# pip install trl==0.17.0\n'), { rules: rule('TL202') }).map((d) => d.severity), ['error']);
    // The same tokenizer pads a batch for generation: the new id reaches the model there.
    const pads = lintSnippet(script('', 'batch = tokenizer(["a", "bc"], return_tensors="pt", padding=True)\n'), { rules: rule('TL202') });
    assert.deepEqual(pads.map((d) => d.severity), ['error']);
    // Another tokenizer under the same name pads: not this one.
    const other = lintSnippet(script('', 'tokenizer = AutoTokenizer.from_pretrained("out")\nbatch = tokenizer(["a", "bc"], return_tensors="pt", padding=True)\n'), { rules: rule('TL202') });
    assert.deepEqual(other.map((d) => d.severity), ['information']);
  });

  it('TL006: pad = EOS behind `if tok.pad_token is None:` is information naming the assumption when the tokenizer is unknown; a warning without the guard', () => {
    const script = (guard: boolean) => `from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
tokenizer = AutoTokenizer.from_pretrained("some-org/custom-7b")
${guard ? 'if tokenizer.pad_token is None:\n    ' : ''}tokenizer.pad_token = tokenizer.eos_token
trainer = Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
trainer.train()
`;
    const guarded = lintSnippet(script(true), { rules: rule('TL006') });
    assert.deepEqual(guarded.map((d) => d.severity), ['information']);
    assert.match(guarded[0].message, /if the tokenizer of "some-org\/custom-7b" has no pad token of its own/);
    assert.deepEqual(lintSnippet(script(false), { rules: rule('TL006') }).map((d) => d.severity), ['warning']);
  });

  it('TL006: pad = EOS under another test of the pad token (`elif tok.pad_token_id == tok.bos_token_id:`) is information naming the condition (xu-0306/qwen3-finetune)', () => {
    const script = `from transformers import AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
tokenizer = AutoTokenizer.from_pretrained("./models/Qwen3-1.7B")
if tokenizer.pad_token_id is None:
    tokenizer.pad_token_id = tokenizer.eos_token_id
elif tokenizer.pad_token_id == tokenizer.bos_token_id:
    tokenizer.pad_token_id = tokenizer.eos_token_id
trainer = Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds, data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
trainer.train()
`;
    const found = lintSnippet(script, { rules: rule('TL006') });
    assert.deepEqual(found.map((d) => [d.range.start.line, d.severity]), [[3, 'information'], [5, 'information']]);
    assert.match(found[1].message, /if `tokenizer\.pad_token_id == tokenizer\.bos_token_id` holds for this tokenizer/);
  });

  it('TL006: setup_chat_format on a text field the script never renders a template into: the message says the rows hold <|im_end|> only if their text does (ANYANTUDRE/Fine-tuning-LLMs)', () => {
    const script = (format: string) => `# pip install trl==0.15.2
from transformers import AutoModelForCausalLM, AutoTokenizer
from trl import SFTConfig, SFTTrainer, setup_chat_format
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-2-7b-hf")
model, tokenizer = setup_chat_format(model, tokenizer)
${format}
trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=ds, args=SFTConfig(output_dir="o", dataset_text_field="text"))
trainer.train()
`;
    const plain = lintSnippet(script('ds = ds.map(lambda r: {"text": f"[{r[\'title\']}] = {r[\'label\']}"})'), { rules: rule('TL006') });
    assert.deepEqual(plain.map((d) => d.severity), ['warning']);
    assert.match(plain[0].message, /renders no chat template and writes no `<\|im_end\|>`, so a row of the `text` field ends with one only if its text holds it/);
    assert.doesNotMatch(plain[0].message, /every real EOS is masked/);
    const rendered = lintSnippet(script('ds = ds.map(lambda r: {"text": tokenizer.apply_chat_template(r["messages"], tokenize=False)})'), { rules: rule('TL006') });
    assert.match(rendered[0]?.message ?? '', /every real EOS is masked/);
  });

  it('TL202: a collator class\'s `self.tokenizer` is the tokenizer every construction passes (huggingface/peft cpt_train_and_inference.ipynb); constructions that disagree leave it unknown', () => {
    const text = readFileSync(join(FIXTURES, 'TL202', 'collator_class_tokenizer.py'), 'utf8');
    const d = lintSnippet(text, { rules: rule('TL202') });
    assert.deepEqual(d.map((x) => x.severity), ['error', 'error']);
    // A second construction with another tokenizer: which one `self.tokenizer` holds is not one thing.
    const two = text.replace('trainer.train()\n', 'trainer.train()\nother = AutoTokenizer.from_pretrained("some-org/custom-7b")\nPaddingCollator(other)\nTaggingCollator(tok=other)\n');
    const d2 = lintSnippet(two, { rules: rule('TL202') });
    assert.deepEqual(d2.map((x) => x.severity), ['information', 'information']);
    assert.match(d2[0].message, /the model is not known here/);
    // Any other object's `.tokenizer = …` may set the instance's: unknown.
    const set = lintSnippet(text.replace('trainer.train()\n', 'trainer.train()\ntrainer.data_collator.tokenizer = tokenizer\n'), { rules: rule('TL202') });
    assert.deepEqual(set.map((x) => x.severity), ['information', 'information']);
  });

  it('TL006: a model id from a command-line default (transformers `examples/scheduler/run_greedy.py`) words the finding as that default, stays information and offers no fix', () => {
    const text = readFileSync(join(FIXTURES, 'TL006', 'command_line_default.py'), 'utf8');
    const d = lintSnippet(text, { rules: rule('TL006') });
    assert.deepEqual(d.map((x) => x.severity), ['information']);
    assert.match(d[0].message, /assuming the default of `--model_name_or_path`, "meta-llama\/Llama-3\.2-1B", whose tokenizer has no pad token, so the `if` sets one; the command line may name another model/);
    assert.match(d[0].message, /`tokenizer\(examples\["text"\], …\)` appends no EOS/);
    assert.ok(d[0].related?.some((r) => /--model_name_or_path defaults to "meta-llama\/Llama-3\.2-1B" here/.test(r.message)));
    assert.deepEqual(d[0].fixes ?? [], []);
    // Without the guard the assignment always runs: the warning does not rest on the default; the EOS wording names it.
    const unguarded = lintSnippet(text.replace('    if tokenizer.pad_token is None:\n        tokenizer.pad_token', '    tokenizer.pad_token'), { rules: rule('TL006') });
    assert.deepEqual(unguarded.map((x) => x.severity), ['warning']);
    assert.match(unguarded[0].message, /appends no EOS \(assuming the default of `--model_name_or_path`, "meta-llama\/Llama-3\.2-1B"; the command line may name another model\)/);
    assert.deepEqual(unguarded[0].fixes ?? [], []);
  });

  it('TL006: rows tokenized straight from a column hold no EOS the tokenizer added: the message says so (peremartra LoRA/QLoRA notebooks); rows built with EOS keep the masking message', () => {
    const script = (map: string) => `from datasets import load_dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
model_name = "meta-llama/Llama-3.2-1B"
tokenizer = AutoTokenizer.from_pretrained(model_name)
model = AutoModelForCausalLM.from_pretrained(model_name)
data = load_dataset("fka/awesome-chatgpt-prompts")
data = data.map(${map}, batched=True)
train_sample = data["train"].select(range(50))
tokenizer.pad_token = tokenizer.eos_token
trainer = Trainer(model=model, train_dataset=train_sample, args=TrainingArguments("o"),
                  data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
trainer.train()
`;
    const plain = lintSnippet(script('lambda samples: tokenizer(samples["prompt"])'), { rules: rule('TL006') });
    assert.deepEqual(plain.map((d) => d.severity), ['warning']);
    assert.match(plain[0].message, /`tokenizer\(samples\["prompt"\]\)` appends no EOS, so a row ends with one only if its text holds it/);
    assert.doesNotMatch(plain[0].message, /every real EOS is masked/);
    const withEos = lintSnippet(script('lambda samples: tokenizer([p + tokenizer.eos_token for p in samples["prompt"]])'), { rules: rule('TL006') });
    assert.match(withEos[0]?.message ?? '', /every real EOS is masked/);
    const eosAdded = lintSnippet(script('lambda samples: tokenizer(samples["prompt"])').replace('from_pretrained(model_name)\nmodel', 'from_pretrained(model_name, add_eos_token=True)\nmodel'), { rules: rule('TL006') });
    assert.match(eosAdded[0]?.message ?? '', /every real EOS is masked/);
    // A tokenizer of no known family may append EOS itself: the masking message stays.
    const unknown = lintSnippet(script('lambda samples: tokenizer(samples["prompt"])').replace('"meta-llama/Llama-3.2-1B"', '"some-org/custom-1b"'), { rules: rule('TL006') });
    assert.match(unknown[0]?.message ?? '', /every real EOS is masked/);
  });

  it('TL202: a tokenizer returned by the script\'s own loader has the family of the id the call passes (Llama 2: an error, Qwen: information)', () => {
    const script = (id: string) => `from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer
def get_tokenizer(name):
    tok = AutoTokenizer.from_pretrained(name)
    return tok
tokenizer = get_tokenizer("${id}")
model = AutoModelForCausalLM.from_pretrained("${id}")
tokenizer.add_special_tokens({"additional_special_tokens": ["<|tool|>"]})
trainer = Trainer(model=model, train_dataset=ds, processing_class=tokenizer)
trainer.train()
`;
    assert.deepEqual(lintSnippet(script('meta-llama/Llama-2-7b-hf'), { rules: rule('TL202') }).map((d) => d.severity), ['error']);
    assert.deepEqual(lintSnippet(script('Qwen/Qwen2.5-0.5B'), { rules: rule('TL202') }).map((d) => d.severity), ['information']);
  });

  it('TL202: a tokenizer never used after the addition (SFTTrainer loads its own) is information saying so; one that tokenizes the data, for a model not known here, is information naming the no-spare-rows assumption', () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL202', 'tokenizer_not_used.py'), 'utf8'), { rules: rule('TL202') });
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[6, 'information'], [14, 'information']]);
    assert.match(d[0].message, /`tokenizer` is not used after this line: no trainer gets it/);
    assert.match(d[1].message, /the model is not known here, so this assumes its embedding matrix has no spare rows/);
    assert.doesNotMatch(d[1].message, /not used after this line/);
  });

  it('TL202: tokens added only for a model the script tests by name are information naming the test; elsewhere (model unknown) information naming the assumption', () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL202', 'model_name_guard.py'), 'utf8'), { rules: rule('TL202') });
    // A test of the tokenizer's class (axolotl's loaders/tokenizer.py) names no model: the general unknown-model message.
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[8, 'information'], [11, 'information'], [14, 'information'], [17, 'information']]);
    assert.match(d[0].message, /runs only for a model whose name matches "internlm2", and whether its vocabulary already holds these tokens is not known/);
    assert.match(d[1].message, /matches "gemma"/);
    assert.match(d[2].message, /the model is not known here, so this assumes its embedding matrix has no spare rows/);
    assert.match(d[3].message, /the model is not known here/);
  });

  it("TL202: Whisper's timestamp tokens are silent; Yuan 2.0's own tokens are information naming the path; another token (model unknown) is information naming the no-spare-rows assumption", () => {
    const d = lintSnippet(readFileSync(join(FIXTURES, 'TL202', 'model_own_tokens.py'), 'utf8'), { rules: rule('TL202') });
    assert.deepEqual(d.map((x) => [x.range.start.line, x.severity]), [[13, 'information'], [18, 'information']]);
    assert.match(d[1].message, /the model is not known here/);
    assert.match(d[0].message, /Yuan 2\.0's own special tokens.*assumes "\/root\/models\/Yuan2-2B-Mars-hf" is one/);
    assert.deepEqual(d[0].fixes, []);
  });
  it('TL006: pad = EOS in the branch for models other than one the script tests (accelerate `examples/finetune_lm_tpu.py`) is information naming the test; a test the script decides keeps the warning', () => {
    const script = (head: string, test: string) => `from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
${head}tokenizer = AutoTokenizer.from_pretrained(model_id)
model = AutoModelForCausalLM.from_pretrained(model_id)
if tokenizer.pad_token is None:
    if ${test}:
        tokenizer.pad_token = "<|finetune_right_pad_id|>"
    elif tokenizer.eos_token is not None:
        tokenizer.pad_token = tokenizer.eos_token
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=ds,
                  data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
trainer.train()
`;
    const unknown = lintSnippet(script('model_id = "meta-llama/Llama-3.1-8B"\n', 'model.config.model_type == "llama"'), { rules: rule('TL006') });
    assert.deepEqual(unknown.map((d) => d.severity), ['information']);
    assert.match(unknown[0].message, /only where `model\.config\.model_type == "llama"` does not hold: the assignment runs for some models only/);
    const decided = lintSnippet(script('model_id = "meta-llama/Llama-3.1-8B"\nmodel_name = "gpt2"\n', '"llama" in model_name'), { rules: rule('TL006') });
    assert.deepEqual(decided.map((d) => d.severity), ['warning']);
    // Whether a model path is given or exists names no model (peft `miss_finetuning.py`, Yosef-Ali `smart_train.py`).
    for (const test of ['model_path.exists()', 'args.base_model_name_or_path is not None']) {
      const other = lintSnippet(script('model_id = "meta-llama/Llama-3.1-8B"\n', test), { rules: rule('TL006') });
      assert.doesNotMatch(other[0]?.message ?? '', /runs for some models only/, test);
    }
  });
});
