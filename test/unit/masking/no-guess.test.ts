/** The masking preview says what it could not evaluate, and takes the pad token the script sets. */
import assert from 'node:assert/strict';
import { ready } from '../helpers';
import { analyse } from '../../../server/src/engine/lint/analysis';
import { Environment } from '../../../server/src/engine/env/versions';
import { ParsedScript } from '../../../server/src/engine/syntax/parsed-script';
import { ScriptDocument } from '../../../server/src/engine/syntax/script-document';
import { approximateTokenizer } from '../../../server/src/engine/masking/approx-tokenizer';
import { renderScriptMasking } from '../../../server/src/engine/masking/script-preview';

function preview(text: string) {
  const doc = ScriptDocument.fromPython('/tmp/trainlint-test/train.py', text);
  const script = ParsedScript.parse(doc.text);
  try {
    const a = analyse(doc, script, new Environment());
    const p = renderScriptMasking(a, approximateTokenizer('llama-3', 'meta-llama/Llama-3.2-1B'), [], { rows: 2 });
    assert.ok('samples' in p, JSON.stringify(p));
    return p as Extract<typeof p, { samples: unknown }>;
  } finally { script.dispose(); }
}

const LM = (setPad: string) => `from datasets import Dataset
from transformers import AutoModelForCausalLM, AutoTokenizer, DataCollatorForLanguageModeling, Trainer, TrainingArguments
tokenizer = AutoTokenizer.from_pretrained("meta-llama/Llama-3.2-1B")
${setPad}
model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-3.2-1B")
dataset = Dataset.from_list([{"text": "Hello there"}])
trainer = Trainer(model=model, args=TrainingArguments(output_dir="o"), train_dataset=dataset,
                  data_collator=DataCollatorForLanguageModeling(tokenizer, mlm=False))
`;
const NO_PAD = /the tokenizer has no pad token/;

describe('masking preview: no finding from a guess', () => {
  before(ready);

  it('says "no pad token" only when the script sets none', () => {
    assert.ok(preview(LM('')).warnings.some((w) => NO_PAD.test(w)), 'must fire without a pad token');
    for (const set of ['tokenizer.pad_token = tokenizer.unk_token', 'tokenizer.add_special_tokens({"pad_token": "[PAD]"})',
      'tokenizer.pad_token = "<|finetune_right_pad_id|>"', 'tokenizer.pad_token_id = 0', 'tokenizer.add_special_tokens(special)']) {
      const p = preview(LM(set));
      assert.ok(!p.warnings.some((w) => NO_PAD.test(w)), `${set}: ${p.warnings.join(' | ')}`);
    }
  });

  it('is exact only when every step was evaluated', () => {
    assert.equal(preview(LM('tokenizer.pad_token = tokenizer.eos_token')).exact, true);
    const unfollowed = preview(LM('tokenizer.pad_token = tokenizer.eos_token').replace('dataset = Dataset.from_list([{"text": "Hello there"}])',
      'dataset = Dataset.from_list([{"text": "Hello there"}])\ndataset = dataset.map(lambda e: tokenizer(e["text"] + tokenizer.eos_token))'));
    assert.equal(unfollowed.exact, false);
  });
});
