/**
 * Fixes read on real scripts in session 25 (fixaudit25) that, applied together with `--unsafe-fixes`, made a finding
 * the script did not have: each case is the smallest script of that shape, fixed as `trainlint fix --unsafe-fixes` does.
 */
import assert from 'node:assert/strict';
import { ALL_RULES, fixAll } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const all = (text: string) => lintSnippet(text, { rules: ALL_RULES });
const warnings = (text: string) => all(text).filter((d) => d.severity === 'error' || d.severity === 'warning').map((d) => d.code).sort();

// highlearn/Fine_Tuning `Full_Fine_Tuning_simple.py`: GPT-2, padded rows, a Trainer with no collator.
const GPT2 = `from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
from datasets import load_dataset

model = AutoModelForCausalLM.from_pretrained("gpt2")
tokenizer = AutoTokenizer.from_pretrained("gpt2")
dataset = load_dataset("tiny_shakespeare")

def tokenize(d):
    return tokenizer(d["text"], truncation=True, padding="max_length", max_length=256)

train_data = dataset["train"].map(tokenize)
trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=train_data)
trainer.train()
`;

describe('fixes applied together', () => {
  before(ready);

  it('TL002 adds no DataCollatorForLanguageModeling for a tokenizer without a pad token or padding with EOS', () => {
    const tl002 = (text: string) => all(text).filter((d) => d.code === 'TL002');
    // No pad token (GPT-2) and none set: the collator's first batch raises (TL203).
    assert.equal(tl002(GPT2).length, 1);
    assert.deepEqual(tl002(GPT2)[0].fixes, []);
    // pad == EOS: the collator masks every EOS (TL006).
    const eos = GPT2.replace('tokenizer = AutoTokenizer.from_pretrained("gpt2")\n', 'tokenizer = AutoTokenizer.from_pretrained("gpt2")\ntokenizer.pad_token = tokenizer.eos_token\n');
    assert.deepEqual(tl002(eos)[0].fixes, []);
    // A pad token of its own (set to another token): offered.
    const own = GPT2.replace('tokenizer = AutoTokenizer.from_pretrained("gpt2")\n', 'tokenizer = AutoTokenizer.from_pretrained("gpt2")\ntokenizer.add_special_tokens({"pad_token": "[PAD]"})\n');
    assert.equal(tl002(own)[0].fixes.length, 1);
  });

  it('TL203 (pad = EOS) and TL002 (a masking collator) together no longer make a TL006 warning', () => {
    const before = warnings(GPT2);
    const fixed = fixAll(GPT2, all, true).text;
    assert.match(fixed, /tokenizer\.pad_token = tokenizer\.eos_token/);
    assert.doesNotMatch(fixed, /DataCollatorForLanguageModeling/);
    for (const code of new Set(warnings(fixed))) assert.ok(warnings(fixed).filter((c) => c === code).length <= before.filter((c) => c === code).length, `${code} grew:\n${fixed}`);
  });

  it('TL203 offers no pad = EOS for `tokenizer(…, padding=…)` when a masking collator pads with that tokenizer too', () => {
    // jdevaiya/task-04 `Generative_text_model.py`: GPT-2 rows padded by the tokenizer and a DataCollatorForLanguageModeling.
    const text = GPT2.replace('trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=train_data)',
      'from transformers import DataCollatorForLanguageModeling\ncollator = DataCollatorForLanguageModeling(tokenizer=tokenizer, mlm=False)\n'
      + 'trainer = Trainer(model=model, args=TrainingArguments("out"), train_dataset=train_data, data_collator=collator)');
    const tl203 = all(text).filter((d) => d.code === 'TL203');
    assert.equal(tl203.length, 2);
    assert.deepEqual(tl203.map((d) => d.fixes.length), [0, 0]);
    assert.doesNotMatch(fixAll(text, all, true).text, /pad_token = tokenizer\.eos_token/);
  });
});
