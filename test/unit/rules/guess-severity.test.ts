/**
 * Findings that rest on a guess (docs/corpus.md, "Audit: findings that rest on a guess"): a failure only a
 * command-line flag brings about, a name in a comment, a family or fact the script does not show is information that
 * names the assumption, or nothing; the same finding the script proves keeps the rule's severity.
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const rule = (code: string) => ALL_RULES.filter((r) => r.code === code);
const severities = (text: string, code: string) => lintSnippet(text, { rules: rule(code) }).map((d) => d.severity);

describe('severities of findings that rest on a guess', () => {
  before(ready);

  it('an unpinned install that does not run (in a comment, in a docstring) is no evidence of the version: information naming it; an exact pin is still the release', () => {
    const script = (install: string) => `${install}
from transformers import TrainingArguments
args = TrainingArguments(output_dir="o", evaluation_strategy="steps")
`;
    const commented = lintSnippet(script('# !pip install transformers'), { rules: rule('TL504') });
    assert.deepEqual(commented.map((d) => d.severity), ['information']);
    assert.match(commented[0].message, /the only install of transformers is unpinned and does not run \(line 1, in a comment\): the installed version is unknown/);
    const docstring = lintSnippet(script('"""Fine-tune.\n\nRequirements:\n    pip install transformers\n"""'), { rules: rule('TL504') });
    assert.deepEqual(docstring.map((d) => d.severity), ['information']);
    assert.match(docstring[0].message, /in a string/);
    assert.deepEqual(severities(script('# !pip install transformers==5.0.0'), 'TL504'), ['error'], 'an exact pin, even in a comment, names the release');
  });

  it('TL406: a PEFT config only with --use_peft is information naming the flag; arguments from the command line (the defaults raise) a warning naming the flag; literal ones an error', () => {
    const script = (peft: string, args: string) => `# pip install trl==0.19.1
from transformers import AutoModelForCausalLM
from peft import LoraConfig
from trl import DPOConfig, DPOTrainer, ModelConfig, TrlParser, get_peft_config
model = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-0.5B-Instruct")
ref = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2-0.5B-Instruct")
model_args = ModelConfig(model_name_or_path="Qwen/Qwen2-0.5B-Instruct")
parser = TrlParser((DPOConfig,))
(cli_args,) = parser.parse_args_and_config()
trainer = DPOTrainer(model, ref_model=ref, args=${args}, train_dataset=ds, peft_config=${peft})
trainer.train()
`;
    const usePeft = lintSnippet(script('get_peft_config(model_args)', 'DPOConfig(output_dir="o")'), { rules: rule('TL406') });
    assert.deepEqual(usePeft.map((d) => d.severity), ['information']);
    assert.match(usePeft[0].message, /when the script runs with --use_peft/);
    const cli = lintSnippet(script('LoraConfig(r=8)', 'cli_args'), { rules: rule('TL406') });
    assert.deepEqual(cli.map((d) => d.severity), ['warning']);
    assert.match(cli[0].message, /unless the command line passes --force_use_ref_model/);
    assert.deepEqual(severities(script('LoraConfig(r=8)', 'DPOConfig(output_dir="o")'), 'TL406'), ['error']);
  });

  it('TL104: "AutoModelForCausalLM" in a comment does not make a BERT classifier script a causal-LM one; the class in code does', () => {
    const script = (cls: string) => `# pip install transformers==4.44.0
# Note: we use a classifier here, not AutoModelForCausalLM.
from datasets import load_dataset
from transformers import ${cls}, AutoTokenizer, Trainer, TrainingArguments
tokenizer = AutoTokenizer.from_pretrained("some-org/model")
model = ${cls}.from_pretrained("some-org/model")
ds = load_dataset("imdb", split="train")
def fmt(ex):
    text = f"Review: {ex['text']}"
    return tokenizer(text, truncation=True)
ds = ds.map(fmt)
trainer = Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds)
trainer.train()
`;
    assert.deepEqual(severities(script('AutoModelForSequenceClassification'), 'TL104'), []);
    assert.deepEqual(severities(script('AutoModelForCausalLM'), 'TL104'), ['warning']);
  });
});

describe('tokenizer facts guessed from "mistral" in a model id', () => {
  before(ready);

  it('TL102/TL203: Mistral NeMo (Tekken, a byte-level BPE) is not treated as Mistral 7B\'s SentencePiece tokenizer without a pad token; Mistral 7B still is', () => {
    const script = (id: string) => `# pip install trl==0.11.4
from transformers import AutoTokenizer
from trl import DataCollatorForCompletionOnlyLM, SFTTrainer
tokenizer = AutoTokenizer.from_pretrained("${id}")
collator = DataCollatorForCompletionOnlyLM("### Assistant:", tokenizer=tokenizer)
trainer = SFTTrainer(model="${id}", train_dataset=ds, data_collator=collator, tokenizer=tokenizer)
trainer.train()
`;
    const codes = (id: string) => lintSnippet(script(id), { rules: ALL_RULES.filter((r) => r.code === 'TL102' || r.code === 'TL203') })
      .map((d) => `${d.code} ${d.severity}`).sort();
    assert.deepEqual(codes('mistralai/Mistral-Nemo-Base-2407'), []);
    assert.deepEqual(codes('mistralai/Mistral-Small-24B-Base-2501'), []);
    assert.deepEqual(codes('mistralai/Mistral-7B-v0.1'), ['TL102 warning', 'TL203 warning']);
  });
});

describe('TL303: do_eval alone schedules no evaluation', () => {
  before(ready);

  it('is information naming the assumption unless the script calls trainer.evaluate() itself; then a warning; eval_strategy stays an error', () => {
    const script = (extra: string, flag = 'do_eval=True') => `from transformers import Trainer, TrainingArguments
args = TrainingArguments(output_dir="o", ${flag})
trainer = Trainer(model=model, args=args, train_dataset=ds)
trainer.train()
${extra}`;
    const quiet = lintSnippet(script(''), { rules: rule('TL303') });
    assert.deepEqual(quiet.map((d) => d.severity), ['information']);
    assert.match(quiet[0].message, /assumes something calls it: this script does not/);
    assert.deepEqual(severities(script('metrics = trainer.evaluate()\n'), 'TL303'), ['warning']);
    assert.deepEqual(severities(script('', 'eval_strategy="steps"'), 'TL303'), ['error']);
  });
});

describe('TL405: a second set of adapters only with --use_peft', () => {
  before(ready);

  it('is information naming the flag when peft_config comes from get_peft_config; a literal LoraConfig stays a warning', () => {
    const script = (peft: string) => `# pip install trl==0.27.0
from peft import LoraConfig, PeftModel
from transformers import AutoModelForCausalLM
from trl import SFTConfig, SFTTrainer, ModelConfig, TrlParser, get_peft_config
parser = TrlParser((SFTConfig, ModelConfig))
training_args, model_args = parser.parse_args_and_config()
base = AutoModelForCausalLM.from_pretrained("Qwen/Qwen2.5-0.5B")
model = PeftModel.from_pretrained(base, "my-adapter")
trainer = SFTTrainer(model=model, args=training_args, train_dataset=ds, peft_config=${peft})
trainer.train()
`;
    const flag = lintSnippet(script('get_peft_config(model_args)'), { rules: rule('TL405') });
    assert.deepEqual(flag.map((d) => d.severity), ['information']);
    assert.match(flag[0].message, /when the script runs with --use_peft \(get_peft_config returns None without it\)/);
    assert.deepEqual(severities(script('LoraConfig(r=8)'), 'TL405'), ['warning']);
  });
});

describe('TL108: the official template of a fine-tune under another namespace', () => {
  before(ready);

  it('is information naming the assumption; the original checkpoint stays a warning', () => {
    const script = (id: string) => `# pip install trl==0.20.0
from transformers import AutoTokenizer
from trl import SFTConfig, SFTTrainer
tokenizer = AutoTokenizer.from_pretrained("${id}")
trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=ds, args=SFTConfig(output_dir="o", assistant_only_loss=True))
trainer.train()
`;
    const ft = lintSnippet(script('my-org/qwen2.5-7b-instruct-agent-sft'), { rules: rule('TL108') });
    assert.deepEqual(ft.map((d) => d.severity), ['information']);
    assert.match(ft[0].message, /assuming "my-org\/qwen2\.5-7b-instruct-agent-sft", a fine-tune rather than an original checkpoint, kept its family's official template/);
    assert.deepEqual(severities(script('Qwen/Qwen2.5-7B-Instruct'), 'TL108'), ['warning']);
  });
});
