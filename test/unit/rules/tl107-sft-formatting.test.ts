/**
 * TL107 through SFTTrainer's `formatting_func=`: the severity follows TRL's version. One text per example is tokenized
 * with special tokens from TRL 0.15 on (before, SFTTrainer raises without packing); a list per batch before TRL 0.15.
 */
import assert from 'node:assert/strict';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const rules = ALL_RULES.filter((r) => r.code === 'TL107');

const script = (pin: string, body: string) => `${pin}
from datasets import load_dataset
from transformers import AutoTokenizer
from trl import SFTConfig, SFTTrainer
ds = load_dataset("json", data_files="chats.jsonl", split="train")
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.1-8B-Instruct")
${body}
trainer = SFTTrainer(model=model, processing_class=tokenizer, train_dataset=ds, formatting_func=fmt, args=SFTConfig(output_dir="o"))
`;
const ONE = 'def fmt(example):\n    return tokenizer.apply_chat_template(example["messages"], tokenize=False)\n';
const ONE_QA = 'def fmt(example):\n    chat = [{"role": "user", "content": example["question"]}, {"role": "assistant", "content": example["answer"]}]\n'
  + '    return tokenizer.apply_chat_template(chat, tokenize=False)\n';
const BATCH = 'def fmt(examples):\n    return [tokenizer.apply_chat_template(c, tokenize=False) for c in examples["messages"]]\n';

describe('TL107: SFTTrainer formatting_func by TRL version', () => {
  before(ready);

  it('one text per example: a warning with TRL >= 0.15, silent before, information when unknown', () => {
    const found = (pin: string) => lintSnippet(script(pin, ONE_QA), { rules });
    assert.equal(found('# !pip install trl==0.19.1')[0]?.severity, 'warning');
    assert.match(found('# !pip install trl==0.19.1')[0].message, /the text `formatting_func` returns.*TRL 0\.19\.1.*two BOS tokens/);
    assert.deepEqual(found('# !pip install trl==0.14.0'), [], 'TRL 0.14 raises: the function must return a list');
    const unknown = found('');
    assert.equal(unknown[0]?.severity, 'information');
    assert.match(unknown[0].message, /\(with TRL ≥ 0\.15; the installed version is unknown: no installed copy of TRL was found, nor a pin or an install that names its release\)/);
  });

  it('one text per example of a dataset that keeps its messages: only TRL 0.15-0.16 tokenize a text (TRL >= 0.17 the conversation)', () => {
    const found = (pin: string) => lintSnippet(script(pin, ONE), { rules });
    assert.equal(found('# !pip install trl==0.16.1')[0]?.severity, 'warning');
    assert.deepEqual(found('# !pip install trl==0.19.1'), []);
    assert.deepEqual(found('# !pip install trl==0.14.0'), []);
    assert.equal(found('')[0]?.severity, 'information');
  });

  it('a list per batch: a warning with TRL < 0.15, silent from 0.15', () => {
    const found = (pin: string) => lintSnippet(script(pin, BATCH), { rules });
    assert.equal(found('# !pip install trl==0.12.2')[0]?.severity, 'warning');
    assert.deepEqual(found('# !pip install trl==0.19.1'), []);
    assert.equal(found('')[0]?.severity, 'information');
  });

  it('a template of unknown BOS is information, whatever the version', () => {
    const text = script('# !pip install trl==0.19.1', ONE_QA).replace('meta-llama/Llama-3.1-8B-Instruct', './my-checkpoint');
    assert.equal(lintSnippet(text, { rules })[0]?.severity, 'information');
  });
});
