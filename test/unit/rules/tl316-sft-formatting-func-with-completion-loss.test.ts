/**
 * TL316: SFTTrainer's formatting_func with completion-only loss on (huggingface/trl#3343, #3385; the 10th recall pass).
 * The verdict by TRL release: refused from 0.18; the default turns the loss on for a "prompt" column before 0.24 and for
 * "prompt" and "completion" from 0.24; on 0.17 the formatted text is never tokenized.
 */
import assert from 'node:assert/strict';
import { lintSnippet, ready } from '../helpers';

const tl316 = (text: string) => lintSnippet(text).filter((d) => d.code === 'TL316');
const script = (pin: string, rows: string, config = 'SFTConfig(output_dir="o")') => `${pin}
from datasets import Dataset
from trl import SFTConfig, SFTTrainer

rows = Dataset.from_list([${rows}])

def fmt(example):
    return f"Q: {example['prompt']}"

trainer = SFTTrainer(model="m", train_dataset=rows, formatting_func=fmt, args=${config})
`;
const PC = '{"prompt": "a", "completion": "b"}';
const P = '{"prompt": "a", "answer": "b"}';

describe('TL316 sft-formatting-func-with-completion-loss', () => {
  before(ready);

  it('is an error from TRL 0.18, information when TRL is unknown, silent before 0.17', () => {
    assert.equal(tl316(script('# pip install trl==0.18.0', PC))[0]?.severity, 'error');
    assert.equal(tl316(script('# pip install trl==1.9.0', PC))[0]?.severity, 'error');
    const [unknown] = tl316(script('', PC));
    assert.equal(unknown?.severity, 'information');
    assert.match(unknown.message, /TRL/);
    assert.equal(tl316(script('# pip install trl==0.16.1', PC)).length, 0);
    assert.equal(tl316(script('# pip install trl==0.16.1', PC, 'SFTConfig(output_dir="o", completion_only_loss=True)')).length, 0);
  });

  it('warns on TRL 0.17 that the formatted text is never tokenized (a "prompt" column)', () => {
    const [d] = tl316(script('# pip install trl==0.17.0', PC));
    assert.equal(d?.severity, 'warning');
    assert.match(d.message, /never trained on/);
    assert.match(d.message, /trl#3343/);
  });

  it('reads the default by release: a "prompt" column alone turns it on before TRL 0.24 only', () => {
    assert.equal(tl316(script('# pip install trl==0.20.0', P))[0]?.severity, 'error');
    assert.equal(tl316(script('# pip install trl==0.24.0', P)).length, 0);
    assert.equal(tl316(script('# pip install trl==0.24.0', P, 'SFTConfig(output_dir="o", completion_only_loss=True)'))[0]?.severity, 'error');
  });

  it('leaves completion_only_loss=False and a language-modeling set alone', () => {
    assert.equal(tl316(script('# pip install trl==1.0.0', PC, 'SFTConfig(output_dir="o", completion_only_loss=False)')).length, 0);
    assert.equal(tl316(script('# pip install trl==1.0.0', '{"text": "a"}')).length, 0);
  });
});
