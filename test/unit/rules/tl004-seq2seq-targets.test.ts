/**
 * TL004 on an encoder-decoder target (43rd corpus pass: AimenAsad/English-German-Urdu-Translation-FLAN-T5-Fine-Tuning-,
 * Subhans1501/Text-Summarization-BART-T5, Alouach-07/GovReport-Summarization-BART-T5): the padded target's pad positions
 * are trained after the end of each target, which the message says instead of the causal-LM story; and an MLM collator,
 * which sets `labels` itself, makes a padded copy harmless.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_RULES } from '../../../server/src/engine/index';
import { lintSnippet, ready } from '../helpers';

const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'rules', 'TL004');
const rules = ALL_RULES.filter((r) => r.code === 'TL004');

describe('TL004: seq2seq targets and MLM collators', () => {
  before(ready);

  it('words a padded seq2seq target as trained padding after the target, not a copy of input_ids', () => {
    const all = lintSnippet(readFileSync(join(FIXTURES, 'seq2seq_target_padded.py'), 'utf8'), { rules });
    assert.equal(all.length, 3);
    const implied = all.filter((x) => x.message.startsWith('`text_target=`'));
    assert.equal(implied.length, 1);
    assert.equal(implied[0].severity, 'warning');
    assert.match(implied[0].message, /pads the target like the inputs and returns it as `labels`, with the pad id in every pad position, never -100: the model's loss ignores only -100/);
    const d = all.filter((x) => !implied.includes(x));
    for (const x of d) {
      assert.equal(x.severity, 'warning');
      assert.match(x.message, /^`labels` are the `input_ids` of the target tokenization, padded with `padding="max_length"`, and the pad positions are never set to -100: the model's loss ignores only -100, so every pad position after the end of each target is trained/);
      assert.match(x.message, /`DataCollatorForSeq2Seq` writes -100 only where it pads itself\.$/);
      assert.doesNotMatch(x.message, /copied|emit pad/);
    }
  });

  it('near miss: the same split tokenization in a causal-LM script keeps the causal wording', () => {
    const causal = `from transformers import AutoModelForCausalLM, AutoTokenizer, Trainer, TrainingArguments
from datasets import Dataset
tokenizer = AutoTokenizer.from_pretrained("gpt2")
model = AutoModelForCausalLM.from_pretrained("gpt2")
def tok(batch):
    model_inputs = tokenizer(batch["text"], padding="max_length", max_length=64)
    labels = tokenizer(batch["text"], padding="max_length", max_length=64)
    model_inputs["labels"] = labels["input_ids"]
    return model_inputs
ds = Dataset.from_dict({"text": ["a"]}).map(tok, batched=True)
Trainer(model=model, args=TrainingArguments("o"), train_dataset=ds).train()
`;
    const d = lintSnippet(causal, { rules });
    assert.equal(d.length, 1);
    assert.match(d[0].message, /^`labels` are copied from `input_ids` padded with `padding="max_length"`.*the model learns to emit pad\/EOS\.$/);
  });

  it('is silent with an MLM collator (mlm=True by default), which sets labels itself; fires with a padding-only collator', () => {
    const text = readFileSync(join(FIXTURES, 'mlm_collator_rebuilds_labels.py'), 'utf8');
    assert.deepEqual(lintSnippet(text, { rules }), []);
    const padOnly = text.replace('DataCollatorForLanguageModeling(tokenizer, mlm_probability=0.15)', 'DataCollatorWithPadding(tokenizer)')
      .replace('DataCollatorForLanguageModeling, Trainer', 'DataCollatorWithPadding, Trainer');
    assert.equal(lintSnippet(padOnly, { rules }).length, 1);
    const wholeWord = text.replace(/DataCollatorForLanguageModeling/g, 'DataCollatorForWholeWordMask');
    assert.deepEqual(lintSnippet(wholeWord, { rules }), []);
  });
});
